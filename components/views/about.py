"""About the data: counts, coverage, sources by publisher and kind, disputes, policy, rubric, how to add data."""

from __future__ import annotations

import streamlit as st

from components import policy
from components.coverage import coverage_figure
from components.version import version_of
from components.views import data, output as out, state

SOURCE_COLUMNS = {"publisher": "Publisher", "kind": "Kind", "sources": "Sources", "event_citations": "Cited by events",
                  "statements": "Statements"}


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
    render_dataset(ref)
    render_coverage(about["coverage"])
    st.header("Provenance policy", anchor=False)
    st.markdown(policy.PROVENANCE)
    st.header("Sources by publisher and kind", anchor=False)
    out.render_table(about["sources"].rename(columns=SOURCE_COLUMNS), "Sources by publisher and kind")  # Arabic: RTL
    st.header("Where sources disagree", anchor=False)
    disputed = about["disputed"]
    st.caption(f"{len(disputed)} events record a dispute between sources.")
    st.dataframe(disputed, hide_index=True, width="stretch")
    st.header("Tone rubric", anchor=False)
    st.markdown(policy.TONE_RUBRIC)
    st.header("How to add data", anchor=False)
    st.markdown(policy.HOW_TO_ADD)
    state.sync_url(f)


def render_coverage(coverage) -> None:
    """Events and statements per period and language: the chart, its words, and the table behind it."""
    st.header("Coverage by period", anchor=False)
    fig = coverage_figure(coverage)
    st.plotly_chart(fig, theme=None, key="ab_coverage", width="stretch", config={"displaylogo": False})
    st.caption(fig.layout.meta["summary"])
    st.dataframe(coverage, hide_index=True, width="stretch")


def render_dataset(ref) -> None:
    """The dataset version, the whole-dataset zip with its codebook, the JSON API and the changelog."""
    meta = ref["meta"]
    version = version_of(meta)
    st.header("Download, cite and query the whole dataset", anchor=False)
    st.markdown(f"**Dataset version `{version}`** (the day the content last changed and a hash of it; "
                "cite it with the data). One zip holds the SQLite database, one CSV per table, a Frictionless "
                "`datapackage.json` and a README codebook of every table and column with the tone rubric, the "
                "date-precision rules and the provenance policy.")
    st.download_button("⬇ Whole dataset (zip: SQLite, CSV, datapackage.json, codebook)", data=data.export_dataset,
                       file_name=f"syria-russia-timeline-{version}.zip", mime="application/zip",
                       key="ab_dataset_zip", on_click="ignore", type="primary")
    st.markdown("From a terminal: `timeline export-dataset --out dataset.zip`. From a script: `timeline api` "
                "serves the same database read-only as JSON (Datasette), e.g. "
                "`/timeline/statements.json?speaker_id=sergey-lavrov&_shape=array`; the README lists more.")
    changelog = data.load_changelog()
    if changelog:
        with st.expander("Changelog: what each version added or corrected"):
            st.markdown(changelog.split("\n", 1)[1] if changelog.startswith("# ") else changelog)
