"""Read-only connections to the timeline database and the small helpers every query uses.

Connections are read-only (`mode=ro`): no page can write. The query helpers take a connection from a small
pool per database file (`reading`) and give it back: opening one and checking its schema costs more than a
small query (tens of ms on a 1.6 GB file under load), so reruns and sessions reuse them, each used by one
thread at a time. A file replaced by a rebuild (new inode, size or mtime) gets new connections. A missing or
unreadable file becomes one named exception.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
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


_lock = threading.Lock()
_idle: OrderedDict[str, tuple[tuple, list[sqlite3.Connection]]] = OrderedDict()  # path -> (version, idle)
MAX_IDLE = 4   # idle connections kept per file (one per session reading at the same moment)
MAX_FILES = 8  # files with idle connections (tests open many small databases)


def _version(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        raise DatabaseMissing(f"The database {path} does not exist yet. Build it with: timeline build") from None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@contextmanager
def reading(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `path` from a small pool, given back afterwards: the queries of a page rerun
    (and of later reruns) reuse connections opened and schema-checked once, one session at a time each.
    A file replaced by a rebuild (new inode, size or mtime) gets new connections."""
    path = Path(path)
    version, key = _version(path), str(path)
    conn = None
    with _lock:
        entry = _idle.get(key)
        if entry is not None and entry[0] == version and entry[1]:
            conn = entry[1].pop()
    if conn is None:
        conn = connect(path)
    try:
        yield conn
    finally:
        _give_back(key, version, conn)


def _give_back(key: str, version: tuple, conn: sqlite3.Connection) -> None:
    try:
        current = _version(Path(key))
    except DatabaseMissing:
        current = None
    if current != version:  # the file was replaced (or removed) while this connection read the old one
        conn.close()
        return
    stale: list[sqlite3.Connection] = []
    with _lock:
        entry = _idle.get(key)
        if entry is None or entry[0] != version:
            stale += entry[1] if entry is not None else []
            entry = _idle[key] = (version, [])
        _idle.move_to_end(key)
        if len(entry[1]) < MAX_IDLE:
            entry[1].append(conn)
        else:
            stale.append(conn)
        while len(_idle) > MAX_FILES:
            stale += _idle.popitem(last=False)[1][1]
    for c in stale:
        c.close()


def _unreadable(path, exc: Exception) -> DatabaseUnreadable:
    """One sentence for a database that fails mid-query (corrupt pages): SQLite's reason, never the SQL."""
    reason = exc.__cause__ if isinstance(exc.__cause__, sqlite3.Error) else exc
    return DatabaseUnreadable(f"The database {path} cannot be read ({reason}). "
                              "Rebuild it with: timeline build --force")


def _df(path, sql: str, params=()) -> pd.DataFrame:
    with reading(path) as conn:
        try:
            return pd.read_sql_query(sql, conn, params=list(params))
        except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
            raise _unreadable(path, exc) from exc


def _plain_df(path, sql: str, params=()) -> pd.DataFrame:
    """Like _df, with text as plain Python str objects (NULL is None) instead of Arrow-backed columns, which
    cost more to build and to iterate than the pages' frames are worth (20 quotes; 17,000 events: ~20 ms).
    Numeric columns are numbers as read_sql_query gives them (NULL in one makes it float with NaN)."""
    with reading(path) as conn:
        try:
            cur = conn.execute(sql, list(params))
            rows = cur.fetchall()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    cols = [d[0] for d in cur.description]
    df = pd.DataFrame(rows, columns=cols, dtype=object)
    for i, c in enumerate(cols):
        first = next((r[i] for r in rows if r[i] is not None), None)
        if isinstance(first, (int, float)):
            try:
                df[c] = pd.to_numeric(df[c])
            except (ValueError, TypeError):  # SQLite let text into a number column: leave it as read
                pass
    return df


def _records(path, sql: str, params=()) -> list[dict]:
    """Rows as plain dicts with None for NULL (pandas would turn NULL text into NaN)."""
    with reading(path) as conn:
        try:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            return [dict(r) for r in cur.execute(sql, list(params)).fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc


def _scalar(path, sql: str, params=()):
    with reading(path) as conn:
        try:
            row = conn.execute(sql, list(params)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    return row[0] if row else None


def has_table(path, name: str) -> bool:
    """True when the database has this table (a count table or ANALYZE's statistics an older build lacks)."""
    return bool(_scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))
