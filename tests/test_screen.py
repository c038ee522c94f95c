"""What the Timeline page draws of its charts (components/screen.py): the plain-dict path it caches gives the
same screen figure, words and legend as the validated go.Figure, and what Streamlit serialises is that figure.
"""

from __future__ import annotations

import base64
import json
import pickle

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from test_walkthrough_units import events_frame, statements_frame

from components import charts, theme

EVENTS = [("a", "2024-12-08", "day", 3, "politics", "Assad falls"), ("b", "2025-10", "month", 3, "diplomacy", "Visit"),
          ("c", "2025-11-02", "day", 1, "military", "Talks on the bases")]
STATEMENTS = [("s1", "2025-02-01", "We stay."), ("s2", None, "Undated words.")]
BAROMETER = pd.DataFrame({"period": ["2025-01", "2025-03"], "mean_tone": [5.0, -2.0], "n": [2, 1],
                          "min_tone": [4, -2], "max_tone": [6, -2]})
ACTIVITY = pd.DataFrame({"period": ["2024", "2025", "2025"], "kind": ["events", "events", "statements"],
                         "topic_id": ["bases", "bases", "diplomacy"], "n": [3, 1, 2]})

BUILDERS = {
    "timeline": lambda plain: charts.timeline_figure(events_frame(EVENTS), statements_frame(STATEMENTS), undated=1,
                                                     title="T", plain=plain),
    "empty timeline": lambda plain: charts.timeline_figure(events_frame([]).reindex(columns=events_frame(EVENTS).columns),
                                                           None, title="T", plain=plain),
    "activity": lambda plain: charts.activity_figure(ACTIVITY, {"bases": "Bases"}, title="A", plain=plain),
    "barometer": lambda plain: charts.barometer_figure(BAROMETER, title="B", plain=plain),
}


def _drawn(view: dict) -> dict:
    """The JSON st.plotly_chart sends for a chart view (it serialises figure.to_dict())."""
    return json.loads(pio.to_json(charts.drawable(view["figure"]), validate=False))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_the_cached_plain_view_draws_what_the_validated_figure_draws(name):
    fig, plain = BUILDERS[name](False), BUILDERS[name](True)
    assert isinstance(plain, dict)
    from_fig, from_plain = charts.chart_view(fig), charts.chart_view(plain)
    assert from_plain["meta"] == from_fig["meta"] == charts.meta_of(fig)
    assert from_plain["legend"] == from_fig["legend"] == charts.legend_items(fig)
    validated = json.loads(pio.to_json(charts.screen_version(plain), validate=False))  # go.Figure validates it
    drawn = _drawn(pickle.loads(pickle.dumps(from_plain)))  # what Streamlit's cache hands back
    assert "meta" not in drawn["layout"] and "template" not in drawn["layout"]  # the words are page text
    assert drawn["layout"]["font"] == validated["layout"]["font"] == {"color": "#1b2631", "size": 13,
                                                                      "family": theme.FONT}
    assert [t.get("name") for t in drawn["data"]] == [t.get("name") for t in validated["data"]]
    assert not any(a.get("name") == "caption" for a in drawn["layout"].get("annotations", []))
    assert drawn["layout"]["showlegend"] is False and not drawn["layout"]["title"]["text"]


def test_the_drawn_timeline_carries_every_marker_and_its_click_target():
    drawn = _drawn(charts.chart_view(BUILDERS["timeline"](True)))
    clicks = {tuple(c) for t in drawn["data"] for c in (t.get("customdata") or [])}
    assert clicks == {("a", "event"), ("b", "event"), ("c", "event"), ("s1", "statement")}, "the undated one is not drawn"
    hollow = [t for t in drawn["data"] if (t.get("marker") or {}).get("symbol") == "circle-open"]
    assert [c[0] for t in hollow for c in t["customdata"]] == ["b"], "the month-precision event is a hollow marker"
    assert any(a.get("name") == "era" for a in drawn["layout"]["annotations"])
    assert {a["text"] for a in drawn["layout"]["annotations"] if a.get("name") == "event-label"} >= {"Assad falls"}
    assert "1 statement without a date are not drawn" in charts.chart_view(BUILDERS["timeline"](True))["meta"]["summary"]


def test_the_barometer_colour_scale_is_spelled_out_for_the_browser():
    """Plotly.js knows only a few colour scales by name; an unvalidated 'RdYlGn' would draw in its default."""
    marker = _drawn(charts.chart_view(BUILDERS["barometer"](True)))["data"][0]["marker"]
    assert isinstance(marker["colorscale"], list) and marker["colorscale"][0] == [0.0, "rgb(165,0,38)"]


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_point_drawn_is_the_validated_figures_point(name):
    """The page's dict (arrays of text as lists, for the JSON writer's fast path) draws the same values, point by
    point, as the figure go.Figure validates."""
    plain = BUILDERS[name](True)
    validated = _values(json.loads(pio.to_json(charts.screen_version(plain), validate=False)))
    drawn = _values(_drawn(charts.chart_view(plain)))
    assert drawn["data"] == validated["data"]


def _values(obj):
    """A figure's JSON with Plotly's typed arrays ({'dtype', 'bdata'}: how a validated figure writes numbers)
    as plain lists (1-D: what these charts hold), so two figures compare by what they draw."""
    if isinstance(obj, dict) and set(obj) >= {"dtype", "bdata"}:
        values = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=obj["dtype"])
        values = values.reshape(obj["shape"]) if "shape" in obj else values
        return [None if v != v else v for v in values.tolist()]  # NaN: a gap, as JSON's null is
    if isinstance(obj, dict):
        return {k: _values(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_values(v) for v in obj]
    return obj
