"""Across articles: one entity record per real-world entity, explainable, reversible, incremental.

Black-box over real SQLite files: articles (each written for these tests, with invented names) are
ingested with ``KnowledgeBase.ingest(..., workers=1)`` and the records read back with
``store.entities.entities`` or exported with ``newsgraph export --format jsonl``. A surface is written
"Rind" (first occurrence in that article) or "Rind#2" (the second).
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import copy_db, locate, rows, run_cli, write
from newsgraph.kb import KnowledgeBase
from newsgraph.records import Entity
from newsgraph.resolve import entities as resolver
from newsgraph.resolve import names
from newsgraph.store import entities as stored

ARTICLES = {
    # spelling variants of one person
    "khorasani_a.txt": "KARACHI: Police named the suspect as Mohammad Umar Khorasani, a commander of the group, on Monday.",
    "khorasani_b.txt": "PESHAWAR: Officials said Muhammad Omar Khurasani had escaped from custody in March.",
    "mehsud_a.txt": "SOUTH WAZIRISTAN: Local commander Noor Zaman Mahsud surrendered to the army on Friday, officials said.",
    "mehsud_b.txt": "TANK: Officials said Noor Zaman Mehsud had been handed over to the authorities on Saturday.",
    # spelling variants of one group: a known one (lexicon) and one no lexicon lists
    "ttp_a.txt": "ISLAMABAD: The Tehrik-e-Taliban Pakistan said on Sunday that it had carried out the ambush.",
    "ttp_b.txt": "ISLAMABAD: The Tehreek-i-Taliban Pakistan denied the claim on Monday, a spokesman said.",
    "azadi_a.txt": "SWAT: The Tehreek Azadi Front said on Monday that it had planted the bomb, police said.",
    "azadi_b.txt": "MINGORA: Police said members of the Tahrik Azadi Front had been arrested near the bridge on Friday.",
    "qaeda_a.txt": "KABUL: Al-Qaeda fighters were seen in the valley last month, officials said.",
    "qaeda_b.txt": "JALALABAD: Officials said al Qaeda had trained the bombers in the mountains.",
    # the same full name, with and without a title
    "rind_a.txt": ("QUETTA: Former minister Sadia Rind addressed a rally on Friday. "
                   "Ms Rind said the government had failed the province."),
    "rind_b.txt": "GWADAR: Opposition leader Sadia Rind visited the wounded in hospital on Saturday.",
    "shinwari_a.txt": "KOHAT: Mufti Naveed Shinwari was arrested on Sunday, police said.",
    "shinwari_b.txt": "HANGU: A court granted bail to Naveed Shinwari on Thursday, his lawyer said.",
    # an acronym defined in one article, used alone in another
    "fdv_a.txt": ("PARACHINAR: The Frontier Defence Volunteers (FDV) said on Monday that it had sent fighters "
                  "to the border."),
    "fdv_b.txt": "SADDA: The FDV denied on Friday that its fighters had crossed the border, a spokesman said.",
    # must stay apart: a one-word name and a different full name
    "bomber.txt": ("MARDAN: Security forces shot dead a suicide bomber named Junaid near the checkpoint on Sunday. "
                   "Junaid was carrying explosives, police said."),
    "spokesman.txt": ("TURBAT: Group spokesman Junaid Shahwani said on Tuesday that the group had not been involved. "
                      "Shahwani said the claims were false."),
    # must stay apart: two people sharing a surname
    "teacher.txt": "CHARSADDA: Gunmen killed Imran Khattak, a teacher, outside his school on Monday, police said.",
    "shopkeeper.txt": "NOWSHERA: Sajid Khattak, a shopkeeper, was wounded when gunmen opened fire on Tuesday, police said.",
    # must stay apart: two people sharing an alias
    "alias_a.txt": ("LANDI KOTAL: Police arrested Qari Zubair Afridi alias Abu Hamza in a raid on Sunday. "
                    "Officials said Zubair Afridi had planned several bombings."),
    "alias_b.txt": ("DERA ISMAIL KHAN: Police arrested Hafiz Saeed Wazir, also known as Abu Hamza, on Monday. "
                    "His lawyer said Wazir denied the charges."),
}

LATER = {  # ingested into a copy of the knowledge base, one more article at a time
    "rind_c.txt": ("SIBI: Opposition leader Sadia Rind condemned the attack on Sunday. The Frontier Defence "
                   "Volunteers also condemned it. Police said Hasan Jamali Marri had been arrested."),
    "newcomer.txt": "ZHOB: Police said on Monday that Fazal Haq Kakar had been released from custody.",
}


@dataclass
class KB:
    path: Path
    docs: dict[str, str]  # source file name -> document id
    texts: dict[str, str]  # document id -> text
    records: list[Entity]

    def record(self, source: str, surface: str) -> Entity:
        """The entity record holding the mention at ``surface`` in the article ``source``."""
        doc = self.docs[source]
        a, b = locate(self.texts[doc], surface)
        hits = [e for e in self.records for m in e.mentions if m.doc == doc and m.start < b and a < m.end]
        assert hits, (f"no entity mention at {surface!r} in {source}; records there: "
                      f"{[(e.name, [m.text for m in e.mentions if m.doc == doc]) for e in self.records if any(m.doc == doc for m in e.mentions)]}")
        assert len({e.id for e in hits}) == 1, [e.name for e in hits]
        return hits[0]


def load(path: Path) -> KB:
    with KnowledgeBase(path, readonly=True) as kb:
        documents = kb.documents()
        records = list(stored.entities(kb.conn))
    return KB(path, {d.source: d.id for d in documents}, {d.id: d.text for d in documents}, records)


def ingest(db: Path, folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        write(folder / name, text)
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(folder / name) for name in articles], workers=1)
    assert summary.ingested == len(articles) and not summary.rejected, summary


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> KB:
    root = tmp_path_factory.mktemp("resolve")
    db = root / "kb.sqlite"
    ingest(db, root / "articles", ARTICLES)
    return load(db)


@pytest.fixture
def private(built, tmp_path) -> Path:
    """A copy of the built knowledge base, free to change."""
    return copy_db(built.path, tmp_path / "kb.sqlite")


def member_row(db: Path, source: str, surface: str) -> tuple[str, str, dict]:
    """(local id, entity id, reason) of the article's local entity holding the mention at ``surface``."""
    kb = load(db)
    doc = kb.docs[source]
    a, b = locate(kb.texts[doc], surface)
    for local_id, entity_id, reason, data in rows(
            db, "SELECT l.id, m.entity_id, m.reason, l.data FROM local_entities l "
                "JOIN entity_members m ON m.local_id = l.id WHERE l.doc = ?", (doc,)):
        if any(s < b and a < e for s, e, _ in json.loads(data)["spans"]):
            return local_id, entity_id, json.loads(reason)
    raise AssertionError(f"no local entity at {surface!r} in {source}")


