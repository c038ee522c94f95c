"""Tables and lists as a reader sees them: no raw values (None, NaN, ids) on screen, role dates in words,
copies of one quote from several outlets grouped as one statement. Pure pandas; no Streamlit.
"""

from __future__ import annotations

import numbers
import re

import pandas as pd

from components.config import COUNTRY_NAMES
from components.textnorm import fold

NOT_SOURCED = "date not sourced"
INCUMBENT = "incumbent"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def role_rows(roles: pd.DataFrame) -> pd.DataFrame:
    """A role history for the page: Title, Organisation, From, To, Source, Source link.

    An office with a sourced start and no end is held now ("incumbent"); a date the sources do not give
    says "date not sourced" (never "unknown–unknown" or "None").
    """
    rows = []
    for r in roles.itertuples():
        start, end = _text(r.start), _text(r.end)
        if start is None and end is None:
            when_from, when_to = NOT_SOURCED, ""
        else:
            when_from = start or NOT_SOURCED
            when_to = end or INCUMBENT
        rows.append({"Title": r.title, "Organisation": _text(r.organisation) or "", "From": when_from,
                     "To": when_to, "Source": _text(r.publisher) or "", "Source link": _text(r.source_url)})
    return pd.DataFrame(rows, columns=["Title", "Organisation", "From", "To", "Source", "Source link"])


def readable(frame: pd.DataFrame, country_cols: tuple[str, ...] = ("country",)) -> pd.DataFrame:
    """A copy for st.dataframe: missing values blank, country codes as names."""
    out = frame.astype(object).where(frame.notna(), "")
    for col in country_cols:
        if col in out:
            out[col] = [COUNTRY_NAMES.get(c, "Unattributed" if c in ("", "unattributed") else c) for c in out[col]]
    return out


def copy_key(row) -> tuple:
    """Two statements are copies of one quote when the same speaker said the same words (case, spacing,
    punctuation and diacritics aside)."""
    speaker = row.speaker_id if isinstance(row.speaker_id, str) else f"label:{row.speaker_label}"
    return (speaker, " ".join(re.sub(r"[^\w\s]", " ", fold(str(row.text))).split()))


def group_copies(rows: pd.DataFrame) -> list[tuple[object, list]]:
    """[(first row, [every row of the group])] in the order of the first rows: copies of one quote from
    several outlets become one statement with several sources."""
    groups: dict[tuple, list] = {}
    for row in rows.itertuples():
        groups.setdefault(copy_key(row), []).append(row)
    return [(members[0], members) for members in groups.values()]


# --- a table that reads right to left where its text does ------------------------------------------

TABLE_CSS = """<style>
.data-table-wrap {max-height: 420px; overflow: auto; border: 1px solid rgba(49,51,63,.2); border-radius: .5rem;}
.data-table {border-collapse: collapse; width: 100%; font-size: .9rem;}
.data-table th, .data-table td {padding: .3rem .6rem; border-bottom: 1px solid rgba(49,51,63,.1);
  text-align: start; unicode-bidi: plaintext; vertical-align: top;}
.data-table th {position: sticky; top: 0; background: #f0f2f6; font-weight: 600;}
.data-table .num {text-align: end; font-variant-numeric: tabular-nums;}
</style>"""


def table_html(frame: pd.DataFrame, label: str, links: dict[str, str] | None = None) -> str:
    """An HTML table of `frame` (st.dataframe draws on a canvas, which lays Arabic out left to right): every cell
    dir="auto", so a cell in Arabic reads and aligns right to left and one in Latin or Cyrillic left to right.

    `label` names the table for a screen reader; `links` maps a column to the text its http(s) links show.
    Values are escaped; missing ones are blank.
    """
    from components.cards import esc

    links = links or {}
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(
        frame[c])}
    head = "".join(f"<th scope='col' class='num'>{esc(c)}</th>" if c in numeric else
                   f"<th scope='col' dir='auto'>{esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, row):
            cells.append(_cell(value, links.get(col)))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"{TABLE_CSS}<div class='data-table-wrap' role='region' aria-label='{esc(label)}' tabindex='0'>"
            f"<table class='data-table'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _cell(value, link_text: str | None) -> str:
    from components.cards import esc

    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "<td></td>"
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return f"<td class='num'>{value:,}</td>"
    text = str(value)
    if link_text and re.match(r"^https?://", text):
        return f"<td><a href='{esc(text)}' target='_blank' rel='noopener'>{esc(link_text)}</a></td>"
    return f"<td dir='auto'>{esc(text)}</td>"
