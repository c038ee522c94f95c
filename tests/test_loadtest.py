"""scripts/loadtest.py: its arithmetic, its loopback guard, and a short real run (3 sessions x 10 s) that must
finish with zero errors. The full 20 x 60 s run and its numbers are in docs/reliability.md."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from components import config

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
                                  ["--seconds", "99999"]])
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
