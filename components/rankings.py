"""The Officials page's speaker ranking and the Topics page's top speakers per topic, from the build-time counts
(components/aggregates.py: agg_speaker_months, agg_topic_speakers) for a filter of dates alone.

A speaker's statements in a date range are at most those over all time, so only the speakers whose all-time
count reaches the range count of the k-th best read so far can rank: their month cells (an index by speaker,
month) and the edge months' rows are summed, not every speaker's. At 1,000,000 statements from 2011: per topic
1.1 s -> 12 ms CPU, the ranking 280 -> 4 ms. Every month cell in the range is summed instead when more than
TOP_CAP speakers could rank, the range holds no whole month, or the database predates the indexes.
"""

from __future__ import annotations

import json
import sqlite3

import pandas as pd

from components.aggregates import _edge_rows, _month_cells, _union, month_window


def fetch_top_speakers(path, f, limit: int = 20):
    """queries.fetch_top_speakers for a filter of dates alone: speaker_id, name, country, n, first, last."""
    return _pruned_or_cells(path, f, limit, "idx_speaker_months_cells", _top_speakers_pruned,
                            _top_speakers_from_cells, ["speaker_id", "name", "country", "n", "first", "last"])


def _pruned_or_cells(path, f, arg, index: str, pruned, from_cells, columns: list[str]):
    """pruned(conn, f, arg) as a frame of `columns`; from_cells(path, f, arg) instead when the range holds no whole
    month, the database predates `index`, or pruned() declines (None)."""
    from components.db import _unreadable, reading

    first, last, _, _ = month_window(f.date_from, f.date_to)
    if first > last or not _has(path, index):
        return from_cells(path, f, arg)
    with reading(path) as conn:
        try:
            rows = pruned(conn, f, arg)
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    if rows is None:
        return from_cells(path, f, arg)
    return pd.DataFrame(rows, columns=columns)


