"""Who did it, to whom, where and with what: the arguments of an event, read off the parse.

  agents   subject of an active trigger, "by" phrase of a passive, the subject of a light verb
           ("the army launched offensives"), the possessor or modifier of an attack noun ("the group's
           attack", "US drone strike"); for ceasefires and talks the parties ("between A and B",
           "with B"), never the mediator ("brokered by Oman")
  victims  object of an active trigger, subject of a passive, "of"/"on"/"against" phrase of a noun,
           the possessor of a killing or arrest noun ("Gul's killing"), the subject of "survived";
           buildings attacked count as targets
  location the most specific place in the event's "in/at/near" phrases: the deepest name is the
           least specific ("Kurram district's Sadda area" → Sadda; "Orakzai district of
           Khyber Pakhtunkhwa" → Orakzai); towns and regions are preferred to buildings, which
           the gazetteer rarely knows, and to countries; "A, B" appositions keep both ("Qissa
           Khwani, Peshawar"); a border keeps its countries ("the Iran-Iraq border")

An argument names what the text names. A pronoun ("he was arrested") is given the name of the
nearest person named before it as subject, and "the group" the nearest organisation; the Arg
keeps the pronoun's span and the antecedent's mention id. A group named inside a member noun
("ISIS militants", "a senior ISIS member") gives its mention id to the Arg, since the victims or
agents are that group's members.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.document.events_lexicon import (
    class_of_noun, in_class, lexicon, match_triggers, phrase_in_class, pieces, type_of, verb_in_class,
)
from newsgraph.document.events_parse import (
    GROUP_PRONOUNS, PERSON_PRONOUNS, PLACE_LABELS, RELATIVES, Context, children, conjuncts, np_bounds,
    subject_of,
)
from newsgraph.document.events_triggers import Candidate, _light_phrase, _objects, is_light
from newsgraph.records import Mention

LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "on", "along", "within", "across", "around",
                            "off", "through", "into", "throughout", "over", "during"})
_BORDER_HEADS = frozenset({"border", "frontier", "boundary", "borderlands"})
_SKIP_WORDS = frozenset({"we", "us", "i", "you", "it", "itself", "one", "this", "these", "those", "there", "most",
                         "all", "some", "many", "few", "several", "both", "each", "any", "none", "either"})
_EMPTY_NAMES = frozenset({"person", "people", "one", "individual", "source", "sources",
                          "official", "officials", "someone", "anyone", "others"})
_PLACE_HEADS = frozenset({"district", "province", "area", "region", "city", "town", "village", "valley", "tehsil",
                          "agency", "border", "frontier", "side", "outskirts", "suburb", "suburbs", "neighbourhood",
                          "neighborhood", "county", "state", "capital", "territory", "governorate", "belt",
                          "part", "parts", "north", "south", "east", "west", "northwest", "northeast", "southwest",
                          "southeast", "centre", "center", "heart", "hills", "mountains", "cantonment"})

@dataclass(frozen=True)
class Arg:
    """A participant or place as the text names it; ``mention`` is the Mention id behind it, if any."""

    name: str
    start: int
    end: int
    mention: str | None


@dataclass(frozen=True)
class RawArg:
    """An argument with the head token it came from (for counting victims and sides)."""

    arg: Arg
    head: Any
    named: bool  # a name (mention), not a description


def make_arg(ctx: Context, tok: Any, depth: int = 0) -> RawArg | None:
    """The argument a noun-phrase head stands for (see the module docstring); None for "we", "it"."""
    text = ctx.doc.text
    low = tok.lower_
    if not ctx.inside(tok):
        return None
    if low == "one" and depth < 2:  # "one of its top commanders"
        for p in children(tok, "prep"):
            if p.lower_ == "of":
                for o in children(p, "pobj"):
                    return make_arg(ctx, o, depth + 1)
    if low in RELATIVES and tok.dep_ in ("nsubj", "nsubjpass", "poss") and depth < 2:
        head = _relative_head(tok)
        return make_arg(ctx, head, depth + 1) if head is not None else None
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in ("his", "their", "himself", "herself", "themselves"):
        return _pronoun(ctx, tok)
    if low in _SKIP_WORDS or tok.pos_ in ("DET", "PUNCT", "ADP", "VERB") and ctx.mention(tok) is None:
        return _inner_person(ctx, tok) if tok.pos_ == "VERB" else None
    m = ctx.mention(tok)
    if m is not None:
        return RawArg(_named(ctx, m, tok), tok, True)
    for c in tok.children:
        if c.dep_ == "appos" and ctx.mention(c) is not None:
            return RawArg(_named(ctx, ctx.mention(c), c), tok, True)  # "his son Karim Shah"
    if tok.dep_ == "appos" and ctx.mention(tok.head) is not None:
        return RawArg(_named(ctx, ctx.mention(tok.head), tok.head), tok, True)  # "Gul, another commander"
    if tok.lower_ in ("thousands", "hundreds", "dozens", "scores") or tok.pos_ == "NUM":
        for p in children(tok, "prep"):
            for o in children(p, "pobj"):
                inner = make_arg(ctx, o, depth + 1)
                if inner is not None:
                    return RawArg(inner.arg, tok, inner.named)  # "thousands of ISIS militants"
        if tok.pos_ == "NUM":
            return None
    if in_class("group_noun", tok) and any(c.lower_ in ("the", "this", "that", "its", "his", "their")
                                           for c in tok.children):
        ante = _antecedent(ctx, tok, ("ORG",))
        if ante is not None:
            return RawArg(Arg(ante.text, tok.idx, tok.idx + len(tok.text), ante.id), tok, True)
    start, end = np_bounds(tok)
    doc = ctx.parsed
    if start >= end:
        return None
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    group = _member_group(ctx, tok, start, end)
    if group is None and class_of_noun(tok) in ("militant", "person") and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
        ante = _antecedent(ctx, tok, ("ORG",))  # "one of its members": the group's member
        group = ante.id if ante is not None else None
    return RawArg(Arg(text[s:e], s, e, group), tok, False)


def _named(ctx: Context, m: Mention, tok: Any) -> Arg:
    return Arg(m.text, m.start, m.end, m.id)


def _relative_head(tok: Any) -> Any | None:
    """The noun a relative pronoun stands for ("his comrade who was killed" → comrade)."""
    clause = tok.head
    for _ in range(3):
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
        if clause.head == clause:
            return None
        clause = clause.head
    return None


def _inner_person(ctx: Context, tok: Any) -> RawArg | None:
    """A name inside a mis-parsed clause ("a man identified as Gul alias Lala")."""
    for t in tok.subtree:
        m = ctx.mention(t)
        if m is not None and m.label == "PERSON":
            return RawArg(_named(ctx, m, t), t, True)
    return None


def _member_group(ctx: Context, tok: Any, start: int, end: int) -> str | None:
    """The organisation or state a member or body noun belongs to, when named inside its phrase
    ("ISIS militants", "the Syrian government")."""
    if class_of_noun(tok) not in ("militant", "person", "security") and not in_class("body", tok) \
            and not in_class("target", tok):
        return None
    for i in range(start, end):
        m = ctx.mention(ctx.parsed[i])
        if m is not None and m.label in ("ORG", "GPE"):
            return m.id
    return None


def _pronoun(ctx: Context, tok: Any) -> RawArg | None:
    labels = ("PERSON",) if tok.lower_ in PERSON_PRONOUNS | {"his", "himself", "herself"} else ("ORG",)
    ante = _antecedent(ctx, tok, labels)
    if ante is None:
        return None
    return RawArg(Arg(ante.text, tok.idx, tok.idx + len(tok.text), ante.id), tok, True)


def _antecedent(ctx: Context, tok: Any, labels: tuple[str, ...]) -> Mention | None:
    """The mention a pronoun refers to: the nearest sentence (this one, then up to three before)
    that names someone of that kind; in it, the subject if one is, else the nearest name."""
    sent_start = tok.sent.start
    hi = tok.i
    own = _np_head(tok).head
    if tok.lower_ in ("himself", "herself", "themselves", "itself"):
        for s in children(own, "nsubj", "nsubjpass"):  # a reflexive is its clause's subject
            m = ctx.mention(s)
            if m is not None and m.label in labels + ("PERSON", "ORG"):
                return m
    for _ in range(4):
        found = []
        for i in range(sent_start, hi):
            m = ctx.mention(ctx.parsed[i])
            if m is None or m.label not in labels or m.end > tok.idx or found and found[-1][1] is m:
                continue
            head = _np_head(ctx.parsed[i])
            if head.head == own and own.pos_ in ("VERB", "AUX") and head.dep_ != _np_head(tok).dep_:
                continue  # another argument of the same verb is someone else ("X designated the group")
            found.append((ctx.parsed[i], m))
        if found:
            subjects = [m for t, m in found if _head_dep(t) in ("nsubj", "nsubjpass")]
            return subjects[-1] if subjects else found[-1][1]
        if sent_start == 0:
            return None
        hi = sent_start
        sent_start = ctx.parsed[sent_start - 1].sent.start
    return None


def _head_dep(tok: Any) -> str:
    return _np_head(tok).dep_


def _np_head(tok: Any) -> Any:
    while tok.dep_ in ("compound", "flat", "poss", "amod") and tok.head != tok:
        tok = tok.head
    return tok


def agents(ctx: Context, cand: Candidate) -> list[RawArg]:
    """The perpetrators or parties of one candidate (see the module docstring)."""
    tok = cand.token
    if cand.family == "diplomacy":
        return _parties(ctx, cand)
    raw: list[Any] = []
    if cand.noun:
        raw += [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i
                and _agentive(ctx, c, cand)]
        raw += _by_phrase(tok)
        gov = cand.governor
        if gov is not None and is_light(gov):
            raw += [s for s in subject_of(gov) if s.dep_ != "nsubjpass" or _light_phrase(gov)]
        raw += _included_in(cand)
    elif _passive(tok):
        raw += [b for b in _by_phrase(tok) if not _is_event_or_weapon(b)]
    else:
        raw += [s for s in subject_of(tok) if s.dep_ == "nsubj" and not _is_event_or_weapon(s)
                and not _inanimate_relative(s)]
    return _args(ctx, raw, cand)


def _by_phrase(tok: Any) -> list[Any]:
    """The "by" agent of a passive or noun, also where the parser hung it on a complement."""
    out = []
    for holder in [tok, *children(tok, "oprd", "attr", "dobj")]:
        for p in children(holder, "agent", "prep"):
            if p.lower_ == "by":
                out += children(p, "pobj")
    return out


def _inanimate_relative(subj: Any) -> bool:
    """"a shooting …, which killed 12 people": the relative stands for the event, not a killer."""
    if subj.lower_ not in RELATIVES:
        return False
    head = _relative_head(subj)
    return head is None or not (head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or class_of_noun(head) is not None
                                or head.pos_ == "PRON")


def _passive(tok: Any) -> bool:
    return tok.tag_ == "VBN" and (any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in tok.children)
                                  or tok.dep_ in ("acl", "relcl") or not children(tok, "nsubj"))


def _agentive(ctx: Context, mod: Any, cand: Candidate) -> bool:
    """A modifier of an attack noun that names who did it ("ISIS attack", "US drone strike")."""
    if cand.type in ("killing", "arrest", "capture", "release", "designation") and not (
            mod.dep_ == "poss" and any(p.lower_ == "of" for p in children(cand.token, "prep"))):
        return False  # "Gul's killing", "Gul's capture": the possessor is the victim
    m = ctx.mention(mod)
    if cand.type in ("airstrike", "operation") and mod.dep_ == "compound" and m is not None:
        return m.label == "ORG" or phrase_in_class("country", m.text)  # "a US drone strike", not "a Karachi raid"
    if m is not None:
        return m.label in ("ORG", "PERSON") or (m.label == "GPE" and mod.dep_ == "poss")
    return mod.ent_type_ == "NORP" or mod.dep_ == "poss" and mod.lower_ in ("their", "its")


def _included_in(cand: Candidate) -> list[Any]:
    """"ISIS has carried out attacks, including a shooting at …": the shooting's agent is ISIS."""
    tok = cand.token
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("including", "like", "notably"):
        return []
    holder = tok.head.head
    verb = holder if holder.pos_ in ("VERB", "AUX") else holder.head
    if verb.pos_ in ("VERB", "AUX") and (is_light(verb) or verb.lemma_.lower() in ("perpetrate", "commit")):
        return [s for s in subject_of(verb) if s.dep_ == "nsubj"]
    return []


