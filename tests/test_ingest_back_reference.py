"""Who speaks when the text names them only by a descriptor or through a reporting clause:
"the Russian diplomat" / "الدبلوماسي الروسي" after a named Russian; "The Kremlin said X and Y discussed
“…”"; "приводит слова X"; "أعرب X عن …". Each text is a few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "mikhail-bogdanov", "name": "Mikhail Bogdanov", "kind": "person", "country": "RU",
     "aliases": ["Bogdanov", "Михаил Богданов", "Богданов", "ميخائيل بوغدانوف", "بوغدانوف"]},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin", "Владимир Путин", "Путин", "فلاديمير بوتين", "بوتين"]},
    {"id": "kremlin", "name": "Kremlin", "kind": "organisation", "country": "RU", "aliases": ["the Kremlin", "Kremlin"]},
]


def speakers(text):
    result = extract(Article(text=text, published="2024-05-08", path="t.txt"), ACTORS)
    return [s["speaker"] for s in result["statements"]]


@pytest.mark.parametrize("text", [
    ("Deputy Foreign Minister Mikhail Bogdanov arrived in Damascus for talks.\n\n"
     "\"We expect the commission to resume its work soon,\" the Russian diplomat told reporters."),
    ("وصل نائب وزير الخارجية ميخائيل بوغدانوف إلى دمشق لإجراء محادثات.\n\n"
     "وتابع الدبلوماسي الروسي: \"نتوقع أن تستأنف اللجنة عملها قريبا\"."),
])
def test_the_diplomat_after_a_named_diplomat_is_that_person(text):
    assert speakers(text) == ["Mikhail Bogdanov"]


@pytest.mark.parametrize("text", [
    "\"We expect the commission to resume its work soon,\" a Russian diplomat told reporters.",
    "وقال دبلوماسي روسي: \"نتوقع أن تستأنف اللجنة عملها قريبا في جنيف\".",
])
def test_a_diplomat_named_by_no_one_stays_an_unnamed_source(text):
    [label] = speakers(text)
    assert "unnamed" in label


def test_the_reporting_clause_speaks_not_the_weak_verb_inside_it():
    text = "The Kremlin said Putin and his guest discussed \"the whole range of bilateral issues\" by phone."
    assert speakers(text) == ["Kremlin"]


def test_russian_quoted_words_of_someone_relayed_by_an_agency():
    result = extract(Article(text="«Визит состоится в ближайшее время», — приводит слова Богданова агентство.",
                             published="2024-05-08", path="t.txt"), ACTORS)
    [s] = result["statements"]
    assert (s["speaker"], s["relayed"]) == ("Mikhail Bogdanov", True)


def test_arabic_expressed_hope_that_is_a_speech_cue():
    text = "وأعرب الرئيس الروسي فلاديمير بوتين عن أمله في أن \"تسهم الزيارة في تعزيز العلاقات بين البلدين\"."
    assert speakers(text) == ["Vladimir Putin"]


@pytest.mark.parametrize("text", [
    "\"Russia is ready to help rebuild the country\" - Bogdanov",
    "«Россия готова помочь восстановлению страны», — Богданов.",
    "\"روسيا مستعدة للمساعدة في إعادة إعمار البلاد\" - بوغدانوف",
])
def test_a_quotation_signed_with_a_dash_and_a_name_is_theirs(text):
    assert speakers(text) == ["Mikhail Bogdanov"]


def test_a_dash_and_words_that_name_no_known_person_give_no_speaker():
    assert speakers("\"Russia is ready to help rebuild the whole country\" - a new poll shows.") == [None]


@pytest.mark.parametrize("phrase", ["По заверениям", "По оценке", "По утверждению"])
def test_russian_by_the_assurance_of_x_names_the_source(phrase):
    assert speakers(f"{phrase} Богданова, «Россия сохраняет диалог со всеми странами региона».") == ["Mikhail Bogdanov"]


@pytest.mark.parametrize("text", [
    "«Визит состоится в ближайшее время», — цитирует «Звезда» Богданова.",
    "«Визит состоится в ближайшее время», — цитирует Богданова агентство.",
])
def test_russian_an_agency_quoting_someone_relays_their_words(text):
    result = extract(Article(text=text, published="2024-05-08", path="t.txt"), ACTORS)
    assert [(s["speaker"], s["relayed"]) for s in result["statements"]] == [("Mikhail Bogdanov", True)]
