"""Synthetic datasets of realistic shape for the benchmark, built through the real build path.

Shape follows the bundled corpus: speakers, topics, publishers and words Zipf-distributed (words ranked
by their frequency in data/statements and data/events), dates skewed to recent years, quote and context
lengths drawn from the real ones, every quote a verbatim slice of its context. N statements, N/10 events.
The real topics, actors (with roles) and sources are kept; synthetic actors and sources are added.

`generate()` returns a `Dataset` of plain records (the YAML shape); `build_fast()` turns it into rows
with `store._rows()` and writes them with `store.write_database()` (schema, inserts, indexes, FTS):
exactly the build minus YAML parsing and validation. `build_yaml()` writes YAML files and runs
`store.build()` end to end; `build_files()` does the same with events and statements as JSON Lines.
Run as `python -m devtools.synth N OUT.db [--yaml DIR] [--files DIR]` (prints JSON).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from components import config, store
from components.schema import Dataset, load_dataset
from components.texts import HeldText

RARE_TERM = "hmeimimgate"  # planted in exactly RARE_HITS statements: the needle for the rare search
RARE_HITS = 10
TODAY = dt.date(2026, 3, 1)  # fixed, so a seed always gives the same database
_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF\u0600-\u06FF]+(?:[-'’][A-Za-z]+)*")
_STOP = {"the", "and", "of", "to", "in", "a", "on", "for", "that", "is", "with", "as", "by", "was", "it", "be",
         "its", "at", "from", "this", "has", "have", "are", "an", "will", "said", "not", "which", "we", "our",
         "his", "he", "their", "they", "would", "been", "were", "but", "also", "all", "there", "or", "no"}


def zipf_weights(n: int, s: float = 1.1, q: float = 2.7) -> np.ndarray:
    """Zipf–Mandelbrot probabilities for ranks 1..n."""
    w = 1.0 / (np.arange(1, n + 1) + q) ** s
    return w / w.sum()


def real_corpus(data_dir: Path | None = None) -> dict:
    """Reference records, word ranks and length samples from the bundled YAML (no corpus check, no network)."""
    ds, _ = load_dataset(data_dir or config.data_dir(), check_corpus=False)
    words: Counter = Counter()
    for st in ds.statements:
        words.update(_WORD_RE.findall(st.get("context") or ""))
    for ev in ds.events:
        words.update(_WORD_RE.findall(f"{ev.get('title', '')} {ev.get('summary', '')}"))
    ranked = [w for w, _ in words.most_common()]
    content = [w for w in ranked if w.lower() not in _STOP and len(w) >= 4]
    lengths = {
        "context": [len(_WORD_RE.findall(s["context"])) for s in ds.statements if s.get("context")] or [30],
        "text": [len(_WORD_RE.findall(s["text"])) for s in ds.statements if s.get("text")] or [12],
        "title": [len(_WORD_RE.findall(e["title"])) for e in ds.events] or [10],
        "summary": [len(_WORD_RE.findall(e["summary"])) for e in ds.events] or [40],
    }
    publishers = Counter(s["publisher"] for s in ds.sources)
    return {"ds": ds, "vocab": ranked, "frequent": content[0].lower() if content else "russia",
            "lengths": lengths, "publishers": [p for p, _ in publishers.most_common()]}


def _tail_words(vocab: list[str], n: int, rng: np.random.Generator) -> list[str]:
    """A long tail of rare, plausible-looking words (fragments of real words glued together)."""
    longs = [w for w in vocab if len(w) >= 5] or ["syria", "russia"]
    out = set()
    while len(out) < n:
        a, b = rng.choice(len(longs), 2)
        w = longs[a][: 3 + int(rng.integers(0, 3))].lower() + longs[b][-4:].lower()
        if w != RARE_TERM:
            out.add(w)
    return sorted(out)


def _dates(n: int, rng: np.random.Generator, scale_days: float = 900) -> list[str]:
    """Days skewed to recent years: exponential age from TODAY, a thin uniform floor back to 1944."""
    age = rng.exponential(scale_days, n)
    old = rng.random(n) < 0.08
    age[old] = rng.uniform(0, (TODAY - dt.date(1944, 7, 1)).days, old.sum())
    age = np.clip(age, 0, (TODAY - dt.date(1944, 7, 1)).days).astype(int)
    base = TODAY.toordinal()
    return [dt.date.fromordinal(base - int(a)).isoformat() for a in age]


def _with_precision(day: str, roll: float, kinds: tuple[tuple[str, float], ...]) -> tuple[str, str]:
    acc = 0.0
    for kind, p in kinds:
        acc += p
        if roll < acc:
            break
    if kind == "month":
        return day[:7], "month"
    if kind == "year":
        return day[:4], "year"
    return day, kind


class _Words:
    """Draws word sequences with Zipf-ranked probabilities in big vectorised batches."""

    def __init__(self, vocab: list[str], rng: np.random.Generator):
        self.vocab = np.array(vocab, dtype=object)
        self.p = zipf_weights(len(vocab))
        self.rng = rng
        self.buf = np.empty(0, dtype=object)
        self.pos = 0

    def take(self, k: int) -> list[str]:
        if self.pos + k > len(self.buf):
            self.buf = self.vocab[self.rng.choice(len(self.vocab), size=max(200_000, k), p=self.p)]
            self.pos = 0
        out = self.buf[self.pos:self.pos + k].tolist()
        self.pos += k
        return out


def generate(n_statements: int, seed: int = 0, data_dir: Path | None = None, corpus: dict | None = None) -> tuple[Dataset, dict]:
    """A Dataset with n_statements statements and n_statements // 10 events, plus facts the benchmark needs."""
    rng = np.random.default_rng(seed)
    corpus = corpus or real_corpus(data_dir)
    real: Dataset = corpus["ds"]
    n_events = max(1, n_statements // 10)
    vocab = corpus["vocab"] + _tail_words(corpus["vocab"], min(50_000, 2_000 + n_statements // 20), rng)
    words = _Words(vocab, rng)

    topics = [dict(t) for t in real.topics]
    topic_ids = [t["id"] for t in topics]
    rng.shuffle(topic_ids)  # the Zipf order of topics is arbitrary but fixed by the seed
    topic_p = zipf_weights(len(topic_ids), s=1.0, q=1.0)

    actors = [dict(a) for a in real.actors]
    people = [a for a in actors if a["kind"] == "person"]
    n_synth_people = min(5_000, n_statements // 200)
    countries = ["SY", "RU", "SY", "RU", "US", "TR", "IR", "CN", "FR", "GB", None]
    for i in range(n_synth_people):
        name = " ".join(w.capitalize() for w in words.take(2))
        actors.append({"id": f"synth-person-{i}", "name": name, "kind": "person",
                       "country": countries[i % len(countries)], "aliases": [name.split()[-1]]})
    speakers = people + actors[len(real.actors):]
    rng.shuffle(speakers)
    speaker_p = zipf_weights(len(speakers), s=1.05)
    actor_pool = actors
    actor_p = zipf_weights(len(actor_pool), s=1.0)

    sources = [dict(s) for s in real.sources]
    publishers = corpus["publishers"] or ["TASS"]
    pub_p = zipf_weights(len(publishers), s=1.0, q=1.0)
    n_synth_sources = max(50, n_statements // 20)
    pub_idx = rng.choice(len(publishers), n_synth_sources, p=pub_p)
    pub_dates = _dates(n_synth_sources, rng)
    for i in range(n_synth_sources):
        pub = publishers[pub_idx[i]]
        slug = re.sub(r"[^a-z0-9]+", "-", pub.lower()).strip("-") or "source"
        sources.append({"id": f"synth-src-{i}", "url": f"https://{slug}.example/articles/{i}", "publisher": pub,
                        "title": " ".join(words.take(8)).capitalize(), "published": pub_dates[i], "kind": "wire",
                        "language": "en"})
    synth_sources = [s["id"] for s in sources[len(real.sources):]]

    # Events
    events = []
    ev_dates = _dates(n_events, rng)
    cats = list(config.CATEGORIES)
    cat_p = np.array([54, 24, 25, 14, 4, 1, 11], dtype=float)
    cat_p /= cat_p.sum()
    ev_cat = rng.choice(len(cats), n_events, p=cat_p)
    ev_imp = rng.choice([1, 2, 3], n_events, p=[0.46, 0.47, 0.07])
    ev_tone = np.clip(np.rint(rng.normal(1.5, 4, n_events)), -10, 10).astype(int)
    ev_prec = rng.random(n_events)
    lens = corpus["lengths"]
    for i in range(n_events):
        date, prec = _with_precision(ev_dates[i], ev_prec[i], (("day", 0.77), ("month", 0.20), ("year", 0.03)))
        k_act = int(rng.integers(1, 5))
        ids = list(dict.fromkeys(actor_pool[j]["id"] for j in rng.choice(len(actor_pool), k_act, p=actor_p)))
        parts = [{"id": ids[0], "part": "initiator"}] + [{"id": a, "part": "participant"} for a in ids[1:]]
        k_top = int(rng.integers(1, 3))
        tps = list(dict.fromkeys(topic_ids[j] for j in rng.choice(len(topic_ids), k_top, p=topic_p)))
        srcs = list(dict.fromkeys(synth_sources[j] for j in rng.integers(0, len(synth_sources), int(rng.integers(1, 3)))))
        title = " ".join(words.take(int(rng.choice(lens["title"])))).capitalize()[:300] or "Event"
        summary = " ".join(words.take(int(rng.choice(lens["summary"])))).capitalize()[:2000] or "Summary"
        events.append({"id": f"ev-{i:07d}", "date": date, "date_precision": prec, "end_date": None,
                       "title": title, "summary": summary, "category": cats[ev_cat[i]],
                       "importance": int(ev_imp[i]), "location": None, "tone": int(ev_tone[i]), "disputed": None,
                       "actors": parts, "topics": tps,
                       "sources": [{"id": s, "evidence": " ".join(words.take(12))} for s in srcs]})

    # Statements
    statements = []
    st_dates = _dates(n_statements, rng)
    st_prec = rng.random(n_statements)
    undated = rng.random(n_statements) < 0.2
    unnamed = rng.random(n_statements) < 0.1
    spk_idx = rng.choice(len(speakers), n_statements, p=speaker_p)
    src_idx = rng.integers(0, len(synth_sources), n_statements)
    linked = rng.random(n_statements) < 0.05
    ev_link = rng.integers(0, n_events, n_statements)
    n_top = rng.choice([1, 2, 3], n_statements, p=[0.6, 0.3, 0.1])
    top_idx = rng.choice(len(topic_ids), (n_statements, 3), p=topic_p)
    ctx_len = rng.choice(lens["context"], n_statements)
    txt_len = rng.choice(lens["text"], n_statements)
    rare_at = set(rng.choice(n_statements, min(RARE_HITS, n_statements), replace=False).tolist())
    kinds = ("direct", "partial")
    seen: set[tuple[int, str]] = set()  # the same words from the same source are one statement (validate.py)
    for i in range(n_statements):
        ctx_words = words.take(max(int(ctx_len[i]), 3))
        k = min(max(int(txt_len[i]), 1), len(ctx_words))
        start = int(rng.integers(0, len(ctx_words) - k + 1))
        if i in rare_at:
            ctx_words[start] = RARE_TERM
        text = " ".join(ctx_words[start:start + k])
        context = " ".join(ctx_words)[:400]
        if text not in context:
            text = context[:200]
        while (int(src_idx[i]), text) in seen:  # short quotes recur at a million: cite the next source instead
            src_idx[i] = (src_idx[i] + 1) % len(synth_sources)
        seen.add((int(src_idx[i]), text))
        spk = None if unnamed[i] else speakers[spk_idx[i]]
        rec = {"id": f"st-{i:07d}", "text": text, "context": context,
               "speaker_id": spk["id"] if spk else None,
               "speaker_label": spk["name"] if spk else "sources close to the government",
               "speaker_role": None, "said_on": None, "said_on_precision": None,
               "source_id": synth_sources[src_idx[i]], "event_id": f"ev-{ev_link[i]:07d}" if linked[i] else None,
               "quote_kind": kinds[i % 2], "language": "en", "relayed": bool(unnamed[i] and i % 3 == 0),
               "topics": list(dict.fromkeys(topic_ids[j] for j in top_idx[i, :n_top[i]]))}
        if not undated[i]:
            rec["said_on"], rec["said_on_precision"] = _with_precision(
                st_dates[i], st_prec[i], (("day", 0.9), ("week", 0.03), ("month", 0.05), ("year", 0.02)))
        statements.append(rec)

    ds = Dataset(topics=topics, actors=actors, sources=sources, events=events, statements=statements,
                 texts={**{k: v for k, v in real.texts.items() if k in {s['id'] for s in real.sources}},
                        **held_texts(sources[len(real.sources):], events, statements)})
    top_speaker = Counter(s["speaker_id"] for s in statements if s["speaker_id"]).most_common(1)
    facts = {"statements": n_statements, "events": n_events, "seed": seed, "frequent_term": corpus["frequent"],
             "rare_term": RARE_TERM, "top_speaker": top_speaker[0][0] if top_speaker else None,
             "top_topic": topic_ids[0], "search_terms": [w.lower() for w in corpus["vocab"][:400]
                                                         if w.lower() not in _STOP and len(w) >= 5][:40]}
    return ds, facts


SYNTHETIC_NOTE = "Synthetic text generated by devtools.synth for the benchmark; not a real article."


def held_texts(sources: list[dict], events: list[dict], statements: list[dict]) -> dict[str, HeldText]:
    """A held text per synthetic source: a note saying it is synthetic, then every context and evidence citing it."""
    parts: dict[str, list[str]] = {s["id"]: [SYNTHETIC_NOTE] for s in sources}
    for ev in events:
        for cite in ev["sources"]:
            parts[cite["id"]].append(cite["evidence"])
    for st in statements:
        parts[st["source_id"]].append(st["context"])
    out = {}
    for s in sources:
        header = {"url": s["url"], "publisher": s["publisher"], "published": s["published"],
                  "retrieved": TODAY.isoformat()}
        out[s["id"]] = HeldText(s["id"], f"texts/{s['id']}.txt", header, "\n\n".join(parts[s["id"]]) + "\n")
    return out


def _meta(rows: dict, facts: dict) -> dict[str, str]:
    counts = {k: len(v) for k, v in rows.items()}
    dates = [r["date_start"] for r in rows["events"]] + [r["date_start"] for r in rows["statements"] if r["date_start"]]
    return {"input_hash": f"synthetic:{facts['statements']}:{facts['seed']}", "schema_version": str(config.SCHEMA_VERSION),
            "data_from": min(dates) if dates else "", "data_to": max(dates) if dates else "",
            "counts": json.dumps(counts, sort_keys=True), "synthetic": json.dumps(facts, sort_keys=True)}


def build_fast(ds: Dataset, facts: dict, out: Path) -> dict:
    """rows = store._rows(ds); store.write_database(out, rows, meta). Returns timings (ms) and size."""
    out = Path(out)
    for p in (out, Path(f"{out}-journal")):
        if p.exists():
            p.unlink()
    t0 = time.perf_counter()
    rows = store._rows(ds)
    t1 = time.perf_counter()
    store.write_database(out, rows, _meta(rows, facts))
    t2 = time.perf_counter()
    return {"rows_ms": (t1 - t0) * 1000, "write_ms": (t2 - t1) * 1000, "build_ms": (t2 - t0) * 1000,
            "db_bytes": out.stat().st_size}


def _plain(value):
    """Records (dict subclasses that remember lines) as plain dicts and lists, for yaml.safe_dump."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def write_texts(ds: Dataset, data_dir: Path) -> None:
    """Every held text as data/texts/<source-id>.txt: header lines, one blank line, the body."""
    folder = data_dir / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    for sid, held in ds.texts.items():
        head = "".join(f"{k}: {v}\n" for k, v in held.header.items() if v)
        (folder / f"{sid}.txt").write_text(head + "\n" + held.text, encoding="utf-8")


def write_data(ds: Dataset, data_dir: Path, bulk: str = "yaml") -> None:
    """The dataset as the project's source files: YAML for the small kinds; events and statements as YAML
    (chunks of 5,000) or, with bulk="jsonl", as JSON Lines (one record a line, chunks of 100,000)."""
    data_dir.mkdir(parents=True, exist_ok=True)

    def dump(path: Path, records: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean = [_plain(r) for r in records]
        path.write_text(yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")

    def dump_lines(path: Path, records: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(_plain(r), ensure_ascii=False) + "\n" for r in records)

    dump(data_dir / "topics.yaml", ds.topics)
    dump(data_dir / "actors" / "actors.yaml", ds.actors)
    dump(data_dir / "sources" / "sources.yaml", ds.sources)
    if bulk == "jsonl":
        for i in range(0, max(len(ds.events), 1), 100_000):
            dump_lines(data_dir / "events" / f"part-{i // 100_000:04d}.jsonl", ds.events[i:i + 100_000])
        for i in range(0, len(ds.statements), 100_000):
            dump_lines(data_dir / "statements" / f"part-{i // 100_000:04d}.jsonl", ds.statements[i:i + 100_000])
    else:
        dump(data_dir / "events" / "events.yaml", ds.events)
        for i in range(0, len(ds.statements), 5000):
            dump(data_dir / "statements" / f"part-{i // 5000:04d}.yaml", ds.statements[i:i + 5000])
    write_texts(ds, data_dir)


def write_yaml(ds: Dataset, data_dir: Path) -> None:
    """The dataset as YAML source files only (the format people edit), plus the held texts."""
    write_data(ds, data_dir, "yaml")


def build_files(ds: Dataset, data_dir: Path, out: Path, bulk: str = "yaml") -> dict:
    """Write the data files, then time the real `store.build()` (read + validate + write) over them."""
    write_data(ds, data_dir, bulk)
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    result = store.build(data_dir, Path(out), force=True)
    ms, cpu_ms = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    return {"build_ms": ms, "build_cpu_ms": cpu_ms, "build_load": load, "db_bytes": Path(out).stat().st_size,
            "counts": result.counts}


def build_yaml(ds: Dataset, data_dir: Path, out: Path) -> dict:
    """YAML files through `store.build()` (keys prefixed yaml_)."""
    res = build_files(ds, data_dir, out, "yaml")
    return {"yaml_build_ms": res["build_ms"], "yaml_build_cpu_ms": res["build_cpu_ms"], "yaml_db_bytes": res["db_bytes"],
            "yaml_counts": res["counts"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.synth", description=__doc__.split("\n")[0])
    p.add_argument("statements", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--yaml", help="also write YAML files to this folder and time store.build() from them")
    p.add_argument("--files", help="also write the data files (YAML + JSON Lines for events and statements) to "
                                   "this folder and time store.build() from them")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    ds, facts = generate(args.statements, seed=args.seed)
    gen_ms = (time.perf_counter() - t0) * 1000
    res = {"facts": facts, "generate_ms": gen_ms, **build_fast(ds, facts, Path(args.out))}
    if args.files:
        files_db = Path(args.out).with_suffix(".files.db")
        r = build_files(ds, Path(args.files), files_db, "jsonl")
        res.update({"files_build_ms": r["build_ms"], "files_build_cpu_ms": r["build_cpu_ms"],
                    "files_build_load": r["build_load"], "files_db": str(files_db), "files_dir": args.files})
    if args.yaml:
        res.update(build_yaml(ds, Path(args.yaml), Path(args.out).with_suffix(".yaml.db")))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(res, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