def _is_event_or_weapon(tok: Any) -> bool:
    """Subjects that are not perpetrators: the event itself, a weapon, a vehicle ("a car bomb exploded")."""
    if in_class("target", tok) or in_class("aggregate", tok):
        return True
    return bool(match_triggers(tok.doc, tok.i, tok.i + 1)) or weapon_type(tok) is not None


def _parties(ctx: Context, cand: Candidate) -> list[RawArg]:
    """Parties to a ceasefire or talks: "between A and B", "with B", and a subject that is a party."""
    raw: list[Any] = []
    heads = [cand.token, cand.anchor] + ([cand.governor] if cand.governor is not None else [])
    for h in heads:
        for p in children(h, "prep"):
            if p.lower_ == "between" or p.lower_ == "with" and cand.type != "ceasefire_end":
                for o in children(p, "pobj"):
                    raw += conjuncts(o)
        for c in h.children:
            if c.dep_ in ("poss", "compound") and ctx.mention(c) is not None and ctx.mention(c).label == "ORG":
                raw.append(c)
    verb = cand.governor if cand.governor is not None else (cand.token if not cand.noun else None)
    if verb is not None and not verb_in_class("mediator", verb):
        raw += _by_phrase(verb)
        if not _passive(verb):
            raw += [s for s in subject_of(verb) if s.dep_ == "nsubj"]
    for acl in children(cand.token, "acl"):
        if not verb_in_class("mediator", acl):
            raw += _by_phrase(acl)  # "the ceasefire, agreed to by the rebels"
    return _args(ctx, raw, cand)


