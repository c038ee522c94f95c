"""Queries on the fixture database: each filter changes the rows the way a reader expects.

Expected ids are written by hand from tests/fixtures/data (six events, six statements).
"""

from __future__ import annotations

import pandas as pd
import pytest

from components.filters import Filters
from components.queries import (
    HL_CLOSE,
    HL_OPEN,
    DatabaseMissing,
    DatabaseUnreadable,
    count_events,
    count_statements,
    fetch_actors,
    fetch_event_detail,
    fetch_events,
    fetch_statements,
    find_actors,
)
from components.store import build

E1944 = "1944-07-diplomatic-relations"
E1971 = "1971-tartus-naval-facility"
E2015 = "2015-09-30-air-campaign"
E2025_01 = "2025-01-28-bogdanov-talks"
E2025_10 = "2025-10-15-al-sharaa-moscow-visit"
E2025_11 = "2025-11-unsc-delisting"

Q1 = "levant24-2025-10-15-q1"        # sovereignty, unnamed sources, 2025-10-15, visit
Q4 = "levant24-2025-10-15-q4"        # senior Syrian source, 2025-10-15, visit, topics diplomacy+bases
Q6 = "levant24-2025-10-15-q6"        # the new government, undated
Q7 = "levant24-2025-10-15-q7"        # Lavrov, sovereignty, week of 2025-10-13
Q8 = "levant24-2025-10-15-q8"        # Lavrov, bases, week of 2025-10-13
QS = "newspravda-2025-10-15-sharaa"  # al-Sharaa, 2025-10-15, visit

SHARAA = "ahmed-al-sharaa"


def _plain(values) -> list:
    """Cells as plain Python values: a missing value is None whichever way pandas stores it."""
    return [None if pd.isna(v) else v for v in values]


@pytest.mark.parametrize("f, expected", [
    (Filters(), [E1944, E1971, E2015, E2025_01, E2025_10, E2025_11]),
    (Filters(date_from="2025"), [E2025_01, E2025_10, E2025_11]),
    (Filters(date_to="1971"), [E1944, E1971]),
    (Filters(date_from="2015", date_to="2025-01"), [E2015, E2025_01]),
    (Filters(date_from="2025-01-29"), [E2025_01, E2025_10, E2025_11]),   # the two-day talks end that day
    (Filters(date_from="2025-01-30"), [E2025_10, E2025_11]),
    (Filters(date_to="1944-07-15"), [E1944]),                             # a month overlaps a day inside it
    (Filters(date_from="2025-11-20", date_to="2025-11-21"), [E2025_11]),
    (Filters(date_from="1990", date_to="2000"), []),
    (Filters(countries=("SY",)), [E1944, E1971, E2025_01, E2025_10, E2025_11]),
    (Filters(countries=("RU",)), [E1944, E1971, E2015, E2025_01, E2025_10]),
    (Filters(actors=(SHARAA,)), [E2025_01, E2025_10, E2025_11]),
    (Filters(actors=("vladimir-putin",)), [E2015, E2025_10]),
    (Filters(actors=(SHARAA, "vladimir-putin")), [E2015, E2025_01, E2025_10, E2025_11]),
    (Filters(topics=("bases",)), [E1971, E2015, E2025_10]),
    (Filters(topics=("sanctions-unsc",)), [E2025_11]),
    (Filters(categories=("military",)), [E1971, E2015]),
    (Filters(categories=("un",)), [E2025_11]),
    (Filters(text="Moscow"), [E2025_10]),
    (Filters(text="tartus"), [E1971]),
    (Filters(text="Sharaa"), [E2025_01, E2025_10, E2025_11]),   # title or actor names
    (Filters(text="Sharaa", actors=("vladimir-putin",)), [E2025_10]),
    (Filters(countries=("RU",), categories=("diplomacy",)), [E1944, E2025_01, E2025_10]),
    (Filters(actors=("x') OR 1=1 --",)), []),
])
def test_event_filters(built_db, f, expected):
    assert fetch_events(built_db, f)["id"].tolist() == expected
    assert count_events(built_db, f) == len(expected)


