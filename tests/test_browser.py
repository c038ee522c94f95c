"""The dashboard in a real browser: Playwright drives Debian's Chromium against `streamlit run app.py`
on a free port, on the bundled data. What only a browser shows: the chart drawn, clicks on it, the
multiselect typed into, downloads, URLs copied into a fresh browser, screenshots.

Run alone with `pytest -m browser`; skip with `-m "not browser"`. Screenshots and downloaded files land in
test-artifacts/. `UPDATE_README_SCREENSHOTS=1` also rewrites docs/screenshots/{timeline,quotes}.png.
"""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import xml.etree.ElementTree as ET

import pytest
from browser_support import (
    full_page_screenshot,
    most_isolated,
    pdf_text,
    plot_points,
    streamlit_server,
)

from components import config

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

ARTIFACTS = config.ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DOWNLOADS = ARTIFACTS / "downloads"
README_SHOTS = config.ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT = 60_000  # ms; the first page of a session builds caches, kaleido starts Chromium on first export
TITLE = "Events and statements"  # the timeline chart's title (page text on screen, inside exported images)
SEED_QUOTE = "independent decision-making and full national sovereignty."
PAGES = {"timeline": "Syria–Russia relations, 1944 to today", "quotes": "Quotes", "officials": "Officials",
         "topics": "Topics", "about": "About the data"}


# --- fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(pages_db, tmp_path_factory) -> str:
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(pages_db, log) as url:
        yield url




class Problems(list):
    """JavaScript errors and failed requests seen by one browser context."""


def _watch(context, problems: Problems) -> None:
    # Sources are outside links; the test machine may have no internet. Answer them locally so a click
    # on one shows that the browser opened the right address, without depending on the network.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
                  lambda route: route.fulfill(status=200, content_type="text/html", body="<p>source</p>"))

    def on_page(page):
        page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and not msg.text.startswith("Failed to load resource")
                and problems.append(f"console: {msg.text}"))

        def on_response(resp):
            # Every 4xx/5xx counts, Streamlit's own `/<page>/_stcore/health` probe included (app.py's page
            # shell gives the frontend the app's root, so it never makes one).
            if resp.status >= 400:
                problems.append(f"HTTP {resp.status}: {resp.url}")
        page.on("response", on_response)
    context.on("page", on_page)


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def context(browser, problems):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    _watch(ctx, problems)
    yield ctx
    ctx.close()
    assert not problems, problems


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="module")
def db(pages_db):
    conn = sqlite3.connect(f"file:{pages_db}?mode=ro", uri=True)
    yield conn
    conn.close()


# --- helpers --------------------------------------------------------------------------------------------

def settle(page) -> None:
    """Wait until the script run the last action started has finished."""
    page.wait_for_timeout(150)  # a rerun may take a moment to flip the state to 'running'
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=TIMEOUT)


def open_app(page, base: str, path: str = "", query: str = "") -> None:
    page.goto(f"{base}/{path}" + (f"?{query}" if query else ""))
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    settle(page)
    first_view_done(page)
    assert_no_exception(page)


def first_view_done(page) -> None:
    """On the Timeline's first view with the warm-up's image (components/views/firstview.py), the run that the
    image's script asks for, which sends the plot, has finished and the plot has replaced the image: as a reader
    sees the page before acting (a click within that moment would act on the first run's widgets)."""
    page.wait_for_function("() => !document.querySelector('.first-image')", timeout=TIMEOUT, polling=100)
    settle(page)
    # and the activity and tone plots that follow the timeline's (their fragment's rerun, clicked by a script)
    page.wait_for_function("() => !document.querySelector('.st-key-tl_draw_later_box button')", timeout=TIMEOUT,
                           polling=100)
    settle(page)


def assert_no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()[:2000]


def href(page) -> str:
    return page.evaluate("location.href")


def wait_for_url(page, *parts: str) -> str:
    page.wait_for_function("(parts) => parts.every(p => location.href.includes(p))", arg=list(parts),
                           timeout=TIMEOUT)
    return href(page)


