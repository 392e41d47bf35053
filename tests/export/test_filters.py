"""Export filters (--type --since --until --country --entity): the same slice in every format.

Events are chosen by their own values, and claims, contradictions, entities and documents
follow them. A filter value that cannot be used is a usage error, never an empty export.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.export import filters
from newsgraph.export.filters import Filter, FilterError

SAMPLES_ONLY = pytest.mark.parametrize("built", ["samples"], indirect=True)


def pick(built, **where) -> dict[str, list[dict]]:
    kept = filters.select(built.records, Filter.make(**where))
    return {kind: [r for r in kept if r["kind"] == kind] for kind in ("document", "entity", "event", "claim",
                                                                        "contradiction")}


def test_no_filter_keeps_everything_in_order(built):
    assert filters.select(built.records, Filter.make()) == built.records


def test_type_and_dates(built):
    commonest = max({e["type"] for e in built.of("event")}, key=lambda t: sum(e["type"] == t for e in built.of("event")))
    got = pick(built, types=[commonest])
    assert got["event"] and all(e["type"] == commonest for e in got["event"])
    sides = {i for x in got["contradiction"] for i in x["items"]}
    assert all(c["event"] in {e["id"] for e in got["event"]} or c["id"] in sides for c in got["claim"])
    dated = sorted(e["date"]["value"] for e in built.of("event") if e["date"])
    year = dated[len(dated) // 2][:4]
    got = pick(built, since=year, until=year)
    assert got["event"] and all(e["date"]["value"][:4] == year for e in got["event"])
    later = pick(built, since=f"{year}-06")
    assert all(e["date"]["value"] >= f"{year}-06" or e["date"]["value"] == year for e in later["event"])


def test_country_and_entity(built):
    countries = [e["location"]["country"] for e in built.of("event") if (e["location"] or {}).get("country")]
    country = max(set(countries), key=countries.count)
    got = pick(built, country=country.lower())
    assert len(got["event"]) == countries.count(country)
    agents = [p["entity"] for e in built.of("event") for p in e["agents"] if p["entity"]]
    who = max(set(agents), key=agents.count)
    record = next(e for e in built.of("entity") if e["id"] == who)
    by_id, by_name = pick(built, entity=who), pick(built, entity=record["name"].upper())
    assert by_id == by_name and record in by_id["entity"]
    assert all(who in filters.participants(e) for e in by_id["event"])
    docs = {d for r in by_id["event"] + by_id["claim"] + by_id["entity"] for d in filters.documents_of(r)}
    assert {d["id"] for d in by_id["document"]} == docs


def test_a_slice_refers_only_to_records_it_holds(built):
    country = next(e["location"]["country"] for e in built.of("event") if (e["location"] or {}).get("country"))
    for where in ({"country": country}, {"types": ["killing", "bombing"]}, {"since": "2022", "until": "2023"}):
        got = pick(built, **where)
        entities = {e["id"] for e in got["entity"]}
        claims, events = {c["id"] for c in got["claim"]}, {e["id"] for e in got["event"]}
        sides = {i for x in got["contradiction"] for i in x["items"]}  # a dispute's claims come with it, and
        for r in got["event"] + got["claim"] + got["contradiction"]:  # may be about events outside the slice
            assert set(filters.participants(r)) <= entities, (where, r["id"])
            assert not r.get("event") or r["event"] in events or r["id"] in sides, (where, r["id"])
            assert filters.documents_of(r) <= {d["id"] for d in got["document"]}, (where, r["id"])
        for x in got["contradiction"]:
            assert {i for i in x["items"] if i.startswith("c_")} <= claims, (where, x["id"])


def test_entity_types_keep_only_those_entities(built):
    got = pick(built, types=["PERSON"])
    assert got["entity"] and all(e["type"] == "PERSON" for e in got["entity"])
    assert len(got["event"]) == len(built.of("event"))


@SAMPLES_ONLY
def test_a_contradiction_follows_its_event(built):
    disputed = next(x for x in built.of("contradiction") if x["event"])
    event = next(e for e in built.of("event") if e["id"] == disputed["event"])
    got = pick(built, since=event["date"]["value"], until=event["date"]["value"], types=[event["type"]])
    assert disputed in got["contradiction"] and event in got["event"]


@pytest.mark.parametrize("where, message", [
    ({"types": ["bomb"]}, "unknown type 'bomb'"), ({"since": "March 2023"}, "YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"country": "Pakistan"}, "two-letter ISO 3166 code"),
])
def test_bad_values_are_refused(where, message):
    with pytest.raises(FilterError, match=message):
        Filter.make(**where)


def test_the_cli_filters_every_format_alike(built, tmp_path):
    country = next(e["location"]["country"] for e in built.of("event") if (e["location"] or {}).get("country"))
    args = ["export", "--db", str(built.db), "--country", country]
    jsonl = CliRunner().invoke(main, args)
    events = [r for r in map(json.loads, jsonl.stdout.splitlines()) if r["kind"] == "event"]
    assert events and all(e["location"]["country"] == country for e in events)
    stix = json.loads(CliRunner().invoke(main, [*args, "--format", "stix"]).stdout)
    assert sum(o["type"] == "incident" for o in stix["objects"]) == len(events)
    unknown = CliRunner().invoke(main, ["export", "--db", str(built.db), "--entity", "No Such Person"])
    assert unknown.exit_code == 2 and "no entity record has the id, name or alias" in unknown.output
