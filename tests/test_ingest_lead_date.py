"""The story's lead date as a quotation's date: only when the article's publication date shows the
words are that day's news. Each text is a few sentences written for the rule."""

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
]

TEXTS = {
    "en": ("Delegations from both countries met in Damascus on 12 March 2024 to discuss trade.\n\n"
           "“We expect more meetings of this kind,” Peskov said."),
    "ru": ("Делегации двух стран провели переговоры в Дамаске 12 марта 2024 года.\n\n"
           "«Мы ожидаем новых встреч такого рода», — сказал Песков."),
    "ar": ("عقد وفدا البلدين اجتماعا في دمشق يوم 12 مارس 2024 لبحث التجارة.\n\n"
           "وقال بيسكوف: \"نتوقع مزيدا من اللقاءات من هذا النوع\"."),
}


def said_on(lang, published):
    statements = extract(Article(text=TEXTS[lang], published=published, path="t.txt"), ACTORS)["statements"]
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_with_no_publication_date_a_happening_that_does_not_name_the_speaker_dates_nothing(lang):
    s = said_on(lang, None)
    assert s["speaker_id"] == "dmitry-peskov"
    assert s["said_on"] is None
    assert any("does not name the speaker" in r for r in s["reasons"]), s["reasons"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_with_a_publication_date_the_days_lead_happening_dates_the_quotation(lang):
    assert said_on(lang, "2024-03-13")["said_on"] == "2024-03-12"


def test_in_arabic_news_the_lead_happening_dates_the_story_not_another_speakers_words():
    s = said_on("ar", "2024-03-13")
    assert s["said_on"] is None
    assert any("dates the story, not the words" in r for r in s["reasons"]), s["reasons"]


def test_in_arabic_news_a_happening_that_names_the_speaker_still_dates_their_words():
    text = TEXTS["ar"].replace("عقد وفدا البلدين اجتماعا", "عقد بيسكوف اجتماعا")
    statements = extract(Article(text=text, published="2024-03-13", path="t.txt"), ACTORS)["statements"]
    assert [s["said_on"] for s in statements] == ["2024-03-12"]


@pytest.mark.parametrize("text", [
    "«Нам нечего сообщить по этому вопросу», — сказал Песков.Ранее, 11 марта, сообщалось о переговорах.",
    "\"We have nothing to add on this matter,\" Peskov said.Earlier, on March 11, talks were reported.",
])
def test_a_date_past_a_full_stop_that_lost_its_space_is_not_the_attribution_clauses(text):
    [s] = extract(Article(text=text, published="2024-03-20", path="t.txt"), ACTORS)["statements"]
    assert s["said_on"] != "2024-03-11"
    assert not any("in the attribution clause" in r for r in s["reasons"]), s["reasons"]
