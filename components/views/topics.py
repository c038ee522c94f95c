"""Topics page: topic trends over time, share by country, top speakers per topic."""

from __future__ import annotations

import streamlit as st

from components import charts, figures
from components.views import common as c


def render(f, ref) -> None:
    key = c.db_key()
    st.title("Topics")
    c.show_url_warnings()
    st.dataframe(ref["topics"][["label", "description"]], hide_index=True, width="stretch")
    st.plotly_chart(c.load_chart(key, "topics", f), theme=None, key="tp_trends", config=c.PLOTLY_CONFIG,
                    width="stretch")
    with st.expander("Download the topics chart"):
        c.render_chart_downloads(key, "topics", f, "topics")
    share = c.load_frame(key, "fetch_topic_country_share", f)
    st.plotly_chart(charts.topic_country_figure(share, caption=figures.caption_for(c.db_path(), f)), theme=None,
                    key="tp_share", config=c.PLOTLY_CONFIG, width="stretch")
    st.subheader("Top speakers per topic", anchor=False)
    top = c.load_frame(key, "fetch_top_speakers_by_topic", f, per_topic=3)
    if top.empty:
        st.info("No statements under these filters.")
    else:
        st.dataframe(top.rename(columns={"n": "statements"}), hide_index=True, width="stretch")
    c.sync_url(f)
