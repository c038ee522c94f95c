"""Quotes page: ranked full-text search with highlights, filters, paging, and a Syria/Russia side-by-side.

`/quotes?quote=<id>` opens one statement's own view instead (its permalink): full text, speaker and role on
that date, date and precision, linked event, topics, source, the held source text with the quote marked,
and "Cite this".
"""

from __future__ import annotations

import json
import math

import streamlit as st

from components import searchwords
from components.filters import fts_query
from components import cards
from components import charts
from components.views import citebox, data, state, output as out

PAGE_SIZE = 20
ORDERS = {"date": "Newest first", "rank": "Best match"}


def render(f, ref) -> None:
    key = data.db_key()
    quote_id = st.session_state.get("qt_quote", state.page_param("quote"))
    if quote_id and render_statement_page(key, f, ref, quote_id):
        return
    st.title("Quotes")
    st.caption("Exact words, with the speaker, their role on that date, when it was said and the source. "
               "Filters are in the sidebar; the search below carries over to the other pages.")
    state.show_url_warnings()

    state.search_box(st, "Search quotes", "flt_q_quotes", "e.g. sovereignty, bases, Assad")
    tagged = tagged_topics(f, ref)
    total, exact = data.load_statement_count(key, f, tagged)
    _search_notes(f, ref, tagged, listed=exact)
    more = not exact
    pages = max(1, math.ceil(total / PAGE_SIZE))
    cols = st.columns([2, 2, 3])
    order, order_default = _order(cols[0], f)
    page_from_url = state.page_param("page")
    start_page = 1
    if page_from_url is not None:
        if page_from_url.isdigit() and 1 <= int(page_from_url) <= pages:
            start_page = int(page_from_url)
        else:
            state.url_warning(f"Ignored URL parameter page={page_from_url[:20]!r}: there are pages 1 to {pages}.")
        state.drop_page_param("page")
    if "qt_page" not in st.session_state:
        st.session_state["qt_page"] = min(max(start_page, 1), pages)
    if st.session_state["qt_page"] > pages:
        st.session_state["qt_page"] = pages
    page = cols[1].number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key="qt_page")
    shown = f"more than {total:,}" if more else f"{total:,}"
    cols[2].markdown(f"&nbsp;\n\n**{shown}** quote(s) · {cards.plain(f.describe(ref['names']))}")
    if more:
        cols[2].caption("Many matches: shown newest first. Add words or filters to rank by relevance.")

    rows = data.load_statements(key, f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                                order=order if f.text else "date", tagged=tagged)
    if rows.empty:
        if f.text and not fts_query(f.text):
            st.info("Type at least one letter or digit to search.")
        st.info("No quotes match. Try fewer words, another spelling (al-Sharaa, Sharaa), a wider date range, "
                "or **Clear all filters** in the sidebar.")
    else:
        out.render_cards(rows)
        st.caption(f"Showing {(page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + len(rows)} of {shown}.")

    with st.expander("Download these quotes (all pages, every filter applied)"):
        out.render_data_downloads(lambda: data.export_statements(f, tagged), "quotes", f,
                                ref["names"], rows=None if more else total)

    topic = _side_by_side(key, f, ref)
    state.sync_url(f, {"order": order if order != order_default else None, "page": str(page) if page > 1 else None,
                   "compare": topic if topic != "bases" else None})


def _order(col, f) -> tuple[str, str]:
    """The order chosen (a new search resets it to its default: best match) and that default."""
    order_default = "rank" if f.text else "date"
    if "qt_order" not in st.session_state:
        st.session_state["qt_order"] = state.page_param("order", list(ORDERS), order_default)
        st.session_state["_qt_last_text"] = f.text
    elif st.session_state.get("_qt_last_text") != f.text:
        st.session_state["qt_order"] = order_default
        st.session_state["_qt_last_text"] = f.text
    return col.selectbox("Order", list(ORDERS), format_func=ORDERS.get, key="qt_order"), order_default


def _side_by_side(key, f, ref) -> str:
    """What Syrian and Russian officials said on one topic, in two columns; returns the topic shown."""
    st.header("Side by side: Syrian and Russian officials on one topic", anchor=False)
    topics = ref["topics"]["id"].tolist()
    default_topic = state.page_param("compare", topics, "bases")
    topic = st.selectbox("Topic", topics, key="qt_compare", format_func=lambda t: ref["names"].get(t, t),
                         index=topics.index(default_topic) if default_topic in topics else 0)
    sides = data.load_side_by_side(key, f.with_(countries=()), topic=topic)
    left, right = st.columns(2)
    for col, country, name in ((left, "SY", "Syrian officials"), (right, "RU", "Russian officials")):
        col.markdown(f"**{name}**")
        df = sides[country]
        if df.empty:
            col.caption("No quotes from this side on this topic under the current filters.")
        else:
            out.render_cards(df, col, show_event=False)
    return topic


def _back() -> None:
    st.session_state["qt_quote"] = None
    state.drop_page_param("quote")


def render_statement_page(key, f, ref, statement_id: str) -> bool:
    """One statement's own view; False (with a warning, then the list) when the id is unknown."""
    rows = data.load_statement(key, statement_id)
    if rows.empty:
        state.show_url_warnings()
        state.url_warning(f"Ignored quote {statement_id[:60]!r} from the URL: no such statement.")
        _back()
        return False
    row = rows.iloc[0].to_dict()
    st.session_state["qt_quote"] = statement_id
    st.button("← All quotes", key="qt_back", on_click=_back)
    st.title(f"Statement by {cards.plain(row['speaker_name'])}", anchor=False)
    state.show_url_warnings()
    st.html(_statement_html(row, ref))
    citebox.render_cite(citebox.statement_cited(row, ref), "qt_cite", expanded=True)
    state.sync_url(f, {"quote": statement_id})
    return True


