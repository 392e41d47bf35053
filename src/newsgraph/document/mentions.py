"""Mentions: names seen in one document, from the parse, kept apart from the entities they name.

The small English model makes systematic mistakes on this kind of text; the fixes here are
general rules fed by the lexicons: leading articles and possessives off the span, titles kept
as an attribute, demonyms and religions dropped, known places and groups given their type, and
names in headlines kept only when the body confirms them (title case fools the model).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from newsgraph.document import lexicon
from newsgraph.document.split import is_headline
from newsgraph.records import Document, Mention
from newsgraph.resolve import names

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PLACE_SUFFIX = re.compile(r"\s+(province|district|agency|area|region|city|town|valley|tehsil|village)$", re.I)
OPERATION_NAME = re.compile(r"\b(?:operation|op\.)\s+$", re.I)
_LEADING = re.compile(r"^(?:(?:the|a|an)\s+|[•·▪*–-]\s*)", re.I)
_DATELINE_AFTER = re.compile(r"^\s*(?:,[^:\n]{0,30})?\s*[:—–-]")
_TRAILING = re.compile(r"(?:['’]s?|[\s,.;:)\]]+)$")


def mention_id(doc_id: str, start: int, end: int) -> str:
    return "m_" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def from_parse(doc_id: str, parsed: Any) -> tuple[Mention, ...]:
    """Entity spans of a spaCy ``Doc`` (duck-typed: ``.ents``, ``.text``) as cleaned Mention records."""
    text = parsed.text
    known = {t.text for ent in parsed.ents if len(ent) > 1 and ent.label_ in ("PERSON", "ORG") for t in ent}
    raw = [m for ent in parsed.ents if ent.label_ in ENTITY_LABELS and (_proper(ent) or ent.text in known)
           if (m := clean_span(doc_id, text, _name_start(ent), ent.end_char, _dateline_label(ent, text))) is not None]
    return tuple(confirm_headlines(text, raw))


def _proper(ent: Any) -> bool:
    """A one-word person or group must be a proper noun or an acronym ("Supporters" is neither)."""
    if len(ent) != 1 or ent.label_ not in ("PERSON", "ORG"):
        return True
    tok = ent[0]
    mid_sentence = tok.i > tok.sent.start
    return tok.pos_ == "PROPN" or tok.text.isupper() or tok.ent_id_ != "" or (tok.is_title and mid_sentence)


def _dateline_label(ent: Any, text: str) -> str:
    """"MOGADISHU —" opening a paragraph is a place, whatever the model thought.

    ``text`` is the document's text, passed in: spaCy rebuilds ``Doc.text`` on every access."""
    at_start = ent.start_char == 0 or text[max(0, ent.start_char - 2):ent.start_char].endswith("\n")
    if at_start and ent.text.isupper() and _DATELINE_AFTER.match(text[ent.end_char:ent.end_char + 40]):
        return "GPE"
    return ent.label_


