"""The sidebar's officials list (issue 13, first view): with many officials it lists the most active ones and any
chosen, and the finder above it still finds everyone. The oracle is SQL on the same database file."""

from __future__ import annotations

import pytest

from components.views import state
from test_pages import ok, open_page, unmd

pytest_plugins = ["conftest_pages"]

TOP = 5


@pytest.fixture
def ranked(sql) -> list[tuple[str, str, int]]:
    """(id, name, statements + events) of every actor with an item, most active first (ties by id)."""
    rows = sql("""SELECT a.id, a.name,
                         (SELECT count(*) FROM statements s WHERE s.speaker_id = a.id)
                       + (SELECT count(*) FROM event_actors ea WHERE ea.actor_id = a.id) AS n
                  FROM actors a""")
    return sorted([r for r in rows if r[2] > 0], key=lambda r: (-r[2], r[0]))


def _option_ids(at, ranked) -> list[str]:
    """The ids behind the multiselect's option labels (each label starts with the actor's name and its count)."""
    by_name = {name: actor_id for actor_id, name, _ in ranked}
    return [by_name[label.split(" (")[0]] for label in at.sidebar.multiselect(key="flt_actor").options]


def test_a_small_dataset_lists_every_official_with_an_item(app_env, ranked):
    at = ok(open_page("timeline"))
    assert sorted(_option_ids(at, ranked)) == sorted(r[0] for r in ranked)
    assert not any("most active" in unmd(c.value) for c in at.sidebar.caption)


def test_many_officials_list_the_most_active_in_name_order_and_say_so(app_env, ranked, monkeypatch):
    monkeypatch.setattr(state, "OFFERED_ACTORS", TOP)
    at = ok(open_page("timeline"))
    top = {r[0] for r in ranked[:TOP]}
    names = {r[0]: r[1] for r in ranked}
    ids = _option_ids(at, ranked)
    assert set(ids) == top
    assert [names[i] for i in ids] == sorted(names[i] for i in ids)
    assert any(f"The list holds the {TOP} most active of {len(ranked):,}" in unmd(c.value) for c in at.sidebar.caption)


def test_the_finder_picks_an_official_outside_the_list_and_the_list_then_holds_them(app_env, ranked, monkeypatch, sql):
    monkeypatch.setattr(state, "OFFERED_ACTORS", TOP)
    quiet_id, quiet_name, _ = ranked[-1]
    at = ok(open_page("quotes"))
    assert quiet_id not in _option_ids(at, ranked)
    at.sidebar.text_input(key="flt_actor_find").input(quiet_name).run()
    ok(at)
    assert at.sidebar.multiselect(key="flt_actor").value == [quiet_id]
    assert quiet_id in _option_ids(at, ranked)
    assert at.query_params.get("actor") == [quiet_id] or at.query_params.get("actor") == quiet_id


def test_a_link_to_a_quiet_official_selects_them(app_env, ranked, monkeypatch):
    monkeypatch.setattr(state, "OFFERED_ACTORS", TOP)
    quiet_id = ranked[-1][0]
    at = ok(open_page("timeline", actor=quiet_id))
    assert at.sidebar.multiselect(key="flt_actor").value == [quiet_id]
    assert set(_option_ids(at, ranked)) == {r[0] for r in ranked[:TOP]} | {quiet_id}
