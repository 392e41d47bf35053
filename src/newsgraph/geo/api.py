"""Public face of the geocoder: ``Place``, ``geocode_names`` and ``run_bench_docs``.

Everything is offline: the gazetteer is read from installed packages and newsgraph's data files
(see ``gazetteer.py``); toponym detection for end-to-end runs goes through
``newsgraph.document.nlp`` (the only module allowed to import spaCy).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .gazetteer import ABBR, COUNTRY, DEMONYM, KINDS, MAIN, PROVINCE, REGION, Gazetteer, load
from .resolve import Mention, candidates, resolve_mentions

STRONG_CITY = 50_000  # a PERSON/ORG entity that is exactly such a city's name is taken as the city


@dataclass(frozen=True)
class Place:
    """A resolved place. ``country`` is ISO 3166-1 alpha-2; ``admin1`` the province's name."""

    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    kind: str  # country | province | district | city | village | facility | region | other
    geonames_id: int | None
    population: int | None


def place_of(g: Gazetteer, row: int) -> Place:
    """The ``Place`` of a gazetteer row."""
    a1 = g.admin1[row]
    return Place(name=g.name[row], lat=round(g.lat[row], 5), lon=round(g.lon[row], 5),
                 country=g.country[row], admin1=g.name[a1] if a1 >= 0 else None,
                 kind=KINDS[g.kind[row]], geonames_id=g.geonames_id[row] or None,
                 population=g.population[row] or None)


def _find_mentions(names: list[str], text: str | None) -> list[Mention]:
    """Mentions with offsets where the name occurs in the text (first occurrence of each)."""
    out = []
    for n in names:
        start = None
        if text and n:
            m = re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)
            start = m.start() if m else None
        out.append(Mention(n, start, start + len(n) if start is not None else None))
    return out


def geocode_names(names: list[str], text: str | None = None, hint_country: str | None = None) -> list[Place | None]:
    """Resolve all toponyms of one document together (they disambiguate each other).

    ``text`` (the article) lets "Paris, Texas" qualify Paris; ``hint_country`` (ISO2) favours one
    country when the caller knows where the story is set. A name the gazetteer lacks gives None.
    """
    g = load()
    mentions = _find_mentions(names, text)
    # each name's every occurrence in the text may carry a qualifier, not only the first
    if text:
        extra = [Mention(m.name, x.start(), x.end()) for m in mentions if m.start is not None
                 for x in re.finditer(r"(?<!\w)" + re.escape(m.name) + r"(?!\w)", text)]
        rows = resolve_mentions(g, mentions + extra, text, hint_country)[: len(mentions)]
    else:
        rows = resolve_mentions(g, mentions, text, hint_country)
    return [place_of(g, r) if r is not None else None for r in rows]


def detect(texts: list[str], n_process: int = 1, demonyms: bool = False) -> Iterator[list[tuple[int, int, str]]]:
    """Toponym spans (start, end, name) of each text, from spaCy's entities.

    GPE and LOC entities are toponyms whether or not the gazetteer knows them. The other labels
    are kept only when the gazetteer vouches for them, since most of them are not places: FAC
    when it resolves at all ("Khyber Pass", not "Orchard Street"); NORP when it is a demonym or
    a country ("Russian", not "Democrats"); PERSON/ORG when the whole entity is the name of a
    country, province or sizeable city (the small model tags "Rawalpindi" PERSON at times).
    NORP demonyms only with ``demonyms=True``: LGL's gold counts "Russian" as a toponym,
    GeoVirus' does not, and the entity stage keeps NORP entities of its own.
    """
    from newsgraph.document import nlp

    g = load()
    for doc in nlp.parse(texts, n_process=n_process):
        yield [(e.start_char, e.end_char, e.text) for e in doc.ents
               if (demonyms or e.label_ != "NORP") and keep_entity(g, e.text, e.label_)]


def keep_entity(g: Gazetteer, text: str, label: str) -> bool:
    """Whether a spaCy entity of this label and text is taken as a toponym (see ``detect``)."""
    if label in ("GPE", "LOC"):
        return True
    if label not in ("FAC", "NORP", "PERSON", "ORG"):
        return False
    cands = candidates(g, text)
    if label == "FAC":
        return bool(cands)
    if label == "NORP":
        return any(h == DEMONYM or g.kind[r] in (COUNTRY, REGION) and h in (MAIN, ABBR) for r, h in cands)
    return any(h in (MAIN, ABBR) and (g.kind[r] in (COUNTRY, PROVINCE) or g.population[r] >= STRONG_CITY)
               for r, h in cands)


def _bench_lines(d: dict, spans: list[tuple[int, int, str]]) -> Iterator[dict]:
    g = load()
    mentions = [Mention(n, s, e) for s, e, n in spans]
    rows = resolve_mentions(g, mentions, d.get("text"))
    for (s, e, n), row in zip(spans, rows):
        p = place_of(g, row) if row is not None else None
        yield {"doc": d["doc"], "start": s, "end": e, "name": n,
               "lat": p.lat if p else None, "lon": p.lon if p else None,
               "geonames_id": p.geonames_id if p else None, "country": p.country if p else None}


def run_bench_docs(docs: Iterable[dict], n_process: int = 1, batch: int = 64,
                   demonyms: bool = False) -> Iterator[dict]:
    """docs: lines of ../shared/bench/geo-*/docs.jsonl {"doc","text","spans"?}.

    Oracle when spans are given, else end-to-end (toponyms detected with spaCy NER GPE/LOC/FAC
    through ``newsgraph.document.nlp.parse``). Yields {"doc","start","end","name","lat","lon",
    "geonames_id","country"} (lat/lon None when unresolved). ``demonyms`` also detects
    "Russian"-like NORP entities (see ``detect``).
    """
    pending: list[dict] = []
    for d in docs:
        if d.get("spans") is not None:
            text = d.get("text") or ""
            yield from _bench_lines(d, [(s["start"], s["end"], text[s["start"]:s["end"]]) for s in d["spans"]])
            continue
        pending.append(d)
        if len(pending) >= batch:
            yield from _end_to_end(pending, n_process, demonyms)
            pending = []
    if pending:
        yield from _end_to_end(pending, n_process, demonyms)


def _end_to_end(docs: list[dict], n_process: int, demonyms: bool) -> Iterator[dict]:
    texts = [d.get("text") or "" for d in docs]
    for d, spans in zip(docs, detect(texts, n_process=n_process, demonyms=demonyms)):
        yield from _bench_lines(d, spans)
