"""Name normalisation (``newsgraph.resolve.names``): which spellings are one name, acronyms, blocking keys.

Tables of must / must-not cases, black-box against the public functions. The names are invented
(or are well-known public figures and groups) and are written for these tests.
"""
from __future__ import annotations

import pytest

from newsgraph.resolve import names

# --------------------------------------------------------------------------- fold: the same name

SAME_NAME = [
    # transliteration variants of one name part
    ("Tehreek Azadi Front", "Tehrik Azadi Front"),
    ("Tehreek Azadi Front", "Tahrik Azadi Front"),
    ("Tahreek Azadi Front", "Tehrik Azadi Front"),
    ("Noor Zaman Mehsud", "Noor Zaman Mahsud"),
    ("Gul Bahadur Khorasani", "Gul Bahadur Khurasani"),
    ("Mohammad Rafiq Dawar", "Muhammad Rafiq Dawar"),
    ("Mohammed Rafiq Dawar", "Muhammad Rafiq Dawar"),
    ("Umar Khitab Orakzai", "Omar Khitab Orakzai"),
    ("Mohammad Umar Khorasani", "Muhammad Omar Khurasani"),
    # connectors -i- / -e- and the article al-
    ("Tehreek-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan"),
    ("Lashkar-i-Kohistan", "Lashkar-e-Kohistan"),
    ("Al-Qaeda", "al Qaeda"),
    ("Al-Qaeda", "al-Qaida"),
    ("al Qaeda", "Al Qaida"),
    # possessives (straight and curly apostrophe), case, accents, stray punctuation
    ("Balti's", "Balti"),
    ("Dawar’s", "Dawar"),
    ("KHALID BALTI", "Khalid Balti"),
    ("Türkiye", "Turkiye"),
    ("Zubair Afridi,", "Zubair Afridi"),
    # titles and courtesy titles are not part of the name
    ("Mufti Khalid Balti", "Khalid Balti"),
    ("Qari Zubair Afridi", "Zubair Afridi"),
    ("Mullah Rahim Akhund", "Rahim Akhund"),
    ("Maulana Fazal Karim Yousafzai", "Fazal Karim Yousafzai"),
    ("Sheikh Tamim Nuaimi", "Tamim Nuaimi"),
    ("Emir Abdul Wahid Popalzai", "Abdul Wahid Popalzai"),
    ("Ms Rind", "Rind"),
    ("Mr. Sial", "Sial"),
    ("Dr. Ayesha Siddiqa", "Ayesha Siddiqa"),
]


@pytest.mark.parametrize("a, b", SAME_NAME, ids=[f"{a}={b}" for a, b in SAME_NAME])
def test_spellings_of_one_name_fold_together(a, b):
    assert names.fold(a) == names.fold(b), (names.tokens(a), names.tokens(b))
    assert names.tokens(a) == names.tokens(b)
    assert names.fold(a)  # never folded away to nothing


DIFFERENT_NAMES = [
    ("Bilal", "Bilal Karimi"),  # a one-word name is not the full name
    ("Imran Khattak", "Sajid Khattak"),  # brothers share the surname only
    ("Hamid Noorzai", "Hamid Durrani"),  # two men share the given name only
    ("Khalid Balti", "Khalid Bhatti"),
    ("Umar", "Usman"),
    ("Mehsud", "Mahmud"),
    ("Khorasani", "Kohistani"),
    ("Al-Qaeda", "Al-Qaeda in the Indian Subcontinent"),
    ("Tehreek-i-Taliban Pakistan", "Afghan Taliban"),
]


@pytest.mark.parametrize("a, b", DIFFERENT_NAMES, ids=[f"{a}!={b}" for a, b in DIFFERENT_NAMES])
def test_different_names_stay_apart(a, b):
    assert names.fold(a) != names.fold(b)


@pytest.mark.parametrize("name, expected", [
    ("Mufti Khalid Balti", ("khalid", "balti")),
    ("Qari Zubair Afridi", ("zubair", "afridi")),
    ("Tehreek-i-Taliban Pakistan", ("tehrik", "taliban", "pakistan")),
    ("Balti's", ("balti",)),
])
def test_tokens_are_the_folded_name_parts_without_titles_connectors_or_possessives(name, expected):
    assert names.tokens(name) == expected


@pytest.mark.parametrize("title", ["Mufti", "Qari", "Mullah", "Maulana", "Sheikh", "Hafiz", "Emir", "Ms", "Mr"])
def test_a_title_is_no_name_part(title):
    assert title.lower() not in names.tokens(f"{title} Zarif Khan Dawar")
    assert names.fold(f"{title} Zarif Khan Dawar") == names.fold("Zarif Khan Dawar") == "zarif khan dawar"


