"""Counts written at build time, so the Timeline's charts and the speaker facet need no scan of every row.

Per month and speaker (and over all time, month ''): statements with their first and last date, and per
topic too. Per month: statements by tagged topic and speaker's country (undated ones under month '0000-00');
statements and events by primary topic, once for all rows (topic_id '') and once per tagged
topic; events also carry the tone sum, minimum and maximum (the barometer). Per speaker: statements.
Undated statements (the Timeline's "N statements not shown" note): in all, and per value of each choice
dimension a statement row answers (topic, speaker, speaker's country, its event's category).
`refresh()` recomputes them from the base tables (in SQL, and the per-topic counts in one pass over the
statements); the full build and the incremental accept call it. `add()` gives the same rows from the rows just
inserted alone (100,000 statements, one quote: 6 ms CPU against 1.7 s), for the incremental accept. queries.py
reads them when a filter is one they can answer exactly (no filter, one topic, a date range: whole months from
the counts, the edge months from rows). The rankings of speakers read only the speakers whose all-time count
can still reach the top under a date range (a speaker's count in a range is at most its count over all time).
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections import Counter

PRIMARY = "substr({t}.topic_ids, 1, instr({t}.topic_ids || ',', ',') - 1)"

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS agg_statement_months (month TEXT NOT NULL, topic_id TEXT NOT NULL,
    primary_topic TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (topic_id, month, primary_topic));
CREATE TABLE IF NOT EXISTS agg_event_months (month TEXT NOT NULL, topic_id TEXT NOT NULL,
    primary_topic TEXT NOT NULL, n INTEGER NOT NULL, tone_sum INTEGER NOT NULL, tone_min INTEGER NOT NULL,
    tone_max INTEGER NOT NULL, PRIMARY KEY (topic_id, month, primary_topic));
CREATE TABLE IF NOT EXISTS agg_statement_countries (month TEXT NOT NULL, topic_id TEXT NOT NULL, country TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (topic_id, month, country));
CREATE TABLE IF NOT EXISTS agg_speakers (speaker_id TEXT, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS agg_speaker_months (month TEXT NOT NULL, speaker_key TEXT, speaker_id TEXT, name TEXT,
    country TEXT, n INTEGER NOT NULL, first TEXT, last TEXT);
CREATE TABLE IF NOT EXISTS agg_topic_speakers (topic_id TEXT NOT NULL, speaker_key TEXT NOT NULL, month TEXT NOT NULL,
    speaker_id TEXT, name TEXT, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS agg_undated_statements (dim TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (dim, value));
"""
INDEXES_SQL = """
CREATE INDEX IF NOT EXISTS idx_speaker_months ON agg_speaker_months(month);
CREATE INDEX IF NOT EXISTS idx_speaker_months_top ON agg_speaker_months(n) WHERE month = '';
CREATE INDEX IF NOT EXISTS idx_speaker_months_cells ON agg_speaker_months(speaker_key, month, n, first, last);
CREATE INDEX IF NOT EXISTS idx_topic_speakers ON agg_topic_speakers(month);
CREATE INDEX IF NOT EXISTS idx_topic_speakers_top ON agg_topic_speakers(topic_id, n) WHERE month = '';
CREATE INDEX IF NOT EXISTS idx_topic_speakers_cells ON agg_topic_speakers(topic_id, speaker_key, month, n);
"""  # made after the rows are in: one sort each, not an insert at a random place per row

TABLES = ("agg_statement_months", "agg_event_months", "agg_statement_countries", "agg_speakers",
          "agg_speaker_months", "agg_topic_speakers", "agg_undated_statements")

