"""The Python API: a knowledge base file, and what you can do with it.

The CLI and the web app are thin layers over this class.
"""
from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from newsgraph import pipeline
from newsgraph.document import ingest
from newsgraph.export import jsonl
from newsgraph.records import Document, Rejection
from newsgraph.resolve import entities
from newsgraph.resolve import contradictions as disagreements
from newsgraph.resolve import events as event_records
from newsgraph.store import db, read, write
from newsgraph.store import entities as stored_entities

if TYPE_CHECKING:  # pragma: no cover - imported where used, so the API loads without the export code
    from newsgraph import imports, notebook

BATCH = 64  # documents checked against the store at once before analysis
EXPORT_FORMATS = {  # --format → (module in newsgraph.export, writer)
    "jsonl": ("jsonl", "write_records"), "csv": ("csv", "write"), "geojson": ("geojson", "write"),
    "graphml": ("graph", "write_graphml"), "gexf": ("graph", "write_gexf"), "ftm": ("ftm", "write"),
    "stix": ("stix", "write"),
}


class KnowledgeBase:
    def __init__(self, path: str | Path = db.DEFAULT_DB, readonly: bool = False) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection = db.connect(self.path, readonly=readonly)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[str], workers: int | None = None,
               max_bytes: int = ingest.DEFAULT_MAX_BYTES,
               on_document: Callable[[pipeline.Summary], None] | None = None,
               on_reject: Callable[[Rejection], None] | None = None) -> pipeline.Summary:
        """Read, analyse and store; already-stored documents are skipped before any NLP."""
        summary = pipeline.Summary()
        workers = pipeline.default_workers() if workers is None else workers

        def fresh() -> Iterator[Document]:
            seen: set[str] = set()
            for batch in pipeline.chunks(pipeline.documents(paths, max_bytes), BATCH):
                docs = [d for d in batch if isinstance(d, Document)]
                stored = write.known_ids(self.conn, [d.id for d in docs])
                for item in batch:
                    if isinstance(item, Rejection):
                        summary.rejected.append(item)
                        write.log_rejection(self.conn, item)
                        if on_reject:
                            on_reject(item)
                    elif item.id in stored or item.id in seen:
                        summary.duplicates += 1
                    else:
                        seen.add(item.id)
                        yield item

        for analysed in pipeline.analyse(fresh(), workers=workers):
            if write.save_analysed(self.conn, analysed):
                summary.ingested += 1
                summary.words += len(analysed.document.text.split())
            else:
                summary.duplicates += 1
            if on_document:
                on_document(summary)
        entities.resolve_pending(self.conn)
        event_records.resolve_pending(self.conn)
        disagreements.record(self.conn)
        return summary

    def documents(self) -> list[Document]:
        return list(read.documents(self.conn))

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return read.search(self.conn, query, limit)

    def stats(self) -> dict[str, int]:
        return read.counts(self.conn)

    def rejections(self, limit: int = 50) -> list[dict]:
        return read.rejections(self.conn, limit)

    def summary(self, top: int = 8) -> dict:
        """What a reader wants first: counts, the most reported people and groups, dated events."""
        from newsgraph.store import events as stored_events

        people = sorted((e for e in stored_entities.entities(self.conn) if e.type in ("PERSON", "ORG")),
                        key=lambda e: (-len({m.doc for m in e.mentions}), -len(e.mentions), e.name))[:top]
        dated = sorted((ev for ev, _ in stored_events.events(self.conn) if ev.date),
                       key=lambda ev: ev.date.value, reverse=True)[:top]
        return {"counts": self.stats(), "entities": people, "events": dated}

    def entities(self, **where) -> "notebook.Records":
        """Entity records, live and imported; ``where`` takes the export filters (types, since,
        until, country, entity). The list has ``.to_pandas()``."""
        from newsgraph import notebook

        return notebook.select(self.conn, "entity", **where)

    def events(self, **where) -> "notebook.Records":
        """Event records, e.g. ``kb.events(types="bombing", since="2023", country="PK")``."""
        from newsgraph import notebook

        return notebook.select(self.conn, "event", **where)

    def claims(self, **where) -> "notebook.Records":
        from newsgraph import notebook

        return notebook.select(self.conn, "claim", **where)

    def contradictions(self, **where) -> "notebook.Records":
        from newsgraph import notebook

        return notebook.select(self.conn, "contradiction", **where)

    def explain(self, entity_id: str) -> list[dict]:
        """Why each article's entity is in this record: the rules and keys that joined it."""
        return stored_entities.members(self.conn, entity_id)

    def split_entity(self, local_id: str, note: str | None = None) -> str:
        return entities.split(self.conn, local_id, note)

    def merge_entities(self, keep: str, other: str, note: str | None = None) -> int:
        return entities.merge(self.conn, keep, other, note)

    def undo_override(self, local_id: str) -> str:
        return entities.unpin(self.conn, local_id)

    def export_jsonl(self, out: IO[str]) -> int:
        return jsonl.write(self.conn, out)

    def export(self, fmt: str, output: str | Path = "-", **where) -> dict[str, int]:
        """Write the knowledge base, or the part the filters select, in one of ``EXPORT_FORMATS``.

        ``output`` is a file or ``-`` for standard output. For csv it is a folder that gets every
        table, or a file ending in .csv (or ``-``) that gets events.csv alone. Returns counts of
        what was written; keys starting with "skipped" count what the format could not hold."""
        import importlib
        import sys

        from newsgraph.export import filters

        rows = filters.select(jsonl.records(self.conn), filters.Filter.make(**where))
        module = importlib.import_module(f"newsgraph.export.{EXPORT_FORMATS[fmt][0]}")
        if fmt == "csv" and str(output) != "-" and not str(output).lower().endswith(".csv"):
            return module.write_folder(rows, output)
        writer = getattr(module, EXPORT_FORMATS[fmt][1])
        if str(output) == "-":
            return writer(rows, sys.stdout)
        with builtins.open(output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as out:
            return writer(rows, out)

    def import_jsonl(self, path: str | Path) -> "imports.ImportSummary":
        """Load a kb-export JSONL file (``-``: standard input) into this knowledge base."""
        import sys

        from newsgraph import imports

        if str(path) == "-":
            return imports.import_jsonl(self.conn, sys.stdin, "<stdin>")
        with builtins.open(path, encoding="utf-8") as lines:
            return imports.import_jsonl(self.conn, lines, str(path))


def open(path: str | Path = db.DEFAULT_DB, readonly: bool = False) -> KnowledgeBase:  # noqa: A001
    return KnowledgeBase(path, readonly=readonly)
