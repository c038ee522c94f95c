"""The review queue: ingest articles, review extracted quotes, publish accepted ones into data/ and rebuild.

The queue is its own SQLite file (default data/review/queue.db, or $TIMELINE_QUEUE), so rebuilding the
timeline database never loses pending work. Accepting writes YAML under data/ — the single source of
truth — validates the whole dataset, and rolls the files back if anything fails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from components import config
from components.schema import MAX_CONTEXT_CHARS, DataError, load_dataset
from components.textnorm import fold, latin, split_sentences

QUEUE_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT, url TEXT, publisher TEXT, published TEXT,
    text TEXT NOT NULL, added_at TEXT NOT NULL, message TEXT);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), kind TEXT NOT NULL,
    payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', decided_at TEXT, published_id TEXT,
    note TEXT);
CREATE INDEX IF NOT EXISTS idx_items_status ON items(status, id);
"""


class ReviewError(Exception):
    """A review action that cannot be done (unknown item, already decided, invalid edit)."""


@dataclass(frozen=True)
class IngestResult:
    path: str
    added: int
    duplicate: bool
    message: str | None


def queue_path(cli_value: str | os.PathLike | None = None) -> Path:
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("TIMELINE_QUEUE")
    return Path(env) if env else config.DATA_DIR / "review" / "queue.db"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.executescript(QUEUE_SCHEMA)
    return conn


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def ingest_files(paths: list[str], queue: Path, data_dir: Path, *, published: str | None = None,
                 publisher: str | None = None, url: str | None = None,
                 progress: Callable[[int, int, str], None] | None = None) -> list[IngestResult]:
    """Extract each file and queue its statements as pending. The same article twice adds nothing.

    Raises IngestError (from the reader) for a bad file before anything of that file is written.
    """
    from components.ingest.extract import extract
    from components.ingest.gazetteer import Gazetteer
    from components.ingest.reader import read_article

    gazetteer = Gazetteer.from_data(data_dir)
    results = []
    with closing(_connect(queue)) as conn:
        for i, p in enumerate(paths, start=1):
            if progress:
                progress(i, len(paths), str(p))
            article = read_article(p, published=published, publisher=publisher, url=url)
            digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
            if conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", [digest]).fetchone():
                results.append(IngestResult(str(p), 0, True, "already ingested; nothing added"))
                continue
            out = extract(article, gazetteer=gazetteer)
            with conn:  # one transaction per article: all of its items or none
                cur = conn.execute(
                    "INSERT INTO articles (sha256, path, url, publisher, published, text, added_at, message)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [digest, str(p), out["source"].get("url"), out["source"].get("publisher"),
                     out["source"].get("published"), article.text, _now(), out.get("message")])
                for st in out["statements"]:
                    conn.execute("INSERT INTO items (article_id, kind, payload) VALUES (?, 'statement', ?)",
                                 [cur.lastrowid, json.dumps(st, ensure_ascii=False)])
            results.append(IngestResult(str(p), len(out["statements"]), False, out.get("message")))
    return results


def list_items(queue: Path, status: str = "pending", limit: int = 200) -> list[dict]:
    """Queued items with their article's metadata and text."""
    if not queue.exists():
        return []
    with closing(_connect(queue)) as conn:
        rows = conn.execute("""
            SELECT i.id, i.status, i.payload, i.published_id, a.id AS article_id, a.path, a.url, a.publisher,
                   a.published, a.text FROM items i JOIN articles a ON a.id = i.article_id
            WHERE i.status = ? ORDER BY i.id LIMIT ?""", [status, limit]).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["item"] = json.loads(d.pop("payload"))
        out.append(d)
    return out


def reject(queue: Path, item_id: int, note: str | None = None) -> None:
    with closing(_connect(queue)) as conn, conn:
        cur = conn.execute("UPDATE items SET status = 'rejected', decided_at = ?, note = ? "
                           "WHERE id = ? AND status = 'pending'", [_now(), note, item_id])
        if cur.rowcount == 0:
            raise ReviewError(f"item {item_id} is not pending (unknown or already decided)")


