"""Unit tests for what the real-browser walk-through (issue 14) found, in the pure layers: chart words and
labels, era bounds, gaps, exported captions, role histories, raw values, reposted copies, grouped copies, CSV.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from components import cards, chartnotes, charts, display, exporting, queries

# --- helpers ----------------------------------------------------------------------------------------


def events_frame(rows: list[tuple]) -> pd.DataFrame:
    """(id, date, precision, importance, category, title) -> the columns timeline_figure reads."""
    out = []
    for eid, date, precision, importance, category, title in rows:
        start = date if len(date) == 10 else (f"{date}-01" if len(date) == 7 else f"{date}-01-01")
        end = date if len(date) == 10 else (f"{date}-28" if len(date) == 7 else f"{date}-12-31")
        out.append({"id": eid, "date": date, "date_precision": precision, "end_date": None, "title": title,
                    "category": category, "importance": importance, "tone": 3, "date_start": start,
                    "date_end": end, "initiator_id": None, "initiator_country": "RU", "actor_names": "",
                    "topic_ids": "bases", "primary_topic": "bases", "source_urls": ""})
    return pd.DataFrame(out)


def statements_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([{"id": sid, "text": text, "speaker_name": "Sergey Lavrov", "said_on": day,
                          "said_on_precision": "day" if day else None, "date_start": day, "topic_ids": "bases"}
                         for sid, day, text in rows])


# --- labels of the most important events ------------------------------------------------------------

def test_labels_never_overlap_and_prefer_the_most_important():
    days = pd.date_range("2020-01-01", "2025-12-01", freq="17D")
    ev = events_frame([(f"e{i}", d.strftime("%Y-%m-%d"), "day", 3 if i % 9 == 0 else 1, "diplomacy",
                        f"Event number {i} with a long title") for i, d in enumerate(days)])
    ev["lane"] = "Diplomacy"
    labels = chartnotes.place_labels(ev, "2020-01-01", "2025-12-31", plot_px=620)
    assert 2 <= len(labels) <= chartnotes.MAX_LABELS
    assert set(labels["importance"]) == {3}, "the most important events are labelled first"
    per_px = (pd.Timestamp("2025-12-31") - pd.Timestamp("2020-01-01")).days / 620
    spans = []
    for r in labels.itertuples():  # the boxes as a reader sees them, from the drawn text
        centre = (pd.Timestamp(r.date_start) - pd.Timestamp("2020-01-01")).days
        width = len(r.label) * chartnotes.LABEL_PX_PER_CHAR * per_px
        a = {"center": centre - width / 2, "left": centre, "right": centre - width}[r.anchor]
        spans.append((a, a + width))
    spans.sort()
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:])), spans


def test_a_label_near_the_right_edge_ends_at_its_event():
    ev = events_frame([("late", "2025-12-20", "day", 3, "diplomacy", "Al-Sharaa in Moscow again")])
    labels = chartnotes.place_labels(ev, "2020-01-01", "2025-12-31", plot_px=620)
    assert labels["anchor"].tolist() == ["right"], "kept (not dropped for the edge) and drawn leftwards"



def test_events_on_the_same_day_in_two_lanes_are_both_labelled():
    """A lane is a row taller than a label: the same day in two lanes has room for both labels."""
    ev = events_frame([("up", "2023-05-01", "day", 3, "diplomacy", "Talks in Moscow"),
                       ("down", "2023-05-01", "day", 3, "military", "Strikes near Idlib"),
                       ("same", "2023-05-02", "day", 2, "diplomacy", "Second day of talks")])
    ev["lane"] = ["Diplomacy", "Military", "Diplomacy"]
    labels = chartnotes.place_labels(ev, "2020-01-01", "2025-12-31", plot_px=620,
                                     lane_rows={"Diplomacy": 0, "Military": 1})
    assert sorted(labels["id"]) == ["down", "up"], "the next day in the same lane would overlap"

@pytest.mark.parametrize("title, expected", [
    ("Short title", "Short title"),
    ("Al-Sharaa makes his first official visit to Moscow since taking power", "Al-Sharaa makes his first…"),
])
def test_short_titles_cut_at_a_word(title, expected):
    assert chartnotes.short_title(title, 28) == expected


def test_timeline_labels_are_drawn_at_twelve_px_or_more():
    ev = events_frame([("a", "2024-12-08", "day", 3, "politics", "Assad falls"),
                       ("b", "2025-10-15", "day", 3, "diplomacy", "Al-Sharaa in Moscow")])
    fig = charts.timeline_figure(ev, None)
    texts = [a.text for a in fig.layout.annotations if a.name == "event-label"]
    assert texts == ["Assad falls", "Al-Sharaa in Moscow"]
    sizes = [a.font.size for a in fig.layout.annotations] + [fig.layout.legend.font.size]
    assert min(sizes) >= 12, sizes


# --- eras, axis and gaps --------------------------------------------------------------------------

def test_eras_keep_their_true_bounds_and_the_axis_ends_at_the_data():
    ev = events_frame([("a", "2025-09-01", "day", 2, "diplomacy", "A"), ("b", "2025-11-01", "day", 2, "economy", "B")])
    fig = charts.timeline_figure(ev, None)
    shapes = {(s.x0, s.x1) for s in fig.layout.shapes}
    after_assad = [s for s in shapes if s[0] == "2024-12-08"]
    assert after_assad, f"'After Assad' starts on 8 December 2024, not at the first event shown: {shapes}"
    lo, hi = fig.layout.xaxis.range
    assert lo >= "2025-07-01" and hi <= "2025-12-31", "the axis shows the data, the era is clipped by it"
    assert all(s[1] <= hi for s in shapes), "no era runs into an empty future past the axis"


def test_barometer_line_breaks_where_no_event_was_scored():
    barometer = pd.DataFrame({"period": ["1980-01", "1980-02", "2010-05"], "mean_tone": [5.0, 4.0, -2.0],
                              "n": [1, 2, 1], "min_tone": [5, 3, -2], "max_tone": [5, 5, -2]})
    fig = charts.barometer_figure(barometer)
    y = list(fig.data[0].y)
    assert y[0] == 5.0 and y[1] == 4.0 and y[-1] == -2.0
    assert all(pd.isna(v) for v in y[2:-1]) and len(y) > 300, "months without events are gaps, not joined"
    assert fig.data[0].connectgaps is False


def test_topic_lines_count_zero_in_years_with_nothing_tagged():
    trends = pd.DataFrame({"period": ["1980", "2010"], "topic_id": ["bases", "bases"], "label": ["Bases", "Bases"],
                           "n": [3, 4]})
    fig = charts.topic_trends_figure(trends)
    assert list(fig.data[0].x)[:2] == ["1980", "1981"] and list(fig.data[0].y)[1] == 0


# --- exported captions and titles -------------------------------------------------------------------

def test_caption_names_the_window_and_where_every_source_is_listed():
    cap = charts.Caption(filters="Filters: topics: Bases", data_date="2026-02-18", sources="TASS, SANA", more=41)
    text = cap.with_window("2024-12-08", "2026-02-18").text()
    assert "Shown: 2024-12-08 to 2026-02-18" in text
    assert "TASS, SANA and 41 more publishers, every one listed in the data download" in text
    assert "see the data export" not in charts.Caption().text(), "no pointer to an export that does not exist"


def test_a_long_title_wraps_instead_of_running_off_the_image():
    title = "Events and statements: " + "; ".join(f"officials: Official number {i}" for i in range(8))
    fig = charts.timeline_figure(events_frame([("a", "2025-01-01", "day", 2, "un", "A")]), None, title=title)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and max(len(line) for line in lines) <= charts.TITLE_WRAP


def test_screen_version_leaves_words_to_the_page_and_export_keeps_them():
    fig = charts.timeline_figure(events_frame([("a", "2025-01-01", "day", 2, "un", "A")]), None, title="T")
    screen = charts.screen_version(fig)
    assert fig.layout.title.text == "T" and any(a.name == "caption" for a in fig.layout.annotations)
    assert not screen.layout.title.text and not any(a.name == "caption" for a in screen.layout.annotations)
    assert screen.layout.showlegend is False and charts.legend_items(fig), "the page draws the legend"
    assert charts.meta_of(fig)["summary"].startswith("1 event from January 2025")


def test_summary_says_how_many_undated_statements_are_not_drawn():
    ev = events_frame([("a", "2025-01-01", "day", 2, "un", "A")])
    st = statements_frame([("s1", "2025-02-01", "We stay."), ("s2", None, "Undated words.")])
    fig = charts.timeline_figure(ev, st, undated=1)
    assert "1 statement without a date are not drawn" in charts.meta_of(fig)["summary"]


def test_speaker_chart_lanes_are_topic_labels_not_ids():
    st = statements_frame([("s1", "2025-02-01", "We stay.")])
    fig = charts.speaker_timeline_figure(st, title="T", topic_labels={"bases": "Russian military bases"})
    assert list(fig.data[0].y) == ["Russian military bases"]


# --- pages' tables and cards ------------------------------------------------------------------------

def test_role_history_says_incumbent_and_date_not_sourced():
    roles = pd.DataFrame([
        {"title": "Interim President", "organisation": None, "start": "2025-01-29", "end": None,
         "source_url": "https://example.org/a", "publisher": "SANA"},
        {"title": "Leader of Hayat Tahrir al-Sham", "organisation": None, "start": None, "end": None,
         "source_url": None, "publisher": None},
        {"title": "Leader of the new administration", "organisation": "Syria", "start": "2024-12-08",
         "end": "2025-01-29", "source_url": None, "publisher": None}])
    rows = display.role_rows(roles)
    assert rows[["From", "To"]].values.tolist() == [["2025-01-29", "incumbent"], ["date not sourced", ""],
                                                    ["2024-12-08", "2025-01-29"]]
    shown = " ".join(str(v) for v in rows.drop(columns=["Source link"]).values.ravel())
    assert "unknown" not in shown and "None" not in shown and "nan" not in shown


def test_readable_tables_have_no_raw_values():
    frame = pd.DataFrame({"name": ["A", None], "country": ["RU", None], "n": [1, float("nan")]})
    out = display.readable(frame)
    assert out.values.tolist() == [["A", "Russia", 1], ["", "Unattributed", ""]]


def test_actor_label_has_no_nan_for_an_actor_without_country():
    from components.views.state import actor_label

    ref = {"actors": pd.DataFrame([{"id": "x", "name": "Unnamed official", "country": float("nan"),
                                    "aliases": "[]"}])}
    assert actor_label(ref)("x") == "Unnamed official"


def _statement(sid: str, publisher: str, url: str, text: str = "Russia will keep its bases.", title="An article"):
    return {"id": sid, "text": text, "context": "", "speaker_id": "sergey-lavrov", "speaker_label": "Lavrov",
            "speaker_name": "Sergey Lavrov", "speaker_role": None, "role_on_date": "Foreign Minister",
            "speaker_country": "RU", "said_on": "2025-01-28", "said_on_precision": "day", "date_start": "2025-01-28",
            "quote_kind": "direct", "relayed": 0, "language": "en", "topic_ids": "bases", "event_id": "ev-1",
            "event_title": "Bogdanov in Damascus", "source_id": sid, "publisher": publisher, "source_url": url,
            "source_title": title, "source_published": None, "held_retrieved": None, "held_text": None}


def test_copies_of_one_quote_are_one_card_listing_every_source():
    rows = pd.DataFrame([_statement("a", "TASS", "https://tass.com/1"),
                         _statement("b", "Interfax", "https://interfax.ru/2", text="Russia will keep its bases"),
                         _statement("c", "TASS", "https://tass.com/3", text="Something else entirely.")])
    html = cards.quote_cards_html(rows)
    assert html.count("class='quote-card'") == 2
    assert "Also published by 1 more source" in html and "https://interfax.ru/2" in html


def test_quote_card_links_its_event_and_marks_a_reposted_copy():
    row = next(pd.DataFrame([_statement("a", "The Washington Post",
                                        "https://mlm2.listserve.net/pipermail/salon/20250206/msg00037.html",
                                        title="Abu Qasra interview (mailing-list mirror)")]).itertuples())
    html = cards.quote_card(row)
    assert "href='timeline?event=ev-1'" in html and "<code>" not in html
    assert "reposted copy" in html
    plain = next(pd.DataFrame([_statement("b", "TASS", "https://tass.com/1")]).itertuples())
    assert "reposted copy" not in cards.quote_card(plain)


def test_csv_opens_in_spreadsheets_with_arabic_and_cyrillic():
    frame = pd.DataFrame({"text": ["الشرع", "Лавров"], "n": [2, 1]})
    raw = exporting.frame_csv(frame)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark"
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back["text"].tolist() == ["الشرع", "Лавров"], "rows in the frame's (the screen's) order"


# --- quick ranges -------------------------------------------------------------------------------------

def test_quick_ranges_count_back_from_the_data_not_from_today():
    from components.views import timeline

    assert timeline.quick_range("12m", "2026-02-18") == "2025-02-18"
    assert timeline.range_words("2026-02-18")["12m"] == "Last 12 months of data (to 2026-02-18)"
    assert timeline.quick_range("2024-12", "2026-02-18") == "2024-12-08"
    assert timeline.quick_range("all", "2026-02-18") is None


def test_the_legend_lists_only_what_is_drawn():
    ev = events_frame([("a", "2025-01-01", "day", 2, "un", "A")])
    names = [name for name, _, _ in charts.legend_items(charts.timeline_figure(ev, None))]
    assert names == ["bases"], "no entry for month/year spans, approximate dates or statements not drawn"
    ev = events_frame([("a", "2025-01", "month", 2, "un", "A")])
    st = statements_frame([("s1", "2025-02-01", "We stay.")])
    names = [name for name, _, _ in charts.legend_items(charts.timeline_figure(ev, st))]
    assert names == ["Span of a month/year-precision date", "bases (approx. date)", "Statement"]


def test_a_caption_counted_from_a_sample_says_at_least():
    cap = charts.Caption(sources="TASS, SANA", more=41, more_at_least=True)
    assert "TASS, SANA and at least 41 more publishers" in cap.text()


def test_publishers_more_is_exact_unless_the_sample_left_items_out(bundled_db):
    import sqlite3

    from components.filters import Filters
    conn = sqlite3.connect(bundled_db)
    cited = conn.execute("""SELECT count(DISTINCT s.publisher) FROM sources s WHERE s.id IN
        (SELECT source_id FROM event_sources UNION SELECT source_id FROM statements)""").fetchone()[0]
    whole = queries.fetch_publishers_for(bundled_db, Filters(), limit=6, sample=100_000)
    assert (whole["more"], whole["sampled"]) == (cited - 6, False)
    part = queries.fetch_publishers_for(bundled_db, Filters(), limit=6, sample=20)
    assert part["sampled"] and part["more"] < whole["more"]
