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
- dated where null: matched quotes whose gold date is null (the text settles none) but that were
  given a date anyway; the target is zero.
Per file, then totals summed over files and per language (the language extraction detected).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from components.ingest.gazetteer import Gazetteer
from components.ingest.pipeline import run
from components.ingest.reader import read_article
from components.textnorm import name_tokens as fold_tokens

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


def _score_quote(g: dict, ext: list[dict], row: dict) -> None:
    matches = [e for e in ext if quotes_match(e["text"], g["text"])]
    if not matches:
        row["misses"].append(g["text"])
        return
    row["found"] += 1
    exact = [e for e in matches if fold_quote(e["text"]) == fold_quote(g["text"])]
    e = (exact or matches)[0]
    row["speaker_n"] += 1
    if speaker_correct(e, g.get("speaker")):
        row["speaker_ok"] += 1
    else:
        row["wrong_speaker"].append((g["text"], g.get("speaker"), e.get("speaker")))
    if g.get("date"):
        row["date_n"] += 1
        if date_correct(e, g["date"]):
            row["date_ok"] += 1
        else:
            row["wrong_date"].append((g["text"], g["date"], e.get("said_on")))
    elif e.get("said_on"):
        row["dated_null"] += 1
        row["wrong_date"].append((g["text"], None, e.get("said_on")))


def score_file(txt: Path, gold: dict, gazetteer: Gazetteer) -> dict:
    """Scores of one annotated article (counts, misses, extras and mismatches)."""
    result = run(read_article(txt), gazetteer)
    ext = [s.to_dict() for s in result.statements]
    gq = gold.get("quotes") or []
    row = {"file": str(txt), "language": result.language, "gold": len(gq), "found": 0, "extracted": len(ext),
           "speaker_ok": 0, "speaker_n": 0, "date_ok": 0, "date_n": 0, "dated_null": 0,
           "misses": [], "wrong_speaker": [], "wrong_date": []}
    for g in gq:
        _score_quote(g, ext, row)
    row["matched_extracted"] = sum(1 for e in ext if any(quotes_match(e["text"], g["text"]) for g in gq))
    row["extras"] = [e["text"] for e in ext if not any(quotes_match(e["text"], g["text"]) for g in gq)]
    return row


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


_KEYS = ["gold", "found", "extracted", "matched_extracted", "speaker_ok", "speaker_n", "date_ok", "date_n",
         "dated_null"]


def _totals(rows: list[dict]) -> dict:
    tot = {k: sum(f[k] for f in rows) for k in _KEYS}
    _rates(tot)
    return tot


def _rates(f: dict) -> None:
    f["recall"] = _ratio(f["found"], f["gold"])
    f["precision"] = _ratio(f["matched_extracted"], f["extracted"])
    f["speaker_accuracy"] = _ratio(f["speaker_ok"], f["speaker_n"])
    f["date_accuracy"] = _ratio(f["date_ok"], f["date_n"])


def evaluate_dirs(directories, actors: list[dict] | None = None, gazetteer: Gazetteer | None = None) -> dict:
    """Score every annotated article under each of ``directories`` (recursively): per file, in total
    and per language."""
    gaz = gazetteer if gazetteer is not None else Gazetteer(list(actors or []))
    roots = [Path(d) for d in ([directories] if isinstance(directories, (str, Path)) else directories)]
    files = []
    for root in roots:
        for gold_path in sorted(root.rglob("*.expected.json")):
            txt = gold_path.with_name(gold_path.name[: -len(".expected.json")] + ".txt")
            if txt.exists():
                files.append(score_file(txt, json.loads(gold_path.read_text(encoding="utf-8")), gaz))
    for f in files:
        _rates(f)
    langs = sorted({f["language"] for f in files})
    return {"roots": [str(r) for r in roots], "root": str(roots[0]) if roots else ".", "files": files,
            "totals": _totals(files), "languages": {lang: _totals([f for f in files if f["language"] == lang])
                                                    for lang in langs}}


def evaluate_dir(directory, actors: list[dict] | None = None, gazetteer: Gazetteer | None = None) -> dict:
    """``evaluate_dirs`` over one folder."""
    return evaluate_dirs([directory], actors, gazetteer)


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def _name(path: str, roots: list[str]) -> str:
    for r in roots:
        try:
            return str(Path(r).name + "/" + str(Path(path).relative_to(r)))
        except ValueError:
            continue
    return path


def _line(name: str, f: dict, w: int) -> str:
    return (f"{name:<{w}}  {f['gold']:>4}  {f['extracted']:>3}  {_pct(f['recall']):>6}  {_pct(f['precision']):>9}  "
            f"{_pct(f['speaker_accuracy']):>7}  {_pct(f['date_accuracy']):>4}  {f['dated_null']:>10}")


def _details(rows: list[tuple[str, dict]]) -> list[str]:
    out = []
    for name, f in rows:
        out += [f"{name}: missed quote: {m[:70]!r}" for m in f["misses"]]
        out += [f"{name}: extra quote: {x[:70]!r}" for x in f["extras"]]
        out += [f"{name}: speaker {e!r} should be {g!r} for {q[:50]!r}" for q, g, e in f["wrong_speaker"]]
        out += [f"{name}: date {e!r} should be {g!r} for {q[:50]!r}" for q, g, e in f["wrong_date"]]
    return out


def format_report(report: dict) -> str:
    """A table per file, the totals and the totals per language, then the misses and mismatches."""
    rows = [(_name(f["file"], report.get("roots", [report["root"]])), f) for f in report["files"]]
    w = max([len(n) for n, _ in rows] + [12])
    head = f"{'file':<{w}}  gold  ext  recall  precision  speaker  date  dated-null"
    lines = [head, "-" * len(head)] + [_line(n, f, w) for n, f in rows] + ["-" * len(head)]
    lines.append(_line("TOTAL", report["totals"], w))
    lines += [_line(f"TOTAL {lang}", t, w) for lang, t in report.get("languages", {}).items()]
    t = report["totals"]
    lines.append(f"(quotes {t['found']}/{t['gold']} found, {t['matched_extracted']}/{t['extracted']} extracted match, "
                 f"speakers {t['speaker_ok']}/{t['speaker_n']}, dates {t['date_ok']}/{t['date_n']}, "
                 f"{t['dated_null']} dated where the gold date is null)")
    details = _details(rows)
    return "\n".join(lines + ([""] + details if details else []))
