"""Where the sources disagree, found on the store and recorded, never blended.

Two kinds, within and across articles:

- statements: claims of opposite polarity (asserts/confirms against denies) about one entity
  record and one topic ("Zaman was the group's spokesman" / "Zaman held no position": topic role),
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
from newsgraph.resolve.events import tolls_fit
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
    named = _named_in_spans(conn)
    persons = {r[0] for r in conn.execute("SELECT id FROM entities WHERE type = 'PERSON'")}
    event_of = dict(conn.execute("SELECT mention_id, event_id FROM event_members").fetchall())
    out = []
    for row in conn.execute("SELECT c.id, c.doc, c.stance, c.data, d.text FROM claim_mentions c "
                            "JOIN documents d ON d.id = c.doc"):
        data = json.loads(row["data"])
        statement = " ".join(row["text"][a:b] for a, b in data["content"])
        about = tuple(dict.fromkeys(owner[x] for x in data["about"] if x in owner))
        topics = {t for t, _ in topics_of(statement)}
        speaker = owner.get(data["speaker"].get("local") or "") or _group_of(named, row["doc"], data["speaker"], owner)
        if row["stance"] == "denies" and "involvement" in topics and speaker:
            about = (speaker,) + tuple(a for a in about if a != speaker)  # "denying involvement": his own
        if not (about and about[0] in persons):
            topics.discard("role")  # a dispute over a role is a dispute about a person
        out.append(Said(row["id"], row["doc"], tuple(data["evidence"]), "neg" if row["stance"] == "denies" else "pos",
                        data["speaker"]["name"], about, event_of.get(data.get("event_mention") or ""),
                        frozenset(topics)))
    return out


def _named_in_spans(conn: sqlite3.Connection) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per document, the spans of its entities' mentions (start, end, local id, type)."""
    out: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for local, doc, type_, data in conn.execute("SELECT id, doc, type, data FROM local_entities"):
        for a, b, _ in json.loads(data)["spans"]:
            out[doc].append((a, b, local, type_))
    return out


def _group_of(named: dict, doc: str, speaker: dict, owner: dict[str, str]) -> str | None:
    """The group a described speaker speaks for: "a spokesman for the X Army" → X Army."""
    span = speaker.get("span")
    if not span:
        return None
    for a, b, local, type_ in named.get(doc, []):
        if span[0] <= a and b <= span[1] and type_ == "ORG" and local in owner:
            return owner[local]
    return None


def _field(topics: frozenset[str]) -> str | None:
    return next((f for f in FIELD_PRIORITY if f in topics), None)


def statement_conflicts(said: list[Said]) -> list[dict]:
    """Opposite claims about one event (occurred) or one entity and topic.

    A claim about an event counts for its occurrence whatever else it names; a claim about an
    entity counts for its main subject across articles and for the other entities it names within
    its article. Whoever denies involvement is answered by those who say the thing happened.
    """
    groups: dict[tuple, dict[str, list[Said]]] = defaultdict(lambda: {"pos": [], "neg": []})
    for s in said:
        field = _field(s.topics)
        denies_part = s.polarity == "neg" and field == "involvement"  # not a denial that it happened
        if s.event and ("occurred" in s.topics or field is None) and not denies_part:
            groups[("event", s.event, "occurred")][s.polarity].append(s)
        if field is None or not s.about:
            continue
        fields = _fields_for(field, s)
        if s.event and field == "occurred":  # its occurrence is the event's; who did it stays open
            fields = [f for f in fields if f != "occurred"]
        for position, entity in enumerate(s.about):
            scopes = [s.doc, None] if position == 0 else [s.doc]  # across articles: the main subject only
            for f in fields:
                for scope in scopes:
                    groups[("entity", entity, f, scope)][s.polarity].append(s)
    merged: dict[tuple, dict[str, dict[str, Said]]] = defaultdict(lambda: {"pos": {}, "neg": {}})
    for (kind, target, field, *_), sides in groups.items():
        if sides["pos"] and sides["neg"]:
            for pol in ("pos", "neg"):
                merged[(kind, target, field)][pol].update({x.id: x for x in sides[pol]})
    return [{"kind": k, "target": t, "field": f, "sides": {p: list(v.values()) for p, v in sides.items()}}
            for (k, t, f), sides in merged.items()]


def _fields_for(field: str, s: Said) -> list[str]:
    """An assertion that something happened also answers a denial of involvement in it."""
    if s.polarity == "pos" and field == "occurred":
        return ["occurred", "involvement"]
    return [field]


def value_conflicts(conn: sqlite3.Connection) -> list[dict]:
    """One event record whose sources give incompatible tolls, other days, or other places."""
    by_event: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute("SELECT m.event_id, e.id, e.doc, e.type, e.date, e.data FROM event_members m "
                            "JOIN event_mentions e ON e.id = m.mention_id"):
        by_event[row["event_id"]].append(row)
    found = []
    for event_id, rows in by_event.items():
        for field, values in _values(rows).items():
            if len(values) > 1 and not (field == "fatalities" and _all_overlap(list(values))):
                found.append({"kind": "event", "target": event_id, "field": field, "values": values})
    return found


def _values(rows: list[sqlite3.Row]) -> dict[str, dict]:
    """Per field, the values the sources give and the mentions giving each."""
    out: dict[str, dict] = {"fatalities": defaultdict(list), "date": defaultdict(list), "location": defaultdict(list)}
    release = any(r["type"] == "release" for r in rows)
    for r in rows:
        data = json.loads(r["data"])
        f = data.get("fatalities")
        if f and (f["min"], f["max"]) != (None, None):
            out["fatalities"][(f["min"], f["max"])].append(r)
        if r["date"] and len(r["date"]) == 10:
            out["date"][r["date"]].append(r)
        loc = data.get("location") or {}
        geo = loc.get("geo") or {}
        if geo.get("kind") in ("city", "village", "facility", "district"):
            out["location"][loc["name"]].append(r)
    if release:
        out["release_date"] = out.pop("date")
    return {k: v for k, v in out.items() if len(v) > 1 and len({r["doc"] for rs in v.values() for r in rs}) > 1}


def _all_overlap(values: list[tuple]) -> bool:
    """Counts that can all be true ("at least 12" and "12") are no dispute."""
    return all(tolls_fit(a, b) for i, a in enumerate(values) for b in values[i + 1:])


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
        sides = [{"position": _show(v), "items": [r["id"] for r in rs],  # the event's by_source entries
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
    items = list(dict.fromkeys(i for side in sides for i in side["items"]))
    data = {"target_kind": c["kind"], "target": c["target"], "items": items, "sides": sides, "docs": docs,
            "summary": summary}
    return cid, c["field"], c["target"] if c["kind"] == "event" else None, json.dumps(data)