@pytest.mark.parametrize("f, expected", [
    (Filters(), [Q1, Q4, QS, Q7, Q8, Q6]),    # newest first, undated last
    (Filters(date_from="2025-10-14"), [Q1, Q4, QS]),
    (Filters(date_to="2025-10-14"), [Q7, Q8]),
    (Filters(date_from="2025-10-13", date_to="2025-10-13"), [Q7, Q8]),
    (Filters(countries=("RU",)), [Q7, Q8]),
    (Filters(countries=("SY",)), [QS]),
    (Filters(actors=("sergey-lavrov",)), [Q7, Q8]),
    (Filters(actors=(SHARAA,)), [QS]),
    (Filters(topics=("bases",)), [Q4, Q8]),
    (Filters(categories=("diplomacy",)), [Q1, Q4, QS]),   # through the event each quote belongs to
    (Filters(categories=("military",)), []),
    (Filters(text="sovereignty"), [Q1, Q7]),
    (Filters(text="SOVEREIGNTY"), [Q1, Q7]),
    (Filters(text="sover*"), [Q1, Q7]),
    (Filters(text="Lavrov"), [Q7, Q8]),
    (Filters(text="Jolani"), [QS]),                        # a speaker's alias finds their quotes
    (Filters(text="الشرع"), [QS]),
    (Filters(text="senior Syrian source"), [Q4]),
    (Filters(text="sovereignty", countries=("RU",)), [Q7]),
    (Filters(text="sovereignty", date_from="2025-10-15"), [Q1]),
    (Filters(text="NEAR("), []),
])
def test_statement_filters(built_db, f, expected):
    assert fetch_statements(built_db, f, limit=100)["id"].tolist() == expected
    assert count_statements(built_db, f) == len(expected)


@pytest.mark.parametrize("f, pages", [
    (Filters(), [[Q1, Q4], [QS, Q7], [Q8, Q6], []]),
    (Filters(topics=("diplomacy",)), [[Q1, Q4], [QS, Q7], [Q6], []]),
])
def test_pages_are_disjoint_and_cover_everything(built_db, f, pages):
    got = [fetch_statements(built_db, f, limit=2, offset=o)["id"].tolist() for o in (0, 2, 4, 6)]
    assert got == pages
    flat = [i for page in got for i in page]
    assert len(flat) == len(set(flat)) == count_statements(built_db, f)


def test_event_limit(built_db):
    assert fetch_events(built_db, Filters(), limit=2)["id"].tolist() == [E1944, E1971]


@pytest.mark.parametrize("query", ["Sharaa", "sharaa", "SHARAA", "al-Sharaa", "Al-Sharaa", "al Sharaa",
                                   "Ahmed al-Sharaa", "Jolani", "jolani", "الشرع"])
def test_find_actors_finds_al_sharaa_by_any_spelling(built_db, query):
    assert find_actors(built_db, query)["id"].tolist() == [SHARAA]


@pytest.mark.parametrize("query, expected", [
    ("Putin", ["vladimir-putin"]),
    ("Владимир", ["vladimir-putin"]),
    ("Sergei", ["sergey-lavrov"]),
    ("UNSC", ["un-security-council"]),
    ("Syria", ["central-bank-of-syria", "syria"]),       # by name, then alias ('Syrian Arab Republic')
    ("Central Bank", ["central-bank-of-syria"]),
    ("Central", ["central-bank-of-syria"]),              # the first word of a name
    ("nobody", []),
    ("", []),
    ("   ", []),
])
def test_find_actors(built_db, query, expected):
    assert sorted(find_actors(built_db, query)["id"]) == expected


@pytest.mark.parametrize("search, quote_id, marked", [
    ("sovereignty", Q1, f"independent decision-making and full national {HL_OPEN}sovereignty{HL_CLOSE}."),
    ("Sovereignty", Q7, f"relationship based on respect for {HL_OPEN}sovereignty{HL_CLOSE}."),
    ("sover*", Q7, f"relationship based on respect for {HL_OPEN}sovereignty{HL_CLOSE}."),
    ("strategic cooperation", Q4, (f"The relationship is shifting from military dependency to "
                                  f"{HL_OPEN}strategic{HL_CLOSE} {HL_OPEN}cooperation{HL_CLOSE},")),
])
def test_highlight_markers_surround_the_matched_words(built_db, search, quote_id, marked):
    df = fetch_statements(built_db, Filters(text=search), limit=100).set_index("id")
    assert df.loc[quote_id, "text_hl"] == marked
    assert df.loc[quote_id, "text"] == marked.replace(HL_OPEN, "").replace(HL_CLOSE, "")


