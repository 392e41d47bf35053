"""csv: every table reads back with the csv module (and pandas) cell for cell, row for row.

What Excel needs is checked on the bytes: a UTF-8 byte-order mark, a header, CRLF rows, and
quotes where a cell holds a comma, a quote or a line break. Every event row carries the
sentences that state the event.
"""
from __future__ import annotations

import csv
import io

import pytest

from newsgraph.export import csv as tables

SAMPLES_ONLY = pytest.mark.parametrize("built", ["samples"], indirect=True)


def read(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_every_table_reads_back_with_the_same_rows_and_cells(built):
    index = tables.Index.of(built.records)
    for kind, (name, columns, row) in tables.TABLES.items():
        got = read(built.files["csv"] / name)
        assert got[0] == list(columns), name
        records = built.of(kind)
        assert len(got) - 1 == len(records) == built.counts["csv"][name], name
        for record, line in zip(records, got[1:]):
            values = row(record, index)
            assert line == ["" if (v := tables.cell(values[c])) is None else str(v) for c in columns], record["id"]


def test_files_are_what_excel_expects(built):
    raw = (built.files["csv"] / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"event_id,event_date,year,time_precision")
    assert raw.count(b"\r\n") >= len(built.of("event")) + 1
    claims = (built.files["csv"] / "claims.csv").read_text(encoding="utf-8-sig")
    assert '"' in claims  # cells with commas or quotes are quoted


def test_pandas_reads_the_same_number_of_rows(built):
    pandas = pytest.importorskip("pandas")
    for kind, (name, columns, _) in tables.TABLES.items():
        frame = pandas.read_csv(built.files["csv"] / name, encoding="utf-8-sig", keep_default_na=False)
        assert list(frame.columns) == list(columns) and len(frame) == len(built.of(kind)), name


def test_event_rows_carry_their_evidence_and_acled_codes(built):
    rows = {r[0]: dict(zip(tables.EVENT_COLUMNS, r)) for r in read(built.files["csv"] / "events.csv")[1:]}
    for event in built.of("event"):
        row = rows[event["id"]]
        for ev in event["evidence"]:
            assert " ".join(ev["text"].split()) in row["notes"]
            assert f"{ev['doc']}:{ev['start']}-{ev['end']}" in row["evidence"]
        assert row["newsgraph_type"] == event["type"]
        assert (row["event_type"], row["sub_event_type"]) == tables.ACLED[event["type"]]
        if event["date"]:
            assert row["event_date"] == event["date"]["value"]
            assert row["time_precision"] == str(tables.TIME_PRECISION[event["date"]["precision"]])
        if event["fatalities"] and event["fatalities"]["min"] is not None:
            assert row["fatalities"] == row["fatalities_min"] == str(event["fatalities"]["min"])


@SAMPLES_ONLY
def test_quotes_commas_and_accents_survive(built):
    rows = [dict(zip(tables.CLAIM_COLUMNS, r)) for r in read(built.files["csv"] / "claims.csv")[1:]]
    said = next(r for r in rows if "Zoë Dubé" in r["notes"])
    assert '"The clinic was clearly marked, and our staff, all of them unarmed, were there to help,"' in said["notes"]
    assert said["source"] and said["documents"].startswith("d_")
    disputed = read(built.files["csv"] / "contradictions.csv")[1:]
    assert disputed and all(row[tables.CONTRADICTION_COLUMNS.index("notes")] for row in disputed)


def test_cells_that_would_start_a_formula_are_defused():
    assert tables.cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [tables.cell(v) for v in ("+1", "-x", "@SUM(A1)")] == ["'+1", "'-x", "'@SUM(A1)"]
    assert tables.cell(-71.5) == -71.5 and tables.cell(["a", "b"]) == "a; b" and tables.cell(None) is None


def test_csv_to_standard_output_or_a_csv_file_is_the_events_table(built):
    from click.testing import CliRunner

    from newsgraph.cli import main

    result = CliRunner().invoke(main, ["export", "--db", str(built.db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert lines[0] == list(tables.EVENT_COLUMNS) and len(lines) - 1 == len(built.of("event"))
    one = built.files["csv"].parent / "events-only.csv"
    result = CliRunner().invoke(main, ["export", "--db", str(built.db), "--format", "csv", "-o", str(one)])
    assert result.exit_code == 0 and one.is_file()
    assert one.read_bytes() == (built.files["csv"] / "events.csv").read_bytes()
