"""Facet counts written at build time, so the sidebar's counts under date, topic, country, category and official
filters sum a few thousand counted rows instead of scanning every statement.

One row of `agg_facet_counts` counts the items (kind 's' statements, 'e' events) that have `value` in the facet
dimension `dim` and fall in one cell of the coarse filter dimensions: start and end month (m1, m2; a
statement's m2 = m1 = the month of its date_sort, '0000-00' when undated), event category, country and topic.
A dimension an item holds several values of (a statement's topics; an event's topics and countries) has one
row per value plus one with '*' (any), so a filter of one value, or none, counts each item once; a
dimension an item holds one value of (category; a statement's speaker country, '' when none) is summed over
the chosen values, or over all of them (listed in `agg_facet_keys`). A facet's own dimension is '*'. Rows with
long = 2 and months '*' sum each cell over all time, for filters without dates.

The officials' rows (dim 'actors') carry every other dimension, so the counts under chosen officials are those
officials' rows (read through idx_facet_counts_actor) grouped by the facet's column instead of by official.
Several topics: each topic's rows less each pair's (topic 'a&b'); exact for items holding at most two of them.
Items the sums count other than once (three of the chosen topics or more; an event with two chosen officials or
more) are few, and `overcounts()` counts the difference from their rows (partial indexes find them).

`answerable()` says which filters the table answers exactly: no search text, (for events) at most one country,
and a date range that is not inside one month. A date range counts its whole months from the table and its
partial edge months from the rows (components.facets does that part).
`refresh()` recomputes it from the base tables; the full build calls it, the incremental accept calls add().
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from itertools import combinations

from components.aggregates import month_window

SCHEMA_SQL = """
DROP TABLE IF EXISTS agg_facet_counts;
DROP TABLE IF EXISTS agg_facet_keys;
CREATE TABLE agg_facet_counts (kind TEXT NOT NULL, dim TEXT NOT NULL, topic TEXT NOT NULL, country TEXT NOT NULL,
    category TEXT NOT NULL, long INTEGER NOT NULL, m1 TEXT NOT NULL, m2 TEXT NOT NULL, value TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (kind, dim, topic, country, category, long, m1, m2, value)) WITHOUT ROWID;
CREATE TABLE agg_facet_keys (kind TEXT NOT NULL, dim TEXT NOT NULL, col TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (kind, dim, col, value)) WITHOUT ROWID;
-- the partial edge months of a date range are counted from the rows through these
CREATE INDEX IF NOT EXISTS idx_events_end ON events(date_end);
CREATE INDEX IF NOT EXISTS idx_statements_facets ON statements(date_sort, speaker_country, speaker_id, event_id,
    topic_ids, id);
-- the items holding three topics or more (their topic_ids two commas), which the topic sums may count wrongly
CREATE INDEX IF NOT EXISTS idx_statements_many_topics ON statements(date_sort, speaker_country, speaker_id, event_id,
    topic_ids) WHERE topic_ids LIKE '%,%,%';
CREATE INDEX IF NOT EXISTS idx_events_many_topics ON events(date_start, date_end, category, topic_ids, id)
    WHERE topic_ids LIKE '%,%,%';
"""
# written after the rows (one sort of the officials' rows, ~5 s CPU at 1,000,000 statements): an official's rows
ACTOR_INDEX_SQL = ("CREATE INDEX idx_facet_counts_actor ON agg_facet_counts(value, kind, long, m1, m2, n) "
                   "WHERE dim = 'actors'")

# Per item, its values of every dimension; '*' rows stand for "any value" of a many-valued dimension.
# {s} and {e} choose the statements and events counted: all of them, or the rows an accept adds.
ITEMS_SQL = """
CREATE TEMP TABLE fc_s (id INTEGER PRIMARY KEY, speaker TEXT, country TEXT, category TEXT, m TEXT);
INSERT INTO fc_s SELECT st.rowid, st.speaker_id, coalesce(st.speaker_country, ''), coalesce(e.category, ''),
    substr(st.date_sort, 1, 7) FROM statements st LEFT JOIN events e ON e.id = st.event_id WHERE {s};
