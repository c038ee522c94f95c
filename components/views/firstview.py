"""A light first view of the Timeline: the slot of the chart shows an empty frame at once, so the browser
fetches and starts Plotly's 4.7 MB bundle while the server is still counting rows and building the figure.

Streamlit loads its Plotly component lazily, when the first chart element arrives; without this the bundle
is requested only after every count and the whole figure are ready. Drawn once per session (later reruns
replace the chart in place, with no flicker and no remount).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import logging
import os
import time
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from components import exporting, theme
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


@dataclass(frozen=True)
class FirstImage:
    """The warm-up's image of the view on a session's first view: `plot` False on the first run (the image alone,
    with the hidden button its script clicks once the image is on screen), True on the run that button asks for
    (the plot drawn under the image, which goes once the plot is drawn)."""
    src: str
    plot: bool


def chart_slots(image: str | None = None):
    """(slot for the counts line, slot for the chart, FirstImage or None): call before the counts and the figure
    are computed; fill them with `head.markdown(...)` and `with slot.container(): ...`.

    `image` (first_image() of the view): on a session's first view it takes the chart's place at once instead of
    the empty frame, and the plot follows on the next run (see the section below)."""
    head, slot = st.empty(), st.empty()
    first_view = not st.session_state.get(_FLAG)
    plot_run = bool(st.session_state.pop(_PLOT_ASKED, False))
    hold_later(first_view or plot_run)
    if not first_view:
        return head, slot, FirstImage(image, plot=True) if plot_run and image else None
    st.session_state[_FLAG] = True
    if image:
        with slot.container():
            show_image(image)
        return head, slot, FirstImage(image, plot=False)
    slot.plotly_chart(skeleton_figure(), theme=None, config=out.PLOTLY_CONFIG, width="stretch", key="tl_skeleton")
    return head, slot, None


# --- a server-drawn image of the first view ----------------------------------------------------------------------
# A fresh browser spends seconds evaluating Plotly's module and drawing the timeline (about 0.8 s and 0.9 s of CPU
# at 1,000,000 statements), and it paints nothing of the page until that is done when the plot comes with it. The
# server's warm-up (components/views/warmup.py) draws the default view once as an image (kaleido, the export's
# browser). A session's first view of that view is sent with the image in the chart's place and no plot; once the
# image is on screen a script clicks a hidden button, and that run (from the caches: a Timeline rerun) sends the
# plot under the image, which the script removes once the plot is drawn. Other views have no image (drawing one
# takes kaleido 1-3 s, which no visitor should wait for) and show the empty frame.

IMAGE_WIDTH = 940           # px: the chart's width beside the sidebar in a 1,400 px window (measured)
IMAGE_BUTTON = "tl_draw_plot"
_PLOT_ASKED = "_firstview_plot_asked"
_IMAGES: dict[tuple, str] = {}  # (database key, filters, options) -> data: URI, drawn at warm-up only
_MAX_IMAGES = 8
LOG = logging.getLogger("timeline.warmup")  # the warm-up's log: its handler prints it


def images_enabled() -> bool:
    """`TIMELINE_FIRST_IMAGE=0` turns the first-view image off (no browser at start: about 400 MB less, PSS)."""
    return os.environ.get("TIMELINE_FIRST_IMAGE", "1") not in ("0", "false", "no")


def _image_key(db_key, f, opts: dict) -> tuple:
    return (db_key, f, tuple(sorted(opts.items())))


def first_image(db_key, f, opts: dict) -> str | None:
    """The warm-up's image of this view (a data: URI), or None."""
    return _IMAGES.get(_image_key(db_key, f, opts))


