"""Fixtures for the API tests: one real server over a real knowledge base for the module."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_server import Server, build_kb  # noqa: E402


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
