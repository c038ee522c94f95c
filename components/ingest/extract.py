"""Extract statements (quotations with speaker and date), dated events and actors from an article.

General rules for news English; nothing here is keyed to particular articles. The pipeline:

1. ``quotes.find_quotes`` finds the quoted spans (every quotation-mark style).
2. The text is split into sentences with the quoted spans masked, so punctuation inside a quote
   never ends a sentence and words inside a quote are never taken as the attribution.
3. Every speech verb ("said", "told", "added", "according to", "was quoted as saying", …) gets a
   subject: a named person (with the title or appositive as role), an organisation, an unnamed
   source label, or a pronoun / "the spokesman" resolved to the nearest fitting speaker before.
4. Each quote takes its attribution from, in order: the clause right after it ("…," he said), the
   last speech verb before it in its sentence, a speech verb later in the sentence, "according to",
   a bare attribution sentence right after it, and finally the quote just before it (a quote that
   continues in the next sentence or paragraph).
5. The date a quote was said: a date expression in its attribution clause; else the dated speech
   of the same speaker elsewhere in the article; else the article's lead date (the first dated
   happening the story reports); else the publication date. Perfect-tense or passive reports
   ("has made clear", "was described by") get no fallback date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from components.ingest import dates as D
from components.ingest.names import ActorIndex, fold_name, load_actors, surname
from components.ingest.quotes import QSpan, find_quotes, is_hard_wrapped
from components.ingest.reader import Article

__all__ = ["extract", "load_actors"]

MASK = "\u2591"

# ---------------------------------------------------------------------------------------------
# vocabulary

_SPEECH_BASES = """
say tell add note stress explain insist argue warn announce declare describe praise urge reiterate
confirm emphasize emphasise quote write tweet claim ask reply respond comment suggest acknowledge admit
vow pledge promise hail deny remark recall assure underline underscore express criticize criticise
condemn denounce accuse blame welcome reject dismiss demand disclose reveal highlight caution predict
complain concede mention brief term label brand characterize characterise repeat affirm assert
observe conclude contend counter propose recommend threaten boast lament clarify elaborate specify
voice insist urge told instruct recount indicate estimate stress cite discuss consider
""".split()
_IRREGULAR = {
    "say": ["say", "says", "said", "saying"], "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
}
# words that are nouns far more often than verbs in their bare/-s form: only past/-ing count
_NOUNISH = {"comment", "quote", "claim", "demand", "promise", "pledge", "vow", "welcome", "brief",
            "label", "brand", "term", "counter", "voice", "remark", "repeat", "estimate", "cite",
            "discuss", "consider", "reply", "respond", "note", "call", "report", "state", "post",
            "warn", "express", "caution", "boast", "tweet", "indicate", "describe", "mention", "add"}


def _inflections(base: str) -> list[str]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        forms = [base, base + "s", base + "d", base[:-1] + "ing"]
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms = [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    elif re.search(r"(?:s|sh|ch|x|z)$", base):
        forms = [base, base + "es", base + "ed", base + "ing"]
    else:
        forms = [base, base + "s", base + "ed", base + "ing"]
    if base in _NOUNISH:
        forms = [f for f in forms if f.endswith(("ed", "ing", "d"))]
    return forms


SPEECH_WORDS: dict[str, str] = {}
for _b in _SPEECH_BASES:
    for _f in _inflections(_b):
        SPEECH_WORDS[_f] = _b
for _f in ["called", "calling", "reported", "stated", "posted", "pointed out", "made clear",
           "makes clear", "make clear", "making clear", "refused to comment", "declined to comment",
           "went on", "continued", "quoted", "quoting", "told reporters", "according to",
           "spoke", "speaking", "According to", "Asked", "Speaking", "Quoting", "Citing", "citing"]:
    SPEECH_WORDS[_f] = _f.split()[0].lower()
_WEAK_VERBS = {"discuss", "indicate", "estimate", "cite", "speaking", "spoke", "went",
               "express", "continued"}  # speech-ish, weak evidence for a short quote

_SPEECH_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in SPEECH_WORDS), key=len, reverse=True))
_SPEECH_RX = re.compile(r"(?<![\w-])(" + _SPEECH_ALT + r")(?![\w-])")

TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "foreign", "deputy", "defense", "defence",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "secretary", "general", "secretary-general",
    "chief", "head", "chairman", "chairwoman", "chair", "senator", "sen", "gen", "lt", "col", "mr", "mrs",
    "ms", "dr", "sheikh", "king", "prince", "emir", "sultan", "pope", "patriarch", "envoy", "special",
    "representative", "commander", "director", "adviser", "advisor", "aide", "leader", "speaker", "governor",
    "mayor", "admiral", "colonel", "major", "captain", "lieutenant", "sergeant", "first", "acting",
    "interim", "transitional", "former", "un", "u.n", "us", "u.s", "eu", "state", "affairs", "interior",
    "economy", "economic", "finance", "energy", "trade", "justice", "health", "information", "media",
    "presidential", "press", "kremlin", "white", "house", "duma", "parliament", "parliamentary", "senior",
    "top", "official", "officer", "premier", "chancellor", "lawmaker", "mp", "delegate", "negotiator",
    "coordinator", "commissioner", "counterpart", "staff", "security", "intelligence", "national",
    "council", "committee", "international", "affairs", "defence", "military", "army", "navy", "air",
    "force", "forces", "new", "transitional", "syrian", "russian", "ministry", "assistant", "executive",
    "russia", "syria", "russias", "syrias", "permanent", "mission", "cabinet", "opposition", "dep",
    "pm", "fm", "dpm", "mfa", "ceo", "chairperson", "emeritus", "elect", "caretaker", "then",
}
NATIONALITIES = {
    "russian", "syrian", "iranian", "israeli", "turkish", "chinese", "american", "british", "french",
    "german", "egyptian", "saudi", "emirati", "qatari", "iraqi", "lebanese", "jordanian", "palestinian",
    "kurdish", "ukrainian", "european", "arab", "us", "u.s.", "un", "u.n.", "eu", "uk", "italian",
    "spanish", "indian", "pakistani", "japanese", "korean", "belarusian", "kazakh", "azerbaijani",
    "armenian", "georgian", "libyan", "tunisian", "algerian", "moroccan", "sudanese", "yemeni", "omani",
    "kuwaiti", "bahraini", "afghan", "soviet", "western", "eastern", "gulf", "african", "asian",
}
ORG_WORDS = {
    "kremlin", "house", "staff", "ministry", "tv", "television", "agency", "council", "committee",
    "office", "department", "army", "forces", "force", "observatory", "organization", "organisation",
    "union", "nations", "commission", "government", "parliament", "duma", "assembly", "court", "bank",
    "company", "group", "post", "times", "news", "press", "service", "network", "channel", "foundation",
    "institute", "center", "centre", "command", "coalition", "front", "party", "movement", "authority",
    "authorities", "administration", "embassy", "mission", "delegation", "presidency", "palace",
    "pentagon", "reuters", "interfax", "tass", "sana", "afp", "ap", "xinhua", "sputnik", "anadolu",
    "irna", "nato", "hamas", "hezbollah", "isis", "hts", "state", "department", "media", "radio",
    "daily", "journal", "gazette", "herald", "tribune", "telegraph", "guardian", "monitor", "bureau",
    "secretariat", "cabinet", "senate", "congress", "federation", "republic", "kingdom", "ria",
    "novosti", "izvestia", "kommersant", "vedomosti", "al-arabiya", "al-jazeera", "jazeera",
    "arabiya", "bbc", "cnn", "rt", "ministry’s", "department’s", "staff’s", "undof", "unsc",
}
PLACES = {
    "russia", "syria", "moscow", "damascus", "washington", "ankara", "tehran", "iran", "turkey",
    "israel", "china", "beijing", "europe", "america", "britain", "london", "paris", "france",
    "germany", "berlin", "ukraine", "kyiv", "kiev", "egypt", "cairo", "lebanon", "beirut", "iraq",
    "baghdad", "jordan", "amman", "qatar", "doha", "riyadh", "saudi", "arabia", "gaza", "idlib",
    "aleppo", "latakia", "tartus", "tartous", "hmeimim", "khmeimim", "homs", "hama", "deir",
    "raqqa", "qamishli", "geneva", "astana", "sochi", "kazakhstan", "minsk", "crimea", "the",
    "un", "u.n.", "us", "u.s.", "eu", "west", "east", "nato", "city", "region",
}
UNNAMED_HEADS = (
    "sources?|officials?|diplomats?|spokes(?:man|woman|person|people|men|women)|insiders?|aides?|"
    "officers?|representatives?|negotiators?|analysts?|experts?|observers?|witness(?:es)?|residents?|"
    "activists?|lawmakers?|commanders?|figures?|persons?|people|members?|employees?|staffers?|"
    "advis[eo]rs?|ministers?|envoys?|ambassadors?|diplomatic sources|delegates?|deputies|MPs?"
)
_UNNAMED_RX = re.compile(
    r"(?:\b(?:a|an|one|two|three|four|several|some|other|many|the|both|these|those|two other|multiple)\s+)?"
    r"(?:[\w’'.\-]+\s+){0,5}?\b(?:" + UNNAMED_HEADS + r")\b"
    r"(?:\s+(?:close to|familiar with|with knowledge of|in|at|from|of|within|inside|who)\b[^,;:" + MASK + r"]*)?",
    re.I)
ORG_HEADS = {
    "leadership", "government", "ministry", "administration", "side", "authorities", "army",
    "military", "presidency", "embassy", "mission", "council", "committee", "delegation", "office",
    "agency", "kremlin", "statement", "readout", "team", "command", "cabinet", "parliament",
    "tv", "television", "media", "newspaper", "broadcaster", "channel", "outlet", "regime", "state",
    "coalition", "alliance", "movement", "group", "party", "staff", "bureau", "department", "ministries",
    "governments", "spokesman’s office", "leaders", "sides", "countries", "court", "secretariat",
}
TITLE_HEADS = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "ambassador", "envoy", "aide",
    "official", "chief", "head", "chairman", "leader", "adviser", "advisor", "diplomat", "commander",
    "secretary", "director", "representative", "negotiator", "deputy", "premier", "source", "officer",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_BOUNDARY_WORDS = r"(?:that|but|though|while|because|although|whereas|when|after|before|if|so|and|where|as|once|until|whom|or|then|even|meanwhile|however|also)"
_LEADING_STRIP = re.compile(
    r"^(?:(?:and|but|though|although|while|whereas|when|after|before|because|so|that|as|with|then|also|"
    r"meanwhile|however|moreover|instead|yet|even|on the other hand|in addition|separately|"
    r"for (?:his|her|their|its) part|for example|for instance|in turn|at the same time)\b[\s,]*)+", re.I)
_TRAILING_STRIP = re.compile(
    r"(?:[\s,]+(?:also|then|later|further|again|previously|earlier|recently|reportedly|repeatedly|"
    r"once|has|have|had|was|were|is|are|would|will|had|been|separately|publicly|firmly|officially|"
    r"explicitly|directly|personally|himself|herself|themselves|itself|too|however|meanwhile|"
    r"on|in|last|this|earlier this|late|early|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?|"
    r"today|yesterday|tonight|week|month|year|morning|evening|afternoon|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)(?:\s+\d{1,2})?|\d{1,2}|"
    r"(?:not|never|also|already|just|still)))+\s*$", re.I)
_PREP_START = re.compile(
    r"^(?:in|on|at|during|after|before|since|speaking|asked|according|citing|like|including|amid|"
    r"despite|following|ahead|while|when|upon|without|unlike|as|for|from|to|over|under|by|via|"
    r"through|about|earlier|later|last|this|who|which|whose|where|apparently|reportedly|"
    r"\d+|aged)\b", re.I)


# ---------------------------------------------------------------------------------------------
# data structures

@dataclass
class Speaker:
    name: str
    kind: str                      # person | org | unnamed | pronoun | definite
    role: str | None = None
    actor_id: str | None = None
    head: str | None = None        # for pronoun/definite: the word to resolve

    def key(self) -> str:
        if self.actor_id:
            return "id:" + self.actor_id
        if self.kind == "person":
            return "p:" + surname(self.name)
        return "l:" + fold_name(self.name)


@dataclass
class VerbHit:
    start: int
    end: int
    word: str
    sent: int
    subject: Speaker | None = None
    inherit: bool = False
    relayed: bool = False
    perfect: bool = False
    date: D.DateExpr | None = None
    resolved: Speaker | None = None


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    quotes: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# text structure

_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "gov", "sen", "rep", "prof", "maj",
           "capt", "adm", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "mt", "ft", "approx", "fig"}
_STORE_LINE = re.compile(r"(?m)^[ \t]*date (\d{4}-\d{2}-\d{2})\b[ \t]*")


def _mask(text: str, spans: list[QSpan]) -> str:
    chars = list(text)
    for q in spans:
        for i in range(q.open_pos, q.outer_end):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def _sentences(text: str, masked: str, spans: list[QSpan], hard_wrapped: bool) -> list[Sentence]:
    bounds: set[int] = set()
    # paragraph breaks
    rx = r"\n[ \t]*\n" if hard_wrapped else r"\n"
    for m in re.finditer(rx, masked):
        bounds.add(m.end())
    if hard_wrapped:
        for m in re.finditer(r"(?<=[.!?:\"”])[ \t]*\n", masked):
            bounds.add(m.end())
    # the store's "date YYYY-MM-DD" marker is a sentence of its own
    for m in _STORE_LINE.finditer(text):
        bounds.add(m.end())
    # sentence punctuation outside quotes
    for m in re.finditer(r"[.!?…]+(?=[\s" + MASK + r"\"“”’)]*\s+[\"“‘'«„A-Z0-9" + MASK + r"])", masked):
        i = m.start()
        word = re.search(r"([\w.’']+)$", masked[max(0, i - 20):i])
        w = word.group(1).lower() if word else ""
        if m.group(0) == "." and (w in _ABBREV or re.fullmatch(r"[a-z]", w) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w)):
            continue
        j = m.end()
        while j < len(masked) and masked[j] in "\"”’)":
            j += 1
        bounds.add(j)
    # a quote whose text ends a sentence (“… regime.” Lavrov said …) ends the sentence when the
    # next word starts a new one
    for q in spans:
        if q.close_pos is None:
            bounds.add(q.outer_end)
            continue
        inner = text[q.start:q.end].rstrip()
        if inner and inner[-1] in ".!?…":
            after = masked[q.outer_end:q.outer_end + 40]
            m = re.match(r"\s+(\S+)", after)
            if m and (m.group(1)[0] in "“\"‘«„" + MASK or m.group(1)[0].isupper()):
                bounds.add(q.outer_end)
    cuts = sorted(b for b in bounds if 0 < b < len(text))
    out: list[Sentence] = []
    prev = 0
    para = 0
    for c in cuts + [len(text)]:
        seg = text[prev:c]
        if seg.strip():
            s = prev + len(seg) - len(seg.lstrip())
            e = prev + len(seg.rstrip())
            out.append(Sentence(s, e, para))
        if "\n" in text[max(prev, c - 3):c + 1] or (c < len(text) and text[c - 1:c] == "\n"):
            para += 1
        prev = c
    # paragraph numbers: count blank lines / newlines between sentences
    para = 0
    for k, s in enumerate(out):
        if k:
            gap = text[out[k - 1].end:s.start]
            if "\n" in gap:
                para += 1
        s.para = para
    for qi, q in enumerate(spans):
        for k, s in enumerate(out):
            if s.start <= q.open_pos < s.end or (q.open_pos < s.start and q.outer_end > s.start):
                s.quotes.append(qi)
                break
    return out


_ATTR_START = re.compile(r"\s*((?:[\w’'.\-]+\s+){0,6}?)(?:" + _SPEECH_ALT + r")(?![\w-])")


def _attribution_start(after: str) -> bool:
    """True when the words after a closing quote are an attribution ("Putin said", "said Lavrov")."""
    m = _ATTR_START.match(after)
    return bool(m) and len(m.group(1).split()) <= 6


# ---------------------------------------------------------------------------------------------
# noun phrases → speakers

def _tokens(s: str) -> list[str]:
    return s.split()


def _is_cap(tok: str) -> bool:
    t = tok.strip(",;:()[]\"“”‘’'")
    if not t:
        return False
    if re.match(r"^(?:al|el|ul|ad|as|ash|bin|ibn|abu|de|da|di|van|von|der|du|la|le|bint)$", t):
        return True
    if re.match(r"^(?:al|el|ul|ad|as|ash|an|ar|at|az)[-‑][A-ZÀ-Þ]", t):
        return True
    return t[0].isupper() or (t[0].isdigit() is False and t[:1] in "ÀÁÂÄÅÇÈÉÊËÍÎÏÑÓÔÖØÚÛÜÝ")


def _plain(tok: str) -> str:
    return tok.strip(",;:()[]\"“”‘’'").lower()


def _is_title_tok(tok: str, nxt: str | None) -> bool:
    p = _plain(tok)
    p2 = re.sub(r"['’]s$", "", p)
    if p in TITLE_WORDS or p2 in TITLE_WORDS or p.rstrip(".") in TITLE_WORDS:
        return True
    if p in NATIONALITIES or p2 in PLACES:
        return True
    if re.search(r"['’]s$", p):  # possessive: "Syria’s", "Putin's"
        return True
    if nxt is not None and re.search(r"(?:ian|ean|ese|ish)$", p) and _plain(nxt) in TITLE_WORDS | NATIONALITIES:
        return True
    return False


def parse_np(chunk: str, index: ActorIndex, allow_lower_org: bool = True) -> Speaker | None:
    """A speaker from a noun phrase ("Russian Foreign Minister Sergey Lavrov", "he", "a senior
    Syrian source", "Syria’s new leadership"); None when the chunk names nobody."""
    s = chunk.replace(MASK, " ").strip()
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" ,;:—–-")
    s = _LEADING_STRIP.sub("", s).strip(" ,")
    s = _TRAILING_STRIP.sub("", s).strip(" ,")
    if not s:
        return None
    low = s.lower()
    if low in _PRONOUNS:
        return Speaker(s, "pronoun", head=low)
    toks = _tokens(s)
    if len(toks) > 16:
        toks = toks[-16:]
        s = " ".join(toks)
    # trailing capitalised sequence: a person or a named organisation
    if _is_cap(toks[-1]) and not _plain(toks[-1]) in _PRONOUNS:
        i = len(toks) - 1
        while i - 1 >= 0 and _is_cap(toks[i - 1]) and not toks[i - 1].endswith((",", ";", ":")):
            i -= 1
        seq = toks[i:]
        # role words before the sequence ("Kremlin spokesman Dmitry Peskov", "Syrian news agency Sana")
        j = i
        while j - 1 >= 0 and not toks[j - 1].endswith((",", ";", ":")) and (
                _is_cap(toks[j - 1]) or _plain(toks[j - 1]) in TITLE_WORDS | ORG_HEADS | NATIONALITIES
                or _plain(toks[j - 1]) in {"news", "state", "of", "the", "for", "and", "-", "official", "senior",
                                           "former", "deputy", "foreign", "defence", "defense", "top", "chief",
                                           "press", "first", "newspaper", "daily", "channel", "broadcaster",
                                           "outlet", "website", "agency", "television", "tv", "radio"}
                or re.search(r"['’]s$", toks[j - 1])):
            if _plain(toks[j - 1]) == "the":
                j -= 1
                break
            j -= 1
        role_toks = toks[j:i]
        # split title words off the front of the capitalised sequence
        k = 0
        while k < len(seq) - 1 and _is_title_tok(seq[k], seq[k + 1]):
            k += 1
        name_toks = seq[k:]
        role_toks = role_toks + seq[:k]
        name = " ".join(t.strip(",;:()\"“”") for t in name_toks).strip()
        name = re.sub(r"['’]s$", "", name)
        role = " ".join(role_toks).strip(" ,") or None
        if role and role.lower().startswith("the "):
            role = role[4:]
        lowered = [_plain(t) for t in name_toks]
        role_low = (role or "").lower()
        is_org = (
            lowered[-1] in ORG_WORDS or any(t in ORG_WORDS for t in lowered)
            or all(t in PLACES or t in NATIONALITIES for t in lowered)
            or (len(name_toks) == 1 and re.fullmatch(r"[A-Z0-9.\-&]{2,}", name_toks[0].strip(",.")) is not None)
            or bool(re.search(r"\b(agency|newspaper|daily|channel|broadcaster|outlet|website|television|tv|"
                              r"radio|ministry|group|company|party|station|magazine|network)\b", role_low))
        )
        aid = index.match(name, person=not is_org)
        if aid and index.kind(aid) not in (None, "person"):
            is_org = True
        if is_org:
            label = (" ".join(role_toks + name_toks) if role_toks and not role_low.startswith(("a ", "an ")) else name)
            label = re.sub(r"^(?:the|a|an)\s+", "", label.strip(" ,"), flags=re.I)
            return Speaker(label, "org", None, aid or index.match(label, person=False))
        if re.fullmatch(r"[\d.,]+", name) or not re.search(r"[A-Za-zÀ-ÿ]", name):
            return None
        return Speaker(name, "person", role, aid)
    # unnamed sources and officials
    m = None
    for m in _UNNAMED_RX.finditer(s):
        pass
    if m is not None:
        label = m.group(0).strip(" ,")
        label = re.sub(r"\s+who\b.*$", "", label)
        hm = re.search(r"\b(?:" + UNNAMED_HEADS + r")\b", label, re.I)
        dets = [d for d in re.finditer(r"\b(?:a|an|one|two|three|four|several|some|other|many|the|both|these|those|multiple)\b", label[:hm.start()] if hm else "", re.I)]
        if dets:
            label = label[dets[-1].start():]
        else:
            label = re.sub(r"^(?:(?:\d+|update|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)+", "", label, flags=re.I)
        head = re.search(r"\b(" + UNNAMED_HEADS + r")\b", label, re.I)
        words = label.split()
        if label.lower().startswith("the ") and len(words) <= 3:
            return Speaker(label, "definite", head=head.group(1).lower() if head else words[-1].lower())
        if head and head.group(1).lower().rstrip("s") in {"minister", "envoy", "ambassador", "deputie", "deputy"} \
                and label.lower().startswith("the "):
            return Speaker(label, "definite", head=head.group(1).lower())
        return Speaker(label, "unnamed", None)
    # an organisation or collective in lower case ("Syria’s new leadership", "the ministry")
    last = _plain(toks[-1])
    if allow_lower_org and last in ORG_HEADS:
        k = len(toks) - 1
        while k > 0 and len(toks) - k < 6 and not toks[k - 1].endswith((",", ";")) and _plain(toks[k - 1]) not in {
                "the", "a", "an", "with", "to", "of", "by", "from", "in", "on", "at", "for", "that", "and", "but",
                "said", "says", "told", "is", "was", "has", "have", "had", "while", "as", "its", "their", "his", "her"}:
            k -= 1
        label = " ".join(toks[k:]).strip(" ,")
        if label.lower() in {"it", "side"} or not label:
            return None
        if k > 0 and _plain(toks[k - 1]) == "the" and len(toks) - k == 1 and last in TITLE_HEADS:
            return Speaker("the " + label, "definite", head=last)
        return Speaker(label, "org", None, index.match(label, person=False))
    if len(toks) <= 3 and toks[0].lower() == "the" and last in TITLE_HEADS:
        return Speaker(s, "definite", head=last)
    return None