def remember_image(db_key, f, opts: dict, view: dict) -> None:
    """During the server's warm-up only: draw the timeline view as the first view's image (WebP, kept in memory).
    A machine without Chromium, or any failure, leaves no image: the first view then shows the empty frame."""
    from components.views import warmup

    key = _image_key(db_key, f, opts)
    if not warmup.running() or not images_enabled() or key in _IMAGES or len(_IMAGES) >= _MAX_IMAGES:
        return
    t = time.perf_counter()
    try:
        data = draw_image(view["figure"], "webp", width=IMAGE_WIDTH)
    except Exception:  # noqa: BLE001 - an image is a nicety; the page works without it
        LOG.exception("Warm-up: no first-view image (the first view shows the empty frame)")
        return
    _IMAGES[key] = "data:image/webp;base64," + base64.b64encode(data).decode("ascii")
    LOG.info("Warm-up: first-view image drawn in %.1f s (%d kB)", time.perf_counter() - t, len(data) // 1024)


def draw_image(figure: dict, fmt: str, width: int) -> bytes:
    """The screen figure as the browser draws it (range slider and all), drawn as the exports are
    (exporting.static_traces and render_spec: SVG markers for WebGL ones, no hover data, drawn once)."""
    spec = exporting.static_traces(copy.deepcopy(figure))
    spec.setdefault("layout", {})
    return exporting.render_spec(spec, fmt, width, int(spec["layout"].get("height") or 450))


_IMAGE_HTML = """<div class="first-image" role="img" aria-label="The timeline chart (an image while the interactive \
chart loads)" style="height:%(height)dpx"><img src="%(src)s" alt="" style="width:100%%;height:100%%;\
object-fit:contain;object-position:left top"><span class="muted first-image-note">Loading the interactive \
chart…</span></div>"""

# The same block on both runs (so the browser keeps it, and its script, from one to the other): the image lies over
# the plot's place (kept free by the box's height; the plot's loading skeleton would show through), lets clicks
# through; the script clicks the hidden button once the image is painted, and removes the image once the plot is drawn.
_IMAGE_BLOCK = """<style>.st-key-%(box)s {position: relative; min-height: %(height)dpx}
.st-key-%(box)s > [data-testid="stElementContainer"]:has(.first-image-block) {position: absolute; inset: 0 0 auto 0;
z-index: 2; pointer-events: none; background: white}
.st-key-%(button)s {display: none}</style><div class="first-image-block">%(image)s</div><script>(function () {
  const box = () => document.querySelector('.st-key-%(box)s');
  const t0 = Date.now();
  let asked = false;
  const ask = () => {  // the button may be drawn a moment after this script runs: look again until it is there
    if (asked) return;
    const b = document.querySelector('.st-key-%(button)s button');
    if (b) { asked = true; b.click(); } else if (box() && Date.now() - t0 < 60000) setTimeout(ask, 20);
  };
  const img = document.querySelector('.st-key-%(box)s .first-image img');
  const painted = () => requestAnimationFrame(() => setTimeout(ask, 0));
  if (!img || img.complete) painted(); else { img.addEventListener('load', painted); img.addEventListener('error', painted); }
  setTimeout(ask, %(limit_ms)d);  // whatever the image does
  const tick = () => {
    const b = box();
    if (!b || !b.querySelector('.first-image')) return;  // another view replaced it
    const gd = b.querySelector('.js-plotly-plot');
    const drawn = gd && gd._fullLayout && gd._fullData &&
      !!(gd.querySelector('.scatterlayer .point') || gd.querySelector('canvas.gl-canvas-context') ||
         !gd._fullData.some(t => t.x && t.x.length));
    if (drawn) b.querySelectorAll('.first-image').forEach(e => e.remove()); else setTimeout(tick, 50);
  };
  tick();
})();</script>"""


def show_image(image: str, height: int = 446) -> None:
    """The image alone in the chart's slot, while the figure is made (the same run then replaces it)."""
    st.html(_IMAGE_HTML % {"src": image, "height": height})


def image_block(first: FirstImage, box: str, height: int, limit_ms: int = 3_000) -> None:
    """Inside `st.container(key=box)`, after the plot (so the plot is the box's first element on every run and
    is updated in place): on the first run (no plot yet) the hidden button that asks for it, in the plot's place;
    then the image, laid over the plot's place."""
    if not first.plot:
        st.button("Draw the interactive chart", key=IMAGE_BUTTON, on_click=_ask_plot)
    image = _IMAGE_HTML % {"src": first.src, "height": height}
    st.html(_IMAGE_BLOCK % {"box": box, "button": IMAGE_BUTTON, "height": height, "image": image,
                            "limit_ms": int(limit_ms)}, unsafe_allow_javascript=True)


def _ask_plot() -> None:
    st.session_state[_PLOT_ASKED] = True


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
