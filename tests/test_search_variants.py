"""Search under every spelling of a name or place (actors' and places' aliases), and topics named by the search.
Unit tests of components.searchwords, then the Quotes page under AppTest with SQL as the oracle."""

from __future__ import annotations

import pytest

from components import searchwords as sw
from components.filters import fts_query
from test_pages import main_quote_cards, ok, open_page, quote_total

pytest_plugins = ["conftest_pages"]

ACTORS = [("tartus-port", ["Tartus port", "port of Tartus", "Tartous port"]),
          ("hmeimim", ["Hmeimim air base", "Hmeimim", "Khmeimim", "Hmeymim airbase"]),
          ("lavrov", ["Sergey Lavrov", "Lavrov", "Лавров"]),
          ("moscow-times", ["The Moscow Times", "Moscow Times"]),
          ("bashar", ["Bashar al-Assad", "al-Assad"]), ("hafez", ["Hafez al-Assad", "al-Assad"]),
          ("asma", ["Asma al-Assad", "al-Assad"])]
INDEX = sw.AliasIndex.build(ACTORS)


@pytest.mark.parametrize("word, expected", [
    ("Tartous", {"Tartus", "Tartus port", "port of Tartus", "Tartous port"}),
    ("Khmeimim", {"Hmeimim", "Hmeimim air base", "Hmeymim airbase", "Hmeymim"}),
    ("Лавров", {"Sergey Lavrov", "Lavrov"}),
])
def test_a_word_naming_an_actor_is_searched_under_all_its_spellings(word, expected):
    assert set(sw.alternatives(word, INDEX)) == expected


@pytest.mark.parametrize("word", ["port", "air", "Moscow", "Assad", "Syria", "the"])
def test_generic_words_and_names_shared_by_many_actors_are_not_expanded(word):
    assert sw.alternatives(word, INDEX) == ()


def test_the_expansion_becomes_an_or_group_in_the_full_text_query():
    aliases = sw.expansions("Tartous bases", INDEX)
    assert fts_query("Tartous bases", aliases) == (
        '("Tartous" OR "Tartus port" OR "Tartus" OR "port of Tartus" OR "Tartous port") AND "bases"')


def test_a_word_before_an_expanded_word_is_a_query_fts5_accepts():
    import sqlite3
    aliases = (("Sharaa", ("al-Shara", "Jolani")),)
    query = fts_query("al-Sharaa", aliases)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("INSERT INTO t VALUES ('Ahmed al-Sharaa said'), ('al Jolani spoke'), ('Sharaa alone')")
    found = [r[0] for r in conn.execute("SELECT x FROM t WHERE t MATCH ? ORDER BY rowid", [query])]
    assert found == ["Ahmed al-Sharaa said", "al Jolani spoke"]


TOPICS = [("sanctions-unsc", "Sanctions and the UN Security Council", "Vetoes, sanctions relief"),
          ("bases", "Russian bases", "Hmeimim, Tartus"), ("energy", "Energy and trade", "oil, wheat, fuel")]


@pytest.mark.parametrize("text, expected", [("sanctions", ["sanctions-unsc"]), ("sanction", ["sanctions-unsc"]),
                                            ("the bases", ["bases"]), ("wheat", ["energy"]), ("the", []),
                                            ("sovereignty", [])])
def test_topics_named_by_the_search(text, expected):
    assert sw.matching_topics(text, TOPICS) == expected


def _fts_count(sql, query: str) -> int:
    return sql("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?", query)[0][0]


@pytest.mark.parametrize("one, other", [("Tartus", "Tartous"), ("Hmeimim", "Khmeimim")])
def test_both_spellings_find_the_same_quotes(app_env, sql, one, other):
    either = _fts_count(sql, f'"{one}" OR "{other}"')
    assert either > 0
    counts = [quote_total(ok(open_page("quotes", q=word))) for word in (one, other)]
    assert counts[0] == counts[1] >= either


def test_a_search_naming_a_topic_lists_its_tagged_quotes_after_the_word_matches(app_env, sql):
    own = {r[0] for r in sql("SELECT s.id FROM statements_fts f JOIN statements s ON s.rowid = f.rowid "
                             "WHERE statements_fts MATCH '\"sanctions\"'")}
    tagged = {r[0] for r in sql("SELECT statement_id FROM statement_topics WHERE topic_id = 'sanctions-unsc'")}
    label = sql("SELECT label FROM topics WHERE id = 'sanctions-unsc'")[0][0]
    assert tagged - own, "the fixture needs quotes tagged with the topic whose words do not match"
    at = ok(open_page("quotes", q="sanctions"))
    assert quote_total(at) == len(own | tagged)
    note = next(i.value for i in at.info if "names a topic" in i.value)
    assert "listed too" in note
    cards = main_quote_cards(at)
    marked = [f"tagged {label}" in c.html for c in cards]
    assert cards and marked == sorted(marked)             # own-word matches first, then the tagged ones
    assert {c.id for c, m in zip(cards, marked) if not m} <= own
    assert {c.id for c, m in zip(cards, marked) if m} <= tagged - own
    assert sum(not m for m in marked) == min(len(own), len(cards)) and any(marked)


def test_the_topic_button_swaps_the_search_for_the_topic_filter(app_env, sql):
    tagged = sql("SELECT count(*) FROM statement_topics WHERE topic_id = 'sanctions-unsc'")[0][0]
    at = ok(open_page("quotes", q="sanctions"))
    at.button(key="qt_topic_sanctions-unsc").click().run()
    assert at.sidebar.multiselect(key="flt_topic").value == ["sanctions-unsc"]
    assert quote_total(at) == tagged and "q" not in at.query_params


@pytest.mark.parametrize("text, expected", [("Syria", []), ("Russian", []), ("after", []),
                                            ("Syrian sanctions", ["sanctions-unsc"])])
def test_state_names_and_function_words_name_no_topic(text, expected):
    topics = [*TOPICS, ("arms", "Arms and the new Syrian army", "after the fall")]
    assert sw.matching_topics(text, topics, generic=["Syria", "Russia"]) == expected


def test_state_names_and_groups_named_after_a_state_do_not_expand():
    index = sw.AliasIndex.build([("syrian-leadership", ["Syrian leadership", "Syria's new leadership"]),
                                 ("tartus-port", ["port of Tartus", "Tartous port"])], generic=["Syria", "Сирия"])
    assert sw.alternatives("Syria", index) == () and sw.alternatives("Syrian", index) == ()
    assert "Tartous" in sw.alternatives("Tartus", index)
