"""Writing: one transaction per document, so an interrupted batch leaves a consistent file."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.records import Rejection
from newsgraph.store.db import transaction

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.document.claims import ClaimMention
    from newsgraph.document.events import Arg, EventMention
    from newsgraph.records import Document, Evidence, Range
    from newsgraph.document.clusters import LocalEntity
    from newsgraph.pipeline import Analysed


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def known_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of these document ids are stored already (re-ingest is a no-op)."""
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        marks = ",".join("?" * len(part))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", part))
    return found


def save_analysed(conn: sqlite3.Connection, analysed: "Analysed") -> bool:
    """Store one analysed document and everything found in it; False if it was already there."""
    with transaction(conn):
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (analysed.document.id,)).fetchone():
            return False
        _insert_document(conn, analysed.document)
        _insert_findings(conn, analysed)
    return True


def _insert_document(conn: sqlite3.Connection, doc: "Document") -> None:
    stamp = now()
    source_id = "s_" + (doc.raw_hash or doc.id)[:20]
    conn.execute(
        "INSERT OR IGNORE INTO sources(id, name, raw_hash, encoding, markup, ingested_at) VALUES (?,?,?,?,?,?)",
        (source_id, doc.source, doc.raw_hash or "", doc.encoding, doc.markup, stamp),
    )
    conn.execute(
        "INSERT INTO documents(id, source_id, source, idx, title, published, updated, author, outlet, url,"
        " dateline, text, evidence, words, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc.id, source_id, doc.source, doc.index, doc.title, doc.published, doc.updated, doc.author, doc.outlet,
         doc.url, doc.dateline, doc.text, json.dumps({k: [e.start, e.end] for k, e in doc.evidence.items()}),
         len(doc.text.split()), stamp),
    )


def _insert_findings(conn: sqlite3.Connection, analysed: "Analysed") -> None:
    """Sentences, mentions, the article's entities, claims and event mentions."""
    doc = analysed.document
    conn.executemany("INSERT INTO sentences(doc, start, end) VALUES (?,?,?)",
                     [(doc.id, s, e) for s, e in analysed.sentences])
    conn.executemany(
        "INSERT OR IGNORE INTO mentions(id, doc, start, end, text, label, title) VALUES (?,?,?,?,?,?,?)",
        [(m.id, m.doc, m.start, m.end, m.text, m.label, m.title) for m in analysed.mentions],
    )
    conn.executemany(
        "INSERT INTO local_entities(id, doc, type, name, canonical, data) VALUES (?,?,?,?,?,?)",
        [(e.id, e.doc, e.type, e.name, e.canonical, json.dumps(local_entity_data(e, doc.text)))
         for e in analysed.entities],
    )
    owner = {m: e.id for e in analysed.entities for m in e.mentions}
    conn.executemany("INSERT INTO claim_mentions(id, doc, stance, data) VALUES (?,?,?,?)",
                     [(c.id, c.doc, c.stance, json.dumps(claim_data(c, owner, analysed.claim_events)))
                      for c in analysed.claims])
    geo = {e.id: e.geo for e in analysed.entities if e.geo}
    conn.executemany("INSERT INTO event_mentions(id, doc, type, date, data) VALUES (?,?,?,?,?)",
                     [(v.id, v.doc, v.type, v.date.value if v.date else None,
                       json.dumps(event_data(v, owner, geo))) for v in analysed.events])


def claim_data(c: "ClaimMention", owner: dict[str, str], events: dict[str, str]) -> dict:
    """A claim as stored: spans in the document, speaker and subjects as the article's entities."""
    sp = c.speaker
    return {
        "speaker": {"name": sp.name, "kind": sp.kind, "span": [sp.start, sp.end] if sp.start is not None else None,
                    "local": owner.get(sp.mention or "")},
        "cue": c.cue, "cue_span": [c.cue_start, c.cue_end], "content": [list(s) for s in c.text_spans],
        "evidence": [c.evidence.start, c.evidence.end], "negated": c.negated,
        "about": list(dict.fromkeys(owner[m] for m in c.about if m in owner)),
        "event_mention": events.get(c.id),
    }


def local_entity_data(e: "LocalEntity", text: str) -> dict:
    """What the resolver and the export need of one article's entity, with evidence spans."""
    return {
        "names": list(e.names), "titles": list(e.titles), "mentions": list(e.mentions),
        "spans": [[a, b, text[a:b]] for a, b in e.spans],
        "aliases": [{"name": a.name, "evidence": [a.evidence.start, a.evidence.end] if a.evidence else None}
                    for a in e.aliases],
        "affiliations": list(e.affiliations),
        "geo": e.geo,
    }


def log_rejection(conn: sqlite3.Connection, rejection: Rejection) -> None:
    with conn:
        conn.execute("INSERT INTO rejections(input, line, reason, at) VALUES (?,?,?,?)",
                     (rejection.input, rejection.line, rejection.reason, now()))


def _span(ev: "Evidence | None") -> list[int] | None:
    return [ev.start, ev.end] if ev is not None else None


def _count(r: "Range | None") -> dict | None:
    return {"min": r.min, "max": r.max, "evidence": _span(r.evidence)} if r is not None else None


def event_data(v: "EventMention", owner: dict[str, str], geo: dict[str, dict]) -> dict:
    """An event mention as stored: spans in the document, participants and place as the article's entities."""
    def arg(a: "Arg") -> dict:
        local = owner.get(a.mention or "")
        out = {"name": a.name, "span": [a.start, a.end], "local": local}
        if local is None and (country := state_actor(a.name)):
            out["country"] = country
        return out

    location = None
    if v.location is not None:
        location = arg(v.location)
        location["geo"] = geo.get(location["local"] or "")
    return {
        "trigger": arg(v.trigger), "evidence": _span(v.evidence),
        "date": {"value": v.date.value, "precision": v.date.precision, "evidence": _span(v.date.evidence)}
        if v.date else None,
        "location": location, "agents": [arg(a) for a in v.agents], "victims": [arg(a) for a in v.victims],
        "fatalities": _count(v.fatalities), "injured": _count(v.injured),
        "killed_by_side": [[side, _count(r)] for side, r in v.killed_by_side],
        "weapons": list(v.weapons), "status": v.status, "background": v.background,
    }


def state_actor(name: str) -> dict | None:
    """ "Pakistani forces" → Pakistan: a state's forces or authorities, recorded as the state."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in ("the", "a"):
        words = words[1:]
    if len(words) < 2 or not words[0][:1].isupper() or " ".join(words[1:]).lower() not in _state_nouns():
        return None
    from newsgraph import geo

    place = geo.geocode_names([words[0]])[0]
    if place is None or place.kind != "country":
        return None
    return {"name": place.name, "geonames_id": place.geonames_id, "country": place.country}


@lru_cache(maxsize=1)
def _state_nouns() -> frozenset[str]:
    text = (resources.files("newsgraph") / "data" / "lexicons" / "state_actors.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
