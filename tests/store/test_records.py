"""Claim and event records as readers see them (issue 5 items 3 and 5).

- a claim is linked to the entity records it is about and, when it is about an event, to that
  event record; the event's status follows its claims (confirmed by whom, denied by whom);
- every event (and claim) says how many documents, distinct outlets and independent sources stand
  behind it, copies of one wire story counting once;
- values kept per source come with their evidence.

Every article here was written for these tests (invented people and outlets; real Pakistani
places). One real knowledge base is built for the module with ``KnowledgeBase.ingest(..., workers=1)``
and read with ``store.events.events``, ``store.claims.claims`` and the JSONL export records.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from scenarios import Built, ingest_items, pick

from newsgraph.export import jsonl
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Claim, Event
from newsgraph.store import claims as stored_claims
from newsgraph.store import events as stored_events




# One agency story, run nearly word for word by two outlets (one changes a word and adds a line).

ARTICLES = pick(
    'wire_a',
    'wire_b',
    'own_c',
    'own_d',
    'chilas_a',
    'chilas_b',
    'tirah_a',
    'tirah_b',
    'datta_a',
    'datta_b',
    'jamrud',
    'chaman',
    'bannu',
    'kech',
    'durrani',
)


@dataclass(repr=False)
class KB(Built):
    events: list[tuple[Event, dict]]
    claims: list[Claim]
    exported: list[dict]

    def event(self, name: str, phrase: str) -> tuple[Event, dict]:
        doc = self.docs[name]
        hits = {ev.id: (ev, sup) for ev, sup in self.events for e in ev.evidence if e.doc == doc and phrase in e.text}
        there = [[e.text for e in ev.evidence if e.doc == doc] for ev, _ in self.events
                 if any(e.doc == doc for e in ev.evidence)]
        assert hits, f"no event evidence containing {phrase!r} in {name}; events there: {there}"
        assert len(hits) == 1, [ev.id for ev, _ in hits.values()]
        return next(iter(hits.values()))

    def claim(self, name: str, phrase: str) -> Claim:
        doc = self.docs[name]
        hits = [c for c in self.claims if any(s["evidence"]["doc"] == doc and phrase in s["text"] for s in c.statements)]
        assert len(hits) == 1, (name, phrase, [(c.source.name, c.stance, c.text) for c in self.claims
                                               if any(e.doc == doc for e in c.evidence)])
        return hits[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> KB:
    db, docs, texts = ingest_items(tmp_path_factory.mktemp("records"), ARTICLES)
    with KnowledgeBase(db) as kb:
        return KB(db, docs, {v: k for k, v in docs.items()}, texts,
                  list(stored_events.events(kb.conn)), list(stored_claims.claims(kb.conn)),
                  list(jsonl.records(kb.conn)))


# --------------------------------------------------------------------------- corroboration (issue 5.5)

CORROBORATION = [
    # event (article, phrase), articles that must be in it, documents, outlets, independent sources
    pytest.param(("wire_a", "roadside bomb struck"), ["wire_a", "wire_b", "own_c", "own_d"], 4, 3, 3,
                 id="one wire story in two outlets + an outlet's own two reports"),
    pytest.param(("chilas_a", "ambushed a passenger bus"), ["chilas_a", "chilas_b"], 2, 1, 2,
                 id="one outlet named only by its metadata, two reports"),
    pytest.param(("datta_a", "struck a militant hideout"), ["datta_a", "datta_b"], 2, 2, 2,
                 id="two outlets, their own words"),
    pytest.param(("bannu", "killed 47"), ["bannu"], 1, 1, 1, id="a single report"),
]


@pytest.mark.parametrize("anchor, articles, documents, outlets, independent", CORROBORATION)
def test_event_corroboration(built, anchor, articles, documents, outlets, independent):
    ev, sup = built.event(*anchor)
    in_record = {s["doc"] for s in sup["by_source"]}
    assert {built.docs[n] for n in articles} <= in_record, sorted(built.names.get(d, d) for d in in_record)
    expected = {"documents": documents, "outlets": outlets, "independent": independent}
    assert sup["corroboration"] == expected, (sup["corroboration"], sorted({s["source"] for s in sup["by_source"]}))


def test_every_event_record_counts_its_support(built):
    for ev, sup in built.events:
        c = sup["corroboration"]
        assert 1 <= c["independent"] <= c["documents"] and 1 <= c["outlets"] <= c["documents"], (ev.id, c)
        assert c["documents"] == len({e.doc for e in ev.evidence})


def exported_claims(built: KB) -> list[dict]:
    return [r for r in built.exported if r["kind"] == "claim"]


def test_every_claim_record_counts_its_support(built):
    missing = [c["id"] for c in exported_claims(built) if not isinstance(c.get("corroboration"), dict)
               or not all(isinstance(c["corroboration"].get(k), int) and c["corroboration"][k] >= 1
                          for k in ("documents", "outlets", "independent"))]
    assert not missing, f"{len(missing)} of {len(exported_claims(built))} claim records have no corroboration counts"


def test_a_claim_carried_by_two_copies_of_a_wire_story_is_one_independent_source(built):
    """The officials' statement of the wire story, in both copies: two documents, two outlets, one source."""
    wire_docs = {built.docs["wire_a"], built.docs["wire_b"]}
    hits = [c for c in exported_claims(built) if c["source"]["name"] == "officials"
            and any(e["doc"] in wire_docs for e in c["evidence"])]
    assert hits, [(c["source"]["name"], c["text"][:60]) for c in exported_claims(built)]
    for c in hits:
        assert c.get("corroboration") == {"documents": 2, "outlets": 2, "independent": 1}, \
            (c["id"], c.get("corroboration"))


