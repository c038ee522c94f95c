"""Extraction as a pipeline of named stages, each a small function over typed values:

    read → language → sentences → quotation spans → speech cues → speaker → date → topics/actors → statements

``run(article, gazetteer)`` returns an ``Extraction`` whose statements carry a confidence and the
reason for each decision (which cue, which rule); ``timeline extract --explain`` prints them.
"""

from __future__ import annotations

import re

from components.ingest import attribute as A
from components.ingest import dating, english, institutions, intl
from components.ingest.lexicon_institutions import impersonal
from components.ingest import speakers as S
from components.ingest.gazetteer import Gazetteer
from components.ingest.model import MASK, Attribution, Cue, Document, Extraction, Speaker, Statement
from components.ingest.reader import Article
from components.ingest.romanise import has_arabic, romanise
from components.ingest.sentences import prepare
from components.ingest.topics import actors, events, topics_for

_CONFIDENCE = {"after": 0.9, "before": 0.85, "before, relayed by the cue after": 0.8, "later": 0.7, "according": 0.7,
               "next": 0.7, "continued": 0.7, "previous sentence": 0.6, "reopened": 0.6, "default": 0.4}


_HEADLINE = re.compile(r"^\s*([^:\n" + MASK + r"]{2,40}?)\s*:\s*\S")


def headline_cue(doc: Document, si: int, gaz: Gazetteer) -> Cue | None:
    """"Lavrov: …" / "Чуркин: … «…»": a person's name and a colon open the sentence (headline style)."""
    sent = doc.sentences[si]
    m = _HEADLINE.match(doc.masked[sent.start:sent.end])
    if m is None:
        return None
    a, b = sent.start + m.start(1), sent.start + m.end(1)
    if doc.lang == "en":
        sp = english.parse_np(m.group(1), gaz, allow_lower_org=False)
    else:
        found = intl.candidates(doc, a, b, gaz)
        sp = found[0].speaker if len(found) == 1 and found[0].end - found[0].start >= (b - a) - 2 else None
    if sp is None or sp.kind != "person" or len(m.group(1).split()) > 4 or not (sp.actor_id or len(sp.name.split()) > 1):
        return None
    colon = doc.masked.index(":", b)
    return Cue(colon, colon + 1, ":", si, rule="headline style 'Name: …'", subject=sp)


_DASH_NAME = re.compile(MASK + r"[\s,]*[—–-]\s*([^" + MASK + r"\n:;,.]{2,40}?)\s*\.?\s*$")


def dash_cue(doc: Document, si: int, gaz: Gazetteer) -> Cue | None:
    """"“…” – Lavrov" / "«…», — Лавров.": a quotation signed with a dash and a known person's name."""
    sent = doc.sentences[si]
    m = _DASH_NAME.search(doc.masked[sent.start:sent.end])
    if m is None or len(m.group(1).split()) > 4:
        return None
    a, b = sent.start + m.start(1), sent.start + m.end(1)
    hits = gaz.mentions(doc.masked[a:b])
    if len(hits) != 1 or not gaz.is_person(hits[0].key) or hits[0].end - hits[0].start < (b - a) - 3:
        return None
    sp = Speaker(gaz.name(hits[0].key), "person", None, hits[0].key)
    dash = sent.start + m.start() + re.search(r"[—–-]", m.group(0)).start()
    return Cue(dash, dash + 1, "—", si, rule="a quotation signed '— Name'", subject=sp)


def find_cues(doc: Document, gaz: Gazetteer) -> list[Cue]:
    """Stage "speech cues": speech verbs of every sentence with the subject their clause gives."""
    cues: list[Cue] = []
    for si, sent in enumerate(doc.sentences):
        head = headline_cue(doc, si, gaz) or dash_cue(doc, si, gaz)
        cues += [head] if head is not None else []
        if doc.lang == "en":
            found = english.find_cues(doc, sent, si)
            for c in found:
                english.analyse_cue(doc, sent, c, gaz)
        else:
            found = intl.find_cues(doc, sent, si)
            for c in found:
                intl.analyse_cue(doc, sent, c, gaz)
        cues.extend(found)
    return cues


def _people(doc: Document, gaz: Gazetteer) -> list[tuple[int, Speaker]]:
    """People named anywhere outside quotations, with the role the text gives them where it does."""
    if doc.lang == "en":
        found = english.person_mentions(doc, gaz)
    else:
        found = [(c.start, _as_subject(c.speaker, len(doc.masked[s.start:c.start].split()) <= 1))
                 for s in doc.sentences for c in intl.candidates(doc, s.start, s.end, gaz) if c.speaker.kind == "person"]
    found += [(h.start, Speaker(gaz.name(h.key), "person", None, h.key)) for h in gaz.mentions(doc.masked)
              if gaz.is_person(h.key)]
    return sorted(found, key=lambda x: x[0])


