"""Pure figure builders: DataFrame in, go.Figure out. No I/O, no Streamlit.

Every figure carries its own title and a caption (filters, data date, sources) so an exported image
stands on its own.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import chartnotes, theme
from components.config import COUNTRY_NAMES

def _esc(text) -> str:
    """Escape for Plotly's text (it renders <, >, & entities but not &quot;). Most text has none of the three:
    it is returned as it is (the timeline escapes about 7,000 strings a rerun)."""
    text = str(text)
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


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
    more_at_least: bool = False  # `more` counted in a sample of the newest items: a lower bound

    def lines(self) -> list[str]:
        parts = [self.filters]
        if self.window:
            parts.append(f"Shown: {self.window}")
        if self.data_date:
            parts.append(f"Data as of {self.data_date}")
        if self.sources and self.more:
            src = (f"Sources: {self.sources} and {'at least ' if self.more_at_least else ''}{self.more:,} more "
                   "publishers, every one listed in the data download (CSV/JSON)")
        elif self.sources:
            src = f"Sources: {self.sources}"
        else:
            src = "Sources: every item's source is listed in the data download (CSV/JSON)"
        return [" · ".join(parts), src]

    def text(self) -> str:
        return "<br>".join(_esc(line) for line in self.lines())

    def with_window(self, lo: str | None, hi: str | None) -> Caption:
        """The drawn data's first and last date, unless a date filter already set the window."""
        from dataclasses import replace
        return replace(self, window=f"{lo} to {hi}") if lo and hi and not self.window else self


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
    words = _finish_layout(title, caption, height, summary)
    note = words.pop("annotations")[0]
    fig.update_layout(**words)
    fig.add_annotation(**note)
    return fig


def finished_figure(data: list[dict], layout: dict, title: str, caption: Caption, height: int,
                    summary: str = "", plain: bool = False) -> go.Figure | dict:
    """A figure from plain trace and layout dicts with `_finish`'s words, validated once by go.Figure (one
    pass over the dicts is several times faster than add_trace/add_annotation one at a time).

    plain=True returns the figure dict itself, unvalidated: the page's path (screen.chart_view), where the
    same builder's dicts are the ones go.Figure validates in its tests and in every export."""
    words = _finish_layout(title, caption, height, summary, plain)
    figure = {"data": data, "layout": {**layout, **words,
                                       "annotations": [*layout.get("annotations", []), *words["annotations"]]}}
    return figure if plain else go.Figure(figure)


@functools.cache
def _template_dict() -> dict:
    return theme.TEMPLATE.to_plotly_json()


def _finish_layout(title: str, caption: Caption, height: int, summary: str, plain: bool = False) -> dict:
    title_lines = wrap(title)
    return dict(template=_template_dict() if plain else theme.TEMPLATE, height=height + 24 * (len(title_lines) - 1),
                title=dict(text="<br>".join(_esc(t) for t in title_lines)),
                meta={"title": title, "caption": caption.lines(), "summary": summary},
                annotations=[dict(text=caption.text(), xref="paper", yref="paper", x=0, y=0, yshift=-95,
                                  xanchor="left", yanchor="bottom", align="left", showarrow=False, name="caption",
                                  font=dict(size=CAPTION_FONT, color="#566573"))])


def _pairs(ids: pd.Series, kind: str) -> np.ndarray:
    """customdata rows (id, kind) as one array: Plotly validates arrays far faster than lists of tuples."""
    out = np.empty((len(ids), 2), dtype=object)
    out[:, 0] = ids.to_numpy()
    out[:, 1] = kind
    return out


def empty_figure(title: str, message: str, caption: Caption | None = None, plain: bool = False) -> go.Figure | dict:
    """A figure that says why it is empty (and what to change), instead of blank axes."""
    note = dict(text=_esc(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                font=dict(size=15, color="#566573"))
    layout = dict(annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False))
    return finished_figure([], layout, title, caption or Caption(), 360, summary=message, plain=plain)


def format_date(date: str | None, precision: str | None) -> str:
    """'2025-10-15', '2025-10 (month only)', 'date unknown'."""
    if not date:
        return "date unknown"
    return f"{date}{PRECISION_WORD.get(precision or 'day', '')}"


