"""Facet counts under any search, however frequent its words, from arrays in memory.

Per database file (its path, inode, size and modification time: a build or an accept replaces the file), each
item's values in each facet dimension, coded as small integers and indexed by rowid: a dimension with one value
per item (a statement's speaker, its speaker's country, its event's category; an event's category) is one array,
one with several (a statement's topics; an event's officials, countries and topics) is (row, value) pairs. A
search's hits come from the full-text index as rowids (one query per table, the floor of any count under a search);
each other filter is a mask over the rows; a facet is one np.bincount over the hits under the other filters. The
counts are those of components.facets.GROUPS over the same rows (tested), for every search text (words, prefixes,
the other spellings of a name) and every other filter. Loading reads each dimension grouped by value through its
index, its rowids as one group_concat text (1.5-1.7 s CPU at 1,000,000 statements, 0.16 s at 100,000; once per
database file and process; app.py loads them at the server's start); the arrays take 43 MB at 1,000,000 statements.
With no search (a date range with partial edge months, components.facets.partial_months) the hits are every row:
the four facets under one date mask take 16-36 ms CPU at 1,000,000 statements, any other filters included.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from components.filters import Filters
from components.schema import date_bounds


def _rowids(text: str | None) -> np.ndarray:
    """Rowids from SQLite's group_concat (one text, parsed in C: far less CPU than one Python row per rowid)."""
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)


def _groups(conn: sqlite3.Connection, sql: str) -> list[tuple[str, np.ndarray]]:
    """(value, its rowids) per row of a `SELECT value, group_concat(rowid) ... GROUP BY 1` (NULL values left out)."""
    return [(value, _rowids(ids)) for value, ids in conn.execute(sql) if value is not None]


