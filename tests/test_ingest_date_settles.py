"""Dates only where the text settles them: rules that keep a quotation undated when the story's dated
happening is not when the words were said. Each text is a few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "dmitry-peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RU",
     "aliases": ["Peskov", "Дмитрий Песков", "Песков", "دميتري بيسكوف", "بيسكوف"]},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin", "Владимир Путин", "Путин", "فلاديمير بوتين", "بوتين"]},
    {"id": "kremlin", "name": "Kremlin", "kind": "org", "country": "RU", "aliases": ["Kremlin", "Кремль", "Кремля"]},
    {"id": "syria", "name": "Syria", "kind": "country", "aliases": ["Syria", "Сирия", "Сирии", "سوريا"]},
]


def statements(text, published="2024-03-13"):
    return extract(Article(text=text, published=published, path="t.txt"), ACTORS)["statements"]


def one(text, published="2024-03-13"):
    found = statements(text, published)
    assert len(found) == 1, found
    return found[0]


# (a happening that names the speaker, a sentence opening that moves to another time, the quotation)
SHIFT = {
    "en": ("Putin met Peskov in Moscow on Tuesday.", "Later, ", "Peskov said: “We expect more meetings.”"),
    "ru": ("Путин провел встречу с Песковым в Москве во вторник.", "Позже ",
           "Песков заявил: «Мы ожидаем новых встреч»."),
    "ar": ("التقى بوتين مع بيسكوف في موسكو يوم الثلاثاء.", "ولاحقا ", "قال بيسكوف: \"نتوقع مزيدا من اللقاءات\"."),
}


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_a_later_sentence_opening_stops_the_happenings_date_from_dating_the_words(lang):
    happening, shift, quote = SHIFT[lang]
    assert one(f"{happening}\n\n{quote}")["said_on"] == "2024-03-12"
    s = one(f"{happening}\n\n{shift}{quote}")
    assert s["speaker_id"] == "dmitry-peskov"
    assert s["said_on"] is None
    assert any("later" in r for r in s["reasons"]), s["reasons"]


def test_later_that_day_keeps_the_day():
    text = "Putin met Peskov in Moscow on Tuesday.\n\nLater that day, Peskov said: “We expect more meetings.”"
    assert one(text)["said_on"] == "2024-03-12"


STATEMENT = {
    "en": ("Putin met the Syrian president in Moscow on Tuesday.\n\n"
           "The talks were “very productive”, the Kremlin said{}."),
    "ru": ("Путин провел переговоры с президентом Сирии в Москве во вторник.\n\n"
           "Переговоры были «очень продуктивными», {}"),
}
STATEMENT_FORMS = {"en": (" in a statement", ""),
                   "ru": ("говорится в сообщении Кремля.", "сообщили в Кремле.")}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_institutions_written_statement_is_not_dated_by_the_happening_it_reports(lang):
    statement, plain = STATEMENT_FORMS[lang]
    s = one(STATEMENT[lang].format(statement))
    assert s["speaker_id"] == "kremlin" and s["said_on"] is None
    assert any("statement" in r for r in s["reasons"]), s["reasons"]
    assert one(STATEMENT[lang].format(plain))["said_on"] == "2024-03-12"


def test_a_day_the_speakers_own_clause_does_not_give_to_the_saying_dates_none_of_their_words():
    # the draft was blocked on Tuesday; when Peskov spoke, the text does not say
    text = ("Заблокированный во вторник проект отражал конфронтационный подход, заявил Песков. "
            "По его словам, в нем «не были учтены формулировки».")
    s = one(text)
    assert s["speaker_id"] == "dmitry-peskov"
    assert s["said_on"] is None


def test_a_possessive_weekday_dates_the_meeting_not_the_description():
    s = one("State television described Tuesday's meeting as “long”.")
    assert s["said_on"] is None, s["reasons"]
    assert one("State television on Tuesday described the meeting as “long”.")["said_on"] == "2024-03-12"


def test_russian_inverted_speech_verb_after_reported_words_takes_the_name_after_it():
    s = one("Решение по Сирии «было ошибкой» с самого начала, заявил Песков.")
    assert s["speaker_id"] == "dmitry-peskov"


def test_arabic_present_tense_news_of_the_day_dates_only_the_speaker_it_names():
    lead = "يجري الرئيس بوتين محادثات في موسكو مع وفد سوري."
    other = one(f"{lead}\n\nوقال بيسكوف: \"نتوقع مزيدا من اللقاءات\".")
    assert other["speaker_id"] == "dmitry-peskov" and other["said_on"] is None
    own = one(f"{lead}\n\nوقال بوتين: \"نتوقع مزيدا من اللقاءات\".")
    assert own["speaker_id"] == "vladimir-putin" and own["said_on"] == "2024-03-13"


EARLIER = {
    "en": ("Putin met Peskov in Moscow on Tuesday.", "Peskov previously said: “We expect more meetings.”"),
    "ru": ("Путин провел встречу с Песковым в Москве во вторник.", "Ранее Песков заявил: «Мы ожидаем новых встреч»."),
    "ar": ("التقى بوتين مع بيسكوف في موسكو يوم الثلاثاء.", "وكان بيسكوف قد قال: \"نتوقع مزيدا من اللقاءات\"."),
}


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_an_earlier_remark_reported_as_background_is_not_dated_by_the_story(lang):
    happening, quote = EARLIER[lang]
    s = one(f"{happening}\n\n{quote}")
    assert s["speaker_id"] == "dmitry-peskov"
    assert s["said_on"] is None
    assert any("earlier remark" in r for r in s["reasons"]), s["reasons"]


def test_an_earlier_remark_its_own_clause_dates_keeps_that_date():
    assert one("وكان بيسكوف قد قال أمس: \"نتوقع مزيدا من اللقاءات\".")["said_on"] == "2024-03-12"


INTERVIEW = {
    "en": "Peskov said in an interview aired on Tuesday: “We expect more meetings.”",
    "ru": "Песков в интервью, опубликованном во вторник, заявил: «Мы ожидаем новых встреч».",
    "ar": "وقال بيسكوف في مقابلة بثت يوم الثلاثاء: \"نتوقع مزيدا من اللقاءات\".",
}


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_an_interview_dated_by_its_broadcast_is_not_dated(lang):
    s = one(INTERVIEW[lang])
    assert s["speaker_id"] == "dmitry-peskov"
    assert s["said_on"] is None
    assert any("broadcast" in r for r in s["reasons"]), s["reasons"]


def test_an_interview_the_text_places_on_a_day_keeps_that_day():
    assert one("Peskov said in an interview on Tuesday: “We expect more meetings.”")["said_on"] == "2024-03-12"


@pytest.mark.parametrize("text", [
    "وقال بيسكوف إن الأسد وصل يوم الثلاثاء إلى موسكو مع عائلته، مضيفا: \"لن نسلمه أبدا لأي طرف\".",
    "وأكد بيسكوف أن الاجتماع الذي عقد يوم الثلاثاء كان \"بناء ومفيدا للطرفين\".",
])
def test_arabic_day_inside_the_reported_words_is_not_the_sayings(text):
    assert one(text)["said_on"] is None


def test_arabic_day_before_the_reported_words_dates_the_saying():
    assert one("وقال بيسكوف يوم الثلاثاء إن \"الاجتماع كان بناء ومفيدا للطرفين\".")["said_on"] == "2024-03-12"


@pytest.mark.parametrize("text, date", [
    ("التقى بوتين مع بيسكوف يوم الثلاثاء.\n\nوقال بيسكوف في تصريحات سابقة: \"نتوقع مزيدا من اللقاءات\".", None),
    ("التقى بوتين مع بيسكوف يوم الثلاثاء.\n\nوقال بيسكوف في وقت سابق من اليوم: \"نتوقع مزيدا من اللقاءات\".",
     "2024-03-13"),
])
def test_arabic_earlier_statements_versus_earlier_today(text, date):
    assert one(text)["said_on"] == date
