"""Tables of text in any script are drawn as HTML with a direction per cell (components.display.table_html):
the About page's sources and the Officials page's "Who speaks most", under AppTest, SQL as the oracle."""

from __future__ import annotations

import html as htmllib
import re

from test_pages import ok, open_page

pytest_plugins = ["conftest_pages"]


def _table(at, label: str) -> str:
    return next(h.value for h in at.get("html") if f"aria-label='{label}'" in h.value)


def _rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1]
    return [[htmllib.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_sources_table_lists_every_publisher_and_kind_with_arabic_cells_auto(app_env, sql):
    html = _table(ok(open_page("about")), "Sources by publisher and kind")
    groups = sql("SELECT count(*) FROM (SELECT DISTINCT publisher, kind FROM sources)")[0][0]
    assert len(_rows(html)) == groups
    assert "<td dir='auto'>إيلاف</td>" in html and "<td dir='auto'>Коммерсантъ</td>" in html


def test_who_speaks_most_is_the_top_speakers_in_order(app_env, sql):
    html = _table(ok(open_page("officials")), "Who speaks most")
    expected = sql("SELECT speaker_name, count(*) AS n FROM statements GROUP BY coalesce(speaker_id, speaker_label) "
                   "ORDER BY n DESC, speaker_name LIMIT 30")
    shown = [(r[0], int(r[2].replace(",", ""))) for r in _rows(html)]
    assert shown == [(name, n) for name, n in expected]
