"""The REST API against a real server on a free loopback port, over a knowledge base ingested
from the samples and our own articles (including one whose text carries markup)."""
from __future__ import annotations

import json
import os
import stat
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_server import server, web_kb  # noqa: E402,F401 - fixtures


def call(server, path: str, body: object | None = None, token: str | None = None,
         raw: bytes | None = None, headers: dict | None = None) -> tuple[int, dict | str, dict]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(server.url + path, data=data, method="POST" if data is not None else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            status, text, hdrs = res.status, res.read().decode(), dict(res.headers)
    except urllib.error.HTTPError as exc:
        status, text, hdrs = exc.code, exc.read().decode(), dict(exc.headers)
    try:
        return status, json.loads(text), hdrs
    except json.JSONDecodeError:
        return status, text, hdrs


def get(server, path: str) -> dict:
    status, body, _ = call(server, path)
    assert status == 200, (path, body)
    return body


def test_openapi_docs_are_served_locally(server):
    status, html, headers = call(server, "/docs")
    assert status == 200 and "/static/swagger/swagger-ui-bundle.js" in html and "http" not in html.split("<body>")[1]
    assert "/api/entities/{entity_id}" in get(server, "/openapi.json")["paths"]
    assert call(server, "/static/swagger/swagger-ui-bundle.js")[0] == 200


def test_documents_paginated_with_annotations(server):
    first = get(server, "/api/documents?limit=5")
    assert first["total"] == 17 and len(first["items"]) == 5 and first["offset"] == 0
    rest = get(server, "/api/documents?offset=5&limit=100")
    assert {d["id"] for d in first["items"]}.isdisjoint({d["id"] for d in rest["items"]})
    doc = get(server, f"/api/documents/{first['items'][0]['id']}")
    notes = doc["annotations"]
    assert notes["mentions"] and all(doc["text"][m["start"]:m["end"]] == m["text"] for m in notes["mentions"])
    assert call(server, "/api/documents/d_nope")[0] == 404


def test_search_and_bad_query_is_400(server):
    hits = get(server, "/api/search?q=drone")
    assert hits["total"] >= 1 and "[" in hits["items"][0]["snippet"]
    for bad in ('"unbalanced', "AND", "(("):
        status, body, _ = call(server, "/api/search?q=" + urllib.request.quote(bad))
        assert status == 400 and "detail" in body, (bad, body)
    assert call(server, "/api/search?q=" + "a" * 600)[0] == 400
    assert call(server, "/api/search")[0] == 400


def test_entities_filter_and_profile(server):
    orgs = get(server, "/api/entities?type=ORG&limit=500")["items"]
    assert orgs and all(e["type"] == "ORG" for e in orgs)
    ttp = get(server, "/api/entities?name=Taliban")["items"]
    assert ttp and all("taliban" in (e["name"] + " ".join(e["aliases"])).lower() for e in ttp)
    with_alias = get(server, "/api/entities?alias=TTP")["items"]
    assert with_alias and all(any("ttp" in a.lower() for a in e["aliases"]) for e in with_alias)
    profile = get(server, f"/api/entities/{with_alias[0]['id']}")
    for key in ("aliases", "alias_evidence", "affiliations", "mentions", "events", "claims_by", "claims_about"):
        assert key in profile
    assert profile["events"] or profile["claims_by"] or profile["claims_about"]
    assert call(server, "/api/entities/e_missing")[0] == 404


def test_events_filters_sort_geojson_timeline(server):
    everything = get(server, "/api/events?limit=500")
    assert everything["total"] > 10
    bombings = get(server, "/api/events?type=bombing&limit=500")["items"]
    assert bombings and all(e["type"] == "bombing" for e in bombings)
    ranged = get(server, "/api/events?since=2024-01-01&until=2024-12-31&limit=500")["items"]
    assert ranged and all("2024" <= e["date"]["value"] <= "2024-12-31" for e in ranged)
    af = get(server, "/api/events?country=AF&limit=500")["items"]
    assert af and all(e["location"]["country"] == "AF" for e in af)
    jal = get(server, "/api/events?place=jalalabad&admin1=nangar&limit=500")["items"]
    assert jal and all("Jalalabad" in e["location"]["name"] for e in jal)
    deadly = get(server, "/api/events?sort=fatalities&order=desc&limit=500")["items"]
    tolls = [(e["fatalities"] or {}).get("max") or (e["fatalities"] or {}).get("min") or 0 for e in deadly]
    assert tolls == sorted(tolls, reverse=True) and tolls[0] > 0
    assert call(server, "/api/events?since=yesterday")[0] == 400
    geo = get(server, "/api/events.geojson")
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    weeks = get(server, "/api/timeline")["weeks"]
    assert weeks and all(sum(w["counts"].values()) == w["total"] for w in weeks)


def test_actor_filter_claims_contradictions_stats_graph(server):
    isk = get(server, "/api/entities?name=Khorasan")["items"][0]
    by_actor = get(server, f"/api/events?actor={isk['id']}&limit=500")["items"]
    assert by_actor and all(isk["id"] in {p["entity"] for p in e["agents"] + e["victims"]} for e in by_actor)
    claims = get(server, "/api/claims?stance=denies&limit=500")["items"]
    assert claims and all(c["stance"] == "denies" for c in claims)
    contra = get(server, "/api/contradictions")["items"]
    toll = [c for c in contra if c["field"] == "fatalities"]
    assert toll and {s["position"] for s in toll[0]["sides"]} >= {"12", "19"}
    stats = get(server, "/api/stats")
    assert stats["counts"]["documents"] == 17 and stats["events_by_type"]
    graph = get(server, "/api/graph")
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids and e["weight"] >= 1
                                  for e in graph["edges"])
    assert {e["kind"] for e in graph["edges"]} <= {"affiliation", "event"}


