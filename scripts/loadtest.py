#!/usr/bin/env python
"""Load test: N concurrent sessions against the dashboard on loopback for T seconds.

Two kinds of client:

- `--client browser` (the default): real sessions in one Chromium (Debian's, through Playwright), one context
  per session, all driven from one asyncio loop. Each session keeps doing one of two things until the time is
  up: open a page with filters in the URL (a shared link), or type a search into the Quotes page. For each it
  measures the time until the page has updated (the script run finished and the chart or quote cards are
  drawn). Any JavaScript error, HTTP error, Streamlit exception box, st.error or timeout counts as an error.
  The browsers need far more CPU than the server: on a small machine they, not the server, are the limit.
- `--client protocol`: each session speaks Streamlit's own WebSocket protocol (devtools/stclient.py), as a
  reader would: it opens a shared link (a new /_stcore/stream connection and a run of that page and query
  string), changes one to three sidebar filters there (real widget values: a multiselect option label or a
  'From' date, as the last run sent them), and one visit in three then searches the Quotes page; it measures
  each update until script_finished. An exception box, st.error, a page
  not found, a run that never finishes, a filter the server did not write into the URL, or a page without
  its chart or cards counts as an error. A few KB of protobuf per session: this measures the server.
  Sessions wait --think seconds on average (0.5-1.5 x) between updates.

Prints errors, p50/p95/max update time, the server's CPU and resident memory over time; with --json also
writes them to a file. --ramp 5,10,20,40 runs each number of sessions in turn against the same server and
prints the largest one held (no errors, p95 under --target seconds). Exits 1 on any error (or when nothing was
measured), 0 otherwise.

    python scripts/loadtest.py --sessions 20 --seconds 60          # starts its own server on a free port
    python scripts/loadtest.py --url http://127.0.0.1:8501 --pid 1234   # an already running one (loopback only)
    python scripts/loadtest.py --client protocol --db big.db --ramp 5,10,20,40 --seconds 40 --think 3

Loopback only: every request to another host is refused inside the browser; --url must be 127.0.0.1/localhost.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, free_port, healthy, start_streamlit, stop  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ACTION_TIMEOUT_MS = 90_000
SEARCH_WORDS = ["sovereignty", "bases", "Tartus", "Hmeimim", "Assad", "Lavrov", "sanctions", "veto", "Moscow",
                "respect", "al-Sharaa", "\"unbalanced", "NEAR(", "zzzz-no-match", "الشرع", "Сирия"]


# --- measurements --------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0..100) with linear interpolation; None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process and its children in MB: psutil when installed, else /proc/<pid>/status."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            proc = psutil.Process(pid)
            procs = [proc, *proc.children(recursive=True)]
            total = 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            return total / 2**20
        except psutil.Error:
            return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far (from /proc/<pid>/stat), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)
    cpu: list[tuple[float, float]] = field(default_factory=list)   # (elapsed s, server CPU s used so far)
    counts: dict[str, int] = field(default_factory=dict)            # protocol checks: finished runs, figures
    load_start: tuple[float, float, float] = field(default_factory=os.getloadavg)
    client_cpu: float | None = None                                 # this process's CPU s (protocol mode)

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    known: tuple[str, ...] = ()                                      # --known-error: counted, not failed
    known_errors: list[str] = field(default_factory=list)

    def error(self, session: int, what: str) -> None:
        line = f"session {session}: {what[:500]}"
        (self.known_errors if any(k in what for k in self.known) else self.errors).append(line)

    def summary(self, sessions: int, seconds: float) -> dict:
        every = [x for v in self.latencies.values() for x in v]
        mem = [m for _, m in self.rss]
        half = [m for t, m in self.rss if t >= seconds / 2]
        cpu_share = None
        if len(self.cpu) >= 2 and self.cpu[-1][0] > self.cpu[0][0]:
            cpu_share = (self.cpu[-1][1] - self.cpu[0][1]) / (self.cpu[-1][0] - self.cpu[0][0])
        return {
            "sessions": sessions, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
            "load_average_start": self.load_start, "server_cpu_cores_used": cpu_share,
            "client_cpu_cores_used": None if self.client_cpu is None else self.client_cpu / seconds,
            "seconds": seconds, "updates": len(every), "errors": len(self.errors), "counts": dict(self.counts),
            "error_samples": self.errors[:20], "known_errors": len(self.known_errors),
            "known_error_samples": self.known_errors[:5],
            "update_seconds": {"p50": percentile(every, 50), "p95": percentile(every, 95),
                               "max": max(every) if every else None},
            "by_kind": {k: {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95)}
                        for k, v in sorted(self.latencies.items())},
            "server_rss_mb": {"first": mem[0] if mem else None, "peak": max(mem) if mem else None,
                              "last": mem[-1] if mem else None,
                              "second_half_range": (max(half) - min(half)) if half else None,
                              "samples": [(round(t, 1), round(m, 1)) for t, m in self.rss]},
        }


# --- the server ----------------------------------------------------------------------------------------

# --- what the sessions do ------------------------------------------------------------------------------

def scenarios(db: Path) -> list[tuple[str, dict]]:
    """Page + URL filters a journalist might share, built from the ids actually in the database."""
    from components import queries

    topics = queries.fetch_topics(db)["id"].tolist()
    actors = queries.fetch_actors(db)
    speakers = actors.sort_values("statements", ascending=False)["id"].head(8).tolist()
    countries = queries.fetch_countries(db)[:6]
    out: list[tuple[str, dict]] = [("timeline", {}), ("quotes", {}), ("officials", {}), ("topics", {}),
                                   ("about", {})]
    for t in topics:
        out += [("timeline", {"topic": t}), ("topics", {"topic": t}), ("quotes", {"topic": t})]
    for a in speakers:
        out += [("quotes", {"actor": a}), ("officials", {"official": a}), ("timeline", {"actor": a, "from": "2011"})]
    for c in countries:
        out += [("timeline", {"country": c, "lanes": "actor"}), ("topics", {"country": c})]
    for w in SEARCH_WORDS[:8]:
        out.append(("quotes", {"q": w}))
    out += [("timeline", {"from": "2015", "to": "2016", "category": "military"}),
            ("timeline", {"from": "2024-12", "freq": "month"}), ("quotes", {"from": "2025", "order": "rank",
                                                                            "q": "Russia"})]
    return out


READY = {
    "timeline": '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg',
    "topics": '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg',
    "officials": '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg',
    "quotes": '.quote-card, [data-testid="stAlertContentInfo"]',
    "about": '[data-testid="stMetric"]',
}


async def settled(page) -> None:
    await page.wait_for_timeout(100)  # a rerun may take a moment to flip the state to 'running'
    await page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=ACTION_TIMEOUT_MS)
    await page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=ACTION_TIMEOUT_MS)


async def check_page(page) -> str | None:
    if await page.locator('[data-testid="stException"]').count():
        return "exception box: " + (await page.locator('[data-testid="stException"]').first.inner_text())[:300]
    if await page.locator('[data-testid="stAlertContentError"]').count():
        return "st.error: " + (await page.locator('[data-testid="stAlertContentError"]').first.inner_text())[:300]
    return None


def url_path(name: str) -> str:
    """The timeline is the default page: Streamlit serves it at '/' only ('/timeline' is 'page not found')."""
    return "" if name == "timeline" else name


async def open_url(page, base: str, path: str, params: dict) -> float:
    t0 = time.perf_counter()
    await page.goto(f"{base}/{url_path(path)}" + (f"?{urllib.parse.urlencode(params)}" if params else ""),
                    timeout=ACTION_TIMEOUT_MS)
    await page.locator("h1").first.wait_for(timeout=ACTION_TIMEOUT_MS)
    await settled(page)
    await page.locator(READY[path]).first.wait_for(timeout=ACTION_TIMEOUT_MS)
    return time.perf_counter() - t0


async def search(page, base: str, word: str) -> float:
    if "/quotes" not in page.url:
        await open_url(page, base, "quotes", {})
    box = page.get_by_label("Search quotes")
    await box.fill(word)
    t0 = time.perf_counter()
    await box.press("Enter")
    want = urllib.parse.urlencode({"q": word.strip()})
    await page.wait_for_function("(q) => location.search.includes(q)", arg=want, timeout=ACTION_TIMEOUT_MS)
    await settled(page)
    await page.locator(READY["quotes"]).first.wait_for(timeout=ACTION_TIMEOUT_MS)
    return time.perf_counter() - t0


async def session(i: int, browser, base: str, deadline: float, plans: list, stats: Stats, seed: int) -> None:
    rng = random.Random(seed * 1000 + i)
    ctx = await browser.new_context(viewport={"width": 1300, "height": 900})
    host = urllib.parse.urlsplit(base).netloc

    async def only_loopback(route):
        if urllib.parse.urlsplit(route.request.url).netloc == host:
            await route.continue_()
        else:
            await route.abort()
    await ctx.route("**/*", only_loopback)
    page = await ctx.new_page()
    page.on("pageerror", lambda exc: stats.error(i, f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and "Failed to load resource" not in msg.text
            and stats.error(i, f"console on {page.url}: {msg.text}"))

    def on_response(resp):
        if resp.status >= 400 and not resp.url.rstrip("/").endswith(("/_stcore/health", "/_stcore/host-config")):
            stats.error(i, f"HTTP {resp.status} {resp.url}")
    page.on("response", on_response)
    try:
        await asyncio.sleep(rng.random() * 2)  # stagger the start
        while time.monotonic() < deadline:
            try:
                if rng.random() < 0.35:
                    word = rng.choice(SEARCH_WORDS)
                    stats.add("search", await search(page, base, word))
                else:
                    path, params = rng.choice(plans)
                    stats.add(f"open /{path}", await open_url(page, base, path, params))
                problem = await check_page(page)
                if problem:
                    stats.error(i, f"{page.url}: {problem}")
            except Exception as exc:  # noqa: BLE001  (a timeout or a crash is the finding)
                stats.error(i, f"{page.url}: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}")
            await asyncio.sleep(rng.uniform(0.2, 1.0))  # a person reads for a moment
    finally:
        await ctx.close()


# --- protocol sessions (Streamlit's WebSocket protocol, no browser) ---------------------------------------

FILTER_WIDGETS = ("flt_topic", "flt_country", "flt_category", "flt_actor", "flt_from")
FIRST_IMAGE_BUTTON = "tl_draw_plot"  # components/views/firstview.IMAGE_BUTTON (tests/test_loadtest.py checks)


def page_shown(path: str, run) -> str | None:
    """What a browser user would miss on the page that ran: its chart, its quote cards, its figures."""
    if run.problems:
        return "; ".join(run.problems)
    want = "" if path == "timeline" else path
    if run.page is not None and run.page != want:
        return f"ran page {run.page!r}, not {want!r}"
    if path in ("timeline", "topics", "officials") and not [k for k in run.figures if k != "tl_skeleton"]:
        return "no chart"
    if path == "quotes" and not (run.elements.get("alert") or any("quote-card" in h for h in run.html)):
        return "no quote cards and no message"
    if path == "about" and not run.elements.get("metric"):
        return "no figures (st.metric)"
    return None


def filter_change(rng: random.Random, run, query_string: str) -> tuple[str, object, str] | None:
    """A sidebar change a reader might make: (widget key, value, what the URL must then hold), or None.
    A new 'From' year stays before the URL's 'to' (a reversed range is ignored, and rightly not in the URL)."""
    keys = [k for k in FILTER_WIDGETS if k in run.widgets and (k == "flt_from" or run.widgets[k].options)]
    if not keys:
        return None
    key = rng.choice(keys)
    url_key = key.removeprefix("flt_")
    if key == "flt_from":
        to = urllib.parse.parse_qs(query_string).get("to", ["2025"])[0]
        day = f"{rng.randint(1991, max(1991, min(2025, int(to[:4]))))}-01-01"
        return key, day, f"{url_key}={day[:4]}"
    label = rng.choice(run.widgets[key].options)
    return key, [label], f"{url_key}="