CREATE TEMP TABLE fc_s_topics AS SELECT st.rowid AS id, x.topic_id AS topic FROM statement_topics x
    JOIN statements st ON st.id = x.statement_id WHERE {s} UNION ALL SELECT st.rowid, '*' FROM statements st WHERE {s};
CREATE INDEX temp.fc_s_topics_id ON fc_s_topics(id);
INSERT INTO fc_s_topics SELECT a.id, a.topic || '&' || b.topic FROM fc_s_topics a JOIN fc_s_topics b ON b.id = a.id
    WHERE a.topic < b.topic AND a.topic <> '*';
CREATE TEMP TABLE fc_s_cells (topic TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
    speaker TEXT NOT NULL, m TEXT NOT NULL, n INTEGER, PRIMARY KEY (topic, country, category, speaker, m)) WITHOUT ROWID;
CREATE INDEX temp.fc_s_topics_topic ON fc_s_topics(topic, id);
INSERT INTO fc_s_cells SELECT t.topic, s.country, s.category, coalesce(s.speaker, ''), s.m, 1
    FROM fc_s_topics t INDEXED BY fc_s_topics_topic CROSS JOIN fc_s s ON s.id = t.id WHERE true
    ON CONFLICT DO UPDATE SET n = n + 1;
CREATE TEMP TABLE fc_s_cells2 (topic TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, m TEXT NOT NULL,
    n INTEGER, PRIMARY KEY (topic, country, category, m)) WITHOUT ROWID;
INSERT INTO fc_s_cells2 SELECT topic, country, category, m, n FROM fc_s_cells WHERE true
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
CREATE TEMP TABLE fc_e (id INTEGER PRIMARY KEY, category TEXT, m1 TEXT, m2 TEXT);
INSERT INTO fc_e SELECT e.rowid, e.category, substr(e.date_start, 1, 7), substr(e.date_end, 1, 7) FROM events e
    WHERE {e};
CREATE TEMP TABLE fc_e_topics AS SELECT e.rowid AS id, x.topic_id AS topic FROM event_topics x
    JOIN events e ON e.id = x.event_id WHERE {e} UNION ALL SELECT e.rowid, '*' FROM events e WHERE {e};
CREATE TEMP TABLE fc_e_countries AS SELECT DISTINCT e.rowid AS id, a.country AS country FROM event_actors ea
    JOIN actors a ON a.id = ea.actor_id JOIN events e ON e.id = ea.event_id WHERE a.country IS NOT NULL AND {e}
    UNION ALL SELECT e.rowid, '*' FROM events e WHERE {e};
CREATE TEMP TABLE fc_e_actors AS SELECT e.rowid AS id, ea.actor_id AS actor FROM event_actors ea
    JOIN events e ON e.id = ea.event_id WHERE {e};
CREATE INDEX temp.fc_e_topics_id ON fc_e_topics(id);
INSERT INTO fc_e_topics SELECT a.id, a.topic || '&' || b.topic FROM fc_e_topics a JOIN fc_e_topics b ON b.id = a.id
    WHERE a.topic < b.topic AND a.topic <> '*';
