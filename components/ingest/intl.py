"""Russian and Arabic speech cues and their subjects.

A cue is a speech verb of the lexicon ("заявил", "подчеркнула", "قال", "وأكد") or an "according to"
phrase ("по словам", "по мнению", "بحسب", "وفق"). Its subject is the nearest candidate in its clause:
a person or organisation of the gazetteer (any case ending or proclitic), a title ("российский
президент", "وزير الخارجية السوري") with the name that follows it, an unnamed source ("источник",
"مصدر"), a pronoun ("он"), or an unlisted name (two capitalised Cyrillic words; Arabic words after a
title). Russian subjects stand before the verb, or after it when the verb follows a quotation
("«…», — заявил Лавров") or opens the clause; Arabic subjects follow the verb (verb-subject order)
and a verb without one continues the previous speaker ("وأضاف").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.ingest import institutions
from components.ingest import lexicon as L
from components.ingest import lexicon_institutions as LI
from components.ingest.gazetteer import Gazetteer
from components.ingest.lexicon_names import AR_HONORIFICS
from components.ingest.romanise import arab_name_from_cyrillic, has_arabic, romanise
from components.ingest.model import MASK, Cue, Document, Sentence, Speaker
from components.textnorm import fold, fold_map, latin, name_key

_WORD = re.compile(r"[\w\-]+")
_RU_NAME = re.compile(r"(?<![\w])(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
                      r"|(?<![\w])[А-ЯЁ][а-яё]+(?:[\s-]+(?:аль-|аш-|ад-|ар-|ас-|эль-)?[А-ЯЁ][а-яё]+){1,2}")


# a capitalised pair after a preposition is a place or a thing ("на Ближнем Востоке"), not a speaker
_RU_PREPOSITION = re.compile(r"(?<![\w])(?:в|во|на|по|из|с|со|к|ко|о|об|при|для|от|до|у|за|над|под)\s+$", re.I)


@dataclass
class Candidate:
    start: int
    end: int
    speaker: Speaker


def _strip_proclitic(word: str, lang: str) -> str:
    if lang == "ar" and len(word) > 3 and word[0] in "وف":
        return word[1:]
    return word


def find_cues(doc: Document, sent: Sentence, si: int) -> list[Cue]:
    """Speech verbs and "according to" phrases of one sentence, outside quotations."""
    lex = L.lexicon(doc.lang)
    seg = doc.masked[sent.start:sent.end]
    folded, index = fold_map(seg)
    cues = []
    for m in _WORD.finditer(folded):
        w = m.group(0)
        base = lex.speech.get(w) or lex.speech.get(_strip_proclitic(w, doc.lang))
        if base:
            cues.append(Cue(sent.start + index[m.start()], sent.start + index[m.end() - 1] + 1, w, si))
    for phrase in lex.according:
        for m in re.finditer(r"(?<![\w])[وف]?" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![\w])", folded):
            a, b = sent.start + index[m.start()], sent.start + index[m.end() - 1] + 1
            cues = [c for c in cues if not (a <= c.start < b)]
            cues.append(Cue(a, b, phrase, si, according=True, relayed=True))
    return sorted(cues, key=lambda c: c.start)


# ----------------------------------------------------------------------------- candidates

def _gazetteer_candidates(text: str, a: int, b: int, gaz: Gazetteer) -> list[Candidate]:
    out = []
    for h in gaz.mentions(text[a:b]):
        aid = h.key
        kind = "person" if gaz.is_person(aid) else "org"
        surface = text[a + h.start:a + h.end]
        sp = Speaker(gaz.name(aid), kind, None, aid)
        sp.head = "nominative" if name_key(surface) in gaz.full else "inflected"
        out.append(Candidate(a + h.start, a + h.end, sp))
    return out


_AR_TITLE_MODIFIER = (r"(?:\s+(?:ال\w+|(?:باسم|لدي|في|عن)\s+\w+|للشوون|(?:مجلس|هيئه|لجنه)\s+ال\w+|(?:"
                      + "|".join(fold(w) for w in LI.AR_PORTFOLIOS) + r")\s+ال\w+))")
_RU_TITLE_MODIFIER = (r"(?:\s+(?:[а-я]+(?:ого|ых|ой|ей|ии|ия|ва|ра|та|ки|ка|ти|ции|ства)|мид|рф|сша|оон|при\s+\w+|"
                      r"в\s+(?:россии|сирии|москве|дамаске|оон|рф|сша)|по\s+\w+\s+\w+)(?![\w]))")


def _title_phrase(folded: str, m: re.Match, lang: str) -> tuple[int, int]:
    """Extend a title word over its modifiers: "российский президент", "глава МИД РФ",
    "وزير الخارجية السوري", "المتحدث باسم الكرملين"."""
    start, end = m.start(), m.end()
    before = re.search(r"(\w+)\s+$", folded[:start])
    if lang == "ru" and before and before.group(1).startswith(tuple(L.RU_NATIONALITIES)):
        start = before.start(1)
    rest = folded[end:]
    mod = _AR_TITLE_MODIFIER if lang == "ar" else _RU_TITLE_MODIFIER
    mm = re.match(mod + "{0,4}", rest)
    return start, end + (mm.end() if mm else 0)


def _country(phrase: str, lang: str) -> str | None:
    table = L.lexicon(lang).nationalities
    for w in re.findall(r"\w+", phrase):
        for k, v in table.items():
            if w == k or (lang == "ru" and w.startswith(k)):
                return v
    return None


def _title_candidates(text: str, a: int, b: int, lang: str) -> list[Candidate]:
    folded, index = fold_map(text[a:b])
    lex = L.lexicon(lang)
    stems = {(k[:-1] if lang == "ru" and k[-1] in "ьйая" else k): v for k, v in lex.title_heads.items()}
    keys = sorted(stems, key=len, reverse=True)
    rx = re.compile(r"(?<![\w])[وفل]?(" + "|".join(re.escape(k) for k in keys) + r")\w{0,3}(?![\w])")
    out, taken = [], -1
    for m in rx.finditer(folded):
        if m.start() < taken:
            continue
        s, e = _title_phrase(folded, m, lang)
        taken = e
        phrase = text[a + index[s]:a + index[e - 1] + 1]
        head = stems[m.group(1)]
        if head in ("head", "minister"):
            head = next((h for rx, h in L.TITLE_REFINE if rx.search(folded[s:e])), head)
        sp = Speaker(phrase, "definite", phrase, head=head, country=_country(folded[s:e], lang))
        out.append(Candidate(a + index[s], a + index[e - 1] + 1, sp))
    return out


_AR_DESCRIPTORS = {fold(k): v for k, v in L.AR_DEFINITE_DESCRIPTORS.items()}
_AR_HONORIFICS = AR_HONORIFICS | {fold(w) for w in AR_HONORIFICS}


def _word_candidates(text: str, a: int, b: int, lang: str) -> list[Candidate]:
    """Unnamed sources and pronouns."""
    lex = L.lexicon(lang)
    folded, index = fold_map(text[a:b])
    out = []
    for m in _WORD.finditer(folded):
        w = _strip_proclitic(m.group(0), lang)
        s, e = a + index[m.start()], a + index[m.end() - 1] + 1
        if w in lex.pronouns:
            out.append(Candidate(s, e, Speaker(text[s:e], "pronoun", head=w)))
        elif lang == "ar" and w in _AR_DESCRIPTORS:
            nat = re.match(r"\s+(ال\w+)", fold(text[e:b]))
            label = text[s:e] + (text[e:e + nat.end()] if nat else "")
            out.append(Candidate(s, e, Speaker(label, "definite", label, head=_AR_DESCRIPTORS[w],
                                               country=_country(fold(label), lang))))
        elif any(v == h or (v.startswith(h) and len(v) - len(h) <= 3) for h in lex.unnamed_heads
                 for v in (w, w[2:] if lang == "ar" and w.startswith("ال") else w)):
            tail = re.match(r"(?:\s+[\w\-]+){0,3}", text[e:b])
            label = text[s:e + (tail.end() if tail else 0)]
            out.append(Candidate(s, e, Speaker(f"{label} (unnamed source)", "unnamed")))
    return out


def _unlisted_names(text: str, a: int, b: int, lang: str, taken: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """Names not in the gazetteer: two capitalised Cyrillic words or an initial and a surname."""
    if lang != "ru":
        return []
    out, pos = [], a
    while (m := _RU_NAME.search(text, pos, b)) is not None:
        s, e = m.span()
        clash = next((c for c in taken if c.start < e and s < c.end), None)
        pos = clash.end if clash is not None and clash.end > s else e
        if clash is not None or gaz.is_place(m.group(0)) or _RU_PREPOSITION.search(text[max(a, s - 6):s]):
            continue
        words = name_key(m.group(0)).split()
        lex = L.lexicon(lang)
        if words[0] in {name_key(k) for k in lex.title_heads} or words[0].startswith(lex.org_heads):
            pos = s + len(m.group(0).split()[0])   # "Совета Федерации Франц Клинцевич": the name may follow
            continue
        if any(w.startswith(lex.org_heads) for w in words):
            continue
        out.append(Candidate(s, e, Speaker(m.group(0), "person", None, gaz.match(m.group(0)))))
    return out


def _arabic_words(text: str, lex: L.Lexicon) -> list[str]:
    """Leading words of ``text`` that can be a name: no particle, title, adjective or prepositional word."""
    words = []
    for w in [w for w in text.split() if w not in _AR_HONORIFICS][:3]:
        f = fold(w)
        if (f in lex.stop_words or f in lex.title_heads or f in lex.nationalities
                or f.startswith(("لل", "بال", "وال", "كال")) or (not words and f.startswith("ال"))
                or re.sub(r"^[لبو]", "", f).startswith(lex.org_heads)):   # "لموقع", "لوكالة": to a website, an agency
            break
        words.append(w)
        if len(words) > 1 and f.startswith("ال"):
            break   # "وائل الحلقي أهمية …": the name ends with its article-prefixed family name
    return words


def _arabic_name_after(text: str, title: Candidate, b: int, lex: L.Lexicon) -> Candidate | None:
    """An unlisted name right after a title ("السفير السوري لدى روسيا رياض حداد") or set off by
    commas after it ("مندوب سورية الدائم لدى الأمم المتحدة، بشار الجعفري،")."""
    rest = text[title.end:b]
    m = re.match(r"[\s]*([^،,.:;" + MASK + r"]*)(?:[،,]\s*([^،,.:;" + MASK + r"]+)[،,])?", rest)
    if not m:
        return None
    for group in (2, 1):
        part = m.group(group) or ""
        words = _arabic_words(part, lex)
        if len(words) >= 2 or (words and group == 2):
            name = " ".join(words)
            end = title.end + m.start(group) + part.find(words[-1]) + len(words[-1])
            return Candidate(title.start, end, Speaker(name, "person", title.speaker.name))
    return None


def _apposition(gap: str, lang: str) -> bool:
    """Only commas, or (Arabic) the title's own modifiers, stand between a title and a name:
    "مندوب سورية الدائم لدى الأمم المتحدة، بشار الجعفري"."""
    if re.fullmatch(r"[\s,،]*", gap):
        return True
    words = fold(gap).replace("،", " ").split()
    stops = {"ان", "انه", "انها", "اننا", "بان", "الي", "قال", "وقال", "ايضا", "خلال"}
    return lang == "ar" and len(words) <= 6 and not re.search(r"[.:;" + MASK + r"]", gap) and not stops & set(words)


def _merge_titles(text: str, cands: list[Candidate], lang: str, b: int) -> list[Candidate]:
    """A title directly before a name is that person's role ("глава МИД РФ Сергей Лавров")."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        gap = text[prev.end:c.start] if prev else ""
        if prev and prev.speaker.kind == "definite" and c.speaker.kind in ("person", "org") and _apposition(gap, lang):
            relational = fold(prev.speaker.name).startswith(L.RU_RELATIONAL) if lang == "ru" else False
            if c.speaker.kind == "person" and not (relational and c.speaker.head == "inflected"):
                c.speaker.role = prev.speaker.name
                out[-1] = Candidate(prev.start, c.end, c.speaker)
            continue
        out.append(c)
    if lang == "ar":
        lex = L.lexicon("ar")
        for k, c in enumerate(out):
            nxt = out[k + 1].start if k + 1 < len(out) else b
            named = _arabic_name_after(text, c, nxt, lex) if c.speaker.kind == "definite" else None
            out[k] = named or c
    return out


