"""English speech cues and their subjects: noun phrases ("Russian Foreign Minister Sergey Lavrov",
"a senior Syrian source", "the spokesman", "he"), inverted attributions ("…,” said Peskov),
"according to X", "X quoted Y as saying", passives, participles and coordinated verbs."""

from __future__ import annotations
import re
from components.ingest import lexicon as L
from components.ingest import lexicon_institutions as LI
from components.ingest.gazetteer import Gazetteer
from components.ingest.model import MASK, Cue, Document, Sentence, Speaker
from components.ingest.english_np import (  # noqa: F401  (re-exported)
    FINITE,
    LEX,
    SPEECH_RX,
    _BOUNDARY,
    _PREP_START,
    _TITLE_HEAD_RX,
    _TRAILING_STRIP,
    _is_cap,
    _plain,
    parse_np,
)


# ----------------------------------------------------------------------------- subjects

def _split_parts(s: str) -> list[str]:
    return s.split(",")


def is_role_np(sp: Speaker | None) -> bool:
    if sp is None or sp.kind not in {"unnamed", "definite", "org"}:
        return False
    low = sp.name.lower()
    titled = bool(re.search(r"\b(" + _TITLE_HEAD_RX + r")s?\b", low))
    return (titled and sp.kind != "org") or (bool(re.match(r"^(?:the|a|an)\b", low)) and titled)


def _cut_boundary(p: str) -> str:
    """The part of ``p`` after its last clause-boundary word ("though Putin's spokesman Peskov")."""
    m = None
    for m in re.finditer(r"(?:^|\s)" + _BOUNDARY + r"\s", p, re.I):
        pass
    if m is not None and p[m.end():].strip():
        return p[m.end():]
    return p


def _with_appositive(sp: Speaker, parts: list[str], idx: int, gaz: Gazetteer) -> Speaker:
    """"Dmitry Peskov, the Kremlin spokesman," / "the deputy chairman, Dmitry Novikov," → a person with a role."""
    if idx <= 0:
        return sp
    prev_p = parts[idx - 1].strip()
    if is_role_np(sp):
        prev = parse_np(_cut_boundary(prev_p), gaz)
        if prev is not None and prev.kind == "person":
            prev.role = prev.role or re.sub(r"^(?:the|a|an)\s+", "", sp.name, flags=re.I)
            return prev
    if sp.kind == "person" and not sp.role and prev_p:
        prev = parse_np(prev_p, gaz)
        if is_role_np(prev) or (prev is not None and prev.kind == "definite") or re.match(
                r"(?:the|a|an)\s+(?:\w+\s+){0,4}(?:" + _TITLE_HEAD_RX + r")\b", prev_p, re.I):
            sp.role = re.sub(r"^(?:the|a|an)\s+", "", _cut_boundary(prev_p).strip(), flags=re.I)
    return sp


def subject_before(pre: str, gaz: Gazetteer) -> Speaker | None:
    """The subject of a verb that follows ``pre`` (the clause text up to the verb)."""
    pre = re.sub(r"\s+", " ", pre)
    cut = max(pre.rfind(c) for c in [MASK, ";", ":", "(", ")", "—", "–", " - "])
    parts = _split_parts(pre[cut + 1:] if cut >= 0 else pre)
    for idx in range(len(parts) - 1, -1, -1):
        p0 = parts[idx].strip()
        last = idx == len(parts) - 1
        if not p0 or (not last and (_PREP_START.match(p0) or re.fullmatch(r"[\d\s]+(?:years? old)?", p0)
                                    or (re.search(r"\b(?:who|which)\b", p0) and not _is_cap(p0.split()[0])))):
            continue
        sp = parse_np(_cut_boundary(p0), gaz)
        return None if sp is None else _with_appositive(sp, parts, idx, gaz)
    return None