CREATE INDEX temp.fc_e_topics_topic ON fc_e_topics(topic, id);
CREATE INDEX temp.fc_e_countries_id ON fc_e_countries(id);
CREATE INDEX temp.fc_e_actors_id ON fc_e_actors(id);
"""
TEMP_TABLES = ("fc_s", "fc_s_topics", "fc_s_cells", "fc_s_cells2", "fc_e", "fc_e_topics", "fc_e_countries", "fc_e_actors")

# dim -> (topic, country, category, value, joins, condition) per kind, over the temp tables above
# statements: summed from their cells (one row per topic, country, category, month and speaker, counted once),
# the facets other than officials from those cells summed over speakers (a third of the rows)
_S, _S2 = "FROM fc_s_cells t", "FROM fc_s_cells2 t"
_ONE_TOPIC = "t.topic <> '*' AND instr(t.topic, '&') = 0"  # a topic, not "any" nor a pair
# Joined in topic order, the first column of the cells' key: each cell is counted near the last one counted
# (a third less CPU at 1,000,000 statements than in the items' order).
_E = ("FROM fc_e_topics t INDEXED BY fc_e_topics_topic CROSS JOIN fc_e e ON e.id = t.id "
      "CROSS JOIN fc_e_countries c ON c.id = e.id")
CELLS = {
    "s": {"actors": ("t.topic", "t.country", "t.category", "t.speaker", _S, "t.speaker <> ''"),
          "countries": ("t.topic", "'*'", "t.category", "t.country", _S2, "t.country <> ''"),
          "topics": ("'*'", "t.country", "t.category", "t.topic", _S2, _ONE_TOPIC),
          "categories": ("t.topic", "t.country", "'*'", "t.category", _S2, "t.category <> ''")},
    "e": {"actors": ("t.topic", "c.country", "e.category", "a.actor", _E + " CROSS JOIN fc_e_actors a ON a.id = e.id", "1"),
          "countries": ("t.topic", "'*'", "e.category", "c.country", _E, "c.country <> '*'"),
          "topics": ("'*'", "c.country", "e.category", "t.topic", _E, _ONE_TOPIC),
          "categories": ("t.topic", "c.country", "'*'", "e.category", _E, "1")},
}
MONTHS = {"s": ("t.m", "t.m"), "e": ("e.m1", "e.m2")}
COUNT = {"s": "t.n", "e": "1"}  # per joined row, summed into its cell
KINDS = {"statements": "s", "events": "e"}


def refresh(conn: sqlite3.Connection) -> None:
    """(Re)compute agg_facet_counts and its key lists from the base tables of this database."""
    conn.executescript(SCHEMA_SQL)
    with _temp_in_memory(conn):
        _count(conn, "1", "1", add=False)
    conn.execute(ACTOR_INDEX_SQL)
    conn.execute("INSERT INTO agg_facet_keys VALUES ('', 'format', '', ?)", [FORMAT])


def add(conn: sqlite3.Connection, new: dict[str, list[dict]]) -> None:
    """Add the counts of rows just inserted (table -> rows with their ids, as components.increment has them) to
    the table: the same rows as refresh() over the whole database, without reading its other rows. Events or
    statements added to an existing item's links (event_actors, event_topics alone) are not such rows: refresh."""
    ids = {t: {r["id"] for r in new.get(t) or []} for t in ("statements", "events")}
    linked = ({r["event_id"] for t in ("event_actors", "event_topics") for r in new.get(t) or []} - ids["events"]) | (
        {r["statement_id"] for r in new.get("statement_topics") or []} - ids["statements"])
    if not has_table(conn) or linked:
        refresh(conn)
        return
    with _temp_in_memory(conn):
        conn.executescript("CREATE TEMP TABLE fc_new_s (id TEXT PRIMARY KEY); "
                           "CREATE TEMP TABLE fc_new_e (id TEXT PRIMARY KEY);")
        conn.executemany("INSERT OR IGNORE INTO temp.fc_new_s VALUES (?)", [(i,) for i in ids["statements"]])
        conn.executemany("INSERT OR IGNORE INTO temp.fc_new_e VALUES (?)", [(i,) for i in ids["events"]])
        _count(conn, "st.id IN (SELECT id FROM temp.fc_new_s)", "e.id IN (SELECT id FROM temp.fc_new_e)", add=True)
        conn.executescript("DROP TABLE temp.fc_new_s; DROP TABLE temp.fc_new_e;")


