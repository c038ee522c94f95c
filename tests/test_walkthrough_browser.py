"""The real-browser walk-through of issue 14, as tests: what only Debian's Chromium shows. Clicks that open the
detail in view, a statement marker, a table row; the layout at 1440, 1280 and 390 px (no overlaps, nothing
clipped, no sideways scrolling on a phone); solid range-slider handles; an exported image that says what it
shows. The walk-through screenshots of the five pages at the three widths land in test-artifacts/walkthrough/
(and in docs/screenshots/ with UPDATE_README_SCREENSHOTS=1).
"""

from __future__ import annotations

import os
import re

import pytest
from browser_support import full_page_screenshot, most_isolated, pdf_text, streamlit_server
from test_browser import PAGES, TIMEOUT, _watch, assert_no_exception, drawn_points, open_app, settle

from components import config

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = pytest.mark.browser

WIDTHS = (1440, 1280, 390)
SHOTS = (config.ROOT / "docs" / "screenshots" if os.environ.get("UPDATE_README_SCREENSHOTS") == "1"
         else config.ROOT / "test-artifacts" / "walkthrough")


@pytest.fixture(scope="module")
def server(pages_db, tmp_path_factory) -> str:
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(pages_db, log) as url:
        yield url


def new_page(browser, width: int, problems: list):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    _watch(ctx, problems)
    return ctx, ctx.new_page()


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("innerHeight")
    return box is not None and box["y"] < height and box["y"] + min(box["height"], 80) > 0


def boxes_overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def _shrink(path) -> None:
    """A 256-colour PNG: the same picture at about a third of the bytes, for docs/screenshots/."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


@pytest.fixture
def problems():
    found = []
    yield found
    assert not found, found  # every 4xx/5xx, Streamlit's /<page>/_stcore probes included (app.py)


def test_clicking_a_statement_marker_opens_that_statement_in_view(browser, server, problems):
    ctx, page = new_page(browser, 1280, problems)
    try:
        open_app(page, server)
        points = drawn_points(page)
        statements = [p for p in points if p["custom"] and p["custom"][1] == "statement"]
        target = most_isolated(points, statements)
        page.mouse.click(target["x"], target["y"])
        panel = page.locator(".st-key-tl_detail")
        expect(panel).to_be_visible(timeout=TIMEOUT)
        expect(panel.locator(f".quote-card[data-statement-id='{target['custom'][0]}']")).to_be_visible()
        page.wait_for_function("() => { const r = document.querySelector('.st-key-tl_detail')"
                               ".getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }",
                               timeout=TIMEOUT)
        assert in_view(page, panel), "the panel is scrolled into view, not left below the fold"
        assert_no_exception(page)
    finally:
        ctx.close()


def test_clicking_an_event_scrolls_its_detail_into_view(browser, server, problems):
    ctx, page = new_page(browser, 1280, problems)
    try:
        open_app(page, server)
        points = drawn_points(page)
        events = [p for p in points if p["custom"] and p["custom"][1] == "event"]
        target = most_isolated(points, events)
        page.mouse.click(target["x"], target["y"])
        panel = page.locator(".st-key-tl_detail")
        expect(panel).to_be_visible(timeout=TIMEOUT)
        page.wait_for_function("() => { const r = document.querySelector('.st-key-tl_detail')"
                               ".getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }",
                               timeout=TIMEOUT)
        assert in_view(page, panel)
    finally:
        ctx.close()


def test_a_row_of_the_events_table_opens_that_event(browser, server, problems, pages_db):
    import sqlite3

    ctx, page = new_page(browser, 1280, problems)
    try:
        open_app(page, server)
        table = page.locator('[data-testid="stExpander"]').filter(has_text="Table of these")
        table.locator("summary").click()
        grid = table.locator('[data-testid="stDataFrame"]')
        expect(grid).to_be_visible(timeout=TIMEOUT)
        settle(page)
        # the grid mounts when the expander opens (it is built then) and draws its frame before its rows: click
        # once its rows are there (the grid's own accessible table lists them) and it has stopped moving
        expect(grid.locator('[role="row"]').nth(1)).to_be_attached(timeout=TIMEOUT)
        page.wait_for_function("""(el) => { const r = el.getBoundingClientRect(), k = `${r.x},${r.y},${r.height}`;
                                   const same = el.dataset.box === k; el.dataset.box = k; return same && r.height > 60; }""",
                               arg=grid.element_handle(), polling=250, timeout=TIMEOUT)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection cell, below the header
        settle(page)
        with sqlite3.connect(f"file:{pages_db}?mode=ro", uri=True) as conn:
            first = conn.execute("SELECT title FROM events ORDER BY date_start, id LIMIT 1").fetchone()[0]
        expect(page.locator(".st-key-tl_detail h3").first).to_have_text(first, timeout=TIMEOUT)
    finally:
        ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_layout_has_no_overlaps_or_clipping(browser, server, problems, width):
    ctx, page = new_page(browser, width, problems)
    try:
        open_app(page, server)
        drawn_points(page)
        title = page.locator(".chart-title").first.bounding_box()
        legend = page.locator(".chart-legend").first.bounding_box()
        plot = page.locator('[data-testid="stPlotlyChart"] .cartesianlayer').first.bounding_box()
        assert title["y"] + title["height"] <= legend["y"] + 1, "the title sits above the legend"
        assert not boxes_overlap(legend, plot) and not boxes_overlap(title, plot)
        assert plot["height"] > 250, "the plot keeps a usable height"
        clipped = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stButtonGroup"] button')]
            .filter(b => { const r = b.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < 0; })
            .map(b => b.innerText)""")
        assert not clipped, f"quick-range buttons cut off: {clipped}"
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, "no sideways scrolling"
        caption = page.locator(".chart-caption").first.bounding_box()
        slider = page.locator('[data-testid="stPlotlyChart"] .rangeslider-container').first.bounding_box()
        assert caption["y"] >= slider["y"] + slider["height"] - 1, "the caption is below the range slider"
        handle = page.evaluate("""() => getComputedStyle(document.querySelector('.rangeslider-handle-min')).fill""")
        assert handle not in ("none", "rgb(255, 255, 255)"), "range-slider handles are solid bars, not boxes"
        if width >= 1000:  # the sidebar is open: each date box shows its whole placeholder, yyyy-mm-dd
            cut = page.evaluate("""() => [...document.querySelectorAll(
                '[data-testid="stSidebar"] [data-testid="stDateInput"] [role="group"]')].map(g => {
                const r = g.getBoundingClientRect();
                return [...g.querySelectorAll('[role="spinbutton"]')].some(s => s.getBoundingClientRect().right >
                r.right + 1); })""")
            assert cut == [False, False], "the From and To boxes show a whole date"
    finally:
        ctx.close()


