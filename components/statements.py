"""Statement queries: a page of quotes, how many there are, one quote, and the search plan behind them.

A search decides its plan once from one cheap count of full-text index entries (`search_plan`): few hits are
materialised and drive the query (ranked by bm25); many hits are checked row by row while an index on the
other filters (or the date) drives a newest-first scan, so a page costs the same at any size. A search can
also bring the quotes tagged with topics its words name (`tagged`): they follow the quotes whose own words
match and carry the topic's label in `tagged_label`. Re-exported by components.queries.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.db import HL_CLOSE, HL_OPEN, _plain_df, _scalar
from components.filters import Filters, fts_query

STATEMENT_COLUMNS = """
    st.id, st.text, st.context, st.speaker_id, st.speaker_label, st.speaker_name, st.speaker_role,
    st.role_on_date, st.speaker_country, st.said_on, st.said_on_precision, st.date_start, st.quote_kind, st.relayed,
    st.language,
    st.topic_ids, st.event_id, ev.title AS event_title, st.source_id, so.publisher, so.url AS source_url,
    so.title AS source_title, so.published AS source_published,
    sx.retrieved AS held_retrieved, sx.text AS held_text"""

# bm25 column weights (text, speaker_label, context, speaker_names): the quote's own words rank first, a
# match only in the surrounding context last.
BM25_WEIGHTS = "10.0, 2.0, 0.5, 2.0"
RANK_CAP = 2000  # above this many full-text hits, ranking all of them costs more than a page is worth
# A frequent word with other filters is counted by checking the other filters' rows one by one against the
# full-text index (about 27 µs per match at 1,000,000 statements): this far, then "more than 100" (5 pages).
PROBE_COUNT_CAP = 100
TAGGED_CAP = 1000  # quotes only tagged with a topic the search names are counted this far
COUNT_CAP = 10_000  # the Quotes page says "more than 10,000" rather than counting a million rows
# Newest first; quotes of one day in the order their sources give them (rowid: the files' order).
NEWEST = "st.date_sort DESC, st.rowid"
# A frequent word's newest-first scan probes the full-text index row by row. Ordering ties by rowid ascending
# makes SQLite probe every row of each of the newest days before it can return one (about 800 a day at a million
# statements, 20 µs each); descending ties are the date index's own order, so the scan stops after one page.
NEWEST_PROBED = "st.date_sort DESC, st.rowid DESC"


def plan_for(newest_first: bool, many_hits: bool = False) -> frozenset[str]:
    """Which filter dimensions to check row by row (probe) rather than materialise.

    A newest-first scan driven by the date index checks each row's topics through the link table's index;
    a search with more than RANK_CAP hits is probed per row too, since materialising its hits costs more
    than the page. Otherwise the (few) matches are materialised with IN (...).
    """
    return frozenset(name for name, yes in (("topics", newest_first), ("text", many_hits)) if yes)


def _hits(path, q: str | None, cap: int) -> int:
    if not q:
        return 0
    return _scalar(path, "SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ? LIMIT ?)",
                   [q, cap + 1])


def count_hits(path, text: str, cap: int = RANK_CAP) -> int:
    """Full-text matches for a search text, counting no further than cap + 1."""
    return _hits(path, fts_query(text), cap)


@dataclass(frozen=True)
class Plan:
    """A search's plan: its full-text query and its index entries counted up to `cap` + 1."""

    q: str | None
    hits: int
    cap: int = RANK_CAP

    @property
    def many(self) -> bool:
        return self.hits > RANK_CAP


def search_plan(path, f: Filters, cap: int = RANK_CAP) -> Plan:
    q = f.fts()
    return Plan(q, _hits(path, q, max(cap, RANK_CAP)), max(cap, RANK_CAP))


def _many_hits(path, f: Filters) -> bool:
    """True when the search alone matches more than RANK_CAP statements (then pages scan by date)."""
    return search_plan(path, f).many


def _others(f: Filters) -> Filters:
    return f.with_(text="", text_aliases=())


def _page_query(f: Filters, plan: Plan, order: str, event_id: str | None) -> tuple[str, list, str]:
    """(SQL selecting the page's rowids and scores with LIMIT ? OFFSET ? last, its params, the outer order)."""
    extra, extra_params = ("", []) if event_id is None else (" AND st.event_id = ?", [event_id])
    if plan.q and not plan.many:
        # few hits: they drive the query (CROSS JOIN keeps SQLite from scanning another index instead)
        where, params = _others(f).to_where("statements", "st", probe=plan_for(newest_first=True))
        rank = order == "rank"
        score = f"bm25(statements_fts, {BM25_WEIGHTS})" if rank else "NULL"
        inner = "hits.score, st.date_sort DESC, st.rowid" if rank else NEWEST
        sql = f"""SELECT st.rowid AS rid, hits.score FROM (SELECT rowid, {score} AS score FROM statements_fts
                  WHERE statements_fts MATCH ?) hits CROSS JOIN statements st ON st.rowid = hits.rowid
                  WHERE {where}{extra} ORDER BY {inner} LIMIT ? OFFSET ?"""
        return sql, [plan.q, *params, *extra_params], ("page.score, st.date_sort DESC, st.rowid" if rank else NEWEST)
    where, params = f.to_where("statements", "st", probe=plan_for(newest_first=True, many_hits=plan.many))
    newest = NEWEST_PROBED if plan.many else NEWEST
    sql = f"""SELECT st.rowid AS rid, NULL AS score FROM statements st WHERE {where}{extra}
              ORDER BY {newest} LIMIT ? OFFSET ?"""
    return sql, [*params, *extra_params], newest


