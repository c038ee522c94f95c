"""The filter value: SQL clauses and parameters, the caption sentence, the URL round trip, safe search text."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.filters import MAX_SEARCH_CHARS, Filters, fts_query
from components.queries import count_events, fetch_events, fetch_statements

KNOWN = {
    "country": {"SY", "RU"},
    "actor": {"ahmed-al-sharaa", "vladimir-putin", "sergey-lavrov"},
    "topic": {"bases", "diplomacy", "sanctions-unsc"},
    "category": {"diplomacy", "military", "un"},
}


# --- to_where ------------------------------------------------------------------------------------

@pytest.mark.parametrize("f, kind, sql, params", [
    (Filters(), "events", "1=1", []),
    (Filters(), "statements", "1=1", []),
    # A period overlaps the range: events end on/after the start, begin on/before the end.
    (Filters(date_from="2025"), "events", "events.date_end >= ?", ["2025-01-01"]),
    (Filters(date_from="2025-02"), "statements", "statements.date_sort >= ?", ["2025-02-01"]),
    (Filters(date_to="2024-02"), "events", "events.date_start <= ?", ["2024-02-29"]),   # leap year
    (Filters(date_to="2025-02"), "events", "events.date_start <= ?", ["2025-02-28"]),
    (Filters(date_to="2025-10-15"), "statements", "statements.date_sort BETWEEN '0001-01-01' AND ?", ["2025-10-15"]),
    (Filters(date_from="2024-12-08", date_to="2025"), "events",
     "events.date_end >= ? AND events.date_start <= ?", ["2024-12-08", "2025-12-31"]),
    (Filters(categories=("military", "un")), "events", "events.category IN (?,?)", ["military", "un"]),
    (Filters(countries=("SY",)), "statements", "statements.speaker_country IN (?)", ["SY"]),
    (Filters(actors=("sergey-lavrov",)), "statements", "statements.speaker_id IN (?)", ["sergey-lavrov"]),
    (Filters(text="sovereignty"), "statements",
     "statements.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)", ['"sovereignty"']),
    (Filters(text="   "), "events", "1=1", []),
    (Filters(text="***"), "events", "1=1", []),   # nothing searchable left: no restriction, no error
])
def test_to_where(f, kind, sql, params):
    assert f.to_where(kind) == (sql, params)


@pytest.mark.parametrize("f, params", [
    (Filters(countries=("SY", "RU")), ["SY", "RU"]),
    (Filters(actors=("ahmed-al-sharaa",)), ["ahmed-al-sharaa"]),
    (Filters(topics=("bases",)), ["bases"]),
    (Filters(categories=("un",)), ["un"]),
    (Filters(date_from="2015", countries=("RU",), topics=("bases",), text="Tartus base"),
     ["2015-01-01", "RU", "bases", '"Tartus" "base"']),
])
def test_every_value_goes_in_as_a_parameter(f, params):
    for kind in ("events", "statements"):
        sql, got = f.to_where(kind, alias="x")
        assert got == params
        assert sql.count("?") == len(params)


def test_to_where_rejects_an_unknown_table():
    with pytest.raises(ValueError):
        Filters().to_where("actors")


# --- describe --------------------------------------------------------------------------------------

@pytest.mark.parametrize("f, names, sentence", [
    (Filters(), None, "All data, no filters"),
    (Filters(text="  "), None, "All data, no filters"),
    (Filters(date_from="2024-12-08"), None, "Filters: from 2024-12-08"),
    (Filters(date_to="2011"), None, "Filters: until 2011"),
    (Filters(date_from="2015", date_to="2017-01"), None, "Filters: 2015 to 2017-01"),
    (Filters(countries=("SY", "RU")), None, "Filters: countries: SY, RU"),
    (Filters(actors=("sergey-lavrov",)), {"sergey-lavrov": "Sergey Lavrov"}, "Filters: officials: Sergey Lavrov"),
    (Filters(topics=("bases",), categories=("military",)), None, "Filters: topics: bases; categories: military"),
    (Filters(text=" sovereignty "), None, 'Filters: search: "sovereignty"'),
    (Filters(date_from="2025", actors=("ahmed-al-sharaa",), text="Moscow"), {"ahmed-al-sharaa": "Ahmed al-Sharaa"},
     'Filters: from 2025; officials: Ahmed al-Sharaa; search: "Moscow"'),
])
def test_describe(f, names, sentence):
    assert f.describe(names) == sentence


# --- URL round trip --------------------------------------------------------------------------------

@pytest.mark.parametrize("f, params", [
    (Filters(), {}),
    (Filters(date_from="2024-12-08"), {"from": "2024-12-08"}),
    (Filters(date_from="2015", date_to="2017-01"), {"from": "2015", "to": "2017-01"}),
    (Filters(countries=("SY", "RU")), {"country": "SY,RU"}),
    (Filters(actors=("ahmed-al-sharaa", "vladimir-putin")), {"actor": "ahmed-al-sharaa,vladimir-putin"}),
    (Filters(topics=("bases",), categories=("military", "un")), {"topic": "bases", "category": "military,un"}),
    (Filters(text="sovereignty"), {"q": "sovereignty"}),
    (Filters(text="الشرع"), {"q": "الشرع"}),
])
def test_url_round_trip(f, params):
    assert f.to_params() == params
    assert Filters.from_params(params, KNOWN) == (f, [])


def test_from_params_accepts_repeated_keys_as_lists():
    f, warnings = Filters.from_params({"actor": ["sergey-lavrov", "vladimir-putin"], "q": ["old", "new"]}, KNOWN)
    assert (f.actors, f.text, warnings) == (("sergey-lavrov", "vladimir-putin"), "new", [])


@pytest.mark.parametrize("params, expected, warning", [
    ({"from": "2025-02-30"}, Filters(),
     "Ignored URL parameter from='2025-02-30': not a date (use YYYY-MM-DD, YYYY-MM or YYYY)."),
    ({"to": "yesterday"}, Filters(),
     "Ignored URL parameter to='yesterday': not a date (use YYYY-MM-DD, YYYY-MM or YYYY)."),
    ({"from": "2025", "to": "2024"}, Filters(),
     "Ignored the URL's date range: 'from' 2025 is after 'to' 2024."),
    ({"actor": "sergey-lavrov,nobody"}, Filters(actors=("sergey-lavrov",)),
     "Ignored unknown actor 'nobody' in the URL."),
    ({"country": "XX"}, Filters(), "Ignored unknown country 'XX' in the URL."),
    ({"topic": "bases,'; DROP TABLE events; --"}, Filters(topics=("bases",)),
     "Ignored unknown topic \"'; DROP TABLE events; --\" in the URL."),
    ({"category": ",".join(["un"] * 60)}, Filters(categories=("un",)),
     "URL parameter 'category' had more than 50 values; the rest were ignored."),
    ({"q": "x" * 600}, Filters(text="x" * MAX_SEARCH_CHARS),
     f"The search text in the URL was longer than {MAX_SEARCH_CHARS} characters and was cut."),
])
def test_bad_url_values_are_dropped_with_a_warning(params, expected, warning):
    f, warnings = Filters.from_params(params, KNOWN)
    assert f == expected
    assert warning in warnings


def test_url_search_loses_nul_bytes_silently():
    assert Filters.from_params({"q": "sover\x00eignty"}, KNOWN) == (Filters(text="sovereignty"), [])


def test_unknown_url_keys_are_ignored():
    assert Filters.from_params({"utm_source": "newsletter", "page": "3"}, KNOWN) == (Filters(), [])


def test_filters_are_hashable_cache_keys():
    assert hash(Filters(actors=("sergey-lavrov",))) == hash(Filters(actors=("sergey-lavrov",)))
    assert Filters(text="a") != Filters(text="b")


# --- fts_query -------------------------------------------------------------------------------------

HOSTILE = [
    (None, None),
    ("", None),
    ("sovereignty", '"sovereignty"'),
    ("Sovereignty Moscow", '"Sovereignty" "Moscow"'),
    ('"unbalanced', '"unbalanced"'),
    ('say "hello', '"say" "hello"'),
    ("NEAR(", '"NEAR"'),
    ("NEAR(sovereignty respect, 3)", '"NEAR" "sovereignty" "respect" "3"'),
    ("*", None),
    ("-", None),
    ("-sovereignty", '"sovereignty"'),
    ("AND OR NOT", '"AND" "OR" "NOT"'),
    ("text:sovereignty", '"text" "sovereignty"'),
    ("{text context}:Lavrov", '"text" "context" "Lavrov"'),
    ("^Lavrov", '"Lavrov"'),
    ("sover*", '"sover"*'),
    ("\x00", None),
    ("sover\x00eignty", '"sover" "eignty"'),
    ("al-Sharaa", '"al" "Sharaa"'),
    ("الشرع", '"الشرع"'),
    ("Лавров", '"Лавров"'),
    ("a " * 5000, " ".join(['"a"'] * 32)),   # 10 kB: cut to the first 32 words
    ("()", None),
]


@pytest.mark.parametrize("text, expected", HOSTILE, ids=[repr(t)[:30] for t, _ in HOSTILE])
def test_fts_query_turns_any_text_into_a_safe_query(text, expected):
    assert fts_query(text) == expected


@pytest.mark.parametrize("text", [t for t, q in HOSTILE if q], ids=[repr(t)[:30] for t, q in HOSTILE if q])
def test_safe_queries_run_on_a_real_database(built_db, text):
    conn = sqlite3.connect(built_db)
    try:
        for table in ("statements_fts", "events_fts"):
            conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [fts_query(text)]).fetchone()
    finally:
        conn.close()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=80) | st.text(alphabet='"*-^():{}NEARANDORNOT \x00abc', max_size=40))
def test_no_search_text_makes_a_query_fail(built_db, text):
    f = Filters(text=text)
    fetch_statements(built_db, f, limit=5)
    fetch_events(built_db, f, limit=5)
    assert count_events(built_db, f) >= 0
