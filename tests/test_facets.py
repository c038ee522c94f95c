"""Facet counts: each option's count is what selecting it would show (events + statements) under the other
filters. The oracle is the page's own count of that selection, a different query (IN lists, no GROUP BY)."""

from __future__ import annotations

import pytest

from components import facets, queries
from components.filters import CHOICES, Filters

FILTERS = {
    "none": Filters(),
    "dates": Filters(date_from="2025-01-01"),
    "topic": Filters(topics=("bases",)),
    "actor and search": Filters(actors=("sergey-lavrov",), text="bases"),
    "country": Filters(countries=("RU",), date_to="2025-12"),
}


def _items(db, f: Filters) -> int:
    return queries.count_events(db, f) + queries.count_statements(db, f)


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("dim", [d.name for d in CHOICES])
def test_each_count_is_what_choosing_that_option_shows(built_db, name, dim):
    f = FILTERS[name]
    got = facets.counts(built_db, f, dim)
    ids = queries.fetch_reference_ids(built_db)[next(d.ref for d in CHOICES if d.name == dim)]
    for value in ids:
        chosen = f.with_(**{dim: (value,)})
        assert got.get(value, 0) == _items(built_db, chosen), (dim, value)


def test_the_dimensions_own_choice_does_not_narrow_its_counts(built_db):
    """Choosing Lavrov keeps the other officials' counts (a facet counts under the *other* filters)."""
    alone = facets.counts(built_db, Filters(), "actors")
    assert facets.counts(built_db, Filters(actors=("sergey-lavrov",)), "actors") == alone
    assert len(alone) > 1


def test_a_facet_past_its_time_limit_is_left_without_counts(built_db):
    with pytest.raises(facets.FacetTimeout):
        facets.counts(built_db, Filters(text="sovereignty"), "topics", time_limit_ms=-1)
    f = Filters(date_from="2000")
    assert facets.all_counts(built_db, f, time_limit_ms=-1) == {d.name: None for d in CHOICES}


def test_counts_under_no_other_filter_are_never_cut(built_db):
    """They are the same for every reader and cached once, so they run to the end whatever the limit."""
    assert facets.all_counts(built_db, Filters(), time_limit_ms=-1) == facets.all_counts(built_db, Filters())
    assert facets.counts(built_db, Filters(actors=("sergey-lavrov",)), "actors", time_limit_ms=-1)


# --- the build's count table (components.facetcounts) against a plain count of the rows -----------------

THREE = ("diplomacy", "bases", "reconstruction")
ALL_TOPICS = ("arms-army", "assad-legacy", "bases", "currency-finance", "diplomacy", "energy-trade", "humanitarian",
              "reconstruction", "sanctions-unsc", "security-intelligence")
CUBE_FILTERS = {  # each answered from agg_facet_counts (whole months) plus the rows of its edge months
    "mid-month range": Filters(date_from="2024-12-08", date_to="2025-11-20"),
    "whole months": Filters(date_from="2025-01", date_to="2025-06"),
    "from only": Filters(date_from="2025-03-15"),
    "to only": Filters(date_to="2024-06-10"),
    "topic": Filters(topics=("bases",)),
    "country": Filters(countries=("RU",)),
    "two countries": Filters(countries=("RU", "SY")),
    "topic and dates": Filters(topics=("bases",), date_from="2024-12-08", date_to="2025-11-20"),
    "country, topic, category, dates": Filters(countries=("SY",), topics=("diplomacy",), categories=("diplomacy",),
                                               date_from="2024-01-10"),
    "two categories": Filters(categories=("military", "diplomacy"), date_to="2025-09"),
    "two topics": Filters(topics=("bases", "diplomacy")),
    "two topics, a country and dates": Filters(topics=("security-intelligence", "bases"), countries=("RU",),
                                               date_from="2024-10-20", date_to="2025-12-05"),
    # officials: their own rows in the table, grouped by the other facets' columns
    "an official": Filters(actors=("sergey-lavrov",)),
    "an official and dates": Filters(actors=("vladimir-putin",), date_from="2015-09-12", date_to="2024-12-20"),
    "an official, a topic, a country": Filters(actors=("bashar-al-assad",), topics=("diplomacy",), countries=("SY",)),
    "an official and two topics": Filters(actors=("vladimir-putin",), topics=("diplomacy", "bases")),
    "two officials (events with both)": Filters(actors=("bashar-al-assad", "vladimir-putin")),
    "three officials, a category, dates": Filters(actors=("russia", "syria", "vladimir-putin"), categories=("diplomacy",),
                                                  date_from="2000-03-15"),
    # three topics or more: pairs subtracted, the items holding three or more counted again from their rows
    "three topics": Filters(topics=THREE),
    "four topics (an event holds all four)": Filters(topics=("diplomacy", "bases", "energy-trade", "assad-legacy")),
    "three topics and dates": Filters(topics=THREE, date_from="2012-02-10", date_to="2025-10-03"),
    "three topics, two officials, to only": Filters(topics=THREE, actors=("russia", "syria"), date_to="2025-06-10"),
    "all ten topics": Filters(topics=ALL_TOPICS),
}


