"""Role phrases and the organisations after them, read off tokens with the role lexicon.

The lexicon (``data/lexicons/roles.txt``) tags each phrase: a head ("spokesman"), a modifier
("senior"), a portfolio head ("minister" takes "for information"), a verb ("heads" → head).
Shared by the patterns of ``roles``; kept apart so each module stays readable.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.document.spans import (
    Sentence,
    Token,
    label_of,
    name_forward,
    read_lexicon,
    tokenize,
)
from newsgraph.document.aliases import is_acronym

_ROLE_TAGS = frozenset({"head", "portfolio", "modifier", "drop"})
_HEAD_TAGS = frozenset({"head", "portfolio"})
_ORG_ADJECTIVES = frozenset({"banned", "proscribed", "outlawed", "defunct", "now-defunct"})
# The parser's NORP entities count as nationalities only with a demonym's ending ("Kuwaiti",
# "Sudanese"); it also tags group names ("Lashkar") NORP.
_DEMONYM_END_RE = re.compile(r"(?:i|ian|ese|ish|ic|ean)$")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """Role lexicon: lower-cased token tuple → tags ("head", "modifier", "body", "verb:head" …)."""
    table: dict[tuple[str, ...], frozenset[str]] = {}
    for row in read_lexicon("roles.txt"):
        key = tuple(t.low for t in tokenize(row[0]))
        tag = row[1] if len(row) > 1 and row[1] else "head"
        table[key] = table.get(key, frozenset()) | {tag}
    return table, max(map(len, table))


def _match(toks: Sequence[Token], i: int, want: frozenset[str] | set[str]) -> tuple[int, frozenset[str]] | None:
    """Longest lexicon phrase at token ``i`` carrying one of the ``want`` tags."""
    table, longest = _lexicon()
    if i >= len(toks) or toks[i].low not in _firsts():
        return None
    for size in range(min(longest, len(toks) - i), 0, -1):
        tags = table.get(tuple(t.low for t in toks[i:i + size]))
        if tags and tags & want:
            return i + size, tags
    return None


@lru_cache(maxsize=1)
def _firsts() -> frozenset[str]:
    """First words of the lexicon's phrases: most tokens start none, and are skipped at once."""
    return frozenset(k[0] for k in _lexicon()[0] if k)


@lru_cache(maxsize=None)
def _phrases(tag: str) -> tuple[tuple[str, ...], ...]:
    """The lexicon's phrases with ``tag`` ("copula", "prep", "adverb" …), longest first."""
    return tuple(sorted((k for k, tags in _lexicon()[0].items() if tag in tags), key=len, reverse=True))


def _phrase_end(toks: Sequence[Token], k: int, tag: str) -> int:
    """Past the longest ``tag`` phrase at token ``k`` (``k`` when there is none)."""
    for words in _phrases(tag):
        if tuple(t.low for t in toks[k:k + len(words)]) == words:
            return k + len(words)
    return k


def _skip_adverbs(toks: Sequence[Token], k: int) -> int:
    while k < len(toks) and (toks[k].low,) in _phrases("adverb"):
        k += 1
    return k


def _verb_role(word: str) -> str | None:
    """The role a verb states ("heads" → head, "led" → leader), per the lexicon's verb tags."""
    hit = _lexicon()[0].get((word,), frozenset())
    return next((t.split(":", 1)[1] for t in hit if t.startswith("verb:")), None)


@dataclass(frozen=True)
class _Run:
    """Role words at tokens [a, b): modifiers and heads, with "and" between heads."""

    a: int
    b: int
    words: tuple[str, ...]
    portfolio: bool  # the last head takes "for X" as a portfolio ("minister for information")
    plural: bool = False  # "two suicide bombers, Hamid and Yasir": one role, several people
    group: bool = False  # a head held in an armed group: a place with it is a location


def _role_word(toks: Sequence[Token], j: int) -> tuple[int, frozenset[str], list[str]] | None:
    """The role word(s) at ``j``: (end, tags, words kept). "then-President" → former president;
    a plural head ("suicide bombers") is read as its singular and tagged "plural"."""
    if j >= len(toks):
        return None
    hit = _match(toks, j, _ROLE_TAGS)
    if hit is not None:
        end, tags = hit
        return end, tags, [] if tags == {"drop"} else [" ".join(t.low for t in toks[j:end])]
    prefix, _, rest = toks[j].low.partition("-")
    tags = _lexicon()[0].get((rest,), frozenset())
    if prefix in ("ex", "then") and tags & _HEAD_TAGS:
        return j + 1, tags, ["former", rest]
    firsts = _firsts()
    for size in range(min(_lexicon()[1], len(toks) - j), 0, -1):
        words = [t.low for t in toks[j:j + size]]
        if not words[-1].endswith("s") or len(words[-1]) < 4:
            continue
        singular = words[:-1] + [words[-1][:-1]]
        if singular[0] not in firsts:
            continue
        tags = _lexicon()[0].get(tuple(singular), frozenset())
        if tags & _HEAD_TAGS:
            return j + size, tags | {"plural"}, [" ".join(singular)]
    return None


