"""Unit tests for the ingestion rules: quote styles, attribution, unnamed sources, relayed quotes,
date expressions. Each article here is a few sentences of news English written for the rule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest import dates as D  # noqa: E402
from components.ingest.extract import extract  # noqa: E402
from components.textnorm import name_key as fold_name  # noqa: E402
from components.ingest.reader import Article  # noqa: E402

ACTORS = [
    {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "country": "RU",
     "aliases": ["Sergei Lavrov", "Lavrov"], "roles": [{"title": "Minister of Foreign Affairs"}]},
    {"id": "dmitry-peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RU",
     "aliases": ["Peskov"], "roles": [{"title": "Kremlin spokesman"}]},
    {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Putin"], "roles": [{"title": "President"}]},
    {"id": "ahmed-al-sharaa", "name": "Ahmed al-Sharaa", "kind": "person", "country": "SY",
     "aliases": ["al-Sharaa", "Sharaa"], "roles": []},
    {"id": "kremlin", "name": "Kremlin", "kind": "organisation", "country": "RU", "aliases": ["the Kremlin"], "roles": []},
]


def run(text, published="2025-10-15"):
    return extract(Article(text=text, published=published, path="test.txt"), ACTORS)


def quotes(result):
    return [s["text"] for s in result["statements"]]


def only(result):
    assert len(result["statements"]) == 1, result["statements"]
    return result["statements"][0]


# ---------------------------------------------------------------- quote styles

@pytest.mark.parametrize("text, quoted", [
    ("“We will stay in Syria,” Lavrov said.", "We will stay in Syria,"),
    ('"We will stay in Syria," Lavrov said.', "We will stay in Syria,"),
    ("«We will stay in Syria», Lavrov said.", "We will stay in Syria"),
    ("„We will stay in Syria,“ Lavrov said.", "We will stay in Syria,"),
    ("Lavrov said: ‘Russia’s bases will stay in Syria’s ports.’", "Russia’s bases will stay in Syria’s ports."),
    ("Lavrov said: 'The bases will stay.'", "The bases will stay."),
    ('"Only the Syrian people can decide,” Lavrov said.', "Only the Syrian people can decide,"),
])
def test_each_quote_style(text, quoted):
    r = run(text)
    s = only(r)
    assert s["text"] == quoted
    assert text[s["start"]:s["end"]] == quoted
    assert s["speaker_id"] == "sergey-lavrov"


def test_offsets_point_into_the_text():
    text = "Intro line.\n\nKremlin spokesman Dmitry Peskov said the talks were “useful and frank”."
    s = only(run(text))
    assert text[s["start"]:s["end"]] == "useful and frank"


def test_split_quote_around_attribution_gives_two_quotes_same_speaker():
    r = run('"The talks were useful," Lavrov said, "but more work is needed."')
    assert quotes(r) == ["The talks were useful,", "but more work is needed."]
    assert {s["speaker_id"] for s in r["statements"]} == {"sergey-lavrov"}


def test_partial_quote_inside_sentence():
    s = only(run("Lavrov said the bases would remain “only as long as necessary” and could be repurposed."))
    assert s["text"] == "only as long as necessary" and s["speaker_id"] == "sergey-lavrov"


def test_quote_across_hard_line_breaks():
    text = ("Russia’s\nattitude toward the new Syrian government has “improved significantly over the\npast weeks”\n"
            "since the fall of the former government in December, and Damascus is\nweighing Moscow’s demands, "
            "Abu Qasra said, signaling\na dramatic shift among the former militants who make up the\ngovernment.\n"
            "Until\nrecently, rebel fighters like Abu Qasra were under constant bombardment by Russian\nwarplanes.\n")
    r = run(text)
    assert quotes(r) == ["improved significantly over the\npast weeks"]
    assert r["statements"][0]["speaker"] == "Abu Qasra"


def test_multi_paragraph_quote():
    text = ("“The first part of the statement ends here.\n\n"
            "“The second part follows,” Peskov told reporters.")
    r = run(text)
    assert quotes(r) == ["The first part of the statement ends here.", "The second part follows,"]
    assert [s["speaker_id"] for s in r["statements"]] == ["dmitry-peskov", "dmitry-peskov"]


def test_unclosed_quote_at_end_is_not_taken():
    r = run("“Bases are needed,” Lavrov said.\n\n“The next step is to sign the agreem")
    assert quotes(r) == ["Bases are needed,"]


def test_nested_single_quote_is_not_separate():
    r = run("“The deployment along the ‘Bravo’ line is planned,” Lavrov said.")
    assert quotes(r) == ["The deployment along the ‘Bravo’ line is planned,"]


def test_scare_quotes_are_not_statements():
    r = run("The so-called “peace plan” was discussed. The rebels’ “liberation” of the city was celebrated. "
            "Fighters of the “Southern Front” group withdrew.")
    assert r["statements"] == []
    assert r["message"] == "No quotations found in test.txt."


def test_short_quote_with_speech_verb_is_a_statement():
    s = only(run("Kremlin spokesman Dmitry Peskov called the visit an “important trip”."))
    assert s["text"] == "important trip" and s["speaker_id"] == "dmitry-peskov"


# ---------------------------------------------------------------- speakers

def test_named_speaker_with_title_and_role():
    s = only(run("Russian Foreign Minister Sergey Lavrov said: “We respect Syrian sovereignty.”"))
    assert s["speaker"] == "Sergey Lavrov" and s["speaker_role"] == "Russian Foreign Minister"
    assert s["speaker_id"] == "sergey-lavrov"


def test_inverted_attribution_with_appositive_role():
    s = only(run("“We will not leave,” said Dmitry Peskov, the Kremlin spokesman."))
    assert s["speaker"] == "Dmitry Peskov" and s["speaker_role"] == "the Kremlin spokesman".removeprefix("the ")


def test_told_reporters_and_surname_expands_to_full_name():
    s = only(run("Dmitry Peskov spoke in Moscow. “Dialogue is necessary,” Peskov told reporters."))
    assert s["speaker"] == "Dmitry Peskov" and s["speaker_id"] == "dmitry-peskov"


def test_tolerant_actor_matching():
    for spelling in ["Ahmad al-Sharaa", "Ahmed Al-Sharaa", "Ahmed al Sharaa", "Sharaa"]:
        s = only(run(f"Syrian President {spelling} said Russia had a “historic role in the region”."))
        assert s["speaker_id"] == "ahmed-al-sharaa", spelling
    assert fold_name("Sergei Lavrov") == fold_name("Sergey Lavrov")
    assert fold_name("Éléonore Dupré") == fold_name("Eleonore Dupre")


def test_pronoun_resolved_to_nearest_named_speaker():
    r = run("Putin met Assad in Moscow. Lavrov said the talks were “constructive”. "
            "“We will continue,” he added.")
    assert [s["speaker_id"] for s in r["statements"]] == ["sergey-lavrov", "sergey-lavrov"]


def test_the_spokesman_resolves_to_named_spokesman():
    r = run("Kremlin spokesman Dmitry Peskov declined to comment on the report. "
            "“There is nothing to say,” the spokesman said.")
    assert only(r)["speaker_id"] == "dmitry-peskov"


def test_it_resolves_to_organisation():
    r = run("“The sides discussed trade,” the Kremlin said in a readout. “Both stressed unity,” it added.")
    assert [s["speaker"] for s in r["statements"]] == ["Kremlin", "Kremlin"]


@pytest.mark.parametrize("text", [
    "“The relationship is changing,” a senior Syrian source told the agency.",
    "Sources close to the Syrian government said the talks would address “the legacy of the old regime”.",
    "A foreign ministry official, who asked not to be named, said: “We are ready to sign.”",
    "Diplomatic sources said the negotiations had “stalled completely”.",
])
def test_unnamed_sources_are_labels_not_names(text):
    s = only(run(text))
    assert s["speaker_id"] is None
    assert "(unnamed)" in s["speaker"]
    assert any(w in s["speaker"].lower() for w in ("source", "official"))


def test_according_to_is_relayed():
    s = only(run("According to a statement from the Kremlin, the visit marks “a new page in relations”."))
    assert s["relayed"] is True and s["speaker"] == "Kremlin"


def test_quoted_as_saying_is_relayed_and_names_the_speaker():
    s = only(run("“I am happy to meet you in Moscow,” state TV quoted Assad as saying."))
    assert s["speaker"] == "Assad" and s["relayed"] is True


def test_message_read_out_is_relayed():
    s = only(run("“I wish the Syrian people success,” Putin said in a message read out by Peskov."))
    assert s["speaker_id"] == "vladimir-putin" and s["relayed"] is True


def test_unmatched_speakers_are_listed_as_new_actors():
    r = run("Deputy Prime Minister Alexander Novak said the trip would “strengthen cooperation”.")
    assert {"name": "Alexander Novak", "actor_id": None} in r["actors"]


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("phrase, date, precision", [
    ("today", "2025-10-15", "day"),
    ("yesterday", "2025-10-14", "day"),
    ("on Wednesday", "2025-10-15", "day"),   # 2025-10-15 is a Wednesday
    ("on Monday", "2025-10-13", "day"),
    ("on Thursday", "2025-10-09", "day"),
    ("last week", "2025-10-06", "week"),
    ("earlier this week", "2025-10-13", "week"),
    ("last month", "2025-09", "month"),
    ("on October 3", "2025-10-03", "day"),
    ("on 3 October", "2025-10-03", "day"),
    ("on December 20", "2024-12-20", "day"),  # after the publication date → previous year
    ("on March 2, 2023", "2023-03-02", "day"),
])
def test_relative_and_explicit_dates_in_attribution(phrase, date, precision):
    s = only(run(f"Lavrov said {phrase} that the bases would stay “as long as necessary”."))
    assert (s["said_on"], s["said_on_precision"]) == (date, precision)


def test_weekday_without_publication_date_is_null():
    s = only(run("Lavrov said on Wednesday that the bases would stay “as long as necessary”.", published=None))
    assert s["said_on"] is None and s["said_on_precision"] is None


def test_reported_speech_without_date_is_not_given_the_publication_date():
    s = only(run("“We will stay,” Lavrov told reporters.", published="2025-10-15"))
    assert s["said_on"] is None  # the text does not say when; publication is not speech


def test_reported_speech_at_a_dated_meeting_takes_its_date():
    s = only(run("Lavrov met Syrian officials in Damascus on Monday. “We will stay,” Lavrov told reporters."))
    assert s["said_on"] == "2025-10-13"


def test_perfect_tense_position_is_undated():
    s = only(run("The new government has made clear that Syria is an “independent state seeking good relations”."))
    assert s["said_on"] is None


def test_dates_module_pure_functions():
    assert D.resolve_weekday("Sunday", "2025-02-06") == "2025-02-02"
    assert D.resolve_weekday("Thursday", "2025-02-06") == "2025-02-06"
    assert D.resolve_weekday("Sunday", None) is None
    assert D.resolve_relative("earlier this week", "2025-10-15") == ("2025-10-13", "week")
    assert D.resolve_relative("last month", "2025-01-10") == ("2024-12", "month")
    assert D.resolve_relative("yesterday", None) == (None, "day")
    assert D.resolve_month_day(10, 15, "2025-10-15") == "2025-10-15"
    assert D.resolve_month_day(12, 20, "2025-10-15") == "2024-12-20"
    found = D.find_dates("talks in Moscow on Wednesday (Jan 28), after Monday's meeting", "2026-01-29")
    assert [(d.date, d.precision) for d in found] == [("2026-01-28", "day"), ("2026-01-26", "day")]


# ---------------------------------------------------------------- topics and events

def test_topics_and_events():
    r = run("Russian Foreign Minister Sergey Lavrov met Syrian officials in Damascus on Monday. "
            "Lavrov said the naval base at Tartus would remain and that “sanctions must be lifted”.")
    s = only(r)
    assert "bases" in s["topics"] and "sanctions-unsc" in s["topics"]
    assert r["events"][0]["date"] == "2025-10-13"
    assert "sergey-lavrov" in r["events"][0]["actors"]


def test_output_shape():
    r = run("“We will stay,” Lavrov said.")
    assert set(r) == {"source", "language", "statements", "events", "actors", "message"}
    assert set(r["source"]) == {"url", "publisher", "published"}
    assert set(r["statements"][0]) == {"text", "speaker", "speaker_id", "speaker_role", "said_on",
                                       "said_on_precision", "confidence", "start", "end", "topics", "relayed", "language",
                                       "reasons"}
    assert r["message"] is None
