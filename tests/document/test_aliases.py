"""Alias links (newsgraph.document.aliases): every cue, lists, reversed cues, parentheses, acronyms,
quotes, shared aliases, and the must-nots (descriptions, places, dates and captions).

Every sentence here was written for these tests (invented names, plausible conflict reporting).
Pure-text cases pass hand-made mentions; end-to-end cases run the real spaCy pipeline once per
module; the seed check reads ``../shared/seeds`` at run time and skips when it is absent.
"""
from __future__ import annotations

import re

import pytest

from support import G, O, P, make_mentions, parse_sentences

from newsgraph.document.aliases import AliasLink, find_aliases
from newsgraph.document.spans import sentence_spans, tokenize



def found(text: str, links: list[AliasLink]) -> set[tuple[str, str, str | None, str]]:
    return {(text[l.name_start:l.name_end], l.alias, l.alias_title, l.cue) for l in links}



CASES = [
    pytest.param("Police in Quetta arrested Gul Zaman alias Tor Khan on Friday.",
                 [("Quetta", G), ("Gul Zaman", P), ("Tor Khan", P)],
                 {("Gul Zaman", "Tor Khan", None, "alias")}, id="alias"),
    pytest.param("The court convicted Sher Afzal, alias Qari Naveed, of financing terrorism.", [],
                 {("Sher Afzal", "Naveed", "Qari", "alias")}, id="alias-comma-title"),
    pytest.param("The raid killed Rahim Shah aka Spin Gul, officials said.", [],
                 {("Rahim Shah", "Spin Gul", None, "aka")}, id="aka"),
    pytest.param("Rahim Shah (a.k.a. Spin Gul) ran the cell from Chaman.", [("Chaman", G)],
                 {("Rahim Shah", "Spin Gul", None, "aka")}, id="a.k.a.-in-parentheses"),
    pytest.param("Jamil Ahmad, also known as Maulvi Sultan, was a recruiter.", [],
                 {("Jamil Ahmad", "Sultan", "Maulvi", "also known as")}, id="also-known-as"),
    pytest.param("Jamil Ahmad, also known as Maulvi Sultan and Abu Talha, ran the cell.", [],
                 {("Jamil Ahmad", "Sultan", "Maulvi", "also known as"),
                  ("Jamil Ahmad", "Abu Talha", None, "also known as")}, id="list-and"),
    pytest.param("Nasir Khan, also known as Tariq, Zubair and Abu Hamza, fled to Kunar.", [("Kunar", G)],
                 {("Nasir Khan", "Tariq", None, "also known as"), ("Nasir Khan", "Zubair", None, "also known as"),
                  ("Nasir Khan", "Abu Hamza", None, "also known as")}, id="list-comma-and"),
    pytest.param("Police named the man as Nasir Khan, alias Tariq, Reuters reported.", [],
                 {("Nasir Khan", "Tariq", None, "alias")}, id="comma-only-tail-is-no-alias"),
    pytest.param("Hamid Wazir, better known as Haji Lala, was freed on Monday.", [],
                 {("Hamid Wazir", "Lala", "Haji", "better known as")}, id="better-known-as"),
    pytest.param("The Jamaat-ul-Ahrar, known as the Ahrar Group or JuA, split from the movement.", [],
                 {("Jamaat-ul-Ahrar", "Ahrar Group", None, "known as"),
                  ("Jamaat-ul-Ahrar", "JuA", None, "known as")}, id="org-known-as-A-or-B"),
    pytest.param("Abu Zarar, whose real name is Imran Saleem, was wanted in three cases.", [],
                 {("Imran Saleem", "Abu Zarar", None, "real name")}, id="whose-real-name"),
    pytest.param("Abu Zarar (real name: Imran Saleem) was wanted in three cases.", [],
                 {("Imran Saleem", "Abu Zarar", None, "real name")}, id="real-name-in-parentheses"),
    pytest.param("Farid Malik, who used the alias Shahid, was arrested in Chaman.", [("Chaman", G)],
                 {("Farid Malik", "Shahid", None, "alias")}, id="who-used-the-alias"),
    pytest.param("Karim Baloch, whose nom de guerre is Shaheen, was killed.", [],
                 {("Karim Baloch", "Shaheen", None, "nom de guerre")}, id="nom-de-guerre"),
    pytest.param("Daud Khan, who goes by the nom de guerre Abu Musab, fled.", [],
                 {("Daud Khan", "Abu Musab", None, "nom de guerre")}, id="goes-by-the-nom-de-guerre"),
    pytest.param("Daud Khan, who goes by Lala, fled across the border.", [],
                 {("Daud Khan", "Lala", None, "goes by")}, id="goes-by"),
    pytest.param("The Hizb-ul-Ahrar, also called HuA, said it carried out the attack.", [],
                 {("Hizb-ul-Ahrar", "HuA", None, "also called")}, id="also-called"),
    pytest.param("Zarar Khan, dubbed “the Engineer”, built the bombs.", [],
                 {("Zarar Khan", "Engineer", None, "dubbed")}, id="dubbed-quoted"),
    pytest.param("Zarar Khan, nicknamed “Toofan”, led the raid.", [],
                 {("Zarar Khan", "Toofan", None, "nickname")}, id="nicknamed"),
    pytest.param("The attack was claimed by Abdul Basit (Abu Usama), a local commander.", [],
                 {("Abdul Basit", "Abu Usama", None, "parenthesis")}, id="parenthesis-name"),
    pytest.param("The Baloch Liberation Army (BLA) claimed the attack.", [],
                 {("Baloch Liberation Army", "BLA", None, "acronym")}, id="acronym"),
    pytest.param("Police blamed the Baloch Liberation Army’s (BLA) fighters.", [],
                 {("Baloch Liberation Army", "BLA", None, "acronym")}, id="acronym-after-possessive"),
    pytest.param("A report by the Centre for Research and Security Studies (CRSS) counted the dead.", [],
                 {("Centre for Research and Security Studies", "CRSS", None, "acronym")}, id="acronym-org-with-of-and"),
    pytest.param("Habib Noorzai “Shaheen” was arrested in Kandahar.", [("Kandahar", G)],
                 {("Habib Noorzai", "Shaheen", None, "quotes")}, id="quotes-after-name"),
    pytest.param("Habib “Shaheen” Noorzai was arrested.", [],
                 {("Habib “Shaheen” Noorzai", "Shaheen", None, "quotes")}, id="quotes-inside-name"),
    pytest.param("Two commanders, Saif Ullah alias Zakir and Bashir Ahmad alias Zakir, were killed.", [],
                 {("Saif Ullah", "Zakir", None, "alias"), ("Bashir Ahmad", "Zakir", None, "alias")},
                 id="one-alias-two-people"),
    pytest.param("The spokesman, who shares the Abu Bakr alias with Daud Shah, spoke briefly.", [],
                 {("Daud Shah", "Abu Bakr", None, "alias")}, id="shares-the-alias-with"),
    pytest.param("Gul Zaman alias Tor Khan and Wali Jan were killed.", [],
                 {("Gul Zaman", "Tor Khan", None, "alias")}, id="and-before-plural-verb-is-another-person"),
    pytest.param("Omar Gul, the Swat commander, also known as Maulana Omar, fled.", [("Swat", G)],
                 {("Omar Gul", "Omar", "Maulana", "also known as")}, id="across-apposition"),
    pytest.param("Sanaullah Zahir, an Afghan who goes by the nom de guerre Abu Hamid, leads the cell.", [],
                 {("Sanaullah Zahir", "Abu Hamid", None, "nom de guerre")}, id="across-description"),
    pytest.param("Zarar Khan, the faction's leader, whose real name was Abdul Wahid, died in August.", [],
                 {("Abdul Wahid", "Zarar Khan", None, "real name")}, id="real-name-across-apposition"),
    pytest.param("The Treasury listed Gul Zaman, a.k.a. Tor Khan, a.k.a. Spin Gul, in 2022.", [],
                 {("Gul Zaman", "Tor Khan", None, "aka"), ("Gul Zaman", "Spin Gul", None, "aka")},
                 id="chained-cues-keep-the-first-name"),
    pytest.param("Hakimullah, known by his nom de guerre Zulfiqar, was killed.", [],
                 {("Hakimullah", "Zulfiqar", None, "nom de guerre")}, id="possessive-determiner-in-cue"),
    pytest.param("The Joint Relief Mission, or JRM, opened an office.", [],
                 {("Joint Relief Mission", "JRM", None, "acronym")}, id="comma-or-acronym"),
    pytest.param("Attacks rose in Khyber Pakhtunkhwa (KP) last year.", [("Khyber Pakhtunkhwa", G)],
                 {("Khyber Pakhtunkhwa", "KP", None, "acronym")}, id="acronym-of-a-place"),
    pytest.param("The Relief Mission in Kurram (RMK) counted the dead.", [("Kurram", G)],
                 {("Relief Mission in Kurram", "RMK", None, "acronym")}, id="acronym-spelled-across-in"),
    # must-nots
    pytest.param("Pakistan, or PK, was not named.", [("Pakistan", G)], set(), id="no-or-acronym-unspelled"),
    pytest.param("Waziri, known as a hardliner, opposed the talks.", [], set(), id="no-description"),
    pytest.param("Sher Khan, known as Pakistan's most wanted man, was killed.", [("Pakistan", G)], set(),
                 id="no-possessive-description"),
    pytest.param("The Jamaat-ul-Ahrar, known as the Ahrar faction, split.", [], set(), id="no-noun-phrase"),
    pytest.param("The area, known as the Tirah Valley, is remote.", [], set(), id="no-common-noun-holder"),
    pytest.param("It led to what became known as the Doha Agreement.", [], set(), id="no-what-became-known"),
    pytest.param("Mullah Daud (Kandahar) was detained.", [("Daud", P), ("Kandahar", G)], set(), id="no-place"),
    pytest.param("Mullah Daud (Kandahar Province) was detained.", [], set(), id="no-place-word"),
    pytest.param("Zahid Mir (2019) and Zahid Mir (March 2019) spoke.", [], set(), id="no-dates"),
    pytest.param("Ali Khan (Sunday) and Ali Khan (pictured) and Ali Khan (File) spoke.", [], set(), id="no-captions"),
    pytest.param("Imran Niazi (PTI) addressed the rally.", [("Imran Niazi", P), ("PTI", O)], set(),
                 id="no-party-acronym-after-person"),
    pytest.param("KABUL (Reuters) - A blast hit the city.", [("KABUL", G)], set(), id="no-dateline"),
    pytest.param("The governor called Zarar Khan a traitor and dubbed Ali Gul a thief.", [], set(),
                 id="no-verb-called-dubbed"),
    pytest.param("The group called it a “Black Day” for the town.", [], set(), id="no-quote-after-common-noun"),
    pytest.param("Ali Khan told them “We will fight” before dawn.", [], set(), id="no-quotation"),
]


