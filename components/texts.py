"""Held source texts: the text the public store returned for a source, kept beside the data.

`data/texts/<source-id>.txt` holds header lines (`url:`, `publisher:`, `published:`, `retrieved:`), one
blank line, then the text exactly as retrieved. The build loads them into `source_texts` and checks
every statement context and every event evidence excerpt against them. Pure: no database, no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HEADER_FIELDS = ("url", "publisher", "published", "retrieved")
REQUIRED_FIELDS = ("url", "retrieved")
_HEADER_RE = re.compile(r"^([a-z_]+):[ \t]?(.*)$")
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SEPARATOR = "\n-----\n"  # between two retrievals of the same page, both kept verbatim


@dataclass(frozen=True)
class HeldText:
    """One held text file: its header values and the verbatim body."""

    source_id: str
    file: str
    header: dict[str, str]
    text: str

    @property
    def url(self) -> str | None:
        return self.header.get("url") or None

    @property
    def retrieved(self) -> str | None:
        return self.header.get("retrieved") or None


@dataclass(frozen=True)
class TextIssue:
    """A problem in a held text file, with the line it is on."""

    file: str
    line: int
    field: str
    reason: str


def text_files(data_dir: Path) -> list[Path]:
    """Every held text file under data_dir/texts, in a stable order."""
    folder = data_dir / "texts"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def parse_held_text(raw: bytes, label: str, source_id: str) -> tuple[HeldText | None, list[TextIssue]]:
    """Parse one held text file; never raises for bad content."""
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [TextIssue(label, line, "file", f"is not valid UTF-8 (byte offset {exc.start})")]
    head, sep, body = content.partition("\n\n")
    if not sep:
        return None, [TextIssue(label, 1, "file", "needs header lines, one blank line, then the text as retrieved")]
    header: dict[str, str] = {}
    issues: list[TextIssue] = []
    for n, line in enumerate(head.split("\n"), start=1):
        m = _HEADER_RE.match(line)
        if not m:
            issues.append(TextIssue(label, n, "header", f"'{line[:60]}' is not a 'key: value' line"))
            continue
        header[m.group(1)] = m.group(2).strip()
    for name in REQUIRED_FIELDS:
        if not header.get(name):
            issues.append(TextIssue(label, 1, name, "is missing from the header"))
    retrieved = header.get("retrieved")
    if retrieved and not _ISO_DAY_RE.match(retrieved):
        issues.append(TextIssue(label, 1, "retrieved", f"'{retrieved}' is not a date such as 2026-12-01"))
    if not body.strip():
        issues.append(TextIssue(label, head.count("\n") + 3, "text", "is empty"))
    return HeldText(source_id, label, header, body), issues


def read_held_texts(data_dir: Path, label_of=str) -> tuple[dict[str, HeldText], list[TextIssue]]:
    """Every held text under data_dir, keyed by source id (the file name without .txt)."""
    texts: dict[str, HeldText] = {}
    issues: list[TextIssue] = []
    for path in text_files(data_dir):
        held, found = parse_held_text(path.read_bytes(), label_of(path), path.stem)
        issues.extend(found)
        if held is not None:
            texts[path.stem] = held
    return texts, issues
