"""Add a few validated records to a built database without rebuilding it: copy, insert, swap atomically.

Used when a reviewer accepts one quote. The database must be current (its `input_hash` matches the data
files before the change); otherwise the caller rebuilds. The result holds the same rows in every table,
the same meta and the same full-text matches as a full `store.build()` of the changed files; only rowids
(insertion order) differ. The copy is written beside the file and renamed over it in one step, so a
reader sees the old database or the new one (and a new mtime, which the dashboard's caches key on).
"""

from __future__ import annotations

import bisect
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from components import aggregates, facetcounts, store

# Columns of each table as store._rows() makes them, and the order _rows() lists them in.
ORDER = {
    "topics": "id", "actors": "id", "roles": "rowid", "sources": "id", "source_texts": "source_id",
    "events": "date, id", "event_actors": "rowid", "event_topics": "rowid", "event_sources": "rowid",
    "statements": "id", "statement_topics": "statement_id, rowid"}
SKIP_COLUMNS = {"roles": {"id"}, "event_sources": {"id"}}  # INTEGER PRIMARY KEYs the build leaves to SQLite
FTS_COLUMNS = {"statements": ("text", "speaker_label", "context", "speaker_names"),
               "events": ("title", "summary", "actor_names")}


def _files(data_dir: Path) -> list[Path]:
    return store.source_files(data_dir) + store.text_files(data_dir)


def current_digests(db_file: Path, data_dir: Path) -> dict[Path, str] | None:
    """Each data file's digest when db_file was built from exactly the files now in data_dir, else None.
    The accept passes them on to add_rows(), so each file is read and hashed once per accept."""
    if not db_file.exists():
        return None
    files = _files(data_dir)
    digests = store.file_digests(files)
    return digests if store.read_meta(db_file).get("input_hash") == store.input_hash(files, digests) else None


def is_current(db_file: Path, data_dir: Path) -> bool:
    """True when db_file was built from exactly the data files now in data_dir."""
    return current_digests(db_file, data_dir) is not None


def table_rows(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """Every table's rows in the shape and order store._rows() produces (for the meta and version hash)."""
    out = {}
    for table, order in ORDER.items():
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP_COLUMNS.get(table, ())]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = [dict(zip(cols, r)) for r in conn.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}")]
    return out


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    for row in rows:
        cols = list(row)
        cur = conn.execute(f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                           f"VALUES ({', '.join('?' for _ in cols)})", [row[c] for c in cols])
        if table in FTS_COLUMNS:
            fts = FTS_COLUMNS[table]
            conn.execute(f"INSERT INTO {table}_fts (rowid, {', '.join(fts)}) VALUES (?, {', '.join('?' for _ in fts)})",
                         [cur.lastrowid, *(row[c] for c in fts)])


def files_after(data_dir: Path, before: list[Path], written: list[Path]) -> list[Path]:
    """The data files once `written` exist, from the list before them (as _files() lists them, without
    listing thousands of held texts again)."""
    texts = [p for p in before if p.suffix == ".txt"]
    for p in written:
        if p.suffix == ".txt" and p.exists() and p not in texts:
            bisect.insort(texts, p)
    return store.source_files(data_dir) + texts


def add_rows(db_file: Path, data_dir: Path, new: dict[str, list[dict]],
             digests: dict[Path, str] | None = None, written: list[Path] = ()) -> None:
    """Insert `new` (table -> rows, as store._rows() makes them) into a copy of db_file, refresh the meta
    (input hash of data_dir's files now, counts, date span, version) and the aggregates, then swap it in.
    `digests`: every file's digest before the update (current_digests()); only the `written` files are
    read again."""
    if digests is None:
        digest = store.input_hash(_files(data_dir))
    else:
        kept = {p: d for p, d in digests.items() if p not in written}
        digest = store.input_hash(files_after(data_dir, list(digests), list(written)), kept)
    old_meta = store.read_meta(db_file)

    def write(tmp: Path) -> None:
        shutil.copyfile(db_file, tmp)
        with closing(sqlite3.connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode = OFF")  # a private copy: renamed into place only when complete
            conn.execute("PRAGMA synchronous = OFF")
            for table in ORDER:
                _insert(conn, table, new.get(table) or [])
            if "table_hashes" in old_meta:  # the version from the old sums plus the new rows' digests
                meta = store.grown_meta(old_meta, new, digest)
            else:  # built before the sums were kept in meta: hash every table once
                meta = store.build_meta(table_rows(conn), digest, old_meta)
            conn.execute("DELETE FROM meta")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
            aggregates.add(conn, new)  # the new rows' counts merged into the tables' (same rows as a rebuild)
            facetcounts.add(conn, new)  # the new rows' facet counts added to the table's (same as a rebuild)
            conn.commit()

    store.replace_atomically(db_file, write)


def actor_record(db_file: Path, actor_id: str) -> dict | None:
    """An actor as the YAML shape _rows() needs (name, country, aliases, roles), read from the database."""
    with closing(sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        a = conn.execute("SELECT * FROM actors WHERE id = ?", [actor_id]).fetchone()
        if a is None:
            return None
        roles = [dict(r) for r in conn.execute(
            'SELECT title, organisation, start, "end", source_id FROM roles WHERE actor_id = ? ORDER BY rowid',
            [actor_id])]
    return {**dict(a), "aliases": json.loads(a["aliases"] or "[]"), "roles": roles}


def _ro(db_file: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)


def db_ids(db_file: Path) -> dict:
    """The ids a new statement or source may refer to (or must not reuse), from the current database."""
    with closing(_ro(db_file)) as conn:
        def col(sql):
            return {r[0] for r in conn.execute(sql)}
        return {"topics": col("SELECT id FROM topics"), "actors": col("SELECT id FROM actors"),
                "sources": col("SELECT id FROM sources"), "events": col("SELECT id FROM events"),
                "urls": dict(conn.execute("SELECT url, id FROM sources WHERE url IS NOT NULL"))}


def has_statement(db_file: Path, statement_id: str) -> bool:
    with closing(_ro(db_file)) as conn:
        return conn.execute("SELECT 1 FROM statements WHERE id = ?", [statement_id]).fetchone() is not None


def held_texts(db_file: Path, source_ids: list[str]) -> dict:
    """The held texts already in the database for these sources, as texts.HeldText."""
    from components.texts import HeldText

    with closing(_ro(db_file)) as conn:
        rows = conn.execute(f"SELECT source_id, text, retrieved, url FROM source_texts WHERE source_id IN "
                            f"({', '.join('?' for _ in source_ids)})", source_ids).fetchall()
    return {sid: HeldText(sid, f"texts/{sid}.txt", {"url": url, "retrieved": retrieved}, text)
            for sid, text, retrieved, url in rows}