def test_event_detail_of_the_moscow_visit(built_db):
    d = fetch_event_detail(built_db, E2025_10)
    assert d["event"]["title"] == "Al-Sharaa makes his first visit to Moscow as president"
    assert list(zip(d["actors"]["id"], d["actors"]["part"], _plain(d["actors"]["role_on_date"]))) == [
        (SHARAA, "initiator", "Interim President, Syrian Arab Republic"),
        ("vladimir-putin", "counterpart", "President, Russian Federation"),
        ("sergey-lavrov", "participant", "Minister of Foreign Affairs, Russian Federation"),
    ]
    assert list(zip(d["sources"]["id"], _plain(d["sources"]["url"]), _plain(d["sources"]["evidence"]))) == [
        ("levant24-2025-10-15", None, None),
        ("newspravda-2025-10-15", "https://syria.news-pravda.com/en/world/2025/10/15/30480.html",
         "we respect all agreements made with it"),
    ]
    assert d["topics"]["id"].tolist() == ["diplomacy", "bases"]   # by label
    assert d["statements"]["id"].tolist() == [Q1, Q4, QS]


@pytest.mark.parametrize("event_id, actor_id, role", [
    (E2025_01, SHARAA, "Leader of the new Syrian administration, Syria"),   # before 29 January 2025
    (E2025_01, "russia", None),
    (E2025_11, SHARAA, "Interim President, Syrian Arab Republic"),
    (E2015, "vladimir-putin", "President, Russian Federation"),
])
def test_event_detail_gives_each_actor_the_role_of_the_event_date(built_db, event_id, actor_id, role):
    actors = fetch_event_detail(built_db, event_id)["actors"].set_index("id")
    assert _plain([actors.loc[actor_id, "role_on_date"]]) == [role]


def test_event_detail_sources_have_urls(built_db):
    sources = fetch_event_detail(built_db, E1944)["sources"]
    assert sources["url"].tolist() == ["https://wikizero.org/wiki/en/Russia%E2%80%93Syria_relations"]
    assert sources["evidence"].tolist() == [
        "Diplomatic relations between the Soviet Union and Syria were established in July 1944"]


def test_event_detail_of_an_unknown_id_is_none(built_db):
    assert fetch_event_detail(built_db, "no-such-event") is None


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseMissing, match="timeline build"):
        fetch_events(tmp_path / "nothing.db", Filters())


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseUnreadable, match="timeline build --force"):
        fetch_events(junk, Filters())


def test_event_detail_opens_on_the_bundled_seed_event(bundled_db):
    """The detail panel of the event the project started from, on the shipped data: al-Sharaa is president."""
    d = fetch_event_detail(bundled_db, E2025_10)
    roles = dict(zip(d["actors"]["id"], _plain(d["actors"]["role_on_date"])))
    assert "President" in (roles[SHARAA] or "")


@pytest.mark.parametrize("folder", ["with space", "Müller", "C# notes", "what?", "100%"])
def test_a_database_in_any_folder_can_be_read(fixture_data_dir, tmp_path, folder):
    db = tmp_path / folder / "timeline.db"
    build(fixture_data_dir, db)
    assert fetch_events(db, Filters(categories=("un",)))["id"].tolist() == [E2025_11]


@pytest.mark.parametrize("query", ["Sharaa", "al-Sharaa", "Jolani", "الشرع", "al Sharaa", "AHMAD AL-SHARAA"])
def test_al_sharaa_is_found_by_any_alias_in_the_bundled_data(bundled_db, query):
    assert "ahmed-al-sharaa" in find_actors(bundled_db, query)["id"].tolist()


