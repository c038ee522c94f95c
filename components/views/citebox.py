"""The "Cite this" box of a statement or event: APA, Chicago and BibTeX, each copyable in one click, and a .ris file."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import streamlit as st

from components import citations
from components.version import version_of

DEFAULT_BASE = "http://127.0.0.1:8501"


def base_url() -> str:
    """Where permalinks point: $TIMELINE_PUBLIC_URL, else the address the reader's browser is using."""
    configured = os.environ.get("TIMELINE_PUBLIC_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    try:
        url = st.context.url
    except Exception:  # outside a browser session (AppTest, bare mode): no address known
        url = None
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else DEFAULT_BASE


def statement_cited(row: dict, ref: dict) -> citations.Cited:
    kinds = dict(zip(ref["actors"]["id"], ref["actors"]["kind"]))
    person = kinds.get(row.get("speaker_id"), "person") == "person"
    return citations.for_statement(row, version_of(ref["meta"]), base_url(), person=person)


def event_cited(event: dict, sources, ref: dict) -> citations.Cited:
    """`sources`: the detail's sources frame (publisher, title, published, url)."""
    rows = sources.to_dict("records") if hasattr(sources, "to_dict") else list(sources)
    return citations.for_event(event, rows, version_of(ref["meta"]), base_url())


def render_cite(cited: citations.Cited, key: str, container=None, expanded: bool = False) -> None:
    """Tabs of the citation formats (each st.code has a copy button) and the RIS download."""
    box = (container or st).expander("Cite this", expanded=expanded)
    formats = citations.block(cited)
    tabs = box.tabs(["APA", "Chicago", "BibTeX"])
    for tab, name in zip(tabs, ("APA", "Chicago", "BibTeX")):
        tab.code(formats[name], language="latex" if name == "BibTeX" else None, wrap_lines=True)
    box.download_button("⬇ RIS (Zotero, EndNote, Mendeley)", data=formats["RIS"].encode("utf-8"),
                        file_name=f"{citations.bibtex_key(cited)}.ris", mime="application/x-research-info-systems",
                        key=f"{key}_ris", on_click="ignore")
    box.caption(f"Permalink: {cited.permalink} · dataset version {cited.version}")


def render_event_cite(event: dict, sources, key: str = "tl_cite") -> None:
    """The "Cite this" box of an event's detail panel (the timeline page draws it)."""
    from components.views import data

    ref = data.load_reference(data.db_key())
    render_cite(event_cited(event, sources, ref), key)
