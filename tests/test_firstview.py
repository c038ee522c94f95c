"""The Timeline's light first view: empty axes at once, replaced by the real chart in the same place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from components import config, store

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture
def timeline(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    import streamlit as st

    db = tmp_path / "timeline.db"
    store.build(FIXTURE, db)
    monkeypatch.setenv("TIMELINE_DB", str(db))
    st.cache_data.clear()
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=120)
    return at


def _figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _texts(fig: dict) -> list[str]:
    return [a.get("text", "") for a in fig.get("layout", {}).get("annotations", [])]


def test_the_placeholder_is_replaced_by_the_chart(timeline):
    at = timeline.run()
    assert not at.exception, [e.value for e in at.exception]
    figs = _figures(at)
    assert figs, "no chart on the Timeline page"
    assert not any("Drawing the timeline…" in _texts(f) for f in figs)  # never left on the page
    first = figs[0]
    assert any(trace.get("x") for trace in first.get("data", []))  # the first chart has points: the timeline


def test_a_rerun_draws_the_chart_without_the_placeholder_again(timeline):
    at = timeline.run()
    at.run()
    assert not at.exception
    assert not any("Drawing the timeline…" in _texts(f) for f in _figures(at))


def test_the_placeholder_figure_is_empty_axes_with_a_line_of_text():
    from components.views.firstview import skeleton_figure

    fig = skeleton_figure()
    assert all(len(t.x or ()) == 0 for t in fig.data)
    assert [a.text for a in fig.layout.annotations] == ["Drawing the timeline…"]


def test_the_events_table_is_built_when_opened_and_shows_every_event(timeline):
    """Closed, the table sends no grid (a grid of every event in a closed expander cost the first view seconds
    of browser time); opened, it lists the events of the chart."""
    at = timeline.run()
    table = [e for e in at.expander if e.label.startswith("Table of these")]
    assert table, "no events table on the Timeline page"
    assert len(at.dataframe) == 0
    at.session_state["tl_table_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    grid = at.dataframe[0].value
    n = int(table[0].label.split()[3])
    assert len(grid) == n and n > 0
    assert "Event" in grid.columns


def _chart_titles(at) -> list[str]:
    return [el.value for el in at.get("html") if "class='chart-title'" in el.value]


def test_on_a_first_view_the_activity_and_tone_plots_follow_the_timeline(timeline):
    """Their titles and words are on the page at once; their plots are boxes until the browser says the timeline
    is drawn (the page's script clicks the hidden button), so the timeline is drawn alone first."""
    at = timeline.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(_figures(at)) == 1, "only the timeline is plotted on the first run"
    titles = _chart_titles(at)
    assert any("per year, by topic" in t for t in titles) and any("Relations barometer" in t for t in titles)
    assert sum("In words:" in el.value for el in at.get("html")) == 3
    assert sum("class='chart-later" in el.value for el in at.get("html")) == 2
    script = next(el.value for el in at.get("html") if "<script>" in el.value and "tl_draw_later" in el.value)
    assert ".st-key-tl_chart .js-plotly-plot" in script, "it waits for the timeline chart itself"

    at.button(key="tl_draw_later").click().run()
    assert not at.exception
    figs = _figures(at)
    assert len(figs) == 3 and not any("class='chart-later" in el.value for el in at.get("html"))
    assert [f["layout"]["yaxis"]["title"]["text"].split(" ")[0] for f in figs[1:]] == ["count", "tone"], (
        "the activity chart (events and statements per year), then the barometer (tone)")


def test_a_later_run_draws_every_chart_without_waiting(timeline):
    """After the first view (a filter change, a click) the three charts come in one run, as before."""
    at = timeline.run()
    at.radio(key="tl_freq").set_value("month").run()
    assert not at.exception
    assert len(_figures(at)) == 3
    assert not [b for b in at.button if b.key == "tl_draw_later"]
