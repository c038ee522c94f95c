"""What a page draws of a figure built in components.charts: its words (title, caption lines, summary), its
legend entries and its screen version, all as plain values. Pure: no Streamlit (re-exported by charts).

A page caches these (views.data.load_chart_view) rather than a go.Figure: plain dicts pickle fast, and a
go.Figure read back from Streamlit's cache is validated again point by point.
"""

from __future__ import annotations

import copy
import hashlib

import numpy as np
import orjson
import plotly.graph_objects as go

NO_META = {"title": "", "caption": [], "summary": ""}


def _plain(fig) -> dict:
    """A figure as {'data': [trace dicts], 'layout': {...}}: a go.Figure is copied, a dict is taken as it is."""
    return fig if isinstance(fig, dict) else fig.to_dict()


def meta_of(fig) -> dict:
    """{'title', 'caption' (lines), 'summary'} of a figure (or figure dict) built in charts."""
    meta = fig.get("layout", {}).get("meta") if isinstance(fig, dict) else fig.layout.meta
    return meta if isinstance(meta, dict) else dict(NO_META)


def legend_items(fig) -> list[tuple[str, str, str]]:
    """(name, colour, kind) of every legend entry the figure would show: the page draws them as a legend that
    wraps at any width, above the plot, so a phone keeps the whole height for the plot."""
    figure = _plain(fig)
    if figure.get("layout", {}).get("showlegend") is False:
        return []
    out, seen = [], set()
    for t in figure.get("data", []):
        name = t.get("name")
        if t.get("showlegend") is False or not name or name in seen:
            continue
        seen.add(name)
        marker, line = t.get("marker") or {}, t.get("line") or {}
        color = (marker.get("color") if isinstance(marker.get("color"), str) else None) or (
            line.get("color") if isinstance(line.get("color"), str) else "#566573")
        kind = "bar" if t.get("type") == "bar" else ("line" if t.get("mode") == "lines" else (
            "diamond" if marker.get("symbol") == "diamond" else
            ("open" if marker.get("symbol") == "circle-open" else "dot")))
        out.append((name, color, kind))
    return out


