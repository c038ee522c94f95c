"""Date rules prompted by excerpts scored before any rule was written for them (issue 9, date side): when
the text settles the day a quotation was said, and when it must stay null. Each text is a few sentences
written for the rule, in each language the rule covers; 2024-03-13 (the default publication day) is a
Wednesday."""

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.dates import find_dates  # noqa: E402
from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "dmitry-peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RU",
     "aliases": ["Peskov", "Дмитрий Песков", "Песков", "دميتري بيسكوف", "بيسكوف"]},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin", "Владимир Путин", "Путин", "فلاديمير بوتين", "بوتين"]},
    {"id": "bashar-al-assad", "name": "Bashar al-Assad", "kind": "person", "country": "SY",
     "aliases": ["Assad", "Асад", "الأسد"]},
    {"id": "russia", "name": "Russia", "kind": "state", "aliases": ["Russia", "Россия", "روسيا"]},
]
WEDNESDAY = "2024-03-13"


def said_on(text, published=WEDNESDAY):
    """The date of each statement found in ``text``, in text order."""
    found = extract(Article(text=text, published=published, path="t.txt"), ACTORS)["statements"]
    assert found, text
    return [s["said_on"] for s in found]


# ----------------------------------------------------------------------------- each relative form

@pytest.mark.parametrize("text,expected", [
    ("Peskov said on Tuesday: “We are ready.”", "2024-03-12"),
    ("Peskov said yesterday: “We are ready.”", "2024-03-12"),
    ("Peskov said today: “We are ready.”", WEDNESDAY),
    ("Песков заявил вчера: «Мы готовы».", "2024-03-12"),
    ("Песков заявил в среду: «Мы готовы».", WEDNESDAY),
    ("Песков заявил в прошлую среду: «Мы готовы».", "2024-03-06"),
    ("قال بيسكوف أمس: \"نحن مستعدون\".", "2024-03-12"),
    ("قال بيسكوف اليوم الأربعاء: \"نحن مستعدون\".", WEDNESDAY),
    ("قال بيسكوف الأربعاء الماضي: \"نحن مستعدون\".", "2024-03-06"),
])
def test_each_relative_form_resolves_against_the_publication_day(text, expected):
    assert said_on(text) == [expected]


@pytest.mark.parametrize("text", [
    "Peskov said on Tuesday: “We are ready.”",
    "Песков заявил в среду: «Мы готовы».",
    "قال بيسكوف أمس: \"نحن مستعدون\".",
    "قال بيسكوف اليوم: \"نحن مستعدون\".",
])
def test_with_no_publication_date_a_relative_day_stays_null(text):
    assert said_on(text, published=None) == [None]


# ----------------------------------------------------------------------------- Arabic verb–subject order

def test_arabic_date_after_a_long_subject_and_its_apposition_dates_the_verb():
    text = ("أكد المتحدث باسم الرئاسة الروسية في موسكو، دميتري بيسكوف، اليوم الأربعاء، أن "
            "\"الحوار مع دمشق مستمر\".")
    assert said_on(text) == [WEDNESDAY]


def test_arabic_date_after_the_reported_words_begin_is_not_the_sayings():
    text = "أكد دميتري بيسكوف أن الوفد وصل يوم الأحد، مضيفا: \"الحوار مستمر\"."
    assert said_on(text) == [None]


# ----------------------------------------------------------------------------- reported words

@pytest.mark.parametrize("text", [
    "Peskov stressed that relations are stronger today than ever, saying “nothing has changed.”",
    "Песков заявил, что сегодня «ничего не изменилось».",
])
def test_a_day_inside_the_reported_words_does_not_date_them(text):
    assert said_on(text) == [None]


def test_a_day_before_english_that_still_dates_the_verb():
    assert said_on("Peskov said on Tuesday that “nothing has changed.”") == ["2024-03-12"]


# ----------------------------------------------------------------------------- run-on sentences

@pytest.mark.parametrize("text", [
    "في 8 مارس 2024، سيطرت القوات على المدينة، وقال بيسكوف: \"نتابع الوضع\".",
    "8 марта 2024 года, войска вошли в город, а Песков заявил: «Мы следим за ситуацией».",
])
def test_an_opening_date_does_not_reach_a_verb_clauses_later(text):
    assert said_on(text) == [None]


