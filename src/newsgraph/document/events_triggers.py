"""Which trigger words in a sentence state an event that happened, and which of them are one event.

A trigger word is only a candidate: "operation" must be military, "released" must have a person
freed, "strike" must come from the air, "killed" must have someone killed. A candidate is then
dropped when it is negated ("no attack took place"), generic ("some of the worst attacks",
plural with no date or count) or bare (no fact at all), and marked planned when a plan, vow,
threat, modal or condition governs it ("tasked with carrying out bombings", "would be used for
attacks"). An event noun that is the object of an ordinary verb ("avenged his killing", "denied
the killing") keeps its event: the verb presupposes it; a light verb ("launched an offensive",
"planning attacks") passes its modality on.

Candidates that the grammar ties together in one clause ("was killed in an operation", "the
attack killed", "offensives ..., killing thousands") are one event; ``group`` joins them so that a
sentence yields one event mention per event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.document.events_lexicon import (
    TriggerMatch, class_of_noun, classes_in_text, in_class, lexicon, match_triggers, verb_in_class,
)
from newsgraph.document.events_parse import (
    GROUP_PRONOUNS, PERSON_PRONOUNS, RELATIVES, Context, children, first_conjunct, governing_verb, is_modal,
    path_deps, subject_of,
)

FAMILY = {"attack": "violence", "bombing": "violence", "killing": "violence", "operation": "violence",
          "airstrike": "violence", "arrest": "custody", "capture": "custody", "release": "custody",
          "ceasefire": "diplomacy", "ceasefire_end": "diplomacy", "talks": "diplomacy",
          "designation": "designation", "other": "other"}
_LINK_DEPS = frozenset({"prep", "pobj", "pcomp", "agent", "nsubj", "nsubjpass", "dobj", "relcl", "acl", "advcl",
                        "compound", "amod", "nmod", "npadvmod", "poss", "xcomp", "attr", "oprd"})
_PLURALIA = frozenset({"talks", "negotiations"})
_AIR_WORDS = frozenset({"drone", "air", "aerial", "missile", "us", "u.s.", "american", "nato", "israeli",
                        "cia", "jet", "warplane", "helicopter"})
_ATTEMPT_HEADS = frozenset({"attempt", "bid"})
_SINGULAR_GENERIC = frozenset({"any", "such", "future", "possible", "potential", "every", "each"})
_TERROR = re.compile(r"terror|\bFTO\b|\bSDGT\b|sanction|blacklist", re.I)
_CONCRETE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Candidate:
    """A trigger that states an event: its match, type, and the tokens its arguments hang on."""

    match: TriggerMatch
    type: str
    token: Any  # the trigger's head token
    anchor: Any  # the token whose clause holds the arguments ("attempt" for "assassination attempt")
    governor: Any | None = None  # a light / victim / end verb whose subject or object the noun is
    planned: bool = False
    noun: bool = False

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "other")


def find_candidates(ctx: Context, start: int, end: int) -> list[Candidate]:
    """The event candidates among tokens [start, end) of one sentence, validated, with their planned flag."""
    doc = ctx.parsed
    out = []
    for m in match_triggers(doc, start, end, ctx.words):
        cand = _candidate(ctx, m)
        if cand is None or _negated(cand) or _generic_noun(cand):
            continue
        out.append(replace(cand, planned=_planned(cand)))
    return out


def _candidate(ctx: Context, m: TriggerMatch) -> Candidate | None:
    doc = ctx.parsed
    tok = doc[m.head]
    noun = tok.pos_ in ("NOUN", "PROPN")
    if not noun and tok.dep_ == "amod":
        return None  # "the proscribed group", "a slain commander"
    cand = Candidate(m, m.entry.type, tok, tok, None, False, noun)
    if _not_trigger(doc, m) or _natural_cause(tok):
        return None  # "a heart attack", "an earthquake killed 12"
    if noun:
        cand = _noun_frame(cand)
        if cand is None:
            return None
    flags = m.entry.flags
    if "plural" in flags and tok.text.lower() not in _PLURALIA and not tok.tag_.endswith("S"):
        return None
    if "military" in flags and not _military(ctx, cand):
        return None
    if "air" in flags and not _air(tok):
        return None
    if "terror" in flags and not _TERROR.search(tok.sent.text):
        return None
    if m.entry.phrase == ("catch",) and not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return None
    if m.entry.phrase == ("list",) and not any(c.lower_ == "as" for c in tok.children):
        return None
    if "facility" in flags or cand.type == "capture" and not noun:
        return _seize(ctx, cand)
    if cand.type == "attack" and not _concrete_objects(ctx, cand):
        return None  # "attacked the soul of the nation", "a blistering attack on the policy"
    if not noun and cand.type == "bombing" and not _explosive_subject(ctx, cand):
        return None  # "prices exploded"
    if not noun and any(c.dep_ == "advmod" and in_class("habitual", c) for c in tok.children):
        return None  # "has repeatedly attacked officials": a pattern, not one event
    if ("victim" in flags or "person" in flags) and not _has_victim(ctx, cand, "person" in flags):
        return None
    return cand


def _noun_frame(cand: Candidate) -> Candidate | None:
    """Place an event noun in its clause: the noun it compounds, the verb that carries it."""
    tok = cand.token
    anchor, etype = tok, cand.type
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if head.lemma_.lower() in _ATTEMPT_HEADS:
            anchor, etype = head, "attack"  # "an assassination attempt": an attack its victim survived
        elif in_class("end_noun", head) and etype == "ceasefire":
            anchor, etype = head, "ceasefire_end"  # "cease-fire breakdown"
        elif in_class("plan", head):
            anchor = head  # "the assassination plot": planned (see _planned)
        elif head.lemma_.lower() == "toll":
            anchor = head  # "the mosque attack toll rose to 100"
        elif not _is_trigger_noun(head):
            return None  # "cease-fire violations", "attack helicopters"
    if etype == "ceasefire" and anchor.dep_ == "pobj" and anchor.head.head != anchor.head \
            and in_class("end_noun", anchor.head.head):
        anchor, etype = anchor.head.head, "ceasefire_end"  # "the end of the truce"
    gov = _governor(anchor)
    if gov is not None and etype == "ceasefire" and (verb_in_class("end_verb", gov) or _is_over(gov)):
        etype = "ceasefire_end"
    if gov is not None and not (verb_in_class("light_verb", gov) or verb_in_class("victim_verb", gov)
                                or verb_in_class("end_verb", gov) or _light_phrase(gov)
                                or verb_in_class("impact_verb", gov) and anchor.dep_ == "nsubj"):
        gov = None
    return replace(cand, type=etype, anchor=anchor, governor=gov)


def _is_over(verb: Any) -> bool:
    """"the truce … was over"."""
    return verb.lemma_.lower() == "be" and any(c.lower_ in ("over", "dead") for c in verb.children
                                                  if c.dep_ in ("acomp", "advmod", "prt", "prep"))


def _is_trigger_noun(tok: Any) -> bool:
    return bool(match_triggers(tok.doc, tok.i, tok.i + 1))


def _governor(noun: Any) -> Any | None:
    """The verb a noun is the subject or object of (through one preposition)."""
    tok = first_conjunct(noun)
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ not in ("including", "like", "notably"):
        verb = tok.head.head
        if verb.lower_ in ("responsibility", "credit") and verb.head.pos_ == "VERB":
            verb = verb.head  # "took responsibility for a bombing"
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        if tok.head.lower_ in ("off", "up", "down", "out"):
            return verb  # the parser's "called | off the truce": a particle taken for a preposition
        if is_light(verb) or verb_in_class("victim_verb", verb):
            return verb  # "agreed to a ceasefire", "came under attack"
    return None


def is_light(verb: Any) -> bool:
    """A verb that carries an event noun and passes its subject on as the agent."""
    return verb_in_class("light_verb", verb) or _light_phrase(verb)


def _light_phrase(verb: Any) -> bool:
    """"took responsibility for", "came under": a light verb whose object or particle completes it."""
    obj = [c.lower_ for c in verb.children if c.dep_ in ("dobj", "prt", "prep")]
    lemma = verb.lemma_.lower()
    return (lemma in ("take", "claim", "accept", "bear") and "responsibility" in obj) or \
        (lemma == "come" and "under" in obj) or (lemma == "take" and "effect" in obj)


def _military(ctx: Context, cand: Candidate) -> bool:
    """An operation, raid or offensive by armed forces, or a named military operation."""
    tok = cand.token
    mods = " ".join(t.text for t in tok.subtree if t.i < tok.i or t.dep_ in ("appos", "compound"))
    if classes_in_text("military", mods) or classes_in_text("security", mods):
        return True
    for c in tok.children:
        if c.dep_ in ("appos", "compound", "npadvmod", "nmod") and c.i > tok.i and c.text[:1].isupper():
            return True  # "operation Zarb-i-Azb"
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "against"):
            for t in c.subtree:
                m = ctx.mention(t)
                if class_of_noun(t) in ("security", "militant") or (m is not None and m.label in ("ORG", "GPE")):
                    return True
        if c.dep_ == "poss" and (ctx.mention(c) is not None and ctx.mention(c).label == "GPE"):
            return True  # "Pakistan's operation"
    verb = governing_verb(tok) if tok.dep_ in ("nsubj", "nsubjpass", "pobj") else None
    if verb is not None and verb.i - tok.i < 12 and match_triggers(tok.doc, verb.i, verb.i + 1):
        return True  # "the offensive killed thousands", "killed in an operation": armed by its verb
    gov = cand.governor or (tok.head if tok.head.pos_ == "VERB" else None)
    if gov is not None:
        for s in children(gov, "nsubj", "agent"):
            if class_of_noun(s) == "security" or any(class_of_noun(t) == "security" for t in s.subtree):
                return True
    return cand.token.pos_ == "VERB" and any(class_of_noun(s) == "security" for s in children(tok, "nsubj"))


def _air(tok: Any) -> bool:
    words = {t.lower_ for t in tok.subtree if t.i < tok.i}
    return bool(words & _AIR_WORDS)


_POSSESSOR_VICTIM = frozenset({"killing", "arrest", "capture", "release", "designation"})


def _objects(cand: Candidate) -> list[Any]:
    """Who or what an event is done to, as raw tokens (the args module builds names from them)."""
    tok = cand.token
    if cand.noun:
        out = []
        has_of = any(p.lower_ == "of" for p in children(tok, "prep"))
        if cand.type in _POSSESSOR_VICTIM and not has_of:  # "Gul's killing", "the Gul assassination"
            out += [c for c in tok.children if c.dep_ == "poss" or c.dep_ == "compound" and c.i == tok.i - 1
                    and c.ent_type_ == "PERSON"]
            if tok.i >= 2 and tok.doc[tok.i - 1].lower_ in ("'s", "’s") and tok.doc[tok.i - 2].pos_ == "PROPN":
                out.append(tok.doc[tok.i - 2])  # the parser's "Gul ’s killing" with a loose "’s"
        preps = ("of", "on", "against", "targeting") if FAMILY.get(cand.type) == "violence" \
            and cand.type != "killing" else ("of",)
        for p in children(tok, "prep"):
            if p.lower_ in preps:
                out += children(p, "pobj")
        if cand.governor is not None and verb_in_class("victim_verb", cand.governor):
            out += children(cand.governor, "nsubj", "nsubjpass")
        if cand.governor is not None and verb_in_class("impact_verb", cand.governor) and tok.dep_ == "nsubj":
            out += children(cand.governor, "dobj")  # "an airstrike hit a hideout"
        return [o for o in out if not _is_trigger_noun(o) and o.ent_type_ not in ("DATE", "TIME")]
    out = [o for o in children(tok, "dobj", "nsubjpass") if o.ent_type_ not in ("DATE", "TIME")]
    if not out and tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBN", "VBD") \
            and not children(tok, "nsubj") and tok.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        out = [tok.head]  # "an Afghan killed with two operatives", "militants killed in the raid"
    if not out and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
        out = subject_of(tok)
    return [o for o in out if not _is_trigger_noun(o)]


def _has_victim(ctx: Context, cand: Candidate, person: bool) -> bool:
    for obj in _objects(cand):
        if not person and not cand.noun and cand.type == "attack" and not _concrete(ctx, obj):
            continue  # "attacked the soul of the nation"
        if not person or _personal(ctx, obj):
            return True
    return False


def _concrete_objects(ctx: Context, cand: Candidate) -> bool:
    """An attack's objects or targets, if it names any, include a person, group, place or building."""
    if cand.noun:
        objs = [o for p in children(cand.token, "prep") if p.lower_ in ("on", "against") for o in children(p, "pobj")
                if o.ent_type_ not in ("DATE", "TIME")]
    else:
        objs = children(cand.token, "dobj")
    return not objs or any(_concrete(ctx, c) for o in objs for c in [o, *children(o, "conj")])


