"""Build the SQLite database from the validated YAML files: temp file, then an atomic replace.

A build that fails for any reason (bad data, full disk) leaves the previous database byte-identical.
A build over unchanged inputs leaves the file untouched, so open dashboards keep their caches.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from components import aggregates, config, facetcounts, version
from components.schema import DataError, Dataset, date_bounds, load_dataset, paused_gc, role_on, source_files
from components.texts import text_files


class BuildError(Exception):
    """The database could not be written (disk full, permissions); the old file is intact."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    changed: bool
    counts: dict[str, int]
    input_hash: str


SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE topics (id TEXT PRIMARY KEY, label TEXT NOT NULL, description TEXT);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
    aliases TEXT NOT NULL DEFAULT '[]', description TEXT);
CREATE TABLE roles (
    id INTEGER PRIMARY KEY, actor_id TEXT NOT NULL REFERENCES actors(id), title TEXT NOT NULL,
    organisation TEXT, start TEXT, "end" TEXT, source_id TEXT REFERENCES sources(id));
CREATE TABLE sources (
    id TEXT PRIMARY KEY, url TEXT, publisher TEXT NOT NULL, title TEXT, published TEXT,
    kind TEXT NOT NULL, language TEXT, corpus_file TEXT);
CREATE TABLE events (
    id TEXT PRIMARY KEY, date TEXT NOT NULL, date_precision TEXT NOT NULL, end_date TEXT,
    title TEXT NOT NULL, summary TEXT NOT NULL, category TEXT NOT NULL, importance INTEGER NOT NULL,
    location TEXT, tone INTEGER NOT NULL, disputed TEXT,
    date_start TEXT NOT NULL, date_end TEXT NOT NULL,
    initiator_id TEXT, initiator_country TEXT, actor_names TEXT, topic_ids TEXT, source_count INTEGER);
CREATE TABLE statements (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, context TEXT NOT NULL, speaker_id TEXT REFERENCES actors(id),
    speaker_label TEXT NOT NULL, speaker_role TEXT, said_on TEXT, said_on_precision TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id), event_id TEXT REFERENCES events(id),
    quote_kind TEXT NOT NULL, language TEXT, relayed INTEGER NOT NULL DEFAULT 0,
    date_start TEXT, date_end TEXT, date_sort TEXT NOT NULL, speaker_name TEXT NOT NULL, speaker_country TEXT,
    role_on_date TEXT, speaker_names TEXT, topic_ids TEXT);
CREATE TABLE event_actors (event_id TEXT NOT NULL REFERENCES events(id), actor_id TEXT NOT NULL REFERENCES actors(id),
    part TEXT NOT NULL, PRIMARY KEY (event_id, actor_id));
CREATE TABLE event_topics (event_id TEXT NOT NULL REFERENCES events(id), topic_id TEXT NOT NULL REFERENCES topics(id),
    PRIMARY KEY (event_id, topic_id));
CREATE TABLE event_sources (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
    source_id TEXT NOT NULL REFERENCES sources(id), evidence TEXT);
CREATE TABLE source_texts (source_id TEXT PRIMARY KEY REFERENCES sources(id), text TEXT NOT NULL,
    retrieved TEXT, url TEXT);
CREATE TABLE statement_topics (statement_id TEXT NOT NULL REFERENCES statements(id),
    topic_id TEXT NOT NULL REFERENCES topics(id), PRIMARY KEY (statement_id, topic_id));
