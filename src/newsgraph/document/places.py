"""Places: every place entity of one article geocoded, all together (they disambiguate each other).

The gazetteer (``newsgraph.geo``) is offline; a place it lacks keeps ``geo = None`` and is still an
entity. The article's dateline, when it names a known place, hints the country.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph import geo
from newsgraph.document.clusters import LocalEntity
from newsgraph.records import Document

PLACE_TYPES = ("GPE", "LOC", "FAC")


def geocode(doc: Document, entities: Sequence[LocalEntity]) -> list[LocalEntity]:
    """The same entities, places with their ``geo`` filled in where the gazetteer knows them."""
    idx = [i for i, e in enumerate(entities) if e.type in PLACE_TYPES]
    if not idx:
        return list(entities)
    names = [entities[i].name for i in idx]
    hint = None
    if doc.dateline:
        found = geo.geocode_names([doc.dateline], doc.text)[0]
        hint = found.country if found else None
    resolved = geo.geocode_names(names, doc.text, hint_country=hint)
    out = list(entities)
    for i, place in zip(idx, resolved):
        if place is not None:
            out[i] = replace(out[i], geo=as_geo(place))
    return out


def as_geo(place: "geo.Place") -> dict:
    """The export contract's ``geo`` (plus the feature kind and the gazetteer's own name)."""
    return {"lat": place.lat, "lon": place.lon, "admin1": place.admin1, "country": place.country,
            "geonames_id": place.geonames_id, "kind": place.kind, "gazetteer_name": place.name}
