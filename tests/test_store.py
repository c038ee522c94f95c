"""The build: tables and counts, atomic replace, repeatable builds, roles on a date, full-text search."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from components.filters import Filters
from components.queries import fetch_statements
from components.schema import DataError
from components.store import BuildError, build, role_on

# Counted by hand from tests/fixtures/data.
FIXTURE_COUNTS = {
    "topics": 3, "actors": 7, "roles": 5, "sources": 3, "events": 6, "statements": 6,
    "event_actors": 13, "event_topics": 7, "event_sources": 7, "statement_topics": 7, "source_texts": 3,
}


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), sorted, so two builds can be compared."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def _break_category(data_dir: Path) -> None:
    path = data_dir / "events" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  category: un\n", "  category: united-nations\n"),
                    encoding="utf-8")


@pytest.mark.parametrize("table, expected", sorted(FIXTURE_COUNTS.items()))
def test_build_fills_every_table(built_db, table, expected):
    conn = sqlite3.connect(built_db)
    try:
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected
    finally:
        conn.close()


def test_build_reports_the_counts_and_creates_full_text_tables(fixture_data_dir, tmp_path):
    result = build(fixture_data_dir, tmp_path / "t.db")
    assert result.changed is True
    assert result.counts == FIXTURE_COUNTS
    conn = sqlite3.connect(tmp_path / "t.db")
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert {"statements_fts", "events_fts", "meta"} <= names


@pytest.mark.parametrize("column, expected", [
    ("date_start", "2025-10-13"),   # week precision: Monday of the week of 2025-10-13
    ("date_end", "2025-10-19"),
    ("speaker_name", "Sergey Lavrov"),
    ("speaker_country", "RU"),
    ("role_on_date", "Minister of Foreign Affairs, Russian Federation"),
])
def test_statement_rows_carry_the_speaker_and_date_span(built_db, column, expected):
    conn = sqlite3.connect(built_db)
    try:
        value = conn.execute(f"SELECT {column} FROM statements WHERE id = 'levant24-2025-10-15-q7'").fetchone()[0]
    finally:
        conn.close()
    assert value == expected


@pytest.mark.parametrize("event_id, date_start, date_end", [
    ("1944-07-diplomatic-relations", "1944-07-01", "1944-07-31"),
    ("1971-tartus-naval-facility", "1971-01-01", "1971-12-31"),
    ("2025-01-28-bogdanov-talks", "2025-01-28", "2025-01-29"),
    ("2025-11-unsc-delisting", "2025-11-01", "2025-11-30"),
])
def test_event_rows_cover_their_whole_period(built_db, event_id, date_start, date_end):
    conn = sqlite3.connect(built_db)
    try:
        row = conn.execute("SELECT date_start, date_end FROM events WHERE id = ?", [event_id]).fetchone()
    finally:
        conn.close()
    assert row == (date_start, date_end)


def test_failed_build_leaves_the_previous_database_byte_identical(fixture_data_dir, tmp_path):
    db = tmp_path / "timeline.db"
    build(fixture_data_dir, db)
    before = db.read_bytes()
    _break_category(fixture_data_dir)
    with pytest.raises(DataError) as err:
        build(fixture_data_dir, db, force=True)
    assert "category: 'united-nations' is not one of" in str(err.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "timeline.db"]  # no temp file left behind


def test_write_error_during_build_leaves_the_previous_database_byte_identical(fixture_data_dir, tmp_path):
    """A disk that fills up mid-build, for real: a forked child lowers RLIMIT_FSIZE to 8 KiB, so every write past
    that fails with EFBIG (root included, no mocking), then rebuilds. The old database is only ever read."""
    db = tmp_path / "out" / "timeline.db"
    build(fixture_data_dir, db)
    before = db.read_bytes()
    assert len(before) > 8192
    pid = os.fork()
    if pid == 0:  # child: report through the exit status only
        code = 1
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
            build(fixture_data_dir, db, force=True)
            code = 2
        except BuildError as exc:
            code = 3 if "the previous database is unchanged" in str(exc) else 4
        except BaseException:  # noqa: BLE001  (the forked child must always _exit)
            code = 5
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 3  # 2: no error at all, 4: wrong message, 5: not a BuildError
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir()] == ["timeline.db"]  # the temp file was removed


def test_unwritable_database_path_is_a_build_error(fixture_data_dir, tmp_path):
    """A --db whose folder is really a file: a BuildError sentence (the CLI shows it), not a traceback."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BuildError):
        build(fixture_data_dir, blocker / "timeline.db")


def test_second_build_over_unchanged_inputs_changes_nothing(fixture_data_dir, tmp_path):
    db = tmp_path / "timeline.db"
    first = build(fixture_data_dir, db)
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    second = build(fixture_data_dir, db)
    assert (first.changed, second.changed) == (True, False)
    assert second.counts == FIXTURE_COUNTS
    assert db.read_bytes() == before
    assert db.stat().st_mtime_ns == mtime


