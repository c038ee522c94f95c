"""Citations: each format names the speaker, the date, the quote, the original source with its URL, and this
dataset with its version and the item's permalink. Expected strings are written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from components import citations as c

SRC = c.Source("TASS", "Lavrov on the bases", "2025-10-16", "https://tass.com/politics/1")
QUOTE = c.Cited("statement", "st-lavrov-1", "The bases stay.", "2025-10-15", "2026-12-01.b84036f2",
                "http://host/quotes?quote=st-lavrov-1", author="Sergey Lavrov", sources=(SRC,))


def test_apa_of_a_statement():
    assert c.apa(QUOTE) == (
        "Lavrov, S. (2025, October 15). “The bases stay.” [Statement]. In Syria–Russia Relations Timeline "
        "(Version 2026-12-01.b84036f2) [Data set]. http://host/quotes?quote=st-lavrov-1 Original source: "
        "TASS. (2025, October 16). Lavrov on the bases. https://tass.com/politics/1")


def test_chicago_of_a_statement():
    assert c.chicago(QUOTE) == (
        "Lavrov, Sergey. “The bases stay.” Statement, October 15, 2025. Reported in TASS. “Lavrov on the bases.” "
        "October 16, 2025. https://tass.com/politics/1. Compiled in Syria–Russia Relations Timeline, version "
        "2026-12-01.b84036f2. http://host/quotes?quote=st-lavrov-1.")


def test_bibtex_of_a_statement():
    assert c.bibtex(QUOTE) == """@misc{srt-st-lavrov-1,
  title = {The bases stay.},
  author = {Lavrov, Sergey},
  year = {2025},
  month = {oct},
  day = {15},
  howpublished = {TASS, ``Lavrov on the bases'' (2025-10-16)},
  url = {https://tass.com/politics/1},
  organization = {Syria--Russia Relations Timeline},
  version = {2026-12-01.b84036f2},
  note = {Compiled in Syria--Russia Relations Timeline, version 2026-12-01.b84036f2, \\url{http://host/quotes?quote=st-lavrov-1}}
}"""


def test_ris_of_a_statement():
    assert c.ris(QUOTE, accessed=dt.date(2026, 12, 2)).split("\r\n") == [
        "TY  - GEN", "ID  - srt-st-lavrov-1", "TI  - The bases stay.", "AU  - Lavrov, Sergey", "PY  - 2025",
        "DA  - 2025/10/15", "PB  - TASS", "T2  - Lavrov on the bases", "UR  - https://tass.com/politics/1",
        "UR  - http://host/quotes?quote=st-lavrov-1", "ET  - 2026-12-01.b84036f2",
        "N1  - Compiled in Syria–Russia Relations Timeline, version 2026-12-01.b84036f2.", "Y2  - 2026/12/02",
        "ER  - ", ""]


@pytest.mark.parametrize("date, apa, chicago", [
    ("2025-10-15", "2025, October 15", "October 15, 2025"), ("2025-10", "2025, October", "October 2025"),
    ("2025", "2025", "2025"), (None, "n.d.", "n.d."), ("garbage", "n.d.", "n.d."),
])
def test_dates_follow_their_precision(date, apa, chicago):
    assert (c.apa_date(date), c.chicago_date(date)) == (apa, chicago)


@pytest.mark.parametrize("name, apa, chicago", [
    ("Sergey Lavrov", "Lavrov, S.", "Lavrov, Sergey"), ("Ahmed al-Sharaa", "al-Sharaa, A.", "al-Sharaa, Ahmed"),
    ("Abu Mohammed al-Jolani", "al-Jolani, A. M.", "al-Jolani, Abu Mohammed"),
    ("Hafez al Assad", "al Assad, H.", "al Assad, Hafez"), ("Putin", "Putin", "Putin"),
])
def test_person_names_are_inverted(name, apa, chicago):
    assert (c.apa_author(name), c.chicago_author(name)) == (apa, chicago)


def test_an_organisation_is_not_inverted():
    assert c.apa_author("Ministry of Foreign Affairs", person=False) == "Ministry of Foreign Affairs"


def test_an_unnamed_source_has_no_author_and_an_event_cites_every_source():
    ev = c.Cited("event", "1944-07-syria-ussr", "Diplomatic relations established", "1944-07", "v1",
                 "http://h/?event=1944-07-syria-ussr", sources=(SRC, c.Source("Izvestia", None, None, None)))
    text = c.apa(ev)
    assert text.startswith("Diplomatic relations established [Event record]. (1944, July). In Syria–Russia")
    assert text.endswith("https://tass.com/politics/1 Izvestia. (n.d.).")
    assert "Reported in TASS. “Lavrov on the bases.” October 16, 2025. https://tass.com/politics/1. " \
           "Izvestia. n.d. Compiled in" in c.chicago(ev)
    assert "author" not in c.bibtex(ev)


def test_an_undated_long_quote_reads_cleanly_in_chicago():
    q = c.Cited("statement", "s", "word " * 60, None, "v", "http://h/q", author="Sergey Lavrov")
    text = c.chicago(q)
    assert "…” Statement, n.d. Compiled in" in text and ".." not in text


def test_bibtex_escapes_tex_specials():
    q = c.Cited("statement", "x_1", "50% & more #1 {a}", None, "v", "http://h/q", author="A_B Co", person=False)
    bib = c.bibtex(q)
    assert r"title = {50\% \& more \#1 \{a\}}" in bib and r"author = {{A\_B Co}}" in bib
    assert "year" not in bib


def test_permalinks():
    assert c.permalink("http://h:8501/", "statement", "st 1") == "http://h:8501/quotes?quote=st%201"
    assert c.permalink("http://h:8501", "event", "ev-1") == "http://h:8501/?event=ev-1"


def test_for_statement_takes_a_quote_card_row():
    row = {"id": "s1", "text": "Words.", "speaker_id": None, "speaker_name": "senior Syrian source",
           "said_on": "2025-01", "publisher": "Reuters", "source_title": None, "source_published": "2025-01-02",
           "source_url": "https://r/1"}
    cited = c.for_statement(row, "v9", "http://h")
    assert cited.author is None and cited.permalink == "http://h/quotes?quote=s1"
    assert c.apa(cited) == ("“Words.” [Statement]. (2025, January). In Syria–Russia Relations Timeline (Version v9) "
                            "[Data set]. http://h/quotes?quote=s1 Original source: Reuters. (2025, January 2). "
                            "https://r/1")
