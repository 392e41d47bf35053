"""When, how many, how sure: the date, casualty counts and status of an event mention.

Dates come from the date normaliser's mentions (``dates.find_dates``), chosen by the parse:
the date attached to the event's own clause ("killed … on June 4", "a July bombing", "the
ceasefire, brokered … on October 30"), else the date of a "when" clause tied to it ("freed when
the rebels took the city in May 2019"; "was at school in March 2016 when gunmen stormed it"), else
the year the clause hangs on ("2009, when the mayor survived an attempt in May" → 2009-05). A
relative month is read in that year, and an anaphoric offset ("two months later") counts from the
previous event's date, not from whatever date the text mentioned last. A date after publication
for an event reported as past is dropped: the normaliser misread it. No date is ever taken from
the publication date itself.

Counts come only from the victims of killing words ("killed 12 people", "over 40 militants were
neutralized", "claimed 30 lives", "killed with two guards" adds two), never from
other numbers in the sentence ("two suicide bombers"). Named victims count one each: exactly,
when the event is a killing of them; as a lower bound when they died in a larger attack.
Counts are split by side (militants, security, civilians) when the counted words say which.
"""
from __future__ import annotations

import re
from typing import Any

from newsgraph.document.dates import DateMention, normalise
from newsgraph.document.dates_calendar import parse_ref
from newsgraph.document.events_args import RawArg, make_arg
from newsgraph.document.events_lexicon import class_of_noun, in_class, match_triggers
from newsgraph.document.events_parse import Context, children, conjuncts
from newsgraph.document.events_triggers import Candidate, _objects
from newsgraph.document.numbers import find_counts, parse_count
from newsgraph.records import DateValue, Evidence, Range

_ANAPHORIC = re.compile(r"\b(later|earlier|after|afterwards|before|following|next|previous|prior)\b", re.I)
_OFFSET = re.compile(r"^(?:the\s+)?(?:(?P<n>[\w-]+)\s+)?(?P<unit>day|week|month|year)s?\s+"
                     r"(?P<dir>later|after|afterwards|earlier|before|prior)\b", re.I)
_NEXT = re.compile(r"^(?:the\s+)?(?P<dir>next|following|previous|prior)\s+(?P<unit>day|week|month|year)\b", re.I)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_SIDES = {"security": "security", "militant": "militants", "civilian": "civilians"}
_GENERIC_PEOPLE = frozenset({"people", "person", "persons"})
_COLLECTIVE = frozenset({"family", "group", "crowd", "unit", "team", "convoy", "patrol", "batch", "force", "army",
                         "police", "people", "staff", "personnel", "gang", "cell", "squad", "all", "dozen"})
_KILL_TYPES = frozenset({"killing"})
_WOUND = frozenset({"wound", "injure", "hurt", "maim"})
_DEAD_WORDS = frozenset({"dead", "killed"})
_HURT_WORDS = frozenset({"injured", "wounded", "hurt"})
_DATE_DEPS = frozenset({"prep", "pobj", "npadvmod", "advmod", "compound", "amod", "nummod", "nmod", "tmod",
                        "acl", "appos", "poss", "pcomp", "agent", "oprd", "attr", "dobj"})


# --------------------------------------------------------------------------- dates

def own_dates(ctx: Context, heads: list[Any], left_only: frozenset[int] = frozenset()
              ) -> list[tuple[int, DateMention]]:
    """Date mentions attached to the event's own tokens, with their tree distance.

    For the heads in ``left_only`` (an event noun that is the object of a reporting verb:
    "confirmed Gul's killing on Monday") only dates before the noun count: the parser hangs the
    verb's date on the noun.
    """
    found: dict[int, tuple[int, DateMention]] = {}
    for h in heads:
        _collect_dates(ctx, h, 0, found, set(), verb=h.pos_ in ("VERB", "AUX"))
        if h.i in left_only:
            found = {k: v for k, v in found.items() if v[1].end <= h.idx or not _under(ctx, v[1], h)}
    return sorted(found.values(), key=lambda x: (x[0], x[1].start))


