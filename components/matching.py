"""The one function that decides whether a typed name means an actor: any alias, any script.

Used by every official/actor box (sidebar, Officials page, Review page) and `queries.find_actors`.
A query matches a name when each of its words starts a word of the name, after folding case,
diacritics, Arabic letter forms and article prefixes (al-, el-, аль-, ال) and unifying transliterations
(Sergei/Sergey, Ahmed/Ahmad); Cyrillic is also compared through its Latin transliteration.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from components.textnorm import latin, name_key


def _keys(name: str) -> set[tuple[str, ...]]:
    keys = {tuple(name_key(name).split())}
    keys.add(tuple(name_key(latin(name)).split()))
    return {k for k in keys if k}


def name_score(query: str, name: str) -> int:
    """3: the same name; 2: every query word is a whole word of the name; 1: every query word starts one; 0: no."""
    best = 0
    for q in _keys(query):
        for n in _keys(name):
            if q == n:
                return 3
            if all(w in n for w in q):
                best = max(best, 2)
            elif all(any(t.startswith(w) for t in n) for w in q):
                best = max(best, 1)
    return best


def rank_actors(query: str, candidates: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """Ids of the candidates (id, [name, *aliases]) that match the query, best match first (ties keep order)."""
    scored = []
    for order, (actor_id, names) in enumerate(candidates):
        score = max((name_score(query, n) for n in names if n), default=0)
        if score:
            scored.append((-score, order, actor_id))
    return [actor_id for _, _, actor_id in sorted(scored)]


def best_actor(query: str, candidates: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The single best match (what Enter in a search box selects), or None."""
    ranked = rank_actors(query, candidates)
    return ranked[0] if ranked else None


def actor_names(actors) -> list[tuple[str, list[str]]]:
    """(id, [name, *aliases]) for each row of an actors table (aliases as JSON text), for rank_actors()."""
    return [(i, [n, *json.loads(a)]) for i, n, a in zip(actors["id"], actors["name"], actors["aliases"])]
