"""The main timeline figure: events on lanes, statements on their own lane, eras, labels of the most
important events in view. Pure: DataFrames in, go.Figure out (re-exported by components.charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import chartnotes, theme
from components.charts import (CAPTION_FONT, IMPORTANCE_SIZE, MAX_POINTS, MAX_STATEMENT_POINTS, WEBGL_THRESHOLD,
                               Caption, _esc, _pairs, empty_figure, finished_figure, format_date, wrap)
from components.config import COUNTRY_NAMES


def _lane_labels(events: pd.DataFrame, lane_by: str, lanes: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (event, lane): the lane is the category, initiator's country, or each top actor."""
    ev = events.copy()
    if lane_by == "country":
        ev["lane"] = [COUNTRY_NAMES.get(c, c) if isinstance(c, str) else "International / none"
                      for c in ev["initiator_country"].tolist()]
    elif lane_by == "actor" and lanes is not None and not lanes.empty:
        ev = ev.merge(lanes[["event_id", "actor_name"]], left_on="id", right_on="event_id", how="left")
        ev["lane"] = ev["actor_name"].fillna("Other actors")
    else:
        ev["lane"] = [theme.CATEGORY_LABELS.get(c, str(c)) for c in ev["category"].tolist()]
    return ev


def _extent(events: pd.DataFrame, statements: pd.DataFrame | None) -> tuple[str | None, str | None]:
    """First and last day shown, padded by a month, as YYYY-MM-DD."""
    starts = [events["date_start"].min()] if not events.empty else []
    ends = [events["date_end"].max()] if not events.empty else []
    if statements is not None and statements["date_start"].notna().any():
        starts.append(statements["date_start"].min())
        ends.append(statements["date_start"].max())
    if not starts:
        return None, None
    lo = (pd.Timestamp(min(starts)) - pd.Timedelta(days=31)).strftime("%Y-%m-%d")
    hi = (pd.Timestamp(max(ends)) + pd.Timedelta(days=31)).strftime("%Y-%m-%d")
    return lo, hi


def _sample(events: pd.DataFrame, max_points: int) -> pd.DataFrame:
    """Keep every landmark event, then as many others as fit, evenly over time."""
    if len(events) <= max_points:
        return events
    ranked = events.sort_values(["importance", "date_start"], ascending=[False, True])
    keep = ranked.iloc[:max_points]
    return keep.sort_values("date_start")


LABEL_PLOT_PX = 620  # labels are placed to fit a plot this wide (a 1280 px screen; exports are wider)


