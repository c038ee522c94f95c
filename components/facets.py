"""Facet counts for the sidebar: how many items each option of a filter would give under the other filters.

After datasette's facets.py: a `select value, count(*) ... group by value` over the filtered rows, under a
time limit (a facet that takes too long is left without counts rather than slowing the page). An item is
an event or a statement, as the filters select both: "Sergey Lavrov (23)" means 23 events and statements
would be shown with him added to the other filters.

Under dates, topics, countries, categories and officials the counts come from the build's table
(components.facetcounts: all-time or whole-month cells summed, an official's own rows grouped by the facet, the few
items those sums count other than once). A date range with partial edge months (a start after a month's first day,
an end before its last), with any other filters, is counted from components.facetarrays (below) as one date mask:
at 1M (facet_bench, load 2, all_counts CPU) date range 165 -> 16 ms, topic+dates 142 -> 24, official+dates 91 -> 17,
four topics+dates 363 -> 26; a Timeline rerun after a date change (devtools.timeline_profile ... 5 dates) 498 ->
241 ms CPU, all_counts in it 271 -> 33. The table and the edge months' rows (still there, tested) then only answer
with partial_months off. Under a search of up to FACET_HITS_CAP hits they come from its hits' rows, under the time limit;
past it from components.facetarrays: each item's facet values as arrays in memory, loaded once per database file,
and per facet one np.bincount over the hits (their rowids read from the full-text index) under the other filters
as masks, the four facets at once. That covers every search text (words, several words, prefixes, a name's other
spellings) with any other filters, with the same counts as the SQL over the rows (tests/test_facets.py).
Measured on 1,000,000 synthetic statements and 100,000 events (devtools/facet_bench.py, load average 5-9, CPU per
sidebar of four facets, before -> after): no filter 419 -> 24 ms, a date range 2,590 -> 165, one topic 1,718 -> 23,
a country 2,450 -> 17, topic and dates 2,431 -> 135, two topics 2,003 -> 37. Later, quiet machine: the busiest
official 336 -> 29 (rows -> table), three topics 230 (the table, the items with all three counted from their rows).
Searches (load 2-3, facets.all_counts): "syria", 449,000 hits, no counts (5.4 s CPU from the rows) -> 62 ms, about half
of it the full-text index's read of the hits, the floor of any count under a search; with a date range 55, with an
official 53, with a topic and a country 74; "syria russia" 40; the prefix "syri*" (527,000 hits) 168; "the"
(802,000) 91; 36,000 hits 444 (rows) -> 23. The arrays' one load per file: 1.5-1.7 s CPU and 43 MB at that size
(0.16 s at 100,000 statements), paid by the server's start (app.py, beside the warm-up's page run) and after a
build or an accept by the first frequent search or partial-month range. Counts under no
other filter are not cut (they are computed once per database version and cached for every session).
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing, contextmanager

from components import facetarrays, facetcounts
from components.aggregates import month_window
from components.filters import CHOICES, Filters, topic_ids_clause
from components.queries import _unreadable, connect, search_plan
from components.schema import date_bounds

TIME_LIMIT_MS = 300  # per facet: the sidebar waits at most ~1.2 s for four new facets
# A search's facets are counted from its hits' rows up to this many hits (at 1,000,000 statements the four take
# 42 ms at 1,969 hits, 224 ms at 9,117); past it from the arrays of components.facetarrays (7 and 11 ms there, 23 at
# 36,000 hits, 62 at 449,000, once loaded), so that a rare word's search does not wait for their load.
FACET_HITS_CAP = 2_000

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
    # topics: one pass over the filtered rows' topic_ids column ({sums}: one sum per topic), no join to the
    # link table; the date index carries topic_ids, so a date range is answered from the index alone
    "topics": {
        "statements": ("SELECT {sums} FROM statements st WHERE {w}",
                       "SELECT topic_id, count(*) FROM statement_topics GROUP BY 1"),
        "events": ("SELECT {sums} FROM events e WHERE {w}", "SELECT topic_id, count(*) FROM event_topics GROUP BY 1"),
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


def facet_sql(f: Filters, dim: str, table: str, extra: tuple[str, list] = ("", [])) -> tuple[str, list]:
    """The SQL and parameters counting `table`'s items per value of `dim` under the other filters of f
    (and the clause `extra`, e.g. one edge month of a date range)."""
    others = f.with_(**{dim: ()})
    filtered, bare = GROUPS[dim][table]
    if extra[0] and others.topics:  # an edge month reads its rows' topic_ids rather than list a topic's rows
        topics, ids = topic_ids_clause(ALIASES[table], others.topics)
        extra = (f"{extra[0]} AND {topics}", [*extra[1], *ids])
        others = others.with_(topics=())
    where, params = others.to_where(table, ALIASES[table])
    if where == "1=1" and not extra[0]:
        return bare, []
    if extra[0]:
        where, params = f"{where} AND {extra[0]}" if where != "1=1" else extra[0], [*params, *extra[1]]
    return filtered.replace("{w}", where), params


def _rows(conn: sqlite3.Connection, f: Filters, dim: str, table: str,
          extra: tuple[str, list] = ("", []), index: str | None = None) -> list[tuple[str, int]]:
    sql, params = facet_sql(f, dim, table, extra)
    if index:  # an edge month: its date index finds its few rows (left alone, SQLite starts from a topic's)
        t = f"FROM {table} {ALIASES[table]}"
        sql = sql.replace(t, f"{t} INDEXED BY {index}", 1)
    if dim == "actors" and table == "statements" and sql == GROUPS[dim][table][1]:
        sql = _unfiltered_speakers(conn) or sql
    if "{sums}" not in sql:
        return conn.execute(sql, params).fetchall()
    ids = [r[0] for r in conn.execute("SELECT id FROM topics ORDER BY id")]
    if not ids:
        return []
    # one sum per topic over the comma-separated topic_ids column (ids hold no commas)
    t = ALIASES[table]
    sums = ", ".join(f"coalesce(sum(instr(',' || {t}.topic_ids || ',', ?) > 0), 0)" for _ in ids)
    row = conn.execute(sql.replace("{sums}", sums), [*(f",{i}," for i in ids), *params]).fetchone()
    return [(i, n) for i, n in zip(ids, row) if n]


# The partial edge months of a date range, counted from the rows, each through its index: (clause, index) per
# table and side, with (from, first day of the first whole month) or (end of the last whole month, to). Each
# clause implies the whole date filter (an event that ends in the first month starts before `to`).
EDGES = {"statements": (("st.date_sort >= ? AND st.date_sort < ?", "idx_statements_facets"),
                        ("st.date_sort > ? AND st.date_sort <= ?", "idx_statements_facets")),
         "events": (("e.date_end >= ? AND e.date_end < ?", "idx_events_end"),
                    ("e.date_start > ? AND e.date_start <= ?", "idx_events_date"))}


def _counted_rows(conn: sqlite3.Connection, f: Filters, dim: str, table: str) -> list[tuple[str, int]]:
    """Rows (value, n) of `table`: from the build's facet_counts when it answers the other filters exactly
    (whole months there, the edge months of a date range from the rows), else from the rows alone."""
    others = f.with_(**{dim: ()})
    # with no other filter, officials are counted fastest from the rows (agg_speakers; event_actors' index)
    plain = dim == "actors" and others.to_where(table)[0] == "1=1"
    if plain or not facetcounts.has_table(conn) or not facetcounts.answerable(others, table):
        return _rows(conn, f, dim, table)
    rows = list(facetcounts.whole_month_counts(conn, others, dim, table).items())
    rows += facetcounts.overcounts(conn, others, dim, table)
    _, _, lo, hi = month_window(others.date_from, others.date_to)
    (before, by_end), (after, by_start) = EDGES[table]
    undated = f.with_(date_from=None, date_to=None)  # the edge's own range is the whole date filter
    start = date_bounds(others.date_from)[0] if others.date_from else None
    end = date_bounds(others.date_to)[1] if others.date_to else None
    if start and start < lo:
        rows += _rows(conn, undated, dim, table, (before, [start, lo]), by_end)
    if end and end > hi:
        rows += _rows(conn, undated, dim, table, (after, [hi, end]), by_start)
    return rows


def counts(path, f: Filters, dim: str, time_limit_ms: int = TIME_LIMIT_MS) -> dict[str, int]:
    """{value: events + statements} for the dimension `dim` ('actors', 'countries', 'topics', 'categories').

    Values with no item are absent. Raises FacetTimeout past the time limit.
    """
    if _from_arrays(path, f):
        return _search_counts(path, f, (dim,), time_limit_ms)[dim]
    out: dict[str, int] = {}
    deadline = time.monotonic() + time_limit_ms / 1000
    with closing(connect(path)) as conn:
        for table in ("statements", "events"):
            # Counts under no other filter are the same for every reader of this database version and are
            # cached once for all sessions: they run to the end; filtered counts stop at the time limit.
            unfiltered = f.with_(**{dim: ()}).to_where(table)[0] == "1=1"
            with _limited(path, conn, None if unfiltered else deadline,
                          f"{dim} counts took longer than {time_limit_ms} ms"):
                rows = _counted_rows(conn, f, dim, table)
            for value, n in rows:
                if n:
                    out[value] = out.get(value, 0) + n
    return out


@contextmanager
def _limited(path, conn: sqlite3.Connection, deadline: float | None, late: str):
    """Run the block's queries until `deadline` (time.monotonic(); None: no limit), past which FacetTimeout(late);
    an unreadable or corrupt file is one sentence on the page (queries._unreadable), not a traceback."""
    conn.set_progress_handler(None if deadline is None else (lambda: time.monotonic() > deadline), 2000)
    try:
        if deadline is not None and time.monotonic() > deadline:
            raise sqlite3.OperationalError("interrupted")
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise FacetTimeout(late) from exc
        raise _unreadable(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc


def _frequent(path, f: Filters) -> bool:
    """True for a search with more than FACET_HITS_CAP hits (one count of full-text index entries to know)."""
    return bool(f.fts()) and search_plan(path, f, FACET_HITS_CAP).hits > FACET_HITS_CAP


def partial_months(f: Filters) -> bool:
    """True for a date range starting after the first day of a month or ending before its last: the build's
    table holds whole months, and those edge rows would be counted from the rows (~200 ms CPU at 1,000,000)."""
    if not (f.date_from or f.date_to):
        return False
    _, _, lo, hi = month_window(f.date_from, f.date_to)
    return bool(f.date_from and date_bounds(f.date_from)[0] < lo) or bool(f.date_to and date_bounds(f.date_to)[1] > hi)


def _from_arrays(path, f: Filters) -> bool:
    """Counted from components.facetarrays: a frequent search, or a date range with partial edge months (any
    other filters), where one mask over the arrays is faster than the table and the edge months' rows."""
    return partial_months(f) if not f.fts() else _frequent(path, f)


