"""`timeline bench`: how fast the store, the queries, the pages and the exports are at scale.

For each size N it builds a synthetic database of realistic shape (devtools.synth: N statements,
N/10 events) through the real write path, then times, on that one file: full-text search (frequent and
rare term, with and without speaker+date filters), a filtered event query, the timeline figure, page
reruns through AppTest, PNG export cold and warm, the first chart drawn in Chromium, and peak memory.
The same questions go to a naive pandas baseline (whole tables in memory, str.contains and masks) and to
Datasette serving the same file. Writes JSON, a Markdown report and a PNG chart. Timings are medians and
95th percentiles over --repeat runs after one warm-up; nothing here is a pass/fail test.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from components import config
from devtools import devserver
from devtools.devserver import free_port

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
DATE_FROM, DATE_TO = "2024-03-01", "2026-03-01"  # the "last two years" filter used with a speaker
RESULT_KEYS = ("size", "operation", "ours_ms_p50", "ours_ms_p95", "naive_ms_p50", "datasette_ms_p50")

# Operation names (stable: the report, the chart and the targets refer to them).
OP_BUILD = "build: rows + write_database"
OP_BUILD_YAML = "build: YAML files -> store.build()"
OP_BUILD_FILES = "build: data files -> store.build()"  # YAML for the small kinds, JSON Lines for the bulk
OP_REVIEW = "review: accept one quote (validate + update)"
REVIEW_SIZES = (10_000, 100_000)  # and any size below them (the tiny test run)
REVIEW_ARTICLE = config.SHARED_DIR / "corpus" / "dev" / "aljazeera_2024-12-19_putin_not_defeat.txt"
OP_SEARCH = {("frequent", False): "search: frequent term", ("frequent", True): "search: frequent term + speaker + dates",
             ("rare", False): "search: rare term", ("rare", True): "search: rare term + speaker + dates"}
OP_SEARCH_FETCH = "search: frequent term, fetch_statements only"
OP_SEARCH_COUNT = "search: frequent term, count_statements only"
OP_EVENTS = "events: topic + dates (fetch_events)"
OP_FACET = "facet: statements per speaker"
OP_FIG_BUILD = "timeline figure: figures.build_chart (all data)"
OP_FIG_PURE = "timeline figure: charts.timeline_figure only"
OP_PAGE_TL = "page rerun after filter change: Timeline (AppTest)"
OP_PAGE_QT = "page rerun after filter change: Quotes (AppTest)"
OP_PAGE_TL_DATES = "page rerun after a date change: Timeline (AppTest)"
OP_PAGE_TL_FIRST = "page first run: Timeline (AppTest)"
OP_PNG_COLD = "PNG export: timeline, cold (new process)"
OP_PNG_WARM = "PNG export: timeline, warm"
OP_BROWSER_COLD = "browser: first timeline chart drawn (fresh server)"
OP_BROWSER_WARM = "browser: timeline chart drawn (return visit, new tab)"
# the server-drawn image of the same figure (components/views/firstview.py), or the plot if it comes first
OP_BROWSER_SHOWN = "browser: first timeline chart on screen (fresh server; the warm-up's image until drawn)"
CHART_OPS = (OP_SEARCH[("frequent", False)], OP_SEARCH[("rare", False)], OP_EVENTS, OP_FACET, OP_FIG_BUILD,
             OP_PAGE_TL, OP_PAGE_QT, OP_PNG_WARM, OP_BROWSER_COLD, OP_BUILD_FILES, OP_REVIEW)

CHART_DRAWN_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd._fullData || !gd._fullData.length) return false;
  if (gd.querySelector('.scatterlayer .point')) return true;
  return gd._fullData.some(t => t.type === 'scattergl') && !!gd.querySelector('canvas.gl-canvas-context');
}"""


SHOWN_JS = """() => {
  const img = document.querySelector('.first-image img');
  return !!(img && img.complete && img.naturalWidth > 0) || (%s)();
}""" % CHART_DRAWN_JS


class BenchError(Exception):
    """A benchmark step could not run (missing tool, server did not start)."""


# --- small helpers -------------------------------------------------------------------------------

class Progress:
    """One line per step with the elapsed time, flushed so a background run can be followed."""

    def __init__(self, out=None):
        self.t0 = time.perf_counter()
        self.out = out or sys.stderr

    def __call__(self, msg: str) -> None:
        print(f"[{time.perf_counter() - self.t0:8.1f}s] {msg}", file=self.out, flush=True)


class Ms(float):
    """A median in ms that also carries the median CPU time of this process over the same runs (`cpu`):
    on a shared machine the wall time includes waiting for a core; the CPU time does not."""

    cpu: float | None = None


def stats(samples: list[float], cpu: list[float] | None = None) -> tuple[float, float]:
    """(median, 95th percentile) in ms; with cpu samples the median is an Ms carrying their median."""
    arr = np.asarray(samples, dtype=float)
    p50 = Ms(float(np.percentile(arr, 50)))
    if cpu:
        p50.cpu = float(np.percentile(np.asarray(cpu, dtype=float), 50))
    return p50, float(np.percentile(arr, 95))


