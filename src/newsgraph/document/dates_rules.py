"""Resolvers: from a pattern match (see ``dates_patterns``) to a calendar value.

Each rule has an ``accept`` check, used only when *finding* dates in running text (is this "May"
a month or a verb? is this "2000" a year or a head count?), and a ``resolve`` step that turns
the match into ``(value, precision)`` given the publication date, the clause's tense and the
last date mentioned before it. Given a span already known to be a date (``normalise``, oracle
mode) the accept checks are skipped.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.document import dates_calendar as cal
from newsgraph.document import dates_lexicon as lex
from newsgraph.document.dates_calendar import Ref, Value

_WORD = re.compile(r"[\w'’.%$€£#]+")
_FUTURE = frozenset(
    "will 'll shall would scheduled schedule planned plans plan planning expected expects expect due "
    "upcoming until till reconvene reconvenes resume resumes starting effective payable deadline "
    "intends intend intended aims aim hopes hope soon".split())
_PAST = frozenset("said says say told tells announced reported added stated according was were had did "
                  "last since ended ago".split())
_PASSIVE = frozenset("be been being is are am".split())
_FUTURE_PAIRS = frozenset({"is to", "are to", "going to", "set to", "to be", "as soon as", "as early as"})
# Words in -ed that are not past forms (or are adjectives that say nothing about tense).
_NOT_PAST = frozenset("succeed proceed exceed indeed hundred united limited based armed alleged unidentified "
                      "unnamed supposed so-called".split())
TENSE_WORDS = 10  # how many words before an expression the tense cue may be


@dataclass(frozen=True)
class Context:
    """What a resolver may look at besides the match: publication date, last mention, the text."""

    ref: Ref | None
    anchor: Ref | None
    text: str

    def tense(self, pos: int) -> str | None:
        """"future" when the clause before ``pos`` announces a plan ("will meet on Monday"), "past"
        when its nearest verb is a past form ("was rescued Nov. 25", "said Monday"), else None.

        Scans back word by word to the start of the clause; the first cue met decides, so that in
        "said it will close Nov. 6" the "will" wins over the "said".
        """
        window = self.text[max(0, pos - 80):pos]
        cut = max(window.rfind(c) for c in ".;!?\n\"“”")
        if cut >= 0 and not _abbreviation_dot(window, cut):
            window = window[cut + 1:]
        words = [w.lower().strip(".") for w in _WORD.findall(window)][-TENSE_WORDS:]
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if w == "by" and (i == len(words) - 1 or words[i + 1] == "the"):
                return "future"  # a deadline: "by Jan. 14", "by the end of the month"
            if w in _FUTURE or " ".join(words[i:i + 2]) in _FUTURE_PAIRS or " ".join(words[i:i + 3]) in _FUTURE_PAIRS:
                return "future"
            if w in _PAST or _past_form(w):
                if i > 0 and words[i - 1] in _PASSIVE and w not in _PAST:
                    continue  # "will be held", "is paid": a participle, not a past tense
                return "past"
        return None


def _past_form(word: str) -> bool:
    return word in lex.word_set("past_verbs.txt") or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)


def _abbreviation_dot(window: str, cut: int) -> bool:
    """A full stop after "Jan" or "U.S" does not end the clause."""
    return window[cut] == "." and bool(re.search(r"(?:\b[A-Z][a-z]{1,4}|\b[A-Z])$", window[:cut]))


@dataclass(frozen=True)
class Reading:
    """A resolved expression: its value (None when unresolvable) and whether it needed a reference.

    ``anchors`` is False for comparisons counted from an earlier mention ("a year earlier"): a
    second "a year earlier" in the same story compares with the same period, not with the first.
    """

    value: Value | None
    relative: bool
    anchors: bool = True


Resolver = Callable[[re.Match[str], Context], Reading]
Acceptor = Callable[[re.Match[str], str], bool]


def group_text(m: re.Match[str], group: str) -> str | None:
    g = m.group(group) if group in m.re.groupindex else None
    return re.sub(r"\s+", " ", g.strip().lower()) if g else None


def month_number(word: str) -> int | None:
    return lex.months().get(word.lower().rstrip(".").strip())


def _day(word: str) -> int | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w[:1].isdigit():
        return int(re.match(r"\d+", w).group())  # type: ignore[union-attr]
    return lex.ordinals().get(w)


def count_of(word: str | None) -> int | None:
    """The number in "two days ago"; None for vague quantities ("several", "a few")."""
    if word is None:
        return None
    w = re.sub(r"[\s-]+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    return lex.cardinals().get(w) or lex.cardinals().get(w.replace(" ", "-"))


def parse_year(word: str, ref: Ref | None) -> int | None:
    """A year in digits, as "'98", or spelled out ("nineteen ninety-six", "two thousand and three")."""
    w = word.lower().strip()
    if w.isdigit():
        return int(w) if len(w) == 4 else None
    if w[:1] in "'’" and w[1:].isdigit():
        yy = int(w[1:])
        pivot = ref.year + 10 if ref else 2050
        return 2000 + yy if 2000 + yy <= pivot else 1900 + yy
    parts = [p for p in re.split(r"[-\s]+", w) if p != "and"]
    card = lex.cardinals()
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        return 2000 + (_spelled_small(rest) if rest else 0)
    head = card.get(parts[0])
    if head is None or len(parts) < 2:
        return None
    rest = parts[1:]
    if rest[0] == "hundred":
        return head * 100 + (_spelled_small(rest[1:]) if rest[1:] else 0)
    if rest[0] == "oh":
        return head * 100 + _spelled_small(rest[1:])
    return head * 100 + _spelled_small(rest)


def _spelled_small(parts: list[str]) -> int:
    card = lex.cardinals()
    return sum(card.get(p, 0) for p in parts)


def year_in(m: re.Match[str], group: str, ref: Ref | None) -> int | None:
    g = m.group(group) if group in m.re.groupindex else None
    return parse_year(g, ref) if g else None


def unresolved(relative: bool = True) -> Reading:
    return Reading(None, relative)


# --- absolute dates -------------------------------------------------------------------------

def resolve_month_day(m: re.Match[str], ctx: Context) -> Reading:
    """"Jan. 1, 2017", "October 29–30", "Friday, Oct. 16"; without a year, the nearest one."""
    month = month_number(m.group("m"))
    day = _day(m.group("d"))
    year = year_in(m, "y", ctx.ref)
    if month is None or day is None:
        return unresolved(False)
    if year is not None:
        return Reading(cal.ymd(year, month, day), False)
    if ctx.ref is None:
        return unresolved()
    wd = m.group("wd") or m.group("wd2")
    iso = lex.weekdays().get(wd.lower().rstrip(".")) if wd else None
    return Reading(cal.month_day(ctx.ref, month, day, ctx.tense(m.start()), iso), True)


def possessive(m: re.Match[str]) -> bool:
    """"Wednesday's ruling" names an event already known, so it is not read as a plan."""
    return "poss" in m.re.groupindex and m.group("poss") is not None


def resolve_month_year(m: re.Match[str], ctx: Context) -> Reading:
    month, year = month_number(m.group("m")), year_in(m, "y", ctx.ref)
    if month is None or year is None:
        return unresolved(False)
    return Reading(cal.ymd(year, month), False)


def resolve_iso(m: re.Match[str], ctx: Context) -> Reading:
    return Reading(cal.ymd(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False)


def resolve_numeric(m: re.Match[str], ctx: Context) -> Reading:
    """"25/12/2022" or "12/25/2022"; when both readings are valid the date is ambiguous → None."""
    a, b = int(m.group("a")), int(m.group("b"))
    y = m.group("y")
    year = int(y) if len(y) == 4 else parse_year("'" + y, ctx.ref)
    if year is None:
        return unresolved(False)
    if a > 12 >= b:
        return Reading(cal.ymd(year, b, a), False)
    if b > 12 >= a:
        return Reading(cal.ymd(year, a, b), False)
    if a == b:
        return Reading(cal.ymd(year, a, b), False)
    return unresolved(False)


def resolve_year(m: re.Match[str], ctx: Context) -> Reading:
    year = year_in(m, "y", ctx.ref)
    return Reading(cal.ymd(year) if year else None, False)


def resolve_none(m: re.Match[str], ctx: Context) -> Reading:
    """Vague references ("now", "recently"): dates, but with no calendar value."""
    return unresolved(True)


def resolve_period(m: re.Match[str], ctx: Context) -> Reading:
    """Decades and centuries ("the 1990s"): no value of year precision or finer exists."""
    return unresolved(m.group(0).lower().split()[0] in ("this", "last", "next"))


def resolve_holiday(m: re.Match[str], ctx: Context) -> Reading:
    """"Christmas Day 2021"; "Thanksgiving" alone is the latest one not after the reference."""
    rule = lex.holidays().get(re.sub(r"\s+", " ", m.group("h").lower()))
    year = year_in(m, "y", ctx.ref)
    if rule is None:
        return unresolved(False)
    if year is not None:
        return Reading(cal.holiday(Ref(year), rule, year, "not_after"), False)
    if ctx.ref is None:
        return unresolved()
    direction = {"last": "before", "next": "after"}.get(group_text(m, "dir") or "", "not_after")
    if direction == "after":
        here = cal.holiday(ctx.ref, rule, ctx.ref.year, "not_after")
        if here is not None and here[0] <= cal.ref_value(ctx.ref):
            here = cal.holiday(ctx.ref, rule, ctx.ref.year + 1, "not_after")
        return Reading(here, True)
    return Reading(cal.holiday(ctx.ref, rule, None, direction), True)
