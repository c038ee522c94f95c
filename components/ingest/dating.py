"""The date stage: when the words of a quotation were said.

In order: a date expression in the attribution clause ("Lavrov said on Monday", "заявил в среду",
"قال أمس"); else the dated speech of the same speaker elsewhere in the article; else the story's lead
date (the first dated happening it reports); else the publication date. A perfect-tense or passive
report ("has made clear") and a quotation with no attribution get no fallback date, and nothing is
resolved against an unknown publication date: such dates stay null.
"""

from __future__ import annotations

import re

from components.ingest import dates as D
from components.ingest import lexicon as L
from components.ingest.english import FINITE
from components.ingest.model import MASK, Cue, Document, Sentence

_DATELINE = re.compile(r"^[A-Z][A-Z .,'’\-]{2,},?\s*$")
_RANK = {"day": 0, "week": 1, "month": 2}


def _commas(doc: Document, sent: Sentence) -> list[int]:
    seg = doc.masked[sent.start:sent.end]
    return [sent.start + m.start() for m in re.finditer(r"[,;،؛]|\s[—–]\s", seg)]


def _intro_ok(doc: Document, sent: Sentence, first_hi: int, cue: Cue) -> bool:
    """A sentence-opening adverbial ("On Monday, …") dates the verb when it has no verb of its own."""
    intro = doc.masked[sent.start:first_hi].replace(MASK, " ")
    finite = FINITE.search(intro) if doc.lang == "en" else None
    return first_hi <= cue.start and not finite and len(intro.split()) <= (14 if doc.lang == "en" else 6)


def _usable(doc: Document, sent: Sentence, d: D.DateExpr, cue: Cue) -> bool:
    if d.future or d.precision == "year" or (d.date is None and d.precision is None):
        return False
    if L.DATE_EXCLUDE_BEFORE[doc.lang].search(doc.masked[max(sent.start, d.start - 25):d.start]):
        return False
    meeting = re.search(r"^\s*(?:['’]s)?\s*(?:meeting|talks|summit|visit|call|session)s?\b", doc.masked[d.end:d.end + 12])
    return not (meeting and d.kind == "weekday" and d.start > cue.end)


def _in_clause(doc: Document, sent: Sentence, d: D.DateExpr, cue: Cue, commas: list[int]) -> bool:
    lo = max([c for c in commas if c < cue.start] + [sent.start])
    hi = min([c for c in commas if c >= cue.end] + [sent.end])
    if lo <= d.start and d.end <= hi:
        return True
    first_hi = min(commas + [sent.end])
    if _intro_ok(doc, sent, first_hi, cue) and d.end <= first_hi:
        return True
    plo = max([c for c in commas if c < d.start] + [sent.start])
    phi = min([c for c in commas if c >= d.end] + [sent.end])
    rest = doc.masked[plo:phi].strip(" ,;.\n،").replace(d.text, "", 1).strip(" ,;.،")
    alone = re.fullmatch(r"(?:on|in|at|earlier|late|early|this|last|since|в|во|يوم)?\s*", rest, re.I)
    return bool(alone) and phi >= cue.start - 2 and plo <= cue.end + 40


def clause_date(doc: Document, sent: Sentence, cue: Cue) -> D.DateExpr | None:
    """The date expression nearest the cue within its clause (or the sentence's opening adverbial)."""
    commas = _commas(doc, sent)
    best = None
    for d in doc.dates:
        if not (sent.start <= d.start < sent.end) or not _usable(doc, sent, d, cue):
            continue
        if not _in_clause(doc, sent, d, cue, commas):
            continue
        dist = min(abs(d.start - cue.end), abs(cue.start - d.end))
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best else None


def lead_date(doc: Document) -> tuple[str, str] | None:
    """The first day-precision date of a reported happening (not a dateline, byline or caption)."""
    verbs = L.EVENT_VERBS[doc.lang]
    for d in doc.dates:
        if d.precision != "day" or d.date is None or d.future or (doc.ref and d.date > doc.ref):
            continue
        if d.kind == "explicit" and doc.ref and d.date == doc.ref:
            continue  # datelines and bylines repeat the publication date
        k = doc.sentence_of(d.start)
        if k < 0:
            continue
        sent = doc.sentences[k]
        if _DATELINE.match(doc.masked[sent.start:d.start]):
            continue
        seg = doc.masked[sent.start:sent.end].replace(MASK, " ")
        if doc.lang != "en" or FINITE.search(seg) or verbs.search(seg):
            return d.date, d.precision
    return None


def speaker_dates(cues: list[Cue]) -> dict[str, list[tuple[int, D.DateExpr]]]:
    out: dict[str, list[tuple[int, D.DateExpr]]] = {}
    for c in cues:
        if c.resolved is not None and c.date is not None and c.date.date:
            out.setdefault(c.resolved.key(), []).append((c.start, c.date))
    return out


def said_on(doc: Document, cue: Cue, pos: int, by_speaker: dict, lead: tuple[str, str] | None
            ) -> tuple[str | None, str | None, str]:
    """(date, precision, reason) for a quotation at ``pos`` attributed through ``cue``."""
    if cue.date is not None and cue.date.date:
        return cue.date.date, cue.date.precision, f"'{cue.date.text}' in the attribution clause"
    if cue.date is not None:
        return None, None, f"'{cue.date.text}' cannot be resolved: {doc.ref_reason}"
    if cue.perfect:
        return None, None, "perfect tense or passive report: when it was said is not stated"
    cands = [c for c in by_speaker.get(cue.resolved.key(), []) if c[1].precision in _RANK] if cue.resolved else []
    if cands:
        cands.sort(key=lambda c: (_RANK[c[1].precision], 0 if c[0] <= pos else 1, abs(c[0] - pos)))
        d = cands[0][1]
        return d.date, d.precision, f"the same speaker's dated remark elsewhere ('{d.text}')"
    if lead is not None:
        return lead[0], lead[1], "the story's lead date (its first dated happening)"
    published = D.to_date(doc.article.published)
    if published is not None:
        return published.isoformat(), "day", "the publication date (no date in the text)"
    return None, None, "no date in the text and no publication date"