def _text(v) -> str | None:
    return v if isinstance(v, str) and v else None


def _statement_html(row: dict, ref: dict) -> str:
    """The statement view's body: quote, who and when, event, topics, source, held text with the quote marked."""
    esc = cards.esc
    role = _text(row.get("role_on_date")) or _text(row.get("speaker_role"))
    role_note = "" if _text(row.get("role_on_date")) else " <span class='muted'>(as the source gives it)</span>"
    date = charts.format_date(_text(row.get("said_on")), _text(row.get("said_on_precision")))
    precision = _text(row.get("said_on_precision")) or ("unknown" if not _text(row.get("said_on")) else "day")
    lang = row.get("language")
    lang_attr = f" lang='{esc(lang)}'" if isinstance(lang, str) and lang.isalpha() and len(lang) <= 3 else ""
    topics = [t for t in (row.get("topic_ids") or "").split(",") if t]
    event = "none recorded"
    if _text(row.get("event_id")):
        event = (f"<a href='/?event={esc(row['event_id'])}' target='_self'>{esc(row.get('event_title'))}</a> "
                 f"<code>{esc(row['event_id'])}</code>")
    speaker = esc(row["speaker_name"]) + (f", {esc(role)}{role_note}" if role else "")
    if _text(row.get("speaker_label")) and row["speaker_label"] != row["speaker_name"]:
        speaker += f" <span class='muted'>(the source says “{esc(row['speaker_label'])}”)</span>"
    published = f" ({esc(row['source_published'])})" if _text(row.get("source_published")) else ""
    title = f" — {esc(row['source_title'])}" if _text(row.get("source_title")) else ""
    held = cards.held_text_html(row.get("held_text"), row.get("held_retrieved"), row["text"])
    held = held.replace("<details class='held-text'>", "<details class='held-text' open>", 1) or (
        "<p class='muted'>The source's text is not held in this dataset.</p>")
    relayed = " <span class='badge'>relayed</span>" if row.get("relayed") else ""
    style = ("<style>.statement-facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}"
             ".statement-facts dt{font-weight:600}.statement-facts dd{margin:0}</style>")
    return (f"{style}<div class='quote-card statement-page' data-statement-id='{esc(row['id'])}'>"
            f"<div class='quote-text' dir='auto'{lang_attr}>“{esc(row['text'])}”</div></div>"
            f"<dl class='statement-facts'><dt>Speaker</dt><dd>{speaker}{relayed}</dd>"
            f"<dt>Said on</dt><dd>{esc(date)} <span class='muted'>(precision: {esc(precision)})</span></dd>"
            f"<dt>Event</dt><dd>{event}</dd>"
            f"<dt>Topics</dt><dd>{esc(', '.join(ref['names'].get(t, t) for t in topics)) or 'none recorded'}</dd>"
            f"<dt>Source</dt><dd>{cards.link(row.get('source_url'), row.get('publisher') or 'source')}{published}"
            f"{title}</dd>"
            f"<dt>Context</dt><dd dir='auto'>{esc(row.get('context'))}</dd></dl>{held}")


def tagged_topics(f, ref) -> tuple[str, ...]:
    """The topics the search words name (searchwords.matching_topics): their quotes join the results."""
    if not f.text:
        return ()
    actors = ref["actors"]
    states = actors[actors["kind"] == "state"]
    generic = [*states["name"], *(a for js in states["aliases"] if isinstance(js, str) for a in json.loads(js))]
    rows = ref["topics"][["id", "label", "description"]].itertuples(index=False)
    return tuple(searchwords.matching_topics(f.text, rows, generic=generic, aliases=f.text_aliases))


def _search_notes(f, ref, tagged: tuple[str, ...], listed: bool) -> None:
    """What else the search looked for: other spellings of a name or place, and topics the words name."""
    if not f.text:
        return
    if f.text_aliases:
        spelled = "; ".join(f"{w} → {', '.join(alts[:6])}{' …' if len(alts) > 6 else ''}"
                            for w, alts in f.text_aliases)
        st.caption(f"Also searched under other spellings of the same name or place: {cards.plain(spelled)}")
    for topic_id in tagged:
        name = ref["names"].get(topic_id, topic_id)
        cols = st.columns([3, 1])
        then = (f"Quotes tagged with it are listed too, after those whose own words match, each marked “tagged "
                f"{cards.plain(name)}”." if listed else "So many quotes match the words that those only tagged with "
                "it are not listed after them: show the topic's quotes instead.")
        cols[0].info(f"“{cards.plain(f.text[:60])}” names a topic: **{cards.plain(name)}**. {then}", icon="🏷️")
        cols[1].button(f"Only the {cards.plain(name)} quotes", key=f"qt_topic_{topic_id}", on_click=_to_topic,
                       args=(topic_id,))


def _to_topic(topic_id: str) -> None:
    """Swap the search for the topic it names (the topic filter in the sidebar)."""
    chosen = list(st.session_state.get("flt_topic") or [])
    st.session_state["flt_topic"] = [*chosen, topic_id] if topic_id not in chosen else chosen
    st.session_state[state.SEARCH_KEY] = ""
