#!/usr/bin/env python3
"""Generate data/sources/corpus.yaml and data/statements/*.yaml from the shared corpus.

Provenance script: every quote text is copied from the hand annotations
(../shared/corpus/*/*.expected.json) and verified to be an exact substring of the article
body; every context is cut programmatically from the article body (or is the reference CSV
evidence string, for data/statements/reference-evidence.yaml). Editorial judgements
(titles, source kinds, speaker ids/labels, topics, event links) are explicit tables below.

Run from the repo root:  python scripts/import_corpus_statements.py

This was a one-time import, kept as a record of how the quotes were copied. The YAML under data/
is now the source of truth and has been edited since (duplicates of corpus quotes and an excerpt
without quotation marks were removed from reference-evidence.yaml): do not rerun it over data/.
"""
from __future__ import annotations

import csv
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
DATA = os.path.join(ROOT, "data")
ROW_SOURCE_IDS = "/work/scratch/row_source_ids.json"
MAX_CONTEXT = 400

# ---------------------------------------------------------------- sources (editorial)
# file stem -> (source id, title in our own words, kind)
SOURCES = {
    "levant24_2025-10-15_sharaa_moscow": (
        "levant24-2025-10-15", "Al-Sharaa and Syrian delegation arrive in Moscow for first visit as president", "newspaper"),
    "aljazeera_2024-12-19_putin_not_defeat": (
        "aljazeera-2024-12-19", "Putin says Russia was not defeated in Syria and plans to meet al-Assad", "broadcaster"),
    "kuwaittimes_2025-01-29_assad_handover_compensation": (
        "kuwaittimes-2025-01-29", "Syria asks Russia to hand over Assad and pay compensation during Bogdanov visit", "newspaper"),
    "newarab_2025-09-10_novak_damascus": (
        "newarab-2025-09-10", "Novak in Damascus announces al-Sharaa's October visit to Moscow", "newspaper"),
    "urdupoint_2025-02-12_putin_sharaa_call": (
        "urdupoint-2025-02-12", "Kremlin reports first Putin–al-Sharaa phone call", "aggregator"),
    "washingtonpost_2025-02-06_abu_qasra_bases": (
        "washingtonpost-2025-02-06",
        "Abu Qasra says Syria could let Russia keep its bases (Washington Post interview, mailing-list mirror)", "newspaper"),
    "alliancenews_2024-12-10_nebenzia_unsc": (
        "alliancenews-2024-12-10", "UN Security Council to work on a statement on Syria after Assad's fall", "wire"),
    "cna_2026-01-29_putin_sharaa_moscow": (
        "cna-2026-01-29", "Putin hosts al-Sharaa in Moscow as Russia seeks to keep its bases", "broadcaster"),
    "defensepost_2018-08-02_rudskoi_golan_police": (
        "defensepost-2018-08-02", "Russia to post military police at eight Golan Heights observation points", "newspaper"),
    "hurriyet_2026-01-28_peskov_soldiers_talks": (
        "hurriyet-2026-01-28", "Al-Sharaa to meet Putin as Russia seeks a deal on its bases", "newspaper"),
    "khalijiuwn24_2025-10_peskov_lavrov_assad": (
        "khalijiuwn24-2025-10", "Peskov declines comment on handing over Assad; Lavrov on his asylum", "aggregator"),
    "missoulian_2021-09-14_putin_assad_moscow": (
        "missoulian-2021-09-14", "Putin criticises foreign troop presence in Syria at Moscow meeting with Assad (AP)", "newspaper"),
    "sputnik_2023-10-16_ushakov_phone_calls": (
        "sputnik-2023-10-16", "Ushakov: Putin held phone talks with the presidents of Syria and Iran", "wire"),
    "yenisafak_2026-02_lavrov_bases_talks": (
        "yenisafak-2026-02", "Lavrov says Russia is negotiating with Syria on keeping its military presence", "newspaper"),
    "zamanalwasl_2025-10_zakharova_elections": (
        "zamanalwasl-2025-10", "Zakharova welcomes Syria's People's Council elections", "newspaper"),
}

