"""Officials page: one official's role history, statements over time, events and topics; a ranked table."""

from __future__ import annotations

import streamlit as st

from components import charts, display
from components import cards
from components.views import chartview, data, state, output as out


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Officials")
    state.show_url_warnings()
    actors = ref["actors"]
    speakers = actors[(actors["statements"] > 0) | ((actors["kind"] == "person") & (actors["events"] > 0))]
    speakers = speakers.sort_values(["statements", "events", "name"], ascending=[False, False, True])
    ids = speakers["id"].tolist()
    default = state.page_param("official", ids, ids[0] if ids else None)
    if not ids:
        st.info("No officials in the database yet. Add actors and statements under data/ and run `timeline build`.")
        return
    state.actor_finder(st, "Find an official by any spelling (Sharaa, Jolani, الشرع, Лавров)", "of_find",
                       _choose, ref, ids)
    if st.session_state.get("of_official") not in ids:
        st.session_state["of_official"] = default
    official = st.selectbox("Official (type any spelling or alias)", ids, key="of_official",
                            format_func=state.actor_label(ref))
    row = speakers[speakers["id"] == official].iloc[0]
    st.subheader(cards.plain(row["name"]), anchor=False)
    if isinstance(row["description"], str):
        st.caption(cards.plain(row["description"]))
    _roles(key, official)

    mine = f.with_(actors=(official,))
    stmts = data.load_statements(key, mine, limit=500)
    chartview.render_chart(data.load_chart(key, "speaker", f, actor=official), "of_chart",
                           downloads=(key, "speaker", f, "official", {"actor": official}))
    with st.expander(f"Download {row['name']}'s statements (CSV, JSON)"):
        out.render_data_downloads(lambda: data.export_statements(mine), "statements", mine, ref["names"],
                                  rows=len(stmts))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Statements ({len(stmts)})**")
        if stmts.empty:
            st.caption("No statements under the current filters.")
        out.render_cards(stmts.head(30))
    with right:
        _events_and_topics(key, mine, official)

    st.subheader("Who speaks most", anchor=False)
    ranked = data.load_top_speakers(key, f, limit=30)
    show = display.readable(ranked.drop(columns=["speaker_id"], errors="ignore")).rename(
        columns={"name": "Speaker", "country": "Country", "n": "Statements", "first": "First", "last": "Last"})
    out.render_table(show, "Who speaks most")  # speakers named only in the source's words may be in Arabic
    state.sync_url(f, {"official": official})


def _choose(actor_id: str) -> None:
    st.session_state["of_official"] = actor_id


def _roles(key, official: str) -> None:
    roles = data.load_roles(key, official)
    st.markdown("**Role history** (as far as the sources state it)")
    if roles.empty:
        st.caption("No roles recorded for this actor.")
        return
    st.dataframe(display.role_rows(roles), hide_index=True, width="stretch",
                 column_config={"Title": st.column_config.TextColumn(width="large"),
                                "Source link": st.column_config.LinkColumn("Source link", display_text="open")})


def _events_and_topics(key, mine, official: str) -> None:
    events = data.load_events(key, mine)
    st.markdown(f"**Events taken part in ({len(events)})**")
    if events.empty:
        st.caption("No events under the current filters.")
    else:
        show = events[["date", "date_precision", "title", "category"]].copy()
        show["date"] = [charts.format_date(d, p) for d, p in zip(show["date"], show["date_precision"])]
        st.dataframe(display.readable(show.drop(columns=["date_precision"])).rename(
            columns={"date": "Date", "title": "Event", "category": "Category"}), hide_index=True, width="stretch")
    st.markdown("**Topics spoken on**")
    topics = data.load_actor_topics(key, official)
    if topics.empty:
        st.caption("No tagged statements.")
    else:
        st.dataframe(topics[["label", "n"]].rename(columns={"label": "Topic", "n": "Statements"}), hide_index=True,
                     width="stretch")
