"""Score extraction against hand annotations (``NAME.txt`` + ``NAME.expected.json``), with the rules
of ``shared/corpus/README.md``:

- quote recall = gold quotes found / gold quotes; precision = extracted quotes that match a gold
  quote / extracted quotes. Texts match after folding quotation-mark style, case and surrounding
  whitespace/punctuation; an extracted quote that contains the gold text, or is contained by it
  with at least 80% of its characters, also matches.
- speaker accuracy over matched quotes: a named gold speaker must be named as the same person
  (surname match after folding transliteration); an unnamed gold speaker must be labelled as
  unnamed/anonymous/source/official, never given a person's name.
- date accuracy over matched quotes with a gold date: the extracted date agrees with the gold
  date to the gold's precision (day, or month).
Per file, then totals summed over files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from components.ingest.extract import extract
from components.ingest.names import fold_tokens
from components.ingest.reader import read_article

_QMARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'", "`": "'"})
_UNNAMED_WORDS = re.compile(r"\b(?:unnamed|anonymous|sources?|officials?)\b", re.I)


def fold_quote(s: str) -> str:
    """Fold quotation-mark style and case, strip surrounding whitespace and punctuation."""
    s = (s or "").translate(_QMARKS).lower()
    return re.sub(r"^[\W_]+|[\W_]+$", "", s)


def quotes_match(extracted: str, gold: str) -> bool:
    e, g = fold_quote(extracted), fold_quote(gold)
    if not e or not g:
        return False
    if e == g or g in e:
        return True
    return e in g and len(e) >= 0.8 * len(g)


def _gold_is_unnamed(label: str) -> bool:
    return bool(re.search(r"\bunnamed\b|\banonymous\b", label or "", re.I))


def _name_part(label: str) -> str:
    return re.sub(r"\([^)]*\)", "", label or "").strip()


def speaker_correct(extracted: dict, gold_label: str | None) -> bool:
    """The speaker rule: surname match for named gold speakers; an unnamed-looking label and no
    person's name for unnamed gold speakers."""
    if not gold_label:
        return True
    got = extracted.get("speaker") or ""
    if _gold_is_unnamed(gold_label):
        return bool(_UNNAMED_WORDS.search(got)) and not extracted.get("speaker_id")
    gold_toks = fold_tokens(_name_part(gold_label))
    got_toks = fold_tokens(_name_part(got))
    if not gold_toks or not got_toks:
        return False
    return gold_toks[-1] == got_toks[-1]


def date_correct(extracted: dict, gold_date: str) -> bool:
    got = extracted.get("said_on") or ""
    if not got:
        return False
    n = len(gold_date)  # YYYY-MM-DD (day or week), YYYY-MM (month), YYYY (year)
    return got[:n] == gold_date[:n] and len(got) >= n


def score_file(txt: Path, gold: dict, actors: list[dict]) -> dict:
    art = read_article(txt)
    result = extract(art, actors)
    ext = result["statements"]
    gq = gold.get("quotes") or []
    found = 0
    spk_ok = spk_n = date_ok = date_n = 0
    misses, wrong_speaker, wrong_date = [], [], []
    for g in gq:
        matches = [e for e in ext if quotes_match(e["text"], g["text"])]
        if not matches:
            misses.append(g["text"])
            continue
        found += 1
        exact = [e for e in matches if fold_quote(e["text"]) == fold_quote(g["text"])]
        e = (exact or matches)[0]
        spk_n += 1
        if speaker_correct(e, g.get("speaker")):
            spk_ok += 1
        else:
            wrong_speaker.append((g["text"], g.get("speaker"), e.get("speaker")))
        if g.get("date"):
            date_n += 1
            if date_correct(e, g["date"]):
                date_ok += 1
            else:
                wrong_date.append((g["text"], g["date"], e.get("said_on")))
    matched_ext = sum(1 for e in ext if any(quotes_match(e["text"], g["text"]) for g in gq))
    extras = [e["text"] for e in ext if not any(quotes_match(e["text"], g["text"]) for g in gq)]
    return {
        "file": str(txt), "gold": len(gq), "found": found, "extracted": len(ext), "matched_extracted": matched_ext,
        "speaker_ok": spk_ok, "speaker_n": spk_n, "date_ok": date_ok, "date_n": date_n,
        "misses": misses, "extras": extras, "wrong_speaker": wrong_speaker, "wrong_date": wrong_date,
    }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate_dir(directory, actors: list[dict] | None = None) -> dict:
    """Score every annotated article under ``directory`` (recursively)."""
    root = Path(directory)
    files = []
    for gold_path in sorted(root.rglob("*.expected.json")):
        txt = gold_path.with_name(gold_path.name[: -len(".expected.json")] + ".txt")
        if not txt.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        files.append(score_file(txt, gold, actors or []))
    keys = ["gold", "found", "extracted", "matched_extracted", "speaker_ok", "speaker_n", "date_ok", "date_n"]
    tot = {k: sum(f[k] for f in files) for k in keys}
    for f in files + [tot]:
        f["recall"] = _ratio(f["found"], f["gold"])
        f["precision"] = _ratio(f["matched_extracted"], f["extracted"])
        f["speaker_accuracy"] = _ratio(f["speaker_ok"], f["speaker_n"])
        f["date_accuracy"] = _ratio(f["date_ok"], f["date_n"])
    return {"root": str(root), "files": files, "totals": tot}


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def format_report(report: dict) -> str:
    """A table per file and the totals, then the misses and mismatches."""
    root = Path(report["root"])
    rows = []
    for f in report["files"]:
        try:
            name = str(Path(f["file"]).relative_to(root))
        except ValueError:
            name = f["file"]
        rows.append((name, f))
    w = max([len(n) for n, _ in rows] + [5])
    head = f"{'file':<{w}}  gold  ext  recall  precision  speaker  date"
    lines = [head, "-" * len(head)]
    for name, f in rows + [("TOTAL", report["totals"])]:
        if name == "TOTAL":
            lines.append("-" * len(head))
        lines.append(f"{name:<{w}}  {f['gold']:>4}  {f['extracted']:>3}  {_pct(f['recall']):>6}  "
                     f"{_pct(f['precision']):>9}  {_pct(f['speaker_accuracy']):>7}  {_pct(f['date_accuracy']):>4}")
    t = report["totals"]
    lines.append(f"(quotes {t['found']}/{t['gold']} found, {t['matched_extracted']}/{t['extracted']} extracted match, "
                 f"speakers {t['speaker_ok']}/{t['speaker_n']}, dates {t['date_ok']}/{t['date_n']})")
    details = []
    for name, f in rows:
        for m in f["misses"]:
            details.append(f"{name}: missed quote: {m[:70]!r}")
        for x in f["extras"]:
            details.append(f"{name}: extra quote: {x[:70]!r}")
        for q, g, e in f["wrong_speaker"]:
            details.append(f"{name}: speaker {e!r} should be {g!r} for {q[:50]!r}")
        for q, g, e in f["wrong_date"]:
            details.append(f"{name}: date {e!r} should be {g!r} for {q[:50]!r}")
    if details:
        lines += ["", *details]
    return "\n".join(lines)
