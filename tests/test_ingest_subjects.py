"""Who the subject of a speech verb is, where the nearest name is not the speaker: an Arabic name
joined to a preposition or named as whose government it is, a Russian deputy title before the name.
Each text is a sentence or two written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin", "Владимир Путин", "Путин", "فلاديمير بوتين", "بوتين"]},
    {"id": "bashar-al-assad", "name": "Bashar al-Assad", "kind": "person", "country": "SY",
     "aliases": ["Assad", "Асад", "بشار الأسد", "الأسد"]},
    {"id": "faisal-mekdad", "name": "Faisal Mekdad", "kind": "person", "country": "SY",
     "aliases": ["Mekdad", "فيصل المقداد", "المقداد"]},
    {"id": "mikhail-bogdanov", "name": "Mikhail Bogdanov", "kind": "person", "country": "RU",
     "aliases": ["Bogdanov", "Михаил Богданов", "Богданов"]},
    {"id": "russian-foreign-ministry", "name": "Russian Foreign Ministry", "kind": "org", "country": "RU",
     "aliases": ["МИД РФ", "МИД России"]},
]


def speakers(text):
    return [s["speaker_id"] for s in extract(Article(text=text, published="2024-03-13", path="t.txt"), ACTORS)["statements"]]


def test_arabic_name_joined_to_a_preposition_is_not_the_subject():
    text = ("زار بوتين قاعدة حميميم.\n\n"
            "ونقلت وكالة تاس عن الرئيس قوله خلال اجتماع بالأسد إن \"القوات دمرت أقوى الجماعات الإرهابية\".")
    assert speakers(text) == ["vladimir-putin"]


def test_arabic_person_whose_government_it_is_is_not_the_speaker():
    text = ("اعتبر وزير الخارجية في حكومة الأسد، فيصل المقداد، أن العقوبات الغربية "
            "\"تقوم بتجويع شعوبها خدمة لأجنداتها السياسية\".")
    assert speakers(text) == ["faisal-mekdad"]


def test_russian_deputy_head_title_takes_the_name_not_the_ministry():
    text = ("Россию на встрече будет представлять спецпредставитель, заявил замглавы МИД РФ Михаил Богданов.\n\n"
            "\"С нашей стороны будет спецпредставитель президента\", — сказал он журналистам.")
    assert speakers(text) == ["mikhail-bogdanov"]
