"""Read an article file (plain text with an optional header, HTML or Markdown) into an ``Article``.

Bad input raises ``IngestError`` whose message is one sentence naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
HEADER_KEYS = {"url", "published", "publisher", "title", "author", "date", "source", "language"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]*)\s*:\s*(.*?)\s*$")


class IngestError(Exception):
    """An input file that cannot be ingested. ``str(err)`` is one sentence naming the file."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason.rstrip(".")
        super().__init__(f"Cannot ingest {self.path}: {self.reason}.")


@dataclass
class Article:
    text: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    path: str | None = None
    title: str | None = None
    language: str | None = None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip().strip('"').strip("'").strip()
    if not value or value.lower() in {"unknown", "none", "null", "n/a", "-"}:
        return None
    return value


def _normalise_date(value: str | None) -> str | None:
    """ISO dates pass through; other spellings ("October 15, 2025") become ISO when unambiguous."""
    value = _clean(value)
    if value is None:
        return None
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    m = re.match(r"(\d{4}-\d{2}-\d{2})[T ]", value)
    if m:
        return m[1]
    from components.ingest.dates import find_dates

    for d in find_dates(value, None):
        if d.kind == "explicit" and d.date:
            return d.date
    return value


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise IngestError(path, "the file is empty")
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise IngestError(path, f"it is a binary file, not text (NUL byte at byte offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"it is not valid UTF-8 (undecodable byte 0x{data[exc.start]:02x} at byte offset {exc.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise IngestError(path, "the file is empty")
    return text


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines at the top followed by one blank line, at least one of them a known key
    (``url``, ``published`` …); other keys (``retrieved``, ``section`` …) are read past and ignored."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _HEADER_LINE.match(lines[i].rstrip("\r"))
        if not m or len(m[1]) > 20:
            return {}, text
        if m[1].lower() in HEADER_KEYS:
            header[m[1].lower()] = m[2]
        i += 1
    if not header or i >= len(lines):
        return {}, text
    return header, "\n".join(lines[i + 1:])


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style front matter (``---`` … ``---``) at the top of a Markdown file."""
    m = re.match(r"---\s*\n(.*?)\n---\s*\n", text, re.S)
    if not m:
        return {}, text
    header = {}
    for line in m[1].splitlines():
        hm = _HEADER_LINE.match(line)
        if hm and hm[1].lower() in HEADER_KEYS:
            header[hm[1].lower()] = hm[2]
    return header, text[m.end():]


def strip_markdown(text: str) -> str:
    """Remove Markdown markup minimally: headings, emphasis, links, images, code marks, list bullets."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)                    # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)                  # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)                 # reference links
    text = re.sub(r"(?m)^\s{0,3}\[[^\]]+\]:\s*\S+.*$", "", text)          # link definitions
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", text)    # headings
    text = re.sub(r"(?m)^\s{0,3}(?:[-*_]\s*){3,}$", "", text)             # rules
    text = re.sub(r"(?m)^(\s*)>\s?", r"\1", text)                         # block quotes
    text = re.sub(r"(?m)^(\s*)(?:[-*+]|\d+[.)])\s+", r"\1", text)         # list bullets
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)          # bold
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"\1", text)  # italics
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
    text = re.sub(r"```.*?\n(.*?)```", r"\1", text, flags=re.S)           # fenced code
    text = re.sub(r"`([^`]+)`", r"\1", text)                              # inline code
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def _looks_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype") or head.startswith("<html")


def _read_html(path: Path, html: str) -> tuple[str, dict[str, str | None]]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(re.findall(r"\w+", text)) < 5:
        raise IngestError(path, "the HTML page contains no article text")
    meta = {
        "url": getattr(doc, "url", None),
        "published": getattr(doc, "date", None),
        "title": getattr(doc, "title", None),
        "publisher": getattr(doc, "sitename", None),
    }
    return text, meta


def read_article(path, published=None, publisher=None, url=None) -> Article:
    """Read ``path`` into an ``Article``. Header values (plain text ``key: value`` lines, Markdown
    front matter, HTML metadata) are defaults that the arguments override; "unknown" means None."""
    p = Path(path)
    if not p.exists():
        raise IngestError(p, "the file does not exist")
    if p.is_dir():
        raise IngestError(p, "it is a folder, not a file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(p, f"the file is larger than 5 MB ({size / 1024 / 1024:.1f} MB)")
    text = _decode(p, p.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    if _looks_html(p, text):
        body, meta = _read_html(p, text)
    elif p.suffix.lower() in {".md", ".markdown"}:
        meta, body = _front_matter(text)
        if not meta:
            meta, body = _split_header(body)
        body = strip_markdown(body)
    else:
        meta, body = _split_header(text)
    if not body.strip():
        raise IngestError(p, "it has a header but no article text")

    return Article(
        text=body,
        url=_clean(url) if url is not None else _clean(meta.get("url")),
        publisher=_clean(publisher) if publisher is not None else _clean(meta.get("publisher")),
        published=_normalise_date(published if published is not None else (meta.get("published") or meta.get("date"))),
        path=str(path),
        title=_clean(meta.get("title")),
        language=_clean(meta.get("language")),
    )
