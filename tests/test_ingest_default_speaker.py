"""A quotation with no speech cue of its own takes the speaker of the nearest cue before it (or the
one the lead names), never a date. Each text is a few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "dmitry-peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RU",
     "aliases": ["Peskov", "Дмитрий Песков", "Песков", "دميتري بيسكوف", "بيسكوف"]},
]

TEXTS = {
    "en": ("Moscow is ready to host the next round, Dmitry Peskov said on Monday.\n\n"
           "Reporters gathered outside.\n\n"
           "\"We support a political settlement and a dialogue between all the parties in Syria.\""),
    "ru": ("Москва готова принять следующий раунд переговоров. Об этом заявил в понедельник Дмитрий Песков.\n\n"
           "Журналисты собрались у входа.\n\n"
           "«Мы выступаем за политическое урегулирование и диалог между всеми сторонами в Сирии»."),
    "ar": ("وقال دميتري بيسكوف يوم الاثنين إن موسكو مستعدة لاستضافة الجولة المقبلة.\n\n"
           "وتجمع الصحفيون أمام المبنى.\n\n"
           "\"نحن ندعم التسوية السياسية والحوار بين جميع الأطراف في سوريا\"."),
}


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_an_unattributed_quotation_after_a_named_speaker_is_theirs_and_undated(lang):
    result = extract(Article(text=TEXTS[lang], published="2024-05-08", path="t.txt"), ACTORS)
    last = result["statements"][-1]
    assert last["text"].startswith(("We support", "Мы выступаем", "نحن ندعم"))
    assert last["speaker_id"] == "dmitry-peskov"
    assert last["said_on"] is None
    assert last["confidence"] < 0.5
    assert any("no cue of its own" in r for r in last["reasons"]), last["reasons"]


def test_with_no_speaker_anywhere_before_it_stays_without_one():
    text = "Reporters gathered outside.\n\n\"We support a political settlement and a dialogue between all parties.\""
    result = extract(Article(text=text, published="2024-05-08", path="t.txt"), ACTORS)
    assert [s["speaker"] for s in result["statements"]] == [None]


@pytest.mark.parametrize("text", [
    "\"Our position has not changed,\" he said.",
    "«Наша позиция не изменилась», — сказал он.",
    "\"موقفنا لم يتغير أبدا\"، قال.",
])
def test_a_short_quotation_followed_by_its_speech_verb_is_kept_even_when_he_is_unknown(text):
    result = extract(Article(text=text, published="2024-05-08", path="t.txt"), ACTORS)
    assert [s["text"] for s in result["statements"]] == [text.split("\"")[1] if "\"" in text else "Наша позиция не изменилась"]
