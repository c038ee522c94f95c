"""scripts/loadtest.py: its arithmetic, its loopback guard, and short real runs that must finish with zero errors:
3 browser sessions x 10 s, and 3 protocol sessions x 10 s (Streamlit's WebSocket protocol, devtools/stclient.py),
whose client must set real widget values (a topic chosen in the sidebar changes the chart and the URL). The
capacity runs and their numbers are in docs/reliability.md."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from components import config
from components.views import firstview

SCRIPT = config.ROOT / "scripts" / "loadtest.py"


@pytest.fixture(scope="module")
def loadtest():
    spec = importlib.util.spec_from_file_location("loadtest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module   # dataclasses look their module up while the file executes
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("loadtest", None)


@pytest.mark.parametrize("values, p, expected", [
    ([], 50, None),
    ([3.0], 95, 3.0),
    ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
    ([4.0, 1.0, 3.0, 2.0], 0, 1.0),
    ([4.0, 1.0, 3.0, 2.0], 100, 4.0),
    (list(map(float, range(1, 101))), 95, 95.05),
])
def test_percentile(loadtest, values, p, expected):
    got = loadtest.percentile(values, p)
    assert got == (None if expected is None else pytest.approx(expected))


def test_rss_of_this_process_is_read(loadtest):
    mb = loadtest.rss_mb(os.getpid())
    assert mb is not None and 10 < mb < 100_000


def test_rss_of_a_missing_process_is_none(loadtest):
    assert loadtest.rss_mb(2**22 + 12345) is None


def test_the_timeline_is_opened_at_the_root(loadtest):
    assert loadtest.url_path("timeline") == "" and loadtest.url_path("quotes") == "quotes"


@pytest.mark.parametrize("url", ["http://example.org:8501", "http://10.0.0.5:8501", "http://192.168.1.2"])
def test_refuses_a_server_off_loopback(loadtest, url, capsys):
    with pytest.raises(SystemExit) as exc:
        loadtest.main(["--url", url, "--sessions", "1", "--seconds", "1"])
    assert exc.value.code == 2
    assert "loopback" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--sessions", "0"], ["--sessions", "1000"], ["--seconds", "0"],
                                  ["--seconds", "99999"], ["--sessions", "101"],
                                  ["--client", "protocol", "--sessions", "501"], ["--ramp", "5,x"],
                                  ["--ramp", "5,0"], ["--think", "-1"]])
def test_refuses_unbounded_runs(loadtest, args):
    with pytest.raises(SystemExit):
        loadtest.main(args)


@pytest.mark.browser
def test_short_load_run_has_no_errors(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium not installed")
    out = tmp_path / "summary.json"
    done = subprocess.run([sys.executable, str(SCRIPT), "--sessions", "3", "--seconds", "10", "--json", str(out)],
                          cwd=config.ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["updates"] >= 3
    assert summary["update_seconds"]["p95"] is not None and "p95" in done.stdout
    assert len(summary["server_rss_mb"]["samples"]) >= 3


@pytest.mark.parametrize("summary, held", [
    ({"updates": 10, "errors": 0, "update_seconds": {"p95": 1.9}}, True),
    ({"updates": 10, "errors": 0, "update_seconds": {"p95": 2.0}}, False),
    ({"updates": 10, "errors": 1, "update_seconds": {"p95": 0.5}}, False),
    ({"updates": 0, "errors": 0, "update_seconds": {"p95": None}}, False),
])
def test_a_level_is_held_only_without_errors_and_under_the_target(loadtest, summary, held):
    assert loadtest.held(summary, 2.0) is held


def test_a_known_error_is_counted_apart(loadtest):
    stats = loadtest.Stats(known=("fts5: syntax error",))
    stats.error(1, "search: st.error: ... (fts5: syntax error near \"OR\")")
    stats.error(2, "TimeoutError: no script_finished within 90 s")
    summary = stats.summary(2, 10)
    assert summary["errors"] == 1 and summary["known_errors"] == 1
    assert "TimeoutError" in summary["error_samples"][0]


# --- the protocol client against a real server -----------------------------------------------------------

@pytest.fixture(scope="module")
def server(bundled_db, tmp_path_factory):
    from devtools.devserver import streamlit_server

    log = tmp_path_factory.mktemp("loadtest") / "server.log"
    with streamlit_server(bundled_db, log) as url:
        yield url, log


def _run(coro):
    import asyncio

    return asyncio.run(coro)


@pytest.mark.slow
def test_protocol_client_sets_a_real_filter(server):
    """A topic chosen through the widget's own option label reaches the app: the URL and the chart change."""
    from devtools.stclient import Session

    async def go():
        s = Session(server[0])
        try:
            first = await s.open("")
            if firstview.IMAGE_BUTTON in first.widgets:  # the warm-up's image first: the page's script asks for the plot
                first = await s.change(firstview.IMAGE_BUTTON, True)
            topic = first.widgets["flt_topic"]
            changed = await s.change("flt_topic", [topic.options[0]])
            return first, changed, s.query_string
        finally:
            await s.close()
    first, changed, url = _run(go())
    assert first.finished == changed.finished == "FINISHED_SUCCESSFULLY"
    assert first.problems == [] and changed.problems == []
    assert url.startswith("topic=") and "&" not in url
    assert changed.figures["tl_chart"] != first.figures["tl_chart"]


@pytest.mark.slow
def test_protocol_client_types_a_search_and_sees_a_missing_page(server):
    from devtools.stclient import Session

    async def go():
        s = Session(server[0])
        try:
            await s.open("quotes")
            found = await s.change("flt_q_quotes", "Lavrov")
            missing = await s.open("no-such-page")
            return found, missing
        finally:
            await s.close()
    found, missing = _run(go())
    assert found.page == "quotes" and found.problems == []
    assert any("quote-card" in h for h in found.html)
    assert any("page not found" in p for p in missing.problems)


@pytest.mark.slow
def test_short_protocol_run_has_no_errors(server, bundled_db, tmp_path):
    out = tmp_path / "summary.json"
    url, log = server
    done = subprocess.run([sys.executable, str(SCRIPT), "--client", "protocol", "--url", url, "--db", str(bundled_db),
                           "--sessions", "3", "--seconds", "10", "--think", "1", "--json", str(out)],
                          cwd=config.ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["updates"] >= 6
    assert summary["counts"]["finished runs"] == summary["updates"]  # every update got its script_finished
    assert summary["counts"]["filter changes that changed the URL"] == summary["counts"]["filter changes"] > 0
    assert "Traceback" not in log.read_text(errors="replace")


def test_the_protocol_client_presses_the_first_view_button_the_page_draws(loadtest):
    """The client follows a first view's image with the click the page's script makes: the same button key."""
    assert loadtest.FIRST_IMAGE_BUTTON == firstview.IMAGE_BUTTON
