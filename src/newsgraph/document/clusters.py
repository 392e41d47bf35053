"""Within one article: which mentions name the same entity.

Rules, in order, each recorded as the reason of the link: the same folded name; one group of the
lexicon; an acronym and the name it abbreviates; an alias stated in the text; a short form
("Shinwari" after "Gul Shinwari", "Taliban" after "Afghan Taliban"). A short form that fits two
people goes to the nearest one before it, and a single name is never joined to a different full
name by a shared part alone across articles (that is the resolver's business, with stricter rules).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.document import lexicon
from newsgraph.records import Alias, Evidence, Mention
from newsgraph.resolve import names

TYPE_PRIORITY = {"PERSON": 3, "ORG": 2, "GPE": 1, "FAC": 1, "LOC": 0}


@dataclass(frozen=True)
class AliasClaim:
    """An alias stated in the text, reduced to spans (from ``document.aliases``)."""

    name_start: int
    name_end: int
    alias: str
    alias_start: int
    alias_end: int
    evidence: Evidence
    shared: bool = False  # the article says more than one person uses it: it joins no mentions


@dataclass(frozen=True)
class LocalEntity:
    id: str
    doc: str
    type: str
    name: str
    mentions: tuple[str, ...]
    names: tuple[str, ...]  # every distinct surface name seen for it in the article
    aliases: tuple[Alias, ...] = ()  # names stated as aliases ("X alias Y"), with evidence
    titles: tuple[str, ...] = ()
    canonical: str | None = None  # lexicon entry, when the name is a known group or place
    spans: tuple[tuple[int, int], ...] = field(default=())
    geo: dict | None = None  # places: the gazetteer's answer for this article (see newsgraph.geo)
    affiliations: tuple[dict, ...] = ()  # people: organisation, role, nationality, evidence span


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(doc_id: str, mentions: Sequence[Mention], aliases: Sequence[AliasClaim] = ()) -> list[LocalEntity]:
    """Group the mentions of one document into local entities."""
    ms = sorted(mentions, key=lambda m: m.start)
    sets = _Sets(len(ms))
    folded = [names.fold(m.text) for m in ms]
    _same_name(ms, folded, sets)
    _same_lexicon_entry(ms, sets)
    _acronyms(ms, sets)
    stated = _alias_links(ms, aliases, sets)
    _contained_names(ms, folded, sets)
    _short_forms(ms, folded, sets)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        groups[sets.find(i)].append(i)
    by_root: dict[int, dict[str, Alias]] = defaultdict(dict)
    for owner, alias in stated:
        by_root[sets.find(owner)].setdefault(names.fold(alias.name), alias)
    return [_entity(doc_id, [ms[i] for i in idx], by_root.get(root, {})) for root, idx in groups.items()]


def _same_name(ms: Sequence[Mention], folded: list[str], sets: _Sets) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        if not folded[i]:
            continue
        key = (names.type_group(m.label) if m.label != "PERSON" else "PERSON", folded[i])
        if key in first:
            sets.union(first[key], i)
        else:
            first[key] = i
    # the same name under two labels (NER noise): join when one label is PERSON with a longer name
    by_name: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        if folded[i]:
            by_name[folded[i]].append(i)
    for idx in by_name.values():
        labels = {ms[i].label for i in idx}
        if len(labels) > 1 and not any(_lexicon_entry(ms[i].text) for i in idx):
            for i in idx[1:]:
                sets.union(idx[0], i)


def _lexicon_entry(text: str) -> lexicon.LexEntry | None:
    low = text.lower()
    return lexicon.group_index().get(low) or lexicon.place_index().get(low)


def _same_lexicon_entry(ms: Sequence[Mention], sets: _Sets) -> None:
    first: dict[str, int] = {}
    for i, m in enumerate(ms):
        entry = _lexicon_entry(m.text)
        if entry is None:
            continue
        if entry.canonical in first:
            sets.union(first[entry.canonical], i)
        else:
            first[entry.canonical] = i


def _acronyms(ms: Sequence[Mention], sets: _Sets) -> None:
    long_names = [i for i, m in enumerate(ms) if m.label != "PERSON" and len(m.text.split()) >= 2]
    for i, m in enumerate(ms):
        if m.label == "PERSON" or not names.is_acronym(m.text):
            continue
        hits = {sets.find(j) for j in long_names if names.acronym_matches(m.text, ms[j].text)}
        if len(hits) == 1:
            sets.union(hits.pop(), i)


def _alias_links(ms: Sequence[Mention], aliases: Sequence[AliasClaim], sets: _Sets) -> list[tuple[int, Alias]]:
    """Join a name with its stated alias; return (owner mention index, Alias with its evidence)."""
    found: list[tuple[int, Alias]] = []
    for a in aliases:
        owner = _mention_at(ms, a.name_start, a.name_end)
        if owner is None:
            continue
        other = _mention_at(ms, a.alias_start, a.alias_end)
        if other is not None and ms[other].label == ms[owner].label and not a.shared:
            sets.union(owner, other)
        found.append((owner, Alias(a.alias, a.evidence)))
    return found


def _mention_at(ms: Sequence[Mention], start: int, end: int) -> int | None:
    for i, m in enumerate(ms):
        if m.start < end and start < m.end:
            return i
    return None


def _contained_names(ms: Sequence[Mention], folded: list[str], sets: _Sets) -> None:
    """A person's two-or-more-part name inside a longer one ("bin Laden" in "Osama bin Laden")."""
    people = [(i, tuple(folded[i].split())) for i, m in enumerate(ms) if m.label == "PERSON"]
    for i, short in people:
        if len(short) < 2:
            continue
        hosts = {sets.find(j) for j, long in people if len(long) > len(short) and names.contains(short, long)}
        if len(hosts) == 1:
            sets.union(hosts.pop(), i)


