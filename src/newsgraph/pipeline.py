"""The ordered stages: inputs → documents → analysis → store.

Per-document stages never look at other documents, so analysis runs in worker processes
(both cores of a laptop; a distributed engine later). Only the main process writes the store.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from newsgraph.document import (
    affiliations, aliases, claims, clean, clusters, dates, events, ingest, links, metadata, mentions, nlp, places,
    roles,
    split,
)
from newsgraph.records import Document, Evidence, Mention, Rejection

T = TypeVar("T")
CHUNK = 16  # documents per task sent to a worker: large enough to amortise pickling


@dataclass(frozen=True)
class Analysed:
    """Everything the per-document stages found in one document."""

    document: Document
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[clusters.LocalEntity, ...] = ()
    claims: tuple[claims.ClaimMention, ...] = ()
    events: tuple[events.EventMention, ...] = ()
    claim_events: dict[str, str] = field(default_factory=dict)  # claim id → event mention id


@dataclass
class Summary:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    words: int = 0


def document_id(text: str) -> str:
    return "d_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def source_id(raw_hash: str) -> str:
    return "s_" + raw_hash[:20]


def prepare(raw: ingest.RawInput) -> list[Document]:
    """Clean, split and date one raw input: the documents it holds, before any NLP."""
    cleaned = clean.clean(raw)
    articles = split.split_articles(cleaned.text)
    docs = []
    for index, text in enumerate(articles):
        meta, given = metadata.extract(text, cleaned.meta if index == 0 else {})
        doc_id = document_id(text)
        found = meta.values()
        evidence = {k: Evidence(doc_id, f.start, f.end, text[f.start:f.end])
                    for k in ("title", "published", "updated", "author", "dateline")
                    if (f := getattr(meta, k)) is not None and not given.get(k)}  # a given value has no span
        docs.append(Document(
            id=doc_id, source=raw.source, text=text,
            title=given.get("title") or found["title"], published=given.get("published") or found["published"],
            updated=found["updated"], author=given.get("author") or found["author"],
            outlet=given.get("outlet"), url=given.get("url"), dateline=found["dateline"],
            parent=source_id(raw.raw_hash) if len(articles) > 1 else None, index=index,
            raw_hash=raw.raw_hash, encoding=raw.encoding, markup=cleaned.markup, evidence=evidence,
        ))
    return docs


def documents(paths: Iterable[str], max_bytes: int = ingest.DEFAULT_MAX_BYTES) -> Iterator[Document | Rejection]:
    for item in ingest.read_inputs(paths, max_bytes):
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            prepared = prepare(item)
        except Exception as exc:  # one bad input must not stop the batch
            yield Rejection(item.source, f"could not be cleaned: {type(exc).__name__}: {exc}")
            continue
        if not prepared:
            yield Rejection(item.source, "no article text left after removing boilerplate")
        yield from prepared


def analyse_chunk(docs: list[Document]) -> list[Analysed]:
    """Run the NLP stages on a few documents (in a worker process)."""
    out = []
    for doc, parsed in zip(docs, nlp.parse([d.text for d in docs], n_process=1)):
        out.append(analyse_parsed(doc, parsed))
    return out


def analyse_parsed(doc: Document, parsed: object) -> Analysed:
    """The per-document extraction stages on one parsed document, in order."""
    sentences = tuple((s.start_char, s.end_char) for s in parsed.sents)
    found = mentions.with_dateline(doc, mentions.from_parse(doc.id, parsed))
    alias_links = aliases.find_aliases(doc.text, found, parsed)
    found = mentions.with_alias_names(doc, found, alias_links)
    shared = aliases.shared_aliases(doc.text, alias_links)
    stated = [clusters.AliasClaim(a.name_start, a.name_end, a.alias, a.alias_start, a.alias_end,
                                  Evidence(doc.id, a.evidence_start, a.evidence_end,
                                           doc.text[a.evidence_start:a.evidence_end]), a.alias in shared)
              for a in alias_links]
    local = clusters.cluster(doc.id, found, stated)
    local = affiliations.attach(local, roles.find_roles(doc.text, found, parsed), found)
    local = places.geocode(doc, local)
    stated = claims.extract_claims(doc, parsed, found, local)
    when = dates.find_dates(doc.text, doc.published)
    if doc.published is None:
        when = dates.anchor_in_text(doc.text, when)
    told = events.extract_events(doc, parsed, found, when)
    owner = {m: e.id for e in local for m in e.mentions}
    about = links.link(doc.text, stated, told, owner)
    return Analysed(doc, sentences, found, tuple(local), tuple(stated), tuple(told), about)


def analyse(docs: Iterable[Document], workers: int = 2) -> Iterator[Analysed]:
    """Analyse documents in chunks, in ``workers`` processes (1 = in this process)."""
    pieces = chunks(docs, CHUNK)
    if workers <= 1:
        for piece in pieces:
            yield from analyse_chunk(piece)
        return
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(workers) as pool:
        for result in pool.imap(analyse_chunk, pieces):
            yield from result


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))

