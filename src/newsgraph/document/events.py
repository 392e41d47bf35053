"""Per-document event extraction: typed event mentions with their arguments, each tied to its sentence.

Pure functions over one document's parse, mentions and dates; nothing here looks at other
documents (cross-article merging is the resolver's job). The stage, in order:

0. sentences are cut at line breaks (the parser runs a headline into the line after it), and
   "Read more:" / "Also see" lines are skipped;
1. triggers (``events_triggers``): words of ``data/lexicons/event_triggers.tsv`` that state an
   event in this sentence, checked against their arguments ("operation" must be military,
   "released" must free a person, "attacked" must hit something concrete, "killed" by an
   earthquake is no armed violence), dropped when negated, generic or bare, marked planned when a
   plan, vow, modal or condition governs them;
2. grouping: triggers the grammar ties into one event ("was killed in an operation") become one
   mention, typed by the most specific trigger (airstrike > bombing > attack > custody > killing >
   operation; a killing of counted, unnamed militants inside an operation is the operation);
3. arguments (``events_args``): agents, victims and targets, the most specific place, weapons;
4. facts (``events_facts``): the date (own clause, "when" clause, a date opening the sentence,
   frame year, "two months later" from the previous event), casualty ranges split by side, status;
5. document pass: a definite mention ("the Quetta bombing", "It killed 13") with no date of its
   own takes the date of the event in the sentence just before, in the same paragraph, when they
   agree on family and place; "the truce" with no parties takes those of the ceasefire just told;
   an event dated more than 90 days before publication is background.

Arguments name what the text names (``Arg``); resolving them to entities, geocoding places and
merging mentions of one event (``same_event`` helps within a document) are later stages.

Plans and threats are left out unless ``planned=True`` (then kept with status "planned"):
scorers and readers count every exported event as something that happened.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from newsgraph.document.dates import DateMention
from newsgraph.document.dates_calendar import parse_ref
from newsgraph.document.events_args import (
    Arg, RawArg, agent_noun_type, agents, location, victims, weapons,
)
from newsgraph.document.events_facts import (
    casualties, choose_date, frame_date, in_main_clause, leading_date, own_dates, resolve, status, when_dates,
)
from newsgraph.document.events_lexicon import class_of_noun, in_class
from newsgraph.document.events_parse import Context, children
from newsgraph.document.events_triggers import (
    FAMILY, Candidate, _objects, find_candidates, group, is_plural_generic,
)
from newsgraph.records import DateValue, Document, Evidence, Mention, Range

__all__ = ["Arg", "EventMention", "extract_events", "same_event", "BACKGROUND_DAYS"]

BACKGROUND_DAYS = 90  # an event dated this long before publication is recalled, not reported news
_RANK = {"airstrike": 7, "bombing": 6, "attack": 5, "capture": 4, "arrest": 4, "release": 4, "killing": 3,
         "operation": 2, "ceasefire_end": 3, "ceasefire": 2, "talks": 1, "designation": 1, "other": 0}
_NEWLINES = re.compile(r"\n\s*")
_SKIP_LINE = re.compile(r"^\s*(read more|also read|read also|see also|related|also see|watch|listen)\b\s*[:|–—-]",
                        re.I)


@dataclass(frozen=True)
class EventMention:
    """One event as one sentence states it (see the module docstring for how each field is read)."""

    id: str
    doc: str
    type: str
    trigger: Arg
    evidence: Evidence
    date: DateValue | None
    location: Arg | None
    agents: tuple[Arg, ...]
    victims: tuple[Arg, ...]
    fatalities: Range | None
    injured: Range | None
    killed_by_side: tuple[tuple[str, Range], ...]
    weapons: tuple[str, ...]
    status: str
    background: bool


def event_id(doc_id: str, trigger_start: int) -> str:
    return "vm_" + hashlib.sha1(f"{doc_id}:{trigger_start}".encode()).hexdigest()[:16]


def extract_events(doc: Document, parsed: Any, mentions: Sequence[Mention], dates: Sequence[DateMention],
                   *, planned: bool = False) -> list[EventMention]:
    """The event mentions of one document, in text order.

    ``parsed`` is the spaCy Doc of ``doc.text``; ``mentions`` and ``dates`` are the outputs of
    ``mentions.from_parse`` and ``dates.find_dates(doc.text, doc.published)``.
    """
    ctx = Context.build(doc, parsed, mentions, dates)
    out: list[EventMention] = []
    definite: dict[str, str] = {}
    previous: DateValue | None = None
    for start, end in _pieces(ctx):
        if _SKIP_LINE.match(_line_start(doc.text, parsed[start].idx)):
            continue
        ctx.bounds = (start, end)
        groups = group(find_candidates(ctx, start, end))
        lead = leading_date(ctx, start, end)
        for grp in groups:
            ctx.others = frozenset(c.token.i for g in groups if g is not grp for c in g)
            ev = _event(ctx, grp, previous, planned, lead if in_main_clause(grp[0].token, start) else None)
            if ev is None:
                continue
            out.append(ev)
            kind = _definite(grp)
            if kind:
                definite[ev.id] = kind
            if ev.date is not None:
                previous = ev.date
    return _inherit_dates(ctx, out, definite)


def _pieces(ctx: Context) -> list[tuple[int, int]]:
    """Token ranges of the sentences, cut at line breaks (a headline is not part of the next line)."""
    text, starts = ctx.doc.text, ctx.starts
    breaks = {bisect_left(starts, m.end()) for m in _NEWLINES.finditer(text)}
    out = []
    for sent in ctx.parsed.sents:
        start = sent.start
        for i in sorted(b for b in breaks if sent.start < b < sent.end):
            out.append((start, i))
            start = i
        out.append((start, sent.end))
    return [(a, b) for a, b in out if text[starts[a]:starts[b - 1] + 1].strip()]


def _line_start(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    return text[start:char + 40]


def _event(ctx: Context, grp: list[Candidate], previous: DateValue | None, planned: bool,
           lead: DateMention | None = None) -> EventMention | None:
    """One event mention from a group of candidates; None when it is planned, generic or bare."""
    if any(c.planned for c in grp) and not planned:
        return None
    heads, when = _heads(grp), _when_clauses(grp)
    ags = _merge_args(a for c in grp for a in agents(ctx, c))
    ags = [a for a in ags if a.head.ent_type_ not in ("DATE", "TIME")]
    taken = {a.arg.mention or (a.arg.start, a.arg.end) for a in ags}
    vics = [v for v in _merge_args(a for c in grp for a in victims(ctx, c))
            if (v.arg.mention or (v.arg.start, v.arg.end)) not in taken]
    arms = weapons(ctx, heads + when)
    etype, main = _type(grp, ags, vics, arms, when)
    found = own_dates(ctx, heads, _left_only(grp))
    dm = choose_date(found) or choose_date(when_dates(ctx, heads)) or lead
    fatalities, injured, by_side = casualties(ctx, grp, etype)
    if _generic(grp, found, fatalities):
        return None  # "ramped up their attacks", "the conflict has killed thousands": no one event
    doc = ctx.doc
    date_value = resolve(dm, frame_date(ctx, heads), previous, doc.published, doc.id)
    place = location(ctx, heads, [v.head for v in vics], etype, when)
    if not (date_value or place or ags or vics or fatalities or injured or dm is not None):
        return None  # "the ceasefire is conditional": no fact to record
    trig = _trigger_arg(ctx, main)
    return EventMention(
        id=event_id(doc.id, trig.start), doc=doc.id, type=etype, trigger=trig,
        evidence=_evidence(ctx, main.token), date=date_value, location=place,
        agents=tuple(a.arg for a in ags), victims=tuple(v.arg for v in vics),
        fatalities=fatalities, injured=injured, killed_by_side=by_side,
        weapons=tuple(dict.fromkeys(w for w, _ in arms)),
        status="planned" if any(c.planned for c in grp) else status(grp),
        background=_background(date_value, doc.published),
    )


def _heads(grp: list[Candidate]) -> list[Any]:
    """The tokens whose dependents hold the event's facts: triggers, the nouns and verbs carrying
    them, and the verb a participle hangs on ("a drone fired missiles …, killing him")."""
    out: dict[int, Any] = {}
    for c in grp:
        for tok in (c.token, c.anchor, c.governor):
            if tok is not None:
                out[tok.i] = tok
        if c.token.tag_ == "VBG" and c.token.dep_ == "advcl" and not children(c.token, "nsubj"):
            out[c.token.head.i] = c.token.head
        if c.noun:  # "the blast, which took place near a bus stop in Quetta"
            for rel in children(c.token, "relcl"):
                if rel.lemma_.lower() in ("take", "occur", "happen") and any(
                        s.lower_ in ("which", "that") for s in children(rel, "nsubj")):
                    out[rel.i] = rel
    return [out[i] for i in sorted(out)]


def _when_clauses(grp: list[Candidate]) -> list[Any]:
    """"was killed when a US drone fired missiles at his vehicle in Kurram": the clause
    that tells how, and where, the event happened."""
    out = []
    for c in grp:
        if c.noun:
            continue
        for adv in children(c.token, "advcl"):
            if any(m.lower_ == "when" for m in adv.children if m.dep_ in ("advmod", "mark")):
                out.append(adv)
    return out


def _left_only(grp: list[Candidate]) -> frozenset[int]:
    """Event nouns that are the object of an ordinary verb ("confirmed Gul's killing on Monday")."""
    return frozenset(c.token.i for c in grp if c.noun and c.governor is None and c.token.dep_ == "dobj"
                     and c.token.head.pos_ == "VERB")


def _generic(grp: list[Candidate], found: list, fatalities: Range | None) -> bool:
    """No one event: a bare plural, a superlative, or a sum ("the conflict has killed 30,000"),
    unless a date of its own (or, for plurals, a count) pins it down."""
    if found:
        return False
    for c in grp:
        if is_plural_generic(c) and fatalities is None:
            return True
        if c.noun and any(ch.tag_ == "JJS" or ch.lower_ == "most" for ch in c.token.children if ch.dep_ in
                          ("amod", "advmod")):
            return True
        if not c.noun and any(in_class("aggregate", s) for s in children(c.token, "nsubj")):
            return True
    return False


def _merge_args(raws: Any) -> list[RawArg]:
    out: list[RawArg] = []
    for r in raws:
        if any(r.arg.start < o.arg.end and o.arg.start < r.arg.end or
               r.arg.mention is not None and r.arg.mention == o.arg.mention for o in out):
            continue
        out.append(r)
    return out


def _type(grp: list[Candidate], ags: list[RawArg], vics: list[RawArg],
          arms: list[tuple[str, str | None]], when: list[Any]) -> tuple[str, Candidate]:
    """The most specific type of the group, and the candidate that states it.

    A perpetrator noun or weapon refines it ("a suicide bomber", "a roadside bomb" → bombing; "a
    drone" → airstrike), also when a "when" clause names it; a killing of counted, unnamed people
    inside an operation is the operation; militants raiding are attacking, forces storming operate.
    """
    named = any(v.named or v.head.tag_ in ("NN", "NNP") and class_of_noun(v.head) is not None for v in vics) or any(
        o.lower_ in ("he", "she", "him", "her") for c in grp if c.type == "killing" for o in _objects(c))

    def rank(c: Candidate) -> int:
        if c.type == "killing" and not named and any(o.type == "operation" for o in grp):
            return 1  # "over 100 militants neutralized in operations": the operation is the event
        return _RANK.get(c.type, 0)

    main = max(grp, key=lambda c: (rank(c), -c.token.i))
    etype = main.type
    subjects = [RawArg(Arg("", 0, 0, None), s, False) for w in when for s in children(w, "nsubj")]
    hint = agent_noun_type(ags + subjects) or next((k for _, k in arms if k in ("bombing", "airstrike")), None)
    if hint in ("bombing", "airstrike") and etype in ("attack", "killing"):
        etype = hint
    sides = {class_of_noun(a.head) for a in ags}
    if etype == "operation" and "militant" in sides and "security" not in sides:
        etype = "attack"  # militants raiding a post attack it
    elif etype == "attack" and main.match.entry.phrase in (("storm",), ("raid",)) and "security" in sides:
        etype = "operation"
    return etype, main


def _trigger_arg(ctx: Context, cand: Candidate) -> Arg:
    doc = ctx.parsed
    first, last = doc[cand.match.start], doc[cand.match.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Arg(ctx.doc.text[start:end], start, end, None)


def _evidence(ctx: Context, tok: Any) -> Evidence:
    """The sentence stating the event, cut to its paragraph (the parser can run a headline into it)."""
    sent = tok.sent
    lo, hi = ctx.paragraph_of(tok.idx)
    start, end = max(sent.start_char, lo), min(sent.end_char, hi)
    text = ctx.doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(ctx.doc.id, start, end, text[start:end])


def _definite(grp: list[Candidate]) -> str | None:
    """"the Quetta bombing", "this attack" ("noun"), "It killed 13 …" ("pronoun"): a mention
    that refers back to an event told before; None otherwise."""
    for c in grp:
        if not c.noun and any(s.lower_ in ("it", "this") for s in children(c.token, "nsubj")):
            return "pronoun"
    for c in grp:
        if c.noun and any(ch.dep_ in ("det", "poss") and ch.lower_ in ("the", "this", "that", "its")
                          for ch in c.token.children):
            return "noun"
    return None


def _background(value: DateValue | None, published: str | None) -> bool:
    """Dated more than BACKGROUND_DAYS before publication (compared at the date's last day)."""
    if value is None or not published:
        return False
    last, pub = _last_day(value.value), _first_day(published)
    return last is not None and pub is not None and last < pub - timedelta(days=BACKGROUND_DAYS)


def _last_day(value: str) -> date | None:
    ref = parse_ref(value)
    if ref is None:
        return None
    if ref.day:
        return date(ref.year, ref.month, ref.day)
    if ref.month:
        nxt = date(ref.year + (ref.month == 12), ref.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(ref.year, 12, 31)


def _first_day(value: str) -> date | None:
    ref = parse_ref(value)
    if ref is None:
        return None
    return date(ref.year, ref.month or 1, ref.day or 1)


def _inherit_dates(ctx: Context, events: list[EventMention], definite: dict[str, str]) -> list[EventMention]:
    """A definite, undated mention takes the date of the event told just before it in its paragraph;
    "the truce" with no parties named takes those of the ceasefire told in the three sentences before."""
    out: list[EventMention] = []
    for ev in events:
        if ev.id in definite and FAMILY.get(ev.type) == "diplomacy" and not ev.agents:
            parties = _recent_parties(out, ev)
            if parties:
                ev = replace(ev, agents=parties)
        if ev.date is None and ev.id in definite:
            prior = _prior_in_paragraph(ctx, out, ev, definite[ev.id] == "pronoun")
            if prior is not None and prior.date is not None:
                ev = replace(ev, date=prior.date, background=_background(prior.date, ctx.doc.published))
        out.append(ev)
    return out


def _recent_parties(done: list[EventMention], ev: EventMention) -> tuple[Arg, ...]:
    seen: list[int] = []
    for prior in reversed(done):
        if prior.evidence.start not in seen:
            seen.append(prior.evidence.start)
        if len(seen) > 3:
            break
        if prior.type in ("ceasefire", "ceasefire_end") and prior.agents and prior.evidence.start != ev.evidence.start:
            return prior.agents
    return ()


def _prior_in_paragraph(ctx: Context, done: list[EventMention], ev: EventMention,
                        pronoun: bool = False) -> EventMention | None:
    """The event of the sentence just before, in the same paragraph, that this mention can refer back
    to: the same family, and the same place or else the same type in no other place."""
    para = ctx.paragraph_of(ev.evidence.start)
    sentences = []
    for prior in reversed(done):
        if prior.evidence.start < para[0]:
            break
        if prior.evidence.start == ev.evidence.start:
            continue
        if prior.evidence.start not in sentences:
            sentences.append(prior.evidence.start)
        if len(sentences) > 1:
            break
        if FAMILY.get(prior.type) != FAMILY.get(ev.type):
            continue
        same_place = prior.location is not None and ev.location is not None \
            and _places_agree(prior.location, ev.location)
        if same_place or (prior.type == ev.type or pronoun) and _places_agree(prior.location, ev.location):
            return prior
    return None


def _places_agree(a: Arg | None, b: Arg | None) -> bool:
    if a is None or b is None:
        return True
    return a.name.split(",")[0].strip().lower() == b.name.split(",")[0].strip().lower()


def same_event(a: EventMention, b: EventMention, entity_of: dict[str, str] | None = None) -> bool:
    """Whether two mentions of one document can be the same event (a helper for merging).

    Same family; dates agree at the coarser precision; places agree where both have one; and at
    least one of date, place or participant is shared. Participants are the same when their
    mentions belong to one local entity (``entity_of``: mention id → LocalEntity id), or when one
    name's words end the other's ("Gul" and "Rahim Gul").
    """
    if FAMILY.get(a.type) != FAMILY.get(b.type):
        return False
    shared = 0
    if a.date and b.date:
        n = min(len(a.date.value), len(b.date.value))
        if a.date.value[:n] != b.date.value[:n]:
            return False
        shared += 1
    if a.location and b.location:
        if not _places_agree(a.location, b.location):
            return False
        shared += 1
    if any(_same_participant(x, y, entity_of or {}) for x in a.agents + a.victims for y in b.agents + b.victims):
        shared += 1
    return shared > 0


def _same_participant(x: Arg, y: Arg, entity_of: dict[str, str]) -> bool:
    if x.mention and y.mention and (x.mention == y.mention or
                                    entity_of.get(x.mention, x.mention) == entity_of.get(y.mention, y.mention)):
        return True
    wx, wy = x.name.lower().split(), y.name.lower().split()
    if not wx or not wy or not (x.mention and y.mention):
        return False
    short, long = sorted((wx, wy), key=len)
    return long[-len(short):] == short
