"""Within one article: which mentions name the same entity (``document.clusters`` through the pipeline).

Black-box: each article is written to a file, read by ``pipeline.documents``, parsed by the real
spaCy model (loaded once per session) and analysed by ``pipeline.analyse_parsed``; the tests look
only at the mentions and local entities that come out. Every sentence is written for these tests,
with invented names. A surface is written "Rind" (its first occurrence) or "Rind#2" (the second).
"""
from __future__ import annotations

from collections import Counter

import pytest

from support import locate, write
from newsgraph import pipeline
from newsgraph.document import clusters, nlp
from newsgraph.document.clusters import AliasClaim
from newsgraph.records import Document, Evidence, Mention


@pytest.fixture(scope="session")
def analyse(tmp_path_factory):
    """text -> Analysed, through the real stages; each text analysed once per session."""
    root = tmp_path_factory.mktemp("cluster_articles")
    cache: dict[str, pipeline.Analysed] = {}

    def run(text: str) -> pipeline.Analysed:
        if text not in cache:
            path = write(root / f"a{len(cache)}.txt", text)
            [doc] = [d for d in pipeline.documents([str(path)]) if isinstance(d, Document)]
            [parsed] = list(nlp.parse([doc.text]))
            cache[text] = pipeline.analyse_parsed(doc, parsed)
        return cache[text]

    return run


def mention_at(an: pipeline.Analysed, surface: str) -> Mention:
    a, b = locate(an.document.text, surface)
    hits = [m for m in an.mentions if m.start < b and a < m.end]
    assert hits, f"no mention at {surface!r}; mentions: {[(m.text, m.label) for m in an.mentions]}"
    return hits[0]


def entity_at(an: pipeline.Analysed, surface: str) -> clusters.LocalEntity:
    m = mention_at(an, surface)
    [entity] = [e for e in an.entities if m.id in e.mentions]
    return entity


def describe(an: pipeline.Analysed) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(e.type, e.name, e.names) for e in an.entities]


# --------------------------------------------------------------------------- must join

SAME_ENTITY = [
    ("surname after full name",
     "QUETTA: Police said on Tuesday that Saifullah Langove had been killed in a clash with security forces. "
     "A police officer said Langove had led the cell for five years.",
     "Saifullah Langove", "Langove#2"),
    ("surname after titled full name",
     "KARACHI: Security forces killed Mufti Naveed Shinwari in a gunfight on Monday. "
     "Shinwari's deputy escaped, police said.",
     "Naveed Shinwari", "Shinwari#2"),
    ("first name after titled full name",
     "KABUL: Gunmen shot dead a cleric, Maulana Hamid Noorzai, outside a mosque on Friday. "
     "Hamid had received threats for months, his family said.",
     "Hamid Noorzai", "Hamid#2"),
    ("first name after full name",
     "MIRANSHAH: Police said Naseer Gul Dawari had been seen in the village on Sunday. "
     "Naseer was later arrested at a checkpoint, officials said.",
     "Naseer Gul Dawari", "Naseer#2"),
    ("Ms + surname",
     "QUETTA: Former minister Sadia Rind addressed a rally on Friday. "
     "Ms Rind said the government had failed the province.",
     "Sadia Rind", "Rind#2"),
    ("Mr + surname",
     "LAHORE: Opposition leader Tariq Mahmood Sial met the governor on Tuesday. "
     "Mr Sial told reporters the talks had gone well.",
     "Tariq Mahmood Sial", "Sial#2"),
    ("title + surname",
     "QUETTA: Qari Saifullah Langove was killed in a clash with security forces on Tuesday. "
     "Qari Langove had led the cell for five years, police said.",
     "Saifullah Langove", "Langove#2"),
    ("possessive, straight apostrophe",
     "BANNU: Police said Gul Zaman Dawar was arrested on Sunday. "
     "Dawar's brother said the arrest was unlawful.",
     "Gul Zaman Dawar", "Dawar#2"),
    ("possessive, curly apostrophe",
     "BANNU: Police said Gul Zaman Dawar was arrested on Sunday. "
     "Dawar’s brother said the arrest was unlawful.",
     "Gul Zaman Dawar", "Dawar#2"),
    ("full name repeated without its title",
     "PESHAWAR: Police arrested Qari Zubair Afridi in a raid on Sunday. "
     "Officials said Zubair Afridi had planned several bombings.",
     "Zubair Afridi", "Zubair Afridi#2"),
    ("acronym defined in the text",
     "PESHAWAR: The Frontier Defence Volunteers (FDV) said on Monday that it had sent fighters to the border. "
     "The FDV has clashed with militants before.",
     "Frontier Defence Volunteers", "FDV#2"),
    ("acronym in parentheses",
     "PESHAWAR: The Frontier Defence Volunteers (FDV) said on Monday that it had sent fighters to the border. "
     "The FDV has clashed with militants before.",
     "Frontier Defence Volunteers", "FDV"),
    ("acronym of a known group defined in the text",
     "ISLAMABAD: The Tehreek-i-Taliban Pakistan (TTP) claimed the attack on Sunday. "
     "The TTP said its fighters had targeted a convoy.",
     "Tehreek-i-Taliban Pakistan", "TTP#2"),
    ("two acronyms, each with its own name",
     "PESHAWAR: The Frontier Defence Volunteers (FDV) and the Hill Peoples Movement (HPM) signed a truce on Monday. "
     "The FDV and the HPM agreed to exchange prisoners.",
     "Hill Peoples Movement", "HPM#2"),
]