def _under(ctx: Context, dm: DateMention, head: Any) -> bool:
    return any(dm.start <= t.idx < dm.end for t in head.subtree)


def _collect_dates(ctx: Context, tok: Any, depth: int, found: dict, seen: set, verb: bool) -> None:
    if tok.i in seen or depth > 4 or tok.i in ctx.others:
        return
    seen.add(tok.i)
    dm = ctx.date_by_token.get(tok.i)
    if dm is not None and depth > 0 and ctx.inside(tok):
        if dm.start not in found or found[dm.start][0] > depth:
            found[dm.start] = (depth, dm)
        return
    for c in tok.children:
        if c.dep_ not in _DATE_DEPS:
            continue
        if verb and depth == 0 and c.dep_ == "dobj" or c.dep_ == "acl" and depth > 0 or \
                c.lower_ in ("including", "like", "since", "until", "till"):
            continue  # "since June" dates a state, not the event
        _collect_dates(ctx, c, depth + 1, found, seen, verb=False)


def choose_date(found: list[tuple[int, DateMention]]) -> DateMention | None:
    """The nearest date; a finer one that agrees with it wins ("this week … on Sunday")."""
    if not found:
        return None
    best = found[0][1]
    if best.value is None:
        return best
    for _, dm in found[1:]:
        if dm.value and dm.value.startswith(best.value) and len(dm.value) > len(best.value):
            best = dm
    return best


def leading_date(ctx: Context, start: int, end: int) -> DateMention | None:
    """A date opening the sentence piece before a comma ("In the last week of December, they …",
    "On Sunday, …"): it frames the main clause even where the parser hung it elsewhere."""
    doc = ctx.parsed
    first = doc[start]
    if first.pos_ not in ("ADP", "DET", "PROPN", "NUM", "ADJ", "NOUN"):
        return None
    for i in range(start, min(end, start + 10)):
        if doc[i].text == ",":
            span_end = doc[i].idx
            found = [d for d in ctx.dates if first.idx <= d.start and d.end <= span_end]
            return found[-1] if found else None
    return None


def in_main_clause(tok: Any, start: int) -> bool:
    """Not inside a relative, complement or adverbial clause below the piece's main verb."""
    for _ in range(8):
        if tok.head == tok or tok.head.i < start:
            return True
        if tok.dep_ in ("relcl", "acl", "ccomp", "advcl", "csubj"):
            return False
        tok = tok.head
    return True


def when_dates(ctx: Context, heads: list[Any]) -> list[tuple[int, DateMention]]:
    """Dates of a "when" clause below the event, or of the clause above an event told in one."""
    out: list[tuple[int, DateMention]] = []
    for h in heads:
        if h.pos_ not in ("VERB", "AUX"):
            continue
        for c in children(h, "advcl"):
            if _is_when(c):
                out += own_dates(ctx, [c])
        if h.dep_ == "advcl" and _is_when(h) and h.head != h:
            out += [x for x in own_dates(ctx, [h.head]) if not _inside(x[1], h)]
    return sorted(out, key=lambda x: (x[0], x[1].start))


def _is_when(tok: Any) -> bool:
    return any(c.lower_ in ("when", "as", "after", "while") and c.dep_ in ("advmod", "mark") for c in tok.children)


def _inside(dm: DateMention, clause: Any) -> bool:
    return any(dm.start <= t.idx < dm.end for t in clause.subtree)


def frame_date(ctx: Context, heads: list[Any]) -> DateMention | None:
    """An explicit date the event's clause hangs on: "In 2009, when …" → 2009."""
    for h in heads:
        tok = h
        for _ in range(6):
            if tok.head == tok:
                break
            step = tok
            tok = tok.head
            dm = ctx.date_by_token.get(tok.i)
            if dm is not None and step.dep_ in ("relcl", "acl", "advcl") and not dm.relative and dm.value:
                return dm
            if step.dep_ in ("ccomp", "conj", "parataxis"):
                break
    return None


