"""The attribution stage: each quotation takes the speech cue that introduces it.

In order: the clause right after it ("…,” he said / «…», — заявил он); the last cue before it in its
sentence; a cue later in the sentence; "according to X"; a bare attribution sentence right after it
("“…” Putin said." across a line break); finally the quotation just before it (a quote that
continues in the next sentence or paragraph). Scare quotes, titles and short unattributed phrases
are dropped.
"""

from __future__ import annotations

import re

from components.ingest import lexicon as L
from components.ingest import lexicon_institutions as LI
from components.ingest.model import MASK, Attribution, Cue, Document
from components.textnorm import fold

_EN_SUBJECT_START = re.compile(r"(?:the|a|an|one|two|he|she|it|they|we|its|his|her|several|some|senior|state)\b", re.I)
_EN_RELAY = re.compile(
    r"\baccording to\b|\bquoted\b.*\bas (?:saying|telling)\b|\bquoting\b|\b(?:message|letter|statement|telegram|"
    r"cable|address|remarks)\b[^.]{0,60}?\b(?:read (?:out )?by|delivered by|conveyed by|passed on by|relayed by|"
    r"read out on behalf)\b", re.I)
_STRONG = ("after", "before", "later", "according", "before, relayed by the cue after")


def _words(s: str) -> int:
    return len(re.findall(r"[\w’'\-]+", s))


def _after(doc: Document, q, cues: list[Cue]) -> Cue | None:
    """The cue of the clause right after the quotation, when only a short subject stands between."""
    for c in cues:
        if c.start < q.outer_end or c.according:
            continue
        between = doc.masked[q.outer_end:c.start]
        if MASK in between or "." in between.replace("U.N.", "").replace("U.S.", ""):
            return None
        b = between.strip(" ,;:—–-\n،")
        if not b:
            return c
        if doc.lang != "en":
            return c if _words(b) <= 8 else None
        return c if _words(b) <= 14 and (b[0].isupper() or _EN_SUBJECT_START.match(b)) else None
    return None


def _relayed_by(doc: Document, q, cues: list[Cue], after: Cue) -> Cue | None:
    """"Putin told Assad that “…,” Peskov said": the cue before the quotation names who spoke; the
    one after names who relays it."""
    before = [c for c in cues if c.end <= q.open_pos and not c.according and c.resolved is not None]
    if not before or after.resolved is None or before[-1].resolved.key() == after.resolved.key():
        return None
    between = doc.masked[before[-1].end:q.open_pos]
    if before[-1].resolved.kind != "person" or MASK in between or re.search(r"[.;:]", between):
        return None
    return before[-1]


def _in_sentence(doc: Document, q, cues: list[Cue]) -> tuple[Cue | None, str | None]:
    hit = _after(doc, q, cues)
    if hit is not None:
        relayed = _relayed_by(doc, q, cues, hit)
        if relayed is not None:
            relayed.relayed = True
            return relayed, "before, relayed by the cue after"
        return hit, "after"
    before = [c for c in cues if c.end <= q.open_pos and not c.according]
    strong = [c for c in before if c.word.split()[0] not in L.EN_WEAK_VERBS and c.resolved is not None]
    if before and before[-1] not in strong and strong and doc.lang == "en":
        # "The Kremlin said Putin and Assad discussed “…”": the words are the reporter's, not the
        # subject of the weak verb inside what it reports
        return strong[-1], "before"
    if before:
        return before[-1], "before"
    later = [c for c in cues if c.start >= q.outer_end and not c.according]
    return (later[0], "later") if later else (None, None)


def _next_sentence(doc: Document, si: int, cues: list[Cue]) -> Cue | None:
    if si + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[si + 1]
    if nxt.quotes or _words(doc.text[nxt.start:nxt.end]) > 10:
        return None
    found = [c for c in cues if c.sent == si + 1 and c.resolved is not None]
    return found[0] if found else _signature(doc, si)


_SIGNATURE = re.compile(r"\s*[—–-]\s*[^\s—–-][^\n:;,.]{1,40}?\s*\.?\s*")


def _signature(doc: Document, si: int) -> Cue | None:
    """"“…” ¶ – аш-Шибани" / "“…” ¶ — Sergey Lavrov": a line of only a dash and a person's name right
    after a sentence that ends with a quotation signs that quotation."""
    sent, nxt = doc.sentences[si], doc.sentences[si + 1]
    line = doc.masked[nxt.start:nxt.end]
    if not _SIGNATURE.fullmatch(line) or _words(line) > 5:
        return None
    if not re.search(MASK + r"[\s,.!?،]*$", doc.masked[sent.start:sent.end]):
        return None
    named = [(pos, sp) for pos, sp in doc.people if nxt.start <= pos < nxt.end and sp.kind == "person"]
    if not named:
        return None
    dash = nxt.start + re.search(r"[—–-]", line).start()
    sp = named[0][1]
    return Cue(dash, dash + 1, "—", si + 1, rule="a line '— Name' after the quotation signs it", subject=sp,
               resolved=sp, resolution=f"named in the signature line ({sp.name})")