def _known_names(doc: Document, a: int, b: int) -> list[Candidate]:
    """Surnames of unlisted people the text named in full earlier ("رياض حداد" … "وقال حداد")."""
    out = []
    for _pos, sp in doc.people:
        parts = sp.name.split()
        if sp.actor_id or len(parts) < 2 or len(parts[-1]) < 3:
            continue
        rx = re.compile(r"(?<![\w])[وفبل]?" + re.escape(parts[-1]) + r"\w{0,3}(?![\w])")
        out += [Candidate(m.start(), m.end(), Speaker(sp.name, "person", sp.role)) for m in rx.finditer(doc.masked, a, b)]
    return out


def candidates(doc: Document, a: int, b: int, gaz: Gazetteer) -> list[Candidate]:
    """Speaker candidates in ``doc.masked[a:b]``, in text order."""
    text, lang = doc.masked, doc.lang
    titles = _title_candidates(text, a, b, doc.lang)
    found = [c for c in _gazetteer_candidates(text, a, b, gaz)   # "посла в России": the state belongs to the title
             if (c.speaker.kind == "person" and not _ruled_by(text, c, lang))
             or not any(t.start <= c.start and c.end <= t.end for t in titles)]
    found += _unlisted_names(text, a, b, doc.lang, found + titles, gaz)
    bodies = [Candidate(m.start, m.end, m.speaker) for m in institutions.mentions(text, a, b, doc.lang, gaz)
              if not any(t.start < m.end and m.start < t.end for t in titles)]   # "وزير الخارجية": a title
    for c in _known_names(doc, a, b) + titles + bodies + _word_candidates(text, a, b, doc.lang):
        if not any(f.start < c.end and c.start < f.end for f in found):
            found.append(c)
    return _merge_titles(text, found, doc.lang, b)


