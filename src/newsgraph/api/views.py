"""The view objects: what the REST API returns as JSON and the UI renders as HTML.

Why one module: the UI never queries the database; it calls these functions, which read the
record views (``store/*``) through the knowledge base and apply the analyst's review
(``store/review.Overlay``). Every value is a plain dict or list, ready for JSON or a template.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from newsgraph.kb import KnowledgeBase
from newsgraph.records import Claim, Entity, Event
from newsgraph.store import claims as stored_claims
from newsgraph.store import contradictions as stored_contradictions
from newsgraph.store import entities as stored_entities
from newsgraph.store import events as stored_events
from newsgraph.store import read, review
from newsgraph.store.review import Overlay

MAX_LIMIT = 500


def page(items: list, offset: int, limit: int) -> dict[str, Any]:
    """One page of a list, with the total so a client can ask for the next."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return {"total": len(items), "offset": offset, "limit": limit, "items": items[offset:offset + limit]}


# --------------------------------------------------------------------------- entities

def entity_dict(entity: Entity, overlay: Overlay) -> dict[str, Any]:
    out = entity.to_export()
    out["documents"] = len({m.doc for m in entity.mentions})
    out["review"] = overlay.review(entity.id)
    return out


def entities(kb: KnowledgeBase, type_: str | None = None, name: str | None = None,
             alias: str | None = None) -> list[dict]:
    """Entity records, most reported first; ``name`` matches the name or any alias, ``alias`` only aliases."""
    overlay = Overlay(kb.conn)
    found = []
    for e in (overlay.entity(x) for x in stored_entities.entities(kb.conn)):
        if type_ and e.type != type_.upper():
            continue
        aliases = [a.name.lower() for a in e.aliases]
        if name and name.lower() not in e.name.lower() and not any(name.lower() in a for a in aliases):
            continue
        if alias and not any(alias.lower() in a for a in aliases):
            continue
        found.append(e)
    found.sort(key=lambda e: (-len({m.doc for m in e.mentions}), -len(e.mentions), e.name))
    return [entity_dict(e, overlay) for e in found]


def names_of(kb: KnowledgeBase) -> dict[str, str]:
    """Entity id → name, for labelling links."""
    overlay = Overlay(kb.conn)
    return {e.id: overlay.entity(e).name for e in stored_entities.entities(kb.conn)}


def entity_profile(kb: KnowledgeBase, entity_id: str) -> dict[str, Any] | None:
    """An entity with its roles, its events (a timeline) and the claims by and about it."""
    found = next(stored_entities.entities(kb.conn, entity_id), None)
    if found is None:
        return None
    overlay = Overlay(kb.conn)
    out = entity_dict(overlay.entity(found), overlay)
    mine = [ev for ev in events(kb) if entity_id in {p["entity"] for p in ev["agents"] + ev["victims"]}]
    out["events"] = sorted(mine, key=lambda ev: (ev["date"] or {}).get("value") or "9999")
    all_claims = claims(kb)
    out["claims_by"] = [c for c in all_claims if c["source"]["entity"] == entity_id]
    out["claims_about"] = [c for c in all_claims if entity_id in {p["entity"] for p in c["about"]}]
    out["members"] = kb.explain(entity_id)
    out["history"] = review.history(kb.conn, entity_id)
    return out


# --------------------------------------------------------------------------- events

def event_dict(event: Event, support: dict, overlay: Overlay) -> dict[str, Any]:
    out = event.to_export()
    out.update(support)
    out["review"] = overlay.review(event.id)
    return out


def _all_events(kb: KnowledgeBase) -> list[dict]:
    overlay = Overlay(kb.conn)
    return [event_dict(overlay.event(ev), support, overlay) for ev, support in stored_events.events(kb.conn)]


SORTS = {"date": lambda e: (e["date"] or {}).get("value") or "",
         "fatalities": lambda e: (e["fatalities"] or {}).get("max") or (e["fatalities"] or {}).get("min") or 0,
         "type": lambda e: e["type"], "sources": lambda e: e["corroboration"]["documents"]}


