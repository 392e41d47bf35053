"""Toponym disambiguation: choose, for every place name of one document, one gazetteer row.

Why the names of a document are resolved together: a name alone is ambiguous ("Paris" has a
dozen GeoNames rows, "Georgia" is a country and a US state, "Tank" a town and a district), but
the other names of the same article nearly always settle it. The score of a candidate row is

    prior      kind (country > region > province > district), population, capital, how the
               name matched (main name > abbreviation/demonym > alternate/stripped name), minus
               a penalty for a town that merely shares a country's or province's name
  + qualifier  "Paris, Texas", "Athens (Ga.)": the row must lie inside the named container
  + support    the document's other names could lie in the same district or province, or name
               it (every plausible reading of them, weighted by its prior: no local optimum)
  + context    share of the current choice of the other names in the same country/province,
               the country itself being named, closeness to the other local places
  + hint       the caller's country,

and the choice is refined a few rounds, each name re-scored against the current choice of all
the others (a small coordinate ascent: anchors such as "Texas" pull "Paris" to Texas, then Paris
helps its own neighbours). All weights are general; none is tuned to one document.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .gazetteer import (ABBR, ALT, CITY, COUNTRY, DEMONYM, DISTRICT, FACILITY, KINDS, MAIN,
                        OTHER, PROVINCE, REGION, STRIPPED, VILLAGE, Gazetteer)
from .normalize import key, singular, strip_admin_prefix, strip_admin_words, strip_compass

MAX_CANDIDATES = 40
SUPPORT_CANDIDATES = 25  # candidates of each name that may lend support to another name's
WEIGHT_SCALE = 1.5  # prior points per e-fold of a candidate's plausibility
SUPPORT_CAP = 6.0
ROUNDS = 6
KIND_PRIOR = {COUNTRY: 9.0, PROVINCE: 7.6, REGION: 8.0, FACILITY: 6.0, DISTRICT: 5.0, OTHER: 4.0}
HOW_PENALTY = {MAIN: 0.0, ABBR: -0.3, DEMONYM: -0.3, ALT: -1.2, STRIPPED: -1.2}
LOCAL_KINDS = frozenset((CITY, VILLAGE, DISTRICT, FACILITY))
_QUALIFIER = re.compile(r"\s*(?:,|\()\s*((?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*\.?){0,3})")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a place name; offsets (when known) let the text after it qualify it."""

    name: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Toponym:
    """A distinct place name of the document with its candidate rows and their priors."""

    key: str
    count: int
    rows: tuple[int, ...]
    priors: tuple[float, ...]
    inside: frozenset[int]  # rows of containers named right after it ("Paris, Texas")
    weights: dict[int, float]  # row -> plausibility in (0, 1] relative to the best candidate


def city_prior(population: int) -> float:
    """About 1.1 points per tenfold population; unknown (0) counts as a village of 1,000."""
    return 1.0 + 1.1 * math.log10(max(population, 1000) + 1)


def prior(g: Gazetteer, row: int, how: int) -> float:
    """How likely a row is before any context: countries > provinces > big cities > the rest."""
    kind = g.kind[row]
    if kind in (CITY, VILLAGE):
        p = city_prior(g.population[row]) + (1.5 if g.geonames_id[row] in g.capitals else 0.0)
    else:
        p = KIND_PRIOR.get(kind, 4.0)
    return p + HOW_PENALTY[how] - (1.0 if g.approx[row] else 0.0)