def _items_table(db):
    """Every event and statement as plain Python values, read with simple SQL (the oracle's own reading)."""
    import sqlite3
    from collections import defaultdict

    conn = sqlite3.connect(db)
    try:
        def many(sql):
            out = defaultdict(set)
            for k, v in conn.execute(sql):
                out[k].add(v)
            return out
        st_topics = many("SELECT statement_id, topic_id FROM statement_topics")
        ev_topics = many("SELECT event_id, topic_id FROM event_topics")
        ev_actors = many("SELECT event_id, actor_id FROM event_actors")
        ev_countries = many("SELECT ea.event_id, a.country FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
                            "WHERE a.country IS NOT NULL")
        category = dict(conn.execute("SELECT id, category FROM events"))
        items = [{"start": d, "end": d, "actors": {s} - {None}, "countries": {c} - {None},
                  "topics": st_topics[i], "categories": {category[e]} if e else set(), "key": ("statements", r)}
                 for i, s, c, d, e, r in conn.execute(
                     "SELECT id, speaker_id, speaker_country, date_start, event_id, rowid FROM statements")]
        items += [{"start": s, "end": e, "actors": ev_actors[i], "countries": ev_countries[i],
                   "topics": ev_topics[i], "categories": {category[i]}, "key": ("events", r)}
                  for i, s, e, r in conn.execute("SELECT id, date_start, date_end, rowid FROM events")]
        return items
    finally:
        conn.close()


def _oracle(items, f: Filters, dim: str, hits: set | None = None) -> dict[str, int]:
    """Per value of dim, how many items have it and pass every other filter (and are among `hits`, the keys of a
    search's matches, when given): a plain count in Python."""
    from components.schema import date_bounds

    lo = date_bounds(f.date_from)[0] if f.date_from else None
    hi = date_bounds(f.date_to)[1] if f.date_to else None
    out: dict[str, int] = {}
    for it in items:
        if hits is not None and it["key"] not in hits:
            continue
        if (lo or hi) and it["start"] is None:
            continue
        if (lo and it["end"] < lo) or (hi and it["start"] > hi):
            continue
        if any(getattr(f, d) and not set(getattr(f, d)) & it[d] for d in ("actors", "countries", "topics", "categories")
               if d != dim):
            continue
        for value in it[dim]:
            out[value] = out.get(value, 0) + 1
    return out


@pytest.fixture(scope="module")
def bundled_items(bundled_db):
    return _items_table(bundled_db)


@pytest.mark.parametrize("name", CUBE_FILTERS)
@pytest.mark.parametrize("dim", [d.name for d in CHOICES])
def test_counts_from_the_build_table_equal_a_plain_count(bundled_db, bundled_items, monkeypatch, name, dim):
    f = CUBE_FILTERS[name]
    monkeypatch.setattr(facets, "partial_months", lambda f: False)  # the table and its edge months' rows
    assert facets.counts(bundled_db, f, dim) == _oracle(bundled_items, f, dim)