# --------------------------------------------------------------------------- status from claims (issue 5.3)

STATUS = [
    # event (article, phrase), statuses allowed, confirmed_by must include, denied_by must include
    pytest.param(("jamrud", "blown up a school"), {"confirmed"}, {"provincial government"}, set(), id="confirmed only"),
    pytest.param(("chaman", "shelled a village"), {"denied"}, set(), {"Border officials"}, id="denied only"),
    pytest.param(("bannu", "killed 47"), {"reported"}, set(), set(), id="a plain report"),
    pytest.param(("tirah_a", "Zarak Gul Afridi"), {"confirmed", "denied"}, {"Security officials"}, {"Lashkar Qadim"},
                 id="confirmed in one outlet, denied in another (killing)"),
    pytest.param(("datta_a", "struck a militant hideout"), {"confirmed", "denied"}, {"military"}, {"Tribal elders"},
                 id="confirmed in one outlet, denied in another (strike)"),
    pytest.param(("kech", "carried out the attack"), {"reported", "confirmed"}, set(), set(),
                 id="responsibility denied: the attack itself is not"),
]


@pytest.mark.parametrize("anchor, statuses, confirmed, denied", STATUS)
def test_event_status_follows_its_claims(built, anchor, statuses, confirmed, denied):
    ev, sup = built.event(*anchor)
    got = {"status": ev.status, "confirmed_by": sup["confirmed_by"], "denied_by": sup["denied_by"]}
    assert ev.status in statuses, got
    assert confirmed <= set(sup["confirmed_by"]), got
    assert denied <= set(sup["denied_by"]), got
    if not denied:
        assert not sup["denied_by"], got


# --------------------------------------------------------------------------- claims linked to entities and events

