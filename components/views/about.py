"""About the data: counts, coverage, sources by publisher and kind, disputes, policy, rubric, how to add data."""

from __future__ import annotations

import streamlit as st

from components import policy
from components.views import data, state


def render(f, ref) -> None:
    about = data.load_about(data.db_key())
    st.title("About the data")
    state.show_url_warnings()
    counts = about["counts"]
    first, last = about["span"]
    cols = st.columns(5)
    for col, (label, k) in zip(cols, (("Events", "events"), ("Statements", "statements"), ("Actors", "actors"),
                                      ("Sources", "sources"), ("Topics", "topics"))):
        col.metric(label, f"{counts[k]:,}")
    st.markdown(f"**Coverage:** {first} to {last}. Built from the YAML files in `data/`; "
                f"input hash `{ref['meta'].get('input_hash', '')[:12]}`.")
    st.subheader("Provenance policy", anchor=False)
    st.markdown(policy.PROVENANCE)
    st.subheader("Sources by publisher and kind", anchor=False)
    st.dataframe(about["sources"], hide_index=True, width="stretch")
    st.subheader("Where sources disagree", anchor=False)
    disputed = about["disputed"]
    st.caption(f"{len(disputed)} events record a dispute between sources.")
    st.dataframe(disputed, hide_index=True, width="stretch")
    st.subheader("Tone rubric", anchor=False)
    st.markdown(policy.TONE_RUBRIC)
    st.subheader("How to add data", anchor=False)
    st.markdown(policy.HOW_TO_ADD)
    state.sync_url(f)