def subject_after(post: str, gaz: Gazetteer) -> Speaker | None:
    """The speaker named after an inverted verb ("said Dmitry Peskov, the Kremlin spokesman")."""
    post = re.sub(r"\s+", " ", post)
    cut = min([i for i in (post.find(c) for c in [MASK, ";", ":", ".", "(", "—", "–"]) if i >= 0] + [len(post)])
    parts = _split_parts(post[:cut])
    first = re.split(r"\s+(?:on|in|at|during|after|before|to|told|when|while|as|who|adding|saying)\s+", parts[0])[0]
    sp = parse_np(first, gaz)
    if sp is not None and sp.kind == "person" and len(parts) > 1:
        nxt = parse_np(parts[1], gaz)
        if is_role_np(nxt):
            sp.role = sp.role or re.sub(r"^(?:the|a|an)\s+", "", nxt.name, flags=re.I)
    return sp


# ----------------------------------------------------------------------------- cues

_NOT_AFTER = {"a", "an", "the", "his", "her", "their", "its", "this", "that", "phone", "whose", "our", "my", "your",
              "these", "those", "such", "of"}


def _is_cue(seg: str, m: re.Match) -> bool:
    w = m.group(1).lower()
    base = LEX.speech.get(re.sub(r"\s+", " ", w), w)
    before = seg[:m.start()]
    prev_word = re.search(r"([\w’']+)\s*$", before)
    if prev_word and prev_word.group(1).lower() in _NOT_AFTER and not w.endswith("ing"):
        return False
    if w in ("speaking", "spoke") and not re.match(r"\s+(?:to|with)\s+(?:reporters|journalists|the media|the press)",
                                                   seg[m.end():]):
        return False
    # "Asked if …" opens a question; the answer's verb follows
    return not (base == "asked" or base == "ask") or not (
        re.match(r"^\s*(?:if|whether|about|to)\b", seg[m.end():]) and not before.strip())


def find_cues(doc: Document, sent: Sentence, si: int) -> list[Cue]:
    """Speech verbs of one sentence, outside quotations."""
    seg = doc.masked[sent.start:sent.end]
    return [Cue(sent.start + m.start(), sent.start + m.end(), re.sub(r"\s+", " ", m.group(1)).lower(), si)
            for m in SPEECH_RX.finditer(seg) if _is_cue(seg, m)]


def _according(cue: Cue, post: str, gaz: Gazetteer) -> bool:
    if cue.word not in ("according to", "citing", "quoting"):
        return False
    pronoun = re.match(r"\s*(him|her|them)\b", post)
    if pronoun and cue.word == "according to":
        cue.subject = Speaker(pronoun.group(1), "pronoun", head=pronoun.group(1).lower())
        cue.according, cue.rule = True, "'according to him/her': the person before"
        return True
    if pronoun or re.match(r"\s*it\b", post):
        return False
    np_ = re.split(r"[,;." + MASK + r"]", post, maxsplit=1)[0]
    parts = re.split(r"\b(?:from|by|obtained by|released by|issued by|cited by|quoted by)\b", np_)
    cand = parts[-1] if parts[-1].strip() else np_
    cue.subject = parse_np(cand, gaz) or parse_np(np_, gaz)
    cue.relayed, cue.according, cue.rule = True, cue.word == "according to", f"'{cue.word} X': X is the source"
    return True


def _quoted_as(cue: Cue, post: str, gaz: Gazetteer) -> bool:
    """"state TV quoted Assad as saying", "X reported Y as telling": Y speaks, X relays."""
    if cue.word not in ("quoted", "reported", "cited", "quoting") or re.match(r"\s*(?:as|by)\b", post):
        return False
    m = re.match(r"\s+(?P<np>[^" + MASK + r";:.]{2,150}?)\s*,?\s+as\s+(?:saying|telling|stating|adding|writing|"
                 r"asserting|declaring)\b", post)
    sp = subject_after(m.group("np"), gaz) if m else None
    if sp is None:
        return False
    cue.subject, cue.relayed, cue.rule = sp, True, "'X quoted Y as saying': Y speaks, relayed by X"
    return True


