"""In Chromium: the Timeline chart follows a filter change. The screen figure carries a datarevision
(components/screen.py) so Plotly draws it once per figure; a new figure must still be drawn (a revision that
did not change with the data would leave the old markers on screen)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from browser_support import plot_points, streamlit_server

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
DRAWN_EVENTS_JS = """() => { const g = document.querySelector('.st-key-tl_chart .js-plotly-plot');
  if (!g || !g.querySelector('.scatterlayer path.point')) return null;
  return g._fullData.flatMap(t => (t.customdata || []).filter(c => c && c[1] === 'event').map(c => c[0])).sort(); }"""


@pytest.fixture(scope="module")
def server(pages_db, tmp_path_factory) -> str:
    with streamlit_server(pages_db, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


def test_a_quick_range_redraws_the_timeline_with_only_its_events(browser, server, pages_db):
    with sqlite3.connect(pages_db) as db:
        dates = dict(db.execute("SELECT id, COALESCE(date_end, date_start) FROM events"))  # overlapping the range
    assert any(d >= "2024-12-08" for d in dates.values()) and any(d < "2024-12-08" for d in dates.values())
    every = json.dumps(sorted(dates), separators=(",", ":"))
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(server)
        page.wait_for_function(f"(want) => JSON.stringify(({DRAWN_EVENTS_JS})()) === want", arg=every, timeout=TIMEOUT)
        page.get_by_text("Since the fall of Assad").first.click()
        page.wait_for_function(f"(old) => {{ const now = ({DRAWN_EVENTS_JS})(); return now && JSON.stringify(now) !== old; }}",
                               arg=every, timeout=TIMEOUT)
        page.wait_for_timeout(500)
        drawn = {p["custom"][0] for p in plot_points(page) if p["custom"] and p["custom"][1] == "event"}
        assert drawn, "the new range's events are drawn"
        assert all(dates[i] >= "2024-12-08" for i in drawn), "no marker left from before the range"
    finally:
        context.close()
