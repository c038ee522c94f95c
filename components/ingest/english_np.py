"""English noun phrases: who a speech cue's subject is (named person, title, unnamed source, organisation)."""

from __future__ import annotations

import re

from components.ingest import lexicon as L
from components.ingest.gazetteer import Gazetteer
from components.ingest.model import MASK, Speaker

LEX = L.lexicon("en")
_SPEECH_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in LEX.speech), key=len, reverse=True))
SPEECH_RX = re.compile(r"(?<![\w-])(" + _SPEECH_ALT + r")(?![\w-])", re.I)
_UNNAMED_RX = re.compile(
    r"(?:\b(?:a|an|one|two|three|four|several|some|other|many|the|both|these|those|two other|multiple)\s+)?"
    r"(?:[\w’'.\-]+\s+){0,5}?\b(?:" + L.EN_UNNAMED_HEADS + r")\b"
    r"(?:\s+(?:close to|familiar with|with knowledge of|in|at|from|of|within|inside|who)\b[^,;:" + MASK + r"]*)?",
    re.I)
_DETERMINERS = r"\b(?:a|an|one|two|three|four|several|some|other|many|the|both|these|those|multiple)\b"
_BOUNDARY = (r"(?:that|but|though|while|because|although|whereas|when|after|before|if|so|and|where|as|once|"
             r"until|whom|or|then|even|meanwhile|however|also)")
_LEADING_STRIP = re.compile(
    r"^(?:(?:and|but|though|although|while|whereas|when|after|before|because|so|that|which|as|with|then|also|"
    r"meanwhile|however|moreover|instead|yet|even|on the other hand|in addition|separately|"
    r"for (?:his|her|their|its) part|for example|for instance|in turn|at the same time)\b[\s,]*)+", re.I)
_TRAILING_STRIP = re.compile(
    r"(?:[\s,]+(?:also|then|later|further|again|previously|earlier|recently|reportedly|repeatedly|"
    r"once|has|have|had|was|were|is|are|would|will|been|separately|publicly|firmly|officially|"
    r"explicitly|directly|personally|himself|herself|themselves|itself|too|however|meanwhile|"
    r"on|in|last|this|earlier this|late|early|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?|"
    r"today|yesterday|tonight|week|month|year|morning|evening|afternoon|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)(?:\s+\d{1,2})?|\d{1,2}|"
    r"(?:not|never|already|just|still)))+\s*$", re.I)
_PREP_START = re.compile(
    r"^(?:in|on|at|during|after|before|since|speaking|asked|according|citing|like|including|amid|"
    r"despite|following|ahead|while|when|upon|without|unlike|as|for|from|to|over|under|by|via|"
    r"through|about|earlier|later|last|this|who|which|whose|where|apparently|reportedly|\d+|aged)\b", re.I)
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|did|does|do)\b|\b\w{3,}ed\b",
                    re.I)
_ROLE_FILLERS = {"news", "state", "of", "the", "for", "and", "-", "official", "senior", "former", "deputy", "foreign",
                 "defence", "defense", "top", "chief", "press", "first", "newspaper", "daily", "channel",
                 "broadcaster", "outlet", "website", "agency", "television", "tv", "radio"}
_MEDIA_ROLE = re.compile(r"\b(agency|newspaper|daily|channel|broadcaster|outlet|website|television|tv|radio|"
                         r"ministry|group|company|party|station|magazine|network)\b")
_TITLE_HEAD_RX = "|".join(sorted(L.EN_TITLE_HEADS))


def _plain(tok: str) -> str:
    return tok.strip(",;:()[]\"“”‘’'").lower()


def _is_cap(tok: str) -> bool:
    t = tok.strip(",;:()[]\"“”‘’'")
    if not t:
        return False
    if re.match(r"^(?:al|el|ul|ad|as|ash|bin|ibn|abu|de|da|di|van|von|der|du|la|le|bint)$", t):
        return True
    if re.match(r"^(?:al|el|ul|ad|as|ash|an|ar|at|az)[-‑][A-ZÀ-Þ]", t):
        return True
    return t[0].isupper()


def _is_title_tok(tok: str, nxt: str | None, gaz: Gazetteer) -> bool:
    p = _plain(tok)
    p2 = re.sub(r"['’]s$", "", p)
    if p in L.EN_TITLE_WORDS or p2 in L.EN_TITLE_WORDS or p.rstrip(".") in L.EN_TITLE_WORDS:
        return True
    if p in L.EN_NATIONALITIES or p2 in L.EN_GENERIC_PLACES or gaz.is_place(p2):
        return True
    if re.search(r"['’]s$", p):  # possessive: "Syria’s", "Putin's"
        return True
    return nxt is not None and bool(re.search(r"(?:ian|ean|ese|ish)$", p)) and \
        _plain(nxt) in L.EN_TITLE_WORDS | set(L.EN_NATIONALITIES)


def _role_start(toks: list[str], i: int) -> int:
    """Where the role words before a capitalised name start ("Kremlin spokesman Dmitry Peskov")."""
    j = i
    while j - 1 >= 0 and not toks[j - 1].endswith((",", ";", ":")):
        p = _plain(toks[j - 1])
        if not (_is_cap(toks[j - 1]) or p in L.EN_TITLE_WORDS | L.EN_ORG_HEADS | set(L.EN_NATIONALITIES)
                or p in _ROLE_FILLERS or re.search(r"['’]s$", toks[j - 1])):
            break
        j -= 1
        if p == "the":
            break
    return j


