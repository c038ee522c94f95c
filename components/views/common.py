"""What every page shares: the database handle, cached loaders, the sidebar filters, URL state, cards, downloads.

This package is the only place that imports streamlit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from components import charts, config, exporting, figures, queries
from components.cards import CSS, esc, highlighted, link, plain, quote_card, safe_url, source_item  # noqa: F401
from components.filters import Filters

FILTER_KEYS = ("from", "to", "country", "actor", "topic", "category", "q")
MIN_DATE = dt.date(1944, 1, 1)


# --- database -----------------------------------------------------------------------------------

def db_path() -> Path:
    return config.db_path()


def db_key() -> tuple[str, float]:
    """Cache key part that changes when the database file is replaced by a rebuild."""
    p = db_path()
    return (str(p), p.stat().st_mtime if p.exists() else 0.0)


def ensure_database() -> Path:
    """Build the database on first run; explain (and stop the page) when it is missing or unreadable."""
    from components.schema import DataError
    from components.store import BuildError, ensure_built

    path = db_path()
    if not path.exists():
        try:
            with st.spinner(f"First run: building the database {path.name} from data/ …"):
                ensure_built(config.data_dir(), path)
        except (DataError, BuildError) as exc:
            st.error(f"The database {path} does not exist and could not be built from "
                     f"{config.data_dir()}:\n\n```\n{exc}\n```\nFix the data files, then run `timeline build`.")
            st.stop()
    try:
        queries.fetch_meta(path)
    except (queries.DatabaseMissing, queries.DatabaseUnreadable) as exc:
        st.error(f"{exc}")
        st.stop()
    return path


@contextlib.contextmanager
def database_errors():
    """Around a page: a database that fails mid-page (corrupt past its first pages, deleted) is one st.error."""
    try:
        yield
    except (queries.DatabaseMissing, queries.DatabaseUnreadable) as exc:
        st.error(str(exc))
        st.stop()


# --- cached loaders (keyed on the db file's mtime and the filter) --------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def load_reference(key: tuple) -> dict:
    path = Path(key[0])
    actors = queries.fetch_actors(path)
    topics = queries.fetch_topics(path)
    return {"actors": actors, "topics": topics, "countries": queries.fetch_countries(path),
            "names": figures.names(path), "meta": queries.fetch_meta(path)}


@st.cache_data(show_spinner=False, max_entries=128)
def load_chart(key: tuple, chart: str, f: Filters, lane_by: str = "category", color_by: str = "topic",
               freq: str | None = None, x_range: tuple | None = None):
    return figures.build_chart(Path(key[0]), chart, f, lane_by=lane_by, color_by=color_by, freq=freq,
                               x_range=x_range)


@st.cache_data(show_spinner=False, max_entries=256)
def load_frame(key: tuple, name: str, f: Filters, **kwargs):
    """Any `queries` function taking (path, filters) by name, cached per database version and filter."""
    return getattr(queries, name)(Path(key[0]), f, **kwargs)


@st.cache_data(show_spinner=False, max_entries=64)
def load_event_detail(key: tuple, event_id: str):
    return queries.fetch_event_detail(Path(key[0]), event_id)


# --- URL state and sidebar filters ---------------------------------------------------------------

def _url_params() -> dict:
    qp = st.query_params
    return {k: (qp.get_all(k) if len(qp.get_all(k)) > 1 else qp.get(k)) for k in qp.keys()}


def known_values(ref: dict) -> dict[str, set[str]]:
    return {"actor": set(ref["actors"]["id"]), "topic": set(ref["topics"]["id"]),
            "country": set(ref["countries"]), "category": set(config.CATEGORIES)}


def actor_label(ref: dict):
    """Option label for an actor: name, country and aliases, so typing any alias finds it."""
    rows = {r.id: r for r in ref["actors"].itertuples()}

    def fmt(actor_id: str) -> str:
        r = rows.get(actor_id)
        if r is None:
            return actor_id
        aliases = [a for a in json.loads(r.aliases) if a != r.name][:6]
        extra = f" ({', '.join(aliases)})" if aliases else ""
        country = f" · {r.country}" if r.country else ""
        return f"{r.name}{country}{extra}"
    return fmt


def load_url_once(ref: dict) -> None:
    """On a session's first run, put the URL's filter values into the widgets; remember any warnings."""
    if st.session_state.get("_url_loaded"):
        return
    params = _url_params()
    f, warnings = Filters.from_params(params, known_values(ref))
    today = dt.date.today()
    for key, value, which, name in (("flt_from", f.date_from, 0, "from"), ("flt_to", f.date_to, 1, "to")):
        day = dt.date.fromisoformat(_bound(value, which)) if value else None
        if day is not None and not MIN_DATE <= day <= today:
            clamped = min(max(day, MIN_DATE), today)
            # "to=2026" means "through 2026": reaching past today is not a mistake worth a warning
            if not (value and len(value) < 10 and dt.date.fromisoformat(_bound(value, 0)) <= today
                    and key == "flt_to"):
                warnings.append(f"URL parameter {name}={value} is outside {MIN_DATE} to {today}; using {clamped}.")
            day = clamped
        st.session_state[key] = day
    st.session_state["flt_country"] = list(f.countries)
    st.session_state["flt_actor"] = list(f.actors)
    st.session_state["flt_topic"] = list(f.topics)
    st.session_state["flt_category"] = list(f.categories)
    st.session_state["flt_q"] = f.text
    st.session_state["_url_warnings"] = warnings
    st.session_state["_url_page_params"] = {k: v for k, v in params.items() if k not in FILTER_KEYS}
    st.session_state["_url_loaded"] = True


def _bound(value: str, which: int) -> str:
    from components.schema import date_bounds

    return date_bounds(value)[which]


def render_sidebar(ref: dict, search_in_sidebar: bool = True) -> Filters:
    """The shared filters. Returns the current Filters value. The Quotes page shows the search box itself."""
    load_url_once(ref)
    sb = st.sidebar
    sb.header("Filters")
    today = dt.date.today()
    c1, c2 = sb.columns(2)
    c1.date_input("From", key="flt_from", min_value=MIN_DATE, max_value=today, format="YYYY-MM-DD")
    c2.date_input("To", key="flt_to", min_value=MIN_DATE, max_value=today, format="YYYY-MM-DD")
    names = ref["names"]
    sb.multiselect("Countries", ref["countries"], key="flt_country",
                   format_func=lambda c: f"{config.COUNTRY_NAMES.get(c, c)} ({c})")
    people = ref["actors"]
    people = people[(people["statements"] > 0) | (people["events"] > 0)]
    sb.multiselect("Officials and actors", people["id"].tolist(), key="flt_actor", format_func=actor_label(ref),
                   placeholder="Type a name or alias (e.g. Sharaa, Jolani, Lavrov)")
    sb.multiselect("Topics", ref["topics"]["id"].tolist(), key="flt_topic", format_func=lambda t: names.get(t, t))
    sb.multiselect("Event categories", list(config.CATEGORIES), key="flt_category",
                   format_func=lambda c: charts.theme.CATEGORY_LABELS.get(c, c))
    if search_in_sidebar:
        search_box(sb, "Search text", "flt_q_sidebar", "words in quotes, titles, summaries")
    d_from, d_to = st.session_state.get("flt_from"), st.session_state.get("flt_to")
    if d_from and d_to and d_from > d_to:
        sb.warning("'From' is after 'To'; the date range is ignored until you fix it.")
        d_from = d_to = None
    f = Filters(date_from=d_from.isoformat() if d_from else None, date_to=d_to.isoformat() if d_to else None,
                countries=tuple(st.session_state["flt_country"]), actors=tuple(st.session_state["flt_actor"]),
                topics=tuple(st.session_state["flt_topic"]), categories=tuple(st.session_state["flt_category"]),
                text=(st.session_state.get("flt_q") or "").strip())
    if not f.is_empty():
        sb.button("Clear all filters", on_click=_clear_filters, key="flt_clear")
    sb.caption(f"Data as of {ref['meta'].get('data_to', '?')}. Every item links to its source.")
    return f


def search_box(container, label: str, key: str, placeholder: str) -> None:
    """A search box bound to the shared value `flt_q`, so the text follows the user from page to page.

    The sidebar and the Quotes page each draw their own widget; a widget's state is dropped when it is
    not drawn, so the value lives in `flt_q` and is copied into whichever widget is on screen.
    """
    st.session_state.setdefault("flt_q", "")
    st.session_state[key] = st.session_state["flt_q"]
    container.text_input(label, key=key, max_chars=500, placeholder=placeholder,
                         on_change=_copy_search, args=(key,))


def _copy_search(key: str) -> None:
    st.session_state["flt_q"] = st.session_state.get(key) or ""


def _clear_filters() -> None:
    for k in ("flt_from", "flt_to"):
        st.session_state[k] = None
    for k in ("flt_country", "flt_actor", "flt_topic", "flt_category"):
        st.session_state[k] = []
    st.session_state["flt_q"] = ""


def show_url_warnings() -> None:
    """Warnings about the URL, at the top of the page; url_warning() adds to the same place later in the run."""
    slot = st.container()
    st.session_state["_warn_slot"] = slot  # this run's slot (each page calls this first)
    for w in st.session_state.get("_url_warnings", []):
        slot.warning(plain(w), icon="⚠️")


def url_warning(message: str) -> None:
    """Record a URL warning once per session and show it now, at the top of the page."""
    warned = st.session_state.setdefault("_url_page_warned", set())
    if message in warned:
        return
    warned.add(message)
    st.session_state["_url_warnings"] = [*st.session_state.get("_url_warnings", []), message]
    st.session_state.get("_warn_slot", st).warning(plain(message), icon="⚠️")


def page_param(name: str, options: list[str] | None = None, default: str | None = None) -> str | None:
    """A page-specific URL value (read once per session), validated against options; warns when bad."""
    raw = st.session_state.get("_url_page_params", {}).get(name)
    if isinstance(raw, list):
        raw = raw[-1]
    if raw is None:
        return default
    raw = str(raw)[:200]
    if options is not None and raw not in options:
        choices = f"one of {', '.join(options)}" if len(options) <= 8 else f"a known {name}"
        url_warning(f"Ignored URL parameter {name}={raw[:40]!r}: not {choices}.")
        drop_page_param(name)
        return default
    return raw


def drop_page_param(name: str) -> None:
    """Forget a page value that came from the URL (so it is not applied or warned about again)."""
    st.session_state["_url_page_params"] = {
        k: v for k, v in st.session_state.get("_url_page_params", {}).items() if k != name}


def sync_url(f: Filters, page: dict[str, str | None] | None = None) -> None:
    """Write the current view into the URL so a copied link restores it."""
    wanted = {**f.to_params(), **{k: v for k, v in (page or {}).items() if v not in (None, "")}}
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


def render_cards(rows, container=None, show_event: bool = True) -> None:
    """Quote cards for a DataFrame of statements (nothing when it is empty)."""
    if rows is None or rows.empty:
        return
    (container or st).html("".join(quote_card(r, show_event=show_event) for r in rows.itertuples()))


def inject_css() -> None:
    st.html(CSS)


# --- downloads -----------------------------------------------------------------------------------

def render_chart_downloads(key: tuple, chart: str, f: Filters, name: str, **opts) -> None:
    """PNG / SVG / PDF (kaleido, rendered on click) and standalone HTML for one chart."""
    cols = st.columns(4)
    stem = f"syria-russia-{name}-{dt.date.today().isoformat()}"
    available = exporting.images_available()
    for col, fmt in zip(cols[:3], exporting.IMAGE_FORMATS):
        col.download_button(
            f"⬇ {fmt.upper()}", data=_image_callable(key, chart, f, fmt, opts) if available else b"",
            file_name=f"{stem}.{fmt}", mime=exporting.MIME[fmt], key=f"dl_{name}_{fmt}", disabled=not available,
            on_click="ignore", help=None if available else exporting.CHROMIUM_HELP)
    cols[3].download_button("⬇ HTML", data=_html_callable(key, chart, f, opts), file_name=f"{stem}.html",
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
        meta = {"filters": f.describe(names), "rows": len(df),
                "exported": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        return exporting.frame_json(df, meta)

    label = f" ({rows:,} rows)" if rows is not None else ""
    c1, c2 = st.columns(2)
    stem = f"syria-russia-{name}-{dt.date.today().isoformat()}"
    c1.download_button(f"⬇ CSV{label}", data=csv, file_name=f"{stem}.csv", mime="text/csv",
                       key=f"dl_{name}_csv", on_click="ignore")
    c2.download_button(f"⬇ JSON{label}", data=js, file_name=f"{stem}.json", mime="application/json",
                       key=f"dl_{name}_json", on_click="ignore")


PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": False,
                 "toImageButtonOptions": {"format": "png", "filename": "syria-russia-chart"}}
