"""Tokens, sentences and capitalised name spans read off raw text.

Shared by the alias and role stages, which read names as capitalised runs because the small
model often misses or mislabels exactly the names that carry aliases and roles; mentions only
lend their labels, and a parse, when given, lends sentence boundaries and part-of-speech tags.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.document import lexicon
from newsgraph.records import Mention

_TOKEN_RE = re.compile(r"[^\W_](?:[\w.&'’-]*[^\W_])?|\S")
_SENT_END_RE = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_LINES_RE = re.compile(r"\n+")
_CAP_PREFIX_RE = re.compile(r"(?:al|el|ul|ud|ur|ad|as|at|az|an|bin|ibn|de)-[A-Z]")
_DATE_WORD_RE = re.compile(
    r"(?i)(?:january|february|march|april|june|july|august|sept(?:ember)?|october|november|december"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)")
_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&.-]{1,9}")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt brig st no prof sen rep gov jan feb mar apr jun jul aug sep "
    "sept oct nov dec u.s u.k a.k.a vs mt".split())

_NEVER_FINAL_RE = re.compile(
    r"(?:\ba\.k\.a|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Prof|Sen|Rep|Gov|St|No))\.\s*$")
POSSESSIVE = frozenset({"'s", "’s"})
OPEN_QUOTES = frozenset({'"', "“", "‘", "'"})
CLOSE_QUOTES = frozenset({'"', "”", "’", "'"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Lower-case particles inside personal names ("Osama bin Laden") and organisation names.
_PARTICLES = frozenset("bin ibn bint al el ul ud ur ad de da di van von der den la le du".split())
_ORG_LINKS = frozenset({"of", "for", "on"})
# Capitalised words that open sentences or clauses but never a name.
STOPWORDS = frozenset(
    "The A An He She It They We I You In On At But And Or If When While After Before This That These "
    "Those His Her Its Their Our As By For From With Of To Meanwhile However Separately Earlier Later "
    "According Also Yesterday Today Last Next Some Many Most Both Two Three Several Officials".split())
# Words that end a place name ("Khost Province"): such a name in parentheses is no alias.
_PLACE_WORDS = frozenset(
    "province district agency valley region city town village division tehsil county".split())
_LIST_BLOCKERS = frozenset({"were", "are", "have", "both"})  # "X alias Y and Z were killed"
_SHARE_VERBS = frozenset({"share", "shares", "shared", "sharing"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    low: str = ""  # lower-cased text, computed once: phrase matching reads it millions of times

    def __post_init__(self) -> None:
        if not self.low:
            object.__setattr__(self, "low", self.text.lower())


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span, tokens, the mentions inside it and the parser's tags (if any)."""

    start: int
    end: int
    toks: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    tags: dict[int, str]  # token start offset → the parser's fine tag (VBD, NN …); empty without one
    deps: dict[int, str]  # token start offset → the parser's dependency label; empty without one
    norp: frozenset[int]  # start offsets of tokens inside the parser's NORP entities ("Afghan")


@dataclass(frozen=True)
class NameSpan:
    """A name as token indices [a, b) of a sentence, with the honorific taken off its front."""

    a: int
    b: int
    title: str | None = None


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Words and punctuation of ``text[start:end]``; a possessive "'s" is a token of its own."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        s, e, w = m.start(), m.end(), m.group()
        if len(w) > 2 and w[-2:] in POSSESSIVE:
            out += [Token(w[:-2], s, e - 2), Token(w[-2:], e - 2, e)]
        else:
            out.append(Token(w, s, e))
    return tuple(out)


def _split(text: str, start: int, end: int, lines_only: bool) -> list[tuple[int, int]]:
    """Split at line breaks and, unless ``lines_only``, after . ! ? (not after "Mr." or "U.S.")."""
    spans, begin = [], start
    for m in (_LINES_RE if lines_only else _SENT_END_RE).finditer(text, start, end):
        if "\n" not in m.group():
            before = text[begin:m.start()].split()
            word = before[-1].rstrip(".!?\"”’)]").lstrip("(\"“‘[").lower() if before else ""
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, end))
    return spans