def _split_parts(s: str) -> list[tuple[int, str]]:
    """Comma-separated parts with their offsets."""
    parts = []
    pos = 0
    for m in re.finditer(r",", s):
        parts.append((pos, s[pos:m.start()]))
        pos = m.end()
    parts.append((pos, s[pos:]))
    return parts


def _is_parenthetical(p: str) -> bool:
    p = p.strip()
    return bool(_PREP_START.match(p)) or bool(re.fullmatch(r"[\d\s]+(?:years? old)?", p)) or p.lower().startswith(("a ", "an ")) and False


def _is_role_np(sp: Speaker | None) -> bool:
    if sp is None or sp.kind not in {"unnamed", "definite", "org"}:
        return False
    low = sp.name.lower()
    return bool(re.search(r"\b(" + "|".join(TITLE_HEADS) + r")s?\b", low)) and sp.kind != "org" or \
        bool(re.match(r"^(?:the|a|an)\b", low)) and bool(re.search(r"\b(" + "|".join(TITLE_HEADS) + r")\b", low))


def _cut_boundary(p: str) -> str:
    """The part of ``p`` after its last clause-boundary word ("though Putin's spokesman Peskov")."""
    m = None
    for m in re.finditer(r"(?:^|\s)" + _BOUNDARY_WORDS + r"\s", p, re.I):
        pass
    if m is not None:
        rest = p[m.end():]
        if rest.strip():
            return rest
    return p


