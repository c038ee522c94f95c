"""Facet counts for the sidebar: how many items each option of a filter would give under the other filters.

After datasette's facets.py: a `select value, count(*) ... group by value` over the filtered rows, under a
time limit (a facet that takes too long is left without counts rather than slowing the page). An item is
an event or a statement, as the filters select both: "Sergey Lavrov (23)" means 23 events and statements
would be shown with him added to the other filters. Without other filters, each count is an index scan
(or the build's per-speaker table), so a million statements cost tens of milliseconds per facet.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

from components.filters import CHOICES, Filters
from components.queries import connect

TIME_LIMIT_MS = 800

# dimension -> table -> (SQL over filtered rows with {w}, SQL when nothing else filters): rows (value, n)
GROUPS: dict[str, dict[str, tuple[str, str]]] = {
    "actors": {
        "statements": ("SELECT st.speaker_id, count(*) FROM statements st WHERE {w} AND st.speaker_id IS NOT NULL "
                       "GROUP BY 1",
                       "SELECT speaker_id, count(*) FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1"),
        "events": ("SELECT ea.actor_id, count(*) FROM events e JOIN event_actors ea ON ea.event_id = e.id WHERE {w} "
                   "GROUP BY 1", "SELECT actor_id, count(*) FROM event_actors GROUP BY 1"),
    },
    "countries": {
        "statements": ("SELECT st.speaker_country, count(*) FROM statements st WHERE {w} "
                       "AND st.speaker_country IS NOT NULL GROUP BY 1",
                       "SELECT speaker_country, count(*) FROM statements WHERE speaker_country IS NOT NULL GROUP BY 1"),
        "events": ("SELECT a.country, count(DISTINCT e.id) FROM events e JOIN event_actors ea ON ea.event_id = e.id "
                   "JOIN actors a ON a.id = ea.actor_id WHERE {w} AND a.country IS NOT NULL GROUP BY 1",
                   "SELECT a.country, count(DISTINCT ea.event_id) FROM event_actors ea JOIN actors a "
                   "ON a.id = ea.actor_id WHERE a.country IS NOT NULL GROUP BY 1"),
    },
    "topics": {
        "statements": ("SELECT x.topic_id, count(*) FROM statements st JOIN statement_topics x "
                       "ON x.statement_id = st.id WHERE {w} GROUP BY 1",
                       "SELECT topic_id, count(*) FROM statement_topics GROUP BY 1"),
        "events": ("SELECT x.topic_id, count(*) FROM events e JOIN event_topics x ON x.event_id = e.id WHERE {w} "
                   "GROUP BY 1", "SELECT topic_id, count(*) FROM event_topics GROUP BY 1"),
    },
    "categories": {
        "statements": ("SELECT e.category, count(*) FROM statements st JOIN events e ON e.id = st.event_id "
                       "WHERE {w} GROUP BY 1",
                       "SELECT e.category, count(*) FROM statements st JOIN events e ON e.id = st.event_id GROUP BY 1"),
        "events": ("SELECT e.category, count(*) FROM events e WHERE {w} GROUP BY 1",
                   "SELECT category, count(*) FROM events GROUP BY 1"),
    },
}
ALIASES = {"statements": "st", "events": "e"}


class FacetTimeout(Exception):
    """A facet took longer than its time limit; the sidebar shows that filter without counts."""


def _unfiltered_speakers(conn: sqlite3.Connection) -> str | None:
    """The build's per-speaker counts, when this database has them."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'agg_speakers'").fetchone()
    return "SELECT speaker_id, n FROM agg_speakers WHERE speaker_id IS NOT NULL" if has else None


def facet_sql(f: Filters, dim: str, table: str) -> tuple[str, list]:
    """The SQL and parameters counting `table`'s items per value of `dim` under the other filters of f."""
    others = f.with_(**{dim: ()})
    filtered, bare = GROUPS[dim][table]
    where, params = others.to_where(table, ALIASES[table])
    if where == "1=1":
        return bare, []
    return filtered.format(w=where), params


def counts(path, f: Filters, dim: str, time_limit_ms: int = TIME_LIMIT_MS) -> dict[str, int]:
    """{value: events + statements} for the dimension `dim` ('actors', 'countries', 'topics', 'categories').

    Values with no item are absent. Raises FacetTimeout past the time limit.
    """
    out: dict[str, int] = {}
    deadline = time.monotonic() + time_limit_ms / 1000
    with closing(connect(path)) as conn:
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 2000)
        for table in ("statements", "events"):
            sql, params = facet_sql(f, dim, table)
            if dim == "actors" and table == "statements" and not params and sql == GROUPS[dim][table][1]:
                sql = _unfiltered_speakers(conn) or sql
            try:
                if time.monotonic() > deadline:
                    raise sqlite3.OperationalError("interrupted")
                rows = conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupt" in str(exc):
                    raise FacetTimeout(f"{dim} counts took longer than {time_limit_ms} ms") from exc
                raise
            for value, n in rows:
                out[value] = out.get(value, 0) + n
    return out


def all_counts(path, f: Filters, time_limit_ms: int = TIME_LIMIT_MS) -> dict[str, dict[str, int] | None]:
    """Counts for every choice dimension of the sidebar; None for one that timed out."""
    result: dict[str, dict[str, int] | None] = {}
    for dim in CHOICES:
        try:
            result[dim.name] = counts(path, f, dim.name, time_limit_ms)
        except FacetTimeout:
            result[dim.name] = None
    return result