def _with_columns(path, page: str, page_params: list, order_sql: str, q: str | None, highlight: bool,
                  tagged_label: str = "NULL", tagged_params: tuple = ()) -> pd.DataFrame:
    """The card columns for the rowids a page query selects, with highlights of the search when asked."""
    if q and highlight:
        hl = ("(SELECT highlight(statements_fts, 0, ?, ?) FROM statements_fts WHERE statements_fts MATCH ? "
              "AND statements_fts.rowid = st.rowid)")
        ctx = hl.replace("highlight(statements_fts, 0,", "highlight(statements_fts, 2,")
        hl_params = [HL_OPEN, HL_CLOSE, q, HL_OPEN, HL_CLOSE, q]
    else:
        hl = ctx = "NULL"
        hl_params = []
    sql = f"""
        WITH page AS ({page})
        SELECT {STATEMENT_COLUMNS}, coalesce({hl}, st.text) AS text_hl, {ctx} AS context_hl, page.score AS score,
               {tagged_label} AS tagged_label
        FROM page JOIN statements st ON st.rowid = page.rid
        LEFT JOIN sources so ON so.id = st.source_id LEFT JOIN events ev ON ev.id = st.event_id
        LEFT JOIN source_texts sx ON sx.source_id = st.source_id
        ORDER BY {order_sql}"""
    return _plain_df(path, sql, [*page_params, *hl_params, *tagged_params])


def fetch_statements(path, f: Filters, limit: int = 20, offset: int = 0, order: str = "date",
                     event_id: str | None = None, highlight: bool = True, plan: Plan | None = None) -> pd.DataFrame:
    """A page of statements, newest first (undated last), or by relevance with order='rank'.

    With a search text, `text_hl` marks the matches on the rows returned (only those are highlighted).
    A search with more than RANK_CAP hits is always newest first (see the module docstring).
    """
    plan = plan or search_plan(path, f)
    page, params, order_sql = _page_query(f, plan, order, event_id)
    return _with_columns(path, page, [*params, limit, offset], order_sql, plan.q, highlight)


def fetch_statement(path, statement_id: str) -> pd.DataFrame:
    """One statement by id, with the columns of a quote card (empty when the id is unknown)."""
    return _plain_df(path, f"""SELECT {STATEMENT_COLUMNS}, st.text AS text_hl, NULL AS context_hl, NULL AS score,
                                NULL AS tagged_label
                         FROM statements st LEFT JOIN sources so ON so.id = st.source_id
                         LEFT JOIN events ev ON ev.id = st.event_id LEFT JOIN source_texts sx ON sx.source_id = st.source_id
                         WHERE st.id = ?""", [statement_id])


def count_statements(path, f: Filters, cap: int | None = None) -> int:
    """Statements matching the filter; with cap, counting stops at cap + 1."""
    return _count(path, f, search_plan(path, f, cap or RANK_CAP), cap)


def _count(path, f: Filters, plan: Plan, cap: int | None) -> int:
    if plan.q and _others(f).is_empty():  # the search alone: count index entries, not rows
        if cap is not None and cap <= plan.cap:
            return min(plan.hits, cap + 1)
        return _hits(path, plan.q, cap if cap is not None else 1 << 62)
    limit = "" if cap is None else " LIMIT ?"
    tail = [] if cap is None else [cap + 1]
    if plan.q and not plan.many:  # few hits drive the count
        where, params = _others(f).to_where("statements", "st", probe=plan_for(newest_first=True))
        return _scalar(path, f"""SELECT count(*) FROM (SELECT 1 FROM statements_fts h CROSS JOIN statements st
                                 ON st.rowid = h.rowid WHERE h.statements_fts MATCH ? AND {where}{limit})""",
                       [plan.q, *params, *tail])
    where, params = f.to_where("statements", "st", probe=plan_for(newest_first=cap is not None, many_hits=plan.many))
    return _scalar(path, f"SELECT count(*) FROM (SELECT 1 FROM statements st WHERE {where}{limit})", [*params, *tail])


