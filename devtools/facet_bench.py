"""Time the sidebar's facet counts (components.facets.counts) on a database: CPU and wall per facet and per
sidebar (the four facets one by one, then facets.all_counts, the sidebar's own call, which reads a frequent
search's hits once for the four), under the filters of issue 12's measurement, median of `--repeat` runs. First,
the one load of components.facetarrays' arrays for this file (what the server's start pays, app.py).

    python -m devtools.facet_bench /work/bench/synthetic-1000000.db [--facets-module FILE] [--repeat 3] [--only NAME]

The officials, topics and search words are the database's own: its busiest speaker and event actor, its
commonest topics, and the frequent and rare terms of the synthetic generator's sidecar (synthetic-N.json) when
there is one. "shown" is how many of the four facets the sidebar shows (components.facets.all_counts under its
real time limit, one run); the times are counted without a limit.

`--facets-module` loads another version of components/facets.py (e.g. `git show REV:components/facets.py`)
to compare before and after on the same file. A database built before components.facetcounts has no count
table, and facets then count the rows as before.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sqlite3
import statistics
import time
from contextlib import closing
from pathlib import Path

from components.filters import CHOICES, Filters

DATES = {"date_from": "2024-12-08", "date_to": "2025-11-20"}


def cases(db: str) -> dict[str, Filters]:
    """The filters timed, with this database's busiest officials, commonest topics and search words."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        speaker = one("SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC")
        actor = one("SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC")
        second = one(f"SELECT actor_id FROM event_actors WHERE actor_id <> '{actor}' GROUP BY 1 ORDER BY count(*) DESC")
        topics = tuple(r[0] for r in conn.execute(
            "SELECT topic_id FROM statement_topics GROUP BY 1 ORDER BY count(*) DESC LIMIT 4"))
    sidecar = Path(db).with_suffix(".json")
    facts = json.loads(sidecar.read_text())["facts"] if sidecar.exists() else {}
    frequent, rare = facts.get("frequent_term", "syria"), facts.get("rare_term", "hmeimimgate")
    return {
        "no filters": Filters(),
        "date range": Filters(**DATES),
        "topic": Filters(topics=topics[:1]),
        "country": Filters(countries=("RU",)),
        "topic+dates": Filters(topics=topics[:1], **DATES),
        "official": Filters(actors=(speaker,)),
        "official+dates": Filters(actors=(speaker,), **DATES),
        "event actor": Filters(actors=(actor,)),
        "two officials": Filters(actors=(actor, second)),
        "official+topic+RU": Filters(actors=(speaker,), topics=topics[:1], countries=("RU",)),
        "two topics": Filters(topics=topics[:2]),
        "three topics": Filters(topics=topics[:3]),
        "four topics+dates": Filters(topics=topics[:4], **DATES),
        "3 topics+official": Filters(topics=topics[:3], actors=(speaker,)),
        "search rare": Filters(text=rare),
        # at 1,000,000 statements: about 5,000, 36,000 and 65,000 hits
        "search 5k": Filters(text="soviet visit"),
        "search 36k": Filters(text="reported"),
        "search 65k": Filters(text="tartus"),
        "search 36k+dates": Filters(text="reported", **DATES),
        "search 36k+official": Filters(text="reported", actors=(speaker,)),
        "search frequent": Filters(text=frequent),
        # counted from components.facetarrays (past facets.FACET_HITS_CAP hits): at 1,000,000 statements 'syria'
        # has about 449,000 hits, 'syria russia' 125,000, 'syri*' 527,000 and 'the' 802,000
        "frequent+dates": Filters(text=frequent, **DATES),
        "frequent+official": Filters(text=frequent, actors=(speaker,)),
        "frequent+topic+RU": Filters(text=frequent, topics=topics[:1], countries=("RU",)),
        "frequent 2 words": Filters(text=f"{frequent} russia"),
        "frequent prefix": Filters(text=frequent[:4] + "*"),
        "search 'the'": Filters(text="the"),
    }


def _module(path: str | None):
    if not path:
        from components import facets
        return facets
    spec = importlib.util.spec_from_file_location("facets_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _time_arrays(db: str) -> None:
    """The one load of components.facetarrays per database file (a frequent search's first sidebar pays it)."""
    import resource

    from components import facetarrays

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0, w0 = time.process_time(), time.perf_counter()
    key = facetarrays.file_key(db)
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        loaded = facetarrays.items_of(key, conn)
    cpu, wall = 1000 * (time.process_time() - c0), 1000 * (time.perf_counter() - w0)
    size = sum(a.nbytes for items in loaded.values() for a in facetarrays.arrays_of(items)) / 2**20
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    print(f"facetarrays load: cpu {cpu:.0f} ms, wall {wall:.0f} ms; arrays {size:.1f} MB; peak RSS +{peak:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db")
    p.add_argument("--facets-module")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", action="append", help="a case's name (repeatable)")
    args = p.parse_args(argv)
    facets = _module(args.facets_module)
    print(f"{args.db}  load before {os.getloadavg()[0]:.2f}")
    _time_arrays(args.db)
    print(f"{'filters':18s} {'facet':11s} {'cpu ms':>8s} {'wall ms':>8s}")
    for name, f in cases(args.db).items():
        if args.only and name not in args.only:
            continue
        total_cpu = total_wall = 0.0
        for dim in (d.name for d in CHOICES):
            cpu, wall = [], []
            for _ in range(args.repeat):
                c0, w0 = time.process_time(), time.perf_counter()
                facets.counts(args.db, f, dim, time_limit_ms=600_000)
                cpu.append(1000 * (time.process_time() - c0))
                wall.append(1000 * (time.perf_counter() - w0))
            c, w = statistics.median(cpu), statistics.median(wall)
            total_cpu, total_wall = total_cpu + c, total_wall + w
            print(f"{name:18s} {dim:11s} {c:8.1f} {w:8.1f}")
        print(f"{name:18s} {'SIDEBAR':11s} {total_cpu:8.1f} {total_wall:8.1f}  (the four one by one)")
        cpu, wall, result = [], [], {}
        for _ in range(args.repeat):  # the sidebar's own call: the four at once (one read of a search's hits)
            c0, w0 = time.process_time(), time.perf_counter()
            result = facets.all_counts(args.db, f)
            cpu.append(1000 * (time.process_time() - c0))
            wall.append(1000 * (time.perf_counter() - w0))
        shown = sum(v is not None for v in result.values())
        print(f"{name:18s} {'all_counts':11s} {statistics.median(cpu):8.1f} {statistics.median(wall):8.1f}  "
              f"shown {shown}/{len(CHOICES)}")
    print(f"load after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
