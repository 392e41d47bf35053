"""Events as a GeoJSON FeatureCollection (RFC 7946), for QGIS, kepler.gl, geopandas or a web map.

Each event with coordinates is a Point feature ``[longitude, latitude]`` (WGS 84, the only
datum RFC 7946 allows, so no ``crs`` member) whose properties are the event's events.csv row
(lists stay JSON arrays), evidence sentences included. An event whose place the gazetteer did
not locate, or that names no place, cannot be drawn: it is left out and counted, so the caller
can say how much of the knowledge base the map does not show.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import IO, Any

from newsgraph.export.csv import Index, event_row


def _point(place: dict) -> tuple[float, float] | None:
    lat, lon = place.get("lat"), place.get("lon")
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (lat, lon)):
        return None
    return (float(lon), float(lat)) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def collection(records: Iterable[dict]) -> tuple[dict[str, Any], dict[str, int]]:
    """The FeatureCollection, and counts: features written, events left out and why."""
    rows = list(records)
    index = Index.of(rows)
    features, unplaced, unlocated = [], 0, 0
    for event in (r for r in rows if r["kind"] == "event"):
        place = event.get("location") or {}
        point = _point(place)
        if point is None:
            unlocated += bool(place.get("name"))
            unplaced += not place.get("name")
            continue
        features.append({"type": "Feature", "id": event["id"],
                         "geometry": {"type": "Point", "coordinates": list(point)},
                         "properties": event_row(event, index)})
    fc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if features:
        lons = [f["geometry"]["coordinates"][0] for f in features]
        lats = [f["geometry"]["coordinates"][1] for f in features]
        fc["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    counts = {"features": len(features), "skipped events whose place has no coordinates": unlocated,
              "skipped events that name no place": unplaced}
    return fc, counts


def write(records: Iterable[dict], out: IO[str]) -> dict[str, int]:
    fc, counts = collection(records)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return counts