def events(kb: KnowledgeBase, type_: str | None = None, since: str | None = None, until: str | None = None,
           country: str | None = None, admin1: str | None = None, place: str | None = None,
           actor: str | None = None, sort: str = "date", descending: bool = False) -> list[dict]:
    """Event records filtered as the issue asks; dates compare as ISO prefixes ("2023" ≤ "2023-01-30")."""
    out = []
    for ev in _all_events(kb):
        loc = ev["location"] or {}
        date = (ev["date"] or {}).get("value")
        people = ev["agents"] + ev["victims"]
        if type_ and ev["type"] != type_:
            continue
        if (since or until) and not date:
            continue
        if (since and date[:len(since)] < since) or (until and date[:len(until)] > until):
            continue
        if country and (loc.get("country") or "").upper() != country.upper():
            continue
        if admin1 and admin1.lower() not in (loc.get("admin1") or "").lower():
            continue
        if place and place.lower() not in (loc.get("name") or "").lower():
            continue
        if actor and not any(actor == p["entity"] or actor.lower() in p["name"].lower() for p in people):
            continue
        out.append(ev)
    key = SORTS.get(sort, SORTS["date"])
    return sorted(out, key=key, reverse=descending)


def event(kb: KnowledgeBase, event_id: str) -> dict[str, Any] | None:
    found = next(stored_events.events(kb.conn, event_id), None)
    if found is None:
        return None
    overlay = Overlay(kb.conn)
    out = event_dict(overlay.event(found[0]), found[1], overlay)
    out["claims"] = [c for c in claims(kb) if c["event"] == event_id]
    out["history"] = review.history(kb.conn, event_id)
    return out


def geojson(evs: list[dict]) -> dict[str, Any]:
    """Events with coordinates as a GeoJSON FeatureCollection (lon, lat order)."""
    features = []
    for ev in evs:
        loc = ev["location"] or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({"type": "Feature", "id": ev["id"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": {"type": ev["type"], "date": (ev["date"] or {}).get("value"),
                                        "place": loc.get("name"), "country": loc.get("country"),
                                        "fatalities": ev["fatalities"], "status": ev["status"]}})
    return {"type": "FeatureCollection", "features": features}


