"""Across articles: one entity record per real-world entity, incrementally and explainably.

Each article's entity (a local entity) is compared only with the records that share a blocking
key with it, so resolution never compares all pairs. The keys encode the merge rules:

- people: the same full name (titles and spelling variants folded), or the first two parts of one
  name found inside the other ("Gul Zaman" in "Abu Hamza Qari Gul Zaman"); a one-word name
  never merges across articles, and a name known only as a stated alias never does either (two men
  may share one alias);
- groups and places: the same folded name, the same lexicon entry, or an acronym and the name
  whose initials it is (when some article defined it).

Every attachment records its reason in ``entity_members``. An analyst's split or merge is pinned
in ``entity_overrides`` (kept when the same articles are processed again) and undone by
``unpin``. Ingesting one more article resolves only that article's entities.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

from newsgraph.resolve import names
from newsgraph.store.write import now
from newsgraph.store.db import transaction


@dataclass(frozen=True)
class Local:
    id: str
    type: str
    name: str
    canonical: str | None
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    geonames_id: int | None = None


def own_keys(local: Local) -> set[str]:
    """Keys stored for a record so later articles can find it."""
    keys: set[str] = set()
    group = names.type_group(local.type)
    stated = {names.fold(a) for a in local.aliases}
    longer = [names.tokens(n) for n in local.names if len(names.tokens(n)) > 1]
    for name in local.names:
        toks = names.tokens(name)
        if not toks or " ".join(toks) in stated:
            continue
        if group != "PERSON" and len(toks) == 1 and any(toks[0] in t for t in longer) and not local.canonical:
            continue  # "Taliban" as the short form of "Afghan Taliban" is no key of its own
        if group == "PERSON":
            if len(toks) >= 2:
                keys.add("pf:" + " ".join(toks))
                keys.add("ps:" + " ".join(toks[:2]))
                keys.update("pp:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
        else:
            keys.add(f"{group}:{' '.join(toks)}")
            if names.is_acronym(name):
                keys.add(f"{group}:acr-used:{name.upper()}")
            elif (acr := names.acronym_of(name)) and _acronym_defined(acr, local.names):
                keys.add(f"{group}:acr:{acr}")
    if local.canonical:
        keys.add(f"{group}:lex:{local.canonical}")
    if local.geonames_id:
        keys.add(f"{group}:gid:{local.geonames_id}")
    return keys


def _acronym_defined(acr: str, surfaces: tuple[str, ...]) -> bool:
    return any(names.is_acronym(s) and names.acronym_matches(s, n) for s in surfaces for n in surfaces
               if not names.is_acronym(n)) or any(s.upper() == acr for s in surfaces)


def probe_keys(local: Local) -> dict[str, str]:
    """Keys to look up, each with the rule it stands for."""
    probes: dict[str, str] = {}
    group = names.type_group(local.type)
    for key in own_keys(local):
        kind, _, value = key.partition(":")
        if kind == "pf":
            probes[key] = "same full name"
        elif kind == "ps":
            probes["pp:" + value] = "name begins inside the other's name"
        elif kind == "pp":
            probes["ps:" + value] = "the other's name begins inside this name"
        elif value.startswith("acr-used:"):
            probes[f"{group}:acr:{value.split(':', 1)[1]}"] = "acronym of its name"
        elif value.startswith("lex:"):
            probes[key] = "same lexicon entry"
        elif value.startswith("gid:"):
            probes[key] = "same place in the gazetteer"
        elif not value.startswith("acr"):
            probes[key] = "same name"
    return probes


def pending(conn: sqlite3.Connection) -> list[Local]:
    rows = conn.execute(
        "SELECT l.id, l.type, l.name, l.canonical, l.data FROM local_entities l "
        "LEFT JOIN entity_members m ON m.local_id = l.id WHERE m.local_id IS NULL ORDER BY l.doc, l.id"
    ).fetchall()
    return [_local(r) for r in rows]


def _local(r: sqlite3.Row) -> Local:
    data = json.loads(r["data"])
    gid = (data.get("geo") or {}).get("geonames_id")
    return Local(r["id"], r["type"], r["name"], r["canonical"], tuple(data["names"]),
                 tuple(a["name"] for a in data["aliases"]), gid)


def resolve_pending(conn: sqlite3.Connection) -> int:
    """Attach every unresolved local entity to a record (new or existing); return how many."""
    todo = pending(conn)
    with transaction(conn):
        for local in todo:
            _attach(conn, local)
    return len(todo)


def _attach(conn: sqlite3.Connection, local: Local) -> str:
    pinned = conn.execute("SELECT entity_id, note FROM entity_overrides WHERE local_id = ?", (local.id,)).fetchone()
    if pinned is not None:
        return _join(conn, local, pinned["entity_id"], {"rules": ["set by analyst"], "note": pinned["note"]})
    probes = probe_keys(local)
    hits: dict[str, list[str]] = {}
    if probes:
        marks = ",".join("?" * len(probes))
        for key, entity_id in conn.execute(f"SELECT key, entity_id FROM entity_keys WHERE key IN ({marks})",
                                           list(probes)):
            hits.setdefault(entity_id, []).append(key)
    if hits:
        entity_id = max(hits, key=lambda e: (len(hits[e]), _size(conn, e), e))
        reason = {"rules": sorted({probes[k] for k in hits[entity_id]}), "keys": sorted(hits[entity_id]),
                  "candidates": len(hits)}
    else:
        entity_id = new_entity_id(local.id)
        reason = {"rules": ["new record"], "keys": [], "candidates": 0}
    return _join(conn, local, entity_id, reason)


def new_entity_id(local_id: str) -> str:
    return "e_" + hashlib.sha1(local_id.encode()).hexdigest()[:16]


def _join(conn: sqlite3.Connection, local: Local, entity_id: str, reason: dict) -> str:
    conn.execute("INSERT OR IGNORE INTO entities(id, type, name, geo, created_at) VALUES (?,?,?,?,?)",
                 (entity_id, local.type, local.name, None, now()))
    conn.execute("INSERT INTO entity_members(local_id, entity_id, reason, at) VALUES (?,?,?,?)",
                 (local.id, entity_id, json.dumps(reason), now()))
    conn.executemany("INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES (?,?)",
                     [(k, entity_id) for k in own_keys(local)])
    return entity_id


def split(conn: sqlite3.Connection, local_id: str, note: str | None = None) -> str:
    """Take one article's entity out of its record into a record of its own, and keep it there.

    The choice is pinned in ``entity_overrides`` so re-processing the same articles keeps it;
    ``unpin`` gives the decision back to the rules.
    """
    target = new_entity_id("split:" + local_id)
    _repin(conn, local_id, target, note)
    return target


def merge(conn: sqlite3.Connection, keep: str, other: str, note: str | None = None) -> int:
    """Put every article's entity of record ``other`` into record ``keep`` (pinned); return how many."""
    locals_ = [r[0] for r in conn.execute("SELECT local_id FROM entity_members WHERE entity_id = ?", (other,))]
    for local_id in locals_:
        _repin(conn, local_id, keep, note)
    return len(locals_)


