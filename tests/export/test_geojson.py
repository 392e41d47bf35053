"""geojson: a valid RFC 7946 FeatureCollection (checked with the ``geojson`` library and by the
RFC's own rules), one Point per located event at ``[longitude, latitude]``, and every event
it cannot draw counted in the warning.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.export import csv as tables


def test_the_library_finds_the_collection_valid(built):
    geojson = pytest.importorskip("geojson")
    fc = geojson.loads(built.files["geojson"].read_text(encoding="utf-8"))
    assert isinstance(fc, geojson.FeatureCollection) and fc.is_valid, fc.errors()
    assert all(isinstance(f.geometry, geojson.Point) for f in fc.features)


def test_rfc_7946_rules_and_the_events_behind_each_point(built):
    fc = json.loads(built.files["geojson"].read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc  # WGS 84 only, so no crs member
    events = {e["id"]: e for e in built.of("event")}
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        place = events[f["id"]]["location"]
        assert (lon, lat) == (place["lon"], place["lat"]) and -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(f["properties"]) == set(tables.EVENT_COLUMNS) and f["properties"]["notes"]
    if fc["features"]:
        lons = [f["geometry"]["coordinates"][0] for f in fc["features"]]
        lats = [f["geometry"]["coordinates"][1] for f in fc["features"]]
        assert fc["bbox"] == [min(lons), min(lats), max(lons), max(lats)]


def test_events_without_coordinates_are_left_out_and_counted(built):
    located = [e for e in built.of("event") if (e["location"] or {}).get("lat") is not None]
    counts = built.counts["geojson"]
    assert counts["features"] == len(located) > 0
    assert counts["features"] + sum(v for k, v in counts.items() if k.startswith("skipped")) == len(built.of("event"))
    result = CliRunner().invoke(main, ["export", "--db", str(built.db), "--format", "geojson", "-o",
                                       str(built.files["geojson"].with_suffix(".again.geojson"))])
    assert result.exit_code == 0
    for what, n in counts.items():
        if what.startswith("skipped") and n:
            assert f"warning: left out {n} {what.removeprefix('skipped ')}" in result.stderr
