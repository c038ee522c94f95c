"""URL and session state, and the shared sidebar: every filter widget comes from the filter registry.

A widget's session key is `flt_<url key>` (dates: `flt_from`, `flt_to`). On a session's first run the URL
fills the widgets; every rerun writes the current view back into the URL.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from components import charts, config
from components.cards import plain
from components.facets import not_counted_note
from components.filters import CHOICES, URL_KEYS, Filters, known_values
from components.matching import actor_names, best_actor
from components.schema import date_bounds

MIN_DATE = dt.date(1944, 1, 1)
SEARCH_KEY = "flt_q"


def _key(url_key: str) -> str:
    return f"flt_{url_key}"


# --- how each reference list is offered in a widget (Choice.ref) ---------------------------------

def actor_label(ref: dict):
    """Option label for an actor: name, country and aliases, so typing any alias finds it."""
    from components.views import data

    labels = _actor_labels(data.db_key(), len(ref["actors"]), ref["actors"])
    return lambda actor_id: labels.get(actor_id, actor_id)


@st.cache_resource(show_spinner=False, max_entries=4)
def _actor_labels(key, n: int, _actors) -> dict[str, str]:
    """Every actor's option label, made once per database file version (5,000 actors: ~20 ms a rerun)."""
    out = {}
    for actor_id, name, country, aliases in zip(_actors["id"].tolist(), _actors["name"].tolist(),
                                                _actors["country"].tolist(), _actors["aliases"].tolist()):
        others = [x for x in json.loads(aliases) if x != name][:6]
        extra = f" ({', '.join(others)})" if others else ""
        out[actor_id] = f"{name}{' · ' + country if isinstance(country, str) else ''}{extra}"
    return out


def _actor_options(ref: dict) -> list[str]:
    from components.views import data

    return _actors_with_items(data.db_key(), ref["actors"])


@st.cache_resource(show_spinner=False, max_entries=4)
def _actors_with_items(key, _actors) -> list[str]:
    """The actors who said or did something (the officials the finder searches), once per database file version."""
    return _actors[(_actors["statements"] > 0) | (_actors["events"] > 0)]["id"].tolist()


# The officials multiselect lists the most active ones (and any chosen), the finder above it finds every other:
# 5,202 options at 1,000,000 statements were a 195 kB message and about 1 s of the browser's first render.
OFFERED_ACTORS = 200


@st.cache_resource(show_spinner=False, max_entries=4)
def _most_active(key, _actors, n: int) -> frozenset[str]:
    """The n actors with the most statements and events (ties by id), once per database file version."""
    active = _actors[(_actors["statements"] > 0) | (_actors["events"] > 0)]
    items = (active["statements"] + active["events"]).tolist()
    ranked = sorted(zip(items, active["id"].tolist()), key=lambda p: (-p[0], p[1]))
    return frozenset(actor_id for _, actor_id in ranked[:n])


def offered_options(dim, ref: dict, everyone: list[str], chosen: list[str]) -> list[str]:
    """What a multiselect lists: every option, but for officials (a finder beside them) the OFFERED_ACTORS most
    active and the chosen ones, in the same (name) order."""
    from components.views import data

    if not dim.finder or len(everyone) <= OFFERED_ACTORS:
        return everyone
    keep = _most_active(data.db_key(), ref["actors"], OFFERED_ACTORS) | set(chosen)
    return [a for a in everyone if a in keep]


OPTIONS = {  # ref name -> (options from the reference data, label function factory)
    "countries": (lambda ref: ref["ids"]["countries"],
                  lambda ref: lambda c: f"{config.COUNTRY_NAMES.get(c, c)} ({c})"),
    "actors": (_actor_options, actor_label),
    "topics": (lambda ref: ref["ids"]["topics"], lambda ref: lambda t: ref["names"].get(t, t)),
    "categories": (lambda ref: ref["ids"]["categories"],
                   lambda ref: lambda c: charts.theme.CATEGORY_LABELS.get(c, c)),
}


def known(ref: dict) -> dict[str, set[str]]:
    return known_values(ref["ids"])


# --- URL ------------------------------------------------------------------------------------------

def _url_params() -> dict:
    qp = st.query_params
    return {k: (qp.get_all(k) if len(qp.get_all(k)) > 1 else qp.get(k)) for k in qp}


