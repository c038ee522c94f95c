"""Read-only connections to the timeline database and the small helpers every query uses.

Connections are read-only (`mode=ro`): no page can write. The query helpers share one connection per thread
and database file (`reader`): a Streamlit rerun runs on its own thread, so a page's queries share one
connection (opened and schema-checked once) and sessions never share one. A file replaced by a rebuild (new
inode, size or mtime) gets a new connection. A missing or unreadable file becomes one named exception.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd


HL_OPEN, HL_CLOSE = "\x02", "\x03"  # highlight markers; the page escapes text, then turns these into <mark>


class DatabaseMissing(Exception):
    """The database file does not exist yet."""


class DatabaseUnreadable(Exception):
    """The file exists but is not a timeline database (corrupt, truncated, or another file)."""


def connect(path: Path | str) -> sqlite3.Connection:
    """A read-only connection; raises DatabaseMissing / DatabaseUnreadable with a clear sentence."""
    path = Path(path)
    if not path.exists():
        raise DatabaseMissing(f"The database {path} does not exist yet. Build it with: timeline build")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(
            f"The database {path} cannot be read ({exc}). Rebuild it with: timeline build --force") from exc
    return conn


_local = threading.local()
MAX_CACHED = 4  # files per thread (tests open many small databases on one thread)


def reader(path: Path | str) -> sqlite3.Connection:
    """This thread's read-only connection to `path`, reused while the file is the same one; do not close it."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        raise DatabaseMissing(f"The database {path} does not exist yet. Build it with: timeline build") from None
    version = (st.st_ino, st.st_size, st.st_mtime_ns)
    cache = getattr(_local, "conns", None)
    if cache is None:
        cache = _local.conns = OrderedDict()
    key = str(path)
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        cache.move_to_end(key)
        return hit[1]
    if hit is not None:
        cache.pop(key)[1].close()
    conn = connect(path)
    cache[key] = (version, conn)
    while len(cache) > MAX_CACHED:
        cache.popitem(last=False)[1][1].close()
    return conn


def _unreadable(path, exc: Exception) -> DatabaseUnreadable:
    """One sentence for a database that fails mid-query (corrupt pages): SQLite's reason, never the SQL."""
    reason = exc.__cause__ if isinstance(exc.__cause__, sqlite3.Error) else exc
    return DatabaseUnreadable(f"The database {path} cannot be read ({reason}). "
                              "Rebuild it with: timeline build --force")


def _df(path, sql: str, params=()) -> pd.DataFrame:
    try:
        return pd.read_sql_query(sql, reader(path), params=list(params))
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise _unreadable(path, exc) from exc


def _records(path, sql: str, params=()) -> list[dict]:
    """Rows as plain dicts with None for NULL (pandas would turn NULL text into NaN)."""
    try:
        cur = reader(path).cursor()
        cur.row_factory = sqlite3.Row
        return [dict(r) for r in cur.execute(sql, list(params)).fetchall()]
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc


def _scalar(path, sql: str, params=()):
    try:
        row = reader(path).execute(sql, list(params)).fetchone()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    return row[0] if row else None
