"""The Timeline's activity and tone charts read counts written at build time: they must say exactly what a
count over every matching row says, for every filter the counts answer (and fall back for the others)."""

from __future__ import annotations

import pandas as pd
import pytest

from components import aggregates, queries, rankings
from components.filters import Filters
from devtools import synth


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    ds, facts = synth.generate(3000, seed=7)
    path = tmp_path_factory.mktemp("agg") / "agg.db"
    synth.build_fast(ds, facts, path)
    return path, facts


FILTERS = [
    Filters(),
    Filters(date_from="2024-03-01", date_to="2026-03-01"),
    Filters(date_from="2024-03-17", date_to="2025-11-03"),
    Filters(date_from="2019"),
    Filters(date_to="2012-06"),
    Filters(date_from="2025-02-28", date_to="2025-03-01"),
    Filters(date_from="2025-05-10", date_to="2025-05-20"),  # inside one month: rows only
    Filters(date_from="2011"),  # the quick ranges' shape: a whole-year start, no end
    Filters(date_from="2015-09-30", date_to="2024-12-08"),  # an era: partial months at both ends
]


def _scan(monkeypatch, fn, *args, **kw):
    with monkeypatch.context() as m:
        m.setattr(aggregates, "answers", lambda f: False)
        return fn(*args, **kw)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """The same rows in the same order with the same values (an integer column may come back as float)."""
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("freq", ["year", "month"])
@pytest.mark.parametrize("i", range(len(FILTERS) * 2))
def test_activity_from_counts_equals_a_count_of_the_rows(db, monkeypatch, freq, i):
    path, facts = db
    f = FILTERS[i % len(FILTERS)]
    if i >= len(FILTERS):
        f = f.with_(topics=(facts["top_topic"],))
    assert aggregates.answers(f)
    got = queries.fetch_activity(path, f, freq=freq)
    want = _scan(monkeypatch, queries.fetch_activity, path, f, freq=freq)
    assert not want.empty or f.date_from == "2025-05-10"
    _same(got, want)


@pytest.mark.parametrize("i", range(len(FILTERS) * 2))
def test_barometer_from_counts_equals_the_rows(db, monkeypatch, i):
    path, facts = db
    f = FILTERS[i % len(FILTERS)]
    if i >= len(FILTERS):
        f = f.with_(topics=(facts["top_topic"],))
    got = queries.fetch_barometer(path, f)
    want = _scan(monkeypatch, queries.fetch_barometer, path, f)
    _same(got, want)


def test_filters_the_counts_cannot_answer_go_to_the_rows(db):
    path, facts = db
    assert not aggregates.answers(Filters(text="syria"))
    assert not aggregates.answers(Filters(actors=(facts["top_speaker"],)))
    assert not aggregates.answers(Filters(topics=("diplomacy", "military-bases")))


def test_speaker_facet_counts_every_statement(db):
    path, facts = db
    top, total = queries.fetch_speaker_facet(path, 5)
    assert total == 3000
    assert top["speaker_id"].dropna().iloc[0] == facts["top_speaker"]  # unattributed quotes (NULL) count too
    assert len(top) == 6


@pytest.mark.parametrize("d_from, d_to, want", [
    ("2024-03-01", "2026-03-01", ("2024-03", "2026-02")),
    ("2024-03-02", "2026-03-31", ("2024-04", "2026-03")),
    ("2024", "2024", ("2024-01", "2024-12")),
    ("2024-12-15", "2025-01-10", ("2025-01", "2024-12")),  # no whole month: first > last
    (None, "2025-02-28", ("0000-00", "2025-02")),
])
def test_month_window(d_from, d_to, want):
    assert aggregates.month_window(d_from, d_to)[:2] == want


# --- undated statements and the timeline's newest statements -------------------------------------

def _plain_sql(path, sql: str, params=()) -> list:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


