"""Roles and affiliations a document states: who holds which position in which organisation.

Patterns, each tied to the one person the grammar makes it about:
  pre-nominal   "TTP chief Gul Zaman", "former TTP head Mullah Karim", "Pakistan's
                information minister X", "the group's spokesman, X," (role before the name)
  apposition    "X, a spokesman for the Afghan government", "X, the TTP's deputy emir",
                "X, senior fellow of the South Asia desk at the Harbour Institute"
  copula        "X is a senior leader of the TTP", "X served as the head of the group's finance council"
  verb          "X, who heads the Y" ("heads" → head, "led" → leader; verbs tagged in the lexicon)
  dependency    with a parse, a role noun in apposition to a person ("appos") that the rules
                above missed ("X, 45, once a TTP commander"), its org read off poss/compound/prep

Why rules over the parse first: the small model attaches prepositions and conjunctions loosely
("for B, said C") and the role vocabulary is a closed set (``data/lexicons/roles.txt``), so a
token grammar anchored on the lexicon is both more precise and explainable; the parse is a
fallback. A role phrase is used once: an apposition claims it before the pre-nominal rule can
hand it to the next name, so in "A, a spokesman for B, said C, the group's chief" A is the
spokesman and C the chief. An organisation not named ("the group's chief") stays None: the
clustering stage may resolve it, this stage does not guess.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.document.spans import (
    PLACE_LABELS,
    POSSESSIVE,
    NameSpan,
    Sentence,
    Token,
    name_word,
    holder_before,
    label_of,
    name_forward,
    sentences,
    strip_titles,
)
from newsgraph.document.aliases import (
    is_acronym,
    name_before_alias,
)
from newsgraph.document.roles_phrases import (
    _HEAD_TAGS,
    _Org,
    _ROLE_TAGS,
    _Run,
    _after_acronym,
    _lexicon,
    _match,
    _nationality,
    _org_forward,
    _org_tail,
    _phrase_end,
    _phrases,
    _role_run,
    _skip_adverbs,
    _verb_role,
)
from newsgraph.records import Mention

__all__ = ["RoleLink", "find_roles"]

_PRONOUNS = frozenset({"his", "her", "its", "their"})
_NOT_PERSON = PLACE_LABELS | {"NORP"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(frozen=True)
class RoleLink:
    """The person at [person_start, person_end) holds ``role`` in the organisation (if stated)."""

    person_start: int
    person_end: int
    org_start: int | None
    org_end: int | None
    org_name: str | None  # the organisation, or the country in "Pakistan's information minister"
    role: str  # normalised role phrase: "chief", "shadow defense minister and second-in-command"
    nationality: str | None  # "Afghan" in "an Afghan national and bombmaker"
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True)
class _Found:
    """A role phrase read after a name: its words, organisation, nationality and token extent."""

    words: tuple[str, ...]
    org: _Org | None
    nationality: str | None
    run: _Run
    end: int


def _pre_head(sent: Sentence, text: str, j: int) -> tuple[list[str], _Org | None, str | None, int]:
    """Words between a determiner and a role: "former TTP", "the TTP's (TTP)", "Afghan national and"."""
    toks, n = sent.toks, len(sent.toks)
    mods: list[str] = []
    while j < n and (hit := _match(toks, j, {"modifier", "drop"})) and not _match(toks, j, _HEAD_TAGS):
        mods += [] if hit[1] == {"drop"} else [" ".join(t.low for t in toks[j:hit[0]])]
        j = hit[0]
    if j < n and toks[j].low in _PRONOUNS:
        return mods, None, None, j + 1
    body = _match(toks, j, {"body"}) if j < n and toks[j].text.islower() else None
    if body is not None and _role_run(toks, body[0]):  # "the police chief", "the army spokesman"
        return mods + [" ".join(t.low for t in toks[j:body[0]])], None, None, body[0]
    poss = next((k for k in range(j, min(j + 4, n)) if toks[k].text in POSSESSIVE), None)
    if poss is not None and poss > j and all(t.text.islower() for t in toks[j:poss]):
        return mods, None, None, poss + 1  # "the group's": an organisation not named
    org = _org_forward(sent, text, j) if j < n and name_word(toks[j]) else None
    if org is None:
        return mods, None, None, j
    k, nationality = org.end, None
    if k < n and toks[k].text in POSSESSIVE:
        k = _after_acronym(toks, k + 1, n)
    if k < n and _match(toks, k, {"national"}):
        nationality, org = _nationality(text, toks, org), None
        k += 1 + (k + 1 < n and toks[k + 1].low == "and")
    elif org.nationality:
        nationality, org = _nationality(text, toks, org), None
    return mods, org, nationality, k


_PORTFOLIO_TAGS = frozenset({"NN", "NNS", "CC", "JJ"})


def _portfolio(sent: Sentence, text: str, run: _Run) -> tuple[list[str], int]:
    """"for Information and Broadcasting", "for refugees and repatriation" after a portfolio head
    ("minister"): the words to add to the role and the token after them. A place is not a
    portfolio ("minister of Pakistan"); lower-case portfolios need the parser's noun tags."""
    toks, k = sent.toks, run.b
    if not run.portfolio or k + 1 >= len(toks) or toks[k].low not in ("for", "of", "on"):
        return [], k
    end = name_forward(toks, k + 1, orgish=True, linked=True)
    person = next((m.start for m in sent.mentions if m.label == "PERSON" and end is not None
                   and toks[k + 1].start < m.start < toks[end - 1].end), None)
    if person is not None:  # "Secretary of State Antony Blinken": the name is no portfolio
        end = next(i for i in range(k + 1, end) if toks[i].start >= person)
    if end is None:
        end = k + 1
        while end < len(toks) and toks[end].text.islower() and sent.tags.get(toks[end].start) in _PORTFOLIO_TAGS:
            end += 1
        while end > k + 1 and toks[end - 1].low == "and":
            end -= 1
        if end == k + 1 or not any(sent.tags.get(t.start, "").startswith("NN") for t in toks[k + 1:end]):
            return [], k
    elif label_of(sent, toks[k + 1].start, toks[end - 1].end) in PLACE_LABELS:
        return [], k
    return [text[toks[k].start:toks[end - 1].end].lower()], end


