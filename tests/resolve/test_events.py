"""Across articles: one event record per real event, with every source's evidence and values (issue 4 item 5).

Black-box over a real SQLite file: short reports written for these tests (invented people and
outlets, real Pakistani places) are ingested with ``KnowledgeBase.ingest([folder], workers=1)`` and
the records read back with ``store.events.events``. Each article is one JSON line carrying its
outlet, URL and publication date. An event mention is named by its article and a phrase of its
evidence sentence: ``("bannu_a", "killed 47")``.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from scenarios import item, pick, source_of

from support import copy_db, write
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Event
from newsgraph.store import events as stored_events




ARTICLES = pick(
    'bannu_a',
    'bannu_b',
    'mardan_a',
    'mardan_b',
    'zhob_a',
    'zhob_b',
    'jadoon_a',
    'jadoon_b',
    'jadoon_c',
    'lakki_a',
    'lakki_b',
    'lango_a',
    'lango_b',
    'datta_a',
    'datta_b',
    'wana_a',
    'wana_b',
    'charsadda_a',
    'charsadda_b',
    'afridi_2015',
    'afridi_2021',
    'quetta_a',
    'quetta_b',
)

# ---- many unrelated events in one country and year: each is its own record, and blocking keeps
# the comparisons few (different months, different provinces)
SCALE_PLACES = ["Kohat", "Sibi", "Hyderabad", "Multan", "Gilgit", "Muzaffarabad", "Sialkot", "Nawabshah",
                "Gwadar", "Abbottabad", "Bahawalpur", "Khuzdar"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
for _i, (_place, _month) in enumerate(zip(SCALE_PLACES, MONTHS)):
    ARTICLES[f"scale_{_i:02d}"] = item(
        f"{_place.upper()}: Unidentified gunmen killed {_i + 2} policemen at a checkpoint in {_place} on "
        f"{_month} {_i + 5}, 2022, officials said.", "Wire Desk", f"https://wire.example/2022/{_i}",
        f"2022-{_i + 1:02d}-{_i + 6:02d}", f"Policemen killed in {_place}")

LATER = pick(
    'bannu_c',
)


@dataclass(repr=False)
class KB:
    path: Path
    docs: dict[str, str]  # article name -> document id
    texts: dict[str, str]  # document id -> text
    records: list[tuple[Event, dict]]

    def record(self, name: str, phrase: str) -> tuple[Event, dict]:
        """The event record whose evidence in article ``name`` contains ``phrase``."""
        doc = self.docs[name]
        hits = {ev.id: (ev, sup) for ev, sup in self.records
                for e in ev.evidence if e.doc == doc and phrase in e.text}
        there = [(ev.type, [e.text for e in ev.evidence if e.doc == doc]) for ev, _ in self.records
                 if any(e.doc == doc for e in ev.evidence)]
        assert hits, f"no event evidence containing {phrase!r} in {name} (not extracted?); events there: {there}"
        assert len(hits) == 1, [(ev.id, ev.type) for ev, _ in hits.values()]
        return next(iter(hits.values()))


def ingest(db: Path, folder: Path, articles: dict[str, dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in articles.items():
        write(folder / f"{name}.jsonl", json.dumps(spec) + "\n")
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(folder)], workers=1)
    assert summary.ingested == len(articles) and not summary.rejected, summary


def load(db: Path, articles: dict[str, dict]) -> KB:
    with KnowledgeBase(db, readonly=True) as kb:
        documents = kb.documents()
        records = list(stored_events.events(kb.conn))
    by_source = {d.source: d.id for d in documents}
    docs = {name: by_source[source_of(name, spec)] for name, spec in articles.items()
            if source_of(name, spec) in by_source}
    return KB(db, docs, {d.id: d.text for d in documents}, records)


def member_reasons(db: Path) -> list[tuple[str, str, dict]]:
    """(document, event record, reason) of every event mention's attachment."""
    conn = sqlite3.connect(db)
    try:
        return [(doc, event_id, json.loads(reason)) for doc, event_id, reason in conn.execute(
            "SELECT e.doc, m.event_id, m.reason FROM event_members m JOIN event_mentions e ON e.id = m.mention_id")]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> KB:
    root = tmp_path_factory.mktemp("resolve_events")
    db = root / "kb.sqlite"
    ingest(db, root / "articles", ARTICLES)
    return load(db, ARTICLES)


