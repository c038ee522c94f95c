"""Coverage per period: the query counts what the database holds; the chart says it in words too."""

from __future__ import annotations

import pandas as pd

from components.coverage import coverage_figure, coverage_summary
from components.queries import fetch_coverage


def test_fixture_coverage_per_period_and_language(built_db):
    # The fixture: events in 1944, 1971, 2015 and three from 2025; five dated statements (2025), one undated.
    df = fetch_coverage(built_db).set_index("period")
    assert df["events"].tolist() == [2, 0, 0, 1, 3, 0]
    assert df["statements"].tolist() == [0, 0, 0, 0, 5, 1]
    assert df.loc["8 Dec 2024 onwards", "en"] == 5


def test_the_chart_draws_every_language_and_says_the_counts_in_words():
    df = pd.DataFrame([{"period": "1944–1990", "events": 3, "statements": 2, "en": 1, "ru": 1, "ar": 0},
                       {"period": "undated", "events": 0, "statements": 4, "en": 1, "ru": 0, "ar": 3}])
    fig = coverage_figure(df)
    assert [t.name for t in fig.data] == ["Events", "Statements in Arabic", "Statements in English",
                                          "Statements in Russian"]
    assert coverage_summary(df) == "1944–1990: 3 events, 2 statements; 4 statements have no date the sources settle."
