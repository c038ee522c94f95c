"""Speakers spelt differently from the data (Arabic vowel letters), and quoted outlet names
("in an interview with “RT”") that are not speech. Each text is a few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.gazetteer import Gazetteer  # noqa: E402
from components.ingest.reader import Article  # noqa: E402
from components.ingest.spelling import SkeletonIndex, skeleton  # noqa: E402

ACTORS = [
    {"id": "mikhail-bogdanov", "name": "Mikhail Bogdanov", "kind": "person", "country": "RU",
     "aliases": ["Bogdanov", "Михаил Богданов", "ميخائيل بوغدانوف"]},
    {"id": "maria-zakharova", "name": "Maria Zakharova", "kind": "person", "country": "RU",
     "aliases": ["Zakharova", "ماريا زاخاروفا"]},
    {"id": "bouthaina-shaaban", "name": "Bouthaina Shaaban", "kind": "person", "country": "SY",
     "aliases": ["بثينة شعبان"]},
]


def run(text, published="2024-05-06"):
    return extract(Article(text=text, published=published, path="test.txt"), ACTORS)["statements"]


@pytest.mark.parametrize("written", ["بوغدانوف", "بوغدنوف", "بغدانوف", "وبوغدانوف"])
def test_an_arabic_surname_with_other_vowel_letters_is_the_same_person(written):
    index = SkeletonIndex([("بوغدانوف", "mikhail-bogdanov")])
    assert index.lookup(written) == "mikhail-bogdanov"


def test_a_common_word_whose_letters_resemble_an_arab_name_is_not_that_name():
    gaz = Gazetteer(ACTORS)
    assert gaz.skeletons.lookup("بوغدنوف") == "mikhail-bogdanov"   # a foreign name: spelt many ways
    assert gaz.skeletons.lookup("شعبنا") is None                     # "our people", not Bouthaina Shaaban
    assert [h.key for h in gaz.mentions("قالت شعبان إن شعبنا صامد")] == ["bouthaina-shaaban"]
    assert SkeletonIndex([("بوغدانوف", "b")]).lookup("البغدانوف") is None   # the article: an Arabic word
    assert skeleton("الشعبين") == ""


def test_a_skeleton_two_people_share_names_neither():
    index = SkeletonIndex([("بوغدانوف", "a"), ("بغدنوف", "b")])
    assert index.lookup("بوغدانوف") is None


def test_arabic_speaker_spelt_with_an_extra_vowel_letter_is_matched():
    text = "وقال بوغدانوفف في تصريح للصحفيين: \"إن العمل مستمر مع الشركاء في دمشق\"."
    s = run(text.replace("بوغدانوفف", "بوغدنوف"))
    assert [x["speaker_id"] for x in s] == ["mikhail-bogdanov"]
    assert s[0]["speaker"] == "Mikhail Bogdanov"
    s = run("وأكدت زخاروفا: \"لن نقبل أي قرار يفرض من الخارج على الشعب السوري\".")
    assert [x["speaker_id"] for x in s] == ["maria-zakharova"]


@pytest.mark.parametrize("text, outlets", [
    ("Bogdanov said in an interview with \"Zvezda\" and \"Mir\": \"We are ready to help the talks.\"",
     ["Zvezda", "Mir"]),
    ("Богданов заявил в интервью «Звезде»: «Мы готовы помочь переговорам в Женеве».", ["Звезде"]),
    ("وقال بوغدانوف في مقابلة مع \"زفيزدا\" و\"مير\": \"نحن مستعدون للمساعدة في المحادثات\".", ["زفيزدا", "مير"]),
])
def test_the_outlet_named_after_interview_with_is_not_a_quotation(text, outlets):
    texts = [x["text"] for x in run(text)]
    assert not set(outlets) & set(texts), texts
    assert len(texts) == 1 and texts[0].startswith(("We are", "Мы готовы", "نحن"))


def test_the_outlet_a_question_was_put_by_is_not_a_quotation():
    text = "وردا على سؤال لـ\"زفيزدا\" حول المحادثات، قال بوغدانوف: \"نحن على اتصال مع جميع الأطراف\"."
    assert [x["text"] for x in run(text)] == ["نحن على اتصال مع جميع الأطراف"]


def test_a_banned_organisations_name_with_its_legal_note_is_not_a_quotation():
    text = ("«Мы фиксируем активность боевиков у границы», — сказал Богданов. По его словам, там действует "
            "«Исламское государство (организация запрещена в РФ)».")
    assert [x["text"] for x in run(text)] == ["Мы фиксируем активность боевиков у границы"]


@pytest.mark.parametrize("text", [
    "وقال \"بوغدانوف\" في تصريحات صحفية: \"نحن على اتصال مع جميع الأطراف في سوريا\".",
    "Speaking to reporters, \"Bogdanov\" said: \"We are in contact with all the parties in Syria.\"",
    "«Богданов» заявил журналистам: «Мы поддерживаем контакт со всеми сторонами в Сирии».",
])
def test_a_known_name_in_quotation_marks_is_not_a_quotation(text):
    texts = [x["text"] for x in run(text)]
    assert texts and not any("Bogdanov" == t or "بوغدانوف" == t or "Богданов" == t for t in texts), texts


def test_the_outlet_after_as_reported_by_is_not_a_quotation():
    text = "وتابع بوغدانوف: \"روسيا تواصل مراقبة الوضع في سوريا عن كثب\"؛ وفق ما نقلته \"زفيزدا\"."
    assert [x["text"] for x in run(text)] == ["روسيا تواصل مراقبة الوضع في سوريا عن كثب"]


@pytest.mark.parametrize("text, quoted", [
    ("وشدد بوغدانوف على أن “روسيا ستواصل العمل مع دمشق “، مشيرا إلى أهمية الحوار.", "روسيا ستواصل العمل مع دمشق"),
    ("Bogdanov stressed that “Russia will keep working with Damascus “, pointing to the talks.",
     "Russia will keep working with Damascus"),
    ("وقال بوغدانوف إن”الغارات الجوية تعتبر خرقا للقانون الدولي” مشيرا إلى الضحايا.", "الغارات الجوية تعتبر خرقا للقانون الدولي"),
])
def test_mistyped_quotation_marks_still_delimit_the_quotation(text, quoted):
    assert [x["text"] for x in run(text)] == [quoted]


@pytest.mark.parametrize("text, speech", [
    ("Bogdanov told the state news agency \"Zvezda\" that \"Russia will keep working with Damascus.\"",
     "Russia will keep working with Damascus."),
    ("Богданов сообщил агентству РИА «Звезда», что «Россия продолжит работу с Дамаском».",
     "Россия продолжит работу с Дамаском"),
    ("وقال بوغدانوف لوكالة الأنباء الروسية \"زفيزدا\" إن \"روسيا ستواصل العمل مع دمشق\".", "روسيا ستواصل العمل مع دمشق"),
])
def test_a_short_name_a_few_words_after_agency_is_the_outlet(text, speech):
    assert [x["text"] for x in run(text)] == [speech]