def _passive(cue: Cue, pre: str, post: str, gaz: Gazetteer) -> bool:
    """"was described by the White House as": the agent speaks; no fallback date."""
    if not (re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", pre) and cue.word.endswith("ed")):
        return False
    m = re.match(r"\s+by\s+(?P<np>[^," + MASK + r";:.]+?)(?=\s+as\b|\s+to\b|,|\.|;|$|" + MASK + ")", post)
    if m:
        cue.subject, cue.perfect, cue.rule = parse_np(m.group("np"), gaz), True, "passive with 'by' agent"
        return True
    if cue.word == "quoted":
        cue.relayed = True
    return False


_IN_DOCUMENT = re.compile(r"\s*in\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:\w+\s+)?(?:" + LI.EN_DOCUMENT_NOUNS + r")\b", re.I)


def _document_voice(cue: Cue, post: str, stripped: str) -> bool:
    """"“…”, — stated in the message." / "— noted in press service": a verb with no subject of its own
    that speaks through a document; the institution that issued it is the speaker."""
    if not _IN_DOCUMENT.match(post) or not re.fullmatch(r"(?:.*" + MASK + r")?[,.!?]?\s*[—–-]*", stripped, re.S):
        return False
    cue.subject = Speaker("the statement", "definite", head="statement")
    cue.rule = "subjectless verb 'in the statement/message': the institution that issued it speaks"
    return True


def _inherits(cue: Cue, stripped: str) -> bool:
    """Participles ("…, adding") and coordinated verbs ("and said") take the subject of the verb before."""
    if cue.word.endswith("ing") and (stripped.endswith((",", MASK)) or not stripped
                                     or re.search(r"\b(?:and|while|before|after|by|when|also)$", stripped)):
        cue.inherit, cue.rule = True, "participle continues the previous subject"
        return True
    if re.search(r"(?:^|[\s,])(?:and|or|but)(?:\s+(?:also|then|later|further|again|(?:on\s+)?\w+day|today|"
                 r"yesterday))*$", stripped):
        cue.inherit, cue.rule = True, "coordinated verb continues the previous subject"
        return True
    return False


def _inversion(cue: Cue, pre: str, post: str, stripped: str, gaz: Gazetteer) -> bool:
    """"…,” said Dmitry Peskov" / "Russia will stay, said Peskov" (not "Zakharova, the spokeswoman, said");
    a dash after the quotation, as Russian copy in English writes it ("«…,» — said Zakharova"), changes nothing."""
    if re.search(MASK + r"[,.!?]?\s*[—–-]+$", stripped):
        stripped = stripped.rstrip(" —–-")
    if cue.word not in L.EN_INVERTING or not (not stripped or stripped.endswith((MASK, ",")) or
                                              re.search(MASK + r"[,.!?]?\s*$", stripped)):
        return False
    if stripped.endswith(",") and not stripped.rstrip(",").endswith(MASK):
        last_part = stripped.rstrip(",").split(",")[-1]
        cut = max(last_part.rfind(c) for c in [MASK, ";", ":", "(", ")", "—", "–"])
        if not FINITE.search(last_part[cut + 1:]) and subject_before(pre, gaz) is not None:
            return False
    sp = subject_after(post, gaz)
    if sp is None or sp.kind == "pronoun":
        return False
    cue.subject, cue.rule = sp, "inverted: the speaker follows the verb"
    return True


def analyse_cue(doc: Document, sent: Sentence, cue: Cue, gaz: Gazetteer) -> None:
    """Fill the cue's subject (or ``inherit``), ``relayed`` and ``perfect``."""
    pre, post = doc.masked[sent.start:cue.start], doc.masked[cue.end:sent.end]
    if _according(cue, post, gaz) or _quoted_as(cue, post, gaz):
        return
    if cue.word == "quoting":
        cue.relayed = True
    if _passive(cue, pre, post, gaz):
        return
    if re.search(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|not\s+|never\s+|long\s+)*$", pre):
        cue.perfect = True
    stripped = pre.rstrip()
    if _document_voice(cue, post, stripped) or _inherits(cue, stripped) or _inversion(cue, pre, post, stripped, gaz):
        return
    pre_c = _TRAILING_STRIP.sub("", stripped)
    m = re.search(r"[,]?\s*\bwho\s*$", pre_c)
    if m:
        cue.subject, cue.rule = subject_before(pre_c[:m.start()], gaz), "relative clause: 'X, who said'"
        return
    cue.subject = subject_before(pre_c, gaz)
    cue.rule = "subject before the verb"
    _media_reports(cue, post, gaz)
    if cue.subject is None and not pre_c.strip(" ," + MASK):
        cue.inherit, cue.rule = True, "no subject before the verb: continues the previous speaker"


_MEDIA = re.compile(r"\b(?:agency|news|tv|television|channel|newspaper|daily|radio|outlet|media|broadcaster)\b", re.I)
_REPORTED = re.compile(r"^\s*(?:that\s+)?(?P<np>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})\s+(?:also\s+|had\s+|has\s+)?"
                       r"(?:wanted|wants|urged|demanded|asked|called|insisted|hoped|proposed|rejected|welcomed|sought)\b")


def _media_reports(cue: Cue, post: str, gaz: Gazetteer) -> None:
    """"Syrian news agency Sana said Damascus also wanted …": the outlet relays; Damascus speaks."""
    sp = cue.subject
    media = sp is not None and sp.kind == "org" and (gaz.kind(sp.actor_id) == "media" or _MEDIA.search(sp.name))
    m = _REPORTED.match(post) if media else None
    if m is None:
        return
    speaker = parse_np(m.group("np"), gaz)
    if speaker is not None and speaker.kind in ("person", "org"):
        cue.subject, cue.relayed = speaker, True
        cue.rule = f"an outlet reports what {speaker.name} wants or says: {speaker.name} speaks, relayed by {sp.name}"


_VERBISH = re.compile(
    r"(?:is|was|were|are|has|have|had|will|would|could|should|can|may|might|must|also|then|later|"
    r"said|says|told|tells|spoke|met|went|came|made|took|gave|held|left|sent|saw|began|won|led|did|does|"
    r"\w+ed|\w+[^s]s)$")


def leading_subject(seg: str, gaz: Gazetteer) -> Speaker | None:
    """The person a sentence opens with ("Putin spoke …", "Syrian President Ahmed al-Sharaa met …")."""
    toks = seg.split()
    k = 0
    while k < len(toks) and k < 7 and (_is_cap(toks[k]) or re.match(r"(?:al|el|bin|abu)$", toks[k])):
        k += 1
        if toks[k - 1].endswith((",", ";", ":")):
            break
    if k == 0 or k >= len(toks):
        return None
    nxt = toks[k].strip(",.;:").lower()
    if nxt in {"this", "its", "as", "us", "his", "plus", "thus", "bus", "news", "gas"} or not _VERBISH.match(nxt):
        return None
    sp = parse_np(" ".join(toks[:k]), gaz, allow_lower_org=False)
    if sp is None or sp.kind != "person" or _plain(sp.name) in LEX.pronouns:
        return None
    return Speaker(sp.name, "person", sp.role, sp.actor_id, head="subject")


def clause_subject(seg: str, gaz: Gazetteer) -> Speaker | None:
    """The person named before the first verb of a clause ("Kremlin spokesperson Dmitry Peskov addressed …")."""
    toks = seg.split()
    for k, t in enumerate(toks[:12]):
        if k and not _is_cap(t) and _VERBISH.match(_plain(t)):
            sp = parse_np(" ".join(toks[:k]), gaz, allow_lower_org=False)
            return sp if sp is not None and sp.kind == "person" else None
    return None


_NAME_SEQ = re.compile(r"(?:(?<=\s)|^)((?:[A-ZÀ-Þ][\w’'\-.]+|(?:al|el)-[A-Z][\w’'\-]+)(?:[ \t]+(?:[A-ZÀ-Þ][\w’'\-]+|"
                       r"(?:al|el|bin|abu|Abu|Al)[- \t]?[A-Z][\w’'\-]*)){1,5})")


def person_mentions(doc: Document, gaz: Gazetteer) -> list[tuple[int, Speaker]]:
    """Full names of people written anywhere outside quotations, with positions."""
    out = []
    for m in _NAME_SEQ.finditer(doc.masked):
        sp = parse_np(m.group(1), gaz, allow_lower_org=False)
        if sp is not None and sp.kind == "person" and len(sp.name.split()) >= 2:
            out.append((m.start(1) + max(0, m.group(1).find(sp.name.split()[0])), sp))
    for sent in doc.sentences:
        lead = leading_subject(doc.masked[sent.start:sent.end], gaz)
        if lead is not None:
            out.append((sent.start, lead))
    return out
