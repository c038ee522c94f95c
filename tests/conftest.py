"""Shared fixtures: a tiny valid dataset (tests/fixtures/data), databases built from it and from data/.

`built_db` and `bundled_db` are built once per session and must only be read. A test that edits files
or rebuilds takes `fixture_data_dir` (a fresh copy in tmp_path) and builds into its own tmp_path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components import config
from components.store import build

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
REPO_DATA = config.ROOT / "data"


SEED_ARTICLE = "corpus/seed/levant24_2025-10-15_sharaa_moscow.txt"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared (or $TIMELINE_SHARED): the real article texts the fixture and data/ quote from."""
    seed = config.SHARED_DIR / SEED_ARTICLE
    assert seed.is_file(), (f"{seed} is missing: the corpus checks need ../shared beside the clone "
                            "(or TIMELINE_SHARED pointing at it)")
    return config.SHARED_DIR


@pytest.fixture
def fixture_data_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the fixture dataset."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A database built from (a copy of) the fixture dataset. Read only."""
    base = tmp_path_factory.mktemp("fixture_db")
    data = base / "data"
    shutil.copytree(FIXTURE_DATA, data)
    db = base / "timeline.db"
    build(data, db)
    return db


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """The shipped data/ built into a temp file. If data/ does not validate, every user of this fails."""
    db = tmp_path_factory.mktemp("bundled_db") / "timeline.db"
    build(REPO_DATA, db)  # raises DataError listing every problem: deliberately not skipped
    return db


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium per test module, launched as tests/browser_support.py says."""
    from playwright import sync_api

    from browser_support import CHROMIUM, launch_chromium

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()
