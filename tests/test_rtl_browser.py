"""Right to left in a real browser (Debian's Chromium): a table cell in Arabic reads right to left, one in
Cyrillic left to right (the About page's sources table, drawn as HTML: st.dataframe's canvas cannot)."""

from __future__ import annotations

import pytest

from test_browser import TIMEOUT, context, open_app, page, problems, server  # noqa: F401

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = pytest.mark.browser


def test_arabic_cells_of_the_sources_table_read_right_to_left(server, page, sql):  # noqa: F811
    arabic = sql("SELECT publisher FROM sources WHERE publisher = 'إيلاف' LIMIT 1")[0][0]
    cyrillic = sql("SELECT publisher FROM sources WHERE publisher = 'Коммерсантъ' LIMIT 1")[0][0]
    open_app(page, server, "about")
    table = page.get_by_role("region", name="Sources by publisher and kind")
    expect(table).to_be_visible(timeout=TIMEOUT)
    cell = table.locator("td", has_text=arabic).first
    expect(cell).to_have_text(arabic)
    assert cell.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # right to left, its text starts at the cell's right edge
    assert cell.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el);"
                         " const t = r.getBoundingClientRect(), c = el.getBoundingClientRect();"
                         " return c.right - t.right < t.left - c.left; }")
    other = table.locator("td", has_text=cyrillic).first
    assert other.evaluate("el => getComputedStyle(el).direction") == "ltr"
    header = table.locator("th", has_text="Publisher")
    assert header.evaluate("el => getComputedStyle(el).direction") == "ltr"
