"""Quotes page: ranked full-text search with highlights, filters, paging, and a Syria/Russia side-by-side."""

from __future__ import annotations

import math

import streamlit as st

from components.filters import fts_query
from components import cards
from components.views import data, state, output as out

PAGE_SIZE = 20
ORDERS = {"date": "Newest first", "rank": "Best match"}


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Quotes")
    st.caption("Exact words, with the speaker, their role on that date, when it was said and the source. "
               "Filters are in the sidebar; the search below carries over to the other pages.")
    state.show_url_warnings()

    state.search_box(st, "Search quotes", "flt_q_quotes", "e.g. sovereignty, bases, Assad")
    total, exact = data.load_statement_count(key, f)
    more = not exact
    pages = max(1, math.ceil(total / PAGE_SIZE))
    cols = st.columns([2, 2, 3])
    order_default = "rank" if f.text else "date"
    if "qt_order" not in st.session_state:
        st.session_state["qt_order"] = state.page_param("order", list(ORDERS), order_default)
        st.session_state["_qt_last_text"] = f.text
    elif st.session_state.get("_qt_last_text") != f.text:  # a new search resets the order to its default
        st.session_state["qt_order"] = order_default
        st.session_state["_qt_last_text"] = f.text
    order = cols[0].selectbox("Order", list(ORDERS), format_func=ORDERS.get, key="qt_order")
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
                        order=order if f.text else "date")
    if rows.empty:
        if f.text and not fts_query(f.text):
            st.info("Type at least one letter or digit to search.")
        st.info("No quotes match. Try fewer words, another spelling (al-Sharaa, Sharaa), a wider date range, "
                "or **Clear all filters** in the sidebar.")
    else:
        out.render_cards(rows)
        st.caption(f"Showing {(page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + len(rows)} of {shown}.")

    with st.expander("Download these quotes (all pages, every filter applied)"):
        out.render_data_downloads(lambda: data.export_statements(f), "quotes", f,
                                ref["names"], rows=None if more else total)

    st.subheader("Side by side: Syrian and Russian officials on one topic")
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

    state.sync_url(f, {"order": order if order != order_default else None, "page": str(page) if page > 1 else None,
                   "compare": topic if topic != "bases" else None})
