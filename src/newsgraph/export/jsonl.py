"""The kb-export JSONL contract (version 1): one JSON object per line, each with a ``kind``.

``records`` is what every export format reads: the live records the knowledge base computes,
followed by the records an import brought in (``imports.py``) that no live record has replaced.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from newsgraph import imports
from newsgraph.records import EXPORT_VERSION
from newsgraph.store import claims, contradictions, entities, events, read, review

KINDS = imports.KINDS  # the export's order: documents, entities, events, claims, contradictions

def _reviewed(record: dict[str, Any], overlay: review.Overlay) -> dict[str, Any]:
    """An analyst's verdict and edits travel with the record they are about."""
    verdict = overlay.review(record["id"])
    return {**record, "review": verdict} if verdict else record


def _entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    overlay = review.Overlay(conn)
    return (_reviewed(overlay.entity(e).to_export(), overlay) for e in entities.entities(conn))


def _events(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    overlay = review.Overlay(conn)
    return (_reviewed({**overlay.event(event).to_export(), **support}, overlay)
            for event, support in events.events(conn))


def _claims(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    overlay = review.Overlay(conn)
    return (_reviewed(overlay.claim(c).to_export(), overlay) for c in claims.claims(conn))


_LIVE: dict[str, Callable[[sqlite3.Connection], Iterator[dict[str, Any]]]] = {
    "document": lambda conn: (doc.to_export() for doc in read.documents(conn)),
    "entity": _entities,
    "event": _events,
    "claim": _claims,
    "contradiction": lambda conn: (x.to_export() for x in contradictions.contradictions(conn)),
}


def meta() -> dict[str, Any]:
    return {"kind": "meta", "format": "kb-export", "version": EXPORT_VERSION}


def records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every exported record, in a stable order (documents, entities, events, claims, contradictions)."""
    yield meta()
    for kind in KINDS:
        yield from records_of(conn, kind)


def records_of(conn: sqlite3.Connection, kind: str) -> Iterator[dict[str, Any]]:
    """Live records of one kind, then imported ones (imported documents live in the document tables)."""
    live: set[str] = set()
    for record in _LIVE[kind](conn):
        live.add(record["id"])
        yield record
    if kind != "document":
        yield from imports.stored(conn, kind, skip=live)


def write(conn: sqlite3.Connection, out: IO[str]) -> int:
    return write_records(records(conn), out)["records"]


def write_records(rows: Iterable[dict[str, Any]], out: IO[str]) -> dict[str, int]:
    """One JSON object per line, keys in the records' own order (so a round trip is byte for byte)."""
    n = 0
    for record in rows:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return {"records": n}
