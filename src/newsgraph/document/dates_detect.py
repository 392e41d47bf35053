"""Finding date expressions in running text: candidate matches, plausibility checks, overlaps.

Each pattern of ``dates_patterns`` runs in windows around its trigger words; each match must pass its rule's
plausibility check (capitalised month names, "May" only after a cue such as "in" or "last",
four-digit numbers that are not head counts or clock times …); overlapping candidates are
settled longest first. When the span is already known to be a date (oracle mode, ``normalise``),
the checks are skipped and the longest candidate inside the span is taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.document import dates_lexicon as lex
from newsgraph.document import dates_relative as rel
from newsgraph.document import dates_rules as rules
from newsgraph.document.dates_patterns import DIGIT_RULES, LOOSE_ONLY, patterns, triggers
from newsgraph.document.dates_rules import Acceptor, Resolver

AMBIGUOUS_MONTHS = frozenset({5, 3, 8})  # may, march, august are also common English words
# Words after which a bare "May", "March" or "August" is a month ("in May", "until March").
MONTH_CUES = frozenset(
    "in since until till by from to through throughout during before after of last this next early late mid "
    "between and or end beginning start middle on around about".split())
_PREV_WORD = re.compile(r"([\w.$€£#%']+)[\s,(]*$")
_NEXT_WORD = re.compile(r"^[\s-]*([\w.%']+)")
_QUANTITY_CUES = frozenset(
    "about some nearly around approximately over than least kill killing killed wounding wounded injuring "
    "injured".split())


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos:pos + 30])
    return m.group(1).lower().rstrip(".") if m else ""


def _capitalised(m: re.Match[str], group: str = "m") -> bool:
    g = m.group(group)
    return bool(g) and g[0].isupper()


def accept_always(m: re.Match[str], text: str) -> bool:
    return True


def accept_deictic(m: re.Match[str], text: str) -> bool:
    """"today", "this week" — but not a programme title such as "VOA Today" or ABC's "This Week"."""
    if not m.group(0)[0].isupper():
        return True
    before = re.search(r"([\w'’.-]+)[\s\"“'‘]*$", text[max(0, m.start() - 30):m.start()])
    return not (before and before.group(1)[0].isupper() and before.group(1)[-1] != ".")


def accept_unit_rel(m: re.Match[str], text: str) -> bool:
    """"last year" — but "the last year" is "the final year" or a duration ("in the last year")."""
    direction = (m.group("dir") or "").lower()
    owner = _prev_word(text, m.start()) in ("the", "its", "his", "her", "their")
    if direction.startswith("last") and not m.group("pre") and owner:
        return False
    return accept_deictic(m, text)


def accept_month_day(m: re.Match[str], text: str) -> bool:
    if not _capitalised(m):
        return False
    return _next_word(text, m.end()) not in ("%", "percent", "per")


def accept_day_month(m: re.Match[str], text: str) -> bool:
    """"8 January 2023", "the 8th of January"; an ordinal word needs "the … of" ("a second March")."""
    if not _capitalised(m):
        return False
    d = m.group("d")
    if not d[0].isdigit() and not (m.group("the") and m.group("of")):
        return False
    if m.group("y") is None and m.group("the") is None and _prev_word(text, m.start()) in _QUANTITY_CUES:
        return False
    return True


def accept_month_year(m: re.Match[str], text: str) -> bool:
    return _capitalised(m) and (m.group("m")[-1] == "." or m.group("m").lower() in lex.full_names("months.txt")
                                or m.group("y")[0].isdigit())


def accept_month_rel(m: re.Match[str], text: str) -> bool:
    """A bare month must be a capitalised full name; "May", "March", "August" also need a cue before."""
    word = m.group("m")
    if not word[0].isupper() or word.lower() not in lex.full_names("months.txt"):
        return False
    if m.group("dir") or m.group("pre") or m.group("yrel"):
        return True
    cued = _prev_word(text, m.start()) in MONTH_CUES
    if rules.month_number(word) in AMBIGUOUS_MONTHS:  # "in May", not "May Ahmed" or "it may"
        return cued and not _name_follows(text, m.end())
    return cued or not _name_follows(text, m.end())  # "June Carter" is a name


def _name_follows(text: str, pos: int) -> bool:
    """A capitalised word right after (not a month or weekday): "May Ahmed", "Sunday Times"."""
    nxt = re.match(r" ([A-Z][a-z]+)", text[pos:pos + 20])
    if not nxt:
        return False
    word = nxt.group(1).lower()
    return word not in lex.months() and word not in lex.weekdays() and word not in lex.word_set("parts_of_day.txt")


_WEEKDAY_CUES = frozenset("on last this next since until till by from early late earlier later before after "
                          "and or since through between".split())


def accept_weekday(m: re.Match[str], text: str) -> bool:
    """"Sunday Times", "Good Friday Agreement": a weekday inside a name has no cue before it."""
    if m.group("dir") or m.group("pre") or m.group("around") or not _name_follows(text, m.end()):
        return True
    before = text[max(0, m.start() - 3):m.start()]
    return _prev_word(text, m.start()) in _WEEKDAY_CUES or "," in before


def accept_year(m: re.Match[str], text: str) -> bool:
    """A four-digit year, not a head count ("2000 troops"), a clock time ("1930 GMT") or a code."""
    if m.group("lead"):
        return True
    y = m.group("y")
    if not y[0].isdigit():  # "nineteen ninety-six" is a year; "two thousand" may be a head count
        return y[:2].lower() in ("se", "ei", "ni") or _prev_word(text, m.start()) in (
            "in", "since", "until", "by", "of", "from", "year")
    if not 1800 <= int(y) <= 2099 and not m.group("pre"):
        return False
    before = text[max(0, m.start() - 2):m.start()].strip()
    if before[-1:] in ("$", "€", "£", "#", "№", "+", "-", "/", ":"):
        return False
    after = text[m.end():m.end() + 2]
    if after[:1] in ("%", "/", ":") or re.match(r"[.,]\d", after):
        return False
    if _prev_word(text, m.start()) in lex.word_set("not_before_year.txt"):
        return False
    return _next_word(text, m.end()) not in lex.word_set("not_after_year.txt")


