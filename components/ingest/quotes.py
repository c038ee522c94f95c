"""Find quotation spans in news text.

Handles curly, straight, guillemet and low-9 double quotes, single curly/straight quotes (apostrophes
excluded), quotes across hard line breaks, multi-paragraph quotes (a paragraph that opens a quote
without closing it, followed by a paragraph that reopens it) and mixed styles (a straight opening
mark closed by a curly one). Nested quotes are not returned separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "“”„«»\""
OPEN_PUNCT = "([{—–-/\u00a0ـ:"
CLOSE_FOLLOW = ".,;:!?)]}—–-…،؛؟"
MAX_QUOTE = 4000


@dataclass
class QSpan:
    open_pos: int          # index of the opening mark
    close_pos: int | None  # index of the closing mark, None for an unclosed paragraph part
    start: int             # first character of the quoted text
    end: int               # one past the last character of the quoted text
    style: str             # "double" | "single"
    continued: bool = False  # a paragraph part of a multi-paragraph quote (reopened below)
    joined_from: int | None = None  # second part of "«…, — сказал он. — …»": where the first part opens

    @property
    def outer_end(self) -> int:
        return (self.close_pos + 1) if self.close_pos is not None else self.end


def is_hard_wrapped(text: str) -> bool:
    """True when single newlines are line wrapping rather than paragraph breaks (mailing-list copies)."""
    lines = text.split("\n")
    joins = breaks = 0
    for a, b in zip(lines, lines[1:]):
        a, b = a.rstrip(), b.lstrip()
        if not a or not b:
            continue
        breaks += 1
        if a[-1] not in ".!?:;\"”’»)" and (b[0].islower() or a[-1] in ",-"):
            joins += 1
    return breaks >= 4 and joins / breaks > 0.25


def paragraph_breaks(text: str, hard_wrapped: bool | None = None) -> list[int]:
    """Positions of paragraph breaks (the newline that ends a paragraph)."""
    if hard_wrapped is None:
        hard_wrapped = is_hard_wrapped(text)
    rx = r"\n[ \t]*\n" if hard_wrapped else r"\n"
    return [m.start() for m in re.finditer(rx, text)]


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _opening_ctx(text: str, i: int) -> bool:
    p, n = _prev(text, i), _next(text, i)
    if p == ":" and n in " \u00a0":  # 'قال:" لدينا …' — a mark after a colon opens even before a space
        return True
    return (p.isspace() or p in OPEN_PUNCT or p in DOUBLE) and not n.isspace()


def _closing_ctx(text: str, i: int) -> bool:
    p, n = _prev(text, i), _next(text, i)
    if p == ":":
        return False
    return not p.isspace() and (n.isspace() or n in CLOSE_FOLLOW or n in DOUBLE or n in "’'")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


class _DoubleScanner:
    """Pairs double quotation marks paragraph by paragraph (see ``find_double_quotes``)."""

    def __init__(self, text: str, para: list[int]):
        self.text, self.para = text, para
        self.out: list[QSpan] = []
        self.open_pos: int | None = None
        self.open_ch = ""
        self.depth = 0

    def emit(self, a: int, b: int, close: int | None, continued: bool = False) -> None:
        s, e = _trim(self.text, a, b)
        if e > s and e - s <= MAX_QUOTE and re.search(r"\w", self.text[s:e]):
            self.out.append(QSpan(self.open_pos, close, s, e, "double", continued))

    def paragraph_end(self, i: int) -> None:
        """An open quote at a paragraph break is a multi-paragraph part when the next paragraph reopens."""
        if self.open_pos is None:
            return
        before = self.text[self.open_pos + 1:i].rstrip()
        if re.match(r"\s*[“„«\"”]", self.text[i:]) and before and before[-1] in ".!?…:;,—-\"”":
            self.emit(self.open_pos + 1, i, None, continued=True)
        elif before and (before[-1] in ".!?…" or before[-1].isalnum()) and self.closes_in_next_paragraph(i):
            # a quotation that runs on over a line break after a sentence ("…друзьями.\nВ зависимости …",
            # — сказал) or in mid-sentence ("… مستقرة \nمضيفا أن … بشكل عام"،)
            return
        self.open_pos = None

    def closes_in_next_paragraph(self, i: int) -> bool:
        """The paragraph after ``i`` closes a quotation before it opens one."""
        nxt = next((p for p in self.para if p > i), len(self.text))
        for j in range(i + 1, nxt):
            ch = self.text[j]
            if ch in "“„«" or (ch == '"' and _opening_ctx(self.text, j) and not _closing_ctx(self.text, j)):
                return False
            if ch in "”»" or (ch == '"' and _closing_ctx(self.text, j)):
                return True
        return False

    def curly_close_ahead(self, i: int) -> bool:
        nxt_para = next((p for p in self.para if p > i), len(self.text))
        seg = self.text[i + 1:nxt_para]
        c, o = seg.find("”"), seg.find("“")
        return c >= 0 and (o < 0 or c < o)

    def opens(self, i: int) -> bool:
        ch, t = self.text[i], self.text
        if ch in "„«":
            return True
        if ch == "“":
            return not (_closing_ctx(t, i) and not _opening_ctx(t, i))
        if ch == '"':
            return _opening_ctx(t, i) or not _closing_ctx(t, i)
        if ch == "”" and _prev(t, i).isalpha() and _next(t, i).isalpha():
            return self.curly_close_ahead(i)   # 'إن”الغارات …”': glued to both words, a later mark closes it
        return ch == "”" and _opening_ctx(t, i) and not _closing_ctx(t, i)

    def role_inside(self, i: int) -> str:
        """What a mark does inside an open quote: close, reopen or nothing (nested)."""
        ch, t = self.text[i], self.text
        if self.open_ch == "«" and ch in "«»" and (ch == "«" or self.depth):
            self.depth += 1 if ch == "«" else -1   # «… «nested» …»
            return "none"
        if ch in "”»":
            return "close"
        if ch == '"':
            if self.open_ch == "“" and self.curly_close_ahead(i):
                return "none"
            return "close" if _closing_ctx(t, i) or not _opening_ctx(t, i) else "reopen"
        if ch == "“":
            if not (_next(t, i).isalnum() or _next(t, i) in "…[(«\"'"):
                return "close"   # '… كل العمل اللازم “،': an opening mark typed for the closing one
            return "close" if self.open_ch == "„" or (_closing_ctx(t, i) and not _opening_ctx(t, i)) else "reopen"
        return "reopen"

    def mark(self, i: int) -> None:
        if self.open_pos is None:
            if self.opens(i):
                self.open_pos, self.open_ch, self.depth = i, self.text[i], 0
            return
        role = self.role_inside(i)
        if role == "close":
            self.emit(self.open_pos + 1, i, i)
            self.open_pos = None
        elif role == "reopen":
            self.open_pos, self.open_ch = i, self.text[i]


def find_double_quotes(text: str, hard_wrapped: bool | None = None) -> list[QSpan]:
    """Double-quoted spans (curly, straight, guillemets, low-9), paragraph by paragraph."""
    if hard_wrapped is None:
        hard_wrapped = is_hard_wrapped(text)
    para = paragraph_breaks(text, hard_wrapped)
    events = sorted([(i, "mark") for i, ch in enumerate(text) if ch in DOUBLE] + [(i, "para") for i in para])
    scanner = _DoubleScanner(text, para)
    for i, kind in events:
        if kind == "para":
            scanner.paragraph_end(i)
        else:
            scanner.mark(i)
    return scanner.out


def find_single_quotes(text: str, taken: list[tuple[int, int]], hard_wrapped: bool | None = None) -> list[QSpan]:
    """UK-style ‘…’ quotes outside the double-quoted spans; apostrophes are not quotation marks."""
    if hard_wrapped is None:
        hard_wrapped = is_hard_wrapped(text)
    para = paragraph_breaks(text, hard_wrapped) + [len(text)]

    def inside(i):
        return any(a <= i < b for a, b in taken)

    out: list[QSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "‘'" and not inside(i):
            p, nx = _prev(text, i), _next(text, i)
            if (p.isspace() or p in OPEN_PUNCT or p in "“\"") and (nx.isalnum() or nx in "…["):
                end_para = next(x for x in para if x > i)
                close = _find_single_close(text, i + 1, end_para, ch)
                if close is not None:
                    s, e = _trim(text, i + 1, close)
                    if e > s and re.search(r"\w", text[s:e]):
                        out.append(QSpan(i, close, s, e, "single"))
                    i = close + 1
                    continue
        i += 1
    return out


def _find_single_close(text: str, a: int, b: int, opener: str) -> int | None:
    cands = []
    for j in range(a, b):
        c = text[j]
        if c not in "’'":
            continue
        if opener == "‘" and c == "'":
            continue
        p, nx = _prev(text, j), _next(text, j)
        if p.isspace():
            continue
        if nx.isalpha():  # apostrophe inside a word: don't, Syria’s
            continue
        cands.append(j)
    if not cands:
        return None
    for j in cands:
        # plural possessive ("the rebels’ attack") when a later closing mark exists
        if text[j - 1] in "sS" and _next(text, j) == " " and re.match(r" [a-z]", text[j + 1:j + 3]) and j != cands[-1]:
            continue
        return j
    return cands[-1]


_INNER_ATTRIBUTION = re.compile(r"[,.!?…]?\s+[—–]\s+([^\W\d_]+)[^—–\n]{0,80}?[.,:]\s+[—–]\s+")


def split_inner_attributions(text: str, spans: list[QSpan], is_cue) -> list[QSpan]:
    """Russian style puts the attribution inside one pair of marks: "«…, — подчеркнул он. — …»".
    Such a span becomes two quotations with the attribution between them; ``is_cue(word)`` says
    whether a word is a speech verb."""
    out: list[QSpan] = []
    for q in spans:
        m = _INNER_ATTRIBUTION.search(text, q.start, q.end)
        if m is None or not is_cue(m.group(1)):
            out.append(q)
            continue
        a_end = _trim(text, q.start, m.start())[1]
        b_start = _trim(text, m.end(), q.end)[0]
        out.append(QSpan(q.open_pos, a_end, q.start, a_end, q.style, q.continued))
        out.append(QSpan(b_start - 1, q.close_pos, b_start, q.end, q.style, joined_from=q.open_pos))
    return out


def find_quotes(text: str) -> list[QSpan]:
    """All top-level quotation spans in ``text`` in text order."""
    hw = is_hard_wrapped(text)
    doubles = find_double_quotes(text, hw)
    taken = [(q.open_pos, q.outer_end) for q in doubles]
    singles = find_single_quotes(text, taken, hw)
    # a single-quoted span nested inside a double-quoted one is not separate
    spans = doubles + [s for s in singles if not any(a <= s.open_pos < b for a, b in taken)]
    spans.sort(key=lambda q: q.open_pos)
    return spans
