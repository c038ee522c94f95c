"""Hostile text in a real browser: `streamlit run dashboard.py` on the hostile fixture database, Debian's Chromium
through Playwright. On every page: no dialog fires, no element injected by the data appears (no <img src=x>, no
<script> running alert, no on* attribute, no javascript: link, no request to the Markdown image's address), the
hostile strings are on screen as text, and every outside link is http(s).

Run alone with `pytest tests/test_hostile_browser.py`; part of `-m browser`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import streamlit_server
from hostile_text import ARABIC, ENTITY, HOSTILE_EVENT, IMG, LONG_WORD, MD_IMG, MD_LINK, SCRIPT

from components.store import build

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

HOSTILE_DATA = Path(__file__).parent / "fixtures" / "hostile"
TIMEOUT = 60_000
VIEWPORT = {"width": 1400, "height": 1000}

# page -> (query, strings that must be visible as text in the main area)
PAGES = {
    "timeline": (f"event={HOSTILE_EVENT}", [
        f"{SCRIPT} {IMG} {MD_LINK} {MD_IMG}",          # title (Markdown subheader)
        LONG_WORD,                                       # disputed note (st.warning), whole
        f"Summary {IMG} with [a link](javascript:alert(1)) and {ARABIC}",   # summary (st.html)
        f"{SCRIPT}ville",                                # location
        f"{IMG} evidence", f"{MD_IMG} evidence",         # evidence
        "&lt;b&gt;not bold&lt;/b&gt;",                   # a source title that spells entities
        f"{SCRIPT} Times",                               # the publisher whose URL is refused
        f"“{SCRIPT} & {IMG}”",                           # the quote card
    ]),
    "quotes": ("q=alert", [f"“{SCRIPT} & {IMG}”", f"{IMG} unnamed", f"{MD_LINK} spokesman", ARABIC]),
    "officials": ("official=hostile-actor", [f"{IMG} Evil 🇸🇾 Actor", f"“{SCRIPT} & {IMG}”"]),
    "topics": ("topic=hostile", []),
    "about": ("", []),
}

INJECTED_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const bad = [];
  document.querySelectorAll('img[src="x"], img[src*="127.0.0.1:9"], image[href="x"], iframe, object, embed')
    .forEach(e => bad.push(e.outerHTML.slice(0, 200)));
  document.querySelectorAll('script').forEach(s => {
    if ((s.textContent || '').includes('alert(')) bad.push(s.outerHTML.slice(0, 200));
  });
  document.querySelectorAll('*').forEach(e => {
    for (const a of e.attributes) {
      if (/^on/i.test(a.name) && /alert/.test(a.value)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
      if (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /^\\s*(javascript:|vbscript:|data:text)/i.test(a.value))
        bad.push(e.tagName + ' ' + a.name + '=' + a.value.slice(0, 80));
    }
  });
  const links = [...main.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .filter(h => !h.startsWith('#') && !h.startsWith('/') && !h.startsWith(location.origin));
  return {bad, links};
}
"""


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile_browser")
    db = base / "timeline.db"
    build(HOSTILE_DATA, db)
    return db


@pytest.fixture(scope="module")
def server(hostile_db, tmp_path_factory) -> str:
    log = tmp_path_factory.mktemp("hostile_server") / "server.log"
    with streamlit_server(hostile_db, log) as url:
        yield url




class Watch:
    """Everything that would show the data escaped its text: dialogs, outside requests, page errors."""

    def __init__(self):
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def watched(browser):
    w = Watch()
    ctx = browser.new_context(viewport=VIEWPORT)

    def route(r):
        w.outside.append(r.request.url)
        r.fulfill(status=204, body="")
    ctx.route(re.compile(r"^(?!https?://127\.0\.0\.1:\d+/(?!x\.png)).*"), route)
    page = ctx.new_page()

    def on_dialog(d):
        w.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: w.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and "Failed to load resource" not in msg.text
            and w.errors.append(f"console: {msg.text}"))
    yield page, w
    ctx.close()


def settle(page) -> None:
    page.wait_for_timeout(150)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=TIMEOUT)


