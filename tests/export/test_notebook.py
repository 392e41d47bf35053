"""The notebook API: ``newsgraph.open(path)`` gives entities(), events(...), claims() and
contradictions() as records with ``.to_pandas()``, one row per record in the CSV's columns.
"""
from __future__ import annotations

import pytest

import newsgraph
from newsgraph.export import csv as tables
from newsgraph.records import Claim, Contradiction, Entity, Event

pandas = pytest.importorskip("pandas")


def test_records_and_frames_for_every_kind(built):
    with newsgraph.open(built.db, readonly=True) as kb:
        for method, kind, cls in (("entities", "entity", Entity), ("events", "event", Event),
                                  ("claims", "claim", Claim), ("contradictions", "contradiction", Contradiction)):
            records = getattr(kb, method)()
            assert [r.id for r in records] == [r["id"] for r in built.of(kind)]
            assert all(isinstance(r, cls) for r in records)
            frame = records.to_pandas()
            assert list(frame.columns) == list(tables.TABLES[kind][1]) and len(frame) == len(records)


def test_events_take_the_export_filters(built):
    with newsgraph.open(built.db, readonly=True) as kb:
        located = [e for e in built.of("event") if (e["location"] or {}).get("country")]
        country = located[0]["location"]["country"]
        events = kb.events(country=country)
        assert events and all(e.location["country"] == country for e in events)
        frame = events.to_pandas()
        assert set(frame["country"]) == {country} and frame["event_id"].tolist() == [e.id for e in events]
        people = kb.entities(types="PERSON").to_pandas()
        assert set(people["type"]) == {"PERSON"} and isinstance(people["aliases"].iloc[0], list)


def test_the_core_install_imports_no_extra(tmp_path):
    """Nothing imports the extras at import time, and a missing one is named with the fix."""
    import subprocess
    import sys

    probe = ("import sys; import newsgraph.cli, newsgraph.kb, newsgraph.notebook, newsgraph.imports\n"
             "from newsgraph.export import csv, geojson, graph, ftm, stix, filters, jsonl\n"
             "extras = ('followthemoney', 'stix2', 'networkx', 'pandas', 'geojson')\n"
             "print(sorted(m for m in extras if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
    without = ("import sys; sys.modules['followthemoney'] = None\n"
               "from newsgraph.cli import main; main(['export', '--format', 'ftm', '--db', sys.argv[1]])")
    from newsgraph.kb import KnowledgeBase

    KnowledgeBase(tmp_path / "empty.sqlite").close()
    done = subprocess.run([sys.executable, "-c", without, str(tmp_path / "empty.sqlite")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "pip install 'newsgraph[export]'" in done.stderr