def accept_decade(m: re.Match[str], text: str) -> bool:
    dec = m.group("dec")
    return dec[0].isdigit() or dec[0] in "'’" or m.group(0).lower().startswith("the")


def accept_season(m: re.Match[str], text: str) -> bool:
    """"last summer", "the fall of 2014", "summer 2014" — but not "the fall of Kabul" or "prices fall"."""
    if m.group("y"):
        return True
    if not (m.group("dir") or m.group("pre")):
        return False
    if (m.group("dir") or "").lower() == "the" and _next_word(text, m.end()) == "of":
        return False
    return True


def accept_quarter(m: re.Match[str], text: str) -> bool:
    """A named quarter ("the third quarter", "Q3 2021"), never "a quarter of" or "the Armenian quarter"."""
    if m.group("qq"):
        return m.group("qq")[0] == "Q"
    if (m.group("unit") or "").lower() == "half":
        return bool(m.group("y") and m.group("q"))
    det = (m.group("det") or "").lower()
    return bool(m.group("q") or m.group("y") or (m.group("mods") or "").strip() or det[:4] in ("this", "last", "next"))


def accept_ago(m: re.Match[str], text: str) -> bool:
    """"two days before" only when it ends the phrase; "two days before the vote" is anchored elsewhere."""
    direction = m.group("dir").lower()
    if direction in ("before", "after"):
        return not re.match(r"\s*[A-Za-z0-9]", text[m.end():m.end() + 3])
    return True


def accept_holiday(m: re.Match[str], text: str) -> bool:
    return m.group("h")[0].isupper()


def accept_numeric(m: re.Match[str], text: str) -> bool:
    return text[max(0, m.start() - 1):m.start()] not in ("/", ".", "-") and text[m.end():m.end() + 1] not in ("/", "-")


@dataclass(frozen=True)
class Rule:
    name: str
    resolve: Resolver
    accept: Acceptor


@lru_cache(maxsize=1)
def rule_table() -> tuple[Rule, ...]:
    """Rules in tie-break order (the first wins when two candidates cover the same characters)."""
    spec: list[tuple[str, Resolver, Acceptor]] = [
        ("iso", rules.resolve_iso, accept_always),
        ("numeric", rules.resolve_numeric, accept_numeric),
        ("month_day", rules.resolve_month_day, accept_month_day),
        ("day_month", rules.resolve_month_day, accept_day_month),
        ("month_year", rules.resolve_month_year, accept_month_year),
        ("holiday", rules.resolve_holiday, accept_holiday),
        ("quarter", rel.resolve_quarter, accept_quarter),
        ("season", rel.resolve_season, accept_season),
        ("decade", rules.resolve_period, accept_decade),
        ("century", rules.resolve_period, accept_always),
        ("year", rules.resolve_year, accept_year),
        ("rel_day", rel.resolve_rel_day, accept_deictic),
        ("weekday", rel.resolve_weekday, accept_weekday),
        ("month_rel", rel.resolve_month_rel, accept_month_rel),
        ("unit_rel", rel.resolve_unit_rel, accept_unit_rel),
        ("ago", rel.resolve_ago, accept_ago),
        ("that_day", rel.resolve_that_day, accept_always),
        ("vague", rules.resolve_none, accept_always),
        ("bare", rel.resolve_bare, accept_always),
        ("day_only", rel.resolve_day_only, accept_always),
    ]
    return tuple(Rule(name, resolve, accept) for name, resolve, accept in spec)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rank: int
    rule: Rule
    match: re.Match[str]


def candidates(text: str, start: int = 0, end: int | None = None, strict: bool = True) -> list[Candidate]:
    """Every rule's matches within text[start:end].

    ``strict`` (finding dates in running text): each pattern runs only in windows around its
    trigger words, loose-only rules are skipped and every match must pass its plausibility check.
    Otherwise (a span known to be a date) every pattern runs over the whole span, unchecked.
    """
    end = len(text) if end is None else end
    found: list[Candidate] = []
    pats = patterns()
    windows = _windows(text, start, end) if strict else None
    for rank, rule in enumerate(rule_table()):
        if strict and rule.name in LOOSE_ONLY:
            continue
        spans = windows.get(rule.name, ()) if windows is not None else ((start, end),)
        for lo, hi in spans:
            for m in pats[rule.name].finditer(text, lo, hi):
                if m.end() > m.start() and (not strict or rule.accept(m, text)):
                    found.append(Candidate(m.start(), m.end(), rank, rule, m))
    return found


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_LEFT, _RIGHT = 40, 40  # window margins: longer than any modifier before or tail after a trigger


def _windows(text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged windows [trigger - 40, trigger + 40] around its trigger words."""
    table = triggers()
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        names = DIGIT_RULES.get(len(word)) if word[0].isdigit() else table.get(word.lower())
        if not names:
            continue
        lo, hi = max(start, m.start() - _LEFT), min(end, m.end() + _RIGHT)
        for name in names:
            group = spans.setdefault(name, [])
            if group and lo <= group[-1][1]:
                group[-1] = (group[-1][0], hi)
            else:
                group.append((lo, hi))
    return spans


def select(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: rule order, then leftmost), in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)

