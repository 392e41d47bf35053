"""The kb-export JSONL contract, version 1 (``/work/shared/eval/README.md``), checked on a real export.

A knowledge base is built from articles written for these tests (events told by two outlets with
different tolls, a confirmation and a denial, a disputed role, two stories in one file, an undated
note) and exported with the console script, ``newsgraph export --format jsonl``. Every record must
carry the contract's required keys with the contract's types; every evidence span's text must be
the document's text at that span; every id a record refers to must be a record of the same export.
"""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from scenarios import pick

from support import run_cli, write
from newsgraph.kb import KnowledgeBase
from newsgraph.records import DATE_PRECISIONS, ENTITY_TYPES, EVENT_STATUSES, EVENT_TYPES, STANCES




JSONL_ARTICLES = pick(
    'bannu_a',
    'bannu_b',
    'datta_a',
    'datta_b',
    'role',
)

TWO_STORIES = """Police arrest suspect in Zhob

Published June 5, 2023

ZHOB: Security forces arrested Fazal Rabbani Kakar, a commander of the Ghazi Liberation Army, in Zhob on Sunday, police said.

Officials said Kakar, also known as Abu Talha, had planned attacks on polio teams.

He was taken to Quetta for questioning, and his family was not told where he was being held.

Elders hold talks in Parachinar

Published June 6, 2023

PARACHINAR: Tribal elders held talks with district officials in Parachinar on Monday to end a land dispute, a government spokesman said.

The elders agreed to meet again next week.
"""

UNDATED = """Aid convoy reaches Sadda

A convoy of lorries carrying flour and medicine reached Sadda after a three-day journey, aid workers said.

Drivers said the road had been closed for weeks.
"""

REQUIRED = {
    "document": ("id", "source", "parent", "title", "published", "outlet", "author", "url"),
    "entity": ("id", "type", "name", "aliases", "affiliations", "mentions", "geo"),
    "event": ("id", "type", "date", "location", "agents", "victims", "fatalities", "injured", "status", "evidence"),
    "claim": ("id", "source", "stance", "about", "event", "text", "evidence"),
    "contradiction": ("id", "about", "field", "items", "docs", "summary"),
}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
VALUE_OF = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
            "year": re.compile(r"^\d{4}$")}