def _date_widget_value(value: str | None, which: int, name: str, warnings: list[str]) -> dt.date | None:
    """A URL date as the date input's value, clamped into MIN_DATE..today (with a warning when it matters)."""
    if not value:
        return None
    today = dt.date.today()
    day = dt.date.fromisoformat(date_bounds(value)[which])
    if MIN_DATE <= day <= today:
        return day
    clamped = min(max(day, MIN_DATE), today)
    # "to=2026" means "through 2026": reaching past today is not a mistake worth a warning
    if not (name == "to" and len(value) < 10 and dt.date.fromisoformat(date_bounds(value)[0]) <= today):
        warnings.append(f"URL parameter {name}={value} is outside {MIN_DATE} to {today}; using {clamped}.")
    return clamped


def load_url_once(ref: dict) -> None:
    """On a session's first run, put the URL's filter values into the widgets; remember any warnings."""
    if st.session_state.get("_url_loaded"):
        return
    params = _url_params()
    f, warnings = Filters.from_params(params, known(ref))
    st.session_state[_key("from")] = _date_widget_value(f.date_from, 0, "from", warnings)
    st.session_state[_key("to")] = _date_widget_value(f.date_to, 1, "to", warnings)
    for dim in CHOICES:
        st.session_state[_key(dim.url_key)] = list(getattr(f, dim.name))
    st.session_state[SEARCH_KEY] = f.text
    st.session_state["_url_warnings"] = warnings
    st.session_state["_url_page_params"] = {k: v for k, v in params.items() if k not in URL_KEYS}
    st.session_state["_url_loaded"] = True


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
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


# --- sidebar ----------------------------------------------------------------------------------------

def render_sidebar(ref: dict, search_in_sidebar: bool = True) -> Filters:
    """The shared filters, one widget per registry dimension. The Quotes page shows the search box itself."""
    from components.views import data

    load_url_once(ref)
    sb = st.sidebar
    sb.header("Filters")
    today = dt.date.today()
    # one per line: side by side in the sidebar they are too narrow to show a whole date
    sb.date_input("From", key=_key("from"), min_value=MIN_DATE, max_value=today, format="YYYY-MM-DD")
    sb.date_input("To", key=_key("to"), min_value=MIN_DATE, max_value=today, format="YYYY-MM-DD")
    facets = facet_counts()
    for dim in CHOICES:
        options, label = OPTIONS[dim.ref]
        if dim.finder:
            actor_finder(sb, dim.finder, f"{_key(dim.url_key)}_find", _add_choice(_key(dim.url_key)), ref,
                         options(ref))
        # The browser holds a multiselect's value as option labels, and the counts in the labels change
        # with the other filters: hand it the chosen ids again so it is sent the new labels.
        chosen = st.session_state[_key(dim.url_key)] = list(st.session_state.get(_key(dim.url_key)) or [])
        everyone = options(ref)
        offered = offered_options(dim, ref, everyone, chosen)
        parts = _label_parts(data.db_key(), dim.name, everyone, label(ref), ref["names"])
        sb.multiselect(dim.label, offered, key=_key(dim.url_key), placeholder=dim.placeholder,
                       format_func=with_count(label(ref), facets.get(dim.name), ref["names"], parts))
        if len(offered) < len(everyone):
            sb.caption(f"The list holds the {OFFERED_ACTORS} most active of {len(everyone):,}; find any other "
                       "by name in the box above.")
    if note := not_counted_note(facets, {d.name: d.label for d in CHOICES}):
        sb.caption(note)
    if search_in_sidebar:
        search_box(sb, "Search text", "flt_q_sidebar", "words in quotes, titles, summaries")
    f = current_filters(sb)
    if not f.is_empty():
        sb.button("Clear all filters", on_click=clear_filters, key="flt_clear")
    sb.caption(f"Data as of {ref['meta'].get('data_to', '?')}. Every item links to its source.")
    return f


def _add_choice(key: str):
    def add(actor_id: str) -> None:
        chosen = list(st.session_state.get(key) or [])
        if actor_id not in chosen:
            st.session_state[key] = [*chosen, actor_id]
    return add


def actor_finder(container, label: str, key: str, on_found, ref: dict, allowed: list[str] | None = None) -> None:
    """A text box: Enter picks the single best match by any alias (components.matching) and calls on_found(id).

    No match leaves the selection alone and says so under the box.
    """
    def found() -> None:
        query = (st.session_state.get(key) or "").strip()
        st.session_state[f"{key}_msg"] = None
        if not query:
            return
        best = best_actor(query, [c for c in actor_names(ref["actors"]) if allowed is None or c[0] in allowed])
        if best is None:
            st.session_state[f"{key}_msg"] = f"No official or actor is called {query[:60]!r}."
        else:
            on_found(best)
            st.session_state[f"{key}_msg"] = f"Selected {ref['names'].get(best, best)}."
        st.session_state[key] = ""

    container.text_input(label, key=key, on_change=found, placeholder="type a name, press Enter")
    if st.session_state.get(f"{key}_msg"):
        container.caption(plain(st.session_state[f"{key}_msg"]))


