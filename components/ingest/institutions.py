"""Institutions as speakers: "заявили в Минобороны РФ" → Russian Defence Ministry, "وقالت وزارة
الخارجية الروسية" → Russian Foreign Ministry, "говорится в сообщении МИД" → Russian Foreign Ministry
(statement). The label is English (annotations and the dataset name institutions in English); a
gazetteer actor of that name gives its id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.ingest import lexicon_institutions as LI
from components.ingest.gazetteer import Gazetteer
from components.ingest.model import Speaker
from components.textnorm import fold_map


@dataclass
class InstitutionMention:
    start: int
    end: int
    speaker: Speaker


def _nationality(folded: str, s: int, e: int, lang: str) -> str | None:
    """The nationality word right before the institution or among the two words after it."""
    before = re.search(r"(\S+)\s+$", folded[max(0, s - 30):s])
    after = " ".join(folded[e:e + 40].split()[:2])
    for rx, adj in LI.nationality_patterns(lang):
        if (before and rx.fullmatch(before.group(1))) or rx.search(after):
            return adj
    return None


def mentions(text: str, a: int, b: int, lang: str, gaz: Gazetteer) -> list[InstitutionMention]:
    """Institutions named in ``text[a:b]``, in text order (the longest at a place wins)."""
    folded, index = fold_map(text[a:b])
    out: list[InstitutionMention] = []
    for rx, label in LI.institution_patterns(lang):
        for m in rx.finditer(folded):
            s, e = m.span()
            if any(x.start < a + index[e - 1] + 1 and a + index[s] < x.end for x in out):
                continue
            start, end = a + index[s], a + index[e - 1] + 1
            if label is None:
                sp = Speaker(text[start:end], "definite", head="ministry")
            else:
                adj = _nationality(folded, s, e, lang)
                name = f"{adj} {label}" if adj else label
                sp = Speaker(name, "org", None, gaz.match(name, person=False))
            out.append(InstitutionMention(start, end, sp))
    return sorted(out, key=lambda x: x.start)


def issuer(text: str, a: int, b: int, lang: str, gaz: Gazetteer) -> Speaker | None:
    """The last named institution in ``text[a:b]``, as the author of a statement."""
    named = [m for m in mentions(text, a, b, lang, gaz) if m.speaker.kind == "org"]
    if not named:
        return None
    sp = named[-1].speaker
    return Speaker(f"{sp.name} (statement)", "org", None, sp.actor_id)