# --------------------------------------------------------------------------- acronyms

ACRONYMS = [
    ("TTP", "Tehreek-i-Taliban Pakistan"),
    ("TTP", "Tehrik-e-Taliban Pakistan"),
    ("FDV", "Frontier Defence Volunteers"),
    ("HPM", "Hill Peoples Movement"),
    ("NDS", "National Directorate of Security"),  # "of" skipped
    ("ISKP", "Islamic State Khorasan Province"),
    ("BLA", "Balochistan Liberation Army"),
]


@pytest.mark.parametrize("short, long", ACRONYMS, ids=[f"{s}={lg}" for s, lg in ACRONYMS])
def test_acronym_matches_the_name_it_abbreviates(short, long):
    assert names.is_acronym(short)
    assert names.acronym_matches(short, long)


NOT_ACRONYMS = [
    ("TTP", "Pakistan Taliban Movement"),  # the same letters in another order
    ("PDV", "Frontier Defence Volunteers"),
    ("FD", "Frontier Defence Volunteers"),  # too short a prefix
    ("FDVX", "Frontier Defence Volunteers"),
    ("Ttp", "Tehreek-i-Taliban Pakistan"),  # not written as an acronym
    ("HPM", "Frontier Defence Volunteers"),
    ("AQ", "Taliban"),  # a one-word name has no initials
]


@pytest.mark.parametrize("short, long", NOT_ACRONYMS, ids=[f"{s}!={lg}" for s, lg in NOT_ACRONYMS])
def test_acronym_does_not_match_another_name(short, long):
    assert not names.acronym_matches(short, long)


@pytest.mark.parametrize("text, expected", [
    ("TTP", True), ("ISKP", True), ("IS-K", True), ("FDV", True),
    ("Taliban", False), ("T", False), ("ABCDEFGH", False), ("Ttp", False), ("T T P", False),
])
def test_is_acronym(text, expected):
    assert names.is_acronym(text) is expected


@pytest.mark.parametrize("name, expected", [
    ("Frontier Defence Volunteers", "FDV"),
    ("National Directorate of Security", "NDS"),
    ("Tehreek-i-Taliban Pakistan", "TTP"),
    ("Taliban", None),
])
def test_acronym_of(name, expected):
    assert names.acronym_of(name) == expected


# --------------------------------------------------------------------------- blocking keys

@pytest.mark.parametrize("a, b, type_", [
    ("Noor Zaman Mehsud", "Noor Zaman Mahsud", "PERSON"),
    ("Mufti Naveed Shinwari", "Naveed Shinwari", "PERSON"),
    ("Mohammad Umar Khorasani", "Muhammad Omar Khurasani", "PERSON"),
    ("Tehreek Azadi Front", "Tahrik Azadi Front", "ORG"),
    ("Tehreek-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan", "ORG"),
    ("Al-Qaeda", "al Qaeda", "ORG"),
    ("Frontier Defence Volunteers", "FDV", "ORG"),
])
def test_variants_share_a_blocking_key(a, b, type_):
    assert names.name_keys(a, type_) & names.name_keys(b, type_)


@pytest.mark.parametrize("a, b, type_", [
    ("Bilal", "Bilal Karimi", "PERSON"),
    ("Karimi", "Bilal Karimi", "PERSON"),
    ("Imran Khattak", "Sajid Khattak", "PERSON"),
    ("Hamid Noorzai", "Hamid Durrani", "PERSON"),
    ("Frontier Defence Volunteers", "Hill Peoples Movement", "ORG"),
])
def test_different_entities_share_no_blocking_key(a, b, type_):
    assert not names.name_keys(a, type_) & names.name_keys(b, type_)


def test_blocking_keys_are_few_and_made_of_the_name_itself():
    """Keys come from the name's own parts, so a lookup touches only records sharing a part pair."""
    keys = names.name_keys("Mufti Abdul Wahid Popalzai", "PERSON")
    assert 0 < len(keys) <= 6
    parts = set(names.tokens("Abdul Wahid Popalzai"))
    for key in keys:
        assert set(key.partition(":")[2].split()) <= parts, key


@pytest.mark.parametrize("short, long, expected", [
    (("bin", "laden"), ("osama", "bin", "laden"), True),
    (("noor", "wali"), ("abu", "mansoor", "noor", "wali"), True),
    (("noor", "mehsud"), ("noor", "wali", "mehsud"), False),  # not a contiguous run
    ((), ("noor", "wali"), False),
    (("a", "b", "c"), ("a", "b"), False),
])
def test_contains(short, long, expected):
    assert names.contains(short, long) is expected