def _count(conn: sqlite3.Connection, statements: str, events: str, add: bool) -> None:
    """Count the chosen items into agg_facet_counts (adding to the rows there when `add`) and their keys."""
    conn.executescript(ITEMS_SQL.format(s=statements, e=events))
    upsert = " ON CONFLICT DO UPDATE SET n = n + excluded.n" if add else ""
    for kind, dims in CELLS.items():
        m1, m2 = MONTHS[kind]
        for dim, (topic, country, category, value, joins, cond) in dims.items():
            # One sort per facet: its month cells, grouped in the order of fc_x's key, so the all-time sums below
            # read fc_x in order (no second sort) and the copy into agg_facet_counts inserts near its last row.
            conn.execute("CREATE TEMP TABLE fc_x (topic TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, "
                         "value TEXT NOT NULL, m1 TEXT NOT NULL, m2 TEXT NOT NULL, long INTEGER, n INTEGER, "
                         "PRIMARY KEY (topic, country, category, value, m1, m2)) WITHOUT ROWID")
            conn.execute(f"INSERT INTO temp.fc_x SELECT {topic}, {country}, {category}, {value}, {m1}, {m2}, "
                         f"{m1} <> {m2}, {COUNT[kind]} {joins} WHERE {cond} ON CONFLICT DO UPDATE SET n = n + excluded.n")
            conn.execute(f"INSERT INTO agg_facet_counts SELECT '{kind}', '{dim}', topic, country, category, long, m1, "
                         f"m2, value, n FROM temp.fc_x WHERE true{upsert}")
            # all time (long = 2, months '*'): what a filter without dates sums, a row per value and cell
            conn.execute(f"INSERT INTO agg_facet_counts SELECT '{kind}', '{dim}', topic, country, category, 2, '*', "
                         f"'*', value, sum(n) FROM temp.fc_x GROUP BY topic, country, category, value{upsert}")
            for col in ("country", "category"):
                conn.execute(f"INSERT OR IGNORE INTO agg_facet_keys SELECT DISTINCT '{kind}', '{dim}', '{col}', {col} "
                             f"FROM temp.fc_x")
            conn.execute("DROP TABLE temp.fc_x")
    conn.executescript("".join(f"DROP TABLE temp.{t};" for t in TEMP_TABLES))


@contextmanager
def _temp_in_memory(conn: sqlite3.Connection):
    """The per-item tables and sorts in memory (a few hundred MB at 1,000,000 statements). SQLite changes this only
    between transactions (executescript() commits first, as the counting's own scripts do anyway) and drops the
    temp tables when it does: call it before creating any."""
    store = int(conn.execute("PRAGMA temp_store").fetchone()[0])
    conn.executescript("PRAGMA temp_store = MEMORY;")
    try:
        yield
    finally:
        conn.executescript(f"PRAGMA temp_store = {store};")


FORMAT = "3"  # of the table's rows; a change to what refresh() writes changes it
READY_NAMES = ("agg_facet_counts", "agg_facet_keys", "idx_events_end", "idx_statements_facets",
               "idx_facet_counts_actor", "idx_statements_many_topics", "idx_events_many_topics")


def has_table(conn: sqlite3.Connection) -> bool:
    """True when this database has the table in this module's format and the indexes its edge months are read
    through. A table written by an older version (the build's input hash does not cover this file) is not used:
    the counts then come from the rows until the next build or accept rewrites it."""
    marks = ", ".join("?" * len(READY_NAMES))
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({marks})", READY_NAMES).fetchone()[0]
    return found == len(READY_NAMES) and conn.execute(
        "SELECT 1 FROM agg_facet_keys WHERE kind = '' AND dim = 'format' AND col = '' AND value = ?",
        [FORMAT]).fetchone() is not None


def answerable(others, table: str) -> bool:
    """True when agg_facet_counts (with overcounts()) gives the exact count of `table`'s items under `others`."""
    if others.text.strip():
        return False
    if table == "events" and len(others.countries) > 1:
        return False
    if others.date_from or others.date_to:
        first, last, _, _ = month_window(others.date_from, others.date_to)
        return first <= last
    return True


OWN = {"topics": "topic", "countries": "country", "categories": "category"}  # a facet's own column is '*'
# ... except in the officials' rows, where it holds the values: those of a facet are these rows, per kind
OWN_VALUES = {"s": {"topics": _ONE_TOPIC.replace("t.", ""), "countries": "country <> ''", "categories": "category <> ''"},
              "e": {"topics": _ONE_TOPIC.replace("t.", ""), "countries": "country <> '*'", "categories": "1"}}


