"""The eval gate: run the pipeline on the seed articles, score with the shared scorer, compare to floors.

The scorer and gold live outside the repository (``../shared/eval``); a user's clone does not
have them, so everything here says clearly when they are missing instead of failing oddly.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from newsgraph.kb import KnowledgeBase


class EvalUnavailable(RuntimeError):
    pass


@dataclass
class Report:
    scores: dict
    scorer_output: str
    floors: dict[str, float]
    failures: list[str] = field(default_factory=list)

    def gate_lines(self) -> list[str]:
        lines = []
        for key, floor in self.floors.items():
            value = figure(self.scores, key)
            mark = "ok " if value is not None and value + 1e-9 >= floor else "LOW"
            lines.append(f"gate {mark} {key:28s} {value if value is not None else 'missing'} (floor {floor})")
        for key, ceiling in ceilings().items():
            value = figure(self.scores, key)
            mark = "ok " if value is not None and value - 1e-9 <= ceiling else "HIGH"
            lines.append(f"gate {mark} {key:28s} {value} (ceiling {ceiling})")
        return lines


def shared_dir() -> Path | None:
    """``../shared`` next to the checkout (or $NEWSGRAPH_SHARED), if it exists."""
    env = os.environ.get("NEWSGRAPH_SHARED")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [Path.cwd().parent / "shared", Path.cwd() / "shared"]
    candidates += [p.parent / "shared" for p in here.parents]
    return next((c for c in candidates if (c / "eval" / "score.py").is_file()), None)


def _pinned() -> dict:
    return json.loads((resources.files("newsgraph") / "data" / "eval" / "floors.json").read_text(encoding="utf-8"))


def floors() -> dict[str, float]:
    return {k: float(v) for k, v in _pinned().items() if not k.startswith("_") and k != "ceilings"}


def ceilings() -> dict[str, float]:
    """Figures that must not rise (wrong merges)."""
    return {k: float(v) for k, v in _pinned().get("ceilings", {}).items()}


def figure(scores: dict, key: str) -> float | None:
    """A scorer figure: "entities_ALL" is its F1 (or rate); "entities_PERSON.r" one of its parts."""
    name, _, part = key.partition(".")
    value = scores.get(name)
    if isinstance(value, dict):
        return value.get(part) if part else value.get("f1", value.get("rate"))
    return float(value) if isinstance(value, (int, float)) else None


def score(pred: Path, gold: Path, crossdoc: Path | None, scorer: Path) -> tuple[dict, str]:
    args = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred)]
    if crossdoc and crossdoc.exists():
        args += ["--crossdoc", str(crossdoc)]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    data = json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True, check=True).stdout)
    return data, text


def run(seeds: str | None = None, gold: str | None = None, workers: int | None = None) -> Report:
    shared = shared_dir()
    if shared is None and (seeds is None or gold is None):
        raise EvalUnavailable("the seed articles and scorer (../shared/eval) are not here; "
                              "pass --seeds and --gold, or set NEWSGRAPH_SHARED")
    seeds_path = Path(seeds) if seeds else shared / "seeds"
    gold_path = Path(gold) if gold else shared / "eval" / "seeds_gold.jsonl"
    scorer = (shared / "eval" / "score.py") if shared else None
    if scorer is None or not seeds_path.is_dir() or not gold_path.is_file():
        raise EvalUnavailable(f"missing seeds ({seeds_path}), gold ({gold_path}) or scorer")
    with tempfile.TemporaryDirectory(prefix="newsgraph-eval-") as tmp:
        db, out = Path(tmp) / "kb.sqlite", Path(tmp) / "out.jsonl"
        with KnowledgeBase(db) as kb:
            kb.ingest([str(seeds_path)], workers=workers)
            with out.open("w", encoding="utf-8") as fh:
                kb.export_jsonl(fh)
        scores, text = score(out, gold_path, gold_path.parent / "seeds_crossdoc.json", scorer)
    pinned = floors()
    failures = [k for k, f in pinned.items() if (figure(scores, k) or 0.0) + 1e-9 < f]
    failures += [k for k, c in ceilings().items() if (figure(scores, k) or 0.0) - 1e-9 > c]
    return Report(scores, text, pinned, failures)
