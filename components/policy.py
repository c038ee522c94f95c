"""The provenance policy and the tone rubric, as shown on the About page (the README repeats them)."""

PROVENANCE = """
* **Every event cites at least one source** with a URL, and keeps the source's own words as evidence (≤ 200
  characters). Summaries are written in our own words.
* **Every quote is the speaker's exact words**: an exact substring of its *context* (the sentence(s) around it
  as published), which is itself an exact substring of the article text wherever that text is at hand. The
  build refuses a quote that is not.
* The speaker is who the source says; **unnamed sources stay labels** ("senior Syrian source") and are never
  given a person's name. Relayed words are marked *relayed*.
* Dates carry their **precision** (day, week, month, year). "Date unknown" is a valid value; nothing is guessed.
* Where **sources disagree**, the event records the dispute (who says what) instead of picking silently.
* Roles are shown for a date only when a source dates the office; otherwise the role the article gives is shown.
"""

TONE_RUBRIC = """
Each event gets a whole-number **tone** from −10 to +10 for the Syria–Russia relationship (the Syrian
government of the day and Russia/the USSR):

| tone | meaning | examples |
|---|---|---|
| +8 … +10 | alliance-level acts | friendship treaty, military intervention at Damascus's request, basing agreements |
| +4 … +7 | concrete cooperation | agreements signed, aid, fuel or wheat delivered, vetoes shielding Damascus |
| +1 … +3 | routine or warm contact | calls, talks, positive statements |
| 0 | neutral or not bilateral | procedural steps, multilateral rounds |
| −1 … −3 | friction | cool statements, postponements, paused deliveries |
| −4 … −7 | serious strain | demands to hand over Assad, cancelled contracts, trade bans, forced withdrawals |
| −8 … −10 | hostility | armed clashes between the two states' forces |

The barometer shows the monthly mean with the number of events behind each point: a month with one event
says little.
"""

HOW_TO_ADD = """
1. Add the source to `data/sources/*.yaml` (URL, publisher, date, kind).
2. Add the event to `data/events/*.yaml` or the quote to `data/statements/*.yaml` (see `data/README.md`).
3. Run `timeline validate` (every problem is reported as `file:line: field: reason`), then `timeline build`.
4. Or let the tool read the article: `timeline extract article.txt` shows what it finds,
   `timeline ingest article.txt` queues it for review.
"""