def _role_after(sent: Sentence, text: str, j: int) -> _Found | None:
    """The role phrase of an apposition or copula starting at token ``j`` (after the comma/verb)."""
    toks, n = sent.toks, len(sent.toks)
    if j < n and toks[j].low in ("a", "an", "the"):
        j += 1
    run = _role_run(toks, j)
    mods, org, nationality, k = ([], None, None, j) if run else _pre_head(sent, text, j)
    run = run or _role_run(toks, k)
    if run is None:
        return None
    portfolio, k = _portfolio(sent, text, run)
    words = list(mods) + list(run.words) + portfolio
    p = _prep(toks, k) if org is None else k
    found = _org_forward(sent, text, p) if p > k else None
    if found is not None:
        prep = toks[k].low
        nxt = toks[found.end].low if found.end < n else ""
        chained = _org_forward(sent, text, found.end + 1) if nxt in ("at", "of") else None
        if chained is not None:  # "senior fellow of the South Asia desk at the Harbour Institute"
            words.append(f"{prep} {text[toks[p].start:toks[found.end - 1].end]}")
            found = chained
        elif found.unit and prep in ("of", "for", "at"):  # "head of the group's finance council"
            words.append(f"{prep} the {found.unit}")
        org, k = found, found.end
    if k < n and k == run.b and (name_word(toks[k]) or _finite(sent, toks[k]) or toks[k].text in POSSESSIVE):
        return None  # "Shah, then-President Ayub Khan", "X, the official said", "the founder's son"
    return _Found(tuple(words), org, nationality, run, k)


def _prep(toks: Sequence[Token], k: int) -> int:
    """Past the preposition at ``k`` that leads from a role to its organisation (``k`` if none)."""
    end = _phrase_end(toks, k, "prep")
    return end if end < len(toks) else k


def _finite(sent: Sentence, tok: Token) -> bool:
    """Is this a finite verb (the clause goes on, so the noun before it was its subject)?"""
    tag = sent.tags.get(tok.start)
    return tag in _FINITE_TAGS if tag is not None else (tok.low,) in _phrases("reporting")


