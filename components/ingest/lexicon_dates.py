"""Date vocabulary per language: month and weekday names (Babel's CLDR data), relative-day words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from babel.dates import get_day_names, get_month_names
from components.textnorm import fold

# ----------------------------------------------------------------------------- dates

# whether the story's first dated happening dates the words of a speaker it does not name: Arabic news
# opens with "اليوم"/"أمس" for the story and relays statements made at other times (none of the five such
# quotations of the development set was said that day)
STORY_LEAD_DATES = {"en": True, "ru": True, "ar": False}

# a sentence opening that moves the story to another, unstated time ("Later, …", "Following talks, …",
# "Позже …", "لاحقا …"): a happening's date before it no longer dates the words after it ("later that
# day" / "в тот же день" keep the day and are not listed)
TIME_SHIFT = {
    "en": re.compile(r"^\W*(?:later|afterwards|subsequently|following|after)\b(?!\s+(?:that|the same|in the)\s+day)",
                     re.I),
    "ru": re.compile(r"^\W*(?:позже|позднее|затем|впоследствии|после|по итогам|по окончании)(?![\w])"
                     r"(?!\s+(?:в тот же|этого)\s+дн)", re.I),
    "ar": re.compile(r"^\W*(?:و?لاحقا|و?في وقت لاحق|و?بعد ذلك|و?عقب|و?إثر|و?بعد|ثم)(?![\w])(?!\s+(?:في|من) اليوم)"),
}
# an earlier remark ("وكان بيسكوف قد قال", "سبق أن أكد", "в интервью ранее заявил", "had said"): reported
# as background, said at a time the text does not give unless its own clause dates it
EARLIER_BEFORE = {
    "en": re.compile(r"\b(?:had|previously|earlier had)\s+(?:\w+ly\s+)?$", re.I),
    "ru": re.compile(r"(?<![\w])(?:ранее|прежде|раньше|накануне)(?:\s+\S+){0,3}\s+$", re.I),
    "ar": re.compile(r"(?<![\w])(?:و?كان|و?كانت|و?كانوا)(?:\s+\S+){0,5}\s+قد\s+$|(?<![\w])و?سبق\s+(?:أن|ان|ل\S*)\s+(?:\S+\s+)?$"),
}
EARLIER_AFTER = {
    "en": re.compile(r"^\s*(?:previously|in the past)\b", re.I),
    "ru": re.compile(r"^\s*(?:\S+\s+){0,2}(?:ранее|прежде|раньше|накануне)(?![\w])", re.I),
    "ar": re.compile(r"^\s*(?:\S+\s+){0,4}?(?:سابقا|سابقاً|سابق[ةه]?)(?![\w])(?!\s+(?:من\s+)?اليوم)"),
}
# an interview the text dates by its publication or broadcast ("في مقابلة … بثت اليوم", "интервью,
# опубликованном в среду", "an interview aired on Monday"): that day is not when the words were said
INTERVIEW_WORDS = {
    "en": re.compile(r"\binterview", re.I),
    "ru": re.compile(r"интервью", re.I),
    "ar": re.compile(r"(?<![\w])و?ب?(?:ال)?(?:مقابل[ةه]|حوار|لقاء تلفزيوني)"),
}
PUBLISHED_WORDS = {
    "en": re.compile(r"\b(?:broadcast|aired|airs|published|released|screened|shown|posted)\b", re.I),
    "ru": re.compile(r"(?<![\w])(?:опубликова\w*|вышедш\w*|выйдет|показа\w*|в эфире|транслирова\w*)", re.I),
    "ar": re.compile(r"(?<![\w])(?:بثت|تبث|بث|بثها|بثتها|نشرت|تنشر|نشرها|نشرتها|أذيعت|تذاع|عرضت|تعرض|نقلتها)(?![\w])"),
}
# an institution's written statement: when it was issued is not when the happening it reports took place
STATEMENT_WORDS = {
    "en": re.compile(r"\b(?:statement|communiqu[eé]|press release|readout|news release)s?\b", re.I),
    "ru": re.compile(r"(?<![\w])(?:сообщени|заявлени|коммюнике|пресс-релиз|релиз)\w*", re.I),
    "ar": re.compile(r"(?<![\w])و?ب?(?:ال)?(?:بيان|بلاغ)\w*"),
}

# the occasion a sentence places words at (an interview, a meeting, a speech, a phone call; not a written
# statement or remarks to reporters, which often follow the meeting they are about): a dated remark or happening
# of one occasion does not date words the text puts at another ("صرّح اليوم في مقابلة …" does not date
# "وخلال اللقاء، مازح … قائلا")
OCCASIONS = {
    "en": (("interview", re.compile(r"\binterview", re.I)),
           ("meeting", re.compile(r"\b(?:meeting|talks|summit|met)\b", re.I)),
           ("speech", re.compile(r"\b(?:speech|addressed (?:the|a)|addressing (?:the|a))\b(?!\s+(?:issue|question|concern))",
                                 re.I)),
           ("call", re.compile(r"\b(?:phone call|telephone|call)\b", re.I))),
    "ru": (("interview", INTERVIEW_WORDS["ru"]),
           ("meeting", re.compile(r"(?<![\w])(?:встреч|встрет|переговор|саммит)\w*", re.I)),
           ("speech", re.compile(r"(?<![\w])(?:выступлени\w*|выступая|речи|речь)(?![\w])", re.I)),
           ("call", re.compile(r"(?<![\w])телефонн\w*", re.I))),
    "ar": (("interview", re.compile(r"(?<![\w])و?ب?(?:ال)?(?:مقابل[ةه]|حوار|لقاء (?:تلفزيوني|صحفي|صحافي))")),
           ("meeting", re.compile(r"(?<![\w])و?(?:خلال |في )?(?:ال)?(?:لقاء(?! (?:تلفزيوني|صحفي|صحافي))|لقائه|لقائهما|اجتماع|"
                                  r"محادثات|مباحثات|قمة|استقبال|استقبل|يستقبل|التقى|يلتقي)\w*")),
           ("speech", re.compile(r"(?<![\w])(?:كلمة|كلمته|خطاب|خطابه)(?![\w])")),
           ("call", re.compile(r"(?<![\w])(?:اتصال|الاتصال|مكالمة|المكالمة)\w*(?:\s+ال?هاتفي)?"))),
}
# reported words: a present tense after "that" ("said that talks are under way", "заявил, что …", "قال إن
# …") or a colon ("Лавров: в Средиземноморье идут учения") is what was said, not the story's happening
REPORTED_BEFORE = {
    "en": re.compile(r"\bthat\b", re.I),
    "ru": re.compile(r"(?<![\w])что(?![\w])", re.I),
    "ar": re.compile(r"(?<![\w])(?:إن|أن|ان|بأن)(?:ه|ها|نا|هم)?(?![\w])"),
}
# a full date that is the topic of the words, not when they were said ("سؤال حول أحداث 8 ديسمبر", "по поводу
# событий 8 декабря", "asked about the events of December 8")
TOPIC_BEFORE = {
    "en": re.compile(r"\b(?:about|regarding|concerning)\s+(?:\S+\s+){0,3}$", re.I),
    "ru": re.compile(r"(?<![\w])(?:по поводу|относительно|касательно|насч[её]т)\s+(?:\S+\s+){0,3}$", re.I),
    "ar": re.compile(r"(?<![\w])(?:حول|بشأن|إزاء|حيال|عن)\s+(?:\S+\s+){0,3}$"),
}
# a word after a date that puts it ahead ("15 أكتوبر المقبل", "15 октября следующего года")
FUTURE_AFTER = {"ru": ("следующ", "предстоящ", "будущ"), "ar": ("المقبل", "القادم", "المقبله", "القادمه")}
# a present or future verb in English reported words ("that relations are stronger today")
EN_PRESENT_VERB = re.compile(r"\b(?:is|are|will|remains?|can)\b", re.I)
# "today" in a name: a capitalised word before a capitalised "Today" ("Russia Today", "USA Today")
EN_TODAY_NAME = re.compile(r"\b[A-Z]\w*\s+$")


@dataclass(frozen=True)
class DateWords:
    """Weekday and month names (folded) and relative-date phrases of one language."""

    weekdays: dict[str, int]                       # folded name → 0 (Monday) … 6
    months: dict[str, int]                         # folded name → 1 … 12
    relative: dict[str, tuple[str, int]]           # folded phrase → (unit, offset): ("day", -1)
    last_words: tuple[str, ...] = ()               # "last"/"прошлый"/"الماضي": strictly before
    no_date_after: tuple[str, ...] = ()            # "Russia Today" is a channel, not a day
    no_date_before: tuple[str, ...] = ()           # "اليوم السابع" (Youm7) is a newspaper


def _babel_names(locales: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    for loc in locales:
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for k, v in get_day_names(width, context=ctx, locale=loc).items():
                    weekdays.setdefault(fold(v).rstrip("."), k)
                for k, v in get_month_names(width, context=ctx, locale=loc).items():
                    months.setdefault(fold(v).rstrip("."), k)
    return weekdays, months


_RELATIVE = {
    "en": {"today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0),
           "this evening": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1),
           "this week": ("week", 0), "last week": ("week", -1), "next week": ("week", 1),
           "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1),
           "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1)},
    "ru": {"сегодня": ("day", 0), "вчера": ("day", -1), "позавчера": ("day", -2), "завтра": ("day", 1),
           "на этой неделе": ("week", 0), "на прошлой неделе": ("week", -1), "на минувшей неделе": ("week", -1),
           "на следующей неделе": ("week", 1), "в этом месяце": ("month", 0), "в прошлом месяце": ("month", -1),
           "в этом году": ("year", 0), "в прошлом году": ("year", -1), "сегодня утром": ("day", 0)},
    "ar": {"اليوم": ("day", 0), "أمس": ("day", -1), "امس": ("day", -1), "البارحة": ("day", -1),
           "أمس الأول": ("day", -2), "غدا": ("day", 1), "هذا الأسبوع": ("week", 0),
           "الأسبوع الماضي": ("week", -1), "الأسبوع المقبل": ("week", 1), "هذا الشهر": ("month", 0),
           "الشهر الماضي": ("month", -1), "الشهر المقبل": ("month", 1), "العام الماضي": ("year", -1),
           "هذا العام": ("year", 0), "العام الجاري": ("year", 0), "السنة الماضية": ("year", -1)},
}
_LOCALES = {"en": ("en",), "ru": ("ru",), "ar": ("ar", "ar_SY")}
_LAST = {"en": ("last", "past"), "ru": ("прошл", "минувш"), "ar": ("الماضي", "الماضية", "المنصرم")}
# the word before a relative-day word that makes it a name or a span, not a day: an outlet ("روسيا اليوم",
# "المغرب اليوم", "Россия сегодня"), "until/since today" ("حتى اليوم", "إلى اليوم"), "that day" ("ذلك اليوم")
_NO_DATE_AFTER = {"en": (), "ru": ("россия",),
                  "ar": ("روسيا", "وروسيا", "مصر", "المغرب", "العرب", "الجزائر", "لبنان", "سوريا", "سورية", "العراق",
                         "الخليج", "فلسطين", "تونس", "ليبيا", "السودان", "الأردن", "اليمن", "الشرق", "العالم", "إلى",
                         "الى", "حتى", "ذلك")}
_NO_DATE_BEFORE = {"en": (), "ru": (), "ar": ("السابع",)}


@lru_cache(maxsize=None)
def date_words(lang: str) -> DateWords:
    weekdays, months = _babel_names(_LOCALES[lang])
    if lang == "ar":
        weekdays.setdefault(fold("الإثنين"), 0)
    rel = {fold(k): v for k, v in _RELATIVE[lang].items()}
    return DateWords(weekdays, months, rel, tuple(fold(w) for w in _LAST[lang]),
                     tuple(fold(w) for w in _NO_DATE_AFTER[lang]), tuple(fold(w) for w in _NO_DATE_BEFORE[lang]))