# a date range with partial edge months: counted from components.facetarrays (with any other filter)
PARTIAL = {name: f for name, f in CUBE_FILTERS.items() if facets.partial_months(f)} | {
    "one day": Filters(date_from="2025-03-05", date_to="2025-03-05"),
    "inside one month, three topics": Filters(topics=THREE, date_from="2025-03-02", date_to="2025-03-20"),
    "to only, an official": Filters(actors=("sergey-lavrov",), date_to="2024-06-10"),
}


@pytest.fixture
def arrays_calls(monkeypatch) -> list:
    """The calls to facetarrays.search_counts, to prove the counts came from the arrays."""
    from components import facetarrays

    calls, real = [], facetarrays.search_counts
    monkeypatch.setattr(facetarrays, "search_counts", lambda *a: calls.append(a) or real(*a))
    return calls


def test_the_partial_month_filters_are_those_with_edge_days():
    assert {"mid-month range", "from only", "to only", "topic and dates", "three topics and dates"} <= set(PARTIAL)
    assert not facets.partial_months(CUBE_FILTERS["whole months"]) and not facets.partial_months(Filters())


@pytest.mark.parametrize("name", PARTIAL)
def test_a_range_with_partial_months_counts_each_facet_as_a_plain_count_does(bundled_db, bundled_items,
                                                                             arrays_calls, name):
    f = PARTIAL[name]
    got = facets.all_counts(bundled_db, f)
    assert arrays_calls, "the counts came from the arrays"
    assert got == {d.name: _oracle(bundled_items, f, d.name) for d in CHOICES}
    assert all(facets.counts(bundled_db, f, d.name) == got[d.name] for d in CHOICES)


def test_the_partial_months_above_hold_items_on_their_edge_days(bundled_items):
    """Items dated inside an edge month on both sides of its bound (a start's, an end's), so a mask off by a day
    or a month miscounts."""
    from components.schema import date_bounds

    dated = [it for it in bundled_items if it["start"]]
    starts = {date_bounds(f.date_from)[0] for f in PARTIAL.values() if f.date_from}
    ends = {date_bounds(f.date_to)[1] for f in PARTIAL.values() if f.date_to}
    assert any(any(lo[:7] <= it["end"] < lo for it in dated) and any(lo <= it["end"] < lo[:7] + "-99" for it in dated)
               for lo in starts)
    assert any(any(hi < it["start"] <= hi[:7] + "-99" for it in dated) and any(hi[:7] <= it["start"] <= hi
                                                                                for it in dated) for hi in ends)


def test_the_build_table_alone_counts_whole_months(bundled_db, bundled_items):
    """Without edge months (a range of whole months) the table's own sums are the whole answer."""
    import sqlite3

    from components import facetcounts

    f = Filters(date_from="2024-07", date_to="2025-10", topics=("diplomacy",))
    conn = sqlite3.connect(bundled_db)
    try:
        assert facetcounts.has_table(conn), "the build writes the table, so the counts above came from it"
        for dim in ("actors", "countries", "categories"):
            got = {}
            for table in ("statements", "events"):
                for v, n in facetcounts.whole_month_counts(conn, f.with_(**{dim: ()}), dim, table).items():
                    got[v] = got.get(v, 0) + n
            assert got == _oracle(bundled_items, f, dim), dim
    finally:
        conn.close()


def test_the_shipped_data_has_the_items_the_table_counts_more_than_once(bundled_items):
    """The filters above reach the corrections: items holding three of THREE (four of the four-topic filter) and
    events of two chosen officials exist in data/, so a wrong correction changes a count compared above."""
    assert any(len(set(THREE) & it["topics"]) == 3 for it in bundled_items)
    assert any(len({"diplomacy", "bases", "energy-trade", "assad-legacy"} & it["topics"]) == 4 for it in bundled_items)
    assert any({"bashar-al-assad", "vladimir-putin"} <= it["actors"] for it in bundled_items)
    assert any({"russia", "syria"} <= it["actors"] and len(set(THREE) & it["topics"]) >= 2 for it in bundled_items)


