"""Drawing shared by the pages: quote cards, the page CSS, chart image/HTML downloads, CSV/JSON downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import exporting
from components.cards import CSS, quote_cards_html
from components.filters import Filters
from components.views.data import Key, load_chart

PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": False,
                 "toImageButtonOptions": {"format": "png", "filename": "syria-russia-chart"}}


def render_cards(rows, container=None, show_event: bool = True) -> None:
    """Quote cards for a DataFrame of statements (nothing when it is empty)."""
    if rows is None or rows.empty:
        return
    (container or st).html(quote_cards_html(rows, show_event=show_event))  # copies grouped as one


def render_table(frame, label: str, links: dict[str, str] | None = None, container=None) -> None:
    """A table whose Arabic cells read right to left (components.display.table_html); st.dataframe's canvas
    grid cannot. For tables of text in any script; numbers and dates alone can stay in st.dataframe."""
    from components.display import table_html

    (container or st).html(table_html(frame, label, links))


def inject_css() -> None:
    st.html(CSS)


def _stem(name: str) -> str:
    return f"syria-russia-{name}-{dt.date.today().isoformat()}"


def render_chart_downloads(key: Key, chart: str, f: Filters, name: str, **opts) -> None:
    """PNG / SVG / PDF (kaleido, rendered on click) and standalone HTML for one chart."""
    cols = st.columns(4)
    available = exporting.images_available()
    for col, fmt in zip(cols[:3], exporting.IMAGE_FORMATS):
        col.download_button(
            f"⬇ {fmt.upper()}", data=_image_callable(key, chart, f, fmt, opts) if available else b"",
            file_name=f"{_stem(name)}.{fmt}", mime=exporting.MIME[fmt], key=f"dl_{name}_{fmt}",
            disabled=not available, on_click="ignore", help=None if available else exporting.CHROMIUM_HELP)
    cols[3].download_button("⬇ HTML", data=_html_callable(key, chart, f, opts), file_name=f"{_stem(name)}.html",
                            mime="text/html", key=f"dl_{name}_html", on_click="ignore",
                            help="Standalone interactive chart, works offline")
    if not available:
        st.info(exporting.CHROMIUM_HELP)


def _image_callable(key, chart, f, fmt, opts):
    def make() -> bytes:
        return exporting.figure_image(load_chart(key, chart, f, **opts), fmt)
    return make


def _html_callable(key, chart, f, opts):
    def make() -> bytes:
        return exporting.figure_html(load_chart(key, chart, f, **opts))
    return make


def render_data_downloads(make_df, name: str, f: Filters, names: dict, rows: int | None = None) -> None:
    """CSV and JSON of exactly the rows described by the filter, built only when a button is clicked."""
    def csv() -> bytes:
        return exporting.frame_csv(make_df())

    def js() -> bytes:
        df = make_df()
        meta = {"filters": f.describe(names), "rows": len(df), "dataset_version": _version(),
                "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        return exporting.frame_json(df, meta)

    label = f" ({rows:,} rows)" if rows is not None else ""
    c1, c2 = st.columns(2)
    c1.download_button(f"⬇ CSV{label}", data=csv, file_name=f"{_stem(name)}.csv", mime="text/csv",
                       key=f"dl_{name}_csv", on_click="ignore")
    c2.download_button(f"⬇ JSON{label}", data=js, file_name=f"{_stem(name)}.json", mime="application/json",
                       key=f"dl_{name}_json", on_click="ignore")


def _version() -> str:
    """The dataset version of the database on screen (components.version), for export metadata."""
    from components.version import version_of
    from components.views import data

    return version_of(data.load_reference(data.db_key())["meta"])
