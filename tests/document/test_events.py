"""Event mentions from parsed text (newsgraph.document.events), with the real spaCy model.

Every sentence here was written for these tests. Publication date of the test documents:
Wednesday 15 March 2023, so "on Monday" is 2023-03-13.
"""
from __future__ import annotations

import pytest

from newsgraph.records import Document

PUBLISHED = "2023-03-15"


@pytest.fixture(scope="module")
def extract():
    """Parse a text and return its event mentions (the model loads once for the module)."""
    from newsgraph.document import dates, events, mentions, nlp

    def run(text: str, published: str | None = PUBLISHED, **kwargs):
        doc = Document(id="d_test", source="test.txt", text=text, published=published)
        parsed = next(nlp.parse([text]))
        found = mentions.from_parse(doc.id, parsed)
        return events.extract_events(doc, parsed, found, dates.find_dates(text, published), **kwargs)
    return run


def one(events):
    assert len(events) == 1, [(e.type, e.trigger.name) for e in events]
    return events[0]


def rng(r):
    return None if r is None else (r.min, r.max)


# ----------------------------------------------------------------------------- types

@pytest.mark.parametrize("text, etype", [
    ("Gunmen shot dead a police officer in Quetta on Monday.", "killing"),
    ("A roadside bomb exploded near an army convoy in Kurram on Tuesday.", "bombing"),
    ("Militants attacked a checkpoint in Khyber district on Sunday.", "attack"),
    ("A US drone strike killed three militants in a village near Mir Ali on Friday.", "airstrike"),
    ("Security forces launched an operation against militants in the Tirah valley on Wednesday.", "operation"),
    ("Police arrested two suspects in Karachi on Saturday.", "arrest"),
    ("Soldiers captured a militant commander during a raid in Kunar on Monday.", "capture"),
    ("The kidnappers freed the engineer in Zhob on Thursday.", "release"),
    ("The two sides agreed to a ceasefire in Doha on March 3.", "ceasefire"),
    ("The group called off the truce with the government on Monday.", "ceasefire_end"),
    ("Officials from both countries held talks in Tashkent on Tuesday.", "talks"),
    ("The State Department designated the group a foreign terrorist organization on Friday.", "designation"),
    ("A suicide bomber struck a crowded market in Bannu on Monday.", "bombing"),
    ("The offensive killed thousands of militants in 2014.", "operation"),
    # the euphemisms of military press releases
    ("Security forces neutralized five terrorists in Dera Ismail Khan on Sunday.", "killing"),
    ("An IED blast in Mir Ali on Monday martyred two soldiers.", "bombing"),
    ("Four men were taken into custody in Chaman on Friday.", "arrest"),
    ("Taliban fighters captured the district headquarters in Badakhshan on Sunday.", "attack"),
])
def test_event_types(extract, text, etype):
    assert one(extract(text)).type == etype


@pytest.mark.parametrize("text, etype", [
    # one event per event and sentence: the most specific trigger names it
    ("A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 30 worshippers.", "bombing"),
    ("He was killed in an operation in Bajaur on Monday.", "killing"),
    ("Troops killed over 40 militants in operations in Khyber last month.", "operation"),
    ("Militants killed 39 people in an attack on a bus in Mastung on March 1, 2021.", "attack"),
    ("At least 12 soldiers were killed when their convoy was ambushed in Zhob last year.", "attack"),
])
def test_one_event_per_sentence(extract, text, etype):
    assert one(extract(text)).type == etype


@pytest.mark.parametrize("text, expected", [
    # two events in one sentence stay two
    ("The Hangu bombing claimed 30 lives, while the Kohat attack killed more than 50.",
     [("bombing", "Hangu", (30, 30)), ("attack", "Kohat", (50, None))]),
    ("Rahim Gul, who was arrested in 2016, was killed on Sunday in Chaman.",
     [("arrest", None, None), ("killing", "Chaman", (1, 1))]),
    ("The Lashkar group took responsibility for a July bombing in Orakzai that killed four policemen "
     "as well as an April attack on a checkpoint in Tank.",
     [("bombing", "Orakzai", (4, 4)), ("attack", "Tank", None)]),
])
def test_two_events_in_one_sentence(extract, text, expected):
    found = [(e.type, e.location.name if e.location else None, rng(e.fatalities)) for e in extract(text)]
    assert found == expected


def test_example_of_a_generic_plural_is_one_event(extract):
    ev = one(extract("The movement has carried out deadly attacks in Iraq, including a bombing at a "
                     "Baghdad market on May 5, 2019, which killed 12 people."))
    assert (ev.type, ev.date.value, ev.location.name, rng(ev.fatalities)) == ("bombing", "2019-05-05", "Baghdad", (12, 12))
    assert [a.name for a in ev.agents] == ["movement"]


# ----------------------------------------------------------------------------- arguments

