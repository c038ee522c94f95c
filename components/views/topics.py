"""Topics page: topic trends over time, share by country, top speakers per topic."""

from __future__ import annotations

import streamlit as st

from components import display
from components.views import chartview, data, state


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Topics")
    state.show_url_warnings()
    st.dataframe(ref["topics"][["label", "description"]].rename(columns={"label": "Topic", "description": "What it covers"}),
                 hide_index=True, width="stretch")
    chartview.render_chart(data.load_chart(key, "topics", f), "tp_trends", downloads=(key, "topics", f, "topics", {}))
    chartview.render_chart(data.load_chart(key, "topic_country", f), "tp_share",
                           downloads=(key, "topic_country", f, "topics-by-country", {}))
    st.subheader("Top speakers per topic", anchor=False)
    top = data.load_top_speakers_by_topic(key, f, per_topic=3)
    if top.empty:
        st.info("No statements under these filters.")
    else:
        show = display.readable(top.drop(columns=["speaker_id"], errors="ignore"))
        st.dataframe(show.rename(columns={"topic": "Topic", "speaker": "Speaker", "n": "Statements"}),
                     hide_index=True, width="stretch")
    state.sync_url(f)
