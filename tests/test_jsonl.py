"""Bulk data as JSON Lines beside the YAML people edit: read and validated the same way, each problem
reported as `file:line: field: reason` with the line the record is on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from components import store
from components.schema import load_dataset, read_jsonl_list

FIXTURE = Path(__file__).parent / "fixtures" / "data"


def _messages(data: Path) -> list[str]:
    return [str(i) for i in load_dataset(data)[1]]


@pytest.fixture
def data(tmp_path) -> Path:
    """The fixture dataset with its statements moved from YAML to one JSON Lines file."""
    d = tmp_path / "data"
    shutil.copytree(FIXTURE, d)
    records = []
    for f in sorted((d / "statements").glob("*.yaml")):
        records += yaml.safe_load(f.read_text(encoding="utf-8")) or []
        f.unlink()
    (d / "statements" / "bulk.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records), encoding="utf-8")
    return d


def test_json_lines_statements_build_like_yaml_ones(data, tmp_path):
    assert _messages(data) == []
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    store.build(data, a)
    store.build(FIXTURE, b)
    assert store.read_meta(a)["counts"] == store.read_meta(b)["counts"]
    assert store.read_meta(a)["content_hash"] == store.read_meta(b)["content_hash"]


def test_a_bad_record_is_reported_with_its_line(data):
    path = data / "statements" / "bulk.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[1])
    rec["topics"] = ["no-such-topic"]
    lines[1] = json.dumps(rec)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(m.endswith("bulk.jsonl:2: topics: unknown topic 'no-such-topic'") for m in _messages(data)), \
        _messages(data)


@pytest.mark.parametrize("content, want", [
    ('{"id": "a"}\n{"id": "b", "id": "c"}\n', "x.jsonl:2: id: duplicate key in the same entry"),
    ('{"id": "a"}\n\n{broken\n', "x.jsonl:3: file: line is not valid JSON (Expecting property name"),
    ('["a list"]\n', "x.jsonl:1: entry: must be a JSON object of field: value"),
    ('{"id": "a"}\r\n', "x.jsonl:1: file: uses CRLF (Windows) line endings; convert it to LF"),
])
def test_unreadable_lines_are_reported(tmp_path, content, want):
    p = tmp_path / "x.jsonl"
    p.write_bytes(content.encode())
    _, issues = read_jsonl_list(p, "x.jsonl")
    assert any(str(i).startswith(want) for i in issues), [str(i) for i in issues]


def test_nested_mappings_carry_the_line_for_their_messages(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "e1"}\n{"id": "e2", "sources": [{"id": "s", "evidence": "x"}]}\n')
    records, issues = read_jsonl_list(p, "x.jsonl")
    assert issues == []
    assert [r.line for r in records] == [1, 2]
    assert records[1]["sources"][0].line == 2


@pytest.mark.parametrize("line, want", [
    ('{"id": "a"} trailing', ["x.jsonl:1: file: line is not valid JSON (Extra data at column 13)"]),
    ('{"id": "a", "id": "b"} x', ["x.jsonl:1: id: duplicate key in the same entry",
                                  "x.jsonl:1: file: line is not valid JSON (Extra data at column 24)"]),
    ('  {"id": "a", "id": "b"}  ', ["x.jsonl:1: id: duplicate key in the same entry"]),
    ("[" * 100_000, ["x.jsonl:1: file: nests lists or objects too deeply to read"]),
    ("null", ["x.jsonl:1: entry: must be a JSON object of field: value"]),
])
def test_lines_the_fast_reader_declines_get_the_full_decoders_messages_once(tmp_path, line, want):
    p = tmp_path / "x.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    assert [str(i) for i in read_jsonl_list(p, "x.jsonl")[1]] == want


def test_a_line_with_spaces_around_it_is_read(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('\t{"id": "a"}  \n{"id": "b"}\n', encoding="utf-8")
    records, issues = read_jsonl_list(p, "x.jsonl")
    assert issues == [] and [(r["id"], r.line) for r in records] == [("a", 1), ("b", 2)]