async def open_link(rng: random.Random, s, plans: list, stats: Stats, path: str | None = None):
    """Open a shared link (a new connection): a random scenario, or `path` with no filters."""
    path, params = (path, {}) if path else rng.choice(plans)
    run = await s.open(url_path(path), urllib.parse.urlencode(params))
    if FIRST_IMAGE_BUTTON in run.widgets:  # the warm-up's image came first: ask for the plot as the page's script does
        first = run.seconds
        run = await s.change(FIRST_IMAGE_BUTTON, True)
        run.seconds += first  # the open is timed to the plot, both runs' server work counted
        stats.count("opens with the first-view image")
    return f"open /{path}", run, page_shown(path, run)


async def change_filter(rng: random.Random, s, plans: list, stats: Stats):
    """Change one sidebar filter on the page the session is on; the server must write it into the URL."""
    change = filter_change(rng, s.last, s.query_string)
    if change is None:
        return None
    key, value, want = change
    before, url_before = dict(s.last.figures), s.query_string
    run = await s.change(key, value)
    stats.count("filter changes")
    stats.count("filter changes that changed the URL", int(s.query_string != url_before))
    charts = [k for k in run.figures if k in before and k != "tl_skeleton"]
    if charts:
        stats.count("filter changes on a chart page")
        stats.count("... that changed its figure", int(any(before[k] != run.figures[k] for k in charts)))
    bad = "; ".join(run.problems) or (None if want in s.query_string else
                                      f"set {key}={value!r}, but the URL became {s.query_string!r}")
    return f"filter {key.removeprefix('flt_')}", run, bad


