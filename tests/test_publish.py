"""The bulk download (zip with SQLite, CSVs, datapackage.json, codebook), `timeline export-dataset`, the
dataset version in the meta table, and the JSON API (`timeline api`, Datasette)."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from urllib.parse import quote
from pathlib import Path

import pytest

from components import bundle, codebook, config, version
from components.cli import main
from components.store import build, read_meta
from devtools.devserver import free_port


def _tables(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in names}
    finally:
        conn.close()


def _derived(name: str) -> bool:
    return name.startswith("agg_")


def test_every_table_and_column_is_in_the_codebook(built_db):
    """A column added to the schema without a description fails here (the README and the API describe it)."""
    for table, columns in _tables(built_db).items():
        if _derived(table):
            continue
        assert table in codebook.TABLES, table
        assert set(columns) == set(codebook.TABLES[table][1]), table


def test_the_build_records_a_dataset_version(built_db, fixture_data_dir, tmp_path):
    meta = read_meta(built_db)
    day, digest = meta["dataset_version"].split(".")
    assert day == meta["dataset_date"] and len(digest) == 8 and meta["content_hash"].startswith(digest)
    # a forced rebuild of the same content keeps the version; a corrected record changes it
    db = tmp_path / "t.db"
    build(fixture_data_dir, db)
    first = read_meta(db)["dataset_version"]
    build(fixture_data_dir, db, force=True)
    assert read_meta(db)["dataset_version"] == first
    topics = fixture_data_dir / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if "label:" in line)
    topics.write_text(text.replace(label, label + " (corrected)", 1), encoding="utf-8")
    build(fixture_data_dir, db)
    assert read_meta(db)["dataset_version"] != first


def test_version_keeps_the_day_while_the_content_is_the_same():
    import datetime as dt
    rows = {"topics": [{"id": "a", "label": "A"}]}
    v1 = version.version_meta(rows, {}, today=dt.date(2026, 1, 2))
    assert v1["dataset_version"].startswith("2026-01-02.")
    assert version.version_meta(rows, v1, today=dt.date(2026, 3, 4)) == v1
    assert version.version_meta({"topics": []}, v1, today=dt.date(2026, 3, 4))["dataset_date"] == "2026-03-04"


@pytest.fixture(scope="module")
def zipped(built_db) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(bundle.dataset_zip(built_db)))


def test_the_zip_holds_every_table_the_database_and_the_codebook(zipped, built_db):
    names = set(zipped.namelist())
    tables = {t: c for t, c in _tables(built_db).items() if not _derived(t)}
    assert {"README.md", "datapackage.json", "timeline.db"} <= names
    assert {f"data/{t}.csv" for t in tables} <= names
    conn = sqlite3.connect(built_db)
    for t, columns in tables.items():
        rows = list(csv.reader(io.StringIO(zipped.read(f"data/{t}.csv").decode("utf-8"))))
        assert rows[0] == columns
        assert len(rows) - 1 == conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0], t
    readme = zipped.read("README.md").decode("utf-8")
    for t, columns in tables.items():
        assert f"### {t}" in readme and all(f"| `{c}` |" in readme for c in columns)
    for heading in ("## Date precision", "## Tone rubric", "## Provenance policy"):
        assert heading in readme
    assert read_meta(built_db)["dataset_version"] in readme
    assert zipped.read("timeline.db") == built_db.read_bytes()


def test_the_datapackage_is_valid_frictionless(zipped, tmp_path):
    from frictionless import validate

    zipped.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    statements = next(r for r in package["resources"] if r["path"] == "data/statements.csv")
    text = next(f for f in statements["schema"]["fields"] if f["name"] == "text")
    assert text["description"] == "the exact words quoted"


def test_export_dataset_command_writes_the_same_zip(built_db, tmp_path, capsys):
    out = tmp_path / "dataset.zip"
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Dataset changelog\n\n## 2026-12-01\n- first\n", encoding="utf-8")
    assert main(["export-dataset", "--db", str(built_db), "--out", str(out), "--data-dir", str(tmp_path)]) == 0
    assert out.read_bytes() == bundle.dataset_zip(built_db, changelog)  # reproducible: same bytes every time
    assert zipfile.ZipFile(out).read("CHANGELOG.md") == changelog.read_bytes()
    assert "datapackage.json" in capsys.readouterr().out


def test_export_dataset_without_a_database_is_one_sentence(tmp_path, capsys):
    assert main(["export-dataset", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x.zip")]) == 1
    assert "does not exist yet" in capsys.readouterr().err


def _get(url: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as exc:  # an answer, with a JSON body saying why
            return json.loads(exc.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_timeline_api_answers_a_json_query_for_lavrov(built_db, tmp_path):
    expected = {r[0] for r in sqlite3.connect(built_db).execute(
        "SELECT id FROM statements WHERE speaker_id = 'sergey-lavrov'")}
    assert expected
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "components", "api", "--db", str(built_db), "--port", str(port)],
                            cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ})
    try:
        base = f"http://127.0.0.1:{port}/{built_db.stem}"
        rows = _get(f"{base}/statements.json?speaker_id=sergey-lavrov&_shape=array&_size=max")
        assert {r["id"] for r in rows} == expected
        canned = _get(f"{base}/quotes_by_speaker.json?speaker={quote('Sergei Lavrov')}&_shape=array")
        assert {r["id"] for r in canned} == expected, "the example query finds him by an alias"
        table = _get(f"{base}/statements.json?_size=0")
        assert set(codebook.FACETS["statements"]) <= set(table["facet_results"])
        searched = _get(f"{base}/statements.json?_search=sovereignty&_shape=objects")
        assert searched["rows"] and all("sovereignty" in (r["text"] + r["context"]).lower()
                                        for r in searched["rows"])
        meta = _get(f"http://127.0.0.1:{port}/-/metadata.json")
        assert meta["databases"][built_db.stem]["tables"]["statements"]["columns"]["text"] == "the exact words quoted"
        # read-only: a write through the SQL endpoint is refused
        refused = _get(f"{base}.json?sql=DELETE+FROM+statements")
        assert refused.get("ok") is False
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)


def test_the_shipped_datasette_metadata_is_the_generated_one():
    """datasette/metadata.yml (for `datasette -i data/timeline.db --metadata datasette/metadata.yml`) is current:
    regenerate with `python -c "from components import api; from pathlib import Path;
    api.write_metadata(Path('datasette/metadata.yml'))"`."""
    import yaml

    from components import api

    shipped = yaml.safe_load((config.ROOT / "datasette" / "metadata.yml").read_text(encoding="utf-8"))
    assert shipped == api.metadata()
    assert shipped["databases"]["timeline"]["tables"]["statements"]["fts_table"] == "statements_fts"
