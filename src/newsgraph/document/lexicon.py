"""Lexicons as data: titles, groups, places of the region, non-entities, spelling variants.

Loads the files under ``newsgraph/data/lexicons/`` lazily (once per process) and turns them into
entity-ruler patterns. Nothing here knows any particular article: add names to the files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

CONNECTOR_SPELLINGS = ("-i-", "-e-", "-ul-", "-ud-")


@dataclass(frozen=True)
class LexEntry:
    canonical: str
    type: str  # ORG, GPE …
    kind: str  # armed_group, state_body, province, district …
    names: tuple[str, ...]  # canonical first, then aliases
    admin1: str | None = None
    country: str | None = None


def _lines(name: str) -> list[str]:
    text = (resources.files("newsgraph") / "data" / "lexicons" / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title → kind (honorific, courtesy, rank, office)."""
    out = {}
    for line in _lines("titles.txt"):
        title, _, kind = line.partition("\t")
        out[title.strip()] = kind.strip() or "office"
    return out


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Folded single-word titles, dropped when names are compared."""
    return frozenset(t.lower().rstrip(".") for t in titles() if " " not in t)


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _lines("variants.tsv"):
        folded, _, spellings = line.partition("\t")
        for s in spellings.split():
            out[s] = folded
    return out


@lru_cache(maxsize=1)
def not_entities() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("not_entities.txt"))


@lru_cache(maxsize=1)
def not_entity_heads() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("not_entity_heads.txt"))


@lru_cache(maxsize=1)
def groups() -> tuple[LexEntry, ...]:
    out = []
    for line in _lines("groups.tsv"):
        cols = line.split("\t") + [""] * 4
        aliases = tuple(a.strip() for a in cols[3].split("|") if a.strip())
        out.append(LexEntry(cols[0].strip(), cols[1].strip() or "ORG", cols[2].strip(), (cols[0].strip(),) + aliases))
    return tuple(out)


@lru_cache(maxsize=1)
def places() -> tuple[LexEntry, ...]:
    out = []
    for line in _lines("places_region.tsv"):
        cols = line.split("\t") + [""] * 4
        names = tuple(n.strip() for n in cols[0].split("|") if n.strip())
        out.append(LexEntry(names[0], "GPE", cols[1].strip(), names, cols[2].strip() or None, cols[3].strip() or None))
    return tuple(out)


def spellings(name: str) -> set[str]:
    """A name and its connector variants: Tehreek-i-Taliban → Tehreek-e-Taliban, Tehreek Taliban …"""
    out = {name}
    for conn in CONNECTOR_SPELLINGS:
        if conn in name.lower():
            for other in CONNECTOR_SPELLINGS[:2]:
                out.add(re.sub(re.escape(conn), other, name, flags=re.I))
    vmap = variants()
    for spelled in list(out):
        words = re.split(r"(\W+)", spelled)
        for i, w in enumerate(words):
            target = vmap.get(w.lower())
            if target:
                for alt, folded in vmap.items():
                    if folded == target and alt != w.lower() and len(out) < 24:
                        out.add("".join(words[:i] + [alt.capitalize() if w[:1].isupper() else alt] + words[i + 1:]))
    return out


def _token_pattern(name: str, case_sensitive: bool) -> list[dict[str, Any]]:
    """Token pattern mirroring spaCy's tokenizer on names: spaces and hyphens split tokens."""
    pattern: list[dict[str, Any]] = []
    for part in re.split(r"(\s+|-|\.(?=\S))", name):
        if not part or part.isspace():
            continue
        key = "ORTH" if case_sensitive else "LOWER"
        pattern.append({key: part if case_sensitive else part.lower()})
    return pattern


def ruler_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: groups (phrases, any case; acronyms exact), places (exact case), titled
    persons. The ruler must match phrases on LOWER (``nlp.load`` sets it)."""
    patterns: list[dict[str, Any]] = []
    for entry in groups():
        for name in entry.names:
            acronym = bool(re.fullmatch(r"[A-Z][A-Z.&-]{1,7}", name))
            for spelled in ({name} if acronym else spellings(name)):
                # names match in any case through the ruler's phrase matcher (fast); acronyms exactly
                pattern = _token_pattern(spelled, True) if acronym else spelled.lower()
                patterns.append({"label": entry.type, "pattern": pattern, "id": entry.canonical})
    for entry in places():
        if entry.kind == "country":
            continue  # the model knows these, and they start longer names ("Pakistan Institute of …")
        for name in entry.names:
            if re.fullmatch(r"[A-Z]{2,4}", name):
                continue  # "KP" and the like: too ambiguous to tag on sight
            patterns.append({"label": "GPE", "pattern": _token_pattern(name, True), "id": entry.canonical})
    honorifics = [t for t, kind in titles().items() if kind == "honorific" and " " not in t]
    name_tok = {"IS_TITLE": True, "POS": "PROPN", "OP": "+"}
    patterns.append({"label": "PERSON", "pattern": [{"ORTH": {"IN": honorifics}}, name_tok]})
    patterns.append({"label": "PERSON", "pattern": [{"IS_TITLE": True, "POS": "PROPN", "OP": "+"},
                                                    {"ORTH": {"IN": honorifics}}, name_tok]})
    caps = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "a", "an"]}}
    for word, label in facility_words().items():
        patterns.append({"label": label, "pattern": [caps, {"ORTH": word}]})
        patterns.append({"label": label, "pattern": [caps, caps, {"ORTH": word}]})
    return patterns


@lru_cache(maxsize=1)
def facility_words() -> dict[str, str]:
    """Head words that make a capitalised name a place: "X Bagh" (a park), "X Khel" (a village)."""
    out = {}
    for line in _lines("place_heads.tsv"):
        word, _, label = line.partition("\t")
        out[word.strip()] = label.strip() or "FAC"
    return out


@lru_cache(maxsize=1)
def place_index() -> dict[str, LexEntry]:
    """Lower-cased place name → entry, for type fixes after NER."""
    return {n.lower(): e for e in places() for n in e.names}


@lru_cache(maxsize=1)
def group_index() -> dict[str, LexEntry]:
    out = {}
    for e in groups():
        for n in e.names:
            for s in spellings(n):
                out[s.lower()] = e
    return out
