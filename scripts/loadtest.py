#!/usr/bin/env python
"""Load test: N concurrent real browser sessions against the dashboard on loopback for T seconds.

One Chromium (Debian's, through Playwright), one context per session, all driven from one asyncio loop. Each
session keeps doing one of two things until the time is up: open a page with filters in the URL (a shared link),
or type a search into the Quotes page. For each it measures the time until the page has updated (the script run
finished and the chart or quote cards are drawn). Any JavaScript error, HTTP error, Streamlit exception box,
st.error or timeout counts as an error.

Prints errors, p50/p95/max update time and the server's resident memory over time; with --json also writes
them to a file. Exits 1 on any error (or when nothing was measured), 0 otherwise.

    python scripts/loadtest.py --sessions 20 --seconds 60          # starts its own server on a free port
    python scripts/loadtest.py --url http://127.0.0.1:8501 --pid 1234   # an already running one (loopback only)

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

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def error(self, session: int, what: str) -> None:
        self.errors.append(f"session {session}: {what[:500]}")

    def summary(self, sessions: int, seconds: float) -> dict:
        every = [x for v in self.latencies.values() for x in v]
        mem = [m for _, m in self.rss]
        half = [m for t, m in self.rss if t >= seconds / 2]
        cpu_share = None
        if len(self.cpu) >= 2 and self.cpu[-1][0] > self.cpu[0][0]:
            cpu_share = (self.cpu[-1][1] - self.cpu[0][1]) / (self.cpu[-1][0] - self.cpu[0][0])
        return {
            "sessions": sessions, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
            "server_cpu_cores_used": cpu_share, "seconds": seconds, "updates": len(every), "errors": len(self.errors),
            "error_samples": self.errors[:20],
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


async def sample_rss(pid: int | None, t_start: float, stop: asyncio.Event, stats: Stats, every: float) -> None:
    while pid and not stop.is_set():
        mb, cpu = rss_mb(pid), cpu_seconds(pid)
        if mb is not None:
            stats.rss.append((time.monotonic() - t_start, mb))
        if cpu is not None:
            stats.cpu.append((time.monotonic() - t_start, cpu))
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


async def run(base: str, pid: int | None, sessions: int, seconds: float, plans: list, seed: int) -> Stats:
    from playwright.async_api import async_playwright

    stats = Stats()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            t_start = time.monotonic()
            deadline = t_start + seconds
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(pid, t_start, stop, stats, every=max(1.0, seconds / 30)))
            tasks = [asyncio.create_task(session(i, browser, base, deadline, plans, stats, seed))
                     for i in range(sessions)]
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
            if pid:
                mb = rss_mb(pid)
                if mb is not None:
                    stats.rss.append((time.monotonic() - t_start, mb))
        finally:
            await browser.close()
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
    if summary["server_cpu_cores_used"] is not None:
        lines.append(f"server CPU: {summary['server_cpu_cores_used']:.2f} cores on average "
                     f"(machine: {summary['cpus']} CPUs, load average at the end "
                     f"{summary['load_average'][0]:.1f})")
    lines.append(f"server RSS: first {mb(m['first'])}, peak {mb(m['peak'])}, last {mb(m['last'])}, "
                 f"range over the second half {mb(m['second_half_range'])}")
    if m["samples"]:
        lines.append("  over time (s, MB): " + " ".join(f"{t:.0f}:{v:.0f}" for t, v in m["samples"]))
    for e in summary["error_samples"]:
        lines.append(f"  ERROR {e}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    ap.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    ap.add_argument("--port", type=int, default=0, help="port for the server this script starts (0: a free one)")
    ap.add_argument("--db", help="database to serve (default: data/ built into a temp file)")
    ap.add_argument("--url", help="use an already running server on loopback instead of starting one")
    ap.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory")
    ap.add_argument("--json", help="also write the summary as JSON to this file")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not 1 <= args.sessions <= 100 or not 1 <= args.seconds <= 3600:
        ap.error("--sessions must be 1..100 and --seconds 1..3600")
    if args.url and urllib.parse.urlsplit(args.url).hostname not in LOOPBACK:
        ap.error("--url must be on loopback (127.0.0.1, localhost or ::1)")
    if not Path(CHROMIUM).exists():
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
        proc = None
        if args.url:
            base = args.url.rstrip("/")
            pid = args.pid
        else:
            port = args.port or free_port()
            base = f"http://127.0.0.1:{port}"
            log = Path(tmp) / "server.log"
            proc = start_streamlit(db, port, open(log, "wb"))  # noqa: SIM115  (closed with the process)
            pid = proc.pid
        try:
            deadline = time.monotonic() + 90
            while not healthy(base):
                if (proc and proc.poll() is not None) or time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:] if proc else ""
                    print(f"server did not come up on {base}\n{tail}", file=sys.stderr)
                    return 2
                time.sleep(0.25)
            print(f"load test: {args.sessions} sessions x {args.seconds:.0f} s against {base} "
                  f"({len(plans)} URL scenarios + searches)", flush=True)
            stats = asyncio.run(run(base, pid, args.sessions, args.seconds, plans, args.seed))
        finally:
            if proc:
                stop(proc)
        summary = stats.summary(args.sessions, args.seconds)
        if proc and "Traceback" in log.read_text(errors="replace"):
            summary["errors"] += 1
            summary["error_samples"].append("server log has a Traceback:\n" + log.read_text(errors="replace")[-1500:])
    print(report(summary))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 1 if summary["errors"] or not summary["updates"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
