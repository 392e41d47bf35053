"""Stance and topic of a claim: does the source assert, confirm or deny, and about whom.

Stance, in order:
  1. a negated cue: a first-person "I/we do not confirm (these reports)" → denies (the idiom
     spokesmen deny with); a third-person "the army has not confirmed it", "could not / would not /
     declined to confirm" and "neither confirm nor deny" are no stance at all: no claim. A negated
     "say"/"claim"/"deny" ("did not say who was responsible") is no claim either.
  2. a denial cue ("denied", "rejected", "dismissed") → denies.
  3. the statement itself denies → denies (negated=True): a denial wording of the lexicon ("nothing
     like that happened", "not true", "baseless propaganda"), a claim noun refuted ("the claim …
     collapses", "these reports are false"), or a negated main clause in the past or present ("Zaman
     was not holding any position", "no group was involved"). A negated future or modal ("the
     Taliban will not expel the TTP", "soil won't be used") is a prediction or a pledge, a negated
     opinion ("does not bode well", "was not happy") or correction ("not about A but B") an
     assertion. Clauses with a reporting verb of their own inside the statement are left out.
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
    subj = next((c for c in cue_tok.children if c.dep_ == "nsubj"), None)
    if words & noncommit or subj is None or subj.lower_ not in ("i", "we"):
        return None, True  # "the military has not confirmed it": no confirmation yet, no denial
    return "denies", True


def content_denies(ctx: Context, start: int, end: int) -> bool:
    """Whether the reported statement [start, end) is itself a denial.

    Statements the parser nests inside it that have their own cue ("said their soil won't be used
    and also rejected the claim") are left out: they are claims of their own.
    """
    nested = _nested_cues(ctx, start, end)
    toks = [t for t in ctx.tokens_in(start, end) if t.i not in nested]
    if not toks:
        return False
    if lex.denial_form(" ".join(t.text for t in toks)) or _refutes(toks):
        return True
    ids = {t.i for t in toks}
    return any(_negative_clause(root) for root in content_roots(ctx, start, end) if root.i in ids)


def _nested_cues(ctx: Context, start: int, end: int) -> set[int]:
    """Token indices under reporting verbs inside the statement (other than its own head)."""
    out: set[int] = set()
    for t in ctx.tokens_in(start, end):
        if t.i in out or t.pos_ != "VERB" or t.dep_ not in ("conj", "advcl"):
            continue
        if lex.cue("verb", t.lemma_) is not None and t.head.idx >= start:
            out.update(x.i for x in t.subtree)
    return out


def _negative_clause(root: Any) -> bool:
    """A main clause that says something did not happen or is not so ("Zaman was not holding any
    position", "no such attack took place") — not a negated prediction or pledge ("will not"), an
    opinion ("does not bode well", "was not happy") or a correction ("not about optics but outcomes")."""
    if root.pos_ not in ("VERB", "AUX") or modal(root):
        return False
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in _NEG_SUBJECTS or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subj.children)):
        return True
    if not negated(root):
        return False
    d = lex.denials()
    if root.lemma_.lower() in d.opinion:
        return False
    if any(c.dep_ == "acomp" and c.lemma_.lower() not in d.factual for c in root.children):
        return False
    return not any(t.dep_ == "cc" and t.lower_ == "but" and any(
        c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX") for c in t.head.children) for t in root.subtree)


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
            if n.i < r.i and (r.i in {t.i for t in n.subtree} or n.head.i in (r.i, r.head.i)):
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

def about(ctx: Context, pieces: Sequence[tuple[int, int]], speaker_head: Any, sentence: tuple[int, int],
          listener: tuple[int, int] | None, previous: Sequence[str], speaker_mention: str | None) -> tuple[str, ...]:
    """Mention ids a statement (its pieces) is about; see the module docstring for the order.

    The speaker's own entity is left out unless nothing else is named ("Dar said he was shocked").
    """
    who = list(speaker_head.subtree)
    own = {t.i for t in who}
    toks = [t for a, b in pieces for t in ctx.tokens_in(a, b) if t.i not in own]
    ids = [m.id for a, b in pieces for m in ctx.mentions_in(a, b) if ctx.by_token_id(m) not in own]
    ids += _pronoun_topics(ctx, toks, who)
    if not any(ctx.types.get(i) == "ORG" for i in ids):
        ids += _group_topics(ctx, toks, who)
    if not any(ctx.types.get(i) == "PERSON" for i in ids):
        ids += _described_person(ctx, toks)
    if not ids and previous and any(_anaphor(t) for t in toks):
        ids += list(previous)
    if not ids:
        skip = list(pieces) + ([listener] if listener else [])
        for m in ctx.mentions_in(*sentence):
            if not any(a <= m.start < b for a, b in skip) and ctx.by_token_id(m) not in own:
                ids.append(m.id)
    self_ent = ctx.entity_of.get(speaker_mention or "")
    others = [i for i in ids if self_ent is None or ctx.entity_of.get(i) != self_ent]
    one_each: dict[str, str] = {}  # the first mention of each entity ("TTP" and its full name are one)
    for i in others or ids:
        one_each.setdefault(ctx.entity_of.get(i, i), i)
    return tuple(one_each.values())


def _anaphor(tok: Any) -> bool:
    """"nothing like that", "these reports", "such an incident" — not the "that" opening a clause."""
    return tok.lower_ == "such" or (tok.lower_ in _ANAPHORS and tok.pos_ in ("PRON", "DET"))


def _pronoun_topics(ctx: Context, toks: Sequence[Any], expression: Sequence[Any]) -> list[str]:
    """"saying he was the spokesman": he → the last person named before the pronoun; "his government"
    → the organisation named in the speaker's expression ("Afghan Taliban Foreign Minister X")."""
    out = []
    for t in toks:
        if t.lower_ not in _PERSON_PRONOUNS and t.lower_ not in ("its", "their") or t.pos_ != "PRON":
            continue
        if t.dep_ == "poss" and lex.source_kind(t.head.lemma_) == "group":
            out.extend(_speaker_org(ctx, expression))
            continue
        if t.lower_ in _PERSON_PRONOUNS:
            m = _last_person(ctx, t.idx)
            own = [ctx.mention(x) for x in expression]
            speaker = next((x for x in own if x is not None and ctx.types.get(x.id) == "PERSON"), None)
            if speaker is not None and (m is None or m.end <= speaker.start):
                m = speaker  # "Saeed denied the charges against him": the speaker is nearer
            if m is not None:
                out.append(m.id)
    return out


def _speaker_org(ctx: Context, expression: Sequence[Any]) -> list[str]:
    """The organisation named in the speaker's expression: "spokesman of the TTP" → TTP."""
    for x in expression:
        m = ctx.mention(x)
        if m is not None and ctx.types.get(m.id, m.label) == "ORG":
            return [m.id]
    return []


def _group_topics(ctx: Context, toks: Sequence[Any], expression: Sequence[Any]) -> list[str]:
    """"the movement had nothing to do with it", said its spokesman: the group is the speaker's."""
    for t in toks:
        if t.pos_ == "NOUN" and lex.source_kind(t.lemma_) == "group" and ctx.mention(t) is None and any(
                c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return _speaker_org(ctx, expression)
    return []


def _last_person(ctx: Context, at: int) -> Mention | None:
    for m in reversed(ctx.mentions):
        if m.end <= at and ctx.types.get(m.id, m.label) == "PERSON":
            return m
    return None


def _described_person(ctx: Context, toks: Sequence[Any]) -> list[str]:
    """"the TTP commander", "one of its top commanders": the article's main person, when it has one."""
    if not ctx.main_person:
        return []
    for t in toks:
        if t.pos_ != "NOUN" or not lex.rank_noun(t.lemma_) or ctx.mention(t) is not None:
            continue
        definite = any((c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and c.lower_ not in _PERSON_PRONOUNS
                                                                 and c.lower_ != "their") for c in t.children)
        one_of = t.head.lower_ == "of" and t.head.head.lower_ == "one"
        if definite or one_of:
            first = min((m for m in ctx.mentions if m.id in ctx.main_person), key=lambda m: m.start)
            before = [m for m in ctx.mentions if m.id in ctx.main_person and m.end <= t.idx]
            return [(before[-1] if before else first).id]
    return []