def _link(sent: Sentence, text: str, person: NameSpan, found: _Found | None = None, *,
          role: str | None = None, org: _Org | None = None) -> RoleLink:
    toks = sent.toks
    org = found.org if found else org
    if org is not None and (org.person or org.nationality
                            or "body" in _lexicon()[0].get(tuple(t.low for t in toks[org.a:org.b]), ())):
        org = None  # a person, a nationality, or a common noun that opens a sentence ("Police chief X")
    if org is not None and found is not None and found.run.group and org.b == org.end \
            and label_of(sent, toks[org.a].start, toks[org.b - 1].end) in PLACE_LABELS:
        org = None  # "the Swat commander", "the commander for Mohmand": where, not whom
    o_start = toks[org.a].start if org else None
    o_end = toks[org.b - 1].end if org else None
    return RoleLink(toks[person.a].start, toks[person.b - 1].end, o_start, o_end,
                    text[o_start:o_end] if org else None,
                    role or " ".join(found.words), found.nationality if found else None,
                    sent.start, sent.end)


def _person_ok(sent: Sentence, name: NameSpan | None) -> bool:
    """A name that can hold a role: not a place or nationality, not an acronym, not a role word."""
    if name is None or name.b <= name.a:
        return False
    toks = sent.toks
    words = toks[name.a:name.b]
    if len(words) == 1 and words[0].text.isupper():
        return False
    if _match(toks, name.a, _ROLE_TAGS | {"body"}):
        return False
    start, end = words[0].start, words[-1].end
    inside = [m for m in sent.mentions if m.start < end and start < m.end]
    if any(m.label == "PERSON" for m in inside):
        return True
    # a place covering the whole name is no person; one inside it is a tribal name ("Ali Wazir")
    return not any(m.label in _NOT_PERSON and m.start <= start and end <= m.end for m in inside)


def _copula(toks: Sequence[Token], j: int) -> int | None:
    """Index after "is", "was", "has been", "served as" … (adverbs allowed around), else None."""
    j = _skip_adverbs(toks, j)
    end = _phrase_end(toks, j, "copula")
    return _skip_adverbs(toks, end) if end > j else None


def _after_name(sent: Sentence, text: str, holder: NameSpan, used: set[int],
                primary: NameSpan | None = None) -> list[RoleLink]:
    """Roles stated after a name (given to ``primary`` when the name is its alias): apposition,
    copula, relative clause or role verb."""
    toks, n, j = sent.toks, len(sent.toks), holder.b
    comma = j < n and toks[j].text == ","
    if comma and j + 2 < n and toks[j + 1].text.isdigit() and toks[j + 2].text == ",":
        j += 2  # "X, 45, a commander"
    k = j + comma
    if comma and k < n and toks[k].low == "who":
        k += 1
    found = None
    if comma and (k == j + 1):
        found = _role_after(sent, text, k)
    subject = k > j + 1 or sent.deps.get(toks[holder.b - 1].start, "nsubj") in ("nsubj", "nsubjpass", "appos")
    if not subject:  # "the man who killed X is a commander": X is no subject, the clause is not his
        return [] if found is None else _claim(sent, text, holder, primary, found, used)
    if found is None and (c := _copula(toks, k)) is not None:
        found = _role_after(sent, text, c)
    if found is not None:
        return _claim(sent, text, holder, primary, found, used)
    k = _skip_adverbs(toks, k)
    verb = _verb_role(toks[k].low) if k < n else None
    org = _org_forward(sent, text, k + 1) if verb else None
    if org is None or org.person or (org.end < n and toks[org.end].text.islower()
                                     and sent.tags.get(toks[org.end].start) in ("NN", "NNS")):
        return []
    used.add(k)
    role = f"{verb} of the {org.unit}" if org.unit else verb  # "who heads the group's finance council"
    return [_link(sent, text, primary or holder, role=role, org=org)]


def _claim(sent: Sentence, text: str, holder: NameSpan, primary: NameSpan | None, found: _Found,
           used: set[int]) -> list[RoleLink]:
    """The link for a role phrase, unless another name has claimed the phrase already."""
    if any(i in used for i in range(found.run.a, found.run.b)):
        return []
    used.update(range(found.run.a, found.run.b))
    return [_link(sent, text, primary or holder, found)]


