"""Accepting a quote updates the database in place: same content as a full rebuild, swapped in atomically."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from components import review, store
from components.filters import Filters
from components.queries import fetch_statements

ARTICLE = Path(__file__).parent.parent.parent / "shared" / "corpus" / "dev" / "aljazeera_2024-12-19_putin_not_defeat.txt"
FIXTURE = Path(__file__).parent / "fixtures" / "data"
QUOTE = "You want to present what is happening in Syria as a defeat for Russia,"
TERMS = ["defeat", "Russia", "Syria", "Putin", "present", "base*", "\"as a defeat\"", "Assad"]


@pytest.fixture
def ws(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    db = tmp_path / "timeline.db"
    store.build(data, db)
    queue = tmp_path / "queue.db"
    review.ingest_files([str(ARTICLE)], queue, data)
    return {"data": data, "db": db, "queue": queue, "tmp": tmp_path}


def _no_full_build(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the accept path rebuilt the whole database")
    monkeypatch.setattr(store, "build", refuse)


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (full-text shadow tables and SQLite's own excepted), sorted: content, not rowids."""
    with closing(sqlite3.connect(db)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in sorted(names)}


def _searches(db: Path) -> dict[str, tuple]:
    out = {}
    with closing(sqlite3.connect(db)) as conn:
        for term in TERMS:
            ids = conn.execute("SELECT st.id FROM statements_fts JOIN statements st ON st.rowid = statements_fts.rowid "
                               "WHERE statements_fts MATCH ? ORDER BY st.id", [term]).fetchall()
            events = conn.execute("SELECT e.id FROM events_fts JOIN events e ON e.rowid = events_fts.rowid "
                                  "WHERE events_fts MATCH ? ORDER BY e.id", [term]).fetchall()
            page = fetch_statements(db, Filters(text=term), limit=50, order="rank")
            out[term] = (ids, events, page["id"].tolist(), page["text_hl"].tolist())
    return out


def _accept(ws, text: str) -> str:
    item = next(i for i in review.list_items(ws["queue"]) if i["item"]["text"] == text)
    return review.accept(ws["queue"], item["id"], ws["data"], ws["db"], speaker_id="vladimir-putin",
                         topics=["diplomacy", "military-bases"] if "military-bases" in _topic_ids(ws) else ["diplomacy"])


def _topic_ids(ws) -> set[str]:
    with closing(sqlite3.connect(ws["db"])) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM topics")}


def _rebuilt(ws) -> Path:
    fresh = ws["tmp"] / "rebuilt.db"
    store.build(ws["data"], fresh, force=True)
    return fresh


def test_incremental_accept_equals_a_full_rebuild(ws, monkeypatch):
    before = store.read_meta(ws["db"])
    with monkeypatch.context() as m:
        _no_full_build(m)
        sid = _accept(ws, QUOTE)
    fresh = _rebuilt(ws)
    # the version users cite: a new one for the new content, the one a full rebuild of the files gives
    after, rebuilt = store.read_meta(ws["db"]), store.read_meta(fresh)
    assert after["dataset_version"] != before["dataset_version"]
    assert after["dataset_version"] == rebuilt["dataset_version"]
    assert after == rebuilt  # every meta entry: counts, date span, input hash, table digests
    got, want = _tables(ws["db"]), _tables(fresh)
    assert set(got) == set(want)
    for table in want:
        assert got[table] == want[table], table
    assert sid in [r[0] for r in got["statements"]]
    assert _searches(ws["db"]) == _searches(fresh)
    assert QUOTE in fetch_statements(ws["db"], Filters(text="defeat for Russia"))["text"].tolist()


def test_a_second_quote_of_the_same_article_reuses_its_source_and_still_equals_a_rebuild(ws, monkeypatch):
    others = [i["item"]["text"] for i in review.list_items(ws["queue"]) if i["item"]["text"] != QUOTE]
    with monkeypatch.context() as m:
        _no_full_build(m)
        _accept(ws, QUOTE)
        _accept(ws, others[0])
    fresh = _rebuilt(ws)
    assert _tables(ws["db"]) == _tables(fresh)
    assert store.read_meta(ws["db"])["dataset_version"] == store.read_meta(fresh)["dataset_version"]
    assert _searches(ws["db"]) == _searches(fresh)
    with closing(sqlite3.connect(ws["db"])) as conn:
        assert conn.execute("SELECT count(DISTINCT source_id), count(*) FROM statements WHERE text IN (?, ?)",
                            [QUOTE, others[0]]).fetchone() == (1, 2)


def test_a_database_behind_its_files_is_rebuilt_in_full(ws):
    """After a hand edit not yet built, the accept cannot patch the old file: it rebuilds from the files."""
    topics = ws["data"] / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- id: zz-new-topic\n  label: A new topic\n",
                      encoding="utf-8")
    _accept(ws, QUOTE)
    assert "zz-new-topic" in _topic_ids(ws)
    assert _tables(ws["db"]) == _tables(_rebuilt(ws))


def test_a_reader_sees_the_old_database_or_the_new_one(ws):
    """A connection open during the accept keeps reading the complete old file; a new one sees the quote."""
    with closing(sqlite3.connect(f"{ws['db'].as_uri()}?mode=ro", uri=True)) as old:
        old.execute("BEGIN")
        before = old.execute("SELECT count(*) FROM statements").fetchone()[0]
        mtime = ws["db"].stat().st_mtime_ns
        _accept(ws, QUOTE)
        assert old.execute("SELECT count(*) FROM statements").fetchone()[0] == before
        assert old.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'defeat'").fetchone()[0] == 0
    with closing(sqlite3.connect(f"{ws['db'].as_uri()}?mode=ro", uri=True)) as new:
        assert new.execute("SELECT count(*) FROM statements").fetchone()[0] == before + 1
    assert ws["db"].stat().st_mtime_ns != mtime  # the dashboard's caches key on it


def test_a_bad_edit_leaves_files_and_database_untouched(ws):
    item = next(i for i in review.list_items(ws["queue"]) if i["item"]["text"] == QUOTE)
    files = {p: p.read_bytes() for p in ws["data"].rglob("*") if p.is_file()}
    db = ws["db"].read_bytes()
    with pytest.raises(review.DataError) as err:
        review.accept(ws["queue"], item["id"], ws["data"], ws["db"], speaker_id="no-such-person",
                      topics=["diplomacy"])
    assert "speaker_id: unknown actor 'no-such-person'" in str(err.value)
    assert "statements/" in str(err.value).split(":")[0] + str(err.value)  # file:line: field: reason
    assert {p: p.read_bytes() for p in ws["data"].rglob("*") if p.is_file()} == files
    assert ws["db"].read_bytes() == db