# --------------------------------------------------------------------------- one record

ONE_RECORD = [
    ("Mohammad/Muhammad Umar/Omar Khorasani/Khurasani",
     ("khorasani_a.txt", "Mohammad Umar Khorasani"), ("khorasani_b.txt", "Muhammad Omar Khurasani")),
    ("Mahsud/Mehsud", ("mehsud_a.txt", "Noor Zaman Mahsud"), ("mehsud_b.txt", "Noor Zaman Mehsud")),
    ("Tehrik-e/Tehreek-i (known group)",
     ("ttp_a.txt", "Tehrik-e-Taliban Pakistan"), ("ttp_b.txt", "Tehreek-i-Taliban Pakistan")),
    ("Tehreek/Tahrik (unknown group)", ("azadi_a.txt", "Tehreek Azadi Front"), ("azadi_b.txt", "Tahrik Azadi Front")),
    ("Al-Qaeda/al Qaeda", ("qaeda_a.txt", "Al-Qaeda"), ("qaeda_b.txt", "al Qaeda")),
    ("same full name", ("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind")),
    ("short form joins the record too", ("rind_a.txt", "Rind#2"), ("rind_b.txt", "Sadia Rind")),
    ("same full name, title in one article", ("shinwari_a.txt", "Naveed Shinwari"), ("shinwari_b.txt", "Naveed Shinwari")),
    ("acronym defined in one article, used alone in another",
     ("fdv_a.txt", "Frontier Defence Volunteers"), ("fdv_b.txt", "FDV")),
]


