"""The project's own Plotly template and fixed colours, so figures look the same on screen and in exports.

`import streamlit` switches Plotly's default template; every figure names TEMPLATE explicitly.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"

TOPIC_COLORS = {
    "bases": "#1f4e79",
    "sanctions-unsc": "#c0392b",
    "reconstruction": "#b9770e",
    "energy-trade": "#16a085",
    "currency-finance": "#7d3c98",
    "arms-army": "#5d6d7e",
    "security-intelligence": "#2e4053",
    "assad-legacy": "#a04000",
    "humanitarian": "#27ae60",
    "diplomacy": "#2874a6",
}
CATEGORY_COLORS = {
    "diplomacy": "#2874a6",
    "military": "#1f4e79",
    "economy": "#b9770e",
    "un": "#c0392b",
    "humanitarian": "#27ae60",
    "security": "#2e4053",
    "politics": "#7d3c98",
}
COUNTRY_COLORS = {"SY": "#007a3d", "RU": "#d52b1e", "unattributed": "#95a5a6"}
FALLBACK = ["#34495e", "#8e44ad", "#d35400", "#2c3e50", "#7f8c8d", "#117864", "#943126"]
STATEMENT_COLOR = "#444444"
CATEGORY_LABELS = {"un": "UN", "diplomacy": "Diplomacy", "military": "Military", "economy": "Economy",
                   "humanitarian": "Humanitarian", "security": "Security", "politics": "Politics"}

ERAS = [
    ("1944-07-01", "1991-12-26", "Soviet era", "#f4f6f7"),
    ("1991-12-26", "2011-03-15", "Russian Federation and the Assads", "#fbfcfc"),
    ("2011-03-15", "2015-09-30", "Syrian war", "#f9ebea"),
    ("2015-09-30", "2024-12-08", "Russian intervention", "#eaf2f8"),
    ("2024-12-08", None, "After Assad", "#e9f7ef"),
]

TEMPLATE_NAME = "timeline"


def _template() -> go.layout.Template:
    t = go.layout.Template()
    t.layout = go.Layout(
        font=dict(family=FONT, size=13, color="#1b2631"),
        title=dict(font=dict(size=18), x=0.01, xanchor="left", yref="container", y=0.985, yanchor="top"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(TOPIC_COLORS.values()),
        xaxis=dict(showgrid=True, gridcolor="#eaeded", zeroline=False, linecolor="#aab7b8", ticks="outside"),
        yaxis=dict(showgrid=True, gridcolor="#f2f3f4", zeroline=False, linecolor="#aab7b8", automargin=True),
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=12)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        margin=dict(l=60, r=20, t=120, b=110, autoexpand=True),
    )
    t.data.scatter = [go.Scatter(marker=dict(line=dict(width=0.5, color="white")))]
    return t


pio.templates[TEMPLATE_NAME] = _template()
TEMPLATE = pio.templates[TEMPLATE_NAME]


def color_for(key: str | None, mapping: dict[str, str], index: int = 0) -> str:
    if key in mapping:
        return mapping[key]
    return FALLBACK[index % len(FALLBACK)]