def _choice(conn, kind: str, dim: str, col: str, chosen: tuple, many_valued: bool, rows: str) -> tuple[str, list]:
    if OWN.get(dim) == col:
        return (OWN_VALUES[kind][dim], []) if rows == "actors" else (f"{col} = '*'", [])
    if many_valued:
        return f"{col} = ?", [chosen[0] if chosen else "*"]
    values = list(chosen) or [r[0] for r in conn.execute(
        "SELECT value FROM agg_facet_keys WHERE kind = ? AND dim = ? AND col = ?", [kind, rows, col])]
    return f"{col} IN ({', '.join('?' * len(values))})", values


def _months(others) -> tuple[str, str] | None:
    """The whole months (first, last) the table's rows answer for the date filter; None without dates."""
    if not (others.date_from or others.date_to):
        return None
    first, last, _, _ = month_window(others.date_from, others.date_to)
    return ("0001-01" if not others.date_from else first,  # undated statements ('0000-00') fall outside any 'to'
            "9999-99" if not others.date_to else last)


def whole_month_counts(conn: sqlite3.Connection, others, dim: str, table: str) -> dict[str, int]:
    """{value: n} of `table`'s items in the whole months of the date range (all months without one), from
    agg_facet_counts; the partial edge months are left to the rows. Only for filters answerable() accepts, and
    short of overcounts()."""
    kind = KINDS[table]
    # under chosen officials, their own rows grouped by the facet's column; else the facet's rows by value
    rows, group = ("actors", OWN[dim]) if others.actors else (dim, "value")
    clauses, params = ["kind = ?", f"dim = '{rows}'"], [kind]
    if others.actors:
        clauses.append(f"value IN ({', '.join('?' * len(others.actors))})")
        params += list(others.actors)
    if dim == "topics" and others.actors:
        clauses.append(OWN_VALUES[kind]["topics"])
    else:  # each chosen topic's rows (or any topic's, '*'), and each pair's, which subtract
        topics = sorted(others.topics) if dim != "topics" else []
        topics = [*topics, *("&".join(p) for p in combinations(topics, 2))] or ["*"]
        clauses.append(f"topic IN ({', '.join('?' * len(topics))})")
        params += topics
    for col, chosen, many in (("country", others.countries, kind == "e"), ("category", others.categories, False)):
        sql, p = _choice(conn, kind, dim, col, chosen, many, rows)
        clauses.append(sql)
        params += p
    # Items within one month (long = 0) are a range of m1; the few spanning months are checked for overlap;
    # without dates, the all-time rows (long = 2).
    where = " AND ".join(clauses)
    t = "agg_facet_counts INDEXED BY idx_facet_counts_actor" if others.actors else "agg_facet_counts"
    n = "n * (1 - 2 * (instr(topic, '&') > 0))"  # a pair's rows subtract
    months = _months(others)
    if not months:
        sql, full = f"SELECT {group} AS value, {n} AS n FROM {t} WHERE {where} AND long = 2", params
    else:
        first, last = months
        sql = (f"SELECT {group} AS value, {n} AS n FROM {t} WHERE {where} AND long = 0 AND m1 BETWEEN ? AND ? "
               f"UNION ALL SELECT {group}, {n} FROM {t} WHERE {where} AND long = 1 AND m1 <= ? AND m2 >= ?")
        full = [*params, first, last, *params, last, first]
    return dict(conn.execute(f"SELECT value, sum(n) FROM ({sql}) GROUP BY value", full).fetchall())


