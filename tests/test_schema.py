"""Validation: every kind of mistake an editor can make is reported as `file:line: field: reason`.

Each case takes the valid fixture, breaks one thing in one file, and checks the exact message: the
file, the line a person would open (for a bad item in a list: the item's own line), the field and the
reason. Line numbers are written by hand from tests/fixtures/data; `_edit` checks the fixture still
has the text each case replaces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.schema import load_dataset

EV = "events/events.yaml"
ST = "statements/statements.yaml"
AC = "actors/actors.yaml"
SO = "sources/sources.yaml"

EVENT_FIELDS = ("actors, category, date, date_precision, disputed, end_date, id, importance, location, "
                "sources, summary, title, tone, topics")


def _edit(data_dir: Path, rel: str, old: str | bytes, new: str | bytes) -> Path:
    """Replace the single occurrence of `old` in one fixture file (bytes, so broken encodings are possible)."""
    path = data_dir / rel
    raw = path.read_bytes()
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert raw.count(old_b) == 1, f"fixture drifted: {old!r} should occur once in {rel}"
    path.write_bytes(raw.replace(old_b, new_b))
    return path


def _messages(data_dir: Path) -> list[str]:
    _, issues = load_dataset(data_dir)
    return [str(i) for i in issues]


def test_the_fixture_itself_is_valid(fixture_data_dir, shared_corpus):
    assert _messages(fixture_data_dir) == []


# (case id, file, old text, new text, line, field, exact reason)
CASES = [
    ("impossible-date", EV, "  date: 2025-10-15\n", "  date: 2025-02-30\n",
     71, "date", "'2025-02-30' is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("impossible-said-on", ST, ("  said_on: 2025-10-13\n  said_on_precision: week\n  source_id: levant24-2025-10-15\n"
     "  event_id: null\n  quote_kind: partial\n  language: en\n  relayed: false\n  topics: [bases]"),
     ("  said_on: 2025-13-13\n  said_on_precision: week\n  source_id: levant24-2025-10-15\n"
     "  event_id: null\n  quote_kind: partial\n  language: en\n  relayed: false\n  topics: [bases]"),
     65, "said_on", "'2025-13-13' is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("unknown-actor-in-event", EV, "{id: vladimir-putin, part: counterpart}", "{id: vladimir-poutine, part: counterpart}",
     83, "actors", "unknown actor 'vladimir-poutine'"),
    ("unknown-speaker", ST, "  speaker_id: sergey-lavrov\n  speaker_label: Lavrov\n",
     "  speaker_id: sergei-lavrov\n  speaker_label: Lavrov\n",
     62, "speaker_id", "unknown actor 'sergei-lavrov'"),
    ("unknown-topic", EV, "  topics: [sanctions-unsc]\n", "  topics: [sanction]\n",
     103, "topics", "unknown topic 'sanction'"),
    ("unknown-source-of-statement", ST, "  source_id: newspravda-2025-10-15\n", "  source_id: newspravda-2025-10-16\n",
     81, "source_id", "unknown source 'newspravda-2025-10-16'"),
    ("unknown-source-of-event", EV, "    - {id: levant24-2025-10-15}\n", "    - {id: levant24-2025-10-16}\n",
     88, "sources", "unknown source 'levant24-2025-10-16'"),
    ("unknown-event", ST, "  source_id: newspravda-2025-10-15\n  event_id: 2025-10-15-al-sharaa-moscow-visit\n",
     "  source_id: newspravda-2025-10-15\n  event_id: 2025-10-16-al-sharaa-moscow-visit\n",
     82, "event_id", "unknown event '2025-10-16-al-sharaa-moscow-visit'"),
    ("event-with-empty-sources", EV,
     "  topics: [sanctions-unsc]\n  sources:\n    - {id: wikizero-russia-syria-relations}\n",
     "  topics: [sanctions-unsc]\n  sources: []\n",
     104, "sources", "an event needs at least one source"),
    ("event-without-sources-key", EV,
     "  topics: [sanctions-unsc]\n  sources:\n    - {id: wikizero-russia-syria-relations}\n",
     "  topics: [sanctions-unsc]\n",
     89, "sources", "an event needs at least one source"),
    ("day-precision-on-month-date", EV, "  date: 2025-11\n  date_precision: month\n",
     "  date: 2025-11\n  date_precision: day\n",
     91, "date_precision", "'day' does not match the date '2025-11' (written to month precision)"),
    ("month-precision-on-day-said-on", ST, ("  said_on: 2025-10-13\n  said_on_precision: week\n  source_id: levant24-2025-10-15\n"
     "  event_id: null\n  quote_kind: partial\n  language: en\n  relayed: false\n  topics: [diplomacy]"),
     ("  said_on: 2025-10-13\n  said_on_precision: month\n  source_id: levant24-2025-10-15\n"
     "  event_id: null\n  quote_kind: partial\n  language: en\n  relayed: false\n  topics: [diplomacy]"),
     52, "said_on_precision", "'month' does not match the said_on '2025-10-13' (written to day precision)"),
    ("quote-not-in-context", ST, "  text: independent decision-making and full national sovereignty.\n",
     "  text: independent decision making and full national sovereignty.\n",
     4, "text", "the quote is not found verbatim in its context"),
    ("context-not-in-corpus", ST, "by Levant24 (L24) from sources", "by Levant 24 from sources",
     5, "context", "is not found verbatim in the held text of source 'levant24-2025-10-15' ({texts}/levant24-2025-10-15.txt)"),
    ("context-with-straight-quotes", ST, "“independent decision-making and full national sovereignty.”",
     '"independent decision-making and full national sovereignty."',
     5, "context", "is not found verbatim in the held text of source 'levant24-2025-10-15' ({texts}/levant24-2025-10-15.txt)"),
    ("bad-category", EV, "  category: un\n", "  category: united-nations\n",
     95, "category", "'united-nations' is not one of diplomacy, military, economy, un, humanitarian, security, politics"),
    ("bad-actor-kind", AC, "  name: Russia\n  kind: state\n", "  name: Russia\n  kind: country\n",
     30, "kind", "'country' is not one of person, organisation, state, media"),
    ("bad-source-kind", SO, "  kind: reference\n", "  kind: encyclopedia\n",
     15, "kind", "'encyclopedia' is not one of wire, newspaper, broadcaster, official, reference, aggregator, blog"),
    ("importance-too-high", EV, "  importance: 3\n  location: Moscow\n", "  importance: 4\n  location: Moscow\n",
     77, "importance", "4 is outside 1..3"),
    ("importance-zero", EV, "  importance: 3\n  location: Moscow\n", "  importance: 0\n  location: Moscow\n",
     77, "importance", "0 is outside 1..3"),
    ("tone-too-high", EV, "  location: Moscow\n  tone: 6\n", "  location: Moscow\n  tone: 11\n",
     79, "tone", "11 is outside -10..10"),
    ("tone-too-low", EV, "  location: Moscow\n  tone: 6\n", "  location: Moscow\n  tone: -11\n",
     79, "tone", "-11 is outside -10..10"),
    ("tone-as-text", EV, "  location: Moscow\n  tone: 6\n", '  location: Moscow\n  tone: "high"\n',
     79, "tone", "'high' must be a whole number from -10 to 10"),
    ("unknown-field", EV, "  location: Moscow\n", "  location: Moscow\n  colour: red\n",
     79, "colour", f"unknown field (allowed: {EVENT_FIELDS})"),
    ("duplicate-key", EV, "  title: Al-Sharaa makes his first visit to Moscow as president\n",
     "  title: Al-Sharaa makes his first visit to Moscow as president\n  title: A second title\n",
     75, "title", "duplicate key in the same entry"),
    ("ten-megabyte-field", EV, "  summary: Russian aircraft start strikes from Hmeimim.\n",
     "  summary: " + "x" * 10_000_000 + "\n",
     41, "summary", "is 10,000,000 characters long; the limit is 20,000"),
]


@pytest.mark.parametrize("rel, old, new, line, field, reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_file_line_and_field(fixture_data_dir, shared_corpus, rel, old, new, line, field,
                                                             reason):
    path = _edit(fixture_data_dir, rel, old, new)
    messages = _messages(fixture_data_dir)
    reason = reason.format(texts=fixture_data_dir / "texts")
    assert f"{path}:{line}: {field}: {reason}" in messages, "\n".join(m[:300] for m in messages)


TX = "texts"
HELD = "texts/newspravda-2025-10-15.txt"

# Held source texts (data/texts/<source-id>.txt): (case id, change to make, file the message names, line, field, reason)
HELD_CASES = [
    ("evidence-not-in-held-text", (EV, 'evidence: "we respect all agreements made with it"',
                                   'evidence: "we respect every agreement made with it"'),
     EV, 87, "sources", "evidence is not found verbatim in the held text of 'newspravda-2025-10-15' ({d}/" + HELD + ")"),
    ("context-not-in-held-text", (HELD, "and we respect all agreements made with it", "and we respect agreements"),
     ST, 75, "context", "is not found verbatim in the held text of source 'newspravda-2025-10-15' ({d}/" + HELD + ")"),
    ("statement-source-without-held-text", (HELD, None, None),
     ST, 81, "source_id", "source 'newspravda-2025-10-15' has no held text: save the page as "
                          "data/texts/newspravda-2025-10-15.txt"),
    ("event-source-without-held-text", (HELD, None, None),
     EV, 87, "sources", "source 'newspravda-2025-10-15' has no held text: save the page as "
                        "data/texts/newspravda-2025-10-15.txt"),
    ("held-text-of-unknown-source", (TX + "/no-such-source.txt", "", "url: https://example.org/a\nretrieved: 2026-12-01\n\nText."),
     TX + "/no-such-source.txt", 1, "file", "no source has the id 'no-such-source' (the file name must be a source id)"),
    ("held-text-under-another-url", (HELD, "url: https://syria.news-pravda.com/en/world/2025/10/15/30480.html",
                                     "url: https://syria.news-pravda.com/en/world/2025/10/15/99999.html"),
     HELD, 1, "url", "'https://syria.news-pravda.com/en/world/2025/10/15/99999.html' differs from source "
                     "'newspravda-2025-10-15' URL 'https://syria.news-pravda.com/en/world/2025/10/15/30480.html'"),
    ("held-text-without-retrieved-date", (HELD, "retrieved: 2026-12-01\n", ""),
     HELD, 1, "retrieved", "is missing from the header"),
    ("held-text-with-a-bad-header-line", (HELD, "publisher: news-pravda\n", "publisher news-pravda\n"),
     HELD, 2, "header", "'publisher news-pravda' is not a 'key: value' line"),
    ("held-text-without-blank-line", (HELD, "retrieved: 2026-12-01\n\n", "retrieved: 2026-12-01\n"),
     HELD, 1, "file", "needs header lines, one blank line, then the text as retrieved"),
]


@pytest.mark.parametrize("change, rel, line, field, reason", [c[1:] for c in HELD_CASES],
                         ids=[c[0] for c in HELD_CASES])
def test_held_text_problems_are_reported(fixture_data_dir, change, rel, line, field, reason):
    target, old, new = change
    path = fixture_data_dir / target
    if old is None:
        path.unlink()
    elif old == "":
        path.write_text(new, encoding="utf-8")
    else:
        _edit(fixture_data_dir, target, old, new)
    messages = _messages(fixture_data_dir)
    expected = f"{fixture_data_dir / rel}:{line}: {field}: {reason.format(d=fixture_data_dir)}"
    assert expected in messages, "\n".join(m[:300] for m in messages)


def test_a_source_the_store_no_longer_returns_may_stay_beside_a_held_one(fixture_data_dir):
    """`not_held` marks such a source: its event still needs one source whose held text is kept."""
    (fixture_data_dir / "texts" / "wikizero-russia-syria-relations.txt").unlink()
    _edit(fixture_data_dir, SO, "  title: Russia–Syria relations\n",
          "  title: Russia–Syria relations\n  not_held: the store no longer returns this page\n")
    messages = _messages(fixture_data_dir)
    events = fixture_data_dir / EV
    assert f"{events}:17: sources: no source of this event has a held text; cite a page the store returns" in messages
    assert not any("has no held text" in m for m in messages)


def test_duplicate_id_across_two_files_names_both(fixture_data_dir):
    first = fixture_data_dir / EV
    second = fixture_data_dir / "events" / "zz-more.yaml"
    second.write_text(
        "# a second events file that repeats an id\n"
        "- id: 1944-07-diplomatic-relations\n"
        "  date: 1944-07\n  date_precision: month\n  title: Again\n  summary: Again.\n"
        "  category: diplomacy\n  importance: 1\n  tone: 0\n"
        "  actors: [{id: russia, part: participant}]\n  topics: [diplomacy]\n"
        "  sources: [{id: wikizero-russia-syria-relations}]\n", encoding="utf-8")
    assert _messages(fixture_data_dir) == [
        f"{second}:2: id: duplicate event id '1944-07-diplomatic-relations' (first defined at {first}:2)"]


# Whole-file problems: (case id, file, transform(bytes) -> bytes, line, exact reason or reason prefix)
FILE_CASES = [
    ("truncated-yaml", EV, lambda b: b[: b.index(b"{id: vladimir-putin, part: counter") + 34],
     83, "is not valid YAML ("),
    ("top-level-mapping", ST, lambda b: b"id: a-statement\ntext: hello\n",
     1, "must be a YAML list of entries (each starting with '- ')"),
    ("byte-order-mark", ST, lambda b: b"\xef\xbb\xbf" + b,
     1, "starts with a byte-order mark; save it as UTF-8 without BOM"),
    ("crlf-line-endings", ST, lambda b: b.replace(b"\n", b"\r\n"),
     1, "uses CRLF (Windows) line endings; convert it to LF"),
    ("nul-byte", ST, lambda b: b.replace(b"speaker_label: senior Syrian source", b"speaker_label: senior\x00"),
     21, "contains a NUL byte; is it a binary file?"),
]


@pytest.mark.parametrize("rel, transform, line, reason", [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_unreadable_file_is_reported_with_its_line(fixture_data_dir, rel, transform, line, reason):
    path = fixture_data_dir / rel
    path.write_bytes(transform(path.read_bytes()))
    messages = _messages(fixture_data_dir)
    prefix = f"{path}:{line}: file: {reason}"
    matching = [m for m in messages if m.startswith(prefix)]
    assert matching, "\n".join(messages)
    if not reason.endswith("("):  # exact, unless the reason ends with the parser's own wording
        assert prefix in messages


def test_invalid_utf8_names_the_byte_offset(fixture_data_dir):
    path = fixture_data_dir / ST
    raw = path.read_bytes().replace(b"speaker_label: senior Syrian source", b"speaker_label: senior Syrian s\xf6urce")
    path.write_bytes(raw)
    offset = raw.index(b"\xf6")
    assert f"{path}:21: file: is not valid UTF-8 (byte 0xf6 at offset {offset})" in _messages(fixture_data_dir)


def test_every_problem_is_reported_in_one_run(fixture_data_dir):
    events = _edit(fixture_data_dir, EV, "  category: un\n", "  category: united-nations\n")
    statements = _edit(fixture_data_dir, ST, "  speaker_id: sergey-lavrov\n  speaker_label: Lavrov\n",
                       "  speaker_id: sergei-lavrov\n  speaker_label: Lavrov\n")
    assert sorted(_messages(fixture_data_dir)) == sorted([
        (f"{events}:95: category: 'united-nations' is not one of diplomacy, military, economy, un, humanitarian, "
        "security, politics"),
        f"{statements}:62: speaker_id: unknown actor 'sergei-lavrov'",
    ])


def test_one_broken_file_does_not_hide_problems_in_another(fixture_data_dir):
    """A file that cannot be parsed at all is reported next to ordinary field errors elsewhere."""
    sources = fixture_data_dir / SO
    sources.write_bytes(b"\xef\xbb\xbf" + sources.read_bytes())
    actors = _edit(fixture_data_dir, AC, "  name: Russia\n  kind: state\n", "  name: Russia\n  kind: country\n")
    messages = _messages(fixture_data_dir)
    assert f"{sources}:1: file: starts with a byte-order mark; save it as UTF-8 without BOM" in messages
    assert f"{actors}:30: kind: 'country' is not one of person, organisation, state, media" in messages


def test_the_same_quote_from_the_same_source_twice_is_refused(fixture_data_dir):
    statements = fixture_data_dir / ST
    text = statements.read_text(encoding="utf-8")
    first = text.split("\n- id: ")[1]  # the first statement, after its id
    statements.write_text(text + "- id: zz-copy" + first[first.index("\n"):], encoding="utf-8")
    copy_line = text.count("\n") + 2  # the copy's `text:` line
    assert f"{statements}:{copy_line}: text: the same quote from the same source is statement " \
           f"'levant24-2025-10-15-q1' ({statements}:3)" in _messages(fixture_data_dir)
