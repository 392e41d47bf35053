"""The event lexicon (``data/lexicons/event_triggers.tsv``) and matching it against parsed tokens.

Kept apart from the rules so that the vocabulary can grow without touching code: a trigger row
says which words state an event and what they need to count as one; the word-class rows say
which words make an event planned, alleged, military, or which side a dead person was on.
Tokens are duck-typed spaCy tokens (``text``, ``lemma_``, ``pos_``, ``children``, ``i``, ``doc``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Trigger", "TriggerMatch", "lexicon", "match_triggers", "words_of", "in_class", "verb_in_class",
           "class_of_noun"]

_PIECES = re.compile(r"[\w']+|-")
_PARTICLES = frozenset({"off", "up", "down", "dead", "free", "out"})


@dataclass(frozen=True)
class Trigger:
    phrase: tuple[str, ...]
    pos: str  # VERB, NOUN, ANY
    type: str
    flags: frozenset[str]


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in the parse: tokens [start, end) and the token that heads them."""

    start: int
    end: int
    head: int
    entry: Trigger


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, tuple[Trigger, ...]]  # first piece → entries, longest first
    classes: dict[str, frozenset[tuple[str, ...]]]  # kind → phrases
    types: dict[tuple[str, str], str]  # (kind, phrase text) → event type (agent nouns, weapons)
    longest: dict[str, int]


def pieces(text: str) -> tuple[str, ...]:
    return tuple(_PIECES.findall(text.lower()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read the trigger lexicon once per process."""
    path = resources.files("newsgraph") / "data" / "lexicons" / "event_triggers.tsv"
    triggers: dict[str, list[Trigger]] = {}
    classes: dict[str, set[tuple[str, ...]]] = {}
    types: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase, pos, etype, flags, *_ = (line.split("\t") + [""] * 5)[:6]
        key = pieces(phrase)
        if kind == "trigger":
            entry = Trigger(key, pos or "ANY", etype, frozenset(f for f in flags.split(",") if f))
            triggers.setdefault(key[0], []).append(entry)
        else:
            classes.setdefault(kind, set()).add(key)
            if etype:
                types[(kind, " ".join(key))] = etype
    ordered = {k: tuple(sorted(v, key=lambda t: -len(t.phrase))) for k, v in triggers.items()}
    frozen = {k: frozenset(v) for k, v in classes.items()}
    longest = {k: max(len(p) for p in v) for k, v in classes.items()}
    return Lexicon(ordered, frozen, types, longest)


def words_of(tok: Any) -> tuple[str, str]:
    """The lower-cased surface form and lemma of a token."""
    return tok.text.lower(), tok.lemma_.lower()


def _piece_ok(tok: Any, piece: str) -> bool:
    low, lemma = words_of(tok)
    return piece in (low, lemma)


def _pos_ok(tok: Any, pos: str) -> bool:
    if pos == "NOUN":
        return tok.pos_ in ("NOUN", "PROPN")
    if pos == "VERB":
        return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")
    return tok.pos_ in ("NOUN", "PROPN", "VERB")


def _span_head(doc: Any, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the phrase's syntactic head)."""
    for i in range(start, end):
        head = doc[i].head.i
        if head == i or not start <= head < end:
            return i
    return end - 1


def _match_at(doc: Any, i: int, limit: int, entry: Trigger) -> TriggerMatch | None:
    n = len(entry.phrase)
    if i + n <= limit and all(_piece_ok(doc[i + k], entry.phrase[k]) for k in range(n)):
        head = _span_head(doc, i, i + n)
        return TriggerMatch(i, i + n, head, entry) if _pos_ok(doc[head], entry.pos) else None
    if n == 2 and entry.phrase[1] in _PARTICLES and _pos_ok(doc[i], "VERB"):
        # "shot him dead", "called the truce off": the particle is a child of the verb
        if any(c.text.lower() == entry.phrase[1] for c in doc[i].children):
            return TriggerMatch(i, i + 1, i, entry)
    return None


def match_triggers(doc: Any, start: int, end: int,
                   words: list[tuple[str, str]] | None = None) -> list[TriggerMatch]:
    """Trigger phrases among tokens [start, end), longest match first, not overlapping.

    ``words`` (each token's lower-cased form and lemma, computed once per document) lets the scan
    skip the tokens that start no trigger without building token objects.
    """
    table = lexicon().triggers
    out: list[TriggerMatch] = []
    i = start
    while i < end:
        keys = words[i] if words is not None else words_of(doc[i])
        if keys[0] not in table and keys[1] not in table:
            i += 1
            continue
        found = None
        for key in dict.fromkeys(keys):
            for entry in table.get(key, ()):
                found = _match_at(doc, i, end, entry)
                if found:
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return out


def in_class(kind: str, tok: Any) -> bool:
    """Whether a token's form or lemma is a one-word phrase of the class."""
    phrases = lexicon().classes.get(kind, frozenset())
    low, lemma = words_of(tok)
    return (low,) in phrases or (lemma,) in phrases


def verb_in_class(kind: str, verb: Any) -> bool:
    """Whether a verb, with its particle or object word, is a phrase of the class ("called off")."""
    phrases = lexicon().classes.get(kind, frozenset())
    low, lemma = words_of(verb)
    if (low,) in phrases or (lemma,) in phrases:
        return True
    return any((lemma, c.text.lower()) in phrases or (low, c.text.lower()) in phrases
               for c in verb.children if c.dep_ in ("prt", "advmod", "prep", "dobj"))


def phrase_in_class(kind: str, text: str) -> bool:
    return pieces(text) in lexicon().classes.get(kind, frozenset())


def classes_in_text(kind: str, text: str) -> list[tuple[str, ...]]:
    """Phrases of a class found in a text, longest first at each position (for compound modifiers)."""
    phrases = lexicon().classes.get(kind, frozenset())
    longest = lexicon().longest.get(kind, 1)
    words = pieces(text)
    out, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if words[i:i + n] in phrases:
                out.append(words[i:i + n])
                i += n
                break
        else:
            i += 1
    return out


def class_of_noun(tok: Any) -> str | None:
    """Which side a noun names: "security", "militant", "civilian", "person", or None.

    Two-word class phrases are read with the word before ("security forces", "police officer").
    """
    low, lemma = words_of(tok)
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    classes = lexicon().classes
    for kind in ("security", "militant", "civilian", "person"):
        phrases = classes.get(kind, frozenset())
        if prev is not None and ((prev.text.lower(), lemma) in phrases or (prev.text.lower(), low) in phrases):
            return kind
    for kind in ("security", "militant", "civilian", "person"):
        phrases = classes.get(kind, frozenset())
        if (low,) in phrases or (lemma,) in phrases:
            return kind
    return None


def type_of(kind: str, words: tuple[str, ...]) -> str | None:
    """The event type an agent noun or weapon implies ("suicide bomber" → bombing)."""
    return lexicon().types.get((kind, " ".join(words)))
