#!/usr/bin/env python3
"""Benchmark the geocoder on ../shared/bench/geo-lgl and geo-geovirus (oracle and end-to-end).

    .venv/bin/python bench/geo_bench.py [--corpus geo-lgl] [--mode oracle|e2e|both] [--out DIR]
        [--limit N] [--n-process 2] [--demonyms]

Writes PRED files (one place per line, as ``newsgraph geocode`` would) and prints the
``score_geo.py`` figures (Acc@161 km, mean/median error, AUC, detection P/R/F1) plus the
gazetteer load time and documents per second. Only reads the benchmark texts; copies none.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
CORPORA = ("geo-lgl", "geo-geovirus")


def scorer():
    """The shared scorer module (stdlib only), imported from its file."""
    spec = importlib.util.spec_from_file_location("score_geo", BENCH / "score_geo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def run(corpus: str, mode: str, out: Path, limit: int | None, n_process: int, demonyms: bool = False) -> dict:
    from newsgraph.geo import run_bench_docs

    docs = read_jsonl(BENCH / corpus / "docs.jsonl")[:limit]
    gold = read_jsonl(BENCH / corpus / "gold.jsonl")
    keep = {d["doc"] for d in docs}
    gold = [g for g in gold if g["doc"] in keep]
    if mode == "e2e":
        docs = [{k: v for k, v in d.items() if k != "spans"} for d in docs]
    t0 = time.perf_counter()
    pred = list(run_bench_docs(docs, n_process=n_process, demonyms=demonyms))
    secs = time.perf_counter() - t0
    path = out / f"{corpus}.{mode}.pred.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for p in pred:
            f.write(json.dumps(p) + "\n")
    res = scorer().score(gold, pred)
    res.update(corpus=corpus, mode=mode, docs=len(docs), seconds=round(secs, 2),
               docs_per_s=round(len(docs) / secs, 1) if secs else None)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=CORPORA, action="append")
    ap.add_argument("--mode", choices=("oracle", "e2e", "both"), default="both")
    ap.add_argument("--out", type=Path, default=Path("/tmp/newsgraph-geo-bench"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--demonyms", action="store_true", help="end-to-end: also take NORP demonyms as toponyms")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"no benchmark folder at {BENCH}")
    a.out.mkdir(parents=True, exist_ok=True)
    from newsgraph.geo.gazetteer import load

    t0 = time.perf_counter()
    g = load()
    print(f"gazetteer: {len(g):,} places, {len(g.index):,} name keys, loaded in {time.perf_counter() - t0:.2f} s")
    modes = ("oracle", "e2e") if a.mode == "both" else (a.mode,)
    for corpus in a.corpus or CORPORA:
        for mode in modes:
            r = run(corpus, mode, a.out, a.limit, a.n_process, a.demonyms)
            d = r["detection"]
            if a.json:
                print(json.dumps(r))
                continue
            print(f"{corpus:13s} {mode:6s} Acc@161 {r['acc161']:.3f}  AUC {r['auc']:.3f}  mean {r['mean_km']} km  "
                  f"median {r['median_km']} km  P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f}  "
                  f"({r['toponyms']} gold, {r['docs']} docs, {r['docs_per_s']} docs/s)")


if __name__ == "__main__":
    main()
