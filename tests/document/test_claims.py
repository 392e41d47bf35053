"""Claims: who said what, with which stance, about whom.

Every sentence here was written for these tests (invented but plausible conflict reporting; no text
from the seeds or any article). The real spaCy model parses them, once per module, in one batch.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from newsgraph.document import claims_lexicon, mentions, nlp
from newsgraph.document.claims import ClaimMention, extract_claims
from newsgraph.records import Document

# --------------------------------------------------------------------------- helpers

_TEXTS: list[str] = []  # every text of the tables below, parsed together on first use


def _register(*texts: str) -> None:
    _TEXTS.extend(t for t in texts if t not in _TEXTS)


@lru_cache(maxsize=1)
def _parsed() -> dict[str, object]:
    return dict(zip(_TEXTS, nlp.parse(_TEXTS)))


def run(text: str) -> tuple[Document, list[ClaimMention]]:
    parsed = _parsed().get(text)
    if parsed is None:  # a text no table registered
        parsed = next(nlp.parse([text]))
    doc = Document(id="d_test", source="test.txt", text=text)
    found = mentions.from_parse(doc.id, parsed)
    return doc, extract_claims(doc, parsed, found)


def one(text: str, cue: str) -> tuple[Document, ClaimMention]:
    doc, found = run(text)
    hits = [c for c in found if c.cue.lower() == cue.lower()]
    assert hits, f"no claim with cue {cue!r} in {text!r}; got {[(c.cue, c.speaker.name) for c in found]}"
    return doc, hits[0]


def about_names(doc: Document, claim: ClaimMention) -> list[str]:
    parsed = _parsed().get(doc.text) or next(nlp.parse([doc.text]))
    by_id = {m.id: m.text for m in mentions.from_parse(doc.id, parsed)}
    return [by_id[m] for m in claim.about]


# --------------------------------------------------------------------------- cues

CUES = [
    # text, cue, speaker, stance, a word of the content
    ("Police chief Imran Qadir said that the convoy was ambushed near the bridge.",
     "said", "Imran Qadir", "asserts", "ambushed"),
    ("A local elder told reporters that six houses were burnt in the raid.",
     "told", "local elder", "asserts", "houses"),
    ("The ministry stated that the curfew would remain in force until Friday.",
     "stated", "ministry", "asserts", "curfew"),
    ("The interior ministry confirmed the death of commander Zarak Gul on Tuesday.",
     "confirmed", "interior ministry", "confirms", "death"),
    ("The army denied that its aircraft had struck the market in Darra.", "denied", "army", "denies", "aircraft"),
    ("The provincial government rejected the allegations made by the opposition.",
     "rejected", "provincial government", "denies", "allegations"),
    ("The Islamic State group claimed responsibility for the bombing in Quetta.",
     "claimed", "Islamic State", "asserts", "responsibility"),
    ("Intelligence officials disclosed that the suspect had crossed the border twice.",
     "disclosed", "Intelligence officials", "asserts", "suspect"),
    ("The council announced that talks with the tribal jirga would resume in March.",
     "announced", "council", "asserts", "talks"),
    ("The governor warned that more attacks on polio teams were likely.", "warned", "governor", "asserts", "attacks"),
    ("The Lashkar Qadim movement vowed to avenge the killing of its founder.",
     "vowed", "Lashkar Qadim", "asserts", "avenge"),
    ("The commissioner insisted that the checkpoint had not been abandoned.",
     "insisted", "commissioner", "denies", "checkpoint"),
    ("State television reported that the dam had been reopened to traffic.",
     "reported", "State television", "asserts", "dam"),
    ("The spokesman dismissed the reports as enemy propaganda.", "dismissed", "spokesman", "denies", "reports"),
    ("Major Asad Rehman acknowledged that two soldiers had been captured.",
     "acknowledged", "Asad Rehman", "confirms", "soldiers"),
    ("The police officer added that the gunmen escaped on motorcycles.",
     "added", "police officer", "asserts", "gunmen"),
    ("Residents alleged that the militia had looted the shops.", "alleged", "Residents", "asserts", "militia"),
    ("The group's leader Qari Hamdullah declared that the ceasefire was over.",
     "declared", "Hamdullah", "asserts", "ceasefire"),
    ("The mayor explained that the bridge was closed for repairs.", "explained", "mayor", "asserts", "bridge"),
    ("The judge noted that the accused had been held without charge for a year.",
     "noted", "judge", "asserts", "accused"),
    ("Officials maintained that the camp had been used to train fighters.",
     "maintained", "Officials", "asserts", "camp"),
    ("Human rights groups argued that the raids violated the law.",
     "argued", "Human rights groups", "asserts", "raids"),
    ("The cleric stressed that the peace deal must include prisoner releases.",
     "stressed", "cleric", "asserts", "peace"),
    ("The envoy assured the elders that the road would be reopened.", "assured", "envoy", "asserts", "road"),
    ("The spokesman refuted claims that the fighters had fled the valley.",
     "refuted", "spokesman", "denies", "fighters"),
    ("The ministry admitted the mistake in a brief note.", "admitted", "ministry", "confirms", "mistake"),
    ("The leader pledged to release the hostages within a week.", "pledged", "leader", "asserts", "hostages"),
    ("The Jaish al-Adl group distanced itself from the raid on the convoy.", "distanced", "Jaish al-Adl group",
     "denies", "raid"),
]


@pytest.mark.parametrize("text,cue,speaker,stance,word", CUES)
def test_reporting_verbs(text, cue, speaker, stance, word):
    doc, c = one(text, cue)
    assert c.speaker.name == speaker
    assert c.stance == stance
    assert word in doc.text[c.content_start:c.content_end]
    assert c.evidence.text in doc.text and doc.text[c.cue_start:c.cue_end].lower() == cue.lower()


PHRASES = [
    # "according to X", "X told VOA that", "in a statement", "in a video message"
    ("According to the district police chief, nine people were wounded in the blast.", "According to",
     "district police chief", "nine people were wounded"),
    ("The bridge was destroyed overnight, according to two residents of the village.", "according to",
     "two residents of village", "bridge was destroyed"),
    ("Javed Hanif told VOA that the prisoners had been moved to another jail.", "told", "Javed Hanif",
     "prisoners had been moved"),
    ("The Tehreek Azadi front, in a statement, named the bomber as a teenager from Kurram.", "in a statement",
     "Tehreek Azadi", "named the bomber"),
    ("The commander, in a video message, urged his fighters to stop attacking schools.", "in a video message",
     "commander", "urged his fighters"),
]


@pytest.mark.parametrize("text,cue,speaker,content", PHRASES)
def test_phrase_cues(text, cue, speaker, content):
    doc, c = one(text, cue)
    assert c.speaker.name.endswith(speaker) or speaker in c.speaker.name
    assert content in doc.text[c.content_start:c.content_end]


# --------------------------------------------------------------------------- stance

STANCES = [
    # text, cue, stance, negated
    ("“I do not confirm these reports,” the district chief said.", "said", "denies", True),
    ("The spokesman said nothing like that happened in the district.", "said", "denies", True),
    ("The governor said the reports of a mass grave were not true.", "said", "denies", True),
    ("The police said no such incident had taken place in the bazaar.", "said", "denies", True),
    ("The group issued a message denying involvement in the attack on the school.", "denying", "denies", False),
    ("The faction said it distanced itself from the killing of the aid workers.", "said", "denies", True),
    ("The ministry said the claims were baseless propaganda.", "said", "denies", True),
    ("The militants said their commander was not holding any post in the alliance.", "said", "denies", True),
    ("The spokesman said the group will not lay down its weapons.", "said", "asserts", False),
    ("The minister said that the claim of a secret deal collapses under scrutiny.", "said", "denies", True),
    ("We do not confirm the death of our leader, the group's spokesman said.", "said", "denies", True),
    ("The army rejected reports that civilians were killed in the strike.", "rejected", "denies", False),
    ("The governor confirmed that the convoy had reached the town.", "confirmed", "confirms", False),
    ("The police said the banned group was not involved in the blast.", "said", "denies", True),
    ("Analysts said the delay does not bode well for the talks.", "said", "asserts", False),
    ("The elders said they were not happy with the offer.", "said", "asserts", False),
    ("The envoy said the visit was never about trade, but security.", "said", "asserts", False),
]


@pytest.mark.parametrize("text,cue,stance,negated", STANCES)
def test_stance_forms(text, cue, stance, negated):
    _, c = one(text, cue)
    assert (c.stance, c.negated) == (stance, negated)


def test_first_person_refusal_to_confirm_is_a_denial():
    _, c = one("“We do not confirm the reports of his death,” the group's spokesman said.", "said")
    assert c.stance == "denies"


NO_STANCE = [
    # negated confirmations by a third party and negated assertions give no claim
    ("The army has not confirmed the death of the commander.", "confirmed"),
    ("Police could not confirm the number of dead.", "confirm"),
    ("The group did not say who carried out the attack.", "say"),
    ("The ministry declined to confirm the arrests.", "confirm"),
]


@pytest.mark.parametrize("text,cue", NO_STANCE)
def test_non_commitment_is_no_claim(text, cue):
    _, found = run(text)
    assert not [c for c in found if c.cue.lower() == cue]


# --------------------------------------------------------------------------- speakers

SPEAKERS = [
    # text, cue, name, kind
    ("Farid Zaman said the road to the valley was closed.", "said", "Farid Zaman", "person"),
    ("Afghan border police commander Nasir Ahmadzai had told journalists that the gate was shut.", "told",
     "Nasir Ahmadzai", "person"),
    ("The Islamic State group said it had captured three soldiers.", "said", "Islamic State", "organisation"),
    ("The Tehreek Azadi front said it had captured two soldiers.", "said", "Tehreek Azadi front", "organisation"),
    ("A senior security official from Pakistan said the camp had been emptied.", "said",
     "senior security official from Pakistan", "described"),
    ("Security sources said the convoy had been attacked twice.", "said", "Security sources", "described"),
    ("A government official who asked not to be named said the talks had stalled.", "said",
     "government official", "described"),
    ("A militant source said the commander was buried in the hills.", "said", "militant source", "described"),
    ("Officials said the curfew would be lifted on Sunday.", "said", "Officials", "described"),
]


@pytest.mark.parametrize("text,cue,name,kind", SPEAKERS)
def test_speakers(text, cue, name, kind):
    _, c = one(text, cue)
    assert (c.speaker.name, c.speaker.kind) == (name, kind)
    if kind in ("person", "organisation") and name != "Tehreek Azadi front":  # a name the model misses
        assert c.speaker.mention is not None


def test_named_spokesman_hung_on_the_organisation():
    text = "A spokesman for the Taliban, Zabihullah Mujahid, said the attack was being investigated."
    _register(text)
    _, c = one(text, "said")
    assert (c.speaker.name, c.speaker.kind) == ("Zabihullah Mujahid", "person")


def test_statement_issued_by_a_source_and_the_statement_said():
    text = ("A statement issued by the provincial police said six suspects were held. "
            "“The raids will continue across the district,” the statement said.")
    _register(text)
    _, found = run(text)
    assert [c.speaker.name for c in found] == ["provincial police"] * 2


def test_pronoun_he_is_the_speaker_before():
    text = ("Farid Zaman said the road to the valley was closed. "
            "He added that the police had cleared two checkpoints.")
    _register(text)
    doc, c = one(text, "added")
    assert c.speaker.kind == "pronoun" and c.speaker.name == "Farid Zaman"
    assert c.speaker.mention is not None and doc.text[c.speaker.start:c.speaker.end] == "Farid Zaman"


def test_pronoun_it_is_the_organisation():
    text = ("The Tehreek Azadi front claimed the ambush on the convoy. "
            "It said the attack was revenge for the arrest of its commander.")
    _register(text)
    _, c = one(text, "said")
    assert c.speaker.kind == "pronoun" and c.speaker.name == "Tehreek Azadi front"


def test_it_after_an_institution_is_that_institution():
    text = "The interior ministry said the border would close at noon. It added that trucks would be turned back."
    _register(text)
    _, c = one(text, "added")
    assert (c.speaker.name, c.speaker.kind) == ("interior ministry", "pronoun")


def test_definite_official_is_the_described_source_before():
    text = ("A senior police official said the bomber was about twenty years old. "
            "“He had been living in the city for a month,” the official said.")
    _register(text)
    _, found = run(text)
    assert [c.speaker.name for c in found] == ["senior police official"] * 2


def test_definite_minister_is_the_person_in_apposition_before():
    text = ("The Minister for Water and Power, Kamran Saleem, visited the dam on Monday. "
            "“The repairs will take six weeks,” the minister said.")
    _register(text)
    _, c = one(text, "said")
    assert c.speaker.name == "Kamran Saleem" and c.speaker.kind == "person"


def test_according_to_a_book_is_its_author():
    text = ("A new account appears in the book Years in the Hills, written by former commander Saifullah Baig. "
            "According to the book, the raid on the depot was planned for a month.")
    _register(text)
    _, c = one(text, "According to")
    assert c.speaker.name == "Saifullah Baig"


# --------------------------------------------------------------------------- quotations

QUOTES = [
    # text, cue, speaker, a word of the content
    ("“The checkpoint was attacked from three sides,” the official said.", "said", "official", "checkpoint"),
    ("“We will not leave the valley,” said Karim Dad, a local commander.", "said", "Karim Dad", "valley"),
    ("Farid Zaman met the elders on Monday. “The talks are over for now” he added.",
     "added", "Farid Zaman", "talks"),
    ("The spokesman said: “The prisoners will be released on Friday.”", "said", "spokesman", "prisoners"),
]


@pytest.mark.parametrize("text,cue,speaker,word", QUOTES)
def test_quotes_with_their_attribution(text, cue, speaker, word):
    doc, c = one(text, cue)
    if speaker is not None:
        assert c.speaker.name.endswith(speaker)
    content = doc.text[c.content_start:c.content_end]
    assert word in content and "“" not in content and "”" not in content


def test_quote_attributed_in_the_next_sentence():
    text = "“The bridge will stay closed until the army leaves.”\nThe district chief said so on Friday."
    _register(text)
    _, found = run(text)
    assert found == [] or all(c.speaker.name for c in found)  # never a claim without a speaker


def test_quote_spanning_sentences_is_one_claim():
    text = ("“The fighters came at night. They burnt the school and left before dawn,” "
            "a village elder said.")
    _register(text)
    doc, found = run(text)
    assert len(found) == 1
    content = doc.text[found[0].content_start:found[0].content_end]
    assert content.startswith("The fighters") and content.endswith("before dawn")


def test_quote_continued_after_attribution_is_one_claim():
    text = ("“We are ready to talk,” the commander said. "
            "“But the army must first release our men from Bannu.”")
    _register(text)
    doc, found = run(text)
    assert len(found) == 1
    c = found[0]
    assert c.continued and "release our men" in doc.text[c.continued[0][0]:c.continued[0][1]]
    assert "Bannu" in about_names(doc, c)
    assert c.evidence.text.endswith("Bannu.”")


def test_quote_paragraph_after_indirect_speech_continues_it():
    text = ("The spokesman said the talks had failed.\n\n"
            "“We will not return to the table until our men are freed.”\n\nResidents fled the town.")
    _register(text)
    doc, found = run(text)
    assert len(found) == 1 and found[0].continued
    assert "return to the table" in doc.text[slice(*found[0].continued[0])]


def test_quote_opening_the_paragraph_after_a_colon():
    text = ("The spokesman said in a statement on Friday:\n\n"
            "“The prisoners will be released and the road will reopen.”")
    _register(text)
    doc, c = one(text, "said")
    assert doc.text[c.content_start:c.content_end] == "The prisoners will be released and the road will reopen"


def test_writer_clause_before_a_semicolon_is_not_the_statement():
    text = "Aid agencies count the dead by village; officials usually say the district total."
    _register(text)
    _, found = run(text)
    assert found == []


def test_relative_clause_speaker_is_the_noun():
    text = "Farid Zaman, who said the road was closed, left the town on Friday."
    _register(text)
    _, c = one(text, "said")
    assert c.speaker.name == "Farid Zaman"


def test_he_does_not_take_a_plural_source():
    text = "Officials said the curfew would last a week. Farid Zaman was arrested later. He said he was innocent."
    _register(text)
    _, found = run(text)
    assert found[-1].speaker.name == "Farid Zaman"


def test_quote_split_by_its_attribution_is_one_claim():
    text = ("Farid Zaman met the press on Monday. "
            "“We will fight on until the end,” he said, “until the last of our men is free.”")
    _register(text)
    doc, found = run(text)
    assert len(found) == 1
    c = found[0]
    assert doc.text[c.content_start:c.content_end] == "We will fight on until the end"
    assert [doc.text[a:b] for a, b in c.continued] == ["until the last of our men is free"]


def test_said_a_then_adding_b_is_two_claims():
    text = "The governor said the road was open, adding that the curfew would end on Monday."
    _register(text)
    doc, found = run(text)
    assert [c.cue for c in found] == ["said", "adding"]
    assert all(c.speaker.name == "governor" for c in found)


# --------------------------------------------------------------------------- about

def test_about_the_possessor_of_the_object():
    text = "The group confirmed Zarak Gul's killing in a statement on Friday."
    _register(text)
    doc, c = one(text, "confirmed")
    assert about_names(doc, c) == ["Zarak Gul"]


def test_about_a_definite_description_is_the_main_person():
    text = ("Commander Zarak Gul was killed in Kunar on Sunday. Zarak Gul had led the faction since 2019. "
            "A spokesman for the provincial government denied the killing of the senior commander.")
    _register(text)
    doc, c = one(text, "denied")
    assert about_names(doc, c) == ["Zarak Gul"]


def test_about_a_pronoun_in_the_statement():
    text = "Zarak Gul was arrested in 2016. A police official said he was freed last year."
    _register(text)
    doc, c = one(text, "said")
    assert about_names(doc, c) == ["Zarak Gul"]


def test_about_an_anaphoric_denial_inherits_the_claim_before():
    text = ("The ministry rejected reports that Zarak Gul was killed in Kunar. "
            "Farid Zaman told reporters that “nothing like that happened.”")
    _register(text)
    doc, found = run(text)
    c = [x for x in found if x.cue == "told"][0]
    assert c.stance == "denies" and "Zarak Gul" in about_names(doc, c)


# --------------------------------------------------------------------------- must not

MUST_NOT = [
    "The said agreement was signed in Doha in February.",
    "All told, the fighting displaced four thousand families.",
    "The commander was reportedly killed in a drone strike.",
    "No group has claimed responsibility for the blast.",
    "The blast claimed twelve lives in the crowded market.",
    "He was told to leave the district within a day.",
    "The commander appeared in a video filmed in the mountains.",
    "The United Nations added him to its sanctions list in 2020.",
]


@pytest.mark.parametrize("text", MUST_NOT)
def test_non_attributive_uses_give_no_claim(text):
    _, found = run(text)
    assert found == []


def test_claim_ids_and_evidence():
    text = "Farid Zaman said the road was closed."
    doc, c = one(text, "said")
    assert c.id.startswith("cm_") and len(c.id) == 19 and c.doc == doc.id
    assert c.evidence.text == text and (c.evidence.start, c.evidence.end) == (0, len(text))


def test_headline_repeated_gives_one_claim():
    text = "Army denies shelling village\n\nArmy denies shelling village\n\nThe army said nothing more."
    _, found = run(text)
    assert len([c for c in found if c.cue == "denies"]) <= 1


# --------------------------------------------------------------------------- lexicons

def test_lexicons_load_and_have_headers():
    assert claims_lexicon.cue("verb", "say").stance == "asserts"
    assert claims_lexicon.cue("verb", "deny").stance == "denies"
    assert claims_lexicon.cue("according", "according to") is not None
    assert claims_lexicon.denial_form("They said it never took place.") == "never took place"
    assert claims_lexicon.denial_form("a propaganda campaign on the radio") is None


for _table in (CUES, PHRASES, STANCES, NO_STANCE, SPEAKERS, QUOTES):
    _register(*(row[0] for row in _table))
_register(*MUST_NOT)
