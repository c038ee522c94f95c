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

from components.ingest.lexicon_dates import EN_TODAY_NAME

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
    key = name.strip().lower().rstrip("s'’").strip()
    return _weekday(WEEKDAYS.index(key), ref) if key in WEEKDAYS else None


_EN_RELATIVE_TABLE = {
    "today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0),
    "this evening": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1),
    "this week": ("week", 0), "last week": ("week", -1), "next week": ("week", 1), "past week": ("week", -1),
    "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1), "past month": ("month", -1),
    "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1), "past year": ("year", -1),
}


def resolve_offset(unit: str, offset: int, ref) -> tuple[str | None, str]:
    """The day, week (its Monday), month or year ``offset`` units from ``ref``; (None, unit) without one."""
    ref = to_date(ref)
    if ref is None:
        return None, unit
    if unit == "day":
        return (ref + dt.timedelta(days=offset)).isoformat(), "day"
    if unit == "week":
        return monday_of(ref + dt.timedelta(days=7 * offset)).isoformat(), "week"
    if unit == "month":
        n = ref.year * 12 + ref.month - 1 + offset
        return f"{n // 12:04d}-{n % 12 + 1:02d}", "month"
    return f"{ref.year + offset:04d}", "year"


def resolve_relative(phrase: str, ref) -> tuple[str | None, str | None]:
    """Resolve "today", "yesterday", "last week", "earlier this week", "last month" … against ``ref``.
    Returns (date, precision); (None, precision) without a reference; (None, None) for an unknown phrase."""
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    p = re.sub(r"^(earlier|later|late|early) (in )?", "", p)
    if p not in _EN_RELATIVE_TABLE:
        return None, None
    return resolve_offset(*_EN_RELATIVE_TABLE[p], ref)


def _weekday(day: int, ref, strictly_before: bool = False) -> str | None:
    """The most recent weekday ``day`` (0 = Monday) on or (``strictly_before``) before ``ref``."""
    ref = to_date(ref)
    if ref is None:
        return None
    back = (ref.weekday() - day) % 7 or (7 if strictly_before else 0)
    return (ref - dt.timedelta(days=back)).isoformat()


def _next_weekday(day: int, ref) -> str | None:
    ref = to_date(ref)
    if ref is None:
        return None
    return (ref + dt.timedelta(days=(day - ref.weekday()) % 7 or 7)).isoformat()


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


def _english_ymd(kind: str, g: dict, text: str, a: int, ref_d) -> tuple | None:
    if kind in ("iso", "dotted"):
        if not 1 <= int(g["m"]) <= 12:
            return None
        date = resolve_month_day(int(g["m"]), int(g["d"]), ref_d, int(g["y"]))
        return (date, "day", "explicit", False) if date else None
    mon = MONTHS[g["mon"].lower().rstrip(".")]
    if kind == "mdy" and g["mon"].lower() == "may" and not g.get("y") and _may_is_verb(text, a):
        return None
    y = int(g["y"]) if g.get("y") else None
    date = resolve_month_day(mon, int(g["d"]), ref_d, y)
    return None if date is None and y is not None else (date, "day", "explicit", False)


def _english_weekday(g: dict, ref_d) -> tuple:
    mod = (g.get("lastwd") or "").lower()
    day = WEEKDAYS.index(g["wd"].lower())
    if mod == "next":
        return _next_weekday(day, ref_d), "day", "weekday", True
    return _weekday(day, ref_d, strictly_before=mod in ("last", "past")), "day", "weekday", False


def _english_month(g: dict, text: str, a: int, ref_d) -> tuple | None:
    word = g["mon"]
    if word[0].islower() or (word.lower() == "may" and not g.get("y") and not g.get("rel") and _may_is_verb(text, a)):
        return None
    mon = MONTHS[word.lower()]
    if g.get("y"):
        return f"{int(g['y']):04d}-{mon:02d}", "month", "month", False
    if g.get("rel"):
        rel = g["rel"].lower()
        if ref_d is None:
            return None, "month", "month", rel == "next"
        y = ref_d.year + {"last": -1, "this": 0, "next": 1}[rel]
        return f"{y:04d}-{mon:02d}", "month", "month", rel == "next"
    return resolve_month(mon, ref_d), "month", "month", False


def _english_match(kind: str, m: re.Match, text: str, ref_d) -> tuple | None:
    """(date, precision, kind, future) for one English pattern match, or None to skip it."""
    g = m.groupdict()
    if kind in ("iso", "dotted", "mdy", "dmy"):
        return _english_ymd(kind, g, text, m.start(), ref_d)
    if kind == "weekday":
        return _english_weekday(g, ref_d)
    if kind == "relative":
        if g["rel"] == "Today" and EN_TODAY_NAME.search(text[max(0, m.start() - 30):m.start()]):
            return None   # "Russia Today", "USA Today": a name
        unit, offset = _EN_RELATIVE_TABLE[re.sub(r"^(?:earlier|later|late|early) (?:in )?", "",
                                                 re.sub(r"\s+", " ", g["rel"].lower()))]
        date, prec = resolve_offset(unit, offset, ref_d)
        return date, prec, "relative", offset > 0
    if kind == "month":
        return _english_month(g, text, m.start(), ref_d)
    return g["y"], "year", "year", False


def _english_dates(text: str, ref_d, kinds: tuple[str, ...] | None = None) -> list[DateExpr]:
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for kind, rx in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in rx.finditer(text):
            a, b = (m.start("y"), m.end()) if kind == "year" else m.span()
            if any(a < e and s < b for s, e in taken):
                continue
            got = _english_match(kind, m, text, ref_d)
            if got is None:
                continue
            taken.append((a, b))
            out.append(DateExpr(a, b, text[a:b], got[0], got[1], got[2], got[3]))
    return out


def find_dates(text: str, ref=None, lang: str = "en") -> list[DateExpr]:
    """Every date expression in ``text`` resolved against ``ref`` (non-overlapping, in text order).
    ``lang`` picks the patterns: English (hand-written), Russian and Arabic (CLDR month and weekday
    names through Babel, relative phrases from the lexicon)."""
    ref_d = to_date(ref)
    if lang in ("ru", "ar"):
        from components.ingest.dates_intl import find_dates_intl

        found = find_dates_intl(text, ref_d, lang)
        found += [d for d in _english_dates(text, ref_d, ("mdy", "dmy"))   # Latin dates in captions, posts
                  if d.date and not any(d.start < f.end and f.start < d.end for f in found)]
    else:
        found = _english_dates(text, ref_d)
    found.sort(key=lambda d: d.start)
    return _merge_weekday_explicit(text, found)


def _merge_weekday_explicit(text: str, exprs: list[DateExpr]) -> list[DateExpr]:
    """"Thursday, August 2" and "Wednesday (Jan 28)" are one expression: the explicit date wins."""
    merged: list[DateExpr] = []
    i = 0
    while i < len(exprs):
        d = exprs[i]
        if i + 1 < len(exprs) and d.kind == "weekday":
            n = exprs[i + 1]
            gap = text[d.end:n.start]
            if n.kind == "explicit" and re.fullmatch(r"\s*[,،(]?\s*", gap):
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


def first_full_date(text: str, lang: str = "en") -> str | None:
    """The latest explicit date with a year in ``text`` (used as a reference when a text has no
    publication date: a dateline, a caption, a store's ``date YYYY-MM-DD`` line)."""
    best = None
    for d in find_dates(text, None, lang):
        if d.kind == "explicit" and d.precision == "day" and d.date:
            if best is None or d.date > best:
                best = d.date
    return best
