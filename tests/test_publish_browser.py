"""Issue 12 in a real browser (Debian's Chromium): the sidebar finder picks an official by any spelling, a
statement permalink opened in a fresh browser shows that statement with its held text marked, its citation
names it, the whole-dataset zip downloads with its tables and codebook, Arabic reads right to left, the
keyboard reaches the controls, and axe-core finds no serious problem on any page."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from test_browser import TIMEOUT, VIEWPORT, _watch, assert_no_exception, open_app, server, settle  # noqa: F401

pytest_plugins = ["conftest_pages"]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = pytest.mark.browser

SPELLINGS = [("Sharaa", "Ahmed al-Sharaa"), ("al-Sharaa", "Ahmed al-Sharaa"), ("Jolani", "Ahmed al-Sharaa"),
             ("الشرع", "Ahmed al-Sharaa"), ("Lavrov", "Sergey Lavrov"), ("Лавров", "Sergey Lavrov")]


@pytest.fixture
def fresh(browser):
    """A fresh browser context (no cookies, no session), as a reader opening a link would have."""
    problems: list[str] = []
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    _watch(ctx, problems)
    yield ctx.new_page()
    ctx.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def quote(sql) -> dict:
    cols = ("id", "text", "speaker_name", "url", "event_id")
    row = sql("""SELECT st.id, st.text, st.speaker_name, so.url, st.event_id FROM statements st
                 JOIN sources so ON so.id = st.source_id JOIN source_texts sx ON sx.source_id = st.source_id
                 WHERE st.speaker_id = 'sergey-lavrov' AND so.url IS NOT NULL AND st.event_id IS NOT NULL
                   AND instr(sx.text, st.text) > 0
                 ORDER BY st.date_sort DESC, st.id LIMIT 1""")[0]
    return dict(zip(cols, row))


@pytest.mark.parametrize("typed, name", SPELLINGS)
def test_each_alias_typed_into_the_sidebar_selects_the_official(server, fresh, typed, name):  # noqa: F811
    open_app(fresh, server, "quotes")
    box = fresh.get_by_label(re.compile("Find an official by any spelling"))
    box.fill(typed)
    box.press("Enter")
    settle(fresh)
    chosen = fresh.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Officials and actors")
    expect(chosen).to_contain_text(name, timeout=TIMEOUT)
    expected = "ahmed-al-sharaa" if "Sharaa" in name else "sergey-lavrov"
    fresh.wait_for_function("(id) => location.search === '?actor=' + id", arg=expected, timeout=TIMEOUT)
    expect(fresh.locator('[data-testid="stSidebar"]')).to_contain_text(f"Selected {name}.")


def test_a_statement_permalink_shows_it_with_its_held_text_marked(server, fresh, quote):  # noqa: F811
    open_app(fresh, server, "quotes", f"quote={quote['id']}")
    expect(fresh.locator("h1").first).to_have_text(f"Statement by {quote['speaker_name']}")
    card = fresh.locator(f".statement-page[data-statement-id='{quote['id']}'] .quote-text")
    expect(card).to_have_text(f"“{quote['text']}”")
    mark = fresh.locator("details.held-text[open] mark.held-mark")
    expect(mark).to_have_count(1)
    assert " ".join(mark.inner_text().split()) == " ".join(quote["text"].split())
    expect(mark).to_be_visible()
    event = fresh.locator(f"a[href='/?event={quote['event_id']}']")
    expect(event).to_have_count(1)


def test_the_citation_names_the_quote_its_source_and_its_permalink(server, fresh, quote):  # noqa: F811
    open_app(fresh, server, "quotes", f"quote={quote['id']}")
    fresh.get_by_role("tab", name="APA").click()
    # every tab's code block is in the page; take the APA one by what only APA writes
    apa = fresh.locator('[data-testid="stCode"]').filter(has_text="Relations Timeline (Version ").first.inner_text()
    assert quote["text"][:50] in " ".join(apa.split())
    assert quote["url"] in apa and f"/quotes?quote={quote['id']}" in apa
    assert apa.startswith("Lavrov, S.") and "Syria–Russia Relations Timeline (Version " in apa
    fresh.get_by_role("tab", name="BibTeX").click()
    bib = fresh.locator('[data-testid="stCode"]').filter(has_text="@misc").first.inner_text()
    assert bib.startswith(f"@misc{{srt-{quote['id']}")
    with fresh.expect_download(timeout=TIMEOUT) as dl:
        fresh.get_by_role("button", name=re.compile("RIS")).click()
    ris = open(dl.value.path(), encoding="utf-8").read()
    assert "TY  - GEN" in ris and f"UR  - {quote['url']}" in ris and "AU  - Lavrov, Sergey" in ris


def test_the_whole_dataset_downloads_with_tables_datapackage_and_codebook(server, fresh, sql):  # noqa: F811
    open_app(fresh, server, "about")
    with fresh.expect_download(timeout=TIMEOUT) as dl:
        fresh.get_by_role("button", name=re.compile("Whole dataset")).click()
    version = sql("SELECT value FROM meta WHERE key = 'dataset_version'")[0][0]
    assert dl.value.suggested_filename == f"syria-russia-timeline-{version}.zip"
    zf = zipfile.ZipFile(io.BytesIO(open(dl.value.path(), "rb").read()))
    names = set(zf.namelist())
    for table in ("events", "statements", "actors", "sources", "topics", "event_sources", "statement_topics"):
        assert f"data/{table}.csv" in names
    assert {"README.md", "datapackage.json", "timeline.db"} <= names
    package = json.loads(zf.read("datapackage.json"))
    assert package["version"] == version
    statements = zf.read("data/statements.csv").decode("utf-8")
    assert len(statements.splitlines()) > sql("SELECT count(*) FROM statements")[0][0]  # quotes may span lines
    assert "## Tone rubric" in zf.read("README.md").decode("utf-8")


def test_an_arabic_quote_reads_right_to_left(server, fresh, sql):  # noqa: F811
    sid = sql("SELECT id FROM statements WHERE language = 'ar' ORDER BY id LIMIT 1")[0][0]
    open_app(fresh, server, "quotes", f"quote={sid}")
    text = fresh.locator(".statement-page .quote-text")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert text.get_attribute("lang") == "ar"
    held = fresh.locator(".held-body")
    assert held.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_the_keyboard_reaches_the_quote_pages_controls(server, fresh, quote):  # noqa: F811
    open_app(fresh, server, "quotes", f"quote={quote['id']}")
    reached = []
    for _ in range(140):
        fresh.keyboard.press("Tab")
        reached.append(fresh.evaluate("""() => { const a = document.activeElement;
            return (a.getAttribute('aria-label') || a.innerText || a.placeholder || a.tagName || '').slice(0, 60); }"""))
    text = " | ".join(reached)
    # the tab list is one stop (arrow keys move between APA, Chicago and BibTeX, as ARIA tabs do)
    for control in ("Find an official", "All quotes", "Held source text", "APA", "RIS"):
        assert control in text, (control, text)


PAGES = ["", "quotes", "officials", "topics", "about", "quotes?quote={quote}"]


def at_rest(page) -> None:
    """The page as a reader sees it once it has finished: no script run going, no element faded as stale,
    no fade half way. Streamlit dims the elements of a page that is rerunning (data-stale) and fades them
    back with a CSS transition; axe measuring contrast in between reports a colour no reader is left with
    (CI, under load, caught one caption that way). Colours at rest are what is checked."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    settle(page)
    page.locator('[data-stale="true"]').first.wait_for(state="detached", timeout=TIMEOUT)
    page.wait_for_timeout(100)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_accessibility_problem(server, fresh, quote, path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    path = path.format(quote=quote["id"])
    page, _, query = path.partition("?")
    open_app(fresh, server, page, query)
    fresh.wait_for_timeout(1500)  # charts and grids draw after the script run
    at_rest(fresh)
    assert_no_exception(fresh)
    violations = Axe().run(fresh).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
