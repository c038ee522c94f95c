"""About the data: counts, coverage, sources by publisher and kind, disputes, policy, rubric, how to add data."""

from __future__ import annotations

import streamlit as st

from components import policy, queries
from components.views import common as c


def render(f, ref) -> None:
    path = c.db_path()
    st.title("About the data")
    c.show_url_warnings()
    counts = queries.fetch_table_counts(path)
    first, last = queries.fetch_date_span(path)
    cols = st.columns(5)
    for col, (label, k) in zip(cols, (("Events", "events"), ("Statements", "statements"), ("Actors", "actors"),
                                      ("Sources", "sources"), ("Topics", "topics"))):
        col.metric(label, f"{counts[k]:,}")
    st.markdown(f"**Coverage:** {first} to {last}. Built from the YAML files in `data/`; "
                f"input hash `{ref['meta'].get('input_hash', '')[:12]}`.")
    st.subheader("Provenance policy", anchor=False)
    st.markdown(policy.PROVENANCE)
    st.subheader("Sources by publisher and kind", anchor=False)
    st.dataframe(queries.fetch_sources_summary(path), hide_index=True, width="stretch")
    st.subheader("Where sources disagree", anchor=False)
    disputed = queries.fetch_disputed(path)
    st.caption(f"{len(disputed)} events record a dispute between sources.")
    st.dataframe(disputed, hide_index=True, width="stretch")
    st.subheader("Tone rubric", anchor=False)
    st.markdown(policy.TONE_RUBRIC)
    st.subheader("How to add data", anchor=False)
    st.markdown(policy.HOW_TO_ADD)
    c.sync_url(f)