def counts_line(page) -> str:
    loc = page.locator('[data-testid="stMarkdown"]').filter(has_text=re.compile(r"\d+ events and \d+ statements"))
    expect(loc).to_have_count(1, timeout=TIMEOUT)
    return loc.inner_text().strip()


def quote_count(page) -> int:
    loc = page.locator('[data-testid="stMarkdown"]').filter(has_text=re.compile(r"\d+ quote\(s\)"))
    expect(loc).to_have_count(1, timeout=TIMEOUT)
    return int(re.search(r"([\d,]+) quote\(s\)", loc.inner_text()).group(1).replace(",", ""))


def sidebar_multiselect(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)


def pick(page, label: str, typed: str, option: str) -> None:
    """Type into a sidebar multiselect and choose one option, as a user does."""
    box = sidebar_multiselect(page, label)
    box.locator("input").click()
    box.locator("input").press_sequentially(typed, delay=20)
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).click()
    page.keyboard.press("Escape")
    settle(page)


def drawn_points(page, chart_index: int = 0) -> list[dict]:
    """The markers of one chart once Plotly has drawn them (the svg exists before its traces do)."""
    page.wait_for_function(
        """(i) => { const g = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[i];
                    return g && g.querySelector('.cartesianlayer .subplot.xy .scatterlayer path.point'); }""",
        arg=chart_index, timeout=TIMEOUT)
    settle(page)
    # A warm server draws the chart before the web font has loaded: its swap moves the page by a few pixels.
    page.evaluate("document.fonts.ready.then(() => true)")
    points = plot_points(page, chart_index)
    for _ in range(20):  # until two readings 250 ms apart agree (a click at a stale position misses)
        page.wait_for_timeout(250)
        again = plot_points(page, chart_index)
        if again == points:
            break
        points = again
    return points


def ids(db, statement: str, *params) -> set[str]:
    return {r[0] for r in db.execute(statement, params)}


# --- tests ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_and_is_screenshotted(page, server, name):
    open_app(page, server, "" if name == "timeline" else name)
    expect(page.locator("h1").first).to_have_text(PAGES[name])
    nav = page.locator('[data-testid="stSidebarNav"] a')
    expect(nav).to_have_count(len(PAGES))
    charts = page.locator('[data-testid="stPlotlyChart"]')
    if name == "timeline":
        assert drawn_points(page)
        expect(charts).to_have_count(3, timeout=TIMEOUT)  # activity and tone follow once the timeline is drawn
    for i in range(charts.count()):  # Plotly draws after the script run ends; wait for every chart
        charts.nth(i).scroll_into_view_if_needed()
        expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=TIMEOUT)
    if name == "quotes":
        expect(page.locator(".quote-card").first).to_be_visible()
    if name == "about":
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(5)
    full_page_screenshot(page, SCREENSHOTS / f"{name}.png")
    assert (SCREENSHOTS / f"{name}.png").stat().st_size > 20_000
    assert_no_exception(page)


def test_timeline_chart_is_drawn(page, server, db):
    open_app(page, server)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".chart-title").first).to_contain_text(TITLE)
    expect(chart.locator(".modebar")).to_have_count(1)  # the Plotly toolbar stays
    points = drawn_points(page)
    drawn_events = {p["custom"][0] for p in points if p["custom"] and p["custom"][1] == "event"}
    drawn_statements = {p["custom"][0] for p in points if p["custom"] and p["custom"][1] == "statement"}
    assert drawn_events == ids(db, "SELECT id FROM events")
    assert drawn_statements == ids(db, "SELECT id FROM statements WHERE said_on IS NOT NULL")
    box = chart.bounding_box()
    inside = [p for p in points if box["x"] <= p["x"] <= box["x"] + box["width"]
              and box["y"] <= p["y"] <= box["y"] + box["height"]]
    assert len(inside) == len(points), "every marker is drawn inside the chart"
    # The activity and barometer charts below it are drawn too, once the timeline is (views/firstview.py).
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(3, timeout=TIMEOUT)
    expect(page.locator(".chart-later")).to_have_count(0)
    for i in (1, 2):
        expect(page.locator('[data-testid="stPlotlyChart"]').nth(i).locator(".main-svg").first).to_be_attached(
            timeout=TIMEOUT)