def _short_forms(ms: Sequence[Mention], folded: list[str], sets: _Sets) -> None:
    """A one-word name joins the longer name it is part of (first or last word for people).

    A short form that fits two different people joins neither, and "Ms" never joins a record
    that already holds a "Mr" (nor the reverse): a wrong merge costs more than a missed one.
    """
    for i, m in enumerate(ms):
        toks = folded[i].split()
        if len(toks) != 1 or _lexicon_entry(m.text):
            continue
        word = toks[0]
        people = [j for j, n in enumerate(ms) if j != i and n.label == "PERSON"
                  and len(folded[j].split()) >= 2 and word in (folded[j].split()[0], folded[j].split()[-1])]
        people = [j for j in people if _courtesy_fits(m, [n for k, n in enumerate(ms) if sets.find(k) == sets.find(j)])]
        if people:
            if len({sets.find(j) for j in people}) == 1:
                sets.union(people[0], i)
            continue
        if m.label in ("ORG", "NORP"):
            heads = Counter(sets.find(j) for j, n in enumerate(ms) if j != i and n.label == "ORG"
                            and len(folded[j].split()) >= 2 and folded[j].split()[-1] == word)
            if heads:
                sets.union(heads.most_common(1)[0][0], i)


FEMININE = frozenset({"Ms", "Ms.", "Mrs", "Mrs.", "Miss"})
MASCULINE = frozenset({"Mr", "Mr."})


def _courtesy_fits(m: Mention, group: list[Mention]) -> bool:
    titles = {t for n in group if n.title for t in n.title.split()}
    mine = set((m.title or "").split())
    return not ((mine & FEMININE and titles & MASCULINE) or (mine & MASCULINE and titles & FEMININE))


def _entity(doc_id: str, members: list[Mention], alias_names: dict[str, Alias]) -> LocalEntity:
    type_ = _type(members)
    stated = set(alias_names)
    surfaces = [m.text for m in members]
    candidates = [s for s in surfaces if names.fold(s) not in stated] or surfaces
    name = best_name(candidates, type_)  # a surface of this article; the record may use the lexicon's
    distinct: dict[str, str] = {}
    for s in surfaces:
        distinct.setdefault(names.fold(s), s)
    entry = next((e for m in members if (e := _lexicon_entry(m.text))), None)
    first = min(m.start for m in members)
    eid = "l_" + hashlib.sha1(f"{doc_id}:{first}".encode()).hexdigest()[:16]
    return LocalEntity(
        id=eid, doc=doc_id, type=type_, name=name, mentions=tuple(m.id for m in members),
        names=tuple(distinct.values()), aliases=tuple(alias_names.values()),
        titles=tuple(sorted({m.title for m in members if m.title})),
        canonical=entry.canonical if entry else None,
        spans=tuple((m.start, m.end) for m in members),
    )


def _type(members: list[Mention]) -> str:
    entry = next((e for m in members if (e := _lexicon_entry(m.text))), None)
    if entry is not None:
        return entry.type
    votes = Counter(m.label for m in members)
    if any(m.label == "PERSON" and len(names.tokens(m.text)) >= 2 for m in members):
        return "PERSON"
    return max(votes, key=lambda t: (votes[t], TYPE_PRIORITY.get(t, 0)))


def best_name(surfaces: list[str], type_: str, canonical: str | None = None) -> str:
    """The fullest name: most name parts, then most frequent, then first seen.

    The lexicon's spelling wins when the text uses it in some form; a name in capitals (a
    dateline's "KABUL") only when there is no other.
    """
    if canonical and any(names.fold(s) == names.fold(canonical) for s in surfaces):
        return canonical
    counts = Counter(surfaces)
    if type_ != "PERSON":
        surfaces = [s for s in surfaces if not names.is_acronym(s)] or surfaces
    surfaces = [s for s in surfaces if not (s.isupper() and len(s) > 3)] or surfaces
    return max(dict.fromkeys(surfaces), key=lambda s: (len(names.tokens(s)), counts[s]))
