"""Across articles: one event record per real event, however many outlets report it.

Event mentions are compared only with records that share a blocking key: the same type family
and the same participant record, or the same family, place and year. A candidate joins when the
family agrees, dates agree at the coarser precision (or one has none), places agree (the same
gazetteer place, or one contains the other, or one has none), and at least one of date, place or
participant is positively shared. Values that differ between sources (a death toll, a date) are
kept per source by the record view (``store.events``), never averaged. Every attachment records
its reason; ingesting one more article resolves only that article's mentions.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from newsgraph.resolve import names
from newsgraph.store.write import now
from newsgraph.store.db import transaction


@dataclass(frozen=True)
class Place:
    key: str | None  # gazetteer id or folded name
    admin1: str | None
    country: str | None
    kind: str | None


@dataclass(frozen=True)
class Told:
    """One event mention, with its participants as entity records."""

    id: str
    family: str
    date: str | None
    place: Place | None
    people: frozenset[str]  # entity ids of agents and victims
    doc: str = ""
    victims: frozenset[str] = frozenset()  # the people it happened to: a man is killed once
    toll: tuple[int | None, int | None] | None = None  # the death toll it states, if any

    @property
    def anchorless(self) -> bool:
        """No date, no person, no place finer than a country: "the killing" told in passing."""
        return not self.date and not self.people and (self.place is None or self.place.kind == "country")


def _place(loc: dict | None) -> Place | None:
    if not loc:
        return None
    geo = loc.get("geo") or {}
    key = str(geo["geonames_id"]) if geo.get("geonames_id") else names.fold(loc.get("name") or "") or None
    return Place(key, geo.get("admin1"), geo.get("country"), geo.get("kind"))


# Types one real event may be reported under: outlets call one blast an attack, a bombing or a
# killing; an arrest is also a capture; a release, a truce, its end and talks are events of their own.
SAME_EVENT_CLASS = {"attack": "violence", "bombing": "violence", "killing": "violence", "operation": "violence",
                    "airstrike": "violence", "arrest": "custody", "capture": "custody"}


def _told(row: sqlite3.Row, owner: dict[str, str], people_locals: set[str]) -> Told:
    """Participants count only when they are people: a group or a country takes part in too many events."""
    data = json.loads(row["data"])

    def persons(args: list[dict]) -> frozenset[str]:
        return frozenset(owner[a["local"]] for a in args if a.get("local") in owner and a["local"] in people_locals)

    kind = SAME_EVENT_CLASS.get(row["type"], row["type"])
    victims = persons(data["victims"])
    toll = (data["fatalities"]["min"], data["fatalities"]["max"]) if data.get("fatalities") else None
    if toll == (1, 1):
        toll = (1, None)  # one death named is a lower bound on the toll of the event it belongs to
    return Told(row["id"], kind, row["date"], _place(data.get("location")), persons(data["agents"]) | victims,
                row["doc"], victims, toll)


def keys(t: Told) -> set[str]:
    out = {f"{t.family}|e:{p}" for p in t.people}
    if t.doc and t.date and len(t.date) == 10:
        out.add(f"{t.family}|doc:{t.doc}|d:{t.date}")
    if t.place and t.place.key and t.place.kind != "country" and t.date:
        out.add(f"{t.family}|l:{t.place.key}|y:{t.date[:4]}")  # a town and a year: few events each
    if t.place and t.place.admin1 and t.date and len(t.date) >= 7:
        out.add(f"{t.family}|a:{names.fold(t.place.admin1)}|m:{t.date[:7]}")  # a province and a month
    return out


def dates_agree(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def places_agree(a: Place | None, b: Place | None) -> bool | None:
    """Same place, or one contains the other (a province and a district in it; a country)."""
    if a is None or b is None or not a.key or not b.key:
        return None
    if a.key == b.key:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    for outer, inner in ((a, b), (b, a)):
        if outer.kind == "country" and outer.country == inner.country:
            return True
        if outer.kind == "province" and outer.admin1 and outer.admin1 == inner.admin1:
            return True
    return False


def days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) != 10 or len(b) != 10:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def conflicts(a: Told, b: Told) -> bool:
    """Two mentions that cannot be one event. Sources may differ by a few days or on the place of
    what happened to one person (a man is killed once; a prisoner freed once a year): those are one
    event whose sources disagree, recorded as a contradiction, not two events."""
    if a.family != b.family:
        return True
    same_victim = bool(a.victims & b.victims)
    d, p = dates_agree(a.date, b.date), places_agree(a.place, b.place)
    if d is False:
        gap = days_apart(a.date, b.date)
        close = (gap is not None and gap <= NEAR_DAYS) or (a.family == "release" and a.date[:4] == b.date[:4])
        if not (same_victim and close):
            return True
    return p is False and not (same_victim and d is not False or same_victim and a.family == "release")


NEAR_DAYS = 3  # sources a few days apart on one person's killing tell one event


def fits(a: Told, b: Told) -> tuple[int, list[str]] | None:
    """How well two mentions fit one event (None: they cannot be one), with the reasons."""
    if conflicts(a, b):
        return None
    d, p = dates_agree(a.date, b.date), places_agree(a.place, b.place)
    shared = bool(a.people & b.people)
    if a.people and b.people and not shared:
        return None  # both name the people involved, and they are different people
    local_place = p and not (a.place.kind == "country" or b.place.kind == "country")
    same_day = d and a.doc == b.doc and len(a.date) == 10
    if not (shared or (d and local_place) or same_day):
        return None  # a shared date or country alone is no evidence of one event
    why = (["same date"] if d else ["dates differ by source"] if d is False else []) + \
        (["same place"] if p else ["places differ by source"] if p is False else []) + \
        (["same person involved"] if shared else [])
    return len([w for w in why if "differ" not in w]), why


PLACE_RANK = {"facility": 6, "village": 5, "city": 4, "district": 3, "province": 2, "region": 1, "country": 0}


def resolve_pending(conn: sqlite3.Connection) -> int:
    """Attach every unresolved event mention to an event record (new or existing)."""
    ctx = _Context(conn)
    rows = conn.execute("SELECT e.id, e.doc, e.type, e.date, e.data FROM event_mentions e LEFT JOIN event_members m "
                        "ON m.mention_id = e.id WHERE m.mention_id IS NULL ORDER BY e.doc, e.id").fetchall()
    told = [(row, ctx.told(row)) for row in rows]
    with transaction(conn):
        for row, t in sorted(told, key=lambda x: x[1].anchorless):  # anchored mentions first
            if t.anchorless and (event_id := _article_event(ctx, t)):
                _join(ctx, t, event_id, {"rules": ["the article's main event of this kind"]})
            else:
                _attach(ctx, t, row["type"])
    return len(rows)


class _Context:
    """The store and the maps every comparison needs (entity records of the article entities)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
        self.people = {r[0] for r in conn.execute("SELECT id FROM local_entities WHERE type = 'PERSON'")}
        self.published = dict(conn.execute("SELECT id, published FROM documents").fetchall())

    def told(self, row: sqlite3.Row) -> Told:
        return _told(row, self.owner, self.people)

    def members(self, event_id: str) -> list[Told]:
        return [self.told(r) for r in self.conn.execute(
            "SELECT e.id, e.doc, e.type, e.date, e.data FROM event_members m JOIN event_mentions e "
            "ON e.id = m.mention_id WHERE m.event_id = ? ORDER BY e.doc, e.id", (event_id,))]


