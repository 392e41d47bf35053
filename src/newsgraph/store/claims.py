"""Claim records as the export and the web app see them.

A claim record is one source's position in one article with one stance: every statement that
source makes there with that stance ("the official said A … the official added B") is one of its
``statements``, each with its own evidence and event. Speaker and subjects point to entity records;
statements linked to an event point to the event record.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator

from dataclasses import replace

from newsgraph.records import Claim, Evidence, Participant
from newsgraph.store.corroboration import corroboration


def record_key(doc: str, data: dict, stance: str, owner: dict[str, str]) -> str:
    """The record a claim mention belongs to: article, speaker (record, else its words), stance."""
    sp = data["speaker"]
    who = owner.get(sp.get("local") or "") or " ".join(sp["name"].lower().split())
    return "c_" + hashlib.sha1(f"{doc}|{who}|{stance}".encode()).hexdigest()[:16]


def record_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """Claim mention id → claim record id."""
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    return {row[0]: record_key(row[1], json.loads(row[3]), row[2], owner)
            for row in conn.execute("SELECT id, doc, stance, data FROM claim_mentions")}


def claims(conn: sqlite3.Connection) -> Iterator[Claim]:
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    names = dict(conn.execute("SELECT id, name FROM local_entities").fetchall())
    event_of = dict(conn.execute("SELECT mention_id, event_id FROM event_members").fetchall())
    groups: dict[str, list[tuple[sqlite3.Row, dict]]] = {}
    for row in conn.execute("SELECT c.id, c.doc, c.stance, c.data, d.text, d.source, d.outlet FROM claim_mentions c "
                            "JOIN documents d ON d.id = c.doc ORDER BY c.doc, c.id"):
        data = json.loads(row["data"])
        groups.setdefault(record_key(row["doc"], data, row["stance"], owner), []).append((row, data))
    records = [_claim(record_id, members, owner, names, event_of) for record_id, members in groups.items()]
    support = _support(records, {rid: members[0][0] for rid, members in groups.items()})
    for record in records:
        yield replace(record, corroboration=support[record.id])


def _support(records: list[Claim], rows: dict[str, sqlite3.Row]) -> dict[str, dict[str, int]]:
    """A claim is corroborated by the other articles where the same source takes the same stance
    on the same event (or, without one, on the same subjects); wire copies count once."""
    same: dict[tuple, list[str]] = {}
    for r in records:
        who = r.source.entity or " ".join(r.source.name.lower().split())
        topic = r.event or frozenset(p.entity or p.name for p in r.about)
        same.setdefault((who, r.stance, topic), []).append(r.id)
    out = {}
    for ids in same.values():
        counts = corroboration([rows[i] for i in ids])
        out.update({i: counts for i in ids})
    return out


def _claim(record_id: str, members: list[tuple[sqlite3.Row, dict]], owner: dict[str, str],
           names: dict[str, str], event_of: dict[str, str]) -> Claim:
    first_row, first = members[0]
    sp = first["speaker"]
    source = Participant(owner.get(sp.get("local") or ""), sp["name"])
    about: dict[str, Participant] = {}
    statements, evidence = [], []
    for row, data in members:
        text = row["text"]
        for local in data["about"]:
            about.setdefault(owner.get(local) or local, Participant(owner.get(local), names.get(local, "")))
        a, b = data["evidence"]
        ev = Evidence(row["doc"], a, b, text[a:b])
        evidence.append(ev)
        statements.append({"id": row["id"], "text": " … ".join(text[x:y] for x, y in data["content"]),
                           "event": event_of.get(data.get("event_mention") or ""), "negated": data["negated"],
                           "evidence": ev.to_dict()})
    event = next((s["event"] for s in statements if s["event"]), None)
    return Claim(record_id, source, first_row["stance"], tuple(about.values()), event,
                 " | ".join(s["text"] for s in statements), tuple(evidence), tuple(statements))