def test_an_opening_date_dates_the_verb_right_after_it():
    assert said_on("في 11 مارس 2024، قال بيسكوف: \"نتابع الوضع\".") == ["2024-03-11"]


# ----------------------------------------------------------------------------- occasions

@pytest.mark.parametrize("text", [
    "Peskov said in an interview on Tuesday: “Relations between our countries are good.” During the meeting "
    "with the delegation, Peskov said: “We welcome our Syrian guests to Moscow.”",
    "Песков заявил в интервью во вторник: «Отношения между нашими странами хорошие». На встрече с делегацией "
    "Песков сказал: «Мы рады видеть сирийских гостей в Москве».",
    "قال بيسكوف يوم الثلاثاء في مقابلة مع قناة روسية: \"العلاقات بين بلدينا جيدة جدا\". وخلال اللقاء مع الوفد، "
    "قال بيسكوف: \"نرحب بضيوفنا السوريين في موسكو\".",
])
def test_a_dated_interview_does_not_date_words_said_at_a_meeting(text):
    assert said_on(text) == ["2024-03-12", None]


def test_the_same_occasion_carries_the_date():
    text = "Peskov told reporters on Tuesday: “Relations are good.” Peskov also told reporters: “Nothing else.”"
    assert said_on(text) == ["2024-03-12", "2024-03-12"]


# ----------------------------------------------------------------------------- today's news

def test_todays_news_that_names_someone_else_does_not_date_the_words():
    text = "Putin has called Assad.\n\n“We agreed on the next steps,” Peskov said."
    assert said_on(text) == [None]


def test_a_present_tense_after_a_headline_colon_is_what_was_said():
    text = "Песков: в Москве идут переговоры\n\nПесков заявил журналистам: «Мы ожидаем результатов»."
    assert said_on(text) == [None]


def test_todays_news_that_names_the_speaker_dates_the_words():
    text = "В Кремле идут переговоры, сообщил Песков.\n\nПесков заявил журналистам: «Мы ожидаем результатов»."
    assert said_on(text)[-1] == WEDNESDAY


# ----------------------------------------------------------------------------- plans, topics, earlier

@pytest.mark.parametrize("text", [
    "وقال بيسكوف في 20 مارس 2024: \"سنرى\".",
    "Peskov said on March 20, 2024: “We will see.”",
])
def test_a_day_after_publication_is_a_plan_not_when_it_was_said(text):
    assert said_on(text) == [None]


@pytest.mark.parametrize("text", [
    "وقال بيسكوف ردا على سؤال حول أحداث 8 مارس: \"لا تعليق\".",
    "Peskov, asked about the events of March 8, said: “No comment.”",
])
def test_a_full_date_that_is_the_topic_does_not_date_the_words(text):
    assert said_on(text) == [None]


def test_the_day_before_in_russian_is_an_undated_earlier_remark():
    assert said_on("Песков накануне заявил: «Встреча не планируется».") == [None]


def test_an_arabic_date_marked_next_is_in_the_future():
    ref = dt.date(2025, 7, 31)
    (d,) = find_dates("القمة في 15 أكتوبر المقبل", ref, "ar")
    assert d.future and d.date == "2024-10-15"


# ----------------------------------------------------------------------------- names that hold "today"

@pytest.mark.parametrize("text,lang", [
    ("قال لافروف لقناة روسيا اليوم", "ar"),
    ("نقل موقع المغرب اليوم", "ar"),
    ("عملنا حتى اليوم على ذلك", "ar"),
    ("сообщило агентство Россия сегодня", "ru"),
    ("Lavrov told Russia Today", "en"),
    ("Lavrov told USA Today", "en"),
])
def test_an_outlet_name_or_until_today_is_not_a_day(text, lang):
    assert find_dates(text, WEDNESDAY, lang) == []


@pytest.mark.parametrize("text,lang", [
    ("قالت روسيا، اليوم، إن", "ar"),
    ("Lavrov arrived on Monday. Today, Peskov spoke", "en"),
])
def test_today_after_a_break_is_still_a_day(text, lang):
    assert WEDNESDAY in [d.date for d in find_dates(text, WEDNESDAY, lang)]
