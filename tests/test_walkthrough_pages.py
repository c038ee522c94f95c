"""AppTest checks for what the real-browser walk-through (issue 14) found on the pages: quick ranges that
filter everything, undated statements accounted for, the timeline's table, statement and crowded-day
detail, every chart with words and downloads, role histories, no raw values, a long paste cut with a note.

The expected values come from SQL on the test database (the `sql` fixture), not from the page code.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_pages import figure, figure_dates, ok, open_page, timeline_counts, unmd

pytest_plugins = ["conftest_pages"]

SHARAA = "ahmed-al-sharaa"


def html_blocks(at) -> list[str]:
    return [h.value for h in at.get("html")]


def download_labels(at) -> list[str]:
    return [b.label for b in at.get("download_button")]


def test_last_12_months_is_a_filter_that_counts_back_from_the_data(app_env, sql):
    data_to = sql("SELECT value FROM meta WHERE key = 'data_to'")[0][0]
    cutoff = (dt.date.fromisoformat(data_to) - dt.timedelta(days=365)).isoformat()
    at = ok(open_page("timeline", range="12m"))
    assert at.segmented_control(key="tl_range").options[-1] == f"Last 12 months of data (to {data_to})"
    events = sql("SELECT count(*) FROM events WHERE date_end >= ?", cutoff)[0][0]
    statements = sql("SELECT count(*) FROM statements WHERE date_sort >= ?", cutoff)[0][0]
    assert timeline_counts(at) == (events, statements), "the counts follow the quick range"
    assert min(figure_dates(figure(at, 0))) >= cutoff[:7], "nothing older is drawn"
    assert f"⬇ CSV ({events:,} rows)" in download_labels(at), "the download holds the same rows"
    words = " ".join(html_blocks(at))
    assert f"Shown: {cutoff}" in words or f"from {cutoff}" in words, "the caption names the window"


def test_undated_statements_are_counted_and_pointed_to(app_env, sql):
    undated = sql("SELECT count(*) FROM statements WHERE date_start IS NULL")[0][0]
    at = ok(open_page("timeline"))
    note = next(t for t in (unmd(m.value) for m in at.markdown) if "have no date" in t)
    assert note.startswith(f"{undated:,} statements") and "(quotes)" in note


def opened_table(at):
    """The events table after its expander is opened (it is built only then, as a click on it would)."""
    at.session_state["tl_table_open"] = True
    return next(d.value for d in ok(at.run()).dataframe if "Event" in d.value.columns)


def test_the_table_of_events_is_the_charts_text_alternative(app_env, sql):
    at = ok(open_page("timeline", range="2024-12"))
    assert not [d for d in at.dataframe if "Event" in d.value.columns], "a closed table is not built"
    n = sql("SELECT count(*) FROM events WHERE date_end >= '2024-12-08'")[0][0]
    table = opened_table(at)
    assert len(table) == n and {"Date", "Event", "Category", "Importance", "Tone", "Actors"} <= set(table.columns)
    assert not table.isna().any().any()


def test_a_statement_opens_in_the_detail_panel(app_env, sql):
    sid, text = sql("SELECT id, text FROM statements WHERE date_start IS NOT NULL ORDER BY date_sort DESC LIMIT 1")[0]
    at = ok(open_page("timeline", event=f"st:{sid}"))
    panel = " ".join(html_blocks(at))
    assert f"data-statement-id='{sid}'" in panel
    assert any(f"quotes?quote={sid}" in m.value for m in at.markdown), "a link to its own page"


def test_a_crowded_day_lists_every_event_of_that_day(app_env, sql):
    day, n = sql("SELECT date, count(*) FROM events GROUP BY date HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 1")[0]
    first, *others = [r for r in sql("SELECT id, title FROM events WHERE date = ? ORDER BY id", day)]
    at = ok(open_page("timeline", event=first[0]))
    buttons = {b.label for b in at.button}
    assert {title for _, title in others} <= buttons, "each other event of the day is one click away"
    assert any(f"({n - 1} more event" in unmd(m.value) for m in at.markdown)


@pytest.mark.parametrize("page, n_charts", [("timeline", 3), ("officials", 1), ("topics", 2)])
def test_every_chart_has_words_and_exports(app_env, page, n_charts):
    at = ok(open_page(page))
    assert len(at.get("plotly_chart")) == n_charts
    words = [h for h in html_blocks(at) if "In words:" in h]
    assert len(words) == n_charts and all(len(re.sub("<[^>]+>", "", w)) > 40 for w in words)
    for fmt in ("PNG", "SVG", "PDF", "HTML"):
        assert sum(label == f"⬇ {fmt}" for label in download_labels(at)) == n_charts, (fmt, download_labels(at))
    assert not [h for h in html_blocks(at) if "see the data export" in h]


def test_officials_page_role_history_and_tables_have_no_raw_values(app_env, sql):
    at = ok(open_page("officials", official=SHARAA))
    roles = next(d.value for d in at.dataframe if "Title" in d.value.columns)
    open_roles = sql("SELECT count(*) FROM roles WHERE actor_id = ? AND start IS NOT NULL AND \"end\" IS NULL", SHARAA)
    assert (roles["To"] == "incumbent").sum() == open_roles[0][0] >= 1
    undated = sql("SELECT count(*) FROM roles WHERE actor_id = ? AND start IS NULL AND \"end\" IS NULL", SHARAA)[0][0]
    assert (roles["From"] == "date not sourced").sum() == undated
    for frame in (d.value for d in at.dataframe):
        shown = {str(v) for v in frame.drop(columns=["Source link"], errors="ignore").values.ravel()}
        assert not shown & {"None", "nan", "NaN", "unknown"}, shown & {"None", "nan", "unknown"}
    topic_ids = {r[0] for r in sql("SELECT id FROM topics")}
    lanes = {y for t in figure(at, 0)["data"] for y in t.get("y", [])}
    assert lanes and not lanes & topic_ids, "the chart's lanes are topic labels, not ids"
    assert any("CSV" in label for label in download_labels(at)), "the data download the caption points to"


def test_a_long_paste_keeps_500_characters_and_says_so(app_env):
    at = ok(open_page("timeline"))
    at.sidebar.text_input(key="flt_q_sidebar").set_value("sovereignty " * 60).run()
    ok(at)
    assert len(at.session_state["flt_q"]) == 500
    assert any("Only the first 500 characters" in unmd(c.value) for c in at.sidebar.caption)


@pytest.mark.parametrize("word", ["Tartus", "bases"])
def test_search_ranks_the_quotes_own_words_first_and_marks_a_context_match(pages_db, sql, word):
    from components import cards, queries
    from components.filters import Filters

    own = {r[0] for r in sql("SELECT s.id FROM statements s JOIN statements_fts f ON f.rowid = s.rowid "
                             "WHERE statements_fts MATCH ?", f'text: "{word}"')}
    every = {r[0] for r in sql("SELECT s.id FROM statements s JOIN statements_fts f ON f.rowid = s.rowid "
                               "WHERE statements_fts MATCH ?", f'"{word}"')}
    rows = queries.fetch_statements(pages_db, Filters(text=word), limit=len(every) or 1, order="rank")
    order = [sid in own for sid in rows["id"]]
    assert order == sorted(order, reverse=True), "every quote matching in its own words comes first"
    context_only = rows[~rows["id"].isin(own)]
    for r in context_only.itertuples():
        if isinstance(r.context_hl, str) and queries.HL_OPEN in r.context_hl:
            html = cards.context_hit_html(r.text_hl, r.context_hl)
            assert "Matched in the surrounding text" in html and "<mark>" in html


def test_downloads_keep_the_order_shown_on_screen(app_env, pages_db):
    from components import exporting, queries
    from components.filters import Filters

    f = Filters(date_from="2024-12-08")
    at = ok(open_page("timeline", range="2024-12"))
    table = opened_table(at)
    import io

    import pandas as pd

    raw = exporting.frame_csv(queries.fetch_events_for_export(pages_db, f))
    csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert csv["title"].tolist() == table["Event"].tolist(), "row i of the CSV is row i of the table on screen"