def _slug(text: str, max_len: int = 40) -> str:
    """An id part from a publisher's name in any script (Cyrillic transliterated, accents folded)."""
    text = fold(latin(text))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:max_len].strip("-") or "source"


def context_around(text: str, start: int, end: int, limit: int = MAX_CONTEXT_CHARS) -> str:
    """The sentence(s) around text[start:end], exactly as written, at most `limit` characters.

    Sentences come from the one splitter (textnorm.split_sentences), which never cuts inside the quote.
    """
    spans = [(a, b) for a, b in split_sentences(text, protect=[(start, end)], paragraph=r"\n\s*\n")
             if a < max(end, start + 1) and b > start]
    a, b = (min(x for x, _ in spans), max(y for _, y in spans)) if spans else (start, end)
    a, b = min(a, start), max(b, end)
    if b - a > limit:
        spare = limit - (end - start)
        if spare < 0:  # the quote alone is longer than the limit: the context is the quote
            return text[start:end]
        a = max(a, start - spare // 2)
        b = max(min(b, a + limit), end)
    return text[a:b].strip()


def held_text_file(source: dict, text: str) -> str:
    """A data/texts file: header lines, one blank line, the article text exactly as ingested."""
    header = {"url": source.get("url"), "publisher": source.get("publisher"),
              "published": source.get("published") or "unknown", "retrieved": dt.date.today().isoformat()}
    return "".join(f"{k}: {v}\n" for k, v in header.items() if v) + "\n" + text


def _yaml_block(records: list[dict]) -> str:
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=1000)


@dataclass(frozen=True)
class _Refs:
    """What the accept path needs to know about the dataset: the source already citing this URL, if any,
    and a statement already holding this quote. Read from the database when it is current (cheap at any
    size), else from the files."""

    known: dict | None
    twin: str | None


def _refs_from_db(db_file: Path, data_dir: Path, url: str | None, source_id_for, quote: str) -> _Refs:
    with closing(sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        known = conn.execute("SELECT * FROM sources WHERE url = ?", [url]).fetchone() if url else None
        sid = known["id"] if known else source_id_for
        twin = conn.execute("SELECT id FROM statements WHERE source_id = ? AND text = ?", [sid, quote]).fetchone()
    where = None
    if twin is not None:
        f = data_dir / "statements" / f"{sid}.yaml"
        rec = next((r for r in (_read_records(f) if f.exists() else []) if r.get("id") == twin["id"]), None)
        where = f"statement '{twin['id']}' ({rec.file}:{rec.line})" if rec else f"statement '{twin['id']}'"
    return _Refs(dict(known) if known else None, where)


def _refs_from_files(data_dir: Path, url: str | None, source_id_for, quote: str) -> _Refs:
    current, _ = load_dataset(data_dir, check_corpus=False)
    known = next((src for src in current.sources if url and src.get("url") == url), None)
    sid = known["id"] if known else source_id_for
    twin = next((x for x in current.statements if x.get("source_id") == sid and x.get("text") == quote), None)
    return _Refs(known, f"statement '{twin['id']}' ({twin.file}:{twin.line})" if twin is not None else None)


def _read_records(path: Path) -> list:
    from components.schema import read_yaml_list
    return read_yaml_list(path, _label(path))[0]


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(config.ROOT))
    except ValueError:
        return str(path)