def open_app(page, base: str, path: str, query: str) -> None:
    # The timeline is the default page, served at '/' ('/timeline' would be Streamlit's "page not found").
    page.goto(f"{base}/{'' if path == 'timeline' else path}" + (f"?{query}" if query else ""))
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    settle(page)
    page.wait_for_timeout(800)   # let Plotly draw and any injected handler get its chance to fire
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()[:2000]


def assert_inert(page, w: Watch) -> dict:
    found = page.evaluate(INJECTED_JS)
    assert w.dialogs == [], w.dialogs
    assert found["bad"] == [], found["bad"]
    # outside links are http(s) only; inside links open an event on the timeline or a quote's own page
    assert all(re.match(r"^https?://", h) or re.fullmatch(r"(timeline\?event|quotes\?quote)=[\w%.~-]+", h)
               for h in found["links"]), found["links"]
    assert [u for u in w.outside if "127.0.0.1:9/" in u or u.startswith("javascript")] == [], w.outside
    assert w.errors == [], w.errors
    return found


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_inert_and_visible_on_every_page(server, watched, path):
    page, w = watched
    query, visible = PAGES[path]
    open_app(page, server, path, query)
    main = page.locator('[data-testid="stMain"]')
    # st.html blocks can land a moment after the run ends on a busy machine: wait for each string.
    for text in visible:
        expect(main, f"{text[:80]!r} not shown as text on /{path}").to_contain_text(text, timeout=TIMEOUT)
    if path in ("topics", "officials", "timeline"):
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(300)
    assert_inert(page, w)


def test_event_detail_links_only_to_the_http_source(server, watched):
    page, w = watched
    open_app(page, server, "timeline", f"event={HOSTILE_EVENT}")
    page.locator(".event-source a[href]").first.wait_for(timeout=TIMEOUT)
    found = assert_inert(page, w)
    assert "https://example.org/hostile-article" in found["links"]
    hrefs = page.eval_on_selector_all(".event-source a[href]", "els => els.map(e => e.getAttribute('href'))")
    # the attack spelled with percent-escapes is an ordinary, inert http(s) link
    assert sorted(hrefs) == ["https://example.org/a%22onmouseover=%22alert(1)%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
                             "https://example.org/hostile-article"], hrefs


def test_a_five_thousand_character_word_wraps_instead_of_widening_the_page(server, watched):
    page, _ = watched
    open_app(page, server, "timeline", f"event={HOSTILE_EVENT}")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(LONG_WORD, timeout=TIMEOUT)
    widths = page.evaluate("""() => {
        const m = document.querySelector('[data-testid="stMain"]');
        return {scroll: m.scrollWidth, client: m.clientWidth, doc: document.documentElement.scrollWidth,
                win: window.innerWidth};
    }""")
    assert widths["scroll"] <= widths["client"] + 2 and widths["doc"] <= widths["win"] + 2, widths


def test_hostile_search_typed_into_the_quotes_box_is_inert(server, watched):
    page, w = watched
    open_app(page, server, "quotes", "")
    box = page.get_by_label("Search quotes")
    box.fill(f"{SCRIPT} {IMG} {MD_LINK}")
    box.press("Enter")
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(f'search: "{SCRIPT} {IMG} {MD_LINK}"', timeout=TIMEOUT)
    page.locator(".quote-card mark").first.wait_for(timeout=TIMEOUT)   # the hostile words searched as words
    assert_inert(page, w)


def test_charts_draw_hostile_labels_as_text(server, watched):
    page, w = watched
    open_app(page, server, "topics", "")
    page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT)
    page.locator(".chart-legend .lg-item").first.wait_for(timeout=TIMEOUT)
    assert_inert(page, w)
    # the on-screen legend is page text beside the plot (views/chartview.py); hostile names stay text there
    legend = page.eval_on_selector_all(".chart-legend .lg-item", "els => els.map(e => e.textContent)")
    assert f"{SCRIPT} topic" in legend, legend




def test_html_entities_in_markdown_rendered_text_stay_literal(server, watched):
    page, _ = watched
    open_app(page, server, "timeline", f"event={HOSTILE_EVENT}")
    title = page.locator('[data-testid="stVerticalBlockBorderWrapper"] h3, .st-key-tl_detail h3').first.inner_text()
    assert ENTITY in title, title
