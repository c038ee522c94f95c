"""The extraction entry point: an ``Article`` in, a plain dict out (what the review queue stores and
``timeline extract`` prints). The stages themselves are in ``pipeline.py``."""

from __future__ import annotations

from components.ingest.gazetteer import Gazetteer, load_actors
from components.ingest.pipeline import run
from components.ingest.reader import Article

__all__ = ["extract", "load_actors"]


def extract(article: Article, actors: list[dict] | None = None, *, gazetteer: Gazetteer | None = None) -> dict:
    """Statements, events and actors found in ``article``. The gazetteer is ``gazetteer`` when given,
    else built from ``actors`` (no places)."""
    gaz = gazetteer if gazetteer is not None else Gazetteer(list(actors or []))
    return run(article, gaz).to_dict()