# ---------------------------------------------------------------- speakers (editorial)
# (file stem, annotation speaker) -> (speaker_id, speaker_label, relayed)
# speaker_label is how the article names the speaker; for relayed quotes it is the
# annotation's speaker string, as the brief asks.
SPEAKERS = {
    ("levant24_2025-10-15_sharaa_moscow", "sources close to the Syrian government (unnamed, via L24)"):
        (None, "sources close to the Syrian government", False),
    ("levant24_2025-10-15_sharaa_moscow", "L24 sources (unnamed)"): (None, "L24 sources", False),
    ("levant24_2025-10-15_sharaa_moscow", "senior Syrian source (unnamed)"): (None, "senior Syrian source", False),
    ("levant24_2025-10-15_sharaa_moscow", "Syrian government (the new government)"): ("@syrian-government", "new government", False),
    ("levant24_2025-10-15_sharaa_moscow", "Sergey Lavrov"): ("sergey-lavrov", "Sergey Lavrov", False),
    ("levant24_2025-10-15_sharaa_moscow", "source (unnamed, told L24)"): (None, "a source", False),
    ("aljazeera_2024-12-19_putin_not_defeat", "Vladimir Putin"): ("vladimir-putin", "Vladimir Putin", False),
    ("aljazeera_2024-12-19_putin_not_defeat", "White House"): ("@white-house", "White House", False),
    ("kuwaittimes_2025-01-29_assad_handover_compensation", "Syria's new leadership"):
        ("@syrian-leadership", "Syria’s new leadership", False),
    ("kuwaittimes_2025-01-29_assad_handover_compensation", "Damascus (as reported by Syrian news agency Sana)"):
        ("@syrian-leadership", "Damascus (as reported by Syrian news agency Sana)", True),
    ("kuwaittimes_2025-01-29_assad_handover_compensation", "Syria's leadership (statement)"):
        ("@syrian-leadership", "Syria’s leadership", False),
    ("kuwaittimes_2025-01-29_assad_handover_compensation", "Russia’s foreign ministry"):
        ("@russian-foreign-ministry", "Russia’s foreign ministry", False),
    ("kuwaittimes_2025-01-29_assad_handover_compensation", "Dmitry Peskov"): ("dmitry-peskov", "Dmitry Peskov", False),
    ("newarab_2025-09-10_novak_damascus", "Alexander Novak"): ("alexander-novak", "Alexander Novak", False),
    ("newarab_2025-09-10_novak_damascus", "SANA (state news agency)"): ("@sana", "SANA", False),
    ("newarab_2025-09-10_novak_damascus", "Asaad al-Shaibani"): ("asaad-al-shaibani", "Asaad al-Shibani", False),
    ("urdupoint_2025-02-12_putin_sharaa_call", "Kremlin (readout of the call)"): ("@kremlin", "the Kremlin", False),
    ("washingtonpost_2025-02-06_abu_qasra_bases", "Murhaf Abu Qasra"): ("murhaf-abu-qasra", "Murhaf Abu Qasra", False),
    ("alliancenews_2024-12-10_nebenzia_unsc", "Vassily Nebenzia"): ("vasily-nebenzya", "Vassily Nebenzia", False),
    ("alliancenews_2024-12-10_nebenzia_unsc", "Koussay Aldahhak"): ("koussay-aldahhak", "Koussay Aldahhak", False),
    ("cna_2026-01-29_putin_sharaa_moscow", "Vladimir Putin"): ("vladimir-putin", "Vladimir Putin", False),
    ("cna_2026-01-29_putin_sharaa_moscow", "Ahmed al-Sharaa"): ("ahmed-al-sharaa", "Ahmed al-Sharaa", False),
    ("cna_2026-01-29_putin_sharaa_moscow", "Dmitry Peskov"): ("dmitry-peskov", "Dmitry Peskov", False),
    ("defensepost_2018-08-02_rudskoi_golan_police", "Russian General Staff"): ("@russian-general-staff", "the Russian General Staff", False),
    ("defensepost_2018-08-02_rudskoi_golan_police", "Sergei Rudskoi (as reported by Reuters)"):
        ("sergei-rudskoi", "Sergei Rudskoi (as reported by Reuters)", True),
    ("defensepost_2018-08-02_rudskoi_golan_police", "Sergei Rudskoi"): ("sergei-rudskoi", "Rudskoi", False),
    ("defensepost_2018-08-02_rudskoi_golan_police", "U.N. peacekeeping spokesperson (unnamed)"):
        (None, "U.N. peacekeeping spokesperson", False),
    ("hurriyet_2026-01-28_peskov_soldiers_talks", "Donald Trump"): ("donald-trump", "Donald Trump", False),
    ("hurriyet_2026-01-28_peskov_soldiers_talks", "Dmitry Peskov"): ("dmitry-peskov", "Dmitry Peskov", False),
    ("khalijiuwn24_2025-10_peskov_lavrov_assad", "Dmitry Peskov (according to Gazeta)"):
        ("dmitry-peskov", "Dmitry Peskov (according to Gazeta)", True),
    ("khalijiuwn24_2025-10_peskov_lavrov_assad", "Dmitry Novikov"): ("dmitry-novikov", "Dmitry Novikov", False),
    ("khalijiuwn24_2025-10_peskov_lavrov_assad", "Sergei Lavrov"): ("sergey-lavrov", "Sergei Lavrov", False),
    ("missoulian_2021-09-14_putin_assad_moscow", "Syrian state TV"): ("@syrian-state-tv", "Syrian state TV", False),
    ("missoulian_2021-09-14_putin_assad_moscow", "Vladimir Putin (according to a Kremlin statement)"):
        ("vladimir-putin", "Vladimir Putin (according to a Kremlin statement)", True),
    ("missoulian_2021-09-14_putin_assad_moscow", "Vladimir Putin"): ("vladimir-putin", "Putin", False),
    ("missoulian_2021-09-14_putin_assad_moscow", "Bashar al-Assad (quoted by Syrian TV)"):
        ("bashar-al-assad", "Bashar al-Assad (quoted by Syrian TV)", True),
    ("sputnik_2023-10-16_ushakov_phone_calls", "Yury Ushakov"): ("yury-ushakov", "Yury Ushakov", False),
    ("yenisafak_2026-02_lavrov_bases_talks", "Sergey Lavrov"): ("sergey-lavrov", "Sergey Lavrov", False),
    ("zamanalwasl_2025-10_zakharova_elections", "Maria Zakharova"): ("maria-zakharova", "Maria Zakharova", False),
}
# "@id" = an organisation actor: used only if that id exists in data/actors/*.yaml, else null.

