"""Arabic-script personal names in Latin script, for speakers the gazetteer does not know.

"وزير الإعلام عمران الزعبي" names a man the actor list lacks: he is stored as a Latin name an
English reader (and the annotators' "as commonly spelled in English") would recognise, not in Arabic
script. A name part listed in ``lexicon_names.AR_NAME_PARTS`` takes its usual spelling; "ال" becomes
"al-"; other parts are spelt letter by letter: an Arab name's short vowels are not written, so an
"a" goes between two consonants, while a foreign name (a Russian surname ending "وف", "سكي" …) spells
its vowels out and is read as written. Known actors never come here: they keep their gazetteer name.
"""

from __future__ import annotations

import re

from components.ingest import lexicon_names as N
from components.textnorm import latin

_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")   # harakat, dagger alif, tatweel


def _clean(token: str) -> str:
    return _DIACRITICS.sub("", token).strip(".,:;،؛()\"'«»“”")


def is_foreign(token: str) -> bool:
    """A Russian or Slavic surname as Arabic spells it ("لافروف", "بيسكوف", "زاخاروفا", "دفوركوفيتش")."""
    return len(token) >= 4 and token.endswith(N.AR_FOREIGN_ENDINGS)


def _vowel(letter: str, pos: int, token: str, foreign: bool) -> str:
    """The Latin for a vowel letter (ا و ي ة ع and hamza seats) at ``pos`` in ``token``."""
    first, last = pos == 0, pos == len(token) - 1
    if letter in "اأآ":
        return "a"
    if letter == "إ":
        return "i"
    if letter in "وؤ":
        if foreign:   # "شويغو" Shoigu, "موروزوف" Morozov: every و of a foreign name is a vowel
            return "v" if first else "o"
        return "w" if first or (pos + 1 < len(token) and token[pos + 1] in "اي") else "ou"
    if letter in "يئ":
        if first:
            return "y"
        return "i" if last or foreign or pos != 1 else "ai"
    if letter in "ةى":
        return "a"
    if letter == "ع":
        return "a" if first or token[pos - 1] not in "اأ" else ""
    return ""


def _spell(token: str, foreign: bool = False) -> str:
    """One unlisted name part, letter by letter. In an Arab name an "a" stands for the unwritten short
    vowel between two consonants, once per cluster ("رحمن" → "Rahman", "قصرة" → "Qasra"); a foreign
    name is read as written, with ف as v and غ as g ("لافروف" → "Lavrov")."""
    foreign = foreign or is_foreign(token)
    ending = next((e for e in sorted(N.AR_FOREIGN_FINALS, key=len, reverse=True) if foreign and token.endswith(e)), "")
    body = token[:len(token) - len(ending)]
    out: list[str] = []
    inserted = False
    for i, ch in enumerate(body):
        if ch in N.AR_VOWEL_LETTERS:
            out.append(_vowel(ch, i, body, foreign))
            inserted = False
            continue
        out.append(N.AR_FOREIGN_LETTERS.get(ch) if foreign and ch in N.AR_FOREIGN_LETTERS else N.AR_LETTERS.get(ch, ""))
        nxt = body[i + 1] if i + 1 < len(body) else ""
        gap = not foreign and nxt and nxt not in N.AR_VOWEL_LETTERS and not inserted
        out.append("a" if gap else "")
        inserted = bool(gap)
    word = "".join(out) + N.AR_FOREIGN_FINALS.get(ending, "")
    word = re.sub(r"a{2,}", "aa", re.sub(r"([^aeiou])\1+", r"\1\1", word))
    return word[:1].upper() + word[1:]


def _part(token: str, foreign: bool) -> str:
    """A name part: listed spelling, else article + listed spelling, else spelt out."""
    if token in N.AR_NAME_PARTS:
        return N.AR_NAME_PARTS[token]
    if token.startswith("ال") and len(token) > 3 and not foreign:
        rest = token[2:]
        return "al-" + N.AR_NAME_PARTS.get(rest, _spell(rest))
    return _spell(token, foreign)


def romanise(name: str) -> str:
    """'عمران الزعبي' → 'Omran al-Zabi', 'عبد الرحمن المصري' → 'Abdul Rahman al-Masri', 'ديمتري سابلين' →
    'Dmitry Sablin': each part by ``_part``; "عبد"/"أبو" with the part after them."""
    tokens = [t for t in (_clean(t) for t in name.split()) if t]
    foreign = any(is_foreign(t) or t in N.AR_FOREIGN_GIVEN for t in tokens)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        pair = f"{t} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in N.AR_NAME_PARTS:
            out.append(N.AR_NAME_PARTS[pair])
            i += 2
            continue
        if t in N.AR_COMPOUND_HEADS and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            nxt_latin = _part(nxt[2:] if nxt.startswith("ال") and t == "عبد" else nxt, foreign)
            out.append(f"{N.AR_NAME_PARTS[t]} {nxt_latin}")
            i += 2
            continue
        out.append(_part(t, foreign))
        i += 1
    return " ".join(out)


def arab_name_from_cyrillic(name: str) -> str | None:
    """An Arab person's name in Cyrillic ("Абу Мохаммад аль-Джолани") in the Latin English news uses
    ("Abu Mohammad al-Jolani"): the article becomes "al-", frequent name parts take their English spelling
    ("Мостафа" → Mustafa, "Халед" → Khaled), else "дж" is j and "х" h (Russian writes both ح and خ as х; ح is
    by far the commoner in names). None for a name without an Arabic article."""
    if not re.search(r"(?<![\w])" + N.RU_ARABIC_ARTICLE + r"[А-ЯЁ]", name, re.I):
        return None
    out = re.sub(r"(?<![\w])" + N.RU_ARABIC_ARTICLE + r"(?=[А-ЯЁ])", "al-", name, flags=re.I)
    out = re.sub(r"[А-ЯЁ][а-яё]+", lambda m: N.RU_ARAB_NAME_PARTS.get(m.group(0), m.group(0)), out)
    for cyr, lat in N.RU_ARABIC_LETTERS:
        out = out.replace(cyr, lat)
    return latin(out)


def has_arabic(text: str) -> bool:
    return bool(re.search(r"[\u0621-\u064a]", text or ""))