@pytest.mark.parametrize("case, a, b", ONE_RECORD, ids=[c[0] for c in ONE_RECORD])
def test_one_record_per_real_world_entity(built, case, a, b):
    ra, rb = built.record(*a), built.record(*b)
    assert ra.id == rb.id, (ra.name, [m.text for m in ra.mentions], rb.name, [m.text for m in rb.mentions])
    assert {m.doc for m in ra.mentions} >= {built.docs[a[0]], built.docs[b[0]]}


TWO_RECORDS = [
    ("one-word name vs a different full name", ("bomber.txt", "Junaid"), ("spokesman.txt", "Junaid Shahwani")),
    ("one-word name vs a different full name, later mention", ("bomber.txt", "Junaid#2"), ("spokesman.txt", "Shahwani#2")),
    ("shared surname", ("teacher.txt", "Imran Khattak"), ("shopkeeper.txt", "Sajid Khattak")),
    ("shared alias", ("alias_a.txt", "Zubair Afridi"), ("alias_b.txt", "Saeed Wazir")),
    ("shared alias, later mentions", ("alias_a.txt", "Zubair Afridi#2"), ("alias_b.txt", "Wazir#2")),
    ("person vs group", ("mehsud_a.txt", "Noor Zaman Mahsud"), ("ttp_a.txt", "Tehrik-e-Taliban Pakistan")),
    ("two groups", ("azadi_a.txt", "Tehreek Azadi Front"), ("fdv_a.txt", "Frontier Defence Volunteers")),
]


@pytest.mark.parametrize("case, a, b", TWO_RECORDS, ids=[c[0] for c in TWO_RECORDS])
def test_different_entities_get_different_records(built, case, a, b):
    ra, rb = built.record(*a), built.record(*b)
    assert ra.id != rb.id, (case, ra.name, sorted({(m.doc, m.text) for m in ra.mentions}))


def test_a_shared_alias_stays_with_each_of_its_holders(built):
    """Each man's record carries the alias his article states; the alias joins neither to the other."""
    zubair, wazir = built.record("alias_a.txt", "Zubair Afridi"), built.record("alias_b.txt", "Saeed Wazir")
    for source, holder in (("alias_a.txt", zubair), ("alias_b.txt", wazir)):
        alias = built.record(source, "Abu Hamza")
        assert alias.id == holder.id, (f"{source}: 'Abu Hamza' is in record {alias.name!r} "
                                       f"{sorted({(m.doc, m.text) for m in alias.mentions})}, not with {holder.name!r}")
    assert "Abu Hamza" in [a.name for a in zubair.aliases] and "Abu Hamza" in [a.name for a in wazir.aliases]


def test_the_record_is_named_by_its_fullest_name(built):
    rind = built.record("rind_a.txt", "Rind#2")
    assert rind.type == "PERSON" and rind.name == "Sadia Rind"
    fdv = built.record("fdv_b.txt", "FDV")
    assert fdv.type == "ORG" and fdv.name == "Frontier Defence Volunteers" and "FDV" in [a.name for a in fdv.aliases]


def test_the_record_keeps_the_other_spellings_as_aliases(built):
    """The export contract: ``aliases`` are the other names sources give it, spelling variants included."""
    khorasani = built.record("khorasani_a.txt", "Mohammad Umar Khorasani")
    spellings = {khorasani.name} | {a.name for a in khorasani.aliases}
    assert {"Mohammad Umar Khorasani", "Muhammad Omar Khurasani"} <= spellings, (khorasani.name, khorasani.aliases)
    mehsud = built.record("mehsud_a.txt", "Noor Zaman Mahsud")
    assert {"Noor Zaman Mahsud", "Noor Zaman Mehsud"} <= {mehsud.name} | {a.name for a in mehsud.aliases}


