"""The first view's image in Debian's Chromium (issue 13, first chart): the server as scripts/run.sh starts it draws
the default view as an image while it warms up; a first visit paints that image in the chart's place before the
interactive chart, which then takes exactly its place, and the image goes."""

from __future__ import annotations

import io
import json
import re

import pytest

from components import charts, figures
from components.filters import Filters
from components.views import firstview

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

TIMEOUT = 90_000

# when each thing was first seen, in the page's own clock (a poll on every animation frame)
MARKS = """
window.__marks = {};
const mark = (k) => { if (!(k in window.__marks)) window.__marks[k] = performance.now(); };
const poll = () => {
  const img = document.querySelector('.first-image img');
  if (img && img.complete && img.naturalWidth > 0) mark('image');
  const gd = document.querySelector('.st-key-tl_chart .js-plotly-plot');
  if (gd && gd._fullData && (gd.querySelector('.scatterlayer .point') || gd.querySelector('canvas.gl-canvas-context'))) {
    mark('drawn');
    if (document.querySelector('.first-image')) mark('image_still_there_when_drawn');
  }
  if (!('gone' in window.__marks) && 'drawn' in window.__marks && !document.querySelector('.first-image')) mark('gone');
  requestAnimationFrame(poll);
};
requestAnimationFrame(poll);
"""

RECTS = """() => {
  const r = (sel) => { const e = document.querySelector(sel); if (!e) return null;
                       const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; };
  return {box: r('.st-key-tl_chart_box'), plot: r('.st-key-tl_chart_box .main-svg'), image: r('.first-image img')};
}"""


def test_the_image_is_the_default_timeline_drawn_in_chromium(pages_db):
    """draw_image with the export's browser: a WebP of the screen figure at the chart's width, with marks in it."""
    from PIL import Image

    view = charts.chart_view(figures.build_chart(pages_db, "timeline", Filters(), plain=True))
    data = firstview.draw_image(view["figure"], "webp", width=firstview.IMAGE_WIDTH)
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP"
    assert image.size == (firstview.IMAGE_WIDTH, int(view["figure"]["layout"]["height"]))
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 200  # markers, lanes, labels: not a blank or single-colour frame


def test_the_warm_up_drew_the_image(served):
    _, log = served
    text = log.read_text(errors="replace")
    assert re.search(r"Warm-up: first-view image drawn in [\d.]+ s \(\d+ kB\)", text), text


def test_a_first_visit_paints_the_image_first_then_the_chart_in_its_place(browser, served):
    url, _ = served
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        ctx.add_init_script(MARKS)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function("() => 'image' in window.__marks", timeout=TIMEOUT)
        at_image = page.evaluate(RECTS)
        page.wait_for_function("() => 'gone' in window.__marks", timeout=TIMEOUT)
        marks = page.evaluate("() => window.__marks")
        drawn = page.evaluate(RECTS)
        lines = page.evaluate("() => [...document.querySelectorAll('.first-image-note')].length")
    finally:
        ctx.close()
    assert marks["image"] < marks["drawn"], json.dumps(marks)
    # the image covered the chart's box until the chart was drawn, then went; the chart fills the same box, of the
    # same size (the widgets above may still settle in between and move the box as a whole)
    assert at_image["image"] == at_image["box"]
    assert drawn["image"] is None and lines == 0
    assert drawn["plot"] == drawn["box"], drawn
    assert at_image["box"][0] == drawn["box"][0] and at_image["box"][2:] == drawn["box"][2:], (at_image, drawn)


def test_a_return_visit_and_another_view_work_without_an_image_left(browser, served):
    url, _ = served
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(f"{url}/?lanes=actor")
        page.wait_for_selector(".st-key-tl_chart .js-plotly-plot .main-svg", timeout=TIMEOUT)
        assert page.locator(".first-image").count() == 0
        page.locator("[data-testid=stRadio] label", has_text="Category").first.click()
        page.wait_for_function("() => !location.search.includes('lanes=')", timeout=TIMEOUT)
        page.wait_for_selector(".st-key-tl_chart .js-plotly-plot .main-svg", timeout=TIMEOUT)
        assert page.locator(".first-image").count() == 0
    finally:
        ctx.close()
