"""Contradiction records as the export and the web app see them (computed by resolve/contradictions)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from newsgraph.records import Contradiction, Evidence, Participant
from newsgraph.store import claims, entities, events


def contradictions(conn: sqlite3.Connection) -> Iterator[Contradiction]:
    """Items are claim records (``c_…``) or event mentions (``vm_…``) on either side."""
    record_of = claims.record_ids(conn)
    texts: dict[str, str] = {}
    for row in conn.execute("SELECT id, field, event, data FROM contradictions ORDER BY id"):
        data = json.loads(row["data"])
        items = tuple(dict.fromkeys(record_of.get(i, i) for i in data["items"]))
        sides = tuple({"position": side["position"],
                       "items": list(dict.fromkeys(record_of.get(i, i) for i in side["items"])),
                       "evidence": [_evidence(conn, texts, *ev).to_dict() for ev in side["evidence"]]}
                      for side in data.get("sides", []))
        yield Contradiction(row["id"], row["field"], _about(conn, data), items,
                            tuple(data["docs"]), row["event"], data["summary"], sides)


def _evidence(conn: sqlite3.Connection, texts: dict[str, str], doc: str, start: int, end: int) -> Evidence:
    if doc not in texts:
        texts[doc] = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    return Evidence(doc, start, end, texts[doc][start:end])


def _about(conn: sqlite3.Connection, data: dict) -> tuple[Participant, ...]:
    """An entity; or, for an event, its participants and its place."""
    if data["target_kind"] == "entity":
        record = next(entities.entities(conn, data["target"]), None)
        return (Participant(data["target"], record.name if record else ""),)
    found = next(events.events(conn, data["target"]), None)
    if found is None:
        return ()
    event, _ = found
    about = list(event.victims) + list(event.agents)
    if event.location:
        about.append(Participant(None, event.location["name"]))
    return tuple(about)
