"""Ingest → review → accept of a Russian and an Arabic article, then the Quotes page in Debian's Chromium:
the Arabic quote is shown right to left, the Russian one left to right, each marked with its language.
Runs on a temporary copy of the test data (never data/ or the real queue)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import quote as urlquote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components import review  # noqa: E402
from components.store import build  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "data"
ARTICLES = {"ru": REPO / "tests" / "corpus" / "ru" / "rbc_2025-10-15_putin_sharaa_talks_begin.txt",
            "ar": REPO / "tests" / "corpus" / "ar" / "kuwaitnews_2025-10-15_putin_sharaa_kremlin.txt"}
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not all(p.exists() for p in ARTICLES.values()), reason="dev-set articles missing"),
              pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")]


@pytest.fixture
def accepted(tmp_path) -> dict:
    """The first quote of each article ingested, reviewed and accepted into a copy of the test data."""
    data, db, queue = tmp_path / "data", tmp_path / "timeline.db", tmp_path / "queue.db"
    shutil.copytree(FIXTURE, data)
    build(data, db)
    review.ingest_files([str(p) for p in ARTICLES.values()], queue, data)
    pending = review.list_items(queue)
    out = {}
    for lang, path in ARTICLES.items():
        item = next(i for i in pending if i["path"] == str(path))
        assert item["item"]["language"] == lang
        review.accept(queue, item["id"], data, db, topics=["diplomacy"])
        out[lang] = item["item"]["text"]
    return {"db": db, "quotes": out, "log": tmp_path / "server.log"}


def _card_direction(page, text: str) -> dict:
    loc = page.locator(".quote-text", has_text=text[:30]).first
    loc.wait_for(timeout=30_000)
    return loc.evaluate("el => ({dir: getComputedStyle(el).direction, lang: el.getAttribute('lang')})")


def test_russian_and_arabic_quotes_reach_the_quotes_page_with_their_direction(accepted):
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch_chromium, streamlit_server

    with streamlit_server(accepted["db"], accepted["log"]) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page()
        seen = {}
        for lang, text in accepted["quotes"].items():
            word = max(text.split(), key=len).strip("«»\"“”.,:")
            page.goto(f"{url}/quotes?q={urlquote(word)}", wait_until="domcontentloaded")
            seen[lang] = _card_direction(page, text)
        browser.close()
    assert seen["ar"] == {"dir": "rtl", "lang": "ar"}
    assert seen["ru"] == {"dir": "ltr", "lang": "ru"}