def _named(toks: list[str], gaz: Gazetteer) -> Speaker | None:
    """A person or a named organisation from a phrase ending in capitalised words."""
    i = len(toks) - 1
    while i - 1 >= 0 and _is_cap(toks[i - 1]) and not toks[i - 1].endswith((",", ";", ":")):
        i -= 1
    seq, j = toks[i:], _role_start(toks, i)
    k = 0
    while k < len(seq) - 1 and _is_title_tok(seq[k], seq[k + 1], gaz):
        k += 1
    name_toks, role_toks = seq[k:], toks[j:i] + seq[:k]
    name = re.sub(r"['’]s$", "", " ".join(t.strip(",;:()\"“”") for t in name_toks).strip())
    role = " ".join(role_toks).strip(" ,") or None
    if role and role.lower().startswith("the "):
        role = role[4:]
    lowered = [re.sub(r"['’]s$", "", _plain(t)) for t in name_toks]
    is_org = (any(t in L.EN_ORG_WORDS for t in lowered)
              or all(gaz.is_place(t) or t in L.EN_GENERIC_PLACES or t in L.EN_NATIONALITIES for t in lowered)
              or (len(name_toks) == 1 and re.fullmatch(r"[A-Z0-9.\-&]{2,}", name_toks[0].strip(",.")) is not None)
              or bool(_MEDIA_ROLE.search((role or "").lower())))
    aid = gaz.match(name, person=not is_org)
    if is_org or (aid and not gaz.is_person(aid)):
        label = " ".join(role_toks + name_toks) if role_toks and not (role or "").lower().startswith(("a ", "an ")) \
            else name
        label = re.sub(r"^(?:the|a|an)\s+", "", label.strip(" ,"), flags=re.I)
        return Speaker(label, "org", None, aid or gaz.match(label, person=False))
    if re.fullmatch(r"[\d.,]+", name) or not re.search(r"[A-Za-zÀ-ÿ]", name):
        return None
    if aid is None and all(t in L.EN_TITLE_WORDS or t in L.EN_NATIONALITIES for t in lowered):
        return Speaker(" ".join(toks[j:]), "definite", head=lowered[-1])   # "Envoy", "the Deputy Minister"
    return Speaker(name, "person", role, aid)


def _unnamed(s: str) -> Speaker | None:
    """An unnamed source or official ("a senior Syrian source", "diplomatic sources", "the spokesman")."""
    m = None
    for m in _UNNAMED_RX.finditer(s):
        pass
    if m is None:
        return None
    label = re.sub(r"\s+who\b.*$", "", m.group(0).strip(" ,"))
    hm = re.search(r"\b(?:" + L.EN_UNNAMED_HEADS + r")\b", label, re.I)
    dets = list(re.finditer(_DETERMINERS, label[:hm.start()] if hm else "", re.I))
    if dets:
        label = label[dets[-1].start():]
    else:
        label = re.sub(r"^(?:(?:\d+|update|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)+", "", label, flags=re.I)
    head = re.search(r"\b(" + L.EN_UNNAMED_HEADS + r")\b", label, re.I)
    words = label.split()
    head_word = head.group(1).lower() if head else words[-1].lower()
    if label.lower().startswith("the ") and (len(words) <= 3 or head_word.rstrip("s") in {
            "minister", "envoy", "ambassador", "deputie", "deputy"}):
        return Speaker(label, "definite", head=head_word)
    return Speaker(label, "unnamed")


def _lower_org(toks: list[str], s: str, gaz: Gazetteer) -> Speaker | None:
    """An organisation or collective in lower case ("Syria’s new leadership", "the ministry")."""
    last = _plain(toks[-1])
    if last in L.EN_ORG_HEADS:
        k = len(toks) - 1
        stops = {"the", "a", "an", "with", "to", "of", "by", "from", "in", "on", "at", "for", "that", "and", "but",
                 "said", "says", "told", "is", "was", "has", "have", "had", "while", "as", "its", "their", "his", "her"}
        while k > 0 and len(toks) - k < 6 and not toks[k - 1].endswith((",", ";")) and _plain(toks[k - 1]) not in stops:
            k -= 1
        label = " ".join(toks[k:]).strip(" ,")
        if label.lower() in {"it", "side"} or not label:
            return None
        if k > 0 and _plain(toks[k - 1]) == "the" and len(toks) - k == 1 and last in L.EN_TITLE_HEADS:
            return Speaker("the " + label, "definite", head=last)
        if last in {"statement", "readout"} and len(toks) - k > 1:   # "a Kremlin statement": the Kremlin speaks
            label, role = " ".join(toks[k:-1]).strip(" ,"), last
            return Speaker(label, "org", role, gaz.match(label, person=False))
        return Speaker(label, "org", None, gaz.match(label, person=False))
    if len(toks) <= 3 and toks[0].lower() == "the" and last in L.EN_TITLE_HEADS:
        return Speaker(s, "definite", head=last)
    return None


def parse_np(chunk: str, gaz: Gazetteer, allow_lower_org: bool = True) -> Speaker | None:
    """A speaker from a noun phrase; None when the chunk names nobody."""
    s = re.sub(r"\s+", " ", chunk.replace(MASK, " ")).strip().strip(" ,;:—–-")
    s = _TRAILING_STRIP.sub("", _LEADING_STRIP.sub("", s).strip(" ,")).strip(" ,")
    if not s:
        return None
    if s.lower() in LEX.pronouns:
        return Speaker(s, "pronoun", head=s.lower())
    toks = s.split()[-16:]
    s = " ".join(toks)
    if _is_cap(toks[-1]) and _plain(toks[-1]) not in LEX.pronouns:
        return _named(toks, gaz)
    return _unnamed(s) or (_lower_org(toks, s, gaz) if allow_lower_org else None)
