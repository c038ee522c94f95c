"""Validation of a loaded dataset: one small validator per record kind, each appending `Issue`s.

Every problem becomes one `file:line: field: reason`. `validate()` runs them in dependency order
(topics, actors, sources and held texts, events, statements) over the ids each kind defines.
"""

from __future__ import annotations

from dataclasses import dataclass

from components import config
from components.checker import Checker
from components.schema import COUNTRY_RE, LANG_RE, MAX_CONTEXT_CHARS, URL_RE, Dataset, Issue, Record, _known, date_bounds
from components.texts import HeldText


def _first_seen(records: list[Record], key, fld: str, reason, issues: list[Issue]) -> dict:
    """Records by key (None keys skipped); a repeated key is an Issue on the repeat, naming the first."""
    seen: dict = {}
    for rec in records:
        k = key(rec)
        if k is None:
            continue
        if k in seen:
            issues.append(Issue(rec.file, rec.line_of(fld), fld, reason(k, seen[k])))
        else:
            seen[k] = rec
    return seen


def _text_id(rec: Record) -> str | None:
    rid = rec.get("id")
    return rid if isinstance(rid, str) else None


def _unique(records: list[Record], kind: str, issues: list[Issue]) -> dict[str, Record]:
    return _first_seen(records, _text_id, "id",
                       lambda rid, first: f"duplicate {kind} id '{rid}' (first defined at {first.file}:{first.line})",
                       issues)


def _corpus_text(path: str) -> str | None:
    """Body of a corpus article under ../shared, or None when it is not at hand."""
    full = config.SHARED_DIR / path
    if not full.is_file():
        return None
    text = full.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    return body if sep else text


def _check_held_texts(ds: Dataset, sources: dict[str, Record], corpus: dict[str, str | None],
                      issues: list[Issue]) -> None:
    """Each held text belongs to a known source, under its URL, and copies its corpus article exactly."""
    for sid, held in sorted(ds.texts.items()):
        src = sources.get(sid)
        if src is None:
            issues.append(Issue(held.file, 1, "file", f"no source has the id '{sid}' (the file name must be a source id)"))
            continue
        if src.get("url") and held.url and held.url != src["url"]:
            issues.append(Issue(held.file, 1, "url", f"'{held.url}' differs from source '{sid}' URL '{src['url']}'"))
        if corpus.get(sid) is not None and corpus[sid] != held.text:
            issues.append(Issue(held.file, 1, "text", f"differs from its corpus file {src.get('corpus_file')}"))


def _check_evidence(rec: Record, cites: list, sources: dict[str, Record], texts: dict[str, HeldText],
                    issues: list[Issue]) -> None:
    """Every evidence excerpt is in its source's held text; a source the store no longer returns
    (`not_held`) may stay beside one that is held."""
    unheld = 0
    for s in cites:
        if not isinstance(s, dict) or not _known(s.get("id"), sources):
            continue
        line = getattr(s, "line", rec.line_of("sources"))
        held = texts.get(s["id"])
        evidence = s.get("evidence")
        if held is None and sources[s["id"]].get("not_held"):
            unheld += 1
        elif held is None:
            issues.append(Issue(rec.file, line, "sources",
                                f"source '{s['id']}' has no held text: save the page as data/texts/{s['id']}.txt"))
        elif isinstance(evidence, str) and evidence not in held.text:
            issues.append(Issue(rec.file, line, "sources",
                                f"evidence is not found verbatim in the held text of '{s['id']}' ({held.file})"))
    if cites and unheld == len(cites):
        issues.append(Issue(rec.file, rec.line_of("sources"), "sources",
                            "no source of this event has a held text; cite a page the store returns"))


@dataclass
class Known:
    """The ids each kind defines (after duplicates are reported), for the kinds that refer to them."""

    topics: dict[str, Record]
    actors: dict[str, Record]
    sources: dict[str, Record]
    events: dict[str, Record]
    texts: dict[str, HeldText]


def validate_topic(rec: Record, known: Known, issues: list[Issue]) -> None:
    c = Checker(rec, issues, {"id", "label", "description"})
    c.ident()
    c.text("label")
    c.text("description", required=False)


def validate_actor(rec: Record, known: Known, issues: list[Issue]) -> None:
    c = Checker(rec, issues, {"id", "name", "kind", "country", "aliases", "description", "roles"})
    c.ident()
    c.text("name")
    c.choice("kind", config.ACTOR_KINDS)
    country = rec.get("country")
    if country is not None and not (isinstance(country, str) and COUNTRY_RE.match(country)):
        c.err("country", f"'{country}' is not an ISO 3166 alpha-2 code such as SY or RU")
    aliases = rec.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        c.err("aliases", "must be a list of names")
    c.text("description", required=False)
    roles = rec.get("roles") or []
    if not isinstance(roles, list):
        c.err("roles", "must be a list")
        roles = []
    for role in roles:
        if not isinstance(role, Record):
            c.err("roles", "each role must be a mapping")
            continue
        role.file = rec.file
        _validate_role(role, known, issues)


