"""Helpers over a dependency parse for the event stage: the context of one document and tree walks.

Tokens are duck-typed spaCy tokens (``i``, ``idx``, ``text``, ``dep_``, ``head``, ``children``,
``lefts``, ``subtree``, ``pos_``, ``tag_``, ``lemma_``); nothing here imports spaCy. The small
English model attaches prepositions loosely, so the walks are short and allow for its habits
(a passive subject that is a participle, an apposition standing for the name).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.document.dates import DateMention
from newsgraph.document.events_lexicon import in_class
from newsgraph.records import Document, Mention

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Context:
    """One document being read: its parse, mentions by token, dates, and paragraph bounds."""

    doc: Document
    parsed: Any
    mentions: Sequence[Mention]
    dates: Sequence[DateMention]
    by_token: dict[int, Mention] = field(default_factory=dict)
    date_by_token: dict[int, DateMention] = field(default_factory=dict)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    bounds: tuple[int, int] = (0, 0)  # token range of the sentence piece being read
    others: frozenset[int] = frozenset()  # trigger tokens of the piece's other events (their dates are theirs)
    starts: list[int] = field(default_factory=list)  # token start offsets
    words: list[tuple[str, str]] = field(default_factory=list)  # token forms and lemmas, lower-cased

    def inside(self, tok: Any) -> bool:
        """Whether a token is in the sentence piece being read (the parser runs lines together)."""
        return self.bounds[0] <= tok.i < self.bounds[1]

    @classmethod
    def build(cls, doc: Document, parsed: Any, mentions: Sequence[Mention],
              dates: Sequence[DateMention]) -> "Context":
        ctx = cls(doc, parsed, sorted(mentions, key=lambda m: m.start), list(dates))
        ctx.starts = [t.idx for t in parsed]
        ctx.words = [(t.lower_, t.lemma_.lower()) for t in parsed]
        ctx.by_token = _index(ctx.starts, [(m.start, m.end, m) for m in ctx.mentions])
        ctx.date_by_token = _index(ctx.starts, [(d.start, d.end, d) for d in ctx.dates])
        ctx.paragraphs = paragraph_spans(doc.text)
        return ctx

    def mention(self, tok: Any) -> Mention | None:
        return self.by_token.get(tok.i)

    def paragraph_of(self, char: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= char < end:
                return start, end
        return 0, len(self.doc.text)


def _index(starts: list[int], spans: list[tuple[int, int, Any]]) -> dict[int, Any]:
    """Token index → the span record covering it (spans are character offsets; ``starts`` are the
    tokens' start offsets)."""
    out: dict[int, Any] = {}
    for start, end, rec in spans:
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            out.setdefault(i, rec)
            i += 1
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (blocks separated by a blank line or a single line break)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def conjuncts(tok: Any) -> list[Any]:
    """The token and the tokens conjoined with it ("Hamid and Yasir")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ == tok.pos_ or
                    c.dep_ == "conj" and tok.pos_ in ("PROPN", "NOUN", "PRON") and c.pos_ in ("PROPN", "NOUN", "PRON"))
    return sorted(out, key=lambda t: t.i)


def first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def ancestors(tok: Any, limit: int = 8) -> Iterator[Any]:
    n = 0
    while tok.head != tok and n < limit:
        tok = tok.head
        n += 1
        yield tok


def path_deps(a: Any, b: Any) -> list[Any] | None:
    """The tokens on the way from ``a`` up to its ancestor ``b`` (excluding b), or None."""
    out, tok = [], a
    while tok != b:
        if tok.head == tok:
            return None
        out.append(tok)
        tok = tok.head
    return out


def governing_verb(tok: Any) -> Any | None:
    """The nearest verb above a noun, through prepositions and noun heads."""
    for anc in ancestors(tok, 5):
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def subject_of(verb: Any) -> list[Any]:
    """The subject of a verb, inherited along conj / xcomp / participles when it has none of its own."""
    tok = verb
    for _ in range(5):
        subj = children(tok, "nsubj", "nsubjpass")
        if subj:
            return subj
        if tok.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and tok.head != tok:
            tok = tok.head
            if tok.pos_ == "ADP":
                tok = tok.head
            continue
        if tok.dep_ in ("acl", "relcl") and tok.head != tok:
            return [tok.head]
        return []
    return []


def np_bounds(tok: Any) -> tuple[int, int]:
    """Token bounds of a noun phrase head with its left modifiers, without determiners or counts."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod", "det", "predet"):
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") or (c.dep_ == "case"):
            end = max(end, c.right_edge.i + 1)
    doc = tok.doc
    while start < tok.i and (doc[start].dep_ in ("det", "predet", "nummod", "quantmod", "punct", "case")
                             or doc[start].pos_ in ("NUM", "DET", "PUNCT", "ADV", "CCONJ", "ADP")
                             or doc[start].lower_ in ("other", "another", "some", "more", "than", "over", "least")
                             or doc[start].dep_ == "poss" and doc[start].pos_ == "PRON"):
        start += 1
    return start, end


def is_modal(tok: Any) -> bool:
    return any(c.dep_ == "aux" and in_class("modal", c) for c in tok.children)