# (filter, SQL over the base tables for "the statements under it") -- the oracle, written out by hand
def _undated_cases(facts) -> list[tuple[Filters, str, list]]:
    topic, speaker = facts["top_topic"], facts["top_speaker"]
    return [
        (Filters(), "SELECT id FROM statements", []),
        (Filters(topics=(topic,)), "SELECT statement_id FROM statement_topics WHERE topic_id = ?", [topic]),
        (Filters(actors=(speaker,)), "SELECT id FROM statements WHERE speaker_id = ?", [speaker]),
        (Filters(countries=("RU", "SY")), "SELECT id FROM statements WHERE speaker_country IN ('RU', 'SY')", []),
        (Filters(categories=("diplomacy",)),
         "SELECT s.id FROM statements s JOIN events e ON e.id = s.event_id WHERE e.category = 'diplomacy'", []),
        (Filters(date_from="2019"), "SELECT id FROM statements WHERE date_start >= '2019-01-01'", []),
        (Filters(topics=(topic,), date_to="2020"), "SELECT id FROM statements WHERE date_start <= '2020-12-31'", []),
    ]


@pytest.mark.parametrize("i", range(7))
def test_undated_note_counts_from_the_counts_equal_the_rows(db, i):
    """The Timeline's "N statements have no date" note: answered from the build-time counts, same number."""
    path, facts = db
    f, ids_sql, params = _undated_cases(facts)[i]
    want = _plain_sql(path, f"SELECT count(*) FROM statements WHERE date_start IS NULL AND id IN ({ids_sql})",
                      params)[0][0]
    assert aggregates.count_undated(path, f) == want
    assert queries.count_undated_statements(path, f) == want
    if i < 5:
        assert want > 0, "the synthetic data has undated statements under this filter"


@pytest.mark.parametrize("f", [Filters(text="syria"), Filters(topics=("diplomacy", "bases")),
                               Filters(topics=("bases",), countries=("RU",))])
def test_undated_counts_the_tables_cannot_answer_go_to_the_rows(db, f):
    path, _ = db
    want = _plain_sql(path, """SELECT count(*) FROM statements s WHERE s.date_start IS NULL AND (
        ? = '' OR s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)) AND (
        ? = 0 OR s.id IN (SELECT statement_id FROM statement_topics WHERE topic_id IN (?, ?))) AND (
        ? = 0 OR s.speaker_country = 'RU')""",
                      [f.text, f.text or "x", len(f.topics), *(list(f.topics) + ["", ""])[:2], len(f.countries)])[0][0]
    assert aggregates.count_undated(path, f) is None
    assert queries.count_undated_statements(path, f) == want


