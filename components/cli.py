"""The `timeline` command: a thin layer over the modules (build, queries, charts, exports, ingestion)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components import config


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database file (default: $TIMELINE_DB or data/timeline.db)")
    p.add_argument("--data-dir", help="folder of YAML source files (default: data/)")


def _filter_args(p: argparse.ArgumentParser) -> None:
    from components.filters import add_cli_options

    add_cli_options(p)


class UsageError(Exception):
    """A bad option value; shown as one sentence with exit code 2."""


def _filters(args, db: Path):
    """The Filters value of the command line's filter options; a bad value is a UsageError, a cut one a note."""
    from components import queries
    from components.filters import Filters, cli_params

    f, parsed = Filters.parse(cli_params(args), queries.fetch_known_values(db))
    dropped = [w for w in parsed.warnings if w not in parsed.cut]
    if dropped:
        raise UsageError(" ".join(_cli_words(w) for w in dropped))
    for note in parsed.cut:
        print(f"timeline {args.command}: {_cli_words(note)}", file=sys.stderr)
    return f


def _cli_words(warning: str) -> str:
    return (warning.replace(" in the URL", "").replace("URL parameter", "option")
            .replace("The search text", "The search text (--search)"))


def cmd_validate(args) -> int:
    from components.schema import load_dataset

    data_dir = config.data_dir(args.data_dir)
    ds, issues = load_dataset(data_dir)
    for issue in issues:
        print(issue, file=sys.stderr)
    if issues:
        print(f"{len(issues)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    print(f"OK: {len(ds.events)} events, {len(ds.statements)} statements, {len(ds.actors)} actors, "
          f"{len(ds.sources)} sources, {len(ds.topics)} topics in {len(ds.files)} files.")
    return 0


def cmd_build(args) -> int:
    from components.schema import DataError
    from components.store import BuildError, build

    db = config.db_path(args.db)
    try:
        result = build(config.data_dir(args.data_dir), db, force=args.force)
    except DataError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(f"{len(exc.issues)} problem(s) found; {db} was left unchanged.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
        return 1
    c = result.counts
    verb = "Built" if result.changed else "Unchanged (inputs identical):"
    print(f"{verb} {db}: {c['events']} events, {c['statements']} statements, {c['actors']} actors, "
          f"{c['sources']} sources, {c['topics']} topics.")
    return 0


def cmd_stats(args) -> int:
    """Counts per table, the date span, and coverage: events and statements per period and language."""
    from components import queries

    db = config.db_path(args.db)
    counts = queries.fetch_table_counts(db)
    first, last = queries.fetch_date_span(db)
    width = max(len(k) for k in counts)
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>7,}")
    print(f"{'date span':<{width}}  {first} to {last}")
    coverage = queries.fetch_coverage(db)
    langs = [c for c in coverage.columns if c not in ("period", "events", "statements")]
    print("\nCoverage per period (statements by language)")
    print(f"{'period':<26}{'events':>8}{'statements':>12}" + "".join(f"{lang:>6}" for lang in langs))
    for row in coverage.to_dict("records"):
        print(f"{row['period']:<26}{row['events']:>8,}{row['statements']:>12,}"
              + "".join(f"{int(row[lang]):>6,}" for lang in langs))
    return 0