def _validate_role(role: Record, known: Known, issues: list[Issue]) -> None:
    rc = Checker(role, issues, {"title", "organisation", "start", "end", "source_id", "note"})
    rc.text("title")
    rc.text("organisation", required=False)
    start = rc.date("start", required=False)
    end = rc.date("end", required=False)
    if start and end and date_bounds(*start)[0] > date_bounds(*end)[1]:
        rc.err("end", f"'{end[0]}' is before start '{start[0]}'")
    sid = role.get("source_id")
    if sid is not None and not _known(sid, known.sources):
        rc.err("source_id", f"unknown source '{sid}'")


SOURCE_FIELDS = {"id", "url", "publisher", "title", "published", "kind", "language", "corpus_file", "note", "not_held"}


def validate_source(rec: Record, known: Known, issues: list[Issue], corpus: dict[str, str | None],
                    check_corpus: bool = True) -> None:
    c = Checker(rec, issues, SOURCE_FIELDS)
    c.ident()
    url = rec.get("url")
    if url is not None and not (isinstance(url, str) and URL_RE.match(url)):
        c.err("url", f"'{url}' is not an http(s) URL")
    c.text("publisher")
    c.text("title", required=False)
    c.date("published", required=False)
    c.choice("kind", config.SOURCE_KINDS)
    lang = rec.get("language")
    if lang is not None and not (isinstance(lang, str) and LANG_RE.match(lang)):
        c.err("language", f"'{lang}' is not an ISO 639 code such as en or ru")
    c.text("not_held", required=False)
    cf = rec.get("corpus_file")
    if cf is not None:
        if not isinstance(cf, str) or ".." in cf or cf.startswith("/"):
            c.err("corpus_file", "must be a path inside ../shared, e.g. corpus/seed/NAME.txt")
        elif check_corpus:
            corpus[rec["id"]] = _corpus_text(cf)
    if url is None and cf is None:
        c.err("url", "a source needs a URL, or a corpus_file when it has no known URL")


def _unique_urls(sources: list[Record], issues: list[Issue]) -> None:
    _first_seen(sources, lambda r: r.get("url") if isinstance(r.get("url"), str) else None, "url",
                lambda url, first: f"same URL as source '{first.get('id')}' ({first.file}:{first.line}); cite that id",
                issues)


EVENT_FIELDS = {"id", "date", "date_precision", "end_date", "title", "summary", "category", "importance", "location",
                "tone", "disputed", "actors", "topics", "sources"}


def validate_event(rec: Record, known: Known, issues: list[Issue]) -> None:
    c = Checker(rec, issues, EVENT_FIELDS)
    c.ident()
    parsed = c.date("date")
    c.precision_matches("date", "date_precision", parsed, config.EVENT_PRECISIONS)
    end = c.date("end_date", required=False)
    if parsed and end and date_bounds(*end)[1] < date_bounds(*parsed)[0]:
        c.err("end_date", f"'{end[0]}' is before the date '{parsed[0]}'")
    c.text("title", max_len=300)
    c.text("summary", max_len=2000)
    c.choice("category", config.CATEGORIES)
    c.integer("importance", 1, 3)
    c.text("location", required=False)
    c.integer("tone", -10, 10)
    c.text("disputed", required=False)
    c.id_list("topics", known.topics, "topic", min_items=1)
    _event_actors(rec, c, known, issues)
    cites = _event_sources(rec, c, known, issues)
    _check_evidence(rec, cites, known.sources, known.texts, issues)


def _event_actors(rec: Record, c: Checker, known: Known, issues: list[Issue]) -> None:
    ev_actors = rec.get("actors") or []
    if not isinstance(ev_actors, list) or not ev_actors:
        c.err("actors", "needs at least one actor")
        return
    seen: set = set()
    for a in ev_actors:
        if isinstance(a, dict) and _known(a.get("id"), seen):
            c.err("actors", f"actor '{a['id']}' is listed twice")
        elif isinstance(a, dict) and isinstance(a.get("id"), str):
            seen.add(a["id"])
        if not isinstance(a, dict) or "id" not in a:
            c.err("actors", "each actor is {id: ACTOR_ID, part: initiator|counterpart|participant|mentioned}")
        elif not _known(a["id"], known.actors):
            issues.append(Issue(rec.file, getattr(a, "line", rec.line_of("actors")), "actors",
                                f"unknown actor '{a['id']}'"))
        elif a.get("part", "participant") not in config.PARTS:
            c.err("actors", f"part '{a.get('part')}' is not one of {', '.join(config.PARTS)}")


