"""jsonl: export → ``newsgraph import`` into a fresh knowledge base → export gives the same bytes.

The real console script does the import and the second export. The imported knowledge base then
answers the Python API with records equal to the live ones, search finds the quoted sentences,
and a bad file is refused whole, with its line number.
"""
from __future__ import annotations

import json

import pytest

from support import run_cli
from newsgraph.imports import ImportFileError, import_jsonl
from newsgraph.kb import KnowledgeBase


def test_export_import_export_is_byte_for_byte(built, tmp_path):
    fresh = tmp_path / "imported.sqlite"
    first = built.files["jsonl"]
    done = run_cli("import", str(first), "--db", str(fresh))
    assert done.returncode == 0, done.stderr
    counts = {k: sum(r["kind"] == k for r in built.records) for k in ("document", "entity", "event", "claim")}
    assert f"imported {counts['document']} documents, {counts['entity']} entities" in done.stdout
    again = run_cli("export", "--db", str(fresh), "--format", "jsonl")
    assert again.returncode == 0, again.stderr
    assert again.stdout.encode("utf-8") == first.read_bytes()
    assert [json.loads(line) for line in again.stdout.splitlines()] == built.records


def test_a_second_generation_and_a_repeated_import_change_nothing(built, tmp_path):
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with KnowledgeBase(one) as kb:
        kb.import_jsonl(built.files["jsonl"])
        second = tmp_path / "second.jsonl"
        kb.export("jsonl", second)
        repeat = kb.import_jsonl(second)
    assert not repeat.added and sum(repeat.skipped.values()) == len(built.records) - 1  # all but meta
    with KnowledgeBase(two) as kb:
        kb.import_jsonl(second)
        kb.export("jsonl", tmp_path / "third.jsonl")
    assert (tmp_path / "third.jsonl").read_bytes() == built.files["jsonl"].read_bytes()


def test_imported_records_are_the_live_records_for_the_api(built, tmp_path):
    fresh = tmp_path / "api.sqlite"
    with KnowledgeBase(fresh) as kb:
        kb.import_jsonl(built.files["jsonl"])
    with KnowledgeBase(built.db, readonly=True) as live, KnowledgeBase(fresh, readonly=True) as imported:
        for kind in ("entities", "events", "claims", "contradictions"):
            assert list(getattr(imported, kind)()) == list(getattr(live, kind)()), kind
        assert [d.id for d in imported.documents()] == [d.id for d in live.documents()]


def test_imported_documents_keep_the_quoted_sentences_at_their_offsets(built, tmp_path):
    fresh = tmp_path / "texts.sqlite"
    with KnowledgeBase(fresh) as kb:
        kb.import_jsonl(built.files["jsonl"])
        texts = {d.id: d.text for d in kb.documents()}
        event = next(e for e in built.of("event") if e["evidence"])
        ev = event["evidence"][0]
        assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["text"]
        for entity in built.of("entity"):
            for m in entity["mentions"]:
                assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
        word = max(ev["text"].split(), key=len).strip(".,;:“”\"'()")
        assert any(hit["id"] == ev["doc"] for hit in kb.search(f'"{word}"', limit=50))


@pytest.mark.parametrize("lines, message", [
    (['{"kind": "meta", "format": "kb-export", "version": 2}'], "bad.jsonl:1: not a kb-export file of version 1"),
    (['{"kind": "meta", "format": "kb-export", "version": 1}', '{"kind": "entity", "id": "e_1"'],
     "bad.jsonl:2: malformed JSON"),
    (['{"kind": "document", "id": "d_1", "source": "a.txt"}', '{"kind": "thing", "id": "t"}'],
     "bad.jsonl:2: unknown kind 'thing'"),
    (['{"kind": "event", "type": "attack"}'], "bad.jsonl:1: event record without an id"),
    (['[1, 2]'], "bad.jsonl:1: not a JSON object"),
])
def test_a_bad_file_is_refused_whole_with_its_line(tmp_path, lines, message):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        with pytest.raises(ImportFileError, match=message):
            import_jsonl(kb.conn, lines, "bad.jsonl")
        assert kb.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        assert kb.conn.execute("SELECT count(*) FROM imported_records").fetchone()[0] == 0


def test_the_import_command_names_a_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "meta", "format": "kb-export", "version": 1}\nnot json\n', encoding="utf-8")
    done = run_cli("import", str(bad), "--db", str(tmp_path / "kb.sqlite"))
    assert done.returncode == 1 and f"{bad}:2: malformed JSON" in done.stderr
