"""The benchmark runs end to end at a tiny size and writes a well-formed JSON, report and chart.

Timings are never asserted: they live in the report. The full run (Datasette, AppTest pages, PNG export,
Chromium) takes about a minute at 2,000 statements; steps whose tool is missing are recorded as skipped.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from components import cli, store
from devtools import bench, synth

pytestmark = pytest.mark.slow  # builds synthetic databases and runs the benchmark: the full tier

SIZE = 2000


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("bench")
    argv = ["bench", "--sizes", str(SIZE), "--repeat", "2", "--workdir", str(out / "db"),
            "--json", str(out / "bench.json"), "--report", str(out / "bench.md")]
    if shutil.which("chromium") is None:
        argv.append("--no-browser")
    assert cli.main(argv) == 0
    return json.loads((out / "bench.json").read_text()), out


def test_json_has_the_documented_shape(bench_run):
    doc, _ = bench_run
    assert {"machine", "results"} <= set(doc)
    assert {"cpu_count", "python", "platform", "sqlite"} <= set(doc["machine"])
    assert doc["results"], "no results recorded"
    for r in doc["results"]:
        assert set(bench.RESULT_KEYS) <= set(r)
        assert r["size"] == SIZE
        assert isinstance(r["operation"], str) and r["operation"]
        assert isinstance(r["ours_ms_p50"], float | int) and r["ours_ms_p50"] >= 0
        assert r["ours_ms_p95"] >= 0
        for k in ("naive_ms_p50", "datasette_ms_p50", "ours_cpu_ms_p50"):
            assert r.get(k) is None or r[k] >= 0


def test_every_measured_step_is_there_or_explained(bench_run):
    doc, _ = bench_run
    ops = {r["operation"] for r in doc["results"]}
    skipped = {s["step"] for s in doc["skipped"]}
    assert {bench.OP_BUILD, bench.OP_BUILD_YAML, bench.OP_BUILD_FILES} <= ops
    assert "review" in skipped or bench.OP_REVIEW in ops
    assert set(bench.OP_SEARCH.values()) <= ops
    assert {bench.OP_EVENTS, bench.OP_FACET, bench.OP_FIG_BUILD, bench.OP_FIG_PURE} <= ops
    assert "naive" in skipped or any(r["naive_ms_p50"] is not None for r in doc["results"])
    assert "datasette" in skipped or any(r["datasette_ms_p50"] is not None for r in doc["results"])
    assert "pages" in skipped or {bench.OP_PAGE_TL, bench.OP_PAGE_TL_DATES, bench.OP_PAGE_QT} <= ops
    assert "export" in skipped or {bench.OP_PNG_COLD, bench.OP_PNG_WARM} <= ops
    if shutil.which("chromium"):
        assert "browser" in skipped or {bench.OP_BROWSER_COLD, bench.OP_BROWSER_SHOWN} <= ops
        firsts = [r for r in doc["results"] if r["operation"] in (bench.OP_BROWSER_COLD, bench.OP_BROWSER_SHOWN)]
        # --repeat 2: each first visit is timed on two fresh servers, and the report says so
        assert firsts and all(r.get("note") == "median of 2 fresh servers" for r in firsts), firsts
    hits = {m["metric"]: m["value"] for m in doc["metrics"]}
    assert hits[f"hits: {bench.OP_SEARCH[('rare', False)]}"] == synth.RARE_HITS
    assert hits["database bytes"] > 0
    if bench.OP_REVIEW in ops:  # every accepted quote is found by the Quotes page search right after
        assert hits["review: accepted quotes shown"] == hits["review: accepts timed"] >= 1
        assert hits["review: incremental update"] == 1


def test_targets_name_every_bar_of_the_issue(bench_run):
    doc, _ = bench_run
    targets = {t["target"].split(" (measured")[0]: t for t in bench.evaluate_targets(doc)}
    assert any("Full build from the data files" in t for t in targets)
    assert any("Accept one quote" in t for t in targets)
    for t in targets.values():
        assert t["status"] == "met" or t["status"].startswith("missed") or t["status"] == "not measured"


def test_report_and_chart_are_written(bench_run):
    _, out = bench_run
    text = (out / "bench.md").read_text()
    assert "## Targets" in text
    assert ("| operation | ours p50 | ours p95 | naive p50 | ours/naive | Datasette p50 | ours/Datasette "
            "| ours CPU p50 |") in text
    assert f"## {SIZE:,} statements" in text
    png = out / "bench.png"
    if png.exists():
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_synthetic_rows_have_the_shape_of_the_real_build(tmp_path):
    """The fast path writes exactly what store._rows() makes, and quotes are verbatim slices of contexts."""
    ds, facts = synth.generate(300, seed=1)
    db = tmp_path / "s.db"
    synth.build_fast(ds, facts, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 300
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 30
        assert conn.execute("SELECT count(*) FROM statements WHERE instr(context, text) = 0").fetchone()[0] == 0
        cols = [r[1] for r in conn.execute("PRAGMA table_info(statements)")]
    assert set(store._rows(ds)["statements"][0]) <= set(cols)


def test_synthetic_yaml_validates_and_builds(tmp_path):
    ds, facts = synth.generate(200, seed=2)
    res = synth.build_yaml(ds, tmp_path / "data", tmp_path / "y.db")
    assert res["yaml_counts"]["statements"] == 200
    assert res["yaml_counts"]["source_texts"] >= 10  # held texts written for the synthetic sources


def test_json_lines_data_files_build_the_same_database_as_yaml(tmp_path):
    """The bulk format is read and validated like YAML: the same rows come out of either."""
    ds, _ = synth.generate(200, seed=3)
    synth.build_files(ds, tmp_path / "y", tmp_path / "y.db", "yaml")
    synth.build_files(ds, tmp_path / "j", tmp_path / "j.db", "jsonl")
    assert list((tmp_path / "j" / "statements").glob("*.jsonl"))
    dump = {}
    for name in ("y", "j"):
        with sqlite3.connect(tmp_path / f"{name}.db") as conn:
            dump[name] = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                          for t in ("statements", "events", "event_sources", "statement_topics", "source_texts")}
    assert dump["y"] == dump["j"]
