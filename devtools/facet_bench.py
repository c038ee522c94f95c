"""Time the sidebar's facet counts (components.facets.counts) on a database: CPU and wall per facet and per
sidebar (the four facets), under the filters of issue 12's measurement, median of `--repeat` runs.

    python -m devtools.facet_bench /work/bench/synthetic-1000000.db [--facets-module FILE] [--repeat 3]

`--facets-module` loads another version of components/facets.py (e.g. `git show REV:components/facets.py`)
to compare before and after on the same file. A database built before components.facetcounts has no count
table, and facets then count the rows as before.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import time

from components.filters import CHOICES, Filters

CASES = {
    "no filters": Filters(),
    "date range": Filters(date_from="2024-12-08", date_to="2025-11-20"),
    "topic": Filters(topics=("assad-legacy",)),
    "country": Filters(countries=("RU",)),
    "topic+dates": Filters(topics=("assad-legacy",), date_from="2024-12-08", date_to="2025-11-20"),
    "official": Filters(actors=("synth-person-1623",)),
    "official+dates": Filters(actors=("synth-person-1623",), date_from="2024-12-08", date_to="2025-11-20"),
    "two topics": Filters(topics=("assad-legacy", "bases")),
}


def _module(path: str | None):
    if not path:
        from components import facets
        return facets
    spec = importlib.util.spec_from_file_location("facets_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db")
    p.add_argument("--facets-module")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    facets = _module(args.facets_module)
    print(f"{args.db}  load before {os.getloadavg()[0]:.2f}")
    print(f"{'filters':15s} {'facet':11s} {'cpu ms':>8s} {'wall ms':>8s}")
    for name, f in CASES.items():
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
            print(f"{name:15s} {dim:11s} {c:8.1f} {w:8.1f}")
        print(f"{name:15s} {'SIDEBAR':11s} {total_cpu:8.1f} {total_wall:8.1f}")
    print(f"load after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
