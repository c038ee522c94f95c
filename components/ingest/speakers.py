"""The speaker stage: pronouns ("he", "он") and titles ("the minister", "пресс-секретарь",
"وزير الخارجية السوري") resolved to the nearest fitting speaker or named person before them;
surnames expanded to the fullest name the text uses; actors matched through the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from components.ingest import lexicon as L
from components.ingest.gazetteer import Gazetteer
from components.ingest.lexicon_institutions import EN_GENERIC_INSTITUTIONS
from components.ingest.model import MASK, Speaker
from components.textnorm import fold, surname_key

_SOURCE_HEADS = re.compile(r"(?:source|official|diplomat|spokes|insider|aide|officer|analyst|expert|observer|witness|"
                           r"resident|activist|member)")


@dataclass
class Context:
    """What the speaker stage knows at a position: speakers so far and people named so far."""

    gaz: Gazetteer
    lang: str
    history: list[tuple[int, Speaker]] = field(default_factory=list)
    persons: list[tuple[int, Speaker]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    text: str = ""   # the masked article text, for back references to institutions named earlier


def title_heads(role: str | None, lang: str) -> set[str]:
    """English title heads a role text contains ("глава МИД" → {"foreign minister", "head"})."""
    if not role:
        return set()
    low = fold(role)
    heads = {v for k, v in L.lexicon(lang).title_heads.items() if re.search(r"(?<!\w)" + re.escape(k), low)}
    return heads | {w for w in re.findall(r"\w+", low) if w in L.EN_TITLE_HEADS}


def _family(head: str) -> set[str]:
    out = {head}
    for fam in L.TITLE_FAMILIES:
        if head in fam:
            out |= fam
    return out


def _fits_title(sp: Speaker, head: str, country: str | None, ctx: Context) -> bool:
    if sp.kind != "person":
        return False
    if head not in ("minister", "head") and len(_family(head)) > 1:
        return any(_fits_one(sp, h, country, ctx) for h in _family(head))
    return _fits_one(sp, head, country, ctx)


def _fits_one(sp: Speaker, head: str, country: str | None, ctx: Context) -> bool:
    if country and sp.actor_id and ctx.gaz.country(sp.actor_id) not in (None, country):
        return False
    stem = re.sub(r"(?:man|woman|person|men|women|people)$", "", head).rstrip("s")
    hay = f"{sp.name} {sp.role or ''}".lower()
    return bool(stem and re.search(r"\b" + re.escape(stem), hay)) or any(
        h.startswith(stem) or stem in h for h in title_heads(sp.role, ctx.lang)) or (
        bool(sp.actor_id) and ctx.gaz.has_title(sp.actor_id, head))


def _resolve_title(sp: Speaker, pos: int, ctx: Context) -> tuple[Speaker | None, str]:
    head = (sp.head or "").lower()
    for _p, s in reversed([x for x in ctx.history if x[0] < pos]):
        if _fits_title(s, head, sp.country, ctx) or (s.kind != "person" and head in s.name.lower()):
            return s, f"title '{sp.name}' → the last speaker with that title ({s.name})"
    for _p, s in reversed([x for x in ctx.persons if x[0] < pos]):
        if _fits_title(s, head, sp.country, ctx):
            return s, f"title '{sp.name}' → the last person named with that title ({s.name})"
    back = _named_just_before(sp, head, pos, ctx)
    if back is not None:
        return back, f"'{sp.name}' → the person of that country named just before it ({back.name})"
    if _SOURCE_HEADS.match(head) and ctx.lang == "en":
        return Speaker(sp.name, "unnamed"), f"'{sp.name}' names no one earlier: an unnamed source"
    for _p, s in reversed(ctx.history):
        if _p < pos and s.kind == "person" and (not sp.country or ctx.gaz.country(s.actor_id) in (None, sp.country)):
            return s, f"'{sp.name}' → the last named speaker ({s.name})"
    for _p, s in ctx.persons:
        if pos < _p < pos + 400 and s.actor_id and ctx.gaz.has_title(s.actor_id, head):
            return s, f"title '{sp.name}' → the person with that title named just after it ({s.name})"
    return Speaker(sp.name, "unnamed", sp.role), f"title '{sp.name}' names no one earlier: kept as a label"


def _named_just_before(sp: Speaker, head: str, pos: int, ctx: Context) -> Speaker | None:
    """"Lavrov met … ¶ “…,” the Russian diplomat said": a definite descriptor ("the diplomat", "the
    official", "الدبلوماسي الروسي") right after a named person of its country is that person; "a
    diplomat" is unnamed."""
    definite = sp.name.lower().startswith("the ") if ctx.lang == "en" else ctx.lang == "ar"   # ar: "الدبلوماسي"
    if head not in L.EN_BACK_REFERENCE_HEADS or not definite:
        return None
    near = [(p, s) for p, s in ctx.history + ctx.persons if pos - 400 < p < pos and s.kind == "person"
            and (not sp.country or ctx.gaz.country(s.actor_id) in (None, sp.country))]
    return max(near, key=lambda x: x[0])[1] if near else None


def _resolve_pronoun(sp: Speaker, pos: int, ctx: Context) -> tuple[Speaker | None, str]:
    kind = L.lexicon(ctx.lang).pronouns.get((sp.head or "").lower(), "person")
    before = [x for x in ctx.history if x[0] < pos]
    if kind == "person":
        cands = [x for x in before if x[1].kind == "person"]
        cands += [x for x in ctx.persons if x[0] < pos and x[1].head == "subject"]
        narrative = [x for x in cands if not _in_headline(ctx.text, x[0])]
        cands = narrative or cands
        if not cands:
            cands = [x for x in ctx.persons if x[0] < pos]
        if cands:
            s = max(cands, key=lambda x: x[0])[1]
            return s, f"pronoun '{sp.name}' → the nearest person before it ({s.name})"
        return None, f"pronoun '{sp.name}' with no person before it"
    for _p, s in reversed(before):
        plural = s.kind == "unnamed" and re.search(r"s\b", s.name.split("(")[0].strip())
        if s.kind == "org" or (kind == "group" and plural):
            return s, f"pronoun '{sp.name}' → the nearest organisation or group before it ({s.name})"
    return None, f"pronoun '{sp.name}' with no antecedent"


_LINE_END = re.compile(r"[.!?…:;»”\"')\]" + MASK + r"]\s*$")


def _in_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a short line with no sentence punctuation: a headline or a link to another
    story ("Шойгу и де Мистура обсудили …" between a lead and its quotes), whose people are not what a
    later "он"/"he" refers to."""
    if not text:
        return False
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]
    return not _LINE_END.search(line) and not re.search(r"[.!?…]\s", line) and len(line.split()) <= 20


# "The Russian Foreign Ministry said in a statement …" … "“…” the statement added"
_EN_STATEMENT_OF = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w’'\-]*\s+){0,4}[A-Z][\w’'\-]*(?:\s+in\s+[A-Z][\w’'\-]+)?)"
                              r"\s+(?:said|says|added|announced|stressed|affirmed)\s+in\s+(?:a|its)\s+statement")


def _generic_institution(sp: Speaker, pos: int, ctx: Context) -> Speaker | None:
    """English "the embassy" / "the ministry" / "the statement" as a speaker: the institution the text
    named earlier ("The Russian Embassy in Damascus said in a statement …" → Russian Embassy in Damascus;
    "the statement" → "Russian Foreign Ministry (statement)"). None when the text names none."""
    m = re.fullmatch(r"(?:the\s+)?(" + EN_GENERIC_INSTITUTIONS + r")", sp.name.strip(), re.I)
    if ctx.lang != "en" or sp.actor_id or m is None or not ctx.text:
        return None
    head, before = m.group(1).lower(), ctx.text[:pos]
    if head == "statement":
        found = list(_EN_STATEMENT_OF.finditer(before))
        return Speaker(f"{found[-1].group(1)} (statement)", "org") if found else _last_institution(pos, ctx)
    named = list(re.finditer(r"(?:[A-Z][\w’'\-]*\s+){1,4}" + head.capitalize() + r"(?:\s+in\s+[A-Z][\w’'\-]+)?", before))
    if not named:
        return None
    name = re.sub(r"^The\s+", "", named[-1].group(0))
    return Speaker(name, "org", None, ctx.gaz.match(name, person=False))


def _last_institution(pos: int, ctx: Context) -> Speaker | None:
    """"In a press-service of the Kremlin … “…”, — stated in the message": the last organisation (not a
    state, not an outlet) the gazetteer knows, named in the 600 characters before, issued the statement."""
    lo = max(0, pos - 600)
    orgs = [h for h in ctx.gaz.mentions(ctx.text[lo:pos]) if ctx.gaz.kind(h.key) == "organisation"]
    if not orgs:
        return None
    return Speaker(f"{ctx.gaz.name(orgs[-1].key)} (statement)", "org", None, orgs[-1].key)


def resolve(sp: Speaker | None, pos: int, ctx: Context) -> tuple[Speaker | None, str]:
    """The speaker a cue's subject refers to, and why."""
    if sp is None:
        return None, "no subject"
    back = _generic_institution(sp, pos, ctx) if sp.kind in ("org", "definite") else None
    if back is not None:
        return back, f"'{sp.name}' → the institution named before it ({back.name})"
    if sp.kind == "pronoun":
        return _resolve_pronoun(sp, pos, ctx)
    if sp.kind == "definite":
        return _resolve_title(sp, pos, ctx)
    return sp, f"named in the text ({sp.kind})"


def full_name(sp: Speaker, ctx: Context) -> Speaker:
    """Expand a surname ("Lavrov") to the fullest form the text uses ("Sergey Lavrov"), keep the role
    the text gave that person, and match the actor list."""
    if sp.kind != "person":
        return sp
    sn = surname_key(sp.name)
    if len(sp.name.split()) == 1:
        for _p, s in ctx.persons:
            if surname_key(s.name) == sn and 1 < len(s.name.split()) <= 4:
                sp.name = s.name
                sp.actor_id = sp.actor_id or s.actor_id
                break
    sp.role = sp.role or ctx.roles.get(sn)
    if sp.actor_id is None:
        sp.actor_id = ctx.gaz.match(sp.name)
    if sp.actor_id is None:
        sp.name = _nominative(sp.name, ctx)
    return sp


def _nominative(name: str, ctx: Context) -> str:
    """An inflected unlisted name ("Риада Хаддада") as the text writes it elsewhere in the nominative
    ("Риад Хаддад"): the shortest form whose words start every word of this one."""
    toks = name.split()
    best = name
    for _p, s in ctx.persons:
        other = s.name.split()
        if len(other) == len(toks) and len(s.name) < len(best) and all(
                t.startswith(o) and len(t) - len(o) <= 2 for t, o in zip(toks, other)):
            best = s.name
    return best


def remember(sp: Speaker, pos: int, ctx: Context) -> None:
    if sp.kind == "person" and sp.role:
        ctx.roles.setdefault(surname_key(sp.name), sp.role)
    ctx.history.append((pos, sp))