def week_of(date: str) -> str | None:
    """The Monday of a day's ISO week; None for a month or year."""
    if len(date) != 10:
        return None
    day = dt.date.fromisoformat(date)
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def per_week(evs: list[dict]) -> dict[str, Any]:
    """Events per week by type, for the timeline chart (only day-precise dates have a week)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for ev in evs:
        week = week_of((ev["date"] or {}).get("value") or "")
        if week:
            counts[week][ev["type"]] += 1
    weeks = sorted(counts)
    return {"weeks": [{"week": w, "counts": dict(counts[w]), "total": sum(counts[w].values())} for w in weeks],
            "types": sorted({t for c in counts.values() for t in c})}


# --------------------------------------------------------------------------- claims, contradictions

def claim_dict(claim: Claim, overlay: Overlay) -> dict[str, Any]:
    out = claim.to_export()
    out["review"] = overlay.review(claim.id)
    return out


def claims(kb: KnowledgeBase, stance: str | None = None, entity: str | None = None,
           event_id: str | None = None) -> list[dict]:
    overlay = Overlay(kb.conn)
    out = []
    for c in (overlay.claim(x) for x in stored_claims.claims(kb.conn)):
        if stance and c.stance != stance:
            continue
        if entity and entity != c.source.entity and entity not in {p.entity for p in c.about}:
            continue
        if event_id and c.event != event_id:
            continue
        out.append(claim_dict(c, overlay))
    return out


def contradictions(kb: KnowledgeBase) -> list[dict]:
    return [c.to_export() for c in stored_contradictions.contradictions(kb.conn)]


# --------------------------------------------------------------------------- search, stats, graph

def search(kb: KnowledgeBase, q: str, limit: int = 50) -> list[dict]:
    """Full-text hits (raises ``read.QueryError`` on a query FTS5 cannot parse)."""
    return read.search(kb.conn, q, limit)


def statistics(kb: KnowledgeBase) -> dict[str, Any]:
    evs = _all_events(kb)
    ents = list(stored_entities.entities(kb.conn))
    return {"counts": kb.stats(), "events_by_type": dict(Counter(e["type"] for e in evs).most_common()),
            "entities_by_type": dict(Counter(e.type for e in ents).most_common()),
            "events_by_country": dict(Counter((e["location"] or {}).get("country") or "?" for e in evs)
                                      .most_common()),
            "reviews": review.history_count(kb.conn)}


def graph(kb: KnowledgeBase, min_weight: int = 1) -> dict[str, Any]:
    """Entities joined by affiliation (person → group, weight: stated affiliations) and by
    co-participation (weight: events both take part in)."""
    ents = {e.id: e for e in (Overlay(kb.conn).entity(x) for x in stored_entities.entities(kb.conn))}
    weights: Counter[tuple[str, str, str]] = Counter()
    for e in ents.values():
        for af in e.affiliations:
            if af.org and af.org in ents and af.org != e.id:
                weights[(e.id, af.org, "affiliation")] += 1
    for ev, _ in stored_events.events(kb.conn):
        people = sorted({p.entity for p in ev.agents + ev.victims if p.entity in ents})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                weights[(a, b, "event")] += 1
    edges = [{"source": a, "target": b, "kind": k, "weight": w} for (a, b, k), w in weights.items() if w >= min_weight]
    used = {x for edge in edges for x in (edge["source"], edge["target"])}
    nodes = [{"id": i, "name": ents[i].name, "type": ents[i].type,
              "documents": len({m.doc for m in ents[i].mentions})} for i in sorted(used)]
    return {"nodes": nodes, "edges": edges}


# --------------------------------------------------------------------------- documents

def document(kb: KnowledgeBase, doc_id: str) -> dict[str, Any] | None:
    """A document with every annotation on it: entity mentions, events and claims, as spans of its text."""
    doc = read.document(kb.conn, doc_id)
    if doc is None:
        return None
    overlay = Overlay(kb.conn)
    mentions = [{"start": m.start, "end": m.end, "text": m.text, "entity": e.id, "name": e.name, "type": e.type}
                for e in (overlay.entity(x) for x in stored_entities.entities(kb.conn))
                for m in e.mentions if m.doc == doc_id]
    evs = [{"start": ev["start"], "end": ev["end"], "event": e["id"], "type": e["type"]}
           for e in _all_events(kb) for ev in e["evidence"] if ev["doc"] == doc_id]
    cls = [{"start": st["evidence"]["start"], "end": st["evidence"]["end"], "claim": c["id"], "stance": c["stance"],
            "source": c["source"]["name"]}
           for c in claims(kb) for st in c["statements"] if st["evidence"]["doc"] == doc_id]
    out = doc.to_export()
    out["text"] = doc.text
    out["annotations"] = {"mentions": sorted(mentions, key=lambda m: m["start"]),
                          "events": sorted(evs, key=lambda m: m["start"]),
                          "claims": sorted(cls, key=lambda m: m["start"])}
    return out


def documents(kb: KnowledgeBase) -> list[dict]:
    return [d.to_export() for d in kb.documents()]


def segments(text: str, annotations: dict[str, list[dict]]) -> list[dict]:
    """The text cut at every annotation boundary; each piece with the annotations covering it,
    so the reader can highlight overlapping spans (a name inside an event's sentence)."""
    spans = [(kind, a) for kind, items in annotations.items() for a in items]
    cuts = sorted({0, len(text), *(x for _, a in spans for x in (a["start"], a["end"]) if 0 <= x <= len(text))})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(kind, s) for kind, s in spans if s["start"] <= a and s["end"] >= b]
        starts = sorted({f"{s['start']}-{s['end']}" for _, s in spans if s["start"] == a})
        link = next((s for kind, s in covering if kind == "mentions"), None)
        out.append({"text": text[a:b], "start": a, "end": b, "anchors": starts, "link": link,
                    "kinds": sorted({k for k, _ in covering})})
    return out
