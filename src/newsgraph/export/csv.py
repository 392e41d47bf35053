"""CSV tables for spreadsheets and ACLED-style workflows: events.csv, entities.csv, claims.csv,
contradictions.csv and documents.csv in one folder.

events.csv uses ACLED's column names where ACLED has the field, so scripts written for ACLED
data run on it: ``event_type``/``sub_event_type`` (ACLED's categories, mapped from ours,
which stay in ``newsgraph_type``), ``actor1``/``assoc_actor_1``/``actor2``/``assoc_actor_2``,
``time_precision`` and ``geo_precision`` as ACLED codes (1 best, 3 coarsest), ``fatalities``
as the lowest count a source gives (ACLED's rule), with ``fatalities_min``/``fatalities_max``
keeping the range. ``notes`` holds the sentences that state the event, so every row carries
its evidence; ``evidence`` gives their document spans.

Files are UTF-8 with a byte-order mark (Excel then reads the accents right), a header row,
CRLF rows and quotes where a cell needs them, so commas, quotes and line breaks inside a cell
survive. A text cell that would start a formula (= + - @) gets a leading apostrophe, as
spreadsheets expect, so a crafted article cannot run a formula on the analyst's machine.
Lists in a cell are joined with "; ".
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SEP = "; "
ACLED = {  # our type → (ACLED event type, ACLED sub-event type)
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "attack": ("Battles", "Armed clash"),
    "operation": ("Battles", "Armed clash"),
    "killing": ("Violence against civilians", "Attack"),
    "arrest": ("Strategic developments", "Arrests"),
    "capture": ("Strategic developments", "Arrests"),
    "release": ("Strategic developments", "Other"),
    "ceasefire": ("Strategic developments", "Agreement"),
    "ceasefire_end": ("Strategic developments", "Other"),
    "talks": ("Strategic developments", "Agreement"),
    "designation": ("Strategic developments", "Other"),
    "other": ("Strategic developments", "Other"),
}
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}  # ACLED: 1 day, 2 week, 3 month or coarser
GEO_PRECISION = {"facility": 1, "village": 1, "city": 1, "district": 2, "province": 3, "region": 3, "country": 3}

EVENT_COLUMNS = (
    "event_id", "event_date", "year", "time_precision", "date_precision", "event_type", "sub_event_type",
    "newsgraph_type", "status", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "actor1_ids", "actor2_ids",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "location_kind", "geonames_id",
    "fatalities", "fatalities_min", "fatalities_max", "injured_min", "injured_max", "source", "source_count",
    "independent_sources", "documents", "confirmed_by", "denied_by", "notes", "evidence")
ENTITY_COLUMNS = (
    "entity_id", "type", "name", "aliases", "titles", "roles", "affiliated_with", "nationalities", "country",
    "admin1", "latitude", "longitude", "geonames_id", "place_kind", "document_count", "mention_count",
    "documents", "notes", "evidence")
CLAIM_COLUMNS = ("claim_id", "stance", "source", "source_entity", "about", "about_entities", "event_id", "text",
                 "documents", "notes", "evidence")
CONTRADICTION_COLUMNS = ("contradiction_id", "field", "about", "about_entities", "event_id", "summary",
                         "positions", "items", "documents", "notes", "evidence")
DOCUMENT_COLUMNS = ("document_id", "source", "parent", "title", "published", "updated", "outlet", "author",
                    "url", "dateline")


@dataclass(frozen=True)
class Index:
    """What a row needs from other records: entity record names and each document's outlet."""

    names: dict[str, str]
    outlets: dict[str, str]

    @classmethod
    def of(cls, records: Iterable[dict]) -> "Index":
        names, outlets = {}, {}
        for r in records:
            if r["kind"] == "entity":
                names[r["id"]] = r.get("name") or ""
            elif r["kind"] == "document":
                outlets[r["id"]] = r.get("outlet") or r.get("source") or r["id"]
        return cls(names, outlets)

    def name(self, p: dict) -> str:
        """A participant by its record's name ("al-Shabaab", not "fighters"), else as the article says."""
        return self.names.get(p.get("entity") or "", "") or p.get("name") or ""


def _unique(values: Iterable[Any]) -> list:
    return list(dict.fromkeys(v for v in values if v not in (None, "")))


def _notes(evidence: Iterable[dict]) -> list[str]:
    return _unique(" ".join(e["text"].split()) for e in evidence if e)


def _spans(evidence: Iterable[dict]) -> list[str]:
    return _unique(f"{e['doc']}:{e['start']}-{e['end']}" for e in evidence if e)


def event_row(e: dict, index: Index) -> dict[str, Any]:
    """One event as an ACLED-like row (plain values; lists stay lists until written)."""
    date, place = e.get("date") or {}, e.get("location") or {}
    agents, victims = e.get("agents") or [], e.get("victims") or []
    dead, hurt = e.get("fatalities") or {}, e.get("injured") or {}
    evidence = e.get("evidence") or []
    docs = _unique(ev["doc"] for ev in evidence) or _unique(s.get("doc") for s in e.get("by_source") or ())
    corroboration = e.get("corroboration") or {}
    acled = ACLED.get(e.get("type"), ACLED["other"])
    has_point = place.get("lat") is not None and place.get("lon") is not None
    return {
        "event_id": e["id"], "event_date": date.get("value"), "year": int(date["value"][:4]) if date else None,
        "time_precision": TIME_PRECISION.get(date.get("precision")), "date_precision": date.get("precision"),
        "event_type": acled[0], "sub_event_type": acled[1], "newsgraph_type": e.get("type"),
        "status": e.get("status"),
        "actor1": index.name(agents[0]) if agents else None,
        "assoc_actor_1": _unique(index.name(p) for p in agents[1:]),
        "actor2": index.name(victims[0]) if victims else None,
        "assoc_actor_2": _unique(index.name(p) for p in victims[1:]),
        "actor1_ids": _unique(p.get("entity") for p in agents), "actor2_ids": _unique(p.get("entity") for p in victims),
        "country": place.get("country"), "admin1": place.get("admin1"), "location": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("kind"), 2) if has_point else None,
        "location_kind": place.get("kind"), "geonames_id": place.get("geonames_id"),
        "fatalities": dead.get("min"), "fatalities_min": dead.get("min"), "fatalities_max": dead.get("max"),
        "injured_min": hurt.get("min"), "injured_max": hurt.get("max"),
        "source": _unique(index.outlets.get(d, d) for d in docs),
        "source_count": corroboration.get("documents", len(docs)),
        "independent_sources": corroboration.get("independent"),
        "documents": docs, "confirmed_by": e.get("confirmed_by") or [], "denied_by": e.get("denied_by") or [],
        "notes": _notes(evidence), "evidence": _spans(evidence),
    }


