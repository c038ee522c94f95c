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


# --- the warm-up's image of the default view (issue 13: first chart) --------------------------------------------

FAKE_WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 fake image bytes"


@pytest.fixture
def warmed(timeline, monkeypatch):
    """The default view's image registered the way the server's warm-up does it (its run of the page with
    warmup.running() true), with the browser drawing replaced by fixed bytes; the images forgotten afterwards."""
    from components.views import firstview, warmup

    drawn = []
    monkeypatch.setattr(firstview, "_IMAGES", {})
    monkeypatch.setattr(firstview, "draw_image", lambda figure, fmt, width: drawn.append(figure) or FAKE_WEBP)
    monkeypatch.setattr(warmup, "running", lambda: True)
    assert not timeline.run().exception
    monkeypatch.setattr(warmup, "running", lambda: False)
    return drawn


def _new_session():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=120)


def _image_blocks(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if "first-image-block" in h.proto.body]


def _timeline_plots(at) -> list:
    return [el for el in at.get("plotly_chart") if el.proto.id and "tl_chart" in el.proto.id]


def test_the_warm_up_draws_the_default_view_once_as_a_webp(warmed):
    import base64

    assert len(warmed) == 1
    figure = warmed[0]
    assert any(trace.get("x") for trace in figure["data"])  # the timeline's own figure, not the empty frame
    from components.views import firstview
    (uri,) = firstview._IMAGES.values()
    assert uri == "data:image/webp;base64," + base64.b64encode(FAKE_WEBP).decode()


def test_a_first_view_shows_the_image_then_asks_for_the_plot_and_keeps_the_image_over_it(warmed):
    at = _new_session().run()
    assert not at.exception, [e.value for e in at.exception]
    blocks = _image_blocks(at)
    assert len(blocks) == 1 and "data:image/webp;base64," in blocks[0]
    assert not _timeline_plots(at)  # the plot waits: the browser paints the image first
    assert at.button(key="tl_draw_plot")
    at.button(key="tl_draw_plot").click().run()
    assert not at.exception
    assert len(_timeline_plots(at)) == 1
    assert _image_blocks(at) == blocks  # the same block: the browser keeps it (and its script) until drawn
    assert not [b for b in at.get("button") if b.key == "tl_draw_plot"]
    assert at.button(key="tl_draw_later")  # activity and tone still wait for the timeline to be drawn
    at.radio(key="tl_lanes").set_value("actor").run()
    assert not _image_blocks(at) and len(_timeline_plots(at)) == 1


def test_another_view_has_no_image_and_shows_the_empty_frame(warmed):
    at = _new_session()
    at.query_params["lanes"] = "actor"
    at.run()
    assert not at.exception
    assert not _image_blocks(at)
    assert len(_timeline_plots(at)) == 1


def test_outside_the_warm_up_no_image_is_drawn(timeline, monkeypatch):
    from components.views import firstview

    monkeypatch.setattr(firstview, "_IMAGES", {})
    monkeypatch.setattr(firstview, "draw_image", lambda *a, **k: pytest.fail("drawn outside the warm-up"))
    at = timeline.run()
    assert not at.exception and firstview._IMAGES == {}
    assert not _image_blocks(at)


def test_a_failed_drawing_leaves_the_page_as_without_an_image(timeline, monkeypatch):
    from components.views import firstview, warmup

    def broken(*a, **k):
        raise RuntimeError("no browser")
    monkeypatch.setattr(firstview, "_IMAGES", {})
    monkeypatch.setattr(firstview, "draw_image", broken)
    monkeypatch.setattr(warmup, "running", lambda: True)
    at = timeline.run()
    assert not at.exception and firstview._IMAGES == {}


def test_the_image_can_be_turned_off(timeline, monkeypatch):
    from components.views import firstview, warmup

    monkeypatch.setenv("TIMELINE_FIRST_IMAGE", "0")
    monkeypatch.setattr(firstview, "_IMAGES", {})
    monkeypatch.setattr(firstview, "draw_image", lambda *a, **k: pytest.fail("drawn although turned off"))
    monkeypatch.setattr(warmup, "running", lambda: True)
    at = timeline.run()
    assert not at.exception and firstview._IMAGES == {}