def test_the_jolani_alias_cites_its_source(bundled_db):
    import json

    actors = fetch_actors(bundled_db).set_index("id")
    assert "Abu Mohammed al-Jolani" in json.loads(actors.loc["ahmed-al-sharaa", "aliases"])
    assert "newsio-2024-12-09-jolani" in actors.loc["ahmed-al-sharaa", "description"]


# --- a search that names a topic: its tagged quotes follow the word matches ----------------------------

def test_quotes_tagged_with_a_named_topic_follow_the_word_matches(built_db):
    from components import queries

    f = Filters(text="sovereignty")
    page = queries.fetch_search_page(built_db, f, tagged=("bases",))
    assert page["id"].tolist() == [Q1, Q7, Q4, Q8]   # own words (newest first), then tagged with bases only
    assert _plain(page["tagged_label"])[:2] == [None, None]
    assert page["tagged_label"].tolist()[2:] == ["Russian military bases and presence"] * 2
    assert queries.count_statements_upto(built_db, f, tagged=("bases",)) == (4, True)
    second = queries.fetch_search_page(built_db, f, limit=3, offset=3, tagged=("bases",))
    assert second["id"].tolist() == [Q8]
    export = queries.fetch_all_statements_for_export(built_db, f, tagged=("bases",))
    assert export["id"].tolist() == [Q1, Q7, Q4, Q8] and "tagged_label" in export


def test_a_frequent_word_under_other_filters_says_more_than_the_probe_cap(built_db, monkeypatch):
    """Past the index count that makes a word frequent, a count under other filters stops at PROBE_COUNT_CAP."""
    from components import statements

    monkeypatch.setattr(statements, "RANK_CAP", 0)          # every word is frequent in the small fixture
    monkeypatch.setattr(statements, "PROBE_COUNT_CAP", 1)
    f = Filters(text="sovereignty", date_from="2025-10-01")  # Q1 and Q7 match
    assert statements.count_statements_upto(built_db, f) == (1, False)
    assert statements.fetch_statements(built_db, f)["id"].tolist() == [Q1, Q7]


@pytest.mark.parametrize("broad", [True, False])
def test_a_topic_filter_gives_the_same_events_by_link_table_or_by_each_rows_topic_ids(built_db, monkeypatch, broad):
    """A broad topic is checked on each event's topic_ids, a narrow one through event_topics: same events."""
    from components import queries

    monkeypatch.setattr(queries, "_broad", lambda path, topics: broad)
    f = Filters(topics=("bases",))
    assert fetch_events(built_db, f)["id"].tolist() == [E1971, E2015, E2025_10]
    assert count_events(built_db, f) == 3
    assert fetch_events(built_db, f.with_(date_from="2015"), columns="list")["id"].tolist() == [E2015, E2025_10]


def test_a_rebuilt_database_is_read_through_new_connections(built_db, tmp_path):
    """The pooled read-only connections follow the file: after a rebuild replaces it, queries see the new data,
    while a reader busy on the old file keeps reading the old one."""
    import os
    import shutil
    import sqlite3

    from components import db as dbm

    live, new = tmp_path / "live.db", tmp_path / "new.db"
    shutil.copy(built_db, live)
    shutil.copy(built_db, new)
    with sqlite3.connect(new) as conn:
        conn.execute("DELETE FROM events WHERE id != ?", [E1944])
    assert count_events(live, Filters()) == 6
    with dbm.reading(live) as held:
        os.replace(new, live)
        assert held.execute("SELECT count(*) FROM events").fetchone()[0] == 6
        assert count_events(live, Filters()) == 1
    assert count_events(live, Filters()) == 1


@pytest.mark.parametrize("f, expected", [
    (Filters(topics=("diplomacy", "bases")), [E1944, E1971, E2015, E2025_01, E2025_10]),  # the visit has both: once
    (Filters(topics=("bases", "diplomacy")), [E1944, E1971, E2015, E2025_01, E2025_10]),
    (Filters(topics=("bases",), actors=("vladimir-putin",)), [E2015, E2025_10]),
    (Filters(topics=("bases",), categories=("military",)), [E1971, E2015]),
    (Filters(topics=("diplomacy",), countries=("SY",)), [E1944, E2025_01, E2025_10]),
    (Filters(topics=("diplomacy",), text="Moscow"), [E2025_10]),                          # a search: the events table
    (Filters(topics=("bases", "sanctions-unsc"), date_from="2025"), [E2025_10, E2025_11]),
])
def test_topic_filters_with_other_filters(built_db, f, expected):
    assert fetch_events(built_db, f)["id"].tolist() == expected
    assert count_events(built_db, f) == len(expected)


