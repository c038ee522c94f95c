"""The dataset's version: the day its content last changed and a hash of that content.

The hash covers the rows the build writes (not the code or the file layout), so reformatting a YAML file
keeps the version and correcting one date changes it. The date is kept from the previous build while the
content hash is the same, so `timeline build --force` over unchanged data keeps the version too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

HASH_CHARS = 8


def content_hash(rows: dict[str, list[dict]]) -> str:
    """SHA-256 of every table's rows in a canonical JSON form (sorted keys, tables in name order)."""
    canonical = json.dumps({t: rows[t] for t in sorted(rows)}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_meta(rows: dict[str, list[dict]], old_meta: dict[str, str], today: dt.date | None = None) -> dict:
    """The meta entries of a build: content_hash, dataset_date and dataset_version ('2026-12-01.1a2b3c4d')."""
    digest = content_hash(rows)
    if old_meta.get("content_hash") == digest and old_meta.get("dataset_date"):
        day = old_meta["dataset_date"]
    else:
        day = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    return {"content_hash": digest, "dataset_date": day, "dataset_version": f"{day}.{digest[:HASH_CHARS]}"}


def version_of(meta: dict[str, str]) -> str:
    """The version to show ('unversioned' for a database built before versions were recorded)."""
    return meta.get("dataset_version") or "unversioned"
