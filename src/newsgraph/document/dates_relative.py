"""Resolvers for expressions that need a reference: "last March", "on Sunday", "two days ago".

"The past week" and "the coming year" are left out on purpose: they are durations (the seven
days up to now), not calendar dates.

Deictic expressions ("yesterday", "last year") count from the publication date; anaphoric ones
("the following year", "a year earlier", "the next day") count from the last date the text
mentioned before them, falling back to the publication date. Precision follows the expression:
"last March" is a month, "last year" a year; weeks and weekends are coarsened to the month (or
year) that contains them, since the output format has no week precision.
"""
from __future__ import annotations

import re

from newsgraph.document import dates_calendar as cal
from newsgraph.document import dates_lexicon as lex
from newsgraph.document.dates_calendar import Ref, Value
from newsgraph.document.dates_rules import (Context, Reading, count_of, group_text, month_number, possessive,
                                            unresolved, year_in)

_BACK = frozenset({"last", "past", "this past", "previous", "the previous", "the past", "the latest"})
_AHEAD = frozenset({"next", "coming", "this coming", "the following", "the next", "the coming"})
_ANAPHORIC = frozenset({"that", "the same", "the following", "the previous", "the next", "that same",
                        "the very next"})
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4}


def _steps(direction: str | None) -> int:
    if direction in _BACK:
        return -1
    if direction in _AHEAD:
        return 1
    return 0


def resolve_month_rel(m: re.Match[str], ctx: Context) -> Reading:
    """A month named without a year: "in November", "last March", "June last year"."""
    month = month_number(m.group("m"))
    if month is None or ctx.ref is None:
        return unresolved()
    yrel = group_text(m, "yrel")
    if yrel:
        return Reading(cal.ymd(ctx.ref.year + {"this": 0, "last": -1, "next": 1}[yrel], month), True)
    direction = group_text(m, "dir")
    if direction == "this":
        how = "same_year"
    elif direction in _BACK:
        how = "before"
    elif direction in _AHEAD:
        how = "after"
    else:
        how = "not_before" if ctx.tense(m.start()) == "future" else "not_after"
    return Reading(cal.month_in_year(ctx.ref, month, how), True)


def resolve_season(m: re.Match[str], ctx: Context) -> Reading:
    """"the summer of 2014" → 2014; "last summer" → the year of the latest summer already over."""
    year = year_in(m, "y", ctx.ref)
    if year is not None:
        return Reading(cal.ymd(year), False)
    first = lex.seasons().get(m.group("s").lower())
    if first is None or ctx.ref is None:
        return unresolved()
    direction = group_text(m, "dir")
    how = ("same_year" if direction == "this" else "before" if direction in _BACK
           else "after" if direction in _AHEAD else "not_after")
    return Reading(cal.season_year(ctx.ref, first, how), True)


def resolve_quarter(m: re.Match[str], ctx: Context) -> Reading:
    """Quarters and halves keep only their year: "the third quarter of 2021" → 2021."""
    year = year_in(m, "y", ctx.ref) or year_in(m, "y3", ctx.ref)
    mods = group_text(m, "mods") or ""
    explicit = re.search(r"\d{4}", mods)
    if year is None and explicit:
        year = int(explicit.group())
    if year is not None:
        return Reading(cal.ymd(year), False)
    if ctx.ref is None:
        return unresolved()
    det = group_text(m, "det") or ""
    q = group_text(m, "q") or group_text(m, "qq")
    number = int(q[1]) if q and q.startswith("q") else _QUARTERS.get(q or "")
    if (m.group("unit") or "").lower() == "half" and number:
        number = 1 if number == 1 else 3
    if q == "last":
        return Reading(cal.coarsen(cal.shift_months(ctx.ref, -3), "year") if ctx.ref.month else None, True)
    base = cal.quarter_year(ctx.ref, number)
    if base is None:
        return unresolved()
    offset = -1 if ("ago" in mods or "earlier" in mods or det.startswith("last")) else 0
    offset = 1 if det.startswith("next") else offset
    return Reading(cal.ymd(int(base[0]) + offset), True)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def resolve_rel_day(m: re.Match[str], ctx: Context) -> Reading:
    """"yesterday", "late yesterday", "the day before yesterday", "this morning"."""
    if ctx.ref is None:
        return unresolved()
    word = group_text(m, "w") or ""
    offset = _DAY_WORDS.get(word, 0)
    around = group_text(m, "around")
    if around:
        offset += -1 if around.endswith("before") else 1
    if offset == 0:
        return Reading(cal.ymd(ctx.ref.year, ctx.ref.month, ctx.ref.day), True)
    return Reading(cal.shift_days(ctx.ref, offset), True)


def resolve_weekday(m: re.Match[str], ctx: Context) -> Reading:
    """"on Sunday" → the latest Sunday on or before the reference; "next Sunday" → the first after."""
    iso = lex.weekdays().get(m.group("wd").lower().rstrip("."))
    direction = group_text(m, "dir")
    base = ctx.anchor if direction in _ANAPHORIC and ctx.anchor and ctx.anchor.day else ctx.ref
    if iso is None or base is None:
        return unresolved()
    if direction is None:
        future = not possessive(m) and ctx.tense(m.start()) == "future"
        how = "on_or_after" if future else "on_or_before"
    elif direction == "this":
        how = "same_week"
    elif direction == "the same":
        how = "on_or_before"
    else:
        how = "before" if direction in _BACK else "after"
    value = cal.weekday(base, iso, how)
    around = group_text(m, "around")
    if around and value:
        day = cal.parse_ref(value[0])
        value = cal.shift_days(day, -1 if around.endswith("before") else 1) if day else None
    return Reading(value, True)