def timeline_figure(events: pd.DataFrame, statements: pd.DataFrame | None = None, *, lane_by: str = "category",
                    color_by: str = "topic", lanes: pd.DataFrame | None = None, x_range: tuple | None = None,
                    topic_labels: dict[str, str] | None = None, total_events: int | None = None,
                    title: str = "Syria–Russia relations: events and statements", caption: Caption | None = None,
                    show_eras: bool = True, max_points: int = MAX_POINTS, undated: int = 0,
                    label_px: float = LABEL_PLOT_PX, plain: bool = False) -> go.Figure | dict:
    """The main timeline. Day-precise events are solid markers; month/year events are open markers
    with a bar across the whole month or year, so nobody reads them as day-precise. The most important
    events in view carry short labels; eras are shaded over their true bounds, clipped to the axis.

    Traces, shapes and annotations are built as plain dicts and validated once by go.Figure: adding them
    one by one (add_trace, add_vrect, add_annotation) re-validates the figure each time, ten times slower.
    plain=True: the figure dict, unvalidated (see charts.finished_figure)."""
    caption = caption or Caption()
    if events.empty and (statements is None or statements.empty):
        return empty_figure(title, "No events or statements match these filters. Widen the dates or clear a filter.",
                            caption, plain)
    total = max(total_events or 0, len(events))
    events = _sample(events, max_points)
    ev = _lane_labels(events, lane_by, lanes)
    ev["x"] = _marker_x(ev)
    kind = "scattergl" if len(ev) > WEBGL_THRESHOLD else "scatter"
    lane_order = sorted(ev["lane"].dropna().unique().tolist()) if not ev.empty else []
    traces = [*_span_traces(ev, kind), *_event_traces(ev, kind, color_by, topic_labels)]
    if statements is not None and len(statements) > MAX_STATEMENT_POINTS:
        statements = statements.sort_values("date_start", ascending=False).head(MAX_STATEMENT_POINTS)
    said = _statement_traces(statements, kind)
    if said:
        traces += said
        lane_order = ["Statements", *lane_order]
    lo, hi = x_range if x_range else _extent(ev, statements)
    shapes, notes = _eras(lo, hi) if show_eras and lo else ([], [])
    rows = {lane: i for i, lane in enumerate(lane_order)}  # top lane first, as drawn
    labels = (chartnotes.place_labels(ev.drop_duplicates("id"), lo, hi, label_px, lane_rows=rows) if lo
              else ev.iloc[0:0])
    notes += [dict(x=x, y=lane, text=_esc(label), showarrow=True, arrowhead=0, arrowwidth=1, xanchor=anchor,
                   arrowcolor="#7b7d7d", ax=0, ay=-24, name="event-label",
                   font=dict(size=CAPTION_FONT, color="#1b2631"), bgcolor="rgba(255,255,255,0.85)")
              for x, lane, label, anchor in zip(labels["x"], labels["lane"], labels["label"], labels["anchor"])]
    if total > len(events):
        title = f"{title} (showing the {len(events):,} most important of {total:,} events)"
    summary = chartnotes.timeline_summary(events, statements, ev.drop_duplicates("id")["lane"], labels, undated)
    window = lo and [lo, hi]
    layout = dict(
        shapes=shapes, annotations=notes, clickmode="event+select", dragmode="zoom", hovermode="closest",
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(lane_order))),
        xaxis=dict(type="date", range=window or None, rangeslider=dict(visible=True, thickness=0.06, range=window or None)),
        legend=dict(font=dict(size=CAPTION_FONT), orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom"),
        margin=dict(r=20, t=150 + 24 * (len(wrap(title)) - 1)))
    height = max(460, 90 + 38 * len(lane_order)) + 150
    return finished_figure(traces, layout, title, caption.with_window(*_data_window(ev, statements, x_range)),
                           height, summary, plain)


def _data_window(ev: pd.DataFrame, statements: pd.DataFrame | None, x_range: tuple | None) -> tuple:
    """The first and last date of what is drawn (not the padded axis), for the caption."""
    if x_range:
        return x_range
    days = [d for frame in (ev, statements) if frame is not None and not frame.empty
            for d in (frame["date_start"].min(), frame["date_start"].max()) if isinstance(d, str)]
    return (min(days), max(days)) if days else (None, None)