@dataclass(frozen=True)
class Column:
    """One facet dimension of one table: `codes` per rowid (rows None) or per (row, value) pair; values[code - 1]
    (code 0: no value)."""

    values: list
    codes: np.ndarray
    rows: np.ndarray | None = None

    @classmethod
    def single(cls, groups: list[tuple[str, np.ndarray]], size: int) -> Column:
        codes = np.zeros(size, dtype=np.int32)
        for code, (_, rowids) in enumerate(groups, 1):
            codes[rowids] = code
        return cls([v for v, _ in groups], codes)

    @classmethod
    def pairs(cls, groups: list[tuple[str, np.ndarray]]) -> Column:
        """Groups of several values (a topic_ids list 'a,b') count toward each of their values."""
        values: dict[str, list[np.ndarray]] = {}
        for value, rowids in groups:
            for one in sorted(set(value.split(",")) - {""}):
                values.setdefault(one, []).append(rowids)
        parts = [np.concatenate(ids) for ids in values.values()]
        codes = [np.full(len(ids), code, dtype=np.int32) for code, ids in enumerate(parts, 1)]
        return cls(list(values), np.concatenate(codes or [np.zeros(0, np.int32)]),
                   np.concatenate(parts or [np.zeros(0, np.int64)]))

    def mapped(self, to: dict) -> Column:
        """The pairs of the values `to` maps these pairs' values to (None: none), each (row, value) once."""
        values = sorted({v for v in to.values() if v is not None})
        code = {v: i for i, v in enumerate(values, 1)}
        codes = np.array([0, *(code.get(to.get(v), 0) for v in self.values)], dtype=np.int64)[self.codes]
        keep = codes > 0
        pairs = np.unique(self.rows[keep] * (len(values) + 1) + codes[keep])  # sorted, each pair once
        return Column(values, (pairs % (len(values) + 1)).astype(np.int32), pairs // (len(values) + 1))

    def having(self, chosen, size: int) -> np.ndarray:
        """Mask of the rows holding any of the chosen values."""
        chosen = set(chosen)
        wanted = [i for i, v in enumerate(self.values, 1) if v in chosen]
        hit = np.isin(self.codes, wanted)
        if self.rows is None:
            return hit
        mask = np.zeros(size, dtype=bool)
        mask[self.rows[hit]] = True
        return mask

    def count(self, mask: np.ndarray) -> dict[str, int]:
        """{value: rows in mask holding it} (a row holds a value once)."""
        picked = mask if self.rows is None else mask[self.rows]
        codes = self.codes[np.flatnonzero(picked)]  # 5x faster than codes[picked] for a dense mask (numpy 2.4)
        n = np.bincount(codes, minlength=len(self.values) + 1)
        return {self.values[i - 1]: int(n[i]) for i in np.flatnonzero(n) if i}


@dataclass(frozen=True)
class Dates:
    """A date column as the rank of each row's date among the table's distinct dates, sorted (Python's order of
    str is SQLite's of UTF-8 text), so a comparison with a date is one comparison of ranks; 0 for NULL, which no
    comparison matches."""

    values: list
    codes: np.ndarray

    def at_least(self, date: str) -> np.ndarray:
        return self.codes > bisect_left(self.values, date)  # codes count from 1

    def at_most(self, date: str) -> np.ndarray:
        return (self.codes > 0) & (self.codes <= bisect_right(self.values, date))


@dataclass(frozen=True)
class Items:
    """One table's facet columns, its date columns and its rowid range."""

    size: int
    columns: dict[str, Column]
    starts: Dates  # compared with the range's end ('to')
    ends: Dates  # compared with the range's start ('from')
    floor: str  # the earliest date a range with an end includes (statements: undated rows are '0000-00-00')

    def in_dates(self, f: Filters) -> np.ndarray | None:
        mask = None
        if f.date_from:
            mask = self.ends.at_least(date_bounds(f.date_from)[0])
        if f.date_to:
            upto = self.starts.at_least(self.floor) & self.starts.at_most(date_bounds(f.date_to)[1])
            mask = upto if mask is None else mask & upto
        return mask


# table -> dimension -> (how, SQL): "one" value per item or "many", the SQL giving (value, group_concat of rowids)
# grouped by value (each read through an index in the value's order but the topic lists, which are sorted); an
# event's countries are its officials' countries ("of actors": actor -> country), one per event and country
COLUMNS = {
    "statements": {
        "actors": ("one", "SELECT speaker_id, group_concat(rowid) FROM statements GROUP BY 1"),
        "countries": ("one", "SELECT speaker_country, group_concat(rowid) FROM statements GROUP BY 1"),
        "categories": ("one", "SELECT e.category, group_concat(st.rowid) FROM events e JOIN statements st "
                              "ON st.event_id = e.id GROUP BY 1"),
        "topics": ("many", "SELECT topic_ids, group_concat(rowid) FROM statements GROUP BY 1")},
    "events": {
        "categories": ("one", "SELECT category, group_concat(rowid) FROM events GROUP BY 1"),
        "actors": ("many", "SELECT ea.actor_id, group_concat(e.rowid) FROM event_actors ea JOIN events e "
                           "ON e.id = ea.event_id GROUP BY 1"),
        "countries": ("of actors", "SELECT id, country FROM actors"),
        "topics": ("many", "SELECT topic_ids, group_concat(rowid) FROM events GROUP BY 1")},
}
DATES = {"statements": ("date_sort", "date_sort", "0001-01-01"), "events": ("date_start", "date_end", "")}


def _dates(conn: sqlite3.Connection, table: str, column: str, size: int) -> Dates:
    groups = sorted(_groups(conn, f"SELECT {column}, group_concat(rowid) FROM {table} GROUP BY 1"), key=lambda g: g[0])
    return Dates([v for v, _ in groups], Column.single(groups, size).codes)


def load_items(conn: sqlite3.Connection, table: str) -> Items:
    """Read one table's facet values into arrays (see the module docstring)."""
    size = conn.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()[0]
    columns: dict[str, Column] = {}
    for dim, (how, sql) in COLUMNS[table].items():
        if how == "of actors":
            columns[dim] = columns["actors"].mapped(dict(conn.execute(sql)))
        else:
            groups = _groups(conn, sql)
            columns[dim] = Column.single(groups, size) if how == "one" else Column.pairs(groups)
    start, end, floor = DATES[table]
    starts = _dates(conn, table, start, size)
    return Items(size, columns, starts, starts if end == start else _dates(conn, table, end, size), floor)


def arrays_of(items: Items) -> list[np.ndarray]:
    """Every array one table's Items hold (for their size)."""
    out = [items.starts.codes, items.ends.codes]
    for column in items.columns.values():
        out += [column.codes] + ([column.rows] if column.rows is not None else [])
    return out


_LOCK = threading.Lock()
_LOADED: dict = {}  # the last database file's arrays: {file identity: {table: Items}}


def file_key(path) -> tuple | None:
    """The identity of the database file at `path` now, to take before connecting to it: a file replaced in
    between is then loaded under the old file's key, which no later call asks for, never the reverse. None for no
    file (connecting then says so)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.fspath(path), st.st_ino, st.st_size, st.st_mtime_ns)


def items_of(key: tuple | None, conn: sqlite3.Connection) -> dict[str, Items]:
    """The arrays of the database file `conn` reads (file_key() taken before connecting), loaded once per file."""
    with _LOCK:  # one load at a time: sessions run on threads, and a second load would only double the memory
        if key not in _LOADED:
            _LOADED.clear()
            _LOADED[key] = {table: load_items(conn, table) for table in COLUMNS}
        return _LOADED[key]


def hits(conn: sqlite3.Connection, table: str, q: str, size: int) -> np.ndarray:
    """Mask of the rows the full-text query matches (rowids read as one comma-separated text: half the CPU of
    one Python row per hit)."""
    text = conn.execute(f"SELECT group_concat(rowid) FROM {table}_fts WHERE {table}_fts MATCH ?", [q]).fetchone()[0]
    mask = np.zeros(size, dtype=bool)
    mask[_rowids(text)] = True
    return mask


def search_counts(conn: sqlite3.Connection, loaded: dict[str, Items], f: Filters, dims) -> dict[str, dict[str, int]]:
    """{dim: {value: events + statements}} under the search of f and its other filters, for each of dims, from the
    arrays `loaded` (items_of) of the database `conn` reads."""
    out: dict[str, dict[str, int]] = {dim: {} for dim in dims}
    q = f.fts()
    for table, items in loaded.items():
        base = hits(conn, table, q, items.size) if q else np.ones(items.size, dtype=bool)
        if (dated := items.in_dates(f)) is not None:
            base &= dated
        chosen = {dim: items.columns[dim].having(getattr(f, dim), items.size)
                  for dim in items.columns if getattr(f, dim)}
        for dim in dims:
            mask = base.copy()
            for other, having in chosen.items():
                if other != dim:
                    mask &= having
            for value, n in items.columns[dim].count(mask).items():
                out[dim][value] = out[dim].get(value, 0) + n
    return out