def victims(ctx: Context, cand: Candidate) -> list[RawArg]:
    """Victims and targets of one candidate (see the module docstring)."""
    if cand.family == "diplomacy":
        return []
    raw = [o for o in _objects(cand) if weapon_type(o) is None]
    if cand.type == "designation" and len(raw) > 1:  # "designated X a terrorist": the second is a predicate
        raw = [o for o in raw if not any(c.lower_ in ("a", "an") for c in o.children)] or raw
    if cand.type in ("attack", "bombing", "airstrike", "operation"):
        for h in (cand.token, cand.anchor):
            for p in children(h, "prep"):
                if p.lower_ in ("at", "on", "through", "inside") and cand.noun or p.lower_ in ("through",):
                    raw += [o for o in children(p, "pobj") if _target(ctx, o)]
    return _args(ctx, raw, cand)


def _target(ctx: Context, tok: Any) -> bool:
    m = ctx.mention(tok)
    return (m is not None and m.label == "FAC") or in_class("target", tok) and tok.lower_ not in (
        "area", "district", "town", "village", "city")


def _args(ctx: Context, toks: list[Any], cand: Candidate) -> list[RawArg]:
    out: list[RawArg] = []
    seen: set[tuple[int, int]] = set()
    for t in toks:
        for c in conjuncts(t):
            if c.i in cand_span(cand) or c.i != t.i and match_triggers(c.doc, c.i, c.i + 1):
                continue  # "… as well as an April bombing" is another event, not a victim
            raw = make_arg(ctx, c)
            if raw is None or not raw.arg.name.strip() or raw.arg.name.lower() in _EMPTY_NAMES:
                continue
            key = raw.arg.mention or (raw.arg.start, raw.arg.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(raw)
    return out


def cand_span(cand: Candidate) -> range:
    return range(cand.match.start, cand.match.end)


def location(ctx: Context, heads: list[Any], objects: list[Any] = (), etype: str = "",
             extra: list[Any] = ()) -> Arg | None:
    """The most specific place in the "in/at/near" phrases of the event's tokens (module docstring).

    ``objects`` are the event's victim or target heads: "seized a police post in Chaman"
    happened in Chaman.
    """
    best: tuple[int, int, int, int, Any, Mention] | None = None
    companions = [o for h in heads for p in children(h, "prep") if p.lower_ in ("with", "alongside")
                  for o in children(p, "pobj")]  # "killed with two operatives in Bajaur"
    found = _place_tokens(heads, 0, etype) + _place_tokens(list(objects) + companions, 1, etype) \
        + _place_tokens(list(extra), 2, etype)
    for rank, (tok, depth) in enumerate(found):
        m = ctx.mention(tok)
        if m is None or m.label not in PLACE_LABELS or not ctx.inside(tok):
            continue
        key = (1 if m.label == "FAC" else 0, 1 if phrase_in_class("country", m.text) else 0, depth, rank)
        if best is None or key < best[:4]:
            best = (*key, tok, m)
    if best is None:
        return None
    return _place_arg(ctx, best[4], best[5])


def _place_tokens(heads: list[Any], base: int, etype: str = "") -> list[tuple[Any, int]]:
    """Tokens under location prepositions of the heads, with a depth that counts possessives thrice."""
    out: list[tuple[Any, int]] = []
    seen: set[int] = set()
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
                for o in c.children:
                    if o.dep_ in ("pobj", "pcomp"):
                        _walk(o, base, out, seen)
            elif c.dep_ in ("compound", "nmod", "amod") and c.i < h.i and c.pos_ == "PROPN" and base == 0 \
                    and etype not in ("airstrike", "operation"):
                out.append((c, base + 1))  # "the Quetta attack", "the Doha ceasefire" (not "a US strike")
    return out


def _walk(tok: Any, depth: int, out: list[tuple[Any, int]], seen: set[int], placeish: bool = False) -> None:
    """Places under a prepositional object: its own name, the names a place or building noun is
    modified by ("the Sadda area", "a Quetta hotel"), nested "in/of" phrases. Names
    modifying other nouns are not places of the event ("a Pakistan security forces operation")."""
    if tok.i in seen or depth > 8:
        return
    seen.add(tok.i)
    out.append((tok, depth))
    placeish = placeish or tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lower_ in _PLACE_HEADS \
        or in_class("target", tok)
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "det"):
            continue
        if c.dep_ == "prep" and c.lower_ not in LOCATION_PREPS | {"of"}:
            continue
        if c.dep_ in ("compound", "amod", "nmod", "poss") and not placeish:
            continue
        step = 3 if c.dep_ == "poss" else 1
        _walk(c, depth + step, out, seen, placeish and c.dep_ == "compound")