@pytest.mark.parametrize("case, text, a, b", SAME_ENTITY, ids=[c[0] for c in SAME_ENTITY])
def test_mentions_of_one_entity_cluster_together(analyse, case, text, a, b):
    an = analyse(text)
    ea, eb = entity_at(an, a), entity_at(an, b)
    assert ea.id == eb.id, describe(an)
    assert len(ea.names) >= 2 or a.split("#")[0] == b.split("#")[0]


@pytest.mark.parametrize("case, text, full", [
    ("surname", SAME_ENTITY[0][1], "Saifullah Langove"),
    ("first name", SAME_ENTITY[2][1], "Hamid Noorzai"),
    ("Ms", SAME_ENTITY[4][1], "Sadia Rind"),
    ("acronym", SAME_ENTITY[10][1], "Frontier Defence Volunteers"),
], ids=["surname", "first name", "Ms", "acronym"])
def test_the_entity_is_named_by_its_fullest_name(analyse, case, text, full):
    an = analyse(text)
    assert entity_at(an, full).name == full


# --------------------------------------------------------------------------- must not join

DIFFERENT_ENTITIES = [
    ("brothers share a surname",
     "KHOST: Two brothers, Imran Khattak and Sajid Khattak, were abducted on Friday. "
     "Imran Khattak worked as a teacher, while Sajid Khattak ran a shop.",
     "Imran Khattak", "Sajid Khattak"),
    ("brothers share a surname, later mentions",
     "KHOST: Two brothers, Imran Khattak and Sajid Khattak, were abducted on Friday. "
     "Imran Khattak worked as a teacher, while Sajid Khattak ran a shop.",
     "Imran Khattak#2", "Sajid Khattak#2"),
    ("two men share a given name",
     "KABUL: Officials said Hamid Noorzai, a police officer, and Hamid Durrani, a shopkeeper, "
     "were wounded in the blast on Monday.",
     "Hamid Noorzai", "Hamid Durrani"),
    ("two titled men share a surname",
     "KHOST: Mullah Rahim Akhund and Mullah Karim Akhund were both arrested on Monday. "
     "Rahim Akhund was released a day later.",
     "Rahim Akhund", "Karim Akhund"),
    ("two acronyms stay with their own names",
     "PESHAWAR: The Frontier Defence Volunteers (FDV) and the Hill Peoples Movement (HPM) signed a truce on Monday. "
     "The FDV and the HPM agreed to exchange prisoners.",
     "FDV#2", "HPM#2"),
    ("a person is not the group he leads",
     "ISLAMABAD: The Tehreek-i-Taliban Pakistan (TTP) claimed the attack on Sunday. "
     "Commander Noor Zaman Mahsud led the fighters, the TTP said.",
     "Noor Zaman Mahsud", "TTP#2"),
    # "Ms Rind" is the woman, not her brother mentioned just before her surname is repeated
    ("Ms + shared surname goes to the woman",
     "QUETTA: Opposition leader Sadia Rind and her brother Kamran Rind led the march on Friday. "
     "Ms Rind said the government had ignored the province.",
     "Kamran Rind", "Rind#3"),
]


