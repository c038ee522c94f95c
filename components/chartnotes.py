"""What a chart says in words and labels, beside its marks: the text summary under every chart, the short
labels of the most important events in view (placed without overlaps), and gap-aware series.

Pure functions over DataFrames; no Plotly, no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
LABEL_CHARS = 32            # a short title: at most this many characters, cut at a word
LABEL_PX_PER_CHAR = 6.8     # 12 px sans-serif, measured on DejaVu Sans in Debian's Chromium (average glyph)
LABEL_PAD_PX = 14
MAX_LABELS = 8


def short_title(title: str, limit: int = LABEL_CHARS) -> str:
    """A title cut at a word boundary to `limit` characters, with an ellipsis when cut."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return (cut or title[: limit - 1]) + "…"


def month_year(day: str | None) -> str:
    """'2025-10-15' -> 'October 2025'; '1944' -> '1944'."""
    if not day:
        return "?"
    if len(day) >= 7:
        return f"{MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    return day[:4]


LABEL_HEIGHT_PX = 20


def place_labels(events: pd.DataFrame, lo: str, hi: str, plot_px: float, limit: int = MAX_LABELS,
                 lane_rows: dict | None = None, lane_px: float = 34) -> pd.DataFrame:
    """The most important events in the window [lo, hi] whose labels fit without overlapping each other.

    A label is a box of its text width (estimated per character at 12 px) over its event's marker, in the
    row of the event's lane (`lane_rows`: lane -> row index, rows `lane_px` apart; without it, one row).
    Events are taken by importance, then newest first; one is kept only when its box overlaps no box kept before.
    Returns the kept rows with `label` and `anchor` columns, by date.
    """
    if events.empty or not lo or not hi:
        return events.iloc[0:0].assign(label=pd.Series(dtype=object), anchor=pd.Series(dtype=object))
    t0, t1 = pd.Timestamp(lo), pd.Timestamp(hi)
    days = max((t1 - t0).days, 1)
    per_px = days / max(plot_px, 50)
    inside = events[(events["date_start"] >= lo) & (events["date_start"] <= hi)]
    ranked = inside.sort_values(["importance", "date_start"], ascending=[False, False])  # newest first among equals
    # where each marker is drawn, in whole days from lo, and its lane's row: read once, not per candidate
    marks = np.array(ranked["x" if "x" in ranked else "date_start"].tolist(), dtype="datetime64[D]")
    centres = (marks - t0.to_datetime64().astype("datetime64[D]")).astype(np.int64)
    rows = ([(lane_rows or {}).get(lane, 0) for lane in ranked["lane"].tolist()] if "lane" in ranked
            else [0] * len(ranked))
    kept, spans = [], []
    gap = 4 * per_px  # as in _boxes_meet
    for index, title, centre, row in zip(ranked.index, ranked["title"].tolist(), centres.tolist(), rows):
        top = row * lane_px
        # a box always covers its marker: a marker inside a kept box of its row (rows are taller than a box) has no
        # room, whatever its label's width (most candidates among 3,000 end here, before their label is cut)
        if any(top == s[2] and s[0] - gap < centre < s[1] + gap for s in spans):
            continue
        label = short_title(title)
        width = (len(label) * LABEL_PX_PER_CHAR + LABEL_PAD_PX) * per_px
        a, b, anchor = centre - width / 2, centre + width / 2, "center"
        if a < 0:  # near the left edge the label starts at its event; near the right edge it ends there
            a, b, anchor = centre, centre + width, "left"
        elif b > days:
            a, b, anchor = centre - width, centre, "right"
        box = (a, b, top, top + LABEL_HEIGHT_PX)
        if a < 0 or b > days or any(_boxes_meet(box, other, per_px) for other in spans):
            continue
        spans.append(box)
        kept.append((index, label, anchor))
        if len(kept) >= limit:
            break
    if not kept:
        return events.iloc[0:0].assign(label=pd.Series(dtype=object), anchor=pd.Series(dtype=object))
    out = events.loc[[k[0] for k in kept]].assign(label=[k[1] for k in kept], anchor=[k[2] for k in kept])
    return out.sort_values("date_start")


def _boxes_meet(p: tuple, q: tuple, per_px: float) -> bool:
    """Two label boxes (x0, x1 in days; y0, y1 in px) overlap, with a 4 px gap kept between them."""
    gap = 4 * per_px
    return p[0] < q[1] + gap and q[0] < p[1] + gap and p[2] < q[3] and q[2] < p[3]


