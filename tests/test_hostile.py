"""Hostile input stays inert, proven below the browser: the escaping helpers, the chart builders, the SVG
export, the search box at the query layer (hypothesis), URL parameters and every page under AppTest.

The data is tests/fixtures/hostile: a small valid dataset whose titles, summaries, quotes, speakers, actor
names, topic labels, publishers and disputed notes carry `<script>`, `<img onerror>`, Markdown links and
images, `javascript:`, HTML entities, a 5,000-character word, Arabic, bidi controls and emoji.
The real-browser half is tests/test_hostile_browser.py.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from hostile_text import ARABIC, BIDI, EMOJI, ENTITY, HOSTILE_EVENT, IMG, LONG_WORD, MD_IMG, MD_LINK, SCRIPT

from components import charts, config, exporting, figures, queries
from components.filters import MAX_SEARCH_CHARS, Filters, fts_query
from components.store import build
from components import cards

HOSTILE_DATA = Path(__file__).parent / "fixtures" / "hostile"
DASHBOARD = config.ROOT / "dashboard.py"
HOSTILE_ACTOR = "hostile-actor"

HOSTILE_STRINGS = [SCRIPT, IMG, MD_LINK, MD_IMG, ENTITY, LONG_WORD, ARABIC, EMOJI, BIDI,
                   "tab\there", "del\x7fchar", "zero\u200bwidth", 'quote"s and \'s', "a & b < c > d"]
BAD_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x",
            "https://example.org/a\"onmouseover=\"alert(1)", "https://example.org/<script>", "http://a b",
            "file:///etc/passwd", "", None, 42, float("nan")]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """tests/fixtures/hostile built into a temp file. Read only."""
    base = tmp_path_factory.mktemp("hostile_db")
    shutil.copytree(HOSTILE_DATA, base / "data")
    db = base / "timeline.db"
    build(base / "data", db)
    return db


# --- the escaping helpers -------------------------------------------------------------------------

class _Tags(HTMLParser):
    """Every start tag and its attributes in an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> _Tags:
    p = _Tags()
    p.feed(fragment)
    p.close()
    return p