def _explosive_subject(ctx: Context, cand: Candidate) -> bool:
    """What explodes or is blown up is a bomb, a vehicle, a bomber, or someone named."""
    from newsgraph.document.events_args import weapon_type
    subj = children(cand.token, "nsubj", "nsubjpass")
    return not subj or any(weapon_type(s) is not None or in_class("target", s) or _personal(ctx, s)
                           or class_of_noun(s) is not None or in_class("agent_noun", s) or s.lower_ in ("it", "which")
                           for s in subj)


def _not_trigger(doc: Any, m: TriggerMatch) -> bool:
    """"a heart attack", "a hunger strike": a trigger word inside a phrase that is no event."""
    head = doc[m.head]
    words = [t.lower_ for t in doc[max(0, m.start - 2):m.end]]
    phrases = lexicon().classes.get("not_trigger", frozenset())
    lemma = head.lemma_.lower()
    return any(tuple(words[k:-1] + [w]) in phrases for k in range(len(words)) for w in (words[-1], lemma))


def _natural_cause(tok: Any) -> bool:
    """A death or destruction by an earthquake, fire, crash or disease, not by armed violence."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    phrases = lexicon().classes.get("not_trigger", frozenset())
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent") and in_class("natural", c if c.dep_ == "nsubj" else next(iter(
                children(c, "pobj")), c)):
            return True
        if c.dep_ == "nsubj" and tuple([m.lower_ for m in children(c, "compound")] + [c.lemma_.lower()]) in phrases:
            return True  # "heart attacks killed more people than …"
        if c.dep_ == "prep" and c.lower_ in ("in", "by") and any(in_class("natural", o) for o in children(c, "pobj")):
            return True
    return False


def _personal(ctx: Context, tok: Any) -> bool:
    """A token naming a person or people: a name, a pronoun, a person noun, a counted group."""
    low = tok.lower_
    m = ctx.mention(tok)
    if m is not None:
        return m.label in ("PERSON", "ORG")
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in RELATIVES:
        return low not in ("which", "that") or tok.head.head.pos_ in ("NOUN", "PROPN")
    if tok.ent_type_ == "NORP" or class_of_noun(tok) is not None:
        return True
    if tok.pos_ == "NUM" or low in ("thousands", "hundreds", "dozens", "scores"):
        return True
    if tok.pos_ == "VERB":  # the parser took "another Afghan identified as X" for a clause
        return any(ctx.mention(t) is not None and ctx.mention(t).label == "PERSON" for t in tok.subtree)
    return any(_personal(ctx, c) for c in tok.children if c.dep_ in ("appos", "conj"))


def _concrete(ctx: Context, tok: Any) -> bool:
    m = ctx.mention(tok)
    return (m is not None and m.label in _CONCRETE_LABELS) or _personal(ctx, tok) or in_class("target", tok) \
        or tok.lower_ in ("it", "them", "him", "her")


def _seize(ctx: Context, cand: Candidate) -> Candidate | None:
    """"seized a police post" is an attack, "seized two suspects" a capture, "seized power" neither."""
    for obj in _objects(cand):
        m = ctx.mention(obj)
        if in_class("target", obj) or (m is not None and m.label in ("FAC", "GPE")):
            return replace(cand, type="attack")
        if _personal(ctx, obj):
            return cand
    return None


def _negated(cand: Candidate) -> bool:
    """"no attack took place", "did not kill", "without a ceasefire": left to the claims stage."""
    tok = cand.anchor
    if any(c.dep_ == "neg" for c in cand.token.children):
        return True
    if cand.noun:
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in tok.children):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "without":
            return True
        gov = cand.governor
        if gov is not None and verb_in_class("light_verb", gov) and any(c.dep_ == "neg" for c in gov.children):
            return True
        if tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in tok.head.children) \
                and tok.head.lemma_.lower() in ("take", "happen", "occur", "be"):
            return True  # "the attack did not take place"
        return False
    for subj in children(cand.token, "nsubj", "nsubjpass"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children) or subj.lower_ in ("nobody", "none"):
            return True  # "no one was killed"
    return False


def _generic_noun(cand: Candidate) -> bool:
    """"any attack", "some of the worst attacks": not one event (plurals are checked with their facts)."""
    words = {c.lower_ for c in cand.token.children if c.dep_ in ("det", "amod", "predet")}
    return bool(words & _SINGULAR_GENERIC)


def is_plural_generic(cand: Candidate) -> bool:
    """A plural event noun without a number of its own ("ramped up their attacks")."""
    tok = cand.token
    if not cand.noun or not tok.tag_.endswith("S") or tok.lower_ in _PLURALIA:
        return False
    return not any(c.dep_ == "nummod" for c in tok.children)


def _planned(cand: Candidate) -> bool:
    """A plan, vow, threat, order, modal or condition governs the event: it has not happened."""
    tok = cand.anchor
    if cand.noun:
        if in_class("plan", tok) and tok != cand.token:
            return True  # "assassination plot"
        if any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in tok.children):
            return False  # "plan the bombing that killed 13": the relative clause says it happened
        if any(c.dep_ in ("amod", "compound") and (in_class("plan", c) or c.lower_ in ("planned", "failed"))
               for c in cand.token.children):
            return True
        gov = _noun_governor(tok)
        if gov is None:
            return False
        if in_class("plan", gov):
            return True
        if not (is_light(gov) or verb_in_class("end_verb", gov)):
            return gov.pos_ in ("VERB", "AUX") and is_modal(gov)
        verb = gov
    else:
        verb = tok
    return _verbal_chain_planned(verb)


def _noun_governor(noun: Any) -> Any | None:
    tok = first_conjunct(noun)
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "xcomp"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return tok.head.head
    if tok.dep_ in ("appos", "npadvmod"):
        return tok.head
    return None


def _verbal_chain_planned(verb: Any) -> bool:
    v = verb
    for _ in range(5):
        if is_modal(v) or any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in v.children):
            return True
        dep, head = v.dep_, v.head
        if head == v:
            return False
        if dep == "conj":
            v = head
            continue
        if dep == "pcomp" or (dep == "pobj" and v.pos_ == "VERB"):
            head = head.head if head.pos_ == "ADP" else head
        elif dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            return False
        elif dep not in ("xcomp", "ccomp", "acl", "advcl", "relcl"):
            return False
        if in_class("plan", head):
            return True
        if dep in ("ccomp", "relcl") or head.pos_ not in ("VERB", "AUX"):
            return False
        v = head
    return False


def group(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates of one sentence that the grammar ties into one event (see the module docstring)."""
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a in range(len(cands)):
        for b in range(a + 1, len(cands)):
            if _linked(cands[a], cands[b]):
                parent[find(b)] = find(a)
    for b, cand in enumerate(cands):
        a = _event_antecedent(cands, b)
        if a is not None:
            parent[find(b)] = find(a)
    groups: dict[int, list[Candidate]] = {}
    for i, c in enumerate(cands):
        groups.setdefault(find(i), []).append(c)
    return list(groups.values())


