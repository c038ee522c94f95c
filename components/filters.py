"""The filter value shared by every page, the URL, the CLI, the SQL and the export captions.

Each filter dimension is one entry of `DIMENSIONS`: its field(s) on `Filters`, its URL key, its sidebar
label, its CLI option, its SQL clause per table and its words in `describe()`. Everything else (the URL
round trip, the sidebar, the CLI, `to_where()`, `describe()`) iterates over the registry, so adding a
filter is one entry here plus its test row. `Filters` is frozen and hashable (a cache key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, make_dataclass, replace
from collections.abc import Callable
from typing import Any

from components.schema import date_bounds, parse_iso

MAX_PARAM_CHARS = 200
MAX_LIST_ITEMS = 50
MAX_SEARCH_CHARS = 500
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
TABLES = ("events", "statements")


def fts_query(text: str | None, aliases: tuple = ()) -> str | None:
    """Turn any user text into a safe FTS5 query: each word quoted, all required; a trailing * keeps prefix.

    Operators, column filters, unbalanced quotes and NUL bytes lose their meaning: 'NEAR(' becomes
    the word "NEAR". Returns None when no searchable word is left. `aliases` ((word, (other spellings,
    ...)), ...: components.searchwords) lets a word match any of its spellings: ("Tartus" OR "Tartous").
    """
    if not text:
        return None
    text = text[:MAX_SEARCH_CHARS].replace("\x00", " ")
    others = dict(aliases or ())
    terms = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        prefix = text[m.end(): m.end() + 1] == "*"
        term = f'"{word}"' + ("*" if prefix else "")
        if others.get(word):
            phrases = [" ".join(_TOKEN_RE.findall(a)) for a in others[word]]
            term = "(" + " OR ".join([term, *(f'"{ph}"' for ph in phrases if ph)]) + ")"
        terms.append(term)
        if len(terms) >= 32:
            break
    # FTS5 refuses an implicit AND before a parenthesised group ('"al" ("Sharaa" OR ...)'): say AND there
    return (" AND " if any(t.startswith("(") for t in terms) else " ").join(terms) or None


def _marks(values) -> str:
    return ",".join("?" * len(values))


class _Params:
    """URL parameters being read into a filter, collecting a warning for every value dropped."""

    def __init__(self, params: dict, known: dict[str, set[str]]):
        self.params, self.known, self.warnings = params, known, []
        self.cut: list[str] = []  # warnings about values shortened but kept (the rest were dropped)

    def scalar(self, key: str, limit: int = MAX_PARAM_CHARS, what: str | None = None) -> str | None:
        value = self.params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        if value is None:
            return None
        value = str(value).replace("\x00", "")
        if len(value) > limit:
            what = what or f"URL parameter '{key}'"
            self.warnings.append(f"{what} was longer than {limit} characters and was cut.")
            self.cut.append(self.warnings[-1])
            value = value[:limit]
        return value

    def listing(self, key: str) -> tuple[str, ...]:
        raw = self.params.get(key)
        if raw is None:
            return ()
        items = raw if isinstance(raw, list) else str(raw).split(",")
        items = [str(i).strip() for item in items for i in str(item).split(",") if str(i).strip()]
        if len(items) > MAX_LIST_ITEMS:
            self.warnings.append(f"URL parameter '{key}' had more than {MAX_LIST_ITEMS} values; the rest were ignored.")
            self.cut.append(self.warnings[-1])
            items = items[:MAX_LIST_ITEMS]
        good: list[str] = []
        for item in (i[:MAX_PARAM_CHARS] for i in items):
            if item not in self.known.get(key, set()):
                self.warnings.append(f"Ignored unknown {key} {item[:40]!r} in the URL.")
            elif item not in good:
                good.append(item)
        return tuple(good)


@dataclass(frozen=True)
class DateRange:
    """From/to dates (YYYY, YYYY-MM or YYYY-MM-DD); a period overlapping the range matches."""

    fields: tuple[str, ...] = ("date_from", "date_to")
    url_keys: tuple[str, ...] = ("from", "to")
    defaults: tuple = (None, None)
    name: str = "dates"

    def where(self, kind: str, t: str, values: tuple, probe: bool) -> tuple[list[str], list]:
        # Statements filter on date_sort (= date_start, undated rows '0000-00-00'), which the speaker and
        # country indexes carry, so a speaker + date range is answered from the index.
        d_from, d_to = values
        clauses, params = [], []
        if d_from:
            clauses.append(f"{t}.date_end >= ?" if kind == "events" else f"{t}.date_sort >= ?")
            params.append(date_bounds(d_from)[0])
        if d_to:
            clauses.append(f"{t}.date_start <= ?" if kind == "events" else f"{t}.date_sort BETWEEN '0001-01-01' AND ?")
            params.append(date_bounds(d_to)[1])
        return clauses, params

    def words(self, values: tuple, names: dict) -> str | None:
        d_from, d_to = values
        if d_from and d_to:
            return f"{d_from} to {d_to}"
        return f"from {d_from}" if d_from else (f"until {d_to}" if d_to else None)

    def to_params(self, values: tuple) -> dict[str, str]:
        return {k: v for k, v in zip(self.url_keys, values) if v}

    def from_params(self, p: _Params) -> tuple:
        out = []
        for key in self.url_keys:
            value = p.scalar(key)
            if value and parse_iso(value) is None:
                p.warnings.append(f"Ignored URL parameter {key}={value[:40]!r}: not a date (use YYYY-MM-DD, YYYY-MM or YYYY).")
                value = None
            out.append(value or None)
        if out[0] and out[1] and date_bounds(out[0])[0] > date_bounds(out[1])[1]:
            p.warnings.append(f"Ignored the URL's date range: 'from' {out[0]} is after 'to' {out[1]}.")
            return (None, None)
        return tuple(out)

    def cli_options(self) -> list[tuple[str, dict]]:
        return [("--from", {"dest": "date_from", "help": "start date (YYYY, YYYY-MM or YYYY-MM-DD)"}),
                ("--to", {"dest": "date_to", "help": "end date (YYYY, YYYY-MM or YYYY-MM-DD)"})]

    def cli_params(self, args) -> dict:
        return {"from": args.date_from, "to": args.date_to}


Clause = Callable[[str, str, bool], str]  # (table alias, placeholders, probe) -> SQL


@dataclass(frozen=True)
class Choice:
    """A multi-valued filter over known ids (actors, topics, countries, categories)."""

    name: str                       # the Filters field
    url_key: str                    # URL parameter and the key of its known values
    label: str                      # sidebar label
    words_label: str                # in describe(): "officials: Sergey Lavrov"
    ref: str                        # which reference list offers the values (see views.state.OPTIONS)
    sql: dict[str, Clause]          # per table
    cli_help: str = ""
    placeholder: str | None = None
    upper: bool = False             # CLI values are upper-cased (country codes)
    finder: str | None = None       # a "find by any name" box above the widget, with this label

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def defaults(self) -> tuple:
        return ((),)

    def where(self, kind: str, t: str, values: tuple, probe: bool) -> tuple[list[str], list]:
        (chosen,) = values
        if not chosen:
            return [], []
        return [self.sql[kind](t, _marks(chosen), probe)], list(chosen)

    def words(self, values: tuple, names: dict) -> str | None:
        (chosen,) = values
        return f"{self.words_label}: " + ", ".join(names.get(v, v) for v in chosen) if chosen else None

    def to_params(self, values: tuple) -> dict[str, str]:
        return {self.url_key: ",".join(values[0])} if values[0] else {}

    def from_params(self, p: _Params) -> tuple:
        return (p.listing(self.url_key),)

    def cli_options(self) -> list[tuple[str, dict]]:
        return [(f"--{self.url_key}", {"dest": self.name, "action": "append", "default": [], "help": self.cli_help})]

    def cli_params(self, args) -> dict:
        values = getattr(args, self.name) or []
        return {self.url_key: [v.upper() for v in values] if self.upper else values}


@dataclass(frozen=True)
class Search:
    """Free text through the full-text index of the table."""

    name: str = "text"
    url_key: str = "q"

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.name, "text_aliases")  # text_aliases: other spellings of its words (not in the URL)

    @property
    def defaults(self) -> tuple:
        return ("", ())

    def where(self, kind: str, t: str, values: tuple, probe: bool) -> tuple[list[str], list]:
        q = fts_query(values[0], values[1])
        if not q:
            return [], []
        if probe:
            return [f"EXISTS (SELECT 1 FROM {kind}_fts x WHERE x.{kind}_fts MATCH ? AND x.rowid = {t}.rowid)"], [q]
        return [f"{t}.rowid IN (SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?)"], [q]

    def words(self, values: tuple, names: dict) -> str | None:
        return f'search: "{values[0].strip()}"' if values[0].strip() else None

    def to_params(self, values: tuple) -> dict[str, str]:
        return {self.url_key: values[0].strip()} if values[0].strip() else {}

    def from_params(self, p: _Params) -> tuple:
        return (p.scalar(self.url_key, MAX_SEARCH_CHARS, "The search text in the URL") or "", ())

    def cli_options(self) -> list[tuple[str, dict]]:
        return [("--search", {"dest": "search", "default": "", "help": "full-text search (words in quotes, titles)"})]

    def cli_params(self, args) -> dict:
        return {self.url_key: getattr(args, "search", "") or ""}


def _topics(link: str, key: str) -> Clause:
    def clause(t: str, marks: str, probe: bool) -> str:
        if probe:
            return f"EXISTS (SELECT 1 FROM {link} x WHERE x.{key} = {t}.id AND x.topic_id IN ({marks}))"
        return f"{t}.id IN (SELECT {key} FROM {link} WHERE topic_id IN ({marks}))"
    return clause


def topic_ids_clause(alias: str, topics) -> tuple[str, list]:
    """Any of `topics` in the row's own topic_ids column (the ids its link-table rows hold, written by the
    build), as (SQL, params): checked on the row, or inside an index holding topic_ids, instead of looking a
    topic's rows up in the link table."""
    sql = " OR ".join(f"instr(',' || {alias}.topic_ids || ',', ?) > 0" for _ in topics)
    return f"({sql})", [f",{t}," for t in topics]