def _as_subject(sp: Speaker, leading: bool) -> Speaker:
    """Mark a person who opens a sentence ("وشكر الأسد …", "Лавров …"): a later verb without a
    subject may continue them."""
    if leading:
        sp.head = "subject"
    return sp


def _inherited(doc: Document, cue: Cue, cues: list[Cue], ctx: S.Context) -> tuple[Speaker | None, str]:
    if impersonal(doc.lang, cue.word):   # "«…», — говорится в сообщении": the institution that issued it
        issuer = institutions.issuer(doc.masked, doc.sentences[max(0, cue.sent - 1)].start, cue.start, doc.lang, ctx.gaz)
        if issuer is not None:
            return issuer, f"'{cue.word}' reports a document: the institution named before it ({issuer.name})"
    prior = [x for x in cues if x.sent == cue.sent and x.start < cue.start and x.resolved is not None]
    if prior:
        return prior[-1].resolved, f"continues '{prior[-1].word}' earlier in the sentence"
    people = [x for x in ctx.history if x[1].kind == "person"] + [x for x in ctx.persons if x[1].head == "subject"]
    people = [x for x in people if x[0] < cue.start]
    if doc.lang != "en" and people:
        who = max(people, key=lambda x: x[0])[1]
        return who, f"no subject: the person of the previous clause continues ({who.name})"
    sent = doc.sentences[cue.sent]
    lead = english.clause_subject(doc.masked[sent.start:cue.start], ctx.gaz) if doc.lang == "en" else None
    if lead is not None:
        return lead, "participle: the person the sentence opens with ('X did …, saying')"
    return None, "no subject and no earlier cue in the sentence"


def resolve_speakers(doc: Document, cues: list[Cue], gaz: Gazetteer) -> None:
    """Stage "speaker": pronouns and titles resolved, names expanded and matched, in text order."""
    ctx = S.Context(gaz, doc.lang, persons=doc.people, text=doc.masked)
    for c in cues:
        if c.inherit:
            c.resolved, c.resolution = _inherited(doc, c, cues, ctx)
        else:
            c.resolved, c.resolution = S.resolve(c.subject, c.start, ctx)
        if c.resolved is not None:
            c.resolved = _romanised_match(S.full_name(c.resolved, ctx), c, gaz)
            S.remember(c.resolved, c.start, ctx)


def _romanised_match(sp: Speaker, cue: Cue, gaz: Gazetteer) -> Speaker:
    """An Arabic-script person the aliases missed, matched through the Latin names of the data
    ("عمران الزعبي" → "Omran al-Zabi" → Omran al-Zoubi)."""
    if sp.kind != "person" or sp.actor_id or not has_arabic(sp.name):
        return sp
    latin = romanise(sp.name)
    aid = gaz.match_romanised(latin)
    if aid is None:
        return sp
    cue.resolution += f"; '{sp.name}' romanised '{latin}' matches {gaz.name(aid)}"
    return Speaker(gaz.name(aid), "person", sp.role, aid, sp.head, sp.country)


def date_cues(doc: Document, cues: list[Cue]) -> None:
    """Stage "date" (part one): the date expression in each cue's clause."""
    for c in cues:
        c.date = dating.clause_date(doc, doc.sentences[c.sent], c)
        c.no_date, drop_clause_date = dating.undated_reason(doc, c)
        if drop_clause_date:
            c.date = None
        if c.date is None and c.inherit and not c.no_date:
            prior = [x for x in cues if x.sent == c.sent and x.start < c.start and x.date is not None]
            c.date = prior[-1].date if prior else None


def attribute_all(doc: Document, cues: list[Cue], gaz: Gazetteer) -> list[Attribution]:
    """Stages "attribution" and "date" (part two): each kept quotation with its cue, speaker and date."""
    by_speaker = dating.speaker_dates(cues)
    kept: list[Attribution] = []
    for qi in range(len(doc.spans)):
        att = A.attribute(doc, qi, cues, kept[-1] if kept else None)
        if att is None:
            continue
        ok, why = A.keep(doc, att)
        if not ok or _is_a_name(doc, qi, gaz):
            continue
        if att.cue is not None and att.how != "continued":
            att.said_on, att.precision, reason = dating.said_on(doc, att.cue, doc.spans[qi].open_pos, by_speaker, gaz)
            att.reasons.append("date: " + reason)
        elif att.how == "continued":
            att.reasons.append("date: that of the quotation it continues")
        else:
            _default_speaker(doc, att, cues)
            att.reasons.append("date: none (no attribution)")
        kept.append(att)
    _reopened(kept)
    return kept


