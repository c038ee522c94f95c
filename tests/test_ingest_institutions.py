"""Ministries and offices as speakers when no person is named: "заявили в Минобороны РФ",
"отметили в ведомстве", "говорится в сообщении МИД", "وقالت وزارة الخارجية الروسية". Each text is a
few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "country": "RU",
     "aliases": ["Lavrov", "Сергей Лавров", "Лавров", "سيرغي لافروف", "لافروف"]},
    {"id": "russian-foreign-ministry", "name": "Russian Foreign Ministry", "kind": "organisation", "country": "RU",
     "aliases": ["Russian Foreign Ministry"]},
]


def speakers(text):
    result = extract(Article(text=text, published="2024-05-06", path="t.txt"), ACTORS)
    return [(s["speaker"], s["speaker_id"]) for s in result["statements"]]


@pytest.mark.parametrize("text, label", [
    ("Лавров провел переговоры в Дамаске.\n\n«Стороны обсудили поставки зерна и топлива», — заявили в Минобороны РФ.",
     "Russian Defence Ministry"),
    ("«Стороны обсудили поставки зерна и топлива», — сообщили в российском военном ведомстве.",
     "Russian Defence Ministry"),
    ("وقالت وزارة الخارجية الروسية في بيان: \"ناقش الطرفان توريد الحبوب والوقود إلى سوريا\".",
     "Russian Foreign Ministry"),
    ("التقى لافروف نظيره في موسكو. وقالت وزارة الدفاع السورية: \"ناقش الطرفان توريد الحبوب والوقود\".",
     "Syrian Defence Ministry"),
])
def test_a_ministry_named_as_the_subject_is_the_speaker_in_english(text, label):
    assert speakers(text)[-1][0] == label


def test_a_matched_ministry_carries_its_actor_id():
    text = "«Стороны обсудили поставки зерна и топлива», — заявили в МИД РФ."
    assert speakers(text) == [("Russian Foreign Ministry", "russian-foreign-ministry")]


def test_the_ministry_referred_back_to_is_the_one_named_before():
    text = ("«Стороны обсудили поставки зерна», — заявили в Минобороны РФ.\n\n"
            "«Также обсуждались вопросы безопасности на границе», — отметили в ведомстве.")
    assert [s for s, _ in speakers(text)] == ["Russian Defence Ministry", "Russian Defence Ministry"]


def test_a_document_that_speaks_is_its_issuers_statement_not_the_person_named_before():
    text = ("Сергей Лавров встретился с коллегой в Нью-Йорке, запись встречи опубликована на сайте МИД РФ.\n\n"
            "«Состоялся обмен мнениями о ситуации в регионе», — говорится в сообщении.")
    assert speakers(text) == [("Russian Foreign Ministry", "russian-foreign-ministry")]
    unlisted = text.replace("МИД РФ", "Минобороны РФ")
    assert speakers(unlisted) == [("Russian Defence Ministry (statement)", None)]


def test_a_title_that_contains_the_ministry_stays_a_person():
    text = "وقال وزير الخارجية الروسي سيرغي لافروف: \"ناقشنا توريد الحبوب والوقود إلى سوريا\"."
    assert speakers(text) == [("Sergey Lavrov", "sergey-lavrov")]