def subject_before(pre: str, index: ActorIndex) -> Speaker | None:
    """The subject of a verb that follows ``pre`` (the clause text up to the verb)."""
    pre = re.sub(r"\s+", " ", pre)
    # cut at hard boundaries
    cut = max(pre.rfind(c) for c in [MASK, ";", ":", "(", ")", "—", "–", "\u2014", " - "])
    if cut >= 0:
        pre = pre[cut + 1:]
    parts = _split_parts(pre)
    idx = len(parts) - 1
    first = True
    while idx >= 0:
        _, p = parts[idx]
        p0 = p.strip()
        if not p0:
            idx -= 1
            first = False
            continue
        if not first and _is_parenthetical(p0):
            idx -= 1
            continue
        if not first and re.search(r"\b(?:who|which)\b", p0) and not _is_cap(p0.split()[0]):
            idx -= 1
            continue
        sp = parse_np(_cut_boundary(p0), index)
        if sp is None:
            return None
        # appositives: "Dmitry Peskov, the Kremlin spokesman," / "the deputy chairman, Dmitry Novikov,"
        if _is_role_np(sp) and idx > 0:
            prev = parse_np(_cut_boundary(parts[idx - 1][1].strip()), index)
            if prev is not None and prev.kind == "person":
                prev.role = prev.role or re.sub(r"^(?:the|a|an)\s+", "", sp.name, flags=re.I)
                return prev
        if sp.kind == "person" and idx > 0 and not sp.role:
            prev_p = parts[idx - 1][1].strip()
            prev = parse_np(prev_p, index) if prev_p else None
            if _is_role_np(prev) or (prev is not None and prev.kind == "definite") or re.match(
                    r"(?:the|a|an)\s+(?:\w+\s+){0,4}(?:" + "|".join(TITLE_HEADS) + r")\b", prev_p, re.I):
                sp.role = re.sub(r"^(?:the|a|an)\s+", "", _cut_boundary(prev_p).strip(), flags=re.I)
        return sp
    return None