# Filters field -> the value of an undated statement it is counted under (dim '' value '': all of them). Read
# from indexes where one covers it: a statement's topic_ids are its statement_topics rows (store._rows), and
# date_sort is '0000-00-00' exactly when date_start is null.
UNDATED_SQL = {
    "topics": "SELECT j.value, count(*) FROM {st}, json_each('[\"' || replace(st.topic_ids, ',', '\",\"') "
              "|| '\"]') j WHERE st.date_start IS NULL AND st.topic_ids <> '' GROUP BY 1",
    "actors": "SELECT speaker_id, count(*) FROM {st} WHERE date_sort = '0000-00-00' AND speaker_id IS NOT NULL "
              "GROUP BY 1",
    "countries": "SELECT speaker_country, count(*) FROM {st} WHERE date_sort = '0000-00-00' "
                 "AND speaker_country IS NOT NULL GROUP BY 1",
    "categories": "SELECT e.category, count(*) FROM {st} JOIN events e ON e.id = st.event_id "
                  "WHERE st.date_start IS NULL GROUP BY 1",
}

# table -> (key columns, summed, least kept, greatest kept): how add() merges the new rows' counts into a table
MERGE = {
    "agg_statement_months": (("month", "topic_id", "primary_topic"), ("n",), (), ()),
    "agg_event_months": (("month", "topic_id", "primary_topic"), ("n", "tone_sum"), ("tone_min",), ("tone_max",)),
    "agg_statement_countries": (("month", "topic_id", "country"), ("n",), (), ()),
    "agg_speakers": (("speaker_id",), ("n",), (), ()),
    "agg_speaker_months": (("month", "speaker_key"), ("n",), ("first",), ("speaker_id", "name", "country", "last")),
    "agg_topic_speakers": (("topic_id", "speaker_key", "month"), ("n",), (), ("speaker_id", "name")),
    "agg_undated_statements": (("dim", "value"), ("n",), (), ()),
}


def refresh(conn: sqlite3.Connection) -> None:
    """(Re)compute every aggregate table from the base tables of this database."""
    for t in TABLES:  # dropped, not emptied: a table an older version wrote in another layout is made anew
        conn.execute(f"DROP TABLE IF EXISTS {t}")
    conn.executescript(SCHEMA_SQL)
    _count(conn, "statements st", "events e", add=False)
    conn.executescript(INDEXES_SQL)


def add(conn: sqlite3.Connection, new: dict[str, list[dict]]) -> None:
    """Add the counts of rows just inserted (table -> rows, as components.increment has them) to the tables:
    the same rows as refresh() over the whole database, reading only the new rows and the cells they touch.
    Topics added to an existing item, or tables of an older layout: refresh()."""
    ids = {t: [r["id"] for r in new.get(t) or []] for t in ("statements", "events")}
    linked = ({r["event_id"] for r in new.get("event_topics") or []} - set(ids["events"])) | (
        {r["statement_id"] for r in new.get("statement_topics") or []} - set(ids["statements"]))
    if linked or conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'idx_topic_speakers_cells'"
                              ).fetchone()[0] == 0:
        refresh(conn)
        return
    for table, temp in (("statements", "agg_new_s"), ("events", "agg_new_e")):  # the new rows alone, read in full
        conn.execute(f"CREATE TEMP TABLE {temp} AS SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                     [json.dumps(ids[table])])
    _count(conn, "temp.agg_new_s AS st", "temp.agg_new_e AS e", add=True)
    for (name,) in conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name LIKE 'agg_%'"
                                ).fetchall():
        conn.execute(f"DROP TABLE temp.{name}")