@pytest.mark.parametrize("text, spans, expected", CASES)
def test_alias_links(text: str, spans: list[tuple[str, str]], expected: set) -> None:
    assert found(text, find_aliases(text, make_mentions(text, *spans))) == expected


def test_spans_and_evidence() -> None:
    text = "Security forces said so. Later, Gul Zaman, also known as Qari Naveed, was arrested."
    (link,) = find_aliases(text, [])
    assert text[link.alias_start:link.alias_end] == link.alias == "Naveed"
    assert link.alias_title == "Qari"
    assert text[link.name_start:link.name_end] == "Gul Zaman"
    assert text[link.evidence_start:link.evidence_end] == "Later, Gul Zaman, also known as Qari Naveed, was arrested."


def test_tokens_split_possessives() -> None:
    assert [t.text for t in tokenize("the TTP’s (TTP) chief")] == ["the", "TTP", "’s", "(", "TTP", ")", "chief"]


def test_sentences_do_not_split_after_abbreviations() -> None:
    text = "Mr. Khan met U.S. envoys. They left.\nA headline"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Mr. Khan met U.S. envoys.", "They left.", "A headline"]


# --------------------------------------------------------------------------- the real pipeline

E2E = [
    ("Security officials said Gul Zaman, also known as Qari Naveed and Mufti Hamid, was arrested in Quetta on Friday.",
     {("Gul Zaman", "Naveed", "Qari", "also known as"), ("Gul Zaman", "Hamid", "Mufti", "also known as")}),
    ("The Baloch Liberation Army (BLA) and the Tehreek-e-Taliban Pakistan (TTP) both claimed the attack.",
     {("Baloch Liberation Army", "BLA", None, "acronym"), ("Tehreek-e-Taliban Pakistan", "TTP", None, "acronym")}),
    ("Abu Zarar, whose real name is Imran Saleem, was killed in Kunar province.",
     {("Imran Saleem", "Abu Zarar", None, "real name")}),
    ("The Treasury designated Gul Zaman, a.k.a. Tor Khan, in 2022.",
     {("Gul Zaman", "Tor Khan", None, "aka")}),
    ("Police arrested Sher Khan alias Lala Gul near the border on Tuesday.",
     {("Sher Khan", "Lala Gul", None, "alias")}),
    ("The attack was claimed by the Daesh (Islamic State) group on Sunday.",
     {("Daesh", "Islamic State", None, "parenthesis")}),
    ("Police detained Mullah Daud (Kandahar) and his brother in March.", set()),
    ("Rahim Shah, known as a hardliner, opposed the talks in Doha.", set()),
]


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple]:
    """(mentions, parsed) for each end-to-end sentence, parsed once by the real pipeline."""
    return parse_sentences([text for text, _ in E2E])