def entity_row(e: dict, index: Index) -> dict[str, Any]:
    """One entity with its names, roles (each with the sentence that states it) and place."""
    geo, mentions, affiliations = e.get("geo") or {}, e.get("mentions") or [], e.get("affiliations") or []
    roles = [" of ".join(filter(None, [a.get("role") or "member", a.get("org_name") or index.names.get(a.get("org") or "")]))
             for a in affiliations if a.get("role") or a.get("org_name") or a.get("org")]
    stated = [a.get("evidence") for a in affiliations] + list(e.get("alias_evidence") or [])
    return {
        "entity_id": e["id"], "type": e.get("type"), "name": e.get("name"), "aliases": list(e.get("aliases") or []),
        "titles": list(e.get("titles") or []), "roles": _unique(roles),
        "affiliated_with": _unique(a.get("org") for a in affiliations),
        "nationalities": list(e.get("nationalities") or []), "country": geo.get("country"),
        "admin1": geo.get("admin1"), "latitude": geo.get("lat"), "longitude": geo.get("lon"),
        "geonames_id": geo.get("geonames_id"), "place_kind": geo.get("kind"),
        "document_count": len({m["doc"] for m in mentions}), "mention_count": len(mentions),
        "documents": _unique(m["doc"] for m in mentions), "notes": _notes(stated), "evidence": _spans(stated),
    }


def claim_row(c: dict, index: Index) -> dict[str, Any]:
    evidence, source = c.get("evidence") or [], c.get("source") or {}
    return {
        "claim_id": c["id"], "stance": c.get("stance"), "source": source.get("name"),
        "source_entity": source.get("entity"), "about": _unique(index.name(p) for p in c.get("about") or ()),
        "about_entities": _unique(p.get("entity") for p in c.get("about") or ()), "event_id": c.get("event"),
        "text": c.get("text"), "documents": _unique(e["doc"] for e in evidence), "notes": _notes(evidence),
        "evidence": _spans(evidence),
    }


def contradiction_row(x: dict, index: Index) -> dict[str, Any]:
    sides = x.get("sides") or []
    evidence = [ev for side in sides for ev in side.get("evidence") or ()]
    return {
        "contradiction_id": x["id"], "field": x.get("field"),
        "about": _unique(index.name(p) for p in x.get("about") or ()),
        "about_entities": _unique(p.get("entity") for p in x.get("about") or ()), "event_id": x.get("event"),
        "summary": x.get("summary"),
        "positions": [f"{s.get('position')}: {', '.join(s.get('items') or ())}" for s in sides],
        "items": list(x.get("items") or []), "documents": list(x.get("docs") or []), "notes": _notes(evidence),
        "evidence": _spans(evidence),
    }


def document_row(d: dict, index: Index) -> dict[str, Any]:
    return {"document_id": d["id"], **{k: d.get(k) for k in DOCUMENT_COLUMNS[1:]}}


TABLES: dict[str, tuple[str, tuple[str, ...], Callable[[dict, Index], dict[str, Any]]]] = {
    "event": ("events.csv", EVENT_COLUMNS, event_row),
    "entity": ("entities.csv", ENTITY_COLUMNS, entity_row),
    "claim": ("claims.csv", CLAIM_COLUMNS, claim_row),
    "contradiction": ("contradictions.csv", CONTRADICTION_COLUMNS, contradiction_row),
    "document": ("documents.csv", DOCUMENT_COLUMNS, document_row),
}


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: lists joined, formulas defused, numbers left as numbers."""
    if isinstance(value, list):
        value = SEP.join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_table(rows: Iterable[dict], kind: str, index: Index, out: IO[str]) -> int:
    """One table (header and a row per record of ``kind``) to an open text stream."""
    _, columns, row = TABLES[kind]
    writer = csv.writer(out, dialect="excel", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    n = 0
    for record in rows:
        if record["kind"] == kind:
            values = row(record, index)
            writer.writerow([cell(values[c]) for c in columns])
            n += 1
    return n


def write_folder(records: Iterable[dict], folder: str | Path) -> dict[str, int]:
    """Every table into ``folder`` (created if needed); rows written per file."""
    rows = list(records)
    index = Index.of(rows)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind, (name, _, _) in TABLES.items():
        with open(target / name, "w", encoding="utf-8-sig", newline="") as out:
            written[name] = write_table(rows, kind, index, out)
    return written


def write(records: Iterable[dict], out: IO[str]) -> dict[str, int]:
    """events.csv alone, to a stream (standard output): the other tables need a folder."""
    rows = list(records)
    if out is sys.stdout and hasattr(out, "reconfigure"):
        out.reconfigure(newline="")  # the csv module writes CRLF itself
    return {"events.csv": write_table(rows, "event", Index.of(rows), out)}
