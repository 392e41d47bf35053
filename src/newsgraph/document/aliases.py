"""Aliases a document states: "X alias Y", "X, also known as Y and Z", "Y, whose real name is X",
"X (Y)", "Full Name (ACR)", 'X "Y"'.

Why rules rather than the parse: alias statements are formulaic (a closed set of cue phrases,
kept as data in ``data/lexicons/alias_cues.txt``) and the names around them are capitalised
runs, while the small spaCy model often misses or mislabels exactly the names that carry aliases
(a kunya, a title left in, a first name tagged as a nationality). So names are read off the text
as capitalised runs; mentions only lend their labels, so that a place or a date in parentheses
is not taken for an alias, and the parse, when given, lends sentence boundaries and a
part-of-speech check that tells "known as Y" from "known as a hardliner".

Every link is reported separately, even when two people share an alias: deciding whether two
names are one entity is the clustering stage's job, not this one's.

The token and name-span helpers live in ``spans`` (shared with ``roles``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.records import Mention
from newsgraph.document.spans import (
    sentence_spans,
    _ACRONYM_RE,
    POSSESSIVE,
    OPEN_QUOTES,
    CLOSE_QUOTES,
    PLACE_LABELS,
    _PLACE_WORDS,
    _LIST_BLOCKERS,
    _SHARE_VERBS,
    Token,
    Sentence,
    NameSpan,
    tokenize,
    sentences,
    name_word,
    name_forward,
    strip_titles,
    label_of,
    holder_before,
    match_phrase,
    read_lexicon,
)

__all__ = ["AliasLink", "find_aliases"]

# --- the cue lexicon ------------------------------------------------------------------------

@dataclass(frozen=True)
class Cue:
    label: str
    reverse: bool = False  # the name after the cue is the real name
    comma: bool = False  # counts only after a comma, dash or "("
    weak: bool = False  # may introduce a description: check the alias is no noun phrase


@dataclass(frozen=True)
class _CueLexicon:
    cues: dict[tuple[str, ...], Cue]  # lower-cased token tuple → cue
    stops: frozenset[str]  # words never taken for an alias
    longest: int  # tokens in the longest cue


@lru_cache(maxsize=1)
def _lexicon() -> _CueLexicon:
    cues: dict[tuple[str, ...], Cue] = {}
    stops: set[str] = set()
    for row in read_lexicon("alias_cues.txt"):
        phrase, label = row[0], row[1]
        flags = set(row[2].split(",")) if len(row) > 2 and row[2] else set()
        if label == "stop":
            stops.add(phrase)
        elif label != "noun":
            key = tuple(t.low for t in tokenize(phrase))
            cues[key] = Cue(label, "reverse" in flags, "comma" in flags, "weak" in flags)
    return _CueLexicon(cues, frozenset(stops), max(map(len, cues)))


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    """Common nouns that mark "known as the Y faction" as a description when there is no parse."""
    words = {row[0].lower() for row in read_lexicon("alias_cues.txt") if row[1] == "noun"}
    for row in read_lexicon("roles.txt"):
        if len(row) == 1 or row[1] in ("body", "unit"):
            words.add(row[0].lower().split()[-1])
    return frozenset(words)


def name_before_alias(sent: Sentence, a: int) -> NameSpan | None:
    """For "Rahim alias Toofan, an officer", the name before the alias cue that ends at ``a``."""
    lex = _lexicon()
    cues, longest = lex.cues, lex.longest
    for size in range(1, longest + 1):
        hit = match_phrase(sent.toks, a - size, cues, longest) if a - size >= 0 else None
        if hit is not None and hit[0] == a and not hit[1].reverse and not hit[1].weak:
            return holder_before(sent, a - size)
    return None



# --- alias links ----------------------------------------------------------------------------

@dataclass(frozen=True)
class AliasLink:
    """``alias`` is another name of the name at [name_start, name_end), stated by the evidence."""

    name_start: int
    name_end: int
    alias_start: int
    alias_end: int
    alias: str
    alias_title: str | None
    cue: str  # "alias", "also known as", "real name", "parenthesis", "acronym", "quotes" …
    evidence_start: int
    evidence_end: int


def _link(text: str, sent: Sentence, name: NameSpan, alias: NameSpan, cue: str) -> AliasLink:
    t = sent.toks
    a, b = t[alias.a].start, t[alias.b - 1].end
    return AliasLink(t[name.a].start, t[name.b - 1].end, a, b, text[a:b], alias.title, cue,
                     sent.start, sent.end)


def _alias_item(sent: Sentence, i: int, weak: bool) -> tuple[NameSpan | None, int]:
    """One name of an alias list at token ``i`` (quotes, "the" and an honorific allowed)."""
    toks, n = sent.toks, len(sent.toks)
    j = i
    quoted = j < n and toks[j].text in OPEN_QUOTES
    j += quoted
    if j < n and toks[j].low == "the":
        j += 1
    j, title = strip_titles(toks, j)
    end = name_forward(toks, j, orgish=True)
    if end is None:
        return None, i
    after = end
    if quoted:
        after += after < n and toks[after].text == ","
        if after >= n or toks[after].text not in CLOSE_QUOTES:
            return None, i
        after += 1
    elif end < n and toks[end].text in POSSESSIVE:
        return None, i  # "known as Pakistan's most wanted man": a description
    if weak and end < n and toks[end].low == toks[end].text and (
            sent.tags.get(toks[end].start, "NN" if toks[end].low in _nouns() else "") in ("NN", "NNS")):
        return None, i  # "known as the Ahrar faction", "known as Taliban hardliners"
    return NameSpan(j, end, title), after


def _list_sep(toks: Sequence[Token], i: int) -> tuple[str | None, int]:
    if i < len(toks) and toks[i].text == ",":
        if i + 1 < len(toks) and toks[i + 1].low in ("and", "or"):
            return toks[i + 1].low, i + 2
        return ",", i + 1
    if i < len(toks) and toks[i].low in ("and", "or", "&", "/"):
        return ("and" if toks[i].low in ("&", "/") else toks[i].low), i + 1
    return None, i


def _alias_items(sent: Sentence, i: int, weak: bool) -> list[NameSpan]:
    """The names of "Y", "Y and Z", "Y, Z and W", "the A or B" starting at token ``i``.

    Names joined by commas alone are kept only when an "and"/"or" closes the list ("X, alias Y,
    Reuters said" has one alias), and an "and"-joined last name is dropped when the list is the
    subject of a plural verb or is followed by a cue of its own ("X alias Y and Z alias W").
    """
    items: list[tuple[NameSpan, str | None, int]] = []
    sep: str | None = None
    while True:
        item, j = _alias_item(sent, i, weak)
        if item is None:
            break
        items.append((item, sep, j))
        sep, i = _list_sep(sent.toks, j)
        if sep is None:
            break
    last = max((k for k, (_, s, _) in enumerate(items) if s in ("and", "or")), default=0)
    items = items[:last + 1]
    if len(items) > 1 and items[-1][1] in ("and", "or"):
        k = items[-1][2] + (items[-1][2] < len(sent.toks) and sent.toks[items[-1][2]].text == ",")
        if k < len(sent.toks) and (sent.toks[k].low in _LIST_BLOCKERS
                                   or match_phrase(sent.toks, k, _lexicon().cues, _lexicon().longest)):
            items = items[:-1]
    return [item for item, _, _ in items]


_SEPARATORS = frozenset({",", "(", "–", "—", "-", "["})


def _cue_links(text: str, sent: Sentence) -> list[AliasLink]:
    """Links stated by a cue phrase between two names."""
    lex = _lexicon()
    cues, longest = lex.cues, lex.longest
    toks, out, k = sent.toks, [], 0
    chained: dict[tuple[int, int], NameSpan] = {}
    while k < len(toks):
        hit = match_phrase(toks, k, cues, longest)
        if hit is None:
            k += 1
            continue
        end, cue = hit
        j = k
        while j > 0 and k - j < 2 and toks[j - 1].text in _SEPARATORS:
            j -= 1
        holder = holder_before(sent, j, orgish=True) if not cue.comma or j < k else None
        if holder is not None and holder.b - holder.a == 1 and holder.a > 0 \
                and toks[holder.a - 1].low in ("a", "an"):
            holder = None  # "an Afghan who goes by Y": a description, the name is further back
        if holder is None and not cue.weak and not cue.comma:
            holder = _across_apposition(sent, j)
        while end < len(toks) and toks[end].low in (":", ",", "is", "was"):
            end += 1
        holder = chained.get((holder.a, holder.b), holder) if holder else None
        for item in _alias_items(sent, end, cue.weak) if holder else []:
            name, alias = (item, holder) if cue.reverse else (holder, item)
            chained[(alias.a, alias.b)] = name  # "X aka Y, aka Z": Z is X's too
            out.append(_link(text, sent, name, alias, cue.label))
        k = end
    return out


_APPOSITION_OPENERS = frozenset({"a", "an", "the", "his", "her", "its", "their"})


def _across_apposition(sent: Sentence, j: int) -> NameSpan | None:
    """The name before an apposition that ends at ``j``: "X, the Swat commander, also known as Y",
    "X, an Afghan who goes by Y". Not when the apposition names a person of its own."""
    toks = sent.toks
    for c in range(j - 1, max(j - 13, 0), -1):
        if toks[c].text in (";", "."):
            return None
        if toks[c].text != ",":
            continue
        if c + 1 >= j or toks[c + 1].low not in _APPOSITION_OPENERS:
            return None
        if any(m.label == "PERSON" and toks[c].end <= m.start and m.end <= toks[j - 1].end
               for m in sent.mentions):
            return None
        return holder_before(sent, c, orgish=True)
    return None


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM_RE.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def _initials_match(toks: Sequence[Token], name: NameSpan, acronym: str, exact: bool = False) -> bool:
    """Do the capitals of the acronym spell the name's capitalised parts, in order (all of them
    when ``exact``)?"""
    parts = [p for t in toks[name.a:name.b] for p in re.split(r"[-\s]", t.text) if p[:1].isupper()]
    initials = [p[0] for p in parts]
    letters = [c for c in acronym if c.isupper()]
    return len(parts) >= 2 and (initials == letters if exact else initials[:len(letters)] == letters)


_ACRONYM_LINKS = frozenset({"of", "for", "on", "in", "and", "the", "de", "al"})


def _acronym_holder(sent: Sentence, j: int, acronym: str) -> NameSpan | None:
    """The longest run of capitalised words (and linking words) ending before token ``j`` whose
    initials spell the acronym exactly; any label, places included ("Khyber Pakhtunkhwa (KP)")."""
    toks, best = sent.toks, None
    i = j
    while i > 0 and j - i < 12 and (name_word(toks[i - 1]) or toks[i - 1].low in _ACRONYM_LINKS):
        i -= 1
        if name_word(toks[i]) and _initials_match(toks, NameSpan(i, j), acronym, exact=True):
            best = NameSpan(i, j)
    return best


def _parenthesis_links(text: str, sent: Sentence) -> list[AliasLink]:
    """'X (Y)' where Y is a name, and 'Full Name (ACR)': not places, dates or captions."""
    toks, out = sent.toks, []
    stops = _lexicon().stops
    for p, tok in enumerate(toks):
        q = next((k for k in range(p + 1, min(p + 9, len(toks))) if toks[k].text == ")"), None)
        if tok.text != "(" or q is None or q == p + 1:
            continue
        hb = p - 1 if p > 0 and toks[p - 1].text in POSSESSIVE else p
        if q == p + 2 and is_acronym(toks[p + 1].text) and toks[p + 1].text not in stops:
            spelled = _acronym_holder(sent, hb, toks[p + 1].text)
            if spelled is not None:  # "Khyber Pakhtunkhwa (KP)", "Mission in Afghanistan (UNAMA)"
                out.append(_link(text, sent, spelled, NameSpan(p + 1, q), "acronym"))
                continue
        holder = holder_before(sent, hb, orgish=True)
        if holder is None or label_of(sent, toks[holder.a].start, toks[hb - 1].end) in PLACE_LABELS:
            continue
        a, b = p + 1, q
        if toks[a].text in OPEN_QUOTES and toks[b - 1].text in CLOSE_QUOTES and b - a > 2:
            a, b = a + 1, b - 1
        if b - a == 1 and is_acronym(toks[a].text) and toks[a].text not in stops:
            if label_of(sent, toks[holder.a].start, toks[holder.b - 1].end) != "PERSON" \
                    or _initials_match(toks, holder, toks[a].text):
                out.append(_link(text, sent, holder, NameSpan(a, b), "acronym"))
            continue
        alias = _inner_name(sent, a, b)
        if alias is not None:
            out.append(_link(text, sent, holder, alias, "parenthesis"))
    return out


def _or_acronym_links(text: str, sent: Sentence) -> list[AliasLink]:
    """"the Islamic State Khorasan Province, or ISKP, claimed": an acronym offered with ", or"."""
    toks, out = sent.toks, []
    for k in range(1, len(toks) - 2):
        if toks[k].text != "," or toks[k + 1].low != "or" or not is_acronym(toks[k + 2].text):
            continue
        if k + 3 < len(toks) and toks[k + 3].text not in (",", ".", ")", ";"):
            continue
        holder = holder_before(sent, k, orgish=True)
        if holder is not None and holder.b - holder.a > 1 and _initials_match(toks, holder, toks[k + 2].text):
            out.append(_link(text, sent, holder, NameSpan(k + 2, k + 3), "acronym"))
    return out


def _inner_name(sent: Sentence, a: int, b: int) -> NameSpan | None:
    """The whole of tokens [a, b) as a name that is not a place, a date or a caption word."""
    toks = sent.toks
    if toks[a].low == "the":
        a += 1
    a, title = strip_titles(toks, a)
    if a >= b or name_forward(toks, a, orgish=True) != b:
        return None
    words = toks[a:b]
    if (any(t.text in _lexicon().stops or any(c.isdigit() for c in t.text) for t in words)
            or words[-1].low in _PLACE_WORDS
            or label_of(sent, words[0].start, words[-1].end) in PLACE_LABELS | {"NORP", "DATE"}):
        return None
    return NameSpan(a, b, title)


def _quote_links(text: str, sent: Sentence) -> list[AliasLink]:
    """'X "Y"', 'X, "Y",' and 'Abdul "Y" Wali': a quoted name right after a name."""
    toks, out = sent.toks, []
    for p, tok in enumerate(toks):
        if tok.text not in OPEN_QUOTES or p == 0:
            continue
        hb = p - 1 if toks[p - 1].text == "," else p
        holder = holder_before(sent, hb)
        if holder is None:
            continue
        end = next((k for k in range(p + 1, min(p + 7, len(toks))) if toks[k].text in CLOSE_QUOTES), None)
        if end is None:
            continue
        inner_end = end - (toks[end - 1].text == ",")
        alias = _inner_name(sent, p + 1, inner_end) if inner_end > p + 1 else None
        if alias is None or label_of(sent, toks[holder.a].start, toks[holder.b - 1].end) in PLACE_LABELS:
            continue
        name = holder
        tail = name_forward(toks, end + 1) if hb == p else None
        if tail is not None:  # a nickname inside the name: the name runs on after the quote
            name = NameSpan(holder.a, tail, holder.title)
        out.append(_link(text, sent, name, alias, "quotes"))
    return out


def _shared_links(text: str, sent: Sentence) -> list[AliasLink]:
    """"X shares the Y alias with Z" / "shares the alias Y with Z": Y is an alias of X and of Z."""
    toks, out = sent.toks, []
    for k, tok in enumerate(toks):
        if tok.low not in _SHARE_VERBS:
            continue
        j = k + 1 + (k + 1 < len(toks) and toks[k + 1].low in ("the", "a"))
        if j < len(toks) and toks[j].low == "alias":  # "shares the alias Y with Z"
            alias_a = j + 1
            alias_b = after = name_forward(toks, alias_a)
        else:  # "shares the Y alias with Z"
            alias_a, alias_b = j, name_forward(toks, j)
            after = alias_b + 1 if alias_b is not None and alias_b < len(toks) \
                and toks[alias_b].low == "alias" else None
        if alias_b is None or after is None or after >= len(toks) or toks[after].low != "with":
            continue
        a, title = strip_titles(toks, alias_a)
        alias = NameSpan(a, alias_b, title)
        holders = []
        other_end = name_forward(toks, after + 1)
        if other_end is not None:
            start, title = strip_titles(toks, after + 1, other_end)
            holders.append(NameSpan(start, other_end, title))
        s = k
        while s > 0 and toks[s - 1].low in ("also", "who", ","):
            s -= 1
        subject = holder_before(sent, s)
        if subject is not None:
            holders.insert(0, subject)
        out += [_link(text, sent, h, alias, "alias") for h in holders]
    return out


def find_aliases(text: str, mentions: Sequence[Mention], parsed: Any = None) -> list[AliasLink]:
    """Every alias the document states, one link per (name, alias) pair, in text order.

    ``mentions`` (sorted by start) lend labels; ``parsed`` (a spaCy Doc, duck-typed) lends
    sentence boundaries and parts of speech. Both may be imperfect: names are read off the text.
    """
    found: dict[tuple[int, int, int, int], AliasLink] = {}
    for sent in sentences(text, mentions, parsed):
        for rule in (_cue_links, _shared_links, _parenthesis_links, _or_acronym_links, _quote_links):
            for link in rule(text, sent):
                key = (link.name_start, link.name_end, link.alias_start, link.alias_end)
                same = text[link.name_start:link.name_end].lower() == link.alias.lower()
                if link.alias_start != link.name_start and not same and key not in found:
                    found[key] = link
    return sorted(found.values(), key=lambda l: (l.name_start, l.alias_start))


@lru_cache(maxsize=1)
def _sharing_cues() -> re.Pattern[str]:
    words = [row[0] for row in read_lexicon("shared_alias_cues.txt")]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def shared_aliases(text: str, links: Sequence[AliasLink]) -> set[str]:
    """Aliases the article says more than one person uses ("who also shares the X alias"): a
    sentence that names the alias and says it is shared. Such a name joins no one's mentions."""
    cues = _sharing_cues()
    spans = sentence_spans(text)
    out = set()
    for link in links:
        for a, b in spans:
            sentence = text[a:b]
            if link.alias in sentence and cues.search(sentence):
                out.add(link.alias)
                break
    return out