async def type_search(rng: random.Random, s, plans: list, stats: Stats):
    """Type a search into the Quotes page's box (opening the Quotes page first when elsewhere)."""
    if "flt_q_quotes" not in s.last.widgets:
        return await open_link(rng, s, plans, stats, "quotes")
    word = rng.choice(SEARCH_WORDS)
    run = await s.change("flt_q_quotes", word)
    want = urllib.parse.urlencode({"q": word.strip()})
    bad = page_shown("quotes", run) or (None if want in s.query_string else
                                        f"searched {word!r}, but the URL became {s.query_string!r}")
    return "search", run, bad


def visit(rng: random.Random) -> list:
    """What one reader does with a shared link: open it, change a filter or three, sometimes search quotes
    (the Quotes page is opened first when the link was another page)."""
    steps = [open_link] + [change_filter] * rng.randint(1, 3)
    return steps + ([type_search, type_search] if rng.random() < 0.35 else [])


async def proto_session(i: int, base: str, deadline: float, plans: list, stats: Stats, seed: int,
                        think: float) -> None:
    from devtools import stclient

    rng = random.Random(seed * 1000 + i)
    s = stclient.Session(base, timeout=ACTION_TIMEOUT_MS / 1000)
    try:
        await asyncio.sleep(rng.random() * max(think, 1))  # arrivals spread over one think time, not a burst
        while time.monotonic() < deadline:
            for step in visit(rng):
                if time.monotonic() >= deadline:
                    break
                try:
                    done = await step(rng, s, plans, stats)
                except Exception as exc:  # noqa: BLE001  (a timeout or a closed stream is the finding)
                    stats.error(i, f"{step.__name__}: {type(exc).__name__}: {str(exc)[:300]}")
                    await s.close()
                    break  # the next visit opens a new connection
                if done is None:
                    continue
                kind, run, problem = done
                stats.add(kind, run.seconds)
                stats.count("finished runs", int(run.finished is not None))
                if problem:
                    stats.error(i, f"{kind}: {problem}")
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # a person reads for a moment
    finally:
        await s.close()