@pytest.mark.parametrize("text, expected", E2E, ids=[f"e2e-{i}" for i in range(len(E2E))])
def test_end_to_end(analysed: dict, text: str, expected: set) -> None:
    ms, doc = analysed[text]
    assert found(text, find_aliases(text, ms, doc)) == expected


def test_same_result_without_parse(analysed: dict) -> None:
    for text, (ms, doc) in analysed.items():
        assert found(text, find_aliases(text, ms)) == found(text, find_aliases(text, ms, doc))


# --------------------------------------------------------------------------- the seed articles

_ALIAS_STATED = re.compile(r"[A-Z][\w-]+ (?:alias|also known as) (?:Qari |Mufti |Mullah )?[A-Z]")


def test_seed_links_are_well_formed(parsed_seeds: list[tuple]) -> None:
    total = 0
    for doc, ms, parsed in parsed_seeds:
        for link in find_aliases(doc.text, ms, parsed):
            total += 1
            assert doc.text[link.alias_start:link.alias_end] == link.alias
            assert link.evidence_start <= min(link.name_start, link.alias_start)
            assert max(link.name_end, link.alias_end) <= link.evidence_end
            assert doc.text[link.name_start:link.name_end].lower() != link.alias.lower()
    assert total > 0


def test_seed_aliases_stated_with_a_cue_are_found(parsed_seeds: list[tuple]) -> None:
    """Wherever a seed says "Name alias Name" or "Name also known as Name", a link covers it."""
    for doc, ms, parsed in parsed_seeds:
        links = find_aliases(doc.text, ms, parsed)
        for m in _ALIAS_STATED.finditer(doc.text):
            assert any(l.name_start <= m.start() < l.alias_end and l.alias_start <= m.end() for l in links), \
                doc.text[m.start():m.end() + 20]