# ---------------------------------------------------------------- topics (editorial)
# file stem -> one topic list per annotated quote, in annotation order
TOPICS = {
    "levant24_2025-10-15_sharaa_moscow": [
        ["diplomacy"], ["diplomacy"], ["assad-legacy", "security-intelligence"], ["diplomacy"],
        ["reconstruction", "diplomacy"], ["diplomacy"], ["diplomacy"], ["bases"], ["diplomacy"]],
    "aljazeera_2024-12-19_putin_not_defeat": [
        ["assad-legacy"], ["assad-legacy"], ["diplomacy"], ["security-intelligence", "diplomacy"],
        ["security-intelligence"], ["diplomacy"], ["diplomacy"], ["bases"], ["bases", "humanitarian"]],
    "kuwaittimes_2025-01-29_assad_handover_compensation": [
        ["assad-legacy", "diplomacy"], ["reconstruction", "assad-legacy"], ["diplomacy", "assad-legacy"],
        ["assad-legacy"], ["diplomacy"], ["diplomacy"], ["diplomacy"]],
    "newarab_2025-09-10_novak_damascus": [
        ["diplomacy"], ["diplomacy"], ["diplomacy"], ["diplomacy"],
        ["diplomacy", "reconstruction", "security-intelligence"], ["diplomacy"], ["bases", "reconstruction"],
        ["diplomacy", "security-intelligence"], ["security-intelligence", "diplomacy"]],
    "urdupoint_2025-02-12_putin_sharaa_call": [["diplomacy"], ["diplomacy"]],
    "washingtonpost_2025-02-06_abu_qasra_bases": [["diplomacy"], ["diplomacy"], ["bases"]],
    "alliancenews_2024-12-10_nebenzia_unsc": [["sanctions-unsc", "diplomacy"], ["diplomacy", "reconstruction"]],
    "cna_2026-01-29_putin_sharaa_moscow": [
        ["diplomacy"], ["diplomacy", "security-intelligence"], ["diplomacy"], ["bases"]],
    "defensepost_2018-08-02_rudskoi_golan_police": [
        ["security-intelligence"], ["security-intelligence"], ["security-intelligence", "bases"],
        ["security-intelligence"], ["security-intelligence"]],
    "hurriyet_2026-01-28_peskov_soldiers_talks": [["diplomacy"], ["diplomacy"], ["bases", "diplomacy"]],
    "khalijiuwn24_2025-10_peskov_lavrov_assad": [
        ["assad-legacy"], ["assad-legacy"], ["assad-legacy"], ["assad-legacy", "humanitarian"],
        ["assad-legacy", "humanitarian"], ["assad-legacy"]],
    "missoulian_2021-09-14_putin_assad_moscow": [
        ["diplomacy"], ["security-intelligence", "diplomacy"], ["diplomacy", "security-intelligence"],
        ["diplomacy", "security-intelligence"]],
    "sputnik_2023-10-16_ushakov_phone_calls": [["diplomacy"], ["diplomacy"]],
    "yenisafak_2026-02_lavrov_bases_talks": [["bases"], ["security-intelligence"], ["diplomacy"]],
    "zamanalwasl_2025-10_zakharova_elections": [
        ["diplomacy"], ["diplomacy"], ["diplomacy"], ["security-intelligence"],
        ["security-intelligence", "humanitarian"], ["diplomacy"]],
}

