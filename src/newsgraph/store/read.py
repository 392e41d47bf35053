"""Reading: documents, full-text search and counts, as plain records for export, CLI and web."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator

from newsgraph.records import Document, Evidence


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
    tables = ("sources", "documents", "sentences", "mentions", "local_entities", "entities", "event_mentions",
              "events", "claim_mentions", "contradictions", "rejections")
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    out["words"] = conn.execute("SELECT coalesce(sum(words), 0) FROM documents").fetchone()[0]
    return out


def rejections(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT input, line, reason, at FROM rejections ORDER BY id DESC LIMIT ?", (limit,))]