def visible(value: str) -> str:
    """What a reader should see: the value minus the control characters the pages drop."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)


@pytest.mark.parametrize("value", HOSTILE_STRINGS, ids=lambda v: repr(v)[:24])
def test_esc_makes_any_text_inert_and_keeps_every_character(value):
    out = cards.esc(value)
    assert "<" not in out and ">" not in out and '"' not in out
    assert parse(f"<p>{out}</p>").tags == [("p", {})]
    assert html.unescape(out) == visible(value)


@pytest.mark.parametrize("value", HOSTILE_STRINGS, ids=lambda v: repr(v)[:24])
def test_plain_escapes_every_markdown_and_html_character(value):
    out = cards.plain(value)
    # Every Markdown/HTML special left in the output is preceded by a backslash.
    unescaped = re.findall(r"(?<!\\)[\[\]()<>!`*_#|~$]", re.sub(r"\\\\", "", out))
    assert unescaped == [], out[:200]
    assert re.sub(r"\\(.)", r"\1", out) == visible(value)




def test_plain_keeps_html_entities_literal():
    assert cards.plain(ENTITY) == r"\&lt;b\&gt;"


@pytest.mark.parametrize("url", BAD_URLS, ids=lambda v: repr(v)[:24])
def test_safe_url_refuses_everything_but_plain_http(url):
    assert cards.safe_url(url) is None
    assert "href" not in cards.link(url, "label")


@pytest.mark.parametrize("url", ["https://example.org/hostile-article", "http://tass.com/politics/2028959",
                                 "HTTPS://EXAMPLE.ORG/a?b=c&d=e#f"])
def test_safe_url_keeps_ordinary_links(url):
    assert cards.safe_url(url) == url
    (tag, attrs), = parse(cards.link(url, "x")).tags
    assert tag == "a" and attrs["href"] == url and attrs["rel"] == "noopener noreferrer"


def _card_checks(fragment: str) -> _Tags:
    parsed = parse(fragment)
    allowed = {"div", "span", "b", "a", "code", "mark", "details", "summary"}  # held text folds away
    for tag, attrs in parsed.tags:
        assert tag in allowed, (tag, fragment[:300])
        assert not [a for a in attrs if a.startswith("on")], attrs
        if tag == "a":
            # outside links are http(s) only; the inside links open the quote's event on the timeline and the
            # quote's own page (its permalink)
            assert re.match(r"^https?://", attrs["href"]) or re.fullmatch(
                r"(timeline\?event|quotes\?quote)=[\w%.~-]+", attrs["href"]), attrs
    return parsed


def test_quote_cards_of_hostile_statements_are_text_only(hostile_db):
    rows = queries.fetch_statements(hostile_db, Filters(), limit=50)
    assert len(rows) == 3
    for row in rows.itertuples():
        parsed = _card_checks(cards.quote_card(row))
        text = "".join(parsed.text)
        assert visible(row.text) in text
        assert visible(row.speaker_name) in text


def test_highlighted_search_hits_escape_the_quote_around_the_marks(hostile_db):
    rows = queries.fetch_statements(hostile_db, Filters(text="alert"), limit=50, order="rank")
    assert set(rows["id"]) == {"hostile-q1", "hostile-q2", "hostile-q3"}
    for row in rows.itertuples():
        parsed = _card_checks(cards.quote_card(row))
        assert ("mark", {}) in parsed.tags
        assert visible(row.text) in "".join(parsed.text)


# --- charts and exported images ------------------------------------------------------------------

def _figure_texts(fig) -> list[str]:
    layout = fig.layout
    texts = [layout.title.text or ""] + [a.text or "" for a in layout.annotations]
    for tr in fig.data:
        hover = getattr(tr, "hovertext", None)
        hover = [hover] if isinstance(hover, str) else list(hover) if hover is not None else []
        texts += [str(h) for h in hover if isinstance(h, str)]
    return texts


@pytest.mark.parametrize("chart", figures.CHARTS)
def test_chart_titles_captions_and_hovers_carry_escaped_text(hostile_db, chart):
    fig = figures.build_chart(hostile_db, chart, Filters(text=SCRIPT + " " + IMG))
    for text in _figure_texts(fig):
        without_markup = re.sub(r"</?(b|br|i|em|sup|sub)>", "", text)
        assert "<script" not in without_markup and "<img" not in without_markup, text[:300]


def test_event_and_quote_hovers_escape_hostile_titles(hostile_db):
    fig = figures.build_chart(hostile_db, "timeline", Filters())
    hovers = " ".join(t for t in _figure_texts(fig))
    assert html.escape(SCRIPT, quote=False) in hovers
    assert html.escape(IMG, quote=False) in hovers


def _svg_checks(svg: bytes) -> str:
    root = ET.fromstring(svg)  # parses: well-formed XML
    for el in root.iter():
        local = el.tag.rsplit("}", 1)[-1].lower()
        assert local not in {"script", "foreignobject", "iframe", "object", "embed", "img"}, local
        for name, value in el.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), (local, name)
            if name.rsplit("}", 1)[-1] == "href":
                assert not value.strip().lower().startswith(("javascript:", "data:text")), value
    return " ".join(t for t in root.itertext())


@pytest.fixture(scope="module")
def chromium():
    if not exporting.images_available():
        pytest.skip("no Chromium for kaleido (apt-get install -y chromium)")


def test_svg_export_of_a_hostile_title_and_caption_is_inert_and_shows_the_text(hostile_db, chromium):
    events = queries.fetch_events(hostile_db, Filters())
    statements = queries.fetch_statements(hostile_db, Filters(), limit=100)
    title = f"{SCRIPT} {IMG} {ENTITY} {ARABIC}"
    caption = charts.Caption(filters=f"{MD_LINK} {SCRIPT}", data_date=IMG, sources=f"{MD_IMG} {EMOJI}")
    fig = charts.timeline_figure(events, statements, title=title, caption=caption, show_eras=False)
    text = _svg_checks(exporting.figure_image(fig, "svg", width=1600))
    for shown in (SCRIPT, IMG, ENTITY, ARABIC, MD_LINK, MD_IMG, EMOJI):
        assert shown in text, shown


def test_svg_export_of_the_topics_chart_shows_the_hostile_topic_label_as_text(hostile_db, chromium):
    """Topic labels reach the legend as trace names; Plotly must draw them as text, not markup."""
    text = _svg_checks(exporting.chart_file(hostile_db, "topics", Filters(text=SCRIPT), "svg"))
    assert f"{SCRIPT} topic" in text
    assert "search" in text


# --- search text never raises at the query layer ---------------------------------------------------

SEARCHES = ['"unbalanced', "'single", 'NEAR(', 'NEAR(alert script, 2)', "*", "-", "-alert", "AND OR NOT",
            "text:", "text: alert", "{text context}: alert", "^alert", "alert*", "*alert", "al*ert", "()", '""',
            "\x00", "alert\x00script", "x" * 10_240, "alert " * 2_000, SCRIPT, IMG, MD_LINK, ENTITY, ARABIC,
            EMOJI, BIDI, "\ud800", "a\udfffb", "%", "_", "\\", "';DROP TABLE statements;--"]

SEARCH_QUERIES = [
    lambda db, f: queries.fetch_statements(db, f, limit=5),
    lambda db, f: queries.fetch_statements(db, f, limit=5, order="rank"),
    lambda db, f: queries.count_statements(db, f),
    lambda db, f: queries.fetch_events(db, f, limit=5),
    lambda db, f: queries.count_events(db, f),
    lambda db, f: queries.fetch_activity(db, f),
    lambda db, f: queries.fetch_topic_trends(db, f),
    lambda db, f: queries.fetch_publishers_for(db, f),
    lambda db, f: queries.fetch_top_speakers(db, f),
    lambda db, f: queries.fetch_all_statements_for_export(db, f),
    lambda db, f: queries.fetch_events_for_export(db, f),
]


def _search_everywhere(db: Path, text: str) -> None:
    f = Filters(text=text)
    n = queries.count_statements(db, f)
    assert 0 <= n <= queries.count_statements(db, Filters())
    if fts_query(text) is None:   # nothing searchable left: no restriction rather than an error
        assert n == queries.count_statements(db, Filters())
    for run in SEARCH_QUERIES:
        run(db, f)


@pytest.mark.parametrize("text", SEARCHES, ids=lambda v: repr(v)[:24])
def test_named_hostile_searches_run_on_every_query(hostile_db, text):
    _search_everywhere(hostile_db, text)


_TOKENS = st.sampled_from(['"', "'", "(", ")", "*", "-", "^", ":", "{", "}", "NEAR", "AND", "OR", "NOT", "text",
                           "context", "alert", "script", " ", "\x00", "\\", "%", "🇸🇾", "ال", "\u202e"])
_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=200)
_OPERATORS = st.lists(_TOKENS, max_size=60).map("".join)
_HUGE = st.tuples(_OPERATORS, st.integers(1, 10_240)).map(lambda t: (t[0] or "x") * t[1]).map(lambda s: s[:10_240])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(text=_ANY_TEXT | _OPERATORS | _HUGE)
def test_no_search_text_raises_through_fetch_or_count(hostile_db, text):
    _search_everywhere(hostile_db, text)


@pytest.mark.parametrize("text, expected", [
    ("onerror", {"hostile-q1", "hostile-q2"}),      # q1's text and speaker name, q2's speaker label
    ("javascript", {"hostile-q1"}),                 # q1's speaker label '[x](javascript:alert(1)) spokesman'
    ("<script>", {"hostile-q1"}),
    ("الروسية", {"hostile-q3"}),
])
def test_search_finds_hostile_words_as_plain_words(hostile_db, text, expected):
    assert set(queries.fetch_statements(hostile_db, Filters(text=text), limit=10)["id"]) == expected


# --- pages under AppTest -----------------------------------------------------------------------------

@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(hostile_db))
    monkeypatch.delenv("TIMELINE_EDIT", raising=False)
    import streamlit

    streamlit.cache_data.clear()
    yield hostile_db
    streamlit.cache_data.clear()


def open_page(url_path: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at._page_hash = calc_hash(url_path)   # how a browser opening /<url_path> addresses an st.Page callable
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value[:500] for e in at.exception]
    assert not at.error, [e.value[:500] for e in at.error]
    return at


def shown_markdown(at: AppTest) -> list[str]:
    """Every Markdown-rendered string (markdown, captions, subheaders, warnings, infos) as written."""
    out = []
    for kind in ("markdown", "caption", "subheader", "title", "header", "warning", "info", "success"):
        out += [el.value for el in getattr(at, kind)]
    return out


def html_blocks(at: AppTest) -> list[str]:
    """Every st.html body on the page, inside containers and columns too."""
    return [el.value for el in at.get("html")]


RAW_MARKUP = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\[x(?<!\\)\]\(|(?<!\\)!\[i")

PAGES = {
    "timeline": {"event": HOSTILE_EVENT},
    "quotes": {"q": "alert"},
    "officials": {"official": HOSTILE_ACTOR},
    "topics": {"topic": "hostile"},
    "about": {},
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_hostile_data_as_escaped_text(hostile_app, page):
    at = ok(open_page(page, PAGES[page]))
    for text in shown_markdown(at):
        assert not RAW_MARKUP.search(text), f"unescaped markup reaches Markdown: {text[:300]}"
    from components.views import firstview

    own = {firstview.release_html("tl_chart")}  # the Timeline's own script (keys and constants, no data)
    for block in html_blocks(at):
        if block in own:
            continue
        for tag, attrs in parse(block).tags:
            assert tag not in {"script", "img", "iframe", "object", "embed"}, block[:300]
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            if tag == "a":
                assert re.match(r"^https?://", attrs.get("href", "")) or re.fullmatch(
                    r"(timeline\?event|quotes\?quote)=[\w%.~-]+", attrs.get("href", "")), attrs  # event; the quote's page


def test_event_detail_shows_every_hostile_field(hostile_app):
    at = ok(open_page("timeline", {"event": HOSTILE_EVENT}))
    md = "\n".join(re.sub(r"\\(.)", r"\1", t) for t in shown_markdown(at))
    body = "\n".join("".join(parse(b).text) for b in html_blocks(at))
    assert f"{SCRIPT} {IMG} {MD_LINK} {MD_IMG}" in md                       # title, as text
    assert LONG_WORD in md                                                   # disputed note, whole
    assert f"Summary {IMG} with [a link](javascript:alert(1)) and {ARABIC}" in body
    assert f"{SCRIPT}ville" in body                                          # location
    assert f"{IMG} evidence" in body and f"{MD_IMG} evidence" in body       # evidence
    assert f"{SCRIPT} Times" in body                                         # publisher, as link text
    hrefs = {a.get("href") for b in html_blocks(at) for t, a in parse(b).tags if t == "a"}
    assert hrefs == {"https://example.org/hostile-article",
                     "https://example.org/a%22onmouseover=%22alert(1)%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
                     "quotes?quote=hostile-q1", "quotes?quote=hostile-q2"}  # its statements' own pages


def test_official_page_of_a_hostile_actor(hostile_app):
    at = ok(open_page("officials", {"official": HOSTILE_ACTOR}))
    first = next(re.sub(r"\\(.)", r"\1", s.value) for s in at.subheader)
    assert first == "<img src=x onerror=alert(1)> Evil 🇸🇾 Actor"


# --- URL parameters -------------------------------------------------------------------------------

def test_unknown_url_keys_are_ignored_and_dropped(hostile_app):
    # (`embed` is Streamlit's own key and is kept by Streamlit; it is not tested here.)
    params = {"foo": "bar", "__proto__": "x", "<script>": SCRIPT, "utm_source": "x" * 100_000,
              "Q": "alert", "event ": HOSTILE_EVENT}
    at = ok(open_page("timeline", params))
    assert not at.warning, [w.value for w in at.warning]
    base = ok(open_page("timeline"))
    assert [m.value for m in at.markdown][:1] == [m.value for m in base.markdown][:1]
    assert not set(params) & set(at.query_params.keys()), "unknown keys are echoed back into the URL"


@pytest.mark.parametrize("params, expected", [
    ({"from": SCRIPT}, "not a date"),
    ({"actor": SCRIPT}, "unknown actor"),
    ({"topic": IMG}, "unknown topic"),
    ({"country": MD_LINK}, "unknown country"),
    ({"category": MD_IMG}, "unknown category"),
    ({"event": "no-such-event"}, "no such event"),
])
def test_bad_url_values_warn_in_escaped_words(hostile_app, params, expected):
    at = ok(open_page("timeline", params))
    warned = [w.value for w in at.warning]
    assert any(expected in re.sub(r"\\(.)", r"\1", w) for w in warned), warned
    for w in warned:
        assert not RAW_MARKUP.search(w), w


@pytest.mark.parametrize("page, params, expected", [
    ("quotes", {"q": "alert " * 2_000}, f"longer than {MAX_SEARCH_CHARS}"),
    ("timeline", {"actor": "x" * 100_000}, "unknown actor"),
    ("timeline", {"from": "2" * 100_000}, "longer than"),
    ("timeline", {"topic": ",".join(["hostile"] * 5_000)}, "more than 50 values"),
    ("officials", {"country": ",".join(f"Z{i}" for i in range(10_000))}, "more than 50 values"),
])
def test_oversized_url_values_are_cut_and_warned(hostile_app, page, params, expected):
    at = ok(open_page(page, params))
    warned = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]
    assert any(expected in w for w in warned), warned
    assert sum(len(w) for w in warned) < 50 * 400, "warnings quote the oversized value"
    for box in at.text_input:
        assert len(box.value or "") <= MAX_SEARCH_CHARS


def test_oversized_search_is_cut_to_the_limit_and_still_searches(hostile_app):
    at = ok(open_page("quotes", {"q": "alert " * 2_000}))
    box = at.text_input(key="flt_q_quotes")
    assert box.value == ("alert " * 2_000)[:MAX_SEARCH_CHARS].strip()
    assert any("**3** quote(s)" in m.value for m in at.markdown)


def test_hostile_url_search_is_shown_escaped(hostile_app):
    at = ok(open_page("quotes", {"q": f"{SCRIPT} {MD_LINK}"}))
    sentence = next(m.value for m in at.markdown if "quote(s)" in m.value)
    assert not RAW_MARKUP.search(sentence), sentence
    assert SCRIPT in re.sub(r"\\(.)", r"\1", sentence)


def test_nul_bytes_in_url_search_are_dropped(hostile_app):
    at = ok(open_page("quotes", {"q": "ale\x00rt"}))
    assert "\x00" not in at.text_input(key="flt_q_quotes").value


def test_frame_of_hostile_rows_survives_csv_and_json_export(hostile_db):
    df = queries.fetch_all_statements_for_export(hostile_db, Filters())
    csv = exporting.frame_csv(df).decode("utf-8")
    back = pd.read_csv(__import__("io").StringIO(csv))
    assert set(back["text"]) == set(df["text"])
    body = exporting.frame_json(df, {"filters": SCRIPT})
    assert SCRIPT.encode() in body
