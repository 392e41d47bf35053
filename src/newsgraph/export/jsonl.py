"""The kb-export JSONL contract (version 1): one JSON object per line, each with a ``kind``."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any

from newsgraph.records import EXPORT_VERSION
from newsgraph.store import claims, contradictions, entities, events, read


def records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every exported record, in a stable order (documents, entities, events, claims, contradictions)."""
    yield {"kind": "meta", "format": "kb-export", "version": EXPORT_VERSION}
    for doc in read.documents(conn):
        yield doc.to_export()
    for entity in entities.entities(conn):
        yield entity.to_export()
    for event, support in events.events(conn):
        yield {**event.to_export(), **support}
    for claim in claims.claims(conn):
        yield claim.to_export()
    for contradiction in contradictions.contradictions(conn):
        yield contradiction.to_export()


def write(conn: sqlite3.Connection, out: IO[str]) -> int:
    n = 0
    for record in records(conn):
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