# ----------------------------------------------------------------------------- subjects

_BOUNDARY = re.compile(r"[;:" + MASK + r"]|\s[—–-]\s|,\s*(?:что|чтобы|который|которая|когда|где)\b|(?<![\w])(?:إن|أن|ان|بأن|إلى أن|الى أن)(?:ه|ها|نا|هم)?(?![\w])")


def _clause_before(doc: Document, sent: Sentence, cue: Cue) -> int:
    seg = doc.masked[sent.start:cue.start]
    ends = [m.end() for m in _BOUNDARY.finditer(seg)]
    return sent.start + (ends[-1] if ends else 0)


def _clause_after(doc: Document, sent: Sentence, cue: Cue) -> int:
    seg = doc.masked[cue.end:sent.end]
    m = _BOUNDARY.search(seg)
    return cue.end + (m.start() if m else len(seg))


def _after_quote(doc: Document, sent: Sentence, cue: Cue) -> bool:
    """"«…», — заявил" / "”، قال": the verb follows a quotation directly."""
    if re.search(MASK + r"[\s,.،!?]*[—–-]*\s*$", doc.masked[sent.start:cue.start]):
        return True
    # "…отражал конфронтационный подход, заявил постпред Чуркин": reported speech, then the inverted verb
    return doc.lang == "ru" and bool(re.search(r"[,—–]\s*$", doc.masked[sent.start:cue.start]))


