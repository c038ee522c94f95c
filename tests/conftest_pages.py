"""Fixtures for the page tests (AppTest) and the browser tests, loaded with `pytest_plugins`.

One database is built from data/ per session into a temp file; the app finds it through TIMELINE_DB.
The database is only read. Streamlit's caches are cleared around every app test so no test sees
another's cached frames or charts.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import streamlit as st

from components import config
from components.store import build

DASHBOARD = config.ROOT / "dashboard.py"


@pytest.fixture(scope="session")
def pages_db(tmp_path_factory) -> Path:
    """The shipped data/ built into a temp file, once per session. Read only."""
    db = tmp_path_factory.mktemp("pages_db") / "timeline.db"
    build(config.data_dir(), db)
    return db


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_env(pages_db: Path, monkeypatch) -> Path:
    """TIMELINE_DB pointed at the session database, the editing page off, Streamlit caches empty."""
    monkeypatch.setenv("TIMELINE_DB", str(pages_db))
    monkeypatch.delenv("TIMELINE_EDIT", raising=False)
    _clear_caches()
    yield pages_db
    _clear_caches()


@pytest.fixture(scope="session")
def sql(pages_db: Path):
    """Run one read-only SQL statement against the session database: the tests' independent oracle."""
    conn = sqlite3.connect(f"file:{pages_db}?mode=ro", uri=True, check_same_thread=False)

    def query(statement: str, *params):
        return conn.execute(statement, params).fetchall()

    yield query
    conn.close()


@pytest.fixture(scope="module")
def served(pages_db: Path, tmp_path_factory):
    """(url, server log): the server as scripts/run.sh starts it (`streamlit run app.py`, warm-up included) on the
    session database, one per test module."""
    from devtools.devserver import streamlit_server

    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(pages_db, log) as url:
        yield url, log