def preload(path) -> None:
    """Load the arrays of the database at `path` now (the server's start: then no visitor waits for them)."""
    key = facetarrays.file_key(path)
    with closing(connect(path)) as conn:
        facetarrays.items_of(key, conn)


def _search_counts(path, f: Filters, dims: tuple[str, ...], time_limit_ms: int) -> dict[str, dict[str, int]]:
    """A frequent search's or a partial-month range's counts, from components.facetarrays, the dims at once under their time limits summed.
    The arrays' one load per database file is not cut: like the counts under no filter, it serves every session."""
    key = facetarrays.file_key(path)
    with closing(connect(path)) as conn:
        with _limited(path, conn, None, ""):
            loaded = facetarrays.items_of(key, conn)
        deadline = time.monotonic() + len(dims) * time_limit_ms / 1000
        with _limited(path, conn, deadline,  # the full-text read of the hits
                      f"counts under the search took longer than {len(dims) * time_limit_ms} ms"):
            return facetarrays.search_counts(conn, loaded, f, dims)


def all_counts(path, f: Filters, time_limit_ms: int = TIME_LIMIT_MS) -> dict[str, dict[str, int] | None]:
    """Counts for every choice dimension of the sidebar; None for one that timed out."""
    if _from_arrays(path, f):
        try:
            return dict(_search_counts(path, f, tuple(dim.name for dim in CHOICES), time_limit_ms))
        except FacetTimeout:
            return {dim.name: None for dim in CHOICES}
    result: dict[str, dict[str, int] | None] = {}
    for dim in CHOICES:
        try:
            result[dim.name] = counts(path, f, dim.name, time_limit_ms)
        except FacetTimeout:
            result[dim.name] = None
    return result


def not_counted_note(result: dict[str, dict[str, int] | None], labels: dict[str, str]) -> str | None:
    """One sentence for the sidebar naming the filters shown without counts (all_counts gave None), if any."""
    missing = [labels.get(name, name) for name, value in result.items() if value is None]
    if not missing:
        return None
    return (f"No counts beside the options of {', '.join(missing)}: for these filters (a combination too slow to "
            "count) they would take too long.")