def _relayed(doc: Document, si: int, cue: Cue | None, cues: list[Cue]) -> bool:
    sent = doc.sentences[si]
    seg = doc.masked[sent.start:sent.end]
    return bool(cue and cue.relayed) or any(c.relayed for c in cues) or (doc.lang == "en" and bool(_EN_RELAY.search(seg)))


def attribute(doc: Document, qi: int, cues: list[Cue], prev: Attribution | None) -> Attribution | None:
    """The attribution of quotation ``qi`` (None when the sentence cannot be found)."""
    q = doc.spans[qi]
    si = doc.sentence_of(q.open_pos)
    if si < 0:
        return None
    mine = [c for c in cues if c.sent == si]
    hit, how = _in_sentence(doc, q, mine)
    if hit is None or (hit.resolved is None and not hit.inherit):
        acc = [c for c in mine if c.according and c.resolved is not None]
        if acc:
            hit, how = acc[0], "according"
    att = Attribution(qi, si, hit, how, hit.resolved if hit else None, _relayed(doc, si, hit, mine))
    if att.speaker is None:
        nxt = _next_sentence(doc, si, cues)
        if nxt is not None:
            att.cue, att.how, att.speaker = nxt, "next", nxt.resolved
    if att.speaker is None:
        _continue(doc, att, prev, cues)
    if att.speaker is None and att.how is None:
        before = _previous_sentence(doc, si, cues)
        if before is not None:
            att.cue, att.how, att.speaker = before, "previous sentence", before.resolved
    return att


def _previous_sentence(doc: Document, si: int, cues: list[Cue]) -> Cue | None:
    """"X said that … ¶ "…"": a quotation standing alone right after a sentence with a speech cue."""
    sent = doc.sentences[si]
    alone = not doc.masked[sent.start:sent.end].replace(MASK, " ").strip(" .,;:—–-\n")
    found = [c for c in cues if c.sent == si - 1 and c.resolved is not None and not c.according]
    return found[-1] if alone and found and si > 0 else None


def _continue(doc: Document, att: Attribution, prev: Attribution | None, cues: list[Cue]) -> None:
    """A quotation with no cue of its own continues the one before it (same or previous sentence)."""
    if doc.spans[att.quote].continued:
        att.how = "reopened"
        return
    if prev is None or prev.speaker is None:
        return
    gap = att.sent - prev.sent
    if gap <= 1 or (gap == 2 and not any(c.resolved for c in cues if c.sent == att.sent - 1)):
        att.speaker, att.how = prev.speaker, "continued"
        att.relayed = att.relayed or prev.relayed
        att.said_on, att.precision = prev.said_on, prev.precision


def _is_title_case_label(q: str) -> bool:
    words = [re.sub(r"^(?:al|el|ad|as|an|ar|ash|аль|ал|ан|аш|ад|ас|ар|эль)-", "", w)
             for w in re.findall(r"[\w’'\-.]+", q)]
    if not words or len(words) > 4:
        return False
    small = {"of", "the", "and", "in", "for", "to", "a", "an", "on", "al", "de", "и", "в", "на"}
    return all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in words) and any(w[0].isupper() for w in words)


def _names_the_source(doc: Document, pre_q: str) -> bool:
    tail = fold(pre_q).rstrip()
    return any(re.search(r"(?<![\w])[وف]?" + re.escape(p) + "$", tail) for p in L.lexicon(doc.lang).according)


def _subject_label(doc: Document, qi: int) -> bool:
    """Arabic "واعتبرت “المستشارة الخاصة” أن …": a quotation between a speech verb and the "أن" that opens
    the reported words is the verb's subject (how the outlet labels the speaker)."""
    if doc.lang != "ar":
        return False
    q = doc.spans[qi]
    before = fold(doc.masked[max(0, q.open_pos - 20):q.open_pos]).split()
    verb = re.sub(r"^[وف]", "", before[-1]) if before else ""
    after = doc.masked[q.outer_end:q.outer_end + 8]
    return verb in L.lexicon("ar").speech and bool(re.match(r"\s*(?:أن|إن|بأن)(?![\w])", after))