def _count(conn: sqlite3.Connection, st: str, ev: str, add: bool) -> None:
    """Count the statements of `st` and the events of `ev` (FROM clauses naming them st and e) into every table,
    added to its rows when `add`."""
    sp, ep = PRIMARY.format(t="st"), PRIMARY.format(t="e")
    put = functools.partial(_put, conn, add=add)
    put("agg_statement_months", f"""SELECT substr(st.date_start, 1, 7), '', {sp}, count(*) FROM {st}
        WHERE st.date_start IS NOT NULL GROUP BY 1, 3""")
    put("agg_event_months", f"""SELECT substr(e.date_start, 1, 7), '', {ep}, count(*), sum(e.tone), min(e.tone),
        max(e.tone) FROM {ev} GROUP BY 1, 3""")
    put("agg_event_months", f"""SELECT substr(e.date_start, 1, 7), x.topic_id, {ep}, count(*), sum(e.tone),
        min(e.tone), max(e.tone) FROM {ev} JOIN event_topics x ON x.event_id = e.id GROUP BY 1, 2, 3""")
    months = put("agg_speaker_months", f"""SELECT substr(date_sort, 1, 7), coalesce(speaker_id, speaker_label),
        max(speaker_id), max(speaker_name), max(speaker_country), count(*), min(date_start), max(date_start)
        FROM {st} GROUP BY 1, 2""")  # per month ('0000-00' undated), then all time (month '')
    put("agg_speaker_months", f"""SELECT '', speaker_key, max(speaker_id), max(name), max(country), sum(n), min(first),
        max(last) FROM {months} WHERE month <> '' GROUP BY 2""")
    for table, rows in _statement_topic_rows(conn, st).items():
        put(table, rows=rows)
    put("agg_speakers", f"SELECT speaker_id, count(*) FROM {st} GROUP BY 1")
    put("agg_undated_statements", f"SELECT '', '', count(*) FROM {st} WHERE date_start IS NULL")
    for dim, sql in UNDATED_SQL.items():
        put("agg_undated_statements", f"SELECT ?, * FROM ({sql.format(st=st)})", [dim])


def _put(conn: sqlite3.Connection, table: str, sql: str = "", params=(), rows=None, add: bool = False) -> str:
    """Rows for `table` (a SELECT of its columns, or Python rows) into it; when `add`, into a temp table of its
    layout first, merged into it by MERGE's keys. Returns where the rows went (the temp table when `add`)."""
    target = table
    if add:
        target = f"temp.agg_d{conn.execute('SELECT count(*) FROM temp.sqlite_master').fetchone()[0]}"
        conn.execute(f"CREATE TABLE {target} AS SELECT * FROM {table} WHERE 0")
    if rows is None:
        conn.execute(f"INSERT INTO {target} {sql}", list(params))
    elif rows:
        conn.executemany(f"INSERT INTO {target} VALUES ({','.join('?' * len(rows[0]))})", rows)
    if add:
        keys, sums, least, most = MERGE[table]
        on = " AND ".join(f"a.{k} IS d.{k}" for k in keys)
        sets = [f"{c} = a.{c} + d.{c}" for c in sums] + [
            f"{c} = {fn}(coalesce(a.{c}, d.{c}), coalesce(d.{c}, a.{c}))" for fn, cols in (("min", least), ("max", most))
            for c in cols]
        conn.execute(f"UPDATE {table} AS a SET {', '.join(sets)} FROM {target} AS d WHERE {on}")
        conn.execute(f"INSERT INTO {table} SELECT * FROM {target} AS d WHERE NOT EXISTS "
                     f"(SELECT 1 FROM {table} AS a WHERE {on})")
    return target


