"""Malformed data files, through the real command: `python -m components build --data-dir <copy> --db <existing>`.

Each folder of tests/fixtures/malformed/ is laid over a fresh copy of the valid fixture dataset (tests/fixtures/data).
For every one the build must exit with code 1, print `file:line: field: reason` naming the broken file and line
(never a Python traceback), and leave the existing database byte-identical with no temp file beside it.
The 10 MB field is generated in tmp_path at test time rather than committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components import config
from components.store import build

pytestmark = pytest.mark.slow  # each case runs a real build process: the full tier

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
MALFORMED = Path(__file__).parent / "fixtures" / "malformed"

# case folder -> the (file under data/, line, text the message must contain) it must report.
CASES: dict[str, list[tuple[str, int, str]]] = {
    "truncated-yaml": [("events/zz-truncated.yaml", 12, "is not valid YAML")],
    "truncated-string": [("statements/zz-truncated.yaml", 4, "is not valid YAML")],
    "wrong-types": [("events/zz-wrong-types.yaml", 6, "title: must be text, not int"),
                    ("events/zz-wrong-types.yaml", 9, "importance: 'high' must be a whole number"),
                    ("events/zz-wrong-types.yaml", 11, "tone: '[1]' must be a whole number")],
    "list-as-id": [("statements/zz-list-as-id.yaml", 5, "speaker_id: ")],
    "mapping-as-id": [("statements/zz-mapping-as-id.yaml", 10, "source_id: ")],
    "nested-list-topics": [("events/zz-nested-topics.yaml", 15, "topics: ")],
    "unhashable-key": [("topics/zz-key.yaml", 4, "")],
    "bom": [("actors/zz-bom.yaml", 1, "byte-order mark")],
    "crlf": [("actors/zz-crlf.yaml", 1, "CRLF")],
    "duplicate-keys": [("statements/zz-duplicate-keys.yaml", 13, "text: duplicate key")],
    "dangling-references": [("statements/zz-dangling.yaml", 5, "speaker_id: unknown actor 'no-such-actor'"),
                            ("statements/zz-dangling.yaml", 10, "source_id: unknown source 'no-such-source'"),
                            ("statements/zz-dangling.yaml", 11, "event_id: unknown event 'no-such-event'"),
                            ("statements/zz-dangling.yaml", 15, "topics: unknown topic 'no-such-topic'")],
    "invalid-utf8": [("sources/zz-invalid-utf8.yaml", 5, "is not valid UTF-8")],
    "nul-byte": [("sources/zz-nul.yaml", 3, "NUL byte")],
    "not-a-list": [("actors/zz-not-a-list.yaml", 1, "must be a YAML list")],
    "tab-indent": [("actors/zz-tab.yaml", 3, "is not valid YAML")],
    "impossible-date": [("events/zz-impossible-date.yaml", 3, "'2025-02-30' is not a real date")],
    "deep-nesting": [("topics/zz-deep.yaml", 3, "")],
    "alias-bomb": [("actors/zz-alias-bomb.yaml", 6, "description: must be text")],
    "markup-in-url": [("sources/zz-markup-url.yaml", 3, "is not an http(s) URL")],
}

# Byte-level cases: if git (or an editor) normalised these files, the case would silently test nothing.
RAW_GUARDS = {
    "bom": ("actors/zz-bom.yaml", lambda b: b.startswith(b"\xef\xbb\xbf")),
    "crlf": ("actors/zz-crlf.yaml", lambda b: b"\r\n" in b),
    "invalid-utf8": ("sources/zz-invalid-utf8.yaml", lambda b: b"\xe9" in b),
    "nul-byte": ("sources/zz-nul.yaml", lambda b: b"\x00" in b),
}


@pytest.fixture(scope="module")
def good_db_bytes(tmp_path_factory) -> bytes:
    """A database built from the valid fixture: what every failed build must leave untouched."""
    base = tmp_path_factory.mktemp("good")
    shutil.copytree(FIXTURE_DATA, base / "data")
    build(base / "data", base / "timeline.db")
    return (base / "timeline.db").read_bytes()


def run_build(data_dir: Path, db: Path, *extra: str, timeout: float = 180, **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "components", "build", "--data-dir", str(data_dir), "--db", str(db),
                           *extra], cwd=config.ROOT, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False, **popen)


def prepare(tmp_path: Path, good_db_bytes: bytes) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "out"
    out.mkdir()
    db = out / "timeline.db"
    db.write_bytes(good_db_bytes)
    return data, db


def assert_failed_cleanly(done: subprocess.CompletedProcess, data: Path, db: Path, good: bytes,
                          expected: list[tuple[str, int, str]], mtime_ns: int) -> None:
    err = done.stderr
    assert done.returncode == 1, (done.returncode, err[-2000:])
    assert "Traceback" not in err, err[-3000:]
    for rel, line, fragment in expected:
        prefix = f"{data / rel}:{line}: "
        hits = [m for m in err.splitlines() if m.startswith(prefix)]
        assert hits, f"no message starting {prefix!r} in:\n{err[:3000]}"
        assert any(fragment in m for m in hits), (fragment, hits)
    assert "left unchanged" in err
    assert len(err) < 20_000, "the report quotes whole values instead of describing them"
    assert db.read_bytes() == good, "the existing database changed"
    assert db.stat().st_mtime_ns == mtime_ns
    assert sorted(p.name for p in db.parent.iterdir()) == ["timeline.db"], "a temp file was left behind"


def test_every_corpus_folder_has_expectations():
    assert sorted(p.name for p in MALFORMED.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(RAW_GUARDS))
def test_byte_level_cases_kept_their_bytes(case):
    rel, check = RAW_GUARDS[case]
    assert check((MALFORMED / case / rel).read_bytes()), f"{case}/{rel} was normalised; see malformed/.gitattributes"


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_fails_the_build_with_file_and_line(case, tmp_path, good_db_bytes):
    data, db = prepare(tmp_path, good_db_bytes)
    shutil.copytree(MALFORMED / case, data, dirs_exist_ok=True)
    mtime = db.stat().st_mtime_ns
    done = run_build(data, db)
    assert_failed_cleanly(done, data, db, good_db_bytes, CASES[case], mtime)


def test_ten_megabyte_field_is_refused_by_length(tmp_path, good_db_bytes):
    data, db = prepare(tmp_path, good_db_bytes)
    huge = data / "actors" / "zz-huge.yaml"
    with open(huge, "w", encoding="utf-8") as fh:
        fh.write("# One actor whose description is 10,000,000 characters long.\n"
                 "- id: huge-actor\n  name: Huge\n  kind: person\n  country: null\n  description: ")
        fh.write("x" * 10_000_000)
        fh.write("\n")
    mtime = db.stat().st_mtime_ns
    done = run_build(data, db, "--force")
    assert_failed_cleanly(done, data, db, good_db_bytes,
                          [("actors/zz-huge.yaml", 6, "description: is 10,000,000 characters long")], mtime)


def test_the_valid_fixture_itself_builds(tmp_path, good_db_bytes):
    """The control: without the overlay the same command succeeds (so the failures above are the overlays')."""
    data, db = prepare(tmp_path, good_db_bytes)
    done = run_build(data, db, "--force")
    assert done.returncode == 0, done.stderr[-2000:]