def test_filtering_by_lavrov_through_the_ui_leaves_only_his_quotes(page, server, db):
    open_app(page, server, "quotes")
    total = quote_count(page)
    pick(page, "Officials and actors", "Lavrov", "Sergey Lavrov")
    expected = len(ids(db, "SELECT id FROM statements WHERE speaker_id = 'sergey-lavrov'"))
    expect(page.locator('[data-testid="stMarkdown"]').filter(has_text="quote(s)")).to_contain_text(
        f"{expected} quote(s)", timeout=TIMEOUT)
    assert 0 < quote_count(page) == expected < total
    speakers = page.locator(".quote-card .quote-meta > b").all_inner_texts()
    assert speakers and set(speakers) == {"Sergey Lavrov"}
    assert "actor=sergey-lavrov" in wait_for_url(page, "actor=sergey-lavrov")
    expect(sidebar_multiselect(page, "Officials and actors")).to_contain_text("Sergey Lavrov")


def test_searching_sovereignty_finds_the_seed_quote_highlighted(page, server, db):
    open_app(page, server, "quotes")
    box = page.get_by_label("Search quotes")
    box.fill("sovereignty")
    box.press("Enter")
    wait_for_url(page, "q=sovereignty")
    settle(page)
    expected = len(ids(db, "SELECT rowid FROM statements_fts WHERE statements_fts MATCH '\"sovereignty\"'"))
    assert quote_count(page) == expected
    card = page.locator(".quote-card").filter(has_text=SEED_QUOTE)
    expect(card.first).to_be_visible(timeout=TIMEOUT)
    expect(card.first.locator(".quote-text mark")).to_have_text(re.compile("^sovereignty$", re.IGNORECASE))
    cards = page.locator('[data-testid="stMain"] .quote-card')
    for i in range(cards.count()):
        expect(cards.nth(i).locator("mark").first).to_be_visible()


def _events_with_a_web_source(db) -> set[str]:
    return ids(db, """SELECT e.id FROM events e WHERE EXISTS (SELECT 1 FROM event_sources es
        JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id AND s.url LIKE 'http%')""")


def _check_detail(page, context, db, event_id: str) -> None:
    title = db.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()[0]
    panel = page.locator(".st-key-tl_detail")
    expect(panel).to_be_visible(timeout=TIMEOUT)
    expect(panel.locator("h3").first).to_have_text(title)
    assert_no_exception(page)
    link = panel.locator(".event-source a").first
    url = link.get_attribute("href")
    assert url.startswith(("http://", "https://"))
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in (link.get_attribute("rel") or "")
    with context.expect_page(timeout=TIMEOUT) as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.rstrip("/") == url.rstrip("/"), "the link opens its source in a new tab"
    tab.close()


def test_clicking_an_event_marker_opens_its_detail_with_a_source_link(page, context, server, db):
    open_app(page, server)
    points = drawn_points(page)
    good = _events_with_a_web_source(db)
    candidates = [p for p in points if p["custom"] and p["custom"][1] == "event" and p["custom"][0] in good]
    assert candidates
    target = most_isolated(points, candidates)
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    event_id = target["custom"][0]
    wait_for_url(page, f"event={event_id}")
    settle(page)
    _check_detail(page, context, db, event_id)


def test_an_event_url_opens_its_detail(page, context, server, db):
    event_id = min(_events_with_a_web_source(db))
    open_app(page, server, query=f"event={event_id}")
    _check_detail(page, context, db, event_id)


