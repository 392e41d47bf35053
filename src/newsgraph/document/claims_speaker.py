"""Who makes a claim: a named person or organisation, a described unnamed source, or a pronoun.

Rules, in order, on the head word of the speaker expression:
  pronoun      "he said" → the speaker of the claim just before (within two sentences: one person,
               named or described), else the nearest person mention before it; "it" the same for an
               organisation or an institution ("the ministry said … It added"); "they" anyone.
  named        a mention covering the head, or a person named in apposition ("the minister, X,
               said", "a spokesman for the Taliban, X, said"); "Afghan government spokesperson X had
               told" is X. A group noun named by an organisation ("the TTP leadership") is that
               organisation; an unrecognised full name in apposition is kept with no mention id.
  document     "according to the book" → who wrote or issued it ("authored by X", "the UN report",
               "a statement issued by the police"), or the speaker of the claim that reported it.
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
_DEFINITE = frozenset({"the", "this", "its", "their", "his", "her"})
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
    roles: frozenset[str]  # role words of the expression ("official", "minister")
    cue: str  # the cue word, for "the report said" → who reported
    plural: bool = False  # "officials": not an antecedent for "he"
    noun: str | None = None  # what a described source's noun names: person, group, document
    word: str = ""  # lemma of the expression's head ("statement"), for "the statement said"


@dataclass(frozen=True)
class Resolved:
    speaker: Speaker
    roles: frozenset[str] = frozenset()
    plural: bool = False
    base: str | None = None  # for a pronoun: what its antecedent is (person, organisation, described)
    noun: str | None = None  # for a described source: what its noun names (person, group, document)


def _role(word: str) -> str:
    w = word.lower()
    return _SYNONYMS.get(w, w)


def noun_phrase(head: Any, text: str) -> list[Any]:
    """The head with its modifiers and "from/for/of" phrases; clauses and appositions left out.

    Only words on the head's own line: the parser glues headlines and datelines to the lead.
    """
    return [t for t in _phrase(head) if "\n" not in text[min(t.idx, head.idx):max(t.idx, head.idx)]]


def _phrase(head: Any) -> list[Any]:
    keep = [head]
    for c in head.children:
        if c.i < head.i and c.dep_ in _NP_LEFT:
            keep.extend(c.subtree)
        elif c.i > head.i and c.dep_ == "prep" and c.lower_ in ("from", "for", "of", "in", "with", "at"):
            keep.append(c)
            for obj in c.children:
                if obj.dep_ == "pobj":
                    keep.extend(_phrase(obj))
    return sorted(keep, key=lambda t: t.i)


def description(toks: Sequence[Any]) -> str:
    """"a senior security official from Pakistan" → "senior security official from Pakistan"."""
    words = [t for t in toks if not (t.dep_ in ("det", "predet") and t.lower_ in _DROP_WORDS)
             and not (t.is_punct and t.tag_ != "HYPH" and t.text not in ("-", "‐"))]
    out = ""
    for k, t in enumerate(words):
        out += t.text
        if k + 1 < len(words):
            glued = words[k + 1].i == t.i + 1 and not t.whitespace_
            out += "" if glued else " "
    return out.strip()


def _from_mention(ctx: Context, m: Mention) -> Speaker:
    label = ctx.types.get(m.id, m.label)
    return Speaker(m.text, "person" if label == "PERSON" else "organisation", m.start, m.end, m.id)


def _appositive_name(ctx: Context, head: Any) -> Speaker | None:
    """"The minister, X, said": the person in apposition, a mention or a run of proper nouns. The
    parser often hangs it on the organisation ("a spokesman for the Taliban, X, said")."""
    appositions = list(head.children)
    if lex.source_kind(head.lemma_) == "person":
        appositions += [a for p in head.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                        for a in o.children if a.dep_ == "appos"]
    for c in appositions:
        if c.dep_ != "appos" or c.pos_ != "PROPN":
            continue
        m = ctx.mention(c)
        if m is not None:
            if ctx.types.get(m.id, m.label) == "PERSON":
                return _from_mention(ctx, m)
            continue
        toks = sorted([c] + [g for g in c.children if g.dep_ == "compound" and g.pos_ == "PROPN"], key=lambda t: t.i)
        if len(toks) >= 2:  # an unrecognised full name; a lone word is too weak to call a person
            return Speaker(description(toks), "person", toks[0].idx, _end(toks), None)
    return None


def _named(ctx: Context, head: Any) -> Speaker | None:
    found = _appositive_name(ctx, head)
    if found is not None:
        return found
    m = ctx.mention(head)
    if m is not None and _dateline(ctx, m):  # "KABUL — The Taliban said": the parser's subject is the place
        inner = [ctx.mention(c) for c in head.subtree if c.i != head.i]
        m = next((x for x in inner if x is not None and x.label in ("ORG", "PERSON")), None)
        if m is None:
            return None
    if m is None and head.pos_ == "PROPN":  # a name the model split: take a mention inside the phrase
        inside = [ctx.mention(t) for t in noun_phrase(head, ctx.text) if t.i <= head.i]
        m = next((x for x in reversed(inside) if x is not None), None)
    return _from_mention(ctx, m) if m is not None else None


def _org_modifier(ctx: Context, head: Any) -> Speaker | None:
    """A group noun named by an organisation in front of it ("the TTP leadership") speaks for it."""
    names = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.i < head.i]
    for c in names:
        m = ctx.mention(c)
        if m is not None and ctx.types.get(m.id, m.label) == "ORG":
            return _from_mention(ctx, m)
    if names and all(c.pos_ == "PROPN" and ctx.mention(c) is None for c in names) and lex.source_kind(head.lemma_):
        toks = noun_phrase(head, ctx.text)  # a name the model missed: "the Tehreek Azadi front"
        return Speaker(description(toks), "organisation", toks[0].idx, _end(toks), None)
    return None


def _dateline(ctx: Context, m: Mention) -> bool:
    line_start = ctx.text.rfind("\n", 0, m.start) + 1
    after = ctx.text[m.end:m.end + 4].lstrip()
    return m.start == line_start and m.text.isupper() and after[:1] in ("—", "–", "-", ":")


def resolve(ctx: Context, head: Any, at: int, earlier: Sequence[Said]) -> Resolved | None:
    """The speaker for the head word of a speaker expression (see the module docstring)."""
    low = head.lower_
    if low in FIRST_PERSON:
        return None
    if head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS | PLURAL_PRONOUNS:
        found = _pronoun(ctx, low, at, earlier)
        return Resolved(found[0], plural=low in PLURAL_PRONOUNS, base=found[1], noun=found[2]) if found else None
    kind = lex.source_kind(head.lemma_) or lex.source_kind(low)
    plural = head.tag_ in ("NNS", "NNPS")
    roles = frozenset({_role(head.lemma_)}) if kind == "person" else frozenset()
    named = _named(ctx, head)
    if named is not None:
        if named.mention is not None and not roles:
            m = next(x for x in ctx.mentions if x.id == named.mention)
            roles = frozenset(person_roles(ctx, m))
        return Resolved(named, roles)
    toks = noun_phrase(head, ctx.text)
    if kind in (None, "group"):
        org = _org_modifier(ctx, head)
        if org is not None:  # "the Haqqani network said", "the Tehreek Azadi front said"
            return Resolved(org)
    if kind is None:
        if head.pos_ == "PROPN":
            return Resolved(Speaker(description(toks), "organisation", toks[0].idx, _end(toks), None))
        return None
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in head.children)
    if kind == "document":
        found = _document_source(ctx, head, toks, at, earlier)
        if found is not None:
            return Resolved(found)
    elif definite and not plural:
        found = _definite(ctx, head, kind, at, earlier)
        if found is not None:
            return Resolved(found, roles)
    return Resolved(Speaker(description(toks), "described", toks[0].idx, _end(toks), None), roles, plural, noun=kind)


def _end(toks: Sequence[Any]) -> int:
    return max(t.idx + len(t.text) for t in toks)


def _pronoun(ctx: Context, low: str, at: int, earlier: Sequence[Said]) -> tuple[Speaker, str, str | None] | None:
    """A pronoun speaker: the last fitting speaker within two sentences, else the nearest name."""
    sent = ctx.sentence_of(at)
    for said in reversed(earlier):
        if said.at >= at:
            continue
        if sent - said.sentence > LOOKBACK_SENTENCES:
            break
        if _fits(low, said):
            return _as_pronoun(said.speaker), said.base, said.noun
    m = _nearest(ctx, at, ("PERSON",) if low in PERSON_PRONOUNS else ("ORG",))
    if m is None:
        return None
    base = "person" if ctx.types.get(m.id, m.label) == "PERSON" else "organisation"
    return Speaker(m.text, "pronoun", m.start, m.end, m.id), base, None


def _fits(low: str, said: Said) -> bool:
    """"he" takes one person (named or described), "it" an organisation or an institution
    ("the ministry said … It added"), "they" anyone."""
    if low in PERSON_PRONOUNS:
        return not said.plural and (said.base == "person" or (said.base == "described" and said.noun == "person"))
    if low in GROUP_PRONOUNS:
        return said.base == "organisation" or (said.base == "described" and said.noun in ("group", "document"))
    return True


def _as_pronoun(sp: Speaker) -> Speaker:
    return Speaker(sp.name, "pronoun", sp.start, sp.end, sp.mention)


def _nearest(ctx: Context, at: int, labels: Sequence[str], max_back: int = 1500) -> Mention | None:
    """The last mention of one of ``labels`` ending before ``at``, outside quotations."""
    for m in reversed(ctx.mentions):
        if m.end > at or ctx.types.get(m.id, m.label) not in labels:
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
        return _from_mention(ctx, m) if m else None
    best: tuple[int, Speaker] | None = None
    for said in reversed(earlier):
        if said.at < at and role in said.roles and not said.plural:
            best = (said.at, said.speaker)
            break
    limit = ctx.sent_bounds[ctx.sentence_of(at)][0]
    for m in reversed(ctx.mentions):
        if m.label != "PERSON" or m.end > limit or (best and m.start < best[0]):
            continue
        if role in person_roles(ctx, m):
            best = (m.start, _from_mention(ctx, m))
            break
    return best[1] if best else None


def person_roles(ctx: Context, m: Mention) -> set[str]:
    """Role words the text ties to a person mention: title, apposition, compound, "X is a leader"."""
    roles = {_role(w) for w in (m.title or "").split()}
    toks = ctx.tokens_in(m.start, m.end)
    if not toks:
        return roles
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[-1])
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
    """"the UN report" → UN; "a statement issued by the police" → police; "according to the book"
    → the author named where the book came up, or who issued the statement the text quoted before."""
    for t in toks:
        m = ctx.mention(t)
        if t.i != head.i and m is not None and m.label in ("ORG", "PERSON", "GPE"):
            return _from_mention(ctx, m)
    own = _author(ctx, head)
    if own is not None or not any(c.dep_ in ("det", "poss") for c in head.children):
        return own
    lemma = head.lemma_.lower()
    for said in reversed(earlier):  # "… news agency reported. The report said …"
        if said.at < at and lemma in (said.cue, said.word):
            return said.speaker
    for tok in reversed(ctx.tokens_in(max(0, at - 3000), toks[0].idx)):
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
                for c in [a for a in obj.children if a.dep_ == "appos"] + [obj]:
                    m = ctx.mention(c)
                    if m is not None and m.label in ("PERSON", "ORG"):
                        return _from_mention(ctx, m)
                if lex.source_kind(obj.lemma_) in ("person", "group"):  # "issued by the provincial police"
                    toks = noun_phrase(obj, ctx.text)
                    return Speaker(description(toks), "described", toks[0].idx, _end(toks), None)
    for c in noun.children:
        if c.dep_ in ("poss", "compound") and (m := ctx.mention(c)) is not None and m.label in ("PERSON", "ORG"):
            return _from_mention(ctx, m)
    return None
