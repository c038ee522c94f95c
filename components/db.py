"""Read-only connections to the timeline database and the small helpers every query uses.

Connections are opened read-only (`mode=ro`) per call: cheap, thread-safe under Streamlit's session
threads, and no page can write. A missing or unreadable file becomes one named exception.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
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


def _unreadable(path, exc: Exception) -> DatabaseUnreadable:
    """One sentence for a database that fails mid-query (corrupt pages): SQLite's reason, never the SQL."""
    reason = exc.__cause__ if isinstance(exc.__cause__, sqlite3.Error) else exc
    return DatabaseUnreadable(f"The database {path} cannot be read ({reason}). "
                              "Rebuild it with: timeline build --force")


def _df(path, sql: str, params=()) -> pd.DataFrame:
    with closing(connect(path)) as conn:
        try:
            return pd.read_sql_query(sql, conn, params=list(params))
        except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
            raise _unreadable(path, exc) from exc


def _records(path, sql: str, params=()) -> list[dict]:
    """Rows as plain dicts with None for NULL (pandas would turn NULL text into NaN)."""
    with closing(connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql, list(params)).fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc


def _scalar(path, sql: str, params=()):
    with closing(connect(path)) as conn:
        try:
            row = conn.execute(sql, list(params)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(path, exc) from exc
    return row[0] if row else None