# ---------------------------------------------------------------- event links (editorial)
# file stem -> event id for all its quotes, or {quote index (1-based): event id} overrides.
# Filled in after data/events/*.yaml exist; ids are checked against those files.
EVENTS: dict[str, object] = {
    "levant24_2025-10-15_sharaa_moscow": "2025-10-15-al-sharaa-moscow-visit",
    "aljazeera_2024-12-19_putin_not_defeat": "2024-12-19-putin-press-conference-not-defeat",
    "kuwaittimes_2025-01-29_assad_handover_compensation": "2025-01-28-bogdanov-delegation-damascus",
    "newarab_2025-09-10_novak_damascus": "2025-09-09-novak-delegation-damascus",
    "urdupoint_2025-02-12_putin_sharaa_call": "2025-02-12-putin-al-sharaa-first-call",
    "washingtonpost_2025-02-06_abu_qasra_bases": "2025-02-06-abu-qasra-bases-conditional",
    "alliancenews_2024-12-10_nebenzia_unsc": "2024-12-09-unsc-closed-meeting-after-assad",
    "cna_2026-01-29_putin_sharaa_moscow": "2026-01-28-al-sharaa-second-moscow-visit",
    "defensepost_2018-08-02_rudskoi_golan_police": "2018-08-02-golan-military-police",
    "hurriyet_2026-01-28_peskov_soldiers_talks": None,
    "khalijiuwn24_2025-10_peskov_lavrov_assad": None,
    "missoulian_2021-09-14_putin_assad_moscow": "2021-09-13-putin-assad-moscow",
    "sputnik_2023-10-16_ushakov_phone_calls": "2023-10-16-putin-assad-phone-call",
    "yenisafak_2026-02_lavrov_bases_talks": "2026-02-18-lavrov-al-arabiya-interview",
    "zamanalwasl_2025-10_zakharova_elections": "2025-10-08-zakharova-welcomes-elections",
}
EVENT_OVERRIDES: dict[tuple[str, int], object] = {
    # Lavrov 'earlier this week' -> his 13 Oct remarks on the bases
    ("levant24_2025-10-15_sharaa_moscow", 7): "2025-10-13-lavrov-syria-wants-bases-kept",
    ("levant24_2025-10-15_sharaa_moscow", 8): "2025-10-13-lavrov-syria-wants-bases-kept",
    # the White House on Austin Tice is not part of Putin's press conference
    ("aljazeera_2024-12-19_putin_not_defeat", 2): None,
    # Peskov's 'no doubt' was said before the talks
    ("cna_2026-01-29_putin_sharaa_moscow", 4): "2026-01-28-peskov-comments-before-talks",
    ("hurriyet_2026-01-28_peskov_soldiers_talks", 3): "2026-01-28-peskov-comments-before-talks",
    ("khalijiuwn24_2025-10_peskov_lavrov_assad", 1): "2025-10-16-peskov-nothing-on-assad-extradition",
}
# reference rows whose event is not found by (source id, evidence) or (source id, date)
REF_EVENT_OVERRIDES = {
    "events_reference_more.csv:66": "2026-01-23-qamishli-withdrawal",
    "events_reference.csv:59": "2025-03-07-hmeimim-shelters-civilians",
}