def count_statements_upto(path, f: Filters, cap: int = COUNT_CAP, tagged: tuple[str, ...] = ()) -> tuple[int, bool]:
    """(n, exact): the number of matching statements, or (n, False) meaning "more than n".

    A frequent search word combined with other filters is checked row by row, so it counts only up to
    PROBE_COUNT_CAP: enough to say "more than 100" without probing every row of a large speaker's history.
    With `tagged`, the quotes tagged with those topics that the words do not match are counted too.
    """
    from components import aggregates

    n = aggregates.count_statements(path, f)  # one topic or none: read from the build's counts, no row scanned
    if n is not None:
        return (cap, False) if n > cap else (n, True)
    return _count_upto(path, f, search_plan(path, f, cap), cap, tagged)


def _count_upto(path, f: Filters, plan: Plan, cap: int, tagged: tuple[str, ...]) -> tuple[int, bool]:
    if plan.many and not _others(f).is_empty():
        cap = min(cap, PROBE_COUNT_CAP)
    n = _count(path, f, plan, cap)
    if n > cap:
        return cap, False
    if not (tagged and plan.q):
        return n, True
    sql, params = _tagged_rows(path, f, plan, tagged)
    extra = _scalar(path, f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT ?)", [*params, TAGGED_CAP + 1])
    return n + min(extra, TAGGED_CAP), extra <= TAGGED_CAP


SMALL_TOPIC = 20_000  # tagged statements up to which a topic's list drives the query instead of the date index


def _tagged_rows(path, f: Filters, plan: Plan, tagged: tuple[str, ...]) -> tuple[str, list]:
    """FROM ... WHERE for the statements tagged with any of `tagged` under the other filters that the words
    do not match (only asked when the words' matches were counted exactly, so they are few enough to list).
    A small topic's statements are listed from the link table; a large one's are checked row by row along
    the date index (a newest-first page stops early)."""
    where, params = _others(f).to_where("statements", "st", probe=plan_for(newest_first=True))
    marks = ", ".join("?" for _ in tagged)
    size = _scalar(path, f"SELECT count(*) FROM (SELECT 1 FROM statement_topics WHERE topic_id IN ({marks}) "
                         "LIMIT ?)", [*tagged, SMALL_TOPIC + 1])
    topic = (f"st.id IN (SELECT statement_id FROM statement_topics WHERE topic_id IN ({marks}))"
             if size <= SMALL_TOPIC else
             f"EXISTS (SELECT 1 FROM statement_topics x WHERE x.statement_id = st.id AND x.topic_id IN ({marks}))")
    return (f"""FROM statements st WHERE {where} AND {topic}
                AND st.rowid NOT IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)""",
            [*params, *tagged, plan.q])


def fetch_search_page(path, f: Filters, limit: int = 20, offset: int = 0, order: str = "date",
                      tagged: tuple[str, ...] = (), highlight: bool = True) -> pd.DataFrame:
    """A page of a search: the quotes whose words match first, then those only tagged with a topic the search
    names (`tagged`, see searchwords.matching_topics), newest first, each with its `tagged_label`."""
    plan = search_plan(path, f, COUNT_CAP if tagged else RANK_CAP)
    own, exact = _count_upto(path, f, plan, COUNT_CAP, ()) if tagged and plan.q else (0, False)
    if not exact:
        return fetch_statements(path, f, limit=limit, offset=offset, order=order, highlight=highlight, plan=plan)
    parts = [fetch_statements(path, f, limit=limit, offset=offset, order=order, highlight=highlight, plan=plan)
             ] if offset < own else []
    need = limit - (len(parts[0]) if parts else 0)
    if need > 0:
        sql, params = _tagged_rows(path, f, plan, tagged)
        marks = ", ".join("?" for _ in tagged)
        label = (f"(SELECT t.label FROM statement_topics x JOIN topics t ON t.id = x.topic_id WHERE "
                 f"x.statement_id = st.id AND x.topic_id IN ({marks}) ORDER BY t.label LIMIT 1)")
        page = f"SELECT st.rowid AS rid, NULL AS score {sql} ORDER BY {NEWEST} LIMIT ? OFFSET ?"
        parts.append(_with_columns(path, page, [*params, need, max(offset - own, 0)], NEWEST, None, False,
                                   label, tuple(tagged)))
    full = [p for p in parts if not p.empty]
    return pd.concat(full, ignore_index=True) if len(full) > 1 else (full or parts)[0]


def fetch_side_by_side(path, f: Filters, topic: str, per_side: int = 20) -> dict[str, pd.DataFrame]:
    """What Syrian and Russian officials said on one topic, newest first, under the other filters."""
    out = {}
    for country in ("SY", "RU"):
        out[country] = fetch_statements(path, f.with_(topics=(topic,), countries=(country,)), limit=per_side)
    return out