def activity_figure(activity: pd.DataFrame, topic_labels: dict[str, str], *, freq: str = "year",
                    title: str = "Activity: events and statements per period, by topic",
                    caption: Caption = Caption(), plain: bool = False) -> go.Figure | dict:
    """Stacked bars by primary topic: events on top, statements below, on a shared time axis (the layout
    make_subplots(rows=2, shared_xaxes=True) writes, as plain dicts validated once)."""
    if activity.empty:
        return empty_figure(title, "Nothing to count under these filters.", caption, plain)
    with_events = set(activity.loc[activity["kind"] == "events", "topic_id"])
    traces = []
    for row, kind in ((1, "events"), (2, "statements")):
        sub = activity[activity["kind"] == kind]
        for i, (topic, g) in enumerate(sub.groupby("topic_id", sort=True)):
            label = topic_labels.get(topic, topic)
            traces.append(dict(type="bar", x=g["period"].to_numpy(), y=g["n"].to_numpy(), name=label, legendgroup=topic,
                               showlegend=row == 1 or topic not in with_events, xaxis=f"x{row if row > 1 else ''}",
                               yaxis=f"y{row if row > 1 else ''}",
                               marker=dict(color=theme.color_for(topic, theme.TOPIC_COLORS, i)),
                               hovertemplate=f"{_esc(label)}<br>%{{x}}: %{{y}} {kind}<extra></extra>"))
    counts = dict(rangemode="tozero", title=dict(text="count"))
    titles = [dict(text=text, x=0.5, y=y, xref="paper", yref="paper", xanchor="center", yanchor="bottom",
                   showarrow=False, font=dict(size=13)) for text, y in (("Events", 1.0), ("Statements", 0.46))]
    layout = dict(barmode="stack", annotations=titles, margin=dict(r=20, t=170),
                  legend=dict(orientation="h", x=0, y=1.06, xanchor="left", yanchor="bottom", font=dict(size=CAPTION_FONT)),
                  xaxis=dict(anchor="y", domain=[0.0, 1.0], matches="x2", showticklabels=False, type="date"),
                  xaxis2=dict(anchor="y2", domain=[0.0, 1.0], type="date"),
                  yaxis=dict(anchor="x", domain=[0.54, 1.0], **counts), yaxis2=dict(anchor="x2", domain=[0.0, 0.46], **counts))
    lo, hi = activity["period"].min(), activity["period"].max()
    return finished_figure(traces, layout, title, caption.with_window(lo, hi), 600,
                           chartnotes.activity_summary(activity, topic_labels, freq), plain)


# spelled out as Plotly's validator writes it: Plotly.js knows only a few colour scales by name
_RD_YL_GN = [list(stop) for stop in go.scatter.Marker(colorscale="RdYlGn").colorscale]


def barometer_figure(barometer: pd.DataFrame, *, title: str = "Relations barometer: mean tone of events",
                     caption: Caption = Caption(), freq: str = "month", plain: bool = False) -> go.Figure | dict:
    """Mean cooperation–conflict tone per period (−10..+10), marker size and hover give the count behind it."""
    if barometer.empty:
        return empty_figure(title, "No events to score under these filters.", caption, plain)
    summary = chartnotes.barometer_summary(barometer, freq)
    window = (barometer["period"].min(), barometer["period"].max())
    barometer = chartnotes.with_gaps(barometer, freq)  # a period without events breaks the line
    x = pd.to_datetime(barometer["period"] + ("-01" if freq == "month" else "-01-01"))
    n = barometer["n"].to_numpy(dtype=float)
    sizes = np.where(np.isnan(n), 0, np.minimum(6 + 3 * n, 26))
    custom = np.empty((len(barometer), 4), dtype=object)
    for j, col in enumerate(("n", "min_tone", "max_tone")):  # a gap's counts are null, not NaN, in the hover data
        values = barometer[col].to_numpy(dtype=float)
        custom[:, j] = np.where(np.isnan(values), None, values)
    custom[:, 3] = barometer["period"].to_numpy(dtype=object)
    tone = barometer["mean_tone"].to_numpy(dtype=float)
    trace = dict(type="scatter", x=x.dt.strftime("%Y-%m-%d").to_numpy(dtype=object), y=np.round(tone, 2),
                 mode="lines+markers", name="Mean tone", connectgaps=False, line=dict(color="#566573", width=1.5),
                 marker=dict(size=sizes, color=tone, colorscale=_RD_YL_GN, cmin=-10, cmax=10,
                             line=dict(width=0.5, color="#1b2631")),
                 customdata=custom,
                 hovertemplate="%{customdata[3]}: mean tone %{y:.1f} from %{customdata[0]} event(s)"
                               " (range %{customdata[1]}..%{customdata[2]})<extra></extra>")
    pad = pd.Timedelta(days=120)  # the axis ends with the data: no empty future
    layout = dict(showlegend=False, yaxis=dict(range=[-10.5, 10.5], title=dict(text="tone (−10 conflict … +10 cooperation)")),
                  xaxis=dict(type="date", range=[(x.min() - pad).strftime("%Y-%m-%d"), (x.max() + pad).strftime("%Y-%m-%d")]),
                  shapes=[dict(type="line", xref="x domain", yref="y", x0=0, x1=1, y0=0, y1=0,
                               line=dict(color="#aab7b8", width=1))])
    return finished_figure([trace], layout, title, caption.with_window(*window), 420, summary, plain)


