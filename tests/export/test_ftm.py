"""ftm: every FollowTheMoney entity is valid for the ``followthemoney`` library, and no cleaning
drops or changes a value. Required properties are there, and every reference names an entity of the
stream whose schema fits the property. The facts keep their evidence: mentions point to the
articles, and memberships, event reports and claim notes hold the stating sentences.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from newsgraph.export.ftm import ftm_id

ftm = pytest.importorskip("followthemoney")


def read(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_entity_is_valid_and_clean(built):
    from followthemoney import model

    entities = read(built.files["ftm"])
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities) == built.counts["ftm"]["entities"]
    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e
        schema.validate(e)  # raises InvalidData on a bad value
        assert model.get_proxy(e, cleaned=False).to_dict()["properties"] == e["properties"], e
        assert all(e["properties"].get(p) for p in schema.required), e
        for name, values in e["properties"].items():
            prop = schema.properties[name]
            if prop.type.name == "entity":
                for ref in values:
                    assert ref in by_id and model.get(by_id[ref]["schema"]).is_a(prop.range), (e["id"], name, ref)


def test_records_map_to_their_schemata(built):
    entities = {e["id"]: e for e in read(built.files["ftm"])}
    schemata = Counter(e["schema"] for e in entities.values())
    wanted = {"PERSON": "Person", "ORG": "Organization", "GPE": "Address", "LOC": "Address", "FAC": "Address"}
    for record in built.of("entity"):
        assert entities[ftm_id(record["id"])]["schema"] == wanted[record["type"]]
    assert schemata["Event"] == len(built.of("event")) and schemata["Article"] == len(built.of("document"))
    assert schemata["Note"] == len(built.of("claim")) + len(built.of("contradiction"))
    assert schemata["Mention"] > 0 and schemata["Membership"] > 0


def test_facts_keep_their_evidence(built):
    entities = read(built.files["ftm"])
    text = {e["id"]: e for e in entities}
    mentions = [e for e in entities if e["schema"] == "Mention"]
    assert all(text[m["properties"]["document"][0]]["schema"] == "Article" for m in mentions)
    for event in built.of("event"):
        reports = [e for e in entities if e["schema"] == "Documentation"
                   and e["properties"]["entity"] == [ftm_id(event["id"])]]
        said = " ".join(d for r in reports for d in r["properties"].get("description", []))
        assert all(" ".join(ev["text"].split()) in said for ev in event["evidence"])
    for claim in built.of("claim"):
        note = text[ftm_id(claim["id"])]
        assert claim["stance"] in note["properties"]["name"][0]
        assert all(" ".join(ev["text"].split()) in note["properties"]["description"][0] for ev in claim["evidence"])
    for m in (e for e in entities if e["schema"] == "Membership"):
        assert m["properties"].get("description") and m["properties"].get("proof")