def _near(doc: Document, end: int, start: int) -> bool:
    """A subject after its verb stands within a few words of it ("заявил журналистам пресс-секретарь …",
    "وقال الرئيس …"); a name further on belongs to the object ("وصف العقوبات … على سوريا")."""
    return len(_WORD.findall(doc.masked[end:start])) <= (2 if doc.lang == "ar" else 6)


_AR_RULED = re.compile(r"(?<![\w])(?:حكومة|حكومه|نظام|إدارة|ادارة|عهد|حكم)\s+$")


def _ruled_by(text: str, c: Candidate, lang: str) -> bool:
    """"وزير الخارجية في حكومة الأسد": a person named as whose government or rule it is, not a speaker."""
    return lang == "ar" and bool(_AR_RULED.search(text[max(0, c.start - 12):c.start]))


def _ru_object(doc: Document, c: Candidate) -> bool:
    """"аш-Шибани встретился с главой МИД РФ Сергеем Лавровым и отметил": a person after a preposition is
    an object, not the subject of a later verb (an institution after "в" is: "заявили в Минобороны")."""
    return c.speaker.kind in ("person", "definite") and bool(
        _RU_PREPOSITION.search(doc.masked[max(0, c.start - 6):c.start]))


def _prepositional(doc: Document, c: Candidate) -> bool:
    """Arabic "خلال اجتماع بالأسد" (with Assad), "لبوتين" (to Putin): a name joined to a preposition is
    not the verb's subject."""
    if doc.lang != "ar":
        return False
    return bool(re.search(r"(?:^|\s)[بلك]ـ?$", doc.masked[max(0, c.start - 3):c.start])
                or re.match(r"[بلك]ـ?ال", doc.masked[c.start:c.end]))


def _pick(cands: list[Candidate], first: bool) -> Candidate | None:
    return (cands[0] if first else cands[-1]) if cands else None