def _event_antecedent(cands: list[Candidate], b: int) -> int | None:
    """"a shooting at a club on May 5, 2019, which killed 12 people": the relative clause's subject
    is the event noun before it, wherever the parser attached the clause."""
    cand = cands[b]
    if cand.noun or not any(s.lower_ in ("which", "that") for s in children(cand.token, "nsubj")):
        return None
    head = cand.token.head
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or class_of_noun(head) is not None:
        return None
    before = [i for i, c in enumerate(cands) if c.noun and c.token.i < cand.token.i
              and cand.token.i - c.token.i <= 25 and _compatible(c, cand) and c.planned == cand.planned]
    return before[-1] if before else None


def _compatible(a: Candidate, b: Candidate) -> bool:
    return a.family == b.family or "operation" in (a.type, b.type) and {a.family, b.family} <= {"violence", "custody"}


def _linked(a: Candidate, b: Candidate) -> bool:
    if not _compatible(a, b) or a.planned != b.planned:
        return False
    for x, y in ((a, b), (b, a)):
        for low in {x.token, x.anchor}:
            for high in {y.token, y.anchor, y.governor} - {None}:
                path = path_deps(low, high)
                if path is None or not 0 < len(path) <= 3:
                    continue
                conj_ok = a.family == b.family and high == y.token and not y.noun
                if _path_ok(path, a.family == b.family, conj_ok):
                    return True
    ga, gb = a.governor, b.governor
    sib_a = ga if ga is not None else a.token.head
    sib_b = gb if gb is not None else b.token.head
    if sib_a == sib_b and sib_a.pos_ in ("VERB", "AUX") and is_light(sib_a):
        return _participle(a.token) or _participle(b.token) or a.noun and b.noun and a.token.dep_ != b.token.dep_
    return False