def test_exported_pdf_says_what_it_shows(browser, server, problems):
    ctx, page = new_page(browser, 1440, problems)
    try:
        open_app(page, server, query="topic=bases&range=2024-12")
        panel = page.locator('[data-testid="stExpander"]').filter(has_text="Download this chart (timeline)")
        panel.locator("summary").click()
        button = panel.get_by_role("button", name="⬇ PDF")
        expect(button).to_be_enabled(timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:
            button.click()
        text = " ".join(pdf_text(open(download.value.path(), "rb").read()).split())
        assert "Events and statements: from 2024-12-08; topics: Russian military bases and presence" in text, text[:400]
        assert "from 2024-12-08" in text and "Shown: 2024-12-08" in text
        assert "listed in the data download" in text
    finally:
        ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_walkthrough_of_the_five_pages(browser, server, problems, width):
    """Every page at this width: drawn, no exception, no sideways scrolling; a full-page screenshot."""
    ctx, page = new_page(browser, width, problems)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for name, heading in PAGES.items():
            open_app(page, server, "" if name == "timeline" else name)
            expect(page.locator("h1").first).to_have_text(heading)
            charts = page.locator('[data-testid="stPlotlyChart"]')
            if name == "timeline":  # activity and tone follow once the timeline is drawn (views/firstview.py)
                expect(charts).to_have_count(3, timeout=TIMEOUT)
            for i in range(charts.count()):
                charts.nth(i).scroll_into_view_if_needed()
                expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=TIMEOUT)
            page.mouse.move(1, 1)
            page.wait_for_function("() => !document.querySelector('[data-testid*=\"Skeleton\"]')", timeout=TIMEOUT)
            page.wait_for_timeout(1500)  # grids and charts finish drawing after the script run
            assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 1, name
            raw = page.locator('[data-testid="stMain"]').inner_text()
            assert not re.search(r"· nan\b|\bNone\b|unknown–unknown", raw), (name, re.findall(r".{30}(?:nan|None).{10}", raw))
            shot = SHOTS / f"{name}-{width}.png"
            full_page_screenshot(page, shot, width=width)
            _shrink(shot)
            assert_no_exception(page)
    finally:
        ctx.close()
