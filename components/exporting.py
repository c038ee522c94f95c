"""Chart images through one kept-alive kaleido browser behind a lock; data as CSV and JSON.

Kaleido finds Debian's /usr/bin/chromium by itself. Its sync server is not thread-safe and Streamlit
runs sessions on threads, so every export goes through `_LOCK`.
"""

from __future__ import annotations

import json
import shutil
import threading
import warnings
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from components.filters import Filters

IMAGE_FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
        "csv": "text/csv", "json": "application/json"}
CHROMIUM_HELP = ("Image export needs Chromium. Install it with `apt-get install -y chromium` (Debian/Ubuntu) "
                 "and restart; the interactive HTML export and the data downloads work without it.")

_LOCK = threading.Lock()
_server_started = False


class ExportUnavailable(Exception):
    """No browser for kaleido on this machine; the message says how to install one."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def images_available() -> bool:
    return chromium_path() is not None


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    _server_started = True


def figure_image(fig: go.Figure, fmt: str, width: int = 1400, height: int | None = None, scale: float = 1) -> bytes:
    """Render a figure to PNG, SVG or PDF bytes with the system Chromium (serialised)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {', '.join(IMAGE_FORMATS)}")
    if not images_available():
        raise ExportUnavailable(CHROMIUM_HELP)
    fig = for_paper(fig)
    with _LOCK:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(fig, format=fmt, width=width, height=height or fig.layout.height or 600, scale=scale)


def for_paper(fig: go.Figure) -> go.Figure:
    """The figure as a static image wants it: no range slider (meaningless on paper) and SVG traces
    instead of WebGL ones (true vectors in SVG/PDF, and faster to draw in headless Chromium)."""
    if not fig.layout.xaxis.rangeslider.visible and not any(t.type == "scattergl" for t in fig.data):
        return fig
    spec = fig.to_dict()
    for trace in spec["data"]:
        if trace.get("type") == "scattergl":
            trace["type"] = "scatter"
    out = go.Figure(spec)
    out.update_xaxes(rangeslider_visible=False)
    return out


def figure_html(fig: go.Figure) -> bytes:
    """A standalone interactive HTML file (Plotly bundled, works offline)."""
    return pio.to_html(fig, include_plotlyjs=True, full_html=True,
                       config={"displaylogo": False, "toImageButtonOptions": {"format": "png"}}).encode("utf-8")


def chart_file(db: Path, chart: str, f: Filters, fmt: str, **opts) -> bytes:
    """What `timeline export-chart` writes and the page download buttons serve."""
    from components.figures import build_chart

    fig = build_chart(db, chart, f, **opts)
    return figure_html(fig) if fmt == "html" else figure_image(fig, fmt)


def frame_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark: spreadsheet programs (Excel, LibreOffice) then read Arabic and Cyrillic
    text correctly instead of guessing a legacy code page. Rows keep the frame's order (the order on screen)."""
    return df.to_csv(index=False).encode("utf-8-sig")


def frame_json(df: pd.DataFrame, meta: dict | None = None) -> bytes:
    records = json.loads(df.to_json(orient="records", force_ascii=False))
    body = {"meta": meta or {}, "count": len(records), "rows": records}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