def sentence_spans(text: str, parsed: Any = None) -> list[tuple[int, int]]:
    """Sentence spans, whitespace-trimmed, never crossing a line break (headlines are sentences)."""
    if parsed is not None and hasattr(parsed, "sents"):
        rough: list[tuple[int, int]] = []
        for sent in parsed.sents:  # the parser ends sentences after "a.k.a." or "Dr.": rejoin them
            if rough and _NEVER_FINAL_RE.search(text, rough[-1][0], rough[-1][1]) \
                    and "\n" not in text[rough[-1][1]:sent.start_char]:
                rough[-1] = (rough[-1][0], sent.end_char)
            else:
                rough.append((sent.start_char, sent.end_char))
    else:
        rough = [(0, len(text))]
    out = []
    for s, e in rough:
        for a, b in _split(text, s, e, lines_only=parsed is not None):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
    return out


def sentences(text: str, mentions: Sequence[Mention], parsed: Any = None) -> list[Sentence]:
    """The document as Sentence records, each with its tokens and the mentions inside it."""
    tags = {t.idx: t.tag_ for t in parsed} if parsed is not None else {}
    deps = {t.idx: t.dep_ for t in parsed} if parsed is not None else {}
    norp = frozenset(t.idx for e in getattr(parsed, "ents", ()) if e.label_ == "NORP" for t in e)
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    out = []
    for a, b in sentence_spans(text, parsed):
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        inside = tuple(m for m in ordered[lo:hi] if m.end <= b)
        out.append(Sentence(a, b, tokenize(text, a, b), inside, tags, deps, norp))
    return out


def name_word(tok: Token) -> bool:
    """Can this token be part of a name: capitalised (or "al-Qaeda"), not a stopword or a date."""
    w = tok.text
    cap = (w[0].isupper() and w[0].isalpha() and w != "I") or bool(_CAP_PREFIX_RE.match(w))
    return cap and w not in STOPWORDS and not _DATE_WORD_RE.fullmatch(w)


def name_forward(toks: Sequence[Token], i: int, orgish: bool = False, linked: bool = False) -> int | None:
    """End (exclusive) of the capitalised run starting at ``i``, or None when none starts there.

    Particles join words ("Osama bin Laden"); with ``orgish``, so do "of", "for", "on" and, after
    one of them, "and" ("Centre for Research and Security Studies"; ``linked``: from the start, as
    in a portfolio "Information and Broadcasting"). A possessive ends the run.
    """
    n = len(toks)
    if i >= n or not name_word(toks[i]):
        return None
    j = i + 1
    while j < n:
        t = toks[j]
        if name_word(t):
            j += 1
            continue
        nxt = toks[j + 1] if j + 1 < n else None
        low = t.low
        if nxt is not None and name_word(nxt) and (
                low in _PARTICLES or (orgish and (low in _ORG_LINKS or (linked and low == "and")))):
            linked = linked or low in _ORG_LINKS
            j += 2
            continue
        if (orgish and low in _ORG_LINKS and nxt is not None and nxt.low == "the"
                and j + 2 < n and name_word(toks[j + 2])):
            linked, j = True, j + 3
            continue
        break
    return j


def name_backward(toks: Sequence[Token], j: int, orgish: bool = False, lo: int = 0) -> int | None:
    """Start of the capitalised run that ends just before token ``j``, or None.

    With ``orgish``, "and" joins only to the right of an "of"/"for"/"on" ("Centre for Research and
    Security Studies"), so "Zakir and Bashir Ahmad" stays two names.
    """
    i = j - 1
    if i < lo or not name_word(toks[i]):
        return None
    joins: list[int] = []
    while i - 1 >= lo:
        p = toks[i - 1]
        if name_word(p):
            i -= 1
        elif i - 2 >= lo and name_word(toks[i - 2]) and (
                p.low in _PARTICLES or (orgish and p.low in _ORG_LINKS | {"and"})):
            joins.append(i - 1)
            i -= 2
        elif orgish and p.low == "the" and i - 3 >= lo and toks[i - 2].low in _ORG_LINKS \
                and name_word(toks[i - 3]):
            joins.append(i - 2)
            i -= 3
        else:
            break
    for k in sorted(joins):  # an "and" with no link to its left starts the name after it
        if toks[k].low == "and" and not any(toks[m].low in _ORG_LINKS for m in joins if m < k):
            i = k + 1
    return i


