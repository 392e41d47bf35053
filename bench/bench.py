"""Throughput benchmark: the whole ingest pipeline against bare spaCy ``nlp.pipe(n_process=2)``.

    make bench            # or: .venv/bin/python bench/bench.py [--docs 500] [--corpus DIR]

Builds a corpus of at least ``--docs`` articles from the seed articles (../shared/seeds, else the
bundled samples/), each copy changed a little so deduplication does not skip it; times every
stage on one process, then the real ``newsgraph ingest`` path on both cores; then bare
``nlp.pipe`` on the same article texts. A benchmark, not a test: it prints figures, it asserts nothing.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newsgraph import pipeline
from newsgraph.document import ingest, nlp
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Document
from newsgraph.resolve import entities
from newsgraph.store import db, write

ROOT = Path(__file__).resolve().parent.parent


def source_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    shared = ROOT.parent / "shared" / "seeds"
    return shared if shared.is_dir() else ROOT / "samples"


def build_corpus(src: Path, out: Path, target: int) -> int:
    """Copy every input file until there are ``target`` articles; copy k gets a distinct closing line."""
    files = sorted(p for p in src.rglob("*") if p.suffix.lower() in ingest.SUPPORTED and p.is_file())
    per_round = sum(len(pipeline.prepare(r)) for f in files for r in ingest.read_file(f, f.name)
                    if isinstance(r, ingest.RawInput))
    rounds = -(-target // max(per_round, 1))
    for k in range(rounds):
        for f in files:
            if f.suffix.lower() in {".json", ".jsonl"}:
                shutil.copy(f, out / f"{k:04d}_{f.name}")  # identical copies: counted as duplicates
                continue
            text = f.read_text(encoding="utf-8", errors="replace")
            # a marker on every long paragraph keeps each split article distinct; stamps stay intact
            text = "\n\n".join(p + f" [{k}]" if len(p.split()) > 15 else p for p in text.split("\n\n"))
            (out / f"{k:04d}_{f.name}").write_text(text, encoding="utf-8")
    return rounds * per_round


def words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def stage_times(corpus: Path) -> tuple[list[Document], dict[str, float]]:
    """Each stage timed alone, on one process: reading, cleaning, spaCy, our extraction, store, resolve."""
    times: dict[str, float] = {}
    t = time.perf_counter()
    raws = [r for r in ingest.read_inputs([str(corpus)]) if isinstance(r, ingest.RawInput)]
    times["read+decode"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = [d for r in raws for d in pipeline.prepare(r)]
    times["clean+split+metadata"] = time.perf_counter() - t
    nlp.load()  # model load is not throughput
    t = time.perf_counter()
    parsed = list(nlp.parse([d.text for d in docs]))
    times["spaCy parse (1 process)"] = time.perf_counter() - t
    t = time.perf_counter()
    analysed = [pipeline.analyse_parsed(d, p) for d, p in zip(docs, parsed)]
    times["extraction stages"] = time.perf_counter() - t
    del parsed
    with tempfile.TemporaryDirectory() as tmp:
        conn = db.connect(Path(tmp) / "kb.sqlite")
        t = time.perf_counter()
        for a in analysed:
            write.save_analysed(conn, a)
        times["store"] = time.perf_counter() - t
        t = time.perf_counter()
        entities.resolve_pending(conn)
        times["resolve entities"] = time.perf_counter() - t
        conn.close()
    return docs, times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--corpus", default=None, help="folder of articles to replicate")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        expected = build_corpus(source_dir(a.corpus), corpus, a.docs)
        docs, times = stage_times(corpus)
        n_words = words(docs)
        print(f"corpus: {len(docs)} articles ({expected} expected), {n_words} words, from {source_dir(a.corpus)}")
        for stage, secs in times.items():
            print(f"  stage {stage:28s} {secs:7.2f} s  {n_words / secs:10.0f} words/s")
        t = time.perf_counter()
        with KnowledgeBase(Path(tmp) / "kb.sqlite") as kb:
            summary = kb.ingest([str(corpus)], workers=a.workers)
        wall = time.perf_counter() - t
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(f"pipeline (newsgraph ingest, {a.workers} workers): {summary.ingested} docs in {wall:.2f} s: "
              f"{summary.ingested / wall:.1f} docs/s, {summary.words / wall:.0f} words/s, "
              f"peak memory {peak:.0f} MB (largest process)")
        texts = [d.text for d in docs]
        model = nlp.load(with_ruler=False)
        t = time.perf_counter()
        for _ in model.pipe(texts, n_process=2, batch_size=nlp.BATCH_SIZE):
            pass
        bare = time.perf_counter() - t
        print(f"bare spaCy nlp.pipe(n_process=2) ({nlp.model_name()}): {len(texts) / bare:.1f} docs/s, "
              f"{n_words / bare:.0f} words/s")
        print(f"ratio to bare nlp.pipe: {(summary.words / wall) / (n_words / bare):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
