"""Right-to-left text outside the cards: tables drawn as HTML with a direction per cell, and exported chart
images whose Arabic titles and labels keep their words and read in the right order."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from components import charts, display, exporting

ARABIC = "القواعد الروسية"
TITLE = f"لافروف: {ARABIC} في سوريا 2024–2025 (RU)"


def _cells(html: str) -> list[tuple[str, str | None]]:
    """(text, dir attribute) of each th/td, read back as XML (the table is well formed)."""
    table = re.search(r"<table.*</table>", html, re.S).group(0)
    return [("".join(c.itertext()), c.get("dir")) for c in ET.fromstring(table).iter() if c.tag in ("th", "td")]


def test_a_table_gives_every_text_cell_its_own_direction():
    frame = pd.DataFrame({"Publisher": ["إيلاف", "Коммерсантъ", "Reuters"], "Sources": [3, 12, 1],
                          "Link": ["https://example.org/a", None, "javascript:alert(1)"]})
    html = display.table_html(frame, "Sources by publisher", links={"Link": "open"})
    cells = _cells(html)
    assert ("إيلاف", "auto") in cells and ("Коммерсантъ", "auto") in cells and ("Publisher", "auto") in cells
    assert ("12", None) in cells  # numbers align to the end of the cell, whatever the script around them
    assert "<a href='https://example.org/a'" in html and "href='javascript" not in html
    assert "aria-label='Sources by publisher'" in html


def test_a_table_escapes_its_text():
    html = display.table_html(pd.DataFrame({"Publisher": ["<script>alert(1)</script> & co"]}), "t")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("text, expected", [
    (TITLE, f"\u2067{TITLE}\u2069"),                      # starts in Arabic: isolated right to left
    (f"Lavrov on {ARABIC}", f"Lavrov on {ARABIC}"),         # starts in Latin: left as it is
    (f"{ARABIC}<br>Second line", f"\u2067{ARABIC}\u2069<br>Second line"),
    ("Russian bases", "Russian bases"), (None, None), (3, 3),
])
def test_right_to_left_lines_are_isolated_for_images(text, expected):
    assert exporting.isolate_rtl(text) == expected


def _figure():
    share = pd.DataFrame({"label": [ARABIC, "Russian bases"], "country": ["SY", "RU"], "n": [5, 7]})
    return charts.topic_country_figure(share, title=TITLE)


def test_the_image_figure_isolates_the_arabic_title_and_labels_only():
    fig = exporting.right_to_left(_figure())
    assert fig.layout.title.text == f"\u2067{TITLE}\u2069"
    labels = [y for t in fig.data for y in t.y]
    assert f"\u2067{ARABIC}\u2069" in labels and "Russian bases" in labels
    plain = charts.topic_country_figure(pd.DataFrame({"label": ["Bases"], "country": ["RU"], "n": [1]}), title="T")
    assert exporting.right_to_left(plain) is plain


@pytest.fixture(scope="module")
def svg_text() -> str:
    if not exporting.images_available():
        pytest.fail("no Chromium for kaleido (apt-get install -y chromium)")
    root = ET.fromstring(exporting.figure_image(_figure(), "svg", width=900))
    return " ".join(t for el in root.iter() if el.tag.endswith("text") for t in el.itertext())


def test_the_svg_export_carries_the_arabic_title_and_label_as_text(svg_text):
    assert TITLE in svg_text
    assert ARABIC in svg_text
    assert "\u2067" in svg_text  # drawn inside a right-to-left isolate: '(RU)' ends the line on the left