def candidates(g: Gazetteer, name: str) -> list[tuple[int, int]]:
    """(row, how) for a name: its key, else without unit words ("Swat District"), without a
    "Republic of", as a singular demonym ("Palestinians"), or without compass words."""
    k = key(name)
    found = g.lookup(k)
    if found:
        return found
    stripped = strip_admin_words(k)
    if stripped:  # "Lebanon County" is no country
        found = [(r, max(h, STRIPPED)) for r, h in g.lookup(stripped) if g.kind[r] != COUNTRY]
        if found:
            return found
    stripped = strip_admin_prefix(k)
    if stripped:  # "Republic of Congo", "Province of Punjab"
        found = [(r, max(h, STRIPPED)) for r, h in g.lookup(stripped) if g.kind[r] in (COUNTRY, PROVINCE, DISTRICT)]
        if found:
            return found
    one = singular(k)
    if one:
        found = [(r, h) for r, h in g.lookup(one) if h in (DEMONYM, MAIN) and g.kind[r] != VILLAGE]
        if found:
            return found
    rest = strip_compass(k)
    if rest:  # "North Dallas", "Northern Europe": the part of a known place
        return [(r, STRIPPED) for r, h in g.lookup(rest) if h != ALT]
    return []


def qualifier_rows(g: Gazetteer, text: str | None, mentions: list[Mention]) -> frozenset[int]:
    """Provinces/countries/districts named right after any occurrence: "Paris, Texas"."""
    if not text:
        return frozenset()
    found: set[int] = set()
    for m in mentions:
        if m.end is None:
            continue
        match = _QUALIFIER.match(text, m.end, min(len(text), m.end + 40))
        if not match:
            continue
        words = match.group(1).split()
        for n in range(len(words), 0, -1):  # longest container name first ("New South Wales")
            rows = [r for r, h in g.lookup(key(" ".join(words[:n])))
                    if g.kind[r] in (COUNTRY, PROVINCE, DISTRICT) and h in (MAIN, ABBR)]
            if rows:
                found.update(rows)
                break
    return frozenset(found)


def make_toponym(g: Gazetteer, k: str, mentions: list[Mention], text: str | None) -> Toponym:
    cands = candidates(g, mentions[0].name)
    inside = qualifier_rows(g, text, mentions)
    if inside and any(h in (MAIN, ABBR) and g.kind[r] in (COUNTRY, PROVINCE) for r, h in cands):
        # "Washington, Oregon and Idaho" is a list of states, not a town in Oregon
        inside = frozenset(c for c in inside if g.kind[c] == DISTRICT)
    scored = sorted(((prior(g, r, h) - collision(g, r, cands), r) for r, h in cands), reverse=True)
    scored = scored[:MAX_CANDIDATES]
    top = scored[0][0] if scored else 0.0
    weights = {r: math.exp((p - top) / WEIGHT_SCALE) for p, r in scored[:SUPPORT_CANDIDATES]}
    return Toponym(k, len(mentions), tuple(r for _, r in scored), tuple(p for p, _ in scored),
                   inside, weights)


def collision(g: Gazetteer, row: int, cands: list[tuple[int, int]]) -> float:
    """Penalty for a town that merely shares its name with a country or province.

    "China" is the country far more often than China, Maine; "Ontario" the province more often
    than Ontario, California. Context can still win, but it has to be strong.
    """
    kind = g.kind[row]
    if kind in (COUNTRY, REGION):
        return 0.0
    capital = g.geonames_id[row] in g.capitals  # Washington, D.C. is no mere town
    strongest = min((g.kind[r] for r, h in cands if h in (MAIN, ABBR) and g.kind[r] in (COUNTRY, PROVINCE)),
                    default=None)
    if strongest == COUNTRY:  # Georgia the state stays likely, Sudan, Texas does not
        return 1.5 if kind == PROVINCE else 2.5 if capital else 3.5
    if strongest is None or capital or kind == PROVINCE:
        return 0.0
    # the bigger the town, the more often it is meant: São Paulo the city, Oregon the state
    scale = min(1.0, max(0.0, (6.0 - math.log10(max(g.population[row], 1000))) / 2.0))
    return 3.0 * scale


