"""Which part of the knowledge base an export holds: types, a date range, a country, an entity.

Filters work on kb-export records (the dicts of ``export/jsonl.records``), the one form every
format reads, so a filtered export is the same slice in every format and imported records
filter like live ones. Events are chosen by their own values; claims, contradictions, entities
and documents follow the events (and the entity) they are about, so a slice keeps the people,
places and documents that stand behind what it holds.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.records import ENTITY_TYPES, EVENT_TYPES

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FilterError(ValueError):
    """A filter value that cannot be used; the message says what is accepted."""


@dataclass(frozen=True)
class Filter:
    types: frozenset[str] = frozenset()  # event types (bombing …) and/or entity types (PERSON …)
    since: str | None = None  # ISO prefix date: events whose date reaches this day or later
    until: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, as the event's place gives it
    entity: str | None = None  # entity record id, or a name or alias of one

    @classmethod
    def make(cls, types: Iterable[str] | str | None = (), since: str | None = None, until: str | None = None,
             country: str | None = None, entity: str | None = None) -> "Filter":
        """Checked values (so a typo is an error, not an empty export)."""
        given = [types] if isinstance(types, str) else list(types or ())
        clean = set()
        for t in given:
            if t.upper() in ENTITY_TYPES:
                clean.add(t.upper())
            elif t.lower() in EVENT_TYPES:
                clean.add(t.lower())
            else:
                raise FilterError(f"unknown type {t!r}: use an event type ({', '.join(EVENT_TYPES)}) "
                                  f"or an entity type ({', '.join(ENTITY_TYPES)})")
        for name, value in (("since", since), ("until", until)):
            if value is not None and not _DATE.match(value):
                raise FilterError(f"--{name} {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
        if country is not None and not re.fullmatch(r"[A-Za-z]{2}", country):
            raise FilterError(f"--country {country!r}: give a two-letter ISO 3166 code, e.g. PK")
        return cls(frozenset(clean), since, until, country.upper() if country else None, entity or None)

    @property
    def event_types(self) -> frozenset[str]:
        return frozenset(t for t in self.types if t in EVENT_TYPES)

    @property
    def entity_types(self) -> frozenset[str]:
        return frozenset(t for t in self.types if t in ENTITY_TYPES)

    def narrows_events(self) -> bool:
        return bool(self.event_types or self.since or self.until or self.country or self.entity)

    def __bool__(self) -> bool:
        return bool(self.types or self.narrows_events())


def select(records: Iterable[dict[str, Any]], flt: Filter) -> list[dict[str, Any]]:
    """The records the filter keeps, in their order; every record when the filter is empty."""
    rows = list(records)
    if not flt:
        return rows
    kinds: dict[str, list[dict]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    entities = kinds.get("entity", [])
    chosen = entity_ids(entities, flt.entity) if flt.entity else set()
    published = {d["id"]: d.get("published") for d in kinds.get("document", [])}
    events = [e for e in kinds.get("event", []) if _event_kept(e, flt, chosen)]
    event_ids = {e["id"] for e in events}
    claim_ids = {c["id"] for c in kinds.get("claim", []) if _follows(c, flt, chosen, event_ids, published)}
    contradictions = [x for x in kinds.get("contradiction", [])
                      if _follows(x, flt, chosen, event_ids, published) or claim_ids & set(x.get("items") or ())]
    claim_ids |= {i for x in contradictions for i in x.get("items") or ()}  # a dispute keeps both its sides
    claims = [c for c in kinds.get("claim", []) if c["id"] in claim_ids]
    kept_entities = _entities(entities, flt, chosen, events + claims + contradictions)
    kept = {id(r) for r in events + claims + contradictions + kept_entities}
    docs = {d for r in events + claims + contradictions + kept_entities for d in documents_of(r)}
    return [r for r in rows if id(r) in kept or r["kind"] == "meta"
            or (r["kind"] == "document" and r["id"] in docs)]


def entity_ids(entities: list[dict], wanted: str) -> set[str]:
    """Records with this id, or with this name or alias (case, accents and punctuation aside)."""
    from newsgraph.resolve.names import fold

    if any(e["id"] == wanted for e in entities):
        return {wanted}
    key = fold(wanted)
    found = {e["id"] for e in entities if key in {fold(n) for n in [e.get("name") or "", *(e.get("aliases") or [])]}}
    if not found:
        raise FilterError(f"no entity record has the id, name or alias {wanted!r}")
    return found


def _event_kept(event: dict, flt: Filter, chosen: set[str]) -> bool:
    if flt.event_types and event.get("type") not in flt.event_types:
        return False
    value = (event.get("date") or {}).get("value")
    if not _in_range(value, flt):
        return False
    if flt.country and ((event.get("location") or {}).get("country") or "").upper() != flt.country:
        return False
    return not chosen or bool(chosen & set(participants(event)))


def _in_range(value: str | None, flt: Filter) -> bool:
    """Whether a prefix date (a day, month or year) reaches into the filter's range."""
    if not (flt.since or flt.until):
        return True
    if not value:
        return False
    low, high = (value + "-00-00")[:10], (value + "-99-99")[:10]
    return (not flt.since or high >= (flt.since + "-00-00")[:10]) and (
        not flt.until or low <= (flt.until + "-99-99")[:10])


def _follows(record: dict, flt: Filter, chosen: set[str], event_ids: set[str], published: dict) -> bool:
    """A claim or contradiction: kept with its event; else, under an entity filter alone (with
    perhaps a date range, read on its documents' publication dates), when it names the entity."""
    if not flt.narrows_events() or record.get("event") in event_ids:
        return True
    if not chosen or flt.event_types or flt.country or not chosen & set(participants(record)):
        return False
    return any(_in_range(published.get(d), flt) for d in documents_of(record))


def _entities(entities: list[dict], flt: Filter, chosen: set[str], kept: list[dict]) -> list[dict]:
    """Entities the kept records name, the chosen entity, its groups; places in the country."""
    if flt.narrows_events():
        wanted = set(chosen) | {p for r in kept for p in participants(r)}
        places = {(r.get("location") or {}).get("geonames_id") for r in kept if r["kind"] == "event"} - {None}
        by_id = {e["id"]: e for e in entities}
        for e in list(wanted):  # one hop of affiliation: a member's group stays with the member
            wanted |= {a["org"] for a in (by_id.get(e) or {}).get("affiliations") or () if a.get("org")}
        pick = [e for e in entities if e["id"] in wanted or (e.get("geo") or {}).get("geonames_id") in places
                or (flt.country and ((e.get("geo") or {}).get("country") or "").upper() == flt.country)]
    else:
        pick = list(entities)
    return [e for e in pick if not flt.entity_types or e.get("type") in flt.entity_types]


def participants(record: dict) -> Iterator[str]:
    """Entity ids a record names: agents and victims, a claim's source and subjects, what a
    contradiction is about."""
    people = [*(record.get("agents") or ()), *(record.get("victims") or ()), *(record.get("about") or ())]
    if isinstance(record.get("source"), dict):
        people.append(record["source"])
    for p in people:
        if p.get("entity"):
            yield p["entity"]


def documents_of(record: dict) -> set[str]:
    """Every document a record's evidence (at any depth) points to."""
    found: set[str] = set(record.get("docs") or ()) if record.get("kind") == "contradiction" else set()
    stack: list[Any] = [v for k, v in record.items() if k != "docs"]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("doc"), str):
                found.add(value["doc"])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found
