"""Pure figure builders: DataFrame in, go.Figure out. No I/O, no Streamlit.

Every figure carries its own title and a caption (filters, data date, sources) so an exported image
stands on its own.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components import chartnotes, theme
from components.config import COUNTRY_NAMES

def _esc(text) -> str:
    """Escape for Plotly's text (it renders <, >, & entities but not &quot;)."""
    return html.escape(str(text), quote=False)


# Above this many points the timeline switches to WebGL traces; above MAX_POINTS it samples by importance.
WEBGL_THRESHOLD = 1500
MAX_POINTS = 3_000
MAX_STATEMENT_POINTS = 500
IMPORTANCE_SIZE = {1: 8, 2: 12, 3: 17}
PRECISION_WORD = {"day": "", "week": " (week of)", "month": " (month only)", "year": " (year only)"}


CAPTION_FONT = 12  # the smallest text of a chart: legible at 1x in an exported image
TITLE_WRAP = 100   # characters per title line in an exported image (18 px at 1400 px wide)


@dataclass(frozen=True)
class Caption:
    """What every chart says about itself: filters, the date window shown, the data date and the sources.

    `sources` names the most cited publishers; `more` counts the others, which the caption does not list
    but says where to find (the data download carries every row's source).
    """

    filters: str = "All data, no filters"
    data_date: str = ""
    sources: str = ""
    window: str = ""
    more: int = 0

    def lines(self) -> list[str]:
        parts = [self.filters]
        if self.window:
            parts.append(f"Shown: {self.window}")
        if self.data_date:
            parts.append(f"Data as of {self.data_date}")
        if self.sources and self.more:
            src = (f"Sources: {self.sources} and {self.more:,} more publishers, every one listed in the data "
                   "download (CSV/JSON)")
        elif self.sources:
            src = f"Sources: {self.sources}"
        else:
            src = "Sources: every item's source is listed in the data download (CSV/JSON)"
        return [" · ".join(parts), src]

    def text(self) -> str:
        return "<br>".join(_esc(line) for line in self.lines())

    def with_window(self, lo: str | None, hi: str | None) -> Caption:
        from dataclasses import replace
        return replace(self, window=f"{lo} to {hi}" if lo and hi else self.window)


def wrap(text: str, width: int = TITLE_WRAP) -> list[str]:
    """Split a line at spaces into lines of at most `width` characters (a longer word stays whole)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _finish(fig: go.Figure, title: str, caption: Caption, height: int, summary: str = "") -> go.Figure:
    """Title, caption and the words about the chart: on the figure for exports, in `layout.meta` for the page
    (which draws them as text, see screen_version)."""
    title_lines = wrap(title)
    fig.update_layout(
        template=theme.TEMPLATE, height=height + 24 * (len(title_lines) - 1),
        title=dict(text="<br>".join(_esc(t) for t in title_lines)),
        meta={"title": title, "caption": caption.lines(), "summary": summary},
    )
    fig.add_annotation(text=caption.text(), xref="paper", yref="paper", x=0, y=0, yshift=-95,
                       xanchor="left", yanchor="bottom", align="left", showarrow=False, name="caption",
                       font=dict(size=CAPTION_FONT, color="#566573"))
    return fig


def screen_version(fig: go.Figure) -> go.Figure:
    """The figure as a page draws it: title, caption and summary are page text (they wrap at any width and
    cannot overlap the legend or the range slider), so the figure keeps only the plot and its legend."""
    out = go.Figure(fig)
    extra = 24 * str(fig.layout.title.text or "").count("<br>")
    out.update_layout(title_text="", height=(fig.layout.height or 500) - extra - 60,
                      annotations=[a for a in out.layout.annotations if a.name != "caption"],
                      margin=dict(t=40, b=40))
    return out


def meta_of(fig: go.Figure) -> dict:
    """{'title', 'caption' (lines), 'summary'} of a figure built here."""
    meta = fig.layout.meta
    return meta if isinstance(meta, dict) else {"title": "", "caption": [], "summary": ""}


def empty_figure(title: str, message: str, caption: Caption | None = None) -> go.Figure:
    """A figure that says why it is empty (and what to change), instead of blank axes."""
    fig = go.Figure()
    fig.add_annotation(text=_esc(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=15, color="#566573"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _finish(fig, title, caption or Caption(), 360, summary=message)


def format_date(date: str | None, precision: str | None) -> str:
    """'2025-10-15', '2025-10 (month only)', 'date unknown'."""
    if not date:
        return "date unknown"
    return f"{date}{PRECISION_WORD.get(precision or 'day', '')}"


def _lane_labels(events: pd.DataFrame, lane_by: str, lanes: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (event, lane): the lane is the category, initiator's country, or each top actor."""
    ev = events.copy()
    if lane_by == "country":
        ev["lane"] = [COUNTRY_NAMES.get(c, c) if isinstance(c, str) else "International / none"
                      for c in ev["initiator_country"]]
    elif lane_by == "actor" and lanes is not None and not lanes.empty:
        ev = ev.merge(lanes[["event_id", "actor_name"]], left_on="id", right_on="event_id", how="left")
        ev["lane"] = ev["actor_name"].fillna("Other actors")
    else:
        ev["lane"] = [theme.CATEGORY_LABELS.get(c, str(c)) for c in ev["category"]]
    return ev


