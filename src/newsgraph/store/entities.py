"""Entity records as the export, the CLI and the web app see them, assembled from their members.

A record is the set of its articles' local entities (``entity_members``); its name, aliases,
affiliations, mentions and place are computed here from those members, each with the span of
the document that states it, so nothing is kept that no article says.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator

from newsgraph.document.clusters import best_name
from newsgraph.records import Affiliation, Alias, Entity, Evidence
from newsgraph.resolve import names


class _Texts:
    """Document texts, read once each, to give evidence spans their text."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.cache = conn, {}

    def evidence(self, doc: str, span: list[int] | None) -> Evidence | None:
        if not span:
            return None
        if doc not in self.cache:
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
            self.cache[doc] = row[0] if row else ""
        return Evidence(doc, span[0], span[1], self.cache[doc][span[0]:span[1]])


def entities(conn: sqlite3.Connection, entity_id: str | None = None) -> Iterator[Entity]:
    """Every entity record (or one), in a stable order."""
    where, args = ("WHERE m.entity_id = ?", (entity_id,)) if entity_id else ("", ())
    rows = conn.execute(
        "SELECT m.entity_id, l.id AS local_id, l.doc, l.type, l.canonical, l.data FROM entity_members m "
        f"JOIN local_entities l ON l.id = m.local_id {where} ORDER BY m.entity_id, l.doc, l.id", args)
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    texts = _Texts(conn)
    current: str | None = None
    members: list[sqlite3.Row] = []
    for row in rows:
        if row["entity_id"] != current and members:
            yield _entity(current, members, owner, texts)
            members = []
        current = row["entity_id"]
        members.append(row)
    if members:
        yield _entity(current, members, owner, texts)


def _entity(entity_id: str, members: list[sqlite3.Row], owner: dict[str, str], texts: _Texts) -> Entity:
    surfaces: list[str] = []
    mentions: list[Evidence] = []
    first_seen: dict[str, Evidence] = {}
    stated: list[Alias] = []
    affiliations: dict[tuple, Affiliation] = {}
    types: Counter[str] = Counter()
    found_geo = []
    titles: Counter[str] = Counter()
    for row in members:
        data = json.loads(row["data"])
        titles.update(data.get("titles", []))
        types[row["type"]] += len(data["spans"])
        found_geo.append(data.get("geo"))
        for a, b, text in data["spans"]:
            ev = Evidence(row["doc"], a, b, text)
            mentions.append(ev)
            surfaces.append(text)
            first_seen.setdefault(spelling(text), ev)
        for al in data["aliases"]:
            stated.append(Alias(al["name"], texts.evidence(row["doc"], al.get("evidence"))))
        for af in data.get("affiliations", []):
            org = owner.get(af.get("org_local") or "")
            key = (org or names.fold(af.get("org_name") or ""), af.get("role"))
            affiliations.setdefault(key, Affiliation(org, af.get("org_name") or "", af.get("role"),
                                                     texts.evidence(row["doc"], af.get("evidence")),
                                                     af.get("nationality")))
    type_ = types.most_common(1)[0][0]
    canonical = next((row["canonical"] for row in members if row["canonical"]), None)
    geo = common_geo(found_geo)
    name = _name(surfaces, type_, canonical, geo)
    aliases: dict[str, Alias] = {}
    for al in stated:  # first: the sentence that states an alias is its best evidence
        if spelling(al.name) != spelling(name):
            aliases.setdefault(spelling(al.name), al)
    for key, ev in first_seen.items():  # other names and other spellings of the same name
        if key and key != spelling(name):
            aliases.setdefault(key, Alias(ev.text, ev))
    return Entity(entity_id, type_, name, tuple(aliases.values()), tuple(affiliations.values()),
                  tuple(mentions), geo, tuple(t for t, _ in titles.most_common()))


def _name(surfaces: list[str], type_: str, canonical: str | None, geo: dict | None) -> str:
    """The lexicon's name for a known group or place; else the fullest name the articles use."""
    if canonical:
        return canonical
    name = best_name(surfaces, type_)
    gazetteer = (geo or {}).get("gazetteer_name") or ""
    if name.isupper() and len(name) > 3 and names.fold(gazetteer) == names.fold(name):
        return gazetteer  # "KABUL" from a dateline: the gazetteer's spelling reads better
    return name


def common_geo(found: list[dict | None]) -> dict | None:
    """The place most of the record's articles resolved to (articles may disagree on an ambiguous name)."""
    votes = Counter(g["geonames_id"] or (g["lat"], g["lon"]) for g in found if g)
    if not votes:
        return None
    best = votes.most_common(1)[0][0]
    return next(g for g in found if g and (g["geonames_id"] or (g["lat"], g["lon"])) == best)


def spelling(name: str) -> str:
    """A spelling, case and punctuation aside: "Tehrik-i-Taliban" and "Tehreek-i-Taliban" differ."""
    return " ".join(re.findall(r"\w+", names.plain(name)))


def members(conn: sqlite3.Connection, entity_id: str) -> list[dict]:
    """Why each article's entity is in this record: the rules and keys that joined it."""
    rows = conn.execute(
        "SELECT m.local_id, l.doc, l.name, l.type, m.reason, m.at FROM entity_members m "
        "JOIN local_entities l ON l.id = m.local_id WHERE m.entity_id = ? ORDER BY m.at, l.doc", (entity_id,))
    return [{"local": r["local_id"], "doc": r["doc"], "name": r["name"], "type": r["type"],
             "reason": json.loads(r["reason"]), "at": r["at"]} for r in rows]