def test_a_database_without_the_undated_table_still_counts(db, tmp_path):
    import shutil
    import sqlite3

    path, facts = db
    old = tmp_path / "old.db"
    shutil.copyfile(path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("DROP TABLE agg_undated_statements")
    conn.close()
    f = Filters(topics=(facts["top_topic"],))
    assert aggregates.count_undated(old, f) is None
    assert queries.count_undated_statements(old, f) == queries.count_undated_statements(path, f) > 0


@pytest.mark.parametrize("f", [
    Filters(topics=("diplomacy",)), Filters(topics=("diplomacy", "bases")),
    Filters(topics=("bases",), date_from="2015-03", date_to="2024-12-08"), Filters(topics=("energy-trade",), date_to="2019"),
])
def test_timeline_statements_are_the_newest_dated_ones_under_the_topics(db, f):
    """The timeline's statement lane: the newest dated statements tagged with any chosen topic, newest first."""
    from components.schema import date_bounds

    path, _ = db
    lo = date_bounds(f.date_from)[0] if f.date_from else "0000"
    hi = date_bounds(f.date_to)[1] if f.date_to else "9999"
    marks = ",".join("?" * len(f.topics))
    want = [r[0] for r in _plain_sql(path, f"""SELECT id FROM statements WHERE date_start IS NOT NULL
        AND date_start BETWEEN ? AND ? AND id IN (SELECT statement_id FROM statement_topics WHERE topic_id IN ({marks}))
        ORDER BY date_sort DESC, rowid LIMIT 300""", [lo, hi, *f.topics])]
    got = queries.fetch_timeline_statements(path, f, limit=300)
    assert got["id"].tolist() == want and len(want) > 20
    assert got["said_on"].notna().all()


def test_actor_lanes_of_the_drawn_events_are_the_top_actors_of_every_filtered_event(db):
    """Lanes by actor: the 12 most frequent people among all events under the filter, rows only for those drawn."""
    path, facts = db
    f = Filters(topics=(facts["top_topic"],))
    drawn = queries.fetch_events(path, f, limit=40, order="importance")["id"].tolist()
    top = [r[0] for r in _plain_sql(path, """SELECT ea.actor_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
        WHERE a.kind = 'person' AND ea.event_id IN (SELECT event_id FROM event_topics WHERE topic_id = ?)
        GROUP BY ea.actor_id ORDER BY count(*) DESC, ea.actor_id LIMIT 12""", [facts["top_topic"]])]
    want = {(e, a) for e, a in _plain_sql(path, f"""SELECT event_id, actor_id FROM event_actors WHERE actor_id IN
        ({','.join('?' * len(top))}) AND event_id IN ({','.join('?' * len(drawn))})""", [*top, *drawn])}
    lanes = queries.fetch_event_lanes(path, f, event_ids=drawn)
    assert set(zip(lanes["event_id"], lanes["actor_id"])) == want and want


def test_statement_count_under_one_topic_or_none_comes_from_the_counts_and_equals_the_rows(db):
    path, facts = db
    topics = [t for (t,) in _plain_sql(path, "SELECT id FROM topics")]
    assert len(topics) >= 3
    for topic in [None, *topics]:
        f = Filters(topics=(topic,)) if topic else Filters()
        sql = ("SELECT count(*) FROM statements" if topic is None else
               "SELECT count(*) FROM statement_topics WHERE topic_id = ?")
        want = _plain_sql(path, sql, [topic] if topic else [])[0][0]
        assert aggregates.count_statements(path, f) == want, topic
        assert queries.count_statements_upto(path, f, cap=10**9) == (want, True), topic
        if want > 5:  # the cap still says "more than"
            assert queries.count_statements_upto(path, f, cap=5) == (5, False)


@pytest.mark.parametrize("f", [Filters(date_from="2024"), Filters(topics=("a", "b")), Filters(text="syria"),
                               Filters(countries=("RU",))])
def test_statement_counts_the_tables_cannot_answer_exactly_are_left_to_the_rows(db, f):
    assert aggregates.count_statements(db[0], f) is None


@pytest.mark.parametrize("freq", ["year", "month"])
@pytest.mark.parametrize("i", range(len(FILTERS)))
def test_topic_trends_from_counts_equal_a_count_of_the_rows(db, monkeypatch, freq, i):
    path, _ = db
    got = queries.fetch_topic_trends(path, FILTERS[i], freq=freq)
    want = _scan(monkeypatch, queries.fetch_topic_trends, path, FILTERS[i], freq=freq)
    assert not want.empty
    _same(got, want)


def test_topic_trends_under_a_topic_are_counted_from_the_rows(db, monkeypatch):
    """A chosen topic asks which other topics its items carry: the per-topic counts cannot say, the rows do."""
    path, facts = db
    f = Filters(topics=(facts["top_topic"],))
    got = queries.fetch_topic_trends(path, f)
    assert set(got["topic_id"]) - {facts["top_topic"]}, "items of one topic carry others too"
    want = _scan(monkeypatch, queries.fetch_topic_trends, path, f)
    _same(got, want)


@pytest.mark.parametrize("i", range(len(FILTERS)))
def test_topic_country_share_from_counts_equals_a_count_of_the_rows(db, monkeypatch, i):
    """Undated statements count when no date filters (the rows' where keeps them), and not under any date."""
    path, _ = db
    got = queries.fetch_topic_country_share(path, FILTERS[i])
    want = _scan(monkeypatch, queries.fetch_topic_country_share, path, FILTERS[i])
    assert not want.empty
    assert "unattributed" in set(want["country"]) or FILTERS[i].date_from
    _same(got, want)


@pytest.mark.parametrize("i", range(len(FILTERS)))
def test_top_speakers_from_counts_equal_a_count_of_the_rows(db, monkeypatch, i):
    """The Officials page's ranking: counts, first and last dates, unnamed speakers grouped by their label."""
    path, _ = db
    got = queries.fetch_top_speakers(path, FILTERS[i], limit=40)
    want = _scan(monkeypatch, queries.fetch_top_speakers, path, FILTERS[i], limit=40)
    assert len(want) > 1
    _same(got, want)


@pytest.mark.parametrize("i", range(len(FILTERS)))
def test_top_speakers_per_topic_from_counts_equal_a_count_of_the_rows(db, monkeypatch, i):
    path, _ = db
    got = queries.fetch_top_speakers_by_topic(path, FILTERS[i], per_topic=3)
    want = _scan(monkeypatch, queries.fetch_top_speakers_by_topic, path, FILTERS[i], per_topic=3)
    assert len(want) > 3
    _same(got, want)


TOPIC_RANGES = FILTERS + [Filters(date_to="1995"), Filters(date_from="2025-06"), Filters(date_from="2020-02-29"),
                          Filters(date_from="2024-11-30", date_to="2025-01-01")]


@pytest.mark.parametrize("first, cap", [(1, 10**6), (3, 10**6), (2, 5), (32, 0)])
@pytest.mark.parametrize("i", range(len(TOPIC_RANGES)))
def test_top_speakers_per_topic_read_first_by_all_time_count_equal_the_rows(db, monkeypatch, i, first, cap):
    """However few speakers are read first (by all-time count) and however many may be read after, the ranking
    and counts per topic are the rows' own (ties ranked by name), down to the fifth speaker."""
    path, _ = db
    f = TOPIC_RANGES[i]
    monkeypatch.setattr(rankings, "TOP_FIRST", first)
    monkeypatch.setattr(rankings, "TOP_CAP", cap)
    got = queries.fetch_top_speakers_by_topic(path, f, per_topic=5)
    want = _scan(monkeypatch, queries.fetch_top_speakers_by_topic, path, f, per_topic=5)
    assert len(want) > 5
    _same(got, want)


@pytest.mark.parametrize("first, cap", [(1, 10**6), (3, 10**6), (2, 5), (32, 0)])
@pytest.mark.parametrize("i", range(len(TOPIC_RANGES)))
def test_speaker_ranking_read_first_by_all_time_count_equals_the_rows(db, monkeypatch, i, first, cap):
    """The Officials page's ranking however few speakers are read first: counts, first and last dates."""
    path, _ = db
    f = TOPIC_RANGES[i]
    monkeypatch.setattr(rankings, "TOP_FIRST", first)
    monkeypatch.setattr(rankings, "TOP_CAP", cap)
    got = queries.fetch_top_speakers(path, f, limit=12)
    want = _scan(monkeypatch, queries.fetch_top_speakers, path, f, limit=12)
    assert len(want) > 3
    _same(got, want)


def test_top_speakers_per_topic_ties_are_ranked_by_name(db, monkeypatch):
    """A range where speakers tie on one topic: the tied ones in name order, as the rows give them."""
    path, _ = db
    f = Filters(date_from="2016", date_to="2017")
    got = queries.fetch_top_speakers_by_topic(path, f, per_topic=8)
    tied = got.groupby(["topic", "n"]).size()
    assert (tied > 1).any(), "the synthetic data has ties in this range"
    _same(got, _scan(monkeypatch, queries.fetch_top_speakers_by_topic, path, f, per_topic=8))


def test_top_speakers_of_a_database_without_the_new_indexes_sum_every_cell(db, monkeypatch, tmp_path):
    import shutil
    import sqlite3

    path, _ = db
    old = tmp_path / "old.db"
    shutil.copyfile(path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("DROP INDEX idx_topic_speakers_cells")
        conn.execute("DROP INDEX idx_speaker_months_cells")
    conn.close()
    monkeypatch.setattr(rankings, "_top_speakers_by_topic_pruned", None)  # must not be called
    monkeypatch.setattr(rankings, "_top_speakers_pruned", None)
    for f in (Filters(), Filters(date_from="2011")):
        _same(queries.fetch_top_speakers_by_topic(old, f), _scan(monkeypatch, queries.fetch_top_speakers_by_topic, old, f))
        _same(queries.fetch_top_speakers(old, f), _scan(monkeypatch, queries.fetch_top_speakers, old, f))


def test_top_speaker_per_topic_count_is_that_speakers_statements_on_the_topic(db):
    import sqlite3

    path, _ = db
    top = queries.fetch_top_speakers_by_topic(path, Filters(), per_topic=1).iloc[0]
    conn = sqlite3.connect(path)
    n = conn.execute("""SELECT count(*) FROM statements st JOIN statement_topics x ON x.statement_id = st.id
        JOIN topics t ON t.id = x.topic_id WHERE t.label = ? AND coalesce(st.speaker_id, st.speaker_name) = ?""",
                     [top["topic"], top["speaker"] if pd.isna(top["speaker_id"]) else top["speaker_id"]]).fetchone()[0]
    assert top["n"] == n


# --- adding rows to the counts (the incremental accept) ------------------------------------------

def _agg_tables(path) -> dict[str, list]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in aggregates.TABLES}
    finally:
        conn.close()


@pytest.mark.parametrize("n_new", [1, 40])
def test_adding_new_statements_and_events_gives_the_tables_a_full_refresh_gives(tmp_path, monkeypatch, n_new):
    """New quotes (dated, undated, unnamed speakers, new speakers' months) and new events: add() leaves every
    count table with the rows refresh() writes over the whole database."""
    import sqlite3

    from components import store

    ds, facts = synth.generate(1500, seed=11)
    rows = store._rows(ds)
    new_s = {r["id"] for r in rows["statements"][-n_new:]}
    kept_events = {r["event_id"] for r in rows["statements"] if r["id"] not in new_s}
    new_e = {r["id"] for r in rows["events"] if r["id"] not in kept_events}
    assert new_e and (n_new == 1 or any(r["date_start"] is None for r in rows["statements"] if r["id"] in new_s))
    key = {"statements": "id", "statement_topics": "statement_id", "events": "id", "event_topics": "event_id",
           "event_actors": "event_id", "event_sources": "event_id"}
    new = {t: [r for r in rows[t] if r[k] in (new_s if t.startswith("statement") else new_e)] for t, k in key.items()}
    base = {t: [r for r in rs if r not in new.get(t, [])] for t, rs in rows.items()}
    meta = synth._meta(rows, facts)
    store.write_database(tmp_path / "full.db", rows, meta)
    store.write_database(tmp_path / "grown.db", base, meta)
    conn = sqlite3.connect(tmp_path / "grown.db")
    for table in ("events", "statements", "statement_topics", "event_topics", "event_actors", "event_sources"):
        store.insert_rows(conn, table, new[table])
    with monkeypatch.context() as m:
        m.setattr(aggregates, "refresh", None)  # counts only the new rows: no recount of the whole database
        aggregates.add(conn, new)
    conn.commit()
    conn.close()
    assert _agg_tables(tmp_path / "grown.db") == _agg_tables(tmp_path / "full.db")


def test_topics_added_to_an_existing_statement_are_counted_by_a_refresh(db, tmp_path):
    import shutil
    import sqlite3

    path, facts = db
    grown = tmp_path / "grown.db"
    shutil.copyfile(path, grown)
    conn = sqlite3.connect(grown)
    sid, topics = conn.execute("SELECT id, topic_ids FROM statements WHERE topic_ids NOT LIKE '%bases%' "
                               "AND topic_ids <> '' LIMIT 1").fetchone()
    conn.execute("INSERT INTO statement_topics VALUES (?, 'bases')", [sid])
    conn.execute("UPDATE statements SET topic_ids = ? WHERE id = ?", [f"{topics},bases", sid])
    before = conn.execute("SELECT sum(n) FROM agg_topic_speakers WHERE topic_id = 'bases' AND month = ''").fetchone()[0]
    aggregates.add(conn, {"statement_topics": [{"statement_id": sid, "topic_id": "bases"}]})
    after = conn.execute("SELECT sum(n) FROM agg_topic_speakers WHERE topic_id = 'bases' AND month = ''").fetchone()[0]
    conn.commit()
    conn.close()
    assert after == before + 1
