"""One way every page draws a chart: its title as a heading, the plot, then its caption and a text summary,
and a download row. The words are page text (they wrap at any width and never overlap the legend or the
range slider); the exported image carries the same words inside the figure.
"""

from __future__ import annotations

import streamlit as st

from components import charts
from components.cards import esc
from components.views import output as out


def render_chart(fig, key: str, *, on_select=None, downloads: tuple | None = None, note: str | None = None,
                 later: bool = False, image=None):
    """Title, plot, caption, summary ('In words: …') and, when `downloads` = (db key, chart, filters, name,
    opts) is given, the image/HTML download buttons. Returns the plotly_chart state (for selections).

    `fig` is a go.Figure or its charts.chart_view (what data.load_chart_view caches: no figure to rebuild).
    later=True: everything but the plot, which is a box of its height until a rerun draws it (firstview).
    image: a firstview.FirstImage, a server-drawn image of the plot shown in its place until the plot is drawn
    (and the plot itself left for the next run when image.plot is False)."""
    view = fig if isinstance(fig, dict) else charts.chart_view(fig)
    meta = view["meta"]
    st.html(f"<div class='chart-title' role='heading' aria-level='2'>{esc(meta.get('title', ''))}</div>")
    items = view["legend"]
    if items:
        st.html("<div class='chart-legend' aria-label='Legend'>" + "".join(
            f"<span class='lg-item'><span class='lg-mark lg-{kind}' style='--c:{esc(color)}'></span>{esc(name)}</span>"
            for name, color, kind in items) + "</div>")
    if later:
        height = _height(view)
        st.html(f"<div class='chart-later muted' style='height:{height}px;box-sizing:border-box;display:flex;"
                "align-items:center;justify-content:center;border:1px dashed #d5d8dc'>Drawn after the timeline…</div>")
        chart_state = None
    else:
        kwargs = {"on_select": on_select, "selection_mode": "points"} if on_select is not None else {}
        with st.container(key=f"{key}_box"):  # always: the plot keeps its place in the page's tree from run to run
            chart_state = None
            if image is None or image.plot:
                chart_state = st.plotly_chart(charts.drawable(view["figure"]), theme=None, key=key,
                                              config=out.PLOTLY_CONFIG, width="stretch", **kwargs)
            if image is not None:  # after the plot (or in its place, the button asking for it), over it
                from components.views import firstview

                firstview.image_block(image, f"{key}_box", _height(view))
    caption = " · ".join(esc(line) for line in meta.get("caption", []))
    summary = esc(meta.get("summary", ""))
    extra = f" {esc(note)}" if note else ""
    st.html(f"<div class='chart-words' data-chart='{esc(key)}'><p class='chart-summary'><b>In words:</b> "
            f"{summary}{extra}</p><p class='muted chart-caption'>{caption}</p></div>")
    if downloads:
        db_key, chart, f, name, opts = downloads
        with st.expander(f"Download this chart ({name})"):
            out.render_chart_downloads(db_key, chart, f, name, **opts)
    return chart_state



def _height(view: dict) -> int:
    return int(view["figure"].get("layout", {}).get("height") or 450)
