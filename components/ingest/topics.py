"""The topics/actors stage: topic ids for each statement, dated events the text reports, and the
people and organisations it names (gazetteer matches and unlisted speakers)."""

from __future__ import annotations

import re
from functools import lru_cache

from components.ingest import lexicon as L
from components.ingest.dating import _DATELINE
from components.ingest.gazetteer import Gazetteer
from components.ingest.model import MASK, Cue, Document
from components.ingest.sentences import STORE_LINE
from components.textnorm import fold, surname_key


@lru_cache(maxsize=None)
def _topic_rx(lang: str) -> list[tuple[str, re.Pattern]]:
    return [(tid, re.compile(r"(?<![\w])(?:" + words[lang] + r")(?![\w])")) for tid, words in L.TOPIC_WORDS.items()]


def topics_for(text: str, lang: str = "en") -> list[str]:
    """Topic ids whose keywords (in ``lang``) occur in ``text``; "diplomacy" when none do."""
    low = fold(text)
    return [tid for tid, rx in _topic_rx(lang) if rx.search(low)] or [L.DEFAULT_TOPIC]


def events(doc: Document, gaz: Gazetteer) -> list[dict]:
    """Sentences reporting a dated happening, with that date and the actors they name."""
    out, seen = [], set()
    verbs = L.EVENT_VERBS[doc.lang]
    for s in doc.sentences:
        ds = [d for d in doc.dates if s.start <= d.start < s.end and d.date]
        seg = doc.masked[s.start:s.end].replace(MASK, " ")
        if not ds or not verbs.search(seg) or len(seg.split()) < 5:
            continue
        ds = [d for d in ds if not _DATELINE.match(doc.masked[s.start:d.start])] or ds
        anchors = [s.start + m.start() for m in verbs.finditer(seg)]
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        d = sorted(ds, key=lambda x: (rank.get(x.precision or "year", 4) >= 3,
                                      min(abs(v - x.start) for v in anchors), x.start))[0]
        sentence = STORE_LINE.sub("", re.sub(r"\s+", " ", doc.text[s.start:s.end]).strip()).strip()
        if sentence in seen:
            continue
        seen.add(sentence)
        acts = list(dict.fromkeys(h.key for h in gaz.mentions(doc.text[s.start:s.end])))
        out.append({"date": d.date, "date_precision": d.precision, "text": sentence, "actors": acts})
    return out


def actors(doc: Document, gaz: Gazetteer, cues: list[Cue]) -> list[dict]:
    """Actors named in the text, then speakers the actor list lacks (``actor_id`` None)."""
    out: list[dict] = []
    seen_names: set[str] = set()
    for aid in dict.fromkeys(h.key for h in gaz.mentions(doc.text)):
        out.append({"name": gaz.name(aid), "actor_id": aid})
        seen_names.add(surname_key(gaz.name(aid)))
    for c in cues:
        sp = c.resolved
        if sp is None or sp.kind != "person" or sp.actor_id or surname_key(sp.name) in seen_names:
            continue
        seen_names.add(surname_key(sp.name))
        out.append({"name": sp.name, "actor_id": None})
    return out