@pytest.mark.parametrize("case, text, a, b", DIFFERENT_ENTITIES, ids=[c[0] for c in DIFFERENT_ENTITIES])
def test_different_entities_are_not_merged(analyse, case, text, a, b):
    an = analyse(text)
    assert entity_at(an, a).id != entity_at(an, b).id, describe(an)


def test_a_surname_shared_by_two_people_joins_neither(analyse):
    """Without knowing who is meant, "Ms Rind" and "Mr Rind" stay apart from both full names:
    a wrong merge costs an analyst more than a missed one."""
    text = ("QUETTA: Opposition leader Sadia Rind and her brother Kamran Rind led the march on Friday. "
            "Ms Rind said the government had ignored the province, while Mr Rind called for a strike.")
    an = analyse(text)
    sadia, kamran = entity_at(an, "Sadia Rind"), entity_at(an, "Kamran Rind")
    assert sadia.id != kamran.id
    assert entity_at(an, "Rind#3").id not in (sadia.id, kamran.id), describe(an)  # Ms Rind
    assert entity_at(an, "Rind#4").id not in (sadia.id, kamran.id), describe(an)  # Mr Rind


# --------------------------------------------------------------------------- titles are attributes

TITLED = [
    ("Mufti", "BANNU: Mufti Sher Zaman Dawar was shot dead outside his home on Sunday, police said.",
     "Sher Zaman Dawar"),
    ("Qari", "QUETTA: Qari Saifullah Langove was killed in a clash with security forces on Tuesday, police said.",
     "Saifullah Langove"),
    ("Mullah", "KANDAHAR: Mullah Rahim Akhund was arrested on Thursday at a checkpoint near the city, officials said.",
     "Rahim Akhund"),
    ("Maulana", "PESHAWAR: Maulana Fazal Karim Yousafzai addressed a gathering of seminary students on Friday.",
     "Fazal Karim Yousafzai"),
    ("Sheikh", "DOHA: Sheikh Tamim Rashid Al Nuaimi hosted the delegation at his palace on Monday.",
     "Tamim Rashid Al Nuaimi"),
    ("Hafiz", "LAHORE: Hafiz Abdul Basit Chattha was sentenced to ten years in prison on Wednesday, his lawyer said.",
     "Abdul Basit Chattha"),
    ("Emir", "KABUL: Emir Abdul Wahid Popalzai died of his wounds on Saturday, the group announced.",
     "Abdul Wahid Popalzai"),
]


@pytest.mark.parametrize("title, text, name", TITLED, ids=[t[0] for t in TITLED])
def test_title_is_an_attribute_of_the_person_never_an_entity(analyse, title, text, name):
    an = analyse(text)
    m = mention_at(an, name)
    assert (m.text, m.label, m.title) == (name, "PERSON", title)
    assert text[m.start:m.end] == name
    entity = entity_at(an, name)
    assert entity.type == "PERSON" and entity.name == name and title in entity.titles
    # the title itself is nowhere a mention or an entity, nor part of any name
    assert all(title not in x.text.split() for x in an.mentions), [x.text for x in an.mentions]
    assert all(title not in e.name.split() and all(title not in n.split() for n in e.names) for e in an.entities)


def test_title_on_the_short_form_is_kept_and_the_short_form_joins_the_full_name(analyse):
    an = analyse(SAME_ENTITY[6][1])  # "Qari Saifullah Langove … Qari Langove …"
    short = mention_at(an, "Langove#2")
    assert (short.text, short.title) == ("Langove", "Qari")
    assert entity_at(an, "Langove#2").titles == ("Qari",)


@pytest.mark.parametrize("text, surface, clean", [
    (SAME_ENTITY[4][1], "Rind#2", "Rind"),  # "Ms Rind"
    (SAME_ENTITY[5][1], "Sial#2", "Sial"),  # "Mr Sial"
    (SAME_ENTITY[7][1], "Dawar#2", "Dawar"),  # "Dawar's"
    (SAME_ENTITY[8][1], "Dawar#2", "Dawar"),  # "Dawar’s"
    (SAME_ENTITY[1][1], "Shinwari#2", "Shinwari"),  # "Shinwari's"
], ids=["Ms", "Mr", "possessive", "curly-possessive", "possessive-after-title"])
def test_courtesy_titles_and_possessives_are_off_the_mention_span(analyse, text, surface, clean):
    an = analyse(text)
    m = mention_at(an, surface)
    assert m.text == clean and text[m.start:m.end] == clean, (m.text, m.start, m.end)


