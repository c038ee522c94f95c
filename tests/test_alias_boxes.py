"""Every official/actor box finds people by any alias, in any script, with or without 'al-' (one matcher:
components.matching): the sidebar (tests/test_pages.py), the Officials page and the Review page."""

from __future__ import annotations

import pytest

from components import review
from test_pages import ok, open_page
from test_review import ARTICLE, _pending_item, _review_page, workspace  # noqa: F401 (fixture)

pytest_plugins = ["conftest_pages"]

SPELLINGS = [("Sharaa", "ahmed-al-sharaa"), ("al-Sharaa", "ahmed-al-sharaa"), ("Jolani", "ahmed-al-sharaa"),
             ("الشرع", "ahmed-al-sharaa"), ("Lavrov", "sergey-lavrov"), ("Лавров", "sergey-lavrov")]


@pytest.mark.parametrize("typed, official", SPELLINGS)
def test_the_officials_page_box_finds_any_spelling(app_env, typed, official):
    at = ok(open_page("officials"))
    at.text_input(key="of_find").input(typed).run()
    assert at.selectbox(key="of_official").value == official
    assert at.query_params["official"] == official


@pytest.mark.parametrize("typed, official", [("Jolani", "ahmed-al-sharaa"), ("الشرع", "ahmed-al-sharaa"),
                                             ("Sergei Lavrov", "sergey-lavrov")])
def test_the_review_page_box_sets_the_speaker(workspace, monkeypatch, typed, official):  # noqa: F811
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    at = _review_page(workspace, monkeypatch)
    at.selectbox(key="rv_item").set_value(item["id"]).run()
    at.text_input(key="rv_find").input(typed).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key=f"rv_speaker_{item['id']}").value == official