"""

INDEX_SQL = """
CREATE INDEX idx_events_date ON events(date_start, date_end);
CREATE INDEX idx_events_importance ON events(importance DESC, date_start);
CREATE INDEX idx_events_category ON events(category, date_start);
CREATE INDEX idx_events_country ON events(initiator_country, date_start);
CREATE INDEX idx_event_actors_actor ON event_actors(actor_id, event_id);
CREATE INDEX idx_event_topics_topic ON event_topics(topic_id, event_id);
CREATE INDEX idx_event_sources_source ON event_sources(source_id);
CREATE INDEX idx_event_sources_event ON event_sources(event_id, source_id);
CREATE INDEX idx_statements_date ON statements(date_start);
CREATE INDEX idx_statements_sort ON statements(date_sort);
CREATE INDEX idx_statements_activity ON statements(date_start, topic_ids);  -- covers the activity counts
CREATE INDEX idx_statements_speaker ON statements(speaker_id, date_sort);
CREATE INDEX idx_statements_country ON statements(speaker_country, date_sort);
CREATE INDEX idx_statements_event ON statements(event_id);
CREATE INDEX idx_statements_source ON statements(source_id);
CREATE INDEX idx_statement_topics_topic ON statement_topics(topic_id, statement_id);
CREATE INDEX idx_roles_actor ON roles(actor_id, start);
"""

# Each event's listed columns once per topic it is tagged with, keyed by topic then importance (the Timeline's
# most important events under a topic) and indexed by topic then date (a topic's events in a date range, as
# lists show them): read inside the key or index alone, with no lookup per event. Filled after the bulk insert;
# the triggers add the rows of events and topic links inserted later (an accept), so a database updated in place
# holds the rows a rebuild makes. Insert-only, as the data is: nothing updates or deletes events.
# the event columns the table copies (after topic_id, importance, date_start and id, its key)
_TOPIC_EVENT_COLUMNS = ("date", "date_precision", "end_date", "title", "category", "tone", "date_end", "initiator_id",
                        "initiator_country", "actor_names", "topic_ids")


def _topic_event_values(row: str) -> str:
    return ", ".join(f"{row}.{c}" for c in ("importance", "date_start", "id", *_TOPIC_EVENT_COLUMNS))


TOPIC_EVENTS_SQL = f"""
CREATE TABLE agg_topic_events (topic_id TEXT NOT NULL, importance INTEGER NOT NULL, date_start TEXT NOT NULL,
    id TEXT NOT NULL, date TEXT NOT NULL, date_precision TEXT NOT NULL, end_date TEXT, title TEXT NOT NULL,
    category TEXT NOT NULL, tone INTEGER NOT NULL, date_end TEXT NOT NULL, initiator_id TEXT,
    initiator_country TEXT, actor_names TEXT, topic_ids TEXT,
    PRIMARY KEY (topic_id, importance DESC, date_start, id)) WITHOUT ROWID;
INSERT INTO agg_topic_events SELECT et.topic_id, {_topic_event_values("e")}
    FROM event_topics et JOIN events e ON e.id = et.event_id;
CREATE INDEX idx_topic_events_date ON agg_topic_events(topic_id, date_start, id, date_end, date, date_precision,
    title, category, tone, actor_names);
CREATE TRIGGER agg_topic_events_of_link AFTER INSERT ON event_topics BEGIN
    INSERT OR IGNORE INTO agg_topic_events SELECT NEW.topic_id, {_topic_event_values("e")}
        FROM events e WHERE e.id = NEW.event_id;
END;
CREATE TRIGGER agg_topic_events_of_event AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO agg_topic_events SELECT et.topic_id, {_topic_event_values("NEW")}
        FROM event_topics et WHERE et.event_id = NEW.id;
END;
"""


def file_digest(path: Path) -> str:
    """SHA-256 of one source file's bytes (what input_hash() combines)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_hash(files: list[Path], digests: dict[Path, str] | None = None) -> str:
    """Hash of the schema version, the build code, and every source file's name and content hash.
    `digests` holds file_digest() values already computed, so an update rehashes only the files it wrote."""
    h = hashlib.sha256(f"schema:{config.SCHEMA_VERSION}".encode())
    for code in ("store.py", "schema.py", "texts.py"):
        h.update((Path(__file__).parent / code).read_bytes())
    for p in files:
        digest = (digests or {}).get(p) or file_digest(p)
        h.update(p.name.encode() + b"\0" + digest.encode() + b"\0")
    return h.hexdigest()


def file_digests(files: list[Path]) -> dict[Path, str]:
    return {p: file_digest(p) for p in files}


