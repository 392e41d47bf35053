"""The SQLite connection: pragmas, migrations, and nothing else.

WAL mode lets readers (the web app, ``newsgraph search``) work while a batch ingests, and one
transaction per document means an interrupted batch leaves every stored document whole.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.store.migrations import latest, pending

DEFAULT_DB = "kb.sqlite"


class StoreError(RuntimeError):
    pass


def connect(path: str | Path = DEFAULT_DB, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) a knowledge base file."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"no knowledge base at {path}: run `newsgraph ingest PATH --db {path}` first")
    if path.parent and not path.parent.exists():
        raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
    # as_uri() percent-encodes "#", "?" and "%", which would otherwise cut the file name short
    # (and make SQLite create a different file, read-write).
    uri = path.resolve().as_uri() + "?mode=ro" if readonly else str(path)
    try:
        conn = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        elif _older(conn):
            conn.close()  # an older schema: upgrade in place once (migrations only add), then read
            connect(path).close()
            return connect(path, readonly=True)
        else:
            check_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a newsgraph knowledge base ({exc})") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (taken at once, so two writers queue instead of deadlocking);
    rolled back whole on any error, so the file never holds half a change."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _older(conn: sqlite3.Connection) -> bool:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    return 0 < current < latest()


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction; return the schema version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest():
        raise StoreError(f"knowledge base schema {current} is newer than this newsgraph ({latest()}): upgrade newsgraph")
    for number, _name, sql in pending(current):
        with transaction(conn):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
    return latest()


def check_version(conn: sqlite3.Connection) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current == 0:
        raise StoreError("not a newsgraph knowledge base (no schema)")
    if current < latest():
        raise StoreError(f"knowledge base schema {current} is older than {latest()}: open it once read-write to upgrade")


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf:
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