# ---------------------------------------------------------------- reference evidence rows
# "<csv>:<line>" -> editorial fields. text is extracted programmatically from the evidence.
REF_ROWS = {
    "events_reference.csv:40": dict(speaker_id="mikhail-bogdanov", speaker_label="Mikhail Bogdanov",
                                    speaker_role="Russian Deputy Foreign Minister", dated=True, topics=["diplomacy"]),
    "events_reference.csv:43": dict(speaker_id="ahmed-al-sharaa", speaker_label="Ahmed al-Sharaa",
                                    speaker_role="Syria's leader", dated=True, topics=["diplomacy"]),
    "events_reference.csv:51": dict(speaker_id="@syrian-leadership", speaker_label="Syria’s new leadership",
                                    speaker_role=None, dated=True, topics=["assad-legacy", "diplomacy"]),
    # no quotation marks: the evidence is first-person speech (MFA briefing); whole string is the text
    "events_reference.csv:59": dict(speaker_id="maria-zakharova", speaker_label="Maria Zakharova",
                                    speaker_role=None, dated=True, topics=["humanitarian", "bases"], whole=True),
    "events_reference.csv:85": dict(speaker_id="alexander-novak", speaker_label="Alexander Novak",
                                    speaker_role=None, dated=True, topics=["reconstruction"]),
    "events_reference.csv:86": dict(speaker_id="dmitry-peskov", speaker_label="Dmitry Peskov",
                                    speaker_role="Kremlin spokesperson", dated=True, topics=["assad-legacy"]),
    "events_reference_more.csv:13": dict(speaker_id="sergey-lavrov", speaker_label="Lavrov",
                                         speaker_role=None, dated=True, topics=["sanctions-unsc"]),
    "events_reference_more.csv:20": dict(speaker_id="sergey-lavrov", speaker_label="Serguei Lavrov",
                                         speaker_role="ministre russe des Affaires étrangères", dated=True,
                                         topics=["diplomacy"], language="fr"),
    "events_reference_more.csv:66": dict(speaker_id=None, speaker_label="source cited by Shafaq News",
                                         speaker_role=None, dated=False, topics=["bases"]),
    "events_reference_more.csv:69": dict(speaker_id="dmitry-peskov", speaker_label="Dmitry Peskov",
                                         speaker_role="Kremlin spokesman", dated=True, topics=["bases", "diplomacy"]),
    "events_reference_more.csv:72": dict(speaker_id="vladimir-putin", speaker_label="Putin",
                                         speaker_role=None, dated=True, topics=["diplomacy", "security-intelligence"]),
    "events_reference_more.csv:73": dict(speaker_id="vladimir-putin", speaker_label="Putin",
                                         speaker_role=None, dated=True, topics=["reconstruction"]),
    "events_reference_more.csv:74": dict(speaker_id="ahmed-al-sharaa", speaker_label="Sharaa",
                                         speaker_role=None, dated=True, topics=["diplomacy"]),
    "events_reference_more.csv:75": dict(speaker_id="vladimir-putin", speaker_label="Российский лидер",
                                         speaker_role=None, dated=True, topics=["diplomacy"], language="ru"),
    "events_reference_more.csv:80": dict(speaker_id="sergey-lavrov", speaker_label="The top Russian diplomat",
                                         speaker_role=None, dated=True, topics=["security-intelligence"]),
    # opening mark only: the 200-character evidence excerpt ends before the closing mark
    "events_reference_more.csv:81": dict(speaker_id="sergey-lavrov", speaker_label="Sergey Lavrov",
                                         speaker_role=None, dated=True, topics=["humanitarian", "bases"]),
}

# ---------------------------------------------------------------- notes on judgement calls
NOTES = {
    "levant24-2025-10-15-q6": "Speaker given as 'The new government' (post-Assad Syrian government); mapped to the actor syrian-government.",
    "levant24-2025-10-15-q7": "Said 'earlier this week' (article of 15 Oct 2025); the annotation resolves it to the week of 13 Oct 2025.",
    "levant24-2025-10-15-q8": "Said 'earlier this week' (article of 15 Oct 2025); the annotation resolves it to the week of 13 Oct 2025.",
    "kuwaittimes-2025-01-29-q2": "Sana reports what 'Damascus' wanted; mapped to the same speaker as 'Syria’s new leadership' in this article.",
    "khalijiuwn24-2025-10-q1": "Peskov's words as reported by the Russian newspaper Gazeta.",
    "reference-evidence-q3": "Same quotation, same article (same URL) as kuwaittimes-2025-01-29-q1.",
    "reference-evidence-q4": "The evidence carries no quotation marks; it is Zakharova's first-person speech, so the whole excerpt is the text. Speaker from the row title.",
    "reference-evidence-q5": "The evidence says 'He'; the speaker is taken from the row title and actors (Novak).",
    "reference-evidence-q8": "French guillemets; the inner typographic spaces are not part of the text.",
    "reference-evidence-q9": "The evidence attributes the phrase to 'he', the security source of Shafaq News named in the row title; the label is ours.",
    "reference-evidence-q10": "Same quotation, same article (same URL) as hurriyet-2026-01-28-q3.",
    "reference-evidence-q11": "Moscow Times wording of the remark quoted by CNA in cna-2026-01-29-q2 (comma after 'integrity').",
    "reference-evidence-q13": "Same quotation, same article (same URL) as cna-2026-01-29-q3.",
    "reference-evidence-q14": "'The Russian leader' in the evidence; Putin per the row title.",
    "reference-evidence-q15": "'The top Russian diplomat' in the evidence; Lavrov per the row title. Same words as yenisafak-2026-02-q2 (other outlet).",
    "reference-evidence-q16": "The 200-character evidence excerpt opens the quotation but ends before its closing mark; the text runs to the end of the excerpt. Speaker from the row title.",
}

