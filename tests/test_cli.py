"""The `timeline` command, run in-process through `cli.main(argv)` (one real-process smoke test at the end)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components import cli as cli_module
from components import config

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"


@contextlib.contextmanager
def _environ(extra: dict | None):
    saved = {k: os.environ.get(k) for k in ("TIMELINE_DB", "TIMELINE_DATA_DIR", *(extra or {}))}
    for k in ("TIMELINE_DB", "TIMELINE_DATA_DIR"):
        os.environ.pop(k, None)
    os.environ.update(extra or {})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run(argv: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    """`timeline ARGV` in this process: exit code, stdout and stderr as a finished process would give them."""
    out, err = io.StringIO(), io.StringIO()
    with _environ(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_module.main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def cli(tmp_path_factory, built_db):
    """Runs of the command; the broken copy has an impossible date and an unknown speaker."""
    base = tmp_path_factory.mktemp("cli")
    broken = base / "broken"
    shutil.copytree(FIXTURE_DATA, broken)
    events = broken / "events" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  date: 2025-10-15\n", "  date: 2025-02-30\n"),
                      encoding="utf-8")
    statements = broken / "statements" / "statements.yaml"
    statements.write_text(statements.read_text(encoding="utf-8").replace(
        "  speaker_id: sergey-lavrov\n  speaker_label: Lavrov\n", "  speaker_id: sergei-lavrov\n  speaker_label: Lavrov\n"),
        encoding="utf-8")
    db = base / "out" / "t.db"
    missing = base / "elsewhere" / "from-env.db"
    runs = {
        "validate-ok": run(["validate", "--data-dir", str(FIXTURE_DATA)]),
        "validate-broken": run(["validate", "--data-dir", str(broken)]),
        "build": run(["build", "--data-dir", str(FIXTURE_DATA), "--db", str(db)]),
        "quotes-json": run(["quotes", "--db", str(built_db), "--search", "sovereignty", "--format", "json"]),
        "stats-env-only": run(["stats"], {"TIMELINE_DB": str(missing)}),
        # --db wins over $TIMELINE_DB, which points nowhere here.
        "stats": run(["stats", "--db", str(db)], {"TIMELINE_DB": str(missing)}),
    }
    runs["build-again"] = run(["build", "--data-dir", str(FIXTURE_DATA), "--db", str(db)])
    return {"runs": runs, "events": events, "statements": statements, "db": db, "missing": missing, "built": built_db}


def test_validate_accepts_the_fixture(cli):
    proc = cli["runs"]["validate-ok"]
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "OK: 6 events, 6 statements, 7 actors, 3 sources, 3 topics in 5 files.\n"


def test_validate_reports_every_problem_as_file_line_field_reason(cli):
    proc = cli["runs"]["validate-broken"]
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"{cli['events']}:71: date: '2025-02-30' is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{cli['statements']}:62: speaker_id: unknown actor 'sergei-lavrov'",
        "2 problem(s) found; nothing was built.",
    ]


def test_build_reports_what_it_built_and_a_second_build_changes_nothing(cli):
    db = cli["db"]
    first, again = cli["runs"]["build"], cli["runs"]["build-again"]
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == f"Built {db}: 6 events, 6 statements, 7 actors, 3 sources, 3 topics.\n"
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == f"Unchanged (inputs identical): {db}: 6 events, 6 statements, 7 actors, 3 sources, 3 topics.\n"


def test_stats_prints_counts_per_table_and_the_date_span(cli):
    proc = cli["runs"]["stats"]
    assert (proc.returncode, proc.stderr) == (0, "")
    tables, coverage = proc.stdout.split("\n\n")
    lines = tables.splitlines()
    rows = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in lines if not line.startswith("date span")}
    assert rows == {"events": "6", "statements": "6", "actors": "7", "roles": "5", "sources": "3", "source_texts": "3",
                    "topics": "3", "event_actors": "13", "event_topics": "7", "event_sources": "7",
                    "statement_topics": "7"}
    assert [" ".join(line.split()) for line in lines if line.startswith("date span")] == [
        "date span 1944-07-01 to 2025-11-01"]
    # The fixture: events in 1944, 1971, 2015 and three from 2025; statements all English, 2025 or undated.
    assert [" ".join(line.split()) for line in coverage.splitlines()] == [
        "Coverage per period (statements by language)",
        "period events statements en",
        "1944–1990 2 0 0",
        "1991–2010 0 0 0",
        "2011 – 29 Sep 2015 0 0 0",
        "30 Sep 2015 – 7 Dec 2024 1 0 0",
        "8 Dec 2024 onwards 3 5 5",
        "undated 0 1 1",
    ]


def test_quotes_search_as_json_returns_the_seed_quote(cli):
    proc = cli["runs"]["quotes-json"]
    assert (proc.returncode, proc.stderr) == (0, "")
    by_id = {r["id"]: r for r in json.loads(proc.stdout)}
    assert set(by_id) == {"levant24-2025-10-15-q1", "levant24-2025-10-15-q7"}
    seed = by_id["levant24-2025-10-15-q1"]
    assert seed["text"] == "independent decision-making and full national sovereignty."
    assert seed["speaker_name"] == "sources close to the Syrian government"
    assert seed["publisher"] == "Levant24 (L24)"
    assert by_id["levant24-2025-10-15-q7"]["speaker_name"] == "Sergey Lavrov"


def test_timeline_db_environment_variable_is_used_without_db_option(cli):
    proc = cli["runs"]["stats-env-only"]
    assert proc.returncode == 1
    assert proc.stderr == f"The database {cli['missing']} does not exist yet. Build it with: timeline build\n"


@pytest.mark.parametrize("cli, env, expected", [
    ("a.db", "b.db", Path("a.db")),
    (None, "b.db", Path("b.db")),
    (None, None, config.ROOT / "data" / "timeline.db"),
    ("", None, config.ROOT / "data" / "timeline.db"),
])
def test_database_path_precedence(monkeypatch, cli, env, expected):
    """--db, else $TIMELINE_DB, else data/timeline.db in the repository (not the working directory)."""
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    if env:
        monkeypatch.setenv("TIMELINE_DB", env)
    assert config.db_path(cli) == expected


@pytest.mark.parametrize("cli, env, expected", [
    ("x", "y", Path("x")),
    (None, "y", Path("y")),
    (None, None, config.ROOT / "data"),
])
def test_data_dir_precedence(monkeypatch, cli, env, expected):
    monkeypatch.delenv("TIMELINE_DATA_DIR", raising=False)
    if env:
        monkeypatch.setenv("TIMELINE_DATA_DIR", env)
    assert config.data_dir(cli) == expected


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_10000_character_search_is_cut_and_answered(cli, fmt):
    """The search is cut to 500 characters as the note says, and the command answers in every format."""
    proc = run(["quotes", "--db", str(cli["built"]), "--search", "sovereignty " * 834, "--format", fmt])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ("timeline quotes: The search text (--search) was longer than 500 characters "
                           "and was cut.\n")
    assert "independent decision-making and full national sovereignty." in proc.stdout


def test_an_unknown_filter_value_is_one_sentence_and_exit_2(cli):
    proc = run(["quotes", "--db", str(cli["built"]), "--actor", "nobody"])
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "timeline quotes: Ignored unknown actor 'nobody'.\n"


def test_the_console_script_and_the_module_run_as_real_processes(cli):
    """One real process each: the installed `timeline` script and `python -m components`."""
    script = shutil.which("timeline")
    assert script, "the console script `timeline` is not installed (pip install -e .)"
    env = {k: v for k, v in os.environ.items() if k not in ("TIMELINE_DB", "TIMELINE_DATA_DIR")}
    for argv in ([script, "stats", "--db", str(cli["db"])], [sys.executable, "-m", "components", "stats", "--db",
                                                              str(cli["db"])]):
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env, check=False)
        assert (proc.returncode, proc.stderr) == (0, ""), argv
        assert proc.stdout.startswith("events ")


def _quote_ids(db, search: str) -> set[str]:
    result = run(["quotes", "--db", str(db), "--search", search, "--format", "json", "--limit", "5000"])
    assert result.returncode == 0, result.stderr
    return {q["id"] for q in json.loads(result.stdout)}


@pytest.mark.parametrize("one, other", [("Tartus", "Tartous"), ("Hmeimim", "Khmeimim")])
def test_quotes_search_finds_every_spelling_of_a_place(bundled_db, one, other):
    """`timeline quotes --search Tartous` lists the quotes that spell it Tartus too, as the Quotes page does."""
    import sqlite3

    conn = sqlite3.connect(bundled_db)
    try:
        either = {r[0] for r in conn.execute(
            "SELECT st.id FROM statements st JOIN statements_fts x ON x.rowid = st.rowid "
            "WHERE statements_fts MATCH ?", [f'"{one}" OR "{other}"'])}
    finally:
        conn.close()
    assert either
    found = [_quote_ids(bundled_db, word) for word in (one, other)]
    assert found[0] == found[1]
    assert found[0] >= either


def test_quotes_search_total_counts_the_other_spellings(bundled_db):
    """The table output's 'N of TOTAL quote(s) shown' counts every spelling, like the list."""
    totals = [int(run(["quotes", "--db", str(bundled_db), "--search", w, "--limit", "1"]).stdout.splitlines()[-1]
                  .split(" quote(s)")[0].split(" of ")[1].replace(",", "")) for w in ("Tartus", "Tartous")]
    assert totals[0] == totals[1] == len(_quote_ids(bundled_db, "Tartus")) > 0
