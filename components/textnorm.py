"""Text folding, name matching and sentence splitting for English, Russian and Arabic.

The one place that decides when two spellings are "the same" and where a sentence ends; the
search, the review slugs and ingestion all use it. Pure functions, no I/O.

- ``fold(text)``: casefold; strip Latin diacritics; drop Arabic harakat and tatweel; unify alef
  (أ إ آ ٱ → ا), ya (ى → ي) and ta marbuta (ة → ه); ё → е; every dash and hyphen → "-".
- ``fold_map(text)``: the same, with the index in ``text`` of every folded character.
- ``name_key(name)``: a name's matching key: folded tokens without the article prefixes
  (al-, el-, аль-, аш-, ال…) and with common transliteration variants unified.
- ``AliasMatcher``: finds aliases in running text (any case, diacritics, article prefix,
  Russian case endings, Arabic proclitics) and returns offsets in the original text.
- ``split_sentences(text, protect=..., paragraph=...)``: sentence spans; never cuts inside a
  protected span (a quotation).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

__all__ = ["fold", "fold_map", "latin", "name_key", "name_tokens", "surname_key", "AliasMatcher", "AliasHit",
           "split_sentences", "script_of"]

_ARABIC_LETTERS = {"ى": "ي", "ة": "ه", "ٱ": "ا", "ـ": ""}
_DASHES = "‐‑‒–—―−"
# common transliteration variants of given names, folded to one spelling
_VARIANTS = {
    "sergei": "sergey", "sergej": "sergey", "ahmed": "ahmad", "ahmet": "ahmad",
    "mohammed": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad", "muhammed": "muhammad",
    "mohamad": "muhammad", "yury": "yuri", "yuriy": "yuri", "dmitri": "dmitry", "dmitriy": "dmitry",
    "aleksandr": "alexander", "alexandr": "alexander", "vassily": "vasily", "vasili": "vasily",
    "vasiliy": "vasily", "nikolay": "nikolai", "andrey": "andrei", "alexey": "alexei", "aleksei": "alexei",
    "aleksey": "alexei", "evgeny": "yevgeny", "evgeniy": "yevgeny", "mariya": "maria",
    "husain": "hussein", "hussain": "hussein", "abdul": "abdel", "abd": "abdel", "maxim": "maksim",
    "yusuf": "yousef", "youssef": "yousef",
}
# article prefixes written as separate (hyphenated) tokens in Latin and Cyrillic spellings
_ARTICLES = {"al", "el", "ul", "ad", "as", "ash", "an", "ar", "at", "az",
             "аль", "ал", "аш", "ад", "ас", "ар", "ат", "ан", "аз", "эль", "эш", "ас"}


def _fold_char(ch: str) -> str:
    if ch in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[ch]
    if ch in _DASHES:
        return "-"
    if ch in "ёЁ":
        return "е"
    if ch in "йЙ":
        return "й"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base.casefold()


def fold_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index of the character it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index


def fold(text: str) -> str:
    """Fold case, diacritics, Arabic letter forms, ё and dashes (see the module docstring)."""
    return "".join(_fold_char(ch) for ch in text or "")


def _strip_article(tok: str) -> str:
    if tok.startswith("ال") and len(tok) > 4:
        return tok[2:]
    return tok


def name_tokens(name: str) -> list[str]:
    """The folded tokens of a name without article prefixes, parentheses and punctuation."""
    s = re.sub(r"\([^)]*\)", " ", fold(name or ""))
    s = re.sub(r"['’‘`ʼʻ]", "", s)
    toks = []
    for t in re.split(r"[\s\-./_,]+", s):
        t = re.sub(r"[^\w]", "", t)
        if not t or t in _ARTICLES:
            continue
        toks.append(_translit(_VARIANTS.get(t, _strip_article(t))))
    return toks


def _translit(t: str) -> str:
    """Fold Latin romanisation differences: doubled letters, initial kh/h, ya/ia, yu/iu, ye/ie, ou/u,
    final -iy/-y."""
    if not t.isascii():
        return t
    t = re.sub(r"(.)\1+", r"\1", t)
    t = re.sub(r"^kh", "h", t)   # Хаддад → Khaddad / Haddad
    t = t.replace("ya", "ia").replace("yu", "iu").replace("ye", "ie").replace("ou", "u")
    t = re.sub(r"(?:iy|yi|ij)$", "i", t)
    return re.sub(r"y$", "i", t)


def name_key(name: str) -> str:
    """'Ahmed Al-Sharaa' → 'ahmad shara'; 'Сергей Лавров' → 'сергей лавров'; 'أحمد الشرع' → 'احمد شرع'."""
    return " ".join(name_tokens(name))


def surname_key(name: str) -> str:
    """The last folded token of a name ('' for none)."""
    toks = name_tokens(name)
    return toks[-1] if toks else ""


_CYRILLIC_LATIN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def latin(text: str) -> str:
    """Cyrillic romanised the way English-language news spells Russian names ("Небензя" → "Nebenzya")."""
    out = []
    for ch in text:
        low = ch.lower()
        if low not in _CYRILLIC_LATIN:
            out.append(ch)
            continue
        rom = _CYRILLIC_LATIN[low]
        out.append(rom.capitalize() if ch != low else rom)
    return re.sub(r"iy\b", "y", "".join(out))


def script_of(text: str) -> dict[str, int]:
    """Letter counts by script: latin, cyrillic, arabic."""
    counts = {"latin": 0, "cyrillic": 0, "arabic": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
        elif "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f":
            counts["arabic"] += 1
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            counts["latin"] += 1
    return counts


# ----------------------------------------------------------------------------- alias matching

_RU_ENDING = "(?:[а-я]{0,3})"
_AR_PROCLITIC = "(?:[وفبل]{1,2})?"
_ARTICLE_RX = r"(?:(?:al|el|ал|аль|аш|ад|ас|ар|ат|ан|аз|эль)[-\s]?|ال)?"


def _token_pattern(tok: str, first: bool) -> str:
    if re.fullmatch(r"[а-яй]+", tok) and len(tok) > 3:
        stem = tok[:-1] if tok[-1] in "аяйьео" else tok
        return _ARTICLE_RX + re.escape(stem) + _RU_ENDING
    if re.fullmatch(r"[\u0600-\u06ff]+", tok):
        return (_AR_PROCLITIC if first else "") + _ARTICLE_RX + re.escape(tok)
    variants = sorted({tok} | {k for k, v in _VARIANTS.items() if v == tok}, key=len, reverse=True)
    return _ARTICLE_RX + "(?:" + "|".join(re.escape(v) for v in variants) + ")"


def alias_pattern(alias: str) -> re.Pattern | None:
    """A regex over ``fold``-ed text that finds ``alias``; None for aliases too short to be safe."""
    s = re.sub(r"['’‘`ʼʻ]", "", fold(alias))
    toks = [t for t in re.split(r"[\s\-./_,]+", s) if t]
    toks = [t for t in toks if t not in _ARTICLES] or toks
    toks = [_strip_article(t) for t in toks]
    if not toks or (len(toks) == 1 and len(toks[0]) < 3):
        return None
    body = r"['’]?[\s\-.]+".join(_token_pattern(t, i == 0) for i, t in enumerate(toks))
    return re.compile(r"(?<![\w-])" + body + r"(?![\w])")


@dataclass(frozen=True)
class AliasHit:
    start: int
    end: int
    key: str
    alias: str


class AliasMatcher:
    """Finds any of many aliases in a text; longest alias wins where two overlap."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        pats = []
        for alias, key in entries:
            rx = alias_pattern(alias)
            if rx is not None:
                pats.append((len(alias), alias, key, rx))
        self._patterns = sorted(pats, key=lambda p: -p[0])

    def find(self, text: str) -> list[AliasHit]:
        folded, index = fold_map(text)
        hits: list[AliasHit] = []
        taken: list[tuple[int, int]] = []
        for _, alias, key, rx in self._patterns:
            for m in rx.finditer(folded):
                a, b = m.span()
                if b <= a or any(a < e and s < b for s, e in taken):
                    continue
                taken.append((a, b))
                hits.append(AliasHit(index[a], index[b - 1] + 1, key, alias))
        return sorted(hits, key=lambda h: h.start)


