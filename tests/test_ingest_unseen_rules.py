"""Rules prompted by the fourth batch of unseen excerpts (issue 9), one test per stage and language:
Arab names written in Cyrillic (speaker stage, ru), a list of names in marks (quotation stage, ru and
en), and "начались с …" (date stage, ru). Each text is a few sentences written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.extract import extract  # noqa: E402
from components.ingest.gazetteer import Gazetteer  # noqa: E402
from components.ingest.reader import Article  # noqa: E402
from components.ingest.romanise import arab_name_from_cyrillic  # noqa: E402

ACTORS = [
    {"id": "dmitry-peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RU",
     "aliases": ["Peskov", "Дмитрий Песков", "Песков"], "roles": [{"title": "Kremlin spokesman"}]},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin", "Владимир Путин", "Путин"], "roles": [{"title": "President"}]},
    {"id": "bashar-al-assad", "name": "Bashar al-Assad", "kind": "person", "country": "SY",
     "aliases": ["Assad", "Башар Асад", "Асад"], "roles": [{"title": "President"}]},
]
GAZ = Gazetteer(ACTORS, ["Moscow", "Damascus"])


def run(text, published="unknown"):
    return extract(Article(text=text, published=published, path="t.txt"), gazetteer=GAZ)["statements"]


# ---------------------------------------------------------------- speaker stage (ru): Arab names in Cyrillic

@pytest.mark.parametrize("cyrillic, english", [
    ("Абу Мохаммад аль-Джолани", "Abu Mohammad al-Jolani"),
    ("Башар аль-Джаафари", "Bashar al-Jaafari"),
    ("Адель аль-Джубейр", "Adel al-Jubeir"),
    ("Хасан аш-Шейбани", "Hasan al-Sheibani"),
])
def test_an_arab_name_in_cyrillic_is_spelt_as_english_news_spells_it(cyrillic, english):
    assert arab_name_from_cyrillic(cyrillic) == english


def test_a_russian_name_is_not_read_as_an_arab_one():
    assert arab_name_from_cyrillic("Сергей Рябков") is None


def test_an_unlisted_arab_speaker_in_russian_text_gets_the_english_spelling():
    st = run("Лидер группировки Абу Мохаммад аль-Джолани дал интервью.\n\n"
             "«Когда мы говорим о целях, главной является свержение этого режима», – заявил Абу Мохаммад "
             "аль-Джолани в разговоре с журналистом.")
    assert [s["speaker"] for s in st] == ["Abu Mohammad al-Jolani"]


# ---------------------------------------------------------------- quotation stage: a list of names in marks

def test_russian_channel_names_joined_by_i_are_not_quotes():
    st = run("В интервью телеканалу «Соловьев Live», которое транслировалось на «Россия-1» и «Смотрим», Асад "
             "отметил вклад России.\n«Россия сегодня является страной, от которой зависит судьба мира», - "
             "подчеркнул Асад.")
    assert [s["text"] for s in st] == ["Россия сегодня является страной, от которой зависит судьба мира"]
    assert st[0]["speaker"] == "Bashar al-Assad"


def test_english_outlet_names_joined_by_and_are_not_quotes():
    st = run("Peskov spoke to “Izvestia” and “Kommersant”, Peskov said on the call. “We will inform you if "
             "such a meeting takes place,” Peskov said.")
    assert [s["text"] for s in st] == ["We will inform you if such a meeting takes place,"]


def test_a_partial_quote_after_i_is_still_a_quote():
    # the first quoted phrase is lower case speech, not a label: the second stays a quotation
    st = run("Путин напомнил об «особых отношениях» и «Большой совместной работе», сказал Путин.")
    assert "особых отношениях" in [s["text"] for s in st]


# ---------------------------------------------------------------- date stage (ru): "начались с …"

def test_talks_that_began_with_speeches_do_not_date_the_words():
    st = run("Российско-сирийские переговоры в Кремле начались с выступлений глав государств. Владимир Путин "
             "поприветствовал коллегу фразой «добро пожаловать в Россию», сказал Путин.", published="2025-10-15")
    assert [(s["text"], s["said_on"]) for s in st] == [("добро пожаловать в Россию", None)]


def test_talks_that_began_today_still_date_the_words_by_the_publication_day():
    st = run("В Кремле начались переговоры Путина и Асада.\n«Многое сделано с точки зрения восстановления наших "
             "отношений», — сказал Путин.", published="2025-10-15")
    assert [s["said_on"] for s in st] == ["2025-10-15"]


# ---------------------------------------------------------------- quotation stage: markup and titles

def test_an_image_alt_text_in_page_markup_is_not_a_quote():
    st = run('<image>data:image/s3,"s3://crabby-images/bcd5c/bcd5c4e47d92ddc2cbe6b15ba8315eb57bbb6b13" alt="Россия и Сирия ведут переговоры о военных базах"</image>\n'
             '«Мы сообщим, если такая встреча состоится», - сказал Песков.')
    assert [s["text"] for s in st] == ["Мы сообщим, если такая встреча состоится"]


@pytest.mark.parametrize("text", [
    "Песков рассказал в интервью программе «Что это было» о базах, сказал Песков.",
    "Лавров сказал в интервью для проекта «Мосты на Восток», что Россия поможет.",
])
def test_a_russian_programme_or_project_title_is_not_a_quote(text):
    assert run(text) == []


def test_an_arabic_programme_title_is_not_a_quote():
    assert run("وقالت زاخاروفا خلال برنامج “حق المعرفة” على قناة روسية إن الوضع خطير.") == []


# ---------------------------------------------------------------- speaker stage (ru): a name after institution words

def test_an_unlisted_name_after_a_council_s_name_is_the_speaker():
    st = run("База продолжает работать, рассказал бывший член Совета Федерации Франц Клинцевич в интервью.\n\n"
             "«Все хорошо, там все хорошо», — заверил он.", published="2025-12-08")
    assert [(s["text"], s["speaker"]) for s in st] == [("Все хорошо, там все хорошо", "Frants Klintsevich")]


# ---------------------------------------------------------------- speaker stage (en): a dash before an inverted verb

@pytest.mark.parametrize("sign", ["—", "–", "-"])
def test_a_dash_between_the_quote_and_said_name_keeps_the_speaker(sign):
    st = run(f"«We do it in full compliance with international law,» {sign} said Peskov at a briefing in Moscow.")
    assert [(s["text"], s["speaker"]) for s in st] == [("We do it in full compliance with international law,",
                                                        "Dmitry Peskov")]


# ---------------------------------------------------------------- speaker stage (ar): the state agency by its description

def test_the_syrian_news_agency_named_in_arabic_is_the_speaker():
    gaz = Gazetteer.from_data(Path(__file__).resolve().parents[1] / "data")
    text = ('وقالت وكالة الأنباء السورية الرسمية "سانا": "الرئيس بوتين يستقبل الشيباني والوفد المرافق له في '
            'الكرملين"، دون مزيد من التفاصيل.')
    st = extract(Article(text=text, published="unknown", path="t.txt"), gazetteer=gaz)["statements"]
    assert [(s["text"], s["speaker"]) for s in st] == [("الرئيس بوتين يستقبل الشيباني والوفد المرافق له في الكرملين",
                                                        "SANA")]


# ---------------------------------------------------------------- quotation stage (ar): group and outlet names

@pytest.mark.parametrize("text", [
    "وقال قائد “هيئة تحرير الشام” في مقابلة إن روسيا دولة مهمة.",
    "وقال الأسد إن القواعد باقية، بحسب ما أفادت مصادر “العربية”.",
])
def test_an_arabic_group_or_outlet_name_in_marks_is_not_a_quote(text):
    assert run(text) == []


def test_an_arabic_quote_after_a_leader_s_name_is_still_a_quote():
    st = run('وقال الأسد: "روسيا دولة صديقة وقواعدها باقية في سوريا".')
    assert [s["text"] for s in st] == ["روسيا دولة صديقة وقواعدها باقية في سوريا"]


# ---------------------------------------------------------------- speaker stage (en): "the embassy", "the statement"

def test_the_embassy_is_the_embassy_named_before():
    st = run("The Russian Embassy in Damascus said in a statement on Thursday that the reports are untrue.\n\n"
             "\"The original text of the interview is published on the ministry's website,\" the embassy told SANA.")
    assert [s["speaker"] for s in st] == ["Russian Embassy in Damascus"]


def test_the_statement_is_the_statement_of_the_institution_named_before():
    st = run("The Russian Foreign Ministry said in a statement that Peskov met the Syrian ambassador.\n\n"
             "“Peskov stressed Russia’s firm stance in supporting Syria’s unity and sovereignty” the statement added.")
    assert [s["speaker"] for s in st] == ["Russian Foreign Ministry (statement)"]


def test_the_embassy_with_no_embassy_named_stays_as_written():
    st = run("\"The original text of the interview is published on the ministry's website,\" the embassy told SANA.")
    assert [s["speaker"] for s in st] == ["embassy"]
