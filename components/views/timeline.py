"""Timeline page: the events and statements chart, the event detail panel, activity and barometer."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import charts
from components import cards
from components.views import data, state, output as out

LANES = {"category": "Category", "country": "Initiator's country", "actor": "Actor"}
COLORS = {"topic": "Topic", "category": "Category"}
RANGES = {"all": "All (1944–)", "2011": "Since 2011", "2024-12": "Since Dec 2024", "12m": "Last 12 months"}
FREQS = {"year": "Year", "month": "Month"}


def quick_range(name: str) -> tuple[str, str] | None:
    today = dt.date.today()
    end = (today + dt.timedelta(days=31)).isoformat()
    if name == "2011":
        return ("2011-01-01", end)
    if name == "2024-12":
        return ("2024-11-20", end)
    if name == "12m":
        return ((today - dt.timedelta(days=365)).isoformat(), end)
    return None


def render(f, ref) -> None:
    key = data.db_key()
    st.title("Syria–Russia relations, 1944 to today")
    st.caption("Every event and quote cites its source. Click a marker to open the event; "
               "hollow markers with a grey bar are dated only to the month or year.")
    state.show_url_warnings()

    col1, col2, col3 = st.columns([2, 2, 3])
    lane_by = col1.radio("Lanes", list(LANES), format_func=LANES.get, horizontal=True, key="tl_lanes",
                         index=list(LANES).index(state.page_param("lanes", list(LANES), "category")))
    color_by = col2.radio("Colour", list(COLORS), format_func=COLORS.get, horizontal=True, key="tl_color",
                          index=list(COLORS).index(state.page_param("color", list(COLORS), "topic")))
    rng = col3.segmented_control("Quick range", list(RANGES), format_func=RANGES.get, key="tl_range",
                                 default=state.page_param("range", list(RANGES), "all")) or "all"

    n_events = data.load_event_count(key, f)
    n_statements, exact = data.load_statement_count(key, f)
    shown = f"{n_statements:,}" if exact else f"more than {n_statements:,}"
    st.markdown(f"**{n_events:,} events** and **{shown} statements** · {cards.plain(f.describe(ref['names']))}")
    fig = data.load_chart(key, "timeline", f, lane_by=lane_by, color_by=color_by, x_range=quick_range(rng))
    chart_state = st.plotly_chart(fig, theme=None, key="tl_chart", on_select="rerun", selection_mode="points",
                            config=out.PLOTLY_CONFIG, width="stretch")
    if n_events == 0 and n_statements == 0:
        st.info("Nothing matches these filters. Widen the date range, remove an official or topic, "
                "or use **Clear all filters** in the sidebar.")

    selected = _selected_event(chart_state)
    if selected:
        st.session_state["tl_event"] = selected
    event_id = st.session_state.get("tl_event") or state.page_param("event")
    with st.expander("Download this chart or its data", expanded=False):
        out.render_chart_downloads(key, "timeline", f, "timeline", lane_by=lane_by, color_by=color_by,
                                 x_range=quick_range(rng))
        out.render_data_downloads(lambda: data.export_events(f), "events", f, ref["names"],
                                rows=n_events)

    if event_id and not render_event_detail(key, event_id):
        event_id = None

    st.subheader("Activity and tone")
    freq = st.radio("Count per", list(FREQS), format_func=FREQS.get, horizontal=True, key="tl_freq",
                    index=list(FREQS).index(state.page_param("freq", list(FREQS), "year")))
    st.plotly_chart(data.load_chart(key, "activity", f, freq=freq), theme=None, key="tl_activity",
                    config=out.PLOTLY_CONFIG, width="stretch")
    with st.expander("Download the activity chart"):
        out.render_chart_downloads(key, "activity", f, "activity", freq=freq)
    st.plotly_chart(data.load_chart(key, "barometer", f, freq="month"), theme=None, key="tl_barometer",
                    config=out.PLOTLY_CONFIG, width="stretch")
    st.caption("Tone: each event scored from −10 (open conflict between the two states) to +10 (alliance-level "
               "cooperation) under the rubric on the *About the data* page. Marker size = number of events.")
    with st.expander("Download the barometer chart"):
        out.render_chart_downloads(key, "barometer", f, "barometer", freq="month")

    state.sync_url(f, {"lanes": lane_by if lane_by != "category" else None,
                   "color": color_by if color_by != "topic" else None,
                   "range": rng if rng != "all" else None, "freq": freq if freq != "year" else None,
                   "event": event_id})


def _selected_event(state) -> str | None:
    try:
        points = state.selection.points if state else []
    except AttributeError:
        return None
    for p in points or []:
        data = p.get("customdata") if isinstance(p, dict) else None
        if data and len(data) == 2 and data[1] == "event":
            return data[0]
    return None


def render_event_detail(key, event_id: str) -> bool:
    """The detail panel of one event; False (with a warning) when the id is unknown."""
    detail = data.load_event_detail(key, event_id)
    if detail is None:
        state.url_warning(f"Ignored event {event_id[:60]!r} from the URL: no such event.")
        st.session_state["tl_event"] = None
        state.drop_page_param("event")
        return False
    ev = detail["event"]
    with st.container(border=True, key="tl_detail"):
        top = st.columns([6, 1])
        top[0].subheader(cards.plain(ev["title"]), anchor=False)
        if top[1].button("Close", key="tl_close"):
            st.session_state["tl_event"] = None
            state.drop_page_param("event")
            st.rerun()
        date = charts.format_date(ev["date"], ev["date_precision"])
        if isinstance(ev.get("end_date"), str):
            date += f" to {ev['end_date']}"
        where = f" · {cards.esc(ev['location'])}" if isinstance(ev.get("location"), str) else ""
        st.html(f"<div class='muted'>{cards.esc(date)}{where} · {cards.esc(ev['category'])} · importance "
                f"{int(ev['importance'])}/3 · tone {int(ev['tone']):+d}</div><p>{cards.esc(ev['summary'])}</p>")
        if isinstance(ev.get("disputed"), str):
            st.warning(f"**Disputed between sources.** {cards.plain(ev['disputed'])}", icon="⚖️")
        actors = detail["actors"]
        items = []
        for a in actors.itertuples():
            role = f", {cards.esc(a.role_on_date)}" if isinstance(a.role_on_date, str) else ""
            items.append(f"<li><b>{cards.esc(a.name)}</b>{role} <span class='muted'>({cards.esc(a.part)})</span></li>")
        topics = ", ".join(cards.esc(t) for t in detail["topics"]["label"])
        src = [cards.source_item(s) for s in detail["sources"].itertuples()]
        st.html(f"<b>Actors</b><ul>{''.join(items)}</ul><b>Topics:</b> {topics}"
                f"<br><b>Sources</b><ul>{''.join(src)}</ul>")
        stmts = detail["statements"]
        if not stmts.empty:
            st.markdown(f"**Statements tied to this event ({len(stmts)})**")
            out.render_cards(stmts, show_event=False)
    return True