def _events_by_importance(db, topics) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        marks = ", ".join("?" for _ in topics)
        return [r[0] for r in conn.execute(
            f"SELECT id FROM events WHERE id IN (SELECT event_id FROM event_topics WHERE topic_id IN ({marks})) "
            "ORDER BY importance DESC, date_start, id", list(topics))]


@pytest.mark.parametrize("topics", [("diplomacy",), ("bases",), ("diplomacy", "bases")])
def test_the_most_important_events_under_a_topic_come_first(built_db, topics):
    expected = _events_by_importance(built_db, topics)
    assert len(expected) >= 3
    f = Filters(topics=topics)
    assert fetch_events(built_db, f, order="importance")["id"].tolist() == expected
    assert fetch_events(built_db, f, order="importance", limit=2)["id"].tolist() == expected[:2]


@pytest.mark.parametrize("kwargs", [{}, {"order": "importance", "limit": 2}, {"columns": "list"},
                                    {"with_sources": True}])
@pytest.mark.parametrize("f", [Filters(topics=("diplomacy",)), Filters(topics=("diplomacy", "bases"), date_to="2025-06")])
def test_events_under_topics_read_from_the_topic_copy_match_the_events_table(built_db, monkeypatch, f, kwargs):
    """The build's per-topic copy of the events gives every column as the events table itself does."""
    from components import queries

    fast = fetch_events(built_db, f, **kwargs)
    monkeypatch.setattr(queries, "has_table", lambda path, name: name != queries.TOPIC_EVENTS)
    slow = fetch_events(built_db, f, **kwargs)
    assert not fast.empty
    pd.testing.assert_frame_equal(fast, slow)


def _topic_copy_and_links(conn) -> tuple[list, list]:
    copy = sorted(conn.execute("SELECT topic_id, id, date, title, importance, date_start, date_end, topic_ids "
                               "FROM agg_topic_events").fetchall())
    links = sorted(conn.execute("SELECT et.topic_id, e.id, e.date, e.title, e.importance, e.date_start, e.date_end, "
                                "e.topic_ids FROM event_topics et JOIN events e ON e.id = et.event_id").fetchall())
    return copy, links


@pytest.mark.parametrize("links_first", [False, True])
def test_events_added_later_reach_the_topic_copy(built_db, tmp_path, links_first):
    """An event and its topic links inserted into a built database (as an accept would), in either order, are
    listed under their topics: the copy holds one row per link, as a rebuild makes it."""
    import shutil
    import sqlite3

    db = tmp_path / "grown.db"
    shutil.copy(built_db, db)
    new_id = "2025-12-01-new-talks"
    with sqlite3.connect(db) as conn:
        event = ("INSERT INTO events (id, date, date_precision, title, summary, category, importance, tone, "
                 "date_start, date_end, actor_names, topic_ids) VALUES (?, '2025-12-01', 'day', 'New talks', 'Talks.', "
                 "'diplomacy', 5, 1, '2025-12-01', '2025-12-01', 'Sergey Lavrov', 'bases,diplomacy')", [new_id])
        links = ("INSERT INTO event_topics (event_id, topic_id) VALUES (?, 'bases'), (?, 'diplomacy')", [new_id, new_id])
        for sql, params in ([links, event] if links_first else [event, links]):
            conn.execute(sql, params)
        copy, joined = _topic_copy_and_links(conn)
    assert copy == joined
    assert [r for r in copy if r[1] == new_id] and len([r for r in copy if r[1] == new_id]) == 2
    assert fetch_events(db, Filters(topics=("bases",)), order="importance", limit=1)["id"].tolist() == [new_id]
    assert fetch_events(db, Filters(topics=("diplomacy", "bases")))["id"].tolist()[-1] == new_id
