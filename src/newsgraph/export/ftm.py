"""FollowTheMoney entities (JSON lines), for Aleph, OpenAleph, yente and the ``ftm`` tools.

How the records map:

- document → ``Article`` (title, publishedAt, author, publisher = outlet, sourceUrl, fileName)
- PERSON → ``Person`` (name, alias, title, nationality, position for a role with no organisation);
  ORG → ``Organization``; GPE/LOC/FAC → ``Address`` (full, country, state, latitude, longitude)
- a person's or group's tie to a group → ``Membership`` (role; the stating sentence in
  ``description``; the article as ``proof``); a tie to a state or place → ``UnknownLink``
- a name in an article → ``Mention`` (name, document, resolved = the Person or Organization;
  places are not legal entities in FtM, so their mention is a ``Documentation`` link instead)
- event → ``Event`` (date, location, country, organizer = agents, involved = agents and
  victims, summary, keywords = the event type, recordId), plus one ``Documentation`` per
  reporting article whose ``description`` holds that article's sentences
- claim → ``Note`` about the entities and event it concerns: speaker and stance in ``name``,
  the statement in ``summary``, the evidence sentences in ``description``, the article as ``proof``;
  contradiction → ``Note`` with each side's position and evidence

Entities are built with the followthemoney library (the ``export`` extra), which cleans
every value to its property type, so the stream is valid as written. Ids are our record ids
prefixed with ``newsgraph-``, so an entity can be traced back to the knowledge base.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

PLACE_TYPES = ("GPE", "LOC", "FAC")
SCHEMA = {"PERSON": "Person", "ORG": "Organization", "GPE": "Address", "LOC": "Address", "FAC": "Address"}


class FtMUnavailable(RuntimeError):
    """The followthemoney library is not installed."""


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise FtMUnavailable("the ftm format needs the followthemoney library: "
                             "pip install 'newsgraph[export]'") from exc
    return model


def ftm_id(record_id: str) -> str:
    """``e_08f0…`` → ``newsgraph-e-08f0…``: FtM ids allow letters, digits, dots and hyphens."""
    return "newsgraph-" + re.sub(r"[^0-9A-Za-z.\-]+", "-", record_id).strip("-.")


class _Builder:
    """Makes entities and remembers which ids exist, so no reference points outside the stream."""

    def __init__(self, model: Any) -> None:
        self.model, self.made, self.schema_of = model, [], {}

    def make(self, schema: str, entity_id: str, **props: Any) -> Any:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        for prop, value in props.items():
            values = value if isinstance(value, (list, tuple, set)) else [value]
            proxy.add(prop, [v if isinstance(v, str) else str(v) for v in values if v not in (None, "")])
        self.made.append(proxy)
        self.schema_of[entity_id] = proxy.schema
        return proxy

    @staticmethod
    def make_id(*parts: str) -> str:
        from followthemoney.util import make_entity_id

        return make_entity_id(*parts)

    def refs(self, ids: Iterable[str | None], range_: str) -> list[str]:
        """Those of ``ids`` made here whose schema fits the property's range (e.g. LegalEntity)."""
        return list(dict.fromkeys(i for i in ids if i and i in self.schema_of and self.schema_of[i].is_a(range_)))