def _pairs(ids: pd.Series, kind: str) -> np.ndarray:
    """customdata rows (id, kind) as one array: Plotly validates arrays far faster than lists of tuples."""
    out = np.empty((len(ids), 2), dtype=object)
    out[:, 0] = ids.to_numpy()
    out[:, 1] = kind
    return out


def _extent(events: pd.DataFrame, statements: pd.DataFrame | None) -> tuple[str | None, str | None]:
    """First and last day shown, padded by a month, as YYYY-MM-DD."""
    starts = list(events["date_start"]) if not events.empty else []
    ends = list(events["date_end"]) if not events.empty else []
    if statements is not None and not statements.empty:
        dated = statements[statements["date_start"].notna()]
        starts += list(dated["date_start"])
        ends += list(dated["date_start"])
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


def timeline_figure(events: pd.DataFrame, statements: pd.DataFrame | None = None, *, lane_by: str = "category",
                    color_by: str = "topic", lanes: pd.DataFrame | None = None, x_range: tuple | None = None,
                    topic_labels: dict[str, str] | None = None, total_events: int | None = None,
                    title: str = "Syria–Russia relations: events and statements", caption: Caption = Caption(),
                    show_eras: bool = True, max_points: int = MAX_POINTS) -> go.Figure:
    """The main timeline. Day-precise events are solid markers; month/year events are open markers
    with a bar across the whole month or year, so nobody reads them as day-precise."""
    if events.empty and (statements is None or statements.empty):
        return empty_figure(title, "No events or statements match these filters. Widen the dates or clear a filter.",
                            caption)
    total = max(total_events or 0, len(events))
    events = _sample(events, max_points)
    ev = _lane_labels(events, lane_by, lanes)
    use_gl = len(ev) > WEBGL_THRESHOLD
    Scatter = go.Scattergl if use_gl else go.Scatter
    fig = go.Figure()
    key_col = "primary_topic" if color_by == "topic" else "category"
    colors = theme.TOPIC_COLORS if color_by == "topic" else theme.CATEGORY_COLORS
    legend_names = (topic_labels or {}) if color_by == "topic" else theme.CATEGORY_LABELS
    lane_order = sorted(ev["lane"].dropna().unique().tolist()) if not ev.empty else []

    # Month/year precision: a translucent bar over the covered span (one trace, None-separated segments).
    spans = ev[ev["date_precision"] != "day"]
    if not spans.empty:
        xs, ys = [], []
        for r in spans.itertuples():
            xs += [r.date_start, r.date_end, None]
            ys += [r.lane, r.lane, None]
        fig.add_trace(Scatter(x=xs, y=ys, mode="lines", line=dict(width=9, color="rgba(120,130,140,0.35)"),
                              hoverinfo="skip", name="Span of a month/year-precision date", showlegend=True))

    for i, (key, grp) in enumerate(ev.groupby(key_col, sort=True, dropna=False)):
        color = theme.color_for(key, colors, i)
        for precise in (True, False):
            g = grp[(grp["date_precision"] == "day") == precise]
            if g.empty:
                continue
            mid = g["date_start"] if precise else pd.to_datetime(g["date_start"]) + (
                pd.to_datetime(g["date_end"]) - pd.to_datetime(g["date_start"])) / 2
            hover = [f"<b>{_esc(t)}</b><br>{format_date(d, p)}<br>{_esc(a or '')}"
                     for t, d, p, a in zip(g["title"], g["date"], g["date_precision"], g["actor_names"])]
            fig.add_trace(Scatter(
                x=np.asarray(mid), y=g["lane"].to_numpy(), mode="markers",
                name=legend_names.get(key, str(key)) + ("" if precise else " (approx. date)"),
                legendgroup=str(key), showlegend=precise or not (grp["date_precision"] == "day").any(),
                marker=dict(size=g["importance"].map(IMPORTANCE_SIZE).fillna(10).to_numpy(), color=color,
                            symbol="circle" if precise else "circle-open",
                            line=dict(width=1.5 if not precise else 0.5, color=color if not precise else "white")),
                customdata=_pairs(g["id"], "event"),
                hovertext=np.array(hover, dtype=object), hovertemplate="%{hovertext}<extra></extra>"))

    if statements is not None and len(statements) > MAX_STATEMENT_POINTS:
        statements = statements.sort_values("date_start", ascending=False).head(MAX_STATEMENT_POINTS)
    if statements is not None and not statements.empty:
        st = statements[statements["said_on"].notna()]
        if not st.empty:
            hover = [f"<b>{_esc(n)}</b>: “{_esc(t[:140])}{'…' if len(t) > 140 else ''}”<br>"
                     f"{format_date(d, p)}"
                     for n, t, d, p in zip(st["speaker_name"], st["text"], st["said_on"], st["said_on_precision"])]
            fig.add_trace(Scatter(
                x=st["date_start"].to_numpy(), y=np.full(len(st), "Statements", dtype=object), mode="markers",
                name="Statement",
                marker=dict(size=9, symbol="diamond", color=theme.STATEMENT_COLOR),
                customdata=_pairs(st["id"], "statement"),
                hovertext=np.array(hover, dtype=object), hovertemplate="%{hovertext}<extra></extra>"))
        lane_order = ["Statements", *lane_order]

    lo, hi = _extent(ev, statements)
    if show_eras and lo:
        shown_days = max((pd.Timestamp(hi) - pd.Timestamp(lo)).days, 1)
        for i, (start, end, label, fill) in enumerate(theme.ERAS):
            x0, x1 = max(start, lo), min(end or pd.Timestamp.today().strftime("%Y-%m-%d"), hi)
            if x0 >= x1:
                continue  # era outside the data shown: drawing it would stretch the axis
            wide = (pd.Timestamp(x1) - pd.Timestamp(x0)).days / shown_days > 0.05  # room for its label
            # labels alternate between the top and the bottom edge so neighbours do not overprint
            fig.add_vrect(x0=x0, x1=x1, fillcolor=fill, opacity=1, layer="below", line_width=0,
                          annotation_text=label if wide else "",
                          annotation_position="top left" if i % 2 == 0 else "bottom left",
                          annotation_font=dict(size=10, color="#7b7d7d"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lane_order)), title=None)
    fig.update_xaxes(type="date", rangeslider=dict(visible=True, thickness=0.06), title=None,
                     range=list(x_range) if x_range else None)
    if total > len(events):
        title = f"{title} (showing the {len(events):,} most important of {total:,} events)"
    height = max(460, 90 + 38 * len(lane_order)) + 150
    fig = _finish(fig, title, caption, height)
    fig.update_layout(clickmode="event+select", dragmode="zoom", hovermode="closest",
                      legend=dict(font=dict(size=11), orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom"),
                      margin=dict(r=20, t=150))
    return fig


def activity_figure(activity: pd.DataFrame, topic_labels: dict[str, str], *, freq: str = "year",
                    title: str = "Activity: events and statements per period, by topic",
                    caption: Caption = Caption()) -> go.Figure:
    """Stacked bars by primary topic: events on top, statements below, on a shared time axis."""
    if activity.empty:
        return empty_figure(title, "Nothing to count under these filters.", caption)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("Events", "Statements"))
    for row, kind in ((1, "events"), (2, "statements")):
        sub = activity[activity["kind"] == kind]
        for i, (topic, g) in enumerate(sub.groupby("topic_id", sort=True)):
            fig.add_trace(go.Bar(x=g["period"], y=g["n"], name=topic_labels.get(topic, topic), legendgroup=topic,
                                 showlegend=row == 1 or topic not in set(activity[activity.kind == "events"].topic_id),
                                 marker_color=theme.color_for(topic, theme.TOPIC_COLORS, i),
                                 hovertemplate=f"{_esc(topic_labels.get(topic, topic))}<br>%{{x}}: %{{y}} {kind}"
                                               "<extra></extra>"),
                          row=row, col=1)
    fig.update_layout(barmode="stack", legend=dict(orientation="v", x=1.01, y=1, xanchor="left", yanchor="top"),
                      margin=dict(r=260, t=90))
    fig.update_xaxes(type="date")
    fig.update_yaxes(title_text="count", rangemode="tozero")
    return _finish(fig, title, caption, 560)


