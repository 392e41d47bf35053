"""Claim records as the export and the web app see them: speaker and subjects as entity records.

A claim is one source's statement in one article; its speaker and subjects point to the entity
records their article's entities belong to, its event (when linked) to the event record.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from newsgraph.records import Claim, Evidence, Participant


def claims(conn: sqlite3.Connection) -> Iterator[Claim]:
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    names = dict(conn.execute("SELECT id, name FROM local_entities").fetchall())
    event_of = dict(conn.execute("SELECT mention_id, event_id FROM event_members").fetchall())
    texts: dict[str, str] = {}
    for row in conn.execute("SELECT c.id, c.doc, c.stance, c.data, d.text FROM claim_mentions c "
                            "JOIN documents d ON d.id = c.doc ORDER BY c.doc, c.id"):
        texts.setdefault(row["doc"], row["text"])
        yield _claim(row, json.loads(row["data"]), owner, names, event_of, texts[row["doc"]])


def _claim(row: sqlite3.Row, data: dict, owner: dict[str, str], names: dict[str, str],
           event_of: dict[str, str], text: str) -> Claim:
    sp = data["speaker"]
    source = Participant(owner.get(sp.get("local") or ""), sp["name"])
    about = tuple(Participant(owner.get(local), names.get(local, "")) for local in data["about"])
    content = " … ".join(text[a:b] for a, b in data["content"])
    a, b = data["evidence"]
    evidence = (Evidence(row["doc"], a, b, text[a:b]),)
    event = event_of.get(data.get("event_mention") or "")
    return Claim(row["id"], source, row["stance"], about, event, content, evidence)