def _unit_shift(ref: Ref, unit: str, n: int) -> Value | None:
    if unit == "week":
        return cal.week(ref, n)
    if unit == "weekend":
        return cal.weekend(ref, n)
    if unit in ("year", "month"):
        return cal.shift(ref, unit, n)
    return None


def resolve_unit_rel(m: re.Match[str], ctx: Context) -> Reading:
    """"last year", "this month", "earlier this week", "the following year", "by the end of the year"."""
    if m.group("ye") or m.group("fy"):
        return Reading(cal.ymd(ctx.ref.year) if ctx.ref else None, True)
    if m.group("wkend"):
        return Reading(_weekend(ctx.ref, None, ctx.tense(m.start())) if ctx.ref else None, True)
    if m.group("ya"):
        base = _anaphoric_base(ctx)
        return Reading(cal.shift_years(base, -1) if base else None, True, anchors=False)
    unit = (group_text(m, "u") or group_text(m, "u2") or "").split()[-1]
    direction = group_text(m, "dir")
    if direction in _ANAPHORIC:
        base = ctx.anchor or ctx.ref
        n = {"the following": 1, "the next": 1, "the previous": -1}.get(direction, 0)  # type: ignore[arg-type]
    else:
        base = ctx.ref
        n = _steps(direction)
    if base is None:
        return unresolved()
    if unit == "weekend":
        return Reading(_weekend(base, direction, ctx.tense(m.start())), True)
    return Reading(_unit_shift(base, unit, n), True)


def _weekend(ref: Ref, direction: str | None, tense: str | None) -> Value | None:
    """"the weekend": the latest one (or the coming one in a future clause); "next weekend" after it."""
    d = ref.as_date()
    on_weekend = d is not None and d.isoweekday() >= 6
    if direction in _BACK:
        return cal.weekend(ref, -1 if on_weekend else 0)
    if direction in _AHEAD:
        return cal.weekend(ref, 1)
    if direction == "this" or tense == "future":
        return cal.weekend(ref, 0 if on_weekend else 1)
    return cal.weekend(ref, 0)


def resolve_ago(m: re.Match[str], ctx: Context) -> Reading:
    """"two days ago", "a year earlier", "seven years later" (the last two from the last mention)."""
    n = count_of(m.group("n"))
    unit = lex.units().get(m.group("u").lower())
    direction = group_text(m, "dir") or ""
    if n is None or unit is None:
        return unresolved()
    if direction in ("ago", "from now", "hence"):
        base, sign = ctx.ref, (-1 if direction == "ago" else 1)
    elif direction in ("later", "after"):  # "seven years later" needs an earlier date to count from
        base, sign = ctx.anchor, 1
    else:  # "up from $5m a year earlier": without an earlier date, earlier than the story's time
        base, sign = ctx.anchor or ctx.ref, -1
    if base is None:
        return unresolved()
    return Reading(cal.shift(base, unit, sign * n), True, anchors=direction in ("ago", "from now", "hence"))


def resolve_that_day(m: re.Match[str], ctx: Context) -> Reading:
    """"the next day", "that morning", "the same day": a day counted from the last day mentioned."""
    base = ctx.anchor if ctx.anchor and ctx.anchor.day else (ctx.ref if ctx.anchor is None else None)
    if base is None:
        return unresolved()
    direction = group_text(m, "dir") or group_text(m, "same") or ""
    n = 1 if direction in ("the next", "the following", "the very next") else -1 if direction == "the previous" else 0
    return Reading(cal.shift_days(base, n), True)


def resolve_bare(m: re.Match[str], ctx: Context) -> Reading:
    """Inside a known date span: "the year", "the day", "then" — the one the story is at; "the full
    year", "the fiscal year" — the reference's own (a company reporting on its current year)."""
    whole = (group_text(m, "mod") or "") in ("full", "whole", "entire", "fiscal", "calendar")
    base = ctx.ref if whole else _anaphoric_base(ctx)
    if base is None:
        return unresolved()
    if m.group("then"):
        return Reading(cal.ymd(base.year, base.month, base.day), True)
    unit = m.group("u").lower()
    if unit == "week":
        return Reading(cal.week(base, 0), True)
    value = cal.ymd(base.year, base.month, base.day)
    return Reading(cal.coarsen(value, unit) if unit != "day" or base.day else None, True)


def resolve_day_only(m: re.Match[str], ctx: Context) -> Reading:
    """Inside a known date span: a bare day number ("April 24 and [25]") takes the last month mentioned."""
    base = ctx.anchor
    day = int(re.match(r"\d+", m.group("d")).group())  # type: ignore[union-attr]
    if base is None or base.month is None:
        return unresolved()
    return Reading(cal.ymd(base.year, base.month, day), True)


def _anaphoric_base(ctx: Context) -> Ref | None:
    return ctx.anchor or ctx.ref