# ----------------------------------------------------------------------------- sentences

ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt st jan feb mar apr jun jul aug sep sept oct nov dec no gov sen rep prof "
    "maj capt adm jr sr vs etc inc ltd co corp mt ft approx fig "
    "г гг т е др им ул тыс млн млрд руб см стр ст н э".split())
_END = re.compile(r"[.!?…؟]+")


def _is_abbreviation(text: str, i: int) -> bool:
    word = re.search(r"([\w.’']+)$", text[max(0, i - 20):i])
    w = word.group(1).lower() if word else ""
    return w in ABBREVIATIONS or bool(re.fullmatch(r"\w", w)) or bool(re.fullmatch(r"(?:\w\.)+\w", w))


def _starts_sentence(text: str, j: int) -> bool:
    """A capital, a digit or a caseless-script letter follows (after spaces; Arabic text often runs
    sentences together with no space: "…".وقال")."""
    m = re.match(r"[\"”’»)]*(\s*)([\"“‘'«„(\[—–-]?\s*)(\w)", text[j:j + 12])
    if not m:
        return False
    ch = m.group(3)
    caseless = not ch.isascii() and not ch.islower() and not ch.isupper()
    if not m.group(1):
        return caseless and not ch.isdigit()
    return ch.isupper() or ch.isdigit() or caseless


def _cuts(text: str, protected: list[tuple[int, int]], paragraph: str) -> list[int]:
    inside = bytearray(len(text) + 1)
    for a, b in protected:
        inside[a:b] = b"\x01" * (b - a)
    cuts = [m.end() for m in re.finditer(paragraph, text) if not inside[m.start()]]
    for m in _END.finditer(text):
        i, j = m.start(), m.end()
        if inside[i] or not _starts_sentence(text, j):
            continue
        if m.group(0) == "." and _is_abbreviation(text, i):
            continue
        while j < len(text) and text[j] in "\"”’»)":
            j += 1
        cuts.append(j)
    return cuts


def split_sentences(text: str, protect: Iterable[tuple[int, int]] = (), paragraph: str = r"\n",
                    extra_cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Sentence spans (start, end) without surrounding whitespace. A sentence ends at terminal
    punctuation (., !, ?, …, Arabic ؟) before a capital, a digit or a letter of a caseless script
    (not after an abbreviation or initial), at a ``paragraph`` match and at ``extra_cuts``;
    never inside a ``protect``-ed span."""
    protected = list(protect)
    cuts = sorted({c for c in list(_cuts(text, protected, paragraph)) + list(extra_cuts) if 0 < c < len(text)})
    spans = []
    prev = 0
    for c in cuts + [len(text)]:
        seg = text[prev:c]
        if seg.strip():
            spans.append((prev + len(seg) - len(seg.lstrip()), prev + len(seg.rstrip())))
        prev = c
    return spans