def with_gaps(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The series on every period from its first to its last, NaN where nothing was recorded, so a line
    drawn through it breaks at the gap instead of joining points decades apart."""
    if frame.empty:
        return frame
    start = frame["period"].min()
    end = frame["period"].max()
    if freq == "month":
        periods = pd.period_range(start, end, freq="M").strftime("%Y-%m")
    else:
        periods = [str(y) for y in range(int(start[:4]), int(end[:4]) + 1)]
    return pd.DataFrame({"period": list(periods)}).merge(frame, on="period", how="left")


# --- summaries: one or two sentences under each chart, for readers who cannot see it -----------------

def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def timeline_summary(events: pd.DataFrame, statements: pd.DataFrame | None, lane_names: pd.Series | None = None,
                     labels: pd.DataFrame | None = None, undated: int = 0) -> str:
    if events.empty and (statements is None or statements.empty):
        return "Nothing is drawn: no events or statements match these filters."
    parts = []
    if not events.empty:
        years = events["date_start"].str[:4]
        top_year, top_n = years.value_counts().sort_index().idxmax(), years.value_counts().max()
        parts.append(f"{_count(len(events), 'event')} from {month_year(events['date_start'].min())} to "
                     f"{month_year(events['date_start'].max())}; the busiest year is {top_year} "
                     f"({_count(int(top_n), 'event')})")
        if lane_names is not None and not lane_names.empty:
            lane = lane_names.value_counts()
            parts.append(f"the largest lane is {lane.index[0]} ({lane.iloc[0]:,})")
    dated = statements[statements["date_start"].notna()] if statements is not None and not statements.empty else None
    if dated is not None and not dated.empty:
        parts.append(f"{_count(len(dated), 'dated statement')} from {month_year(dated['date_start'].min())} to "
                     f"{month_year(dated['date_start'].max())}")
    text = "; ".join(parts) + "."
    if labels is not None and not labels.empty:
        text += " Labelled: " + "; ".join(f"{t} ({d})" for t, d in zip(labels["label"], labels["date"])) + "."
    if undated:
        text += f" {_count(undated, 'statement')} without a date are not drawn."
    return text[0].upper() + text[1:]


def activity_summary(activity: pd.DataFrame, labels: dict[str, str], freq: str) -> str:
    if activity.empty:
        return "Nothing is drawn: nothing to count under these filters."
    out = []
    for kind in ("events", "statements"):
        sub = activity[activity["kind"] == kind]
        if sub.empty:
            continue
        per = sub.groupby("period")["n"].sum()
        topic = sub.groupby("topic_id")["n"].sum().idxmax()
        out.append(f"{_count(int(per.sum()), kind[:-1])} in {len(per):,} {freq}s with any, most in {per.idxmax()} "
                   f"({int(per.max()):,}); largest topic {labels.get(topic, topic)}")
    return ". ".join(out) + "."


def barometer_summary(barometer: pd.DataFrame, freq: str) -> str:
    if barometer.empty:
        return "Nothing is drawn: no events to score under these filters."
    b = barometer.reset_index(drop=True)
    lo, hi = b["mean_tone"].idxmin(), b["mean_tone"].idxmax()
    weighted = (b["mean_tone"] * b["n"]).sum() / max(b["n"].sum(), 1)
    last = b.iloc[-1]
    return (f"Mean tone of {_count(int(b['n'].sum()), 'event')} over {len(b):,} {freq}s with events: overall "
            f"{weighted:+.1f} on the −10..+10 scale; lowest {b.loc[lo, 'mean_tone']:+.1f} in {b.loc[lo, 'period']}, "
            f"highest {b.loc[hi, 'mean_tone']:+.1f} in {b.loc[hi, 'period']}; latest {last['mean_tone']:+.1f} in "
            f"{last['period']}. Periods without events are left as gaps, not joined.")


def topic_trends_summary(trends: pd.DataFrame) -> str:
    if trends.empty:
        return "Nothing is drawn: no tagged items under these filters."
    per = trends.groupby("label")["n"].sum().sort_values(ascending=False)
    peak = trends.loc[trends["n"].idxmax()]
    top = ", ".join(f"{label} ({n:,})" for label, n in per.head(3).items())
    return (f"{len(per)} topics; most tagged: {top}. The highest single period is {peak['label']} in "
            f"{peak['period']} ({int(peak['n']):,} items).")


def topic_country_summary(share: pd.DataFrame, country_names: dict[str, str]) -> str:
    if share.empty:
        return "Nothing is drawn: no statements under these filters."
    by_country = share.groupby("country")["n"].sum().sort_values(ascending=False)
    by_topic = share.groupby("label")["n"].sum().sort_values(ascending=False)
    who = ", ".join(f"{country_names.get(c, c)} {n:,}" for c, n in by_country.items())
    return (f"Statements per topic by the speaker's country: {who}. Most discussed topic: {by_topic.index[0]} "
            f"({by_topic.iloc[0]:,}).")


def speaker_summary(statements: pd.DataFrame, name: str, labels: dict[str, str]) -> str:
    dated = statements[statements["said_on"].notna()] if not statements.empty else statements
    undated = len(statements) - len(dated)
    if dated.empty:
        return f"No dated statements by {name} under these filters." + (
            f" {_count(undated, 'undated statement')} are listed below." if undated else "")
    primary = dated["topic_ids"].fillna("").str.split(",").str[0]
    top = primary.value_counts()
    text = (f"{_count(len(dated), 'dated statement')} by {name} from {month_year(dated['date_start'].min())} to "
            f"{month_year(dated['date_start'].max())}; most on {labels.get(top.index[0], top.index[0]) or 'no topic'} "
            f"({top.iloc[0]:,}).")
    return text + (f" {_count(undated, 'undated statement')} are not drawn." if undated else "")
