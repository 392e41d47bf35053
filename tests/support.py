"""Shared fixtures for the foundation tests: sample articles, a knowledge base built once, the CLI.

Every sample sentence here was written for these tests (short, invented but plausible conflict
news). Tests that need the real seed articles read ``../shared`` at run time and skip cleanly
when a clone does not have it.
"""
from __future__ import annotations

import json
import os
import shutil
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.records import Mention

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_script = Path(sys.executable).parent / "newsgraph"
NEWSGRAPH = [str(_script)] if _script.exists() else [sys.executable, "-c", "from newsgraph.cli import main; main()"]

# --------------------------------------------------------------------------- sample articles

CHECKPOINT = """Militants storm police checkpoint in Lakki Marwat

By Farah Naz

Published March 14, 2023

LAKKI MARWAT: Militants armed with rifles and grenades attacked a police checkpoint on the edge of the town before dawn on Tuesday, killing two constables, officials said.

The attackers retreated towards the hills after an exchange of fire that lasted about an hour, a police spokesman told reporters.

Reinforcements sealed the roads leading out of the district and began searching nearby villages for the gunmen.
"""

CURFEW = """Curfew eased in Kurram after week of tribal clashes

Published March 21, 2023

PARACHINAR: Authorities relaxed a curfew on Monday that had kept residents indoors for a week, allowing shops in the main bazaar to reopen for six hours.

Elders from both tribes agreed to a truce brokered by a provincial jirga, a district official said.

Mobile phone services, suspended since the fighting began, remained cut off in several villages.
"""

NO_DATE = """Aid convoy reaches besieged town

A convoy of twelve lorries carrying flour, medicine and fuel reached the besieged town on Thursday after a three-day journey, aid workers said.

The convoy crossed two front lines under a local agreement, and its drivers returned the same evening.

Residents have lived under siege for five months, with food prices several times higher than in the provincial capital.
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Drone strike destroys compound near border | Frontier Herald</title>
<meta property="og:title" content="Drone strike destroys compound near border">
<meta property="og:site_name" content="Frontier Herald">
<meta name="author" content="Sana Qureshi">
<meta property="article:published_time" content="2023-05-04T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/region">Region</a></nav>
<article>
<h1>Drone strike destroys compound near border</h1>
<p>MIRAMSHAH: A drone strike destroyed a compound in a village close to the border on Thursday, killing three people, local officials said.</p>
<p>The officials, who spoke on condition of anonymity, said the dead included a commander of a banned militant group and two of his guards.</p>
<p>There was no immediate claim of responsibility, and the military declined to comment on the report.</p>
<h3>Related Articles</h3>
<ul><li><a href="/a">Curfew imposed after clashes in tribal district</a></li>
<li><a href="/b">Talks with militants stall again</a></li></ul>
<p>Share this article</p>
</article>
<footer><p>Copyright © 2023 Frontier Herald. All rights reserved.</p></footer>
</body></html>
"""

JSONL_ITEMS = [
    {"text": "KABUL: Gunmen attacked a bus carrying mine workers on the road north of the city on Saturday, "
             "wounding nine people, the interior ministry said.\n\nNo group said it was behind the attack.",
     "title": "Gunmen attack workers' bus north of Kabul", "published": "2022-04-09T10:00:00Z",
     "outlet": "Wire Desk", "author": "Jamal Safi", "url": "https://news.example.org/kabul-bus-attack"},
    {"text": "QUETTA: A bomb hidden in a parked motorcycle exploded near a vegetable market on Monday, "
             "wounding eleven people, police said.\n\nThe blast shattered the windows of nearby shops.",
     "title": "Motorcycle bomb wounds eleven in Quetta", "published": "June 6, 2022"},
]

