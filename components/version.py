"""The dataset's version: the day its content last changed and a hash of that content.

The hash covers the rows the build writes (not the code or the file layout), so reformatting a YAML file
keeps the version and correcting one date changes it. The date is kept from the previous build while the
content hash is the same, so `timeline build --force` over unchanged data keeps the version too.

The hash does not depend on the order of rows: each table's digest is its row count and the sum, modulo
2**256, of the SHA-256 of every row's canonical JSON. An incremental update (components.increment) adds the
digests of the rows it inserts to the sums kept in meta (`table_hashes`) and gets the value a full rebuild
of the same files computes, without reading the tables back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator

HASH_CHARS = 8
_MOD = 1 << 256
_encode_row = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode

TableSums = dict[str, tuple[int, int]]  # table -> (row count, sum of row digests mod 2**256)


def row_sum(rows: list[dict]) -> int:
    """Sum mod 2**256 of the SHA-256 of each row's values (JSON, columns in name order): any row order gives
    the same sum. Every row has the keys of the first (as store._rows() makes them)."""
    if not rows:
        return 0
    cols = sorted(rows[0])
    get = operator.itemgetter(*cols) if len(cols) > 1 else (lambda r, c=cols[0]: (r[c],))
    sha, from_bytes, total = hashlib.sha256, int.from_bytes, 0
    for text in map(_encode_row, map(get, rows)):
        total += from_bytes(sha(text.encode("utf-8")).digest())
    return total % _MOD


def table_sums(rows: dict[str, list[dict]]) -> TableSums:
    """(count, row sum) per table."""
    return {t: (len(v), row_sum(v)) for t, v in rows.items()}


def add_sums(old: TableSums, new: TableSums) -> TableSums:
    """The sums of a dataset holding old's rows and new's rows."""
    out = dict(old)
    for t, (n, s) in new.items():
        n0, s0 = out.get(t, (0, 0))
        out[t] = (n0 + n, (s0 + s) % _MOD)
    return out


def dump_sums(sums: TableSums) -> str:
    """The meta value `table_hashes`: {table: [count, sum as 64 hex digits]} in a canonical JSON form."""
    return json.dumps({t: [n, f"{s:064x}"] for t, (n, s) in sorted(sums.items())}, sort_keys=True)


def load_sums(text: str) -> TableSums:
    return {t: (int(n), int(s, 16)) for t, (n, s) in json.loads(text).items()}


def hash_of_sums(sums: TableSums) -> str:
    """The content hash: SHA-256 of the canonical table digests."""
    return hashlib.sha256(dump_sums(sums).encode("utf-8")).hexdigest()


def content_hash(rows: dict[str, list[dict]]) -> str:
    """The content hash of every table's rows (independent of their order)."""
    return hash_of_sums(table_sums(rows))


def version_meta(rows: dict[str, list[dict]], old_meta: dict[str, str], today: dt.date | None = None) -> dict:
    """The meta entries of a build: content_hash, dataset_date, dataset_version ('2026-12-01.1a2b3c4d') and
    table_hashes (what an incremental update adds to)."""
    return version_meta_of_sums(table_sums(rows), old_meta, today)


def version_meta_of_sums(sums: TableSums, old_meta: dict[str, str], today: dt.date | None = None) -> dict:
    """version_meta() from table digests already computed (an incremental update's old sums plus its rows')."""
    digest = hash_of_sums(sums)
    if old_meta.get("content_hash") == digest and old_meta.get("dataset_date"):
        day = old_meta["dataset_date"]
    else:
        day = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    return {"content_hash": digest, "dataset_date": day, "dataset_version": f"{day}.{digest[:HASH_CHARS]}",
            "table_hashes": dump_sums(sums)}


def version_of(meta: dict[str, str]) -> str:
    """The version to show ('unversioned' for a database built before versions were recorded)."""
    return meta.get("dataset_version") or "unversioned"