# ================================================================= helpers


def read_corpus(path: str) -> tuple[dict, str]:
    raw = open(path, encoding="utf-8").read()
    head, body = raw.split("\n\n", 1)
    meta = {}
    for line in head.splitlines():
        k, v = line.split(":", 1)
        meta[k.strip()] = v.strip()
    return meta, body


OPEN_MARKS = "“\"‘'«"
CLOSE_MARKS = "”\"’'»"
ABBREV = re.compile(r"(?:\b(?:U\.N|U\.S|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|Gen|Lt|Col)\.|\b[A-Z]\.)$")


def find_quote(body: str, text: str) -> int:
    """Position of the quote: prefer an occurrence framed by quotation marks."""
    starts = [m.start() for m in re.finditer(re.escape(text), body)]
    if not starts:
        raise ValueError(f"quote not in body: {text!r}")
    for s in starts:
        before = body[s - 1] if s else ""
        after = body[s + len(text)] if s + len(text) < len(body) else ""
        if before in OPEN_MARKS and after in CLOSE_MARKS:
            return s
    for s in starts:
        if s and body[s - 1] in OPEN_MARKS:
            return s
    return starts[0]


def sentence_bounds(body: str) -> list[int]:
    """Offsets where a new sentence starts."""
    b = {0}
    n = len(body)
    i = 0
    while i < n:
        c = body[i]
        if c in ".!?":
            if c == "." and ((i > 0 and body[i - 1] == ".") or (i + 1 < n and body[i + 1] == ".")):
                i += 1
                continue
            if c == "." and ABBREV.search(body[max(0, i - 6):i + 1]):
                i += 1
                continue
            j = i + 1
            while j < n and body[j] in CLOSE_MARKS:
                j += 1
            if j < n and body[j] in " \n\t":
                k = j
                while k < n and body[k] in " \n\t":
                    k += 1
                # a lowercase continuation is not a new sentence ("... it is not … we")
                if k < n and not body[k].islower():
                    b.add(k)
            i = j
            continue
        if c == "\n":
            k = i
            while k < n and body[k] in " \n\t":
                k += 1
            prev = body[i - 1] if i else ""
            nxt = body[k] if k < n else ""
            para = "\n\n" in body[i:k + 1] or "\n\n" in body[i - 1:k + 1]
            # a heading: a short line without clause punctuation, starting a new block,
            # followed by a capitalised line ("Security and Sanctions at the Forefront")
            ls = body.rfind("\n", 0, i) + 1
            line = body[ls:i]
            before = body[:ls].rstrip(" \t")
            heading = (prev.isalnum() and nxt.isupper() and len(line) <= 80
                       and not re.search(r"[.,;:!?]", line)
                       and (not before or before[-1] in ".!?”\"\n" or ls == 0))
            if para or heading or prev in ".!?":
                b.add(k)
            i = k
            continue
        i += 1
    b.add(n)
    return sorted(b)


def make_context(body: str, text: str) -> str:
    qs = find_quote(body, text)
    qe = qs + len(text)
    bounds = sentence_bounds(body)
    start = max(x for x in bounds if x <= qs)
    end = min(x for x in bounds if x >= qe)
    ctx_s, ctx_e = start, end
    # strip whitespace at both ends
    while body[ctx_e - 1] in " \n\t":
        ctx_e -= 1
    while body[ctx_s] in " \n\t":
        ctx_s += 1
    if ctx_e >= len(body.rstrip()) and body[ctx_e - 1] not in ".!?”\"'’":
        # the stored excerpt is cut mid-sentence (often mid-word): end at the last
        # clause boundary after the quote instead
        qe2 = qe
        while qe2 < ctx_e and body[qe2] in CLOSE_MARKS:
            qe2 += 1
        tail = body[qe2:ctx_e]
        m = [x.start() for x in re.finditer(r"[,;:](?=\s)", tail)]
        w = [x.start() for x in re.finditer(r"\s", tail)]
        ctx_e = qe2 + (m[-1] if m else (w[-1] if w else 0))
        while body[ctx_e - 1] in " ,;:\n":
            ctx_e -= 1
    if ctx_e - ctx_s > MAX_CONTEXT:
        ctx_s, ctx_e = trim(body, ctx_s, ctx_e, qs, qe)
    ctx = body[ctx_s:ctx_e]
    assert text in ctx, (text, ctx)
    return ctx