DIMENSIONS = (
    DateRange(),
    Choice("countries", "country", "Countries", "countries", "countries", {
        "events": lambda t, m, p: (f"{t}.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a "
                                   f"ON a.id = ea.actor_id WHERE a.country IN ({m}))"),
        "statements": lambda t, m, p: f"{t}.speaker_country IN ({m})"},
        cli_help="ISO country code such as SY or RU (repeatable)", upper=True),
    Choice("actors", "actor", "Officials and actors", "officials", "actors", {
        "events": lambda t, m, p: f"{t}.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({m}))",
        "statements": lambda t, m, p: f"{t}.speaker_id IN ({m})"},
        cli_help="actor id (repeatable)", placeholder="Choose, or find by name above",
        finder="Find an official by any spelling (Sharaa, Jolani, الشرع, Лавров)"),
    Choice("topics", "topic", "Topics", "topics", "topics", {
        "events": _topics("event_topics", "event_id"), "statements": _topics("statement_topics", "statement_id")},
        cli_help="topic id (repeatable)"),
    Choice("categories", "category", "Event categories", "categories", "categories", {
        "events": lambda t, m, p: f"{t}.category IN ({m})",
        "statements": lambda t, m, p: f"{t}.event_id IN (SELECT id FROM events WHERE category IN ({m}))"},
        cli_help="event category (repeatable)"),
    Search(),
)
CHOICES = tuple(d for d in DIMENSIONS if isinstance(d, Choice))