def subject_after(post: str, index: ActorIndex) -> Speaker | None:
    """The speaker named after an inverted verb ("said Dmitry Peskov, the Kremlin spokesman")."""
    post = re.sub(r"\s+", " ", post)
    cut = min([i for i in (post.find(c) for c in [MASK, ";", ":", ".", "(", "—", "–"]) if i >= 0] + [len(post)])
    post = post[:cut]
    parts = _split_parts(post)
    first = parts[0][1]
    first = re.split(r"\s+(?:on|in|at|during|after|before|to|told|when|while|as|who|adding|saying)\s+", first)[0]
    sp = parse_np(first, index)
    if sp is not None and sp.kind == "person" and len(parts) > 1:
        nxt = parse_np(parts[1][1], index)
        if _is_role_np(nxt):
            sp.role = sp.role or re.sub(r"^(?:the|a|an)\s+", "", nxt.name, flags=re.I)
    return sp


# ---------------------------------------------------------------------------------------------
# verbs in sentences

def _find_verbs(masked: str, sent: Sentence, si: int) -> list[VerbHit]:
    seg = masked[sent.start:sent.end]
    hits = []
    for m in _SPEECH_RX.finditer(seg):
        w = m.group(1)
        base = SPEECH_WORDS.get(re.sub(r"\s+", " ", w), w)
        before = seg[:m.start()]
        prev_word = re.search(r"([\w’']+)\s*$", before)
        pw = prev_word.group(1).lower() if prev_word else ""
        if pw in {"a", "an", "the", "his", "her", "their", "its", "this", "that", "phone", "whose", "our",
                  "my", "your", "these", "those", "such", "of"} and not w.endswith("ing"):
            continue
        if w.lower() in ("speaking", "spoke") and not re.match(r"\s+(?:to|with)\s+(?:reporters|journalists|the media|the press)", seg[m.end():]):
            continue
        if w == "according to" and False:
            continue
        if base == "ask" and w.lower().endswith("ed") and re.match(r"^\s*(?:if|whether|about|to)\b", seg[m.end():]) and not before.strip():
            continue  # "Asked if …" opens a question, the answer's verb follows
        hits.append(VerbHit(sent.start + m.start(), sent.start + m.end(), re.sub(r"\s+", " ", w).lower(), si))
    return hits