def _proposal(row: dict, item_id: int, source_id: str, edits: dict) -> tuple[dict, dict]:
    """The source and statement records a pending item becomes, with the reviewer's edits applied."""
    st, text = row["item"], row["text"]
    quote = st["text"]
    start, end = st.get("start"), st.get("end")
    if not (isinstance(start, int) and text[start:end] == quote):
        start = text.find(quote)
        end = start + len(quote)
    source = {"id": source_id, "url": row["url"], "publisher": row["publisher"] or "Unknown publisher",
              "title": None, "published": row["published"], "kind": "newspaper",
              "language": st.get("language") or "en",
              "corpus_file": None, "note": f"Added by review from {Path(row['path']).name}"}

    def pick(name, proposed):
        return edits[name] if edits.get(name) is not None else proposed

    said = pick("said_on", st.get("said_on"))
    prec = pick("said_on_precision", st.get("said_on_precision"))
    statement = {
        "id": f"{source_id}-q{item_id}", "text": quote, "context": context_around(text, start, end),
        "speaker_id": pick("speaker_id", st.get("speaker_id")),
        "speaker_label": edits.get("speaker_label") or st.get("speaker") or "unknown speaker",
        "speaker_role": pick("speaker_role", st.get("speaker_role")),
        "said_on": said, "said_on_precision": prec if said else None, "source_id": source_id,
        "event_id": edits.get("event_id"), "quote_kind": "direct" if quote[:1].isupper() else "partial",
        "language": st.get("language") or "en", "relayed": bool(st.get("relayed", False)),
        "topics": list(edits.get("topics") or st.get("topics") or ["diplomacy"])}
    return source, statement


def _write_files(paths: dict[str, Path], backups: dict, source: dict, statement: dict, text: str,
                 known: bool) -> None:
    """Append the source (when new) and the statement to their YAML files; write the held text if missing."""
    for p in backups:
        p.parent.mkdir(parents=True, exist_ok=True)
    if backups[paths["text"]] is None:  # the article as ingested is the held text the quote is checked against
        paths["text"].write_text(held_text_file(source, text), encoding="utf-8")
    if not known:
        with open(paths["source"], "a", encoding="utf-8") as fh:
            if not backups[paths["source"]]:
                fh.write("# Sources of articles added through `timeline ingest` and review.\n")
            fh.write(_yaml_block([source]))
    with open(paths["statement"], "a", encoding="utf-8") as fh:
        fh.write(_yaml_block([statement]))


def _validate_increment(db_file: Path, paths: dict[str, Path], source_id: str, statement_id: str,
                        new_source: bool) -> dict[str, list[dict]]:
    """Validate only the new records (with the same validators as a full build) against the ids in the
    current database; return the rows to add. Raises DataError with file:line: field: reason."""
    from components import increment, store
    from components.schema import Dataset, DataError as _DataError, Issue
    from components.texts import parse_held_text
    from components.validate import Known, _check_held_texts, validate_source, validate_statement

    ids = increment.db_ids(db_file)
    issues: list[Issue] = []
    rec = next(r for r in _read_records(paths["statement"]) if r.get("id") == statement_id)
    if increment.has_statement(db_file, statement_id):
        issues.append(Issue(rec.file, rec.line_of("id"), "id", f"duplicate statement id '{statement_id}'"))
    texts = increment.held_texts(db_file, [source_id])
    held_before = set(texts)
    src_rows: list = []
    if new_source:
        src = next(r for r in reversed(_read_records(paths["source"])) if r.get("id") == source_id)
        if source_id in ids["sources"]:
            issues.append(Issue(src.file, src.line_of("id"), "id", f"duplicate source id '{source_id}'"))
        if src.get("url") in ids["urls"]:
            issues.append(Issue(src.file, src.line_of("url"), "url", f"same URL as source '{ids['urls'][src['url']]}'"))
        src_rows = [src]
    if source_id not in texts and paths["text"].exists():
        held, text_issues = parse_held_text(paths["text"].read_bytes(), _label(paths["text"]), source_id)
        issues.extend(Issue(i.file, i.line, i.field, i.reason) for i in text_issues)
        if held is not None:
            texts = {**texts, source_id: held}
    known = Known(topics=dict.fromkeys(ids["topics"]), actors=dict.fromkeys(ids["actors"]),
                  sources={**{k: {} for k in ids["sources"]}, **{r["id"]: r for r in src_rows}},
                  events=dict.fromkeys(ids["events"]), texts=texts)
    for s in src_rows:
        validate_source(s, known, issues, {}, check_corpus=False)
    new_texts = {k: v for k, v in texts.items() if k == source_id and k not in held_before}
    _check_held_texts(Dataset(texts=new_texts), known.sources, {}, issues)
    validate_statement(rec, known, issues)
    if issues:
        raise _DataError(issues)
    speaker = increment.actor_record(db_file, rec["speaker_id"]) if rec.get("speaker_id") else None
    rows = store._rows(Dataset(actors=[speaker] if speaker else [], sources=src_rows, statements=[rec],
                               texts=new_texts))
    return {k: rows[k] for k in ("sources", "source_texts", "statements", "statement_topics")}  # the speaker is only read


