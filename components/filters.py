"""The filter value shared by every page, the URL, the CLI, the SQL and the export captions.

`Filters` is frozen and hashable (cache key). `to_where("events"|"statements")` gives (sql, params);
`describe()` gives a human sentence; `to_params()` / `from_params()` round-trip through the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from components.schema import date_bounds, parse_iso

MAX_PARAM_CHARS = 200
MAX_LIST_ITEMS = 50
MAX_SEARCH_CHARS = 500
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str | None) -> str | None:
    """Turn any user text into a safe FTS5 query: each word quoted, all required; a trailing * keeps prefix.

    Operators, column filters, unbalanced quotes and NUL bytes lose their meaning: 'NEAR(' becomes
    the word "NEAR". Returns None when no searchable word is left.
    """
    if not text:
        return None
    text = text[:MAX_SEARCH_CHARS].replace("\x00", " ")
    terms = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        prefix = text[m.end(): m.end() + 1] == "*"
        terms.append(f'"{word}"' + ("*" if prefix else ""))
        if len(terms) >= 32:
            break
    return " ".join(terms) or None


@dataclass(frozen=True)
class Filters:
    """What the user is looking at. Empty tuples and None mean 'no restriction'."""

    date_from: str | None = None
    date_to: str | None = None
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    text: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.countries or self.actors or self.topics
                    or self.categories or self.text.strip())

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)

    # --- SQL --------------------------------------------------------------------------------
    def to_where(self, kind: str, alias: str | None = None, text_mode: str = "in",
                 topic_mode: str = "in") -> tuple[str, list]:
        """A WHERE clause (without the word) and its parameters for kind 'events' or 'statements'.

        text_mode 'in' materialises the full-text hits (best when they are few); 'probe' checks each
        candidate row against the index (best when another index drives a newest-first scan).
        topic_mode works the same way for the topic links (use 'probe' for newest-first pages).
        """
        if kind not in ("events", "statements"):
            raise ValueError(kind)
        t = alias or kind
        clauses: list[str] = []
        params: list = []
        # Statements filter on date_sort (= date_start, undated rows '0000-00-00'), which the speaker and
        # country indexes carry, so a speaker + date range is answered from the index.
        if self.date_from:
            clauses.append(f"{t}.date_end >= ?" if kind == "events" else f"{t}.date_sort >= ?")
            params.append(date_bounds(self.date_from)[0])
        if self.date_to:
            clauses.append(f"{t}.date_start <= ?" if kind == "events" else f"{t}.date_sort BETWEEN '0001-01-01' AND ?")
            params.append(date_bounds(self.date_to)[1])
        if self.countries:
            marks = ",".join("?" * len(self.countries))
            if kind == "events":
                clauses.append(f"{t}.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
                               f" WHERE a.country IN ({marks}))")
            else:
                clauses.append(f"{t}.speaker_country IN ({marks})")
            params.extend(self.countries)
        if self.actors:
            marks = ",".join("?" * len(self.actors))
            if kind == "events":
                clauses.append(f"{t}.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({marks}))")
            else:
                clauses.append(f"{t}.speaker_id IN ({marks})")
            params.extend(self.actors)
        if self.topics:
            marks = ",".join("?" * len(self.topics))
            link, key = ("event_topics", "event_id") if kind == "events" else ("statement_topics", "statement_id")
            if topic_mode == "probe":
                clauses.append(f"EXISTS (SELECT 1 FROM {link} x WHERE x.{key} = {t}.id AND x.topic_id IN ({marks}))")
            else:
                clauses.append(f"{t}.id IN (SELECT {key} FROM {link} WHERE topic_id IN ({marks}))")
            params.extend(self.topics)
        if self.categories:
            marks = ",".join("?" * len(self.categories))
            if kind == "events":
                clauses.append(f"{t}.category IN ({marks})")
            else:
                clauses.append(f"{t}.event_id IN (SELECT id FROM events WHERE category IN ({marks}))")
            params.extend(self.categories)
        q = fts_query(self.text)
        if q and text_mode == "probe":
            clauses.append(f"EXISTS (SELECT 1 FROM {kind}_fts x WHERE x.{kind}_fts MATCH ? AND x.rowid = {t}.rowid)")
            params.append(q)
        elif q:
            clauses.append(f"{t}.rowid IN (SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?)")
            params.append(q)
        return (" AND ".join(clauses) or "1=1"), params

    # --- words ------------------------------------------------------------------------------
    def describe(self, names: dict[str, str] | None = None) -> str:
        """One sentence for captions and empty states, e.g. 'Topics: bases · From 2024-12-08'."""
        names = names or {}
        parts = []
        if self.date_from and self.date_to:
            parts.append(f"{self.date_from} to {self.date_to}")
        elif self.date_from:
            parts.append(f"from {self.date_from}")
        elif self.date_to:
            parts.append(f"until {self.date_to}")
        for label, values in (("countries", self.countries), ("officials", self.actors),
                              ("topics", self.topics), ("categories", self.categories)):
            if values:
                parts.append(f"{label}: " + ", ".join(names.get(v, v) for v in values))
        if self.text.strip():
            parts.append(f'search: "{self.text.strip()}"')
        return "Filters: " + "; ".join(parts) if parts else "All data, no filters"

    # --- URL --------------------------------------------------------------------------------
    def to_params(self) -> dict[str, str]:
        """Query parameters for this filter (only the non-empty ones)."""
        out: dict[str, str] = {}
        if self.date_from:
            out["from"] = self.date_from
        if self.date_to:
            out["to"] = self.date_to
        for key, values in (("country", self.countries), ("actor", self.actors), ("topic", self.topics),
                            ("category", self.categories)):
            if values:
                out[key] = ",".join(values)
        if self.text.strip():
            out["q"] = self.text.strip()
        return out

    @classmethod
    def from_params(cls, params: dict, known: dict[str, set[str]]) -> tuple["Filters", list[str]]:
        """Parse URL parameters. Bad values are dropped with a warning; unknown keys are ignored.

        `known` maps 'country', 'actor', 'topic', 'category' to their valid values.
        """
        warnings: list[str] = []

        def scalar(key: str) -> str | None:
            value = params.get(key)
            if isinstance(value, list):
                value = value[-1] if value else None
            if value is None:
                return None
            value = str(value)
            if len(value) > MAX_PARAM_CHARS and key != "q":
                warnings.append(f"URL parameter '{key}' was longer than {MAX_PARAM_CHARS} characters and was cut.")
                value = value[:MAX_PARAM_CHARS]
            return value

        def date(key: str) -> str | None:
            value = scalar(key)
            if not value:
                return None
            if parse_iso(value) is None:
                warnings.append(f"Ignored URL parameter {key}={value[:40]!r}: not a date (use YYYY-MM-DD, YYYY-MM or YYYY).")
                return None
            return value

        def listing(key: str) -> tuple[str, ...]:
            raw = params.get(key)
            if raw is None:
                return ()
            items = raw if isinstance(raw, list) else str(raw).split(",")
            items = [str(i).strip() for item in items for i in str(item).split(",") if str(i).strip()]
            if len(items) > MAX_LIST_ITEMS:
                warnings.append(f"URL parameter '{key}' had more than {MAX_LIST_ITEMS} values; the rest were ignored.")
                items = items[:MAX_LIST_ITEMS]
            good = []
            for item in items:
                item = item[:MAX_PARAM_CHARS]
                if item in known.get(key, set()):
                    if item not in good:
                        good.append(item)
                else:
                    warnings.append(f"Ignored unknown {key} {item[:40]!r} in the URL.")
            return tuple(good)

        date_from, date_to = date("from"), date("to")
        if date_from and date_to and date_bounds(date_from)[0] > date_bounds(date_to)[1]:
            warnings.append(f"Ignored the URL's date range: 'from' {date_from} is after 'to' {date_to}.")
            date_from = date_to = None
        text = params.get("q") or ""
        if isinstance(text, list):
            text = text[-1] if text else ""
        text = str(text).replace("\x00", "")
        if len(text) > MAX_SEARCH_CHARS:
            warnings.append(f"The search text in the URL was longer than {MAX_SEARCH_CHARS} characters and was cut.")
            text = text[:MAX_SEARCH_CHARS]
        f = cls(date_from=date_from, date_to=date_to, countries=listing("country"), actors=listing("actor"),
                topics=listing("topic"), categories=listing("category"), text=text)
        return f, warnings
