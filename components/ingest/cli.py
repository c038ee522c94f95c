"""Command-line entry points: ``extract FILE`` and ``eval-extract DIR``.

Registered into the project's ``timeline`` command by ``add_parsers(subparsers)``; also runnable on
its own: ``python -m components.ingest.cli eval-extract /work/shared/corpus``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from components.ingest.gazetteer import Gazetteer
from components.ingest.pipeline import run
from components.ingest.reader import IngestError, read_article


def _default_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "data"


def _gazetteer(args) -> Gazetteer:
    return Gazetteer.from_data(Path(args.data_dir) if getattr(args, "data_dir", None) else _default_data_dir())


def _explain(result: dict) -> str:
    """Every statement with the reason for each decision (cue, rule, speaker, date)."""
    lines = [f"language: {result['language']}"]
    for i, s in enumerate(result["statements"], 1):
        q = s["text"].replace("\n", " ")
        lines.append(f"{i}. “{q if len(q) <= 100 else q[:97] + '...'}”")
        lines.append(f"   speaker {s['speaker'] or '?'}" + (f" [{s['speaker_id']}]" if s["speaker_id"] else "")
                     + f", said on {s['said_on'] or 'unknown'}, confidence {s['confidence']}")
        lines += [f"   - {r}" for r in s["reasons"]]
    return "\n".join(lines)


def _table(result: dict) -> str:
    src = result["source"]
    lines = [f"source: {src.get('publisher') or '-'} | published {src.get('published') or 'unknown'} | "
             f"{src.get('url') or '-'} | language {result['language']}"]
    if result["message"]:
        lines.append(result["message"])
    rows = [("#", "said on", "speaker", "quote")]
    for i, s in enumerate(result["statements"], 1):
        who = s["speaker"] or "?"
        if s["speaker_id"]:
            who += f" [{s['speaker_id']}]"
        if s["relayed"]:
            who += " (relayed)"
        q = s["text"].replace("\n", " ")
        rows.append((str(i), s["said_on"] or "-", who, q if len(q) <= 90 else q[:87] + "..."))
    if len(rows) > 1:
        w = [max(len(r[k]) for r in rows) for k in range(3)]
        for r in rows:
            lines.append(f"{r[0]:>{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}")
    if result["events"]:
        lines.append("")
        lines.append("events:")
        for e in result["events"]:
            t = e["text"] if len(e["text"]) <= 100 else e["text"][:97] + "..."
            lines.append(f"  {e['date']} ({e['date_precision']})  {t}")
    new = [a["name"] for a in result["actors"] if not a["actor_id"]]
    if new:
        lines.append("")
        lines.append("speakers not in the actor list: " + ", ".join(new))
    return "\n".join(lines)


def cmd_extract(args) -> int:
    try:
        art = read_article(args.file, published=args.published, publisher=args.publisher, url=args.url)
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    result = run(art, _gazetteer(args)).to_dict()
    if args.explain:
        print(_explain(result))
    elif args.format == "table":
        print(_table(result))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_eval(args) -> int:
    from components.ingest.evaluate import evaluate_dirs, format_report

    for d in map(Path, args.dir):
        if not d.is_dir():
            print(f"Cannot evaluate {d}: it is not a folder.", file=sys.stderr)
            return 1
    report = evaluate_dirs(args.dir, gazetteer=_gazetteer(args))
    if not report["files"]:
        print(f"Cannot evaluate {', '.join(args.dir)}: no annotated articles (NAME.txt with NAME.expected.json).",
              file=sys.stderr)
        return 1
    print(format_report(report))
    return 0


def add_parsers(subparsers) -> None:
    """Register ``extract`` and ``eval-extract`` on an argparse subparsers object."""
    p = subparsers.add_parser("extract", help="extract quotes, speakers, dates and events from an article file")
    p.add_argument("file", help="article file: plain text (optional key: value header), HTML or Markdown")
    p.add_argument("--published", help="publication date YYYY-MM-DD (overrides the file's header)")
    p.add_argument("--publisher", help="publisher name (overrides the file's header)")
    p.add_argument("--url", help="source URL (overrides the file's header)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--explain", action="store_true", help="print the reason for every decision (cue, rule, date)")
    p.add_argument("--data-dir", help="folder of YAML data with actors/ (default: data/)")
    p.set_defaults(func=cmd_extract)

    p = subparsers.add_parser("eval-extract", help="score extraction against annotated articles in a folder")
    p.add_argument("dir", nargs="+", help="folders with NAME.txt + NAME.expected.json pairs (searched recursively)")
    p.add_argument("--data-dir", help="folder of YAML data with actors/ (default: data/)")
    p.set_defaults(func=cmd_eval)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.ingest.cli",
                                     description="Article ingestion: extraction and its evaluation.")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
