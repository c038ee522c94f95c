"""Reference lists and facts about the data: actors, topics, roles, countries, counts, coverage, sources,
disputes and the full exports. Read-only, like every query (components.db)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pandas as pd

from components import config
from components.db import _df, _records, _scalar, _unreadable, connect
from components.filters import known_values
from components.matching import actor_names, rank_actors

# --- reference lists -----------------------------------------------------------------------------

def fetch_topics(path) -> pd.DataFrame:
    return _df(path, "SELECT id, label, description FROM topics ORDER BY label")


def fetch_actors(path) -> pd.DataFrame:
    """All actors with their aliases (JSON text) and how many statements and events each has."""
    return _df(path, """
        SELECT a.id, a.name, a.kind, a.country, a.aliases, a.description,
               (SELECT count(*) FROM statements st WHERE st.speaker_id = a.id) AS statements,
               (SELECT count(*) FROM event_actors ea WHERE ea.actor_id = a.id) AS events
        FROM actors a ORDER BY a.name""")


def fetch_actor_names(path) -> dict[str, str]:
    """id -> display name for every actor (cheap: no counts)."""
    return {r["id"]: r["name"] for r in _records(path, "SELECT id, name FROM actors")}


def fetch_roles(path, actor_id: str) -> pd.DataFrame:
    return _df(path, """SELECT r.title, r.organisation, r.start, r."end", s.url AS source_url, s.publisher
                        FROM roles r LEFT JOIN sources s ON s.id = r.source_id
                        WHERE r.actor_id = ? ORDER BY coalesce(r.start, '0000'), r.title""", [actor_id])


def fetch_actor_topics(path, actor_id: str) -> pd.DataFrame:
    return _df(path, """SELECT t.id AS topic_id, t.label, count(*) AS n FROM statements st
                        JOIN statement_topics stt ON stt.statement_id = st.id JOIN topics t ON t.id = stt.topic_id
                        WHERE st.speaker_id = ? GROUP BY t.id ORDER BY n DESC, t.label""", [actor_id])


def fetch_countries(path) -> list[str]:
    """Countries that appear as an actor's country (events) or a speaker's (statements)."""
    df = _df(path, "SELECT DISTINCT country FROM actors WHERE country IS NOT NULL ORDER BY country")
    return df["country"].tolist()


def fetch_reference_ids(path) -> dict[str, list[str]]:
    """The valid values of each reference list a filter choice draws on (Choice.ref)."""
    return {"countries": fetch_countries(path), "actors": list(fetch_actor_names(path)),
            "topics": fetch_topics(path)["id"].tolist(), "categories": list(config.CATEGORIES)}


def fetch_known_values(path) -> dict[str, set[str]]:
    return known_values(fetch_reference_ids(path))


def find_actors(path, query: str) -> pd.DataFrame:
    """Actors whose name or any alias matches the query (Sharaa, al-Sharaa, Jolani, الشرع, Лавров), best first."""
    actors = fetch_actors(path)
    ranked = rank_actors(query, actor_names(actors))
    return actors.set_index("id").loc[ranked].reset_index() if ranked else actors.iloc[0:0]


# --- about the data ------------------------------------------------------------------------------

def fetch_meta(path) -> dict[str, str]:
    df = _df(path, "SELECT key, value FROM meta")
    return dict(zip(df["key"], df["value"]))


def fetch_table_counts(path) -> dict[str, int]:
    tables = ["events", "statements", "actors", "roles", "sources", "source_texts", "topics", "event_actors",
              "event_topics", "event_sources", "statement_topics"]
    with closing(connect(path)) as conn:
        try:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc


def fetch_coverage(path) -> pd.DataFrame:
    """Events and statements per period of config.PERIODS, statements split by language (undated apart)."""
    rows = []
    for label, first, last in config.PERIODS:
        events = _scalar(path, "SELECT count(*) FROM events WHERE date_start BETWEEN ? AND ?", [first, last])
        langs = dict(_records_pairs(path, "SELECT coalesce(language, '?'), count(*) FROM statements "
                                          "WHERE date_start BETWEEN ? AND ? GROUP BY 1", [first, last]))
        rows.append({"period": label, "events": events, "statements": sum(langs.values()), **langs})
    undated = dict(_records_pairs(path, "SELECT coalesce(language, '?'), count(*) FROM statements "
                                        "WHERE date_start IS NULL GROUP BY 1"))
    rows.append({"period": "undated", "events": 0, "statements": sum(undated.values()), **undated})
    df = pd.DataFrame(rows).fillna(0)
    return df.astype({c: int for c in df.columns if c != "period"})


def _records_pairs(path, sql: str, params=()) -> list[tuple]:
    return [tuple(r.values()) for r in _records(path, sql, params)]


def fetch_date_span(path) -> tuple[str | None, str | None]:
    with closing(connect(path)) as conn:
        try:
            row = conn.execute("""SELECT min(d), max(d) FROM (SELECT date_start d FROM events
                                  UNION ALL SELECT date_start FROM statements WHERE date_start IS NOT NULL)""").fetchone()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    return row[0], row[1]


def fetch_sources_summary(path) -> pd.DataFrame:
    return _df(path, """
        SELECT s.publisher, s.kind, count(DISTINCT s.id) AS sources,
               (SELECT count(*) FROM event_sources es JOIN sources s2 ON s2.id = es.source_id
                 WHERE s2.publisher = s.publisher) AS event_citations,
               (SELECT count(*) FROM statements st JOIN sources s3 ON s3.id = st.source_id
                 WHERE s3.publisher = s.publisher) AS statements
        FROM sources s GROUP BY s.publisher, s.kind ORDER BY event_citations + statements DESC, s.publisher""")


def fetch_disputed(path) -> pd.DataFrame:
    return _df(path, "SELECT id, date, date_precision, title, disputed FROM events WHERE disputed IS NOT NULL "
                     "ORDER BY date_start")