def unpin(conn: sqlite3.Connection, local_id: str) -> str:
    """Undo an analyst's split or merge: the rules decide again where this article's entity goes."""
    with transaction(conn):
        conn.execute("DELETE FROM entity_overrides WHERE local_id = ?", (local_id,))
        _leave(conn, local_id)
    resolve_pending(conn)
    return conn.execute("SELECT entity_id FROM entity_members WHERE local_id = ?", (local_id,)).fetchone()[0]


def _leave(conn: sqlite3.Connection, local_id: str) -> None:
    """Take a member out of its record; the record keeps only its remaining members' keys."""
    row = conn.execute("SELECT entity_id FROM entity_members WHERE local_id = ?", (local_id,)).fetchone()
    conn.execute("DELETE FROM entity_members WHERE local_id = ?", (local_id,))
    if row is not None:
        rebuild_keys(conn, row[0])


def rebuild_keys(conn: sqlite3.Connection, entity_id: str) -> None:
    """Keys of a record = keys of its members; a record left without members is removed."""
    conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity_id,))
    members = [_local(r) for r in conn.execute(
        "SELECT l.id, l.type, l.name, l.canonical, l.data FROM entity_members m JOIN local_entities l "
        "ON l.id = m.local_id WHERE m.entity_id = ?", (entity_id,))]
    if not members:
        conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
        return
    conn.executemany("INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES (?,?)",
                     [(k, entity_id) for m in members for k in own_keys(m)])


def _repin(conn: sqlite3.Connection, local_id: str, entity_id: str, note: str | None) -> None:
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO entity_overrides(local_id, entity_id, note, at) VALUES (?,?,?,?)",
                     (local_id, entity_id, note, now()))
        _leave(conn, local_id)
    resolve_pending(conn)


def _size(conn: sqlite3.Connection, entity_id: str) -> int:
    return conn.execute("SELECT count(*) FROM entity_members WHERE entity_id = ?", (entity_id,)).fetchone()[0]