def test_a_search_or_a_range_inside_one_month_counts_rows(bundled_db, bundled_items):
    from components import facetcounts

    for f in (Filters(text="bases"), Filters(actors=("sergey-lavrov",), text="syria"),
              Filters(date_from="2025-03-02", date_to="2025-03-20")):
        assert not facetcounts.answerable(f, "statements")
    f = Filters(topics=("bases", "diplomacy", "sanctions-unsc"), date_from="2025-03-02", date_to="2025-03-20")
    assert facets.counts(bundled_db, f, "countries") == _oracle(bundled_items, f, "countries")


def test_adding_new_rows_counts_them_as_a_rebuild_would(bundled_db, tmp_path):
    """The incremental accept adds the new quotes' counts (facetcounts.add): the same table as counting all."""
    import shutil
    import sqlite3

    from components import facetcounts

    db = tmp_path / "copy.db"
    shutil.copyfile(bundled_db, db)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        picked = conn.execute("SELECT id FROM statements WHERE id IN (SELECT statement_id FROM statement_topics "
                              "GROUP BY 1 HAVING count(*) >= 2) ORDER BY date_sort DESC LIMIT 3").fetchall()
        ids = [r["id"] for r in picked] + [conn.execute(
            "SELECT id FROM statements WHERE event_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()["id"]]
        marks = ",".join("?" * len(ids))
        rows = [dict(r) for r in conn.execute(f"SELECT * FROM statements WHERE id IN ({marks})", ids)]
        links = [dict(r) for r in conn.execute(f"SELECT * FROM statement_topics WHERE statement_id IN ({marks})", ids)]
        conn.execute(f"DELETE FROM statement_topics WHERE statement_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM statements WHERE id IN ({marks})", ids)
        facetcounts.refresh(conn)
        for table, batch in (("statements", rows), ("statement_topics", links)):
            cols = list(batch[0])
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [[r[c] for c in cols] for r in batch])
        facetcounts.add(conn, {"statements": rows, "statement_topics": links})

        def dump():
            return {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}"))
                    for t in ("agg_facet_counts", "agg_facet_keys")}
        added = dump()
        facetcounts.refresh(conn)
        assert added == dump()
        assert len(links) > len(rows)  # quotes with two topics or more: their pair rows are added too
    finally:
        conn.close()