def test_victim_place_and_date_of_a_passive_killing(extract):
    ev = one(extract("Police officials said Rahim Gul was killed in an operation in South Waziristan on March 2."))
    assert [v.name for v in ev.victims] == ["Rahim Gul"]
    assert ev.victims[0].mention is not None
    assert ev.location.name == "South Waziristan"
    assert (ev.date.value, ev.date.precision) == ("2023-03-02", "day")
    assert rng(ev.fatalities) == (1, 1)


def test_agent_of_an_active_verb_and_the_most_specific_place(extract):
    ev = one(extract("Troops eliminated Zarak Khan in Bannu district's Jani Khel area on Sunday."))
    assert [a.name for a in ev.agents] == ["Troops"] and ev.agents[0].mention is None
    assert [v.name for v in ev.victims] == ["Zarak Khan"]
    assert ev.location.name == "Jani Khel"


def test_by_agent_of_a_passive(extract):
    ev = one(extract("The commander was arrested by paramilitary troops in Quetta on Friday."))
    assert [a.name for a in ev.agents] == ["paramilitary troops"]
    assert ev.location.name == "Quetta"


def test_target_building_and_place_of_the_object(extract):
    ev = one(extract("Militants seized a police station in Lakki Marwat on Saturday."))
    assert ev.type == "attack"
    assert "police station" in [v.name for v in ev.victims]
    assert ev.location.name == "Lakki Marwat"


def test_pronoun_victim_takes_the_name_before_it(extract):
    events = extract("Karim Dad, a tribal elder, had received threats for months. He was killed on Sunday near Wana.")
    ev = one(events)
    assert [v.name for v in ev.victims] == ["Karim Dad"]
    assert ev.victims[0].start == ev.evidence.start  # the pronoun's own span


def test_ceasefire_parties_not_the_mediator(extract):
    ev = one(extract("Qatar brokered a ceasefire between Pakistan and Afghanistan on October 19, 2025.", "2025-11-01"))
    assert sorted(a.name for a in ev.agents) == ["Afghanistan", "Pakistan"]
    assert ev.date.value == "2025-10-19"


def test_weapons(extract):
    ev = one(extract("A roadside bomb exploded near an army convoy in Kurram on Tuesday, wounding four soldiers."))
    assert ev.weapons == ("roadside bomb",)
    assert rng(ev.injured) == (4, 4)


# ----------------------------------------------------------------------------- dates

@pytest.mark.parametrize("text, published, value", [
    ("Gunmen killed a shopkeeper in Peshawar on March 2, 2021.", PUBLISHED, "2021-03-02"),
    ("Gunmen killed a shopkeeper in Peshawar on Monday.", PUBLISHED, "2023-03-13"),
    ("Gunmen killed a shopkeeper in Peshawar in January.", PUBLISHED, "2023-01"),
    ("Gunmen killed a shopkeeper in Peshawar last year.", PUBLISHED, "2022"),
    ("Police arrested the cleric in 2015 in Quetta.", PUBLISHED, "2015"),
    ("A July bombing in Quetta wounded nine people.", PUBLISHED, "2022-07"),
    ("The feud goes back to 2009, when militants bombed a market in Kohat in May.", PUBLISHED, "2009-05"),
    ("He was freed when the rebels captured the town in August 2019.", PUBLISHED, "2019-08"),
    ("In the first week of February, militants attacked two checkpoints in Tank.", PUBLISHED, "2023-02"),
])
def test_dates(extract, text, published, value):
    assert one(extract(text, published)).date.value == value


def test_offset_counts_from_the_previous_event(extract):
    events = extract("In March 2010 gunmen attacked the mayor's convoy in Kohat. "
                     "The mayor was killed two months later in Hangu.")
    assert [(e.type, e.date.value) for e in events] == [("attack", "2010-03"), ("killing", "2010-05")]


def test_no_date_stated_is_no_date(extract):
    assert one(extract("Gunmen killed a shopkeeper in Peshawar.")).date is None


def test_relative_date_without_publication_stays_unresolved(extract):
    assert one(extract("Gunmen killed a shopkeeper in Peshawar on Monday.", None)).date is None


def test_definite_mention_takes_the_date_of_the_event_before(extract):
    events = extract("Militants attacked a police post in Tank on Monday. The Tank attack wounded five policemen.")
    assert [e.date.value if e.date else None for e in events] == ["2023-03-13", "2023-03-13"]


# ----------------------------------------------------------------------------- counts

@pytest.mark.parametrize("text, fatalities", [
    ("Militants killed 39 people in an attack on a bus in Mastung on March 1, 2021.", (39, 39)),
    ("A blast in Quetta on Monday killed more than 20 people.", (20, None)),
    ("At least 12 soldiers were killed when their convoy was ambushed in Zhob last year.", (12, None)),
    ("The army said troops killed between 25 and 33 militants in the raid in January.", (25, 33)),
    ("The offensive killed thousands of militants in 2014.", (1000, None)),
    ("Gunmen killed a shopkeeper in Peshawar on Monday.", (1, 1)),
    ("Zarak Khan was killed with three of his guards in Bajaur on Monday.", (4, 4)),
    ("Two suicide bombers attacked the compound on Monday.", None),
    ("The Quetta bombing claimed over 20 lives.", (20, None)),
    ("The blast near a bus stop in Quetta left at least seven people dead and 20 injured.", (7, None)),
])
def test_fatalities(extract, text, fatalities):
    assert rng(one(extract(text)).fatalities) == fatalities