def resolve(dm: DateMention | None, frame: DateMention | None, previous: DateValue | None,
            published: str | None, doc_id: str) -> DateValue | None:
    """The event's date from its mention: re-read in the frame year, or counted from the previous event."""
    if dm is None:
        if frame is not None:
            return DateValue(frame.value, frame.precision, Evidence(doc_id, frame.start, frame.end, frame.text))
        return None
    value, precision = dm.value, dm.precision
    if frame is not None and dm.relative and not _YEAR.search(dm.text) and frame.value:
        read = normalise(dm.text, f"{frame.value[:4]}-12-31")
        if read is not None and read[0].startswith(frame.value[:4]):
            value, precision = read
    elif previous is not None and _ANAPHORIC.search(dm.text):
        shifted = shift(previous.value, dm.text)
        if shifted is not None:
            value, precision = shifted
    if value is None or precision is None:
        return None
    if published and _after(value, published):
        return None
    return DateValue(value, precision, Evidence(doc_id, dm.start, dm.end, dm.text))


def _after(value: str, published: str) -> bool:
    n = min(len(value), len(published[:10]))
    return value[:n] > published[:n]


def shift(anchor: str, expr: str) -> tuple[str, str] | None:
    """``anchor`` moved by an anaphoric offset ("two months later"); precision never gets finer."""
    text = expr.strip()
    m = _OFFSET.match(text) or _NEXT.match(text)
    if m is None:
        return None
    raw = m.groupdict().get("n")
    count = 1 if raw in (None, "a", "an", "one") else (parse_count(raw).min if parse_count(raw) else None)
    if count is None:
        return None
    sign = -1 if m.group("dir").lower() in ("earlier", "before", "prior", "previous") else 1
    return _add(anchor, m.group("unit").lower(), sign * count)