def _statement_topic_rows(conn: sqlite3.Connection, st: str) -> dict[str, list[tuple]]:
    """Rows of the statements of `st` per topic and month by primary topic, by speaker's country and by speaker,
    from one pass over the statements counted in memory: three GROUP BYs over the statement x topic join each
    sorted its 1.4 million rows at 1,000,000 statements (~3 s CPU a sort; a shared join sorted on all five keys
    cost as much).

    A statement's topics are its topic_ids (primary first; statement_topics holds the same, store._rows), and a
    speaker's id, name and country are one per speaker key (agg_speaker_months' all-time rows, written before)."""
    who = {key: (sid, name, country or "") for key, sid, name, country in conn.execute(
        "SELECT speaker_key, speaker_id, name, country FROM agg_speaker_months WHERE month = ''")}
    by_primary, by_country, by_speaker, all_time = Counter(), Counter(), Counter(), Counter()
    for (key, month, topic_ids), n in Counter(conn.execute(f"SELECT coalesce(speaker_id, speaker_label), "
                                                          f"substr(date_sort, 1, 7), topic_ids FROM {st} "
                                                          f"WHERE topic_ids <> ''")).items():
        topics = list(dict.fromkeys(topic_ids.split(",")))
        country = who[key][2]
        for topic in topics:
            by_speaker[topic, key, month] += n
            all_time[topic, key, ""] += n  # month '': every month's and the undated ones
            by_country[month, topic, country] += n  # month '0000-00': undated
            if month != "0000-00":  # dated: date_sort's month is date_start's
                by_primary[month, topic, topics[0]] += n
    return {"agg_statement_months": [(*k, n) for k, n in by_primary.items()],
            "agg_statement_countries": [(*k, n) for k, n in by_country.items()],
            "agg_topic_speakers": [(t, key, m, *who[key][:2], n) for cells in (by_speaker, all_time)
                                   for (t, key, m), n in cells.items()]}


def month_window(date_from: str | None, date_to: str | None) -> tuple[str, str, str, str]:
    """For a date filter: (first, last) whole month 'YYYY-MM' the counts answer exactly, and (lo, hi) days
    bounding those months; rows dated outside [lo, hi] (the edge months) are counted from the rows.

    No bound means the counts run to the end of time on that side. Empty when first > last.
    """
    from components.schema import date_bounds

    first, lo = "0000-00", "0000-00-00"
    if date_from:
        start = date_bounds(date_from)[0]
        first = start[:7] if start.endswith("-01") else _next_month(start[:7])
        lo = f"{first}-01"
    last, hi = "9999-99", "9999-99-99"
    if date_to:
        end = date_bounds(date_to)[1]
        last = end[:7] if end == date_bounds(end[:7])[1] else _prev_month(end[:7])
        hi = f"{last}-99"
    return first, last, lo, hi


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def _prev_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"


def answers(f) -> bool:
    """True when the counts give exact answers for this filter: dates and at most one topic, nothing else."""
    return len(f.topics) <= 1 and f.with_(date_from=None, date_to=None, topics=()).is_empty()


# --- reading them (the SQL of these tables lives with them; queries.py delegates here) -------------------

def count_undated(path, f) -> int | None:
    """Undated statements under the filter from the counts, or None when they cannot say (a search, two
    dimensions, two topics: one statement can carry both; a database built before the table existed).

    A date filter leaves no undated statement (statements filter on date_sort, '0000-00-00' when undated)."""
    from components.db import _scalar, has_table
    from components.filters import CHOICES

    if f.fts():
        return None
    if f.date_from or f.date_to:
        return 0
    chosen = [(c.name, getattr(f, c.name)) for c in CHOICES if getattr(f, c.name)]
    if len(chosen) > 1 or (chosen and chosen[0][0] == "topics" and len(chosen[0][1]) > 1):
        return None
    if not has_table(path, "agg_undated_statements"):
        return None
    dim, values = chosen[0] if chosen else ("", ("",))
    return _scalar(path, f"SELECT coalesce(sum(n), 0) FROM agg_undated_statements WHERE dim = ? "
                         f"AND value IN ({','.join('?' * len(values))})", [dim, *values])


def count_statements(path, f) -> int | None:
    """Statements under a filter of at most one topic and nothing else, from the counts (every dated month plus
    the undated ones); None when the counts cannot say exactly (dates, a search, any other dimension)."""
    from components.db import _scalar

    if f.date_from or f.date_to or not answers(f):
        return None
    undated = count_undated(path, f)
    if undated is None:
        return None
    topic = f.topics[0] if f.topics else ""
    return undated + _scalar(path, "SELECT coalesce(sum(n), 0) FROM agg_statement_months WHERE topic_id = ?", [topic])


