"""Metadata: title, published, updated, byline, dateline, outlet — only what is stated, with spans."""
from __future__ import annotations

import json
from datetime import date

import pytest

from support import CHECKPOINT, HTML_PAGE, JSONL_ITEMS, NO_DATE, jsonl, write
from newsgraph import pipeline
from newsgraph.document.metadata import extract
from newsgraph.document.stamps import parse_iso_like, parse_stamp
from newsgraph.records import Document

BODY = "The interior ministry said on Friday that the border crossing would reopen next week after talks."

CASES = [
    ("published line, byline above, dateline",
     "Ceasefire talks resume in Doha\n\nBy Omar Farooq\n\nPublished March 2, 2021\n\n"
     "DOHA: Negotiators met again on Sunday after a pause of two weeks, mediators said.",
     dict(title="Ceasefire talks resume in Doha", published="2021-03-02", updated=None, author="Omar Farooq",
          dateline="DOHA")),
    ("updated line only: it is the publication date too",
     "Suspect held at border crossing\n\nUpdated 08 January 2023\n\n"
     "ANKARA: Officials confirmed the arrest of a suspect on Monday after a long surveillance operation.",
     dict(title="Suspect held at border crossing", published="2023-01-08", updated="2023-01-08", author=None,
          dateline="ANKARA")),
    ("a bare date line",
     "Border crossing to reopen\n\nNovember 8, 2025\n\nISLAMABAD: " + BODY,
     dict(title="Border crossing to reopen", published="2025-11-08", dateline="ISLAMABAD")),
    ("published and updated on one line",
     "Ceasefire talks resume in Doha\n\nPublished 3 March 2021 | Updated 5 March 2021\n\n"
     "KABUL, Afghanistan (AP) — Gunmen killed two guards at a checkpoint on the road to the airport, police said.",
     dict(published="2021-03-03", updated="2021-03-05", dateline="KABUL")),
    ("published with a relative update",
     "Ceasefire talks resume in Doha\n\nTahir Farooq\n\nPublished March 2, 2021 - Updated about 3 hours ago"
     "\n\n" + BODY,
     dict(published="2021-03-02", updated=None, author="Tahir Farooq", dateline=None)),
    ("ISO date with a time", "Ceasefire talks resume in Doha\n\nPublished: 2021-03-03 10:15\n\n" + BODY,
     dict(published="2021-03-03")),
    ("posted on, abbreviated month, name above",
     "Ceasefire talks resume in Doha\n\nSana Qureshi\n\nPosted on Mar. 3, 2021 at 10:15 PM\n\n" + BODY,
     dict(published="2021-03-03", author="Sana Qureshi")),
    ("weekday date line with a poster",
     "Militants kill police officers in north-west\n\nTuesday 18 January 2022, by deskeditor\n\n" + BODY,
     dict(title="Militants kill police officers in north-west", published="2022-01-18", author=None)),
    ("byline below the stamp, two names",
     "Kabul airport blast\n\nPublished March 2, 2021\n\nBy Omar Farooq and Sana Qureshi\n\n" + BODY,
     dict(title="Kabul airport blast", author="Omar Farooq and Sana Qureshi")),
    ("a short headline above the stamp is not a byline",
     "Border crossing reopens\n\nPublished March 2, 2021\n\n" + BODY,
     dict(title="Border crossing reopens", author=None)),
    ("a lower-case credit line is not a byline",
     "Border crossing reopens after talks\n\nreporting by staff\n\nPublished March 2, 2021\n\n" + BODY,
     dict(title="Border crossing reopens after talks", author=None)),
    ("mixed-case dateline with a dash",
     "Ceasefire talks resume\n\nPublished May 2, 2024\n\nKabul — The Taliban administration said on Monday it "
     "had released three detained aid workers after mediation.",
     dict(dateline="Kabul")),
    ("wire dateline with a day and an agency",
     "Ceasefire talks resume\n\nKABUL, Aug 26 (Reuters) - Two suicide bombers struck a crowd outside the airport "
     "gates on Thursday, health officials said.",
     dict(dateline="KABUL", published=None)),
    ("wire dateline with a country and an abbreviated month",
     "Troops end siege\n\nBANNU, Pakistan, Dec. 20 (AP) — Troops stormed a counter-terrorism compound on Tuesday "
     "to free officers held by militants, officials said.",
     dict(dateline="BANNU")),
    ("no dateline when the story opens with a sentence", "Ceasefire talks resume\n\n" + BODY,
     dict(dateline=None, published=None)),
    ("no date stated", NO_DATE, dict(title="Aid convoy reaches besieged town", published=None, updated=None)),
    ("a date inside the story is not the publication date",
     "Ceasefire talks resume in Doha\n\nThe ministry said the talks began on March 3, 2021 and would last a week.",
     dict(published=None)),
    ("an impossible date is no date", "Ceasefire talks resume in Doha\n\nPublished February 30, 2021\n\n" + BODY,
     dict(published=None)),
    ("29 February of a leap year", "Ceasefire talks resume in Doha\n\nPublished February 29, 2024\n\n" + BODY,
     dict(published="2024-02-29")),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_metadata_table(name, text, expected):
    meta, _ = extract(text)
    values = meta.values()
    for key, value in expected.items():
        assert values[key] == value, f"{name}: {key} = {values[key]!r}, expected {value!r}"


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_every_field_has_a_span_in_the_text(name, text, expected):
    meta, _ = extract(text)
    for key in ("title", "author", "dateline"):
        f = getattr(meta, key)
        if f is not None:
            assert text[f.start:f.end] == f.value
    for key in ("published", "updated"):
        f = getattr(meta, key)
        if f is not None:  # the span is the date as written; it parses to the stored value
            stamp = parse_stamp(text[f.start:f.end])
            assert stamp is not None and stamp.value == f.value


@pytest.mark.parametrize("value, expected", [
    ("2023-03-04T10:00:00Z", "2023-03-04"), ("2023-03", "2023-03"), ("2023", "2023"),
    ("March 4, 2023", "2023-03-04"), ("4 March 2023", "2023-03-04"), ("yesterday", None), ("", None),
    ("2023-13-01", None), ("2023-02-30T08:00:00Z", None), ("2024-02-29", "2024-02-29"), ("2023-00", None),
])
def test_given_dates_are_normalised(value, expected):
    assert parse_iso_like(value) == expected


def test_given_values_are_returned_normalised():
    _, given = extract(BODY, {"published": "2022-04-09T10:00:00Z", "outlet": " Wire Desk ", "title": "Given",
                              "author": "Jamal Safi", "url": "https://news.example.org/a"})
    assert given == {"published": "2022-04-09", "outlet": "Wire Desk", "title": "Given", "author": "Jamal Safi",
                     "url": "https://news.example.org/a"}


def _docs(paths) -> list[Document]:
    items = list(pipeline.documents([str(p) for p in paths]))
    assert all(isinstance(i, Document) for i in items), [str(i) for i in items]
    return items


def test_documents_carry_metadata_and_evidence(tmp_path):
    [doc] = _docs([write(tmp_path / "checkpoint.txt", CHECKPOINT)])
    assert (doc.title, doc.published, doc.author, doc.dateline) == (
        "Militants storm police checkpoint in Lakki Marwat", "2023-03-14", "Farah Naz", "LAKKI MARWAT")
    assert doc.outlet is None  # not stated
    assert set(doc.evidence) == {"title", "published", "author", "dateline"}
    assert all(ev.doc == doc.id for ev in doc.evidence.values())
    spans = {k: doc.text[ev.start:ev.end] for k, ev in doc.evidence.items()}
    assert spans == {"title": "Militants storm police checkpoint in Lakki Marwat", "published": "March 14, 2023",
                     "author": "Farah Naz", "dateline": "LAKKI MARWAT"}


def test_evidence_text_is_the_text_of_its_span(tmp_path):
    [doc] = _docs([write(tmp_path / "checkpoint.txt", CHECKPOINT)])
    for ev in doc.evidence.values():
        assert doc.text[ev.start:ev.end] == ev.text


def test_no_date_stated_is_none_never_the_ingest_date(tmp_path):
    [doc] = _docs([write(tmp_path / "convoy.txt", NO_DATE)])
    assert doc.published is None and doc.updated is None
    assert "published" not in doc.evidence
    assert doc.published != date.today().isoformat()


def test_json_fields_win_and_outlet_is_kept(tmp_path):
    docs = _docs([write(tmp_path / "wire.jsonl", jsonl(JSONL_ITEMS))])
    assert [(d.title, d.published, d.outlet, d.author, d.url) for d in docs] == [
        ("Gunmen attack workers' bus north of Kabul", "2022-04-09", "Wire Desk", "Jamal Safi",
         "https://news.example.org/kabul-bus-attack"),
        ("Motorcycle bomb wounds eleven in Quetta", "2022-06-06", None, None, None),
    ]
    assert [d.dateline for d in docs] == ["KABUL", "QUETTA"]


def test_json_without_a_date_has_none(tmp_path):
    [doc] = _docs([write(tmp_path / "one.json", json.dumps({"text": NO_DATE.split("\n\n", 1)[1]}))])
    assert doc.published is None


def test_html_metadata_from_markup(tmp_path):
    [doc] = _docs([write(tmp_path / "drone.html", HTML_PAGE)])
    assert (doc.title, doc.published, doc.author, doc.outlet, doc.dateline) == (
        "Drone strike destroys compound near border", "2023-05-04", "Sana Qureshi", "Frontier Herald", "MIRAMSHAH")
    assert doc.markup == HTML_PAGE


def test_html_without_any_date_has_none(tmp_path):
    page = ("<html><head><title>Gunmen storm police post</title></head><body><article>"
            "<h1>Gunmen storm police post</h1><p>Gunmen stormed a police post in a remote district overnight, "
            "killing one officer, officials said.</p><p>The attackers fled into the mountains before "
            "reinforcements arrived.</p></article></body></html>")
    [doc] = _docs([write(tmp_path / "post.html", page)])
    assert doc.published is None and doc.title == "Gunmen storm police post"


def test_a_wire_stamp_with_a_desk_and_a_clock_time_before_the_date():
    from newsgraph.document.stamps import parse_stamp

    stamp = parse_stamp("News Desk 11:05 PM | 7 Jun, 2024")
    assert stamp is not None and stamp.value == "2024-06-07"