LINKS = [
    # claim (article, phrase of a statement), stance, names it must be about, event (article, phrase) or None
    pytest.param(("tirah_a", "Zarak Gul Afridi was killed"), "confirms", ["Zarak Gul Afridi"],
                 ("tirah_a", "Zarak Gul Afridi"), id="a confirmation of a killing"),
    pytest.param(("tirah_b", "Zarak Gul Afridi had been killed"), "denies", ["Zarak Gul Afridi"],
                 ("tirah_a", "Zarak Gul Afridi"), id="a denial of that killing, in another outlet"),
    pytest.param(("datta_b", "struck a hideout"), "denies", ["Datta Khel"], ("datta_a", "struck a militant hideout"),
                 id="a denial of a strike, in another outlet"),
    pytest.param(("jamrud", "blown up a school"), "confirms", ["Jamrud"], ("jamrud", "blown up a school"),
                 id="a confirmation"),
    pytest.param(("bannu", "killed 47"), "asserts", ["Bannu"], ("bannu", "killed 47"), id="a police report"),
    pytest.param(("durrani", "chief commander"), "asserts", ["Waqas Durrani", "Jaish Frontier"], None,
                 id="a statement about a person's role, about no event"),
]


@pytest.mark.parametrize("anchor, stance, about, event", LINKS)
def test_claim_is_linked_to_its_entities_and_event(built, anchor, stance, about, event):
    claim = built.claim(*anchor)
    got = {"stance": claim.stance, "about": [(p.name, p.entity) for p in claim.about], "event": claim.event}
    assert claim.stance == stance, got
    names = [p.name for p in claim.about]
    assert all(any(n in name for name in names) for n in about), got
    assert all(p.entity for p in claim.about if any(n in p.name for n in about)), got  # entity records, not words
    expected = built.event(*event)[0].id if event else None
    assert claim.event == expected, got


def test_claims_of_two_outlets_point_to_one_entity_record_and_one_event_record(built):
    confirm = built.claim("tirah_a", "Zarak Gul Afridi was killed")
    deny = built.claim("tirah_b", "Zarak Gul Afridi had been killed")
    ev, sup = built.event("tirah_a", "Zarak Gul Afridi")
    person = {p.entity for p in confirm.about if "Zarak Gul Afridi" in p.name}
    assert person and person == {p.entity for p in deny.about if "Zarak Gul Afridi" in p.name}
    assert person <= {v.entity for v in ev.victims}, [(v.name, v.entity) for v in ev.victims]
    assert confirm.event == deny.event == ev.id
    # the event record lists the statements about it
    statement_ids = {s["id"] for s in confirm.statements + deny.statements}
    assert statement_ids <= set(sup["claim_statements"])


def test_a_claim_record_is_one_sources_statements_with_one_stance_in_one_article(built):
    doc = built.docs["wire_a"]
    official = [c for c in built.claims if c.source.name == "local administration official"
                and all(e.doc == doc for e in c.evidence)]
    assert len(official) == 1, [(c.source.name, c.text) for c in built.claims if any(e.doc == doc for e in c.evidence)]
    texts = [s["text"] for s in official[0].statements]
    assert any("blast hit the vehicle" in t for t in texts) and any("cordoned off" in t for t in texts), texts


def test_claim_and_statement_evidence_is_the_document_text(built):
    for c in built.claims:
        for e in c.evidence:
            assert built.texts[e.doc][e.start:e.end] == e.text, (c.id, e)
        for s in c.statements:
            ev = s["evidence"]
            assert built.texts[ev["doc"]][ev["start"]:ev["end"]] == ev["text"], (c.id, s["id"])
            assert s["event"] is None or s["event"] in {e.id for e, _ in built.events}


# --------------------------------------------------------------------------- per-source values carry evidence

def test_every_per_source_value_carries_its_evidence(built):
    """by_source keeps each source's values "with their evidence": a span of that source's document."""
    ev, sup = built.event("wire_a", "roadside bomb struck")
    lacking = []
    for s in sup["by_source"]:
        e = s.get("evidence")
        if not (isinstance(e, dict) and e.get("doc") == s["doc"]
                and built.texts[s["doc"]][e["start"]:e["end"]] == e["text"]):
            lacking.append({k: s[k] for k in ("doc", "fatalities", "date", "place")})
    assert not lacking, {"by_source keys": sorted(sup["by_source"][0]), "without evidence": lacking[:3]}
