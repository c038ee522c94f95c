"""How much of each period the dataset covers: events and statements (by language) per period, as a chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import theme

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ar": "Arabic", "fr": "French", "uk": "Ukrainian"}
LANGUAGE_COLORS = {"en": "#2874a6", "ru": "#d52b1e", "ar": "#007a3d"}


def coverage_figure(coverage: pd.DataFrame) -> go.Figure:
    """Grouped bars per period: events, then statements stacked by language (queries.fetch_coverage)."""
    df = coverage[coverage["period"] != "undated"]
    langs = [c for c in df.columns if c not in ("period", "events", "statements")]
    fig = go.Figure()
    fig.add_bar(x=df["period"], y=df["events"], name="Events", offsetgroup="events", marker_color="#566573",
                text=df["events"], textposition="outside")
    base = pd.Series(0, index=df.index)
    for lang in sorted(langs, key=lambda x: (x not in LANGUAGE_COLORS, x)):
        fig.add_bar(x=df["period"], y=df[lang], base=base.tolist(), offsetgroup="statements",
                    name=f"Statements in {LANGUAGE_NAMES.get(lang, lang)}",
                    marker_color=LANGUAGE_COLORS.get(lang, "#aab7b8"))
        base = base + df[lang]
    undated = int(coverage.loc[coverage["period"] == "undated", "statements"].sum())
    fig.update_layout(template=theme.TEMPLATE, barmode="group", height=460,
                      title="Coverage by period: events and statements (by language)",
                      legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom"),
                      margin=dict(t=110, b=60), yaxis_title="items", xaxis=dict(type="category"),
                      meta={"summary": coverage_summary(coverage), "undated": undated})
    return fig


def coverage_summary(coverage: pd.DataFrame) -> str:
    """The chart in words, for screen readers and captions."""
    parts = [f"{r['period']}: {int(r['events']):,} events, {int(r['statements']):,} statements"
             for r in coverage.to_dict("records") if r["period"] != "undated"]
    undated = int(coverage.loc[coverage["period"] == "undated", "statements"].sum())
    return "; ".join(parts) + f"; {undated:,} statements have no date the sources settle."