def test_security_headers_and_escaped_article(server):
    docs = get(server, "/api/documents?limit=100")["items"]
    xss = next(d for d in docs if d["source"].endswith("xss.txt"))
    status, html, headers = call(server, f"/documents/{xss['id']}")
    assert status == 200
    assert "<script>document" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    csp = headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    assert headers.get("x-content-type-options") == "nosniff"
    status, html, _ = call(server, "/search?q=" + urllib.request.quote('"<script>'))
    assert "<script>" not in html.split("</head>")[1].replace('<script src="/static/app.js" defer></script>', "")


def test_token_file_is_owner_only_and_writes_need_it(server):
    path = Path(str(server.db) + ".token")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(server.token) >= 32
    event = get(server, "/api/events?limit=1")["items"][0]
    body = {"target": event["id"], "action": "confirm", "note": "seen"}
    assert call(server, "/api/review/verdict", body)[0] == 401
    assert call(server, "/api/review/verdict", body, token="wrong")[0] == 401
    assert call(server, "/api/review/verdict", body, token=server.token)[0] == 201


def test_request_size_limits(server):
    big = json.dumps({"target": "v_x", "action": "confirm", "note": "x" * 100_000}).encode()
    assert call(server, "/api/review/verdict", raw=big, token=server.token)[0] == 413
    assert call(server, "/api/search?q=" + "a" * 5000)[0] == 414
    status, body, _ = call(server, "/api/review/verdict", raw=b"{not json", token=server.token)
    assert status == 400


def test_review_verdict_edit_merge_undo_audited(server):
    t = server.token
    event = next(e for e in get(server, "/api/events?place=jalalabad&limit=50")["items"] if e["fatalities"])
    status, out, _ = call(server, "/api/review/verdict",
                          {"target": event["id"], "action": "reject", "note": "duplicate report", "who": "ana"}, t)
    assert status == 201 and out["audit"]["who"] == "ana" and out["audit"]["note"] == "duplicate report"
    assert get(server, f"/api/events/{event['id']}")["review"]["verdict"] == "rejected"
    status, edit, _ = call(server, "/api/review/edit",
                           {"target": event["id"], "field": "fatalities", "value": 19, "note": "hospital figure"}, t)
    assert status == 201 and get(server, f"/api/events/{event['id']}")["fatalities"] == {"min": 19, "max": 19}
    assert call(server, "/api/review/edit", {"target": event["id"], "field": "nonsense", "value": 1}, t)[0] == 400
    assert call(server, "/api/review/undo", {"entry": edit["entry"]}, t)[0] == 201
    assert get(server, f"/api/events/{event['id']}")["fatalities"] == event["fatalities"]
    assert call(server, "/api/review/undo", {"entry": edit["entry"]}, t)[0] == 400  # already undone
    a, b = get(server, "/api/entities?type=ORG&limit=2")["items"]
    both = len(get(server, f"/api/entities/{a['id']}")["members"]) + len(get(server, f"/api/entities/{b['id']}")["members"])
    status, merged, _ = call(server, "/api/review/merge", {"keep": a["id"], "other": b["id"], "note": "same"}, t)
    assert status == 201 and call(server, f"/api/entities/{b['id']}")[0] == 404
    assert len(get(server, f"/api/entities/{a['id']}")["members"]) == both
    call(server, "/api/review/undo", {"entry": merged["entry"], "note": "not the same"}, t)
    back = get(server, f"/api/entities/{b['id']}")
    assert back["name"] == b["name"] and len(back["mentions"]) == len(b["mentions"])
    log = get(server, "/api/audit")["items"]
    assert [e["action"] for e in log][:2] == ["undo", "merge"] and log[1]["undone_at"]


