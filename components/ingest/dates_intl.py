"""Date expressions in Russian and Arabic news text: explicit dates ("15 октября 2025 года",
"11 ديسمبر/كانون الأول 2017"), weekdays ("в среду", "в прошлую пятницу", "يوم الثلاثاء",
"الأربعاء الماضي"), relative phrases ("вчера", "на прошлой неделе", "أمس", "الأسبوع الماضي") and
months ("в декабре прошлого года", "في أكتوبر").

Month and weekday names are CLDR's (through Babel, see ``lexicon.date_words``); matching runs on
``textnorm.fold``-ed text and offsets are mapped back to the original text.
"""

from __future__ import annotations

import datetime as dt
import re

from components.ingest import dates as D
from components.ingest.lexicon import DateWords, date_words
from components.ingest.lexicon_dates import FUTURE_AFTER
from components.textnorm import fold_map

_RU_MONTH_END = "(?:ь|я|е|й|а|у|ю|и)?"
_B, _E = r"(?<![\w])", r"(?![\w])"


def _month_alternatives(words: DateWords, lang: str) -> dict[str, int]:
    """Regex alternative → month number; Russian stems take case endings."""
    alts: dict[str, int] = {}
    for name, num in words.months.items():
        if lang == "ru":
            stem = name[:-1] if name[-1] in "ьйяа" and len(name) > 3 else name
            alts[re.escape(stem) + _RU_MONTH_END] = num
        else:
            alts[re.escape(name).replace(r"\ ", r"\s+")] = num
    return alts


def _weekday_alternatives(words: DateWords, lang: str) -> dict[str, int]:
    alts: dict[str, int] = {}
    for name, num in words.weekdays.items():
        if len(name) < 4:
            continue
        if lang == "ru":
            stem = name[:-1] if name[-1] in "аяе" else name
            alts[re.escape(stem) + "(?:а|у|е|ы|ой)?"] = num
        else:
            alts["(?:يوم\\s+)?[وب]?" + re.escape(name)] = num
    return alts


def _alternation(alts: dict[str, int]) -> str:
    return "|".join(sorted(alts, key=len, reverse=True))


def _lookup(alts: dict[str, int], word: str) -> int:
    return next(v for k, v in alts.items() if re.fullmatch(k, word))


def _explicit(folded: str, months: dict[str, int], ref_d, future_words: tuple[str, ...] = ()
              ) -> list[tuple[int, int, tuple]]:
    rx = re.compile(_B + r"(\d{1,2})\s+(" + _alternation(months) + r")(?:\s*/\s*(?:" + _alternation(months)
                    + r"))?" + _E + r"(?:\s+(\d{4}))?")
    out = []
    for m in rx.finditer(folded):
        year = int(m.group(3)) if m.group(3) else None
        date = D.resolve_month_day(_lookup(months, m.group(2)), int(m.group(1)), ref_d, year)
        ahead = folded[m.end():m.end() + 16].split()[:2]
        future = any(w.startswith(future_words) for w in ahead)
        if date is not None or year is None:
            out.append((m.start(), m.end(), (date, "day", "explicit", future)))
    for m in re.finditer(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", folded):
        if 1 <= int(m.group(2)) <= 12:
            date = D.resolve_month_day(int(m.group(2)), int(m.group(1)), ref_d, int(m.group(3)))
            out.append((m.start(), m.end(), (date, "day", "explicit", False)))
    return out


def _weekdays(folded: str, words: DateWords, lang: str, ref_d) -> list[tuple[int, int, tuple]]:
    alts = _weekday_alternatives(words, lang)
    wd = "(" + _alternation(alts) + ")"
    if lang == "ru":
        rx = re.compile(_B + r"(?:во?\s+)(?:(\w+)\s+)?" + wd + _E)
    else:
        rx = re.compile(_B + wd + _E + r"(?:\s+(\w+))?")
    out = []
    for m in rx.finditer(folded):
        mod = (m.group(1) if lang == "ru" else m.group(2)) or ""
        word = m.group(2) if lang == "ru" else m.group(1)
        if lang == "ru" and mod and not mod.startswith(("прошл", "минувш", "эт", "ближайш", "следующ")):
            continue
        last = mod.startswith(words.last_words) if mod else False
        end = m.end() if last or lang == "ru" else m.end(1)
        future = mod.startswith(("следующ", "ближайш", "المقبل", "القادم"))
        day = _lookup(alts, word)
        date = D._next_weekday(day, ref_d) if future else D._weekday(day, ref_d, strictly_before=last)
        out.append((m.start(), end, (date, "day", "weekday", future)))
    return out


def _bare(word: str) -> str:
    """A word without surrounding marks and the Arabic conjunction و ("«روسيا" → "روسيا", "وروسيا" → "روسيا")."""
    word = word.strip("\"'«»“”„")
    return word[1:] if word.startswith("و") and len(word) > 3 else word


def _relative(folded: str, words: DateWords, ref_d) -> list[tuple[int, int, tuple]]:
    rx = re.compile(_B + "(" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                        for p in sorted(words.relative, key=len, reverse=True)) + ")" + _E)
    out = []
    for m in rx.finditer(folded):
        before = folded[max(0, m.start() - 12):m.start()].split()
        after = folded[m.end():m.end() + 12].split()
        if (before and _bare(before[-1]) in words.no_date_after) or (after and after[0] in words.no_date_before):
            continue
        unit, offset = words.relative[re.sub(r"\s+", " ", m.group(1))]
        date, prec = D.resolve_offset(unit, offset, ref_d)
        out.append((m.start(), m.end(), (date, prec, "relative", offset > 0)))
    return out


def _months(folded: str, months: dict[str, int], lang: str, ref_d) -> list[tuple[int, int, tuple]]:
    lead = r"(?:в|с|до)\s+" if lang == "ru" else r"(?:في|خلال|منذ|مطلع|اواخر|اوائل)\s+(?:شهر\s+)?"
    rx = re.compile(_B + lead + "(" + _alternation(months) + ")" + _E +
                    r"(?:\s+(\d{4})|\s+(прошлого|этого|следующего)\s+года)?")
    out = []
    for m in rx.finditer(folded):
        mon = _lookup(months, m.group(1))
        if m.group(2):
            date = f"{int(m.group(2)):04d}-{mon:02d}"
        elif m.group(3) and ref_d is not None:
            date = f"{ref_d.year + {'прошлого': -1, 'этого': 0}.get(m.group(3), 1):04d}-{mon:02d}"
        else:
            date = D.resolve_month(mon, ref_d) if not m.group(3) else None
        out.append((m.start(), m.end(), (date, "month", "month", m.group(3) == "следующего")))
    return out


def find_dates_intl(text: str, ref_d: dt.date | None, lang: str) -> list[D.DateExpr]:
    """Date expressions of a Russian or Arabic ``text`` (earlier kinds win where two overlap)."""
    folded, index = fold_map(text)
    words = date_words(lang)
    months = _month_alternatives(words, lang)
    found = (_explicit(folded, months, ref_d, FUTURE_AFTER.get(lang, ())) + _relative(folded, words, ref_d)
             + _weekdays(folded, words, lang, ref_d) + _months(folded, months, lang, ref_d))
    taken: list[tuple[int, int]] = []
    out = []
    for a, b, (date, prec, kind, future) in found:
        if b <= a or any(a < e and s < b for s, e in taken):
            continue
        taken.append((a, b))
        start, end = index[a], index[b - 1] + 1
        out.append(D.DateExpr(start, end, text[start:end], date, prec, kind, future))
    return out
