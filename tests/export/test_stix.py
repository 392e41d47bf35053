"""stix: the ``stix2`` library parses the bundle in strict mode (no custom properties). Every
reference resolves inside the bundle, and ids are unique and stable. Custom relationship types
keep to the spec's syntax. Claims and contradictions become opinions and notes that quote
their evidence, and every document with evidence becomes a report over what it supports.
"""
from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest

from newsgraph.export import stix

stix2 = pytest.importorskip("stix2")


def refs(obj: dict):
    for key, value in obj.items():
        if key.endswith("_ref"):
            yield value
        elif key.endswith("_refs"):
            yield from value


def external(obj: dict) -> str | None:
    return next((r["external_id"] for r in obj.get("external_references", ()) if r["source_name"] == "newsgraph"), None)


def test_stix2_parses_the_bundle_strictly(built):
    text = built.files["stix"].read_text(encoding="utf-8")
    parsed = stix2.parse(text, allow_custom=False)
    data = json.loads(text)
    assert parsed.type == "bundle" and len(parsed.objects) == len(data["objects"])
    assert {o.type for o in parsed.objects} >= {"identity", "location", "incident", "report", "relationship", "note"}


def test_references_resolve_and_ids_are_unique(built):
    objects = json.loads(built.files["stix"].read_text(encoding="utf-8"))["objects"]
    ids = [o["id"] for o in objects]
    assert len(ids) == len(set(ids))
    for obj in objects:
        assert all(ref in set(ids) for ref in refs(obj)), obj["id"]
        if obj["type"] == "relationship":
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", obj["relationship_type"])
    counts = Counter(o["type"] for o in objects)
    assert {k: v for k, v in built.counts["stix"].items() if not k.startswith("skipped")} == counts


def test_records_become_the_objects_the_issue_names(built):
    objects = json.loads(built.files["stix"].read_text(encoding="utf-8"))["objects"]
    by_record = {external(o): o for o in objects if external(o)}
    for entity in built.of("entity"):
        obj = by_record.get(entity["id"])
        if entity["type"] in ("PERSON", "ORG"):
            assert obj["type"] in ("identity", "threat-actor", "intrusion-set"), entity["id"]
            known = obj.get("aliases") if obj["type"] != "identity" else obj["description"]
            assert all(alias in known for alias in entity["aliases"]), entity["id"]
        else:
            geo = entity["geo"] or {}
            assert (obj is None) == (geo.get("lat") is None and not geo.get("country")), entity["id"]
    for event in built.of("event"):
        incident = by_record[event["id"]]
        assert incident["type"] == "incident"
        assert all(" ".join(ev["text"].split()) in incident["description"] for ev in event["evidence"])
    for claim in built.of("claim"):
        obj = by_record[claim["id"]]
        assert obj["type"] == ("opinion" if claim["stance"] in ("confirms", "denies") else "note")
        said = obj.get("explanation") or obj.get("content")
        assert all(" ".join(ev["text"].split()) in said for ev in claim["evidence"])
    for x in built.of("contradiction"):
        assert by_record[x["id"]]["type"] == "note" and by_record[x["id"]]["abstract"].startswith("Sources disagree")
    reports = [o for o in objects if o["type"] == "report"]
    assert len(reports) + built.counts["stix"]["skipped documents that support no object"] == len(built.of("document"))


def test_the_same_knowledge_base_gives_the_same_bundle(built):
    first, second = io.StringIO(), io.StringIO()
    stix.write(built.records, first, created="2026-01-01T00:00:00.000Z")
    stix.write(built.records, second, created="2026-01-01T00:00:00.000Z")
    assert first.getvalue() == second.getvalue()
    assert stix.timestamp("2023") == "2023-01-01T00:00:00Z" and stix.timestamp("2023-02") == "2023-02-01T00:00:00Z"