def _event_sources(rec: Record, c: Checker, known: Known, issues: list[Issue]) -> list:
    cites = rec.get("sources") or []
    if not isinstance(cites, list) or not cites:
        c.err("sources", "an event needs at least one source")
        return []
    seen: set = set()
    for s in cites:
        cite = (repr(s.get("id")), repr(s.get("evidence"))) if isinstance(s, dict) else None
        if cite is not None and cite in seen:
            c.err("sources", f"source '{s['id']}' is cited twice with the same evidence")
        elif cite is not None:
            seen.add(cite)
        if isinstance(s, dict) and s.get("evidence") is not None and not isinstance(s.get("evidence"), str):
            c.err("sources", "evidence must be text (the source's own words)")
        if not isinstance(s, dict) or "id" not in s:
            c.err("sources", "each source is {id: SOURCE_ID, evidence: \"the source's own words\"}")
        elif not _known(s["id"], known.sources):
            issues.append(Issue(rec.file, getattr(s, "line", rec.line_of("sources")), "sources",
                                f"unknown source '{s['id']}'"))
        elif known.sources[s["id"]].get("url") is None and known.sources[s["id"]].get("corpus_file") is None:
            c.err("sources", f"source '{s['id']}' has no URL")
    return cites


STATEMENT_FIELDS = {"id", "text", "context", "speaker_id", "speaker_label", "speaker_role", "said_on",
                    "said_on_precision", "source_id", "event_id", "quote_kind", "language", "relayed", "topics", "note"}


def validate_statement(rec: Record, known: Known, issues: list[Issue]) -> None:
    c = Checker(rec, issues, STATEMENT_FIELDS)
    c.ident()
    text = c.text("text")
    context = c.text("context", max_len=MAX_CONTEXT_CHARS)
    if text and context and text not in context:
        c.err("text", "the quote is not found verbatim in its context")
    spk = rec.get("speaker_id")
    if spk is not None and not _known(spk, known.actors):
        c.err("speaker_id", f"unknown actor '{spk}'")
    c.text("speaker_label")
    c.text("speaker_role", required=False)
    parsed = c.date("said_on", required=False)
    c.precision_matches("said_on", "said_on_precision", parsed, config.STATEMENT_PRECISIONS)
    if parsed is None and rec.get("said_on") is None and rec.get("said_on_precision") is not None:
        c.err("said_on_precision", "must be null when said_on is null")
    _statement_source(rec, c, context, known)
    eid = rec.get("event_id")
    if eid is not None and not _known(eid, known.events):
        c.err("event_id", f"unknown event '{eid}'")
    c.choice("quote_kind", config.QUOTE_KINDS)
    c.text("language", required=False)
    if not isinstance(rec.get("relayed", False), bool):
        c.err("relayed", "must be true or false")
    c.id_list("topics", known.topics, "topic", min_items=1)


def _statement_source(rec: Record, c: Checker, context: str | None, known: Known) -> None:
    """A quote cites a known source whose held text contains its context verbatim."""
    sid = rec.get("source_id")
    if sid is None:
        c.err("source_id", "is required: every quote cites its source")
    elif not _known(sid, known.sources):
        c.err("source_id", f"unknown source '{sid}'")
    elif sid not in known.texts:
        c.err("source_id", f"source '{sid}' has no held text: save the page as data/texts/{sid}.txt")
    elif context and context not in known.texts[sid].text:
        c.err("context", f"is not found verbatim in the held text of source '{sid}' ({known.texts[sid].file})")


def validate(ds: Dataset, issues: list[Issue], check_corpus: bool = True) -> None:
    """Check every record of a loaded dataset; append one Issue per problem."""
    known = Known(topics=_unique(ds.topics, "topic", issues), actors=_unique(ds.actors, "actor", issues),
                  sources=_unique(ds.sources, "source", issues), events=_unique(ds.events, "event", issues),
                  texts=ds.texts)
    _unique(ds.statements, "statement", issues)
    for rec in ds.topics:
        validate_topic(rec, known, issues)
    for rec in ds.actors:
        validate_actor(rec, known, issues)
    corpus: dict[str, str | None] = {}
    _unique_urls(ds.sources, issues)
    for rec in ds.sources:
        validate_source(rec, known, issues, corpus, check_corpus)
    _check_held_texts(ds, known.sources, corpus, issues)
    for rec in ds.events:
        validate_event(rec, known, issues)
    for rec in ds.statements:
        validate_statement(rec, known, issues)
    # The same words from the same source are one statement, not two.
    _first_seen(ds.statements, _quote_key, "text",
                lambda _k, first: f"the same quote from the same source is statement '{first.get('id')}' "
                                  f"({first.file}:{first.line})", issues)


def _quote_key(rec: Record) -> tuple | None:
    source, text = rec.get("source_id"), rec.get("text")
    return (source, text) if isinstance(source, str) and isinstance(text, str) else None