def analyse_cue(doc: Document, sent: Sentence, cue: Cue, gaz: Gazetteer) -> None:
    """Fill the cue's subject (or ``inherit``) from its clause."""
    lo, hi = _clause_before(doc, sent, cue), _clause_after(doc, sent, cue)
    if doc.lang == "ru" and cue.word.startswith(L.RU_QUOTING):   # "цитирует «Интерфакс» Пескова": past the agency
        hi, cue.relayed = min(sent.end, cue.end + 60), True
    before = candidates(doc, lo, cue.start, gaz)
    if doc.lang == "ar":   # verb-subject order: a name before the verb is its subject only right before it
        before = [c for c in before if len(_WORD.findall(doc.masked[c.end:cue.start])) <= 1]
    elif doc.lang == "ru":
        before = [c for c in before if not _ru_object(doc, c)]
    after = [c for c in candidates(doc, cue.end, hi, gaz) if (cue.according or _near(doc, cue.end, c.start))
             and not _prepositional(doc, c)]
    pronoun = next((w for w in cue.word.split() if w in L.lexicon(doc.lang).pronouns), None)
    if cue.according and pronoun:
        cue.subject, cue.rule = Speaker(pronoun, "pronoun", head=pronoun), f"'{cue.word}': the person before"
        return
    participle = doc.lang == "ar" and _strip_proclitic(cue.word, "ar") in L.lexicon("ar").inherit
    if participle and any(c.start < cue.start for c in find_cues(doc, sent, cue.sent)):
        cue.inherit, cue.rule = True, "participle after a speech verb: continues its subject"
        return
    if participle:
        found = _pick(candidates(doc, sent.start, cue.start, gaz), True)   # "تحدث لافروف عن …، مشيراً"
        if found is not None:
            cue.subject, cue.rule = found.speaker, "participle: the subject of the sentence's main verb"
            return
    if not cue.according and _media_relay(doc, sent, cue, (_pick(after, True) or _pick(before, False)), gaz):
        return
    if cue.according:
        found, cue.rule = _pick(after, True), f"'{cue.word} X': X is the source"
    elif doc.lang == "ar" or _after_quote(doc, sent, cue) or not before:
        found = _pick(after, True) or _pick(before, False)
        cue.rule = "the subject follows the verb" if found in after else "subject before the verb"
    else:
        found, cue.rule = _pick(before, False), "subject before the verb"
    if found is not None:
        cue.subject = found.speaker
        return
    cue.inherit = True
    cue.rule = "no subject in the clause: continues the previous speaker"


def _media_relay(doc: Document, sent: Sentence, cue: Cue, subject: Candidate | None, gaz: Gazetteer) -> bool:
    """"قالت وسائل إعلام روسية إن بوتين أمر بـ“…”", "ذكرت سانا أن الأسد بحث …", "СМИ сообщили, что Путин поручил
    «…»": media that report what a person did; the person who opens the reported clause speaks, relayed."""
    lo, hi = _clause_before(doc, sent, cue), _clause_after(doc, sent, cue)
    media = subject is not None and subject.speaker.actor_id is not None and gaz.kind(subject.speaker.actor_id) == "media"
    if not (media or LI.REPORTING_MEDIA[doc.lang].search(fold(doc.masked[lo:hi]))):
        return False
    m = LI.REPORTED_OPENER[doc.lang].match(doc.masked, hi)
    found = candidates(doc, m.end(), min(sent.end, m.end() + 80), gaz) if m else []
    if not found or found[0].speaker.kind != "person" or found[0].start - m.end() > 1:
        return False
    cue.subject, cue.relayed = found[0].speaker, True
    cue.rule = f"media report what {found[0].speaker.name} did: that person speaks, relayed"
    return True


def display_name(sp: Speaker, gaz: Gazetteer) -> str:
    """The speaker as stored: a Latin-script name as the text spells it; otherwise the actor's own
    name when matched, and Cyrillic romanised when not."""
    if sp.kind == "person" and re.fullmatch(r"[\w\s.’'\-]+", sp.name) and sp.name.isascii():
        return sp.name
    if sp.actor_id and sp.actor_id in gaz.by_id:
        return gaz.name(sp.actor_id)
    if sp.kind == "person" and has_arabic(sp.name):
        return romanise(sp.name)   # a person the gazetteer does not know, in the Latin an English reader expects
    if sp.kind != "person" or not re.search(r"[А-Яа-яЁё]", sp.name):
        return sp.name
    return arab_name_from_cyrillic(sp.name) or latin(sp.name)
