"""Citations of one statement or event: APA 7, Chicago (bibliography), BibTeX and RIS. Pure, no Streamlit.

Each cites the original source (publisher, title, publication date, URL) and this dataset as the compiler,
with its version and the item's permalink. A small formatter of our own: citeproc-py would need CSL-JSON
and style files for four fixed shapes, and cannot write BibTeX or RIS.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DATASET = "Syria–Russia Relations Timeline"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "von", "van", "der"}


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str | None = None
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True)
class Cited:
    """What a citation needs: the item, who said it (None for an event or an unnamed source), the sources."""

    kind: str                      # "statement" or "event"
    id: str
    title: str                     # the quote's text, or the event's title
    date: str | None               # when it was said / happened (YYYY, YYYY-MM or YYYY-MM-DD)
    version: str
    permalink: str
    author: str | None = None
    person: bool = True            # author is a person (inverted as "Surname, G.") or an organisation
    sources: tuple[Source, ...] = field(default_factory=tuple)


def _parts(date: str | None) -> tuple[int | None, int | None, int | None]:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not m:
        return None, None, None
    return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]


def apa_date(date: str | None) -> str:
    y, m, d = _parts(date)
    if y is None:
        return "n.d."
    return f"{y}" + (f", {MONTHS[m - 1]}" if m else "") + (f" {d}" if m and d else "")


def chicago_date(date: str | None) -> str:
    y, m, d = _parts(date)
    if y is None:
        return "n.d."
    if m and d:
        return f"{MONTHS[m - 1]} {d}, {y}"
    return f"{MONTHS[m - 1]} {y}" if m else str(y)


def _split_name(name: str) -> tuple[str, list[str]]:
    """(surname, given names): the last word, with an article or particle before it kept with it."""
    words = name.split()
    if len(words) < 2:
        return name, []
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower().strip(".") in PARTICLES:
        cut -= 1
    return " ".join(words[cut:]), words[:cut]


def apa_author(name: str, person: bool = True) -> str:
    """'Sergey Lavrov' -> 'Lavrov, S.'; 'Ahmed al-Sharaa' -> 'al-Sharaa, A.'; organisations unchanged."""
    surname, given = _split_name(name)
    if not person or not given:
        return name
    initials = " ".join(f"{g[0]}." for g in given if g[:1].isalpha())
    return f"{surname}, {initials}" if initials else surname


def chicago_author(name: str, person: bool = True) -> str:
    surname, given = _split_name(name)
    if not person or not given:
        return name
    return f"{surname}, {' '.join(given)}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _apa_source(s: Source) -> str:
    title = f" {_end(s.title)}" if s.title else ""
    url = f" {s.url}" if s.url else ""
    return f"{s.publisher}. ({apa_date(s.published)}).{title}{url}"


def _chicago_source(s: Source) -> str:
    title = f" “{s.title.rstrip('.')}.”" if s.title else ""
    url = f" {s.url}." if s.url else ""
    return f"{s.publisher}.{title} {_end(chicago_date(s.published))}{url}"


def apa(c: Cited) -> str:
    """APA 7: the item (speaker, date, quote) in this dataset, then the original source(s)."""
    what = f"“{_short(c.title)}” [Statement]" if c.kind == "statement" else f"{c.title.rstrip('.')} [Event record]"
    head = (f"{apa_author(c.author, c.person)} ({apa_date(c.date)}). {what}." if c.author
            else f"{what}. ({apa_date(c.date)}).")
    compiled = f" In {DATASET} (Version {c.version}) [Data set]. {c.permalink}"
    sources = " ".join(_apa_source(s) for s in c.sources)
    return head + compiled + (f" Original source: {sources}" if sources else "")


def chicago(c: Cited) -> str:
    """Chicago bibliography entry: the item, the original source(s), then this dataset as the compiler."""
    if c.kind == "statement":
        who = f"{chicago_author(c.author, c.person)}. " if c.author else ""
        head = f"{who}“{_end(_short(c.title))}” Statement, {_end(chicago_date(c.date))}"
    else:
        head = f"“{_end(c.title)}” Event, {_end(chicago_date(c.date))}"
    sources = " ".join(_chicago_source(s) for s in c.sources)
    return (f"{head}" + (f" Reported in {sources}" if sources else "")
            + f" Compiled in {DATASET}, version {c.version}. {c.permalink}.")


_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
        "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


def bibtex_key(c: Cited) -> str:
    return "srt-" + re.sub(r"[^A-Za-z0-9:-]+", "-", c.id).strip("-")


def bibtex(c: Cited) -> str:
    y, m, d = _parts(c.date)
    first = c.sources[0] if c.sources else None
    fields = [("title", tex(_short(c.title, 240)) if c.kind == "statement" else tex(c.title))]
    if c.author:
        fields.append(("author", "{" + tex(c.author) + "}" if not c.person else tex(chicago_author(c.author))))
    if y:
        fields.append(("year", str(y)))
    if m:
        fields.append(("month", MONTHS[m - 1][:3].lower()))
    if d:
        fields.append(("day", str(d)))
    if first:
        fields.append(("howpublished", tex(first.publisher) + (f", ``{tex(first.title)}''" if first.title else "")
                       + (f" ({tex(first.published)})" if first.published else "")))
        if first.url:
            fields.append(("url", first.url))
    fields += [("organization", tex(DATASET).replace("–", "--")), ("version", c.version),
               ("note", f"Compiled in {tex(DATASET).replace('–', '--')}, version {c.version}, "
                        f"\\url{{{c.permalink}}}")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(c)},\n{body}\n}}"


def ris(c: Cited, accessed: dt.date | None = None) -> str:
    """RIS for reference managers (Zotero, EndNote, Mendeley)."""
    y, m, d = _parts(c.date)
    lines = [("TY", "GEN"), ("ID", bibtex_key(c)), ("TI", _short(c.title, 240) if c.kind == "statement" else c.title)]
    if c.author:
        lines.append(("AU", chicago_author(c.author, c.person)))
    if y:
        lines += [("PY", str(y)), ("DA", "/".join([f"{y}", f"{m:02d}" if m else "", f"{d:02d}" if d else ""]))]
    for s in c.sources:
        lines.append(("PB", s.publisher))
        if s.title:
            lines.append(("T2", s.title))
        if s.url:
            lines.append(("UR", s.url))
    lines += [("UR", c.permalink), ("ET", c.version), ("N1", f"Compiled in {DATASET}, version {c.version}.")]
    if accessed:
        lines.append(("Y2", accessed.strftime("%Y/%m/%d")))
    return "\r\n".join(f"{k}  - {v}" for k, v in lines) + "\r\nER  - \r\n"


def block(c: Cited) -> dict[str, str]:
    """Every format of one citation, for the "Cite this" box: {'APA': ..., 'Chicago': ..., 'BibTeX': ..., 'RIS': ...}."""
    return {"APA": apa(c), "Chicago": chicago(c), "BibTeX": bibtex(c), "RIS": ris(c)}


def permalink(base_url: str, kind: str, item_id: str) -> str:
    """`<base>/quotes?quote=<id>` for a statement, `<base>/?event=<id>` for an event."""
    from urllib.parse import quote

    base = base_url.rstrip("/")
    return f"{base}/quotes?quote={quote(item_id)}" if kind == "statement" else f"{base}/?event={quote(item_id)}"


def _str(v) -> str | None:
    return v if isinstance(v, str) and v else None


def for_statement(row: dict, version: str, base_url: str, person: bool = True) -> Cited:
    """A statement row (the columns of a quote card) as a Cited."""
    named = _str(row.get("speaker_id")) is not None
    author = _str(row.get("speaker_name")) if named else None
    src = Source(_str(row.get("publisher")) or "Unknown publisher", _str(row.get("source_title")),
                 _str(row.get("source_published")), _str(row.get("source_url")))
    return Cited("statement", row["id"], row["text"], _str(row.get("said_on")), version,
                 permalink(base_url, "statement", row["id"]), author=author, person=person, sources=(src,))


def for_event(event: dict, sources: list[dict], version: str, base_url: str) -> Cited:
    """An event row and its source rows (publisher, title, published, url) as a Cited."""
    srcs = tuple(Source(_str(s.get("publisher")) or "Unknown publisher", _str(s.get("title")),
                        _str(s.get("published")), _str(s.get("url"))) for s in sources)
    return Cited("event", event["id"], event["title"], _str(event.get("date")), version,
                 permalink(base_url, "event", event["id"]), sources=srcs)