def summarise(ev: Event, sup: dict) -> dict:
    return {"id": ev.id, "type": ev.type, "date": ev.date and ev.date.value,
            "place": ev.location and ev.location["name"], "victims": [v.name for v in ev.victims],
            "fatalities": ev.fatalities and (ev.fatalities.min, ev.fatalities.max),
            "by_source": [(s["source"], s["date"], s["fatalities"], s["place"]) for s in sup["by_source"]]}


# --------------------------------------------------------------------------- one record per real event

ONE_EVENT = [
    pytest.param(("bannu_a", "killed 47"), ("bannu_b", "killed 90"), id="two outlets, two death tolls"),
    pytest.param(("mardan_a", "blew himself up"), ("mardan_b", "attacked a mosque"),
                 id="one blast: a bombing in one outlet, an attack in another"),
    pytest.param(("zhob_a", "June 4, 2023"), ("zhob_b", "in June 2023"), id="an arrest: a day and the month holding it"),
    pytest.param(("jadoon_a", "in 2015"), ("jadoon_b", "early 2015"), id="an arrest: 2015 and early 2015"),
    pytest.param(("lakki_a", "Lakki Marwat on"), ("lakki_b", "Khyber Pakhtunkhwa province"),
                 id="a district town and its province"),
    pytest.param(("lango_a", "May 2022"), ("lango_b", "May 3, 2022"), id="a release: the month and a day in it"),
    pytest.param(("datta_a", "struck a militant hideout"), ("datta_b", "struck a hideout"),
                 id="a strike confirmed in one outlet, denied in another"),
    pytest.param(("wana_a", "April 10"), ("wana_b", "April 9"),
                 id="one named man's killing told with two different days"),
]


@pytest.mark.parametrize("a, b", ONE_EVENT)
def test_mentions_of_one_real_event_are_one_record(built, a, b):
    ra, sa = built.record(*a)
    rb, sb = built.record(*b)
    assert ra.id == rb.id, ("two records for one event", summarise(ra, sa), summarise(rb, sb))
    # the record holds the evidence of both articles, each span inside its own document
    assert {e.doc for e in ra.evidence} >= {built.docs[a[0]], built.docs[b[0]]}
    assert {s["doc"] for s in sa["by_source"]} >= {built.docs[a[0]], built.docs[b[0]]}


SEPARATE_EVENTS = [
    pytest.param(("charsadda_a", "Imran Khattak"), ("charsadda_b", "Sajid Nawaz"),
                 id="two killings in one town on one day, different victims"),
    pytest.param(("afridi_2015", "in 2015"), ("afridi_2021", "in 2021"), id="one man arrested in 2015 and in 2021"),
    pytest.param(("jadoon_a", "in 2015"), ("jadoon_c", "released"), id="one man arrested in 2015, released in 2021"),
    pytest.param(("quetta_a", "March 3"), ("quetta_b", "March 10"), id="two bombings in one city a week apart"),
    pytest.param(("bannu_a", "killed 47"), ("charsadda_a", "Imran Khattak"), id="two killings, different places"),
    pytest.param(("zhob_a", "June 4"), ("afridi_2015", "in 2015"), id="two arrests of two men"),
]


@pytest.mark.parametrize("a, b", SEPARATE_EVENTS)
def test_different_events_stay_apart(built, a, b):
    ra, sa = built.record(*a)
    rb, sb = built.record(*b)
    assert ra.id != rb.id, ("two events merged", summarise(ra, sa))


def test_every_unrelated_event_is_its_own_record(built):
    ids = [built.record(f"scale_{i:02d}", "policemen")[0].id for i in range(len(SCALE_PLACES))]
    assert len(set(ids)) == len(ids)


# --------------------------------------------------------------------------- values kept per source

