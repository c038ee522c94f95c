"""Spelling-tolerant matching of foreign names written in Arabic script.

Arabic news writes a Russian or Western surname with its vowels spelt out as it hears them:
"لافرنتييف" and "لافرينتييف", "نيبينزيا" and "نيبنزيا" are the same man. The long-vowel letters
(ا و ي) and hamza seats after the first letter carry that variation, so two spellings whose
consonant skeletons agree are taken as one name, when the skeleton is long enough (four letters or
more) to be specific and belongs to one person of the index only. The gazetteer indexes foreign (not
Arab) people only: an Arab name has one Arabic spelling, and its skeleton collides with common words
("شعبنا", our people, and "شعبان"); words with the article ("الشعبين") are never read as such names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from components.textnorm import AliasHit, fold

_AR_WORD = re.compile(r"[\u0621-\u064a\u0671]{4,}")
_VOWEL_SEATS = re.compile(r"[اويىءئؤأإآ]")
_MIN_SKELETON = 4


def skeleton(word: str) -> str:
    """'لافرينتييف' → 'لفرنتف': folded, vowel letters after the first removed, doubled letters
    collapsed; '' for a word with the article."""
    w = fold(word)
    if not w or w.startswith("ال"):
        return ""
    body = _VOWEL_SEATS.sub("", w[1:])
    return re.sub(r"(.)\1+", r"\1", w[0] + body)


def _readings(word: str) -> list[str]:
    """The word as written and without one or two proclitics ("وقال بوتين", "ولافروف", "فبوتين")."""
    out = [word]
    for k in (1, 2):
        if len(word) - k >= 4 and all(ch in "وفبل" for ch in word[:k]):
            out.append(word[k:])
    return out


class SkeletonIndex:
    """Arabic-script surnames of people by skeleton; a skeleton shared by two people is dropped."""

    def __init__(self, surnames: Iterable[tuple[str, str]]):
        found: dict[str, set[str]] = {}
        for surname, key in surnames:
            if not _AR_WORD.fullmatch(surname):
                continue
            sk = skeleton(surname)
            if len(sk) >= _MIN_SKELETON:
                found.setdefault(sk, set()).add(key)
        self._by_skeleton = {sk: next(iter(keys)) for sk, keys in found.items() if len(keys) == 1}

    def lookup(self, word: str) -> str | None:
        for reading in _readings(word):
            key = self._by_skeleton.get(skeleton(reading))
            if key is not None:
                return key
        return None

    def find(self, text: str, taken: list[AliasHit]) -> list[AliasHit]:
        """Arabic words of ``text`` that no exact alias covered and whose skeleton is one person's."""
        out = []
        for m in _AR_WORD.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in taken):
                continue
            key = self.lookup(m.group(0))
            if key is not None:
                out.append(AliasHit(m.start(), m.end(), key, m.group(0)))
        return out
