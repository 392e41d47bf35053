"""The store: SQLite with numbered migrations, WAL, one transaction per document, FTS5, rejection log."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from support import CHECKPOINT, CURFEW, HTML_PAGE, NO_DATE, TWO_STORIES, export_bytes, rows, write
from newsgraph import pipeline
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Document
from newsgraph.store import db, migrations, write as store_write
from newsgraph.store.read import QueryError


# --------------------------------------------------------------------------- schema and connection

def test_new_file_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = db.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest() >= 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert {"sources", "documents", "documents_fts", "sentences", "mentions", "rejections",
            "documents_ai", "documents_ad"} <= names


def test_migrations_are_numbered_in_order():
    numbers = [m[0] for m in migrations.MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1))
    assert migrations.pending(0) == migrations.MIGRATIONS and migrations.pending(migrations.latest()) == []


def test_opening_again_does_not_migrate_twice(tmp_path):
    path = tmp_path / "kb.sqlite"
    db.connect(path).close()
    conn = db.connect(path)  # would fail with "table sources already exists" if migrations re-ran
    conn.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "kb.sqlite"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [
        (migrations.latest() + 1, "broken", "CREATE TABLE extra (x);\nTHIS IS NOT SQL;")])
    with pytest.raises(db.StoreError, match="syntax error"):
        db.connect(path)
    monkeypatch.undo()
    assert rows(path, "PRAGMA user_version") == [(migrations.latest(),)]
    assert rows(path, "SELECT name FROM sqlite_master WHERE name = 'extra'") == []


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.latest() + 1}")
    conn.close()
    with pytest.raises(db.StoreError, match="newer than this newsgraph"):
        db.connect(path)


@pytest.mark.parametrize("content, message", [
    (None, "no knowledge base at"),
    (b"this is a text file, not a database\n" * 100, "is not a newsgraph knowledge base"),
    (b"", "no schema"),
])
def test_readonly_open_of_something_else_is_an_error(tmp_path, content, message):
    path = tmp_path / "kb.sqlite"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(db.StoreError, match=message):
        db.connect(path, readonly=True)


def test_writing_into_something_else_is_an_error(tmp_path):
    path = write(tmp_path / "notes.sqlite", b"not a database at all\n" * 200)
    with pytest.raises(db.StoreError, match="is not a newsgraph knowledge base"):
        db.connect(path)
    assert path.read_bytes() == b"not a database at all\n" * 200


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(db.StoreError, match="does not exist"):
        db.connect(tmp_path / "no" / "such" / "kb.sqlite")


@pytest.mark.parametrize("name", ["kb#1.sqlite", "kb?x=1.sqlite", "kb 100%.sqlite"])
def test_readonly_open_of_odd_file_names(tmp_path, name, base_kb):
    path = tmp_path / name
    path.write_bytes(base_kb.read_bytes())
    with KnowledgeBase(path, readonly=True) as kb:
        assert kb.stats()["documents"] == 6
    strays = [p.name for p in tmp_path.iterdir() if not p.name.startswith(name)]
    assert strays == []  # SQLite did not open (and create) a file named by a cut-short path


def test_readonly_connection_cannot_write(base_kb):
    conn = db.connect(base_kb, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM documents")
    finally:
        conn.close()


# --------------------------------------------------------------------------- what is stored

def test_documents_sources_and_counts(base_kb):
    with KnowledgeBase(base_kb, readonly=True) as kb:
        stats = kb.stats()
        docs = kb.documents()
    assert stats["documents"] == 6 and stats["sources"] == 6 and stats["rejections"] == 0
    assert stats["sentences"] >= 15 and stats["mentions"] > 0
    assert stats["words"] == sum(len(d.text.split()) for d in docs)
    assert [d.source for d in docs] == sorted(d.source for d in docs)
    html = [r for r in rows(base_kb, "SELECT name, encoding, markup, raw_hash FROM sources") if r[0] == "drone.html"]
    assert html and html[0][1] == "utf-8" and html[0][2] == HTML_PAGE
    assert html[0][3] == hashlib.sha256(HTML_PAGE.encode("utf-8")).hexdigest()  # of the original bytes
    assert rows(base_kb, "SELECT markup FROM sources WHERE name = 'checkpoint.txt'") == [(None,)]


def test_stored_spans_point_into_the_stored_text(base_kb):
    with KnowledgeBase(base_kb, readonly=True) as kb:
        docs = kb.documents()
    assert any(d.evidence for d in docs)
    for doc in docs:
        for key, ev in doc.evidence.items():
            assert 0 <= ev.start < ev.end <= len(doc.text) and ev.text == doc.text[ev.start:ev.end]
    for doc_id, start, end, text in rows(base_kb, "SELECT doc, start, end, text FROM mentions"):
        [(full,)] = rows(base_kb, "SELECT text FROM documents WHERE id = ?", (doc_id,))
        assert full[start:end] == text


def test_split_documents_keep_their_parent_through_the_store(tmp_path):
    path = write(tmp_path / "digest.txt", TWO_STORIES)
    made = [d for d in pipeline.documents([str(path)]) if isinstance(d, Document)]
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        kb.ingest([str(path), str(write(tmp_path / "alone.txt", NO_DATE))], workers=1)
        stored = {d.id: d for d in kb.documents()}
    assert len(made) == 2 and made[0].parent
    assert [stored[d.id].parent for d in made] == [made[0].parent, made[0].parent]
    assert [stored[d.id].index for d in made] == [0, 1]
    [alone] = [d for d in stored.values() if d.source == "alone.txt"]
    assert alone.parent is None


def test_reingest_is_a_no_op(kb_copy, corpus):
    before = export_bytes(kb_copy)
    counts = KnowledgeBase(kb_copy, readonly=True).stats()
    with KnowledgeBase(kb_copy) as kb:
        summary = kb.ingest([str(corpus)], workers=1)
        assert kb.stats() == counts
    assert (summary.ingested, summary.duplicates, summary.rejected) == (0, 6, [])
    assert export_bytes(kb_copy) == before


def test_same_text_under_another_name_or_encoding_is_a_duplicate(kb_copy, tmp_path):
    write(tmp_path / "in" / "copy.txt", CHECKPOINT)
    write(tmp_path / "in" / "copy16.txt", b"\xff\xfe" + CHECKPOINT.replace("\n", "\r\n").encode("utf-16-le"))
    with KnowledgeBase(kb_copy) as kb:
        summary = kb.ingest([str(tmp_path / "in")], workers=1)
    assert (summary.ingested, summary.duplicates) == (0, 2)


def test_a_document_repeated_within_one_batch_is_stored_once(tmp_path):
    write(tmp_path / "in" / "a.txt", CURFEW)
    write(tmp_path / "in" / "b.txt", CURFEW)
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        summary = kb.ingest([str(tmp_path / "in")], workers=1)
        assert kb.stats()["documents"] == 1
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_one_transaction_per_document(tmp_path):
    """A document that fails to store leaves nothing of itself behind, and the ones before it whole."""
    path = tmp_path / "kb.sqlite"
    with KnowledgeBase(path) as kb:
        kb.ingest([str(write(tmp_path / "a.txt", CHECKPOINT))], workers=1)
        [doc] = [d for d in pipeline.documents([str(write(tmp_path / "b.txt", CURFEW))]) if isinstance(d, Document)]
        broken = pipeline.Analysed(doc, sentences=((0, 10), (0, 12)))  # the same sentence start twice
        with pytest.raises(sqlite3.IntegrityError):
            store_write.save_analysed(kb.conn, broken)
        assert not kb.conn.in_transaction
        assert kb.stats()["documents"] == 1 and kb.stats()["sources"] == 1
        assert rows(path, "SELECT count(*) FROM sentences WHERE doc = ?", (doc.id,)) == [(0,)]
        assert store_write.save_analysed(kb.conn, pipeline.Analysed(doc, sentences=((0, 10),))) is True
        assert store_write.save_analysed(kb.conn, pipeline.Analysed(doc, sentences=((0, 10),))) is False
        assert kb.stats()["documents"] == 2


def test_parallel_workers_store_the_same_as_one(tmp_path, corpus, base_kb):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        summary = kb.ingest([str(corpus)], workers=2)
    assert summary.ingested == 6
    assert export_bytes(tmp_path / "kb.sqlite") == export_bytes(base_kb)


# --------------------------------------------------------------------------- full-text search

@pytest.mark.parametrize("query, titles", [
    ("constables", ["Militants storm police checkpoint in Lakki Marwat"]),
    ("CURFEW", ["Curfew eased in Kurram after week of tribal clashes"]),
    ('"drone strike"', ["Drone strike destroys compound near border"]),
    ("motorcycle OR lorries", ["Aid convoy reaches besieged town", "Motorcycle bomb wounds eleven in Quetta"]),
    ("police NOT checkpoint", ["Motorcycle bomb wounds eleven in Quetta"]),
    ("title:Quetta", ["Motorcycle bomb wounds eleven in Quetta"]),
    ("Mobile-phone", ["Curfew eased in Kurram after week of tribal clashes"]),
    ("convoy*", ["Aid convoy reaches besieged town"]),
    ("airstrike", []),
])
def test_search(base_kb, query, titles):
    with KnowledgeBase(base_kb, readonly=True) as kb:
        hits = kb.search(query)
    assert sorted(h["title"] for h in hits) == titles
    for hit in hits:
        assert set(hit) == {"id", "source", "title", "published", "snippet"}
        assert "[" in hit["snippet"] or query.startswith("title:")  # the match is highlighted


def test_search_ignores_diacritics(kb_copy, tmp_path):
    text = "Protest in Zürich\n\nDemonstrators gathered outside the Zürich consulate on Sunday, organisers said."
    with KnowledgeBase(kb_copy) as kb:
        kb.ingest([str(write(tmp_path / "zurich.txt", text))], workers=1)
        assert [h["title"] for h in kb.search("zurich consulate")] == ["Protest in Zürich"]


@pytest.mark.parametrize("query", ['"unterminated', "", "   ", "AND OR"])
def test_bad_search_query_is_a_query_error(base_kb, query):
    with KnowledgeBase(base_kb, readonly=True) as kb, pytest.raises(QueryError):
        kb.search(query)


def test_search_limit(base_kb):
    with KnowledgeBase(base_kb, readonly=True) as kb:
        assert len(kb.search("said", limit=2)) == 2


# --------------------------------------------------------------------------- rejection log

def test_rejections_are_logged_with_reasons(kb_copy, tmp_path):
    write(tmp_path / "bad" / "empty.txt", b"")
    write(tmp_path / "bad" / "wire.jsonl", '{"text": "fine, police said."}\n{oops\n')
    with KnowledgeBase(kb_copy) as kb:
        summary = kb.ingest([str(tmp_path / "bad"), str(tmp_path / "missing.txt")], workers=1)
        logged = kb.rejections()
    assert summary.ingested == 1 and len(summary.rejected) == 3
    assert sorted((r["input"], r["line"]) for r in logged) == sorted(
        [(str(tmp_path / "bad" / "empty.txt"), None), (str(tmp_path / "bad" / "wire.jsonl"), 2),
         (str(tmp_path / "missing.txt"), None)])
    reasons = {r["input"]: r["reason"] for r in logged}
    assert reasons[str(tmp_path / "bad" / "empty.txt")] == "empty file"
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert all(r["at"] for r in logged)
