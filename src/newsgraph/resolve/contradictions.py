"""Where the sources disagree, found on the store and recorded, never blended.

Two kinds, within and across articles:

- statements: claims of opposite polarity (asserts/confirms against denies) about one entity
  record and one topic ("Balti was the TTP spokesman" / "Balti held no position": topic role),
  or about one event record ("TTP confirms the killing" / "no such incident took place": occurred);
- values: one event record whose sources give different death tolls, or different dates at the
  same precision (a month against a day inside it is a difference of precision, not a dispute).

Each contradiction lists the claims or event mentions on each side; their evidence is in the
export. Recomputed whole after each resolve: it is a view of the claims and events, cheap to redo.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from newsgraph.document.links import topics_of
from newsgraph.store.db import transaction

FIELD_PRIORITY = ("role", "involvement", "release_date", "ceasefire", "internal_matter", "occurred")


@dataclass(frozen=True)
class Said:
    id: str
    doc: str
    evidence: tuple[int, int]
    polarity: str  # pos | neg
    speaker: str
    about: tuple[str, ...]  # entity record ids, the statement's main subject first
    event: str | None
    topics: frozenset[str]


def _claims(conn: sqlite3.Connection) -> list[Said]:
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    persons = {r[0] for r in conn.execute("SELECT id FROM entities WHERE type = 'PERSON'")}
    event_of = dict(conn.execute("SELECT mention_id, event_id FROM event_members").fetchall())
    out = []
    for row in conn.execute("SELECT c.id, c.doc, c.stance, c.data, d.text FROM claim_mentions c "
                            "JOIN documents d ON d.id = c.doc"):
        data = json.loads(row["data"])
        statement = " ".join(row["text"][a:b] for a, b in data["content"])
        about = tuple(dict.fromkeys(owner[x] for x in data["about"] if x in owner))
        topics = {t for t, _ in topics_of(statement)}
        if not (about and about[0] in persons):
            topics.discard("role")  # a dispute over a role is a dispute about a person
        out.append(Said(row["id"], row["doc"], tuple(data["evidence"]), "neg" if row["stance"] == "denies" else "pos",
                        data["speaker"]["name"], about, event_of.get(data.get("event_mention") or ""),
                        frozenset(topics)))
    return out


def _field(topics: frozenset[str]) -> str | None:
    return next((f for f in FIELD_PRIORITY if f in topics), None)


def statement_conflicts(said: list[Said]) -> list[dict]:
    """Opposite claims about one event (occurred) or one entity and topic."""
    groups: dict[tuple, dict[str, list[Said]]] = defaultdict(lambda: {"pos": [], "neg": []})
    for s in said:
        field = _field(s.topics)
        if s.event and field in (None, "occurred"):
            groups[("event", s.event, "occurred")][s.polarity].append(s)
            continue
        if field is None or not s.about:
            continue
        # one article's sources against each other (across articles, the events carry disputes);
        # a role is disputed of the statement's main subject, other topics of any entity it names
        for entity in (s.about[:1] if field == "role" else s.about):
            groups[("entity", entity, field, s.doc)][s.polarity].append(s)
    found = []
    for (kind, target, field, *_), sides in groups.items():
        if sides["pos"] and sides["neg"]:
            found.append({"kind": kind, "target": target, "field": field, "sides": sides})
    return found


def value_conflicts(conn: sqlite3.Connection) -> list[dict]:
    """One event record, different death tolls or different same-precision dates by source."""
    by_event: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute("SELECT m.event_id, e.id, e.doc, e.date, e.data FROM event_members m "
                            "JOIN event_mentions e ON e.id = m.mention_id"):
        by_event[row["event_id"]].append(row)
    found = []
    for event_id, rows in by_event.items():
        tolls = defaultdict(list)
        for r in rows:
            f = json.loads(r["data"]).get("fatalities")
            if f:
                tolls[(f["min"], f["max"])].append(r)
        if len(tolls) > 1 and len({r["doc"] for rs in tolls.values() for r in rs}) > 1:
            found.append({"kind": "event", "target": event_id, "field": "fatalities", "values": tolls})
        days = defaultdict(list)
        for r in rows:
            if r["date"] and len(r["date"]) == 10:
                days[r["date"]].append(r)
        if len(days) > 1:
            found.append({"kind": "event", "target": event_id, "field": "date", "values": days})
    return found


def record(conn: sqlite3.Connection) -> int:
    """Recompute and store every contradiction; return how many."""
    rows = []
    for c in statement_conflicts(_claims(conn)):
        sides = [{"position": position, "items": [s.id for s in c["sides"][pol]],
                  "evidence": [[s.doc, *s.evidence] for s in c["sides"][pol]]}
                 for pol, position in (("pos", "yes"), ("neg", "no"))]
        docs = sorted({s.doc for side in ("pos", "neg") for s in c["sides"][side]})
        summary = (f"{'; '.join(sorted({s.speaker for s in c['sides']['pos']}))}: yes — "
                   f"{'; '.join(sorted({s.speaker for s in c['sides']['neg']}))}: no")
        rows.append(_row(c, sides, docs, summary))
    for c in value_conflicts(conn):
        sides = [{"position": _show(v), "items": [r["id"] for r in rs],
                  "evidence": [[r["doc"], *json.loads(r["data"])["evidence"]] for r in rs]}
                 for v, rs in c["values"].items()]
        docs = sorted({r["doc"] for rs in c["values"].values() for r in rs})
        summary = "; ".join(f"{_show(v)} ({len(rs)} source{'s' * (len(rs) > 1)})" for v, rs in c["values"].items())
        rows.append(_row(c, sides, docs, summary))
    with transaction(conn):
        conn.execute("DELETE FROM contradictions")
        conn.executemany("INSERT OR REPLACE INTO contradictions(id, field, event, data) VALUES (?,?,?,?)", rows)
    return len(rows)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        lo, hi = value
        return f"{lo}" if lo == hi else f"{lo if lo is not None else '?'}–{hi if hi is not None else '…'}"
    return str(value)


def _row(c: dict, sides: list[dict], docs: list[str], summary: str) -> tuple:
    cid = "x_" + hashlib.sha1(f"{c['kind']}:{c['target']}:{c['field']}:{','.join(docs)}".encode()).hexdigest()[:16]
    items = [i for side in sides for i in side["items"]]
    data = {"target_kind": c["kind"], "target": c["target"], "items": items, "sides": sides, "docs": docs,
            "summary": summary}
    return cid, c["field"], c["target"] if c["kind"] == "event" else None, json.dumps(data)
