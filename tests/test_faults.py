"""Faults a deployed dashboard meets, each proven where it can be: a missing or corrupt database (AppTest), no
Chromium (AppTest and the real CLI with a PATH that lacks it), a disk filling up during a build (the real CLI
under RLIMIT_FSIZE), a rebuild while readers query (threads), the mtime-keyed cache, and read-only browsing.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from components import config, exporting, queries
from components.filters import Filters
from components.store import build

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
HOSTILE_DATA = Path(__file__).parent / "fixtures" / "hostile"
DASHBOARD = config.ROOT / "dashboard.py"
PAGES = ("timeline", "quotes", "officials", "topics", "about")
# (statements, events) of each complete dataset: a reader must only ever see one of these pairs.
FIXTURE_COUNTS = (6, 6)
HOSTILE_COUNTS = (3, 2)

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.slow]  # rebuilds, subprocesses and exports: the full tier


# --- helpers --------------------------------------------------------------------------------------------

def open_page(url_path: str = "timeline") -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=90)
    at._page_hash = calc_hash(url_path)   # how a browser opening /<url_path> addresses an st.Page callable
    at.run()
    later = [b for b in at.button if b.key == "tl_draw_later"]  # the browser clicks it once the timeline is drawn
    return later[0].click().run() if later else at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.fixture
def app(monkeypatch):
    """Point the app at whatever TIMELINE_DB / TIMELINE_DATA_DIR the test sets; Streamlit caches empty."""
    import streamlit

    monkeypatch.delenv("TIMELINE_EDIT", raising=False)
    streamlit.cache_data.clear()
    yield monkeypatch
    streamlit.cache_data.clear()


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("faults")
    shutil.copytree(FIXTURE_DATA, base / "data")
    build(base / "data", base / "timeline.db")
    return base / "timeline.db"


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory) -> Path:
    """data/ built once: big enough (hundreds of pages) that corruption can sit past the first page."""
    db = tmp_path_factory.mktemp("bundled") / "timeline.db"
    build(config.data_dir(), db)
    return db


def explains(at: AppTest, *needles: str) -> str:
    assert not at.exception, [e.value[:400] for e in at.exception]
    errors = texts(at.error)
    assert len(errors) == 1, errors
    for needle in needles:
        assert needle in errors[0], errors[0]
    assert "Traceback" not in errors[0] and "Execution failed on sql" not in errors[0], errors[0]
    return errors[0]


# --- database missing -------------------------------------------------------------------------------------

def test_missing_database_that_cannot_be_built_explains_and_offers_the_command(app, tmp_path):
    empty = tmp_path / "empty-data"
    empty.mkdir()
    app.setenv("TIMELINE_DB", str(tmp_path / "nowhere" / "timeline.db"))
    app.setenv("TIMELINE_DATA_DIR", str(empty))
    at = open_page("timeline")
    explains(at, "does not exist", "timeline build")
    assert not (tmp_path / "nowhere" / "timeline.db").exists()


def test_missing_database_in_an_unwritable_place_explains(app, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app.setenv("TIMELINE_DB", str(blocker / "timeline.db"))
    app.setenv("TIMELINE_DATA_DIR", str(FIXTURE_DATA))
    explains(open_page("quotes"), "could not be built", "timeline build")


def test_missing_database_is_built_on_first_run(app, tmp_path):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    db = tmp_path / "new" / "timeline.db"
    app.setenv("TIMELINE_DB", str(db))
    app.setenv("TIMELINE_DATA_DIR", str(tmp_path / "data"))
    at = open_page("timeline")
    assert not at.exception and not at.error
    assert db.exists()
    assert any("**6 events** and **6 statements**" in m.value for m in at.markdown)


def test_database_deleted_while_the_app_runs_explains(app, tmp_path, fixture_db):
    """Someone removes the file between two reruns (and the data folder cannot rebuild it)."""
    db = tmp_path / "timeline.db"
    shutil.copy(fixture_db, db)
    empty = tmp_path / "empty-data"
    empty.mkdir()
    app.setenv("TIMELINE_DB", str(db))
    app.setenv("TIMELINE_DATA_DIR", str(empty))
    at = open_page("timeline")
    assert not at.exception and not at.error
    db.unlink()
    at.run()
    explains(at, "timeline build")


# --- database corrupt ---------------------------------------------------------------------------------------

def _garbage(good: bytes) -> bytes:
    return os.urandom(len(good))


def _zero_length(good: bytes) -> bytes:
    return b""


def _first_half(good: bytes) -> bytes:
    return good[: len(good) // 2]


def _text_file(good: bytes) -> bytes:
    return b"id,name\n1,not a database\n" * 100


def _other_sqlite(good: bytes) -> bytes:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"other-{os.getpid()}.db"
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
        conn.commit()
    data = path.read_bytes()
    path.unlink()
    return data


def _table_pages(good: bytes) -> bytes:
    """Random bytes over every page of the events and statements tables; the header, schema and meta intact, so
    the file opens and the first query succeeds, and the damage shows only when a page reads those tables."""
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"pages-{os.getpid()}.db"
    path.write_bytes(good)
    try:
        with closing(sqlite3.connect(path)) as conn:
            size = conn.execute("PRAGMA page_size").fetchone()[0]
            try:
                pages = [r[0] for r in conn.execute(
                    "SELECT pageno FROM dbstat WHERE name IN ('events', 'statements')")]
            except sqlite3.OperationalError:
                pytest.skip("this SQLite has no dbstat table to locate pages with")
    finally:
        path.unlink()
    raw = bytearray(good)
    for n in pages:
        raw[(n - 1) * size:n * size] = os.urandom(size)
    return bytes(raw)


CORRUPTIONS = [
    pytest.param(_garbage, id="random-bytes"),
    pytest.param(_zero_length, id="empty-file"),
    pytest.param(_first_half, id="truncated"),
    pytest.param(_text_file, id="a-csv-file"),
    pytest.param(_other_sqlite, id="another-sqlite-database"),
    pytest.param(_table_pages, id="corrupt-table-pages"),
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_corrupt_database_gives_one_clear_sentence(app, tmp_path, bundled_copy, corrupt, page):
    db = tmp_path / "timeline.db"
    db.write_bytes(corrupt(bundled_copy.read_bytes()))
    before = db.read_bytes()
    app.setenv("TIMELINE_DB", str(db))
    app.setenv("TIMELINE_DATA_DIR", str(FIXTURE_DATA))
    explains(open_page(page), "cannot be read", "timeline build --force")
    assert db.read_bytes() == before, "the page wrote to (or rebuilt over) the corrupt file"


def test_corrupt_database_is_a_clear_cli_error(tmp_path):
    db = tmp_path / "timeline.db"
    db.write_bytes(os.urandom(50_000))
    done = subprocess.run([sys.executable, "-m", "components", "stats", "--db", str(db)], cwd=config.ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "cannot be read" in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]


# --- Chromium missing -----------------------------------------------------------------------------------

@pytest.fixture
def no_chromium_path(tmp_path) -> str:
    """A PATH with nothing on it: shutil.which('chromium') finds nothing, as on a machine without it."""
    empty = tmp_path / "bin-without-chromium"
    empty.mkdir()
    return str(empty)


def test_without_chromium_the_pages_explain_exports_and_the_rest_works(app, fixture_db, no_chromium_path):
    app.setenv("PATH", no_chromium_path)
    app.setenv("TIMELINE_DB", str(fixture_db))
    assert exporting.chromium_path() is None
    at = open_page("timeline")
    assert not at.exception and not at.error, [e.value[:300] for e in at.exception]
    assert exporting.CHROMIUM_HELP in texts(at.info)
    assert len(at.get("plotly_chart")) >= 3, "the charts still draw"
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert buttons["⬇ PNG"].disabled and buttons["⬇ SVG"].disabled and buttons["⬇ PDF"].disabled
    assert not buttons["⬇ HTML"].disabled
    assert any(not b.disabled for label, b in buttons.items() if "CSV" in label)


def _cli(*args: str, env: dict | None = None, timeout: float = 180, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "components", *args], cwd=config.ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False, **kw)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_cli_image_export_without_chromium_explains_and_exits_1(tmp_path, fixture_db, no_chromium_path, fmt):
    out = tmp_path / f"chart.{fmt}"
    done = _cli("export-chart", "timeline", "--db", str(fixture_db), "--format", fmt, "--out", str(out),
                env={"PATH": no_chromium_path})
    assert done.returncode == 1, (done.returncode, done.stderr[-1500:])
    assert "Image export needs Chromium" in done.stderr and "apt-get install" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_cli_html_export_works_without_chromium(tmp_path, fixture_db, no_chromium_path):
    out = tmp_path / "chart.html"
    done = _cli("export-chart", "activity", "--db", str(fixture_db), "--format", "html", "--out", str(out),
                env={"PATH": no_chromium_path})
    assert done.returncode == 0, done.stderr[-1500:]
    page = out.read_bytes()
    assert b"<html" in page[:200] and b"plotly" in page


# --- disk full during a build ---------------------------------------------------------------------------

def _small_disk():
    """In the child before exec: every file write past 8 KiB fails with EFBIG (a full disk, root included)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))


