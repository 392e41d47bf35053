"""Name normalisation: the one place that decides when two spellings are the same name.

Folding: accents and case off, possessives and punctuation off, connectors (-i-, -e-, al-, ul-)
dropped, titles (Mufti, Mr …) dropped, transliteration variants mapped to one form
(``data/lexicons/variants.tsv``). Keys for blocking come from the folded tokens, so resolution
compares only records that share a key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsgraph.document import lexicon

CONNECTORS = frozenset({"i", "e", "al", "el", "ul", "ud", "ur", "ul", "e", "o"})
ACRONYM_STOP = frozenset({"of", "the", "for", "and", "in", "on", "at", "de", "wal", "a"})
_SPLIT = re.compile(r"[^a-z0-9]+")


def plain(text: str) -> str:
    """Lower case without accents; "Türkiye" → "turkiye"."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def tokens(name: str) -> tuple[str, ...]:
    """Folded name parts: no titles, no connectors, variants mapped to one spelling."""
    text = plain(name).replace("’s", "").replace("'s", "")
    variants = lexicon.variants()
    titles = lexicon.title_words()
    out = []
    for tok in _SPLIT.split(text):
        if not tok or tok in CONNECTORS or tok in titles or tok == "the":
            continue
        out.append(variants.get(tok, tok))
    return tuple(out)


def fold(name: str) -> str:
    return " ".join(tokens(name))


def acronym_of(name: str) -> str | None:
    """Initials of a multi-word name: "Federal Investigation Agency" → "FIA"."""
    words = [w for w in _SPLIT.split(plain(name)) if w and w not in CONNECTORS and w not in ACRONYM_STOP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else None


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 2 <= len(letters) <= 7 and letters.isupper() and " " not in text.strip()


def acronym_matches(short: str, long: str) -> bool:
    """"TTP" abbreviates "Tehreek-i-Taliban Pakistan" (connectors and "of" skipped)."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    if not is_acronym(short):
        return False
    full = acronym_of(long)
    if full is None:
        return False
    if full == letters:
        return True
    # "Islamic State Khorasan Province" → ISKP; "IS-K" → ISK: a prefix of initials
    return len(letters) >= 3 and full.startswith(letters) and len(full) - len(letters) <= 1


def contains(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` occurs as a contiguous run inside ``long``."""
    n = len(short)
    return 0 < n <= len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def person_keys(name: str) -> set[str]:
    """Blocking keys for a person: the full folded name and each adjacent pair of parts."""
    toks = tokens(name)
    keys = {"p:" + " ".join(toks)} if toks else set()
    keys.update("p2:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    return keys


def name_keys(name: str, type_: str) -> set[str]:
    """Blocking keys of any entity name: folded name; for persons also name parts; acronyms."""
    folded = fold(name)
    if not folded:
        return set()
    keys = {f"{type_group(type_)}:{folded}"}
    if type_ == "PERSON":
        keys |= person_keys(name)
    acr = acronym_of(name)
    if acr and type_ != "PERSON":
        keys.add(f"acr:{acr}")
    if is_acronym(name) and type_ != "PERSON":
        keys.add(f"acr:{re.sub(r'[^A-Za-z]', '', name).upper()}")
    return keys


def type_group(type_: str) -> str:
    return "PLACE" if type_ in ("GPE", "LOC", "FAC") else type_