def _analyse_verb(text: str, masked: str, sent: Sentence, hit: VerbHit, index: ActorIndex,
                  prev_hits: list[VerbHit]) -> None:
    """Fill ``hit.subject`` (or ``hit.inherit``), ``relayed`` and ``perfect``."""
    s0 = sent.start
    pre = masked[s0:hit.start]
    post = masked[hit.end:sent.end]
    w = hit.word
    # according to X
    if w in ("according to", "citing", "quoting") and not re.match(r"\s*(?:him|her|them|it)\b", post):
        np_ = re.split(r"[,;." + MASK + r"]", post, maxsplit=1)[0]
        parts = re.split(r"\b(?:from|by|obtained by|released by|issued by|cited by|quoted by)\b", np_)
        cand = parts[-1] if parts[-1].strip() else np_
        hit.subject = parse_np(cand, index) or parse_np(np_, index)
        hit.relayed = True
        return
    # "X reported Y as telling …", "the TV quoted Assad as saying"
    if w in ("quoted", "reported", "cited") or w.startswith("quot"):
        m = re.match(r"\s+(?P<np>[^" + MASK + r";:.]{2,150}?)\s*,?\s+as\s+(?:saying|telling|stating|adding|writing|asserting|declaring)\b", post)
        if m and not re.match(r"\s*(?:as|by)\b", post):
            sp = subject_after(m.group("np"), index)
            if sp is not None:
                hit.subject = sp
                hit.relayed = True
                return
    if w == "quoting":
        hit.relayed = True
    # passive with agent: "was described by the White House as"
    if re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", pre) and w.endswith("ed"):
        m = re.match(r"\s+by\s+(?P<np>[^," + MASK + r";:.]+?)(?=\s+as\b|\s+to\b|,|\.|;|$|" + MASK + ")", post)
        if m:
            hit.subject = parse_np(m.group("np"), index)
            hit.perfect = True
            return
        if re.search(r"\bwas\s+quoted\s*$", pre + w) or w == "quoted":
            hit.relayed = True
    if re.search(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|not\s+|never\s+|long\s+)*$", pre):
        hit.perfect = True
    # participles and coordinated verbs take the subject of the verb before them
    stripped = pre.rstrip()
    if w.endswith("ing") and (stripped.endswith((",", MASK)) or re.search(r"\b(?:and|while|before|after|by|when|also)$", stripped)
                              or not stripped):
        hit.inherit = True
        return
    if re.search(r"(?:^|[\s,])(?:and|or|but)(?:\s+(?:also|then|later|further|again|(?:on\s+)?\w+day|today|yesterday))*$", stripped):
        hit.inherit = True
        return
    # inversion: "…,” said Dmitry Peskov" / "said the spokesperson"
    if w in ("said", "says", "added", "continued", "wrote", "asked", "told", "explained", "noted", "stressed",
             "insisted", "argued", "warned", "declared", "replied", "responded", "remarked", "recalled") \
            and (not stripped or stripped.endswith((MASK, ",")) or re.search(MASK + r"[,.!?]?\s*$", stripped)):
        use_after = True
        if stripped.endswith(",") and not stripped.rstrip(",").endswith(MASK):
            # "Zakharova, the spokeswoman, said" (appositive) vs "Russia will stay, said Peskov" (inversion)
            last_part = stripped.rstrip(",").split(",")[-1]
            cut = max(last_part.rfind(c) for c in [MASK, ";", ":", "(", ")", "—", "–"])
            last_part = last_part[cut + 1:]
            if not _FINITE.search(last_part) and subject_before(pre, index) is not None:
                use_after = False
        sp = subject_after(post, index) if use_after else None
        if sp is not None and sp.kind != "pronoun":
            hit.subject = sp
            return
    # relative clause: "Trump, who on Tuesday praised"
    pre_c = _TRAILING_STRIP.sub("", pre.rstrip())
    m = re.search(r"[,]?\s*\bwho\s*$", pre_c)
    if m:
        hit.subject = subject_before(pre_c[:m.start()], index)
        return
    sp = subject_before(pre_c, index)
    if sp is None and not pre_c.strip(" ," + MASK):
        hit.inherit = True
        return
    hit.subject = sp


def _resolve(sp: Speaker | None, pos: int, history: list[tuple[int, Speaker]],
             persons: list[tuple[int, Speaker]]) -> Speaker | None:
    """Resolve pronouns and "the spokesman"-style definites to the nearest fitting speaker before."""
    if sp is None:
        return None
    if sp.kind == "pronoun":
        h = sp.head
        if h in ("he", "she"):
            cands = [(p, s) for p, s in history if p < pos and s.kind == "person"]
            cands += [(p, s) for p, s in persons if p < pos and getattr(s, "head", None) == "subject"]
            if cands:
                return max(cands, key=lambda x: x[0])[1]
            for p, s in reversed(persons):
                if p < pos:
                    return s
            return None
        if h == "it":
            for p, s in reversed(history):
                if p < pos and s.kind == "org":
                    return s
            return None
        if h == "they":
            for p, s in reversed(history):
                if p < pos and (s.kind == "unnamed" and re.search(r"s\b", s.name.split("(")[0].strip()) or s.kind == "org"):
                    return s
            return None
        return None  # "we", "I" outside quotes: no reliable antecedent
    if sp.kind == "definite":
        head = (sp.head or "").lower()
        stem = re.sub(r"(?:man|woman|person|men|women|people)$", "", head).rstrip("s")
        for p, s in reversed(history):
            if p >= pos:
                continue
            hay = f"{s.name} {s.role or ''}".lower()
            if stem and re.search(r"\b" + re.escape(stem), hay):
                return s
        if re.match(r"(?:source|official|diplomat|spokes|insider|aide|officer|analyst|expert|observer|witness|resident|activist|member)", head):
            return Speaker(sp.name, "unnamed")
        for p, s in reversed(history):
            if p < pos and s.kind == "person":
                return s
        return Speaker(sp.name, "unnamed")
    return sp


_VERBISH = re.compile(
    r"(?:is|was|were|are|has|have|had|will|would|could|should|can|may|might|must|also|then|later|"
    r"said|says|told|tells|spoke|met|went|came|made|took|gave|held|left|sent|saw|began|won|led|did|does|"
    r"\w+ed|\w+[^s]s)$")


def _leading_subject(seg: str, index: ActorIndex) -> Speaker | None:
    """The person a sentence opens with ("Putin spoke …", "Syrian President Ahmed al-Sharaa met …")."""
    toks = seg.split()
    k = 0
    while k < len(toks) and k < 7 and (_is_cap(toks[k]) or re.match(r"(?:al|el|bin|abu)$", toks[k])):
        if toks[k].endswith((",", ";", ":")):
            k += 1
            break
        k += 1
    if k == 0 or k >= len(toks):
        return None
    nxt = toks[k].strip(",.;:").lower()
    if nxt in {"this", "its", "as", "us", "his", "plus", "thus", "bus", "news", "gas"} or not _VERBISH.match(nxt):
        return None
    sp = parse_np(" ".join(toks[:k]), index, allow_lower_org=False)
    if sp is None or sp.kind != "person" or _plain(sp.name) in _PRONOUNS:
        return None
    return Speaker(sp.name, "person", sp.role, sp.actor_id, head="subject")


