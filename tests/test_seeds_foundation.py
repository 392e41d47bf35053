"""Acceptance on the real seed articles (``../shared/seeds``), as issue 2 states it.

Reads the seeds and the shared scorer at run time; skips cleanly where they are not present.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import rows, run_cli

FORBIDDEN = ["Post a comment", "Leave a Reply", "Related Articles", "ALSO SEE", "Short Url", "min read", "[IC:",
             "Subscribe to"]
FORBIDDEN_ANY_CASE = ["leave a repl"]


@pytest.fixture(scope="module")
def seeds_run(shared, tmp_path_factory) -> dict:
    """``newsgraph ingest ../shared/seeds --db kb.sqlite && newsgraph export ...``, then the scorer."""
    work = tmp_path_factory.mktemp("seeds")
    ingest = run_cli("ingest", str(shared / "seeds"), "--db", "kb.sqlite", "--workers", "1", cwd=work)
    assert ingest.returncode == 0, ingest.stderr
    export = run_cli("export", "--format", "jsonl", "--db", "kb.sqlite", "-o", "out.jsonl", cwd=work)
    assert export.returncode == 0, export.stderr
    scorer = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                             "--gold", str(shared / "eval" / "seeds_gold.jsonl"), "--pred", str(work / "out.jsonl")],
                            capture_output=True, text=True, timeout=300)
    assert scorer.returncode == 0, scorer.stderr
    return {"work": work, "db": work / "kb.sqlite", "ingest": ingest, "scores": scorer.stdout}


def _score_line(scores: str, name: str) -> str:
    match = re.search(rf"^{name}\s+(\S+)\s+\((\d+/\d+)\)", scores, re.M)
    assert match, scores
    return f"{match.group(1)} ({match.group(2)})"


def test_every_article_is_found(seeds_run):
    assert _score_line(seeds_run["scores"], "articles") == "1.000 (5/5)"


def test_every_publication_date_is_right(seeds_run):
    assert _score_line(seeds_run["scores"], "published") == "1.000 (4/4)"


def test_ingest_reports_no_rejection(seeds_run, shared):
    n_files = len(list((shared / "seeds").glob("*.txt")))
    assert re.search(r"^ingested (\d+) documents .* 0 duplicate, 0 rejected", seeds_run["ingest"].stdout, re.M)
    assert rows(seeds_run["db"], "SELECT count(DISTINCT source) FROM documents") == [(n_files,)]


@pytest.mark.parametrize("fragment", FORBIDDEN)
def test_no_boilerplate_left(seeds_run, fragment):
    for source, text in rows(seeds_run["db"], "SELECT source, text FROM documents"):
        assert fragment not in text, f"{source} still holds {fragment!r}"


@pytest.mark.parametrize("fragment", FORBIDDEN_ANY_CASE)
def test_no_boilerplate_left_in_any_case(seeds_run, fragment):
    for source, text in rows(seeds_run["db"], "SELECT source, text FROM documents"):
        assert fragment not in text.lower(), f"{source} still holds {fragment!r}"


def test_every_seed_gives_documents_named_by_its_file(seeds_run, shared):
    names = {p.name for p in (shared / "seeds").iterdir() if p.suffix == ".txt"}
    stored = {r[0] for r in rows(seeds_run["db"], "SELECT source FROM documents")}
    assert stored == names


def test_split_documents_share_their_source(seeds_run, shared):
    gold = [json.loads(line) for line in (shared / "eval" / "seeds_gold.jsonl").read_text().splitlines() if line]
    exported = [json.loads(line) for line in (seeds_run["work"] / "out.jsonl").read_text().splitlines()]
    docs = [r for r in exported if r["kind"] == "document"]
    for g in gold:
        mine = [d for d in docs if Path(d["source"]).name == g["id"]]
        assert len(mine) == g["articles"], g["id"]
        if len(mine) > 1:
            assert len({d["parent"] for d in mine}) == 1 and mine[0]["parent"] is not None


def test_ingesting_the_seeds_twice_adds_nothing(seeds_run, shared):
    before = rows(seeds_run["db"], "SELECT count(*) FROM documents")[0][0]
    again = run_cli("ingest", str(shared / "seeds"), "--db", "kb.sqlite", "--workers", "1", cwd=seeds_run["work"])
    assert again.returncode == 0, again.stderr
    assert f"ingested 0 documents (0 words), {before} duplicate, 0 rejected" in again.stdout
    assert rows(seeds_run["db"], "SELECT count(*) FROM documents") == [(before,)]
