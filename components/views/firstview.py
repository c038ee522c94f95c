"""A light first view of the Timeline: the slot of the chart shows an empty frame at once, so the browser
fetches and starts Plotly's 4.7 MB bundle while the server is still counting rows and building the figure.

Streamlit loads its Plotly component lazily, when the first chart element arrives; without this the bundle
is requested only after every count and the whole figure are ready. Drawn once per session (later reruns
replace the chart in place, with no flicker and no remount).
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from components import theme
from components.views import output as out

_FLAG = "_firstview_plotly_requested"


def skeleton_figure(height: int = 520) -> go.Figure:
    """Empty axes over the timeline's span, with a line saying the chart is on its way."""
    fig = go.Figure(go.Scatter(x=[], y=[], mode="markers"))
    fig.update_layout(template=theme.TEMPLATE, height=height, margin=dict(l=40, r=20, t=20, b=40),
                      xaxis=dict(range=["1944-01-01", dt.date.today().isoformat()], showgrid=True),
                      yaxis=dict(visible=False), showlegend=False,
                      annotations=[dict(text="Drawing the timeline…", x=0.5, y=0.5, xref="paper", yref="paper",
                                        showarrow=False, font=dict(size=16, color="#666"))])
    return fig


def chart_slots():
    """(slot for the counts line, slot for the chart): call before the counts and the figure are computed;
    fill them with `head.markdown(...)` and `with slot.container(): ...`."""
    head, slot = st.empty(), st.empty()
    if not st.session_state.get(_FLAG):
        st.session_state[_FLAG] = True
        slot.plotly_chart(skeleton_figure(), theme=None, config=out.PLOTLY_CONFIG, width="stretch",
                          key="tl_skeleton")
    return head, slot