def _role_run(toks: Sequence[Token], i: int) -> _Run | None:
    """The role phrase starting at ``i``: modifiers, heads, "and" between heads; ends on a head."""
    j, parts, last, last_end, portfolio, plural, group = i, [], 0, i, False, False, False
    while j < len(toks):
        hit = _role_word(toks, j)
        if hit is None:
            if toks[j].low in ("and", "&") and parts and last == len(parts) and _role_word(toks, j + 1):
                parts.append("and")
                j += 1
                continue
            break
        j, tags, words = hit
        parts += words
        if tags & _HEAD_TAGS:
            last, last_end, portfolio, plural = len(parts), j, "portfolio" in tags, "plural" in tags
            group = group or "group" in tags
    if last == 0:
        return None
    return _Run(i, last_end, tuple(parts[:last]), portfolio, plural, group)


@dataclass(frozen=True)
class _Org:
    """An organisation at tokens [a, b) (its name, body noun included), consumed up to ``end``."""

    a: int
    b: int
    end: int
    unit: str | None = None  # "media committee" in "the TTP media committee"
    nationality: bool = False  # only a nationality adjective ("Afghan"), not an organisation
    person: bool = False  # a person ("Gul Zaman Wazir's deputy"): not an organisation


def _after_acronym(toks: Sequence[Token], k: int, n: int) -> int:
    """Past "(TTP)" at token ``k`` when there is one there."""
    ok = k + 2 < n and toks[k].text == "(" and toks[k + 2].text == ")" and is_acronym(toks[k + 1].text)
    return k + 3 if ok else k


def _org_tail(sent: Sentence, text: str, a: int, b: int, limit: int | None = None) -> _Org:
    """What follows an organisation's name: "(ACR)", a body noun, a unit ("media committee"),
    never past token ``limit`` (where a role begins)."""
    toks, n = sent.toks, len(sent.toks) if limit is None else limit
    k = _after_acronym(toks, b, n)
    body = _match(toks, k, {"body"}) if k < n and toks[k].text.islower() else None
    if body is not None:
        b = k = body[0]
    unit, end = None, _unit_end(sent, k, n)
    if end > k:
        unit, k = text[toks[k].start:toks[end - 1].end], end
    label = label_of(sent, toks[a].start, toks[b - 1].end)
    nationality = body is None and _demonym(sent, a, b)
    return _Org(a, b, k, unit, nationality, label == "PERSON")


def _unit_end(sent: Sentence, k: int, n: int) -> int:
    """End of a unit named after an organisation ("media committee", "delegation"): a unit word of
    the lexicon after at most two lower-case words, or with a parse up to two common nouns that
    are not role words ("the Taliban delegation"). ``k`` when there is none."""
    toks = sent.toks
    for extra in (0, 1, 2):
        hit = _match(toks, k + extra, {"unit"}) if k + extra < n else None
        if hit and all(t.text.isalpha() and t.text.islower() for t in toks[k:hit[0]]):
            return hit[0]
    end = k
    while end < min(n, k + 2) and toks[end].text.isalpha() and toks[end].text.islower() \
            and sent.tags.get(toks[end].start) in ("NN", "NNS") and not _match(toks, end, _ROLE_TAGS | {"body"}):
        end += 1
    return end


def _demonym(sent: Sentence, a: int, b: int) -> bool:
    """Are tokens [a, b) a nationality adjective ("Afghan", "Sri Lankan", "Egyptian-born"), per
    lexicon or parse?"""
    words = sent.toks[a:b]
    key = tuple(t.low.removesuffix("-born") for t in words)
    if "demonym" in _lexicon()[0].get(key, ()):
        return True
    return (all(t.start in sent.norp for t in words) and _DEMONYM_END_RE.search(key[-1]) is not None
            and label_of(sent, words[0].start, words[-1].end) is None)


def _nationality(text: str, toks: Sequence[Token], org: _Org) -> str:
    return text[toks[org.a].start:toks[org.b - 1].end].removesuffix("-born")


def _org_forward(sent: Sentence, text: str, i: int) -> _Org | None:
    """An organisation starting at ``i``: "the Washington-based Wilson Center", "the Afghan government"."""
    toks = sent.toks
    j = i + (i < len(toks) and toks[i].low == "the")
    while j < len(toks) and (toks[j].low.endswith("-based") or toks[j].low in _ORG_ADJECTIVES):
        j += 1
    end = name_forward(toks, j, orgish=True)
    return None if end is None else _org_tail(sent, text, j, end)
