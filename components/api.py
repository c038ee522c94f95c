"""A JSON API for scripts: Datasette serving the database read-only and immutable, with the codebook as metadata.

`timeline api [--port N]` runs `datasette serve -i timeline.db --metadata <generated metadata.yml>` on
127.0.0.1. `timeline api --write-metadata FILE` writes that metadata (table and column descriptions,
full-text search on statements and events, facets, example queries) without serving. Also registers
`timeline export-dataset --out FILE.zip` (components.bundle).
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from components import codebook, config

QUERIES = {
    "quotes_by_speaker": {
        "title": "Quotes by one speaker (any alias), newest first",
        "sql": ("SELECT st.id, st.said_on, st.said_on_precision, st.speaker_name, st.text, so.publisher, so.url\n"
                "FROM statements st JOIN sources so ON so.id = st.source_id\n"
                "WHERE st.speaker_id IN (SELECT id FROM actors WHERE id = :speaker OR name LIKE '%' || :speaker || '%'"
                " OR aliases LIKE '%' || :speaker || '%')\nORDER BY st.date_sort DESC LIMIT 200"),
    },
    "events_in_range": {
        "title": "Events overlapping a date range (YYYY, YYYY-MM or YYYY-MM-DD)",
        "sql": ("SELECT id, date, date_precision, title, category, importance, tone FROM events\n"
                "WHERE date_end >= :from AND date_start <= :to || '-99' ORDER BY date_start, id"),
    },
}


def metadata(version: str = "", name: str = "timeline") -> dict:
    """Datasette metadata from the codebook, for the database called `name` (the file's stem)."""
    tables = {}
    for table, (about, columns) in codebook.TABLES.items():
        entry: dict = {"description": about, "columns": dict(columns)}
        if table in codebook.FACETS:
            entry["facets"] = list(codebook.FACETS[table])
        if table in codebook.FTS:
            entry.update({"fts_table": f"{table}_fts", "fts_pk": "rowid", "searchmode": "raw"})
        tables[table] = entry
    db = {"description": "Events and verbatim statements, each with its source. Read only.",
          "tables": tables, "queries": QUERIES}
    return {"title": codebook.TITLE + (f" (dataset {version})" if version else ""),
            "description_html": ("Every event and quote cites its source. Append <code>.json</code> to any page "
                                 "for JSON; see the README for example queries."),
            "databases": {name: db}}


def write_metadata(path: Path, version: str = "", name: str = "timeline") -> Path:
    path.write_text(yaml.safe_dump(metadata(version, name), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def serve_command(db: Path, meta_file: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """The datasette command line: immutable (-i), so Datasette never writes and can cache counts."""
    return [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--metadata", str(meta_file),
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000",
            "--setting", "facet_time_limit_ms", "500"]


def cmd_api(args) -> int:
    from components import queries
    from components.version import version_of

    db = config.db_path(args.db)
    version = version_of(queries.fetch_meta(db))  # also: one clear sentence when the database is missing
    if args.write_metadata:
        print(f"Wrote {write_metadata(Path(args.write_metadata), version, db.stem)}")
        return 0
    if importlib.util.find_spec("datasette") is None:
        print("timeline api: Datasette is not installed (pip install datasette, or pip install -e .)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="timeline-api-") as tmp:
        meta_file = write_metadata(Path(tmp) / "metadata.yml", version, db.stem)
        print(f"Serving {db} read-only at http://{args.host}:{args.port}/{db.stem} (JSON: add .json). Ctrl-C stops.",
              flush=True)
        proc = subprocess.Popen(serve_command(db, meta_file, args.port, args.host))
        # SIGTERM (a service manager, a test) stops the server too, as Ctrl-C does
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait(timeout=10)
            return 0


def cmd_export_dataset(args) -> int:
    from components import bundle, queries

    db = config.db_path(args.db)
    data = bundle.dataset_zip(db, config.data_dir(args.data_dir) / "CHANGELOG.md")
    out = Path(args.out)
    out.write_bytes(data)
    print(f"Wrote {out} ({len(data):,} bytes): {bundle.file_name(queries.fetch_meta(db))[:-4]}, "
          f"SQLite, CSV per table, datapackage.json, README codebook.")
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("api", help="serve the database read-only as a JSON API (Datasette)")
    p.add_argument("--db", help="database file (default: $TIMELINE_DB or data/timeline.db)")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--write-metadata", metavar="FILE", help="write the Datasette metadata.yml and exit")
    p.set_defaults(func=cmd_api)
    p = sub.add_parser("export-dataset", help="write the whole dataset as one zip (SQLite, CSVs, codebook)")
    p.add_argument("--db", help="database file (default: $TIMELINE_DB or data/timeline.db)")
    p.add_argument("--out", required=True, help="output .zip file")
    p.add_argument("--data-dir", help="folder holding CHANGELOG.md (default: data/)")
    p.set_defaults(func=cmd_export_dataset)
