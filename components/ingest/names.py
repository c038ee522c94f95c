"""Name folding and actor matching (tolerant to transliteration, accents, al-/el- prefixes, case)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# transliteration variants of common given names, folded to one spelling
_VARIANTS = {
    "sergei": "sergey", "sergej": "sergey", "ahmed": "ahmad", "ahmet": "ahmad",
    "mohammed": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad", "muhammed": "muhammad",
    "mohamad": "muhammad", "mehmet": "muhammad", "yury": "yuri", "yuriy": "yuri", "iurii": "yuri",
    "dmitri": "dmitry", "dmitriy": "dmitry", "dimitri": "dmitry", "aleksandr": "alexander",
    "alexandr": "alexander", "vassily": "vasily", "vasili": "vasily", "vasiliy": "vasily",
    "nikolay": "nikolai", "andrey": "andrei", "alexey": "alexei", "aleksei": "alexei", "aleksey": "alexei",
    "evgeny": "yevgeny", "evgeniy": "yevgeny", "mariya": "maria", "husain": "hussein", "hussain": "hussein",
    "husein": "hussein", "abdul": "abdel", "abd": "abdel", "mikhael": "mikhail", "maxim": "maksim",
    "asad": "assad", "yusuf": "yousef", "youssef": "yousef", "yousif": "yousef",
}
_PARTICLES = {"al", "el", "ul", "ad", "as", "ash", "an", "ar", "at", "az"}


def strip_accents(s: str) -> str:
    """Remove diacritics character by character (keeps the string length)."""
    out = []
    for ch in s:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base[:1] if base else ch)
    return "".join(out)


def fold_tokens(name: str) -> list[str]:
    s = strip_accents(name or "").lower()
    s = re.sub(r"['’‘`ʼʻ]", "", s)
    s = re.sub(r"[-‐‑–—./_,]", " ", s)
    s = re.sub(r"\([^)]*\)", " ", s)
    toks = []
    for t in s.split():
        t = re.sub(r"[^\w]", "", t)
        if not t or t in _PARTICLES:
            continue
        t = _VARIANTS.get(t, t)
        toks.append(_translit(t))
    return toks


def _translit(t: str) -> str:
    """Fold common romanisation differences: doubled letters, ya/ia, yu/iu, ou/u, final -iy/-yi/-y."""
    t = re.sub(r"(.)\1+", r"\1", t)
    t = t.replace("ya", "ia").replace("yu", "iu").replace("ou", "u")
    t = re.sub(r"(?:iy|yi|ij)$", "i", t)
    t = re.sub(r"y$", "i", t)
    return t


def fold_name(name: str) -> str:
    """'Ahmed Al-Sharaa' → 'ahmad sharaa'; 'Sergei Lavrov' → 'sergey lavrov'."""
    return " ".join(fold_tokens(name))


def surname(name: str) -> str:
    toks = fold_tokens(re.sub(r"\([^)]*\)", "", name or ""))
    return toks[-1] if toks else ""


def load_actors(data_dir) -> list[dict]:
    """The project's actors from ``data_dir/actors/*.yaml`` (or ``data_dir/*.yaml`` when given the
    actors folder itself). Missing folder → []."""
    import yaml

    d = Path(data_dir)
    folder = d / "actors" if (d / "actors").is_dir() else d
    actors: list[dict] = []
    if not folder.is_dir():
        return actors
    for f in sorted(folder.glob("*.y*ml")):
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        except Exception:  # a broken file elsewhere must not stop ingestion
            continue
        if isinstance(data, dict):
            data = [data]
        for a in data if isinstance(data, list) else []:
            if isinstance(a, dict) and a.get("id") and a.get("name"):
                actors.append(a)
    return actors


class ActorIndex:
    """Looks up actor ids by any alias, tolerant to spelling; finds alias mentions in a text."""

    def __init__(self, actors: list[dict] | None):
        self.actors = [a for a in (actors or []) if isinstance(a, dict) and a.get("id") and a.get("name")]
        self.by_id = {a["id"]: a for a in self.actors}
        self.full: dict[str, str] = {}
        sur: dict[str, set[str]] = {}
        self.aliases: list[tuple[str, str]] = []  # (alias, id)
        for a in self.actors:
            names = [a["name"]] + [x for x in (a.get("aliases") or []) if isinstance(x, str)]
            for n in names:
                f = fold_name(n)
                if f:
                    self.full.setdefault(f, a["id"])
                    self.aliases.append((n, a["id"]))
            if (a.get("kind") or "person") == "person":
                s = surname(a["name"])
                if s:
                    sur.setdefault(s, set()).add(a["id"])
        self.surnames = {s: next(iter(ids)) for s, ids in sur.items() if len(ids) == 1}

    def kind(self, actor_id: str | None) -> str | None:
        a = self.by_id.get(actor_id or "")
        return a.get("kind") if a else None

    def name(self, actor_id: str) -> str:
        return self.by_id[actor_id]["name"]

    def match(self, name: str, person: bool = True) -> str | None:
        """Actor id for ``name``: exact folded alias, else (for persons) a unique surname."""
        f = fold_name(name)
        if not f:
            return None
        if f in self.full:
            return self.full[f]
        if person:
            toks = f.split()
            if toks and toks[-1] in self.surnames:
                aid = self.surnames[toks[-1]]
                first = fold_tokens(self.by_id[aid]["name"])
                if len(toks) == 1 or not first or len(first) == 1 or toks[0] == first[0] or len(toks[0]) <= 2:
                    return aid
        return None

    def find_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor_id) of every alias occurrence in ``text`` (longest first, no overlaps)."""
        plain = strip_accents(text)
        hits: list[tuple[int, int, str]] = []
        for alias, aid in sorted(self.aliases, key=lambda x: -len(x[0])):
            rx = _alias_regex(alias)
            if rx is None:
                continue
            for m in rx.finditer(plain):
                a, b = m.span()
                if any(not (b <= s or a >= e) for s, e, _ in hits):
                    continue
                hits.append((a, b, aid))
        hits.sort()
        return hits


_RX_CACHE: dict[str, re.Pattern | None] = {}


def _alias_regex(alias: str) -> re.Pattern | None:
    if alias in _RX_CACHE:
        return _RX_CACHE[alias]
    toks = fold_tokens(alias)
    if not toks or (len(toks) == 1 and len(toks[0]) < 3):
        _RX_CACHE[alias] = None
        return None
    inv: dict[str, list[str]] = {}
    for k, v in _VARIANTS.items():
        inv.setdefault(v, [v]).append(k)
    parts = []
    for t in toks:
        alts = sorted(set(inv.get(t, [t])), key=len, reverse=True)
        parts.append(r"(?:(?:al|el|Al|El|AL)[-\s‑]?)?(?:" + "|".join(re.escape(x) for x in alts) + ")")
    pat = r"(?<![\w-])" + r"[\s\-‑.]+".join(parts) + r"(?![\w])"
    rx = re.compile(pat, re.I)
    _RX_CACHE[alias] = rx
    return rx
