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

The token and name-span helpers at the top are shared with ``roles``.
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

__all__ = ["AliasLink", "find_aliases"]

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

_NEVER_FINAL_RE = re.compile(r"(?:\ba\.k\.a|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Prof|Sen|Rep|Gov|St|No))\.\s*$")
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


# --- tokens, sentences and name spans (shared with roles) -----------------------------------

@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span, tokens, the mentions inside it and the parser's tags (if any)."""

    start: int
    end: int
    toks: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    tags: dict[int, str]  # token start offset → the parser's fine tag (VBD, NN …); empty without one
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
        rough = []
        for sent in parsed.sents:  # the parser ends sentences after "a.k.a." or "Dr.": rejoin them
            if rough and _NEVER_FINAL_RE.search(text, 0, rough[-1][1]) and "\n" not in text[rough[-1][1]:sent.start_char]:
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
    norp = frozenset(t.idx for e in getattr(parsed, "ents", ()) if e.label_ == "NORP" for t in e)
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    out = []
    for a, b in sentence_spans(text, parsed):
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        inside = tuple(m for m in ordered[lo:hi] if m.end <= b)
        out.append(Sentence(a, b, tokenize(text, a, b), inside, tags, norp))
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
    """Skip honorifics at token ``a`` that a name follows before ``b`` ("Mufti Noor Wali" → "Noor
    Wali", "Mufti"). Only at the front, as the mention stage does: "Hassan Sheikh Mohamud" keeps
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
    ("Afghan Ambassador Sardar Shakib" → the PERSON "Sardar Shakib"), honorifics stripped."""
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


def name_before_alias(sent: Sentence, a: int) -> NameSpan | None:
    """For "Qasim alias Milyar, an officer", the name before the alias cue that ends at ``a``."""
    lex = _lexicon()
    cues, longest = lex.cues, lex.longest
    for size in range(1, longest + 1):
        hit = match_phrase(sent.toks, a - size, cues, longest) if a - size >= 0 else None
        if hit is not None and hit[0] == a and not hit[1].reverse and not hit[1].weak:
            return holder_before(sent, a - size)
    return None


_DETERMINERS = {"his": "the", "her": "the", "its": "the", "their": "the"}


def match_phrase(toks: Sequence[Token], i: int, table: dict[tuple[str, ...], Any],
                 longest: int) -> tuple[int, Any] | None:
    """Longest phrase of ``table`` (keys: lower-cased token tuples) starting at token ``i``;
    possessive determiners match "the" ("known by his nom de guerre")."""
    for size in range(min(longest, len(toks) - i), 0, -1):
        hit = table.get(tuple(_DETERMINERS.get(t.low, t.low) for t in toks[i:i + size]))
        if hit is not None:
            return i + size, hit
    return None


def read_lexicon(name: str) -> list[list[str]]:
    """Rows of ``data/lexicons/<name>``: ``|``-separated fields, comments and blanks dropped."""
    path = resources.files("newsgraph") / "data" / "lexicons" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([f.strip() for f in line.split("|")])
    return rows


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


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """One-word titles (Mufti, Qari, Dr, Commander…) taken off names and kept apart: the mention
    stage's list (``lexicon.titles``, offices like "President" excepted: those are roles here)."""
    return frozenset(t.rstrip(".") for t, kind in lexicon.titles().items() if kind != "office" and " " not in t)


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