def _full_name(sp: Speaker, person_names: list[str], index: ActorIndex, roles: dict[str, str]) -> Speaker:
    """Expand a surname ("Lavrov") to the fullest form the text uses ("Sergey Lavrov"); prefer the
    actor list's canonical name when the speaker matches an actor."""
    if sp.kind != "person":
        return sp
    sn = surname(sp.name)
    if len(sp.name.split()) == 1:
        for n in person_names:
            if surname(n) == sn and 1 < len(n.split()) <= 4:
                sp.name = n
                break
    if not sp.role:
        sp.role = roles.get(sn)
    if sp.actor_id is None:
        sp.actor_id = index.match(sp.name)
    return sp


# ---------------------------------------------------------------------------------------------
# dates

_EXCLUDE_BEFORE_DATE = re.compile(r"\b(?:since|until|till|before|after|by|from|through|ahead of|until|next|coming|starting)\s+(?:\w+\s+){0,1}$", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|did|does|do)\b|\b\w{3,}ed\b", re.I)


def _clause_dates(masked: str, sent: Sentence, hit: VerbHit, sdates: list[D.DateExpr]) -> D.DateExpr | None:
    """A date expression in the clause of ``hit`` (same comma part, or a sentence-opening adverbial)."""
    seg = masked[sent.start:sent.end]
    commas = [sent.start + m.start() for m in re.finditer(r"[,;]|\s[—–]\s", seg)]
    lo = max([c for c in commas if c < hit.start] + [sent.start])
    hi = min([c for c in commas if c >= hit.end] + [sent.end])
    first_hi = min(commas + [sent.end])
    intro = masked[sent.start:first_hi]
    intro_ok = first_hi <= hit.start and not _FINITE.search(intro.replace(MASK, " ")) and len(intro.split()) <= 14
    best = None
    for d in sdates:
        if d.future or d.precision == "year" or d.date is None and d.precision is None:
            continue
        if _EXCLUDE_BEFORE_DATE.search(masked[max(sent.start, d.start - 25):d.start]):
            continue
        if re.search(r"^\s*(?:['’]s)?\s*(?:meeting|talks|summit|visit|call|session)s?\b", masked[d.end:d.end + 12]) and d.kind == "weekday" and d.start > hit.end:
            continue
        inside = lo <= d.start and d.end <= hi
        in_intro = intro_ok and sent.start <= d.start and d.end <= first_hi
        if not inside and not in_intro:
            plo = max([c for c in commas if c < d.start] + [sent.start])
            phi = min([c for c in commas if c >= d.end] + [sent.end])
            part = masked[plo:phi].strip(" ,;.\n")
            rest = (part.replace(d.text, "", 1)).strip(" ,;.")
            if re.fullmatch(r"(?:on|in|at|earlier|late|early|this|last|since)?\s*", rest, re.I) and (phi >= hit.start - 2 and plo <= hit.end + 40):
                inside = True
        if not (inside or in_intro):
            continue
        dist = min(abs(d.start - hit.end), abs(hit.start - d.end))
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best else None


def _lead_date(text: str, masked: str, sentences: list[Sentence], all_dates: list[D.DateExpr],
               ref: str | None) -> tuple[str, str] | None:
    """The first day-precision date of a reported happening (not a dateline, byline or caption)."""
    for d in all_dates:
        if d.precision != "day" or d.date is None or d.future:
            continue
        if ref and d.date > ref:
            continue
        if d.kind == "explicit" and ref and d.date == ref:
            continue  # datelines and bylines repeat the publication date
        sent = next((s for s in sentences if s.start <= d.start < s.end), None)
        if sent is None:
            continue
        seg = masked[sent.start:sent.end].replace(MASK, " ")
        if re.match(r"^[A-Z][A-Z .,'’\-]{2,},?\s*$", masked[sent.start:d.start]):
            continue  # dateline "UNITED NATIONS, Dec 10"
        if not (_FINITE.search(seg) or _SPEECH_RX.search(seg) or re.search(
                r"\b(?:met|meet|meets|visit|visits|arrive|arrives|held|holds|hold|signs?|said|says|told|"
                r"began|begins|came|comes|went|spoke|made|took|gave|sent|left|won|fled|struck)\b", seg)):
            continue
        return d.date, d.precision
    return None


# ---------------------------------------------------------------------------------------------
# topics and events

TOPIC_RULES: list[tuple[str, str]] = [
    ("bases", r"\b(?:bases?|airbase|air base|naval (?:base|facility|port)|hmeimim|khmeimim|tartus|tartous|"
              r"qamishli|military presence|military facilit\w*|deployments?|presence of (?:our|russian|foreign) (?:soldiers|troops|forces)|"
              r"foreign (?:military )?presence|withdraw\w*|troops)\b"),
    ("sanctions-unsc", r"\b(?:sanctions?|security council|unsc|veto\w*|resolutions?|delist\w*|embargo)\b"),
    ("reconstruction", r"\b(?:reconstruct\w*|rebuild\w*|investment\w*|infrastructure|projects?|ports?|"
                       r"economic (?:cooperation|development|projects?)|contracts?|recovery)\b"),
    ("energy-trade", r"\b(?:oil|gas|fuel|wheat|grain|trade|exports?|imports?|energy|phosphates?|shipments?)\b"),
    ("currency-finance", r"\b(?:currency|banknotes?|goznak|debts?|banks?|central bank|payments?|financ\w*|"
                         r"loans?|rubles?|roubles?|lira|funds?|frozen)\b"),
    ("arms-army", r"\b(?:arms|weapons?|army|military advisers?|training|air defen[cs]e|armed forces|"
                  r"armed factions|military cooperation|defen[cs]e ministry|warplanes?|missiles?)\b"),
    ("security-intelligence", r"\b(?:security|intelligence|terror\w*|attacks?|patrols?|military police|isis|"
                              r"daesh|provocations?|strikes?|violence|bloodshed|de-escalation|cease ?fire|"
                              r"threats?|stabili[sz]\w*|stability|posts?)\b"),
    ("assad-legacy", r"\b(?:assad|asylum|hand(?:ing)? (?:him )?over|handover|extradit\w*|previous regime|"
                     r"former regime|compensation|past mistakes|shelter\w*|poison\w*|ousted|toppled|war phase)\b"),
    ("humanitarian", r"\b(?:humanitarian|civilians?|aid|refugees?|displaced|casualties|victims|needy)\b"),
    ("diplomacy", r"\b(?:relations?|relationship|visits?|talks|dialogue|cooperation|partnership|sovereignty|"
                  r"territorial integrity|diplomat\w*|summit|meeting|negotiat\w*|political (?:process|settlement)|"
                  r"ties|elections?|interstate|bilateral|unity|new page|mediator|integrity)\b"),
]


def topics_for(text: str) -> list[str]:
    low = text.lower()
    out = [tid for tid, rx in TOPIC_RULES if re.search(rx, low)]
    return out or ["diplomacy"]


