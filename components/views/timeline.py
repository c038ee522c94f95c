"""Timeline page: the events and statements chart, its table (the text alternative), the detail panel of
the event or statement clicked, activity and barometer.

A quick range is a filter like the sidebar dates: the counts, every chart, the captions, the table and the
downloads all follow it. Its words say what the data covers ("Last 12 months of data, to 2026-02-18").
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from components import charts
from components import cards
from components.views import chartview, citebox, data, firstview, state, output as out

LANES = {"category": "Category", "country": "Initiator's country", "actor": "Actor"}
COLORS = {"topic": "Topic", "category": "Category"}
RANGES = ("all", "2011", "2024-12", "12m")
FREQS = {"year": "Year", "month": "Month"}
TABLE_COLUMNS = {"date": "Date", "title": "Event", "category": "Category", "importance": "Importance",
                 "tone": "Tone", "actor_names": "Actors"}


def range_words(data_to: str | None) -> dict[str, str]:
    """The quick ranges in words that say what the data covers, not a calendar window."""
    end = data_to or "?"
    return {"all": "All (1944–)", "2011": "Since 2011 (Syrian war)", "2024-12": "Since the fall of Assad",
            "12m": f"Last 12 months of data (to {end})"}


def quick_range(name: str, data_to: str | None) -> str | None:
    """The first day of a quick range; the last 12 months count back from the data's last date."""
    if name == "2011":
        return "2011-01-01"
    if name == "2024-12":
        return "2024-12-08"
    if name == "12m" and data_to:
        end = dt.date.fromisoformat(data_to[:10])
        return (end - dt.timedelta(days=365)).isoformat()
    return None


def apply_range(f, start: str | None):
    """The filter with the quick range's start as its 'from' date (the later of the two wins)."""
    if not start:
        return f
    if f.date_from and f.date_from >= start:
        return f
    return f.with_(date_from=start)


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Syria–Russia relations, 1944 to today")
    st.caption("Every event and quote cites its source. Click a marker (or a row of the table below the chart) to "
               "open it; hollow markers with a grey bar are dated only to the month or year.")
    state.show_url_warnings()
    data_to = ref["meta"].get("data_to")
    words = range_words(data_to)
    rng = st.segmented_control("Quick range (a date filter: counts, charts and downloads follow it)", list(words),
                               format_func=words.get, key="tl_range",
                               default=state.page_param("range", list(words), "all")) or "all"
    col1, col2 = st.columns([1, 1])
    lane_by = col1.radio("Lanes", list(LANES), format_func=LANES.get, horizontal=True, key="tl_lanes",
                         index=list(LANES).index(state.page_param("lanes", list(LANES), "category")))
    color_by = col2.radio("Colour", list(COLORS), format_func=COLORS.get, horizontal=True, key="tl_color",
                          index=list(COLORS).index(state.page_param("color", list(COLORS), "topic")))
    base, f = f, apply_range(f, quick_range(rng, data_to))

    opts = {"lane_by": lane_by, "color_by": color_by}
    # the warm-up's image of this view, or Plotly's bundle starting to load while the counts are computed
    head, slot, first = firstview.chart_slots(firstview.first_image(key, f, opts))
    n_events = data.load_event_count(key, f)
    n_statements, exact = data.load_statement_count(key, f)
    shown = f"{n_statements:,}" if exact else f"more than {n_statements:,}"
    head.markdown(f"**{n_events:,} events** and **{shown} statements** · {cards.plain(f.describe(ref['names']))}",
                help="The quick range above counts as a 'from' date.")
    fig = data.load_chart_view(key, "timeline", f, **opts)
    with slot.container():
        chartview.render_chart(fig, "tl_chart", on_select=_on_chart_select, image=first,
                               downloads=(key, "timeline", f, "timeline", opts))
    firstview.remember_image(key, f, opts, fig)  # during the server's warm-up only
    _undated_note(key, f)
    if n_events == 0 and n_statements == 0:
        st.info("Nothing matches these filters. Widen the date range, remove an official or topic, "
                "or use **Clear all filters** in the sidebar.")

    chosen = st.session_state.get("tl_event") or state.page_param("event")
    if chosen and not render_detail(key, f, chosen):
        chosen = None
    _render_table(key, f, n_events)
    with st.expander("Download the data of this view"):
        out.render_data_downloads(lambda: data.export_events(f), "events", f, ref["names"], rows=n_events)

    st.subheader("Activity and tone", anchor=False)
    freq = st.radio("Count per", list(FREQS), format_func=FREQS.get, horizontal=True, key="tl_freq",
                    index=list(FREQS).index(state.page_param("freq", list(FREQS), "year")))
    _activity_and_tone(key, f, freq)
    state.sync_url(base, {"lanes": lane_by if lane_by != "category" else None,
                          "color": color_by if color_by != "topic" else None,
                          "range": rng if rng != "all" else None, "freq": freq if freq != "year" else None,
                          "event": chosen})