def _names_an_outlet(doc: Document, qi: int) -> bool:
    """A short quotation right after "interview with" ("في مقابلة مع “آر تي”"), or joined by "and" to
    one that is."""
    q = doc.spans[qi]
    pre = doc.masked[max(0, q.open_pos - 40):q.open_pos]
    if L.INTERVIEW_WITH[doc.lang].search(pre):
        return True
    if qi == 0 or not L.JOINED_TO_PREVIOUS.search(pre):
        return False
    prev = doc.spans[qi - 1]
    joined = doc.masked[prev.outer_end:q.open_pos].strip(" \n")
    return len(joined) <= 3 and _words(doc.text[prev.start:prev.end]) <= 3 and _names_an_outlet(doc, qi - 1)


def _joined_to_label(doc: Document, qi: int) -> bool:
    """«Россия-1» и «Смотрим», “RT” and “Sputnik”: a short capitalised quotation joined by "and" or a
    comma to a title-case quotation right before it is one more name in a list of names."""
    if qi == 0:
        return False
    q, prev = doc.spans[qi], doc.spans[qi - 1]
    qtext, ptext = doc.text[q.start:q.end], doc.text[prev.start:prev.end]
    joined = doc.masked[prev.outer_end:q.open_pos]
    return (_words(qtext) <= 3 and qtext[:1].isupper() and len(joined) <= 5
            and bool(re.fullmatch(r"\s*(?:and|и|или|or|و|,|،)\s*", joined))
            and _is_title_case_label(ptext.rstrip(".,;:!?")))


def _marked_adjective(doc: Document, qi: int) -> bool:
    """Arabic "الهجمات “الإسرائيلية”", "القوات “الروسية”": one definite word with a nisba ending right
    after a definite noun is that noun's adjective in distancing marks."""
    q = doc.spans[qi]
    word = fold(doc.text[q.start:q.end]).strip(" .,،")
    before = fold(doc.masked[max(0, q.open_pos - 30):q.open_pos]).split()
    return (doc.lang == "ar" and bool(before) and re.fullmatch(r"ال\w+(?:يه|ي|يين|يون)", word) is not None
            and re.match(r"(?:[وفب]?ال|لل|كال)\w", before[-1]) is not None)


def keep(doc: Document, att: Attribution) -> tuple[bool, str]:
    """Whether an attributed quotation is a statement, and why."""
    q = doc.spans[att.quote]
    qtext = doc.text[q.start:q.end]
    sent = doc.sentences[att.sent]
    pre_q = doc.masked[max(sent.start, q.open_pos - 40):q.open_pos]
    strong = att.how in _STRONG and att.speaker is not None
    words = _words(qtext)
    if re.search(r"[\w-]=\s*$", doc.text[max(0, q.open_pos - 12):q.open_pos]):
        return False, "the value of a markup attribute (alt=\"…\"), not speech"
    if (att.how != "after" or doc.lang != "en") and L.SCARE_BEFORE[doc.lang].search(pre_q):
        return False, "a name or term (scare quotes), not speech"
    if L.NAME_NOTE.search(qtext) and words <= 8:
        return False, "an organisation's name with its legal note ('(запрещена в России)'), not speech"
    if words <= 3 and (_names_an_outlet(doc, att.quote) or LI.OUTLET_BEFORE[doc.lang].search(pre_q.replace(MASK, " "))):
        return False, "the outlet the words were given to ('in an interview with “RT”'), not speech"
    if words <= 3 and _subject_label(doc, att.quote):
        return False, "the speaker's label between the verb and 'أن' ('واعتبرت “المستشارة” أن …'), not speech"
    if _names_the_source(doc, pre_q):
        return False, "the name of the source right after 'according to' ('بحسب “سانا”'), not speech"
    if _joined_to_label(doc, att.quote):
        return False, "one more name in a list of names in marks ('«Россия-1» и «Смотрим»'), not speech"
    if _is_title_case_label(qtext.rstrip(".,;:!?")) and att.how != "after":
        return False, "a title-case label, not speech"
    if _marked_adjective(doc, att.quote):
        return False, "an adjective in marks after its noun ('الهجمات “الإسرائيلية”'), not speech"
    if words <= 3:
        weak = att.cue is not None and att.cue.word.split()[0] in L.EN_WEAK_VERBS and att.how != "after"
        if not strong or weak:
            return False, "three words or fewer without a clear speech cue"
    elif att.speaker is None and att.how not in ("reopened", "after"):   # "“…,” he said": speech, whoever "he" is
        caps = doc.lang == "ar" or qtext[:1].isupper() or qtext[:1] in "…["
        if words < 6 or not caps:
            return False, "a short phrase with no speaker"
    return True, "kept"