def _has(path, index: str) -> bool:
    from components.db import _scalar

    return bool(_scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", [index]))


_SPEAKER_BOUNDS = """SELECT speaker_key, speaker_id, name, country, n, first, last FROM agg_speaker_months
    INDEXED BY idx_speaker_months_top WHERE month = '' AND n >= ? ORDER BY n DESC"""


def _top_speakers_pruned(conn, f, k: int) -> list[tuple] | None:
    """(speaker_id, name, country, n, first, last) of the k speakers with most statements in f's dates, ranked by
    n then name as the rows rank them; None when more than TOP_CAP speakers could rank."""
    counts = _speaker_counter(conn, f)
    rows = conn.execute(_SPEAKER_BOUNDS + " LIMIT ?", [1, max(TOP_FIRST, k)]).fetchall()
    ranked = counts(rows)
    floor = ranked[k - 1][3] if len(ranked) >= k else 1
    if len(rows) == max(TOP_FIRST, k) and rows[-1][4] >= floor:  # others not read yet may reach it
        if conn.execute(f"SELECT count(*) FROM ({_SPEAKER_BOUNDS})", [floor]).fetchone()[0] > TOP_CAP:
            return None
        ranked = counts(conn.execute(_SPEAKER_BOUNDS, [floor]).fetchall())
    return ranked[:k]


def _speaker_counter(conn, f):
    """A function (bound rows) -> [(speaker_id, name, country, n, first, last) in f's dates] with n > 0, best
    first (n DESC, name, then the speaker key so that a tie is always broken the same way)."""
    first_m, last_m, _, _ = month_window(f.date_from, f.date_to)
    dated = bool(f.date_from or f.date_to)
    edges: dict = {}
    st, stp = _edge_rows(f, "statements", "st", "coalesce(st.speaker_id, st.speaker_label), st.date_start")
    if dated and st:
        edges = {key: (n, lo, hi) for key, n, lo, hi in conn.execute(
            f"WITH e (k, d) AS ({_union(st)}) SELECT k, count(*), min(d), max(d) FROM e GROUP BY 1", stp)}

    def counts(rows):
        if not dated:  # all time: the bound is the count
            got = [(key, sid, name, country, n, lo, hi) for key, sid, name, country, n, lo, hi in rows]
        else:
            cells = conn.execute("""SELECT coalesce(sum(a.n), 0), min(a.first), max(a.last) FROM json_each(?) c
                LEFT JOIN agg_speaker_months a ON a.speaker_key = c.value AND a.month BETWEEN ? AND ?
                AND a.month <> '0000-00' GROUP BY c.key ORDER BY c.key""",
                                 [json.dumps([r[0] for r in rows]), first_m, last_m]).fetchall()
            got = [(r[0], *r[1:4], *_plus(c, edges.get(r[0]))) for r, c in zip(rows, cells)]
        got.sort(key=lambda g: (-g[4], g[2], g[0]))
        return [g[1:] for g in got if g[4] > 0]
    return counts


def _plus(cells: tuple, edge: tuple | None) -> tuple:
    """(n, first, last) of the whole months and of the edge rows together."""
    if edge is None:
        return cells
    return cells[0] + edge[0], min(d for d in (cells[1], edge[1]) if d), max(d for d in (cells[2], edge[2]) if d)


def _top_speakers_from_cells(path, f, limit: int):
    """fetch_top_speakers summing every month cell in the range (each one's all-time row, no dates)."""
    from components.queries import _df

    st, stp = _edge_rows(f, "statements", "st", "coalesce(st.speaker_id, st.speaker_label), st.speaker_id, "
                         "st.speaker_name, st.speaker_country, 1, st.date_start, st.date_start")
    cells, cp = _month_cells(f, "month = ''")  # with no dates, each one's all-time row
    counts = [f"SELECT speaker_key, speaker_id, name, country, n, first, last FROM agg_speaker_months WHERE {cells}"]
    sql = f"""
        WITH parts (k, speaker_id, name, country, n, first, last) AS (
            {_union(counts + st)})
        SELECT max(speaker_id) AS speaker_id, max(name) AS name, max(country) AS country, sum(n) AS n,
               min(first) AS first, max(last) AS last FROM parts GROUP BY k ORDER BY n DESC, name LIMIT ?"""
    return _df(path, sql, [*cp, *stp, limit])


TOP_FIRST = 32  # speakers per topic whose range counts are taken first, most statements over all time first
TOP_CAP = 2000  # more speakers than this could still rank on one topic: sum every month cell instead


def fetch_top_speakers_by_topic(path, f, per_topic: int = 3):
    """queries.fetch_top_speakers_by_topic for a filter of dates alone, from the per-topic speaker counts.

    A speaker's statements on a topic in a range are at most those over all time, so only the speakers whose
    all-time count reaches the range count of the topic's per_topic-th best so far can rank: their counts are
    summed from their month cells (PRIMARY KEY topic, speaker, month) and the edge months' rows, not every
    speaker's (1,000,000 statements from 2011: 1.1 s CPU over 450,000 cells -> 12 ms). When too many could rank
    (a range with few statements), the range holds no whole month, or the database predates the index, every
    month cell in the range is summed."""
    return _pruned_or_cells(path, f, per_topic, "idx_topic_speakers_cells", _top_speakers_by_topic_pruned,
                            _top_speakers_by_topic_from_cells, ["topic", "speaker", "speaker_id", "n"])


_BOUNDS = """SELECT speaker_key, speaker_id, name, n FROM agg_topic_speakers INDEXED BY idx_topic_speakers_top
    WHERE month = '' AND topic_id = ? AND n >= ? ORDER BY n DESC"""


def _top_speakers_by_topic_pruned(conn, f, k: int) -> list[tuple] | None:
    """(topic label, speaker, speaker_id, n) rows ranked as the rows rank them, or None past TOP_CAP."""
    counts = _topic_speaker_counter(conn, f)
    out = []
    for topic, label in conn.execute("SELECT id, label FROM topics ORDER BY label, id").fetchall():
        rows = conn.execute(_BOUNDS + " LIMIT ?", [topic, 1, TOP_FIRST]).fetchall()
        ranked = counts(topic, rows)
        floor = ranked[k - 1][0] if len(ranked) >= k else 1  # the range count a speaker must reach to rank
        if len(rows) == TOP_FIRST and rows[-1][3] >= floor:  # others not read yet may reach it
            if conn.execute("SELECT count(*) FROM (" + _BOUNDS + ")", [topic, floor]).fetchone()[0] > TOP_CAP:
                return None
            ranked = counts(topic, conn.execute(_BOUNDS, [topic, floor]).fetchall())
        out += [(label, name, sid, n) for n, name, sid in ranked[:k]]
    return out


def _topic_speaker_counter(conn, f):
    """A function (topic, bound rows) -> [(n in f's dates, name, speaker_id)] for those with n > 0, best first
    (most statements, then name, then speaker id with none first, as ORDER BY n DESC, speaker, speaker_id)."""
    first, last, _, _ = month_window(f.date_from, f.date_to)
    dated = bool(f.date_from or f.date_to)
    edges: dict = {}
    if dated:
        st, stp = _edge_rows(f, "statements", "st", "x.topic_id, coalesce(st.speaker_id, st.speaker_name)",
                             "JOIN statement_topics x ON x.statement_id = st.id")
        if st:
            edges = {(t, key): n for t, key, n in conn.execute(
                f"WITH e (t, k) AS ({_union(st)}) SELECT t, k, count(*) FROM e GROUP BY 1, 2", stp)}

    def counts(topic, rows):
        if not dated:  # all time: the bound is the count
            got = [(n, name, sid) for _, sid, name, n in rows]
        else:
            cells = _month_sums(conn, topic, [r[0] for r in rows], first, last)
            got = [(c + edges.get((topic, key), 0), name, sid) for (key, sid, name, _), c in zip(rows, cells)]
        return sorted((g for g in got if g[0] > 0), key=lambda g: (-g[0], g[1], g[2] is not None, g[2] or ""))
    return counts


def _month_sums(conn, topic: str, keys: list[str], first: str, last: str) -> list[int]:
    """Each speaker's statements on the topic in the whole months first..last (undated ones left out)."""
    if first > last or not keys:
        return [0] * len(keys)
    return [n for (n,) in conn.execute("""SELECT (SELECT coalesce(sum(a.n), 0) FROM agg_topic_speakers a
        WHERE a.topic_id = ? AND a.speaker_key = c.value AND a.month BETWEEN ? AND ? AND a.month <> '0000-00')
        FROM json_each(?) c ORDER BY c.key""", [topic, first, last, json.dumps(keys)])]


def _top_speakers_by_topic_from_cells(path, f, per_topic: int):
    """fetch_top_speakers_by_topic summing every month cell in the range (each pair's all-time row, no dates)."""
    from components.queries import _df

    st, stp = _edge_rows(f, "statements", "st", "x.topic_id, coalesce(st.speaker_id, st.speaker_name), st.speaker_id, "
                         "st.speaker_name, 1", "JOIN statement_topics x ON x.statement_id = st.id")
    cells, cp = _month_cells(f, "month = ''")  # with no dates, each one's all-time row
    counts = [f"SELECT topic_id, speaker_key, speaker_id, name, n FROM agg_topic_speakers WHERE {cells}"]
    sql = f"""
        WITH parts (topic_id, k, speaker_id, name, n) AS (
            {_union(counts + st)}),
        c AS (SELECT t.label AS topic, max(p.name) AS speaker, max(p.speaker_id) AS speaker_id, sum(p.n) AS n
              FROM parts p JOIN topics t ON t.id = p.topic_id GROUP BY p.topic_id, p.k),
        r AS (SELECT *, row_number() OVER (PARTITION BY topic ORDER BY n DESC, speaker, speaker_id) AS rank FROM c)
        SELECT topic, speaker, speaker_id, n FROM r WHERE rank <= ? ORDER BY topic, rank"""
    return _df(path, sql, [*cp, *stp, per_topic])
