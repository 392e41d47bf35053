"""A real server for the web tests: a knowledge base built from ``samples/`` and the articles in
``articles.py``, served by uvicorn in a subprocess on a free loopback port."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import ARTICLES  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def build_kb(folder: Path) -> Path:
    """Ingest the samples and our own articles into a fresh file."""
    from newsgraph.kb import KnowledgeBase

    mine = folder / "articles"
    mine.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (mine / name).write_text(text, encoding="utf-8")
    db = folder / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(REPO / "samples"), str(mine)], workers=1)
    assert summary.ingested >= 15 and not summary.rejected, summary
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``newsgraph serve`` in a subprocess; started, waited for, and stopped by the fixture."""

    def __init__(self, db: Path) -> None:
        self.db, self.port = db, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        script = Path(sys.executable).parent / "newsgraph"
        cmd = [str(script)] if script.exists() else [sys.executable, "-m", "newsgraph.cli"]
        self.log = open(db.parent / "server.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen([*cmd, "serve", "--db", str(db), "--port", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "NO_PROXY": "*"})
        self._wait()
        self.token = (Path(str(db) + ".token")).read_text().strip()

    def _wait(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"server exited: {self.log.read()}")
            try:
                urllib.request.urlopen(self.url + "/api/stats", timeout=2).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

# --------------------------------------------------------------------------- fixtures (imported by the tests)


@pytest.fixture(scope="session")
def web_kb(tmp_path_factory) -> Path:
    return build_kb(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def server(web_kb, tmp_path_factory):
    """A private copy of the knowledge base per module (the review tests change it), served."""
    import sqlite3

    folder = tmp_path_factory.mktemp("served")
    db = folder / "kb.sqlite"
    src, dst = sqlite3.connect(web_kb), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    srv = Server(db)
    yield srv
    srv.stop()