def test_no_two_records_share_a_type_and_a_full_name(built):
    """Except a stated alias (its evidence is the sentence stating it): two men may share one."""
    seen: dict[tuple[str, str], str] = {}
    for e in built.records:
        stated = {names.fold(a.name) for a in e.aliases if a.evidence and a.evidence.text != a.name}
        for text in {m.text for m in e.mentions}:
            key = (names.type_group(e.type), names.fold(text))
            if len(key[1].split()) < 2 or key[1] in stated:
                continue
            assert seen.setdefault(key, e.id) == e.id, f"{text!r} is in two records"


# --------------------------------------------------------------------------- why: the recorded reason

def test_every_membership_records_its_reason_as_json(built):
    found = rows(built.path, "SELECT local_id, entity_id, reason FROM entity_members")
    assert len(found) == rows(built.path, "SELECT count(*) FROM local_entities")[0][0] > 0
    for _, _, reason in found:
        data = json.loads(reason)
        assert isinstance(data["rules"], list) and data["rules"] and all(isinstance(r, str) for r in data["rules"])
        assert isinstance(data["keys"], list)


@pytest.mark.parametrize("first, merged", [
    (("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind")),
    (("khorasani_a.txt", "Mohammad Umar Khorasani"), ("khorasani_b.txt", "Muhammad Omar Khurasani")),
    (("fdv_a.txt", "Frontier Defence Volunteers"), ("fdv_b.txt", "FDV")),
], ids=["same name", "variants", "acronym"])
def test_a_merge_records_the_rules_and_keys_that_made_it(built, first, merged):
    """Of two articles naming one entity, one made the record and the other joined it, saying why."""
    reasons = [member_row(built.path, *first), member_row(built.path, *merged)]
    assert reasons[0][1] == reasons[1][1]
    entity = reasons[0][1]
    made = [r for _, _, r in reasons if r["rules"] == ["new record"]]
    joined = [r for _, _, r in reasons if r["rules"] != ["new record"]]
    assert len(made) == 1 and len(joined) == 1, reasons
    reason = joined[0]
    assert reason["rules"] and reason["keys"], reason
    stored = {k for (k,) in rows(built.path, "SELECT key FROM entity_keys WHERE entity_id = ?", (entity,))}
    assert set(reason["keys"]) <= stored, (reason, stored)


# --------------------------------------------------------------------------- blocking

def test_resolution_compares_only_records_sharing_a_blocking_key(private, tmp_path):
    """With ~40 records in the store, a new article's entities meet only the records sharing a key."""
    assert rows(private, "SELECT count(*) FROM entities")[0][0] >= 30
    ingest(private, tmp_path / "later", LATER)
    _, _, fresh = member_row(private, "newcomer.txt", "Fazal Haq Kakar")
    assert fresh["rules"] == ["new record"] and fresh["keys"] == [] and fresh.get("candidates", 0) == 0, fresh
    _, _, known = member_row(private, "rind_c.txt", "Sadia Rind")
    assert known["rules"] != ["new record"] and known.get("candidates", 1) == 1, known


@pytest.mark.parametrize("local", [
    resolver.Local("l1", "PERSON", "Junaid", None, ("Junaid",), ()),
    resolver.Local("l2", "PERSON", "Shahwani", None, ("Shahwani",), ()),
], ids=["given name", "surname"])
def test_a_one_word_person_name_has_no_key_to_merge_by(local):
    assert resolver.probe_keys(local) == {} and resolver.own_keys(local) == set()


def test_a_name_known_only_as_a_stated_alias_is_no_key():
    local = resolver.Local("l3", "PERSON", "Zubair Afridi", None, ("Zubair Afridi", "Abu Hamza"), ("Abu Hamza",))
    keys = resolver.own_keys(local) | set(resolver.probe_keys(local))
    assert keys and not any("hamza" in k for k in keys), keys


