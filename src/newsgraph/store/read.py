"""Reading: documents, full-text search and counts, as plain records for export, CLI and web."""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator

from newsgraph.document.clusters import best_name
from newsgraph.records import Affiliation, Alias, Document, Entity, Evidence
from newsgraph.resolve import names


class QueryError(ValueError):
    """A search query FTS5 cannot parse; the message says how to write it."""


# Each document row with the number of documents split from the same raw input, so that
# ``parent`` (the raw input's id, set only when it held several articles) survives the store.
_WITH_SIBLINGS = ("SELECT d.*, (SELECT count(*) FROM documents s WHERE s.source_id = d.source_id) AS siblings "
                  "FROM documents d")


def documents(conn: sqlite3.Connection) -> Iterator[Document]:
    for row in conn.execute(f"{_WITH_SIBLINGS} ORDER BY d.source, d.idx, d.id"):
        yield _document(row)


def document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    row = conn.execute(f"{_WITH_SIBLINGS} WHERE d.id = ?", (doc_id,)).fetchone()
    return _document(row) if row else None


def _document(row: sqlite3.Row) -> Document:
    spans = json.loads(row["evidence"] or "{}")
    text = row["text"]
    evidence = {k: Evidence(row["id"], a, b, text[a:b]) for k, (a, b) in spans.items()}
    return Document(
        id=row["id"], source=row["source"], text=text, title=row["title"], published=row["published"],
        updated=row["updated"], author=row["author"], outlet=row["outlet"], url=row["url"],
        dateline=row["dateline"], index=row["idx"], evidence=evidence,
        parent=row["source_id"] if "siblings" in row.keys() and row["siblings"] > 1 else None,
    )


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict]:
    """Full-text search over titles and texts; each hit with a highlighted snippet."""
    if not query.strip():
        raise QueryError("empty search query")
    sql = ("SELECT d.id, d.source, d.title, d.published, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
           "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
           "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
    try:
        rows = conn.execute(sql, (query, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        quoted = _quote_barewords(query)
        try:  # "cease-fire", "Afghanistan-Pakistan": FTS5 reads the hyphen as syntax; search the words
            rows = conn.execute(sql, (quoted, limit)).fetchall() if quoted != query else None
        except sqlite3.OperationalError:
            rows = None
        if rows is None:
            raise QueryError(f"cannot parse search query {query!r}: {exc}. Put phrases in double quotes, "
                             f"e.g. '\"drone strike\"'") from exc
    return [dict(r) for r in rows]


def _quote_barewords(query: str) -> str:
    """Put double quotes round each space-separated word holding punctuation FTS5 would parse
    (hyphens, dots, apostrophes), unless the query already uses quotes."""
    if '"' in query:
        return query
    return " ".join(f'"{w}"' if re.search(r"[^\w*()]", w) else w for w in query.split())


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("sources", "documents", "sentences", "mentions", "local_entities", "entities", "rejections")
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    out["words"] = conn.execute("SELECT coalesce(sum(words), 0) FROM documents").fetchone()[0]
    return out


def rejections(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT input, line, reason, at FROM rejections ORDER BY id DESC LIMIT ?", (limit,))]


def entities(conn: sqlite3.Connection) -> Iterator[Entity]:
    """Entity records assembled from their members: every article's names, aliases and mentions."""
    rows = conn.execute(
        "SELECT m.entity_id, e.geo, l.doc, l.type, l.canonical, l.data FROM entity_members m "
        "JOIN local_entities l ON l.id = m.local_id JOIN entities e ON e.id = m.entity_id "
        "ORDER BY m.entity_id, l.doc, l.id"
    )
    current: str | None = None
    members: list[sqlite3.Row] = []
    for row in rows:
        if row["entity_id"] != current and members:
            yield _entity(current, members)
            members = []
        current = row["entity_id"]
        members.append(row)
    if members:
        yield _entity(current, members)


def _entity(entity_id: str, members: list[sqlite3.Row]) -> Entity:
    surfaces: list[str] = []
    mentions: list[Evidence] = []
    first_seen: dict[str, Evidence] = {}
    stated: list[Alias] = []
    affiliations: list[Affiliation] = []
    types = Counter()
    canonical = next((row["canonical"] for row in members if row["canonical"]), None)
    for row in members:
        data = json.loads(row["data"])
        types[row["type"]] += len(data["spans"])
        for a, b, text in data["spans"]:
            ev = Evidence(row["doc"], a, b, text)
            mentions.append(ev)
            surfaces.append(text)
            first_seen.setdefault(_spelling(text), ev)
        for al in data["aliases"]:
            span = al.get("evidence")
            stated.append(Alias(al["name"], Evidence(row["doc"], span[0], span[1], "") if span else None))
        for af in data.get("affiliations", []):
            span = af.get("evidence")
            affiliations.append(Affiliation(af.get("org"), af["org_name"], af.get("role"),
                                            Evidence(row["doc"], span[0], span[1], "") if span else None))
    type_ = types.most_common(1)[0][0]
    name = best_name(surfaces, type_, canonical)
    aliases: dict[str, Alias] = {}
    for key, ev in first_seen.items():  # other names and other spellings of the same name
        if key and key != _spelling(name):
            aliases.setdefault(key, Alias(ev.text, ev))
    for al in stated:
        if _spelling(al.name) != _spelling(name):
            aliases.setdefault(_spelling(al.name), al)
    geo = _common_geo([json.loads(row["data"]).get("geo") for row in members])
    if geo and name.isupper() and len(name) > 3 and names.fold(geo.get("gazetteer_name") or "") == names.fold(name):
        name = geo["gazetteer_name"]  # "KABUL" from a dateline: the gazetteer's spelling reads better
    return Entity(entity_id, type_, name, tuple(aliases.values()), tuple(affiliations), tuple(mentions), geo)


def _common_geo(found: list[dict | None]) -> dict | None:
    """The place most of the record's articles resolved to (articles may disagree on an ambiguous name)."""
    votes = Counter(g["geonames_id"] or (g["lat"], g["lon"]) for g in found if g)
    if not votes:
        return None
    best = votes.most_common(1)[0][0]
    return next(g for g in found if g and (g["geonames_id"] or (g["lat"], g["lon"])) == best)


def _spelling(name: str) -> str:
    """A spelling, case and punctuation aside: "Tehrik-i-Taliban" and "Tehreek-i-Taliban" differ."""
    return " ".join(re.findall(r"\w+", names.plain(name)))


def entity_members(conn: sqlite3.Connection, entity_id: str) -> list[dict]:
    rows = conn.execute(
        "SELECT m.local_id, l.doc, l.name, l.type, m.reason, m.at FROM entity_members m "
        "JOIN local_entities l ON l.id = m.local_id WHERE m.entity_id = ? ORDER BY m.at, l.doc", (entity_id,))
    return [{"local": r["local_id"], "doc": r["doc"], "name": r["name"], "type": r["type"],
             "reason": json.loads(r["reason"]), "at": r["at"]} for r in rows]
