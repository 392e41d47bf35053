#!/usr/bin/env python3
"""Bench the date normaliser on ../shared/bench/dates-tbaq (oracle and end-to-end modes).

    .venv/bin/python bench/dates_bench.py [--bench DIR] [--keep DIR] [--dateparser]

Oracle mode normalises the gold spans; end-to-end mode drops the spans and lets the normaliser
find the expressions itself. Both are scored by the shared ``score_dates.py`` (run as a
subprocess so that its figures are the official ones) and timed. ``--dateparser`` also scores
bare dateparser on the oracle spans, the reference figure in the bench README.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.document.dates import run_bench_docs  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
            n += 1
    return n


def score(bench: Path, pred: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(bench / "score_dates.py"), "--gold", str(bench / "dates-tbaq" / "gold.jsonl"),
         "--pred", str(pred), "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def dateparser_rows(docs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Bare dateparser on the gold spans (RELATIVE_BASE = dct, prefer past), for comparison."""
    from datetime import datetime

    from dateparser.date import DateDataParser

    size = {"day": 10, "month": 7, "year": 4}
    for doc in docs:
        base = datetime.fromisoformat(doc["dct"])
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        for s in doc.get("spans", []):
            data = parser.get_date_data(doc["text"][s["start"]:s["end"]])
            value = None
            if data and data.date_obj is not None and data.period in size:
                value = data.date_obj.date().isoformat()[: size[data.period]]
            yield {"doc": doc["doc"], "start": s["start"], "end": s["end"], "value": value}


def run(name: str, rows: Iterator[dict[str, Any]], bench: Path, keep: Path) -> None:
    pred = keep / f"dates-{name}.jsonl"
    t0 = time.perf_counter()
    n = write(pred, rows)
    ms = (time.perf_counter() - t0) * 1000
    res = score(bench, pred)
    d, v = res["detection"], res["value"]
    print(f"{name:10s} detection P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f}  ({d['predicted']} predicted, "
          f"{d['gold_dates']} gold)")
    print(f"{'':10s} value     P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}  "
          f"({v['correct']}/{v['gold_calendar_dates']} right; {v['wrong_or_spurious']} wrong or spurious)")
    print(f"{'':10s} {n} expressions in {ms:.0f} ms = {ms / max(n, 1):.3f} ms/expression")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--keep", type=Path, help="folder to keep the prediction files in")
    ap.add_argument("--dateparser", action="store_true", help="also score bare dateparser (oracle)")
    a = ap.parse_args()
    docs_path = a.bench / "dates-tbaq" / "docs.jsonl"
    if not docs_path.exists():
        print(f"no bench at {docs_path}", file=sys.stderr)
        return 2
    docs = load(docs_path)
    e2e = [{k: v for k, v in doc.items() if k != "spans"} for doc in docs]
    t0 = time.perf_counter()
    list(run_bench_docs([{"doc": "warm-up", "text": "on Sunday, 9 May 2021", "dct": "2021-05-10"}]))
    print(f"one-time set-up (word lists, regexes): {(time.perf_counter() - t0) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        keep = a.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        run("oracle", run_bench_docs(docs), a.bench, keep)
        run("e2e", run_bench_docs(e2e), a.bench, keep)
        if a.dateparser:
            run("dateparser", dateparser_rows(docs), a.bench, keep)
    print("oracle value accuracy = value R (right / gold calendar dates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
