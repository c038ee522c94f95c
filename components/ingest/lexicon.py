"""The vocabulary of attribution, per language: speech verbs, titles, unnamed-source nouns,
pronouns, organisation heads, nationality adjectives, relative-date words and topic keywords.

Only words of the languages live here; names of people, organisations and places come from
``data/`` (see ``gazetteer.py``). Month and weekday names come from the CLDR data that Babel ships.
To teach the extractor a new speech verb or title, add it to the right set below; the tests in
``tests/test_ingest_lexicon.py`` check each pattern per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


from components.textnorm import fold

LANGUAGES = ("en", "ru", "ar")

# ----------------------------------------------------------------------------- English

_EN_SPEECH_BASES = """
say tell add note stress explain insist argue warn announce declare describe praise urge reiterate
confirm emphasize emphasise quote write tweet claim ask reply respond comment suggest acknowledge admit
vow pledge promise hail deny remark recall assure underline underscore express criticize criticise
condemn denounce accuse blame welcome reject dismiss demand disclose reveal highlight caution predict
complain concede mention brief term label brand characterize characterise repeat affirm assert
observe conclude contend counter propose recommend threaten boast lament clarify elaborate specify
voice instruct recount indicate estimate cite discuss consider
""".split()
_EN_IRREGULAR = {
    "say": ["say", "says", "said", "saying"], "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
}
# nouns far more often than verbs in their bare/-s form: only the past and -ing forms count
_EN_NOUNISH = {"comment", "quote", "claim", "demand", "promise", "pledge", "vow", "welcome", "brief",
               "label", "brand", "term", "counter", "voice", "remark", "repeat", "estimate", "cite",
               "discuss", "consider", "reply", "respond", "note", "warn", "express", "caution", "boast",
               "tweet", "indicate", "describe", "mention", "add"}
_EN_EXTRA_CUES = ["called", "calling", "reported", "stated", "stating", "posted", "pointed out", "made clear",
                  "makes clear", "make clear", "making clear", "refused to comment", "declined to comment",
                  "went on", "continued", "quoted", "quoting", "told reporters", "according to",
                  "spoke", "speaking", "asked", "citing", "used the phrase", "used the expression", "used the words"]
# "the diplomat", "the official" right after a named person refer back to them
EN_BACK_REFERENCE_HEADS = frozenset({"diplomat", "official", "envoy", "veteran diplomat"})
# speech-ish words that are weak evidence for a short quote
EN_WEAK_VERBS = frozenset({"discuss", "discussed", "discussing", "indicate", "estimate", "cite", "speaking", "spoke",
                           "went", "express", "continued"})
EN_INVERTING = frozenset({"said", "says", "added", "continued", "wrote", "asked", "told", "explained", "noted",
                          "stressed", "insisted", "argued", "warned", "declared", "replied", "responded",
                          "remarked", "recalled"})


def _en_inflections(base: str) -> list[str]:
    if base in _EN_IRREGULAR:
        return _EN_IRREGULAR[base]
    if base.endswith("e"):
        forms = [base, base + "s", base + "d", base[:-1] + "ing"]
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms = [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    elif re.search(r"(?:s|sh|ch|x|z)$", base):
        forms = [base, base + "es", base + "ed", base + "ing"]
    else:
        forms = [base, base + "s", base + "ed", base + "ing"]
    if base in _EN_NOUNISH:
        forms = [f for f in forms if f.endswith(("ed", "ing", "d"))]
    return forms


def _en_speech_words() -> dict[str, str]:
    words = {f: b for b in _EN_SPEECH_BASES for f in _en_inflections(b)}
    words.update({w: w.split()[0] for w in _EN_EXTRA_CUES})
    return words


EN_TITLE_WORDS = frozenset("""
president vice prime minister ministers foreign deputy defense defence spokesman spokeswoman spokesperson
ambassador secretary general secretary-general chief head chairman chairwoman chair senator sen gen lt col
mr mrs ms dr sheikh king prince emir sultan pope patriarch envoy special representative commander director
adviser advisor aide leader speaker governor mayor admiral colonel major captain lieutenant sergeant first
acting interim transitional former un u.n us u.s eu state affairs interior economy economic finance energy
trade justice health information media presidential press kremlin white house duma parliament
parliamentary senior top official officer premier chancellor lawmaker mp delegate negotiator coordinator
commissioner counterpart staff security intelligence national council committee international military
army navy air force forces new syrian russian ministry assistant executive russia syria russias syrias
permanent mission cabinet opposition dep pm fm dpm mfa ceo chairperson emeritus elect caretaker then
""".split())
EN_NATIONALITIES = {
    "russian": "RU", "syrian": "SY", "iranian": "IR", "israeli": "IL", "turkish": "TR", "chinese": "CN",
    "american": "US", "british": "GB", "french": "FR", "german": "DE", "egyptian": "EG", "saudi": "SA",
    "emirati": "AE", "qatari": "QA", "iraqi": "IQ", "lebanese": "LB", "jordanian": "JO", "palestinian": "PS",
    "kurdish": None, "ukrainian": "UA", "european": None, "arab": None, "us": "US", "u.s.": "US", "un": None,
    "u.n.": None, "eu": None, "uk": "GB", "italian": "IT", "spanish": "ES", "indian": "IN",
    "pakistani": "PK", "japanese": "JP", "korean": "KR", "belarusian": "BY", "kazakh": "KZ",
    "azerbaijani": "AZ", "armenian": "AM", "georgian": "GE", "libyan": "LY", "tunisian": "TN",
    "algerian": "DZ", "moroccan": "MA", "sudanese": "SD", "yemeni": "YE", "omani": "OM", "kuwaiti": "KW",
    "bahraini": "BH", "afghan": "AF", "soviet": "RU", "western": None, "eastern": None, "gulf": None,
    "african": None, "asian": None,
}
EN_ORG_WORDS = frozenset("""
kremlin house staff ministry tv television agency council committee office department army forces force
observatory organization organisation union nations commission government parliament duma assembly court
bank company group post times news press service network channel foundation institute center centre
command coalition front party movement authority authorities administration embassy mission delegation
presidency palace pentagon reuters interfax tass sana afp ap xinhua sputnik anadolu irna nato hamas
hezbollah isis hts state media radio daily journal gazette herald tribune telegraph guardian monitor
bureau secretariat cabinet senate congress federation republic kingdom ria novosti izvestia kommersant
vedomosti al-arabiya al-jazeera jazeera arabiya bbc cnn rt ministry’s department’s staff’s undof unsc
""".split())
EN_GENERIC_PLACES = frozenset({"the", "west", "east", "city", "region", "un", "u.n.", "us", "u.s.", "eu", "nato"})
EN_UNNAMED_HEADS = (
    "sources?|officials?|diplomats?|spokes(?:man|woman|person|people|men|women)|insiders?|aides?|"
    "officers?|representatives?|negotiators?|analysts?|experts?|observers?|witness(?:es)?|residents?|"
    "activists?|lawmakers?|commanders?|figures?|persons?|people|members?|employees?|staffers?|"
    "advis[eo]rs?|ministers?|envoys?|ambassadors?|diplomatic sources|delegates?|deputies|MPs?"
)
EN_ORG_HEADS = frozenset("""
leadership government ministry administration side authorities army military presidency embassy mission
council committee delegation office agency kremlin statement readout team command cabinet parliament tv
television media newspaper broadcaster channel outlet regime state coalition alliance movement group party
staff bureau department ministries governments leaders sides countries court secretariat
""".split())
EN_TITLE_HEADS = frozenset("""
spokesman spokeswoman spokesperson minister president ambassador envoy aide official chief head chairman
leader adviser advisor diplomat commander secretary director representative negotiator deputy premier
source officer
""".split())
EN_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "org", "we": "none", "i": "none",
               "him": "person", "her": "person", "them": "group"}
EN_ABBREVIATIONS = frozenset("mr mrs ms dr gen lt col sgt st no gov sen rep prof maj capt adm jr sr".split())
EN_SCARE_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|known as|titled|entitled|named|(?<!used )(?<!using )the (?:word|term|phrase|slogan|"
    r"hashtag|label|name|title)|about|headlined|marked|branded as|referred to as|documentary|film|book|novel|"
    r"programme|program|show|series|song|newspaper|magazine|article|headline|column|operation|campaign)\s*$", re.I)
# a date right after these dates a publication, not a happening at which words were said
EN_PUBLISHED_BEFORE = re.compile(r"\b(?:broadcast|aired|published|released|shown|posted|printed|screened)\s+(?:on\s+)?$",
                                 re.I)
# a verb between the speech verb and a date takes the date ("told … documentary broadcast on Thursday")
EN_OTHER_PREDICATE = re.compile(r"\b(?:\w{3,}ed|broadcast|held|made|written|shown|aired|given|seen|taken|published|"
                                r"released|sent|begun|set)\b", re.I)

# a title phrase that names the ministry makes the head precise ("глава российского военного ведомства")
TITLE_REFINE = (
    (re.compile(r"мид|иностранных дел|внешнеполитическ|الخارجيه"), "foreign minister"),
    (re.compile(r"минобороны|обороны|военного ведомства|الدفاع"), "defence minister"),
)

# English title heads that name the same office ("the representative" of the Kremlin is its spokesman)
TITLE_FAMILIES = (frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "press secretary"}),
                  frozenset({"president", "leader", "head"}))

# ----------------------------------------------------------------------------- Russian

# past-tense stems (+ л / ла / ли / ло) and fixed forms
_RU_PAST_STEMS = """
заяви сказа отмети подчеркну сообщи добави замети поясни указа уточни призна напомни рассказа ответи
предупреди призва написа констатирова выступи заверил завери уверя пообеща объяви повтори высказа
опроверг выразил вырази назва охарактеризова оцени признава процитирова передава пожалова
отмеча заявля говори подчеркива указыва сообща добавля называ рассказыва утвержда поясня уточня напомина
отвеча предупрежда призыва писа обеща цитирова
""".split()
_RU_FIXED = """
заявляет говорит считает полагает подчеркивает подчёркивает отмечает сообщает пишет передает передаёт
утверждает добавляет уточняет напоминает говорится цитирует объясняет уверен уверена уверены
""".split()
RU_GERUNDS = frozenset("добавив подчеркнув отметив заявив указав пояснив уточнив напомнив сказав говоря отмечая "
                       "подчеркивая заявляя добавляя указывая".split())
# "по словам X", "по мнению X", "как передает X" … take X (in the genitive or nominative) as the speaker
RU_ACCORDING = ("по его словам", "по ее словам", "по их словам", "по его мнению", "по ее мнению",
                "по словам", "по мнению", "по данным", "по информации", "как сообщает", "как сообщил",
                "как сообщила", "как передает", "как передаёт", "как пишет", "со ссылкой на",
                "приводит слова", "приводят слова", "привел слова", "привело слова", "привели слова",
                "по заверениям", "по утверждению", "по оценке", "по признанию")
RU_QUOTING = ("цитиру", "процитирова")   # "цитирует X Y": Y speaks, X (often a quoted agency name) relays
RU_TITLE_HEADS = {
    "президент": "president", "министр": "minister", "глава мид": "foreign minister",
    "министр иностранных дел": "foreign minister", "министр обороны": "defence minister",
    "глава минобороны": "defence minister", "замглавы": "deputy", "замглавы мид": "deputy foreign minister",
    "глава": "head", "пресс-секретарь": "spokesman", "представитель": "representative",
    "официальный представитель": "spokeswoman", "постпред": "representative", "посол": "ambassador",
    "спикер": "speaker", "замминистра": "deputy minister", "посла": "ambassador", "послом": "ambassador", "заместитель": "deputy",
    "вице-премьер": "deputy prime minister", "премьер": "prime minister", "премьер-министр": "prime minister",
    "советник": "adviser", "помощник": "aide", "лидер": "leader", "депутат": "lawmaker",
    "председатель": "chairman", "генсек": "secretary", "командующий": "commander", "дипломат": "diplomat",
    "спецпредставитель": "envoy", "руководитель": "head", "директор": "director",
}
RU_UNNAMED_HEADS = ("источник", "источники", "собеседник", "чиновник", "дипломатический источник",
                    "эксперт", "аналитик", "представители")
# titles that name someone's aide ("пресс-секретарь Путина"): a person in the genitive after them is not the speaker
RU_RELATIONAL = ("пресс-секретар", "помощник", "советник", "представител", "замест")
RU_PRONOUNS = {"он": "person", "она": "person", "они": "group", "его": "person", "ее": "person", "их": "group"}
RU_NATIONALITIES = {"российск": "RU", "сирийск": "SY", "американск": "US", "турецк": "TR", "иранск": "IR",
                    "израильск": "IL", "рф": "RU", "россии": "RU", "сирии": "SY", "сша": "US"}
RU_ORG_HEADS = ("кремл", "мид", "министерств", "минобороны", "ведомств", "правительств", "посольств",
                "администрац", "агентств", "сторона", "пресс-служб", "канцеляри", "совет", "дума", "думы", "ассамбле",
                "федерац", "организац", "безопасност", "наци", "объединенн", "республик", "государств", "фронт",
                "армия", "армии", "сил", "войск")

# ----------------------------------------------------------------------------- Arabic

AR_SPEECH = """
قال قالت يقول تقول أكد أكدت يؤكد أوضح أوضحت صرح صرحت أشار أشارت يشير أضاف أضافت تابع تابعت
لفت لفتت شدد شددت أعلن أعلنت اعتبر اعتبرت رأى رأت نوه نوهت أفاد أفادت ذكر ذكرت وصف وصفت دعا دعت
حذر حذرت أردف أردفت كشف كشفت نقل نقلت قوله قولها مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة معتبرا معلنا
أشاد أشادت رحب رحبت طالب طالبت اعترف اعترفت جدد جددت نفى نفت قائلا قائلة أعرب أعربت أبدى أبدت
ادعى ادعت زعم زعمت توعد توعدت يتوعد تتوعد
""".split()
AR_INHERIT = frozenset(fold(w) for w in "أضاف أضافت تابع تابعت أردف أردفت مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة "
                       "معتبرا معلنا قائلا قائلة".split())
AR_ACCORDING = ("وفق", "وفقا ل", "بحسب", "حسب", "نقلا عن", "نقلت عن", "نقل عن", "على لسان")
AR_TITLE_HEADS = {
    "وزير الخارجية": "foreign minister", "وزير الدفاع": "defence minister", "وزيرا الخارجية": "foreign minister",
    "المتحدث باسم الكرملين": "spokesman", "المتحدثة باسم الخارجية": "spokeswoman", "المتحدثة الرسمية": "spokeswoman",
    "الرئيس": "president", "رئيس": "president", "وزير": "minister", "وزيرة": "minister",
    "المتحدث": "spokesman", "المتحدثة": "spokeswoman", "الناطق": "spokesman", "سفير": "ambassador",
    "السفير": "ambassador", "مندوب": "representative", "المندوب": "representative", "نائب": "deputy",
    "مستشار": "adviser", "مبعوث": "envoy", "المبعوث": "envoy", "قائد": "commander", "زعيم": "leader",
    "رئيسة": "president", "الوزير": "minister", "نظيره": "counterpart", "الجنرال": "commander",
}
# with the article these name someone already named ("وتابع الدبلوماسي الروسي"), not an unnamed source
AR_DEFINITE_DESCRIPTORS = {"الدبلوماسي": "diplomat", "المسؤول": "official"}
AR_UNNAMED_HEADS = ("مصدر", "مصادر", "مسؤول", "مسؤولون", "دبلوماسي", "مراقبون", "خبراء")
AR_ORG_HEADS = ("وزارة", "الكرملين", "وكالة", "قناة", "صحيفة", "الحكومة", "الخارجية", "الرئاسة", "وسائل",
                "موقع", "مكتب", "إدارة", "السفارة", "الجيش", "القيادة")
AR_NATIONALITIES = {"الروسي": "RU", "الروسية": "RU", "السوري": "SY", "السورية": "SY", "الأمريكي": "US",
                    "الأميركي": "US", "التركي": "TR", "الإيراني": "IR", "الإسرائيلي": "IL"}
AR_PARTICLES = ("إن", "أن", "إنه", "أنه", "انه", "إنها", "أنها", "إننا", "أننا", "خلال", "في", "على", "إلى",
                "الى", "عن", "من", "مع", "بعد", "قبل", "يوم", "اليوم", "أمس", "لـ", "ل", "و", "،", ":", "بأن")


# ----------------------------------------------------------------------------- quotation filters

# words before a quotation that make it a name or a term, not a statement ("the so-called “plan”")
SCARE_BEFORE = {
    "en": EN_SCARE_BEFORE,
    "ru": re.compile(r"(?:так называем\w*|под названием|именуем\w*|термин\w*|слов[оа]|лозунг\w*|газет\w*|"
                     r"агентств\w*|издани\w*|телеканал\w*|компани\w*|групп\w*|организаци\w*|передает|передаёт|сообщает|"
                     r"программ\w*|передач\w*|проект\w*|рубрик\w*|журнал\w*|фильм\w*|"
                     r"пишет|со ссылкой на|по данным)\s*$", re.I),
    "ar": re.compile(r"(?:ما يسمى|ما يعرف ب|المسماة|بعنوان|باسم|صحيفة|وكالة|أنباء|قناة|شاشة|تلفزيون|إذاعة|موقع|تنظيم|هيئة|وزير|وزارة|"
                     r"عبر|منصة|صفحة|حساب|مجلة|جريدة|برنامج|برنامجه|فيلم|كتاب|حركة|حزب|جماعة|فصيل|ميليشيا|قائد|زعيم|"
                     r"ما نقلته|ما نقلت|ما ذكرته|ما أوردته|ما أفادت به)\s*$"),
}
# countries whose people's names Arabic writes one way (spelling-tolerant matching is for foreign names)
ARABIC_SPEAKING_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "EG", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "PS",
                                       "LY", "TN", "DZ", "MA", "SD", "MR"})
# "in an interview with “RT”": the quoted words right after these name the outlet spoken to
INTERVIEW_WITH = {
    "en": re.compile(r"\b(?:interview|interviews|talk|talks|conversation|speaking|spoke|told)\s+(?:with|to)\s*$", re.I),
    "ru": re.compile(r"(?<![\w])(?:интервью|в\s+эфире|беседе\s+с)\s*$", re.I),
    "ar": re.compile(r"(?:مقابلة|حوار|حديث|لقاء|تصريحات?|سؤال)\s+(?:مع|ل|لـ)\s*$"),
}
# Russian media must mark a banned organisation's name: «ИГ (запрещена в РФ)» is a name, not speech
NAME_NOTE = re.compile(r"\((?:[^()]*\s)?(?:организаци\w+\s+)?запрещен\w*[^()]*\)", re.I)
# "“RT” and “Rossiya-24”": a short quotation joined to the one before it by "and" or a comma
JOINED_TO_PREVIOUS = re.compile("\u2591" + r"\s*(?:and|и|و|,|،)\s*$")   # U+2591: the mask of quoted text
# words right before a date that make it not the date of saying ("since Monday", "до 15 октября")
DATE_EXCLUDE_BEFORE = {
    "en": re.compile(r"\b(?:since|until|till|before|after|by|from|through|ahead of|next|coming|starting)\s+(?:\w+\s+)?$",
                     re.I),
    "ru": re.compile(r"(?<![\w])(?:с|со|до|после|к|накануне|перед|начиная с)\s+(?:\w+\s+)?$", re.I),
    "ar": re.compile(r"(?<![\w])(?:منذ|قبل|بعد|حتى|مطلع|نهاية)\s+(?:\S+\s+)?$"),
}
# a sentence that reports happenings: its first dated day is the story's lead date
EVENT_VERBS = {
    "en": re.compile(
        r"\b(?:visit\w*|meet|meets|met|meeting|sign\w*|arriv\w*|withdr[ae]w\w*|call(?:ed|s)?|held|hold\w*|"
        r"talks|announc\w*|launch\w*|deploy\w*|strik\w*|struck|veto\w*|vot\w*|elect\w*|toppl\w*|oust\w*|"
        r"fled|flee\w*|agree\w*|attack\w*|patrol\w*|conduct\w*|travel\w*|host\w*|receiv\w*|open\w*|"
        r"clos\w*|began|begin\w*|start\w*|end\w*|join\w*|sent|send\w*|deliver\w*|return\w*|left|leave\w*|"
        r"captur\w*|seiz\w*|kill\w*|bomb\w*|interven\w*|establish\w*|suspend\w*|terminat\w*|adopt\w*|"
        r"approv\w*|reject\w*|discuss\w*|urg\w*|said|says|told|spoke|reported|praised|monitor\w*|"
        r"took|take\w*|made|summit|ceremony|conference|deal|accord)\b", re.I),
    "ru": re.compile(r"(?<![\w])(?:\w+(?:л|ла|ли|лся|лась|лись)|встреч\w*|переговор\w*|визит\w*)(?![\w])", re.I),
    "ar": re.compile(r"(?<![\w])(?:و?(?:قال|أكد|أعلن|التقى|زار|وصل|بحث|اجتمع|استقبل|وقع|أجرى|عقد)\w*|زيارة|لقاء|"
                     r"محادثات|اجتماع)(?![\w])"),
}

# happenings at which words are said: a dated one may date the quotations of the people it names
MEETING_WORDS = {
    "en": re.compile(r"\b(?:met|meet\w*|talks|visit\w*|summit|conference|interview|briefing|session|hosted|received|"
                     r"call(?:ed)?|phone|spoke|speech|address\w*)\b", re.I),
    "ru": re.compile(r"(?<![\w])(?:встреч\w*|переговор\w*|визит\w*|саммит\w*|брифинг\w*|интервью|пресс-конференц\w*|"
                     r"разговор\w*|беседа|беседы|выступ\w*|принял\w*)(?![\w])", re.I),
    "ar": re.compile(r"(?<![\w])(?:و?(?:لقاء|اللقاء|لقائه|محادثات|المحادثات|مباحثات|زيارة|الزيارة|قمة|مؤتمر|اجتماع|"
                     r"استقبل|التقى|يلتقي|اتصال|مقابلة|يجري|تجري|يستقبل)\w*)(?![\w])"),
}

# a lead in the present perfect or present tense reports today's news ("Putin has made a surprise visit",
# "В Кремле начались переговоры … сообщает Кремль", "يجري وزيرا الخارجية محادثات")
NEWS_PRESENT = {
    "en": re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:\w+ed|made|met|held|begun|sent|won|taken|given|spoken|"
                     r"arrived|come)\b|\b(?:is|are)\s+(?:holding|meeting|visiting|hosting)\b", re.I),
    # "переговоры начались с выступлений" (began with …) tells how they went, not that they are under way
    "ru": re.compile(r"(?<![\w])(?:(?:начались|начался|началась)(?!\s+(?:с|со)\s)|проходят|проходит|идут|продолжаются)"
                     r"(?![\w])", re.I),
    "ar": re.compile(r"(?<![\w])(?:يجري|تجري|يعقد|تعقد|يستقبل|تستقبل|يلتقي|يبحث|تبحث|يزور)(?![\w])"),
}

from components.ingest.lexicon_dates import (  # noqa: E402,F401  (re-exported)
    DateWords,
    date_words,
)

# ----------------------------------------------------------------------------- per-language bundle

@dataclass(frozen=True)
class Lexicon:
    """The vocabulary one language's stages read."""

    lang: str
    speech: dict[str, str]                 # surface form (folded) → base form
    according: tuple[str, ...]             # cues whose speaker follows: "according to", "по словам", "بحسب"
    inherit: frozenset[str]                # forms that continue the previous speaker (gerunds, "added")
    title_heads: dict[str, str]            # title word (folded) → English head ("president", "minister")
    unnamed_heads: tuple[str, ...]
    pronouns: dict[str, str]
    org_heads: tuple[str, ...]
    nationalities: dict[str, str | None]   # adjective stem (folded) → ISO country
    stop_words: tuple[str, ...] = field(default=())