def test_a_copied_url_reproduces_the_view_in_a_fresh_browser(page, browser, server, db, problems):
    open_app(page, server)
    everything = counts_line(page)
    pick(page, "Topics", "bases", "Russian military bases and presence")
    pick(page, "Countries", "Russia", "Russia (RU)")
    page.locator('[data-testid="stRadio"]').filter(has_text="Lanes").get_by_text("Actor", exact=True).click()
    url = wait_for_url(page, "topic=bases", "country=RU", "lanes=actor")
    settle(page)
    view = counts_line(page)
    assert view != everything
    widgets = {label: sidebar_multiselect(page, label).inner_text() for label in ("Topics", "Countries")}

    fresh = browser.new_context(viewport=VIEWPORT)
    _watch(fresh, problems)
    try:
        other = fresh.new_page()
        open_app(other, url.split("/?")[0].rstrip("/"), query=url.split("?", 1)[1])
        assert counts_line(other) == view
        for label, text in widgets.items():
            assert sidebar_multiselect(other, label).inner_text() == text
        lanes = other.locator('[data-testid="stRadio"]').filter(has_text="Lanes")
        expect(lanes.get_by_role("radio", name="Actor")).to_be_checked()
        assert href(other) == url, "opening the URL does not rewrite it"
        assert drawn_points(other), "the chart is drawn in the fresh browser"
    finally:
        fresh.close()


def test_filters_and_search_survive_the_sidebar_navigation(page, server, db):
    open_app(page, server)
    pick(page, "Officials and actors", "Lavrov", "Sergey Lavrov")
    box = page.locator('[data-testid="stSidebar"]').get_by_label("Search text")
    box.fill("sovereignty")
    box.press("Enter")
    wait_for_url(page, "actor=sergey-lavrov", "q=sovereignty")
    settle(page)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Quotes").click()
    expect(page.locator("h1").first).to_have_text("Quotes", timeout=TIMEOUT)
    settle(page)
    expect(page.get_by_label("Search quotes")).to_have_value("sovereignty")
    expected = len(ids(db, """SELECT id FROM statements WHERE speaker_id = 'sergey-lavrov' AND rowid IN
        (SELECT rowid FROM statements_fts WHERE statements_fts MATCH '"sovereignty"')"""))
    assert quote_count(page) == expected > 0
    assert set(page.locator(".quote-card .quote-meta > b").all_inner_texts()) == {"Sergey Lavrov"}
    wait_for_url(page, "/quotes", "actor=sergey-lavrov", "q=sovereignty")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_chart_downloads_are_valid_png_svg_and_pdf(page, server):
    open_app(page, server)
    panel = page.locator('[data-testid="stExpander"]').filter(has_text="Download this chart (timeline)")
    panel.locator("summary").click()
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    files = {}
    for fmt in ("PNG", "SVG", "PDF"):
        button = panel.get_by_role("button", name=f"⬇ {fmt}")
        expect(button).to_be_enabled(timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:
            button.click()
        d = download.value
        assert d.failure() is None
        assert d.suggested_filename.startswith("syria-russia-timeline-") and d.suggested_filename.endswith(
            f".{fmt.lower()}")
        target = DOWNLOADS / d.suggested_filename
        d.save_as(target)
        files[fmt] = target.read_bytes()
    width, height = _png_size(files["PNG"])
    assert width >= 1000 and height >= 400
    svg = ET.fromstring(files["SVG"])
    assert svg.tag.endswith("svg")
    svg_text = " ".join(t.strip() for t in svg.itertext() if t.strip())
    assert TITLE in svg_text and "Sources:" in svg_text
    assert files["PDF"].startswith(b"%PDF-")
    assert files["PDF"].rstrip().endswith(b"%%EOF")
    text = pdf_text(files["PDF"])
    assert TITLE in text and "Sources:" in text, text[:500]
    assert_no_exception(page)


def test_readme_screenshots(page, server):
    """The Timeline and the Quotes page (searching 'sovereignty') at 1400x1000, as the README shows them."""
    out = README_SHOTS if os.environ.get("UPDATE_README_SCREENSHOTS") == "1" else ARTIFACTS / "readme"
    out.mkdir(parents=True, exist_ok=True)
    open_app(page, server)
    drawn_points(page)
    page.mouse.move(5, 5)  # no hover label in the picture
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / "timeline.png"))
    open_app(page, server, "quotes", "q=sovereignty")
    expect(page.locator(".quote-card mark").first).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(out / "quotes.png"))
    for name in ("timeline", "quotes"):
        assert _png_size((out / f"{name}.png").read_bytes()) == (1400, 1000)