def test_disk_full_during_a_cli_build_keeps_the_old_database(tmp_path, fixture_db):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    db = out / "timeline.db"
    shutil.copy(fixture_db, db)
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    assert len(before) > 8192
    done = _cli("build", "--force", "--data-dir", str(tmp_path / "data"), "--db", str(db), preexec_fn=_small_disk)
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr[-2000:])
    assert "Build failed" in done.stderr and "previous database is unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert db.read_bytes() == before and db.stat().st_mtime_ns == mtime
    assert [p.name for p in out.iterdir()] == ["timeline.db"], "a temp file was left behind"


# --- rebuild while readers query ------------------------------------------------------------------------

def _reader(db: Path, stop: threading.Event, seen: list, errors: list) -> None:
    while not stop.is_set():
        try:
            with closing(queries.connect(db)) as conn:   # one snapshot: both counts from the same file
                pair = (conn.execute("SELECT count(*) FROM statements").fetchone()[0],
                        conn.execute("SELECT count(*) FROM events").fetchone()[0])
            seen.append(pair)
            queries.fetch_statements(db, Filters(text="alert"), limit=5)
            queries.fetch_events(db, Filters(), limit=5)
            queries.fetch_meta(db)
        except Exception as exc:  # noqa: BLE001  (every error is the finding)
            errors.append(repr(exc))


