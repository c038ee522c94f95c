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
from components.textnorm import fold, latin

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
    """The sentence(s) around text[start:end], exactly as written, at most `limit` characters."""
    left = max(text.rfind(ch, 0, start) for ch in (".\n", ". ", "\n\n", "? ", "! "))
    a = 0 if left < 0 else left + 2
    rights = [i for i in (text.find(ch, end) for ch in (". ", ".\n", "\n\n", "? ", "! ")) if i >= 0]
    b = min(rights) + 1 if rights else len(text)
    a, b = min(a, start), max(b, end)
    if b - a > limit:
        spare = limit - (end - start)
        if spare < 0:  # the quote alone is longer than the limit: the context is the quote
            return text[start:end]
        a = max(a, start - spare // 2)
        b = max(min(b, a + limit), end)
    ctx = text[a:b].strip()
    return ctx


def held_text_file(source: dict, text: str) -> str:
    """A data/texts file: header lines, one blank line, the article text exactly as ingested."""
    header = {"url": source.get("url"), "publisher": source.get("publisher"),
              "published": source.get("published") or "unknown", "retrieved": dt.date.today().isoformat()}
    return "".join(f"{k}: {v}\n" for k, v in header.items() if v) + "\n" + text


def _yaml_block(records: list[dict]) -> str:
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=1000)


def accept(queue: Path, item_id: int, data_dir: Path, db_file: Path, *, speaker_id: str | None = None,
           speaker_label: str | None = None, speaker_role: str | None = None, said_on: str | None = None,
           said_on_precision: str | None = None, topics: list[str] | None = None, event_id: str | None = None,
           rebuild: bool = True) -> str:
    """Publish one pending statement into data/ (source + statement YAML), validate, rebuild. Returns its id.

    Edits override what extraction proposed. If validation fails the YAML files are restored byte for byte
    and a DataError explains why; the item stays pending.
    """
    from components.store import build

    items = {i["id"]: i for i in list_items(queue, "pending", limit=100_000)}
    if item_id not in items:
        raise ReviewError(f"item {item_id} is not pending (unknown or already decided)")
    row = items[item_id]
    st = row["item"]
    text = row["text"]
    quote = st["text"]
    start, end = st.get("start"), st.get("end")
    if not (isinstance(start, int) and text[start:end] == quote):
        start = text.find(quote)
        end = start + len(quote)
    context = context_around(text, start, end)

    published = row["published"]
    current, _ = load_dataset(data_dir, check_corpus=False)
    known = next((src for src in current.sources if row["url"] and src.get("url") == row["url"]), None)
    source_id = known["id"] if known else \
        f"{_slug(row['publisher'] or 'source', 24)}-{published or 'undated'}-a{row['article_id']}"
    twin = next((x for x in current.statements if x.get("source_id") == source_id and x.get("text") == quote), None)
    if twin is not None:
        raise ReviewError(f"this quote is already in the dataset as statement '{twin['id']}' ({twin.file}:{twin.line})")
    source = {"id": source_id, "url": row["url"], "publisher": row["publisher"] or "Unknown publisher",
              "title": None, "published": published, "kind": "newspaper", "language": st.get("language") or "en",
              "corpus_file": None, "note": f"Added by review from {Path(row['path']).name}"}
    if source["url"] is None:
        raise ReviewError("the article has no URL; re-ingest it with --url so the quote can be cited")
    said = said_on if said_on is not None else st.get("said_on")
    prec = said_on_precision if said_on_precision is not None else st.get("said_on_precision")
    statement = {
        "id": f"{source_id}-q{item_id}", "text": quote, "context": context,
        "speaker_id": speaker_id if speaker_id is not None else st.get("speaker_id"),
        "speaker_label": speaker_label or st.get("speaker") or "unknown speaker",
        "speaker_role": speaker_role if speaker_role is not None else st.get("speaker_role"),
        "said_on": said, "said_on_precision": prec if said else None, "source_id": source_id,
        "event_id": event_id, "quote_kind": "direct" if quote[:1].isupper() else "partial",
        "language": st.get("language") or "en",
        "relayed": bool(st.get("relayed", False)), "topics": list(topics or st.get("topics") or ["diplomacy"])}

    src_file = data_dir / "sources" / "ingested.yaml"
    st_file = data_dir / "statements" / f"{source_id}.yaml"
    text_file = data_dir / "texts" / f"{source_id}.txt"
    backups = {p: (p.read_bytes() if p.exists() else None) for p in (src_file, st_file, text_file)}
    try:
        for p in backups:
            p.parent.mkdir(parents=True, exist_ok=True)
        if backups[text_file] is None:  # the article as ingested is the held text the quote is checked against
            text_file.write_text(held_text_file(source, text), encoding="utf-8")
        if known is None:
            with open(src_file, "a", encoding="utf-8") as fh:
                if not backups[src_file]:
                    fh.write("# Sources of articles added through `timeline ingest` and review.\n")
                fh.write(_yaml_block([source]))
        with open(st_file, "a", encoding="utf-8") as fh:
            fh.write(_yaml_block([statement]))
        ds, issues = load_dataset(data_dir)
        if issues:
            raise DataError(issues)
        if rebuild:
            build(data_dir, db_file)
    except BaseException:
        for p, content in backups.items():
            if content is None:
                p.unlink(missing_ok=True)
            else:
                p.write_bytes(content)
        raise
    with closing(_connect(queue)) as conn, conn:
        conn.execute("UPDATE items SET status = 'accepted', decided_at = ?, published_id = ? WHERE id = ?",
                     [_now(), statement["id"], item_id])
    return statement["id"]