def entities(records: Iterable[dict]) -> list[dict[str, Any]]:
    """Every FtM entity for the records, as the dicts ``EntityProxy.to_dict`` gives."""
    rows = list(records)
    b = _Builder(_model())
    kinds: dict[str, list[dict]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    for doc in kinds.get("document", []):
        b.make("Article", ftm_id(doc["id"]), title=doc.get("title"), publishedAt=doc.get("published"),
               modifiedAt=doc.get("updated"), author=doc.get("author"), publisher=doc.get("outlet"),
               sourceUrl=doc.get("url"), fileName=doc.get("source"))
    for e in kinds.get("entity", []):
        _entity(b, e)
    for e in kinds.get("entity", []):
        _ties(b, e)
        _mentions(b, e)
    places = {(e.get("geo") or {}).get("geonames_id"): ftm_id(e["id"])
              for e in kinds.get("entity", []) if e.get("type") in PLACE_TYPES and (e.get("geo") or {}).get("geonames_id")}
    for event in kinds.get("event", []):
        _event(b, event, places)
    for claim in kinds.get("claim", []):
        _claim(b, claim)
    for x in kinds.get("contradiction", []):
        _contradiction(b, x)
    return [p.to_dict() for p in b.made]


def _entity(b: _Builder, e: dict) -> None:
    schema = SCHEMA.get(e.get("type"), "LegalEntity")
    if schema == "Address":
        geo = e.get("geo") or {}
        b.make("Address", ftm_id(e["id"]), full=e.get("name"), name=e.get("name"), alias=e.get("aliases") or [],
               country=geo.get("country"), state=geo.get("admin1"), latitude=geo.get("lat"), longitude=geo.get("lon"))
        return
    extra = {}
    if schema == "Person":
        extra = {"title": e.get("titles") or [], "nationality": e.get("nationalities") or [],
                 "position": [a["role"] for a in e.get("affiliations") or () if a.get("role") and not a.get("org")]}
    b.make(schema, ftm_id(e["id"]), name=e.get("name") or e["id"], alias=e.get("aliases") or [], **extra)


def _ties(b: _Builder, e: dict) -> None:
    """Affiliations with an organisation record: Membership, or UnknownLink to a state or place."""
    member = ftm_id(e["id"])
    for a in e.get("affiliations") or ():
        org = ftm_id(a["org"]) if a.get("org") else None
        if not org or org == member or org not in b.schema_of:
            continue
        ev = a.get("evidence") or {}
        props = {"role": a.get("role"), "description": ev.get("text"),
                 "proof": b.refs([ftm_id(ev["doc"])] if ev else [], "Document")}
        tie_id = b.make_id("newsgraph-tie", e["id"], a["org"], a.get("role") or "")
        if b.refs([member], "LegalEntity") and b.refs([org], "Organization"):
            b.make("Membership", tie_id, member=member, organization=org, **props)
        else:
            b.make("UnknownLink", tie_id, subject=member, object=org, **props)


def _mentions(b: _Builder, e: dict) -> None:
    """One Mention (or, for a place, a Documentation link) per article that names the entity."""
    names: dict[str, list[str]] = {}
    for m in e.get("mentions") or ():
        names.setdefault(m["doc"], [])
        if m.get("text") and m["text"] not in names[m["doc"]]:
            names[m["doc"]].append(m["text"])
    target = ftm_id(e["id"])
    for doc, said in names.items():
        article = b.refs([ftm_id(doc)], "Document")
        if not article:
            continue
        if b.refs([target], "LegalEntity"):
            b.make("Mention", b.make_id("newsgraph-mention", e["id"], doc), name=said or [e.get("name")],
                   document=article, resolved=target, detectedSchema=b.schema_of[target].name,
                   contextCountry=(e.get("geo") or {}).get("country"))
        else:
            b.make("Documentation", b.make_id("newsgraph-named", e["id"], doc), document=article, entity=target,
                   role="mentions", summary="; ".join(said))


def _event(b: _Builder, event: dict, places: dict) -> None:
    place, date = event.get("location") or {}, (event.get("date") or {}).get("value")
    agents = [ftm_id(p["entity"]) for p in event.get("agents") or () if p.get("entity")]
    victims = [ftm_id(p["entity"]) for p in event.get("victims") or () if p.get("entity")]
    evidence = event.get("evidence") or []
    docs = list(dict.fromkeys(ev["doc"] for ev in evidence))
    event_id = ftm_id(event["id"])
    b.make("Event", event_id, name=_event_name(event), date=date, keywords=event.get("type"),
           location=place.get("name"), country=place.get("country"),
           addressEntity=b.refs([places.get(place.get("geonames_id"))], "Address"),
           organizer=b.refs(agents, "LegalEntity"), involved=b.refs(agents + victims, "LegalEntity"),
           namesMentioned=[p["name"] for p in [*(event.get("agents") or ()), *(event.get("victims") or ())]
                           if not p.get("entity") and p.get("name")],
           summary=_event_summary(event), proof=b.refs([ftm_id(d) for d in docs], "Document"),
           recordId=event["id"])
    for doc in docs:
        article = b.refs([ftm_id(doc)], "Document")
        if article:
            said = list(dict.fromkeys(" ".join(ev["text"].split()) for ev in evidence if ev["doc"] == doc))
            b.make("Documentation", b.make_id("newsgraph-reports", event["id"], doc), document=article,
                   entity=event_id, role="reports", date=date, description="\n".join(said))


def _event_name(event: dict) -> str:
    place, date = (event.get("location") or {}).get("name"), (event.get("date") or {}).get("value")
    return " ".join(filter(None, [event.get("type") or "event", f"in {place}" if place else None,
                                  f"({date})" if date else None]))


def _event_summary(event: dict) -> str:
    def names(items: list | None) -> str:
        return ", ".join(p.get("name") or "?" for p in items or ()) or "not named"

    dead = event.get("fatalities") or {}
    toll = "" if not dead else f"; killed: {dead.get('min')}" + ("" if dead.get("max") == dead.get("min") else
                                                                   f" to {dead.get('max') or 'more'}")
    return (f"{_event_name(event)}; agents: {names(event.get('agents'))}; victims: {names(event.get('victims'))}"
            f"{toll}; status: {event.get('status') or 'reported'}")


def _claim(b: _Builder, claim: dict) -> None:
    source = claim.get("source") or {}
    evidence = claim.get("evidence") or []
    about = [ftm_id(p["entity"]) for p in claim.get("about") or () if p.get("entity")]
    if claim.get("event"):
        about.append(ftm_id(claim["event"]))
    b.make("Note", ftm_id(claim["id"]), name=f"{source.get('name') or 'a source'} {claim.get('stance')}",
           summary=claim.get("text"), description="\n".join(dict.fromkeys(" ".join(e["text"].split()) for e in evidence)),
           entity=b.refs(about, "Thing"), keywords=["claim", claim.get("stance")],
           proof=b.refs([ftm_id(e["doc"]) for e in evidence], "Document"))


def _contradiction(b: _Builder, x: dict) -> None:
    about = [ftm_id(p["entity"]) for p in x.get("about") or () if p.get("entity")]
    if x.get("event"):
        about.append(ftm_id(x["event"]))
    sides = [f"{s.get('position')}: " + " | ".join(" ".join(e["text"].split()) for e in s.get("evidence") or ())
             for s in x.get("sides") or ()]
    b.make("Note", ftm_id(x["id"]), name=f"sources disagree on {x.get('field')}", summary=x.get("summary"),
           description="\n".join(sides), entity=b.refs(about, "Thing"), keywords=["contradiction", x.get("field")],
           proof=b.refs([ftm_id(d) for d in x.get("docs") or ()], "Document"))


def lines(records: Iterable[dict]) -> Iterator[str]:
    for entity in entities(records):
        yield json.dumps(entity, ensure_ascii=False, sort_keys=True)


def write(records: Iterable[dict], out: IO[str]) -> dict[str, int]:
    n = 0
    for line in lines(records):
        out.write(line + "\n")
        n += 1
    return {"entities": n}
