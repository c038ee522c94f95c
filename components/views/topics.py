"""Topics page: topic trends over time, share by country, top speakers per topic."""

from __future__ import annotations

import streamlit as st

from components import charts, figures
from components.views import data, state, output as out


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Topics")
    state.show_url_warnings()
    st.dataframe(ref["topics"][["label", "description"]], hide_index=True, width="stretch")
    st.plotly_chart(data.load_chart(key, "topics", f), theme=None, key="tp_trends", config=out.PLOTLY_CONFIG,
                    width="stretch")
    with st.expander("Download the topics chart"):
        out.render_chart_downloads(key, "topics", f, "topics")
    share = data.load_topic_country_share(key, f)
    st.plotly_chart(charts.topic_country_figure(share, caption=figures.caption_for(data.db_path(), f)), theme=None,
                    key="tp_share", config=out.PLOTLY_CONFIG, width="stretch")
    st.subheader("Top speakers per topic", anchor=False)
    top = data.load_top_speakers_by_topic(key, f, per_topic=3)
    if top.empty:
        st.info("No statements under these filters.")
    else:
        st.dataframe(top.rename(columns={"n": "statements"}), hide_index=True, width="stretch")
    state.sync_url(f)
