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
    first_view = not st.session_state.get(_FLAG)
    hold_later(first_view)
    if first_view:
        st.session_state[_FLAG] = True
        slot.plotly_chart(skeleton_figure(), theme=None, config=out.PLOTLY_CONFIG, width="stretch",
                          key="tl_skeleton")
    return head, slot


# --- the charts below the timeline, drawn once it is on screen ------------------------------------------------
# On a session's first view the browser evaluates Plotly and draws every chart of the page in one go: the activity
# and barometer charts then delay the timeline's first frame by about half a second of browser CPU. So on that run
# they are sent as their words and a box of their height; a script clicks a hidden button once the timeline is
# drawn, which reruns their fragment (from the cache) with the plots. Any later run draws them at once.

LATER = "_firstview_later"
LATER_BUTTON = "tl_draw_later"

_RELEASE_JS = """<style>[data-testid="stLayoutWrapper"]:has(> .st-key-%(box)s), .st-key-%(box)s {display: none}</style><script>(function () {
  const t0 = Date.now();
  const drawn = () => {  // the timeline's plot has its markers (or is drawn with none to show)
    const gd = document.querySelector('.st-key-%(chart)s .js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd._fullData) return false;
    return !!(gd.querySelector('.scatterlayer .point') || gd.querySelector('canvas.gl-canvas-context') ||
              !gd._fullData.some(t => t.x && t.x.length));
  };
  const click = () => {
    const b = document.querySelector('.st-key-%(button)s button');
    if (b) b.click(); else setTimeout(click, 100);
  };
  const wait = () => {
    if (drawn() || Date.now() - t0 > %(limit_ms)d) requestAnimationFrame(() => setTimeout(click, 100));
    else setTimeout(wait, 100);
  };
  wait();
})();</script>"""


def later_pending() -> bool:
    """True on the run that drew the skeleton, until the browser says the timeline is drawn."""
    return bool(st.session_state.get(LATER))


def hold_later(first_view: bool) -> None:
    """Call once per full run, before the charts: hold the later charts back on a session's first view only."""
    st.session_state[LATER] = first_view


def _release() -> None:
    st.session_state[LATER] = False


def release_when_drawn(chart_key: str, limit_ms: int = 15_000) -> None:
    """The hidden button that draws the later charts, and the script that clicks it once the chart `chart_key` is
    drawn (or after `limit_ms`, whatever the chart does). Call inside the fragment that draws them."""
    with st.container(key=f"{LATER_BUTTON}_box"):  # hidden whole, so it adds no gap to the page
        st.button("Draw the activity and tone charts", key=LATER_BUTTON, on_click=_release)
        st.html(release_html(chart_key, limit_ms), unsafe_allow_javascript=True)


def release_html(chart_key: str, limit_ms: int = 15_000) -> str:
    """The style and script release_when_drawn sends: constants and keys only, never data."""
    return _RELEASE_JS % {"box": f"{LATER_BUTTON}_box", "button": LATER_BUTTON, "chart": chart_key,
                          "limit_ms": int(limit_ms)}
