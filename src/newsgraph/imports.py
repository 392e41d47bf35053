"""Loading a kb-export JSONL file into a knowledge base, so an export can be shared and re-read.

Documents go into the document tables like ingested ones. The export does not carry article
texts, so an imported document's text is what the file quotes of it: every evidence span at
its own offset, blanks between. Spans stay valid, and search finds the quoted sentences.
Entity, event, claim and contradiction records are kept as they came (``imported_records``)
and exported after the live ones. They are not re-resolved against live records, so
export → import → export gives the same records.

The ``*_record`` functions turn export dicts back into the frozen records of ``records.py``,
so the Python API can return imported and live records alike.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.records import (EXPORT_VERSION, Affiliation, Alias, Claim, Contradiction, DateValue, Entity,
                               Event, Evidence, Participant, Range)
from newsgraph.store.db import transaction
from newsgraph.store.write import now

KINDS = ("document", "entity", "event", "claim", "contradiction")
PLURAL = {"document": "documents", "entity": "entities", "event": "events", "claim": "claims",
          "contradiction": "contradictions"}


class ImportFileError(ValueError):
    """A file that is not a kb-export JSONL file this version reads; the message names the line."""


@dataclass
class ImportSummary:
    added: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # already in the knowledge base (same id)

    def __str__(self) -> str:
        def show(c: Counter) -> str:
            return ", ".join(f"{c[k]} {k if c[k] == 1 else PLURAL[k]}" for k in KINDS if c[k]) or "nothing"

        return f"imported {show(self.added)}" + (f"; skipped {show(self.skipped)} already there" if self.skipped else "")


def read_lines(lines: Iterable[str], source: str = "<input>") -> list[dict[str, Any]]:
    """Parse and check every line first, so a bad file changes nothing."""
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{source}:{number}: malformed JSON: {exc.msg}") from exc
        problem = _problem(record)
        if problem:
            raise ImportFileError(f"{source}:{number}: {problem}")
        out.append(record)
    return out


def _problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    kind = record.get("kind")
    if kind == "meta":
        if record.get("format") != "kb-export" or record.get("version") != EXPORT_VERSION:
            return (f"not a kb-export file of version {EXPORT_VERSION} "
                    f"(format {record.get('format')!r}, version {record.get('version')!r})")
        return None
    if kind not in KINDS:
        return f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})"
    if not isinstance(record.get("id"), str) or not record["id"]:
        return f"{kind} record without an id"
    if kind == "document" and not isinstance(record.get("source"), str):
        return f"document {record['id']} without a source"
    return None


def load(conn: sqlite3.Connection, records: list[dict[str, Any]]) -> ImportSummary:
    """Store checked records in one transaction; records whose id is already there are skipped."""
    summary = ImportSummary()
    texts = quoted_texts(records)
    with transaction(conn):
        live = _live_ids(conn)
        for record in records:
            kind = record["kind"]
            if kind == "meta":
                continue
            if kind == "document":
                added = _document(conn, record, texts.get(record["id"], ""))
            else:
                added = record["id"] not in live[kind] and conn.execute(
                    "INSERT OR IGNORE INTO imported_records(kind, id, data) VALUES (?,?,?)",
                    (kind, record["id"], json.dumps(record, ensure_ascii=False))).rowcount == 1
            (summary.added if added else summary.skipped)[kind] += 1
    return summary


def import_jsonl(conn: sqlite3.Connection, lines: Iterable[str], source: str = "<input>") -> ImportSummary:
    return load(conn, read_lines(lines, source))


def _live_ids(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Ids of the records the knowledge base computes itself (an import never shadows them)."""
    from newsgraph.store import claims

    return {"entity": {r[0] for r in conn.execute("SELECT id FROM entities")},
            "event": {r[0] for r in conn.execute("SELECT id FROM events")},
            "claim": set(claims.record_ids(conn).values()),
            "contradiction": {r[0] for r in conn.execute("SELECT id FROM contradictions")}}