def current_filters(container=None) -> Filters:
    """The Filters value of the widgets now (a reversed date range is ignored, with a warning)."""
    d_from, d_to = st.session_state.get(_key("from")), st.session_state.get(_key("to"))
    if d_from and d_to and d_from > d_to:
        (container or st).warning("'From' is after 'To'; the date range is ignored until you fix it.")
        d_from = d_to = None
    values = {dim.name: tuple(st.session_state.get(_key(dim.url_key)) or ()) for dim in CHOICES}
    text = (st.session_state.get(SEARCH_KEY) or "").strip()
    return Filters(date_from=d_from.isoformat() if d_from else None, date_to=d_to.isoformat() if d_to else None,
                   text=text, text_aliases=search_aliases(text), **values)


def search_aliases(text: str) -> tuple:
    """Other spellings of the search words that name an actor or place (components.searchwords)."""
    if not text:
        return ()
    from components import searchwords
    from components.views import data

    return searchwords.expansions(text, data.load_alias_index(data.db_key()))


def search_box(container, label: str, key: str, placeholder: str) -> None:
    """A search box bound to the shared value `flt_q`, so the text follows the user from page to page.

    The sidebar and the Quotes page each draw their own widget; a widget's state is dropped when it is
    not drawn, so the value lives in `flt_q` and is copied into whichever widget is on screen.
    """
    st.session_state.setdefault(SEARCH_KEY, "")
    st.session_state[key] = st.session_state[SEARCH_KEY]
    # No max_chars: the browser would drop a longer paste silently. Keep the first 500 and say so.
    container.text_input(label, key=key, placeholder=placeholder, on_change=_copy_search, args=(key,))
    if st.session_state.get("_search_cut"):
        container.caption(f"Only the first {MAX_SEARCH} characters of the pasted text are searched "
                          f"(it had {st.session_state['_search_cut']:,}).")


MAX_SEARCH = 500


def _copy_search(key: str) -> None:
    text = st.session_state.get(key) or ""
    st.session_state["_search_cut"] = len(text) if len(text) > MAX_SEARCH else 0
    st.session_state[SEARCH_KEY] = text[:MAX_SEARCH]


def clear_filters() -> None:
    for k in ("from", "to"):
        st.session_state[_key(k)] = None
    for dim in CHOICES:
        st.session_state[_key(dim.url_key)] = []
    st.session_state[SEARCH_KEY] = ""



# --- facet counts in the options ------------------------------------------------------------------

class _Quiet:
    def warning(self, *args, **kwargs) -> None:  # the reversed-range warning is shown once, below
        pass


def facet_counts() -> dict:
    """Per choice dimension, {value: items} under the other filters (components.facets); None if it timed out."""
    from components.views import data

    return data.load_facets(data.db_key(), current_filters(_Quiet()))


def with_count(fmt, counts: dict | None, names: dict, parts: dict | None = None):
    """An option label with its count after the name: 'Sergey Lavrov (23) · RU (Lavrov, …)'. `parts`: the
    options' labels already split where the count goes (_label_parts), so thousands of officials' labels are
    one pass of string joins a rerun."""
    if counts is None:
        return fmt

    def label(value: str) -> str:
        head, tail = parts[value] if parts and value in parts else split_label(fmt, names, value)
        return f"{head} ({counts.get(value, 0):,}){tail}"
    return label


def split_label(fmt, names: dict, value: str) -> tuple[str, str]:
    """An option's label in two, where its count goes: an actor's after the name ('Name', ' · country
    (aliases)'), any other's at the end."""
    text, name = fmt(value), names.get(value)
    if name and text.startswith(name + " · "):
        return name, text[len(name):]
    return text, ""


@st.cache_resource(show_spinner=False, max_entries=32)
def _label_parts(key, dim: str, _options: list[str], _fmt, _names: dict) -> dict[str, tuple[str, str]]:
    """split_label() of every option of a dimension, once per database file version."""
    return {value: split_label(_fmt, _names, value) for value in _options}
