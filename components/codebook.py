"""What every table and column of the database means: the codebook of the bulk download and the Datasette
metadata. A test checks that every column the build writes is described here.
"""

from __future__ import annotations

TITLE = "Syria–Russia Relations Timeline"

DATE_PRECISION = """
* Dates are ISO-8601 text: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, each with a precision column (`day`, `week`,
  `month`, `year`) saying how much of it the source settles. Nothing finer than the source is recorded.
* `date_start` / `date_end` are the first and last day the date can mean (`2025-10` → 2025-10-01 to
  2025-10-31); filters match any item whose span overlaps the range asked for.
* A statement's date is when the words were said, taken only from the text (a dated meeting, visit, call
  or talk of the speaker's, or an explicit date); a publication date is never used as a fallback.
  A statement whose date the text does not settle has `said_on` NULL and sorts last (`date_sort` 0000-00-00).
"""

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "meta": ("Facts about this build of the database.", {
        "key": "name of the fact: input_hash, schema_version, data_from, data_to, counts, content_hash, "
               "dataset_date, dataset_version, table_hashes",
        "value": "its value as text (counts and table_hashes, each table's row count and sum of row SHA-256 "
                 "values that content_hash is taken over, are JSON)"}),
    "topics": ("The topic taxonomy that events and statements are tagged with.", {
        "id": "topic id (stable slug)", "label": "display name", "description": "what the topic covers"}),
    "actors": ("People, organisations, states and media that act in events or speak.", {
        "id": "actor id (stable slug)", "name": "canonical name",
        "kind": "person, organisation, state or media", "country": "ISO 3166 alpha-2 code of the actor's country",
        "aliases": "JSON list of other spellings, scripts and names (e.g. Jolani, الشرع)",
        "description": "one line about the actor"}),
    "roles": ("Dated offices of actors, each with the source that dates it.", {
        "id": "row number", "actor_id": "actors.id", "title": "office held", "organisation": "where",
        "start": "first day in office (ISO date, may be partial or NULL if unknown)",
        "end": "last day in office (NULL: still in office or unknown)", "source_id": "sources.id that states it"}),
    "sources": ("Every cited article, document or page.", {
        "id": "source id (stable slug)", "url": "the source's URL (NULL when only a corpus copy is known)",
        "publisher": "who published it", "title": "its title", "published": "publication date (ISO, may be partial)",
        "kind": "wire, newspaper, broadcaster, official, reference, aggregator or blog",
        "language": "ISO 639-1 language of the text", "corpus_file": "path of the held copy in the project corpus"}),
    "source_texts": ("The text of a source as retrieved and held by the project (quotes are checked against it).", {
        "source_id": "sources.id", "text": "the article's text as retrieved", "retrieved": "retrieval date",
        "url": "URL it was retrieved from"}),
    "events": ("Dated happenings in Syria–Russia relations, each with at least one source.", {
        "id": "event id (stable slug; permalink /?event=<id>)", "date": "when (ISO, see date_precision)",
        "date_precision": "day, month or year", "end_date": "last day of a multi-day event",
        "title": "short title", "summary": "summary in the project's own words",
        "category": "diplomacy, military, economy, un, humanitarian, security or politics",
        "importance": "1 (minor) to 3 (major)", "location": "where it happened",
        "tone": "−10 (open conflict) to +10 (alliance-level cooperation), see the tone rubric",
        "disputed": "what the sources disagree on (NULL: no recorded dispute)",
        "date_start": "first day the date can mean", "date_end": "last day the date can mean",
        "initiator_id": "actors.id of the initiating actor", "initiator_country": "that actor's country",
        "actor_names": "names of every actor taking part (comma-separated, for search)",
        "topic_ids": "topics.id values (comma-separated; the first is the primary topic)",
        "source_count": "number of distinct sources cited"}),
    "statements": ("Verbatim quotes by officials: exact words, exact substrings of their context.", {
        "id": "statement id (stable slug; permalink /quotes?quote=<id>)", "text": "the exact words quoted",
        "context": "the sentence(s) around the quote as published", "speaker_id": "actors.id (NULL: unnamed source)",
        "speaker_label": "the speaker as the source names them", "speaker_role": "role as the source gives it",
        "said_on": "when it was said (ISO, may be partial; NULL: unknown)",
        "said_on_precision": "day, week, month or year (NULL with said_on NULL)", "source_id": "sources.id",
        "event_id": "events.id of the occasion (NULL: none recorded)", "quote_kind": "direct or partial",
        "language": "ISO 639-1 language of the quote", "relayed": "1 when the words are relayed by someone else",
        "date_start": "first day said_on can mean", "date_end": "last day said_on can mean",
        "date_sort": "date_start, or 0000-00-00 when undated (sort key)",
        "speaker_name": "canonical name of the speaker (speaker_label when unnamed)",
        "speaker_country": "the speaker's country", "role_on_date": "the speaker's dated role on said_on, if sourced",
        "speaker_names": "the speaker's name and aliases (for search)",
        "topic_ids": "topics.id values (comma-separated)"}),
    "event_actors": ("Who took part in each event.", {
        "event_id": "events.id", "actor_id": "actors.id", "part": "initiator, counterpart, participant or subject"}),
    "event_topics": ("Topics of each event.", {"event_id": "events.id", "topic_id": "topics.id"}),
    "event_sources": ("The sources of each event with the evidence excerpt.", {
        "id": "row number", "event_id": "events.id", "source_id": "sources.id",
        "evidence": "the source's own words supporting the event (≤ 200 characters)"}),
    "statement_topics": ("Topics of each statement.", {"statement_id": "statements.id", "topic_id": "topics.id"}),
}

FACETS = {"statements": ["speaker_name", "speaker_country", "language", "said_on_precision", "quote_kind"],
          "events": ["category", "initiator_country", "importance", "date_precision"],
          "sources": ["publisher", "kind", "language"], "actors": ["kind", "country"]}
FTS = {"statements": ["text", "speaker_label", "context", "speaker_names"],
       "events": ["title", "summary", "actor_names"]}


def markdown(version: str, policy_texts: dict[str, str]) -> str:
    """The README codebook of the bulk download: tables and columns, then the policies."""
    out = [f"# {TITLE}: dataset {version}", "",
           "Files: `timeline.db` (SQLite, the same database the dashboard and the API read), one CSV per table "
           "(UTF-8, header row, empty field = NULL), `datapackage.json` (Frictionless Data), this README.", "",
           "## Tables and columns", ""]
    for table, (about, columns) in TABLES.items():
        out += [f"### {table}", "", about, "", "| column | meaning |", "|---|---|"]
        out += [f"| `{c}` | {d.replace('|', '/')} |" for c, d in columns.items()]
        out.append("")
    out += ["## Date precision", DATE_PRECISION]
    for title, text in policy_texts.items():
        out += [f"## {title}", text]
    return "\n".join(out)
