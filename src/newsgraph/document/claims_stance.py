"""Stance and topic of a claim: does the source assert, confirm or deny, and about whom.

Stance, in order:
  1. a negated cue: "did not confirm" / "do not confirm" → denies (a refusal to confirm a report is
     how spokesmen deny it), but "could not / would not / declined to confirm" and "neither confirm
     nor deny" are no stance at all, and a negated "say"/"claim"/"deny" ("did not say who") is no
     claim: None.
  2. a denial cue ("denied", "rejected", "dismissed") → denies.
  3. the statement itself denies → denies (negated=True): a denial wording of the lexicon ("nothing
     like that happened", "not true", "baseless propaganda"), a claim noun refuted ("the claim …
     collapses", "these reports are false"), or a negated main clause in the past or present ("Balti
     was not holding any position", "no group was involved"). A negated future or modal ("the
     Taliban will not expel the TTP", "soil won't be used") is a prediction or a pledge: asserted.
  4. otherwise the cue's default (asserts, confirms).
About: the mentions inside the statement; a pronoun there resolved to the person before it ("saying
he was the spokesman"); a definite role noun with no name ("the TTP commander", "one of its top
commanders") as the article's main person; for an anaphoric statement with no name ("nothing like
that happened") the topic of the claim just before; last, the other names of the cue's sentence.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.document import claims_lexicon as lex
from newsgraph.document.claims_parse import Context, content_roots, modal, negated
from newsgraph.records import Mention

_NEG_SUBJECTS = frozenset({"nothing", "nobody", "none", "noone"})
_ANAPHORS = frozenset({"that", "this", "these", "those", "such", "it", "them", "they"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})


def cue_stance(cue: lex.Cue, cue_tok: Any | None) -> tuple[str | None, bool]:
    """Stance given by the cue word alone: (stance or None for no claim, negated)."""
    if cue_tok is None or not negated(cue_tok):
        return cue.stance, False
    if cue.stance != "confirms":
        return None, True
    noncommit = lex.denials().noncommit
    words = {c.lemma_.lower() for c in cue_tok.children} | {cue_tok.head.lemma_.lower()}
    words |= {c.lower_ for c in cue_tok.children}
    if words & noncommit:
        return None, True
    return "denies", True


def content_denies(ctx: Context, start: int, end: int) -> bool:
    """Whether the reported statement [start, end) is itself a denial."""
    if lex.denial_form(ctx.text[start:end]):
        return True
    toks = [t for t in ctx.parsed if start <= t.idx < end]
    if _refutes(toks):
        return True
    for root in content_roots(ctx.parsed, start, end):
        if root.pos_ not in ("VERB", "AUX"):
            continue
        if negated(root) and not modal(root):
            return True
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and not modal(root) and (
                subj.lower_ in _NEG_SUBJECTS or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)):
            return True
    return False


def _refutes(toks: Sequence[Any]) -> bool:
    """A claim noun with a refuting predicate over it: "the claim … collapses", "reports are baseless"."""
    d = lex.denials()
    nouns = [t for t in toks if t.lemma_.lower() in d.claim_nouns and t.pos_ == "NOUN"]
    if not nouns:
        return False
    for r in toks:
        if r.lemma_.lower() not in d.refute and r.lower_ not in d.refute:
            continue
        for n in nouns:
            if n.i < r.i and (r in n.subtree or n.head is r or n.head is r.head):
                return True
    return False


def stance(ctx: Context, cue: lex.Cue, cue_tok: Any | None, start: int, end: int) -> tuple[str | None, bool]:
    """Final stance of a claim and whether it came from a negated or idiomatic form."""
    by_cue, neg = cue_stance(cue, cue_tok)
    if by_cue is None or neg:
        return by_cue, neg
    if by_cue == "denies":
        return "denies", False
    if content_denies(ctx, start, end):
        return "denies", True
    return by_cue, False


# ----------------------------------------------------------------------------- about

def about(ctx: Context, start: int, end: int, speaker_span: tuple[int | None, int | None],
          sentence: tuple[int, int], skip: Sequence[tuple[int, int]], previous: Sequence[str]) -> tuple[str, ...]:
    """Mention ids the statement [start, end) is about (see the module docstring for the order)."""
    s0, s1 = speaker_span
    spoken = [m for m in ctx.mentions_in(start, end) if not (s0 is not None and s0 <= m.start and m.end <= (s1 or 0))]
    ids = [m.id for m in spoken]
    toks = [t for t in ctx.parsed if start <= t.idx < end]
    ids += _pronoun_topics(ctx, toks, start)
    if not any(_label(ctx, i) == "PERSON" for i in ids):
        ids += _described_person(ctx, toks)
    if not ids and previous and any(t.lower_ in _ANAPHORS for t in toks):
        ids += list(previous)
    if not ids:
        for m in ctx.mentions_in(*sentence):
            outside = all(not (a <= m.start < b) for a, b in skip)
            if outside and not (s0 is not None and s0 <= m.start < (s1 or 0)):
                ids.append(m.id)
    return tuple(dict.fromkeys(ids))


def _label(ctx: Context, mid: str) -> str | None:
    return next((m.label for m in ctx.mentions if m.id == mid), None)


def _pronoun_topics(ctx: Context, toks: Sequence[Any], start: int) -> list[str]:
    """"saying he was the current spokesman": he → the last person named before the pronoun."""
    out = []
    for t in toks:
        if t.lower_ in _PERSON_PRONOUNS and t.pos_ == "PRON":
            m = _last_person(ctx.mentions, t.idx)
            if m is not None:
                out.append(m.id)
    return out


def _last_person(ms: Sequence[Mention], at: int) -> Mention | None:
    for m in reversed(ms):
        if m.end <= at and m.label == "PERSON":
            return m
    return None


def _described_person(ctx: Context, toks: Sequence[Any]) -> list[str]:
    """"the TTP commander", "one of its top commanders": the article's main person, when it has one."""
    if not ctx.main_person:
        return []
    for t in toks:
        if t.pos_ != "NOUN" or lex.source_kind(t.lemma_) != "person" or ctx.mention(t) is not None:
            continue
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "no", "any") for c in t.children)
        one_of = t.head.lower_ == "of" and t.head.head.lower_ == "one"
        if definite or one_of:
            first = min((m for m in ctx.mentions if m.id in ctx.main_person), key=lambda m: m.start)
            before = [m for m in ctx.mentions if m.id in ctx.main_person and m.end <= t.idx]
            return [(before[-1] if before else first).id]
    return []
