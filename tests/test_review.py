"""Ingest -> review -> accept: a real article becomes a cited quote in data/, the database and the Quotes page."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from components import config, review
from components.filters import Filters
from components.queries import fetch_statements
from components.schema import DataError, load_dataset
from components.store import build

ARTICLE = config.SHARED_DIR / "corpus" / "dev" / "aljazeera_2024-12-19_putin_not_defeat.txt"
FIXTURE = Path(__file__).parent / "fixtures" / "data"
QUOTE = "You want to present what is happening in Syria as a defeat for Russia,"


@pytest.fixture
def workspace(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    db = tmp_path / "timeline.db"
    build(data, db)
    return {"data": data, "db": db, "queue": tmp_path / "queue.db"}


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").partition("\n\n")[2]


def _pending_item(ws, text=QUOTE) -> dict:
    items = review.list_items(ws["queue"])
    return next(i for i in items if i["item"]["text"] == text)


def test_ingesting_an_article_queues_its_quotes_and_a_second_time_adds_nothing(workspace):
    first = review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    assert first[0].added >= 5 and not first[0].duplicate
    n = len(review.list_items(workspace["queue"]))
    again = review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    assert again[0].duplicate and again[0].added == 0
    assert len(review.list_items(workspace["queue"])) == n


def test_accepting_writes_a_cited_verbatim_quote_and_rebuilds(workspace):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    sid = review.accept(workspace["queue"], item["id"], workspace["data"], workspace["db"],
                        speaker_id="vladimir-putin", topics=["diplomacy"])
    # data/ holds it, with the article's URL as its source and its exact context
    ds, issues = load_dataset(workspace["data"])
    assert issues == []
    st = next(s for s in ds.statements if s["id"] == sid)
    assert st["text"] == QUOTE
    assert QUOTE in st["context"] and st["context"] in _body(ARTICLE)
    assert len(st["context"]) <= 400
    src = next(s for s in ds.sources if s["id"] == st["source_id"])
    assert src["url"] == ("https://www.aljazeera.com/news/2024/12/19/"
                          "putin-plans-to-meet-bashar-al-assad-says-russia-not-defeated-in-syria")
    assert st["said_on"] == "2024-12-19" and st["said_on_precision"] == "day"
    # the rebuilt database finds it
    rows = fetch_statements(workspace["db"], Filters(text="defeat for Russia"))
    assert QUOTE in rows["text"].tolist()
    assert review.list_items(workspace["queue"], "accepted")[0]["published_id"] == sid


def test_an_accepted_quote_shows_on_the_quotes_page(workspace, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    import streamlit as st

    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    review.accept(workspace["queue"], _pending_item(workspace)["id"], workspace["data"], workspace["db"],
                  speaker_id="vladimir-putin", topics=["diplomacy"])
    monkeypatch.setenv("TIMELINE_DB", str(workspace["db"]))
    st.cache_data.clear()
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("quotes")  # open /quotes, as a browser does
    at.query_params["q"] = "defeat"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cards = "".join(h.proto.body for h in at.get("html"))
    shown = re.sub(r"<[^>]+>", "", cards)  # the search word is wrapped in <mark>
    assert QUOTE in shown
    assert "<mark>defeat</mark>" in cards
    assert "Vladimir Putin" in cards and "Al Jazeera" in cards


def test_a_bad_edit_writes_nothing_and_keeps_the_item_pending(workspace):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    before = {p: p.read_bytes() for p in workspace["data"].rglob("*.yaml")}
    db_before = workspace["db"].read_bytes()
    with pytest.raises(DataError) as err:
        review.accept(workspace["queue"], item["id"], workspace["data"], workspace["db"],
                      speaker_id="vladimir-putin", topics=["no-such-topic"])
    assert "unknown topic 'no-such-topic'" in str(err.value)
    after = {p: p.read_bytes() for p in workspace["data"].rglob("*.yaml")}
    assert after == before
    assert workspace["db"].read_bytes() == db_before
    assert item["id"] in [i["id"] for i in review.list_items(workspace["queue"])]


def test_the_same_quote_cannot_be_published_twice(workspace):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    review.accept(workspace["queue"], item["id"], workspace["data"], workspace["db"],
                  speaker_id="vladimir-putin", topics=["diplomacy"])
    # a second copy of the article (edited elsewhere) queues the same quote again
    with pytest.raises(review.ReviewError, match="not pending"):
        review.accept(workspace["queue"], item["id"], workspace["data"], workspace["db"])


def test_rejecting_removes_the_item_from_the_pending_list(workspace):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    review.reject(workspace["queue"], item["id"])
    assert item["id"] not in [i["id"] for i in review.list_items(workspace["queue"])]
    assert item["id"] in [i["id"] for i in review.list_items(workspace["queue"], "rejected")]


def test_cli_ingest_then_review_accept(workspace):
    env_args = ["--data-dir", str(workspace["data"]), "--db", str(workspace["db"])]
    run = subprocess.run([sys.executable, "-m", "components", "ingest", str(ARTICLE), "--queue",
                          str(workspace["queue"]), *env_args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "queued for review" in run.stdout
    listing = subprocess.run([sys.executable, "-m", "components", "review", "--queue", str(workspace["queue"]),
                              *env_args], capture_output=True, text=True)
    assert QUOTE[:40] in listing.stdout
    item = _pending_item(workspace)
    acc = subprocess.run([sys.executable, "-m", "components", "review", "--queue", str(workspace["queue"]),
                          "--accept", str(item["id"]), "--speaker-id", "vladimir-putin", "--topic", "diplomacy",
                          *env_args], capture_output=True, text=True)
    assert acc.returncode == 0, acc.stderr
    assert "Accepted item" in acc.stdout
    files = list((workspace["data"] / "statements").glob("*.yaml"))
    assert any(QUOTE in f.read_text(encoding="utf-8") for f in files)


def test_ingesting_a_bad_file_says_so_and_queues_nothing(workspace, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run = subprocess.run([sys.executable, "-m", "components", "ingest", str(empty), "--queue",
                          str(workspace["queue"]), "--data-dir", str(workspace["data"])],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "empty.txt" in run.stderr
    assert review.list_items(workspace["queue"]) == []


def test_context_is_the_sentence_around_the_quote():
    text = "First sentence here. He said \"we agree\" on Monday. Last one."
    start = text.index("we agree")
    assert review.context_around(text, start, start + len("we agree")) == 'He said "we agree" on Monday.'


def test_context_never_exceeds_the_limit_and_keeps_the_quote():
    text = ("word " * 200) + "QUOTE HERE" + (" word" * 200)
    start = text.index("QUOTE HERE")
    ctx = review.context_around(text, start, start + 10)
    assert "QUOTE HERE" in ctx and len(ctx) <= 400 and ctx in text


def test_queue_yaml_is_readable_by_people(workspace):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    review.accept(workspace["queue"], _pending_item(workspace)["id"], workspace["data"], workspace["db"],
                  speaker_id="vladimir-putin", topics=["diplomacy"])
    src = workspace["data"] / "sources" / "ingested.yaml"
    assert yaml.safe_load(src.read_text(encoding="utf-8"))[0]["publisher"] == "Al Jazeera"


def _review_page(workspace, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    import streamlit as st

    monkeypatch.setenv("TIMELINE_DB", str(workspace["db"]))
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(workspace["data"]))
    monkeypatch.setenv("TIMELINE_QUEUE", str(workspace["queue"]))
    monkeypatch.setenv("TIMELINE_EDIT", "1")
    st.cache_data.clear()
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("review")
    return at.run()


def test_review_page_is_off_unless_editing_is_enabled(workspace, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    monkeypatch.setenv("TIMELINE_DB", str(workspace["db"]))
    monkeypatch.delenv("TIMELINE_EDIT", raising=False)
    at = AppTest.from_file(str(config.ROOT / "dashboard.py"), default_timeout=60)
    at._page_hash = calc_hash("review")
    at.run()
    assert not at.exception
    assert "Review extracted quotes" not in [t.value for t in at.title]


def test_review_page_accepts_a_quote_into_the_dataset(workspace, monkeypatch):
    review.ingest_files([str(ARTICLE)], workspace["queue"], workspace["data"])
    item = _pending_item(workspace)
    at = _review_page(workspace, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert "Review extracted quotes" in [t.value for t in at.title]
    at.selectbox(key="rv_item").set_value(item["id"]).run()
    page_html = "".join(h.proto.body for h in at.get("html"))
    assert "<mark>" in page_html  # the quote is highlighted in its article
    at.multiselect[-1].set_value(["diplomacy"])
    at.button[0].click().run()  # "Accept and publish" (the form's first submit button)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Published as" in s.value for s in at.success), [e.value for e in at.error]
    rows = fetch_statements(workspace["db"], Filters(text="defeat for Russia"))
    assert QUOTE in rows["text"].tolist()
