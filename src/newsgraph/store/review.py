"""An analyst's review: verdicts, edited values, merges and splits, each kept in an audit log.

Why an overlay: records are recomputed from the articles (``store/entities``, ``store/events``,
``store/claims``), so an analyst's decision is stored beside them, keyed by record id, and
applied when a record is read (``overlay_*``). Processing the same articles again keeps the
ids and therefore the decisions. Entity merges and splits are pinned in ``entity_overrides``
(``resolve/entities``), so the rules keep them too. Every change writes one ``audit_log`` row
(who, when, what it was, what it became, why) and can be undone from that row.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from newsgraph.records import Claim, DateValue, Entity, Event, Range
from newsgraph.resolve import entities as resolver
from newsgraph.store.db import transaction
from newsgraph.store.write import now

VERDICTS = {"confirm": "confirmed", "reject": "rejected"}
EDITABLE = {"event": ("type", "date", "fatalities", "injured", "status", "place"),
            "entity": ("name", "type"), "claim": ("stance", "text")}


class ReviewError(ValueError):
    """A change that cannot be made (unknown record, field, or an audit entry already undone)."""


def _log(conn: sqlite3.Connection, who: str, action: str, target: str, before: Any, after: Any,
         note: str | None) -> int:
    cur = conn.execute("INSERT INTO audit_log(at, who, action, target, before, after, note) VALUES (?,?,?,?,?,?,?)",
                       (now(), who, action, target, json.dumps(before), json.dumps(after), note))
    return int(cur.lastrowid)


def kind_of(record_id: str) -> str:
    """Record ids carry their kind: e_ entity, v_ event, c_ claim."""
    kinds = {"e_": "entity", "v_": "event", "c_": "claim"}
    if record_id[:2] not in kinds:
        raise ReviewError(f"not an entity, event or claim id: {record_id!r}")
    return kinds[record_id[:2]]


def set_verdict(conn: sqlite3.Connection, target: str, action: str, note: str | None, who: str) -> int:
    """Confirm or reject an event or claim record; return the audit entry's id."""
    kind = kind_of(target)
    if kind == "entity" or action not in VERDICTS:
        raise ReviewError("only events and claims are confirmed or rejected")
    with transaction(conn):
        before = _row(conn, "SELECT verdict, note, at FROM reviews WHERE target = ?", target)
        after = {"verdict": VERDICTS[action], "note": note, "at": now()}
        conn.execute("INSERT OR REPLACE INTO reviews(target, kind, verdict, note, at) VALUES (?,?,?,?,?)",
                     (target, kind, after["verdict"], note, after["at"]))
        return _log(conn, who, action, target, before, after, note)


def edit_value(conn: sqlite3.Connection, target: str, field: str, value: Any, note: str | None, who: str) -> int:
    """Replace one value of a record as the analyst reads the sources; return the audit entry's id."""
    kind = kind_of(target)
    if field not in EDITABLE[kind]:
        raise ReviewError(f"{kind} field {field!r} cannot be edited; one of {', '.join(EDITABLE[kind])}")
    with transaction(conn):
        before = _row(conn, "SELECT value, note, at FROM value_edits WHERE target = ? AND field = ?", target, field)
        after = {"field": field, "value": json.dumps(value), "note": note, "at": now()}
        conn.execute("INSERT OR REPLACE INTO value_edits(target, field, value, note, at) VALUES (?,?,?,?,?)",
                     (target, field, after["value"], note, after["at"]))
        return _log(conn, who, "edit", target, {"field": field, "row": before}, after, note)


def merge(conn: sqlite3.Connection, keep: str, other: str, note: str | None, who: str) -> int:
    """Put entity ``other`` into ``keep``; the audit entry remembers where each member was."""
    if keep == other:
        raise ReviewError("cannot merge an entity with itself")
    moved = _members(conn, other)
    if not moved or not _members(conn, keep):
        raise ReviewError(f"no such entity: {other if not moved else keep}")
    resolver.merge(conn, keep, other, note)
    with transaction(conn):
        return _log(conn, who, "merge", keep, {"other": other, "members": moved}, {"entity": keep}, note)


def split(conn: sqlite3.Connection, local_id: str, note: str | None, who: str) -> int:
    """Take one article's entity out of its record (a wrong merge); audited and undoable."""
    was = _row(conn, "SELECT entity_id FROM entity_members WHERE local_id = ?", local_id)
    if was is None:
        raise ReviewError(f"no such article entity: {local_id}")
    before = {"members": [_member(conn, local_id)]}
    target = resolver.split(conn, local_id, note)
    with transaction(conn):
        return _log(conn, who, "split", was["entity_id"], before, {"entity": target, "local": local_id}, note)


def _members(conn: sqlite3.Connection, entity_id: str) -> list[dict]:
    return [_member(conn, r[0]) for r in
            conn.execute("SELECT local_id FROM entity_members WHERE entity_id = ? ORDER BY local_id", (entity_id,))]


