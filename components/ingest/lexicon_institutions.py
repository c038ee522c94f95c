"""Institution vocabulary per language: the ministries and offices that speak as such ("заявили в
Минобороны РФ", "وقالت وزارة الخارجية الروسية"), the nationality that qualifies them, and the
impersonal verbs of a document ("говорится в сообщении"). Patterns are written unfolded and folded
here (``textnorm.fold``), so they match folded text."""

from __future__ import annotations

import re
from functools import lru_cache

from components.textnorm import fold

# (pattern, English label); a label of None is a bare "the ministry" that refers back to the last one
INSTITUTIONS = {
    "en": (),
    "ru": ((r"минобороны|министерств\w* обороны|(?:военн|оборонн)\w* ведомств\w*", "Defence Ministry"),
           (r"мид|министерств\w* иностранных дел|(?:внешнеполитическ|дипломатическ)\w* ведомств\w*", "Foreign Ministry"),
           (r"кремл\w*|администраци\w* президента", "Kremlin"),
           (r"ведомств\w*|министерств\w*", None)),
    "ar": ((r"وزارة الدفاع", "Defence Ministry"),
           (r"وزارة الخارجية|الخارجية", "Foreign Ministry"),
           (r"الكرملين|الرئاسة الروسية", "Kremlin"),
           (r"الوزارة", None)),
}
# the nationality right before or after an institution ("российское военное ведомство", "МИД РФ",
# "وزارة الدفاع الروسية")
INSTITUTION_NATIONALITY = {
    "en": (),
    "ru": ((r"российск\w*|рф|росси\w*", "Russian"), (r"сирийск\w*|сири\w*|сар", "Syrian")),
    "ar": ((r"الروسي\w*|روسيا", "Russian"), (r"السوري\w*|سوريا|سورية", "Syrian")),
}
# an institution named only by its kind ("the embassy said"): the one of that kind named before it
EN_GENERIC_INSTITUTIONS = r"embassy|ministry|statement|mission|agency|office|council|committee"
# verbs whose subject is a document, not a person: the institution that issued it is the speaker
IMPERSONAL_VERBS = {
    "en": (),
    "ru": ("говорится", "сообщается", "отмечается", "указывается", "подчеркивается", "заявляется"),
    "ar": ("جاء",),
}


def _compile(pattern: str) -> re.Pattern:
    return re.compile(r"(?<![\w])[وفل]?(?:" + fold(pattern) + r")(?![\w])")


@lru_cache(maxsize=None)
def institution_patterns(lang: str) -> tuple[tuple[re.Pattern, str | None], ...]:
    return tuple((_compile(p), label) for p, label in INSTITUTIONS.get(lang, ()))


@lru_cache(maxsize=None)
def nationality_patterns(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((_compile(p), adj) for p, adj in INSTITUTION_NATIONALITY.get(lang, ()))


def impersonal(lang: str, word: str) -> bool:
    return fold(word) in {fold(w) for w in IMPERSONAL_VERBS.get(lang, ())}


# a short quotation a few words after these is the outlet's name ("وكالة الأنباء السورية “سانا”",
# "агентство РИА «Новости»", "the state news agency \"SANA\"")
OUTLET_BEFORE = {
    "en": re.compile(r"\b(?:agency|channel|newspaper|broadcaster|outlet|daily|website)(?:\s+\S+){0,2}\s*$", re.I),
    "ru": re.compile(r"(?<![\w])(?:агентств\w*|телеканал\w*|газет\w*|издани\w*|радиостанци\w*)(?:\s+\S+){0,2}\s*$",
                     re.I),
    # … and right after "sources of" ("بحسب ما أفادت مصادر “العربية”": Al Arabiya's sources)
    "ar": re.compile(r"(?<![\w])[وفلب]?(?:وكالة|الوكالة|وكالات|قناة|صحيفة|إذاعة|موقع)(?:\s+\S+){0,3}\s*$"
                     r"|(?<![\w])[وفلب]?(?:مصادر|مصدر)\s*$"),
}

# the documents an institution speaks through: "“…”, — stated in the message", "noted in the press service"
EN_DOCUMENT_NOUNS = r"message|statement|communiqu[eé]|press[- ]release|press[- ]service|readout|announcement"

# media named without an outlet ("قالت وسائل إعلام روسية", "российские СМИ сообщили"), and what opens the
# clause they report ("إن بوتين أمر …", ", что Путин поручил …"): that clause's person is who speaks
REPORTING_MEDIA = {"ru": re.compile(r"(?<![\w])сми(?![\w])"), "ar": re.compile(r"(?<![\w])وسايل\s+(?:ال)?اعلام")}
REPORTED_OPENER = {"ru": re.compile(r"\s*,?\s*что\s+"), "ar": re.compile(r"\s*(?:إن|أن|ان|بأن)\s+")}

# portfolios a title takes in the construct state ("وزير خارجية النظام", "وزير دفاع روسيا"): part of the title
AR_PORTFOLIOS = ("خارجية", "دفاع", "داخلية", "إعلام", "اعلام", "عدل", "مالية", "اقتصاد", "طاقة", "نفط", "صحة")
