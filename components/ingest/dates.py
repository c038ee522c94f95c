"""Date expressions in news English, resolved against a reference (publication) date.

Pure functions, no I/O. Every resolved date is an ISO string ``YYYY-MM-DD`` (day or week
precision; for a week the Monday of that week), ``YYYY-MM`` (month) or ``YYYY`` (year).
Weekday and relative forms ("today", "on Wednesday", "last week") need a reference date; without
one they resolve to ``None``. Explicit dates without a year take the reference year (the previous
year when that would put them after the reference), or ``None`` when there is no reference.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in a text."""

    start: int
    end: int
    text: str
    date: str | None          # resolved ISO date, or None when it cannot be settled
    precision: str | None     # day | week | month | year
    kind: str                 # explicit | weekday | relative | month | year
    future: bool = False      # "next month", "tomorrow", "next week"


def to_date(value) -> dt.date | None:
    """A ``datetime.date`` from a date, an ISO string (YYYY-MM-DD) or None; anything else → None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def resolve_weekday(name: str, ref) -> str | None:
    """The most recent ``name`` (e.g. "Wednesday") on or before ``ref``; None without a reference."""
    ref = to_date(ref)
    key = name.strip().lower().rstrip("s'’").strip()
    if ref is None or key not in WEEKDAYS:
        return None
    back = (ref.weekday() - WEEKDAYS.index(key)) % 7
    return (ref - dt.timedelta(days=back)).isoformat()


def resolve_relative(phrase: str, ref) -> tuple[str | None, str | None]:
    """Resolve "today", "yesterday", "last week", "earlier this week", "last month", "this month",
    "last year" … against ``ref``. Returns (date, precision); (None, precision) without a reference
    and (None, None) for an unknown phrase."""
    ref = to_date(ref)
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    p = re.sub(r"^(earlier|later|late|early) (in )?", "", p)
    table = {
        "today": "day", "tonight": "day", "this morning": "day", "this afternoon": "day",
        "this evening": "day", "yesterday": "day", "tomorrow": "day",
        "this week": "week", "last week": "week", "next week": "week",
        "this month": "month", "last month": "month", "next month": "month",
        "this year": "year", "last year": "year", "next year": "year",
    }
    prec = table.get(p)
    if prec is None:
        return None, None
    if ref is None:
        return None, prec
    if prec == "day":
        delta = {"yesterday": -1, "tomorrow": 1}.get(p, 0)
        return (ref + dt.timedelta(days=delta)).isoformat(), "day"
    if prec == "week":
        delta = {"last week": -7, "next week": 7}.get(p, 0)
        return monday_of(ref + dt.timedelta(days=delta)).isoformat(), "week"
    if prec == "month":
        y, m = ref.year, ref.month
        if p == "last month":
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        elif p == "next month":
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return f"{y:04d}-{m:02d}", "month"
    y = ref.year + {"last year": -1, "next year": 1}.get(p, 0)
    return f"{y:04d}", "year"


def resolve_month_day(month: int, day: int, ref, year: int | None = None) -> str | None:
    """An explicit month and day; the year from ``year``, else from ``ref`` (the previous year when
    that would fall after ``ref``), else None."""
    ref = to_date(ref)
    if year is None:
        if ref is None:
            return None
        year = ref.year
        try:
            if dt.date(year, month, day) > ref:
                year -= 1
        except ValueError:
            return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve_month(month: int, ref, year: int | None = None) -> str | None:
    """A month name without a day ("in December"): the most recent such month on or before ``ref``."""
    ref = to_date(ref)
    if year is None:
        if ref is None:
            return None
        year = ref.year if month <= ref.month else ref.year - 1
    return f"{year:04d}-{month:02d}"


_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dotted", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    # October 15, 2025 / Oct. 15 / Jan 29, 2025 / August 2
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<y>\d{{4}})\b)?")),
    # 15 October 2025 / 10 September, 2025 / 15th of October
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("month", re.compile(rf"\b(?P<mon>{_MON})\b(?:\s+(?P<y>\d{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)")),
    ("weekday", re.compile(rf"\b(?:(?P<lastwd>last|this|next|past)\s+)?(?P<wd>{_WD})(?:['’]s)?\b")),
    ("relative", re.compile(
        r"\b(?P<rel>(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?:this|last|next|past)\s+(?:week|month|year)"
        r"|today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b", re.I)),
    # "in December", "December 2024", "January last year", "early October"
    ("month", re.compile(rf"\b(?P<mon>{_MON})\b(?:\s+(?P<y>\d{{4}})\b|\s+(?P<rel>last|this|next)\s+year\b)?")),
    ("year", re.compile(r"\b(?:in|since|of|from|by|until)\s+(?P<y>(?:19|20)\d{2})\b")),
]


def find_dates(text: str, ref=None) -> list[DateExpr]:
    """Every date expression in ``text`` resolved against ``ref`` (non-overlapping, in text order;
    earlier patterns in the list win over later ones)."""
    ref_d = to_date(ref)
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            a, b = m.span()
            if not free(a, b):
                continue
            g = m.groupdict()
            date = prec = None
            future = False
            k = kind
            if kind in ("iso", "dotted"):
                date = resolve_month_day(int(g["m"]), int(g["d"]), ref_d, int(g["y"])) if 1 <= int(g["m"]) <= 12 else None
                if date is None:
                    continue
                prec, k = "day", "explicit"
            elif kind in ("mdy", "dmy"):
                mon = MONTHS[g["mon"].lower().rstrip(".")]
                if kind == "mdy" and g["mon"].lower() == "may" and not g.get("y") and _may_is_verb(text, a):
                    continue
                y = int(g["y"]) if g.get("y") else None
                date, prec, k = resolve_month_day(mon, int(g["d"]), ref_d, y), "day", "explicit"
                if date is None and y is not None:
                    continue
            elif kind == "weekday":
                mod = (g.get("lastwd") or "").lower()
                if mod == "next":
                    date, future = None, True
                    if ref_d is not None:
                        ahead = (WEEKDAYS.index(g["wd"].lower()) - ref_d.weekday()) % 7 or 7
                        date = (ref_d + dt.timedelta(days=ahead)).isoformat()
                else:
                    date = resolve_weekday(g["wd"], ref_d)
                prec = "day"
            elif kind == "relative":
                phrase = g["rel"]
                date, prec = resolve_relative(phrase, ref_d)
                future = bool(re.search(r"next|tomorrow", phrase, re.I))
            elif kind == "month":
                word = g["mon"]
                if word.lower() == "may" and not g.get("y") and not g.get("rel") and _may_is_verb(text, a):
                    continue
                if word[0].islower():
                    continue
                mon = MONTHS[word.lower()]
                if g.get("y"):
                    date = f"{int(g['y']):04d}-{mon:02d}"
                elif g.get("rel") and ref_d is not None:
                    y = ref_d.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
                    date = f"{y:04d}-{mon:02d}"
                    future = g["rel"].lower() == "next"
                elif not g.get("rel"):
                    date = resolve_month(mon, ref_d)
                prec = "month"
            elif kind == "year":
                a = m.start("y")
                date, prec = g["y"], "year"
            taken.append((a, b))
            out.append(DateExpr(a, b, text[a:b], date, prec, k, future))
    out.sort(key=lambda d: d.start)
    return _merge_weekday_explicit(text, out)


def _merge_weekday_explicit(text: str, exprs: list[DateExpr]) -> list[DateExpr]:
    """"Thursday, August 2" and "Wednesday (Jan 28)" are one expression: the explicit date wins."""
    merged: list[DateExpr] = []
    i = 0
    while i < len(exprs):
        d = exprs[i]
        if i + 1 < len(exprs) and d.kind == "weekday":
            n = exprs[i + 1]
            gap = text[d.end:n.start]
            if n.kind == "explicit" and re.fullmatch(r"\s*[,(]?\s*", gap):
                end = n.end + (1 if text[n.end:n.end + 1] == ")" and "(" in gap else 0)
                date = n.date or d.date
                merged.append(DateExpr(d.start, end, text[d.start:end], date, "day", "explicit", d.future))
                i += 2
                continue
        merged.append(d)
        i += 1
    return merged


def _may_is_verb(text: str, pos: int) -> bool:
    """'may' as the modal verb rather than the month."""
    word = text[pos:pos + 3]
    if word == "may":
        return True
    nxt = text[pos + 3:pos + 20].lstrip()
    return bool(re.match(r"(be|have|not|also|still|well|need|want|take|make|seek|face|help|lead|become)\b", nxt))


def first_full_date(text: str) -> str | None:
    """The latest explicit date with a year in ``text`` (used as a reference when a text has no
    publication date: a dateline, a caption, a store's ``date YYYY-MM-DD`` line)."""
    best = None
    for d in find_dates(text, None):
        if d.kind == "explicit" and d.precision == "day" and d.date:
            if best is None or d.date > best:
                best = d.date
    return best