_EVENT_VERBS = re.compile(
    r"\b(?:visit\w*|meet|meets|met|meeting|sign\w*|arriv\w*|withdr[ae]w\w*|call(?:ed|s)?|held|hold\w*|"
    r"talks|announc\w*|launch\w*|deploy\w*|strik\w*|struck|veto\w*|vot\w*|elect\w*|toppl\w*|oust\w*|"
    r"fled|flee\w*|agree\w*|attack\w*|patrol\w*|conduct\w*|travel\w*|host\w*|receiv\w*|open\w*|"
    r"clos\w*|began|begin\w*|start\w*|end\w*|join\w*|sent|send\w*|deliver\w*|return\w*|left|leave\w*|"
    r"captur\w*|seiz\w*|kill\w*|bomb\w*|interven\w*|establish\w*|suspend\w*|terminat\w*|adopt\w*|"
    r"approv\w*|reject\w*|discuss\w*|urg\w*|said|says|told|spoke|reported|praised|monitor\w*|"
    r"took|take\w*|made|summit|ceremony|conference|deal|accord)\b", re.I)


# ---------------------------------------------------------------------------------------------
# the extractor

def _word_count(s: str) -> int:
    return len(re.findall(r"[\w’'\-]+", s))


def _is_title_case_label(q: str) -> bool:
    words = re.findall(r"[\w’'\-.]+", q)
    if not words or len(words) > 4:
        return False
    small = {"of", "the", "and", "in", "for", "to", "a", "an", "on", "al", "de"}
    return all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in words) and any(w[0].isupper() for w in words)


_SCARE_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|known as|titled|entitled|named|the (?:word|term|phrase|slogan|hashtag|label|name|title)|"
    r"about|headlined|marked|branded as|referred to as)\s*$", re.I)


def extract(article: Article, actors: list[dict] | None = None) -> dict:
    """Statements, events and actors found in ``article`` (see the module docstring)."""
    text = article.text
    index = ActorIndex(actors)
    published = D.to_date(article.published)
    ref_iso: str | None = published.isoformat() if published else None
    if ref_iso is None:
        m = _STORE_LINE.search(text)
        ref_iso = m.group(1) if m else D.first_full_date(text)

    hw = is_hard_wrapped(text)
    spans = find_quotes(text)
    masked = _mask(text, spans)
    sentences = _sentences(text, masked, spans, hw)
    all_dates = [d for d in D.find_dates(masked, ref_iso)]
    sent_of_pos = {}

    def sent_index(pos: int) -> int:
        if pos in sent_of_pos:
            return sent_of_pos[pos]
        for k, s in enumerate(sentences):
            if s.start <= pos < s.end:
                sent_of_pos[pos] = k
                return k
        best = min(range(len(sentences)), key=lambda k: abs(sentences[k].start - pos)) if sentences else -1
        sent_of_pos[pos] = best
        return best

    # person names mentioned anywhere (for surname expansion and the pronoun fallback)
    person_mentions: list[tuple[int, Speaker]] = []
    for m in re.finditer(r"(?:(?<=\s)|^)((?:[A-ZÀ-Þ][\w’'\-.]+|(?:al|el)-[A-Z][\w’'\-]+)(?:[ \t]+(?:[A-ZÀ-Þ][\w’'\-]+|(?:al|el|bin|abu|Abu|Al)[- \t]?[A-Z][\w’'\-]*)){1,5})", masked):
        sp = parse_np(m.group(1), index, allow_lower_org=False)
        if sp is not None and sp.kind == "person" and len(sp.name.split()) >= 2:
            person_mentions.append((m.start(1) + m.group(1).find(sp.name.split()[0]), sp))
    for a, b, aid in index.find_mentions(text):
        if index.kind(aid) in (None, "person"):
            person_mentions.append((a, Speaker(index.name(aid), "person", None, aid)))
    person_mentions.sort(key=lambda x: x[0])
    person_names = [s.name for _, s in person_mentions]
    roles: dict[str, str] = {}
    for _, s in person_mentions:
        if s.role and re.search(r"[a-z]", s.role) and surname(s.name) not in roles:
            roles[surname(s.name)] = s.role

    # speech verbs, their subjects and dates, in text order
    hits: list[VerbHit] = []
    history: list[tuple[int, Speaker]] = []
    sent_dates: dict[int, list[D.DateExpr]] = {}
    for si, sent in enumerate(sentences):
        lead_np = _leading_subject(masked[sent.start:sent.end], index)
        if lead_np is not None:
            person_mentions.append((sent.start, lead_np))
            person_mentions.sort(key=lambda x: x[0])
        sdates = [d for d in all_dates if sent.start <= d.start < sent.end]
        sent_dates[si] = sdates
        shits = _find_verbs(masked, sent, si)
        for h in shits:
            _analyse_verb(text, masked, sent, h, index, [x for x in shits if x.start < h.start])
            if h.inherit:
                prior = [x for x in shits if x.start < h.start and x.resolved is not None]
                h.resolved = prior[-1].resolved if prior else None
                if h.resolved is None:
                    # the sentence's subject, when the sentence opens with one
                    h.resolved = _resolve(subject_before(masked[sent.start:h.start].split(",")[0], index), h.start, history, person_mentions) \
                        if False else None
            else:
                h.resolved = _resolve(h.subject, h.start, history, person_mentions)
            if h.resolved is not None:
                h.resolved = _full_name(h.resolved, person_names, index, roles)
                if h.resolved.kind == "person" and h.resolved.role:
                    roles.setdefault(surname(h.resolved.name), h.resolved.role)
                history.append((h.start, h.resolved))
            h.date = _clause_dates(masked, sent, h, sdates)
            if h.date is None and h.inherit:
                prior = [x for x in shits if x.start < h.start and x.date is not None]
                if prior:
                    h.date = prior[-1].date
        hits.extend(shits)

    speaker_dates: dict[str, list[tuple[int, D.DateExpr]]] = {}
    for h in hits:
        if h.resolved is not None and h.date is not None and h.date.date:
            speaker_dates.setdefault(h.resolved.key(), []).append((h.start, h.date))
    lead = _lead_date(text, masked, sentences, all_dates, ref_iso)

    # quotes → statements
    raw: list[dict] = []
    for qi, q in enumerate(spans):
        si = sent_index(q.open_pos)
        if si < 0:
            continue
        sent = sentences[si]
        qtext = text[q.start:q.end]
        shits = [h for h in hits if h.sent == si]
        how = None
        hit = None
        # 1. attribution right after the quote
        for h in shits:
            if h.start < q.outer_end or h.word == "according to":
                continue
            between = masked[q.outer_end:h.start]
            if MASK in between or "." in between.replace("U.N.", "").replace("U.S.", ""):
                break
            b = between.strip(" ,;:—–-\n")
            if not b or (_word_count(b) <= 14 and (b[0].isupper() or re.match(r"(?:the|a|an|one|two|he|she|it|they|we|its|his|her|several|some|senior|state|his)\b", b, re.I))):
                hit, how = h, "after"
            break
        # 2. the last speech verb before the quote in its sentence
        if hit is None:
            before = [h for h in shits if h.end <= q.open_pos and h.word != "according to"]
            if before:
                hit, how = before[-1], "before"
        # 3. a speech verb later in the sentence
        if hit is None:
            after = [h for h in shits if h.start >= q.outer_end and h.word != "according to"]
            if after:
                hit, how = after[0], "later"
        # 4. "according to X" in the sentence
        if hit is None or (hit.resolved is None and not hit.inherit):
            acc = [h for h in shits if h.word == "according to" and h.resolved is not None]
            if acc:
                hit, how = acc[0], "according"
        speaker = hit.resolved if hit is not None else None
        relayed = bool(hit and hit.relayed) or any(h.relayed for h in shits) or bool(
            re.search(r"\baccording to\b|\bquoted\b.*\bas (?:saying|telling)\b|\bquoting\b|"
                      r"\b(?:message|letter|statement|telegram|cable|address|remarks)\b[^.]{0,60}?\b(?:read (?:out )?by|"
                      r"delivered by|conveyed by|passed on by|relayed by|read out on behalf)\b",
                      masked[sent.start:sent.end], re.I))
        # 5. a bare attribution sentence right after ("“…” Putin said.")
        if speaker is None and si + 1 < len(sentences):
            nxt = sentences[si + 1]
            if not nxt.quotes and _word_count(text[nxt.start:nxt.end]) <= 10:
                nh = [h for h in hits if h.sent == si + 1 and h.resolved is not None]
                if nh:
                    hit, how, speaker = nh[0], "next", nh[0].resolved
        # 6. continuation of the quote before (same or previous sentence, or a reopened paragraph)
        cont = None
        if speaker is None and q.continued:
            how = "reopened"
        elif speaker is None and raw:
            p = raw[-1]
            psi = p["_sent"]
            gap_ok = si - psi <= 1 or (si - psi == 2 and not any(
                h.resolved for h in hits if h.sent == si - 1))
            if gap_ok and p["speaker_obj"] is not None:
                cont = p
                speaker = p["speaker_obj"]
                how = "continued"
                relayed = relayed or p["relayed"]

        words = _word_count(qtext)
        pre_q = masked[max(sent.start, q.open_pos - 40):q.open_pos]
        strong = how in ("after", "before", "later", "according") and speaker is not None
        # scare quotes, names and titles
        if how != "after" and _SCARE_BEFORE.search(pre_q):
            continue
        if _is_title_case_label(qtext.rstrip(".,;:!?")) and how != "after":
            continue
        if words <= 3:
            if not strong or (hit is not None and hit.word.split()[0] in _WEAK_VERBS and how != "after"):
                continue
        elif speaker is None and how != "reopened":
            if words < 6 or not (qtext[:1].isupper() or qtext[:1] in "…["):
                continue

        # said_on
        said_on = prec = None
        if cont is not None:
            said_on, prec = cont["said_on"], cont["said_on_precision"]
        elif hit is not None:
            d = hit.date
            if d is not None and d.date:
                said_on, prec = d.date, d.precision
            elif not hit.perfect:
                cands = speaker_dates.get(speaker.key(), []) if speaker is not None else []
                rank = {"day": 0, "week": 1, "month": 2}
                cands = [c for c in cands if c[1].precision in rank]
                if cands:
                    cands.sort(key=lambda c: (rank[c[1].precision], 0 if c[0] <= q.open_pos else 1,
                                              abs(c[0] - q.open_pos)))
                    said_on, prec = cands[0][1].date, cands[0][1].precision
                elif lead is not None:
                    said_on, prec = lead
                elif published is not None:
                    said_on, prec = published.isoformat(), "day"
        context = text[sent.start:sent.end]
        conf = {"after": 0.9, "before": 0.85, "later": 0.7, "according": 0.7, "next": 0.7,
                "continued": 0.7, "reopened": 0.6}.get(how or "", 0.3)
        if speaker is not None and speaker.kind in ("unnamed",):
            conf -= 0.05
        raw.append({
            "text": qtext, "start": q.start, "end": q.end, "speaker_obj": speaker,
            "said_on": said_on, "said_on_precision": prec if said_on else None,
            "relayed": relayed, "confidence": round(max(conf, 0.1), 2), "topics": topics_for(qtext + " " + context),
            "_sent": si, "_how": how, "_q": qi,
        })

    # reopened multi-paragraph parts take the speaker of the part that follows
    for k in range(len(raw) - 1, -1, -1):
        r = raw[k]
        if r["speaker_obj"] is None and r["_how"] == "reopened" and k + 1 < len(raw):
            nxt = raw[k + 1]
            r["speaker_obj"] = nxt["speaker_obj"]
            r["said_on"], r["said_on_precision"] = nxt["said_on"], nxt["said_on_precision"]
            r["relayed"] = nxt["relayed"]

    statements = []
    seen: set[str] = set()
    for r in raw:
        key = re.sub(r"\W+", " ", r["text"].lower()).strip()
        if key in seen:
            continue
        seen.add(key)
        sp: Speaker | None = r["speaker_obj"]
        name = role = sid = None
        if sp is not None:
            name, role, sid = sp.name, sp.role, sp.actor_id
            if sp.kind == "unnamed":
                sid = None
                if not re.search(r"unnamed|anonymous", name, re.I):
                    name = f"{name} (unnamed)"
        statements.append({
            "text": r["text"], "speaker": name, "speaker_id": sid, "speaker_role": role,
            "said_on": r["said_on"], "said_on_precision": r["said_on_precision"],
            "confidence": r["confidence"], "start": r["start"], "end": r["end"],
            "topics": r["topics"], "relayed": r["relayed"],
        })

    events = _events(text, masked, sentences, all_dates, index)
    actors_out = _actors(text, index, hits, statements)
    label = article.path or "the text"
    return {
        "source": {"url": article.url, "publisher": article.publisher, "published": article.published},
        "statements": statements,
        "events": events,
        "actors": actors_out,
        "message": None if statements else f"No quotations found in {label}.",
    }