def measure(fn: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[float, float, object]:
    """Run fn warmup + repeat times; (p50 ms, p95 ms, last result) over the timed runs."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples, cpu = [], []
    for _ in range(max(repeat, 1)):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    p50, p95 = stats(samples, cpu)
    return p50, p95, result


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict:
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            mem = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    versions = {}
    for mod in ("pandas", "plotly", "streamlit", "sqlite_utils", "datasette", "kaleido", "playwright"):
        try:
            from importlib.metadata import version
            versions[mod] = version(mod.replace("_", "-"))
        except Exception:  # noqa: BLE001 - a missing optional tool is just not listed
            versions[mod] = None
    return {"cpu_count": os.cpu_count(), "cpu": cpu, "memory_gb": mem, "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version, "packages": versions,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def _wait_http(port: int, path: str, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"server exited with code {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"server on port {port} did not answer {path} within {timeout:.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _descendants_pss_mb(pid: int) -> float | None:
    """Proportional memory (PSS: shared pages split among their users) of a process's descendants, MB: the kaleido
    browser the dashboard server keeps for its first-view image and the chart exports."""
    procs = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            ppid = next(int(ln.split()[1]) for ln in status.read_text().splitlines() if ln.startswith("PPid:"))
        except (OSError, StopIteration, ValueError):
            continue
        procs[int(status.parent.name)] = ppid
    kids, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in procs.items() if parent in frontier} - kids
        kids |= frontier
    total = 0.0
    for kid in kids:
        try:
            total += next(int(ln.split()[1]) for ln in Path(f"/proc/{kid}/smaps_rollup").read_text().splitlines()
                          if ln.startswith("Pss:")) / 1024
        except (OSError, StopIteration, ValueError):
            continue
    return round(total, 1) if kids else None


def _vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (Linux /proc), MB."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for ln in fh:
                if ln.startswith("VmHWM:"):
                    return int(ln.split()[1]) / 1024
    except OSError:
        return None
    return None


# --- the database --------------------------------------------------------------------------------

def build_db(n: int, workdir: Path, yaml_path: bool, reuse: bool, log: Progress) -> dict:
    """Build synthetic-N.db in a fresh process (so its memory does not count as ours); returns synth's JSON."""
    db = workdir / f"synthetic-{n}.db"
    sidecar = workdir / f"synthetic-{n}.json"
    if reuse and db.exists() and sidecar.exists() and sidecar.stat().st_size:
        info = json.loads(sidecar.read_text())
        if (not yaml_path or "yaml_build_ms" in info) and "files_build_ms" in info:
            log(f"N={n:,}: reusing {db.name} (built earlier in {info['build_ms'] / 1000:.1f} s)")
            return {**info, "db": str(db), "reused": True}
    cmd = [sys.executable, "-m", "devtools.synth", str(n), str(db), "--files", str(workdir / f"files-{n}")]
    if yaml_path:
        cmd += ["--yaml", str(workdir / f"yaml-{n}")]
    if (workdir / f"files-{n}").exists():
        shutil.rmtree(workdir / f"files-{n}")
    log(f"N={n:,}: generating and building {db.name}, and through the data files" + (" (and YAML)" if yaml_path else ""))
    out = subprocess.run(cmd, cwd=config.ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise BenchError(f"synthetic build failed: {out.stderr[-2000:]}")
    sidecar.write_text(out.stdout)
    info = json.loads(out.stdout)
    return {**info, "db": str(db), "reused": False}


def db_facts(db: Path) -> dict:
    from components import queries
    return json.loads(queries.fetch_meta(db)["synthetic"])


# --- ours ----------------------------------------------------------------------------------------

def facet_speakers(db: Path, limit: int = 30):
    """Our equivalent of Datasette's ?_facet=speaker_id: top speakers by statement count, plus the total
    (both from the per-speaker counts written at build time)."""
    from components import queries
    return queries.fetch_speaker_facet(db, limit)


def search_filters(facts: dict, which: str, filtered: bool):
    from components.filters import Filters
    term = facts["frequent_term"] if which == "frequent" else facts["rare_term"]
    if filtered:
        return Filters(text=term, actors=(facts["top_speaker"],), date_from=DATE_FROM, date_to=DATE_TO)
    return Filters(text=term)


def bench_ours(db: Path, facts: dict, repeat: int, log: Progress) -> tuple[dict, dict]:
    """Queries and figures in this process: {op: (p50, p95)} and metrics."""
    from components import charts, figures, queries
    from components.filters import Filters

    out, metrics = {}, {}
    for (which, filtered), op in OP_SEARCH.items():
        f = search_filters(facts, which, filtered)

        def search(f=f):
            # what the Quotes page does: one page of 20, and a count that says "more than N" past its cap
            rows = queries.fetch_statements(db, f, limit=20, order="rank")
            return rows, queries.count_statements_upto(db, f)[0]
        p50, p95, (_, n) = measure(search, repeat)
        out[op] = (p50, p95)
        metrics[f"hits: {op}"] = n
        log(f"  ours  {op}: p50 {p50:.1f} ms ({n:,} hits)")
    f = search_filters(facts, "frequent", False)
    out[OP_SEARCH_FETCH] = measure(lambda: queries.fetch_statements(db, f, limit=20, order="rank"), repeat)[:2]
    out[OP_SEARCH_COUNT] = measure(lambda: queries.count_statements_upto(db, f), repeat)[:2]
    fe = Filters(topics=(facts["top_topic"],), date_from=DATE_FROM, date_to=DATE_TO)
    p50, p95, ev = measure(lambda: queries.fetch_events(db, fe, columns="list"), repeat)  # as the pages ask
    out[OP_EVENTS] = (p50, p95)
    metrics["rows: events topic + dates"] = len(ev)
    log(f"  ours  {OP_EVENTS}: p50 {p50:.1f} ms ({len(ev):,} rows)")
    out[OP_FACET] = measure(lambda: facet_speakers(db), repeat)[:2]
    log(f"  ours  {OP_FACET}: p50 {out[OP_FACET][0]:.1f} ms")
    p50, p95, fig = measure(lambda: figures.build_chart(db, "timeline", Filters()), repeat)
    out[OP_FIG_BUILD] = (p50, p95)
    metrics["figure JSON bytes (timeline, all data)"] = len(fig.to_json())
    metrics["figure points (timeline, all data)"] = sum(len(t.x) for t in fig.data if t.x is not None)
    log(f"  ours  {OP_FIG_BUILD}: p50 {p50:.0f} ms, JSON {metrics['figure JSON bytes (timeline, all data)'] / 1e6:.2f} MB")
    events = queries.fetch_events(db, Filters(), limit=charts.MAX_POINTS, with_sources=False, order="importance")
    statements = queries.fetch_timeline_statements(db, Filters(), limit=charts.MAX_STATEMENT_POINTS)
    out[OP_FIG_PURE] = measure(lambda: charts.timeline_figure(events, statements), repeat)[:2]
    log(f"  ours  {OP_FIG_PURE}: p50 {out[OP_FIG_PURE][0]:.0f} ms")
    return out, metrics


# --- curation -------------------------------------------------------------------------------------

def bench_review(info: dict, repeat: int, log: Progress) -> tuple[dict, dict]:
    """Ingest one real article into a fresh queue and accept its quotes one at a time into the data files
    built at this size (database built from them by store.build). Each sample runs from the call to the
    Quotes page's search returning the new quote: what a curator waits for after clicking Accept."""
    from components import increment, queries, review
    from components.filters import Filters

    data_dir, db = Path(info["files_dir"]), Path(info["files_db"])
    queue = db.with_suffix(".queue.db")
    queue.unlink(missing_ok=True)
    review.ingest_files([str(REVIEW_ARTICLE)], queue, data_dir)
    items = review.list_items(queue)
    if not items:
        raise BenchError(f"no quote extracted from {REVIEW_ARTICLE.name}")
    incremental = increment.is_current(db, data_dir)
    samples, cpu, shown = [], [], 0
    for item in items:
        if len(samples) >= max(repeat, 1):
            break
        words = " ".join(item["item"]["text"].split()[:4])
        t, c = time.perf_counter(), time.process_time()
        try:
            sid = review.accept(queue, item["id"], data_dir, db, speaker_id="vladimir-putin", topics=["diplomacy"])
        except review.ReviewError:  # accepted by an earlier run over the same files (--reuse-db)
            continue
        page = queries.fetch_statements(db, Filters(text=words, actors=("vladimir-putin",)), limit=20, order="rank")
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        shown += sid in page["id"].tolist()
    if not samples:
        raise BenchError("every extracted quote is already in these data files")
    log(f"  review accept: p50 {stats(samples)[0]:.0f} ms over {len(samples)} quotes "
        f"({'incremental' if incremental else 'full rebuild'}; first {samples[0]:.0f} ms)")
    return {OP_REVIEW: stats(samples, cpu)}, {"review: accepts timed": len(samples), "review: accepted quotes shown": shown,
                                         "review: first accept (new source) ms": round(samples[0], 1),
                                         "review: incremental update": int(incremental)}


# --- naive baseline (own process, so its memory is its own) --------------------------------------

def naive_worker(db: str, facts: dict, repeat: int) -> dict:
    """Whole tables into pandas once (as a cached Streamlit app would), then filter with masks per query."""
    import pandas as pd

    t = time.perf_counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        st = pd.read_sql_query("SELECT * FROM statements", conn)
        ev = pd.read_sql_query("SELECT * FROM events", conn)
        et = pd.read_sql_query("SELECT * FROM event_topics", conn)
    load_ms = (time.perf_counter() - t) * 1000
    out = {}

    def search(term: str, filtered: bool):
        mask = (st["text"].str.contains(term, case=False, regex=False)
                | st["context"].str.contains(term, case=False, regex=False)
                | st["speaker_label"].str.contains(term, case=False, regex=False))
        if filtered:
            mask &= (st["speaker_id"] == facts["top_speaker"]) & (st["date_start"] >= DATE_FROM) & (
                st["date_start"] <= DATE_TO)
        hits = st[mask]
        return hits.sort_values("date_start", ascending=False).head(20), int(mask.sum())

    for (which, filtered), op in OP_SEARCH.items():
        term = facts["frequent_term"] if which == "frequent" else facts["rare_term"]
        out[op] = measure(lambda term=term, filtered=filtered: search(term, filtered), repeat)[:2]

    def events():
        ids = et.loc[et["topic_id"] == facts["top_topic"], "event_id"]
        mask = ev["id"].isin(ids) & (ev["date_end"] >= DATE_FROM) & (ev["date_start"] <= DATE_TO)
        return ev[mask].sort_values(["date_start", "id"])
    out[OP_EVENTS] = measure(events, repeat)[:2]
    out[OP_FACET] = measure(lambda: (st["speaker_id"].value_counts(dropna=False).head(31), len(st)), repeat)[:2]
    return {"ops": out, "load_ms": load_ms, "peak_rss_mb": maxrss_mb()}


def naive_main(db: str, facts_json: str, repeat: int) -> None:
    """Entry point of the naive baseline's own process: prints its JSON result."""
    print(json.dumps(naive_worker(db, json.loads(facts_json), repeat)))


def bench_naive(db: Path, facts: dict, repeat: int) -> dict:
    """The naive baseline in a fresh interpreter, so its memory (and ours) are measured apart."""
    code = f"from devtools.bench import naive_main; naive_main({str(db)!r}, {json.dumps(facts)!r}, {repeat})"
    res = subprocess.run([sys.executable, "-c", code], cwd=config.ROOT, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise BenchError(f"naive baseline failed: {res.stderr[-1000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


# --- Datasette -----------------------------------------------------------------------------------

def datasette_urls(db: Path, facts: dict) -> dict[str, str]:
    name = db.stem
    urls = {}
    for (which, filtered), op in OP_SEARCH.items():
        term = facts["frequent_term"] if which == "frequent" else facts["rare_term"]
        q = {"_search": term, "_size": "20"}
        if filtered:
            q.update({"speaker_id": facts["top_speaker"], "date_start__gte": DATE_FROM, "date_start__lte": DATE_TO})
        urls[op] = f"/{name}/statements.json?" + urllib.parse.urlencode(q)
    urls[OP_FACET] = f"/{name}/statements.json?_facet=speaker_id&_size=0"
    return urls


def bench_datasette(db: Path, facts: dict, repeat: int, log: Progress) -> dict:
    """Datasette serving the same file (immutable) on loopback; the same questions through its JSON API."""
    port = free_port()
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "-h", "127.0.0.1", "-p", str(port),
           "--setting", "sql_time_limit_ms", "60000", "--setting", "facet_time_limit_ms", "60000",
           "--setting", "suggest_facets", "off"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_http(port, "/-/versions.json", 120, proc)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        out = {}
        for op, url in datasette_urls(db, facts).items():
            def get(url=url):
                conn.request("GET", url)
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != 200:
                    raise BenchError(f"Datasette answered {resp.status} for {url}: {body[:200]!r}")
                return json.loads(body)
            p50, p95, body = measure(get, repeat)
            if body.get("facets_timed_out"):
                raise BenchError(f"Datasette facet timed out for {url}")
            out[op] = (p50, p95)
            log(f"  datasette {op}: p50 {p50:.1f} ms ({body.get('filtered_table_rows_count')} rows)")
        conn.close()
        return out
    finally:
        _stop(proc)


# --- pages through AppTest ----------------------------------------------------------------------

def _timed_reruns(at, change, repeat: int, page: str):
    """Apply change(i) and rerun the page repeat + 1 times; (p50, p95, ...) of wall and CPU ms, the first
    rerun being the warm-up."""
    samples, cpu = [], []
    for i in range(repeat + 1):
        change(i)
        t, c = time.perf_counter(), time.process_time()
        at.run()
        if i:  # the first change is the warm-up
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        if at.exception:
            raise BenchError(f"{page} page raised: {at.exception[0].value}")
    return stats(samples, cpu)


def bench_pages(db: Path, facts: dict, repeat: int, log: Progress) -> dict:
    """Full reruns of the Timeline and Quotes pages after a filter change (a fresh value each run: no cache hit)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components import queries

    os.environ["TIMELINE_DB"] = str(db)
    st.cache_data.clear()
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=1800)
    t = time.perf_counter()
    at.run()
    first = (time.perf_counter() - t) * 1000
    if at.exception:
        raise BenchError(f"Timeline page raised: {at.exception[0].value}")
    out = {OP_PAGE_TL_FIRST: (first, first)}
    topics = queries.fetch_topics(db)["id"].tolist()
    def change_timeline(i: int) -> None:
        at.multiselect(key="flt_topic").set_value([topics[i % len(topics)]])
        if i >= len(topics):
            at.date_input(key="flt_from").set_value(dt.date(1990 + i, 1, 1))

    out[OP_PAGE_TL] = _timed_reruns(at, change_timeline, repeat, "Timeline")
    log(f"  pages {OP_PAGE_TL}: p50 {out[OP_PAGE_TL][0]:.0f} ms (first run {first:.0f} ms)")

    at.multiselect(key="flt_topic").set_value([])
    def change_dates(i: int) -> None:  # a start inside a month, as a typed date or a quick range gives
        at.date_input(key="flt_from").set_value(dt.date(2011, 3, 15) + dt.timedelta(days=97 * i))

    out[OP_PAGE_TL_DATES] = _timed_reruns(at, change_dates, repeat, "Timeline")
    log(f"  pages {OP_PAGE_TL_DATES}: p50 {out[OP_PAGE_TL_DATES][0]:.0f} ms")
    at.date_input(key="flt_from").set_value(None)
    quotes = [h for h, info in at._registered_pages.items() if info.get("url_pathname") == "quotes"]
    if not quotes:
        raise BenchError("the Quotes page is not registered under url_path 'quotes'")
    at._page_hash = quotes[0]  # AppTest.switch_page() only knows file pages; ours are callables
    at.run()
    if not at.title or at.title[0].value != "Quotes":
        raise BenchError("could not switch AppTest to the Quotes page")
    terms = [w for w in facts["search_terms"] if w != facts["frequent_term"]] or ["russia"]
    def change_search(i: int) -> None:
        at.text_input(key="flt_q_quotes").set_value(terms[i % len(terms)] + ("" if i < len(terms) else f" {i}"))

    out[OP_PAGE_QT] = _timed_reruns(at, change_search, repeat, "Quotes")
    log(f"  pages {OP_PAGE_QT}: p50 {out[OP_PAGE_QT][0]:.0f} ms")
    st.cache_data.clear()
    return out


# --- PNG export ---------------------------------------------------------------------------------

def export_cold_main(db: str) -> None:
    """In a fresh process: build the timeline figure (untimed), then time the first PNG export."""
    from components import exporting, figures
    from components.filters import Filters

    fig = figures.build_chart(Path(db), "timeline", Filters())
    t = time.perf_counter()
    png = exporting.figure_image(fig, "png")
    print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "bytes": len(png)}))


def bench_export(db: Path, repeat: int, log: Progress) -> dict:
    from components import exporting, figures
    from components.filters import Filters

    out = {}
    res = subprocess.run([sys.executable, "-c", f"from devtools.bench import export_cold_main; "
                                                f"export_cold_main({str(db)!r})"],
                         cwd=config.ROOT, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise BenchError(f"cold export failed: {res.stderr[-1000:]}")
    cold = json.loads(res.stdout.strip().splitlines()[-1])["ms"]
    out[OP_PNG_COLD] = (cold, cold)
    fig = figures.build_chart(db, "timeline", Filters())
    out[OP_PNG_WARM] = measure(lambda: exporting.figure_image(fig, "png"), repeat)[:2]
    log(f"  export PNG cold {cold:.0f} ms, warm p50 {out[OP_PNG_WARM][0]:.0f} ms")
    return out


# --- the browser ---------------------------------------------------------------------------------

def bench_browser(db: Path, repeat: int, log: Progress, search: str | None = None,
                  first_visits: int = 1) -> tuple[dict, dict]:
    """The server as scripts/run.sh starts it (`streamlit run app.py`: it runs the default page once before it
    answers its health check) on the DB; Chromium (Playwright) times navigation -> timeline chart drawn.

    The first visit is timed on `first_visits` fresh servers (the median is reported: one first visit on this
    shared 2-core machine spreads by half a second and more); the return visits, the Quotes search and the
    memory on the first server."""
    shown, first, out, metrics = [], [], {}, {}
    for i in range(max(first_visits, 1)):
        visit = _browser_on_fresh_server(db, repeat if i == 0 else 0, search if i == 0 else None)
        shown.append(visit.pop("shown"))
        first.append(visit.pop("first"))
        if i == 0:
            samples = visit.pop("returns")
            metrics.update(visit)
        log(f"  browser first chart on screen {shown[-1]:.0f} ms, drawn {first[-1]:.0f} ms (fresh server {i + 1})")
    out[OP_BROWSER_COLD] = stats(first)
    out[OP_BROWSER_SHOWN] = stats(shown)
    out[OP_BROWSER_WARM] = stats(samples)
    log(f"  browser first chart drawn, median of {len(first)}: {out[OP_BROWSER_COLD][0]:.0f} ms; warm p50 "
        f"{out[OP_BROWSER_WARM][0]:.0f} ms")
    return out, metrics


def _browser_on_fresh_server(db: Path, returns: int, search: str | None) -> dict:
    """One fresh server: its first visit's 'shown' and 'first' ms, then (returns > 0) the return visits' ms as
    'returns' and the page and memory metrics by name."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    started = time.perf_counter()
    proc = devserver.start_streamlit(db, port, subprocess.DEVNULL)
    got = {}
    try:
        _wait_http(port, "/_stcore/health", 900, proc)  # the warm-up at 1M takes tens of seconds under load
        got["browser: server start to healthy (warm-up included) ms"] = round((time.perf_counter() - started) * 1000, 1)
        url = f"http://127.0.0.1:{port}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=devserver.CHROMIUM, args=devserver.CHROMIUM_ARGS)
            try:
                # First visit: fresh server (empty caches), fresh browser profile (Streamlit's JS not cached).
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                bundle = {}
                page.on("request", lambda r: "PlotlyChart" in r.url and bundle.setdefault("requested", time.perf_counter()))
                page.on("requestfinished", lambda r: "PlotlyChart" in r.url and bundle.setdefault("loaded", time.perf_counter()))
                t = t0 = time.perf_counter()
                page.goto(url, wait_until="commit")
                page.wait_for_selector("[data-testid=stSidebar]", state="attached", timeout=600_000)
                shell = (time.perf_counter() - t) * 1000
                page.wait_for_function(SHOWN_JS, timeout=600_000, polling=50)
                got["shown"] = (time.perf_counter() - t) * 1000
                page.wait_for_function(CHART_DRAWN_JS, timeout=600_000, polling=50)
                got["first"] = (time.perf_counter() - t) * 1000
                page.close()
                if returns:
                    got["returns"] = _return_visits(context, url, returns, search)
                context.close()
            finally:
                browser.close()
        if returns:
            got["browser: app shell (sidebar) rendered on first visit ms"] = round(shell, 1)
            for what, at in bundle.items():
                got[f"browser: Plotly bundle {what} on first visit ms"] = round((at - t0) * 1000, 1)
            got["streamlit server peak RSS MB (Timeline loads + one Quotes search)"] = _vm_hwm_mb(proc.pid)
            got["server's child processes (kaleido's Chromium) PSS MB after the visits"] = _descendants_pss_mb(proc.pid)
        return got
    finally:
        devserver.stop(proc)


def _return_visits(context, url: str, repeat: int, search: str | None) -> list[float]:
    """Return visits: same profile (JS chunks in the HTTP cache), new tab, new session, warm st.cache; then a
    Quotes page search (so the server's peak memory covers one)."""
    samples = []
    for _ in range(max(repeat, 1)):
        page = context.new_page()
        t = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(CHART_DRAWN_JS, timeout=600_000, polling=50)
        samples.append((time.perf_counter() - t) * 1000)
        page.close()
    if search:
        page = context.new_page()
        page.goto(f"{url}quotes?q={urllib.parse.quote(search)}", wait_until="commit")
        page.wait_for_selector(".quote-card", state="attached", timeout=600_000)
        page.close()
    return samples


# --- the run -------------------------------------------------------------------------------------

def _row(size: int, op: str, ours, naive=None, datasette=None, note: str | None = None) -> dict:
    cpu = getattr(ours[0], "cpu", None)
    r = {"size": size, "operation": op, "ours_ms_p50": round(ours[0], 3), "ours_ms_p95": round(ours[1], 3),
         "naive_ms_p50": round(naive[0], 3) if naive else None,
         "datasette_ms_p50": round(datasette[0], 3) if datasette else None,
         "ours_cpu_ms_p50": round(cpu, 3) if cpu is not None else None}
    if note:
        r["note"] = note
    return r


def _single(info: dict, key: str) -> tuple[Ms, float]:
    """(p50, p95) of a build timed once in the synth process, with that process's CPU time when recorded."""
    ms = Ms(info[f"{key}_ms"])
    ms.cpu = info.get(f"{key}_cpu_ms")
    return ms, float(ms)


def _attempt(name: str, fn, skipped: list, log: Progress, size: int):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - one failing step must not lose the rest of the run
        log(f"  SKIPPED {name} at N={size:,}: {type(exc).__name__}: {str(exc)[:300]}")
        skipped.append({"size": size, "step": name, "reason": f"{type(exc).__name__}: {str(exc)[:500]}"})
        return None


def run(sizes=DEFAULT_SIZES, json_path: Path | None = None, report_path: Path | None = None,
        chart_path: Path | None = None, repeat: int = 5, quick: bool = False, workdir: Path | None = None,
        reuse_db: bool = False, browser: bool = True, log: Progress | None = None) -> dict:
    """Run the whole benchmark; write JSON, Markdown and PNG; return the JSON document."""
    log = log or Progress()
    sizes = sorted(int(s) for s in sizes)
    workdir = Path(workdir or config.ROOT / "bench-results" / "db")
    workdir.mkdir(parents=True, exist_ok=True)
    out_dir = config.ROOT / "bench-results"
    json_path = Path(json_path or out_dir / "bench.json")
    report_path = Path(report_path or out_dir / "bench.md")
    chart_path = Path(chart_path or report_path.with_suffix(".png"))
    doc = {"machine": machine(), "settings": {"sizes": sizes, "repeat": repeat, "quick": quick,
                                              "date_filter": [DATE_FROM, DATE_TO]},
           "results": [], "metrics": [], "skipped": []}
    results, metrics, skipped = doc["results"], doc["metrics"], doc["skipped"]

    def metric(size, name, value):
        if value is not None:
            metrics.append({"size": size, "metric": name, "value": value})

    for n in sizes:
        log(f"N={n:,} statements, {max(1, n // 10):,} events")
        metric(n, "load average (1 min) at the start of this size", round(os.getloadavg()[0], 2))
        info = build_db(n, workdir, yaml_path=(n == sizes[0]), reuse=reuse_db, log=log)
        db = Path(info["db"])
        results.append(_row(n, OP_BUILD, (info["build_ms"],) * 2, note="single run, fresh process"))
        if "files_build_ms" in info:
            results.append(_row(n, OP_BUILD_FILES, _single(info, "files_build"), note="single run"))
            metric(n, "load average (1 min) at the data-files build", info.get("files_build_load"))
        if "yaml_build_ms" in info:
            results.append(_row(n, OP_BUILD_YAML, _single(info, "yaml_build"), note="single run"))
            metric(n, "database bytes (YAML path)", info["yaml_db_bytes"])
        metric(n, "database bytes", info["db_bytes"])
        metric(n, "synthetic generation ms", round(info["generate_ms"], 1))
        metric(n, "build process peak RSS MB", round(info["peak_rss_mb"], 1))
        log(f"  built in {info['build_ms'] / 1000:.1f} s, {info['db_bytes'] / 1e6:.1f} MB")
        facts = db_facts(db)
        if n <= max(REVIEW_SIZES) and "files_db" in info:
            rv = _attempt("review", lambda info=info: bench_review(info, repeat, log), skipped, log, n)
            if rv:
                results.append(_row(n, OP_REVIEW, rv[0][OP_REVIEW]))
                for k, v in rv[1].items():
                    metric(n, k, v)
        for k in ("frequent_term", "rare_term", "top_speaker", "top_topic"):
            metric(n, k, facts[k])

        ours, m = bench_ours(db, facts, repeat, log)
        for k, v in m.items():
            metric(n, k, v)
        log("  naive pandas baseline (own process)")
        naive = _attempt("naive", lambda db=db, facts=facts: bench_naive(db, facts, repeat), skipped, log, n) or {"ops": {}}
        if "load_ms" in naive:
            metric(n, "naive: load whole tables ms", round(naive["load_ms"], 1))
            metric(n, "naive process peak RSS MB", round(naive["peak_rss_mb"], 1))
        log("  Datasette on the same file")
        ds = _attempt("datasette", lambda db=db, facts=facts: bench_datasette(db, facts, repeat, log), skipped, log, n) or {}
        for op, val in ours.items():
            results.append(_row(n, op, val, naive["ops"].get(op), ds.get(op)))
        if not quick:
            pages = _attempt("pages", lambda db=db, facts=facts: bench_pages(db, facts, repeat, log), skipped, log, n) or {}
            for op, val in pages.items():
                results.append(_row(n, op, val, note="single run" if op == OP_PAGE_TL_FIRST else None))
        exp = _attempt("export", lambda db=db: bench_export(db, repeat, log), skipped, log, n) or {}
        for op, val in exp.items():
            results.append(_row(n, op, val, note="single run" if op == OP_PNG_COLD else None))
        if not quick and browser:
            br = _attempt("browser", lambda db=db, facts=facts: bench_browser(
                db, max(2, repeat // 2), log, facts["frequent_term"], first_visits=repeat), skipped, log, n)
            if br:
                once = "single run" if repeat <= 1 else f"median of {repeat} fresh servers"
                for op, val in br[0].items():
                    results.append(_row(n, op, val, note=once if op in (OP_BROWSER_COLD, OP_BROWSER_SHOWN) else None))
                for k, v in br[1].items():
                    metric(n, k, round(v, 1) if v is not None else None)
        metric(n, "bench process peak RSS MB (cumulative)", round(maxrss_mb(), 1))
        metric(n, "load average (1 min) at the end of this size", round(os.getloadavg()[0], 2))
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(doc, indent=1))  # after every size: a long run keeps what it finished

    log("writing the chart and the report")
    chart_ok = _attempt("chart", lambda: write_chart(doc, chart_path), skipped, log, sizes[-1]) is not None
    json_path.write_text(json.dumps(doc, indent=1))
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(render_report(doc, chart_path if chart_ok else None, report_path))
    log(f"done: {json_path}, {report_path}" + (f", {chart_path}" if chart_ok else ""))
    return doc


# --- outputs -------------------------------------------------------------------------------------

def write_chart(doc: dict, path: Path) -> bool:
    """Latency (ours, p50) against dataset size, log-log, one line per operation; PNG through kaleido."""
    import plotly.graph_objects as go

    from components import exporting, theme

    fig = go.Figure()
    for op in CHART_OPS:
        pts = sorted((r["size"], r["ours_ms_p50"]) for r in doc["results"] if r["operation"] == op)
        if pts:
            fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[max(p[1], 0.01) for p in pts], mode="lines+markers",
                                     name=op))
    fig.update_xaxes(type="log", title_text="statements in the database (events = statements / 10)")
    fig.update_yaxes(type="log", title_text="median latency, ms (log)")
    fig.update_layout(template=theme.TEMPLATE, height=640, title=dict(text="timeline bench: latency against size"),
                      legend=dict(font=dict(size=11)), margin=dict(b=80))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(exporting.figure_image(fig, "png", width=1200, height=640))
    return True


def _fmt(ms) -> str:
    if ms is None:
        return "–"
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def _ratio(a, b) -> str:
    return f"{a / b:.2f}" if a is not None and b else "–"


def find(doc: dict, size: int, op: str) -> dict | None:
    return next((r for r in doc["results"] if r["size"] == size and r["operation"] == op), None)


def find_metric(doc: dict, size: int, name: str):
    return next((m["value"] for m in doc["metrics"] if m["size"] == size and m["metric"] == name), None)


TARGET_SIZE = 1_000_000


CURATION_SIZE = 100_000


def evaluate_targets(doc: dict) -> list[dict]:
    """Each target of issue 13 at 1,000,000 statements (curation at 100,000), or the largest size run:
    met / missed (with by how much) / not measured."""
    sizes = sorted({r["size"] for r in doc["results"]})
    if not sizes:
        return []
    out = []

    def at_size(want: int) -> tuple[int, str]:
        size = want if want in sizes else max((s for s in sizes if s <= want), default=sizes[-1])
        return size, "" if size == want else f" (measured at {size:,}; {want:,} not run)"

    def add(target, value, limit, want=TARGET_SIZE, unit="ms", cpu=None):
        size, note = at_size(want)
        if value is None:
            out.append({"target": target + note, "measured": "not measured", "status": "not measured", "size": size})
            return
        shown = f"{value:,.0f} {unit}" if unit in ("ms", "MB", "bytes") else f"{value:.2f}"
        status = "met" if value <= limit else f"missed by {value - limit:,.0f} {unit}" if unit != "x" else \
            f"missed ({value / limit:.2f}× the bar)"
        if cpu is not None:
            shown += f" (CPU {cpu:,.0f} ms)"
            if value > limit:
                status += "; CPU time " + ("within" if cpu <= limit else "over") + " the bar"
        out.append({"target": target + note, "measured": shown, "status": status, "size": size})

    def p50(op, want=TARGET_SIZE):
        r = find(doc, at_size(want)[0], op)
        return r and r["ours_ms_p50"]

    def cpu(op, want=TARGET_SIZE):
        r = find(doc, at_size(want)[0], op)
        return r.get("ours_cpu_ms_p50") if r else None

    size = at_size(TARGET_SIZE)[0]
    searches = [(p50(op), cpu(op)) for op in OP_SEARCH.values() if p50(op) is not None]
    worst = max(searches, default=(None, None))
    add("Every full-text search p50 ≤ 20 ms (worst of frequent/rare, with/without speaker + dates)",
        worst[0], 20, cpu=worst[1])
    ratios = [r["ours_ms_p50"] / r["datasette_ms_p50"] for r in doc["results"] if r["size"] == size and r["datasette_ms_p50"]]
    add("Ours/Datasette ≤ 1.0 on every shared query (worst ratio)", max(ratios) if ratios else None, 1.0, unit="x")
    ratios = [r["ours_ms_p50"] / r["naive_ms_p50"] for r in doc["results"] if r["size"] == size and r["naive_ms_p50"]]
    add("Ours/naive ≤ 0.5 on every query the naive baseline answers (worst ratio)", max(ratios) if ratios else None,
        0.5, unit="x")
    add("Quotes page rerun p50 ≤ 200 ms", p50(OP_PAGE_QT), 200, cpu=cpu(OP_PAGE_QT))
    add("Timeline page rerun p50 ≤ 300 ms", p50(OP_PAGE_TL), 300, cpu=cpu(OP_PAGE_TL))
    add("Timeline page rerun after a date change p50 ≤ 300 ms", p50(OP_PAGE_TL_DATES), 300, cpu=cpu(OP_PAGE_TL_DATES))
    add("First timeline chart on screen in Chromium ≤ 3 s (fresh server; the server-drawn image of the same "
        "figure until the interactive chart is drawn)", p50(OP_BROWSER_SHOWN), 3000)
    add("First interactive timeline chart drawn in Chromium ≤ 3 s (fresh server)", p50(OP_BROWSER_COLD), 3000)
    add("Warm PNG export ≤ 1 s", p50(OP_PNG_WARM), 1000)
    rss = find_metric(doc, size, "streamlit server peak RSS MB (Timeline loads + one Quotes search)")
    kids = find_metric(doc, size, "server's child processes (kaleido's Chromium) PSS MB after the visits")
    add("Server memory ≤ 1 GB (streamlit server peak RSS + its kaleido Chromium's PSS)",
        rss + (kids or 0) if rss is not None else None, 1024, unit="MB")
    add("Full build from the data files ≤ 30 s at 100,000 statements", p50(OP_BUILD_FILES, CURATION_SIZE), 30_000,
        want=CURATION_SIZE)
    add("Accept one quote, click to shown, ≤ 5 s at 100,000 statements", p50(OP_REVIEW, CURATION_SIZE), 5000,
        want=CURATION_SIZE, cpu=cpu(OP_REVIEW, CURATION_SIZE))
    return out


def render_report(doc: dict, chart_path: Path | None, report_path: Path) -> str:
    m = doc["machine"]
    lines = ["# Benchmark report", "",
             f"Generated {m['date']} by `timeline bench --sizes {','.join(str(s) for s in doc['settings']['sizes'])} "
             f"--repeat {doc['settings']['repeat']}{' --quick' if doc['settings']['quick'] else ''}`.", "",
             f"Machine: {m['cpu_count']} CPU ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, "
             f"SQLite {m['sqlite']}, {m['platform']}. "
             + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".", "",
             "Times are milliseconds: median (p50) and 95th percentile over the repeated runs, after one warm-up run. "
             "*naive* = whole tables loaded once into pandas, then `str.contains` and boolean masks per query "
             "(the one-off load time is listed below each table). *Datasette* = `datasette serve -i` on the same "
             "file, timed over its JSON API on loopback (HTTP included). Ratios below 1 mean ours is faster. "
             "*ours CPU* = CPU time of the benchmark process over the same runs (median): on a shared machine the "
             "wall time includes waiting for a core, the CPU time does not (it does not count work done in other "
             "processes: kaleido's and Chromium's for exports and the browser). The load average at the start and "
             "end of each size is listed with its metrics.", ""]
    if chart_path:
        try:
            rel = os.path.relpath(chart_path, report_path.parent)
        except ValueError:
            rel = str(chart_path)
        lines += [f"![latency against dataset size]({rel})", ""]
    lines += ["## Targets", "", "| target | measured | status |", "|---|---|---|"]
    for t in evaluate_targets(doc):
        lines.append(f"| {t['target']} | {t['measured']} | **{t['status']}** |")
    lines.append("")
    for size in sorted({r["size"] for r in doc["results"]}):
        lines += [f"## {size:,} statements, {max(1, size // 10):,} events", "",
                  "| operation | ours p50 | ours p95 | naive p50 | ours/naive | Datasette p50 | ours/Datasette "
                  "| ours CPU p50 |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r in (r for r in doc["results"] if r["size"] == size):
            note = f" ({r['note']})" if r.get("note") else ""
            lines.append(f"| {r['operation']}{note} | {_fmt(r['ours_ms_p50'])} | {_fmt(r['ours_ms_p95'])} | "
                         f"{_fmt(r['naive_ms_p50'])} | {_ratio(r['ours_ms_p50'], r['naive_ms_p50'])} | "
                         f"{_fmt(r['datasette_ms_p50'])} | {_ratio(r['ours_ms_p50'], r['datasette_ms_p50'])} | "
                         f"{_fmt(r.get('ours_cpu_ms_p50'))} |")
        lines += ["", "| metric | value |", "|---|---:|"]
        for mt in (mt for mt in doc["metrics"] if mt["size"] == size):
            v = mt["value"]
            lines.append(f"| {mt['metric']} | {v:,}" if isinstance(v, int) else f"| {mt['metric']} | {v}")
            lines[-1] += " |"
        lines.append("")
    if doc["skipped"]:
        lines += ["## Skipped steps", ""] + [f"- N={s['size']:,} {s['step']}: {s['reason']}" for s in doc["skipped"]]
        lines.append("")
    lines += ["## How to rerun", "", "```", "timeline bench --sizes 10000,100000,1000000 --json bench-results/bench.json "
              "--report bench-results/bench.md", "```", ""]
    return "\n".join(lines)


# --- CLI -----------------------------------------------------------------------------------------

def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError as exc:
        raise SystemExit(f"timeline bench: --sizes must be numbers separated by commas, not {text!r}") from exc
    if not sizes or min(sizes) < 100:
        raise SystemExit("timeline bench: every size must be at least 100 statements")
    return sizes


def cmd_bench(args) -> int:
    run(sizes=_sizes(args.sizes), json_path=args.json, report_path=args.report, chart_path=args.chart,
        repeat=args.repeat, quick=args.quick, workdir=args.workdir, reuse_db=args.reuse_db,
        browser=not args.no_browser)
    return 0


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("bench", help="benchmark against a naive pandas baseline and Datasette at scale")
    p.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                   help="statements per synthetic dataset, comma-separated (events = statements / 10)")
    p.add_argument("--json", type=Path, help="JSON output (default bench-results/bench.json)")
    p.add_argument("--report", type=Path, help="Markdown report (default bench-results/bench.md)")
    p.add_argument("--chart", type=Path, help="PNG chart of latency against size (default: beside the report)")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (after one warm-up)")
    p.add_argument("--quick", action="store_true", help="skip the AppTest page reruns and the browser")
    p.add_argument("--no-browser", action="store_true", help="skip the Chromium step only")
    p.add_argument("--workdir", type=Path, help="where the synthetic databases go (default bench-results/db)")
    p.add_argument("--reuse-db", action="store_true", help="reuse synthetic databases built by an earlier run")
    p.set_defaults(func=cmd_bench)


if __name__ == "__main__":
    from components.cli import main

    raise SystemExit(main(["bench", *sys.argv[1:]]))