VALUE_FIELDS = {"fatalities", "injured", "date", "location", "release_date"}


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("export_contract")
    folder, db, out = root / "articles", root / "kb.sqlite", root / "export.jsonl"
    for name, spec in JSONL_ARTICLES.items():
        write(folder / f"{name}.jsonl", json.dumps(spec) + "\n")
    write(folder / "two_stories.txt", TWO_STORIES)
    write(folder / "undated.txt", UNDATED)
    proc = run_cli("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("export", "--format", "jsonl", "-o", str(out), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    with KnowledgeBase(db, readonly=True) as kb:
        texts = {d.id: d.text for d in kb.documents()}
    return {"records": records, "texts": texts, "lines": lines}


def of(export: dict, kind: str) -> list[dict]:
    return [r for r in export["records"] if r.get("kind") == kind]


def ids(export: dict, kind: str) -> set[str]:
    return {r["id"] for r in of(export, kind)}


def is_opt_str(v: object) -> bool:
    return v is None or isinstance(v, str)


def is_int_or_none(v: object) -> bool:
    return v is None or (isinstance(v, int) and not isinstance(v, bool))


def evidence_ok(e: object) -> bool:
    return (isinstance(e, dict) and isinstance(e.get("doc"), str) and isinstance(e.get("text"), str)
            and all(isinstance(e.get(k), int) and not isinstance(e.get(k), bool) for k in ("start", "end"))
            and 0 <= e["start"] < e["end"])


def participant_ok(p: object) -> bool:
    return isinstance(p, dict) and "entity" in p and is_opt_str(p["entity"]) and isinstance(p.get("name"), str)


def range_ok(r: object) -> bool:
    if r is None:
        return True
    return (isinstance(r, dict) and "min" in r and "max" in r and is_int_or_none(r["min"]) and is_int_or_none(r["max"])
            and (r["min"] is None or r["max"] is None or r["min"] <= r["max"]))


def type_errors(r: dict) -> list[str]:
    """What in one record breaks the contract's types (its required keys are checked apart)."""
    kind, bad = r["kind"], []

    def check(ok: bool, what: str) -> None:
        if not ok:
            bad.append(f"{what}: {r.get(what.split('[')[0].split('.')[0])!r}"[:200])

    check(isinstance(r.get("id"), str) and bool(r["id"]), "id")
    if kind == "document":
        check(isinstance(r["source"], str) and bool(r["source"]), "source")
        for k in ("parent", "title", "outlet", "author", "url"):
            check(is_opt_str(r[k]), k)
        check(r["published"] is None or (isinstance(r["published"], str) and bool(ISO.match(r["published"]))),
              "published")
    elif kind == "entity":
        check(r["type"] in ENTITY_TYPES, "type")
        check(isinstance(r["name"], str) and bool(r["name"].strip()), "name")
        check(isinstance(r["aliases"], list) and all(isinstance(a, str) for a in r["aliases"]), "aliases")
        check(isinstance(r["affiliations"], list) and all(
            isinstance(a, dict) and is_opt_str(a.get("org")) and isinstance(a.get("org_name"), str)
            and "role" in a and is_opt_str(a["role"]) for a in r["affiliations"]), "affiliations")
        check(isinstance(r["mentions"], list) and bool(r["mentions"]) and all(map(evidence_ok, r["mentions"])),
              "mentions")
        geo = r["geo"]
        if r["type"] in ("GPE", "LOC", "FAC"):
            check(geo is None or (isinstance(geo, dict) and all(k in geo for k in
                                                               ("lat", "lon", "admin1", "country", "geonames_id"))
                                  and all(isinstance(geo[k], (int, float)) for k in ("lat", "lon"))), "geo")
        else:
            check(geo is None, "geo")
    elif kind == "event":
        check(r["type"] in EVENT_TYPES, "type")
        d = r["date"]
        check(d is None or (isinstance(d, dict) and d.get("precision") in DATE_PRECISIONS
                            and isinstance(d.get("value"), str) and bool(VALUE_OF[d["precision"]].match(d["value"]))),
              "date")
        loc = r["location"]
        check(loc is None or (isinstance(loc, dict) and isinstance(loc.get("name"), str)
                              and all(k in loc for k in ("admin1", "country", "lat", "lon"))), "location")
        check(isinstance(r["agents"], list) and all(map(participant_ok, r["agents"])), "agents")
        check(isinstance(r["victims"], list) and all(map(participant_ok, r["victims"])), "victims")
        check(range_ok(r["fatalities"]), "fatalities")
        check(range_ok(r["injured"]), "injured")
        check(r["status"] in EVENT_STATUSES, "status")
        check(isinstance(r["evidence"], list) and bool(r["evidence"]) and all(map(evidence_ok, r["evidence"])),
              "evidence")
    elif kind == "claim":
        check(participant_ok(r["source"]) and bool(r["source"]["name"].strip()), "source")
        check(r["stance"] in STANCES, "stance")
        check(isinstance(r["about"], list) and all(map(participant_ok, r["about"])), "about")
        check(is_opt_str(r["event"]), "event")
        check(isinstance(r["text"], str) and bool(r["text"].strip()), "text")
        check(isinstance(r["evidence"], list) and bool(r["evidence"]) and all(map(evidence_ok, r["evidence"])),
              "evidence")
    elif kind == "contradiction":
        check(isinstance(r["about"], list) and bool(r["about"]) and all(map(participant_ok, r["about"])), "about")
        check(isinstance(r["field"], str) and bool(r["field"]), "field")
        check(isinstance(r["items"], list) and len(r["items"]) >= 2 and all(isinstance(i, str) for i in r["items"]),
              "items")
        check(isinstance(r["docs"], list) and bool(r["docs"]) and all(isinstance(d, str) for d in r["docs"]), "docs")
        check(isinstance(r["summary"], str) and bool(r["summary"].strip()), "summary")
        if r["field"] in VALUE_FIELDS:  # a disagreement about an event's value names the event record
            check(isinstance(r.get("event"), str), "event")
    return bad


def evidence_of(r: dict) -> list[tuple[str, dict]]:
    """Every evidence span anywhere in a record, with where it sits."""
    out: list[tuple[str, dict]] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            if {"doc", "start", "end", "text"} <= set(value):
                out.append((where, value))
                return
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    walk({k: v for k, v in r.items() if k != "kind"}, r.get("id", "?"))
    return out


# --------------------------------------------------------------------------- the file

def test_every_line_is_one_json_object_with_a_kind(export):
    assert export["records"][0] == {"kind": "meta", "format": "kb-export", "version": 1}
    assert all(isinstance(r, dict) and isinstance(r.get("kind"), str) for r in export["records"])
    assert all(line.strip() for line in export["lines"])


def test_every_kind_is_present(export):
    kinds = Counter(r["kind"] for r in export["records"])
    for kind in REQUIRED:
        assert kinds[kind] >= 1, kinds
    assert kinds["document"] == len(JSONL_ARTICLES) + 3  # two stories in one file give two documents


def test_ids_are_unique(export):
    counted = Counter(r["id"] for r in export["records"] if "id" in r)
    assert not [i for i, n in counted.items() if n > 1]


# --------------------------------------------------------------------------- required keys and types

@pytest.mark.parametrize("kind", list(REQUIRED))
def test_required_keys(export, kind):
    missing = {r["id"]: [k for k in REQUIRED[kind] if k not in r] for r in of(export, kind)}
    assert not {i: m for i, m in missing.items() if m}


@pytest.mark.parametrize("kind", list(REQUIRED))
def test_types(export, kind):
    bad = {r["id"]: errs for r in of(export, kind) if all(k in r for k in REQUIRED[kind]) if (errs := type_errors(r))}
    assert not bad


def test_documents_of_one_file_share_the_source(export):
    docs = of(export, "document")
    by_source = Counter(d["source"] for d in docs)
    assert by_source["two_stories.txt"] == 2 and by_source["undated.txt"] == 1, by_source
    assert {d["source"] for d in docs} >= {spec["url"] for spec in JSONL_ARTICLES.values()}
    undated = next(d for d in docs if d["source"] == "undated.txt")
    assert undated["published"] is None  # never the day it was ingested
    outlets = {d["source"]: d["outlet"] for d in docs}
    assert outlets["https://khybertimes.example/news/bannu-shooting"] == "Khyber Times"


# --------------------------------------------------------------------------- evidence

def test_every_evidence_span_is_the_document_text(export):
    texts, wrong, seen = export["texts"], [], 0
    for r in export["records"]:
        for where, e in evidence_of(r):
            seen += 1
            text = texts.get(e["doc"])
            if text is None or text[e["start"]:e["end"]] != e["text"]:
                wrong.append((where, e["doc"], e["start"], e["end"], e["text"][:60]))
    assert seen > 20
    assert not wrong, wrong[:5]


# --------------------------------------------------------------------------- references

def dangling(export: dict) -> list[tuple[str, str, str]]:
    docs, entities, events, claims = (ids(export, k) for k in ("document", "entity", "event", "claim"))
    out: list[tuple[str, str, str]] = []

    def need(rid: str, what: str, ref: object, pool: set[str]) -> None:
        if ref is not None and ref not in pool:
            out.append((rid, what, str(ref)))

    for r in export["records"]:
        rid = r.get("id", "?")
        for where, e in evidence_of(r):
            need(rid, where, e["doc"], docs)
        if r["kind"] == "entity":
            for a in r["affiliations"]:
                need(rid, "affiliations.org", a.get("org"), entities)
        elif r["kind"] == "event":
            for p in r["agents"] + r["victims"]:
                need(rid, "participant", p.get("entity"), entities)
        elif r["kind"] == "claim":
            need(rid, "source.entity", r["source"].get("entity"), entities)
            for p in r["about"]:
                need(rid, "about.entity", p.get("entity"), entities)
            need(rid, "event", r["event"], events)
        elif r["kind"] == "contradiction":
            for p in r["about"]:
                need(rid, "about.entity", p.get("entity"), entities)
            values = {v["id"] for e in of(export, "event") for v in e.get("by_source", [])}
            for i in r["items"]:  # claims, or the per-source values of an event (its by_source entries)
                need(rid, "items", i, claims | events | entities | values)
            for d in r["docs"]:
                need(rid, "docs", d, docs)
            need(rid, "event", r.get("event"), events)
    return out


@pytest.mark.parametrize("kind", ["entity", "event", "claim", "contradiction"])
def test_every_referenced_id_is_in_the_export(export, kind):
    kinds = {r.get("id"): r["kind"] for r in export["records"]}
    broken = [d for d in dangling(export) if kinds.get(d[0]) == kind]
    assert not broken, broken[:6]


def test_references_are_exercised(export):
    """The corpus does hold what the reference checks are about, so they are not vacuous."""
    assert any(a.get("org") for e in of(export, "entity") for a in e["affiliations"])
    assert any(c["event"] for c in of(export, "claim"))
    assert any(p.get("entity") for c in of(export, "claim") for p in c["about"])
    assert {c["field"] for c in of(export, "contradiction")} >= {"fatalities", "occurred"}