def test_probe_keys_come_from_the_name_and_name_their_rule():
    local = resolver.Local("l4", "PERSON", "Abdul Wahid Popalzai", None, ("Abdul Wahid Popalzai", "Popalzai"), ())
    probes = resolver.probe_keys(local)
    assert 0 < len(probes) <= 8
    parts = set(names.tokens("Abdul Wahid Popalzai"))
    for key, rule in probes.items():
        assert set(key.split(":")[-1].split()) <= parts and rule, (key, rule)


# --------------------------------------------------------------------------- incremental

def test_ingesting_one_more_article_keeps_existing_records_and_ids(private, tmp_path):
    before_members = set(rows(private, "SELECT local_id, entity_id, reason, at FROM entity_members"))
    before_entities = set(rows(private, "SELECT id, type, name, created_at FROM entities"))
    before = load(private)
    rind, fdv = before.record("rind_a.txt", "Sadia Rind"), before.record("fdv_a.txt", "FDV")

    ingest(private, tmp_path / "later", {"rind_c.txt": LATER["rind_c.txt"]})

    after_members = set(rows(private, "SELECT local_id, entity_id, reason, at FROM entity_members"))
    assert before_members <= after_members  # nothing resolved before was touched
    assert before_entities <= set(rows(private, "SELECT id, type, name, created_at FROM entities"))
    after = load(private)
    new_doc = after.docs["rind_c.txt"]
    new_locals = rows(private, "SELECT count(*) FROM local_entities WHERE doc = ?", (new_doc,))[0][0]
    assert len(after_members - before_members) == new_locals  # only the new article was resolved
    assert after.record("rind_c.txt", "Sadia Rind").id == rind.id
    assert after.record("rind_c.txt", "Frontier Defence Volunteers").id == fdv.id
    for old in before.records:  # every old record keeps its id and its mentions
        [same] = [e for e in after.records if e.id == old.id]
        assert set(old.mentions) <= set(same.mentions)


def test_ingesting_an_article_again_changes_nothing(private, tmp_path):
    before = set(rows(private, "SELECT local_id, entity_id, reason, at FROM entity_members"))
    folder = tmp_path / "again"
    write(folder / "rind_b.txt", ARTICLES["rind_b.txt"])
    with KnowledgeBase(private) as kb:
        summary = kb.ingest([str(folder)], workers=1)
    assert summary.ingested == 0 and summary.duplicates == 1
    assert set(rows(private, "SELECT local_id, entity_id, reason, at FROM entity_members")) == before


# --------------------------------------------------------------------------- undo

def joined_and_maker(db: Path, a: tuple[str, str], b: tuple[str, str]):
    """Of two articles' local entities in one record: (the one that joined, the one that made it)."""
    ra, rb = member_row(db, *a), member_row(db, *b)
    assert ra[1] == rb[1], (ra, rb)
    return ((b, rb), (a, ra)) if ra[2]["rules"] == ["new record"] else ((a, ra), (b, rb))


