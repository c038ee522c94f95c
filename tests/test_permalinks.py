"""A statement's permalink (/quotes?quote=<id>) opens its own view; every event and statement view cites itself.

Expected values come from plain SQL on the same database (the `sql` fixture), not from the page's queries.
"""

from __future__ import annotations

import re

import pytest

from test_pages import ok, open_page, unmd, warnings

pytest_plugins = ["conftest_pages"]


@pytest.fixture(scope="module")
def quote(sql) -> dict:
    """A dated statement by a named speaker, tied to an event, whose source text is held."""
    cols = ("id", "text", "speaker_name", "said_on", "said_on_precision", "event_id", "event_title", "url",
            "publisher")
    row = sql("""SELECT st.id, st.text, st.speaker_name, st.said_on, st.said_on_precision, st.event_id, ev.title,
                        so.url, so.publisher
                 FROM statements st JOIN events ev ON ev.id = st.event_id JOIN sources so ON so.id = st.source_id
                 JOIN source_texts sx ON sx.source_id = st.source_id
                 WHERE st.speaker_id IS NOT NULL AND st.said_on_precision = 'day' AND so.url IS NOT NULL
                 ORDER BY st.id LIMIT 1""")[0]
    return dict(zip(cols, row))


def _html(at) -> str:
    return "".join(el.value for el in at.main.children.values() if type(el).__name__ == "Html")


def test_a_quote_permalink_opens_that_statement(app_env, quote, sql):
    at = ok(open_page("quotes", quote=quote["id"]))
    assert unmd(at.title[0].value) == f"Statement by {quote['speaker_name']}"
    html = _html(at)
    assert f"data-statement-id='{quote['id']}'" in html
    assert f"href='/?event={quote['event_id']}'" in html
    topics = [r[0] for r in sql("SELECT t.label FROM statement_topics x JOIN topics t ON t.id = x.topic_id "
                                "WHERE x.statement_id = ?", quote["id"])]
    assert all(t in html.replace("&amp;", "&") for t in topics)
    marked = re.search(r"<mark class='held-mark'>(.*?)</mark>", html, re.S)
    assert marked and marked.group(1) == quote["text"].replace("&", "&amp;").replace("'", "&#x27;").replace(
        '"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    assert "<details class='held-text' open>" in html
    assert at.query_params["quote"] == quote["id"]
    # the list is not shown under a permalink
    assert not any("quote(s)" in m.value for m in at.markdown)


def test_the_quote_view_cites_the_quote(app_env, quote):
    at = ok(open_page("quotes", quote=quote["id"]))
    apa, chicago, bibtex = (c.value for c in at.code[:3])
    year = quote["said_on"][:4]
    for text in (apa, chicago):
        assert quote["url"] in text and f"quotes?quote={quote['id']}" in text
        assert "Syria–Russia Relations Timeline" in text and year in text
    assert quote["text"][:60] in apa
    assert bibtex.startswith(f"@misc{{srt-{quote['id']}") and f"year = {{{year}}}" in bibtex
    assert any(b.label.startswith("⬇ RIS") for b in at.get("download_button"))


def test_an_unknown_quote_id_warns_and_shows_the_list(app_env):
    at = ok(open_page("quotes", quote="no-such-quote"))
    assert any("no such statement" in w for w in warnings(at))
    assert at.title[0].value == "Quotes"


def test_back_to_all_quotes_leaves_the_permalink(app_env, quote):
    at = ok(open_page("quotes", quote=quote["id"]))
    at.button(key="qt_back").click().run()
    assert at.title[0].value == "Quotes" and "quote" not in at.query_params


def test_the_event_detail_cites_the_event(app_env, quote, sql):
    at = ok(open_page("timeline", event=quote["event_id"]))
    codes = [c.value for c in at.code]
    urls = [r[0] for r in sql("SELECT s.url FROM event_sources es JOIN sources s ON s.id = es.source_id "
                              "WHERE es.event_id = ? AND s.url IS NOT NULL", quote["event_id"])]
    apa = next(c for c in codes if "[Event record]" in c)
    assert apa.startswith(quote["event_title"].rstrip("."))
    assert f"?event={quote['event_id']}" in apa and all(u in apa for u in urls)
    version = sql("SELECT value FROM meta WHERE key = 'dataset_version'")[0][0]
    assert f"Version {version}" in apa


def test_about_shows_the_version_and_offers_the_whole_dataset(app_env, sql):
    version = sql("SELECT value FROM meta WHERE key = 'dataset_version'")[0][0]
    at = ok(open_page("about"))
    assert any(f"Dataset version `{version}`" in m.value for m in at.markdown)
    assert any(b.label.startswith("⬇ Whole dataset (zip") for b in at.get("download_button"))
    assert any("Changelog" in e.label for e in at.expander)


def test_chart_captions_name_the_dataset_version(app_env, sql):
    from components import figures
    from components.filters import Filters

    version = sql("SELECT value FROM meta WHERE key = 'dataset_version'")[0][0]
    assert f"dataset {version}" in " ".join(figures.caption_for(app_env, Filters()).lines())