class _FilterMethods:
    """Behaviour of Filters; its fields come from DIMENSIONS."""

    def values(self, dim) -> tuple:
        return tuple(getattr(self, f) for f in dim.fields)

    def fts(self) -> str | None:
        """The full-text query of the search text, its words' other spellings included."""
        return fts_query(self.text, self.text_aliases)

    def is_empty(self) -> bool:
        return not any(dim.to_params(self.values(dim)) for dim in DIMENSIONS)

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def to_where(self, kind: str, alias: str | None = None, probe: frozenset[str] | tuple = ()) -> tuple[str, list]:
        """A WHERE clause (without the word) and its parameters for kind 'events' or 'statements'.

        `probe` names the dimensions (e.g. 'text', 'topics') to check row by row against their index
        instead of materialising their matches; the query layer chooses (see queries.plan_for).
        """
        if kind not in TABLES:
            raise ValueError(kind)
        t = alias or kind
        clauses: list[str] = []
        params: list = []
        for dim in DIMENSIONS:
            c, p = dim.where(kind, t, self.values(dim), dim.name in probe)
            clauses += c
            params += p
        return (" AND ".join(clauses) or "1=1"), params

    def describe(self, names: dict[str, str] | None = None) -> str:
        """One sentence for captions and empty states, e.g. 'Filters: topics: bases; from 2024-12-08'."""
        parts = [w for dim in DIMENSIONS if (w := dim.words(self.values(dim), names or {}))]
        return "Filters: " + "; ".join(parts) if parts else "All data, no filters"

    def to_params(self) -> dict[str, str]:
        """Query parameters for this filter (only the non-empty ones)."""
        out: dict[str, str] = {}
        for dim in DIMENSIONS:
            out.update(dim.to_params(self.values(dim)))
        return out

    @classmethod
    def from_params(cls, params: dict, known: dict[str, set[str]]) -> tuple[Filters, list[str]]:
        """Parse URL parameters. Bad values are dropped with a warning; unknown keys are ignored.

        `known` maps each choice's url_key ('country', 'actor', 'topic', 'category') to its valid values.
        """
        f, p = cls.parse(params, known)
        return f, p.warnings

    @classmethod
    def parse(cls, params: dict, known: dict[str, set[str]]) -> tuple[Filters, _Params]:
        """Like from_params, keeping apart the values dropped (`warnings` not in `cut`) and those shortened."""
        p = _Params(params, known)
        values: dict[str, Any] = {}
        for dim in DIMENSIONS:
            values.update(zip(dim.fields, dim.from_params(p)))
        return cls(**values), p


Filters = make_dataclass(
    "Filters", [(name, Any, field(default=default)) for dim in DIMENSIONS
                for name, default in zip(dim.fields, dim.defaults)],
    bases=(_FilterMethods,), frozen=True)
Filters.__module__ = __name__
Filters.__doc__ = "What the user is looking at. Empty tuples, '' and None mean 'no restriction'."

URL_KEYS = tuple(k for dim in DIMENSIONS for k in (dim.url_keys if isinstance(dim, DateRange) else (dim.url_key,)))


def known_values(ids: dict[str, list[str]]) -> dict[str, set[str]]:
    """What Filters.from_params accepts, per URL key, given each reference list's ids (Choice.ref)."""
    return {c.url_key: set(ids[c.ref]) for c in CHOICES}


def add_cli_options(parser) -> None:
    """Every filter dimension as a command-line option (argparse)."""
    for dim in DIMENSIONS:
        for flag, kwargs in dim.cli_options():
            parser.add_argument(flag, **kwargs)


def cli_params(args) -> dict:
    """The URL-style parameters given on a command line, for Filters.from_params."""
    out: dict = {}
    for dim in DIMENSIONS:
        out.update({k: v for k, v in dim.cli_params(args).items() if v})
    return out
