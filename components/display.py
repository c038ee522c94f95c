"""Tables and lists as a reader sees them: no raw values (None, NaN, ids) on screen, role dates in words,
copies of one quote from several outlets grouped as one statement. Pure pandas; no Streamlit.
"""

from __future__ import annotations

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
