"""Read the YAML source files and validate them: every problem becomes one `file:line: field: reason` line.

Pure: no database, no Streamlit. `load_dataset()` returns a `Dataset` of plain dicts (each with its
file and line) plus every `Issue` found, so one run reports all errors.
"""

from __future__ import annotations

import datetime as dt
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
    pass


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


def read_yaml_list(path: Path, label: str) -> tuple[list[Record], list[Issue]]:
    """Parse one YAML file that must hold a list of mappings. Never raises for bad content."""
    issues: list[Issue] = []
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [], [Issue(label, 1, "file", "starts with a byte-order mark; save it as UTF-8 without BOM")]
    if b"\x00" in raw:
        return [], [Issue(label, raw[: raw.index(b"\x00")].count(b"\n") + 1, "file",
                          "contains a NUL byte; is it a binary file?")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [Issue(label, line, "file", f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        return [], [Issue(label, line, "file", "uses CRLF (Windows) line endings; convert it to LF")]
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        doc = loader.get_single_data()
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
    for line, key in loader.duplicate_keys:
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


def _files_for(data_dir: Path, kind: str) -> list[Path]:
    files = []
    single = data_dir / f"{kind}.yaml"
    if single.exists():
        files.append(single)
    folder = data_dir / kind
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.yaml")))
    return files


def source_files(data_dir: Path) -> list[Path]:
    """Every YAML file the build reads, in a stable order."""
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


class _Checker:
    """Collects issues for one record; each check names the field it looks at."""

    def __init__(self, rec: Record, issues: list[Issue], allowed: set[str]):
        self.rec, self.issues = rec, issues
        for key in rec:
            if key not in allowed:
                self.err(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for key, value in rec.items():
            if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
                self.err(str(key), f"is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")

    def err(self, fld: str, reason: str) -> None:
        self.issues.append(Issue(self.rec.file, self.rec.line_of(fld), fld, reason))

    def text(self, fld: str, required: bool = True, max_len: int | None = None) -> str | None:
        if max_len and isinstance(self.rec.get(fld), str) and len(self.rec[fld]) > MAX_FIELD_CHARS:
            return None  # already reported as over the general limit
        value = self.rec.get(fld)
        if value is None or value == "":
            if required:
                self.err(fld, "is required")
            return None
        if not isinstance(value, str):
            self.err(fld, f"must be text, not {type(value).__name__}")
            return None
        if any(ord(c) < 32 and c not in "\n\t" for c in value):
            self.err(fld, "contains control characters")
        if max_len and len(value) > max_len:
            self.err(fld, f"is {len(value)} characters; at most {max_len}")
        return value

    def ident(self, fld: str = "id") -> str | None:
        value = self.text(fld)
        if value is not None and not ID_RE.match(value):
            self.err(fld, f"'{value}' is not a slug (lowercase letters, digits and hyphens)")
            return None
        return value

    def choice(self, fld: str, options: tuple, required: bool = True) -> str | None:
        value = self.rec.get(fld)
        if value is None:
            if required:
                self.err(fld, f"is required (one of {', '.join(options)})")
            return None
        if value not in options:
            self.err(fld, f"'{value}' is not one of {', '.join(options)}")
            return None
        return value

    def integer(self, fld: str, lo: int, hi: int) -> int | None:
        value = self.rec.get(fld)
        if value is None:
            self.err(fld, f"is required (a whole number from {lo} to {hi})")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(fld, f"'{value}' must be a whole number from {lo} to {hi}")
            return None
        if not lo <= value <= hi:
            self.err(fld, f"{value} is outside {lo}..{hi}")
            return None
        return value

    def date(self, fld: str, required: bool = True) -> tuple[str, str] | None:
        value = self.rec.get(fld)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            value = self.rec[fld] = str(value)  # an unquoted year reads as a number; it means the same
        if value is None:
            if required:
                self.err(fld, "is required (YYYY-MM-DD, YYYY-MM or YYYY)")
            return None
        parsed = parse_iso(str(value))
        if parsed is None:
            self.err(fld, f"'{value}' is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return parsed

    def id_list(self, fld: str, known: set[str], what: str, min_items: int = 0) -> list[str]:
        value = self.rec.get(fld)
        if value is None:
            value = []
        if not isinstance(value, list):
            self.err(fld, "must be a list")
            return []
        if len(value) < min_items:
            self.err(fld, f"needs at least {min_items} {what}")
        out = []
        for item in value:
            if not isinstance(item, str):
                self.err(fld, f"each {what} must be an id (text), not {type(item).__name__}")
            elif item not in known:
                self.err(fld, f"unknown {what} '{item}'")
            else:
                out.append(item)
        return out

    def precision_matches(self, date_fld: str, prec_fld: str, parsed: tuple[str, str] | None,
                          options: tuple) -> str | None:
        prec = self.choice(prec_fld, options, required=parsed is not None)
        if parsed and prec:
            fmt = parsed[1]
            ok = fmt == prec or (prec == "week" and fmt == "day")
            if not ok:
                self.err(prec_fld, f"'{prec}' does not match the {date_fld} '{parsed[0]}' (written to {fmt} precision)")
        return prec


def _unique(records: list[Record], kind: str, issues: list[Issue]) -> dict[str, Record]:
    seen: dict[str, Record] = {}
    for rec in records:
        rid = rec.get("id")
        if not isinstance(rid, str):
            continue
        if rid in seen:
            first = seen[rid]
            issues.append(Issue(rec.file, rec.line_of("id"), "id",
                                f"duplicate {kind} id '{rid}' (first defined at {first.file}:{first.line})"))
        else:
            seen[rid] = rec
    return seen


def _corpus_text(path: str) -> str | None:
    """Body of a corpus article under ../shared, or None when it is not at hand."""
    full = config.SHARED_DIR / path
    if not full.is_file():
        return None
    text = full.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    return body if sep else text


def validate(ds: Dataset, issues: list[Issue], check_corpus: bool = True) -> None:
    """Check every record of a loaded dataset; append one Issue per problem."""
    topics = _unique(ds.topics, "topic", issues)
    actors = _unique(ds.actors, "actor", issues)
    sources = _unique(ds.sources, "source", issues)
    events = _unique(ds.events, "event", issues)
    _unique(ds.statements, "statement", issues)
    topic_ids, actor_ids, source_ids, event_ids = set(topics), set(actors), set(sources), set(events)

    for rec in ds.topics:
        c = _Checker(rec, issues, {"id", "label", "description"})
        c.ident()
        c.text("label")
        c.text("description", required=False)

    for rec in ds.actors:
        c = _Checker(rec, issues, {"id", "name", "kind", "country", "aliases", "description", "roles"})
        c.ident()
        c.text("name")
        c.choice("kind", config.ACTOR_KINDS)
        country = rec.get("country")
        if country is not None and not (isinstance(country, str) and COUNTRY_RE.match(country)):
            c.err("country", f"'{country}' is not an ISO 3166 alpha-2 code such as SY or RU")
        aliases = rec.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            c.err("aliases", "must be a list of names")
        c.text("description", required=False)
        roles = rec.get("roles") or []
        if not isinstance(roles, list):
            c.err("roles", "must be a list")
            roles = []
        for role in roles:
            if not isinstance(role, Record):
                c.err("roles", "each role must be a mapping")
                continue
            role.file = rec.file
            rc = _Checker(role, issues, {"title", "organisation", "start", "end", "source_id", "note"})
            rc.text("title")
            rc.text("organisation", required=False)
            start = rc.date("start", required=False)
            end = rc.date("end", required=False)
            if start and end and date_bounds(*start)[0] > date_bounds(*end)[1]:
                rc.err("end", f"'{end[0]}' is before start '{start[0]}'")
            sid = role.get("source_id")
            if sid is not None and not _known(sid, source_ids):
                rc.err("source_id", f"unknown source '{sid}'")

    corpus_cache: dict[str, str | None] = {}
    urls: dict[str, Record] = {}
    for rec in ds.sources:
        url = rec.get("url")
        if isinstance(url, str):
            if url in urls:
                first = urls[url]
                issues.append(Issue(rec.file, rec.line_of("url"), "url",
                                    f"same URL as source '{first.get('id')}' ({first.file}:{first.line}); cite that id"))
            else:
                urls[url] = rec
        c = _Checker(rec, issues, {"id", "url", "publisher", "title", "published", "kind", "language",
                                   "corpus_file", "note", "not_held"})
        c.ident()
        url = rec.get("url")
        if url is not None and not (isinstance(url, str) and URL_RE.match(url)):
            c.err("url", f"'{url}' is not an http(s) URL")
        c.text("publisher")
        c.text("title", required=False)
        c.date("published", required=False)
        c.choice("kind", config.SOURCE_KINDS)
        lang = rec.get("language")
        if lang is not None and not (isinstance(lang, str) and LANG_RE.match(lang)):
            c.err("language", f"'{lang}' is not an ISO 639 code such as en or ru")
        c.text("not_held", required=False)
        cf = rec.get("corpus_file")
        if cf is not None:
            if not isinstance(cf, str) or ".." in cf or cf.startswith("/"):
                c.err("corpus_file", "must be a path inside ../shared, e.g. corpus/seed/NAME.txt")
            elif check_corpus:
                corpus_cache[rec["id"]] = _corpus_text(cf)
        if url is None and cf is None:
            c.err("url", "a source needs a URL, or a corpus_file when it has no known URL")

    _check_held_texts(ds, sources, corpus_cache, issues)

    for rec in ds.events:
        c = _Checker(rec, issues, {"id", "date", "date_precision", "end_date", "title", "summary", "category",
                                   "importance", "location", "tone", "disputed", "actors", "topics", "sources"})
        c.ident()
        parsed = c.date("date")
        c.precision_matches("date", "date_precision", parsed, config.EVENT_PRECISIONS)
        end = c.date("end_date", required=False)
        if parsed and end and date_bounds(*end)[1] < date_bounds(*parsed)[0]:
            c.err("end_date", f"'{end[0]}' is before the date '{parsed[0]}'")
        c.text("title", max_len=300)
        c.text("summary", max_len=2000)
        c.choice("category", config.CATEGORIES)
        c.integer("importance", 1, 3)
        c.text("location", required=False)
        c.integer("tone", -10, 10)
        c.text("disputed", required=False)
        c.id_list("topics", topic_ids, "topic", min_items=1)
        ev_actors = rec.get("actors") or []
        if not isinstance(ev_actors, list) or not ev_actors:
            c.err("actors", "needs at least one actor")
            ev_actors = []
        seen_actors: set = set()
        for a in ev_actors:
            if isinstance(a, dict) and _known(a.get("id"), seen_actors):
                c.err("actors", f"actor '{a['id']}' is listed twice")
            elif isinstance(a, dict) and isinstance(a.get("id"), str):
                seen_actors.add(a["id"])
            if not isinstance(a, dict) or "id" not in a:
                c.err("actors", "each actor is {id: ACTOR_ID, part: initiator|counterpart|participant|mentioned}")
            elif not _known(a["id"], actor_ids):
                issues.append(Issue(rec.file, getattr(a, "line", rec.line_of("actors")), "actors",
                                    f"unknown actor '{a['id']}'"))
            elif a.get("part", "participant") not in config.PARTS:
                c.err("actors", f"part '{a.get('part')}' is not one of {', '.join(config.PARTS)}")
        ev_sources = rec.get("sources") or []
        if not isinstance(ev_sources, list) or not ev_sources:
            c.err("sources", "an event needs at least one source")
            ev_sources = []
        seen_cites: set = set()
        for s in ev_sources:
            cite = (repr(s.get("id")), repr(s.get("evidence"))) if isinstance(s, dict) else None
            if cite is not None and cite in seen_cites:
                c.err("sources", f"source '{s['id']}' is cited twice with the same evidence")
            elif cite is not None:
                seen_cites.add(cite)
            if isinstance(s, dict) and s.get("evidence") is not None and not isinstance(s.get("evidence"), str):
                c.err("sources", "evidence must be text (the source's own words)")
            if not isinstance(s, dict) or "id" not in s:
                c.err("sources", "each source is {id: SOURCE_ID, evidence: \"the source's own words\"}")
            elif not _known(s["id"], source_ids):
                issues.append(Issue(rec.file, getattr(s, "line", rec.line_of("sources")), "sources",
                                    f"unknown source '{s['id']}'"))
            elif sources[s["id"]].get("url") is None and sources[s["id"]].get("corpus_file") is None:
                c.err("sources", f"source '{s['id']}' has no URL")
        _check_evidence(rec, ev_sources, sources, ds.texts, issues)

    for rec in ds.statements:
        c = _Checker(rec, issues, {"id", "text", "context", "speaker_id", "speaker_label", "speaker_role",
                                   "said_on", "said_on_precision", "source_id", "event_id", "quote_kind",
                                   "language", "relayed", "topics", "note"})
        c.ident()
        text = c.text("text")
        context = c.text("context", max_len=MAX_CONTEXT_CHARS)
        if text and context and text not in context:
            c.err("text", "the quote is not found verbatim in its context")
        spk = rec.get("speaker_id")
        if spk is not None and not _known(spk, actor_ids):
            c.err("speaker_id", f"unknown actor '{spk}'")
        c.text("speaker_label")
        c.text("speaker_role", required=False)
        parsed = c.date("said_on", required=False)
        c.precision_matches("said_on", "said_on_precision", parsed, config.STATEMENT_PRECISIONS)
        if parsed is None and rec.get("said_on") is None and rec.get("said_on_precision") is not None:
            c.err("said_on_precision", "must be null when said_on is null")
        sid = rec.get("source_id")
        if sid is None:
            c.err("source_id", "is required: every quote cites its source")
        elif not _known(sid, source_ids):
            c.err("source_id", f"unknown source '{sid}'")
        elif sid not in ds.texts:
            c.err("source_id", f"source '{sid}' has no held text: save the page as data/texts/{sid}.txt")
        elif context and context not in ds.texts[sid].text:
            c.err("context", f"is not found verbatim in the held text of source '{sid}' ({ds.texts[sid].file})")
        eid = rec.get("event_id")
        if eid is not None and not _known(eid, event_ids):
            c.err("event_id", f"unknown event '{eid}'")
        c.choice("quote_kind", config.QUOTE_KINDS)
        c.text("language", required=False)
        if not isinstance(rec.get("relayed", False), bool):
            c.err("relayed", "must be true or false")
        c.id_list("topics", topic_ids, "topic", min_items=1)


def _label(path: Path) -> str:
    """A file's name as messages show it: relative to the project when inside it."""
    try:
        return str(path.relative_to(config.ROOT))
    except ValueError:
        return str(path)


def _check_held_texts(ds: Dataset, sources: dict[str, Record], corpus: dict[str, str | None],
                      issues: list[Issue]) -> None:
    """Each held text belongs to a known source, under its URL, and copies its corpus article exactly."""
    for sid, held in sorted(ds.texts.items()):
        src = sources.get(sid)
        if src is None:
            issues.append(Issue(held.file, 1, "file", f"no source has the id '{sid}' (the file name must be a source id)"))
            continue
        if src.get("url") and held.url and held.url != src["url"]:
            issues.append(Issue(held.file, 1, "url", f"'{held.url}' differs from source '{sid}' URL '{src['url']}'"))
        if corpus.get(sid) is not None and corpus[sid] != held.text:
            issues.append(Issue(held.file, 1, "text", f"differs from its corpus file {src.get('corpus_file')}"))


def _check_evidence(rec: Record, cites: list, sources: dict[str, Record], texts: dict[str, HeldText],
                    issues: list[Issue]) -> None:
    """Every evidence excerpt is in its source's held text; a source the store no longer returns
    (`not_held`) may stay beside one that is held."""
    unheld = 0
    for s in cites:
        if not isinstance(s, dict) or not _known(s.get("id"), sources):
            continue
        line = getattr(s, "line", rec.line_of("sources"))
        held = texts.get(s["id"])
        evidence = s.get("evidence")
        if held is None and sources[s["id"]].get("not_held"):
            unheld += 1
        elif held is None:
            issues.append(Issue(rec.file, line, "sources",
                                f"source '{s['id']}' has no held text: save the page as data/texts/{s['id']}.txt"))
        elif isinstance(evidence, str) and evidence not in held.text:
            issues.append(Issue(rec.file, line, "sources",
                                f"evidence is not found verbatim in the held text of '{s['id']}' ({held.file})"))
    if cites and unheld == len(cites):
        issues.append(Issue(rec.file, rec.line_of("sources"), "sources",
                            "no source of this event has a held text; cite a page the store returns"))


def load_dataset(data_dir: Path, check_corpus: bool = True) -> tuple[Dataset, list[Issue]]:
    """Read and validate every source file under data_dir. Returns the dataset and all issues."""
    ds = Dataset()
    issues: list[Issue] = []
    if not data_dir.is_dir():
        return ds, [Issue(str(data_dir), 1, "data-dir", "folder does not exist")]
    for kind in KINDS:
        for path in _files_for(data_dir, kind):
            ds.files.append(path)
            records, file_issues = read_yaml_list(path, _label(path))
            issues.extend(file_issues)
            getattr(ds, kind).extend(records)
    texts, text_issues = read_held_texts(data_dir, _label)
    ds.texts = texts
    issues.extend(Issue(i.file, i.line, i.field, i.reason) for i in text_issues)
    if not ds.topics:
        issues.append(Issue(str(data_dir / "topics.yaml"), 1, "file", "no topics defined"))
    validate(ds, issues, check_corpus=check_corpus)
    return ds, issues