def _member(conn: sqlite3.Connection, local_id: str) -> dict:
    """Where an article's entity is, and whether an analyst had pinned it there."""
    entity = conn.execute("SELECT entity_id FROM entity_members WHERE local_id = ?", (local_id,)).fetchone()
    pin = _row(conn, "SELECT entity_id, note FROM entity_overrides WHERE local_id = ?", local_id)
    return {"local": local_id, "entity": entity[0] if entity else None, "pin": pin}


def _row(conn: sqlite3.Connection, sql: str, *args: Any) -> dict | None:
    row = conn.execute(sql, args).fetchone()
    return dict(row) if row else None


def undo(conn: sqlite3.Connection, audit_id: int, note: str | None, who: str) -> int:
    """Put back what an audit entry changed, mark it undone and log the undo; return the new entry."""
    row = _row(conn, "SELECT * FROM audit_log WHERE id = ?", audit_id)
    if row is None:
        raise ReviewError(f"no audit entry {audit_id}")
    if row["undone_at"] or row["action"] == "undo":
        raise ReviewError(f"audit entry {audit_id} cannot be undone (already undone, or an undo)")
    before = json.loads(row["before"]) if row["before"] else None
    if row["action"] in ("merge", "split"):
        _restore_members(conn, before["members"])
    with transaction(conn):
        if row["action"] in VERDICTS:
            conn.execute("DELETE FROM reviews WHERE target = ?", (row["target"],))
            if before:
                conn.execute("INSERT INTO reviews(target, kind, verdict, note, at) VALUES (?,?,?,?,?)",
                             (row["target"], kind_of(row["target"]), before["verdict"], before["note"], before["at"]))
        elif row["action"] == "edit":
            _restore_edit(conn, row["target"], before)
        conn.execute("UPDATE audit_log SET undone_at = ? WHERE id = ?", (now(), audit_id))
        return _log(conn, who, "undo", row["target"], {"entry": audit_id, "action": row["action"]}, None, note)


def _restore_edit(conn: sqlite3.Connection, target: str, before: dict) -> None:
    conn.execute("DELETE FROM value_edits WHERE target = ? AND field = ?", (target, before["field"]))
    old = before["row"]
    if old:
        conn.execute("INSERT INTO value_edits(target, field, value, note, at) VALUES (?,?,?,?,?)",
                     (target, before["field"], old["value"], old["note"], old["at"]))


def _restore_members(conn: sqlite3.Connection, members: list[dict]) -> None:
    """Each article's entity back in its former record, pinned only if it was pinned before."""
    for m in members:
        if m["entity"] is None:
            continue
        resolver._repin(conn, m["local"], m["entity"], (m["pin"] or {}).get("note"))  # the resolver's own move
        if m["pin"] is None:
            with transaction(conn):
                conn.execute("DELETE FROM entity_overrides WHERE local_id = ?", (m["local"],))


def history(conn: sqlite3.Connection, target: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """The audit log, newest first (optionally for one record)."""
    where, args = ("WHERE target = ?", [target]) if target else ("", [])
    rows = conn.execute(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ? OFFSET ?", (*args, limit, offset))
    return [{**dict(r), "before": json.loads(r["before"] or "null"), "after": json.loads(r["after"] or "null")}
            for r in rows]


def history_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


# --------------------------------------------------------------------------- applying the review on read

class Overlay:
    """The verdicts and edited values, read once per request and applied to records as they are read."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.verdicts = {r["target"]: dict(r) for r in conn.execute("SELECT * FROM reviews")}
        self.edits: dict[str, dict[str, Any]] = {}
        for r in conn.execute("SELECT target, field, value, note FROM value_edits"):
            self.edits.setdefault(r["target"], {})[r["field"]] = json.loads(r["value"])

    def review(self, record_id: str) -> dict | None:
        """The verdict and the edited fields of a record, to show beside it."""
        verdict = self.verdicts.get(record_id)
        edits = self.edits.get(record_id)
        if not verdict and not edits:
            return None
        return {"verdict": verdict["verdict"] if verdict else None, "note": verdict["note"] if verdict else None,
                "edited": sorted(edits or {})}

    def event(self, event: Event) -> Event:
        e = self.edits.get(event.id, {})
        changes: dict[str, Any] = {k: e[k] for k in ("type", "status") if k in e}
        if "date" in e:
            changes["date"] = DateValue(str(e["date"]), _precision(str(e["date"])))
        for key in ("fatalities", "injured"):
            if key in e:
                changes[key] = _count(e[key])
        if "place" in e:
            changes["location"] = {**(event.location or {}), "name": str(e["place"])}
        return replace(event, **changes) if changes else event

    def entity(self, entity: Entity) -> Entity:
        e = self.edits.get(entity.id, {})
        return replace(entity, **{k: str(e[k]) for k in ("name", "type") if k in e}) if e else entity

    def claim(self, claim: Claim) -> Claim:
        e = self.edits.get(claim.id, {})
        return replace(claim, **{k: str(e[k]) for k in ("stance", "text") if k in e}) if e else claim


def _precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")


def _count(value: Any) -> Range | None:
    """An edited count: a number, or {"min": .., "max": ..}."""
    if value is None:
        return None
    if isinstance(value, dict):
        return Range(value.get("min"), value.get("max"))
    return Range(int(value), int(value))