def _add(anchor: str, unit: str, n: int) -> tuple[str, str] | None:
    ref = parse_ref(anchor)
    if ref is None:
        return None
    if unit == "year":
        return _fmt(ref.year + n, ref.month, ref.day)
    if unit == "month":
        if ref.month is None:
            return None
        months = ref.year * 12 + ref.month - 1 + n
        return _fmt(months // 12, months % 12 + 1, None)
    if ref.as_date() is None:
        return None
    from datetime import timedelta
    day = ref.as_date() + timedelta(days=n * (7 if unit == "week" else 1))
    return _fmt(day.year, day.month, day.day)


def _fmt(year: int, month: int | None, day: int | None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


# --------------------------------------------------------------------------- counts

def casualties(ctx: Context, group: list[Candidate], etype: str,
               ) -> tuple[Range | None, Range | None, tuple[tuple[str, Range], ...]]:
    """(fatalities, injured, killed_by_side) of one event (see the module docstring)."""
    parts: list[tuple[int | None, int | None, str | None, Evidence]] = []
    seen: set[object] = set()
    for cand in group:
        if cand.type == "killing":
            parts += _victim_counts(ctx, cand, etype in _KILL_TYPES, seen)
    for cand in group:
        parts += _lives(ctx, cand) + _toll(ctx, cand)
    parts = list({(p[3].start, p[3].end): p for p in parts}.values())  # one count stated once
    fatalities = _total(parts)
    sides: dict[str, list] = {}
    for p in parts:
        if p[2] is not None:
            sides.setdefault(p[2], []).append(p)
    by_side = tuple((side, _total(ps)) for side, ps in sorted(sides.items()) if side != "people")
    return fatalities, _injured(ctx, group), tuple((s, r) for s, r in by_side if r is not None)


def _total(parts: list[tuple[int | None, int | None, str | None, Evidence]]) -> Range | None:
    if not parts:
        return None
    lo = sum(p[0] or 0 for p in parts)
    hi = None if any(p[1] is None for p in parts) else sum(p[1] for p in parts)
    ev = parts[0][3] if len(parts) == 1 else _joined(parts)
    if lo == 0 and hi is None:
        return None
    return Range(lo if any(p[0] is not None for p in parts) else None, hi, ev)


def _joined(parts: list) -> Evidence:
    evs = [p[3] for p in parts]
    start, end = min(e.start for e in evs), max(e.end for e in evs)
    return Evidence(evs[0].doc, start, end, "; ".join(e.text for e in evs))


def _victim_counts(ctx: Context, cand: Candidate, exact: bool, seen: set[object]) -> list:
    """Counts of the victims of one killing word; ``seen`` keeps a victim named twice from counting twice."""
    out = []
    heads = [c for t in _objects(cand) for c in conjuncts(t)
             if c.i == t.i or not match_triggers(c.doc, c.i, c.i + 1)]  # "…, the deadliest attack" is no victim
    if cand.noun:
        heads = [h for h in heads if h.dep_ in ("pobj", "poss")] or heads
    tok = cand.token
    for p in children(tok, "prep"):
        if p.lower_ in ("with", "alongside", "along"):  # "killed with two of his guards"
            heads += [o for o in p.subtree if o.dep_ == "pobj" and o.head == p or o.dep_ == "pobj" and o.head.head == p]
    for h in heads:
        m = ctx.mention(h)
        key = m.id if m is not None else h.i
        raw = make_arg(ctx, h) if m is None and h.pos_ == "PRON" else None
        key = raw.arg.mention if raw is not None and raw.arg.mention else key
        if key in seen or not ctx.inside(h):
            continue
        seen.add(key)
        part = _count_np(ctx, h, exact)
        if part is not None:
            out.append(part)
    return out


def _count_np(ctx: Context, head: Any, exact: bool):
    """The count a victim noun phrase states, or one per named victim."""
    doc_id, text = ctx.doc.id, ctx.doc.text
    left = head.left_edge.idx
    right = head.idx + len(head.text)
    counts = find_counts(text, left, right)
    noun = _counted_noun(head)
    side = _side(noun)
    if counts:
        s, e, rng = counts[0]
        return rng.min, rng.max, side, Evidence(doc_id, s, e, text[s:e])
    if head.lower_ in ("he", "she", "him", "her"):
        ev = Evidence(doc_id, head.idx, head.idx + len(head.text), head.text)
        return 1, (1 if exact else None), side, ev  # one person, named or not
    raw: RawArg | None = make_arg(ctx, head)
    if raw is None:
        return None
    single = raw.named and (ctx.mention(head) is None or ctx.mention(head).label == "PERSON") or (
        head.tag_ == "NN" and head.lemma_.lower() not in _COLLECTIVE and not in_class("target", head))
    ev = Evidence(doc_id, raw.arg.start, raw.arg.end, text[raw.arg.start:raw.arg.end])
    if single:
        return 1, (1 if exact else None), side, ev
    if head.tag_.endswith("S") or head.lower_ in ("others",):
        return None, None, side, ev  # "other militants": some, uncounted
    return None


def _counted_noun(head: Any) -> Any:
    """"thousands of militants" counts militants."""
    if head.pos_ == "NUM" or head.lower_ in ("thousands", "hundreds", "dozens", "scores"):
        for p in children(head, "prep"):
            for o in children(p, "pobj"):
                return o
    return head


def _side(noun: Any) -> str | None:
    kind = class_of_noun(noun)
    if kind == "civilian" and noun.lemma_.lower() in _GENERIC_PEOPLE:
        return "people"
    return _SIDES.get(kind or "")


def _carriers(cand: Candidate) -> list[Any]:
    """The verbs an event noun is the subject of or carried by ("the bombing claimed 20 lives")."""
    found = [v for v in (cand.governor, cand.token.head if cand.token.dep_ == "nsubj" else None) if v is not None]
    return list({v.i: v for v in found}.values())


def _lives(ctx: Context, cand: Candidate) -> list:
    """"claimed 30 lives", "left 12 dead": a toll carried by the verb over an event noun."""
    out = []
    for verb in _carriers(cand):
        lemma = verb.lemma_.lower()
        if lemma == "leave":
            out += _left(ctx, verb, _DEAD_WORDS)
            continue
        for obj in children(verb, "dobj"):
            if lemma in ("claim", "take", "cost") and obj.lemma_.lower() == "life":
                part = _count_np(ctx, obj, exact=False)
                if part is not None and part[0] is not None:
                    out.append((part[0], part[1], None, part[3]))
    return out


def _left(ctx: Context, verb: Any, words: frozenset[str]) -> list:
    """"left at least seven people dead and 20 injured": counts followed (within two words) by one of
    ``words``, read off the text after the verb, since the parser splits such lists unpredictably."""
    text = ctx.doc.text
    start = verb.idx + len(verb.text)
    end = max(t.idx + len(t.text) for t in verb.subtree)
    out = []
    for s, e, rng in find_counts(text, start, end):
        after = text[e:e + 40].lower().split()
        if any(w.strip(",.;") in words for w in after[:2]):
            out.append((rng.min, rng.max, None, Evidence(ctx.doc.id, s, e, text[s:e])))
    return out


def _toll(ctx: Context, cand: Candidate) -> list:
    """"the death toll from the bombing rose to 100", "cut the toll from last week's bombing to 84"."""
    tok = cand.token
    toll = None
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "toll":
        toll = tok.head.head
    elif cand.anchor.lemma_.lower() == "toll":
        toll = cand.anchor  # "the mosque attack toll"
    if toll is None:
        return []
    for holder in (toll, toll.head):
        for p in children(holder, "prep"):
            if p.lower_ not in ("to", "at", "of"):
                continue
            for o in children(p, "pobj"):
                counts = find_counts(ctx.doc.text, o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text))
                if counts:
                    s, e, rng = counts[0]
                    return [(rng.min, rng.max, None, Evidence(ctx.doc.id, s, e, ctx.doc.text[s:e]))]
    return []


def _injured(ctx: Context, group: list[Candidate]) -> Range | None:
    """"killing 5 and wounding 12", "12 others were injured" tied to the event's verbs."""
    tokens = {c.token.i for c in group} | {c.governor.i for c in group if c.governor is not None}
    sent = group[0].token.sent
    parts = []
    for cand in group:
        for verb in _carriers(cand):
            if verb.lemma_.lower() == "leave":
                parts += _left(ctx, verb, _HURT_WORDS)
    for t in sent:
        if t.lemma_.lower() not in _WOUND or t.pos_ != "VERB" or any(p[3].start <= t.idx < p[3].end + 40 for p in parts):
            continue
        near = {t.head.i, *(a.i for a in t.children)}
        if not (near & tokens) and not (t.head.i in {ctx.parsed[i].head.i for i in tokens}):
            continue
        heads = children(t, "dobj", "nsubjpass")
        if not heads and t.dep_ in ("acl", "amod", "relcl"):
            heads = [t.head]
        for h in heads:
            part = _count_np(ctx, h, exact=False)
            if part is not None and part[0] is not None:
                parts.append(part)
    return _total(parts)


# --------------------------------------------------------------------------- status

def status(cand_group: list[Candidate]) -> str:
    """"alleged" when the text hedges the event itself ("allegedly", "suspected drone strike")."""
    for cand in cand_group:
        for tok in {cand.token, cand.anchor, cand.governor} - {None}:
            if any(in_class("alleged", c) for c in tok.children if c.dep_ in ("advmod", "amod", "compound")):
                return "alleged"
            if tok.dep_ in ("pcomp", "pobj") and tok.head.head != tok.head and \
                    tok.head.head.lemma_.lower() in ("accuse", "suspect", "blame"):
                return "alleged"
    return "reported"