def test_review_survives_reprocessing(server):
    """The same articles ingested again (and one more) keep every verdict and edit."""
    from newsgraph.kb import KnowledgeBase
    from newsgraph.store import review

    t = server.token
    claim = get(server, "/api/claims?limit=1")["items"][0]
    call(server, "/api/review/verdict", {"target": claim["id"], "action": "confirm", "note": "checked"}, t)
    event = get(server, "/api/events?type=bombing&limit=1")["items"][0]
    call(server, "/api/review/edit", {"target": event["id"], "field": "date", "value": "2023-01-30"}, t)
    repo = Path(__file__).resolve().parents[2]
    extra = server.db.parent / "extra"
    extra.mkdir()
    (extra / "more.txt").write_text("Curfew lifted in Bannu\n\nPublished June 1, 2024\n\nBANNU: Officials lifted a "
                                    "curfew on Saturday after three days of calm, police said.\n", encoding="utf-8")
    with KnowledgeBase(server.db) as kb:
        again = kb.ingest([str(repo / "samples"), str(extra)], workers=1)
        assert again.duplicates >= 14 and again.ingested == 1
        assert review.history(kb.conn, claim["id"])
    kept = {c["id"]: c for c in get(server, "/api/claims?limit=500")["items"]}
    assert kept[claim["id"]]["review"]["verdict"] == "confirmed"
    assert get(server, f"/api/events/{event['id']}")["date"]["value"] == "2023-01-30"


def test_review_split_and_undo(server):
    """One article's entity taken out of a record becomes a record of its own; undo puts it back."""
    t = server.token
    record = next(e for e in get(server, "/api/entities?limit=200")["items"]
                  if len(get(server, f"/api/entities/{e['id']}")["members"]) >= 2)
    members = get(server, f"/api/entities/{record['id']}")["members"]
    local = members[-1]["local"]
    status, out, _ = call(server, "/api/review/split", {"local": local, "note": "another man"}, t)
    assert status == 201 and out["audit"]["action"] == "split"
    after = get(server, f"/api/entities/{record['id']}")["members"]
    assert local not in [m["local"] for m in after] and len(after) == len(members) - 1
    assert call(server, "/api/review/split", {"local": local}, None)[0] in (401, 403)  # writes need the token
    assert call(server, "/api/review/undo", {"entry": out["entry"], "note": "same man after all"}, t)[0] == 201
    back = get(server, f"/api/entities/{record['id']}")["members"]
    assert sorted(m["local"] for m in back) == sorted(m["local"] for m in members)


def test_an_analysts_edit_and_verdict_travel_into_the_export(server):
    """What an analyst corrects in the web app is what the jsonl export says, with the verdict beside it."""
    from newsgraph.export import jsonl
    from newsgraph.kb import KnowledgeBase

    t = server.token
    event = next(e for e in get(server, "/api/events?limit=200")["items"] if e["date"])
    call(server, "/api/review/verdict", {"target": event["id"], "action": "confirm", "note": "checked on video"}, t)
    status, edit, _ = call(server, "/api/review/edit",
                           {"target": event["id"], "field": "date", "value": "2021-06"}, t)
    assert status == 201
    with KnowledgeBase(server.db, readonly=True) as kb:
        exported = next(r for r in jsonl.records(kb.conn) if r.get("id") == event["id"])
    assert exported["date"] == {"value": "2021-06", "precision": "month"}
    assert exported["review"]["verdict"] == "confirmed" and "date" in exported["review"]["edited"]
    call(server, "/api/review/undo", {"entry": edit["entry"]}, t)