def _document(conn: sqlite3.Connection, doc: dict, text: str) -> bool:
    """A document row like an ingested one; ``parent`` becomes the source its siblings share."""
    if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc["id"],)).fetchone():
        return False
    stamp = now()
    source_id = doc.get("parent") or f"s_{doc['id']}"
    conn.execute("INSERT OR IGNORE INTO sources(id, name, raw_hash, encoding, markup, ingested_at) "
                 "VALUES (?,?,?,?,?,?)", (source_id, doc["source"], "", None, None, stamp))
    conn.execute(
        "INSERT INTO documents(id, source_id, source, idx, title, published, updated, author, outlet, url,"
        " dateline, text, evidence, words, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc["id"], source_id, doc["source"], doc.get("index") or 0, doc.get("title"), doc.get("published"),
         doc.get("updated"), doc.get("author"), doc.get("outlet"), doc.get("url"), doc.get("dateline"),
         text, "{}", len(text.split()), stamp))
    return True


def quoted_texts(records: Iterable[dict]) -> dict[str, str]:
    """Each document's text as far as the records quote it: every span at its offset, blanks between."""
    spans: dict[str, list[dict]] = {}
    for record in records:
        for span in evidence_spans(record):
            spans.setdefault(span["doc"], []).append(span)
    texts = {}
    for doc, found in spans.items():
        chars = [" "] * max(s["end"] for s in found)
        for s in found:
            if len(s["text"]) == s["end"] - s["start"]:
                chars[s["start"]:s["end"]] = s["text"]
        texts[doc] = "".join(chars)
    return texts


def evidence_spans(value: Any) -> Iterator[dict]:
    """Every ``{doc, start, end, text}`` object inside a record, at any depth."""
    if isinstance(value, dict):
        if {"doc", "start", "end", "text"} <= value.keys() and isinstance(value["text"], str) \
                and isinstance(value["start"], int) and isinstance(value["end"], int) and value["start"] >= 0:
            yield value
        for v in value.values():
            yield from evidence_spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from evidence_spans(v)


def stored(conn: sqlite3.Connection, kind: str, skip: set[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """Imported records of one kind, in the order they came, but for ids in ``skip`` (live ones)."""
    for rid, data in conn.execute("SELECT id, data FROM imported_records WHERE kind = ? ORDER BY rowid", (kind,)):
        if rid not in skip:
            yield json.loads(data)


# --------------------------------------------------------------------------- export dicts → records

def _evidence(d: dict | None) -> Evidence | None:
    return Evidence(d["doc"], d["start"], d["end"], d["text"]) if d else None


def _people(items: list[dict] | None) -> tuple[Participant, ...]:
    return tuple(Participant(p.get("entity"), p.get("name") or "") for p in items or ())


def _range(d: dict | None) -> Range | None:
    return Range(d.get("min"), d.get("max")) if d else None


def entity_record(d: dict) -> Entity:
    said = d.get("alias_evidence") or [None] * len(d.get("aliases") or ())
    return Entity(
        id=d["id"], type=d["type"], name=d["name"],
        aliases=tuple(Alias(name, _evidence(ev)) for name, ev in zip(d.get("aliases") or (), said)),
        affiliations=tuple(Affiliation(a.get("org"), a.get("org_name") or "", a.get("role"),
                                       _evidence(a.get("evidence")), a.get("nationality"))
                           for a in d.get("affiliations") or ()),
        mentions=tuple(_evidence(m) for m in d.get("mentions") or ()), geo=d.get("geo"),
        titles=tuple(d.get("titles") or ()))


def event_record(d: dict) -> Event:
    date = d.get("date")
    return Event(
        id=d["id"], type=d["type"], date=DateValue(date["value"], date["precision"]) if date else None,
        location=d.get("location"), agents=_people(d.get("agents")), victims=_people(d.get("victims")),
        fatalities=_range(d.get("fatalities")), injured=_range(d.get("injured")),
        status=d.get("status") or "reported", evidence=tuple(_evidence(e) for e in d.get("evidence") or ()))


def claim_record(d: dict) -> Claim:
    source = d.get("source") or {}
    return Claim(d["id"], Participant(source.get("entity"), source.get("name") or ""), d["stance"],
                 _people(d.get("about")), d.get("event"), d.get("text") or "",
                 tuple(_evidence(e) for e in d.get("evidence") or ()), tuple(d.get("statements") or ()))


def contradiction_record(d: dict) -> Contradiction:
    return Contradiction(d["id"], d["field"], _people(d.get("about")), tuple(d.get("items") or ()),
                         tuple(d.get("docs") or ()), d.get("event"), d.get("summary") or "",
                         tuple(d.get("sides") or ()))


TO_RECORD = {"entity": entity_record, "event": event_record, "claim": claim_record,
             "contradiction": contradiction_record}