def _period(col: str, freq: str) -> str:
    return f"substr({col}, 1, 4)" if freq == "year" else f"substr({col}, 1, 7)"


def _edge_rows(f, kind: str, t: str, select: str, join: str = "") -> tuple[list[str], list]:
    """SELECTs of `select` over the rows of the partial edge months of f's date range (the rows the whole-month
    counts leave out), with the other filters: one SELECT per bounded side, each an index range on date_start
    (a single date_sort >= from range would read every row after from: 2.6 s at 1,000,000 statements from 2011)."""
    from components.schema import date_bounds

    first, last, lo, hi = month_window(f.date_from, f.date_to)
    where, params = f.with_(date_from=None, date_to=None).to_where(kind, t, probe=frozenset({"topics"}))
    since = date_bounds(f.date_from)[0] if f.date_from else None
    until = date_bounds(f.date_to)[1] if f.date_to else None
    # events: overlapping the range. The unary + keeps SQLite off date_end's index, which it otherwise takes
    # inside these UNIONs: from 2016 that range reads ~60,000 events through the table (28 ms at 100,000 events)
    # where date_start's index, which holds date_end too, reads the same rows' index entries alone (1.7 ms).
    start = f"+{t}.date_end >= ?" if kind == "events" else f"{t}.date_start >= ?"
    if first > last:  # no whole month inside the range: all of it is edge
        sides = [(f"{start} AND {t}.date_start <= ?", [since, until])]
    else:
        sides = ([(f"{start} AND {t}.date_start < ?", [since, lo])] if since else []) + \
                ([(f"{t}.date_start > ? AND {t}.date_start <= ?", [hi, until])] if until else [])
    sqls, out = [], []
    for side, bounds in sides:
        sqls.append(f"SELECT {select} FROM {kind} {t} {join} WHERE {side} AND {where}")
        out += bounds + params
    return sqls, out


def _union(parts: list[str]) -> str:
    return "\n            UNION ALL\n            ".join(parts)