def _participle(tok: Any) -> bool:
    return tok.tag_ == "VBG" and tok.dep_ == "advcl" and not children(tok, "nsubj")


def _path_ok(path: list[Any], same_family: bool, conj_ok: bool = False) -> bool:
    """A chain of dependencies that keeps two triggers in one event's clause.

    A clause with its own subject is another event, except a "when/while/as" clause of the same
    family whose subject is no event noun ("were killed when two car bombs exploded"); a
    conjoined verb is the same event only when it shares the subject ("exploded … and killed").
    """
    for tok in path:
        if tok.dep_ == "conj":
            wound = tok.lemma_.lower() in ("wound", "injure", "hurt")  # "were killed and three injured in an attack"
            if not (conj_ok and tok.pos_ == "VERB" and (wound or not children(tok, "nsubj", "nsubjpass"))):
                return False
            continue
        if tok.dep_ not in _LINK_DEPS or tok.lower_ in ("including", "like", "notably"):
            return False  # "attacks, including a shooting": an example is an event of its own
        subj = children(tok, "nsubj", "nsubjpass")
        if tok.dep_ == "advcl" and subj:
            when = any(c.lower_ in ("when", "while", "as") for c in tok.children if c.dep_ in ("advmod", "mark"))
            if not (same_family and when and not any(_is_trigger_noun(s) for s in subj)):
                return False
    return all(t.pos_ not in ("VERB",) or t == path[0] or verb_in_class("light_verb", t) or _participle(t)
               or t.dep_ in ("pcomp", "advcl", "relcl", "acl") for t in path)