def screen_dict(fig, items: list | None = None) -> dict:
    """The figure as a page draws it, as a plain dict: title, caption and summary are page text (they wrap at
    any width and cannot overlap the legend or the range slider), so the figure keeps only the plot. Its
    traces' arrays of text are lists (json_ready); the rest is shared with `fig` when it is a dict. `items`: its
    legend_items() when the caller has them already. It carries no template (written in) and no meta (the page's
    words), and a datarevision, so the browser draws it once, not twice (see inline_template, data_revision)."""
    figure = _plain(fig)
    layout = dict(figure.get("layout", {}))
    title = layout.get("title") or {}
    extra = 24 * str(title.get("text") or "").count("<br>")
    notes = [a for a in layout.pop("annotations", []) if a.get("name") != "caption"]
    if notes:
        layout["annotations"] = notes
    items = legend_items(figure) if items is None else items
    legend = 0 if not items else 26 * (1 + len(items) // 4)  # the page draws the legend
    layout["title"] = {**title, "text": ""}
    layout["height"] = max((layout.get("height") or 500) - extra - 60 - legend, 300)
    layout["margin"] = {**layout.get("margin", {}), "t": 30, "b": 40}
    layout["showlegend"] = False
    layout.pop("meta", None)  # the page's words (meta_of); a dict here would make Plotly.react draw it all again
    data = [json_ready(t) for t in figure.get("data", [])]
    layout, data = inline_template(layout, data)
    layout["datarevision"] = data_revision(data)
    return {"data": data, "layout": layout}


def inline_template(layout: dict, data: list[dict]) -> tuple[dict, list[dict]]:
    """(layout, data) with the template's values written in where the figure sets none, and no template: the
    same drawing. Streamlit hands Plotly.react a JSON copy of the figure right after the first draw; Plotly
    compares a template by identity, so a copied one counts as a new template and the whole chart is drawn a
    second time. A template with parts this does not write in (other trace types, defaults of annotations or
    shapes) is left as it is."""
    template = layout.get("template")
    if hasattr(template, "to_plotly_json"):
        template = template.to_plotly_json()
    if not isinstance(template, dict):
        return layout, data
    t_layout, t_data = template.get("layout") or {}, template.get("data") or {}
    if set(t_data) - {"scatter"} or any(k.endswith("defaults") or k == "template" for k in t_layout):
        return layout, data
    layout = {k: v for k, v in layout.items() if k != "template"}
    axes = {k for k in layout if k.startswith(("xaxis", "yaxis"))} | {"xaxis", "yaxis"}
    for key, value in t_layout.items():
        if key in ("xaxis", "yaxis"):  # a template's axis is the default of every axis of its kind
            for axis in (a for a in axes if a.startswith(key)):
                own = layout.get(axis) or {}
                layout[axis] = with_defaults(own, value)
                if not {"showline", "linecolor", "linewidth"} & set(own) and "showline" not in value:
                    # a line colour the figure sets turns its axis line on; the template's one does not
                    layout[axis]["showline"] = False
        else:
            layout[key] = with_defaults(layout.get(key), value)
    scatter = t_data.get("scatter") or []
    if scatter:  # a trace type's templates apply in turn to its traces
        n, data = 0, list(data)
        for i, trace in enumerate(data):
            if trace.get("type", "scatter") == "scatter":
                extra = {k: v for k, v in scatter[n % len(scatter)].items() if k != "type"}
                data[i], n = with_defaults(trace, extra), n + 1
    return layout, data


def with_defaults(value, default):
    """`value` with `default` filling what it leaves unset, dict by dict (a new dict; `value` is not changed)."""
    if value is None:
        return copy.deepcopy(default)
    if not (isinstance(value, dict) and isinstance(default, dict)):
        return value
    out = dict(value)
    for key, fallback in default.items():
        out[key] = with_defaults(value.get(key), fallback)
    return out


def data_revision(data: list) -> str:
    """A digest of the traces, as the figure's datarevision. Streamlit's chart hands Plotly.react a JSON copy of
    the figure right after the first draw (to apply its theme): new arrays with the same values. Without a
    datarevision Plotly takes every new array as new data and draws the whole chart a second time (0.4 s of
    browser CPU for the timeline at 10,000 statements); with one it redraws only when the digest changes."""
    try:
        raw = orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY)
    except TypeError:  # a value orjson does not write: its repr is as good a digest
        raw = repr(data).encode()
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def json_ready(value):
    """`value` with every numpy array of Python objects (the builders' text, dates and ids) as a list. Plotly's
    JSON writer hands a figure to orjson as it is and, when orjson refuses one such array, walks the whole figure
    value by value instead (30 ms for the timeline's 3,000 points, against 10 ms). Numeric arrays stay arrays."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        nested = value and isinstance(value[0], (dict, list, tuple, np.ndarray))  # else text or numbers: as it is
        return [json_ready(v) for v in value] if nested else value
    if isinstance(value, np.ndarray) and value.dtype.kind == "O":
        return value.tolist()
    return value


def screen_version(fig) -> go.Figure:
    """screen_dict as a go.Figure (validated)."""
    return go.Figure(screen_dict(fig))


def chart_view(fig) -> dict:
    """What a page draws of a figure (or of the plain dict a chart builder returns with plain=True), as plain
    values (cheap to cache): 'meta' (see meta_of), 'legend' (see legend_items), 'figure' (see screen_dict)."""
    figure = _plain(fig)
    items = legend_items(figure)
    return {"meta": meta_of(figure), "legend": items, "figure": screen_dict(figure, items)}


def drawable(figure: dict) -> go.Figure:
    """A figure dict made by charts as what st.plotly_chart takes, without validating or copying every point
    again (see _Drawn). Its builders are validated by go.Figure in their own tests and in every export."""
    return _Drawn(figure)


class _Drawn(go.Figure):
    """A go.Figure that only carries a finished figure dict to st.plotly_chart, which reads a figure through
    to_dict() and serialises that: here to_dict() hands the dict back as it is. Building a real go.Figure from it
    costs two deep copies of every point per chart and rerun (go.Figure() and to_dict()), more than the JSON."""

    def __init__(self, figure: dict):
        super().__init__()
        self._figure = figure

    def to_dict(self) -> dict:
        return self._figure

    def to_plotly_json(self) -> dict:
        return self._figure