def strip_titles(toks: Sequence[Token], a: int, b: int | None = None) -> tuple[int, str | None]:
    """Skip honorifics at token ``a`` that a name follows before ``b`` ("Mufti Gul Zaman" → "Gul
    Zaman", "Mufti"). Only at the front, as the mention stage does: "Hassan Sheikh Mohamud" keeps
    its "Sheikh"."""
    b = len(toks) if b is None else b
    found = []
    while a + 1 < b and toks[a].text in titles():
        k = a + 2 if toks[a + 1].text == "." else a + 1
        if k >= b or not name_word(toks[k]):
            break
        found.append(toks[a].text)
        a = k
    return a, " ".join(found) or None


def label_of(sent: Sentence, start: int, end: int) -> str | None:
    """Label of the mention overlapping [start, end) the most (None: no mention there)."""
    best, overlap = None, 0
    for m in sent.mentions:
        o = min(end, m.end) - max(start, m.start)
        if o > overlap:
            best, overlap = m.label, o
    return best


def holder_before(sent: Sentence, j: int, orgish: bool = False) -> NameSpan | None:
    """The name ending just before token ``j``, cut to a mention that ends with it and starts later
    ("Afghan Ambassador Sardar Wali Jan" → the PERSON "Sardar Wali Jan"), honorifics stripped."""
    toks = sent.toks
    a = name_backward(toks, j, orgish)
    if a is None:
        return None
    end = toks[j - 1].end
    for m in sent.mentions:
        if m.end == end and m.start > toks[a].start and m.label in ("PERSON", "ORG"):
            a = next((k for k in range(a, j) if toks[k].start >= m.start), a)
            break
    a, title = strip_titles(toks, a, j)
    return NameSpan(a, j, title)


_DETERMINERS = {"his": "the", "her": "the", "its": "the", "their": "the"}


def match_phrase(toks: Sequence[Token], i: int, table: dict[tuple[str, ...], Any],
                 longest: int) -> tuple[int, Any] | None:
    """Longest phrase of ``table`` (keys: lower-cased token tuples) starting at token ``i``;
    possessive determiners match "the" ("known by his nom de guerre")."""
    if i >= len(toks) or _DETERMINERS.get(toks[i].low, toks[i].low) not in _first_words(table):
        return None
    for size in range(min(longest, len(toks) - i), 0, -1):
        hit = table.get(tuple(_DETERMINERS.get(t.low, t.low) for t in toks[i:i + size]))
        if hit is not None:
            return i + size, hit
    return None


_FIRST_WORDS: dict[int, tuple[dict, frozenset[str]]] = {}


def _first_words(table: dict[tuple[str, ...], Any]) -> frozenset[str]:
    """First words of a phrase table's keys (tables are lexicons loaded once, so kept by id)."""
    cached = _FIRST_WORDS.get(id(table))
    if cached is None or cached[0] is not table or len(cached[1]) == 0 and table:
        cached = (table, frozenset(k[0] for k in table if k))
        _FIRST_WORDS[id(table)] = cached
    return cached[1]


def read_lexicon(name: str) -> list[list[str]]:
    """Rows of ``data/lexicons/<name>``: ``|``-separated fields, comments and blanks dropped."""
    path = resources.files("newsgraph") / "data" / "lexicons" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([f.strip() for f in line.split("|")])
    return rows


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """One-word titles (Mufti, Qari, Dr, Commander…) taken off names and kept apart: the mention
    stage's list (``lexicon.titles``, offices like "President" excepted: those are roles here)."""
    return frozenset(t.rstrip(".") for t, kind in lexicon.titles().items() if kind != "office" and " " not in t)