def trim(body: str, s: int, e: int, qs: int, qe: int) -> tuple[int, int]:
    """Cut the tail (then the head) at a clause or word boundary, keeping the quote whole."""
    qe2 = qe
    while qe2 < e and body[qe2] in CLOSE_MARKS:
        qe2 += 1
    if e - s > MAX_CONTEXT:
        tail = body[qe2:e]
        cuts = []
        for m in re.finditer(r"[,;:](?=\s)|\s(?=—|–)", tail):
            cuts.append((1, qe2 + m.start() + (1 if tail[m.start()] in ",;:" else 0)))
        for m in re.finditer(r"\s", tail):
            cuts.append((0, qe2 + m.start()))
        fitting = [c for c in cuts if c[1] - s <= MAX_CONTEXT]
        if fitting:
            clause = [c for c in fitting if c[0] == 1]
            # prefer a clause boundary unless it throws away much more than a word cut
            best_word = max(c[1] for c in fitting)
            best = max(c[1] for c in clause) if clause and best_word - max(c[1] for c in clause) < 120 else best_word
            e = best
        else:
            e = qe2
        while body[e - 1] in " ,;:\n":
            e -= 1
    if e - s > MAX_CONTEXT:
        head = body[s:qs]
        cuts = [s + m.end() for m in re.finditer(r"[,;:]\s+|\s", head)]
        fitting = [c for c in cuts if e - c <= MAX_CONTEXT]
        s = min(fitting) if fitting else qs
        while body[s] in " \n":
            s += 1
    return s, e


def quote_kind(text: str) -> str:
    t = text.strip()
    return "direct" if t and t[0].isupper() and t[-1] in ".!?," else "partial"


def precision_of(date: str | None, given: str | None) -> str | None:
    if date is None:
        return None
    if given:
        return given
    return {10: "day", 7: "month", 4: "year"}[len(date)]


def load_ids(pattern: str) -> set[str]:
    ids = set()
    for f in glob.glob(os.path.join(DATA, pattern)):
        for item in yaml.safe_load(open(f, encoding="utf-8")) or []:
            ids.add(item["id"])
    return ids


def resolve_actor(sid, actor_ids: set[str], missing: set[str]):
    if sid is None:
        return None
    if sid.startswith("@"):
        org = sid[1:]
        return org if org in actor_ids else None
    if actor_ids and sid not in actor_ids:
        missing.add(sid)
    return sid


