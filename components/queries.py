"""Every SQL statement over events and statements. Functions take the database path and a `Filters`, return
DataFrames. Filtering happens in SQL with parameters, never in pandas. Connections come from components.db;
reference lists and facts about the data live in components.catalog (both re-exported here).
"""

from __future__ import annotations

import pandas as pd

from components import aggregates
from components.catalog import (  # noqa: F401  (re-exported: the pages and the CLI read everything as queries.*)
    fetch_topics,
    fetch_actors,
    fetch_actor_names,
    fetch_roles,
    fetch_actor_topics,
    fetch_countries,
    fetch_reference_ids,
    fetch_known_values,
    find_actors,
    fetch_meta,
    fetch_table_counts,
    fetch_coverage,
    _records_pairs,
    fetch_date_span,
    fetch_sources_summary,
    fetch_disputed,
)
from components.db import (  # noqa: F401  (re-exported)
    HL_CLOSE,
    HL_OPEN,
    DatabaseMissing,
    DatabaseUnreadable,
    connect,
    _unreadable,
    _df,
    _plain_df,
    _records,
    _scalar,
    has_table,
)
from components.filters import Filters, topic_ids_clause
from components.schema import role_on
from components.statements import (  # noqa: F401  (re-exported)
    BM25_WEIGHTS,
    COUNT_CAP,
    PROBE_COUNT_CAP,
    RANK_CAP,
    STATEMENT_COLUMNS,
    TAGGED_CAP,
    Plan,
    _many_hits,
    count_hits,
    count_statements,
    count_statements_upto,
    fetch_search_page,
    fetch_side_by_side,
    fetch_statement,
    fetch_statements,
    plan_for,
    search_plan,
)

PRIMARY_TOPIC = aggregates.PRIMARY  # a row's first topic id (the build's counts use the same)


# --- events -------------------------------------------------------------------------------------

