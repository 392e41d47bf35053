"""Counts as news reports state them: digits and words, qualifiers and ranges, as ``Range``.

The export contract keeps a count as the source states it: "more than 150" is Range(150, None),
"at least 3" Range(3, None), "4,000 to 10,000" Range(4000, 10000), "12" Range(12, 12). The
same convention reads the other forms:

  "up to 12", "as many as 12", "fewer than 12"   → Range(None, 12)   (an upper bound only)
  "about 300", "nearly 300", "some 300"          → Range(300, 300)   (the figure the source gives;
                                                                      hedges are not bounds)
  "20 or more", "50-plus"                        → Range(20, None)
  "between four and six", "10-15", "four or five" → Range(4, 6) …
  "dozens", "hundreds", "thousands"              → Range(12, None), Range(100, None), Range(1000, None):
      a vague plural is read as "more than one X", the same lower bound "more than a thousand"
      would give, so "killing thousands of militants" is Range(1000, None). Literal readings
      ("thousands" ≥ 2000) would overstate what many writers mean.
  "several" → Range(3, None); "a few", "a handful of" → Range(2, None); "many" → no count.

``find_counts`` scans a span for counts and leaves out the numbers that are not counts of
things: years ("in 2014"), dates ("November 2"), measures ("30 kg", "5.5 years", "30-day"),
money ("$40 billion"), times and "one of the …". Whether a count is a death toll is for the
caller (the event stage) to decide from the words it counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.records import Range

__all__ = ["parse_count", "find_counts"]

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+|[-–—+$£€%:/']")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_CURRENCY = frozenset({"$", "£", "€", "rs", "usd", "us", "pkr", "afn"})
_YEAR_BEFORE = frozenset({"in", "since", "of", "by", "until", "till", "from", "the", "early", "late", "mid",
                          "during", "before", "after", "year", "summer", "winter", "spring", "autumn", "fall"})
_NOT_COUNT_AFTER_ONE = frozenset({"of", "who", "that", "which", "another", "day", "side", "way", "time"})
_YEAR_NOUNS = frozenset({"attacks", "bombings", "elections", "talks", "negotiations", "floods", "riots",
                         "protests", "operations", "strikes", "killings", "arrests", "blasts"})
_PLURALS = frozenset({"people", "men", "women", "children", "police", "personnel", "troops", "staff"})
_RANGE_SEPS = frozenset({"to", "-", "–", "—", "or"})


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, tuple[str, int]]  # single cardinal word → (kind, value)
    phrases: dict[tuple[str, ...], tuple[str, int | None]]  # exact/vague/qualifier phrases → (kind, value)
    longest: int
    unit_after: frozenset[str]


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Read ``data/lexicons/numbers.tsv`` once per process."""
    path = resources.files("newsgraph") / "data" / "lexicons" / "numbers.tsv"
    words: dict[str, tuple[str, int]] = {}
    phrases: dict[tuple[str, ...], tuple[str, int | None]] = {}
    units: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase, value, *_ = (line.split("\t") + ["", ""])[:4]
        value_int = int(value) if value.strip() else None
        if kind in ("unit", "teen", "tens", "scale"):
            words[phrase] = (kind, int(value))
        elif kind == "unit_after":
            units.add(phrase)
        else:
            key = tuple(t.lower() for t in _TOKEN.findall(phrase))
            phrases[key] = (kind, value_int)
    return _Lexicon(words, phrases, max(map(len, phrases)), frozenset(units))


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    end = len(text) if end is None else end
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end())
            for m in _TOKEN.finditer(text, start, end)]


def _phrase_at(toks: list[_Tok], i: int, kinds: frozenset[str]) -> tuple[str, int | None, int] | None:
    """The longest lexicon phrase of one of ``kinds`` starting at token i: (kind, value, next index)."""
    lex = _lexicon()
    for n in range(min(lex.longest, len(toks) - i), 0, -1):
        hit = lex.phrases.get(tuple(t.low for t in toks[i:i + n]))
        if hit is not None and hit[0] in kinds:
            return hit[0], hit[1], i + n
    return None