# dim -> table -> rows (v: value, w: weight) of the items `c` (id: their rowid, w: what to add per item)
_ST, _EV = "c.w AS w FROM c JOIN statements st ON st.rowid = c.id", "c.w AS w FROM c JOIN events e ON e.rowid = c.id"
_TOPIC_IDS = """, json_each('["' || replace({t}.topic_ids, ',', '","') || '"]') j WHERE j.value <> ''"""
ITEM_VALUES = {
    "actors": {"statements": f"SELECT st.speaker_id AS v, {_ST} WHERE st.speaker_id IS NOT NULL",
               "events": f"SELECT ea.actor_id AS v, {_EV} JOIN event_actors ea ON ea.event_id = e.id"},
    "countries": {"statements": f"SELECT st.speaker_country AS v, {_ST} WHERE st.speaker_country IS NOT NULL",
                  "events": f"SELECT DISTINCT c.id, a.country AS v, {_EV} JOIN event_actors ea ON ea.event_id = e.id "
                            "JOIN actors a ON a.id = ea.actor_id WHERE a.country IS NOT NULL"},
    "topics": {"statements": f"SELECT j.value AS v, {_ST}" + _TOPIC_IDS.format(t="st"),
               "events": f"SELECT j.value AS v, {_EV}" + _TOPIC_IDS.format(t="e")},
    "categories": {"statements": f"SELECT e.category AS v, {_ST} JOIN events e ON e.id = st.event_id",
                   "events": f"SELECT e.category AS v, {_EV}"},
}


def overcounts(conn: sqlite3.Connection, others, dim: str, table: str) -> list[tuple[str, int]]:
    """Rows (value, n) to add to whole_month_counts(): the items its sums count other than once, each the
    difference. They count an item a * (k - k(k - 1) / 2) times, with a the chosen officials it has (events; 1
    without officials) and k the chosen topics it has (1 without topics): wrong only for k >= 3 or a >= 2."""
    topics = others.topics if len(others.topics) >= 3 else ()
    actors = others.actors if table == "events" and len(others.actors) >= 2 else ()
    if not (topics or actors):
        return []
    # the items in the table's whole months, under the other filters but topics (checked through k)
    where, params = others.with_(topics=(), date_from=None, date_to=None).to_where(table, "x")
    if (months := _months(others)) and table == "statements":
        where, params = f"{where} AND x.date_sort BETWEEN ? AND ?", [*params, f"{months[0]}-00", f"{months[1]}-99"]
    elif months:
        where, params = f"{where} AND x.date_start <= ? AND x.date_end >= ?", [*params, f"{months[1]}-99",
                                                                                 f"{months[0]}-00"]
    k_sql = " + ".join(["(instr(',' || x.topic_ids || ',', ?) > 0)"] * len(others.topics)) or "1"
    k_params = [f",{t}," for t in others.topics]
    marks = ", ".join("?" * len(others.actors))
    a_sql = (f"(SELECT count(*) FROM event_actors y WHERE y.event_id = x.id AND y.actor_id IN ({marks}))"
             if table == "events" and others.actors else "1")
    a_params = list(others.actors) if a_sql != "1" else []
    item = f"SELECT x.rowid AS id, {a_sql} AS a, {k_sql} AS k FROM {table} x"
    parts, part_params = [], []
    if topics:  # three topics or more: the items holding three or more, from their partial index
        # (a topic's id inside another's is rare: the plain substring test first, the exact one after it)
        rough = " + ".join(["(instr(x.topic_ids, ?) > 0)"] * len(topics))
        parts.append(f"{item} INDEXED BY idx_{table}_many_topics WHERE x.topic_ids LIKE '%,%,%' AND {rough} >= 3 "
                     f"AND {k_sql} >= 3 AND {where}")
        part_params += [*a_params, *k_params, *topics, *k_params, *params]
    if actors:  # two officials or more: the events having two of them or more
        parts.append(f"{item} WHERE x.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({marks}) "
                     f"GROUP BY event_id HAVING count(*) > 1) AND {where}")
        part_params += [*a_params, *k_params, *actors, *params]
    weight = "1 - a * (k - k * (k - 1) / 2)" if others.topics else "1 - a"
    # materialised, so that each item's k and a are computed once (flattened, SQLite repeats them per use)
    sql = (f"WITH items AS MATERIALIZED ({' UNION '.join(parts)}), c AS (SELECT id, {weight} AS w FROM items "
           f"WHERE k >= 1 AND a >= 1 AND {weight} <> 0) SELECT v, sum(w) FROM ({ITEM_VALUES[dim][table]}) GROUP BY 1")
    return conn.execute(sql, part_params).fetchall()