def topic_trends_figure(trends: pd.DataFrame, *, title: str = "Topics over time (events and statements)",
                        caption: Caption = Caption()) -> go.Figure:
    """One line per topic: items tagged with it per period."""
    if trends.empty:
        return empty_figure(title, "No tagged items under these filters.", caption)
    fig = go.Figure()
    periods = chartnotes.with_gaps(trends[["period"]].drop_duplicates(), "year" if len(trends["period"].iloc[0]) == 4
                                   else "month")[["period"]]
    for i, (topic, g) in enumerate(trends.groupby("topic_id", sort=True)):
        label = g["label"].iloc[0]
        g = periods.merge(g[["period", "n"]], on="period", how="left").fillna({"n": 0})  # no item tagged: zero
        fig.add_trace(go.Scatter(x=g["period"], y=g["n"], mode="lines", name=label,
                                 line=dict(color=theme.color_for(topic, theme.TOPIC_COLORS, i), width=2),
                                 hovertemplate=f"{_esc(label)}<br>%{{x}}: %{{y}}<extra></extra>"))
    fig.update_xaxes(type="date")
    fig.update_yaxes(title_text="events + statements", rangemode="tozero")
    fig.update_layout(legend=dict(font=dict(size=CAPTION_FONT), y=1.04), margin=dict(t=150))
    return _finish(fig, title, caption.with_window(trends["period"].min(), trends["period"].max()), 520,
                   chartnotes.topic_trends_summary(trends))


def topic_country_figure(share: pd.DataFrame, *, title: str = "Who speaks on each topic: statements by country",
                         caption: Caption = Caption()) -> go.Figure:
    """Horizontal stacked bars: per topic, statements by speaker country."""
    if share.empty:
        return empty_figure(title, "No statements under these filters.", caption)
    fig = go.Figure()
    for i, (country, g) in enumerate(share.groupby("country", sort=True)):
        name = COUNTRY_NAMES.get(country, "Unnamed / unattributed" if country == "unattributed" else country)
        # short lane names leave a phone-width plot room for its bars; the hover names the whole topic
        fig.add_trace(go.Bar(y=[chartnotes.short_title(t, 24) for t in g["label"]], x=g["n"], orientation="h",
                             name=name, marker_color=theme.color_for(country, theme.COUNTRY_COLORS, i),
                             customdata=g["label"].to_numpy(),
                             hovertemplate=f"{_esc(name)}<br>%{{customdata}}: %{{x}}<extra></extra>"))
    fig.update_layout(barmode="stack", legend=dict(font=dict(size=CAPTION_FONT)))
    fig.update_xaxes(title_text="statements")
    return _finish(fig, title, caption, 120 + 40 * share["label"].nunique() + 110,
                   chartnotes.topic_country_summary(share, COUNTRY_NAMES))


def speaker_timeline_figure(statements: pd.DataFrame, *, title: str, caption: Caption = Caption(),
                            topic_labels: dict[str, str] | None = None, name: str = "this official") -> go.Figure:
    """One official's statements over time, one marker per quote, on a lane per primary topic (by its label)."""
    labels = topic_labels or {}
    dated = statements[statements["said_on"].notna()] if not statements.empty else statements
    summary = chartnotes.speaker_summary(statements, name, labels)
    if dated.empty:
        return empty_figure(title, summary, caption)
    dated = dated.assign(primary=[(t or "").split(",")[0] if isinstance(t, str) else "" for t in dated["topic_ids"]])
    fig = go.Figure()
    for i, (topic, g) in enumerate(dated.groupby("primary", sort=True)):
        label = labels.get(topic, topic) or "No topic"
        fig.add_trace(go.Scatter(
            x=g["date_start"], y=[label] * len(g), mode="markers", name=label,
            marker=dict(size=11, symbol="diamond", color=theme.color_for(topic, theme.TOPIC_COLORS, i)),
            customdata=_pairs(g["id"], "statement"),
            hovertext=[f"“{_esc(t[:120])}”<br>{format_date(d, p)}"
                       for t, d, p in zip(g["text"], g["said_on"], g["said_on_precision"])],
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_xaxes(type="date")
    fig.update_layout(showlegend=False)
    lanes = dated["primary"].nunique()
    window = (dated["date_start"].min(), dated["date_start"].max())
    return _finish(fig, title, caption.with_window(*window), 300 + 34 * lanes, summary)


from components.screen import (  # noqa: E402,F401  (what a page draws of a figure: components/screen.py)
    chart_view, drawable, legend_items, meta_of, screen_version)
from components.timelinefig import timeline_figure  # noqa: E402,F401  (the timeline lives in its own module)
