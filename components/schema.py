"""Read the YAML (and bulk JSON Lines) source files and validate them: every problem becomes one `file:line: field: reason` line.

Pure: no database, no Streamlit. `load_dataset()` returns a `Dataset` of plain dicts (each with its
file and line) plus every `Issue` found, so one run reports all errors.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from components import config
from components.texts import HeldText, read_held_texts

MAX_FIELD_CHARS = 20_000
MAX_CONTEXT_CHARS = 400
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL_RE = re.compile(r"^https?://[^\s\"'<>\\^`{|}]+$")  # what a browser link may hold unescaped
LANG_RE = re.compile(r"^[a-z]{2,3}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

KINDS = ("topics", "actors", "sources", "events", "statements")


@dataclass(frozen=True)
class Issue:
    """One validation problem, located in a source file."""

    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


class DataError(Exception):
    """Raised when the source files do not validate; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


class Record(dict):
    """A YAML mapping that remembers where it was written."""

    file: str = ""
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@dataclass
class Dataset:
    topics: list[Record] = field(default_factory=list)
    actors: list[Record] = field(default_factory=list)
    sources: list[Record] = field(default_factory=list)
    events: list[Record] = field(default_factory=list)
    statements: list[Record] = field(default_factory=list)
    texts: dict[str, HeldText] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


