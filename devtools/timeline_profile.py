"""Where a Timeline rerun spends its CPU: `python -m devtools.timeline_profile DB [REPEAT] [topic|dates]`.

Reruns the page through AppTest with a fresh one-topic filter (or start date) each time, as `timeline bench` does (the first
rerun is the warm-up), and prints the p50 wall and CPU time, the load average, and the CPU time inside each of
the page's parts (counters wrapped around the functions; nested parts are counted in their parents too).
"""

from __future__ import annotations

import collections
import functools
import os
import sys
import time

PARTS = {
    "components.views.timeline": ["render", "_activity_and_tone"],
    "components.views.state": ["render_sidebar"],
    "components.views.chartview": ["render_chart"],
    "components.figures": ["build_chart", "caption_for", "count_events"],
    "components.queries": ["fetch_events", "fetch_timeline_statements", "count_undated_statements", "fetch_activity",
                           "fetch_barometer", "count_statements_upto", "fetch_publishers_for"],
    "components.facets": ["all_counts"],
    "components.charts": ["timeline_figure", "activity_figure", "barometer_figure", "chart_view"],
    "components.chartnotes": ["place_labels"],
}


def _wrap(spent: collections.Counter) -> None:
    import importlib

    for module_name, names in PARTS.items():
        module = importlib.import_module(module_name)
        short = module_name.rsplit(".", 1)[-1]
        for name in names:
            fn = getattr(module, name)

            @functools.wraps(fn)
            def counted(*args, _fn=fn, _label=f"{short}.{name}", **kwargs):
                start = time.process_time()
                try:
                    return _fn(*args, **kwargs)
                finally:
                    spent[_label] += time.process_time() - start

            setattr(module, name, counted)


def main(db: str, repeat: int = 5, change: str = "topic") -> None:
    os.environ["TIMELINE_DB"] = db
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components import config, queries

    spent: collections.Counter = collections.Counter()
    _wrap(spent)
    st.cache_data.clear()
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=1800)
    at.run()
    topics = queries.fetch_topics(db)["id"].tolist()
    walls, cpus = [], []
    for i in range(repeat + 1):
        if i == 1:
            spent.clear()
        if change == "dates":  # a start inside a month, as bench's date-change reruns
            import datetime as dt
            at.date_input(key="flt_from").set_value(dt.date(2011, 3, 15) + dt.timedelta(days=97 * i))
        else:
            at.multiselect(key="flt_topic").set_value([topics[i % len(topics)]])
        wall, cpu = time.perf_counter(), time.process_time()
        at.run()
        if at.exception:
            raise SystemExit(f"the page raised: {at.exception[0].value}")
        if i:
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    walls.sort()
    cpus.sort()
    print(f"Timeline rerun p50: wall {walls[len(walls) // 2]:.0f} ms, CPU {cpus[len(cpus) // 2]:.0f} ms "
          f"({repeat} reruns, load average {os.getloadavg()[0]:.1f})")
    for label, seconds in spent.most_common():
        print(f"  {label:36s} {1000 * seconds / repeat:7.1f} ms CPU per rerun")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5, sys.argv[3] if len(sys.argv) > 3 else "topic")