def merged(members: list[Told]) -> Told:
    """What a record as a whole says: its most precise date, most specific place, all its people."""
    dated = [m.date for m in members if m.date]
    placed = [m.place for m in members if m.place and m.place.key]
    return Told("record", members[0].family, max(dated, key=len) if dated else None,
                max(placed, key=lambda p: PLACE_RANK.get(p.kind or "", 3)) if placed else None,
                frozenset().union(*(m.people for m in members)))


def _attach(ctx: _Context, told: Told, type_: str) -> str:
    probes = sorted(keys(told))
    candidates: set[str] = set()
    if probes:
        marks = ",".join("?" * len(probes))
        candidates = {r[0] for r in ctx.conn.execute(
            f"SELECT event_id FROM event_keys WHERE key IN ({marks})", probes)}
    best: tuple[int, str, list[str]] | None = None
    for event_id in sorted(candidates):
        scored = _fit_record(ctx, told, event_id)
        if scored and (best is None or scored[0] > best[0]):
            best = (scored[0], event_id, scored[1])
    if best is None:
        event_id = "v_" + hashlib.sha1(told.id.encode()).hexdigest()[:16]
        ctx.conn.execute("INSERT OR IGNORE INTO events(id, type, created_at) VALUES (?,?,?)", (event_id, type_, now()))
        reason = {"rules": ["new record"], "candidates": len(candidates)}
    else:
        event_id = best[1]
        reason = {"rules": best[2], "candidates": len(candidates)}
    return _join(ctx, told, event_id, reason)


