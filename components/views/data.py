"""The database handle and the cached loaders: one typed loader per query, keyed on the file's version.

Every page reads through these. A loader's first argument is `db_key()`, which changes when a rebuild
replaces the file, so open sessions see new data on their next rerun.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd
import streamlit as st

from components import charts, config, figures, queries
from components.filters import Filters

Key = tuple[str, float]


def db_path() -> Path:
    return config.db_path()


def db_key() -> Key:
    """Cache key part that changes when the database file is replaced by a rebuild."""
    p = db_path()
    return (str(p), p.stat().st_mtime if p.exists() else 0.0)


def ensure_database() -> Path:
    """Build the database on first run; explain (and stop the page) when it is missing or unreadable."""
    from components.schema import DataError
    from components.store import BuildError, ensure_built

    path = db_path()
    if not path.exists():
        try:
            with st.spinner(f"First run: building the database {path.name} from data/ …"):
                ensure_built(config.data_dir(), path)
        except (DataError, BuildError) as exc:
            st.error(f"The database {path} does not exist and could not be built from "
                     f"{config.data_dir()}:\n\n```\n{exc}\n```\nFix the data files, then run `timeline build`.")
            st.stop()
    try:
        queries.fetch_meta(path)
    except (queries.DatabaseMissing, queries.DatabaseUnreadable) as exc:
        st.error(f"{exc}")
        st.stop()
    return path


@contextlib.contextmanager
def database_errors():
    """Around a page: a database that fails mid-page (corrupt past its first pages, deleted) is one st.error."""
    try:
        yield
    except (queries.DatabaseMissing, queries.DatabaseUnreadable) as exc:
        st.error(str(exc))
        st.stop()


def _p(key: Key) -> Path:
    return Path(key[0])


@st.cache_data(show_spinner=False, max_entries=256)
def load_reference(key: Key) -> dict:
    """Actors, topics, countries, display names and build metadata: what the sidebar and captions need."""
    path = _p(key)
    ids = queries.fetch_reference_ids(path)
    return {"actors": queries.fetch_actors(path), "topics": queries.fetch_topics(path),
            "countries": ids["countries"], "ids": ids, "names": figures.names(path),
            "meta": queries.fetch_meta(path)}


@st.cache_data(show_spinner=False, max_entries=128)
def load_chart(key: Key, chart: str, f: Filters, lane_by: str = "category", color_by: str = "topic",
               freq: str | None = None, x_range: tuple | None = None, actor: str | None = None):
    return figures.build_chart(_p(key), chart, f, lane_by=lane_by, color_by=color_by, freq=freq, x_range=x_range,
                               actor=actor)


@st.cache_data(show_spinner=False, max_entries=128)
def load_chart_view(key: Key, chart: str, f: Filters, lane_by: str = "category", color_by: str = "topic",
                    freq: str | None = None) -> dict:
    """What the page draws of a chart (charts.chart_view): plain values, cheap to keep and to hand back on the
    next rerun (a cached go.Figure is validated again point by point each time it is read back)."""
    return charts.chart_view(figures.build_chart(_p(key), chart, f, lane_by=lane_by, color_by=color_by, freq=freq,
                                                 plain=True))


@st.cache_data(show_spinner=False, max_entries=64)
def load_event_detail(key: Key, event_id: str) -> dict | None:
    return queries.fetch_event_detail(_p(key), event_id)


@st.cache_data(show_spinner=False, max_entries=256)
def load_statements(key: Key, f: Filters, limit: int = 20, offset: int = 0, order: str = "date",
                    tagged: tuple[str, ...] = ()) -> pd.DataFrame:
    """A page of quotes; with `tagged` (topics the search names), those only tagged with them follow."""
    if tagged:
        return queries.fetch_search_page(_p(key), f, limit=limit, offset=offset, order=order, tagged=tagged)
    return queries.fetch_statements(_p(key), f, limit=limit, offset=offset, order=order)


@st.cache_data(show_spinner=False, max_entries=256)
def load_statement_count(key: Key, f: Filters, tagged: tuple[str, ...] = ()) -> tuple[int, bool]:
    """(n, exact): see queries.count_statements_upto."""
    return queries.count_statements_upto(_p(key), f, tagged=tagged)


@st.cache_data(show_spinner=False, max_entries=256)
def load_event_count(key: Key, f: Filters) -> int:
    return figures.count_events(_p(key), f)  # shared with the timeline chart's title


@st.cache_data(show_spinner=False, max_entries=256)
def load_undated_count(key: Key, f: Filters) -> int:
    """Statements under the filter that have no date (the timeline cannot draw them)."""
    return queries.count_undated_statements(_p(key), f)


@st.cache_data(show_spinner=False, max_entries=64)
def load_statement(key: Key, statement_id: str) -> pd.DataFrame:
    """One statement as a one-row frame for a quote card (empty when unknown)."""
    return queries.fetch_statement(_p(key), statement_id)


@st.cache_data(show_spinner=False, max_entries=128)
def load_events(key: Key, f: Filters) -> pd.DataFrame:
    """Events under the filter as the pages list them (queries.EVENT_LIST_COLUMNS: what a table shows)."""
    return queries.fetch_events(_p(key), f, columns="list")


@st.cache_data(show_spinner=False, max_entries=128)
def load_side_by_side(key: Key, f: Filters, topic: str) -> dict[str, pd.DataFrame]:
    return queries.fetch_side_by_side(_p(key), f, topic=topic)


@st.cache_data(show_spinner=False, max_entries=128)
def load_top_speakers(key: Key, f: Filters, limit: int = 30) -> pd.DataFrame:
    return queries.fetch_top_speakers(_p(key), f, limit=limit)


@st.cache_data(show_spinner=False, max_entries=128)
def load_topic_country_share(key: Key, f: Filters) -> pd.DataFrame:
    return queries.fetch_topic_country_share(_p(key), f)


@st.cache_data(show_spinner=False, max_entries=128)
def load_top_speakers_by_topic(key: Key, f: Filters, per_topic: int = 3) -> pd.DataFrame:
    return queries.fetch_top_speakers_by_topic(_p(key), f, per_topic=per_topic)


@st.cache_data(show_spinner=False, max_entries=128)
def load_roles(key: Key, actor_id: str) -> pd.DataFrame:
    return queries.fetch_roles(_p(key), actor_id)


@st.cache_data(show_spinner=False, max_entries=128)
def load_actor_topics(key: Key, actor_id: str) -> pd.DataFrame:
    return queries.fetch_actor_topics(_p(key), actor_id)


@st.cache_data(show_spinner=False, max_entries=8)
def load_about(key: Key) -> dict:
    """What the About page shows: table counts, the date span, sources by publisher, disputes."""
    path = _p(key)
    return {"counts": queries.fetch_table_counts(path), "span": queries.fetch_date_span(path),
            "sources": queries.fetch_sources_summary(path), "disputed": queries.fetch_disputed(path),
            "coverage": queries.fetch_coverage(path)}


def export_statements(f: Filters, tagged: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every statement under the filter (and those tagged with `tagged`, as the page lists them), for a
    download (built only when the button is clicked)."""
    return queries.fetch_all_statements_for_export(db_path(), f, tagged=tagged)


def export_events(f: Filters) -> pd.DataFrame:
    return queries.fetch_events_for_export(db_path(), f)


def export_dataset() -> bytes:
    """The whole dataset as one zip (components.bundle), built only when the download is clicked."""
    from components import bundle

    return bundle.dataset_zip(db_path(), changelog_path())


def changelog_path() -> Path:
    return config.data_dir() / "CHANGELOG.md"


def load_changelog() -> str:
    """data/CHANGELOG.md, or '' when the data folder has none."""
    p = changelog_path()
    return p.read_text(encoding="utf-8") if p.is_file() else ""


@st.cache_data(show_spinner=False, max_entries=256)
def load_facets(key: Key, f: Filters) -> dict:
    """Sidebar facet counts: per choice dimension, {value: events + statements} under the other filters."""
    from components import facets

    return facets.all_counts(_p(key), f)


@st.cache_data(show_spinner=False, max_entries=8)
def load_alias_index(key: Key):
    """Every actor's names and aliases, indexed for search-word expansion (components.searchwords)."""
    from components import searchwords

    return searchwords.index_of_actors(queries.fetch_actors(_p(key)))