def _place_arg(ctx: Context, tok: Any, m: Mention) -> Arg:
    head = tok
    while head.dep_ in ("compound", "flat") and head.head != head:
        head = head.head
    if head.lower_ in _BORDER_HEADS:  # "the Iran-Iraq border" is in neither country
        start = min(t.idx for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "amod"))
        end = head.idx + len(head.text)
        return Arg(ctx.doc.text[start:end], start, end, m.id)
    for c in head.children:  # "Qissa Khwani, Peshawar"
        cm = ctx.mention(c)
        if c.dep_ == "appos" and cm is not None and cm.label in ("GPE", "LOC") and cm.start > m.end:
            between = ctx.doc.text[m.end:cm.start]
            if between.strip() == ",":
                return Arg(ctx.doc.text[m.start:cm.end], m.start, cm.end, m.id)
    return Arg(m.text, m.start, m.end, m.id)


def weapons(ctx: Context, heads: list[Any]) -> list[tuple[str, str | None]]:
    """Weapons named in the event's clause ("a 30kg IED" → ("30kg IED", "bombing"))."""
    out: list[tuple[str, str | None]] = []
    seen: set[int] = set()
    for h in heads:
        for t in [h, *h.subtree] if h.pos_ != "VERB" else _clause(h):
            if t.i in seen:
                continue
            kind = weapon_type(t)
            if kind is None or not ctx.inside(t):
                continue
            start, end = np_bounds(t)
            start = max(start, ctx.bounds[0])
            seen.update(range(start, end))
            doc = ctx.parsed
            out.append((ctx.doc.text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1].text)], kind))
    return out


