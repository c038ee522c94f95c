"""The screen figure a page sends is drawn once: Streamlit hands Plotly.react a JSON copy of it right after the
first draw, and Plotly draws everything again when the copy looks new (a template or a `meta` dict compared by
identity, data arrays without a datarevision). So the drawn figure carries no template and no meta, and a
datarevision that changes exactly when its data does (a filter change still redraws the chart)."""

from __future__ import annotations

import json

import plotly.io as pio
from test_screen import EVENTS, STATEMENTS
from test_walkthrough_units import events_frame, statements_frame

from components import charts, theme


def _drawn(events=EVENTS, statements=STATEMENTS) -> dict:
    view = charts.chart_view(charts.timeline_figure(events_frame(events), statements_frame(statements), title="T",
                                                    plain=True))
    return json.loads(pio.to_json(charts.drawable(view["figure"]), validate=False))


def test_the_drawn_figure_has_the_templates_look_without_the_template():
    layout = _drawn()["layout"]
    assert "template" not in layout and "meta" not in layout
    assert layout["font"]["family"] == theme.FONT and layout["plot_bgcolor"] == "white"
    assert layout["xaxis"]["gridcolor"] == "#eaeded" and layout["xaxis"]["type"] == "date", "template and own values"
    assert layout["yaxis"]["automargin"] is True and layout["yaxis"]["categoryorder"] == "array"
    assert layout["margin"]["t"] == 30 and layout["margin"]["l"] == 60, "the page's margin, the template's left"
    # Plotly draws an axis line when a figure names its colour, not when its template does: still no line.
    assert layout["xaxis"]["linecolor"] == "#aab7b8" and layout["xaxis"]["showline"] is False


def test_the_templates_marker_outline_is_kept_where_a_trace_sets_none():
    data = _drawn()["data"]
    said = next(t for t in data if t["name"] == "Statement")
    assert said["marker"]["line"] == {"color": "white", "width": 0.5}
    hollow = next(t for t in data if (t.get("marker") or {}).get("symbol") == "circle-open")
    assert hollow["marker"]["line"]["width"] == 1.5, "a trace's own outline wins"


def test_the_data_revision_changes_with_the_data_only():
    first, again = _drawn(), _drawn()
    assert first["layout"]["datarevision"] == again["layout"]["datarevision"]
    moved = [(*EVENTS[0][:1], "2024-12-09", *EVENTS[0][2:]), *EVENTS[1:]]
    assert _drawn(moved)["layout"]["datarevision"] != first["layout"]["datarevision"]
    assert _drawn(EVENTS[:2])["layout"]["datarevision"] != first["layout"]["datarevision"]