def test_a_table_from_an_older_version_is_not_read(bundled_db, bundled_items, tmp_path):
    """The build's input hash does not cover facetcounts.py: a table in another format is left alone (rows count)."""
    import shutil
    import sqlite3

    from components import facetcounts

    db = tmp_path / "old.db"
    shutil.copyfile(bundled_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM agg_facet_counts WHERE long = 2")  # as a version without all-time rows wrote it
        conn.execute("DELETE FROM agg_facet_keys WHERE dim = 'format'")
    conn = sqlite3.connect(db)
    try:
        assert not facetcounts.has_table(conn)
    finally:
        conn.close()
    f = Filters(topics=("bases",))
    assert facets.counts(db, f, "actors") == _oracle(bundled_items, f, "actors")


# --- a frequent search: counted from components.facetarrays (the bundled data has few hits: the cap is lowered) --

SEARCHES = {
    "a word": Filters(text="syria"),
    "two words": Filters(text="russian bases"),
    "a prefix": Filters(text="sanction*"),
    "a name's other spellings": Filters(text="Tartus", text_aliases=(("Tartus", ("Tartous",)),)),
    "a word and dates": Filters(text="the", date_from="2024-12-08", date_to="2025-11-20"),
    "a word until a date (undated quotes left out)": Filters(text="the", date_to="2024-06-10"),
    "a word from a year": Filters(text="the", date_from="2015"),
    "a word, an official, a topic": Filters(text="syria", actors=("sergey-lavrov",), topics=("diplomacy",)),
    "a word, two officials, two countries": Filters(text="russia", actors=("bashar-al-assad", "vladimir-putin"),
                                                    countries=("RU", "SY")),
    "a word, three topics, two categories": Filters(text="the", topics=THREE, categories=("diplomacy", "military")),
}


@pytest.fixture
def frequent(monkeypatch) -> list:
    """Every search with more than one hit counted as a frequent one; the calls to facetarrays, to prove it."""
    from components import facetarrays

    monkeypatch.setattr(facets, "FACET_HITS_CAP", 1)
    calls, real = [], facetarrays.search_counts
    monkeypatch.setattr(facetarrays, "search_counts", lambda *a: calls.append(a) or real(*a))
    return calls


def _hits(db, f: Filters) -> set:
    """The (table, rowid) of each event and statement the search matches, with plain SQL."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return {(t, r) for t in ("statements", "events")
                for (r,) in conn.execute(f"SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH ?", [f.fts()])}


@pytest.mark.parametrize("name", SEARCHES)
def test_a_frequent_search_counts_each_facet_as_a_plain_count_does(bundled_db, bundled_items, frequent, name):
    f = SEARCHES[name]
    hits = _hits(bundled_db, f)
    got = facets.all_counts(bundled_db, f)
    assert frequent, "the counts came from the arrays"
    assert got == {d.name: _oracle(bundled_items, f, d.name, hits) for d in CHOICES}
    assert all(facets.counts(bundled_db, f, d.name) == got[d.name] for d in CHOICES)
    assert facets.not_counted_note(got, {}) is None
    assert all(got.values()), "each facet has counts to compare"


def test_the_searches_above_reach_what_a_wrong_mask_would_miscount(bundled_db, bundled_items):
    """Their hits hold events and quotes, and undated quotes (which a range with an end leaves out)."""
    hits = _hits(bundled_db, Filters(text="the"))
    assert {table for table, _ in hits} == {"statements", "events"}
    assert any(it["start"] is None and it["key"] in hits for it in bundled_items)


def test_a_replaced_database_file_is_counted_anew(built_db, bundled_db, bundled_items, frequent, tmp_path):
    """An accept or a build replaces the file: the arrays of the old file are not used for the new one."""
    import shutil

    db = tmp_path / "timeline.db"
    shutil.copyfile(built_db, db)
    f = Filters(text="syria")
    before = facets.all_counts(db, f)
    shutil.copyfile(bundled_db, tmp_path / "new.db")
    (tmp_path / "new.db").replace(db)
    after = facets.all_counts(db, f)
    assert after != before
    assert after["actors"] == _oracle(bundled_items, f, "actors", _hits(db, f))


def test_a_frequent_search_past_its_time_limit_is_left_without_counts(bundled_db, frequent):
    """A search's hits are read from the full-text index under the four facets' time limits (a long query of
    prefixes can be slow); past them the sidebar says so, as for any filter."""
    result = facets.all_counts(bundled_db, Filters(text="syria"), time_limit_ms=-1)
    assert result == {d.name: None for d in CHOICES}
    assert facets.not_counted_note(result, {d.name: d.label for d in CHOICES})
    with pytest.raises(facets.FacetTimeout):
        facets.counts(bundled_db, Filters(text="syria"), "topics", time_limit_ms=-1)
    assert all(facets.all_counts(bundled_db, Filters(text="syria")).values())


def test_a_slow_combination_is_named_in_the_note(built_db):
    result = facets.all_counts(built_db, Filters(date_from="2000"), time_limit_ms=-1)
    assert result == {d.name: None for d in CHOICES}
    note = facets.not_counted_note(result, {d.name: d.label for d in CHOICES})
    assert note and all(d.label in note for d in CHOICES)
    assert facets.not_counted_note(facets.all_counts(built_db, Filters()), {}) is None
