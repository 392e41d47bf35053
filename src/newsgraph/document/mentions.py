"""Mentions: names seen in one document, from the parse, kept apart from the entities they name."""
from __future__ import annotations

import hashlib
from typing import Any

from newsgraph.records import Mention

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def mention_id(doc_id: str, start: int, end: int) -> str:
    return "m_" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def from_parse(doc_id: str, parsed: Any) -> tuple[Mention, ...]:
    """Entity spans of a spaCy ``Doc`` (duck-typed: ``parsed.ents``) as Mention records."""
    out = []
    for ent in parsed.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text.strip()
        if not text:
            continue
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        out.append(Mention(mention_id(doc_id, start, start + len(text)), doc_id, start, start + len(text),
                           text, ent.label_))
    return tuple(out)