def _marker_x(ev: pd.DataFrame) -> np.ndarray:
    """Where each event's marker sits: its day, or the middle of its month/year."""
    x = ev["date_start"].to_numpy(dtype=object).copy()
    approx = (ev["date_precision"] != "day").to_numpy()
    if approx.any():
        try:  # whole days: the middle day, rounded down (as a timestamp at half a day, written as its date)
            start = np.array(ev["date_start"][approx].tolist(), dtype="datetime64[D]")
            end = np.array(ev["date_end"][approx].tolist(), dtype="datetime64[D]")
            x[approx] = (start + (end - start) // 2).astype(str).astype(object)
        except ValueError:  # a date numpy does not read as a day
            start, end = pd.to_datetime(ev["date_start"][approx]), pd.to_datetime(ev["date_end"][approx])
            x[approx] = (start + (end - start) / 2).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    return x


def _span_traces(ev: pd.DataFrame, kind: str) -> list[dict]:
    """Month/year precision: a translucent bar over the covered span (one trace, None-separated segments)."""
    spans = ev[ev["date_precision"] != "day"]
    if spans.empty:
        return []
    n = len(spans)
    xs, ys = np.full(3 * n, None, dtype=object), np.full(3 * n, None, dtype=object)
    xs[0::3], xs[1::3] = spans["date_start"].to_numpy(), spans["date_end"].to_numpy()
    ys[0::3] = ys[1::3] = spans["lane"].to_numpy()
    return [dict(type=kind, x=xs, y=ys, mode="lines", line=dict(width=9, color="rgba(120,130,140,0.35)"),
                 hoverinfo="skip", name="Span of a month/year-precision date", showlegend=True)]


def _event_traces(ev: pd.DataFrame, kind: str, color_by: str, topic_labels) -> list[dict]:
    """One trace per colour and precision (solid: day; open: month or year), each with its legend entry."""
    key_col = "primary_topic" if color_by == "topic" else "category"
    colors = theme.TOPIC_COLORS if color_by == "topic" else theme.CATEGORY_COLORS
    legend_names = (topic_labels or {}) if color_by == "topic" else theme.CATEGORY_LABELS
    hover = np.array([f"<b>{_esc(t)}</b><br>{format_date(d, p)}<br>{_esc(a or '')}" for t, d, p, a in
                      zip(*(ev[c].tolist() for c in ("title", "date", "date_precision", "actor_names")))], dtype=object)
    precise = (ev["date_precision"] == "day").to_numpy()
    sizes = ev["importance"].map(IMPORTANCE_SIZE).fillna(10).to_numpy()
    x, lane, pairs = np.asarray(ev["x"], dtype=object), ev["lane"].to_numpy(), _pairs(ev["id"], "event")
    out = []
    for i, (key, rows) in enumerate(ev.groupby(key_col, sort=True, dropna=False).indices.items()):
        color = theme.color_for(key, colors, i)
        name = legend_names.get(key, "No topic" if not isinstance(key, str) else key)
        for day in (True, False):
            idx = rows[precise[rows] == day]
            if not len(idx):
                continue
            out.append(dict(
                type=kind, x=x[idx], y=lane[idx], mode="markers", name=name + ("" if day else " (approx. date)"),
                legendgroup=str(key), showlegend=day or not precise[rows].any(),
                marker=dict(size=sizes[idx], color=color, symbol="circle" if day else "circle-open",
                            line=dict(width=0.5 if day else 1.5, color="white" if day else color)),
                customdata=pairs[idx], hovertext=hover[idx], hovertemplate="%{hovertext}<extra></extra>"))
    return out


def _statement_traces(statements: pd.DataFrame | None, kind: str) -> list[dict]:
    """The dated statements on their own lane (none when no statement has a date)."""
    if statements is None or statements.empty:
        return []
    st = statements[statements["said_on"].notna()]
    if st.empty:
        return []
    hover = [f"<b>{_esc(n)}</b>: “{_esc(t[:140])}{'…' if len(t) > 140 else ''}”<br>{format_date(d, p)}"
             "<br><i>click to open</i>"
             for n, t, d, p in zip(st["speaker_name"], st["text"], st["said_on"], st["said_on_precision"])]
    return [dict(type=kind, x=st["date_start"].to_numpy(), y=np.full(len(st), "Statements", dtype=object),
                 mode="markers", name="Statement", marker=dict(size=9, symbol="diamond", color=theme.STATEMENT_COLOR),
                 customdata=_pairs(st["id"], "statement"), hovertext=np.array(hover, dtype=object),
                 hovertemplate="%{hovertext}<extra></extra>")]


def _eras(lo: str, hi: str) -> tuple[list[dict], list[dict]]:
    """(shapes, labels) of the eras: each over its true bounds (an open era ends at the axis end, never in an
    empty future); the axis range clips what lies outside. A label sits at the visible start when the visible
    part has room."""
    shown_days = max((pd.Timestamp(hi) - pd.Timestamp(lo)).days, 1)
    shapes, notes = [], []
    for i, (start, end, label, fill) in enumerate(theme.ERAS):
        end = end or hi
        x0, x1 = max(start, lo), min(end, hi)
        if x0 >= x1:
            continue
        shapes.append(dict(type="rect", xref="x", yref="y domain", x0=start, x1=end, y0=0, y1=1, fillcolor=fill,
                           opacity=1, layer="below", line=dict(width=0)))
        room = (len(label) * chartnotes.LABEL_PX_PER_CHAR + 8) / LABEL_PLOT_PX  # its label's share of the width
        if (pd.Timestamp(x1) - pd.Timestamp(x0)).days / shown_days > room:
            notes.append(dict(x=x0, y=1 if i % 2 == 0 else 0, xref="x", yref="paper", text=_esc(label),
                              xanchor="left", yanchor="top" if i % 2 == 0 else "bottom", showarrow=False,
                              name="era", font=dict(size=CAPTION_FONT, color="#7b7d7d")))
    return shapes, notes