TWO_STORIES = CHECKPOINT + "\n" + CURFEW


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(items: list[object]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


# --------------------------------------------------------------------------- the CLI and the store

def run_cli(*args: str, input: bytes | None = None, cwd: Path | str | None = None,
            **kwargs) -> subprocess.CompletedProcess:
    """The real console script in a subprocess; text output."""
    proc = subprocess.run([*NEWSGRAPH, *args], input=input, capture_output=True, cwd=cwd, timeout=300, **kwargs)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def export_bytes(db: Path) -> bytes:
    """What ``newsgraph export`` writes for a knowledge base, through the Python API."""
    import io

    from newsgraph.kb import KnowledgeBase

    buf = io.StringIO()
    with KnowledgeBase(db, readonly=True) as kb:
        kb.export_jsonl(buf)
    return buf.getvalue().encode("utf-8")


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a knowledge base (SQLite online backup), for tests that change it."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A folder of sample inputs in every supported format, with a sub-folder."""
    root = tmp_path_factory.mktemp("corpus")
    write(root / "checkpoint.txt", CHECKPOINT)
    write(root / "region" / "curfew.txt", CURFEW)
    write(root / "region" / "deeper" / "convoy.txt", NO_DATE)
    write(root / "drone.html", HTML_PAGE)
    write(root / "wire.jsonl", jsonl(JSONL_ITEMS))
    return root


@pytest.fixture(scope="session")
def base_kb(tmp_path_factory, corpus) -> Path:
    """A knowledge base holding the corpus (built once; copy it before changing it)."""
    from newsgraph.kb import KnowledgeBase

    db = tmp_path_factory.mktemp("kb") / "base.sqlite"
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(corpus)], workers=1)
    assert summary.ingested == 6 and not summary.rejected, summary
    return db


@pytest.fixture
def kb_copy(base_kb, tmp_path) -> Path:
    """A private copy of the base knowledge base, free to change."""
    target = tmp_path / "kb.sqlite"
    src = sqlite3.connect(base_kb)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` (seeds, gold, scorer) next to the checkout; skip when a clone has none."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{SHARED} (seed articles and scorer) is not here")
    return SHARED


# --------------------------------------------------------------------------- running without privileges

def _can_run_as_nobody() -> bool:
    try:
        return subprocess.run([sys.executable, "-c", "import newsgraph.cli"], user="nobody", cwd="/tmp",
                              capture_output=True, timeout=60).returncode == 0
    except (OSError, KeyError, subprocess.SubprocessError):
        return False


def unprivileged_prefix() -> tuple[list[str], dict]:
    """How to run a command so that file permissions apply to it, as (argv prefix, run kwargs).

    Not root: run as is. Root: as user ``nobody``; where ``nobody`` cannot reach the
    interpreter (a Python installed under /root), as root without the capabilities that
    bypass permissions (``setpriv``). Skips when neither can be done.
    """
    if os.geteuid() != 0:
        return [], {}
    if _can_run_as_nobody():
        return [], {"user": "nobody"}
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, "--bounding-set=-all", "--inh-caps=-all"], {}
    pytest.skip("running as root, and neither user nobody nor setpriv can drop the privilege to ignore permissions")


@pytest.fixture(scope="session")
def parsed_seeds() -> list[tuple]:
    """The seed articles as documents, each with its mentions and its parse (parsed once)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is not here (it is not part of the repository)")
    from newsgraph import pipeline
    from newsgraph.document import mentions, nlp
    from newsgraph.records import Document

    docs = [d for d in pipeline.documents([str(seeds)]) if isinstance(d, Document)]
    return [(d, mentions.from_parse(d.id, p), p) for d, p in zip(docs, nlp.parse([d.text for d in docs]))]


def parse_sentences(texts: list[str]) -> dict[str, tuple]:
    """Each text → (its mentions, its spaCy parse), through the real pipeline (skips without a model)."""
    from newsgraph.document import mentions, nlp

    try:
        docs = list(nlp.parse(texts))
    except nlp.ModelNotFound as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))
    return {text: (mentions.from_parse("t", doc), doc) for text, doc in zip(texts, docs)}


def locate(text: str, surface: str) -> tuple[int, int]:
    """Character span of "word" (first occurrence) or "word#n" (n-th occurrence) in the text."""
    word, _, nth = surface.partition("#")
    starts = [m.start() for m in re.finditer(re.escape(word), text)]
    n = int(nth or 1)
    assert len(starts) >= n, f"{word!r} occurs {len(starts)} times in the test text"
    return starts[n - 1], starts[n - 1] + len(word)


P, O, G = "PERSON", "ORG", "GPE"  # mention labels, short for tables of cases


def make_mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions for the first occurrence of each (surface, label) in the text, sorted by start."""
    out = []
    for surface, label in spans:
        start = text.index(surface)
        out.append(Mention(f"m{start}", "t", start, start + len(surface), surface, label))
    return sorted(out, key=lambda m: m.start)