def _rows(ds: Dataset) -> dict[str, list[dict]]:
    """Turn validated records into table rows, with the denormalised columns the pages filter on."""
    actors = {a["id"]: a for a in ds.actors}
    rows: dict[str, list[dict]] = {k: [] for k in (
        "topics", "actors", "roles", "sources", "events", "statements",
        "event_actors", "event_topics", "event_sources", "statement_topics", "source_texts")}
    for t in sorted(ds.topics, key=lambda r: r["id"]):
        rows["topics"].append({"id": t["id"], "label": t["label"], "description": t.get("description")})
    for a in sorted(ds.actors, key=lambda r: r["id"]):
        rows["actors"].append({
            "id": a["id"], "name": a["name"], "kind": a["kind"], "country": a.get("country"),
            "aliases": json.dumps(a.get("aliases") or [], ensure_ascii=False), "description": a.get("description")})
        for r in a.get("roles") or []:
            rows["roles"].append({
                "actor_id": a["id"], "title": r["title"], "organisation": r.get("organisation"),
                "start": r.get("start"), "end": r.get("end"), "source_id": r.get("source_id")})
    for s in sorted(ds.sources, key=lambda r: r["id"]):
        rows["sources"].append({k: s.get(k) for k in (
            "id", "url", "publisher", "title", "published", "kind", "language", "corpus_file")})
    for sid, held in sorted(ds.texts.items()):
        rows["source_texts"].append({"source_id": sid, "text": held.text, "retrieved": held.retrieved,
                                     "url": held.url})
    for e in sorted(ds.events, key=lambda r: (r["date"], r["id"])):
        start, end = date_bounds(e["date"])
        if e.get("end_date"):
            end = date_bounds(e["end_date"])[1]
        parts = e["actors"]
        initiator = next((p["id"] for p in parts if p.get("part") == "initiator"), parts[0]["id"])
        rows["events"].append({
            **{k: e.get(k) for k in ("id", "date", "date_precision", "end_date", "title", "summary", "category",
                                     "importance", "location", "tone", "disputed")},
            "date_start": start, "date_end": end, "initiator_id": initiator,
            "initiator_country": actors[initiator].get("country"),
            "actor_names": ", ".join(actors[p["id"]]["name"] for p in parts),
            "topic_ids": ",".join(e["topics"]), "source_count": len({s["id"] for s in e["sources"]})})
        for p in parts:
            rows["event_actors"].append({"event_id": e["id"], "actor_id": p["id"], "part": p.get("part", "participant")})
        for t in dict.fromkeys(e["topics"]):
            rows["event_topics"].append({"event_id": e["id"], "topic_id": t})
        for s in e["sources"]:
            rows["event_sources"].append({"event_id": e["id"], "source_id": s["id"], "evidence": s.get("evidence")})
    for st in sorted(ds.statements, key=lambda r: r["id"]):
        speaker = actors.get(st.get("speaker_id"))
        said = st.get("said_on")
        start, end = date_bounds(said, st.get("said_on_precision")) if said else (None, None)
        rows["statements"].append({
            **{k: st.get(k) for k in ("id", "text", "context", "speaker_id", "speaker_label", "speaker_role",
                                      "said_on", "said_on_precision", "source_id", "event_id", "quote_kind",
                                      "language")},
            "relayed": int(bool(st.get("relayed"))), "date_start": start, "date_end": end,
            "date_sort": start or "0000-00-00",  # newest-first order through one index; undated last
            "speaker_name": speaker["name"] if speaker else st["speaker_label"],
            "speaker_country": speaker.get("country") if speaker else None,
            "role_on_date": role_on(speaker.get("roles") or [], said) if speaker else None,
            "speaker_names": " ".join([speaker["name"], *(speaker.get("aliases") or [])]) if speaker else "",
            "topic_ids": ",".join(st["topics"])})
        for t in dict.fromkeys(st["topics"]):
            rows["statement_topics"].append({"statement_id": st["id"], "topic_id": t})
    return rows


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Insert rows that all have the same keys (as _rows() makes them), as one executemany."""
    if not rows:
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
    get = operator.itemgetter(*cols)
    conn.executemany(sql, (get(r) if len(cols) > 1 else (get(r),) for r in rows))


def write_database(path: Path, rows: dict[str, list[dict]], meta: dict[str, str]) -> None:
    """Create a fresh database at path (which must not exist) from table rows."""
    conn = sqlite3.connect(path)
    try:
        # A fresh temp file that is fsynced and renamed into place when complete: no journal needed.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA_SQL)
        db = sqlite_utils.Database(conn)
        for table in ("topics", "actors", "sources", "roles", "events", "statements",
                      "event_actors", "event_topics", "event_sources", "statement_topics", "source_texts"):
            insert_rows(conn, table, rows[table])
        insert_rows(conn, "meta", [{"key": k, "value": v} for k, v in sorted(meta.items())])
        conn.executescript(INDEX_SQL)
        conn.executescript(TOPIC_EVENTS_SQL)
        aggregates.refresh(conn)  # per-month and per-speaker counts the charts and facets read
        facetcounts.refresh(conn)  # the sidebar's facet counts per month, topic, country, category
        # Full-text search after the bulk insert (twice as fast); the build is one-shot, so no triggers.
        db["statements"].enable_fts(["text", "speaker_label", "context", "speaker_names"],
                                    fts_version="FTS5", tokenize="unicode61 remove_diacritics 2")
        db["events"].enable_fts(["title", "summary", "actor_names"], fts_version="FTS5",
                                tokenize="unicode61 remove_diacritics 2")
        db["statements_fts"].optimize()
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


def read_meta(path: Path) -> dict[str, str]:
    """The meta table of an existing database, or {} when it is missing or unreadable."""
    if not path.exists():
        return {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def _span(rows: dict[str, list[dict]]) -> list[str]:
    return ([r["date_start"] for r in rows.get("events", [])]
            + [r["date_start"] for r in rows.get("statements", []) if r["date_start"]])


def build_meta(rows: dict[str, list[dict]], digest: str, old: dict[str, str]) -> dict[str, str]:
    """The meta table of a database holding exactly `rows`, built from inputs hashing to `digest`."""
    return _meta(digest, {k: len(v) for k, v in rows.items()}, _span(rows),
                 version.version_meta(rows, old))  # dataset version: content date + hash


def grown_meta(old: dict[str, str], new: dict[str, list[dict]], digest: str) -> dict[str, str]:
    """The meta of a database holding old's rows plus `new` (from inputs hashing to `digest`): the same
    value build_meta() gives over all the rows, from the old meta and the new rows alone."""
    counts = json.loads(old["counts"])
    for k, v in new.items():
        counts[k] = counts.get(k, 0) + len(v)
    dates = _span(new) + [d for d in (old.get("data_from"), old.get("data_to")) if d]
    sums = version.add_sums(version.load_sums(old["table_hashes"]), version.table_sums(new))
    return _meta(digest, counts, dates, version.version_meta_of_sums(sums, old))


def _meta(digest: str, counts: dict[str, int], dates: list[str], versioned: dict[str, str]) -> dict[str, str]:
    """The meta entries: input hash, schema version, date span, row counts, then the dataset version's."""
    return {"input_hash": digest, "schema_version": str(config.SCHEMA_VERSION),
            "data_from": min(dates) if dates else "", "data_to": max(dates) if dates else "",
            "counts": json.dumps(counts, sort_keys=True), **versioned}


