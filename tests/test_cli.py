"""The `timeline` command, run as a real process (`python -m components` and the console script)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components import config

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"


def _env(extra: dict | None = None) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in ("TIMELINE_DB", "TIMELINE_DATA_DIR")}
    return {**base, **(extra or {})}


def _run_all(jobs: dict[str, tuple[list[str], dict | None]], cwd: Path) -> dict[str, subprocess.CompletedProcess]:
    """Start every command at once (each spends ~1 s importing), then collect them all."""
    procs = {name: (argv, subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                           env=_env(env), cwd=cwd))
             for name, (argv, env) in jobs.items()}
    done = {}
    for name, (argv, p) in procs.items():
        out, err = p.communicate(timeout=60)
        done[name] = subprocess.CompletedProcess(argv, p.returncode, out, err)
    return done


@pytest.fixture(scope="module")
def cli(tmp_path_factory, built_db):
    """Runs of the real command; the broken copy has an impossible date and an unknown speaker."""
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
    module = [sys.executable, "-m", "components"]
    script = shutil.which("timeline")
    assert script, "the console script `timeline` is not installed (pip install -e .)"
    runs = _run_all({
        "validate-ok": ([*module, "validate", "--data-dir", str(FIXTURE_DATA)], None),
        "validate-broken": ([*module, "validate", "--data-dir", str(broken)], None),
        "build": ([*module, "build", "--data-dir", str(FIXTURE_DATA), "--db", str(db)], None),
        "quotes-json": ([script, "quotes", "--db", str(built_db), "--search", "sovereignty", "--format", "json"], None),
        "stats-env-only": ([*module, "stats"], {"TIMELINE_DB": str(missing)}),
    }, cwd=base)
    runs |= _run_all({
        # --db wins over $TIMELINE_DB, which points nowhere here.
        "stats": ([*module, "stats", "--db", str(db)], {"TIMELINE_DB": str(missing)}),
        "build-again": ([*module, "build", "--data-dir", str(FIXTURE_DATA), "--db", str(db)], None),
    }, cwd=base)
    return {"runs": runs, "events": events, "statements": statements, "db": db, "missing": missing}


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
    lines = proc.stdout.splitlines()
    rows = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in lines if not line.startswith("date span")}
    assert rows == {"events": "6", "statements": "6", "actors": "7", "roles": "5", "sources": "3", "topics": "3",
                    "event_actors": "13", "event_topics": "7", "event_sources": "7", "statement_topics": "7"}
    assert [" ".join(line.split()) for line in lines if line.startswith("date span")] == [
        "date span 1944-07-01 to 2025-11-01"]


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
