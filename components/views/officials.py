"""Officials page: one official's role history, statements over time, events and topics; a ranked table."""

from __future__ import annotations

import streamlit as st

from components import charts
from components import cards
from components.views import data, state, output as out


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
    official = st.selectbox("Official (type any spelling or alias)", ids, key="of_official",
                            index=ids.index(default), format_func=state.actor_label(ref))
    row = speakers[speakers["id"] == official].iloc[0]
    st.subheader(cards.plain(row["name"]), anchor=False)
    if isinstance(row["description"], str):
        st.caption(cards.plain(row["description"]))

    roles = data.load_roles(key, official)
    st.markdown("**Role history** (as far as the sources state it; blank dates are unknown)")
    if roles.empty:
        st.caption("No roles recorded for this actor.")
    else:
        roles = roles.astype(object).where(roles.notna(), "unknown")
        st.dataframe(roles, hide_index=True, width="stretch",
                     column_config={"source_url": st.column_config.LinkColumn("source")})

    mine = f.with_(actors=(official,))
    stmts = data.load_statements(key, mine, limit=500)
    st.plotly_chart(charts.speaker_timeline_figure(
        stmts, title=f"Statements by {row['name']} over time",
        caption=charts.Caption(filters=mine.describe(ref["names"]))), theme=None, key="of_chart",
        config=out.PLOTLY_CONFIG, width="stretch")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Statements ({len(stmts)})**")
        if stmts.empty:
            st.caption("No statements under the current filters.")
        out.render_cards(stmts.head(30))
    with right:
        events = data.load_events(key, mine)
        st.markdown(f"**Events taken part in ({len(events)})**")
        if events.empty:
            st.caption("No events under the current filters.")
        else:
            show = events[["date", "date_precision", "title", "category"]]
            st.dataframe(show, hide_index=True, width="stretch")
        st.markdown("**Topics spoken on**")
        topics = data.load_actor_topics(key, official)
        if topics.empty:
            st.caption("No tagged statements.")
        else:
            st.dataframe(topics[["label", "n"]], hide_index=True, width="stretch")

    st.subheader("Who speaks most", anchor=False)
    ranked = data.load_top_speakers(key, f, limit=30)
    st.dataframe(ranked.rename(columns={"n": "statements"}), hide_index=True, width="stretch")
    state.sync_url(f, {"official": official})