def _is_a_name(doc: Document, qi: int, gaz: Gazetteer) -> bool:
    """“Peskov” / قال "بيسكوف": a quotation that is nothing but a known name is a name, not speech."""
    q = doc.spans[qi]
    body = doc.text[q.start:q.end].strip(" .,;:،")
    hits = gaz.mentions(body) if len(body.split()) <= 4 else []
    return len(hits) == 1 and hits[0].end - hits[0].start >= len(body) - 2


def _default_speaker(doc: Document, att: Attribution, cues: list[Cue]) -> None:
    """A quotation with no cue of its own, in a story about one speaker, is most likely theirs: the
    speaker of the nearest cue in the three sentences before it, else the speaker the lead names (a cue
    in the first three sentences). The text settles no date for it."""
    if att.speaker is not None or att.how == "reopened":
        return
    named = [c for c in cues if c.resolved is not None and c.resolved.kind in ("person", "org")]
    near = [c for c in named if att.sent - 3 <= c.sent <= att.sent and c.start < doc.spans[att.quote].open_pos]
    lead = [c for c in named if c.sent < 3 and c.sent < att.sent]
    pick = near[-1] if near else (lead[0] if lead else None)
    if pick is None:
        return
    att.speaker, att.how = pick.resolved, "default"
    where = "the nearest speech cue before it" if near else "the speaker the story's lead names"
    att.reasons.append(f"speaker: no cue of its own: {where} ('{pick.word}', {pick.resolved.name})")


def _reopened(kept: list[Attribution]) -> None:
    """Multi-paragraph parts take the speaker and date of the part that follows them."""
    for k in range(len(kept) - 2, -1, -1):
        a, nxt = kept[k], kept[k + 1]
        if a.speaker is None and a.how == "reopened":
            a.speaker, a.said_on, a.precision, a.relayed = nxt.speaker, nxt.said_on, nxt.precision, nxt.relayed
            a.reasons.append("speaker: that of the next part of this multi-paragraph quotation")


def _label(sp: Speaker | None, doc: Document, gaz: Gazetteer) -> tuple[str | None, str | None, str | None]:
    if sp is None:
        return None, None, None
    name = intl.display_name(sp, gaz)
    if sp.kind == "unnamed":
        return (name if "unnamed" in name.lower() or "anonymous" in name.lower() else f"{name} (unnamed)"), sp.role, None
    return name, sp.role, sp.actor_id


def _reasons(att: Attribution, doc: Document) -> list[str]:
    q = doc.spans[att.quote]
    out = [f"quote: {q.style} quotation marks at {q.open_pos}" + (" (multi-paragraph part)" if q.continued else "")]
    c = att.cue
    if c is not None:
        out.append(f"cue: '{doc.text[c.start:c.end]}' ({att.how}: {c.rule})")
        out.append(f"speaker: {c.resolution}" if c.resolution else "speaker: none")
    elif att.how:
        out.append(f"cue: none ({att.how})")
    if att.relayed:
        out.append("relayed: the words reach us through another speaker or outlet")
    return out + att.reasons


def build_statements(doc: Document, atts: list[Attribution], gaz: Gazetteer) -> list[Statement]:
    """Stage "statements": one record per distinct quotation."""
    out, seen = [], set()
    for att in atts:
        q = doc.spans[att.quote]
        text = doc.text[q.start:q.end]
        key = " ".join(text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        sent = doc.sentences[att.sent]
        name, role, sid = _label(att.speaker, doc, gaz)
        conf = _CONFIDENCE.get(att.how or "", 0.3) - (0.05 if att.speaker and att.speaker.kind == "unnamed" else 0)
        out.append(Statement(text, name, sid, role, att.said_on, att.precision if att.said_on else None,
                             round(max(conf, 0.1), 2), q.start, q.end,
                             topics_for(text + " " + doc.text[sent.start:sent.end], doc.lang), att.relayed,
                             doc.lang, _reasons(att, doc)))
    return out


def run(article: Article, gaz: Gazetteer) -> Extraction:
    """All stages over one article."""
    doc = prepare(article)
    doc.people = _people(doc, gaz)
    cues = find_cues(doc, gaz)
    resolve_speakers(doc, cues, gaz)
    date_cues(doc, cues)
    statements = build_statements(doc, attribute_all(doc, cues, gaz), gaz)
    label = article.path or "the text"
    return Extraction({"url": article.url, "publisher": article.publisher, "published": article.published},
                      doc.lang, statements, events(doc, gaz), actors(doc, gaz, cues),
                      None if statements else f"No quotations found in {label}.")