def km(g: Gazetteer, a: int, b: int) -> float:
    """Great-circle distance between two rows (haversine, km)."""
    p1, p2 = math.radians(g.lat[a]), math.radians(g.lat[b])
    dl = math.radians(g.lon[b] - g.lon[a])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def within(g: Gazetteer, row: int, container: int) -> bool:
    """True when ``row`` lies inside (or is) the country, province or district ``container``."""
    if row == container:
        return True
    kind = g.kind[container]
    if kind == COUNTRY:
        return g.country[row] == g.country[container] and g.kind[row] != COUNTRY
    if kind == PROVINCE:
        return g.admin1[row] == container and row != container
    if kind == DISTRICT:
        return g.admin2[row] == container
    return False


@dataclass(frozen=True)
class Context:
    """What the current choice for the document's other names says about one candidate."""

    countries: Counter
    admin1s: Counter
    chosen: frozenset[int]
    local_rows: tuple[tuple[int, int], ...]  # (toponym index, row) of local places
    total: int


def build_context(g: Gazetteer, tops: list[Toponym], choice: list[int | None]) -> Context:
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    local = []
    for i, (t, row) in enumerate(zip(tops, choice)):
        if row is None:
            continue
        countries[g.country[row]] += t.count
        if g.admin1[row] >= 0:
            admin1s[g.admin1[row]] += t.count
        if g.kind[row] in LOCAL_KINDS:
            local.append((i, row))
    total = sum(t.count for t, r in zip(tops, choice) if r is not None)
    return Context(countries, admin1s, frozenset(r for r in choice if r is not None), tuple(local), total)


def context_score(g: Gazetteer, row: int, own: int, t: Toponym, ctx: Context, self_row: int | None,
                  hint_country: str | None) -> float:
    """Evidence from the rest of the document for one candidate row of toponym ``own``."""
    others = ctx.total - (t.count if self_row is not None else 0)
    s = 0.0
    if others > 0:
        same_c = ctx.countries[g.country[row]] - (t.count if self_row is not None and g.country[self_row] == g.country[row] else 0)
        s += 3.0 * same_c / others
        a1 = g.admin1[row]
        if a1 >= 0:
            same_a = ctx.admin1s[a1] - (t.count if self_row is not None and g.admin1[self_row] == a1 else 0)
            s += 3.0 * same_a / others
    if g.kind[row] != COUNTRY and g.by_country.get(g.country[row] or "") in ctx.chosen - {self_row}:
        s += 1.0
    if g.kind[row] in LOCAL_KINDS:
        s += spatial_score(g, row, own, ctx)
    if hint_country and g.country[row] == hint_country:
        s += 2.0
    return s