def _digits(tok: _Tok) -> float | None:
    if tok.text[0].isdigit():
        return float(tok.text.replace(",", ""))
    return None


def _cardinal(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """A cardinal number at token i ("1,200", "1.5 million", "two hundred and twenty-five"): (value, next)."""
    words = _lexicon().words
    if i >= len(toks):
        return None
    first = _digits(toks[i])
    if first is not None:
        j = i + 1
        while j < len(toks) and words.get(toks[j].low, ("", 0))[0] == "scale":
            first *= words[toks[j].low][1]
            j += 1
        if j < len(toks) and toks[j].low == "dozen":
            first, j = first * 12, j + 1
        return int(round(first)), j
    total, current, j, seen = 0, 0, i, False
    while j < len(toks):
        kind, value = words.get(toks[j].low, ("", 0))
        if kind in ("unit", "teen", "tens"):
            if seen and current % 100 != 0 and kind != "unit":
                break  # "five six" is two numbers
            current += value
            seen = True
            if kind == "tens" and j + 2 < len(toks) and toks[j + 1].text == "-" \
                    and words.get(toks[j + 2].low, ("", 0))[0] == "unit":
                current += words[toks[j + 2].low][1]
                j += 2
        elif kind == "scale" and seen:
            if value == 100:
                current *= 100
            else:
                total, current = total + current * value, 0
        elif toks[j].low == "and" and seen and j + 1 < len(toks) and toks[j + 1].low in words \
                and current % 100 == 0 and current:
            pass  # "two hundred and five"
        elif toks[j].low == "dozen" and seen:
            current *= 12
        else:
            break
        j += 1
    if not seen:
        return None
    return total + current, j


def _quantity(toks: list[_Tok], i: int) -> tuple[int, int | None, int] | None:
    """A number or a vague/exact quantity word at i: (min, max, next index)."""
    phrase = _phrase_at(toks, i, frozenset({"exact", "vague"}))
    if phrase is not None:
        kind, value, j = phrase
        if kind == "exact":
            if value == 12 and toks[i].low == "dozen":
                return None  # bare "dozen" only counts after a number ("two dozen")
            return value, value, j
        return value, None, j
    card = _cardinal(toks, i)
    if card is None:
        return None
    return card[0], card[0], card[1]


def _range_tail(toks: list[_Tok], j: int, low: int) -> tuple[int | None, int] | None:
    """"to 10,000", "-15", "or five" after a first number: (max, next) when the second is larger."""
    if j >= len(toks) or toks[j].low not in _RANGE_SEPS:
        return None
    if toks[j].low == "-" and toks[j].start != toks[j - 1].end:
        return None  # "12 - the" is a dash, not a range
    k = j + 1
    qual = _phrase_at(toks, k, frozenset({"min"}))  # "about 160 to more than 170": no upper bound
    second = _quantity(toks, qual[2] if qual else k)
    if second is None or second[0] is None or second[0] <= low:
        return None
    return (None if qual else second[1]), second[2]


def _expression(toks: list[_Tok], i: int) -> tuple[Range, int] | None:
    """A count expression starting at token i: qualifier, number, range, "or more" (value, next)."""
    qual = _phrase_at(toks, i, frozenset({"min", "max", "approx"}))
    kind, j = (qual[0], qual[2]) if qual else (None, i)
    if j < len(toks) and toks[j].low == "between":
        return _between(toks, j)
    if j < len(toks) and toks[j].low == "from" and kind is None:
        found = _between(toks, j, "to")
        if found:
            return found
    quantity = _quantity(toks, j)
    if quantity is None:
        return None
    low, high, k = quantity
    tail = _range_tail(toks, k, low) if high is not None else None
    if tail is not None and kind in (None, "approx"):
        return Range(low, tail[0]), tail[1]
    if k + 1 < len(toks) and toks[k].text == "-" and toks[k + 1].low == "plus":
        k += 1  # "50-plus"
    after = _phrase_at(toks, k, frozenset({"after_min"})) if k < len(toks) else None
    if after is not None and (toks[k].low != "plus" or k + 1 >= len(toks) or not _number_like(toks[k + 1])):
        return Range(low, None), after[2]
    if kind == "min":
        return Range(low, None), k
    if kind == "max":
        return Range(None, high if high is not None else low), k
    return Range(low, high), k


def _number_like(tok: _Tok) -> bool:
    return tok.text[0].isdigit() or tok.low in _lexicon().words


def _between(toks: list[_Tok], j: int, sep: str = "and") -> tuple[Range, int] | None:
    """"between 25 and 33", "from four to six"."""
    first = _quantity(toks, j + 1)
    if first is None or first[2] >= len(toks) or toks[first[2]].low not in (sep, "-", "–"):
        return None
    second = _quantity(toks, first[2] + 1)
    if second is None:
        return None
    return Range(first[0], second[1] if second[1] is not None else None), second[2]


def parse_count(text: str) -> Range | None:
    """The first count stated in ``text`` ("more than 150" → Range(150, None)); None when there is none.

    Words after the count are ignored ("12 people" → Range(12, 12)), so callers can pass the noun
    phrase that holds the count.
    """
    found = find_counts(text, 0, len(text))
    return found[0][2] if found else None


def find_counts(text: str, start: int, end: int) -> list[tuple[int, int, Range]]:
    """Every count inside ``text[start:end]`` as (start, end, Range), in text order.

    Years, dates, measures, money and times are left out (see the module docstring).
    """
    toks = _tokens(text, start, end)
    out: list[tuple[int, int, Range]] = []
    i = 0
    while i < len(toks):
        found = _expression(toks, i)
        if found is None or not _is_count(toks, i, found[1], text):
            i += 1
            continue
        rng, j = found
        out.append((toks[i].start, toks[j - 1].end, rng))
        i = j
    return out


def _year_like(tok: _Tok, before: _Tok | None, nxt: _Tok | None, text: str) -> bool:
    """A bare 19xx/20xx is a year unless a plural noun follows at once ("2000 people")."""
    if not re.fullmatch(r"(1[89]|20)\d\d", tok.text):
        return False
    if before is not None and before.low in _YEAR_BEFORE:
        return True
    counted = nxt is not None and nxt.text.isalpha() and nxt.text.islower() and text[tok.end:nxt.start] == " " \
        and (nxt.low.endswith("s") or nxt.low in _PLURALS) and nxt.low not in _YEAR_NOUNS
    return not counted


def _is_count(toks: list[_Tok], i: int, j: int, text: str) -> bool:
    """Keep counts of things; drop years, dates, measures, money, times and "one of the"."""
    lex = _lexicon()
    before = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    num = next((t for t in toks[i:j] if t.text[0].isdigit() or t.low in lex.words), None)
    if before is not None and (before.low in _CURRENCY or before.low in _MONTHS):
        return False
    if nxt is not None and (nxt.low in _MONTHS or nxt.low in lex.unit_after or nxt.text in (":", "/")):
        return False
    if nxt is not None and nxt.text == "-" and j + 1 < len(toks) and toks[j + 1].low in lex.unit_after:
        return False  # "a 30-day truce"
    if before is not None and before.text in (":", "/"):
        return False
    if num is not None and j - i == 1 and _year_like(toks[i], before, nxt, text):
        return False  # a year: "in 2014", "the 2014 attack", "Jan. 1, 2017"
    if toks[i].low == "one" and j - i == 1 and ((nxt is not None and nxt.low in _NOT_COUNT_AFTER_ONE)
                                               or (before is not None and before.low in ("no", "the", "any", "every"))):
        return False
    if text[toks[j - 1].end:toks[j - 1].end + 2] in ("st", "nd", "rd", "th") and toks[j - 1].text[0].isdigit():
        return False  # ordinal "21st"
    return True
