"""The static export of a chart shows what the chart on screen shows: every trace's points, colours, symbols,
sizes and legend names, its lane labels in full; only what a still image cannot use (hover texts, click data,
the range slider, WebGL) is left out, and the PNG is the image Plotly draws from the full figure."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from PIL import Image
from plotly.utils import PlotlyJSONEncoder

from components import charts, exporting, theme

N_EVENTS = 1_600   # above charts.WEBGL_THRESHOLD (WebGL on screen) and exporting.SETTLED_MARGIN_POINTS
TOPICS = ["bases", "sanctions-unsc", "energy-trade", "humanitarian"]


def _events(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    days = pd.Timestamp("1950-01-01") + pd.to_timedelta(rng.integers(0, 27_000, n), unit="D")
    precision = np.where(np.arange(n) % 5 == 0, "month", "day")
    start = np.where(precision == "month", days.to_period("M").to_timestamp().strftime("%Y-%m-%d"),
                     days.strftime("%Y-%m-%d"))
    end = np.where(precision == "month", (days.to_period("M").to_timestamp("D", "end")).strftime("%Y-%m-%d"), start)
    return pd.DataFrame({
        "id": [f"ev-{i:05d}" for i in range(n)], "date": start, "date_precision": precision, "end_date": None,
        "title": [f"Event number {i}" for i in range(n)], "category": rng.choice(list(theme.CATEGORY_LABELS), n),
        "importance": rng.integers(1, 4, n), "tone": 0, "date_start": start, "date_end": end,
        "initiator_id": None, "initiator_country": "RU", "actor_names": "Sergei Lavrov",
        "topic_ids": rng.choice(TOPICS, n), "primary_topic": rng.choice(TOPICS, n), "source_urls": None})


def _statements(n: int) -> pd.DataFrame:
    days = (pd.Timestamp("2000-01-01") + pd.to_timedelta(np.arange(n) * 37, unit="D")).strftime("%Y-%m-%d")
    return pd.DataFrame({"id": [f"st-{i}" for i in range(n)], "text": "We will keep the bases.",
                         "speaker_name": "Sergei Lavrov", "said_on": days, "said_on_precision": "day",
                         "date_start": days, "topic_ids": "bases"})


@pytest.fixture(scope="module")
def timeline() -> go.Figure:
    return charts.timeline_figure(_events(N_EVENTS), _statements(200), topic_labels={t: t.title() for t in TOPICS},
                                  total_events=N_EVENTS, title="Events and statements: all data")


@pytest.fixture(scope="module")
def long_lanes() -> go.Figure:
    """Many markers on lanes whose labels are far wider than the template's left margin."""
    lanes = ["The Ministry of Foreign Affairs of the Russian Federation", "Syrian Arab Army", "UN"]
    fig = go.Figure([go.Scatter(x=np.arange(600) + k, y=[lanes[(i + k) % 3] for i in range(600)], mode="markers",
                                name=f"series {k}", marker=dict(size=np.arange(600) % 9 + 4, color=c),
                                hovertext=[f"point {i}" for i in range(600)], customdata=np.arange(600))
                     for k, c in enumerate(["#1f77b4", "#d62728"])])
    fig.update_layout(template=theme.TEMPLATE, height=420, title="Long lane labels")
    return fig


def _json(trace: dict, leave_out=()) -> str:
    return json.dumps({k: v for k, v in trace.items() if k not in leave_out}, cls=PlotlyJSONEncoder, sort_keys=True)


def test_the_static_timeline_keeps_every_point_colour_symbol_size_and_name(timeline):
    spec = exporting.paper_spec(timeline)
    shown = timeline.to_dict()["data"]
    assert [t.get("name") for t in spec["data"]] == [t.name for t in timeline.data]
    assert [len(t["x"]) for t in spec["data"]] == [len(t.x) for t in timeline.data]
    assert sum(len(t["x"]) for t in spec["data"]) > N_EVENTS  # every event, its month spans and the statements
    hover_and_webgl = ("type", "hovertext", "hovertemplate", "customdata")
    for drawn, on_screen in zip(spec["data"], shown):  # points, marker colours, symbols, sizes, outlines, legend
        assert _json(drawn, ("type",)) == _json(on_screen, hover_and_webgl)


def test_the_static_figure_leaves_out_only_what_a_still_image_cannot_use(timeline):
    assert {t.type for t in timeline.data} == {"scattergl"}  # WebGL on screen at this size
    assert timeline.layout.xaxis.rangeslider.visible
    spec = exporting.paper_spec(timeline)
    assert {t["type"] for t in spec["data"]} == {"scatter"}
    assert not any(key in t for t in spec["data"] for key in ("hovertext", "hovertemplate", "customdata"))
    assert spec["layout"]["xaxis"]["rangeslider"]["visible"] is False
    assert spec["layout"]["title"]["text"] == timeline.layout.title.text
    assert [a["text"] for a in spec["layout"]["annotations"]] == [a.text for a in timeline.layout.annotations]
    assert timeline.data[-1].hovertext is not None  # the screen figure keeps its hover texts


def test_data_a_text_template_prints_is_kept():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], mode="markers+text", customdata=["a", "b"],
                               texttemplate="%{customdata}", hovertext=["x", "y"]))
    trace = exporting.paper_spec(fig)["data"][0]
    assert list(trace["customdata"]) == ["a", "b"]
    assert "hovertext" not in trace


@pytest.fixture(scope="module")
def chromium():
    if not exporting.images_available():
        pytest.fail("no Chromium for kaleido (apt-get install -y chromium)")


def _plotly_own_png(fig: go.Figure, width: int) -> bytes:
    """The PNG Plotly draws from the whole figure (hover data included, its own margins), WebGL as SVG."""
    spec = fig.to_dict()
    for trace in spec["data"]:
        trace["type"] = "scatter"
    spec["layout"].setdefault("xaxis", {}).setdefault("rangeslider", {})["visible"] = False
    exporting.start_browser()  # the same kept-alive browser; one test thread, so no lock is needed
    return pio.to_image(spec, format="png", width=width, height=fig.layout.height, validate=False)


def _pixels(png: bytes) -> tuple:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.size, image.tobytes()


@pytest.mark.filterwarnings("ignore:The kopts argument is ignored")
@pytest.mark.parametrize("name", [pytest.param("timeline", marks=pytest.mark.slow), "long_lanes"])  # 4-10 s, 3 s
def test_the_png_is_the_image_plotly_draws_from_the_whole_figure(name, request, chromium):
    fig = request.getfixturevalue(name)
    expected = _pixels(_plotly_own_png(fig, 1000))
    assert _pixels(exporting.figure_image(fig, "png", width=1000)) == expected
    assert _pixels(exporting.figure_image(fig, "png", width=1000)) == expected  # again, margins from the cache
