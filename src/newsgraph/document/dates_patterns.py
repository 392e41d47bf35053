"""Regular expressions for date expressions in English news, built lazily from the word lists.

One pattern per kind of expression (month-day, day-month, month-year, bare year, weekday,
deictic word, "N units ago", quarter, season …). Each pattern is anchored on word boundaries
and carries named groups that the resolvers in ``dates_rules`` read. The patterns are built on
first use (they need the data files) and cached for the life of the process.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsgraph.document import dates_lexicon as lex

FLAGS = re.IGNORECASE

# Range joiners between two days or years: "October 29–30", "29 to 30 October", "2014-15".
RANGE = r"\s*(?:-|–|—|/|to|through|and|or|&)\s*"
# Modifiers that narrow an expression without changing its value or precision:
# "early 2015", "late October", "the end of 2021", "mid-1996", "earlier this month".
PRE = (r"(?P<pre>(?:the\s+)?(?:very\s+)?"
       r"(?:(?:early|late|mid|earlier|later)(?:\s+(?:in|on))?"
       r"|(?:beginning|start|end|middle|turn|close|rest|remainder|(?:first|second|latter|early|later)"
       r"\s+(?:half|part))\s+of)(?:\s+|-))?")
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)"
YEAR4 = r"(?:1\d{3}|20\d\d)(?!\d)"


@lru_cache(maxsize=None)
def _words(low: int, high: int) -> str:
    """Number words from ``low`` to ``high`` (at most 99) as a compact regex: "twenty[- ]one" etc."""
    card = {w: v for w, v in lex.cardinals().items() if w.isalpha()}
    units = [w for w, v in card.items() if 1 <= v <= 9]
    tens = [w for w, v in card.items() if v >= 20 and v % 10 == 0 and v + 1 <= high and v + 9 >= low]
    simple = [w for w, v in card.items() if low <= v <= high]
    parts = [rf"{lex.alternation(tens)}[-\s]+{lex.alternation(units)}"] if tens else []
    return "(?:" + "|".join(parts + [lex.alternation(simple)]) + ")"


@lru_cache(maxsize=1)
def spelled_year() -> str:
    """Years written out, as in broadcast transcripts: "nineteen ninety-six", "two thousand and three"."""
    tt, unit = _words(10, 99), _words(1, 9)
    century = _words(17, 19)
    return (rf"(?:{century}[-\s]+(?:hundred(?:[-\s]+(?:and[-\s]+)?(?:{tt}|{unit}))?|oh[-\s]+{unit}|{tt})"
            rf"|two[-\s]+thousand(?:[-\s]+(?:and[-\s]+)?(?:{tt}|{unit}))?|twenty[-\s]+{tt})")


@lru_cache(maxsize=1)
def month() -> str:
    names = lex.full_names("months.txt")
    return lex.alternation(lex.months(), dotted=frozenset(lex.months()) - names)


@lru_cache(maxsize=2)
def weekday(full_only: bool = True) -> str:
    names = lex.full_names("weekdays.txt")
    forms = names if full_only else frozenset(lex.weekdays())
    return lex.alternation(forms, dotted=frozenset(lex.weekdays()) - names)


@lru_cache(maxsize=1)
def day() -> str:
    return rf"(?:{DAYNUM}|{lex.alternation(lex.ordinals())})"


@lru_cache(maxsize=1)
def year() -> str:
    return rf"(?:{YEAR4}|['’]\d\d(?!\d)|{spelled_year()})"


@lru_cache(maxsize=1)
def part_of_day() -> str:
    return lex.alternation(lex.word_set("parts_of_day.txt"))


@lru_cache(maxsize=1)
def number() -> str:
    """A small count: digits, a number word, "a"/"an", or a vague quantity ("several")."""
    return (rf"(?:\d{{1,3}}|{_words(1, 99)}|an?|a\s+couple\s+of|a\s+few|couple\s+of"
            r"|several|a\s+number\s+of|few|some|many)")


def _wd_prefix() -> str:
    return rf"(?:(?P<wd>{weekday()})(?:\s*,\s*|\s+)(?:the\s+)?)?"


def _wd_suffix() -> str:
    return rf"(?:\s*\(\s*(?P<wd2>{weekday(False)})\s*\))?"


def _compile(body: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", FLAGS)


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """All patterns by rule name (``dates_detect.rule_table`` fixes the tie-break order)."""
    return {**_calendar_patterns(), **_relative_patterns()}


def _calendar_patterns() -> dict[str, re.Pattern[str]]:
    """Expressions that name a calendar date, month, year, quarter, season or decade."""
    m, d, y = month(), day(), year()
    return {
        "iso": _compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!-?\d)"),
        "numeric": _compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d\d)(?![/.]?\d)"),
        "month_day": _compile(
            PRE + r"(?:(?P<night>the\s+(?:night|morning|evening)\s+of)\s+)?" + _wd_prefix()
            + rf"(?P<m>{m})\s*(?P<d>{d})(?:(?P<rng>{RANGE})(?:(?P<m2>{m})\s*)?(?P<d2>{d}))?"
            + rf"(?:\s*,?\s*(?P<y>{y}))?" + _wd_suffix()),
        "day_month": _compile(
            PRE + _wd_prefix() + rf"(?P<the>the\s+)?(?P<d>{d})(?:(?P<rng>{RANGE})(?P<d2>{d}))?"
            + rf"\s+(?P<of>of\s+)?(?P<m>{m})(?:\s*,?\s*(?P<y>{y}))?" + _wd_suffix()),
        "month_year": _compile(PRE + rf"(?P<m>{m})\s*(?:,|\s+of|\s+in)?\s*(?P<y>{y})"),
        "month_rel": _compile(
            PRE + r"(?:(?P<dir>this\s+past|this\s+coming|last|this|next|past|coming)\s+)?"
            + rf"(?P<m>{m})(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?"),
        "year": _compile(
            PRE + r"(?P<lead>(?:the\s+)?(?:fiscal|calendar|financial|the\s+year|fy|(?:pre|post)-)\s*)?"
            + rf"(?P<y>{YEAR4}|{spelled_year()})(?:(?P<rng>\s*[-–—/]\s*)(?P<y2>{YEAR4}|\d\d(?!\d)))?"),
        "decade": _compile(
            PRE + r"(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?"
            r"(?P<dec>\d{3}0['’]?s|['’]\d0s|(?:twen|thir|for|fif|six|seven|eigh|nine)ties)"),
        "century": _compile(r"(?:the\s+|this\s+|last\s+|next\s+)(?:(?:\d{1,2}(?:st|nd|rd|th)|"
                            + lex.alternation(lex.ordinals()) + r")[-\s]+)?century"),
        "season": _compile(
            PRE + r"(?:(?P<dir>this\s+past|this\s+coming|last|this|next|past|coming|the)\s+)?"
            r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>" + y + "))?"),
        "quarter": _compile(
            PRE + r"(?:(?P<det>the|its|this|that|last|next|(?:this|last|next)\s+year['’]s)\s+)?"
            r"(?P<mods>(?:(?:fiscal|calendar|latest|current|previous|same|comparable|corresponding"
            r"|year[-\s]ago|year[-\s]earlier|flat|\d{4})[-\s]+)*)"
            r"(?:(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]+)?(?P<unit>quarter|half)"
            r"(?:\s+(?:of\s+)?(?P<y>" + YEAR4 + r"))?"
            r"|(?P<qq>q[1-4])(?:\s+(?P<y3>" + YEAR4 + "))?"),
        "holiday": _compile(
            r"(?:(?P<dir>last|this|next)\s+)?(?P<h>" + lex.alternation(lex.holidays()) + r")"
            r"(?:\s*,?\s*(?P<y>" + YEAR4 + "))?"),
    }


def _relative_patterns() -> dict[str, re.Pattern[str]]:
    """Expressions counted from the reference or an earlier mention, vague ones, loose-only ones."""
    pod = part_of_day()
    return {
        "rel_day": _compile(
            PRE + r"(?:(?P<around>the\s+day\s+(?:before|after))\s+)?"
            r"(?P<w>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)"
            rf"(?:(?=(?P<poss>['’]s(?!\w))))?(?:\s+(?:{pod}))?"),
        "weekday": _compile(
            PRE + r"(?:(?P<around>(?:the\s+)?day\s+(?:before|after))\s+)?"
            r"(?:(?P<dir>this\s+past|this\s+coming|last|next|this|coming|past|previous|the\s+previous"
            r"|the\s+following|the\s+next|the\s+same)\s+)?"
            rf"(?P<wd>{weekday()})(?:(?=(?P<poss>['’]s(?!\w))))?(?:\s+(?:{pod}))?"),
        "unit_rel": _compile(
            PRE + r"(?P<dir>this\s+past|this|last|next|the\s+current|the\s+previous|the\s+following"
            r"|the\s+same|that|the\s+latest)\s+"
            r"(?P<u>(?:fiscal\s+|calendar\s+|financial\s+)?year|month|week|weekend|decade)"
            r"|(?P<bound>(?:the\s+)?(?:(?:end|beginning|start|middle|rest|remainder|turn|close)\s+of|"
            r"(?:earlier|later)\s+in)\s+the)\s+(?P<u2>year|month|week)"
            r"|(?P<wkend>the\s+weekend)|(?P<ya>year[-\s](?:ago|earlier))"
            r"|(?P<ye>year[-\s]end|year['’]s\s+end|end[-\s]year)"
            r"|(?P<fy>the\s+fiscal\s+year)"),
        "ago": _compile(
            r"(?:(?:about|around|some|nearly|almost|more\s+than|less\s+than|over|just|only|roughly"
            r"|approximately|barely|exactly|precisely)\s+)?"
            rf"(?P<n>{number()})[-\s]+(?P<u>{lex.alternation(lex.units())})"
            r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|before|after|previously)"),
        "that_day": _compile(
            PRE + r"(?:(?P<dir>the\s+next|the\s+following|the\s+previous|the\s+same|that|the\s+very\s+next)"
            r"|(?P<same>that\s+same|the\s+same))\s+(?P<u>day|morning|afternoon|evening|night)"),
        "vague": _compile(lex.alternation(lex.word_set("vague.txt"))),
        # Only for spans already known to be dates (oracle mode, ``normalise``): too ambiguous to find.
        "bare": _compile(r"(?:the\s+)?(?:(?P<mod>full|fiscal|calendar|same|whole|entire)\s+)?"
                         r"(?P<u>day|year|month|week)(?:['’]s)?|(?P<then>then)"),
        "day_only": _compile(rf"(?:the\s+)?(?P<d>{DAYNUM})"),
    }


# Rules tried only on spans known to be dates; never when finding dates in running text.
LOOSE_ONLY = frozenset({"bare", "day_only"})


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    """Word (lower case) → the rules that can match around it; numbers trigger ``DIGIT_RULES``.

    Finding dates runs each pattern only in a window around its trigger words, which is several
    times faster than running every pattern over the whole text.
    """
    table: dict[str, set[str]] = {}

    def add(words: Iterable[str], *rules: str) -> None:
        for w in words:
            for part in re.findall(r"[a-z]+", w.lower()):
                table.setdefault(part, set()).update(rules)

    add(lex.months(), "month_day", "day_month", "month_year", "month_rel")
    add(lex.weekdays(), "weekday", "month_day", "day_month")
    add(lex.units(), "ago", "unit_rel", "that_day", "vague")
    add(["quarter", "half", "q"], "quarter")
    add(["weekend", "end", "fiscal", "year"], "unit_rel")
    add(["century"], "century")
    add(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"], "decade")
    add(lex.seasons(), "season")
    add(["today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"], "rel_day")
    add(lex.word_set("parts_of_day.txt"), "that_day")
    add([h.split()[0] for h in lex.holidays()], "holiday")
    add([v.split()[-1] for v in lex.word_set("vague.txt")], "vague")
    add(["seventeen", "eighteen", "nineteen", "thousand", "twenty"], "year", "month_year")
    return {k: frozenset(v) for k, v in table.items()}


# Rules a number can trigger, by its number of digits (days and counts; counts; years).
DIGIT_RULES: dict[int, frozenset[str]] = {
    1: frozenset({"day_month", "numeric", "ago", "century"}),
    2: frozenset({"day_month", "numeric", "ago", "century", "decade"}),
    3: frozenset({"ago"}),
    4: frozenset({"iso", "year", "decade"}),
}