def _ru_speech() -> dict[str, str]:
    words = {fold(s + end): fold(s + "л") for s in _RU_PAST_STEMS for end in ("л", "ла", "ли", "ло")}
    words.update({fold(w): fold(w) for w in _RU_FIXED})
    words.update({fold(w): fold(w) for w in RU_GERUNDS})
    return words


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` ("en", "ru" or "ar")."""
    if lang == "ru":
        return Lexicon("ru", _ru_speech(), tuple(fold(w) for w in RU_ACCORDING), frozenset(RU_GERUNDS),
                       {fold(k): v for k, v in RU_TITLE_HEADS.items()}, tuple(fold(w) for w in RU_UNNAMED_HEADS),
                       RU_PRONOUNS, tuple(fold(w) for w in RU_ORG_HEADS), RU_NATIONALITIES)
    if lang == "ar":
        return Lexicon("ar", {fold(w): fold(w) for w in AR_SPEECH}, tuple(fold(w) for w in AR_ACCORDING),
                       AR_INHERIT, {fold(k): v for k, v in AR_TITLE_HEADS.items()},
                       tuple(fold(w) for w in AR_UNNAMED_HEADS), {}, tuple(fold(w) for w in AR_ORG_HEADS),
                       {fold(k): v for k, v in AR_NATIONALITIES.items()}, tuple(fold(w) for w in AR_PARTICLES))
    return Lexicon("en", _en_speech_words(), ("according to",), frozenset(), {w: w for w in EN_TITLE_HEADS},
                   (), EN_PRONOUNS, tuple(EN_ORG_HEADS), EN_NATIONALITIES)


# ----------------------------------------------------------------------------- topics

TOPIC_WORDS: dict[str, dict[str, str]] = {
    "bases": {
        "en": r"bases?|airbase|air base|naval (?:base|facility|port)|military presence|military facilit\w*|"
              r"deployments?|presence of (?:our|russian|foreign) (?:soldiers|troops|forces)|foreign (?:military )?presence|"
              r"withdraw\w*|troops",
        "ru": r"баз[аыеу]\w*|военн\w* присутстви\w*|вывод\w* войск",
        "ar": r"قاعد[هت]\w*|القواعد|قواعد|الوجود العسكري|انسحاب|سحب القوات"},
    "sanctions-unsc": {
        "en": r"sanctions?|security council|unsc|veto\w*|resolutions?|delist\w*|embargo",
        "ru": r"санкци\w*|совбез\w*|совет\w* безопасности|вето|резолюци\w*",
        "ar": r"عقوبات|العقوبات|مجلس الامن|الفيتو|قرار"},
    "reconstruction": {
        "en": r"reconstruct\w*|rebuild\w*|investment\w*|infrastructure|projects?|ports?|economic (?:cooperation|"
              r"development|projects?)|contracts?|recovery",
        "ru": r"восстановлени\w*|инвестиц\w*|инфраструктур\w*|проект\w*|экономическ\w*",
        "ar": r"اعاده الاعمار|الاعمار|استثمار\w*|البنيه التحتيه|مشاريع|الاقتصادي\w*"},
    "energy-trade": {
        "en": r"oil|gas|fuel|wheat|grain|trade|exports?|imports?|energy|phosphates?|shipments?",
        "ru": r"нефт\w*|газ\w*|топлив\w*|пшениц\w*|зерн\w*|торгов\w*|энерг\w*",
        "ar": r"النفط|الغاز|الوقود|القمح|التجاره|الطاقه"},
    "currency-finance": {
        "en": r"currency|banknotes?|goznak|debts?|banks?|central bank|payments?|financ\w*|loans?|rubles?|roubles?|"
              r"lira|funds?|frozen",
        "ru": r"валют\w*|долг\w*|банк\w*|финанс\w*|кредит\w*|рубл\w*",
        "ar": r"العمله|الديون|البنك|المصرف|تمويل|الليره"},
    "arms-army": {
        "en": r"arms|weapons?|army|military advisers?|training|air defen[cs]e|armed forces|armed factions|"
              r"military cooperation|defen[cs]e ministry|warplanes?|missiles?",
        "ru": r"оружи\w*|арми\w*|вооруженн\w*|военн\w* сотрудничеств\w*|минобороны",
        "ar": r"السلاح|اسلحه|الجيش|القوات المسلحه|التعاون العسكري|وزاره الدفاع"},
    "security-intelligence": {
        "en": r"security|intelligence|terror\w*|attacks?|patrols?|military police|isis|daesh|provocations?|"
              r"strikes?|violence|bloodshed|de-escalation|cease ?fire|threats?|stabili[sz]\w*|stability|posts?",
        "ru": r"безопасност\w*|разведк\w*|террор\w*|атак\w*|стабильн\w*|нестабильн\w*",
        "ar": r"الامن\w*|الاستخبارات|الارهاب\w*|هجوم|الاستقرار"},
    "assad-legacy": {
        "en": r"assad|asylum|hand(?:ing)? (?:him )?over|handover|extradit\w*|previous regime|former regime|"
              r"compensation|past mistakes|shelter\w*|poison\w*|ousted|toppled|war phase",
        "ru": r"асад\w*|убежищ\w*|выдач\w*|выдать|прежн\w* режим\w*",
        "ar": r"الاسد|اللجوء|تسليم|النظام السابق|البائد"},
    "humanitarian": {
        "en": r"humanitarian|civilians?|aid|refugees?|displaced|casualties|victims|needy",
        "ru": r"гуманитарн\w*|беженц\w*|мирн\w* жител\w*|помощ\w*",
        "ar": r"انساني\w*|اللاجئين|المدنيين|مساعدات"},
    "diplomacy": {
        "en": r"relations?|relationship|visits?|talks|dialogue|cooperation|partnership|sovereignty|territorial "
              r"integrity|diplomat\w*|summit|meeting|negotiat\w*|political (?:process|settlement)|ties|elections?|"
              r"interstate|bilateral|unity|new page|mediator|integrity",
        "ru": r"отношени\w*|визит\w*|переговор\w*|диалог\w*|сотрудничеств\w*|суверенитет\w*|встреч\w*",
        "ar": r"العلاقات|علاقات|زياره|محادثات|الحوار|التعاون|السياده|لقاء|وحده"},
}
DEFAULT_TOPIC = "diplomacy"