async def sample_rss(pid: int | None, t_start: float, stop: asyncio.Event, stats: Stats, every: float) -> None:
    while pid and not stop.is_set():
        mb, cpu = rss_mb(pid), cpu_seconds(pid)
        if mb is not None:
            stats.rss.append((time.monotonic() - t_start, mb))
        if cpu is not None:
            stats.cpu.append((time.monotonic() - t_start, cpu))
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


async def drive(make_session, pid: int | None, sessions: int, seconds: float, known: tuple = ()) -> Stats:
    """Run `sessions` copies of make_session(i, deadline, stats) at once while sampling the server."""
    stats = Stats(known=tuple(known))
    t_start, cpu0 = time.monotonic(), time.process_time()
    deadline = t_start + seconds
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, t_start, stop, stats, every=max(1.0, seconds / 30)))
    tasks = [asyncio.create_task(make_session(i, deadline, stats)) for i in range(sessions)]
    # Bounded: a session finishes its last action at most ACTION_TIMEOUT_MS after the deadline.
    done, pending = await asyncio.wait(tasks, timeout=seconds + ACTION_TIMEOUT_MS / 1000 + 30)
    for t in pending:
        t.cancel()
        stats.error(-1, "a session did not stop in time")
    for t in done:
        if t.exception():
            stats.error(-1, f"session crashed: {t.exception()!r}")
    stop.set()
    await sampler
    stats.client_cpu = time.process_time() - cpu0
    if pid:
        mb = rss_mb(pid)
        if mb is not None:
            stats.rss.append((time.monotonic() - t_start, mb))
    return stats


