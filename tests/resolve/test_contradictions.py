"""Contradictions within and across articles (issue 5 item 4), found on a real knowledge base.

(a) it happened / it did not; (b) conflicting values for one entity or event: role, date, death
toll, place, release date, responsibility. Each contradiction lists what stands on each side, with
the documents. Differences of precision ("2015" / "early 2015", a month / a day in it, "at least 12"
/ "12", a town / its province) are not contradictions.

Every article here was written for these tests (invented people, groups and outlets). They are
ingested with ``KnowledgeBase.ingest([folder], workers=1)``; contradictions are read with
``store.contradictions.contradictions``, claims with ``store.claims.claims`` and events with
``store.events.events``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from scenarios import Built, ingest_items, pick

from newsgraph.kb import KnowledgeBase
from newsgraph.records import Claim, Contradiction, Event
from newsgraph.store import claims as stored_claims
from newsgraph.store import contradictions as stored_contradictions
from newsgraph.store import events as stored_events




ARTICLES = pick(
    'datta_a',
    'datta_b',
    'tirah_a',
    'tirah_b',
    'khar',
    'role_one',
    'role_a',
    'role_b',
    'inv_one',
    'resp_a',
    'resp_b',
    'bannu_a',
    'bannu_b',
    'wana_a',
    'wana_b',
    'place_a',
    'place_b',
    'rel_a',
    'rel_b',
    'zhob_a',
    'zhob_b',
    'jadoon_a',
    'jadoon_b',
    'lango_a',
    'lango_b',
    'sukkur_a',
    'sukkur_b',
    'lakki_a',
    'lakki_b',
    'mardan_a',
    'mardan_b',
    'quetta_a',
    'quetta_b',
)


@dataclass(repr=False)
class KB(Built):
    found: list[Contradiction]
    claims: list[Claim]
    events: list[tuple[Event, dict]]

    def show(self, c: Contradiction) -> dict:
        return {"field": c.field, "docs": sorted(self.names.get(d, d) for d in c.docs),
                "about": [p.name for p in c.about], "items": list(c.items), "event": c.event, "summary": c.summary}

    def all(self) -> list[dict]:
        return [self.show(c) for c in self.found]

    def event(self, name: str, phrase: str) -> tuple[Event, dict]:
        doc = self.docs[name]
        hits = {ev.id: (ev, sup) for ev, sup in self.events
                for e in ev.evidence if e.doc == doc and phrase in e.text}
        assert len(hits) == 1, (name, phrase, list(hits))
        return next(iter(hits.values()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> KB:
    db, docs, texts = ingest_items(tmp_path_factory.mktemp("contradictions"), ARTICLES)
    with KnowledgeBase(db) as kb:
        return KB(db, docs, {v: k for k, v in docs.items()}, texts,
                  list(stored_contradictions.contradictions(kb.conn)),
                  list(stored_claims.claims(kb.conn)), list(stored_events.events(kb.conn)))


def fold(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", name.lower()))


def about_matches(c: Contradiction, wanted: str) -> bool:
    return any(fold(wanted) in fold(p.name) for p in c.about)


# --------------------------------------------------------------------------- must be found

MUST = [
    # field, articles on the two sides, a name the contradiction is about
    pytest.param("occurred", ["datta_a", "datta_b"], "Datta Khel", id="occurred: strike confirmed / denied, two outlets"),
    pytest.param("occurred", ["tirah_a", "tirah_b"], "Zarak Gul Afridi",
                 id="occurred: commander's killing confirmed / denied, two outlets"),
    pytest.param("occurred", ["khar"], "Rehmat Khan", id="occurred: killing reported / denied in one article"),
    pytest.param("role", ["role_one"], "Khalid Marwat", id="role: spokesman / no position, one article"),
    pytest.param("role", ["role_a", "role_b"], "Waqas Durrani", id="role: commander / not a commander, two outlets"),
    pytest.param("involvement", ["inv_one"], "Mazdoor Liberation Army",
                 id="responsibility: carried it out / not involved, one article"),
    pytest.param("involvement", ["resp_a", "resp_b"], "Sarhad Liberation Army",
                 id="responsibility: claimed / denied, two outlets"),
    pytest.param("fatalities", ["bannu_a", "bannu_b"], "Bannu", id="fatalities: 47 / 90, two outlets"),
    pytest.param("date", ["wana_a", "wana_b"], "Malik Sher Bahadur", id="date: April 10 / April 9, two outlets"),
    pytest.param("location", ["place_a", "place_b"], "Nadia Gulzar", id="place: Mingora / Peshawar, two outlets"),
    pytest.param("release_date", ["rel_a", "rel_b"], "Tariq Mehmood Sial",
                 id="release date: May 3 / June 20, two outlets"),
]


@pytest.mark.parametrize("field, articles, about", MUST)
def test_contradiction_is_found(built, field, articles, about):
    docs = {built.docs[n] for n in articles}
    hits = [c for c in built.found if c.field == field and docs <= set(c.docs) and about_matches(c, about)]
    near = [built.show(c) for c in built.found if set(c.docs) & docs]
    assert hits, f"no {field!r} contradiction about {about!r} over {articles}; contradictions touching them: {near}"


# --------------------------------------------------------------------------- must not be flagged

MUST_NOT = [
    # articles, field (None: any field)
    pytest.param(["zhob_a", "zhob_b"], None, id="a day and the month holding it"),
    pytest.param(["jadoon_a", "jadoon_b"], None, id="2015 and early 2015"),
    pytest.param(["lango_a", "lango_b"], None, id="release: May 2022 and May 3, 2022"),
    pytest.param(["sukkur_a", "sukkur_b"], None, id="'at least 12' and '12' dead"),
    pytest.param(["lakki_a", "lakki_b"], None, id="a district town and its province"),
    pytest.param(["mardan_a", "mardan_b"], None, id="one toll, two wordings of the event"),
    pytest.param(["tirah_a", "tirah_b"], "fatalities", id="one named man killed: no dispute over a toll"),
    pytest.param(["quetta_a", "quetta_b"], None, id="two different bombings: dates and tolls differ"),
    pytest.param(["bannu_a"], "occurred", id="a single outlet's plain report"),
]


@pytest.mark.parametrize("articles, field", MUST_NOT)
def test_no_contradiction_is_flagged(built, articles, field):
    docs = {built.docs[n] for n in articles}
    flagged = [built.show(c) for c in built.found if docs <= set(c.docs) and (field is None or c.field == field)]
    assert not flagged, flagged


# --------------------------------------------------------------------------- what each side holds

def test_statement_contradiction_lists_the_claims_on_each_side(built):
    docs = {built.docs["datta_a"], built.docs["datta_b"]}
    c = next(c for c in built.found if c.field == "occurred" and docs <= set(c.docs))
    ev, _ = built.event("datta_a", "struck a militant hideout")
    assert c.event == ev.id
    claims = {cl.id: cl for cl in built.claims}
    assert set(c.items) <= set(claims), [i for i in c.items if i not in claims]
    sides = {(claims[i].stance, claims[i].source.name, built.names[claims[i].evidence[0].doc]) for i in c.items}
    assert ("confirms", "military", "datta_a") in sides, sides
    assert ("denies", "Tribal elders", "datta_b") in sides, sides
    for i in c.items:  # each claim brings its evidence, in one of the contradiction's documents
        assert claims[i].evidence and all(e.doc in c.docs for e in claims[i].evidence)
    assert "military" in c.summary and "Tribal elders" in c.summary


def test_value_contradiction_lists_each_value_with_its_source(built):
    docs = {built.docs["bannu_a"], built.docs["bannu_b"]}
    c = next(c for c in built.found if c.field == "fatalities" and docs <= set(c.docs))
    ev, sup = built.event("bannu_a", "killed 47")
    assert c.event == ev.id
    assert re.search(r"\b47\b", c.summary) and re.search(r"\b90\b", c.summary), c.summary
    tolls = {s["doc"]: (s["fatalities"] or {}).get("min") for s in sup["by_source"]}
    assert tolls[built.docs["bannu_a"]] == 47 and tolls[built.docs["bannu_b"]] == 90


def test_role_contradiction_is_about_the_person_not_the_group(built):
    c = next((c for c in built.found if c.field == "role" and built.docs["role_one"] in c.docs), None)
    assert c is not None, built.all()
    assert about_matches(c, "Khalid Marwat") and not about_matches(c, "Ghazi Liberation Army"), built.show(c)
    speakers = {cl.source.name for cl in built.claims if cl.id in c.items}
    assert {"senior security official", "Hamid Zaheer"} <= speakers, speakers


def test_every_contradiction_has_two_sides_and_real_documents(built):
    claims = {cl.id: cl for cl in built.claims}
    for c in built.found:
        assert c.docs and set(c.docs) <= set(built.names), built.show(c)
        stated = [claims[i] for i in c.items if i in claims]
        if stated and len(stated) == len(c.items):  # a statement contradiction: both polarities present
            stances = {cl.stance for cl in stated}
            assert "denies" in stances and stances - {"denies"}, built.show(c)
        assert len(c.items) >= 2, built.show(c)


SIDES = [
    # field, articles, each side's position word with the article its evidence comes from
    pytest.param("fatalities", ["bannu_a", "bannu_b"], {"47": "bannu_a", "90": "bannu_b"}, id="47 / 90"),
    pytest.param("occurred", ["datta_a", "datta_b"], {"yes": "datta_a", "no": "datta_b"}, id="confirmed / denied"),
    pytest.param("role", ["role_one"], {"yes": "role_one", "no": "role_one"}, id="role, one article"),
]


@pytest.mark.parametrize("field, articles, positions", SIDES)
def test_each_side_lists_its_items_and_evidence(built, field, articles, positions):
    docs = {built.docs[n] for n in articles}
    c = next(c for c in built.found if c.field == field and docs <= set(c.docs))
    got = {s["position"]: s for s in c.sides}
    assert len(c.sides) >= 2 and set(positions) <= set(got), [s["position"] for s in c.sides]
    for position, name in positions.items():
        side = got[position]
        assert side["items"] and set(side["items"]) <= set(c.items), side
        assert side["evidence"] and {e["doc"] for e in side["evidence"]} == {built.docs[name]}, side
        text = built.texts[built.docs[name]]
        assert all(text[e["start"]:e["end"]] == e["text"] for e in side["evidence"]), side
    assert not set(got[list(positions)[0]]["items"]) & set(got[list(positions)[1]]["items"])


def test_contradiction_ids_are_unique(built):
    ids = [c.id for c in built.found]
    assert len(ids) == len(set(ids))