@st.fragment
def _activity_and_tone(key, f, freq: str) -> None:
    """The activity and barometer charts; on a session's first view their plots follow the timeline's
    (firstview.release_when_drawn reruns this fragment alone once the timeline is drawn)."""
    later = firstview.later_pending()
    chartview.render_chart(data.load_chart_view(key, "activity", f, freq=freq), "tl_activity", later=later,
                           downloads=(key, "activity", f, "activity", {"freq": freq}))
    chartview.render_chart(data.load_chart_view(key, "barometer", f, freq="month"), "tl_barometer", later=later,
                           downloads=(key, "barometer", f, "barometer", {"freq": "month"}),
                           note="Tone: each event scored from −10 (open conflict between the two states) to +10 "
                                "(alliance-level cooperation) under the rubric on the About the data page; "
                                "marker size = number of events.")
    if later:
        firstview.release_when_drawn("tl_chart")


def _undated_note(key, f) -> None:
    n = data.load_undated_count(key, f)
    if n:
        link = "quotes?" + urlencode(f.to_params()) if f.to_params() else "quotes"
        st.markdown(f"{n:,} statement{'s' if n != 1 else ''} under these filters {'have' if n != 1 else 'has'} no "
                    f"date and {'are' if n != 1 else 'is'} not on the timeline: [see them on the Quotes page]({link}) "
                    "(undated statements are listed last).")


def _pick(value: str | None) -> None:
    """Open an event ('ev:<id>') or a statement ('st:<id>') in the detail panel and scroll to it."""
    st.session_state["tl_event"] = value
    st.session_state["tl_scroll"] = bool(value)


def _on_chart_select() -> None:
    sel = st.session_state.get("tl_chart")
    try:
        points = sel.selection.points if sel else []
    except AttributeError:
        points = []
    picked = selected_item(points)
    if picked:
        _pick(picked)


def selected_item(points) -> str | None:
    """The first clicked marker as 'ev:<id>' or 'st:<id>' (events are stored bare, as in the URL)."""
    for p in points or []:
        custom = p.get("customdata") if isinstance(p, dict) else None
        if custom and len(custom) == 2 and custom[1] in ("event", "statement"):
            return custom[0] if custom[1] == "event" else f"st:{custom[0]}"
    return None