def _post_nominal(sent: Sentence, text: str, used: set[int]) -> list[RoleLink]:
    """Roles after each name of the sentence (names end where a capitalised run ends)."""
    toks, out = sent.toks, []
    for j in range(1, len(toks) + 1):
        if not name_word(toks[j - 1]) or (j < len(toks) and name_word(toks[j])):
            continue
        holder = holder_before(sent, j)
        if _person_ok(sent, holder):
            primary = name_before_alias(sent, holder.a)  # "Rahim alias Toofan, an officer": Rahim
            out += _after_name(sent, text, holder, used, primary if _person_ok(sent, primary) else None)
    return out


def _org_before(sent: Sentence, text: str, rs: int) -> tuple[list[str], _Org | None, str | None, int]:
    """The organisation (or possessor) named just before a role at ``rs``: "former TTP", "Pakistan's",
    "Afghan government", "the group's". Returns modifiers before it, org, nationality, start token."""
    toks = sent.toks
    gap = _gap_nouns(sent, rs)
    if gap:
        mods, org, nationality, a = _org_before(sent, text, rs - len(gap))
        if org is not None or nationality is not None:
            return mods + [t.low for t in toks[rs - len(gap):rs]], org, nationality, a
    k, body_end = rs, None
    for size in (2, 1):
        seg = toks[max(k - size, 0):k]
        if len(seg) == size and all(t.text.islower() for t in seg) \
                and "body" in _lexicon()[0].get(tuple(t.low for t in seg), ()):
            body_end, k = k, k - size
            break
    if k >= 3 and toks[k - 1].text == ")" and toks[k - 3].text == "(" and is_acronym(toks[k - 2].text):
        k -= 3
    poss = k >= 1 and toks[k - 1].text in POSSESSIVE
    k -= poss
    if poss and k >= 1 and (toks[k - 1].low in _PRONOUNS or toks[k - 1].text.islower()):
        return [], None, None, k - 1  # "the group's chief X"
    if k >= 1 and toks[k - 1].low in _PRONOUNS and body_end is None:
        return [], None, None, k - 1
    start = holder_before(sent, k, orgish=True) if k >= 1 else None
    if start is None:
        return [], None, None, rs
    lead, mods = _leading_modifiers(toks, start.a, k)
    org = _org_tail(sent, text, lead, body_end or k, rs)
    a = start.a
    while a >= 1 and (hit := _match(toks, a - 1, {"modifier"})) and hit[0] == a:
        mods.insert(0, toks[a - 1].low)
        a -= 1
    nationality = _nationality(text, toks, org) if org.nationality else None
    return mods, org, nationality, a


def _leading_modifiers(toks: Sequence[Token], a: int, b: int) -> tuple[int, list[str]]:
    """Role modifiers opening a capitalised run ("Former TTP" at a sentence start): (new start, words)."""
    mods: list[str] = []
    while a < b - 1 and (hit := _match(toks, a, {"modifier", "drop"})) and hit[0] < b:
        mods += [] if hit[1] == {"drop"} else [" ".join(t.low for t in toks[a:hit[0]])]
        a = hit[0]
    return a, mods


def _people_after(sent: Sentence, i: int, plural: bool) -> list[NameSpan]:
    """The name at ``i`` (honorifics off), or for a plural role the list "X, Y and Z"."""
    toks, people = sent.toks, []
    while True:
        end = name_forward(toks, i)
        if end is None:
            break
        a, title = strip_titles(toks, i, end)
        person = NameSpan(a, end, title)
        if not _person_ok(sent, person):
            break
        people.append(person)
        if not plural or end >= len(toks) or toks[end].low not in (",", "and"):
            break
        i = end + 1 + (toks[end].text == "," and end + 1 < len(toks) and toks[end + 1].low == "and")
    return people