def test_rebuilds_under_concurrent_readers_are_atomic(tmp_path):
    shutil.copytree(FIXTURE_DATA, tmp_path / "a")
    shutil.copytree(HOSTILE_DATA, tmp_path / "b")
    db = tmp_path / "timeline.db"
    build(tmp_path / "a", db)
    stop, seen, errors = threading.Event(), [], []
    readers = [threading.Thread(target=_reader, args=(db, stop, seen, errors), daemon=True) for _ in range(4)]
    for t in readers:
        t.start()
    try:
        for i in range(8):
            build(tmp_path / ("b" if i % 2 == 0 else "a"), db, force=True)
            time.sleep(0.05)
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=30)
    assert errors == [], errors[:5]
    assert len(seen) > 20, "the readers hardly ran"
    assert set(seen) <= {FIXTURE_COUNTS, HOSTILE_COUNTS}, set(seen) - {FIXTURE_COUNTS, HOSTILE_COUNTS}
    assert set(seen) == {FIXTURE_COUNTS, HOSTILE_COUNTS}, "the readers never saw a rebuild land"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "timeline.db"]


def test_an_open_session_picks_up_a_rebuild_through_the_mtime_key(app, tmp_path):
    """The pages cache on (path, mtime): the next rerun after a rebuild sees the new data, no restart."""
    from components.views import data

    shutil.copytree(FIXTURE_DATA, tmp_path / "a")
    shutil.copytree(HOSTILE_DATA, tmp_path / "b")
    db = tmp_path / "timeline.db"
    build(tmp_path / "a", db)
    app.setenv("TIMELINE_DB", str(db))
    key = data.db_key()
    assert data.load_statement_count(key, Filters())[0] == FIXTURE_COUNTS[0]
    time.sleep(0.02)
    build(tmp_path / "b", db)
    assert data.db_key() != key
    assert data.load_statement_count(data.db_key(), Filters())[0] == HOSTILE_COUNTS[0]


def test_an_open_app_session_shows_the_rebuilt_data_on_its_next_rerun(app, tmp_path):
    shutil.copytree(FIXTURE_DATA, tmp_path / "a")
    shutil.copytree(HOSTILE_DATA, tmp_path / "b")
    db = tmp_path / "timeline.db"
    build(tmp_path / "a", db)
    app.setenv("TIMELINE_DB", str(db))
    at = open_page("timeline")
    assert any("**6 events** and **6 statements**" in m.value for m in at.markdown)
    time.sleep(0.02)
    build(tmp_path / "b", db)
    at.run()
    assert not at.exception
    assert any("**2 events** and **3 statements**" in m.value for m in at.markdown), texts(at.markdown)


# --- read-only browsing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "INSERT INTO meta (key, value) VALUES ('x', 'y')",
    "UPDATE events SET title = 'changed'",
    "DELETE FROM statements",
    "CREATE TABLE injected (x)",
    "DROP TABLE events",
    "PRAGMA user_version = 7",
])
def test_the_query_connection_cannot_write(fixture_db, statement):
    before = fixture_db.read_bytes()
    with closing(queries.connect(fixture_db)) as conn, pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute(statement)
        conn.commit()
    assert fixture_db.read_bytes() == before


def test_every_page_reads_through_read_only_connections_and_writes_nothing(app, tmp_path, fixture_db):
    db = tmp_path / "timeline.db"
    shutil.copy(fixture_db, db)
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    app.setenv("TIMELINE_DB", str(db))
    opened: list[tuple[str, bool]] = []
    real_connect = sqlite3.connect

    def spy(database, *args, **kwargs):
        opened.append((str(database), bool(kwargs.get("uri"))))
        return real_connect(database, *args, **kwargs)

    app.setattr(sqlite3, "connect", spy)
    for page in PAGES:
        at = open_page(page)
        assert not at.exception and not at.error, (page, [e.value[:300] for e in at.exception])
    ours = [(d, uri) for d, uri in opened if db.name in d and str(tmp_path.name) in d]
    assert len(ours) >= len(PAGES), opened[:5]  # one shared connection per page run (components.db.reader) at least
    assert all(uri and d.startswith("file:") and d.endswith("?mode=ro") for d, uri in ours), \
        [o for o in ours if not o[0].endswith("?mode=ro")][:3]
    assert db.read_bytes() == before and db.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.db"], "a journal or temp file appeared"
