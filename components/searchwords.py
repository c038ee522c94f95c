"""Search words that name an actor or a place: found under every spelling the data knows.

A search word that is a distinctive word of an actor's (or place's) aliases — "Tartus" in "port of Tartus",
"Khmeimim", "Jolani" — is searched as itself OR any alias of that actor OR any word of those aliases spelled
closely (Tartous, Hmeymim). Words common to several actors (port, air, Assad, minister) are not expanded.
Pure: the index is built from the actors table's (id, names) pairs (components.matching.actor_names).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from components.textnorm import latin, name_key

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_CHARS = 4
MAX_ACTORS_PER_WORD = 2  # a word shared by more actors is generic
CLOSE = 0.75             # difflib ratio of two folded words spelled closely enough to be one name
MAX_ALTERNATIVES = 24


def _key(word: str) -> str:
    return name_key(latin(word)) or name_key(word)


def _head(alias: str) -> str | None:
    """The one proper name of an alias, if it has exactly one: 'port of Tartus' -> Tartus, 'al-Jolani' ->
    Jolani, 'Лавров' -> Лавров; None for 'Moscow Times' or 'Sergey Lavrov' (two names: neither alone names it).
    Lower-case Latin words (articles, 'port', 'air base') are not names; a word without case counts as one.
    """
    words = [w for w in _WORD.findall(alias) if not (w[:1].isascii() and w[:1].islower())]
    return words[0] if len(words) == 1 else None


@dataclass(frozen=True)
class AliasIndex:
    words: dict[str, frozenset[str]]   # folded word -> actor ids whose aliases hold it
    names: dict[str, tuple[str, ...]]  # actor id -> name and aliases

    @classmethod
    def build(cls, candidates: Iterable[tuple[str, Iterable[str]]], generic: Iterable[str] = ()) -> AliasIndex:
        """`generic`: names that never expand, nor words starting with them (state names: Syria, Syrian)."""
        stems = {_key(w) for g in generic for w in _WORD.findall(g) if len(w) >= MIN_CHARS}
        words: dict[str, set[str]] = {}
        names: dict[str, tuple[str, ...]] = {}
        for actor_id, all_names in candidates:
            names[actor_id] = tuple(dict.fromkeys(n for n in all_names if n))
            for n in names[actor_id]:
                head = _head(n)
                if head and len(head) >= MIN_CHARS and not any(_key(head).startswith(st) for st in stems):
                    words.setdefault(_key(head), set()).add(actor_id)
        return cls({k: frozenset(v) for k, v in words.items()}, names)

    def actors_for(self, word: str) -> frozenset[str]:
        """The actors a search word names, or none when it is short or shared by many actors."""
        if len(word) < MIN_CHARS:
            return frozenset()
        ids = self.words.get(_key(word), frozenset())
        return ids if len(ids) <= MAX_ACTORS_PER_WORD else frozenset()


def alternatives(word: str, index: AliasIndex) -> tuple[str, ...]:
    """Other spellings to search for `word`: the aliases of the actors it names and closely spelled words."""
    out: dict[str, None] = {}
    key = _key(word)
    for actor_id in sorted(index.actors_for(word)):
        for alias in index.names[actor_id]:
            out[alias] = None
            for w in _WORD.findall(alias):
                if len(w) >= MIN_CHARS and difflib.SequenceMatcher(None, key, _key(w)).ratio() >= CLOSE:
                    out[w] = None
    out.pop(word, None)
    return tuple(a for a in out if a.casefold() != word.casefold())[:MAX_ALTERNATIVES]


def expansions(text: str, index: AliasIndex, limit: int = 32) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, alternatives) for each word of a search text that names an actor or place."""
    out = []
    for word in dict.fromkeys(_WORD.findall(text or "")[:limit]):
        alts = alternatives(word, index)
        if alts:
            out.append((word, alts))
    return tuple(out)


def index_of_actors(actors) -> AliasIndex:
    """The index of an actors table (queries.fetch_actors), as the Quotes page and `timeline quotes` use it: a
    state's names (Syria, Сирия) and the groups named after it (Syrian leadership) are not one actor's name."""
    from components.matching import actor_names

    states = actors[actors["kind"] == "state"]
    return AliasIndex.build(actor_names(actors[actors["kind"] != "state"]),
                            generic=[n for _, names in actor_names(states) for n in names])


# Words of four letters or more that name no topic even when a label or description holds them.
STOPWORDS = frozenset("""about above after again against also among been before being below between both
could does down during each even from further have having here into itself just more most much must near
only other over said says same should since some such than that their them then there these they this those
through under until upon very what when where which while will with within without would""".split())


def matching_topics(text: str, topics: Iterable[tuple[str, str, str | None]], generic: Iterable[str] = (),
                    aliases: Iterable[tuple[str, tuple[str, ...]]] = ()) -> list[str]:
    """Ids of the topics (id, label, description) named by the search: every word of 4+ letters starts a word
    of the label ('sanction' finds 'Sanctions relief'); when no label matches, of the description.

    Function words (after, about) and words starting with a `generic` name (states: Syria, Russian) name no
    topic: "Syria" does not name "Arms and the new Syrian army". A word with other spellings (`aliases`, as
    from `expansions`) matches under any of them, so Tartous names what Tartus names."""
    stems = {fold_word(w) for g in generic for w in _WORD.findall(g) if len(w) >= MIN_CHARS}
    others = dict(aliases)
    words = [w for w in _WORD.findall(text or "") if len(w) >= MIN_CHARS]
    words = [w for w in words if fold_word(w) not in STOPWORDS and not any(fold_word(w).startswith(st) for st in stems)]
    if not words or len(words) > 6:
        return []
    spellings = [{fold_word(v) for alt in (w, *others.get(w, ())) for v in _WORD.findall(alt) if len(v) >= MIN_CHARS}
                 or {fold_word(w)} for w in words]
    topics = list(topics)

    def hits(field: int) -> list[str]:
        out = []
        for row in topics:
            have = [fold_word(w) for w in _WORD.findall(row[field] or "")]
            if all(any(h.startswith(v) for h in have for v in spelled) for spelled in spellings):
                out.append(row[0])
        return out
    return hits(1) or hits(2)


@functools.lru_cache(maxsize=4096)
def fold_word(word: str) -> str:
    from components.textnorm import fold

    return fold(word).casefold()
