"""Counts written at build time, so the Timeline's charts and the speaker facet need no scan of every row.

Per month: statements and events by primary topic, once for all rows (topic_id '') and once per tagged
topic; events also carry the tone sum, minimum and maximum (the barometer). Per speaker: statements.
`refresh()` recomputes them from the base tables in SQL; the full build and the incremental accept both
call it, so the two give the same rows. queries.py reads them when a filter is one they can answer
exactly (no filter, one topic, a date range: whole months from the counts, the edge months from rows).
"""

from __future__ import annotations

import sqlite3

PRIMARY = "substr({t}.topic_ids, 1, instr({t}.topic_ids || ',', ',') - 1)"

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS agg_statement_months (month TEXT NOT NULL, topic_id TEXT NOT NULL,
    primary_topic TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (topic_id, month, primary_topic));
CREATE TABLE IF NOT EXISTS agg_event_months (month TEXT NOT NULL, topic_id TEXT NOT NULL,
    primary_topic TEXT NOT NULL, n INTEGER NOT NULL, tone_sum INTEGER NOT NULL, tone_min INTEGER NOT NULL,
    tone_max INTEGER NOT NULL, PRIMARY KEY (topic_id, month, primary_topic));
CREATE TABLE IF NOT EXISTS agg_speakers (speaker_id TEXT, n INTEGER NOT NULL);
"""

TABLES = ("agg_statement_months", "agg_event_months", "agg_speakers")


def refresh(conn: sqlite3.Connection) -> None:
    """(Re)compute every aggregate table from the base tables of this database."""
    conn.executescript(SCHEMA_SQL)
    for t in TABLES:
        conn.execute(f"DELETE FROM {t}")
    sp, ep = PRIMARY.format(t="st"), PRIMARY.format(t="e")
    conn.execute(f"""INSERT INTO agg_statement_months
        SELECT substr(st.date_start, 1, 7), '', {sp}, count(*) FROM statements st
        WHERE st.date_start IS NOT NULL GROUP BY 1, 3""")
    conn.execute(f"""INSERT INTO agg_statement_months
        SELECT substr(st.date_start, 1, 7), x.topic_id, {sp}, count(*) FROM statements st
        JOIN statement_topics x ON x.statement_id = st.id WHERE st.date_start IS NOT NULL GROUP BY 1, 2, 3""")
    conn.execute(f"""INSERT INTO agg_event_months
        SELECT substr(e.date_start, 1, 7), '', {ep}, count(*), sum(e.tone), min(e.tone), max(e.tone)
        FROM events e GROUP BY 1, 3""")
    conn.execute(f"""INSERT INTO agg_event_months
        SELECT substr(e.date_start, 1, 7), x.topic_id, {ep}, count(*), sum(e.tone), min(e.tone), max(e.tone)
        FROM events e JOIN event_topics x ON x.event_id = e.id GROUP BY 1, 2, 3""")
    conn.execute("INSERT INTO agg_speakers SELECT speaker_id, count(*) FROM statements GROUP BY 1")