def test_deleting_a_member_row_and_resolving_again_follows_the_rules_again(private):
    """A bare delete is no undo: the rules that joined the two articles join them again.
    An analyst's undo is ``split_entity`` (tested below), which is pinned."""
    (joined, (local_id, record, reason)), (maker, _) = joined_and_maker(
        private, ("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind"))
    assert reason["rules"] != ["new record"]
    conn = sqlite3.connect(private, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("DELETE FROM entity_members WHERE local_id = ?", (local_id,))
        assert resolver.resolve_pending(conn) == 1
    finally:
        conn.close()
    again, entity, reason = member_row(private, *joined)
    assert again == local_id and entity == record and "same full name" in reason["rules"], reason


def test_deleting_a_member_row_leaves_the_other_records_alone(private):
    before = {r for r in rows(private, "SELECT local_id, entity_id FROM entity_members")}
    (_, (local_id, _, _)), _ = joined_and_maker(private, ("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind"))
    conn = sqlite3.connect(private, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("DELETE FROM entity_members WHERE local_id = ?", (local_id,))
        resolver.resolve_pending(conn)
    finally:
        conn.close()
    after = {r for r in rows(private, "SELECT local_id, entity_id FROM entity_members")}
    assert {r for r in before if r[0] != local_id} <= after


def test_an_analyst_split_is_a_separate_record_that_resolving_again_keeps(private):
    (joined, (local_id, record, _)), (maker, _) = joined_and_maker(
        private, ("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind"))
    with KnowledgeBase(private) as kb:
        target = kb.split_entity(local_id, note="two different women")
        assert target != record
        kb.conn.execute("DELETE FROM entity_members WHERE local_id = ?", (local_id,))
        resolver.resolve_pending(kb.conn)
    _, entity, reason = member_row(private, *joined)
    assert entity == target and "new record" not in reason["rules"] and reason["rules"], reason
    kb = load(private)
    assert kb.record(*joined).id == target and kb.record(*maker).id == record
    assert {m.doc for m in kb.record(*maker).mentions} == {kb.docs[maker[0]]}


def test_unpinning_a_split_gives_the_decision_back_to_the_rules(private):
    (joined, (local_id, record, _)), _ = joined_and_maker(
        private, ("rind_a.txt", "Sadia Rind"), ("rind_b.txt", "Sadia Rind"))
    with KnowledgeBase(private) as kb:
        kb.split_entity(local_id)
        assert kb.undo_override(local_id) == record
    assert member_row(private, *joined)[1] == record


def test_an_analyst_merge_joins_two_records_and_unpinning_parts_them_again(private):
    _, keep, _ = member_row(private, "teacher.txt", "Imran Khattak")
    shopkeeper, other, _ = member_row(private, "shopkeeper.txt", "Sajid Khattak")
    assert keep != other
    with KnowledgeBase(private) as kb:
        assert kb.merge_entities(keep, other, note="test") == 1
        assert load(private).record("shopkeeper.txt", "Sajid Khattak").id == keep
        back = kb.undo_override(shopkeeper)
    assert back != keep, "unpinned, the shopkeeper stays in the teacher's record"
    kb2 = load(private)
    assert kb2.record("shopkeeper.txt", "Sajid Khattak").id != kb2.record("teacher.txt", "Imran Khattak").id == keep


# --------------------------------------------------------------------------- export

@pytest.fixture(scope="module")
def exported(built) -> list[dict]:
    proc = run_cli("export", "--format", "jsonl", "--db", str(built.path))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_export_has_one_entity_line_per_record_with_the_contract_fields(built, exported):
    ents = [r for r in exported if r["kind"] == "entity"]
    assert len(ents) == len(built.records) and len({e["id"] for e in ents}) == len(ents)
    for e in ents:
        assert {"kind", "id", "type", "name", "aliases", "affiliations", "mentions", "geo"} <= set(e), e
        assert isinstance(e["aliases"], list) and isinstance(e["affiliations"], list) and e["mentions"]
        assert all(set(m) >= {"doc", "start", "end", "text"} for m in e["mentions"])


def test_every_exported_span_matches_the_document_text(built, exported):
    spans = Counter()
    for e in (r for r in exported if r["kind"] == "entity"):
        evidence = list(e["mentions"]) + [ev for ev in e.get("alias_evidence", []) if ev]
        for m in evidence:
            text = built.texts[m["doc"]]
            assert text[m["start"]:m["end"]] == m["text"] and m["text"], (e["name"], m)
        spans.update((m["doc"], m["start"], m["end"]) for m in e["mentions"])
    assert set(spans.values()) == {1}, [s for s, n in spans.items() if n > 1]  # a mention is in one record


def test_export_one_record_for_variants_across_articles(built, exported):
    ents = [r for r in exported if r["kind"] == "entity"]
    for surfaces in (("Noor Zaman Mahsud", "Noor Zaman Mehsud"), ("Sadia Rind",), ("Tehreek Azadi Front", "Tahrik Azadi Front")):
        holding = [e for e in ents if any(m["text"] in surfaces for m in e["mentions"])]
        assert len(holding) == 1, [(e["name"], [m["text"] for m in e["mentions"]]) for e in holding]
        assert len({m["doc"] for m in holding[0]["mentions"]}) == 2
