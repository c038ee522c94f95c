"""The server as scripts/run.sh starts it (`streamlit run app.py`), in Debian's Chromium: opened directly on
a sub-page, the frontend asks the app's root for its health and host config (no `/<page>/_stcore/…` 404s in
the console, streamlit/streamlit#7074), the page works, and the warm-up at start ran the default page."""

from __future__ import annotations

import re

import pytest

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

TIMEOUT = 60_000
# The Timeline is the default page: its URL is the root ("/timeline" is not a page URL in Streamlit).
HEADINGS = {"": "Syria–Russia relations, 1944 to today", "quotes": "Quotes", "officials": "Officials",
            "topics": "Topics", "about": "About the data"}


@pytest.mark.parametrize("path", list(HEADINGS), ids=lambda p: p or "root")
def test_a_sub_page_opened_directly_makes_no_failed_request(browser, served, path):
    url, _ = served
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    failed, core, console = [], [], []
    try:
        page = ctx.new_page()
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        page.on("request", lambda r: "/_stcore/" in r.url and core.append(r.url))
        page.on("console", lambda m: m.type == "error" and console.append(m.text))
        page.goto(f"{url}/{path}")
        expect(page.locator("h1").first).to_have_text(HEADINGS[path], timeout=TIMEOUT)
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=TIMEOUT)
    finally:
        ctx.close()
    assert failed == [] and console == [], (failed, console)
    assert f"{url}/_stcore/health" in core
    assert not [u for u in core if path and re.search(rf"/{path}/_stcore/", u)], core


def test_the_server_ran_the_default_page_once_before_taking_visitors(served):
    _, log = served
    text = log.read_text(errors="replace")
    assert re.search(r"Warm-up: the default page ran once in [\d.]+ s .*: FINISHED_SUCCESSFULLY$", text, re.M), text
