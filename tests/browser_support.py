"""Helpers for the real-browser tests: a Streamlit server on a free port, Debian's Chromium for Playwright,
Plotly point positions, full-page screenshots, and the text inside an exported PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path


from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, free_port, stop, streamlit_server  # noqa: F401


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