def fetch_activity(path, f, freq: str = "year"):
    """queries.fetch_activity for a filter `answers()` accepts: the same columns and rows, from the counts."""
    from components.queries import _df

    first, last, lo, hi = month_window(f.date_from, f.date_to)
    topic = f.topics[0] if f.topics else ""
    ev, evp = _edge_rows(f, "events", "e", f"{_period('e.date_start', freq)}, 'events', {PRIMARY.format(t='e')}, 1")
    st, stp = _edge_rows(f, "statements", "st", f"{_period('st.date_start', freq)}, 'statements', "
                                                f"{PRIMARY.format(t='st')}, 1")
    counts = [f"SELECT {_period('month', freq)} AS period, 'events' AS kind, primary_topic AS topic_id, n "
              f"FROM agg_event_months WHERE topic_id = ? AND month BETWEEN ? AND ?",
              f"SELECT {_period('month', freq)}, 'statements', primary_topic, n "
              f"FROM agg_statement_months WHERE topic_id = ? AND month BETWEEN ? AND ?"]
    sql = f"""
        WITH parts AS (
            {_union(counts + ev + st)})
        SELECT period, kind, topic_id, sum(n) AS n FROM parts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
    return _df(path, sql, [topic, first, last, topic, first, last, *evp, *stp])


def fetch_barometer(path, f, freq: str = "month"):
    """queries.fetch_barometer for a filter `answers()` accepts: mean tone from the per-month tone sums."""
    from components.queries import _df

    first, last, _, _ = month_window(f.date_from, f.date_to)
    ev, evp = _edge_rows(f, "events", "e", f"{_period('e.date_start', freq)}, 1, e.tone, e.tone, e.tone")
    counts = [f"SELECT {_period('month', freq)} AS period, n, tone_sum, tone_min, tone_max FROM agg_event_months "
              f"WHERE topic_id = ? AND month BETWEEN ? AND ?"]
    sql = f"""
        WITH parts AS (
            {_union(counts + ev)})
        SELECT period, sum(tone_sum) * 1.0 / sum(n) AS mean_tone, sum(n) AS n, min(tone_min) AS min_tone,
               max(tone_max) AS max_tone FROM parts GROUP BY 1 ORDER BY 1"""
    return _df(path, sql, [f.topics[0] if f.topics else "", first, last, *evp])


def fetch_topic_trends(path, f, freq: str = "year"):
    """queries.fetch_topic_trends for a filter of dates alone: items tagged with each topic per period from the
    per-topic month counts (summed over their primary topics), the edge months of a date range from the rows."""
    from components.queries import _df

    first, last, _, _ = month_window(f.date_from, f.date_to)
    ev, evp = _edge_rows(f, "events", "e", f"{_period('e.date_start', freq)}, x.topic_id, 1",
                         "JOIN event_topics x ON x.event_id = e.id")
    st, stp = _edge_rows(f, "statements", "st", f"{_period('st.date_start', freq)}, x.topic_id, 1",
                         "JOIN statement_topics x ON x.statement_id = st.id")
    counts = [f"SELECT {_period('month', freq)} AS period, topic_id, n FROM {t} WHERE topic_id <> '' "
              f"AND month BETWEEN ? AND ?" for t in ("agg_event_months", "agg_statement_months")]
    sql = f"""
        WITH items AS (
            {_union(counts + ev + st)})
        SELECT items.period, items.topic_id, t.label, sum(items.n) AS n FROM items JOIN topics t ON t.id = items.topic_id
        GROUP BY 1, 2 ORDER BY 1, 2"""
    return _df(path, sql, [first, last, first, last, *evp, *stp])


def _month_cells(f, all_time: str) -> tuple[str, list]:
    """(WHERE clause, params) choosing a per-month table's cells for f's dates: its whole months, undated
    statements ('0000-00') left out as any date filter leaves them out; with no dates, `all_time`."""
    if not (f.date_from or f.date_to):
        return all_time, []
    first, last, _, _ = month_window(f.date_from, f.date_to)
    return "month BETWEEN ? AND ? AND month <> '0000-00'", [first, last]


def fetch_topic_country_share(path, f):
    """queries.fetch_topic_country_share for a filter of dates alone, from the per-topic, per-country month counts
    (undated statements count only when no date filters), the edge months of a date range from the rows."""
    from components.queries import _df

    st, stp = _edge_rows(f, "statements", "st", "x.topic_id, coalesce(st.speaker_country, ''), 1",
                         "JOIN statement_topics x ON x.statement_id = st.id")
    cells, cp = _month_cells(f, "1")  # no row for all time: every month's, the undated ones' too
    counts = [f"SELECT topic_id, country, n FROM agg_statement_countries WHERE {cells}"]
    sql = f"""
        WITH items AS (
            {_union(counts + st)})
        SELECT items.topic_id, t.label, CASE items.country WHEN '' THEN 'unattributed' ELSE items.country END AS country,
               sum(items.n) AS n FROM items JOIN topics t ON t.id = items.topic_id
        GROUP BY 1, 3 ORDER BY t.label, n DESC, country"""
    return _df(path, sql, [*cp, *stp])


def fetch_top_speakers(path, f, limit: int = 20):
    """queries.fetch_top_speakers for a filter of dates alone: components/rankings.py."""
    from components import rankings

    return rankings.fetch_top_speakers(path, f, limit)


def fetch_top_speakers_by_topic(path, f, per_topic: int = 3):
    """queries.fetch_top_speakers_by_topic for a filter of dates alone: components/rankings.py."""
    from components import rankings

    return rankings.fetch_top_speakers_by_topic(path, f, per_topic)