def cmd_quotes(args) -> int:
    from components import queries

    db = config.db_path(args.db)
    if args.speaker:
        args.actors = [*args.actors, args.speaker]
    f = _filters(args, db)
    if f.text:  # every spelling of a name or place the search names, as on the Quotes page (Tartus, Tartous)
        from components import searchwords

        f = f.with_(text_aliases=searchwords.expansions(f.text, searchwords.index_of_actors(queries.fetch_actors(db))))
    df = queries.fetch_statements(db, f, limit=args.limit, order="rank" if args.search else "date")
    df = df.drop(columns=["text_hl", "score", "context"], errors="ignore")
    if args.format == "json":
        print(df.to_json(orient="records", force_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(df.to_csv(index=False))
    else:
        if df.empty:
            print(f"No quotes match ({f.describe()}).")
        for row in df.astype(object).where(df.notna(), None).itertuples():
            date = f"{row.said_on} ({row.said_on_precision})" if row.said_on else "date unknown"
            role = row.role_on_date or row.speaker_role
            role = f", {role}" if role else ""
            print(f"“{row.text}”\n    — {row.speaker_name}{role}; {date}; {row.publisher} {row.source_url or ''}\n")
        total = queries.count_statements(db, f)
        print(f"{len(df)} of {total} quote(s) shown. {f.describe()}.")
    return 0


def cmd_export_chart(args) -> int:
    from components import exporting

    db = config.db_path(args.db)
    f = _filters(args, db)
    out = Path(args.out)
    try:
        data = exporting.chart_file(db, args.chart, f, args.format)
    except exporting.ExportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"Wrote {out} ({len(data):,} bytes, {args.format}).")
    return 0


def cmd_ingest(args) -> int:
    from components import review
    from components.ingest.reader import IngestError

    queue = review.queue_path(args.queue)
    data_dir = config.data_dir(args.data_dir)

    def progress(i: int, n: int, path: str) -> None:
        bar = "#" * int(24 * i / n)
        print(f"\r[{bar:<24}] {i}/{n} {Path(path).name[:50]:<50}", end="", file=sys.stderr, flush=True)

    failed = 0
    results = []
    for n, path in enumerate(args.files, start=1):
        try:
            results += review.ingest_files([path], queue, data_dir, published=args.published,
                                           publisher=args.publisher, url=args.url,
                                           progress=lambda _i, _n, p, k=n: progress(k, len(args.files), p))
        except IngestError as exc:
            failed += 1
            print(f"\n{exc}", file=sys.stderr)
    print(file=sys.stderr)
    for r in results:
        note = r.message or ("already ingested; nothing added" if r.duplicate else "")
        print(f"{r.path}: {r.added} statement(s) queued for review{'; ' + note if note else ''}")
    pending = len(review.list_items(queue))
    print(f"{pending} item(s) pending review in {queue}. Review them with `timeline review` or on the Review page.")
    return 1 if failed else 0


def cmd_review(args) -> int:
    from components import review
    from components.schema import DataError

    queue = review.queue_path(args.queue)
    try:
        if args.reject is not None:
            review.reject(queue, args.reject, note=args.note)
            print(f"Rejected item {args.reject}.")
            return 0
        if args.accept is not None:
            sid = review.accept(queue, args.accept, config.data_dir(args.data_dir), config.db_path(args.db),
                                speaker_id=args.speaker_id, speaker_label=args.speaker_label,
                                speaker_role=args.speaker_role, said_on=args.said_on,
                                said_on_precision=args.precision, topics=args.topic or None,
                                event_id=args.event)
            print(f"Accepted item {args.accept} as statement {sid}; data/ updated and the database rebuilt.")
            return 0
    except review.ReviewError as exc:
        print(f"timeline review: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print("Nothing was written: fix the values above (e.g. --speaker-id, --topic) and accept again.",
              file=sys.stderr)
        return 1
    items = review.list_items(queue, args.status)
    if not items:
        print(f"No {args.status} items in {queue}. Add articles with `timeline ingest FILE...`.")
    for it in items:
        st = it["item"]
        date = f"{st.get('said_on')} ({st.get('said_on_precision')})" if st.get("said_on") else "date unknown"
        print(f"#{it['id']} [{it['publisher']}] “{st['text'][:160]}”\n    speaker: {st.get('speaker')} "
              f"({st.get('speaker_id') or 'no actor id'}) · {date} · topics: {', '.join(st.get('topics') or [])}"
              f" · confidence {st.get('confidence')}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description="Syria–Russia relations timeline: build, query, export.")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_data_commands(sub)
    _add_query_commands(sub)
    _add_curation_commands(sub)
    _add_plugins(sub)
    return parser


def _add_data_commands(sub) -> None:
    p = sub.add_parser("validate", help="check the data files, report every problem, write nothing")
    _common(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="validate and (re)build the database atomically")
    _common(p)
    p.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("stats", help="counts per table and the date span")
    _common(p)
    p.set_defaults(func=cmd_stats)


def _add_query_commands(sub) -> None:
    p = sub.add_parser("quotes", help="search and list quotes")
    _common(p)
    _filter_args(p)
    p.add_argument("--speaker", help="speaker actor id")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("export-chart", help="render a chart to PNG, SVG, PDF or HTML")
    _common(p)
    _filter_args(p)
    p.add_argument("chart", choices=("timeline", "activity", "barometer", "topics"))
    p.add_argument("--format", choices=("png", "svg", "pdf", "html"), default="png")
    p.add_argument("--out", required=True, help="output file")
    p.set_defaults(func=cmd_export_chart)


def _add_curation_commands(sub) -> None:
    p = sub.add_parser("ingest", help="extract quotes from articles and queue them for review")
    _common(p)
    p.add_argument("files", nargs="+", help="article files: text with key: value header, HTML or Markdown")
    p.add_argument("--published", help="publication date YYYY-MM-DD (overrides the file's header)")
    p.add_argument("--publisher")
    p.add_argument("--url")
    p.add_argument("--queue", help="review queue file (default: $TIMELINE_QUEUE or data/review/queue.db)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("review", help="list, accept or reject queued quotes")
    _common(p)
    p.add_argument("--queue")
    p.add_argument("--status", default="pending", choices=("pending", "accepted", "rejected"))
    p.add_argument("--accept", type=int, metavar="ID")
    p.add_argument("--reject", type=int, metavar="ID")
    p.add_argument("--note")
    p.add_argument("--speaker-id")
    p.add_argument("--speaker-label")
    p.add_argument("--speaker-role")
    p.add_argument("--said-on")
    p.add_argument("--precision", choices=config.STATEMENT_PRECISIONS)
    p.add_argument("--topic", action="append", default=[])
    p.add_argument("--event")
    p.set_defaults(func=cmd_review)


def _add_plugins(sub) -> None:
    """Commands registered by other packages: extraction (components.ingest) and the benchmark (devtools)."""
    try:
        from components.ingest import cli as ingest_cli
    except ImportError:
        ingest_cli = None
    if ingest_cli is not None and hasattr(ingest_cli, "add_parsers"):
        ingest_cli.add_parsers(sub)
    try:
        from devtools import bench
    except ImportError:
        bench = None
    if bench is not None and hasattr(bench, "add_parser"):
        bench.add_parser(sub)
    from components import api  # timeline api, timeline export-dataset

    api.add_parsers(sub)


def main(argv: list[str] | None = None) -> int:
    from components.queries import DatabaseMissing, DatabaseUnreadable

    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except (DatabaseMissing, DatabaseUnreadable) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"timeline {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
