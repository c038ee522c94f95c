"""Review page (only when editing is enabled): pending quotes beside their article; accept with edits, or reject."""

from __future__ import annotations

import os

import streamlit as st

from components import config, review
from components import cards
from components.views import data, state


def editing_enabled() -> bool:
    """Off unless TIMELINE_EDIT=1, so a public deployment stays read-only."""
    return os.environ.get("TIMELINE_EDIT", "") == "1"


def _highlight(text: str, start: int, end: int, pad: int = 600) -> str:
    a, b = max(0, start - pad), min(len(text), end + pad)
    return (("… " if a else "") + cards.esc(text[a:start]) + "<mark>" + cards.esc(text[start:end]) + "</mark>"
            + cards.esc(text[end:b]) + (" …" if b < len(text) else ""))


def render(f, ref) -> None:
    st.title("Review extracted quotes")
    queue = review.queue_path()
    items = review.list_items(queue)
    if not items:
        st.info("Nothing to review. Add articles with `timeline ingest FILE...`; their quotes appear here.")
        return
    st.caption(f"{len(items)} pending item(s) in {queue}. Accepting writes the quote into data/ with its "
               "source and context, then rebuilds the database.")
    ids = [it["id"] for it in items]
    chosen = st.selectbox("Item", ids, key="rv_item",
                          format_func=lambda i: next(f"#{i}: “{it['item']['text'][:80]}”" for it in items
                                                     if it["id"] == i))
    it = next(x for x in items if x["id"] == chosen)
    q = it["item"]
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{cards.esc(it['publisher'])}** · {cards.esc(it['published'] or 'date unknown')} · "
                    f"{cards.link(it['url'], it['url'] or 'no URL')}", unsafe_allow_html=True)
        start = q.get("start") if isinstance(q.get("start"), int) else it["text"].find(q["text"])
        st.html(f"<div class='quote-card' style='max-height:420px;overflow:auto;white-space:pre-wrap'>"
                f"{_highlight(it['text'], start, start + len(q['text']))}</div>")
    actor_ids = [""] + ref["actors"]["id"].tolist()
    topic_ids = ref["topics"]["id"].tolist()
    speaker_key = f"rv_speaker_{chosen}"
    if st.session_state.get(speaker_key) not in actor_ids:
        st.session_state[speaker_key] = q.get("speaker_id") if q.get("speaker_id") in actor_ids else ""
    # the alias finder sits outside the form: a form's widgets cannot run a callback on Enter
    state.actor_finder(right, "Find the speaker by any spelling (Sharaa, Jolani, الشرع, Лавров)", "rv_find",
                       lambda actor_id: st.session_state.__setitem__(speaker_key, actor_id), ref, actor_ids[1:])
    with right, st.form(f"rv_form_{chosen}"):
        st.markdown(f"“{cards.esc(q['text'])}”", unsafe_allow_html=True)
        speaker_id = st.selectbox("Speaker (actor)", actor_ids, format_func=lambda a: a and state.actor_label(ref)(a)
                                  or "— unnamed / not in the list —", key=speaker_key)
        label = st.text_input("Speaker as the source names them", value=q.get("speaker") or "")
        role = st.text_input("Role given by the source", value=q.get("speaker_role") or "")
        said_on = st.text_input("Said on (YYYY-MM-DD, YYYY-MM or empty if unknown)", value=q.get("said_on") or "")
        precision = st.selectbox("Precision", ["", *config.STATEMENT_PRECISIONS],
                                 index=["", *config.STATEMENT_PRECISIONS].index(q.get("said_on_precision") or ""))
        topics = st.multiselect("Topics", topic_ids, default=[t for t in q.get("topics") or [] if t in topic_ids],
                                format_func=lambda t: ref["names"].get(t, t))
        event = st.text_input("Linked event id (optional)", value="")
        accept = st.form_submit_button("Accept and publish", type="primary")
        reject = st.form_submit_button("Reject")
    if accept:
        try:
            sid = review.accept(queue, chosen, config.data_dir(), data.db_path(), speaker_id=speaker_id or None,
                                speaker_label=label or None, speaker_role=role or None, said_on=said_on or None,
                                said_on_precision=precision or None, topics=topics or None, event_id=event or None)
        except Exception as exc:  # shown to the reviewer as one message; nothing was written
            st.error(f"Not published: {exc}")
        else:
            st.cache_data.clear()
            st.success(f"Published as {sid}. It is now on the Quotes page.")
    if reject:
        review.reject(queue, chosen)
        st.rerun()
