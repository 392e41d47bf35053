"""Who makes a claim: a named person or organisation, a described unnamed source, or a pronoun.

Rules, in order, on the head word of the speaker expression:
  pronoun      "he said" → the speaker of the claim just before (within two sentences), else the
               nearest person mention before it; "it"/"the group" the same for organisations.
  named        a mention covering the head, or a person named in apposition ("the minister,
               X, said"); "Afghan government spokesperson X had told" is X.
  document     "according to the book" → who wrote or issued the book earlier in the article
               ("authored by X", "the UN report"), or the speaker of the claim that reported it.
  definite     "the official said" → the most recent earlier source with that role: a described
               source ("a government official who asked not to be named") or a person whose role
               the text states ("the minister, X"); none → kept as a description.
  described    the noun phrase itself, without articles and clauses: "senior security official
               from Pakistan", "security sources". Its head must be a source noun of the lexicon,
               so "the bombing claimed 20 lives" has no speaker and gives no claim.
Why earlier speakers first: news copy names a source once and then says "he added" or "the official
said"; the last speaker is a better antecedent than the last name, which is often a victim.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.document import claims_lexicon as lex
from newsgraph.document.claims_parse import Context
from newsgraph.records import Mention

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they"})
FIRST_PERSON = frozenset({"i", "we", "you"})
_NP_LEFT = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "advmod", "case", "quantmod", "npadvmod"})
_DROP_WORDS = frozenset({"a", "an", "the", "some", "this", "that", "these", "those", "another"})
_SYNONYMS = {"spokesperson": "spokesman", "spokeswoman": "spokesman", "spokesmen": "spokesman",
             "spokespersons": "spokesman", "authorities": "authority", "organization": "organisation"}
LOOKBACK_SENTENCES = 2


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim. For a pronoun or a resolved "the official", the span is the antecedent's."""

    name: str
    kind: str  # person | organisation | described | pronoun
    start: int | None
    end: int | None
    mention: str | None


@dataclass(frozen=True)
class Said:
    """An earlier resolved speaker, for the antecedent rules."""

    at: int  # cue start
    sentence: int
    speaker: Speaker
    base: str  # person | organisation | described: what a pronoun speaker stands for
    head: str  # role word of the expression ("official"), "" when named
    cue: str  # the cue word, for "the report said" → who reported


def base_kind(sp: Speaker, ms: dict[str, Mention] | None = None) -> str:
    if sp.kind != "pronoun":
        return sp.kind
    if sp.mention and ms and sp.mention in ms:
        return "person" if ms[sp.mention].label == "PERSON" else "organisation"
    return "described"


def _role(word: str) -> str:
    w = word.lower()
    return _SYNONYMS.get(w, w)


def noun_phrase(head: Any) -> list[Any]:
    """The head with its modifiers and "from/for/of" phrases; clauses and appositions left out."""
    keep = [head]
    for c in head.children:
        if c.i < head.i and c.dep_ in _NP_LEFT:
            keep.extend(c.subtree)
        elif c.i > head.i and c.dep_ == "prep" and c.lower_ in ("from", "for", "of", "in", "with", "at"):
            keep.extend(c.subtree)
    return sorted(keep, key=lambda t: t.i)


def description(toks: Sequence[Any]) -> str:
    """"a senior security official from Pakistan" → "senior security official from Pakistan"."""
    words = [t for t in toks if not (t.dep_ in ("det", "predet") and t.lower_ in _DROP_WORDS) and not t.is_punct]
    out = ""
    for k, t in enumerate(words):
        out += t.text
        if k + 1 < len(words):
            glued = words[k + 1].i == t.i + 1 and not t.whitespace_
            out += "" if glued else " "
    return out.strip()


def _named(ctx: Context, head: Any) -> Mention | None:
    for c in head.children:  # "the minister, X, said": the person in apposition wins
        if c.dep_ == "appos" and (m := ctx.mention(c)) is not None and m.label == "PERSON":
            return m
    m = ctx.mention(head)
    if m is not None:
        return m
    if head.pos_ == "PROPN":  # a name the model split: take a mention inside the phrase
        inside = [ctx.mention(t) for t in noun_phrase(head) if t.i <= head.i]
        return next((x for x in reversed(inside) if x is not None), None)
    return None


def _from_mention(m: Mention) -> Speaker:
    kind = "person" if m.label == "PERSON" else "organisation"
    return Speaker(m.text, kind, m.start, m.end, m.id)


def resolve(ctx: Context, head: Any, at: int, earlier: Sequence[Said]) -> tuple[Speaker, str] | None:
    """The speaker for the head word of a speaker expression, and its role word ("" if named)."""
    low = head.lower_
    if low in FIRST_PERSON:
        return None
    if head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS | PLURAL_PRONOUNS:
        found = _pronoun(ctx, low, at, earlier)
        return (found, "") if found else None
    m = _named(ctx, head)
    if m is not None and m.label in ("PERSON", "ORG", "GPE", "FAC", "NORP"):
        return _from_mention(m), ""
    kind = lex.source_kind(head.lemma_) or lex.source_kind(low)
    if kind is None:
        if head.pos_ == "PROPN":
            toks = noun_phrase(head)
            return Speaker(description(toks), "organisation", toks[0].idx, _end(toks), None), ""
        return None
    toks = noun_phrase(head)
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their") for c in head.children)
    if kind == "document":
        found = _document_source(ctx, head, toks, at, earlier)
        if found is not None:
            return found, ""
    elif definite:
        found = _definite(ctx, head, kind, at, earlier)
        if found is not None:
            return found, _role(head.lemma_)
    return Speaker(description(toks), "described", toks[0].idx, _end(toks), None), _role(head.lemma_)


