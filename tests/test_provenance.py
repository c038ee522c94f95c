"""Provenance of the shipped dataset (data/): every quote is verbatim, every fact traceable to a real source.

These tests read the YAML files with plain PyYAML, independently of components.schema, so they judge
the data rather than the validator. Each test lists every offender at once.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing

import pytest
import yaml

from components import config

DATA = config.ROOT / "data"
SHARED = config.SHARED_DIR
SEED_FILE = "corpus/seed/levant24_2025-10-15_sharaa_moscow.txt"
URL_RE = re.compile(r"^https?://\S+$")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster


def _load(kind: str) -> list[dict]:
    files = ([DATA / f"{kind}.yaml"] if (DATA / f"{kind}.yaml").exists() else []) + sorted((DATA / kind).glob("*.yaml"))
    out = []
    for path in files:
        for rec in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []:
            out.append({**rec, "_file": path.name})
    return out


def _text(value) -> str | None:
    """YAML turns unquoted dates into date objects; compare them as ISO text."""
    return None if value is None else str(value)


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {kind: _load(kind) for kind in ("topics", "actors", "sources", "events", "statements")}


@pytest.fixture(scope="module")
def sources(data) -> dict[str, dict]:
    return {s["id"]: s for s in data["sources"]}


def _article_body(corpus_file: str) -> str | None:
    """The article text after the header lines (everything after the first blank line)."""
    path = SHARED / corpus_file
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_bundled_data_validates_and_builds(bundled_db):
    """Building data/ raises DataError listing every `file:line: field: reason` when it does not validate."""
    assert bundled_db.stat().st_size > 0


def test_every_quote_is_verbatim_in_its_context(data):
    bad = [f"{s['_file']}: {s['id']}" for s in data["statements"] if s["text"] not in s["context"]]
    assert bad == []


def test_every_context_is_verbatim_in_the_cited_article(data, sources, shared_corpus):
    checked, bad = 0, []
    for s in data["statements"]:
        corpus_file = sources.get(s["source_id"], {}).get("corpus_file")
        body = _article_body(corpus_file) if corpus_file else None
        if body is None:
            continue
        checked += 1
        if s["context"] not in body:
            bad.append(f"{s['_file']}: {s['id']} not in {corpus_file}")
    assert bad == []
    assert checked >= 9  # at least the seed article's quotes were really compared


@pytest.fixture(scope="module")
def held() -> dict[str, str]:
    """data/texts/<source-id>.txt bodies (after the header and one blank line), read with plain Python."""
    return {p.stem: p.read_text(encoding="utf-8").split("\n\n", 1)[1] for p in sorted((DATA / "texts").glob("*.txt"))}


def test_every_context_is_verbatim_in_its_sources_held_text(data, held):
    bad = [f"{s['_file']}: {s['id']} -> {s['source_id']}" for s in data["statements"]
           if s["context"] not in held.get(s["source_id"], "")]
    assert bad == []


def test_every_evidence_excerpt_is_verbatim_in_its_sources_held_text(data, sources, held):
    bad = []
    for e in data["events"]:
        for c in e["sources"]:
            if c["id"] in held and c.get("evidence") and c["evidence"] not in held[c["id"]]:
                bad.append(f"{e['_file']}: {e['id']} -> {c['id']}")
            elif c["id"] not in held and not sources[c["id"]].get("not_held"):
                bad.append(f"{e['_file']}: {e['id']} -> {c['id']} (no held text)")
    assert bad == []


def test_every_event_has_evidence_found_in_a_held_text(data, held):
    """The date and summary of each event rest on at least one excerpt of a page the store returned."""
    bad = [f"{e['_file']}: {e['id']}" for e in data["events"]
           if not any(c.get("evidence") and c["evidence"] in held.get(c["id"], "") for c in e["sources"])]
    assert bad == []


def test_held_texts_of_corpus_articles_are_the_articles(sources, held, shared_corpus):
    checked = 0
    for sid, src in sources.items():
        if src.get("corpus_file") and sid in held:
            assert held[sid] == _article_body(src["corpus_file"]), sid
            checked += 1
    assert checked >= 9


def test_every_held_text_records_when_it_was_retrieved():
    bad = [p.name for p in sorted((DATA / "texts").glob("*.txt"))
           if not re.search(r"^retrieved: \d{4}-\d{2}-\d{2}$", p.read_text(encoding="utf-8").split("\n\n", 1)[0], re.M)]
    assert bad == []


def test_every_event_cites_a_source_with_a_web_address(data, sources):
    bad = []
    for e in data["events"]:
        urls = [sources.get(c["id"], {}).get("url") for c in e.get("sources") or []]
        if not any(isinstance(u, str) and URL_RE.match(u) for u in urls):
            bad.append(f"{e['_file']}: {e['id']}")
    assert bad == []


def test_every_quote_cites_a_source_with_a_url_or_its_text(data, sources):
    bad = []
    for s in data["statements"]:
        src = sources.get(s["source_id"])
        if src is None or not (src.get("url") or (src.get("corpus_file") and (SHARED / src["corpus_file"]).is_file())):
            bad.append(f"{s['_file']}: {s['id']} -> {s['source_id']}")
    assert bad == []


# The nine quotes of the seed article, copied by hand from
# ../shared/corpus/seed/levant24_2025-10-15_sharaa_moscow.expected.json: (text, speaker_id, said_on, precision).
# speaker_id "?" = the article names an organisation (the new government): not checked here.
SEED_QUOTES = [
    ("independent decision-making and full national sovereignty.", None, "2025-10-15", "day"),
    (("reorganize the relationship between Russia and the new Syrian state on the basis of equality and mutual "
     "respect, not dependency."), None, "2025-10-15", "day"),
    ("the legacy of the previous regime", None, "2025-10-15", "day"),
    ("The relationship is shifting from military dependency to strategic cooperation,", None, "2025-10-15", "day"),
    (("Russia’s role in the war phase was decisive, but its role in reconstruction must be equally constructive and "
     "fully aligned with Syrian interests."), None, "2025-10-15", "day"),
    ("independent state seeking constructive relations with all global powers", "?", None, None),
    ("relationship based on respect for sovereignty.", "sergey-lavrov", "2025-10-13", "week"),
    ("only as long as necessary", "sergey-lavrov", "2025-10-13", "week"),
    ("This visit is not about the past—it’s about defining Syria’s place in the new regional order.", None,
     "2025-10-15", "day"),
]


@pytest.mark.parametrize("text, speaker_id, said_on, precision", SEED_QUOTES, ids=[f"seed-q{i + 1}" for i in range(9)])
def test_seed_article_quote_is_shipped_as_the_article_describes_it(data, sources, shared_corpus, text, speaker_id,
                                                                   said_on, precision):
    matches = [s for s in data["statements"]
               if s["text"] == text and sources.get(s["source_id"], {}).get("corpus_file") == SEED_FILE]
    assert len(matches) == 1, f"expected exactly one statement citing the seed article with text {text!r}"
    s = matches[0]
    if speaker_id != "?":
        assert s["speaker_id"] == speaker_id
    assert s["speaker_label"]  # unnamed sources stay labels: "senior Syrian source", never empty
    assert (_text(s["said_on"]), s["said_on_precision"]) == (said_on, precision)


def test_dataset_is_big_enough(data):
    counts = {k: len(data[k]) for k in ("events", "actors", "statements")}
    assert counts["events"] >= 400, counts
    assert counts["actors"] >= 40, counts
    assert counts["statements"] >= 300, counts


def test_events_span_1944_to_2026(data):
    years = sorted(_text(e["date"])[:4] for e in data["events"])
    assert (years[0], years[-1]) == ("1944", "2026")


def test_events_are_densest_since_the_fall_of_assad(data):
    """More events in 2025 than in any single year before it."""
    per_year = Counter(_text(e["date"])[:4] for e in data["events"])
    busiest_before = max(n for y, n in per_year.items() if y < "2025")
    assert per_year["2025"] > busiest_before, dict(sorted(per_year.items()))


def test_every_topic_of_the_taxonomy_is_used(data):
    used = Counter(t for rec in data["events"] + data["statements"] for t in rec.get("topics") or [])
    assert sorted(t["id"] for t in data["topics"] if not used[t["id"]]) == []


# The disputes of ../shared/reference/README.md: (label, date prefix, word in the event id or title,
# words the `disputed` note must contain, case-insensitive).
DISPUTES = [
    ("tartus-founding-year", "1971", "tartus", ["1971", "1977", "1970s"]),
    ("february-1946-agreement", "1946-02", "", ["independence", "army"]),
    ("hmeimim-legal-basis", "2015-08", "hmeimim", ["49"]),
    ("assad-2015-moscow-trip", "2015-10", "assad", ["20", "21"]),
    ("first-bogdanov-sharaa-talks", "2025-01-2", "bogdanov", ["28", "29"]),
    ("stroytransgaz-contract-cancelled", "2025-01-2", "stroytransgaz", ["21", "23"]),
    ("abu-qasra-on-the-bases", "2025-02", "abu-qasra", ["6 feb", "friday"]),
    ("coastal-violence-death-tolls", "2025-03", "", ["1,064", "1,500"]),
    ("hmeimim-sheltered-civilians", "2025-03", "", ["8,000", "9,000"]),
    ("sharaa-visit-official-or-working", "2025-10-15", "visit", ["official", "working"]),
    ("russia-arab-summit", "2025-10", "summit", ["postponed", "cancel"]),  # canceled or cancelled
    ("un-veto-count", "", "veto", ["veto"]),
    ("banknotes-plan-2025-12-08", "2025-12-08", "", ["plan"]),
    ("qamishli-withdrawal-start", "2026-01", "qamishli", ["23", "24"]),
    ("debt-write-off-2005", "2005", "debt", ["73%", "13.4"]),
    ("putin-assad-september-2021", "2021-09", "assad", ["13", "14"]),
    ("belousov-abu-qasra-meeting", "2025-10", "belousov", ["27", "28"]),
]


@pytest.mark.parametrize("date_prefix, word, needles", [d[1:] for d in DISPUTES], ids=[d[0] for d in DISPUTES])
def test_known_dispute_is_recorded(data, date_prefix, word, needles):
    candidates = [e for e in data["events"] if _text(e["date"]).startswith(date_prefix)
                  and (word in e["id"] or word in e["title"].lower())]
    assert candidates, f"no event dated {date_prefix}* mentioning {word!r}"
    notes = [(e.get("disputed") or "").lower() for e in candidates]
    assert any(all(n in note for n in needles) for note in notes), \
        f"none of {[e['id'] for e in candidates]} has a `disputed` note mentioning {needles}"


PERIODS = [  # (label, first day, last day, at least this many events)
    ("before 1991", "0001-01-01", "1990-12-31", 40),
    ("1991-2010", "1991-01-01", "2010-12-31", 30),
    ("2011 to the intervention", "2011-01-01", "2015-09-29", 50),
    ("intervention to the fall of Assad", "2015-09-30", "2024-12-07", 100),
]


def _db(bundled_db):
    return sqlite3.connect(f"{bundled_db.resolve().as_uri()}?mode=ro", uri=True)


def test_bundled_database_counts(bundled_db):
    with closing(_db(bundled_db)) as conn:
        n = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "actors", "statements")}
        held = conn.execute("SELECT count(*) FROM source_texts").fetchone()[0]
    assert n["events"] >= 400 and n["actors"] >= 40 and n["statements"] >= 300, n
    assert held >= 100


@pytest.mark.parametrize("label, first, last, least", PERIODS, ids=[p[0] for p in PERIODS])
def test_every_period_is_populated(bundled_db, label, first, last, least):
    with closing(_db(bundled_db)) as conn:
        n = conn.execute("SELECT count(*) FROM events WHERE date_start BETWEEN ? AND ?", [first, last]).fetchone()[0]
    assert n >= least, f"{label}: {n} events"


def test_the_months_after_assad_are_the_densest(bundled_db):
    """Events per month since 8 December 2024 exceed those of every earlier period."""
    with closing(_db(bundled_db)) as conn:
        after = conn.execute("SELECT count(*) FROM events WHERE date_start >= '2024-12-08'").fetchone()[0]
        before = conn.execute("SELECT count(*) FROM events WHERE date_start BETWEEN '2015-09-30' AND '2024-12-07'"
                              ).fetchone()[0]
    assert after / 14.5 > before / 110, (after, before)  # ~14.5 months after, ~110 months before


def test_statements_in_the_original_languages_and_from_many_speakers(bundled_db):
    with closing(_db(bundled_db)) as conn:
        originals = conn.execute("SELECT count(*) FROM statements WHERE language IN ('ru', 'ar')").fetchone()[0]
        speakers = dict(conn.execute("SELECT speaker_country, count(DISTINCT speaker_id) FROM statements "
                                     "WHERE speaker_id IS NOT NULL GROUP BY speaker_country").fetchall())
        years = {r[0] for r in conn.execute("SELECT DISTINCT substr(date_start, 1, 4) FROM statements "
                                             "WHERE date_start IS NOT NULL")}
    assert originals >= 60
    assert speakers.get("SY", 0) >= 25 and speakers.get("RU", 0) >= 25, speakers
    assert sorted(str(y) for y in range(2011, 2027) if str(y) not in years) == []