async def run(base: str, pid: int | None, sessions: int, seconds: float, plans: list, seed: int,
              client: str = "browser", think: float = 3.0, known: tuple = ()) -> Stats:
    if client == "protocol":
        stats = await drive(lambda i, deadline, stats: proto_session(i, base, deadline, plans, stats, seed, think),
                            pid, sessions, seconds, known)
        return stats
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            stats = await drive(lambda i, deadline, stats: session(i, browser, base, deadline, plans, stats, seed),
                                pid, sessions, seconds, known)
        finally:
            await browser.close()
    stats.client_cpu = None  # the browsers' CPU is in their own processes
    return stats


def report(summary: dict) -> str:
    u, m = summary["update_seconds"], summary["server_rss_mb"]

    def s(x):
        return "n/a" if x is None else f"{x:.2f} s"

    def mb(x):
        return "n/a" if x is None else f"{x:.0f} MB"
    lines = [(f"{summary['sessions']} sessions x {summary['seconds']:.0f} s: {summary['updates']} page updates, "
              f"{summary['errors']} errors"),
             f"time to update: p50 {s(u['p50'])}, p95 {s(u['p95'])}, max {s(u['max'])}"]
    for kind, v in summary["by_kind"].items():
        lines.append(f"  {kind:<16} n={v['n']:<5} p50 {s(v['p50'])}  p95 {s(v['p95'])}")
    if summary["counts"]:
        lines.append("  " + ", ".join(f"{k}: {v}" for k, v in summary["counts"].items()))
    load0, load1 = summary.get("load_average_start"), summary["load_average"]
    if summary["server_cpu_cores_used"] is not None:
        lines.append(f"server CPU: {summary['server_cpu_cores_used']:.2f} cores on average "
                     f"(machine: {summary['cpus']} CPUs, load average {load0[0]:.1f} at the start, "
                     f"{load1[0]:.1f} at the end)")
    if summary.get("client_cpu_cores_used") is not None:
        lines.append(f"load-test client CPU: {summary['client_cpu_cores_used']:.2f} cores on average")
    lines.append(f"server RSS: first {mb(m['first'])}, peak {mb(m['peak'])}, last {mb(m['last'])}, "
                 f"range over the second half {mb(m['second_half_range'])}")
    if m["samples"]:
        lines.append("  over time (s, MB): " + " ".join(f"{t:.0f}:{v:.0f}" for t, v in m["samples"]))
    for e in summary["error_samples"]:
        lines.append(f"  ERROR {e}")
    if summary.get("known_errors"):
        lines.append(f"  known errors (--known-error, not counted above): {summary['known_errors']}, e.g.")
        lines += [f"    {e}" for e in summary["known_error_samples"][:2]]
    return "\n".join(lines)