# --------------------------------------------------------------------------- a stated alias

def test_stated_alias_joins_its_holder(analyse):
    text = ("PESHAWAR: Police arrested Qari Zubair Afridi alias Abu Hamza in a raid on Sunday. "
            "Officials said Zubair Afridi had planned several bombings.")
    an = analyse(text)
    holder = entity_at(an, "Zubair Afridi")
    assert entity_at(an, "Abu Hamza").id == holder.id, describe(an)
    assert holder.name == "Zubair Afridi"


def test_cluster_links_a_stated_alias_and_keeps_its_evidence():
    """``clusters.cluster`` given an alias claim (as ``document.aliases`` states it) joins the two names."""
    text = "Police arrested Zubair Afridi alias Abu Hamza on Sunday. Afridi was taken to Peshawar."
    doc = "d_alias"

    def m(surface: str, label: str = "PERSON", nth: int = 1) -> Mention:
        a, b = locate(text, f"{surface}#{nth}")
        return Mention(f"m_{a}", doc, a, b, surface, label)

    ms = [m("Zubair Afridi"), m("Abu Hamza"), m("Afridi", nth=2), m("Peshawar", "GPE")]
    na, nb = locate(text, "Zubair Afridi")
    aa, ab = locate(text, "Abu Hamza")
    claim = AliasClaim(na, nb, "Abu Hamza", aa, ab, Evidence(doc, 0, 56, text[:56]))
    found = clusters.cluster(doc, ms, [claim])
    by_mention = {mid: e for e in found for mid in e.mentions}
    person = by_mention[ms[0].id]
    assert by_mention[ms[1].id].id == by_mention[ms[2].id].id == person.id
    assert by_mention[ms[3].id].id != person.id
    assert person.name == "Zubair Afridi"
    assert [(a.name, a.evidence) for a in person.aliases] == [("Abu Hamza", claim.evidence)]


def test_cluster_without_alias_claims_keeps_two_full_names_apart():
    text = "Zubair Afridi and Abu Hamza were arrested on Sunday."
    ms = [Mention("m1", "d", 0, 13, "Zubair Afridi", "PERSON"), Mention("m2", "d", 18, 27, "Abu Hamza", "PERSON")]
    assert text[0:13] == "Zubair Afridi" and text[18:27] == "Abu Hamza"
    assert len(clusters.cluster("d", ms)) == 2


# --------------------------------------------------------------------------- every article: invariants

ALL_TEXTS = sorted({c[1] for c in SAME_ENTITY + DIFFERENT_ENTITIES} | {t[1] for t in TITLED})


@pytest.mark.parametrize("text", ALL_TEXTS, ids=[t.split(":")[0] + f"-{i}" for i, t in enumerate(ALL_TEXTS)])
def test_every_mention_is_in_exactly_one_entity_and_spans_match_the_text(analyse, text):
    an = analyse(text)
    doc = an.document
    owners = Counter(mid for e in an.entities for mid in e.mentions)
    assert set(owners) == {m.id for m in an.mentions} and set(owners.values()) == {1}
    for m in an.mentions:
        assert doc.text[m.start:m.end] == m.text and m.text == m.text.strip()
        assert not m.text.endswith(("'s", "’s")), m.text
    by_id = {m.id: m for m in an.mentions}
    for e in an.entities:
        assert e.doc == doc.id
        assert sorted(e.spans) == sorted((by_id[i].start, by_id[i].end) for i in e.mentions)
        assert e.name in e.names and set(e.names) <= {by_id[i].text for i in e.mentions}


def test_an_alias_the_article_says_is_shared_joins_no_one(analyse):
    """Two men use one nom de guerre: the article's spokesman and a dead commander who "also went by" it."""
    text = ("PESHAWAR: Abu Zarrar, the group's spokesman, denied the attack on Monday. Abu Zarrar is a nom de "
            "guerre that more than one commander has used: Jamil Tanoli, who also went by Abu Zarrar, was "
            "killed last year. Abu Zarrar said the group does not target mosques.")
    an = analyse(text)
    tanoli, spokesman = entity_at(an, "Jamil Tanoli"), entity_at(an, "Abu Zarrar")
    assert tanoli.id != spokesman.id, describe(an)
    assert "Abu Zarrar" in [a.name for a in tanoli.aliases]