def test_deaths_split_by_side(extract):
    ev = one(extract("Insurgents stormed the base on Tuesday, killing 12 militants and three soldiers "
                     "and wounding 14 people."))
    assert rng(ev.fatalities) == (15, 15)
    assert {side: rng(r) for side, r in ev.killed_by_side} == {"militants": (12, 12), "security": (3, 3)}
    assert rng(ev.injured) == (14, 14)


def test_named_victim_of_a_larger_attack_is_a_lower_bound(extract):
    ev = one(extract("Karim Dad was killed in the bombing of a market in Kohat on Monday."))
    assert ev.type == "bombing" and rng(ev.fatalities) == (1, None)


def test_toll_of_an_event(extract):
    ev = one(extract("The toll from Monday's mosque bombing in Quetta rose to 61."))
    assert ev.type == "bombing" and rng(ev.fatalities) == (61, 61)


# ----------------------------------------------------------------------------- not events that happened

@pytest.mark.parametrize("text", [
    "The militants were tasked with carrying out suicide bombings in the capital.",
    "The group vowed to attack government offices.",
    "He was ordered to detonate the explosives if the first attempt failed.",
    "Officials warned that the camp could be used for attacks on border posts.",
    "The faction plans to attack polling stations next month.",
    "Police said they had foiled a plot to bomb the railway station.",
    "No attack took place in the district on Monday.",
    "The soldiers did not kill anyone in the village.",
    "No one was killed in the blast.",
    "The movement has carried out some of the deadliest attacks in the region.",
    "The militants have repeatedly attacked convoys in the valley.",
    "The militants have stepped up their attacks.",
    "The war has killed more than 40,000 people.",
    "A video released by the group showed the commander.",
    "The operation of the new bus terminal will begin in April.",
    "The group announced retaliatory strikes in a statement on Monday.",
    "The speaker attacked the budget in parliament on Monday.",
    "The rebels seized power in the capital.",
    "The group is still open to a ceasefire.",
])
def test_not_an_event(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize("text", [
    # trigger words outside armed conflict
    "The striker attacked the goal in the second half on Sunday.",
    "Workers went on strike at the port in Karachi on Monday.",
    "The film was released in cinemas across Lahore on Friday.",
    "The company captured a larger share of the market last year.",
    "Surgeons performed an operation on the injured boy in Quetta on Monday.",
    "Prices exploded after the budget was announced in June.",
    "The senator launched a blistering attack on the government's policy on Wednesday.",
    "Police released the names of the victims on Monday.",
    "Heart attacks killed more people than road accidents last year.",
    "An earthquake killed 12 people in Chitral on Monday.",
    "A fire in a factory in Karachi killed 16 workers on Saturday.",
])
def test_not_armed_violence(extract, text):
    assert extract(text) == []


def test_plans_kept_when_asked(extract):
    ev = one(extract("The faction plans to attack polling stations next month.", planned=True))
    assert ev.status == "planned"


def test_object_of_an_ordinary_verb_is_still_an_event(extract):
    ev = one(extract("The group vowed to avenge the killing of its commander Karim Dad."))
    assert ev.type == "killing" and ev.status == "reported"


def test_alleged(extract):
    assert one(extract("Militants allegedly attacked a checkpoint in Tank on Monday.")).status == "alleged"


# ----------------------------------------------------------------------------- background, evidence, ids

def test_background_event_keeps_its_own_date(extract):
    ev = one(extract("The 2014 attack on the school in Peshawar killed 140 people.", "2022-05-10"))
    assert ev.background and ev.date.value == "2014" and ev.location.name == "Peshawar"
    assert rng(ev.fatalities) == (140, 140)


def test_recent_event_is_not_background(extract):
    assert not one(extract("Gunmen killed a shopkeeper in Peshawar on Monday.")).background


def test_evidence_is_the_sentence_and_ids_are_stable(extract):
    text = "Traders reopened their shops in January.\n\nPolice arrested two suspects in Karachi on Saturday."
    ev = one(extract(text))
    assert ev.evidence.text == "Police arrested two suspects in Karachi on Saturday."
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.name == "arrested"
    assert ev.id.startswith("vm_") and ev.id == one(extract(text)).id


def test_headline_line_is_not_joined_to_the_next(extract):
    text = "Blast kills two in Chaman\n\nPolice arrested two suspects in Karachi on Saturday."
    events = extract(text)
    arrest = [e for e in events if e.type == "arrest"]
    assert len(arrest) == 1 and arrest[0].location.name == "Karachi"
