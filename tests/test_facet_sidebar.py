"""The sidebar's option counts with an official chosen (AppTest): each topic and country option shows how many
events and statements choosing it would add to Lavrov's, counted here with plain SQL over the database."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from components import config

pytest_plugins = ["conftest_pages"]

LAVROV = "sergey-lavrov"


def _sidebar_with_lavrov() -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("timeline")  # the page registered at url_path 'timeline'
    at.query_params["actor"] = LAVROV
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.multiselect(key="flt_actor").value == [LAVROV]
    return at


def _shown(at: AppTest, key: str) -> list[str]:
    return list(at.sidebar.multiselect(key=key).options)


def test_with_an_official_chosen_each_topic_shows_its_count(app_env, sql):
    at = _sidebar_with_lavrov()
    labels = dict(sql("SELECT id, label FROM topics"))
    expected = {t: sql("SELECT (SELECT count(*) FROM statements s JOIN statement_topics x ON x.statement_id = s.id "
                       "WHERE s.speaker_id = ? AND x.topic_id = ?) + (SELECT count(*) FROM event_actors a "
                       "JOIN event_topics x ON x.event_id = a.event_id WHERE a.actor_id = ? AND x.topic_id = ?)",
                       LAVROV, t, LAVROV, t)[0][0] for t in labels}
    assert max(expected.values()) > 0
    shown = _shown(at, "flt_topic")
    for topic, n in expected.items():
        assert f"{labels[topic]} ({n:,})" in shown, (topic, n, shown)


def test_with_an_official_chosen_each_country_shows_its_count(app_env, sql):
    at = _sidebar_with_lavrov()
    counts = dict(sql("SELECT speaker_country, count(*) FROM statements WHERE speaker_id = ? "
                      "AND speaker_country IS NOT NULL GROUP BY 1", LAVROV))
    for country, n in sql("SELECT c.country, count(DISTINCT a.event_id) FROM event_actors a JOIN event_actors b "
                          "ON b.event_id = a.event_id JOIN actors c ON c.id = b.actor_id WHERE a.actor_id = ? "
                          "AND c.country IS NOT NULL GROUP BY 1", LAVROV):
        counts[country] = counts.get(country, 0) + n
    shown = {m.group(1): int(m.group(2).replace(",", "")) for o in _shown(at, "flt_country")
             if (m := re.search(r"\(([A-Z]{2})\) \(([\d,]+)\)$", o))}
    assert counts and {c: shown.get(c) for c in counts} == counts
    assert not [c.value for c in at.sidebar.caption if "No counts" in c.value]


def test_a_frequent_search_shows_each_countrys_count(app_env, sql, monkeypatch):
    """A search with more hits than the rows are counted for (the cap lowered to 1: the bundled data is small) is
    counted from components.facetarrays: every country option carries its count, and no note says otherwise."""
    from components import facetarrays, facets

    monkeypatch.setattr(facets, "FACET_HITS_CAP", 1)
    calls, real = [], facetarrays.search_counts
    monkeypatch.setattr(facetarrays, "search_counts", lambda *a: calls.append(a) or real(*a))
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("timeline")
    at.query_params["q"] = "talks"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    match = "SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH '\"talks\"'"
    counts = dict(sql("SELECT speaker_country, count(*) FROM statements WHERE speaker_country IS NOT NULL "
                      f"AND rowid IN ({match.format(t='statements')}) GROUP BY 1"))
    for country, n in sql("SELECT c.country, count(DISTINCT e.id) FROM events e JOIN event_actors a ON a.event_id = e.id "
                          "JOIN actors c ON c.id = a.actor_id WHERE c.country IS NOT NULL "
                          f"AND e.rowid IN ({match.format(t='events')}) GROUP BY 1"):
        counts[country] = counts.get(country, 0) + n
    shown = {m.group(1): int(m.group(2).replace(",", "")) for o in _shown(at, "flt_country")
             if (m := re.search(r"\(([A-Z]{2})\) \(([\d,]+)\)$", o))}
    assert calls, "the counts came from the arrays"
    assert sum(counts.values()) > 10 and {c: shown.get(c) for c in counts} == counts
    assert not [c.value for c in at.sidebar.caption if "No counts" in c.value]


def test_a_range_with_partial_months_shows_each_countrys_count(app_env, sql, monkeypatch):
    """A date range starting and ending inside a month is counted from components.facetarrays: every country
    option carries the count plain SQL gives for that range (a quote's day, an event's span overlapping it)."""
    from components import facetarrays

    calls, real = [], facetarrays.search_counts
    monkeypatch.setattr(facetarrays, "search_counts", lambda *a: calls.append(a) or real(*a))
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("timeline")
    at.query_params["from"], at.query_params["to"] = "2024-12-08", "2025-11-20"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    counts = dict(sql("SELECT speaker_country, count(*) FROM statements WHERE speaker_country IS NOT NULL "
                      "AND date_start >= '2024-12-08' AND date_start <= '2025-11-20' GROUP BY 1"))
    for country, n in sql("SELECT c.country, count(DISTINCT e.id) FROM events e JOIN event_actors a ON a.event_id = e.id "
                          "JOIN actors c ON c.id = a.actor_id WHERE c.country IS NOT NULL "
                          "AND e.date_end >= '2024-12-08' AND e.date_start <= '2025-11-20' GROUP BY 1"):
        counts[country] = counts.get(country, 0) + n
    shown = {m.group(1): int(m.group(2).replace(",", "")) for o in _shown(at, "flt_country")
             if (m := re.search(r"\(([A-Z]{2})\) \(([\d,]+)\)$", o))}
    assert calls, "the counts came from the arrays"
    assert sum(counts.values()) > 10 and {c: shown.get(c) for c in counts} == counts


def test_the_server_loads_the_facet_arrays_at_start(app_env, monkeypatch):
    """app.py's start loads the served database's arrays: a date range with partial months then counts without
    loading anything."""
    import app
    from components import facetarrays, facets
    from components.filters import Filters

    facetarrays._LOADED.clear()
    app.load_facet_arrays()
    monkeypatch.setattr(facetarrays, "load_items", lambda *a: (_ for _ in ()).throw(AssertionError("loaded again")))
    got = facets.all_counts(app_env, Filters(date_from="2024-12-08", date_to="2025-11-20"))
    assert got["countries"] and got["topics"]