def barometer_figure(barometer: pd.DataFrame, *, title: str = "Relations barometer: mean tone of events",
                     caption: Caption = Caption(), freq: str = "month") -> go.Figure:
    """Mean cooperation–conflict tone per period (−10..+10), marker size and hover give the count behind it."""
    if barometer.empty:
        return empty_figure(title, "No events to score under these filters.", caption)
    x = pd.to_datetime(barometer["period"] + ("-01" if freq == "month" else "-01-01"))
    sizes = [min(6 + 3 * n, 26) for n in barometer["n"]]
    fig = go.Figure()
    fig.add_hline(y=0, line=dict(color="#aab7b8", width=1))
    fig.add_trace(go.Scatter(
        x=x, y=barometer["mean_tone"].round(2), mode="lines+markers", name="Mean tone",
        line=dict(color="#566573", width=1.5), marker=dict(size=sizes, color=barometer["mean_tone"],
                                                           colorscale="RdYlGn", cmin=-10, cmax=10,
                                                           line=dict(width=0.5, color="#1b2631")),
        customdata=list(zip(barometer["n"], barometer["min_tone"], barometer["max_tone"], barometer["period"])),
        hovertemplate="%{customdata[3]}: mean tone %{y:.1f} from %{customdata[0]} event(s)"
                      " (range %{customdata[1]}..%{customdata[2]})<extra></extra>"))
    fig.update_yaxes(range=[-10.5, 10.5], title_text="tone (−10 conflict … +10 cooperation)")
    fig.update_xaxes(type="date")
    fig.update_layout(showlegend=False)
    return _finish(fig, title, caption, 420)