def spatial_score(g: Gazetteer, row: int, own: int, ctx: Context) -> float:
    """Closeness to the document's other local places: 0 when near, down to -2 when far."""
    dists = sorted(km(g, row, r) for i, r in ctx.local_rows if i != own)
    if not dists:
        return 0.0
    near = dists[: max(1, len(dists) // 2)]
    mean = sum(near) / len(near)
    return -min(2.0, 0.8 * math.log10(1.0 + mean / 50.0))


@dataclass(frozen=True)
class Support:
    """Per toponym and unit: (best weight, its row, best weight of another row).

    ``districts``: candidates in (or being) a district; ``named``: candidates that *are* a
    province; ``provinces``: candidates lying somewhere in a province.
    """

    districts: dict[int, tuple[float, int, float]]
    named: dict[int, tuple[float, int, float]]
    provinces: dict[int, tuple[float, int, float]]
    siblings: dict[str | None, float]  # country -> best weight of a candidate that is its province


def _keep_best(table: dict[int, tuple[float, int, float]], unit: int, w: float, row: int) -> None:
    w1, r1, w2 = table.get(unit, (0.0, -1, 0.0))
    if w > w1:
        table[unit] = (w, row, w1 if r1 != row else w2)
    elif row != r1 and w > w2:
        table[unit] = (w1, r1, w)


def support_tables(g: Gazetteer, t: Toponym) -> Support:
    districts: dict[int, tuple[float, int, float]] = {}
    named: dict[int, tuple[float, int, float]] = {}
    provinces: dict[int, tuple[float, int, float]] = {}
    siblings: dict[str | None, float] = {}
    for row, w in t.weights.items():
        if g.admin2[row] >= 0:
            _keep_best(districts, g.admin2[row], w, row)
        if g.admin1[row] >= 0:
            _keep_best(named if g.kind[row] == PROVINCE else provinces, g.admin1[row], w, row)
        if g.kind[row] == PROVINCE and w > siblings.get(g.country[row], 0.0):
            siblings[g.country[row]] = w
    return Support(districts, named, provinces, siblings)


def _weight(table: dict[int, tuple[float, int, float]], unit: int, row: int) -> float:
    """Best weight in a unit among rows other than ``row`` itself (a place is no evidence for itself)."""
    if unit < 0:
        return 0.0
    w1, r1, w2 = table.get(unit, (0.0, -1, 0.0))
    return w2 if r1 == row else w1


def support(g: Gazetteer, row: int, own: int, tables: list[Support]) -> float:
    """How many of the document's other names could lie in the same district or province.

    Unlike the share of the current choice, this looks at every plausible reading of the other
    names, so "Paris" and "Henry County" find Paris, Tennessee together even though neither
    would be chosen alone. Sharing a district (or naming it) counts most, naming the province
    next, merely sharing a province least.
    """
    d, p = g.admin2[row], g.admin1[row]
    if d < 0 and p < 0:
        return 0.0
    sibling = g.kind[row] == PROVINCE  # provinces come in lists: "Oregon, Ohio and Illinois"
    total = 0.0
    for i, tab in enumerate(tables):
        if i != own:
            total += max(4.0 * _weight(tab.districts, d, row), 3.0 * _weight(tab.named, p, row),
                         1.5 * _weight(tab.provinces, p, row),
                         1.0 * tab.siblings.get(g.country[row], 0.0) if sibling else 0.0)
    return min(SUPPORT_CAP, total)


def choose(g: Gazetteer, tops: list[Toponym], hint_country: str | None) -> list[int | None]:
    """Coordinate ascent over the document's toponyms; returns the chosen row of each."""
    tables = [support_tables(g, t) for t in tops]
    base: list[list[float]] = []
    for i, t in enumerate(tops):
        inside = [0.0 if g.kind[r] == COUNTRY else 6.0 if any(within(g, r, c) for c in t.inside) else -3.0
                  for r in t.rows] if t.inside else [0.0] * len(t.rows)
        base.append([p + q + support(g, r, i, tables) for r, p, q in zip(t.rows, t.priors, inside)])
    choice: list[int | None] = [t.rows[max(range(len(b)), key=b.__getitem__)] if t.rows else None
                                for t, b in zip(tops, base)]
    for _ in range(ROUNDS):
        ctx = build_context(g, tops, choice)
        changed = False
        for i, t in enumerate(tops):
            if len(t.rows) < 2:
                continue
            scores = [b + context_score(g, r, i, t, ctx, choice[i], hint_country) for r, b in zip(t.rows, base[i])]
            best = t.rows[max(range(len(scores)), key=scores.__getitem__)]
            changed |= best != choice[i]
            choice[i] = best
        if not changed:
            break
    return choice


def resolve_mentions(g: Gazetteer, mentions: list[Mention], text: str | None = None,
                     hint_country: str | None = None) -> list[int | None]:
    """The chosen row of every mention (None when the gazetteer has no such name)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(key(m.name), []).append(m)
    keys = [k for k in groups if k]
    tops = [make_toponym(g, k, groups[k], text) for k in keys]
    rows = dict(zip(keys, choose(g, tops, hint_country)))
    return [rows.get(key(m.name)) for m in mentions]


def describe(g: Gazetteer, row: int) -> str:
    """A short human-readable description of a row, for debugging and reports."""
    return f"{g.name[row]} ({KINDS[g.kind[row]]}, {g.country[row]}, pop {g.population[row]})"
