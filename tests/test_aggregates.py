"""The Timeline's activity and tone charts read counts written at build time: they must say exactly what a
count over every matching row says, for every filter the counts answer (and fall back for the others)."""

from __future__ import annotations

import pandas as pd
import pytest

from components import aggregates, queries
from components.filters import Filters
from devtools import synth


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    ds, facts = synth.generate(3000, seed=7)
    path = tmp_path_factory.mktemp("agg") / "agg.db"
    synth.build_fast(ds, facts, path)
    return path, facts


FILTERS = [
    Filters(),
    Filters(date_from="2024-03-01", date_to="2026-03-01"),
    Filters(date_from="2024-03-17", date_to="2025-11-03"),
    Filters(date_from="2019"),
    Filters(date_to="2012-06"),
    Filters(date_from="2025-02-28", date_to="2025-03-01"),
    Filters(date_from="2025-05-10", date_to="2025-05-20"),  # inside one month: rows only
]


def _scan(monkeypatch, fn, *args, **kw):
    with monkeypatch.context() as m:
        m.setattr(aggregates, "answers", lambda f: False)
        return fn(*args, **kw)


@pytest.mark.parametrize("freq", ["year", "month"])
@pytest.mark.parametrize("i", range(len(FILTERS) * 2))
def test_activity_from_counts_equals_a_count_of_the_rows(db, monkeypatch, freq, i):
    path, facts = db
    f = FILTERS[i % len(FILTERS)]
    if i >= len(FILTERS):
        f = f.with_(topics=(facts["top_topic"],))
    assert aggregates.answers(f)
    got = queries.fetch_activity(path, f, freq=freq)
    want = _scan(monkeypatch, queries.fetch_activity, path, f, freq=freq)
    assert not want.empty or f.date_from == "2025-05-10"
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("i", range(len(FILTERS) * 2))
def test_barometer_from_counts_equals_the_rows(db, monkeypatch, i):
    path, facts = db
    f = FILTERS[i % len(FILTERS)]
    if i >= len(FILTERS):
        f = f.with_(topics=(facts["top_topic"],))
    got = queries.fetch_barometer(path, f)
    want = _scan(monkeypatch, queries.fetch_barometer, path, f)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)


def test_filters_the_counts_cannot_answer_go_to_the_rows(db):
    path, facts = db
    assert not aggregates.answers(Filters(text="syria"))
    assert not aggregates.answers(Filters(actors=(facts["top_speaker"],)))
    assert not aggregates.answers(Filters(topics=("diplomacy", "military-bases")))


def test_speaker_facet_counts_every_statement(db):
    path, facts = db
    top, total = queries.fetch_speaker_facet(path, 5)
    assert total == 3000
    assert top["speaker_id"].dropna().iloc[0] == facts["top_speaker"]  # unattributed quotes (NULL) count too
    assert len(top) == 6


@pytest.mark.parametrize("d_from, d_to, want", [
    ("2024-03-01", "2026-03-01", ("2024-03", "2026-02")),
    ("2024-03-02", "2026-03-31", ("2024-04", "2026-03")),
    ("2024", "2024", ("2024-01", "2024-12")),
    ("2024-12-15", "2025-01-10", ("2025-01", "2024-12")),  # no whole month: first > last
    (None, "2025-02-28", ("0000-00", "2025-02")),
])
def test_month_window(d_from, d_to, want):
    assert aggregates.month_window(d_from, d_to)[:2] == want
