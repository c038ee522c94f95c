"""Helpers for the real-browser tests: a Streamlit server on a free port, Debian's Chromium for Playwright,
Plotly point positions, full-page screenshots, and the text inside an exported PDF.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

from components import config

CHROMIUM = "/usr/bin/chromium"
# Playwright cannot download its own browsers here; Debian's Chromium with these flags starts headless
# and makes no outside calls.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextlib.contextmanager
def streamlit_server(db: Path, log_path: Path, timeout: float = 90) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free port with TIMELINE_DB=db; yields the base URL, then stops it.

    The server's output goes to log_path; it is quoted in the error when the server does not come up.
    """
    port = free_port()
    env = {**os.environ, "TIMELINE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    env.pop("TIMELINE_EDIT", None)
    cmd = [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "dashboard.py"),
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=config.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Streamlit did not come up on {url} (exit code {proc.poll()}):\n"
                                       + Path(log_path).read_text(errors="replace")[-3000:])
                time.sleep(0.25)
            yield url
        finally:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server's own process group (it starts kaleido's Chromium children)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# --- Plotly ---------------------------------------------------------------------------------------

POINTS_JS = """
(chartIndex) => {
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const gd = charts[chartIndex];
  if (!gd) return [];
  const out = [];
  // Only the main plot area: the range slider draws a second, miniature copy of every trace.
  gd.querySelectorAll('.cartesianlayer .subplot.xy .scatterlayer .trace').forEach(tr => {
    const cd = tr.__data__;
    if (!cd || !cd[0] || !cd[0].trace) return;
    const trace = cd[0].trace;
    tr.querySelectorAll('path.point').forEach(pt => {
      const d = pt.__data__;
      const r = pt.getBoundingClientRect();
      out.push({custom: trace.customdata ? trace.customdata[d.i] : null, name: trace.name,
                x: r.x + r.width / 2, y: r.y + r.height / 2, size: r.width});
    });
  });
  return out;
}
"""


def plot_points(page, chart_index: int = 0) -> list[dict]:
    """Every drawn marker of one chart: its customdata, trace name and screen centre."""
    return page.evaluate(POINTS_JS, chart_index)


def most_isolated(points: list[dict], candidates: list[dict]) -> dict:
    """The candidate farthest from any other marker: a click there cannot hit a neighbour."""
    def gap(p):
        return min(((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2) ** 0.5 for q in points if q is not p)
    return max(candidates, key=gap)


# --- screenshots ----------------------------------------------------------------------------------

def full_page_screenshot(page, path: Path, width: int = 1400) -> None:
    """Streamlit scrolls inside its main container, so Playwright's full_page sees only the viewport.
    Grow the viewport to the content's height, shoot, and put the viewport back."""
    before = page.viewport_size
    measure = """() => {
        const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
        const side = document.querySelector('[data-testid="stSidebarContent"]');
        return Math.max(main.scrollHeight, side ? side.scrollHeight : 0, window.innerHeight);
    }"""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        height = 0
        for _ in range(5):  # content below the fold may still be laying out: grow until the height holds
            now = min(int(page.evaluate(measure)), 16000)
            if now == height:
                break
            height = now
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(700)  # Plotly and the data grids redraw at the new size
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(before)


# --- files ----------------------------------------------------------------------------------------

def _pdf_streams(raw: bytes) -> Iterator[bytes]:
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.DOTALL):
        try:
            yield zlib.decompress(m.group(1))
        except zlib.error:
            yield m.group(1)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for code in range(int(lo, 16), int(hi, 16) + 1):
                out[code] = chr(int(dst, 16) + code - int(lo, 16))
    return out


def pdf_text(raw: bytes) -> str:
    """The text of a PDF: `pdftotext` when poppler-utils is installed, else a small decoder for the
    Chromium/Skia PDFs kaleido writes (text as 2-byte glyph ids, mapped through ToUnicode CMaps)."""
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=raw, capture_output=True, timeout=60,
                              check=False)
        if done.returncode == 0:
            return done.stdout.decode("utf-8", "replace")
    streams = list(_pdf_streams(raw))
    cmaps = [_to_unicode(s) for s in streams if b"begincmap" in s]
    lines = []
    for s in streams:
        for block in re.findall(rb"BT(.*?)ET", s, re.DOTALL):
            hexes = b"".join(re.findall(rb"<([0-9A-Fa-f]+)>", block))
            codes = [int(hexes[i:i + 4], 16) for i in range(0, len(hexes) - 3, 4)]
            lines += ["".join(cm.get(c, "") for c in codes) for cm in cmaps]
    return "\n".join(line for line in lines if line.strip())

