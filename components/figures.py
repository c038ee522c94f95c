"""Query + chart in one call: the same path for the pages, the CLI and the exports."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import plotly.graph_objects as go

from components.version import version_of
from components import charts, queries
from components.filters import Filters

CHARTS = ("timeline", "activity", "barometer", "topics", "topic_country", "speaker")


def topic_labels(db: Path) -> dict[str, str]:
    return dict(_labels(str(db), _version(db))[0])


def names(db: Path) -> dict[str, str]:
    """Display names for actor, topic and country ids (for captions and titles; a copy, yours to change)."""
    return dict(_labels(str(db), _version(db))[1])


def _version(db: Path) -> int:
    return Path(db).stat().st_mtime_ns


@functools.lru_cache(maxsize=16)
def _labels(db: str, mtime_ns: int) -> tuple[dict[str, str], dict[str, str]]:
    """(topic labels, every display name) of one version of a database file: read once, not per chart (the
    actors' names are a scan of every actor, and every chart's title and caption asks for them)."""
    from components.config import COUNTRY_NAMES

    topics = queries.fetch_topics(db)
    labels = dict(zip(topics["id"], topics["label"]))
    return labels, {**COUNTRY_NAMES, **labels, **queries.fetch_actor_names(db)}


def caption_for(db: Path, f: Filters) -> charts.Caption:
    """Filters in words, the data date (latest dated item and build day) and the main publishers cited.

    Cached per database file version and filter: a page draws several charts under the same filter.
    """
    return _caption(str(db), _version(db), f)


@functools.lru_cache(maxsize=64)
def _caption(db: str, mtime_ns: int, f: Filters) -> charts.Caption:
    meta = queries.fetch_meta(db)
    pubs = queries.fetch_publishers_for(db, f, limit=6)
    built = dt.datetime.fromtimestamp(Path(db).stat().st_mtime, dt.timezone.utc).strftime("%Y-%m-%d")
    when = f"{meta.get('data_to', '')} (built {built}; dataset {version_of(meta)})"
    window = f"{f.date_from or meta.get('data_from', '?')} to {f.date_to or meta.get('data_to', '?')}" if (
        f.date_from or f.date_to) else ""  # a date filter is the window shown
    return charts.Caption(filters=f.describe(names(db)), data_date=when, window=window,
                          sources=", ".join(pubs["names"]), more=int(pubs["more"] or 0),
                          more_at_least=pubs["sampled"])


def count_events(db: Path, f: Filters) -> int:
    """queries.count_events once per database version and filter: the Timeline's headline and its chart's
    title ("the 3,000 most important of N events") both need it."""
    return _count_events(str(db), _version(db), f)


@functools.lru_cache(maxsize=64)
def _count_events(db: str, mtime_ns: int, f: Filters) -> int:
    return queries.count_events(db, f)


def titled(base: str, f: Filters, db: Path) -> str:
    """A chart title that says what is shown: the chart, then the filters in words."""
    if f.is_empty():
        return f"{base}: all data"
    return f"{base}: {f.describe(names(db)).removeprefix('Filters: ')}"


def build_chart(db: Path, chart: str, f: Filters, *, lane_by: str = "category", color_by: str = "topic",
                freq: str | None = None, x_range: tuple | None = None, actor: str | None = None,
                plain: bool = False) -> go.Figure | dict:
    """The named chart under the filter, with its caption (`actor` names the official of the speaker chart).
    plain=True: the timeline, activity and barometer charts as unvalidated figure dicts (for screen.chart_view)."""
    cap = caption_for(db, f)
    labels = topic_labels(db)
    if chart == "timeline":
        # The most important events first, capped in SQL: a screen cannot show more, and the title says so.
        events = queries.fetch_events(db, f, limit=charts.MAX_POINTS, with_sources=False, order="importance")
        total = count_events(db, f) if len(events) >= charts.MAX_POINTS else len(events)
        statements = queries.fetch_timeline_statements(db, f, limit=charts.MAX_STATEMENT_POINTS)
        lanes = queries.fetch_event_lanes(db, f, event_ids=events["id"].tolist()) if lane_by == "actor" else None
        return charts.timeline_figure(events, statements, lane_by=lane_by, color_by=color_by, lanes=lanes,
                                      x_range=x_range, caption=cap, topic_labels=labels, total_events=total,
                                      title=titled("Events and statements", f, db),
                                      undated=queries.count_undated_statements(db, f), plain=plain)
    if chart == "activity":
        freq = freq or "year"
        return charts.activity_figure(queries.fetch_activity(db, f, freq), labels, freq=freq, caption=cap,
                                      title=titled(f"Events and statements per {freq}, by topic", f, db), plain=plain)
    if chart == "barometer":
        freq = freq or "month"
        return charts.barometer_figure(queries.fetch_barometer(db, f, freq), caption=cap, freq=freq, plain=plain,
                                       title=titled(f"Relations barometer, mean tone of events per {freq}", f, db))
    if chart == "topics":
        return charts.topic_trends_figure(queries.fetch_topic_trends(db, f, freq or "year"), caption=cap,
                                          title=titled("Topics over time (events and statements)", f, db))
    if chart == "topic_country":
        return charts.topic_country_figure(queries.fetch_topic_country_share(db, f), caption=cap,
                                           title=titled("Statements per topic by the speaker's country", f, db))
    if chart == "speaker":
        top = queries.fetch_top_speakers(db, f, limit=1)["speaker_id"].dropna()
        actor = actor or (f.actors[0] if f.actors else (top.iloc[0] if len(top) else ""))
        mine = f.with_(actors=(actor,))
        name = names(db).get(actor, actor)
        return charts.speaker_timeline_figure(
            queries.fetch_statements(db, mine, limit=500, highlight=False), caption=caption_for(db, mine),
            title=titled(f"Statements by {name} over time, by topic", f.with_(actors=()), db),
            topic_labels=labels, name=name)
    raise ValueError(f"unknown chart '{chart}' (choose from {', '.join(CHARTS)})")
