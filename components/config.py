"""Paths and constants shared by the CLI, the build and the pages."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "timeline.db"
# ../shared beside the clone holds the corpus texts that provenance checks read.
SHARED_DIR = Path(os.environ.get("TIMELINE_SHARED", ROOT.parent / "shared"))

SCHEMA_VERSION = 1

CATEGORIES = ("diplomacy", "military", "economy", "un", "humanitarian", "security", "politics")
ACTOR_KINDS = ("person", "organisation", "state", "media")
SOURCE_KINDS = ("wire", "newspaper", "broadcaster", "official", "reference", "aggregator", "blog")
EVENT_PRECISIONS = ("day", "month", "year")
STATEMENT_PRECISIONS = ("day", "week", "month", "year")
PARTS = ("initiator", "counterpart", "participant", "mentioned")
QUOTE_KINDS = ("direct", "partial")

# The periods coverage is reported in (timeline stats, About page): label, first day, last day.
PERIODS = (
    ("1944–1990", "0001-01-01", "1990-12-31"),
    ("1991–2010", "1991-01-01", "2010-12-31"),
    ("2011 – 29 Sep 2015", "2011-01-01", "2015-09-29"),
    ("30 Sep 2015 – 7 Dec 2024", "2015-09-30", "2024-12-07"),
    ("8 Dec 2024 onwards", "2024-12-08", "9999-12-31"),
)

COUNTRY_NAMES = {
    "SY": "Syria", "RU": "Russia", "US": "United States", "TR": "Turkey", "IR": "Iran", "CN": "China",
    "FR": "France", "GB": "United Kingdom", "UA": "Ukraine", "KZ": "Kazakhstan", "CH": "Switzerland",
    "BR": "Brazil", "IL": "Israel", "SA": "Saudi Arabia", "QA": "Qatar", "AE": "United Arab Emirates",
    "SU": "Soviet Union",
}


def db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The database path: --db, else $TIMELINE_DB, else data/timeline.db."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("TIMELINE_DB")
    return Path(env) if env else DEFAULT_DB


def data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """The folder of YAML source files: --data-dir, else $TIMELINE_DATA_DIR, else data/."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("TIMELINE_DATA_DIR")
    return Path(env) if env else DATA_DIR
