"""The dataset version's content hash: independent of row order, changed by any value, and the same when the
rows arrive in two parts (an incremental accept) as when they are hashed at once (a full build)."""

from __future__ import annotations

import datetime as dt

from components import store, version

ROWS = {
    "topics": [{"id": "diplomacy", "label": "Diplomacy", "description": None},
               {"id": "energy", "label": "Energy", "description": "Oil and gas"}],
    "statements": [{"id": f"st-{i}", "text": f"quote {i}", "date_start": f"2024-01-{i + 1:02d}", "relayed": i % 2}
                   for i in range(5)],
    "statement_topics": [{"statement_id": f"st-{i}", "topic_id": "diplomacy"} for i in range(5)],
}
DAY = dt.date(2026, 12, 2)


def _version(rows, old=None):
    return version.version_meta(rows, old or {}, today=DAY)["dataset_version"]


def test_the_version_keeps_its_shape_date_dot_eight_hex_digits():
    day, digest = _version(ROWS).split(".")
    assert day == "2026-12-02"
    assert len(digest) == 8 and all(c in "0123456789abcdef" for c in digest)


def test_row_order_does_not_change_the_version():
    shuffled = {t: list(reversed(v)) for t, v in reversed(list(ROWS.items()))}
    assert _version(shuffled) == _version(ROWS)


def test_any_changed_value_changes_the_version():
    for table, col, value in [("topics", "description", "Oil"), ("statements", "relayed", 1),
                              ("statements", "text", "quote 0 "), ("topics", "description", "")]:
        changed = {t: [dict(r) for r in v] for t, v in ROWS.items()}
        changed[table][0][col] = value
        assert _version(changed) != _version(ROWS), (table, col, value)


def test_a_moved_value_or_a_dropped_row_changes_the_version():
    swapped = {**ROWS, "topics": [{**ROWS["topics"][0], "label": "Energy"}, {**ROWS["topics"][1], "label": "Diplomacy"}]}
    assert _version(swapped) != _version(ROWS)
    assert _version({**ROWS, "statements": ROWS["statements"][1:]}) != _version(ROWS)
    assert _version({**ROWS, "statements": ROWS["statements"] * 2}) != _version(ROWS)  # a duplicated row counts


def test_adding_rows_to_the_kept_sums_gives_the_version_of_all_rows():
    first = {t: v[:2] for t, v in ROWS.items()}
    rest = {t: v[2:] for t, v in ROWS.items() if t != "topics"}
    sums = version.add_sums(version.load_sums(version.dump_sums(version.table_sums(first))), version.table_sums(rest))
    assert version.version_meta_of_sums(sums, {}, today=DAY) == version.version_meta(ROWS, {}, today=DAY)


def test_grown_meta_equals_the_meta_of_a_build_over_all_rows():
    rows = {**ROWS, "events": [{"id": "ev-1", "date_start": "2023-05-01"}]}
    first = {t: v[:2] for t, v in rows.items()}
    rest = {t: v[2:] for t, v in rows.items() if t in ("statements", "statement_topics")}
    old = store.build_meta(first, "old-input", {})
    assert store.grown_meta(old, rest, "new-input") == store.build_meta(rows, "new-input", old)
