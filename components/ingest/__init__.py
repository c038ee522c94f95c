"""Article ingestion: read an article file and extract quotations, speakers, dates and events.

Public API::

    from components.ingest import read_article, extract, load_actors, IngestError, Article
    from components.ingest.evaluate import evaluate_dir, format_report
"""

from components.ingest.reader import Article, IngestError, read_article
from components.ingest.extract import extract, load_actors

__all__ = ["Article", "IngestError", "read_article", "extract", "load_actors"]