def _closes_apposition(toks: Sequence[Token], a: int, end: int) -> bool:
    """"the group's spokesman, X," names X only when X ends the phrase and the role phrase is not
    itself an apposition to an earlier name ("A, a spokesman for B, C said")."""
    ends = end >= len(toks) or toks[end].text in (",", ".", "(", ";")
    appositive = a >= 1 and (toks[a - 1].text == "," or (
        a >= 2 and toks[a - 1].low in ("a", "an", "the") and toks[a - 2].text == ","))
    return ends and not appositive


def _gap_nouns(sent: Sentence, rs: int) -> list[Token]:
    """Common nouns between an organisation and its role ("Afghan Taliban border police officer"):
    tagged NN by the parser, or without a parse a body/unit word of the lexicon."""
    gap: list[Token] = []
    k = rs
    while len(gap) < 2 and k >= 2 and sent.toks[k - 1].text.isalpha() and sent.toks[k - 1].text.islower():
        tok = sent.toks[k - 1]
        known = _lexicon()[0].get((tok.low,), frozenset())
        if "body" in known or sent.tags.get(tok.start, "NN" if "unit" in known else "") != "NN":
            break
        gap.insert(0, tok)
        k -= 1
    return gap if k >= 1 and name_word(sent.toks[k - 1]) else []


def _pre_nominal(sent: Sentence, text: str, used: set[int]) -> list[RoleLink]:
    """"TTP chief Gul Zaman", "Pakistan's Minister for Information, X," (role, then the name)."""
    toks, n, out, i = sent.toks, len(sent.toks), [], 0
    while i < n:
        run = _role_run(toks, i) if i not in used else None
        if run is None:
            i += 1
            continue
        body = _match(toks, run.a, {"body"})
        if body and run.a >= 1 and name_word(toks[run.a - 1]) and (shorter := _role_run(toks, body[0])):
            run = shorter if shorter.b == run.b else run  # "Pakistani military spokesman"
        i = run.b
        if any(k in used for k in range(run.a, run.b)):
            continue
        portfolio, k = _portfolio(sent, text, run)
        words = list(run.words) + portfolio
        after = _org_forward(sent, text, _prep(toks, k)) if _prep(toks, k) > k else None
        if after is not None and after.end < n and toks[after.end].text == ",":
            k = after.end  # "the spokesman for the TTP, Ali Khan,"
        else:
            after = None
        comma = k < n and toks[k].text == ","
        people = _people_after(sent, k + comma, run.plural)
        if not people:
            continue
        mods, org, nationality, a = _org_before(sent, text, run.a)
        if comma and not _closes_apposition(toks, a, people[-1].b):
            continue
        org = after or org
        used.update(range(run.a, run.b))
        found = _Found(tuple(mods + words), org, nationality, run, k)
        out += [_link(sent, text, person, found) for person in people]
    return out


def _led_by(sent: Sentence, text: str, used: set[int]) -> list[RoleLink]:
    """"the TTP, led by X", "TTP leadership under X": X leads the organisation named before."""
    toks, n, out = sent.toks, len(sent.toks), []
    for k in range(1, n - 1):
        low = toks[k].low
        if (low.endswith("ed") or low in ("led", "run")) and toks[k + 1].low == "by":
            role, start = _verb_role(low), k + 2  # "led by", "headed by", "founded by", "run by"
        elif low in ("leadership", "leaders") and toks[k + 1].low == "under":
            role, start = "leader", k + 2
        else:
            continue
        end = name_forward(toks, start)
        a, title = strip_titles(toks, start, end) if end is not None else (start, None)
        person = NameSpan(a, end, title) if end is not None else None
        o = k - (toks[k - 1].text == ",")
        org_start = holder_before(sent, o, orgish=True) if o >= 1 else None
        if role is None or not _person_ok(sent, person) or org_start is None or k in used:
            continue
        org = _org_tail(sent, text, _leading_modifiers(toks, org_start.a, o)[0], o, o)
        if org.person or org.nationality or label_of(sent, toks[org.a].start, toks[org.b - 1].end) in PLACE_LABELS:
            continue
        used.add(k)
        out.append(_link(sent, text, person, role=role, org=org))
    return out