def _name_start(ent: Any) -> int:
    """Pull a person's given name back in when the model cut it off ("Zia | Rahmani told …")."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return ent.start_char
    prev = ent.doc[ent.start - 1]
    word = prev.text.lower()
    if (prev.pos_ == "PROPN" and prev.is_title and prev.ent_type_ == "" and word not in lexicon.not_entities()
            and prev.text not in lexicon.titles() and word not in lexicon.group_index()):
        return prev.idx
    return ent.start_char


def clean_span(doc_id: str, text: str, start: int, end: int, label: str) -> Mention | None:
    """Trim a raw entity span and decide its type; None when it is not a name worth keeping."""
    span = text[start:end]
    if "\n" in span.strip() or OPERATION_NAME.search(text[max(0, start - 12):start]):
        return None  # glued across lines, or the code name of a military operation
    start, end = _trim(text, start, end)
    title, start = _strip_title(text, start, end)
    if end <= start:
        return None
    if label in ("GPE", "LOC", "FAC"):
        suffix = PLACE_SUFFIX.search(text[start:end])
        if suffix and suffix.start() > 0:
            end = start + suffix.start()
    surface = text[start:end]
    if not re.search(r"[A-Z]", surface) or surface.lower() in lexicon.not_entities():
        return None
    if surface.split()[-1].lower() in lexicon.not_entity_heads():
        return None
    label = _fix_label(surface, label)
    if label is None:
        return None
    return Mention(mention_id(doc_id, start, end), doc_id, start, end, surface, label, title)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        span = text[start:end]
        lead = _LEADING.match(span)
        trail = _TRAILING.search(span)
        if lead and lead.end() < len(span):
            start += lead.end()
        elif trail and trail.start() > 0:
            end = start + trail.start()
        elif span != span.strip():
            start += len(span) - len(span.lstrip())
            end -= len(span) - len(span.rstrip())
        else:
            return start, end


def _strip_title(text: str, start: int, end: int) -> tuple[str | None, int]:
    """Leading titles ("Mufti", "Prime Minister") come off the name and are returned."""
    found = []
    ordered = sorted(lexicon.titles(), key=len, reverse=True)
    lead = re.match(r"^(\w+)\s+", text[start:end])
    if lead and lead.group(1).lower() in lexicon.not_entities():  # "Afghan Ambassador X"
        rest = text[start + lead.end():end]
        if any(rest.startswith(t + " ") for t in ordered):
            start += lead.end()
    moved = True
    while moved:
        moved = False
        span = text[start:end]
        for title in ordered:
            if span.startswith(title + " ") and len(span) > len(title) + 1:
                found.append(title)
                start += len(title) + 1
                moved = True
                break
    return (" ".join(found) or None), start


def _fix_label(surface: str, label: str) -> str | None:
    low = surface.lower()
    group = lexicon.group_index().get(low)
    if group is not None:
        return group.type
    if low in lexicon.place_index():
        return "GPE"
    if label == "NORP":
        return None  # demonyms and creeds: "Afghan", "Pakistani", "Sunni"
    return label


def with_dateline(doc: Document, found: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The dateline ("ISLAMABAD:") names a place even when the model, fooled by capitals, missed it."""
    ev = doc.evidence.get("dateline")
    if ev is None or any(m.start < ev.end and ev.start < m.end for m in found):
        return found
    surface = doc.text[ev.start:ev.end]
    place = Mention(mention_id(doc.id, ev.start, ev.end), doc.id, ev.start, ev.end, surface, "GPE")
    return tuple(sorted(found + (place,), key=lambda m: m.start))


def with_alias_names(doc: Document, found: tuple[Mention, ...], links: Sequence[Any]) -> tuple[Mention, ...]:
    """A name stated with an alias ("Rahim alias Toofan") is a name even where the model missed it."""
    out = list(found)
    for link in links:
        spans = ((link.name_start, link.name_end), (link.alias_start, link.alias_end))
        labels = [m.label for a, b in spans for m in out if m.start < b and a < m.end]
        label = labels[0] if labels else "PERSON"
        for a, b in spans:
            if b > a and not any(m.start < b and a < m.end for m in out):
                out.append(Mention(mention_id(doc.id, a, b), doc.id, a, b, doc.text[a:b], label))
    return tuple(sorted(out, key=lambda m: m.start))


def confirm_headlines(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop names found only in title-case headline lines unless the body or the lexicon has them."""
    head_spans = _headline_spans(text)
    if not head_spans:
        return mentions

    def in_head(m: Mention) -> bool:
        return any(a <= m.start < b for a, b in head_spans)

    body = {names.fold(m.text) for m in mentions if not in_head(m)}
    body_tokens = {t for key in body for t in key.split()}
    out = []
    for m in mentions:
        folded = names.fold(m.text)
        known = m.text.lower() in lexicon.group_index() or m.text.lower() in lexicon.place_index()
        if not in_head(m) or known or folded in body or (folded and set(folded.split()) <= body_tokens):
            out.append(m)
    return out


def _headline_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for para in text.split("\n\n"):
        words = para.split()
        capitalised = sum(1 for w in words if w[:1].isupper())
        if para and is_headline(para) and words and capitalised / len(words) > 0.6:
            spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    return spans