def _end(toks: Sequence[Any]) -> int:
    return max(t.idx + len(t.text) for t in toks)


def _pronoun(ctx: Context, low: str, at: int, earlier: Sequence[Said]) -> Speaker | None:
    sent = ctx.sentence_of(at)
    want = {"person", "described"} if low in PERSON_PRONOUNS else (
        {"organisation"} if low in GROUP_PRONOUNS else {"person", "described", "organisation"})
    for said in reversed(earlier):
        if said.at >= at:
            continue
        if sent - said.sentence > LOOKBACK_SENTENCES:
            break
        if said.base in want:
            return _as_pronoun(said.speaker)
    labels = ("PERSON",) if low in PERSON_PRONOUNS else ("ORG",)
    m = _nearest(ctx, at, labels)
    if m is None and low in PLURAL_PRONOUNS:
        m = _nearest(ctx, at, ("ORG",))
    return Speaker(m.text, "pronoun", m.start, m.end, m.id) if m else None


def _as_pronoun(sp: Speaker) -> Speaker:
    return Speaker(sp.name, "pronoun", sp.start, sp.end, sp.mention)


def _nearest(ctx: Context, at: int, labels: Sequence[str], max_back: int = 1500) -> Mention | None:
    """The last mention of one of ``labels`` ending before ``at``, outside quotations."""
    for m in reversed(ctx.mentions):
        if m.end > at or m.label not in labels:
            continue
        if at - m.end > max_back:
            return None
        q = ctx.quote_at(m.start, m.end)
        if q is None or q.end <= m.start:
            return m
    return None


def _definite(ctx: Context, head: Any, kind: str, at: int, earlier: Sequence[Said]) -> Speaker | None:
    """"the official", "the minister", "the group": the most recent earlier source of that role."""
    role = _role(head.lemma_)
    if kind == "group":
        for said in reversed(earlier):
            if said.at < at and said.base == "organisation":
                return said.speaker
        m = _nearest(ctx, at, ("ORG",))
        return _from_mention(m) if m else None
    best: tuple[int, Speaker] | None = None
    for said in reversed(earlier):
        if said.at < at and said.head == role:
            best = (said.at, said.speaker)
            break
    limit = ctx.sent_bounds[ctx.sentence_of(at)][0]
    for m in reversed(ctx.mentions):
        if m.label != "PERSON" or m.end > limit or (best and m.start < best[0]):
            continue
        if role in person_roles(ctx, m):
            best = (m.start, _from_mention(m))
            break
    return best[1] if best else None


def person_roles(ctx: Context, m: Mention) -> set[str]:
    """Role words the text ties to a person mention: title, apposition, compound, "X is a leader"."""
    roles = {_role(w) for w in (m.title or "").split()}
    toks = [t for t in ctx.parsed if m.start <= t.idx < m.end]
    if not toks:
        return roles
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in ids or t.head is t), toks[-1])
    linked = [c for t in toks for c in t.children if c.i not in ids and c.dep_ in ("compound", "appos", "amod")]
    if head.dep_ in ("appos", "compound") and head.head.i not in ids:
        linked.append(head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        linked.extend(c for c in head.head.children if c.dep_ == "attr")
    for t in linked:
        roles.add(_role(t.lemma_))
        roles.update(_role(c.lemma_) for c in t.children if c.dep_ in ("compound", "amod"))
    return roles


def _document_source(ctx: Context, head: Any, toks: Sequence[Any], at: int,
                     earlier: Sequence[Said]) -> Speaker | None:
    """"the UN report" → UN; "according to the book" → the author named where the book came up."""
    for t in toks:
        m = ctx.mention(t)
        if t is not head and m is not None and m.label in ("ORG", "PERSON", "GPE"):
            return _from_mention(m)
    if not any(c.dep_ in ("det", "poss") for c in head.children):
        return None
    lemma = head.lemma_.lower()
    for said in reversed(earlier):  # "… news agency reported. The report said …"
        if said.at < at and said.cue == lemma:
            return said.speaker
    for tok in reversed([t for t in ctx.parsed if t.idx < toks[0].idx]):
        if at - tok.idx > 3000:
            break
        if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN":
            found = _author(ctx, tok)
            if found is not None:
                return found
    return None


def _author(ctx: Context, noun: Any) -> Speaker | None:
    """Who wrote, issued or released a document noun: "by X", then "X's"/"the X book"."""
    for t in noun.subtree:
        if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by"):
            for obj in (c for c in t.children if c.dep_ == "pobj"):
                cands = [c for c in obj.children if c.dep_ == "appos"] + [obj]
                for c in cands:
                    m = ctx.mention(c)
                    if m is not None and m.label in ("PERSON", "ORG"):
                        return _from_mention(m)
    for c in noun.children:
        if c.dep_ in ("poss", "compound") and (m := ctx.mention(c)) is not None and m.label in ("PERSON", "ORG"):
            return _from_mention(m)
    return None
