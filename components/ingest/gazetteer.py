"""The Syria/Russia gazetteer: actors (people, organisations, states, media) with their aliases in any
script, their roles and countries, and the places events happen in, all read from ``data/`` through
the project's YAML reader. Nothing here is a literal name."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from components.ingest import lexicon as L
from components.ingest.spelling import SkeletonIndex
from components.schema import read_yaml_list
from components.textnorm import AliasHit, AliasMatcher, name_key, surname_key


def latin_skeleton(token: str) -> str:
    """'zoubi' → 'zb', 'muallem' → 'mlm', 'maqdad' → 'mkd', 'stepashin' → 'stbshn': the consonants of a
    folded Latin name part, with the distinctions Arabic script does not write (p/b, v/f) folded."""
    t = token.replace("q", "k").replace("dh", "d").replace("th", "t").replace("gh", "g")
    t = t.replace("p", "b").replace("v", "f")   # Arabic writes p as ب and v as ف
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw'’\-]", "", t))


def _same_given(known: str, romanised: str) -> bool:
    """Given names agree: the same folded name, the same consonants ("lionid"/"leonid"), or, for a long
    foreign name the letters render loosely ("viatshislav"/"vyacheslav"), the same initial."""
    if known == romanised or latin_skeleton(known) == latin_skeleton(romanised):
        return True
    return len(romanised) >= 6 and known[:1] == romanised[:1]


class GazetteerWarning(UserWarning):
    """A data file the gazetteer could not fully read: extraction goes on with the rest, and says so."""


def _records(folder: Path) -> list[dict]:
    """Every mapping of the folder's YAML files. A broken file does not stop ingestion, but every problem is
    reported (file:line: field: reason) as a GazetteerWarning: never skipped silently."""
    out: list[dict] = []
    if not folder.is_dir():
        return out
    for f in sorted(folder.glob("*.y*ml")):
        records, issues = read_yaml_list(f, str(f))
        for issue in issues:
            warnings.warn(f"{issue} (the gazetteer reads the rest of the data without it)", GazetteerWarning,
                          stacklevel=2)
        out.extend(dict(r) for r in records)
    return out


def load_actors(data_dir) -> list[dict]:
    """The actors of ``data_dir/actors/*.yaml`` (or of ``data_dir`` itself when it is that folder)."""
    d = Path(data_dir)
    folder = d / "actors" if (d / "actors").is_dir() else d
    return [a for a in _records(folder) if a.get("id") and a.get("name")]


def load_places(data_dir) -> list[str]:
    """Event locations named in ``data_dir/events/*.yaml``."""
    return sorted({str(e["location"]) for e in _records(Path(data_dir) / "events") if e.get("location")})


@dataclass
class Gazetteer:
    """Actors by any alias (tolerant to spelling, case endings and script) and known place names."""

    actors: list[dict]
    places: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.actors = [a for a in self.actors if isinstance(a, dict) and a.get("id") and a.get("name")]
        self.by_id = {a["id"]: a for a in self.actors}
        self.full: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        entries = []
        for a in self.actors:
            for n in [a["name"]] + [x for x in (a.get("aliases") or []) if isinstance(x, str)]:
                if name_key(n):
                    self.full.setdefault(name_key(n), a["id"])
                    entries.append((n, a["id"]))
                if self.is_person(a["id"]) and surname_key(n):
                    surnames.setdefault(surname_key(n), set()).add(a["id"])
        self.surnames = {s: next(iter(ids)) for s, ids in surnames.items() if len(ids) == 1}
        entries += self._script_surnames(surnames)
        self.matcher = AliasMatcher(entries)
        self.skeletons = SkeletonIndex((str(n).split()[-1], a["id"]) for a in self.actors if self._foreign_person(a)
                                       for n in a.get("aliases") or [] if str(n).split())
        self.place_keys = {name_key(p) for p in self.places} | {
            name_key(n) for a in self.actors if a.get("kind") == "state"
            for n in [a["name"]] + list(a.get("aliases") or []) if isinstance(n, str)}

    def _script_surnames(self, surnames: dict[str, set[str]]) -> list[tuple[str, str]]:
        """Cyrillic and Arabic full-name aliases also match by their surname alone ("بيسكوف"), when no
        other person shares it (Latin surnames are listed in the data as aliases of their own)."""
        out = []
        for a in self.actors:
            for n in a.get("aliases") or []:
                parts = str(n).split()
                if len(parts) >= 2 and not parts[-1].isascii() and len(parts[-1]) >= 4 \
                        and len(surnames.get(surname_key(n), ())) == 1:
                    out.append((parts[-1], a["id"]))
        return out

    def _foreign_person(self, actor: dict) -> bool:
        """A person whose name Arabic news transliterates (and so spells in more than one way)."""
        return self.is_person(actor["id"]) and str(actor.get("country") or "") not in L.ARABIC_SPEAKING_COUNTRIES

    @classmethod
    def from_data(cls, data_dir) -> "Gazetteer":
        return cls(load_actors(data_dir), load_places(data_dir))

    def kind(self, actor_id: str | None) -> str | None:
        a = self.by_id.get(actor_id or "")
        return a.get("kind") if a else None

    def is_person(self, actor_id: str | None) -> bool:
        return (self.kind(actor_id) or "person") == "person"

    def name(self, actor_id: str) -> str:
        return self.by_id[actor_id]["name"]

    def country(self, actor_id: str | None) -> str | None:
        return (self.by_id.get(actor_id or "") or {}).get("country")

    def is_place(self, words: str) -> bool:
        return name_key(words) in self.place_keys

    def match(self, name: str, person: bool = True) -> str | None:
        """Actor id for ``name``: an exact folded alias, else (for persons) a unique surname whose
        given name, if any, agrees."""
        key = name_key(name)
        if not key:
            return None
        if key in self.full:
            return self.full[key]
        hits = self.matcher.find(name)
        if len(hits) == 1 and hits[0].end - hits[0].start >= len(name.strip()) - 3:
            return hits[0].key
        toks = key.split()
        aid = self.surnames.get(toks[-1]) if person else None
        if aid is None and person:
            aid = self.skeletons.lookup(name.split()[-1])
        if aid is None:
            return None
        first = name_key(self.by_id[aid]["name"]).split()
        ok = len(toks) == 1 or len(first) <= 1 or toks[0] == first[0] or len(toks[0]) <= 2
        return aid if ok else None

    def match_romanised(self, latin: str) -> str | None:
        """The one person whose Latin name agrees with ``latin`` (an Arabic-script name romanised by
        ``romanise``) in the given name and in the surname's consonants ("Omran al-Zabi" → Omran al-Zoubi):
        the romanisation guesses the unwritten vowels, the consonants it reads from the letters."""
        toks = name_key(latin).split()
        if not toks or (len(toks) == 1 and len(latin_skeleton(toks[-1])) < 3):
            return None
        surname = latin_skeleton(toks[-1])
        found = {aid for given, sk, aid in self._latin_index()
                 if sk == surname and (len(toks) == 1 or _same_given(given, toks[0]))}
        return next(iter(found)) if len(found) == 1 else None

    def _latin_index(self) -> list[tuple[str, str, str]]:
        if not hasattr(self, "_latin"):
            self._latin = [(name_key(n).split()[0], latin_skeleton(name_key(n).split()[-1]), a["id"])
                           for a in self.actors if self.is_person(a["id"])
                           for n in [a["name"]] + [x for x in (a.get("aliases") or []) if isinstance(x, str)]
                           if n.isascii() and len(name_key(n).split()) >= 2]
        return self._latin

    def mentions(self, text: str) -> list[AliasHit]:
        """Every alias occurrence in ``text`` (offsets into ``text``, in text order), and Arabic-script
        surnames spelt with other vowel letters than the data's ("لافرينتييف" for "لافرنتييف")."""
        exact = self.matcher.find(text)
        return sorted(exact + self.skeletons.find(text, exact), key=lambda h: h.start)

    def has_title(self, actor_id: str | None, head: str) -> bool:
        """True when one of the actor's recorded role titles contains ``head`` (an English title word
        such as "president" or "foreign minister")."""
        roles = (self.by_id.get(actor_id or "") or {}).get("roles") or []
        titles = " ".join(str((r or {}).get("title") or "") for r in roles if isinstance(r, dict)).lower()
        titles = re.sub(r"minister of (?:the )?(foreign affairs|\w+)", lambda m: m.group(1).split()[0] + " minister",
                        titles)
        head = head.lower()
        # "Press Secretary of the President" is the president's aide, not a president
        return bool(head) and bool(re.search(r"(?<!of the )(?<!to the )\b" + re.escape(head), titles))