def test_forced_rebuild_gives_identical_table_contents(fixture_data_dir, tmp_path):
    db = tmp_path / "timeline.db"
    build(fixture_data_dir, db)
    before = _dump(db)
    assert build(fixture_data_dir, db, force=True).changed is True
    assert _dump(db) == before


def test_edited_input_triggers_a_rebuild(fixture_data_dir, tmp_path):
    db = tmp_path / "timeline.db"
    build(fixture_data_dir, db)
    path = fixture_data_dir / "events" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  location: New York\n", "  location: Manhattan\n"),
                    encoding="utf-8")
    assert build(fixture_data_dir, db).changed is True
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT location FROM events WHERE id = '2025-11-unsc-delisting'").fetchone() == ("Manhattan",)
    finally:
        conn.close()


def test_unquoted_year_builds_like_a_quoted_one(fixture_data_dir, tmp_path):
    """`date: 1971` is what people type; YAML reads it as a number. Validation accepts it, so the build must too."""
    path = fixture_data_dir / "events" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('  date: "1971"\n', "  date: 1971\n"), encoding="utf-8")
    db = tmp_path / "timeline.db"
    build(fixture_data_dir, db)
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT date, date_start, date_end FROM events WHERE id = '1971-tartus-naval-facility'")
        assert row.fetchone() == ("1971", "1971-01-01", "1971-12-31")
    finally:
        conn.close()


SHARAA_ROLES = [
    {"title": "Leader of Hayat Tahrir al-Sham", "organisation": None, "start": "2017-01", "end": "2024-12-08"},
    {"title": "Leader of the new Syrian administration", "organisation": "Syria", "start": "2024-12-08",
     "end": "2025-01-29"},
    {"title": "Interim President", "organisation": "Syrian Arab Republic", "start": "2025-01-29", "end": None},
]


@pytest.mark.parametrize("day, expected", [
    ("2016-12-31", None),                                           # before any known role
    ("2017-01-01", "Leader of Hayat Tahrir al-Sham"),
    ("2020-06-15", "Leader of Hayat Tahrir al-Sham"),
    ("2024-12-07", "Leader of Hayat Tahrir al-Sham"),
    ("2024-12-08", "Leader of the new Syrian administration, Syria"),   # the handover day: the new role
    ("2024-12-29", "Leader of the new Syrian administration, Syria"),
    ("2025-01-28", "Leader of the new Syrian administration, Syria"),
    ("2025-01-29", "Interim President, Syrian Arab Republic"),
    ("2025-10-15", "Interim President, Syrian Arab Republic"),
    ("2026-01-28", "Interim President, Syrian Arab Republic"),        # open-ended: still current
    (None, None),                                                     # undated quote: no role claimed
])
def test_role_on_picks_the_role_held_that_day(day, expected):
    assert role_on(SHARAA_ROLES, day) == expected


def test_role_on_without_roles_is_none():
    assert role_on([], "2025-10-15") is None


def test_an_undated_role_is_never_claimed_for_a_date():
    """'President, start null, end null' only says the title is attested, not that it was held that day."""
    assert role_on([{"title": "President", "organisation": "Syrian Arab Republic", "start": None, "end": None}],
                   "2015-10-20") is None


def test_quotes_carry_the_speakers_role_on_the_day_they_were_said(built_db):
    conn = sqlite3.connect(built_db)
    try:
        row = conn.execute("SELECT role_on_date FROM statements WHERE id = 'newspravda-2025-10-15-sharaa'").fetchone()
    finally:
        conn.close()
    assert row == ("Interim President, Syrian Arab Republic",)


def test_full_text_search_finds_sovereignty_among_the_seed_quotes(bundled_db):
    texts = set(fetch_statements(bundled_db, Filters(text="sovereignty"), limit=100)["text"])
    assert "independent decision-making and full national sovereignty." in texts
    assert "relationship based on respect for sovereignty." in texts


@pytest.mark.parametrize("folder", ["with space", "Müller", "C# notes", "what?", "100%"])
def test_unchanged_inputs_are_detected_in_any_folder(fixture_data_dir, tmp_path, folder):
    db = tmp_path / folder / "timeline.db"
    build(fixture_data_dir, db)
    before = db.read_bytes()
    assert build(fixture_data_dir, db).changed is False
    assert db.read_bytes() == before


def test_a_build_leaves_garbage_collection_as_it_found_it(fixture_data_dir, tmp_path):
    """The build pauses the cyclic collector while it reads; a server process must get it back, failed
    build or not."""
    import gc

    build(fixture_data_dir, tmp_path / "ok.db")
    assert gc.isenabled()
    bad = tmp_path / "bad"
    shutil.copytree(fixture_data_dir, bad)
    _break_category(bad)
    with pytest.raises(DataError):
        build(bad, tmp_path / "bad.db")
    assert gc.isenabled()
    gc.disable()
    try:
        build(fixture_data_dir, tmp_path / "ok2.db")
        assert not gc.isenabled()
    finally:
        gc.enable()