def held(summary: dict, target: float) -> bool:
    """A level is held when it measured updates, had no errors and its p95 update time is under target."""
    p95 = summary["update_seconds"]["p95"]
    return bool(summary["updates"]) and not summary["errors"] and p95 is not None and p95 < target


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--client", choices=("browser", "protocol"), default="browser",
                    help="real Chromium sessions (default) or Streamlit's WebSocket protocol without a browser")
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    ap.add_argument("--ramp", help="comma-separated session counts run in turn, e.g. 5,10,20,40 (instead of "
                                   "--sessions), each for --seconds")
    ap.add_argument("--seconds", type=float, default=60, help="how long to run (each level; default 60)")
    ap.add_argument("--think", type=float, default=3.0,
                    help="protocol client: mean seconds between a session's updates (default 3)")
    ap.add_argument("--target", type=float, default=2.0, help="p95 update seconds a level must stay under "
                                                              "to count as held (default 2)")
    ap.add_argument("--port", type=int, default=0, help="port for the server this script starts (0: a free one)")
    ap.add_argument("--db", help="database to serve (default: data/ built into a temp file)")
    ap.add_argument("--url", help="use an already running server on loopback instead of starting one")
    ap.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory and CPU")
    ap.add_argument("--json", help="also write the summary as JSON to this file")
    ap.add_argument("--known-error", action="append", default=[], metavar="TEXT",
                    help="an error containing TEXT is a known bug, not load: counted and shown apart, and it does "
                         "not fail the run (repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    try:
        args.levels = [int(x) for x in args.ramp.split(",")] if args.ramp else [args.sessions]
    except ValueError:
        ap.error("--ramp takes whole numbers separated by commas, e.g. 5,10,20,40")
    most = 100 if args.client == "browser" else 500
    if not all(1 <= n <= most for n in args.levels) or not 1 <= args.seconds <= 3600 or len(args.levels) > 20:
        ap.error(f"--sessions must be 1..{most} ({args.client} client), --seconds 1..3600, --ramp up to 20 levels")
    if not 0 <= args.think <= 600:
        ap.error("--think must be 0..600 seconds")
    if args.url and urllib.parse.urlsplit(args.url).hostname not in LOOPBACK:
        ap.error("--url must be on loopback (127.0.0.1, localhost or ::1)")
    return args


def wait_healthy(base: str, proc, log: Path | None) -> bool:
    deadline = time.monotonic() + 90
    while not healthy(base):
        if (proc and proc.poll() is not None) or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log else ""
            print(f"server did not come up on {base}\n{tail}", file=sys.stderr)
            return False
        time.sleep(0.25)
    return True


def run_levels(args, base: str, pid: int | None, plans: list) -> list[dict]:
    summaries = []
    for k, n in enumerate(args.levels):  # each level's sessions draw their own visits (seed + k), not a replay
        print(f"load test ({args.client} client): {n} sessions x {args.seconds:.0f} s against {base} "
              f"({len(plans)} URL scenarios + searches" + (f", think {args.think:g} s)" if args.client ==
                                                           "protocol" else ")"), flush=True)
        stats = asyncio.run(run(base, pid, n, args.seconds, plans, args.seed + k, args.client, args.think,
                                tuple(args.known_error)))
        summary = stats.summary(n, args.seconds)
        summary["client"] = args.client
        summary["think_seconds"] = args.think if args.client == "protocol" else None
        summaries.append(summary)
        print(report(summary), flush=True)
    return summaries


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.client == "browser" and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2

    from components import config
    from components.store import build

    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        if args.db:
            db = Path(args.db)
        else:
            db = Path(tmp) / "timeline.db"
            build(config.data_dir(), db)
        plans = scenarios(db)
        proc = log = None
        if args.url:
            base, pid = args.url.rstrip("/"), args.pid
        else:
            port = args.port or free_port()
            base = f"http://127.0.0.1:{port}"
            log = Path(tmp) / "server.log"
            proc = start_streamlit(db, port, open(log, "wb"))  # noqa: SIM115  (closed with the process)
            pid = proc.pid
        try:
            if not wait_healthy(base, proc, log):
                return 2
            summaries = run_levels(args, base, pid, plans)
        finally:
            if proc:
                stop(proc)
        if log and "Traceback" in log.read_text(errors="replace"):
            summaries[-1]["errors"] += 1
            summaries[-1]["error_samples"].append("server log has a Traceback:\n"
                                                  + log.read_text(errors="replace")[-1500:])
            print(summaries[-1]["error_samples"][-1])
    ok = [s["sessions"] for s in summaries if held(s, args.target)]
    if args.ramp:
        print(f"largest number of sessions held (no errors, p95 < {args.target:g} s): "
              f"{max(ok) if ok else 'none'} of {args.ramp}")
    if args.json:
        out = summaries[0] if not args.ramp else {"levels": summaries, "target_p95_seconds": args.target,
                                                  "largest_held": max(ok) if ok else None}
        Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False))
    return 1 if any(s["errors"] or not s["updates"] for s in summaries) else 0


if __name__ == "__main__":
    raise SystemExit(main())