def _join(ctx: _Context, told: Told, event_id: str, reason: dict) -> str:
    """Add the member, and the keys of the mention and of the record it now completes."""
    ctx.conn.execute("INSERT INTO event_members(mention_id, event_id, reason, at) VALUES (?,?,?,?)",
                     (told.id, event_id, json.dumps(reason), now()))
    found = keys(told) | keys(merged(ctx.members(event_id)))
    ctx.conn.executemany("INSERT OR IGNORE INTO event_keys(key, event_id) VALUES (?,?)",
                         [(k, event_id) for k in sorted(found)])
    return event_id


def _article_event(ctx: _Context, told: Told) -> str | None:
    """The record of this kind the article is about: its only one, else its news (not background)
    event told first."""
    rows = ctx.conn.execute("SELECT m.event_id, e.id, e.doc, e.type, e.date, e.data, json_extract(e.data, '$.evidence[0]') "
                            "AS at FROM event_mentions e JOIN event_members m ON m.mention_id = e.id "
                            "WHERE e.doc = ? ORDER BY at", (told.doc,)).fetchall()
    options: dict[str, tuple[bool, int]] = {}
    tolls: dict[str, list] = {}
    for r in rows:
        t = ctx.told(r)
        if t.toll:
            tolls.setdefault(r["event_id"], []).append(t.toll)
        if t.family != told.family or t.anchorless:
            continue
        background = bool(t.date and ctx.published.get(told.doc) and t.date[:4] < ctx.published[told.doc][:4])
        options.setdefault(r["event_id"], (background, r["at"] or 0))
    if told.toll:  # a mention with a toll of its own joins only an event whose toll it fits
        options = {e: o for e, o in options.items() if all(tolls_fit(told.toll, t) for t in tolls.get(e, []))}
    if not options:
        return None
    return min(options, key=lambda e: options[e])


def tolls_fit(a: tuple, b: tuple) -> bool:
    """Two death tolls that can both be true ("at least 2" and "2"; not "142" and "1")."""
    lo = max(x for x in (a[0], b[0], 0) if x is not None)
    hi = min(x for x in (a[1], b[1], float("inf")) if x is not None)
    return lo <= hi


def _fit_record(ctx: _Context, told: Told, event_id: str) -> tuple[int, list[str]] | None:
    """A mention joins a record that no member contradicts and that it fits as a whole."""
    members = ctx.members(event_id)
    if not members or any(conflicts(told, m) for m in members):
        return None
    best = fits(told, merged(members))
    for m in members:  # an article's two mentions of one day
        same = fits(told, m)
        if same and (best is None or same[0] > best[0]):
            best = same
    return best