def _events(text: str, masked: str, sentences: list[Sentence], all_dates: list[D.DateExpr],
            index: ActorIndex) -> list[dict]:
    out = []
    seen = set()
    mentions = index.find_mentions(text)
    for s in sentences:
        ds = [d for d in all_dates if s.start <= d.start < s.end and d.date]
        if not ds:
            continue
        seg = masked[s.start:s.end]
        if not _EVENT_VERBS.search(seg.replace(MASK, " ")):
            continue
        if _word_count(seg.replace(MASK, " ")) < 5:
            continue
        ds = [d for d in ds if not re.match(r"^[A-Z][A-Z .,'’\-]{2,},?\s*$", masked[s.start:d.start])] or ds
        verbs = [s.start + m.start() for m in _EVENT_VERBS.finditer(seg.replace(MASK, " "))]
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        d = sorted(ds, key=lambda x: (rank.get(x.precision or "year", 4) >= 3,
                                      min(abs(v - x.start) for v in verbs), x.start))[0]
        sentence = re.sub(r"\s+", " ", text[s.start:s.end]).strip()
        sentence = _STORE_LINE.sub("", sentence).strip()
        if sentence in seen:
            continue
        seen.add(sentence)
        acts = []
        for a, b, aid in mentions:
            if s.start <= a < s.end and aid not in acts:
                acts.append(aid)
        out.append({"date": d.date, "date_precision": d.precision, "text": sentence, "actors": acts})
    return out


def _actors(text: str, index: ActorIndex, hits: list[VerbHit], statements: list[dict]) -> list[dict]:
    out: list[dict] = []
    seen_ids: set[str] = set()
    seen_names: set[str] = set()
    for a, b, aid in index.find_mentions(text):
        if aid not in seen_ids:
            seen_ids.add(aid)
            out.append({"name": index.name(aid), "actor_id": aid})
            seen_names.add(surname(index.name(aid)))
    for h in hits:
        sp = h.resolved
        if sp is None or sp.kind != "person" or sp.actor_id:
            continue
        sn = surname(sp.name)
        if sn in seen_names:
            continue
        seen_names.add(sn)
        out.append({"name": sp.name, "actor_id": None})
    return out