# --- YAML with line numbers -------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """The pure-Python safe loader: its error marks are the lines the messages report."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader in C (libyaml) when PyYAML has it: about ten times faster. A file it cannot read
    is read again by `_Loader`, so error lines and wording stay those of the pure-Python parser."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Record:
    loader.flatten_mapping(node)
    rec = Record()
    rec.key_lines = {}
    rec.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading an entry", node.start_mark,
                "a list or mapping is used as a field name", key_node.start_mark) from None
        if key in rec:
            loader.duplicate_keys.append((line, str(key)))
        rec[key] = loader.construct_object(value_node, deep=True)
        rec.key_lines[key] = line
    return rec


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay ISO text: YAML would turn 2025-10-15 into a date and reject 2025-02-30 with a traceback.
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
_FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def _fast_parse(text: str):
    """(doc, duplicate keys) through libyaml, or None when it fails (then the slow parser explains why)."""
    loader = _FastLoader(text)
    loader.duplicate_keys = []
    try:
        return loader.get_single_data(), loader.duplicate_keys
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _decode(raw: bytes, label: str) -> tuple[str | None, list[Issue]]:
    """The text of a source file, or None with the one issue that stops it being read."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Issue(label, 1, "file", "starts with a byte-order mark; save it as UTF-8 without BOM")]
    if b"\x00" in raw:
        return None, [Issue(label, raw[: raw.index(b"\x00")].count(b"\n") + 1, "file",
                            "contains a NUL byte; is it a binary file?")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue(label, line, "file", f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        return None, [Issue(label, line, "file", "uses CRLF (Windows) line endings; convert it to LF")]
    return text, []


def read_yaml_list(path: Path, label: str) -> tuple[list[Record], list[Issue]]:
    """Parse one YAML file that must hold a list of mappings. Never raises for bad content."""
    text, issues = _decode(path.read_bytes(), label)
    if text is None:
        return [], issues
    fast = _fast_parse(text)
    loader = _Loader(text if fast is None else "")
    loader.duplicate_keys = []
    try:
        doc = loader.get_single_data() if fast is None else fast[0]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return [], [Issue(label, line, "file", f"is not valid YAML ({exc.problem or exc.context})")]
    except yaml.YAMLError as exc:
        return [], [Issue(label, 1, "file", f"is not valid YAML ({exc})")]
    except RecursionError:
        return [], [Issue(label, loader.line + 1, "file", "nests lists or mappings too deeply to read")]
    finally:
        loader.dispose()
    for line, key in (loader.duplicate_keys if fast is None else fast[1]):
        issues.append(Issue(label, line, key, "duplicate key in the same entry"))
    if doc is None:
        return [], issues
    if not isinstance(doc, list):
        return [], issues + [Issue(label, 1, "file", "must be a YAML list of entries (each starting with '- ')")]
    records = []
    for i, item in enumerate(doc):
        if not isinstance(item, Record):
            issues.append(Issue(label, 1, f"entry {i + 1}", "must be a mapping of field: value"))
            continue
        item.file = label
        records.append(item)
    return records, issues


_NO_KEY_LINES: dict = {}  # a JSON Lines record has one line for all its keys; never written to


class _JsonLines:
    """Decodes one line at a time; every object it makes is a Record stamped with that file and line."""

    def __init__(self, label: str, issues: list[Issue]):
        self.label, self.line, self.issues = label, 0, issues
        decoder = json.JSONDecoder(object_pairs_hook=self.record)
        self.decode, self.scan = decoder.decode, decoder.scan_once

    def fast(self, line: str):
        """The object on a line that is one JSON value with no surrounding space (as tools write them), else
        None: then decode() reads it again, with its exact error."""
        if line[0] in " \t" or line[-1] in " \t":
            return None
        try:
            item, end = self.scan(line, 0)
        except (StopIteration, ValueError, RecursionError):
            return None
        return item if end == len(line) else None

    def record(self, pairs: list[tuple]) -> Record:
        rec = Record(pairs)
        rec.__dict__ = {"key_lines": _NO_KEY_LINES, "file": self.label, "line": self.line}
        if len(rec) != len(pairs):
            for i, (k, _) in enumerate(pairs):
                if any(k == k2 for k2, _ in pairs[:i]):
                    self.issues.append(Issue(self.label, self.line, str(k), "duplicate key in the same entry"))
        return rec


def read_jsonl_list(path: Path, label: str) -> tuple[list[Record], list[Issue]]:
    """Parse one JSON Lines file (one JSON object a line; blank lines skipped), for bulk data beside the
    YAML that people edit. Records carry their line, so validation reports `file:line: field: reason`."""
    text, issues = _decode(path.read_bytes(), label)
    if text is None:
        return [], issues
    records: list[Record] = []
    reader = _JsonLines(label, issues)
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        reader.line = n
        mark = len(issues)
        item = reader.fast(line)
        if item is None:
            del issues[mark:]  # duplicate keys seen by the fast pass are reported again by decode()
        try:
            item = reader.decode(line) if item is None else item
        except json.JSONDecodeError as exc:
            issues.append(Issue(label, n, "file", f"line is not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except RecursionError:
            issues.append(Issue(label, n, "file", "nests lists or objects too deeply to read"))
            continue
        if not isinstance(item, Record):
            issues.append(Issue(label, n, "entry", "must be a JSON object of field: value"))
            continue
        records.append(item)
    return records, issues


def _files_for(data_dir: Path, kind: str) -> list[Path]:
    files = []
    single = data_dir / f"{kind}.yaml"
    if single.exists():
        files.append(single)
    folder = data_dir / kind
    if folder.is_dir():
        files.extend(sorted([*folder.glob("*.yaml"), *folder.glob("*.jsonl")]))
    return files


def source_files(data_dir: Path) -> list[Path]:
    """Every YAML and JSON Lines file the build reads, in a stable order."""
    return [p for kind in KINDS for p in _files_for(data_dir, kind)]


# --- value checks -----------------------------------------------------------------------------


def _known(value, ids) -> bool:
    """`value in ids` for any YAML value: a list or mapping typed where an id belongs is not an id (nor hashable)."""
    return isinstance(value, str) and value in ids


def parse_iso(value: str) -> tuple[str, str] | None:
    """('YYYY[-MM[-DD]]', precision) for a valid ISO date text, else None (2025-02-30 is None)."""
    m = DATE_RE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return value, ("day" if day else "month" if month else "year")


def date_bounds(value: str, precision: str | None = None) -> tuple[str, str]:
    """First and last day covered by an ISO date of any precision, as YYYY-MM-DD."""
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return f"{year:04d}-{month:02d}-01", (nxt - dt.timedelta(days=1)).isoformat()
    if precision == "week":
        d = dt.date.fromisoformat(value)
        start = d - dt.timedelta(days=d.weekday())
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    return value, value


def role_on(roles: list[dict], day: str | None) -> str | None:
    """The role an actor held on a date (latest-starting role covering it), as 'Title, Organisation'.

    A role with neither start nor end is only attested, not dated: it is never claimed for a date.
    """
    if not roles or day is None:
        return None
    first, last = date_bounds(day)
    best = None
    for r in roles:
        if not r.get("start") and not r.get("end"):
            continue
        start = date_bounds(r["start"])[0] if r.get("start") else "0000-01-01"
        end = date_bounds(r["end"])[1] if r.get("end") else "9999-12-31"
        if start <= last and end >= first and (best is None or start > best[0]):
            best = (start, r)
    if best is None:
        return None
    r = best[1]
    return f"{r['title']}, {r['organisation']}" if r.get("organisation") else r["title"]


def _label(path: Path) -> str:
    """A file's name as messages show it: relative to the project when inside it."""
    try:
        return str(path.relative_to(config.ROOT))
    except ValueError:
        return str(path)


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection inside: reading and building make hundreds of thousands of records that
    hold no reference cycles, and each collection would walk all of them again (a third of the reading
    time at 100,000 statements). Reference counting still frees what is dropped."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_dataset(data_dir: Path, check_corpus: bool = True) -> tuple[Dataset, list[Issue]]:
    """Read and validate every source file under data_dir. Returns the dataset and all issues."""
    with paused_gc():
        return _load_dataset(data_dir, check_corpus)


def _load_dataset(data_dir: Path, check_corpus: bool) -> tuple[Dataset, list[Issue]]:
    ds = Dataset()
    issues: list[Issue] = []
    if not data_dir.is_dir():
        return ds, [Issue(str(data_dir), 1, "data-dir", "folder does not exist")]
    for kind in KINDS:
        for path in _files_for(data_dir, kind):
            ds.files.append(path)
            reader = read_jsonl_list if path.suffix == ".jsonl" else read_yaml_list
            records, file_issues = reader(path, _label(path))
            issues.extend(file_issues)
            getattr(ds, kind).extend(records)
    texts, text_issues = read_held_texts(data_dir, _label)
    ds.texts = texts
    issues.extend(Issue(i.file, i.line, i.field, i.reason) for i in text_issues)
    if not ds.topics:
        issues.append(Issue(str(data_dir / "topics.yaml"), 1, "file", "no topics defined"))
    from components.validate import validate  # the validators need this module's types

    validate(ds, issues, check_corpus=check_corpus)
    return ds, issues
