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

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import write
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Claim, Contradiction, Event
from newsgraph.store import claims as stored_claims
from newsgraph.store import contradictions as stored_contradictions
from newsgraph.store import events as stored_events


def item(text: str, outlet: str, url: str, published: str, title: str) -> dict:
    return {"text": text, "outlet": outlet, "url": url, "published": published, "title": title}


ARTICLES = {
    # ---------------------------------------------------------------- it happened / it did not
    "datta_a": item("MIRAMSHAH: The military confirmed that its aircraft struck a militant hideout in Datta Khel on "
                    "Sunday, killing six militants.", "Daily Frontier",
                    "https://www.dailyfrontier.example/pakistan/datta-khel", "2023-09-04", "Strike in Datta Khel"),
    "datta_b": item("MIRAMSHAH: Tribal elders denied that aircraft had struck a hideout in Datta Khel on Sunday.",
                    "Baloch Tribune", "https://baloch-tribune.example/news/2023/09/04/datta", "2023-09-04",
                    "Elders deny strike"),
    "tirah_a": item("TIRAH: Security officials confirmed that militant commander Zarak Gul Afridi was killed in a "
                    "clash in Tirah on Tuesday.\n\nTwo soldiers were wounded in the fighting, the officials said.",
                    "Frontier Herald", "https://frontierherald.example/2023/10/tirah", "2023-10-11",
                    "Commander killed in Tirah"),
    "tirah_b": item("PESHAWAR: The Lashkar Qadim group denied that its commander Zarak Gul Afridi had been killed in "
                    "Tirah, saying he was alive.\n\nThe group did not offer any proof.", "Khyber Times",
                    "https://khybertimes.example/news/lashkar-denial", "2023-10-12", "Group denies commander's death"),
    "khar": item("KHAR: Police said gunmen killed Haji Rehmat Khan, a tribal elder, in Khar on Monday.\n\n"
                 "His son, Nasir Rehmat, denied that his father had been killed and said he was in hiding.",
                 "Capital Daily", "https://capitaldaily.example/khar-elder", "2023-02-22",
                 "Conflicting accounts of elder's fate"),
    # ---------------------------------------------------------------- role / position
    "role_one": item("ISLAMABAD: A senior security official said Khalid Marwat was the spokesman of the Ghazi "
                     "Liberation Army.\n\nThe group's leader, Hamid Zaheer, denied that Marwat held any position in "
                     "the group.", "Capital Daily", "https://capitaldaily.example/marwat", "2023-11-02",
                     "Who is Khalid Marwat?"),
    "role_a": item("ISLAMABAD: The interior ministry said Waqas Durrani was the chief commander of the Jaish Frontier "
                   "group in the south.", "Capital Daily", "https://capitaldaily.example/durrani", "2023-11-05",
                   "Ministry names commander"),
    "role_b": item("QUETTA: The Jaish Frontier group denied that Waqas Durrani was a commander of the group, a "
                   "spokesman said.", "Valley Post", "https://valleypost.example/durrani-denial", "2023-11-06",
                   "Group rejects ministry claim"),
    # ---------------------------------------------------------------- responsibility
    "inv_one": item("TURBAT: Police said the Mazdoor Liberation Army carried out the attack on a convoy in Kech on "
                    "Friday.\n\nA spokesman for the Mazdoor Liberation Army denied that the group was involved in "
                    "the attack.", "Capital Daily", "https://capitaldaily.example/kech", "2023-03-26",
                    "Convoy attack"),
    "resp_a": item("PANJGUR: The Sarhad Liberation Army claimed responsibility for the bombing of a bus in Panjgur on "
                   "Monday, police said.", "Capital Daily", "https://capitaldaily.example/panjgur", "2023-12-05",
                   "Group claims Panjgur bombing"),
    "resp_b": item("QUETTA: A spokesman for the Sarhad Liberation Army denied that the group was involved in the "
                   "bombing of a bus in Panjgur on Monday.", "Valley Post",
                   "https://valleypost.example/panjgur-denial", "2023-12-06", "Group denies role"),
    # ---------------------------------------------------------------- values of one event
    "bannu_a": item("BANNU: Gunmen killed 47 people in a crowded market in Bannu on Sunday, police said.\n\n"
                    "The attackers fled on motorcycles after the shooting, a police official said.",
                    "Frontier Herald", "https://frontierherald.example/2023/03/bannu-market", "2023-03-13",
                    "Gunmen kill 47 in Bannu market"),
    "bannu_b": item("BANNU: Gunmen killed 90 people in a market in Bannu on Sunday, doctors at the district "
                    "hospital said.\n\nShopkeepers said the firing went on for several minutes.",
                    "Khyber Times", "https://khybertimes.example/news/bannu-shooting", "2023-03-13",
                    "Ninety dead in Bannu shooting"),
    "wana_a": item("WANA: Tribal elder Malik Sher Bahadur was shot dead in Wana on April 10, 2023, police said.",
                   "Frontier Herald", "https://frontierherald.example/2023/04/wana", "2023-04-12",
                   "Elder shot dead in Wana"),
    "wana_b": item("WANA: Tribal elder Malik Sher Bahadur was shot dead in Wana on April 9, 2023, his family said.",
                   "Khyber Times", "https://khybertimes.example/news/wana-elder", "2023-04-12", "Family mourns elder"),
    "place_a": item("MINGORA: Journalist Nadia Gulzar was shot dead in Mingora on May 2, 2023, police said.",
                    "Frontier Herald", "https://frontierherald.example/2023/05/journalist", "2023-05-03",
                    "Journalist killed"),
    "place_b": item("PESHAWAR: Journalist Nadia Gulzar was shot dead in Peshawar on May 2, 2023, her colleagues said.",
                    "Khyber Times", "https://khybertimes.example/news/journalist", "2023-05-03",
                    "Colleagues mourn journalist"),
    "rel_a": item("DERA ISMAIL KHAN: Kidnappers freed the engineer Tariq Mehmood Sial in Dera Ismail Khan on May 3, "
                  "2022, police said.", "Frontier Herald", "https://frontierherald.example/2022/05/engineer",
                  "2022-05-04", "Engineer freed"),
    "rel_b": item("DERA ISMAIL KHAN: Kidnappers freed the engineer Tariq Mehmood Sial in Dera Ismail Khan on June 20, "
                  "2022, his brother said.", "Khyber Times", "https://khybertimes.example/news/engineer",
                  "2022-06-21", "Engineer home"),
    # ---------------------------------------------------------------- differences of precision only
    "zhob_a": item("ZHOB: Security forces arrested Fazal Rabbani Kakar in Zhob on June 4, 2023, police said.",
                   "Frontier Herald", "https://frontierherald.example/2023/06/zhob-arrest", "2023-06-05",
                   "Suspect arrested in Zhob"),
    "zhob_b": item("QUETTA: Police said Fazal Rabbani Kakar had been arrested in Zhob in June 2023.",
                   "Khyber Times", "https://khybertimes.example/news/kakar-court", "2023-08-15", "Kakar case in court"),
    "jadoon_a": item("KOHAT: Police arrested Shamsher Ali Jadoon in Kohat in 2015, officials said.",
                     "Frontier Herald", "https://frontierherald.example/2019/01/jadoon", "2019-01-10", "Jadoon profile"),
    "jadoon_b": item("KOHAT: Shamsher Ali Jadoon was arrested in Kohat in early 2015, his lawyer said.",
                     "Khyber Times", "https://khybertimes.example/news/jadoon-lawyer", "2019-02-11", "Lawyer speaks"),
    "lango_a": item("KHUZDAR: Kidnappers freed the contractor Rahim Dad Lango in Khuzdar in May 2022, his family "
                    "said.", "Valley Post", "https://valleypost.example/lango", "2022-07-01", "Contractor home"),
    "lango_b": item("KHUZDAR: The kidnappers freed contractor Rahim Dad Lango in Khuzdar on May 3, 2022, police "
                    "said.", "Daily Frontier", "https://www.dailyfrontier.example/lango", "2022-05-04",
                    "Contractor freed"),
    "sukkur_a": item("SUKKUR: A bomb exploded at a railway station in Sukkur on Thursday, killing at least 12 people, "
                     "police said.", "Frontier Herald", "https://frontierherald.example/2023/08/sukkur", "2023-08-11",
                     "Sukkur blast"),
    "sukkur_b": item("SUKKUR: A bomb exploded at a railway station in Sukkur on Thursday, killing 12 people, railway "
                     "officials said.", "Khyber Times", "https://khybertimes.example/news/sukkur", "2023-08-11",
                     "Twelve dead in Sukkur"),
    "lakki_a": item("LAKKI MARWAT: Militants attacked a police station in Lakki Marwat on Saturday, killing three "
                    "policemen, officials said.", "Daily Frontier", "https://www.dailyfrontier.example/lakki",
                    "2023-01-15", "Police station attacked"),
    "lakki_b": item("PESHAWAR: Militants attacked a police station in Khyber Pakhtunkhwa province on Saturday, "
                    "killing three policemen, the provincial police chief told reporters.", "Capital Daily",
                    "https://capitaldaily.example/kp-police", "2023-01-15", "Three policemen killed in KP"),
    "mardan_a": item("MARDAN: A suicide bomber blew himself up at a mosque in Mardan on Friday, killing 14 "
                     "worshippers, police said.", "Frontier Herald",
                     "https://frontierherald.example/2023/05/mardan-mosque", "2023-05-06", "Mosque bombing in Mardan"),
    "mardan_b": item("MARDAN: Militants attacked a mosque in Mardan on Friday, killing 14 worshippers, officials "
                     "said.", "Khyber Times", "https://khybertimes.example/news/mardan-mosque", "2023-05-06",
                     "Fourteen killed at Mardan mosque"),
    # two different bombings: their different dates and tolls are no dispute
    "quetta_a": item("QUETTA: A bomb exploded near a vegetable market in Quetta on March 3, 2023, killing five "
                     "people, police said.", "Frontier Herald", "https://frontierherald.example/2023/03/quetta-1",
                     "2023-03-04", "Quetta blast"),
    "quetta_b": item("QUETTA: A bomb exploded outside a mosque in Quetta on March 10, 2023, killing eight people, "
                     "police said.", "Khyber Times", "https://khybertimes.example/news/quetta-2", "2023-03-11",
                     "Second Quetta blast"),
}


@dataclass(repr=False)
class KB:
    path: Path
    docs: dict[str, str]  # article name -> document id
    names: dict[str, str]  # document id -> article name
    texts: dict[str, str]  # document id -> text
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
    root = tmp_path_factory.mktemp("contradictions")
    folder, db = root / "articles", root / "kb.sqlite"
    for name, spec in ARTICLES.items():
        write(folder / f"{name}.jsonl", json.dumps(spec) + "\n")
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(folder)], workers=1)
        assert summary.ingested == len(ARTICLES) and not summary.rejected, summary
        by_source = {d.source: d.id for d in kb.documents()}
        docs = {name: by_source[spec["url"]] for name, spec in ARTICLES.items()}
        return KB(db, docs, {v: k for k, v in docs.items()}, {d.id: d.text for d in kb.documents()},
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