def test_differing_death_tolls_are_kept_per_source_as_a_range(built):
    ev, sup = built.record("bannu_a", "killed 47")
    assert (ev.fatalities.min, ev.fatalities.max) == (47, 90), summarise(ev, sup)
    tolls = {s["doc"]: s["fatalities"] for s in sup["by_source"] if s["fatalities"]}
    assert tolls.get(built.docs["bannu_a"]) == {"min": 47, "max": 47}, tolls
    assert tolls.get(built.docs["bannu_b"]) == {"min": 90, "max": 90}, tolls
    # never averaged nor overwritten: only the stated values appear
    assert {(t["min"], t["max"]) for t in tolls.values()} == {(47, 47), (90, 90)}


def test_the_same_toll_from_two_outlets_is_one_value(built):
    ev, sup = built.record("mardan_a", "blew himself up")
    assert (ev.fatalities.min, ev.fatalities.max) == (14, 14)


def test_the_record_date_is_the_most_precise_one_the_sources_agree_on(built):
    ev, sup = built.record("zhob_a", "June 4, 2023")
    assert (ev.date.value, ev.date.precision) == ("2023-06-04", "day")
    assert {s["date"] for s in sup["by_source"]} >= {"2023-06", "2023-06-04"}


def test_differing_dates_of_one_killing_are_kept_per_source(built):
    ev, sup = built.record("wana_a", "April 10")
    dates = {s["doc"]: s["date"] for s in sup["by_source"]}
    assert dates.get(built.docs["wana_a"]) == "2023-04-10" and dates.get(built.docs["wana_b"]) == "2023-04-09", \
        summarise(ev, sup)


def test_the_record_place_is_the_finest_one(built):
    ev, sup = built.record("lakki_b", "Khyber Pakhtunkhwa province")
    assert ev.location["name"] == "Lakki Marwat", summarise(ev, sup)
    assert {s["place"] for s in sup["by_source"]} >= {"Lakki Marwat", "Khyber Pakhtunkhwa"}


def test_a_merged_record_keeps_a_type_both_sources_can_share(built):
    ev, _ = built.record("mardan_b", "attacked a mosque")
    assert ev.type in ("bombing", "attack")


# --------------------------------------------------------------------------- blocking and increments

def test_blocking_compares_a_mention_with_few_records(built):
    """Twelve killings, each in another month and another province's town: a date window and a
    place block keep every mention's candidate records to a handful, not every event of the year."""
    scale_docs = {built.docs[f"scale_{i:02d}"] for i in range(len(SCALE_PLACES))}
    candidates = sorted(reason.get("candidates", 0) for doc, _, reason in member_reasons(built.path)
                        if doc in scale_docs)
    assert len(candidates) == len(SCALE_PLACES)
    assert max(candidates) <= 2, candidates


def test_every_attachment_records_why(built):
    reasons = member_reasons(built.path)
    assert reasons and all(reason.get("rules") for _, _, reason in reasons)
    merged = {event_id for _, event_id, _ in reasons}
    assert len(merged) < len(reasons)  # some mentions joined an existing record
    ev, _ = built.record("bannu_b", "killed 90")
    joined = [reason for doc, event_id, reason in reasons if event_id == ev.id and reason["rules"] != ["new record"]]
    assert joined, "the second Bannu report did not say why it joined"


@pytest.fixture(scope="module")
def later(built, tmp_path_factory) -> KB:
    root = tmp_path_factory.mktemp("resolve_events_later")
    db = copy_db(built.path, root / "kb.sqlite")
    before = {(doc, event_id) for doc, event_id, _ in member_reasons(db)}
    ingest(db, root / "articles", LATER)
    after = {(doc, event_id) for doc, event_id, _ in member_reasons(db)}
    assert before <= after, "ingesting one more article moved earlier mentions"
    return load(db, {**ARTICLES, **LATER})


def test_a_later_article_joins_the_existing_record(built, later):
    old, _ = built.record("bannu_a", "killed 47")
    ev, sup = later.record("bannu_c", "killed 52")
    assert ev.id == old.id, summarise(ev, sup)
    assert {s["doc"] for s in sup["by_source"]} >= {later.docs[n] for n in ("bannu_a", "bannu_b", "bannu_c")}
    assert (ev.fatalities.min, ev.fatalities.max) == (47, 90)
    assert {(s["fatalities"] or {}).get("min") for s in sup["by_source"]} >= {47, 52, 90}
