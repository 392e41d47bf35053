"""A STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP, TAXII servers).

How the records map:

- a group the sources name as the agent of an attack, bombing or killing → ``intrusion-set``
  (aliases, first and last seen from those events' dates); a person who is such an agent, or is
  tied to such a group → ``threat-actor``; any other person or organisation → ``identity``
  (``individual`` / ``organization``, with the roles the sources give it)
- a place → ``location`` (name, coordinates, country, administrative area); a place with
  neither coordinates nor a country cannot be a STIX location, so it is left out and counted
- an event → ``incident``, with ``attributed-to`` its agents, ``targets`` its victims and
  ``located-at`` its place. Each relationship's ``description`` holds the sentences that state
  the event
- an affiliation → ``relationship`` ``affiliated-with`` (a custom type, as the spec allows)
  from the member to the group, with the role and the stating sentence
- a claim that confirms or denies → ``opinion`` (strongly-agree / strongly-disagree) on what it
  is about, with the speaker as author and the statement and its evidence as ``explanation``;
  a claim that asserts → ``note``, same contents; a contradiction → ``note`` over the claims
  on each side, with each side's position and evidence
- a document → ``report`` (published = its date) whose ``object_refs`` are every object its
  text gives evidence for

Ids are UUIDv5 derived from our record ids, so the same knowledge base gives the same ids,
and each object's ``external_references`` has our id (``source_name`` "newsgraph"). Objects
are plain dicts to the specification; they need no library to write. The tests parse them
with the ``stix2`` library in strict mode.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import IO, Any

NAMESPACE = uuid.UUID("3f1c2a7e-8d4b-5e6f-9a0b-1c2d3e4f5a6b")
HOSTILE = ("attack", "bombing", "killing")
OPINION = {"confirms": "strongly-agree", "denies": "strongly-disagree"}


def stix_id(type_: str, key: str) -> str:
    return f"{type_}--{uuid.uuid5(NAMESPACE, f'{type_}:{key}')}"


def timestamp(value: str | None) -> str | None:
    """A prefix ISO date ("2023", "2023-01", "2023-01-31") as a STIX timestamp at its first day."""
    if not value:
        return None
    day = (value + "-01-01")[:10] if len(value) < 10 else value[:10]
    return f"{day}T00:00:00Z"


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _clean(text: str) -> str:
    return " ".join(text.split())


def _said(evidence: Iterable[dict]) -> str:
    return "\n".join(dict.fromkeys(f"“{_clean(e['text'])}” ({e['doc']})" for e in evidence if e))


class _Bundle:
    """Objects in the making, and which documents give evidence for each (for the reports)."""

    def __init__(self, created: str) -> None:
        self.created = created
        self.creator = stix_id("identity", "newsgraph")
        self.objects: list[dict] = [{"type": "identity", "spec_version": "2.1", "id": self.creator,
                                     "created": created, "modified": created, "name": "newsgraph",
                                     "identity_class": "system",
                                     "description": "Knowledge base built from news reports by newsgraph"}]
        self.cites: dict[str, list[str]] = {}
        self.of: dict[str, str] = {}  # our record id → STIX id
        self.skipped = 0

    def add(self, type_: str, key: str, docs: Iterable[str], **props: Any) -> str:
        sid = stix_id(type_, key)
        obj = {"type": type_, "spec_version": "2.1", "id": sid, "created": self.created, "modified": self.created,
               "created_by_ref": self.creator, **{k: v for k, v in props.items() if v not in (None, "", [])}}
        if type_ != "relationship":
            obj["external_references"] = [{"source_name": "newsgraph", "external_id": key}]
        self.objects.append(obj)
        for doc in docs:
            self.cites.setdefault(doc, []).append(sid)
        return sid

    def relate(self, kind: str, source: str | None, target: str | None, docs: Iterable[str], key: str,
               description: str) -> None:
        if source and target and source != target:
            self.add("relationship", f"{kind}:{key}", docs, relationship_type=kind, source_ref=source,
                     target_ref=target, description=description)


def bundle(records: Iterable[dict], created: str | None = None) -> tuple[dict[str, Any], dict[str, int]]:
    """The bundle and counts (objects by type, places left out)."""
    rows = list(records)
    kinds: dict[str, list[dict]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    b = _Bundle(created or now())
    entities, events = kinds.get("entity", []), kinds.get("event", [])
    _actors(b, entities, events)
    _places(b, entities, events)
    for e in entities:
        for a in e.get("affiliations") or ():
            ev = a.get("evidence")
            b.relate("affiliated-with", b.of.get(e["id"]), b.of.get(a.get("org") or ""), [ev["doc"]] if ev else [],
                     f"{e['id']}:{a.get('org')}:{a.get('role')}", f"{a.get('role') or 'member'}; "
                     f"stated in {_said([ev]) if ev else 'no quoted sentence'}")
    for event in events:
        _incident(b, event)
    for claim in kinds.get("claim", []):
        _claim(b, claim)
    for x in kinds.get("contradiction", []):
        _contradiction(b, x)
    reports = _reports(b, kinds.get("document", []))
    counts: dict[str, int] = {}
    for obj in b.objects:
        counts[obj["type"]] = counts.get(obj["type"], 0) + 1
    counts["skipped places with neither coordinates nor a country"] = b.skipped
    counts["skipped documents that support no object"] = reports
    return {"type": "bundle", "id": stix_id("bundle", b.created), "objects": b.objects}, counts


def _actors(b: _Bundle, entities: list[dict], events: list[dict]) -> None:
    """People and groups: intrusion sets and threat actors by what the sources say they did."""
    dates: dict[str, list[str | None]] = {}  # agent → the dates of its hostile events (None: undated)
    for event in events:
        if event.get("type") in HOSTILE:
            for p in event.get("agents") or ():
                if p.get("entity"):
                    dates.setdefault(p["entity"], []).append((event.get("date") or {}).get("value"))
    groups = {e["id"] for e in entities if e.get("type") == "ORG" and e["id"] in dates}
    for e in entities:
        if e.get("type") not in ("PERSON", "ORG"):
            continue
        docs = {m["doc"] for m in e.get("mentions") or ()}
        roles = list(dict.fromkeys(a["role"] for a in e.get("affiliations") or () if a.get("role")))
        about = f"Named in {len(docs)} document(s)." + (f" Roles: {'; '.join(roles)}." if roles else "")
        common = {"name": e.get("name") or e["id"], "aliases": list(e.get("aliases") or ())}
        in_group = any(a.get("org") in groups for a in e.get("affiliations") or ())
        if e["id"] in groups:
            seen = sorted(timestamp(d) for d in dates[e["id"]] if d)
            sid = b.add("intrusion-set", e["id"], docs, **common, first_seen=seen[0] if seen else None,
                        last_seen=seen[-1] if seen else None,
                        description=f"{about} Sources name it as the agent of {len(dates[e['id']])} "
                                    "attack(s), bombing(s) or killing(s).")
        elif e.get("type") == "PERSON" and (e["id"] in dates or in_group):
            sid = b.add("threat-actor", e["id"], docs, **common, description=about)
        else:
            known = f" Also known as: {'; '.join(common['aliases'])}." if common["aliases"] else ""
            sid = b.add("identity", e["id"], docs, name=common["name"], roles=roles, description=about + known,
                        identity_class="individual" if e.get("type") == "PERSON" else "organization")
        b.of[e["id"]] = sid


def _location(b: _Bundle, key: str, place: dict, docs: Iterable[str]) -> str | None:
    lat, lon, country = place.get("lat"), place.get("lon"), place.get("country")
    if (lat is None or lon is None) and not country:
        return None
    point = {"latitude": float(lat), "longitude": float(lon)} if lat is not None and lon is not None else {}
    return b.add("location", key, docs, name=place.get("name"), country=country,
                 administrative_area=place.get("admin1"), **point)


def _places(b: _Bundle, entities: list[dict], events: list[dict]) -> None:
    """Place records as locations, then the places of events that no record has (by GeoNames id)."""
    by_gid: dict[int, str] = {}
    for e in entities:
        if e.get("type") in ("GPE", "LOC", "FAC"):
            geo = e.get("geo") or {}
            sid = _location(b, e["id"], {**geo, "name": e.get("name")}, {m["doc"] for m in e.get("mentions") or ()})
            if sid is None:
                b.skipped += 1
                continue
            b.of[e["id"]] = sid
            if geo.get("geonames_id"):
                by_gid.setdefault(geo["geonames_id"], sid)
    for event in events:
        place = event.get("location") or {}
        gid = place.get("geonames_id")
        if not place or (gid and gid in by_gid):
            b.of[f"place:{event['id']}"] = by_gid.get(gid) if place else None
            continue
        sid = _location(b, f"place:{event['id']}", place, [])
        b.of[f"place:{event['id']}"] = sid
        if gid and sid:
            by_gid[gid] = sid


def _incident(b: _Bundle, event: dict) -> None:
    evidence = event.get("evidence") or []
    docs = list(dict.fromkeys(e["doc"] for e in evidence))
    place, date = event.get("location") or {}, (event.get("date") or {}).get("value")
    dead = event.get("fatalities") or {}
    name = " ".join(filter(None, [event.get("type"), f"in {place['name']}" if place.get("name") else None,
                                  f"({date})" if date else None]))
    toll = f" Killed: {_count(dead)}." if dead else ""
    said = _said(evidence)
    sid = b.add("incident", event["id"], docs, name=name, labels=[event.get("type") or "other"],
                description=f"{name}. Status: {event.get('status') or 'reported'}.{toll}\n{said}".strip())
    b.of[event["id"]] = sid
    for p in event.get("agents") or ():
        b.relate("attributed-to", sid, b.of.get(p.get("entity") or ""), docs, f"{event['id']}:{p.get('entity')}", said)
    for p in event.get("victims") or ():
        b.relate("targets", sid, b.of.get(p.get("entity") or ""), docs, f"{event['id']}:{p.get('entity')}", said)
    b.relate("located-at", sid, b.of.get(f"place:{event['id']}"), docs, event["id"], said)


def _count(r: dict) -> str:
    """{min, max} as the sources state it: "14", "14 to 19", "100 or more"."""
    low, high = r.get("min"), r.get("max")
    if low == high:
        return str(low)
    return f"{low} or more" if high is None else f"{low if low is not None else 'up'} to {high}"


def _claim(b: _Bundle, claim: dict) -> None:
    evidence, source = claim.get("evidence") or [], claim.get("source") or {}
    docs = list(dict.fromkeys(e["doc"] for e in evidence))
    refs = [b.of.get(claim.get("event") or "")] + [b.of.get(p.get("entity") or "") for p in claim.get("about") or ()]
    refs = list(dict.fromkeys(r for r in refs if r)) or [stix_id("report", d) for d in docs]
    who, stance = source.get("name") or "an unnamed source", claim.get("stance")
    text = f"{who} {stance}: {claim.get('text') or ''}\nEvidence:\n{_said(evidence)}"
    if stance in OPINION:
        sid = b.add("opinion", claim["id"], docs, opinion=OPINION[stance], object_refs=refs, authors=[who],
                    explanation=text)
    else:
        sid = b.add("note", claim["id"], docs, abstract=f"{who} {stance}", content=text, authors=[who],
                    object_refs=refs)
    b.of[claim["id"]] = sid


def _contradiction(b: _Bundle, x: dict) -> None:
    refs = [b.of.get(i) for i in x.get("items") or ()] + [b.of.get(x.get("event") or "")]
    refs += [b.of.get(p.get("entity") or "") for p in x.get("about") or ()]
    refs = list(dict.fromkeys(r for r in refs if r)) or [stix_id("report", d) for d in x.get("docs") or ()]
    sides = "\n".join(f"{s.get('position')}:\n{_said(s.get('evidence') or ())}" for s in x.get("sides") or ())
    b.add("note", x["id"], x.get("docs") or (), abstract=f"Sources disagree on {x.get('field')}",
          content=f"{x.get('summary') or ''}\n{sides}".strip(), object_refs=refs)


def _reports(b: _Bundle, documents: list[dict]) -> int:
    """One report per document over the objects it supports; returns how many had none."""
    empty = 0
    for doc in documents:
        refs = list(dict.fromkeys(b.cites.get(doc["id"], [])))
        if not refs:
            empty += 1
            continue
        about = "; ".join(filter(None, [doc.get("outlet"), doc.get("author"), f"source: {doc.get('source')}",
                                        None if doc.get("published") else "publication date not stated"]))
        links = [{"source_name": doc.get("outlet") or "article", "url": doc["url"]}] if doc.get("url") else []
        b.add("report", doc["id"], [], name=doc.get("title") or doc.get("source") or doc["id"],
              published=timestamp(doc.get("published")) or b.created, description=about, object_refs=refs)
        b.objects[-1]["external_references"] += links
    return empty


def write(records: Iterable[dict], out: IO[str], created: str | None = None) -> dict[str, int]:
    data, counts = bundle(records, created)
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return counts
