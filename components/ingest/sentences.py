"""The language, quotation and sentence stages: an ``Article`` becomes a ``Document``."""

from __future__ import annotations

import re

from components.ingest import dates as D
from components.ingest.model import MASK, Document, Sentence
from components.ingest.lexicon import lexicon
from components.ingest.quotes import QSpan, find_quotes, is_hard_wrapped, split_inner_attributions
from components.ingest.reader import Article
from components.textnorm import fold, script_of, split_sentences

STORE_LINE = re.compile(r"(?m)^[ \t]*date (\d{4}-\d{2}-\d{2})\b[ \t]*")


def detect_language(text: str, declared: str | None = None) -> tuple[str, str]:
    """("en" | "ru" | "ar", reason). A declared ``language:`` header wins; otherwise the script most
    letters are written in outside Latin-script names (Cyrillic → ru, Arabic → ar, else en)."""
    if declared and declared.lower()[:2] in ("en", "ru", "ar"):
        return declared.lower()[:2], f"the header declares language {declared}"
    counts = script_of(text)
    total = sum(counts.values()) or 1
    for script, lang in (("cyrillic", "ru"), ("arabic", "ar")):
        if counts[script] / total >= 0.3:
            return lang, f"{counts[script] / total:.0%} of the letters are {script.title()}"
    return "en", f"{counts['latin'] / total:.0%} of the letters are Latin"


def mask_quotes(text: str, spans: list[QSpan]) -> str:
    """``text`` with every quotation (marks included) replaced by MASK, newlines kept."""
    chars = list(text)
    for q in spans:
        for i in range(q.open_pos, q.outer_end):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def _quote_end_cuts(text: str, masked: str, spans: list[QSpan]) -> list[int]:
    """A quotation whose text ends a sentence ("… regime.” Lavrov said …) ends the sentence when the
    next word starts a new one; an unclosed paragraph part always does."""
    cuts = []
    for q in spans:
        if q.close_pos is None:
            cuts.append(q.outer_end)
            continue
        inner = text[q.start:q.end].rstrip()
        m = re.match(r"\s+(\S+)", masked[q.outer_end:q.outer_end + 40])
        if inner and inner[-1] in ".!?…؟" and m and (m.group(1)[0] in "“\"‘«„" + MASK or m.group(1)[0].isupper()):
            cuts.append(q.outer_end)
    return cuts


def build_sentences(text: str, masked: str, spans: list[QSpan], hard_wrapped: bool) -> list[Sentence]:
    """Sentences (never cut inside a quotation) with paragraph numbers and the quotes they open."""
    extra = [m.end() for m in STORE_LINE.finditer(text)] + _quote_end_cuts(text, masked, spans)
    if hard_wrapped:
        extra += [m.end() for m in re.finditer(r"(?<=[.!?:\"”])[ \t]*\n", masked)]
    protect = [((q.open_pos if q.joined_from is None else q.joined_from) + 1, q.outer_end) for q in spans]
    paragraph = r"\n[ \t]*\n" if hard_wrapped else r"\n"
    out: list[Sentence] = []
    para = 0
    for a, b in split_sentences(text, protect=protect, paragraph=paragraph, extra_cuts=extra):
        if out and "\n" in text[out[-1].end:a]:
            para += 1
        out.append(Sentence(a, b, para))
    for qi, q in enumerate(spans):
        for s in out:
            if s.start <= q.open_pos < s.end or (q.open_pos < s.start < q.outer_end):
                s.quotes.append(qi)
                break
    return out


def reference_date(article: Article, text: str, lang: str) -> tuple[str | None, str]:
    """The date relative expressions resolve against, and why: the publication date, else the store's
    ``date`` line, else the latest full date in the text, else None (weekdays then stay null)."""
    published = D.to_date(article.published)
    if published is not None:
        return published.isoformat(), "the publication date"
    m = STORE_LINE.search(text)
    if m:
        return m.group(1), "the store's date line (no publication date)"
    full = caption_date(text, lang)
    if full:
        return full, "the full date of a caption, byline or dateline in the text (no publication date)"
    return None, "no publication date and no full date in a caption, byline or dateline"


def caption_date(text: str, lang: str) -> str | None:
    """The latest full date (day, month and year) that ends its line, as in a photo caption
    ("… meet on Jan 29, 2025. - AFP"), a byline or an embedded post; a full date inside running text
    ("the previous meeting took place on 15 March 2023 …") is about something else."""
    best = None
    for d in D.find_dates(text, None, lang):
        if d.kind != "explicit" or d.precision != "day" or not d.date:
            continue
        line_rest = text[d.end:].split("\n", 1)[0]
        if len(re.sub(r"[\s.,:;|()\-–—]+", " ", line_rest).strip()) <= 8 and (best is None or d.date > best):
            best = d.date
    return best


def prepare(article: Article) -> Document:
    """Run the language, quotation, sentence and date stages."""
    text = article.text
    lang, _why = detect_language(text, getattr(article, "language", None))
    hw = is_hard_wrapped(text)
    spans = find_quotes(text)
    if lang == "ru":
        speech = lexicon("ru").speech
        spans = split_inner_attributions(text, spans, lambda w: fold(w) in speech)
    masked = mask_quotes(text, spans)
    sentences = build_sentences(text, masked, spans, hw)
    ref, ref_reason = reference_date(article, text, lang)
    dates = D.find_dates(masked, ref, lang)
    return Document(article, lang, text, masked, spans, sentences, dates, ref, ref_reason)
