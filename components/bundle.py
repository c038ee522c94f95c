"""The bulk download: one zip with the SQLite file, one CSV per table, datapackage.json (Frictionless Data)
and a README codebook (every table and column, date precision, tone rubric, provenance policy).

The same bytes for the About page's download button and `timeline export-dataset --out FILE.zip`; entries
carry the dataset's date, so two exports of one version are identical.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pandas as pd

from components import codebook, policy
from components.queries import connect
from components.version import version_of

TYPES = {"INTEGER": "integer", "REAL": "number", "TEXT": "string"}
PACKAGE_NAME = "syria-russia-timeline"


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """(name, declared type, part of the primary key) per column."""
    return [(r[1], (r[2] or "TEXT").upper(), bool(r[5])) for r in conn.execute(f"PRAGMA table_info({table})")]


def tables(conn: sqlite3.Connection) -> list[str]:
    """The data tables in codebook order (full-text index tables are left out: they are derived)."""
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in codebook.TABLES if t in have]


def derived_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables the build derives for speed (aggregates): in the SQLite file, not exported as CSV."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                        "AND name NOT LIKE '%_fts%' ORDER BY name").fetchall()
    return [r[0] for r in rows if r[0] not in codebook.TABLES]


def datapackage(conn: sqlite3.Connection, meta: dict[str, str]) -> dict:
    """A Frictionless Data Package descriptor: one tabular resource per table, every field described."""
    resources = []
    for table in tables(conn):
        about, described = codebook.TABLES[table]
        cols = _columns(conn, table)
        fields = [{"name": name, "type": TYPES.get(kind, "string"), "description": described.get(name, "")}
                  for name, kind, _ in cols]
        schema: dict = {"fields": fields}
        pk = [name for name, _, is_pk in cols if is_pk]
        if pk:
            schema["primaryKey"] = pk
        resources.append({"name": table.replace("_", "-"), "path": f"data/{table}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "description": about,
                          "schema": schema})
    return {"profile": "tabular-data-package", "name": PACKAGE_NAME, "title": codebook.TITLE,
            "version": version_of(meta), "created": f"{meta.get('dataset_date') or dt.date.today()}T00:00:00Z",
            "description": (f"Dated events and verbatim statements of Syria–Russia relations, {meta.get('data_from')} "
                            f"to {meta.get('data_to')}, each with its source. Content hash "
                            f"{meta.get('content_hash', '')}."),
            "resources": resources}


def readme(meta: dict[str, str], derived: list[str] = ()) -> str:
    text = codebook.markdown(version_of(meta), {"Tone rubric": policy.TONE_RUBRIC,
                                                "Provenance policy": policy.PROVENANCE})
    if derived:
        text += ("\n## Derived tables (SQLite file only)\n\nPrecomputed from the tables above for the dashboard's "
                 "charts and counts; not exported as CSV: " + ", ".join(f"`{t}`" for t in derived) + ".\n")
    text += ("\n## Full-text search\n\n`statements_fts` and `events_fts` (SQLite FTS5, in the SQLite file) index "
             "statements (text, speaker_label, context, speaker_names) and events (title, summary, actor_names).\n")
    return text


def dataset_zip(db: Path, changelog: Path | None = None) -> bytes:
    """The whole dataset as zip bytes (see the module docstring), with the changelog when given."""
    db = Path(db)
    with closing(connect(db)) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        names = tables(conn)
        frames = {t: pd.read_sql_query(f"SELECT * FROM {t}", conn) for t in names}
        package = datapackage(conn, meta)
        derived = derived_tables(conn)
    day = dt.date.fromisoformat(meta.get("dataset_date") or dt.date.today().isoformat())
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, stamp)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, zipfile.ZIP_DEFLATED)
        put("README.md", readme(meta, derived).encode("utf-8"))
        put("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8"))
        for t in names:
            put(f"data/{t}.csv", frames[t].to_csv(index=False).encode("utf-8"))
        if changelog is not None and Path(changelog).is_file():
            put("CHANGELOG.md", Path(changelog).read_bytes())
        put("timeline.db", db.read_bytes())
    return buf.getvalue()


def file_name(meta: dict[str, str]) -> str:
    return f"{PACKAGE_NAME}-{version_of(meta)}.zip"
