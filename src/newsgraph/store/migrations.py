"""Numbered schema migrations. ``PRAGMA user_version`` records the last one applied.

Never edit a migration that has shipped; add the next number instead, so every existing
knowledge base upgrades in place.
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial", """
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,          -- 's_' + sha256 of the original bytes
    name        TEXT NOT NULL,             -- file name, URL or <stdin>
    raw_hash    TEXT NOT NULL,
    encoding    TEXT,
    markup      TEXT,                      -- original HTML, kept for display
    ingested_at TEXT NOT NULL
);
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,          -- 'd_' + sha256 of the stored text
    source_id   TEXT NOT NULL REFERENCES sources(id),
    source      TEXT NOT NULL,
    idx         INTEGER NOT NULL DEFAULT 0,-- position of the article in its source
    title       TEXT,
    published   TEXT,                      -- prefix-precision ISO date, or NULL when not stated
    updated     TEXT,
    author      TEXT,
    outlet      TEXT,
    url         TEXT,
    dateline    TEXT,
    text        TEXT NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '{}',-- JSON: metadata field -> [start, end]
    words       INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_published ON documents(published);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TABLE sentences (
    doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    PRIMARY KEY (doc, start)
) WITHOUT ROWID;
CREATE TABLE mentions (
    id     TEXT PRIMARY KEY,               -- 'm_' + doc + span
    doc    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    text   TEXT NOT NULL,
    label  TEXT NOT NULL,
    title  TEXT                            -- honorific (Mufti, Qari …) kept as an attribute
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE TABLE rejections (
    id     INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    line   INTEGER,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
"""),
]


def pending(current: int) -> list[tuple[int, str, str]]:
    return [m for m in MIGRATIONS if m[0] > current]


def latest() -> int:
    return MIGRATIONS[-1][0]

MIGRATIONS.append((2, "entities", """
CREATE TABLE local_entities (
    id        TEXT PRIMARY KEY,            -- one entity as one article names it
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    canonical TEXT,                        -- lexicon entry, when known
    data      TEXT NOT NULL                -- JSON: names, aliases, titles, mentions, affiliations
);
CREATE INDEX local_entities_doc ON local_entities(doc);
CREATE TABLE entities (
    id         TEXT PRIMARY KEY,           -- stable: 'e_' + hash of the first local entity
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    geo        TEXT,                       -- JSON or NULL
    created_at TEXT NOT NULL
);
CREATE TABLE entity_members (
    local_id  TEXT PRIMARY KEY REFERENCES local_entities(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    reason    TEXT NOT NULL,               -- JSON: why this article's entity joined this record
    at        TEXT NOT NULL
);
CREATE INDEX entity_members_entity ON entity_members(entity_id);
CREATE TABLE entity_keys (
    key       TEXT NOT NULL,               -- blocking key (folded name, acronym, name part pair)
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
"""))

MIGRATIONS.append((3, "entity_overrides", """
CREATE TABLE entity_overrides (
    local_id  TEXT PRIMARY KEY REFERENCES local_entities(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,               -- the record an analyst put this article's entity in
    note      TEXT,
    at        TEXT NOT NULL
);
"""))

MIGRATIONS.append((4, "claims_and_events", """
CREATE TABLE claim_mentions (
    id     TEXT PRIMARY KEY,               -- one attributed statement in one article
    doc    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    stance TEXT NOT NULL,
    data   TEXT NOT NULL                   -- JSON: speaker, cue, content spans, evidence, about, event
);
CREATE INDEX claim_mentions_doc ON claim_mentions(doc);
CREATE TABLE event_mentions (
    id    TEXT PRIMARY KEY,                -- one event as one article tells it
    doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type  TEXT NOT NULL,
    date  TEXT,                            -- prefix-precision ISO date, when stated
    data  TEXT NOT NULL                    -- JSON: trigger, evidence, place, participants, counts, status
);
CREATE INDEX event_mentions_doc ON event_mentions(doc);
CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE event_members (
    mention_id TEXT PRIMARY KEY REFERENCES event_mentions(id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL REFERENCES events(id),
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX event_members_event ON event_members(event_id);
CREATE TABLE event_keys (
    key      TEXT NOT NULL,                -- blocking key: type family + month + place or participant
    event_id TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
"""))

MIGRATIONS.append((5, "contradictions", """
CREATE TABLE contradictions (
    id      TEXT PRIMARY KEY,              -- stable: hash of the field and what it is about
    field   TEXT NOT NULL,                 -- occurred, role, involvement, fatalities, date …
    event   TEXT,                          -- the event record, for a disagreement about an event
    data    TEXT NOT NULL                  -- JSON: about, sides (items with evidence), docs, summary
);
"""))

MIGRATIONS.append((6, "review", """
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL,               -- merge, split, confirm, reject, edit, undo
    target    TEXT NOT NULL,               -- entity, event or claim record id (or a local entity id)
    before    TEXT,                        -- JSON: what it was
    after     TEXT,                        -- JSON: what it became
    note      TEXT,
    undone_at TEXT                         -- set when the change was undone
);
CREATE INDEX audit_log_target ON audit_log(target);
CREATE TABLE reviews (
    target  TEXT PRIMARY KEY,              -- event or claim record id
    kind    TEXT NOT NULL,                 -- event | claim
    verdict TEXT NOT NULL,                 -- confirmed | rejected
    note    TEXT,
    at      TEXT NOT NULL
);
CREATE TABLE value_edits (
    target TEXT NOT NULL,                  -- record id
    field  TEXT NOT NULL,                  -- e.g. "date", "fatalities", "location", "type", "name"
    value  TEXT NOT NULL,                  -- JSON
    note   TEXT,
    at     TEXT NOT NULL,
    PRIMARY KEY (target, field)
);
"""))

MIGRATIONS.append((7, "imported_records", """
CREATE TABLE imported_records (
    kind TEXT NOT NULL,                    -- entity, event, claim, contradiction (from a kb-export file)
    id   TEXT NOT NULL,
    data TEXT NOT NULL,                    -- the exported JSON object, kept as it came
    PRIMARY KEY (kind, id)
);
"""))