def dump(path: str, items: list, header: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        yaml.safe_dump(items, f, allow_unicode=True, sort_keys=False, width=1000)


# ================================================================= main


def main() -> int:
    actor_ids = load_ids("actors/*.yaml")
    event_ids = load_ids("events/*.yaml")
    topic_ids = {t["id"] for t in yaml.safe_load(open(os.path.join(DATA, "topics.yaml")))}
    missing_actors: set[str] = set()

    ref_by_url = {r["url"]: r["id"] for r in yaml.safe_load(open(os.path.join(DATA, "sources", "reference.yaml"), encoding="utf-8"))}
    files = sorted(glob.glob(os.path.join(SHARED, "corpus", "*", "*.txt")))
    sources, per_file = [], {}
    for path in files:
        stem = os.path.basename(path)[:-4]
        meta, body = read_corpus(path)
        sid, title, kind = SOURCES[stem]
        url = None if meta["url"] == "unknown" else meta["url"]
        published = None if meta["published"] == "unknown" else meta["published"]
        sources.append(dict(id=sid, url=url, publisher=meta["publisher"], title=title, published=published,
                            kind=kind, language="en", corpus_file=os.path.relpath(path, SHARED)))
        if url in ref_by_url:
            sources[-1]["note"] = f"Same URL as reference source {ref_by_url[url]} (to be merged)."
        ann = json.load(open(path[:-4] + ".expected.json", encoding="utf-8"))
        stmts = []
        topics = TOPICS[stem]
        assert len(topics) == len(ann["quotes"]), stem
        ev_default = EVENTS.get(stem)
        for n, q in enumerate(ann["quotes"], 1):
            text = q["text"]
            assert text in body, (stem, text)
            spk_id, label, relayed = SPEAKERS[(stem, q["speaker"])]
            ev = EVENT_OVERRIDES.get((stem, n), ev_default)
            if ev is not None and ev not in event_ids:
                print(f"warning: unknown event {ev} for {stem} q{n}", file=sys.stderr)
                ev = None
            assert all(t in topic_ids for t in topics[n - 1])
            stmts.append(dict(
                id=f"{sid}-q{n}", text=text, context=make_context(body, text),
                speaker_id=resolve_actor(spk_id, actor_ids, missing_actors), speaker_label=label,
                speaker_role=q.get("speaker_role"), said_on=q.get("date"),
                said_on_precision=precision_of(q.get("date"), q.get("date_precision")),
                source_id=sid, event_id=ev, quote_kind=quote_kind(text), language="en",
                relayed=relayed, topics=topics[n - 1]))
        for st in stmts:
            if st["id"] in NOTES:
                st["note"] = NOTES[st["id"]]
        per_file[sid] = stmts

    os.makedirs(os.path.join(DATA, "statements"), exist_ok=True)
    dump(os.path.join(DATA, "sources", "corpus.yaml"), sources,
         "# Corpus articles (../shared/corpus/{seed,dev,dev2}); generated by scripts/import_corpus_statements.py\n")
    for sid, stmts in per_file.items():
        dump(os.path.join(DATA, "statements", f"{sid}.yaml"), stmts,
             f"# Quotes from source {sid}; generated by scripts/import_corpus_statements.py\n")

    # ---- reference evidence
    row_sids = json.load(open(ROW_SOURCE_IDS))
    rows = {}
    for fn in ["events_reference.csv", "events_reference_more.csv"]:
        for i, r in enumerate(csv.DictReader(open(os.path.join(SHARED, "reference", fn), encoding="utf-8")), start=2):
            rows[f"{fn}:{i}"] = r
    events_by_evidence, events_by_source_date = {}, {}
    for f in glob.glob(os.path.join(DATA, "events", "*.yaml")):
        for ev in yaml.safe_load(open(f, encoding="utf-8")) or []:
            for s in ev.get("sources") or []:
                events_by_evidence.setdefault((s["id"], s.get("evidence")), ev["id"])
                events_by_source_date.setdefault((s["id"], str(ev["date"])), set()).add(ev["id"])

    def ref_event(key, src, ev, date):
        if key in REF_EVENT_OVERRIDES:
            return REF_EVENT_OVERRIDES[key]
        if (src, ev) in events_by_evidence:
            return events_by_evidence[(src, ev)]
        cands = events_by_source_date.get((src, date), set())
        return next(iter(cands)) if len(cands) == 1 else None
    ref_stmts = []
    for n, (key, cfg) in enumerate(REF_ROWS.items(), 1):
        r = rows[key]
        ev = r["evidence"]
        if cfg.get("whole"):
            text = ev
        else:
            m = re.search(r"[“\"«]", ev)
            close = {"“": "”", '"': '"', "«": "»"}[m.group()]
            # straight marks may close with a curly one and vice versa
            closers = {close, "”", '"'} if close != "»" else {"»"}
            j = min([ev.find(c, m.end()) for c in closers if ev.find(c, m.end()) >= 0], default=len(ev))
            text = ev[m.end():j].strip(" \u00a0")
        src = row_sids[key]
        dated = cfg["dated"]
        ref_stmts.append(dict(
            id=f"reference-evidence-q{n}", text=text, context=ev,
            speaker_id=resolve_actor(cfg["speaker_id"], actor_ids, missing_actors),
            speaker_label=cfg["speaker_label"], speaker_role=cfg["speaker_role"],
            said_on=r["date"] if dated else None, said_on_precision=r["date_precision"] if dated else None,
            source_id=src, event_id=ref_event(key, src, ev, r["date"]), quote_kind=quote_kind(text),
            language=cfg.get("language", "en"), relayed=False, topics=cfg["topics"]))
        if ref_stmts[-1]["id"] in NOTES:
            ref_stmts[-1]["note"] = NOTES[ref_stmts[-1]["id"]]
    dump(os.path.join(DATA, "statements", "reference-evidence.yaml"), ref_stmts,
         "# Quotations found in the evidence column of ../shared/reference/*.csv;"
         " generated by scripts/import_corpus_statements.py\n")

    # ---- verification
    all_stmts = [s for v in per_file.values() for s in v] + ref_stmts
    ids = [s["id"] for s in all_stmts]
    assert len(ids) == len(set(ids)), "duplicate ids"
    bodies = {s["id"]: read_corpus(os.path.join(SHARED, s["corpus_file"]))[1] for s in sources}
    for sid, stmts in per_file.items():
        for s in stmts:
            assert s["text"] in s["context"], s["id"]
            assert s["context"] in bodies[sid], s["id"]
            assert len(s["context"]) <= MAX_CONTEXT, (s["id"], len(s["context"]))
    for s in ref_stmts:
        assert s["text"] in s["context"], s["id"]
    print(f"sources: {len(sources)}; statements: {len(all_stmts)} "
          f"({sum(len(v) for v in per_file.values())} corpus + {len(ref_stmts)} reference evidence)")
    if missing_actors:
        print("speaker ids not among actors:", sorted(missing_actors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