def topic_trends_figure(trends: pd.DataFrame, *, title: str = "Topics over time (events and statements)",
                        caption: Caption = Caption()) -> go.Figure:
    """One line per topic: items tagged with it per period."""
    if trends.empty:
        return empty_figure(title, "No tagged items under these filters.", caption)
    fig = go.Figure()
    for i, (topic, g) in enumerate(trends.groupby("topic_id", sort=True)):
        label = g["label"].iloc[0]
        fig.add_trace(go.Scatter(x=g["period"], y=g["n"], mode="lines+markers", name=label,
                                 line=dict(color=theme.color_for(topic, theme.TOPIC_COLORS, i), width=2),
                                 hovertemplate=f"{_esc(label)}<br>%{{x}}: %{{y}}<extra></extra>"))
    fig.update_xaxes(type="date")
    fig.update_yaxes(title_text="events + statements", rangemode="tozero")
    return _finish(fig, title, caption, 480)


def topic_country_figure(share: pd.DataFrame, *, title: str = "Who speaks on each topic: statements by country",
                         caption: Caption = Caption()) -> go.Figure:
    """Horizontal stacked bars: per topic, statements by speaker country."""
    if share.empty:
        return empty_figure(title, "No statements under these filters.", caption)
    fig = go.Figure()
    for i, (country, g) in enumerate(share.groupby("country", sort=True)):
        name = COUNTRY_NAMES.get(country, "Unnamed / unattributed" if country == "unattributed" else country)
        fig.add_trace(go.Bar(y=g["label"], x=g["n"], orientation="h", name=name,
                             marker_color=theme.color_for(country, theme.COUNTRY_COLORS, i),
                             hovertemplate=f"{_esc(name)}<br>%{{y}}: %{{x}}<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="statements")
    return _finish(fig, title, caption, 120 + 40 * share["label"].nunique() + 110)


def speaker_timeline_figure(statements: pd.DataFrame, *, title: str, caption: Caption = Caption()) -> go.Figure:
    """One official's statements over time, one marker per quote, by primary topic."""
    dated = statements[statements["said_on"].notna()] if not statements.empty else statements
    if dated.empty:
        return empty_figure(title, "No dated statements for this official under these filters.", caption)
    dated = dated.assign(primary=[t.split(",")[0] for t in dated["topic_ids"]])
    fig = go.Figure()
    for i, (topic, g) in enumerate(dated.groupby("primary", sort=True)):
        fig.add_trace(go.Scatter(
            x=g["date_start"], y=[topic] * len(g), mode="markers", name=topic,
            marker=dict(size=11, symbol="diamond", color=theme.color_for(topic, theme.TOPIC_COLORS, i)),
            hovertext=[f"“{_esc(t[:120])}”<br>{format_date(d, p)}"
                       for t, d, p in zip(g["text"], g["said_on"], g["said_on_precision"])],
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_xaxes(type="date")
    fig.update_layout(showlegend=False)
    return _finish(fig, title, caption, 360)
