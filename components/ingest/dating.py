"""The date stage: when the words of a quotation were said.

In order: a date expression in the attribution clause ("Lavrov said on Monday", "заявил в среду",
"قال أمس"); else the dated speech of the same speaker elsewhere in the article; else the story's lead
date (the first dated happening it reports); else the publication date. A perfect-tense or passive
report ("has made clear") and a quotation with no attribution get no fallback date, and nothing is
resolved against an unknown publication date: such dates stay null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from components.ingest import dates as D
from components.ingest import lexicon as L
from components.ingest.english import FINITE
from components.ingest.gazetteer import Gazetteer
from components.ingest.lexicon_dates import (EARLIER_AFTER, EARLIER_BEFORE, EN_PRESENT_VERB, INTERVIEW_WORDS, OCCASIONS,
                                             PUBLISHED_WORDS, REPORTED_BEFORE, STATEMENT_WORDS, STORY_LEAD_DATES,
                                             TIME_SHIFT, TOPIC_BEFORE)
from components.ingest.lexicon_institutions import impersonal
from components.ingest.model import MASK, Cue, Document, Sentence, Speaker
from components.textnorm import fold

_AR_THAT = re.compile(r"(?<![\w])(?:إن|أن|ان|بأن|إلى أن)(?:ه|ها|نا|هم)?(?![\w])")   # "that": the reported words follow
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .,'’\-]{2,},?\s*$")
_RANK = {"day": 0, "week": 1, "month": 2}
_GLUED_STOP = re.compile(r"(?<=[a-zа-яё»”\"]{2})\.(?=[A-ZА-ЯЁ])")   # a sentence end with its space lost
_BYLINE = re.compile(r"\bBy\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}[\s,|–—-]*$")   # "By Scott Lucas June 29, 2014"
# "said his visit to Damascus on January 7 …": the date belongs to what was said, not to the saying
_REPORTED_CLAUSE = re.compile(r"\s*(?:that\s+)?(?:his|her|its|their|the|this|these|those)\s+\w+", re.I)


def _commas(doc: Document, sent: Sentence) -> list[int]:
    """Clause boundaries of a sentence (not the comma inside "March 2, 2023")."""
    seg = doc.masked[sent.start:sent.end]
    cuts = [sent.start + m.start() for m in re.finditer(r"[,;،؛]|\s[—–]\s", seg)]
    return [c for c in cuts if not any(d.start <= c < d.end for d in doc.dates)]


def _intro_ok(doc: Document, sent: Sentence, first_hi: int, cue: Cue, commas: list[int]) -> bool:
    """A sentence-opening adverbial ("On Monday, …") dates the verb when it has no verb of its own; in
    Russian and Arabic (whose run-on sentences join clauses with commas: "في 8 ديسمبر، سيطرت الفصائل على
    دمشق، وقال بيسكوف …") only the verb of the clause right after it."""
    intro = doc.masked[sent.start:first_hi].replace(MASK, " ")
    finite = FINITE.search(intro) if doc.lang == "en" else None
    if doc.lang != "en" and any(first_hi < c < cue.start for c in commas):
        return False
    return first_hi <= cue.start and not finite and len(intro.split()) <= (14 if doc.lang == "en" else 6)


def _usable(doc: Document, sent: Sentence, d: D.DateExpr, cue: Cue) -> bool:
    lo, hi = (cue.end, d.start) if d.start >= cue.end else (d.end, cue.start)
    if _GLUED_STOP.search(doc.masked, lo, hi):
        return False   # "сказал Песков.Ранее, 11 октября": the date is in the next sentence
    if d.future or d.precision == "year" or (d.date is None and d.precision is None):
        return False
    if d.precision == "day" and d.date and doc.ref and d.date > doc.ref:
        return False   # after the publication day: a plan ("القمة في 20 أكتوبر 2025"), not when it was said
    if d.kind == "explicit" and TOPIC_BEFORE[doc.lang].search(doc.masked[max(sent.start, d.start - 40):d.start]):
        return False   # "ردا على سؤال حول أحداث 8 ديسمبر": the date of the topic
    if d.text.endswith(("'s", "’s")):
        return False   # "described Monday's meeting as …": the day of the meeting, not of the saying
    if d.kind == "month" and d.date and doc.ref and not re.search(r"\d{4}", d.text) and _months_before(d.date, doc.ref) > 6:
        return False   # a bare month far back is more likely a plan ("в середине января") than when it was said
    if L.DATE_EXCLUDE_BEFORE[doc.lang].search(doc.masked[max(sent.start, d.start - 25):d.start]):
        return False
    if _BYLINE.search(doc.masked[max(sent.start, d.start - 40):d.start]):
        return False
    if doc.lang == "en" and d.start > cue.end and (L.EN_OTHER_PREDICATE.search(doc.masked[cue.end:d.start]) or
                                                   _REPORTED_CLAUSE.match(doc.masked[cue.end:d.start])):
        return False
    if _reported(doc, sent, d, cue):
        return False
    meeting = re.search(r"^\s*(?:['’]s)?\s*(?:meeting|talks|summit|visit|call|session)s?\b", doc.masked[d.end:d.end + 12])
    return not (meeting and d.kind == "weekday" and d.start > cue.end)


def _reported(doc: Document, sent: Sentence, d: D.DateExpr, cue: Cue) -> bool:
    """The date is inside the reported words: after a colon or "что"/"إن" that follows the cue ("قال بيسكوف إن
    الأسد وصل يوم الأحد"), or after an English "that" with a present or future verb of its own ("stressed that
    relations are stronger today"; a past one, "said that they met on Monday", is often that day's news). For
    a participle that continues an earlier verb ("…, denying") the "that" may come before the cue."""
    if d.start > cue.end and ":" in doc.masked[cue.end:d.start]:
        return True
    if d.start < cue.end and not cue.inherit:
        return False
    m = REPORTED_BEFORE[doc.lang].search(doc.masked, cue.end if d.start > cue.end else sent.start, d.start)
    if m is None or doc.lang != "en":
        return m is not None
    return bool(EN_PRESENT_VERB.search(doc.masked, m.end(), d.start))


def _in_clause(doc: Document, sent: Sentence, d: D.DateExpr, cue: Cue, commas: list[int]) -> bool:
    lo = max([c for c in commas if c < cue.start] + [sent.start])
    if cue.inherit and cue.word.endswith("ing"):   # "met Ryabkov on Saturday, hailing …": the main clause's date
        lo = max([c for c in commas if c < lo] + [sent.start])
    hi = min([c for c in commas if c >= cue.end] + [sent.end])
    if lo <= d.start and d.end <= hi:
        return True
    if doc.lang != "en" and d.start >= cue.end and MASK not in doc.masked[cue.end:d.start] and \
            re.match(r"[\s\w]*:?\s*" + MASK, doc.masked[d.end:d.end + 30]):
        return True   # "وقال بوغدانوف، في تصريحات للصحفيين اليوم الجمعة: “…”": the adjunct before the quote
    first_hi = min(commas + [sent.end])
    if _intro_ok(doc, sent, first_hi, cue, commas) and d.end <= first_hi:
        return True
    plo = max([c for c in commas if c < d.start] + [sent.start])
    phi = min([c for c in commas if c >= d.end] + [sent.end])
    rest = doc.masked[plo:phi]
    for other in [x for x in doc.dates if plo <= x.start and x.end <= phi]:   # "اليوم الاثنين" is one date
        rest = rest.replace(other.text, " ", 1)
    rest = rest.replace(MASK, " ").strip(" ,;.:\n،\"“”«»")
    alone = re.fullmatch(r"(?:on|in|at|earlier|late|early|this|last|since|в|во|يوم)?\s*", rest, re.I)
    return bool(alone) and phi >= cue.start - 2 and (plo <= cue.end + 40 or _after_subject(doc, d, cue))


def _after_subject(doc: Document, d: D.DateExpr, cue: Cue) -> bool:
    """Arabic verb–subject order: "أكدت المتحدثة باسم الخارجية الروسية، ماريا زاخاروفا، اليوم الأربعاء، أنها …": a
    date standing alone after the subject and its apposition, before the reported words ("أن …" or the
    quotation), dates the verb however long the subject is."""
    return (doc.lang == "ar" and d.start > cue.end and MASK not in doc.masked[cue.end:d.start]
            and not _AR_THAT.search(doc.masked, cue.end, d.start))


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


def undated_reason(doc: Document, cue: Cue) -> tuple[str, bool]:
    """Why the text settles no date for a cue's words: an earlier remark reported as background (its
    own clause may still date it), or an interview dated by its publication or broadcast (the day
    given is the broadcast's, so the clause date goes too). ("", False) otherwise."""
    sent = doc.sentences[cue.sent]
    before = doc.masked[max(sent.start, cue.start - 40):cue.start]
    after = doc.masked[cue.end:min(sent.end, cue.end + 40)]
    if EARLIER_BEFORE[doc.lang].search(before) or EARLIER_AFTER[doc.lang].search(after):
        return "an earlier remark reported as background ('had said', 'ранее', 'كان … قد'): when is not stated", False
    seg = doc.masked[sent.start:sent.end]
    if INTERVIEW_WORDS[doc.lang].search(seg) and PUBLISHED_WORDS[doc.lang].search(seg):
        return "an interview the text dates by its publication or broadcast, not by when it was given", True
    return "", False


def _is_byline(doc: Document, sent: Sentence, d: D.DateExpr) -> bool:
    """A dateline ("UNITED NATIONS, Dec 10", "ЦАМТО, 13 октября") or a line that is little more than its date."""
    if _DATELINE.match(doc.masked[sent.start:d.start]) or _BYLINE.search(doc.masked[max(sent.start, d.start - 40):d.start]):
        return True
    rest = (doc.masked[sent.start:d.start] + doc.masked[d.end:sent.end]).replace(MASK, " ")
    return len(re.findall(r"\w+", rest)) <= 3


def _months_before(month: str, ref: str) -> int:
    return (int(ref[:4]) * 12 + int(ref[5:7])) - (int(month[:4]) * 12 + int(month[5:7]))


def _recent(date: str, ref: str) -> bool:
    """News reports speech of the last days: a happening more than a week before the reference date is
    background (the topic of the words), not when they were said."""
    day, ref_day = D.to_date(date), D.to_date(ref)
    return day is None or ref_day is None or 0 <= (ref_day - day).days <= 7


def _names(seg: str, speaker: Speaker | None, gaz: Gazetteer | None) -> bool:
    """True when ``seg`` names ``speaker`` (through the gazetteer's aliases, else by surname)."""
    if speaker is None:
        return True
    if speaker.actor_id and gaz is not None:
        return any(h.key == speaker.actor_id for h in gaz.mentions(seg))
    return bool(re.search(r"(?<![\w])" + re.escape(fold(speaker.name.split()[-1])[:-1]), fold(seg)))


def _dated_happening(doc: Document, d: D.DateExpr, speaker: Speaker | None, gaz: Gazetteer | None) -> bool:
    if d.precision != "day" or d.future or (doc.ref and d.date and not _recent(d.date, doc.ref)):
        return False
    k = doc.sentence_of(d.start)
    if k < 0:
        return False
    sent = doc.sentences[k]
    seg = doc.masked[sent.start:sent.end].replace(MASK, " ")
    if _is_byline(doc, sent, d) or not _names(seg, speaker, gaz):
        return False
    if doc.lang == "en" and L.EN_PUBLISHED_BEFORE.search(doc.masked[max(sent.start, d.start - 30):d.start]):
        return False
    if speaker is not None and not L.MEETING_WORDS[doc.lang].search(seg):
        return False
    return doc.lang != "en" or bool(FINITE.search(seg) or L.EVENT_VERBS["en"].search(seg))


def occasions(doc: Document, k: int) -> frozenset[str]:
    """The occasions sentence ``k`` names (interview, meeting, speech, call)."""
    if not 0 <= k < len(doc.sentences):
        return frozenset()
    seg = doc.masked[doc.sentences[k].start:doc.sentences[k].end]
    return frozenset(kind for kind, rx in OCCASIONS[doc.lang] if rx.search(seg))


def other_occasion(doc: Document, k: int, words: frozenset[str]) -> bool:
    """Sentence ``k`` and the words' own sentence name different occasions: an interview's day does not date
    what was said at a meeting."""
    here = occasions(doc, k)
    return bool(here) and bool(words) and not here & words


def lead_date(doc: Document, speaker: Speaker | None = None, gaz: Gazetteer | None = None,
              skip: int = -1, avoid: frozenset[int] = frozenset(), words: frozenset[str] = frozenset()
              ) -> tuple[str, str, str, int] | None:
    """The first day-precision date of a reported happening (not a dateline or byline); with
    ``speaker``, the first such happening whose sentence names that
    speaker. (date, precision, date text, sentence). When that happening's date cannot be resolved (a
    weekday with no publication date), the text settles none: None. Sentence ``skip`` (the cue's own,
    whose dates the clause rule has judged) and the sentences in ``avoid`` (where the speaker speaks
    and the clause rule found the date not to be the saying's) are not searched, nor a sentence of another
    occasion than ``words`` (the occasions of the words' own sentence)."""
    if speaker is not None and speaker.kind != "person":
        return None
    for d in doc.dates:
        k = doc.sentence_of(d.start)
        if k == skip or k in avoid or other_occasion(doc, k, words):
            continue
        if _dated_happening(doc, d, speaker, gaz):
            return (d.date, d.precision, d.text, k) if d.date else None
    return None


def news_of_the_day(doc: Document, speaker: Speaker | None = None, gaz: Gazetteer | None = None,
                    about: str = "") -> tuple[str, str, str, int] | None:
    """The publication day, when one of the first sentences reports in the present perfect or present
    ("has made a surprise visit", "начались переговоры", "يجري … محادثات") and no day is given; with
    ``speaker``, only a sentence that names that speaker or, with ``about`` (the words' own sentence), an
    actor that sentence names ("Putin has made a surprise visit …" / "Putin “rode …,” Peskov said")."""
    published = D.to_date(doc.article.published)
    if published is None:
        return None
    for k, sent in [(k, s) for k, s in enumerate(doc.sentences) if s.start < 1200][:8]:
        seg = doc.masked[sent.start:sent.end].replace(MASK, " ")
        m = L.NEWS_PRESENT[doc.lang].search(seg)
        if m is None or ":" in seg[:m.start()] or REPORTED_BEFORE[doc.lang].search(seg, 0, m.start()):
            continue   # "Лавров: … идут учения": the present tense of what was said
        if speaker is None or _names(seg, speaker, gaz) or _shared_actor(seg, about, gaz):
            return published.isoformat(), "day", m.group(0), k
    return None


def _shared_actor(seg: str, about: str, gaz: Gazetteer | None) -> bool:
    """``seg`` and ``about`` name one person of the gazetteer (a country named in both is no link)."""
    if not about or gaz is None:
        return False
    people = [{h.key for h in gaz.mentions(x) if gaz.by_id[h.key].get("kind") == "person"} for x in (seg, about)]
    return bool(people[0] & people[1])


@dataclass
class SpeakerDates:
    """What the attribution clauses say of each speaker's dates (keyed by ``Speaker.key()``)."""

    dated: dict[str, list[tuple[int, D.DateExpr]]] = field(default_factory=dict)   # (cue position, date)
    undated: dict[str, set[int]] = field(default_factory=dict)   # sentences where they speak with no date


def speaker_dates(cues: list[Cue]) -> SpeakerDates:
    out = SpeakerDates()
    for c in cues:
        if c.resolved is None:
            continue
        if c.date is not None and c.date.date:
            out.dated.setdefault(c.resolved.key(), []).append((c.start, c.date))
        elif c.date is None:
            out.undated.setdefault(c.resolved.key(), set()).add(c.sent)
    return out


def _shifted(doc: Document, happening: int, cue: Cue) -> bool:
    """A sentence between a dated happening and the cue opens with "Later, …"/"Позже"/"لاحقا": the
    words come at a time the text does not give."""
    rx = TIME_SHIFT[doc.lang]
    return any(rx.search(doc.masked[s.start:s.end]) for s in doc.sentences[happening + 1:cue.sent + 1])


def _a_statement(doc: Document, cue: Cue) -> bool:
    """An institution's written statement ("the Kremlin said in a statement", "говорится в сообщении")."""
    if cue.resolved is None or cue.resolved.kind != "org":
        return False
    sent = doc.sentences[cue.sent]
    return impersonal(doc.lang, cue.word) or bool(STATEMENT_WORDS[doc.lang].search(doc.masked[sent.start:sent.end]))


def said_on(doc: Document, cue: Cue, pos: int, by_speaker: SpeakerDates, gaz: Gazetteer | None = None
            ) -> tuple[str | None, str | None, str]:
    """(date, precision, reason) for a quotation at ``pos`` attributed through ``cue``."""
    if cue.date is not None and cue.date.date:
        return cue.date.date, cue.date.precision, f"'{cue.date.text}' in the attribution clause"
    if cue.date is not None:
        return None, None, f"'{cue.date.text}' cannot be resolved: {doc.ref_reason}"
    if cue.perfect:
        return None, None, "perfect tense or passive report: when it was said is not stated"
    if cue.no_date:
        return None, None, cue.no_date
    key = cue.resolved.key() if cue.resolved else ""
    words = occasions(doc, cue.sent)
    cands = [c for c in by_speaker.dated.get(key, []) if c[1].precision in _RANK
             and not other_occasion(doc, doc.sentence_of(c[0]), words)]
    if cands:
        cands.sort(key=lambda c: (_RANK[c[1].precision], 0 if c[0] <= pos else 1, abs(c[0] - pos)))
        d = cands[0][1]
        return d.date, d.precision, f"the same speaker's dated remark elsewhere ('{d.text}')"
    if _a_statement(doc, cue):
        return None, None, "an institution's statement: the text does not say when it was issued"
    return _fallback(doc, cue, frozenset(by_speaker.undated.get(key, set())), gaz)


def _fallback(doc: Document, cue: Cue, avoid: frozenset[int], gaz: Gazetteer | None
              ) -> tuple[str | None, str | None, str]:
    """The story's dated happenings for words whose own clause gives no date."""
    words = occasions(doc, cue.sent)
    first = lead_date(doc, skip=cue.sent, avoid=avoid, words=words)
    story_lead = STORY_LEAD_DATES[doc.lang]
    sent = doc.sentences[cue.sent]
    about = doc.masked[sent.start:sent.end].replace(MASK, " ") if story_lead else ""
    lead = first or news_of_the_day(doc, cue.resolved, gaz, about)
    if lead is None:
        return None, None, "the text settles no date for these words (no dated happening, or its date is unresolved)"
    own = lead_date(doc, cue.resolved, gaz, skip=cue.sent, avoid=avoid, words=words) if cue.resolved else None
    for found, why in ((own, "the dated happening that names the speaker"), (lead, "the story's lead date")):
        if found is not None and _shifted(doc, found[3], cue):
            return None, None, f"{why} ('{found[2]}') is followed by 'later'/'following': the words' day is not given"
    if own is not None:
        return own[0], own[1], f"the dated happening that names the speaker ('{own[2]}')"
    if first is not None and not story_lead:
        return None, None, (f"the story's first dated happening ('{lead[2]}') does not name the speaker: in "
                            f"{doc.lang} news it dates the story, not the words")
    if D.to_date(doc.article.published) is None:
        return None, None, (f"the story's first dated happening ('{lead[2]}') does not name the speaker, and with "
                            "no publication date nothing shows the words are that day's news")
    return lead[0], lead[1], f"the story's lead date, its first dated happening ('{lead[2]}')"