def accept(queue: Path, item_id: int, data_dir: Path, db_file: Path, *, speaker_id: str | None = None,
           speaker_label: str | None = None, speaker_role: str | None = None, said_on: str | None = None,
           said_on_precision: str | None = None, topics: list[str] | None = None, event_id: str | None = None,
           rebuild: bool = True) -> str:
    """Publish one pending statement into data/ (source + statement YAML), validate, update the database.
    Returns its id.

    Edits override what extraction proposed. When the database is current (built from exactly these files),
    only the new records are validated and added in place (components.increment: same content as a full
    rebuild, swapped in atomically); otherwise the whole dataset is validated and rebuilt. If validation
    fails the files are restored byte for byte and a DataError explains why; the item stays pending.
    """
    from components import increment
    from components.store import build

    row = _pending(queue, item_id)
    quote = row["item"]["text"]
    fresh_id = f"{_slug(row['publisher'] or 'source', 24)}-{row['published'] or 'undated'}-a{row['article_id']}"
    digests = increment.current_digests(db_file, data_dir) if rebuild else None  # read each file once
    incremental = digests is not None
    refs = (_refs_from_db(db_file, data_dir, row["url"], fresh_id, quote) if incremental
            else _refs_from_files(data_dir, row["url"], fresh_id, quote))
    if refs.twin is not None:
        raise ReviewError(f"this quote is already in the dataset as {refs.twin}")
    if row["url"] is None:
        raise ReviewError("the article has no URL; re-ingest it with --url so the quote can be cited")
    edits = {"speaker_id": speaker_id, "speaker_label": speaker_label, "speaker_role": speaker_role,
             "said_on": said_on, "said_on_precision": said_on_precision, "topics": topics, "event_id": event_id}
    source, statement = _proposal(row, item_id, refs.known["id"] if refs.known else fresh_id, edits)
    paths = {"source": data_dir / "sources" / "ingested.yaml",
             "statement": data_dir / "statements" / f"{source['id']}.yaml",
             "text": data_dir / "texts" / f"{source['id']}.txt"}
    backups = {p: (p.read_bytes() if p.exists() else None) for p in paths.values()}
    try:
        _write_files(paths, backups, source, statement, row["text"], refs.known is not None)
        if incremental:
            new = _validate_increment(db_file, paths, source["id"], statement["id"], refs.known is None)
            increment.add_rows(db_file, data_dir, new, digests, written=list(backups))  # rehash only these
        else:
            _, issues = load_dataset(data_dir)
            if issues:
                raise DataError(issues)
            if rebuild:
                build(data_dir, db_file)
    except BaseException:
        _restore(backups)
        raise
    with closing(_connect(queue)) as conn, conn:
        conn.execute("UPDATE items SET status = 'accepted', decided_at = ?, published_id = ? WHERE id = ?",
                     [_now(), statement["id"], item_id])
    return statement["id"]


def _pending(queue: Path, item_id: int) -> dict:
    with closing(_connect(queue)) as conn:
        r = conn.execute("""SELECT i.id, i.payload, a.id AS article_id, a.path, a.url, a.publisher, a.published,
                                   a.text FROM items i JOIN articles a ON a.id = i.article_id
                            WHERE i.id = ? AND i.status = 'pending'""", [item_id]).fetchone()
    if r is None:
        raise ReviewError(f"item {item_id} is not pending (unknown or already decided)")
    d = dict(r)
    d["item"] = json.loads(d.pop("payload"))
    return d


def _restore(backups: dict[Path, bytes | None]) -> None:
    for p, content in backups.items():
        if content is None:
            p.unlink(missing_ok=True)
        else:
            p.write_bytes(content)