def replace_atomically(db_file: Path, write: Callable[[Path], None]) -> None:
    """write(tmp) makes a complete database at a temp path beside db_file; it is fsynced, then renamed over
    db_file in one step, so a reader sees the old file or the new one, never half of either."""
    try:
        db_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{db_file.name}.", suffix=".tmp", dir=db_file.parent)
    except OSError as exc:
        raise BuildError(f"cannot write in {db_file.parent}: {exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_file)
    except (sqlite3.Error, OSError) as exc:
        raise BuildError(f"could not write {db_file}: {exc}; the previous database is unchanged") from exc
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            if leftover.exists():
                leftover.unlink()


def build(data_dir: Path, db_file: Path, force: bool = False) -> BuildResult:
    """Validate data_dir and (re)build db_file atomically. Raises DataError or BuildError."""
    with paused_gc():
        return _build(data_dir, db_file, force)


def _build(data_dir: Path, db_file: Path, force: bool) -> BuildResult:
    ds, issues = load_dataset(data_dir)
    if issues:
        raise DataError(issues)
    digest = input_hash(source_files(data_dir) + text_files(data_dir))
    rows = _rows(ds)
    counts = {k: len(v) for k, v in rows.items()}
    old = read_meta(db_file)
    if not force and old.get("input_hash") == digest:
        return BuildResult(db_file, False, counts, digest)
    meta = build_meta(rows, digest, old)
    replace_atomically(db_file, lambda tmp: write_database(tmp, rows, meta))
    return BuildResult(db_file, True, counts, digest)


def ensure_built(data_dir: Path, db_file: Path) -> BuildResult | None:
    """Build the database when it is missing (first run of the dashboard); else do nothing."""
    if db_file.exists():
        return None
    return build(data_dir, db_file)