def _headline(sent: Sentence) -> bool:
    """Title-case lines ("TTP Commander Linked to …") make every word look like a name: skip them.
    A line ending like a sentence (". ! ?") is a sentence, however many names it holds."""
    words = [t for t in sent.toks if t.text.isalpha() and len(t.text) >= 4]
    if not sent.toks or sent.toks[-1].text in (".", "!", "?", "”", '"', "’"):
        return False
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def _dependency(sent: Sentence, text: str, appos: Sequence[Any], used: set[int],
                taken: set[tuple[int, int]]) -> list[RoleLink]:
    """Role nouns the parse puts in apposition to a person (``appos``: the parser's tokens with
    that relation), for phrasings the token rules do not cover; the organisation comes from the
    noun's poss/compound/of-for-at children."""
    out = []
    by_start = {t.start: i for i, t in enumerate(sent.toks)}
    for tok in appos:
        if not sent.start <= tok.idx < sent.end or tok.idx not in by_start:
            continue
        i = by_start[tok.idx]
        if i in used or not _match(sent.toks, i, _HEAD_TAGS):
            continue
        person = _person_at(sent, by_start.get(tok.head.idx))
        if person is None or (sent.toks[person.a].start, sent.toks[person.b - 1].end) in taken:
            continue
        org = None
        for child in tok.children:
            target = _org_token(child)
            if target is not None and target.idx in by_start:
                org = _org_from(sent, text, by_start[target.idx]) or org
        used.add(i)
        mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                and "modifier" in _lexicon()[0].get((c.lower_,), ())]
        found = _Found((*mods, tok.lower_), org, None, _Run(i, i + 1, (tok.lower_,), False), i + 1)
        out.append(_link(sent, text, person, found))
    return out


def _org_token(child: Any) -> Any | None:
    """The token a role noun's child gives for its organisation: a poss/compound child, or the
    object of an of/for/at child."""
    if child.dep_ in ("poss", "compound"):
        return child
    if child.dep_ == "prep" and child.lower_ in ("of", "for", "at"):
        return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _person_at(sent: Sentence, i: int | None) -> NameSpan | None:
    """The person name whose capitalised run holds token ``i`` (a PERSON mention must cover it)."""
    toks = sent.toks
    if i is None or not name_word(toks[i]):
        return None
    end = i + 1
    while end < len(toks) and name_word(toks[end]):
        end += 1
    person = holder_before(sent, end)
    if not _person_ok(sent, person) or label_of(sent, toks[i].start, toks[i].end) != "PERSON":
        return None
    return person


def _org_from(sent: Sentence, text: str, i: int) -> _Org | None:
    """The organisation whose name contains token ``i`` (the parse points at its last word)."""
    toks = sent.toks
    if not name_word(toks[i]):
        return None
    a = i
    while a > 0 and (name_word(toks[a - 1]) or toks[a - 1].low in ("of", "for")):
        a -= 1
    while a < i and not name_word(toks[a]):
        a += 1
    end = name_forward(toks, a, orgish=True)
    if end is None or end <= i:
        return None
    org = _org_tail(sent, text, a, end)
    place = label_of(sent, toks[a].start, toks[end - 1].end) in PLACE_LABELS - {"GPE"}
    return None if org.person or place else org


def find_roles(text: str, mentions: Sequence[Mention], parsed: Any = None) -> list[RoleLink]:
    """Every (person, role, organisation) the document states, in text order, with evidence.

    ``mentions`` (sorted by start) lend labels so places and nationalities are not taken for
    people; ``parsed`` (a spaCy Doc, duck-typed) lends sentences, parts of speech and appositions.
    """
    found: dict[tuple[Any, ...], RoleLink] = {}
    appos = [t for t in parsed if t.dep_ == "appos"] if parsed is not None else []
    for sent in sentences(text, mentions, parsed):
        if _headline(sent):
            continue
        used: set[int] = set()
        links = _post_nominal(sent, text, used)
        links += _pre_nominal(sent, text, used)
        links += _led_by(sent, text, used)
        if parsed is not None:
            taken = {(l.person_start, l.person_end) for l in links}
            links += _dependency(sent, text, appos, used, taken)
        for link in links:
            found.setdefault((link.person_start, link.person_end, link.role, link.org_start), link)
    return sorted(found.values(), key=lambda l: (l.person_start, l.evidence_start))
