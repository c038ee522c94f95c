"""Accepting a reviewed Russian or Arabic quote keeps its language on the statement and its source
(a temporary copy of the test data; never data/ or the real queue)."""

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components import review  # noqa: E402
from components.schema import load_dataset  # noqa: E402
from components.store import build  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "data"


@pytest.mark.parametrize("lang, body", [
    ("ru", "«Базы останутся в Сирии», — заявил Сергей Лавров журналистам."),
    ("ar", 'وقال الرئيس فلاديمير بوتين إن "العلاقات مع سوريا قوية وستبقى كذلك".'),
])
def test_accepted_statement_keeps_its_language(tmp_path, lang, body):
    data, db, queue = tmp_path / "data", tmp_path / "timeline.db", tmp_path / "queue.db"
    shutil.copytree(FIXTURE, data)
    build(data, db)
    article = tmp_path / f"{lang}.txt"
    article.write_text(f"url: https://example.org/{lang}\npublished: 2025-10-15\npublisher: Wire\n\n{body}\n",
                       encoding="utf-8")
    review.ingest_files([str(article)], queue, data)
    item = review.list_items(queue)[0]
    assert item["item"]["language"] == lang
    sid = review.accept(queue, item["id"], data, db, topics=["diplomacy"])
    ds, issues = load_dataset(data)
    st = next(s for s in ds.statements if s["id"] == sid)
    src = next(s for s in ds.sources if s["id"] == st["source_id"])
    assert (st["language"], src["language"]) == (lang, lang)
