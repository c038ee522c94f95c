"""Pure HTML for the pages: escaping, links, quote cards, source items, held texts. No Streamlit.

Every value from the data goes through `esc` (HTML) or `plain` (Markdown); only http(s) URLs become links.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pandas as pd

from components.charts import format_date
from components.queries import HL_CLOSE, HL_OPEN

def esc(value) -> str:
    """Text for HTML: escaped, control characters dropped; None/NaN become empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(value))
    return html.escape(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def plain(value) -> str:
    """Text for st.markdown/st.warning/st.caption: Markdown and HTML characters lose their meaning."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(value))
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_url(url) -> str | None:
    """Only http(s) URLs become links."""
    if not isinstance(url, str):
        return None
    return url if re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.I) else None


def highlighted(text_hl: str) -> str:
    """Escape a highlighted quote, then turn the FTS markers into <mark>."""
    out, inside = [], False
    for part in re.split(f"([{HL_OPEN}{HL_CLOSE}])", text_hl):
        if part == HL_OPEN:
            inside = True
        elif part == HL_CLOSE:
            inside = False
        elif part:
            out.append(f"<mark>{esc(part)}</mark>" if inside else esc(part))
    return "".join(out)


def link(url, label: str) -> str:
    u = safe_url(url)
    if not u:
        return esc(label)
    return f'<a href="{esc(u)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'


def quote_card(row, show_event: bool = True) -> str:
    """One statement as an HTML card: exact text, speaker, role on that date, date with precision, source."""
    role = row.role_on_date if isinstance(row.role_on_date, str) else row.speaker_role
    role_html = f", <span class='role'>{esc(role)}</span>" if isinstance(role, str) and role else ""
    label = ""
    if isinstance(row.speaker_id, str) and row.speaker_label != row.speaker_name:
        label = f" <span class='muted'>(as “{esc(row.speaker_label)}”)</span>"
    if not isinstance(row.speaker_id, str):
        label = " <span class='muted'>(unnamed source)</span>"
    relayed = " <span class='badge'>relayed</span>" if row.relayed else ""
    relayed += tagged_badge(getattr(row, "tagged_label", None))
    date = format_date(row.said_on if isinstance(row.said_on, str) else None,
                              row.said_on_precision if isinstance(row.said_on_precision, str) else None)
    source = link(row.source_url, row.publisher or "source") + repost_badge(row.publisher, row.source_title,
                                                                          row.source_url)
    if not safe_url(row.source_url):
        source += " <span class='muted'>(no URL known; text kept in the project's corpus)</span>"
    held = held_text_html(getattr(row, "held_text", None), getattr(row, "held_retrieved", None), row.context)
    event = ""
    if show_event and isinstance(row.event_id, str):
        event = (f"<div class='muted'>Event: <a href='timeline?event={esc(quote(row.event_id, safe=''))}' target='_self' "
                 f"class='event-link'>{esc(row.event_title)}</a></div>")
    text_hl = getattr(row, "text_hl", None)
    text = highlighted(text_hl) if isinstance(text_hl, str) else esc(row.text)
    event += context_hit_html(text_hl, getattr(row, "context_hl", None))
    return (f"<div class='quote-card' data-statement-id='{esc(row.id)}'>"
            f"<div class='quote-text' dir='auto'{_lang(row)}>“{text}”</div>"
            f"<div class='quote-meta'><b>{esc(row.speaker_name)}</b>{role_html}{label}{relayed} · "
            f"<span class='date'>{esc(date)}</span> · {source} · {permalink(row.id)}</div>{event}{held}</div>")


def tagged_badge(label) -> str:
    """The marker of a quote found because it is tagged with a topic the search names, not by its words."""
    if not isinstance(label, str) or not label:
        return ""
    return (f" <span class='badge tagged' title='Its own words do not match the search: it is tagged with this "
            f"topic, which the search names'>tagged {esc(label)}</span>")


def permalink(statement_id) -> str:
    """The statement's own page (its stable address: /quotes?quote=<id>), opened in this tab."""
    from urllib.parse import quote

    return (f"<a class='permalink' href='quotes?quote={esc(quote(str(statement_id)))}' target='_self' "
            f"title='This quote on its own page: permalink, held text, Cite this'>Link · Cite</a>")


_REPOST = re.compile(r"\b(repost(ed|ing)?|mirror(ed)?|republished|via)\b", re.I)
_LIST_ARCHIVE = re.compile(r"/(pipermail|mailman|archives?/msg)|listserv", re.I)


def is_repost(publisher, title, url) -> bool:
    """A source that is a reposted copy (a mailing-list or blog repost of a newspaper article): its title or
    publisher says so, or its URL is a mailing-list archive."""
    said = any(isinstance(v, str) and _REPOST.search(v) for v in (title, publisher))
    return bool(said or (isinstance(url, str) and _LIST_ARCHIVE.search(url)))


def repost_badge(publisher, title, url) -> str:
    if not is_repost(publisher, title, url):
        return ""
    return (" <span class='badge repost' title='This link is a copy reposted elsewhere, not the publisher's own "
            "page'>reposted copy</span>")


def quote_cards_html(rows, show_event: bool = True) -> str:
    """Cards for a frame of statements; copies of one quote from several outlets are one card listing every
    source (components.display.group_copies)."""
    from components.display import group_copies

    html_out = []
    for first, members in group_copies(rows):
        card = quote_card(first, show_event=show_event)
        if len(members) > 1:
            others = "".join(f"<li>{link(m.source_url, m.publisher or 'source')}"
                             f"{repost_badge(m.publisher, m.source_title, m.source_url)}"
                             f"{' (' + esc(m.said_on) + ')' if isinstance(m.said_on, str) else ''}</li>"
                             for m in members[1:])
            extra = (f"<div class='also-sources'>Also published by {len(members) - 1} more source"
                     f"{'s' if len(members) > 2 else ''}:<ul>{others}</ul></div>")
            card = card[: card.rfind("</div>")] + extra + "</div>"
        html_out.append(card)
    return "".join(html_out)


def _lang(row) -> str:
    lang = getattr(row, "language", None)
    return f" lang='{esc(lang)}'" if isinstance(lang, str) and lang.isalpha() and len(lang) <= 3 else ""


def context_hit_html(text_hl, context_hl) -> str:
    """When a search matched only the words around the quote, show those words with the match marked."""
    if not isinstance(context_hl, str) or HL_OPEN not in context_hl:
        return ""
    if isinstance(text_hl, str) and HL_OPEN in text_hl:
        return ""
    return f"<div class='context-hit muted' dir='auto'>Matched in the surrounding text: “{highlighted(context_hl)}”</div>"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def held_text_html(text, retrieved, mark: str | None = None) -> str:
    """The source's held text, folded away: "held text as retrieved on …", with `mark` highlighted."""
    text = _text(text)
    if text is None:
        return ""
    when = f" as retrieved on {esc(retrieved)}" if _text(retrieved) else ""
    mark = _text(mark)
    if mark and mark in text:
        before, _, after = text.partition(mark)
        body = f"{esc(before)}<mark class='held-mark'>{esc(mark)}</mark>{esc(after)}"
    else:
        body = esc(text)
    return (f"<details class='held-text'><summary>Held text{when}</summary>"
            f"<div class='held-body' dir='auto' tabindex='0' role='region' aria-label='Held source text'>{body}</div>"
            "</details>")


def source_item(row) -> str:
    """One source of an event: live link, published date, title, evidence, and the held text."""
    title = f" — {esc(row.title)}" if _text(row.title) else ""
    pub = f" ({esc(row.published)})" if _text(row.published) else ""
    evidence = f"<div class='muted'>Evidence: “{esc(row.evidence)}”</div>" if _text(row.evidence) else ""
    held = held_text_html(getattr(row, "held_text", None), getattr(row, "held_retrieved", None), _text(row.evidence))
    return f"<li class='event-source'>{link(row.url, row.publisher)}{pub}{title}{evidence}{held}</li>"


CSS = """
<style>
.quote-card {border-left: 4px solid #2874a6; padding: 0.5rem 0.9rem; margin: 0.6rem 0; background: #f8f9f9;
  overflow-wrap: anywhere; word-break: break-word;}
.quote-text {font-size: 1.05rem; unicode-bidi: plaintext;}
.quote-meta {font-size: 0.9rem; margin-top: 0.3rem; color: #1b2631;}
.muted {color: #566573; font-size: 0.85rem;}  /* 4.5:1 or more on the card's background (axe) */
.badge {background: #d6eaf8; border-radius: 4px; padding: 0 4px; font-size: 0.8rem;}
mark {background: #fcf3cf; padding: 0 1px;}
.held-text {font-size: 0.85rem; margin-top: 0.3rem;}
.held-text summary {cursor: pointer; color: #1f618d;}
/* Plotly's range-slider grabbers are hollow boxes that read as missing-glyph boxes: draw them as solid bars */
.js-plotly-plot .rangeslider-handle-min, .js-plotly-plot .rangeslider-handle-max {fill: #566573 !important;
  stroke: #566573 !important;}
.chart-legend {display: flex; flex-wrap: wrap; gap: 0.15rem 0.9rem; font-size: 0.85rem; margin: 0.5rem 0 -0.6rem 0;}
.lg-item {display: inline-flex; align-items: center; gap: 0.35rem;}
.lg-mark {display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--c);}
.lg-open {background: transparent; border: 2px solid var(--c);}
.lg-diamond {border-radius: 0; transform: rotate(45deg) scale(0.8);}
.lg-bar {border-radius: 2px;}
.lg-line {height: 0.3rem; width: 1.1rem; border-radius: 0; opacity: 0.7;}
/* On a phone the plot is too narrow for text inside it: event and era labels are listed under the chart */
@media (max-width: 640px) {.js-plotly-plot g.annotation {display: none;}}
.chart-title {font-size: 1.15rem; font-weight: 600; margin: 0.4rem 0 -0.6rem 0; color: #1b2631;}
.chart-summary {margin: 0 0 0.2rem 0; font-size: 0.95rem;}
.chart-caption {margin: 0;}
.held-body {white-space: pre-wrap; max-height: 18rem; overflow-y: auto; background: #fff; padding: 0.4rem;
  border: 1px solid #d5d8dc; unicode-bidi: plaintext;}
/* axe: Streamlit's captions are too faint (under 4.5:1); section headings are h2 under the page's h1 */
[data-testid="stCaptionContainer"] {opacity: 1 !important; color: #4d5156 !important;}
[data-testid="stMain"] h2 {font-size: 1.5rem; padding-top: 1rem;}
</style>
"""