def _broad(path, topics: tuple[str, ...]) -> bool:
    """True when the topics hold more than a quarter of all events (the table's size from the build's ANALYZE)."""
    if not has_table(path, "sqlite_stat1"):
        return False
    total = _scalar(path, "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1") or 0
    n = _scalar(path, f"SELECT count(*) FROM (SELECT 1 FROM event_topics WHERE topic_id IN "
                      f"({', '.join('?' for _ in topics)}) LIMIT ?)", [*topics, total // 4 + 1])
    return bool(total) and n > total // 4


def _event_where(path, f: Filters) -> tuple[str, list]:
    """The WHERE clause over events. A topic holding many events is checked on each row's topic_ids (the same
    ids as event_topics, written by the build) along the date index or the table, rather than by looking up
    each of its events by id: two b-tree searches per event, 145 ms CPU for one topic's 34,000 at 100,000
    events, against 95 ms for the pass."""
    if not f.topics or not _broad(path, f.topics):
        return f.to_where("events", "e")
    where, params = f.with_(topics=()).to_where("events", "e")
    clause, ids = topic_ids_clause("e", f.topics)
    return (clause if where == "1=1" else f"{where} AND {clause}"), [*params, *ids]


TOPIC_EVENTS = "agg_topic_events"  # the build's copy of each event's listed columns per topic (store.py)


def _event_rows(path, f: Filters) -> tuple[str, str, list]:
    """(table, WHERE, params) for the events under the filter, as `e`. Under topics (without a search, which
    needs the events' rowids), the rows of agg_topic_events: a topic's events read in importance or date order
    from its key or index alone, no event looked up (1M, one topic's 17,500 events in two years: 45 -> 8 ms CPU
    in SQLite); an event under two chosen topics is kept under the first of them it carries. Otherwise events."""
    if not f.topics or f.fts() or not has_table(path, TOPIC_EVENTS):
        return "events", *_event_where(path, f)
    where, params = f.with_(topics=()).to_where("events", "e")
    if len(f.topics) == 1:
        own, ids = "e.topic_id = ?", [f.topics[0]]
    else:
        first = " ".join("WHEN instr(',' || e.topic_ids || ',', ?) > 0 THEN ?" for _ in f.topics)
        own = f"e.topic_id IN ({', '.join('?' for _ in f.topics)}) AND e.topic_id = CASE {first} END"
        ids = [*f.topics, *(x for t in f.topics for x in (f",{t},", t))]
    return TOPIC_EVENTS, (own if where == "1=1" else f"{own} AND {where}"), [*ids, *params]


# What a list of events shows (the Timeline's table, a day's other events, an official's events): each column
# more costs about 4 ms per 17,000 events.
EVENT_LIST_COLUMNS = "e.id, e.date, e.date_precision, e.title, e.category, e.importance, e.tone, e.actor_names"


def fetch_events(path, f: Filters, limit: int | None = None, *, with_sources: bool = False,
                 order: str = "date", columns: str = "all") -> pd.DataFrame:
    """Events matching the filter, oldest first (or most important first), with their primary topic; with
    with_sources, their source URLs too (a subquery per row: no page shows them, the export has its own);
    columns='list' gives only EVENT_LIST_COLUMNS."""
    table, where, params = _event_rows(path, f)
    urls = """(SELECT group_concat(s.url, ' ') FROM event_sources es JOIN sources s ON s.id = es.source_id
                 WHERE es.event_id = e.id)""" if with_sources else "NULL"
    order_sql = "e.importance DESC, e.date_start, e.id" if order == "importance" else "e.date_start, e.id"
    cols = EVENT_LIST_COLUMNS if columns == "list" else f"""e.id, e.date, e.date_precision, e.end_date, e.title,
        e.category, e.importance, e.tone, e.date_start, e.date_end, e.initiator_id, e.initiator_country,
        e.actor_names, e.topic_ids, {PRIMARY_TOPIC.format(t='e')} AS primary_topic, {urls} AS source_urls"""
    sql = f"SELECT {cols} FROM {table} e WHERE {where} ORDER BY {order_sql}"
    if limit:
        sql += " LIMIT ?"
        params = [*params, limit]
    return _plain_df(path, sql, params)


def count_events(path, f: Filters) -> int:
    table, where, params = _event_rows(path, f)
    return _scalar(path, f"SELECT count(*) FROM {table} e WHERE {where}", params)


def fetch_event_lanes(path, f: Filters, actor_limit: int = 12, event_ids: list[str] | None = None) -> pd.DataFrame:
    """(event_id, actor_id, actor_name) for the most frequent actors among the filtered events; with
    `event_ids` (the events drawn), only their rows: the top actors are still those of every filtered event."""
    import json

    where, params = f.to_where("events", "e")
    drawn = "" if event_ids is None else " WHERE ea.event_id IN (SELECT value FROM json_each(?))"
    sql = f"""
        WITH ev AS (SELECT e.id FROM events e WHERE {where}),
        top AS (SELECT ea.actor_id, count(*) n FROM event_actors ea JOIN ev ON ev.id = ea.event_id
                JOIN actors a ON a.id = ea.actor_id WHERE a.kind = 'person'
                GROUP BY ea.actor_id ORDER BY n DESC, ea.actor_id LIMIT ?)
        SELECT ea.event_id, ea.actor_id, a.name AS actor_name, top.n
        FROM event_actors ea JOIN top ON top.actor_id = ea.actor_id JOIN ev ON ev.id = ea.event_id
        JOIN actors a ON a.id = ea.actor_id{drawn} ORDER BY top.n DESC, a.name"""
    return _df(path, sql, [*params, actor_limit, *([json.dumps(list(event_ids))] if event_ids is not None else [])])


def fetch_event_detail(path, event_id: str) -> dict | None:
    """Everything the detail panel shows for one event, or None when the id is unknown."""
    ev = _df(path, "SELECT * FROM events WHERE id = ?", [event_id])
    if ev.empty:
        return None
    event = ev.iloc[0].to_dict()
    actors = _df(path, """
        SELECT a.id, a.name, a.kind, a.country, ea.part FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
        WHERE ea.event_id = ? ORDER BY CASE ea.part WHEN 'initiator' THEN 0 WHEN 'counterpart' THEN 1
        WHEN 'participant' THEN 2 ELSE 3 END, a.name""", [event_id])
    roles = _records(path, "SELECT actor_id, title, organisation, start, \"end\" FROM roles WHERE actor_id IN "
                           "(SELECT actor_id FROM event_actors WHERE event_id = ?)", [event_id])
    actors["role_on_date"] = pd.Series(
        [role_on([r for r in roles if r["actor_id"] == aid], event["date"]) for aid in actors["id"]], dtype=object)
    topics = _df(path, """SELECT t.id, t.label FROM event_topics et JOIN topics t ON t.id = et.topic_id
                          WHERE et.event_id = ? ORDER BY t.label""", [event_id])
    sources = _df(path, """SELECT s.id, s.url, s.publisher, s.title, s.published, s.kind, es.evidence,
                                  sx.retrieved AS held_retrieved, sx.text AS held_text
                           FROM event_sources es JOIN sources s ON s.id = es.source_id
                           LEFT JOIN source_texts sx ON sx.source_id = s.id
                           WHERE es.event_id = ? ORDER BY s.publisher""", [event_id])
    statements = fetch_statements(path, Filters(), event_id=event_id, limit=100)
    return {"event": event, "actors": actors, "topics": topics, "sources": sources, "statements": statements}


# --- statements (search and pages: components/statements.py; the timeline's own here) ------------

def count_undated_statements(path, f: Filters) -> int:
    """Statements under the filter with no date: the timeline cannot place them (the Quotes page lists them).
    From the build-time counts when they answer the filter (aggregates.count_undated)."""
    if (n := aggregates.count_undated(path, f)) is not None:
        return n
    where, params = f.to_where("statements", "st")
    return _scalar(path, f"SELECT count(*) FROM statements st WHERE st.date_start IS NULL AND {where}", params)


def _newest_tagged(f: Filters, limit: int, undated: bool = False) -> tuple[str, list] | None:
    """Under topics (and dates) alone: SQL for the rowids of the newest `limit` dated statements, read inside
    the index on (date_start, topic_ids), so no row is read that is not wanted; None under other filters.
    With `undated` and no date filter, undated ones fill what is left of `limit`, as in date_sort order."""
    if not f.topics or not f.with_(topics=(), date_from=None, date_to=None).is_empty():
        return None
    from components.schema import date_bounds
    lo, hi = date_bounds(f.date_from or "0001")[0], date_bounds(f.date_to or "9999")[1]
    tagged, ids = topic_ids_clause("st", f.topics)
    sql = f"""SELECT st.rowid AS rid FROM statements st WHERE st.date_start BETWEEN ? AND ? AND {tagged}
              ORDER BY st.date_start DESC, st.rowid LIMIT ?"""
    if not undated or f.date_from or f.date_to:
        return sql, [lo, hi, *ids, limit]
    return (f"""WITH dated AS ({sql}) SELECT rid FROM dated UNION ALL SELECT * FROM (SELECT st.rowid FROM
                statements st WHERE st.date_start IS NULL AND {tagged}
                LIMIT max(0, ? - (SELECT count(*) FROM dated)))""", [lo, hi, *ids, limit, *ids, limit])


def fetch_timeline_statements(path, f: Filters, limit: int = 1000) -> pd.DataFrame:
    """The newest dated statements for the timeline chart, through the date index (no full sort). Under topics
    (and dates) alone, inside the index on (date_start, topic_ids): no row is read that is not drawn."""
    cols = "st.id, st.text, st.speaker_name, st.said_on, st.said_on_precision, st.date_start, st.topic_ids"
    newest = _newest_tagged(f, limit)
    if newest:
        return _df(path, f"""WITH page AS ({newest[0]}) SELECT {cols} FROM page
                   JOIN statements st ON st.rowid = page.rid ORDER BY st.date_start DESC, st.rowid""", newest[1])
    q = f.fts()
    many = _many_hits(path, f)
    where, params = f.to_where("statements", "st", probe=plan_for(newest_first=not q or many, many_hits=many))
    return _df(path, f"""SELECT {cols}
                         FROM statements st WHERE st.date_start IS NOT NULL AND {where}
                         ORDER BY st.date_sort DESC, st.rowid LIMIT ?""", [*params, limit])


# --- aggregates for the charts -------------------------------------------------------------------

def fetch_activity(path, f: Filters, freq: str = "year") -> pd.DataFrame:
    """Events and statements per period, by primary topic: columns period, kind, topic_id, n.

    Whole months come from the counts written at build time (aggregates.py) when the filter is one they
    answer exactly; only the edge months of a date range are counted from the rows."""
    if aggregates.answers(f):
        return aggregates.fetch_activity(path, f, freq)
    ew, ep = f.to_where("events", "e")
    sw, sp = f.to_where("statements", "st")
    sql = f"""
        SELECT {aggregates._period('e.date_start', freq)} AS period, 'events' AS kind, {PRIMARY_TOPIC.format(t='e')} AS topic_id,
               count(*) AS n FROM events e WHERE {ew} GROUP BY 1, 3
        UNION ALL
        SELECT {aggregates._period('st.date_start', freq)} AS period, 'statements' AS kind,
               {PRIMARY_TOPIC.format(t='st')} AS topic_id, count(*) AS n
        FROM statements st WHERE st.date_start IS NOT NULL AND {sw} GROUP BY 1, 3
        ORDER BY 1, 2, 3"""
    return _df(path, sql, [*ep, *sp])


def fetch_barometer(path, f: Filters, freq: str = "month") -> pd.DataFrame:
    """Mean event tone per period with the count behind it: columns period, mean_tone, n, min_tone, max_tone.

    From the per-month counts and tone sums when the filter allows (see fetch_activity)."""
    if aggregates.answers(f):
        return aggregates.fetch_barometer(path, f, freq)
    where, params = f.to_where("events", "e")
    sql = f"""SELECT {aggregates._period('e.date_start', freq)} AS period, avg(e.tone) AS mean_tone, count(*) AS n,
                     min(e.tone) AS min_tone, max(e.tone) AS max_tone
              FROM events e WHERE {where} GROUP BY 1 ORDER BY 1"""
    return _df(path, sql, params)


def fetch_topic_trends(path, f: Filters, freq: str = "year") -> pd.DataFrame:
    """Events plus statements tagged with each topic per period: columns period, topic_id, label, n.

    From the build's per-topic month counts when only dates filter (aggregates.fetch_topic_trends)."""
    if aggregates.answers(f) and not f.topics:
        return aggregates.fetch_topic_trends(path, f, freq)
    ew, ep = f.to_where("events", "e")
    sw, sp = f.to_where("statements", "st")
    sql = f"""
        WITH items AS (
            SELECT {aggregates._period('e.date_start', freq)} AS period, et.topic_id FROM events e
              JOIN event_topics et ON et.event_id = e.id WHERE {ew}
            UNION ALL
            SELECT {aggregates._period('st.date_start', freq)}, stt.topic_id FROM statements st
              JOIN statement_topics stt ON stt.statement_id = st.id WHERE st.date_start IS NOT NULL AND {sw})
        SELECT items.period, items.topic_id, t.label, count(*) AS n FROM items JOIN topics t ON t.id = items.topic_id
        GROUP BY 1, 2 ORDER BY 1, 2"""
    return _df(path, sql, [*ep, *sp])


def fetch_topic_country_share(path, f: Filters) -> pd.DataFrame:
    """Statements per topic by the speaker's country: columns topic_id, label, country, n.

    From the build's per-topic, per-country month counts when only dates filter."""
    if aggregates.answers(f) and not f.topics and has_table(path, "agg_statement_countries"):
        return aggregates.fetch_topic_country_share(path, f)
    where, params = f.to_where("statements", "st")
    sql = f"""SELECT stt.topic_id, t.label, coalesce(st.speaker_country, 'unattributed') AS country, count(*) AS n
              FROM statements st JOIN statement_topics stt ON stt.statement_id = st.id
              JOIN topics t ON t.id = stt.topic_id WHERE {where}
              GROUP BY 1, 3 ORDER BY t.label, n DESC, country"""
    return _df(path, sql, params)


def fetch_speaker_facet(path, limit: int = 30) -> tuple[pd.DataFrame, int]:
    """Statements per speaker id over all data, most first (limit + 1 rows, so a caller can say "more"),
    and the total: read from the per-speaker counts the build writes (components/aggregates.py)."""
    df = _df(path, "SELECT speaker_id, n FROM agg_speakers ORDER BY n DESC, speaker_id LIMIT ?", [limit + 1])
    return df, _scalar(path, "SELECT coalesce(sum(n), 0) FROM agg_speakers")


def fetch_top_speakers(path, f: Filters, limit: int = 20) -> pd.DataFrame:
    """Speakers ranked by statements under the filter: speaker_id, name, country, n, first, last, topics.

    From the build's per-speaker month counts when only dates filter."""
    if aggregates.answers(f) and not f.topics and has_table(path, "agg_speaker_months"):
        return aggregates.fetch_top_speakers(path, f, limit)
    where, params = f.to_where("statements", "st")
    sql = f"""SELECT st.speaker_id, st.speaker_name AS name, st.speaker_country AS country, count(*) AS n,
                     min(st.date_start) AS first, max(st.date_start) AS last
              FROM statements st WHERE {where}
              GROUP BY coalesce(st.speaker_id, st.speaker_label) ORDER BY n DESC, name LIMIT ?"""
    return _df(path, sql, [*params, limit])


def fetch_top_speakers_by_topic(path, f: Filters, per_topic: int = 3) -> pd.DataFrame:
    """The top named speakers for each topic: topic label, speaker name, n (two people of one name apart).

    From the build's per-topic speaker counts when only dates filter."""
    if aggregates.answers(f) and not f.topics and has_table(path, "agg_topic_speakers"):
        return aggregates.fetch_top_speakers_by_topic(path, f, per_topic)
    where, params = f.to_where("statements", "st")
    sql = f"""
        WITH c AS (SELECT t.label AS topic, max(st.speaker_name) AS speaker, max(st.speaker_id) AS speaker_id,
                          count(*) AS n
                   FROM statements st JOIN statement_topics stt ON stt.statement_id = st.id
                   JOIN topics t ON t.id = stt.topic_id WHERE {where}
                   GROUP BY t.id, coalesce(st.speaker_id, st.speaker_name)),
        r AS (SELECT *, row_number() OVER (PARTITION BY topic ORDER BY n DESC, speaker, speaker_id) AS rank FROM c)
        SELECT topic, speaker, speaker_id, n FROM r WHERE rank <= ? ORDER BY topic, rank"""
    return _df(path, sql, [*params, per_topic])


# --- exports -------------------------------------------------------------------------------------

def fetch_all_statements_for_export(path, f: Filters, tagged: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every statement under the filter (no paging, no highlighting), for CSV/JSON export; with `tagged`,
    the quotes only tagged with those topics after them, as the Quotes page lists them."""
    n = count_statements(path, f)
    if tagged:
        df = fetch_search_page(path, f, limit=n + TAGGED_CAP, tagged=tagged, highlight=False)
    else:
        df = fetch_statements(path, f, limit=max(n, 1), highlight=False)
    df = df.drop(columns=["text_hl", "score"], errors="ignore")
    return df if tagged else df.drop(columns=["tagged_label"], errors="ignore")


def fetch_publishers_for(path, f: Filters, limit: int = 6, sample: int = 1_000) -> dict:
    """The publishers most cited by the events and statements under the filter: {'names': [...], 'more': n}.

    Counted over at most `sample` events and `sample` statements (newest first), so a caption stays cheap
    on a million rows; `more` then counts the other publishers seen in that sample, and 'sampled' says whether
    the sample left items out (then `more` is a lower bound: older items may cite other publishers).
    """
    table, ew, ep = _event_rows(path, f)  # one topic's newest events from inside its date index (1M: 4-18 -> 0.3 ms)
    if table == "events" or len(f.topics) > 1:  # several: their rows merged and sorted cost more than the probe
        table, (ew, ep) = "events", f.to_where("events", "e", probe=plan_for(newest_first=True))
    newest = _newest_tagged(f, sample, undated=True)
    if newest:  # a topic's newest statements from inside the (date_start, topic_ids) index: 83 -> 4 ms at 1M
        stm, sp = (f"SELECT st.source_id FROM ({newest[0]}) page JOIN statements st ON st.rowid = page.rid",
                   newest[1])
    else:
        sw, sp = f.to_where("statements", "st", probe=plan_for(newest_first=True))
        stm, sp = f"SELECT st.source_id FROM statements st WHERE {sw} ORDER BY st.date_sort DESC LIMIT ?", [*sp, sample]
    df = _df(path, f"""
        WITH ev AS (SELECT e.id FROM {table} e WHERE {ew} ORDER BY e.date_start DESC, e.id DESC LIMIT ?),
        stm AS ({stm}),
        cited AS (SELECT es.source_id FROM ev JOIN event_sources es ON es.event_id = ev.id
                  UNION ALL SELECT source_id FROM stm)
        SELECT s.publisher, count(*) AS n, (SELECT count(*) FROM ev) AS n_ev, (SELECT count(*) FROM stm) AS n_st
        FROM cited JOIN sources s ON s.id = cited.source_id
        GROUP BY s.publisher ORDER BY n DESC, s.publisher""", [*ep, sample, *sp])
    sampled = bool(len(df)) and max(int(df["n_ev"].iloc[0]), int(df["n_st"].iloc[0])) >= sample
    return {"names": df["publisher"].head(limit).tolist(), "more": max(len(df) - limit, 0), "sampled": sampled}


def fetch_events_for_export(path, f: Filters) -> pd.DataFrame:
    """Events under the filter with every source URL and evidence, for CSV/JSON export."""
    where, params = f.to_where("events", "e")
    return _df(path, f"""
        SELECT e.id, e.date, e.date_precision, e.end_date, e.title, e.summary, e.category, e.importance,
               e.location, e.tone, e.disputed, e.actor_names AS actors, e.topic_ids AS topics,
               (SELECT group_concat(s.publisher || ' <' || coalesce(s.url, s.corpus_file) || '>', ' | ')
                  FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id) AS sources
        FROM events e WHERE {where} ORDER BY e.date_start, e.id""", params)
