"""Run the dashboard on loopback for the browser tests, the load test and the benchmark.

One place for the Streamlit command line, the health check, the stop (the whole process group: the server
starts kaleido's Chromium children) and Debian's Chromium flags (Playwright cannot download a browser here).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from components import config

CHROMIUM = "/usr/bin/chromium"
# Headless, and no outside calls at start (the machine's network is closed).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """True when the Streamlit server at url answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def start_streamlit(db: Path, port: int, log) -> subprocess.Popen:
    """`streamlit run app.py` (the dashboard as scripts/run.sh serves it: warmed at start, no 404 probes) on
    127.0.0.1:port, read-only (editing off), reading db; output to log. TIMELINE_WARMUP=0 serves it cold."""
    env = {**os.environ, "TIMELINE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    env.pop("TIMELINE_EDIT", None)
    cmd = [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(cmd, cwd=config.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server's own process group, then kill it if it does not go within 15 s."""
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


@contextlib.contextmanager
def streamlit_server(db: Path, log_path: Path, timeout: float = 90, port: int | None = None) -> Iterator[str]:
    """Start the dashboard, wait until it is healthy, yield its base URL, stop it afterwards.

    The server's output goes to log_path and is quoted in the error when the server does not come up.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = start_streamlit(db, port, log)
        try:
            deadline = time.monotonic() + timeout
            while not healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Streamlit did not come up on {url} (exit code {proc.poll()}):\n"
                                       + Path(log_path).read_text(errors="replace")[-3000:])
                time.sleep(0.25)
            yield url
        finally:
            stop(proc)