def _clause(verb: Any) -> list[Any]:
    """Tokens of a verb's own clause: its arguments and prepositional phrases, not nested clauses."""
    out = []
    for c in verb.children:
        if c.dep_ in ("ccomp", "conj", "advcl", "relcl", "parataxis"):
            continue
        out.extend(t for t in c.subtree)
    return out


def weapon_type(tok: Any) -> str | None:
    """The event type a weapon noun implies, reading the words before it ("roadside bomb")."""
    heads = _weapon_heads()
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in heads and tok.lemma_.lower() not in heads:
        return None
    doc = tok.doc
    for n in (3, 2, 1):
        if tok.i - n + 1 < 0:
            continue
        words = pieces(" ".join([t.text for t in doc[tok.i - n + 1:tok.i]] + [tok.lemma_]))
        kind = type_of("weapon", words)
        if kind is not None:
            return kind
    return None


@lru_cache(maxsize=1)
def _weapon_heads() -> frozenset[str]:
    return frozenset(p[-1] for p in lexicon().classes.get("weapon", ()))


def agent_noun_type(raw: list[RawArg]) -> str | None:
    """"a suicide bomber struck" → bombing: the type a perpetrator noun implies."""
    for r in raw:
        doc = r.head.doc
        for n in (2, 1):
            if r.head.i - n + 1 < 0:
                continue
            words = pieces(" ".join(t.lemma_ for t in doc[r.head.i - n + 1:r.head.i + 1]))
            kind = type_of("agent_noun", words)
            if kind is not None:
                return kind
    return None