def _render_table(key, f, n_events: int) -> None:
    """The events of the chart as a sortable table: its text alternative. A row click opens the event."""
    box = st.expander(f"Table of these {n_events:,} events (text alternative of the chart; sortable; click a row "
                      "to open it)", key="tl_table_open", on_change="rerun")
    with box:
        if not box.open:  # built when opened: a closed grid of every event cost the first view seconds of browser CPU
            return
        events = data.load_events(key, f)
        if events.empty:
            st.caption("No events under these filters.")
            return
        table = events[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
        table["Date"] = [charts.format_date(d, p) for d, p in zip(events["date"], events["date_precision"])]
        table["Actors"] = table["Actors"].fillna("")
        st.session_state["tl_table_ids"] = events["id"].tolist()
        st.dataframe(table, hide_index=True, width="stretch", key="tl_table", on_select=_on_table_select,
                     selection_mode="single-row",
                     column_config={"Event": st.column_config.TextColumn(width="large")})


def _on_table_select() -> None:
    sel = st.session_state.get("tl_table")
    ids = st.session_state.get("tl_table_ids") or []
    try:
        rows = sel.selection.rows if sel else []
    except AttributeError:
        rows = []
    if rows and rows[0] < len(ids):
        _pick(ids[rows[0]])


def _close() -> None:
    st.session_state["tl_event"] = None
    state.drop_page_param("event")


def _scroll_here() -> None:
    """Bring the detail panel into view (it opens below the chart) after a click."""
    if st.session_state.pop("tl_scroll", False):
        st.html("<span hidden>scroll</span><script>setTimeout(() => {const el = document.querySelector("
                "'.st-key-tl_detail'); if (el) el.scrollIntoView({behavior: 'smooth', block: 'start'});}, 400);"
                "</script>", unsafe_allow_javascript=True)


def render_detail(key, f, chosen: str) -> bool:
    """The detail panel of the event or statement chosen; False (with a warning) when the id is unknown."""
    if chosen.startswith("st:"):
        return render_statement_detail(key, chosen[3:])
    return render_event_detail(key, chosen, f)


def render_statement_detail(key, statement_id: str) -> bool:
    rows = data.load_statement(key, statement_id)
    if rows.empty:
        _close()
        return False
    row = rows.iloc[0]
    with st.container(border=True, key="tl_detail"):
        top = st.columns([6, 1])
        top[0].subheader(f"Statement by {cards.plain(row['speaker_name'])}", anchor=False)
        top[1].button("Close", key="tl_close", on_click=_close)
        out.render_cards(rows)
        st.markdown(f"[Open this statement on its own page](quotes?quote={statement_id})")
        if isinstance(row.get("event_id"), str):
            st.button(f"Open its event: {row['event_title']}", key="tl_st_event", on_click=_pick,
                      args=(row["event_id"],))
    _scroll_here()
    return True


def render_event_detail(key, event_id: str, f=None) -> bool:
    """The detail panel of one event; False (with a warning) when the id is unknown."""
    detail = data.load_event_detail(key, event_id)
    if detail is None:
        state.url_warning(f"Ignored event {event_id[:60]!r} from the URL: no such event.")
        _close()
        return False
    ev = detail["event"]
    with st.container(border=True, key="tl_detail"):
        top = st.columns([6, 1])
        top[0].subheader(cards.plain(ev["title"]), anchor=False)
        top[1].button("Close", key="tl_close", on_click=_close)
        date = charts.format_date(ev["date"], ev["date_precision"])
        if isinstance(ev.get("end_date"), str):
            date += f" to {ev['end_date']}"
        where = f" · {cards.esc(ev['location'])}" if isinstance(ev.get("location"), str) else ""
        st.html(f"<div class='muted'>{cards.esc(date)}{where} · {cards.esc(ev['category'])} · importance "
                f"{int(ev['importance'])}/3 · tone {int(ev['tone']):+d}</div><p>{cards.esc(ev['summary'])}</p>")
        if isinstance(ev.get("disputed"), str):
            st.warning(f"**Disputed between sources.** {cards.plain(ev['disputed'])}", icon="⚖️")
        items = []
        for a in detail["actors"].itertuples():
            role = f", {cards.esc(a.role_on_date)}" if isinstance(a.role_on_date, str) else ""
            items.append(f"<li><b>{cards.esc(a.name)}</b>{role} <span class='muted'>({cards.esc(a.part)})</span></li>")
        topics = ", ".join(cards.esc(t) for t in detail["topics"]["label"]) or "none recorded"
        src = [cards.source_item(s) for s in detail["sources"].itertuples()]
        st.html(f"<b>Actors</b><ul>{''.join(items)}</ul><b>Topics:</b> {topics}"
                f"<br><b>Sources</b><ul>{''.join(src)}</ul>")
        citebox.render_event_cite(ev, detail["sources"])
        stmts = detail["statements"]
        if not stmts.empty:
            st.markdown(f"**Statements tied to this event ({len(stmts)})**")
            out.render_cards(stmts, show_event=False)
        if f is not None:
            _same_day(key, f, ev)
    _scroll_here()
    return True


def _same_day(key, f, ev) -> None:
    """A crowded day: the other events on the same date, each one click away (markers there overlap)."""
    events = data.load_events(key, f)
    same = events[(events["date"] == ev["date"]) & (events["id"] != ev["id"])]
    if same.empty:
        return
    st.markdown(f"**Also on {cards.plain(charts.format_date(ev['date'], ev['date_precision']))} "
                f"({len(same)} more event{'s' if len(same) != 1 else ''})**")
    for r in same.itertuples():
        st.button(r.title, key=f"tl_same_{r.id}", on_click=_pick, args=(r.id,))
