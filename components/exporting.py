"""Chart images through one kept-alive kaleido browser behind a lock; data as CSV and JSON.

Kaleido finds Debian's /usr/bin/chromium by itself. Its sync server is not thread-safe and Streamlit
runs sessions on threads, so every export goes through `_LOCK`.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

from components.filters import Filters

IMAGE_FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
        "csv": "text/csv", "json": "application/json"}
CHROMIUM_HELP = ("Image export needs Chromium. Install it with `apt-get install -y chromium` (Debian/Ubuntu) "
                 "and restart; the interactive HTML export and the data downloads work without it.")

HOVER_ONLY = ("hovertext", "hovertemplate", "customdata")  # what a trace carries for hovering and clicking only
SETTLED_MARGIN_POINTS = 1_000  # more points on lanes: margins measured first (settled_margins), the figure drawn once

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
    spec = paper_spec(fig)
    return render_spec(spec, fmt, width, height or spec["layout"].get("height") or 600, scale)


def render_spec(spec: dict, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """A static figure dict (static_traces) drawn by the kept-alive browser under the lock: once, with the margins
    Plotly settles on given up front, when its points sit on lanes."""
    with _LOCK:
        _ensure_server()
        if _on_lanes(spec):
            spec["layout"]["margin"] = {**spec["layout"].get("margin", {}), **settled_margins(spec, width, height)}
        return _draw(spec, fmt, width, height, scale)


def start_browser() -> None:
    """Start the kept-alive browser now (the server's warm-up does, for the first view's image) rather than on
    the first export."""
    with _LOCK:
        _ensure_server()


def _draw(spec: dict, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """kaleido's rendering of a figure dict made from a go.Figure (valid already: plotly would validate it again)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return pio.to_image(spec, format=fmt, width=width, height=height, scale=scale, validate=False)


def paper_spec(fig: go.Figure) -> dict:
    """The figure as a static image wants it, as a figure dict: no range slider (meaningless on paper), SVG traces
    instead of WebGL ones (true vectors in SVG/PDF, and faster to draw in headless Chromium), none of what only
    hovering and clicking use (five sixths of the timeline's JSON), right-to-left texts isolated (isolate_rtl)."""
    spec = static_traces(fig.to_dict())
    for name, axis in spec["layout"].items():
        if name.startswith("xaxis") and "rangeslider" in axis:
            axis["rangeslider"]["visible"] = False
    return _isolated(spec, [])


def static_traces(spec: dict) -> dict:
    """A figure dict's traces as a static image wants them, changed in place: SVG traces instead of WebGL ones,
    none of what only hovering and clicking use (customdata kept where a text template prints it)."""
    for trace in spec["data"]:
        if trace.get("type") == "scattergl":
            trace["type"] = "scatter"
        for key in HOVER_ONLY:
            if key != "customdata" or "texttemplate" not in trace:  # a text template may print customdata
                trace.pop(key, None)
    return spec


def settled_margins(spec: dict, width: int, height: int) -> dict:
    """The margins Plotly settles on for this figure at this size (call under _LOCK), measured on a light copy.

    Plotly draws a figure, then widens its margins to fit the y-axis labels (automargin) and draws everything again:
    at 3,000 events that second draw is a third of the export. Given the settled margins up front, it draws once,
    the same image. They depend on the axis labels and the legend, not on how many points share a lane: the light
    copy keeps every trace (its legend entry) with the first point of each y value (the labels), and the layout but
    its annotations and shapes (which push no margin); Chromium reports them in its full JSON (layout.computed)."""
    return dict(_computed_margins(json.dumps(_light_copy(spec), cls=PlotlyJSONEncoder), width, height))


@functools.lru_cache(maxsize=64)
def _computed_margins(light_json: str, width: int, height: int) -> tuple:
    full = json.loads(_draw(json.loads(light_json), "json", width, height))
    return tuple(full["layout"].get("computed", {}).get("margin", {}).items())  # none: Plotly settles them itself


def _on_lanes(spec: dict) -> bool:
    """Many points (more than SETTLED_MARGIN_POINTS), every one on a lane: each y a name (or a gap, None)."""
    ys = [trace.get("y", ()) for trace in spec["data"]]
    return (not any(isinstance(y, dict) for y in ys)  # Plotly's figure dict holds numbers as {"dtype", "bdata"}
            and sum(map(len, ys)) > SETTLED_MARGIN_POINTS and all(v is None or isinstance(v, str) for y in ys for v in y))


def _light_copy(spec: dict) -> dict:
    layout = {k: v for k, v in spec["layout"].items() if k not in ("annotations", "shapes")}
    return {"data": [_first_of_each_y(trace) for trace in spec["data"]], "layout": layout}


def _first_of_each_y(trace: dict) -> dict:
    y = trace.get("y", ())
    keep = sorted({v: i for i, v in reversed(list(enumerate(y))) if v is not None}.values())
    return _take(trace, keep, len(y))


def _take(node: dict, keep: list[int], n: int) -> dict:
    """node with every per-point array of values (its length n, nested in marker, line, ...) cut to the points
    `keep`. Typed arrays of numbers stay whole: Plotly reads the points it draws, and a legend's marker size is the
    mean of the whole array."""
    return {k: _take(v, keep, n) if isinstance(v, dict) else
            [v[i] for i in keep] if isinstance(v, (list, tuple, np.ndarray)) and len(v) == n else v
            for k, v in node.items()}


_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic, Syriac, Thaana, ...
RLI, PDI = "\u2067", "\u2069"
_TEXT_KEYS = {"text", "name"}                               # titles, annotations, trace names
_LIST_KEYS = {"x", "y", "text", "labels", "ticktext"}       # category labels drawn on the axes and bars


def isolate_rtl(text):
    """A line that starts (its first strong letter) in Arabic or Hebrew, isolated right to left (RLI ... PDI):
    SVG text has a left-to-right base direction, which would put 'لافروف: ... (RU)' with '(RU)' at the wrong end.
    Lines are split at <br>; a line holding other markup is left alone."""
    if not isinstance(text, str) or not _RTL_CHAR.search(text):
        return text
    return "<br>".join(RLI + line + PDI if "<" not in line and _starts_rtl(line) else line
                       for line in text.split("<br>"))


def _starts_rtl(line: str) -> bool:
    for ch in line:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _isolated(node, changed: list):
    """A copy of a figure's dict with isolate_rtl applied to its texts; `changed` gets an entry per change."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in _TEXT_KEYS and isinstance(v, str):
                out[k] = isolate_rtl(v)
                if out[k] != v:
                    changed.append(k)
            elif k in _LIST_KEYS and isinstance(v, (list, tuple, np.ndarray)) and _has_strings(v):
                out[k] = [isolate_rtl(x) for x in v]
                if any(a is not b for a, b in zip(out[k], v)):
                    changed.append(k)
            else:
                out[k] = _isolated(v, changed)
        return out
    if isinstance(node, list):
        return [_isolated(v, changed) for v in node]
    return node


def _has_strings(values) -> bool:
    return len(values) > 0 and (not isinstance(values, np.ndarray) or values.dtype == object)


def right_to_left(fig: go.Figure) -> go.Figure:
    """The figure with every right-to-left title, label and name isolated (isolate_rtl) for a static image;
    the same figure when it holds no Arabic or Hebrew."""
    changed: list = []
    spec = _isolated(fig.to_dict(), changed)
    return go.Figure(spec) if changed else fig


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
