"""The command line: ingest (progress, summary, rejections, exit status), export, search, stats.

The real console script runs in a subprocess where the exit status or the terminal matters;
the rest goes through click's CliRunner in this process (the spaCy model loads once).
"""
from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import tempfile
import termios
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import (CHECKPOINT, CURFEW, JSONL_ITEMS, NEWSGRAPH, NO_DATE, export_bytes, jsonl, rows, run_cli,
                      unprivileged_prefix, write)
from newsgraph.cli import main

FIFTY_MB = 50 * 1024 * 1024


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def big_text_file(path: Path, size: int = FIFTY_MB) -> Path:
    """A genuine text file of ``size`` bytes (made at test time, never committed)."""
    block = (NO_DATE * (1024 * 1024 // len(NO_DATE) + 1)).encode("utf-8")[:1024 * 1024]
    with path.open("wb") as fh:
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(block[:size % len(block)])
    assert path.stat().st_size == size
    return path


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hello")
    return buf.getvalue()


# --------------------------------------------------------------------------- ingest

def test_ingest_summary_and_duplicates(tmp_path, corpus):
    db = tmp_path / "kb.sqlite"
    first = invoke("ingest", str(corpus), "--db", str(db), "--workers", "1")
    assert first.exit_code == 0, first.output
    assert re.search(rf"^ingested 6 documents \(\d+ words\), 0 duplicate, 0 rejected → {re.escape(str(db))}$",
                     first.stdout, re.M), first.stdout
    again = invoke("ingest", str(corpus), str(corpus / "checkpoint.txt"), "--db", str(db), "--workers", "1")
    assert again.exit_code == 0
    assert "ingested 0 documents (0 words), 7 duplicate, 0 rejected" in again.stdout
    assert rows(db, "SELECT count(*) FROM documents") == [(6,)]


def test_bad_inputs_are_each_named_with_a_reason_and_the_kb_exports_the_same(kb_copy, tmp_path, corpus):
    """Every kind of bad input in one batch, against a knowledge base that already holds documents."""
    inbox = tmp_path / "inbox"
    bad = {
        "empty.txt": (b"", "empty file"),
        "scan.txt": (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF file)"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (a PNG image)"),
        "bundle.txt": (_zip(), "binary file (a ZIP archive)"),
        "scan.pdf": (b"%PDF-1.5\n", "unsupported file type '.pdf'"),
        "photo.png": (b"\x89PNG\r\n\x1a\n", "unsupported file type '.png'"),
        "bundle.zip": (_zip(), "unsupported file type '.zip'"),
        "mojibake.txt": (b"Police said \x81\x8d\x90 the attack", "undecodable bytes"),
        "wire.jsonl": (jsonl(JSONL_ITEMS[:1]).encode() + b'{"text": "cut short\n', "malformed JSON on line 2"),
    }
    for name, (data, _) in bad.items():
        write(inbox / name, data)
    big = big_text_file(tmp_path / "huge.txt")  # with the default --max-bytes
    missing = tmp_path / "not-there.txt"
    before = run_cli("export", "--db", str(kb_copy))
    assert before.returncode == 0 and before.stdout.count('"kind": "document"') == 6

    proc = run_cli("ingest", str(inbox), str(big), str(missing), str(corpus / "checkpoint.txt"),
                   "--db", str(kb_copy), "--workers", "1")

    assert proc.returncode == 1, proc.stderr
    assert "ingested 0 documents (0 words), 2 duplicate, 11 rejected" in proc.stdout
    expected = {str(inbox / n): reason for n, (_, reason) in bad.items()}
    expected[f"{inbox / 'wire.jsonl'}:2"] = expected.pop(str(inbox / "wire.jsonl"))
    expected[str(big)] = "file is 52.4 MB, over the 20 MB limit"
    expected[str(missing)] = "no such file or directory"
    lines = [ln.strip() for ln in proc.stderr.splitlines() if ln.strip().startswith("rejected ")]
    for where, reason in expected.items():
        matching = [ln for ln in lines if ln.startswith(f"rejected {where}: ")]
        assert matching and all(reason in ln for ln in matching), (where, reason, lines)
    assert len({ln for ln in lines}) == len(expected)
    logged = rows(kb_copy, "SELECT input, line, reason FROM rejections")
    assert len(logged) == len(expected)
    assert (str(inbox / "wire.jsonl"), 2) in {(i, ln) for i, ln, _ in logged}

    after = run_cli("export", "--db", str(kb_copy))
    assert after.stdout == before.stdout


def test_the_rest_of_the_batch_goes_on(tmp_path):
    write(tmp_path / "in" / "a_empty.txt", b"")
    write(tmp_path / "in" / "b_good.txt", CURFEW)
    write(tmp_path / "in" / "c_wire.jsonl", "{nope\n" + jsonl(JSONL_ITEMS[1:]))
    write(tmp_path / "in" / "d_scan.txt", b"%PDF-1.4")
    db = tmp_path / "kb.sqlite"
    result = invoke("ingest", str(tmp_path / "in"), str(tmp_path / "gone"), "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    assert "ingested 2 documents" in result.stdout and "3 rejected" not in result.stdout
    assert "4 rejected" in result.stdout
    assert sorted(r[0] for r in rows(db, "SELECT title FROM documents")) == [
        "Curfew eased in Kurram after week of tribal clashes", "Motorcycle bomb wounds eleven in Quetta"]


def test_max_bytes_option(tmp_path):
    path = big_text_file(tmp_path / "long.txt", 30_000)
    small = invoke("ingest", str(path), "--db", str(tmp_path / "a.sqlite"), "--max-bytes", "10000", "--workers", "1")
    assert small.exit_code == 1
    assert f"rejected {path}: file is 0.0 MB, over the 0 MB limit (raise it with --max-bytes)" in small.stderr
    default = invoke("ingest", str(path), "--db", str(tmp_path / "b.sqlite"), "--workers", "1")
    assert default.exit_code == 0 and "ingested 1 documents" in default.stdout


def test_folder_without_permission(tmp_path):
    """Root ignores permissions, so the ingest runs unprivileged (as nobody, or without capabilities)."""
    prefix, kwargs = unprivileged_prefix()
    work = Path(tempfile.mkdtemp(dir="/tmp", prefix="newsgraph-perm-"))
    try:
        os.chmod(work, 0o777)
        locked = work / "locked"
        write(locked / "inside.txt", CHECKPOINT)
        good = write(work / "good.txt", CURFEW)
        os.chmod(good, 0o644)
        os.chmod(locked, 0o000)
        probe = subprocess.run([*prefix, "ls", str(locked)], capture_output=True, **kwargs)
        if probe.returncode == 0:
            pytest.skip("the permission trick does not apply here: the locked folder is still readable")
        db = work / "kb.sqlite"
        proc = subprocess.run([*prefix, *NEWSGRAPH, "ingest", str(locked), str(locked / "inside.txt"), str(good),
                               "--db", str(db), "--workers", "1"], capture_output=True, text=True, cwd=work,
                              timeout=300, **kwargs)
        assert proc.returncode == 1, proc.stderr
        assert f"rejected {locked}: permission denied" in proc.stderr
        assert f"rejected {locked / 'inside.txt'}: permission denied" in proc.stderr
        assert "ingested 1 documents" in proc.stdout and "2 rejected" in proc.stdout
        assert "Traceback" not in proc.stderr
        assert sorted(r[0] for r in rows(db, "SELECT input FROM rejections")) == sorted(
            [str(locked), str(locked / "inside.txt")])
    finally:
        os.chmod(work / "locked", 0o755)
        shutil.rmtree(work, ignore_errors=True)


def test_standard_input(tmp_path):
    db = tmp_path / "kb.sqlite"
    text = CHECKPOINT + "\n\u201cWe will not leave our homes,\u201d a caf\u00e9 owner said.\n"
    proc = run_cli("ingest", "-", "--db", str(db), "--workers", "1", input=text.encode("cp1252"))
    assert proc.returncode == 0, proc.stderr
    assert "ingested 1 documents" in proc.stdout
    assert rows(db, "SELECT source, published, title FROM documents") == [
        ("<stdin>", "2023-03-14", "Militants storm police checkpoint in Lakki Marwat")]
    assert rows(db, "SELECT encoding FROM sources") == [("windows-1252",)]
    empty = run_cli("ingest", "-", "--db", str(db), "--workers", "1", input=b"")
    assert empty.returncode == 1 and "rejected <stdin>: empty file" in empty.stderr


def _run_on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal (as a person at a shell would); return (status, terminal text)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a new pty is 0 columns wide
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_not_with_quiet(tmp_path, corpus):
    status, shown = _run_on_a_terminal([*NEWSGRAPH, "ingest", str(corpus), "--db", str(tmp_path / "a.sqlite"),
                                        "--workers", "1"])
    assert status == 0
    assert re.search(r"ingest: .*6 docs", shown), shown
    status, shown = _run_on_a_terminal([*NEWSGRAPH, "ingest", str(corpus), "--db", str(tmp_path / "b.sqlite"),
                                        "--workers", "1", "--quiet"])
    assert status == 0 and "docs" not in shown


def test_ingest_needs_a_path():
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2 and "Missing argument" in result.output


def test_ingest_into_a_missing_folder(tmp_path):
    result = invoke("ingest", "x.txt", "--db", str(tmp_path / "no" / "kb.sqlite"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


# --------------------------------------------------------------------------- export

def test_export_to_a_file_and_to_stdout(base_kb, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = run_cli("export", "--format", "jsonl", "-o", str(out), "--db", str(base_kb))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert proc.returncode == 0 and f"wrote {len(records)} records to {out}" in proc.stderr
    assert records[0] == {"kind": "meta", "format": "kb-export", "version": 1}
    assert all("kind" in r for r in records)
    docs = [r for r in records if r["kind"] == "document"]
    assert len(docs) == 6
    required = {"id", "source", "parent", "title", "published", "outlet", "author", "url"}
    assert all(required <= set(r) for r in docs)
    by_title = {r["title"]: r for r in docs}
    assert by_title["Aid convoy reaches besieged town"]["published"] is None
    assert by_title["Drone strike destroys compound near border"]["outlet"] == "Frontier Herald"
    assert {r["source"] for r in docs} >= {"checkpoint.txt", "region/curfew.txt", "region/deeper/convoy.txt",
                                           "drone.html", JSONL_ITEMS[0]["url"], "wire.jsonl#L2"}
    stdout = run_cli("export", "--db", str(base_kb))
    assert stdout.returncode == 0 and stdout.stdout == out.read_text(encoding="utf-8")
    assert stdout.stdout.encode("utf-8") == export_bytes(base_kb)


def test_export_is_stable(base_kb):
    assert export_bytes(base_kb) == export_bytes(base_kb)


@pytest.mark.parametrize("args, message", [
    (["export", "--format", "xlsx"], "Invalid value for '--format'"),
    (["export", "--db", "/nonexistent/kb.sqlite"], "no knowledge base at /nonexistent/kb.sqlite"),
    (["search", "drone", "--db", "/nonexistent/kb.sqlite"], "no knowledge base at"),
    (["stats", "--db", "/nonexistent/kb.sqlite"], "no knowledge base at"),
])
def test_commands_fail_clearly(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and message in result.output


# --------------------------------------------------------------------------- search and stats

def test_search(base_kb):
    result = invoke("search", "curfew", "--db", str(base_kb))
    assert result.exit_code == 0
    assert re.search(r"^d_\w+  2023-03-21  Curfew eased in Kurram after week of tribal clashes$", result.stdout, re.M)
    assert "[curfew]" in result.stdout.lower() and "1 hits" in result.stderr
    as_json = invoke("search", '"drone strike"', "--json", "--db", str(base_kb))
    [hit] = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert hit["title"] == "Drone strike destroys compound near border" and hit["published"] == "2023-05-04"
    none = invoke("search", "airstrike", "--db", str(base_kb))
    assert none.exit_code == 0 and none.stdout == "" and "0 hits" in none.stderr


def test_search_of_an_undated_article_shows_dashes(base_kb):
    result = invoke("search", "lorries", "--db", str(base_kb))
    assert "----------  Aid convoy reaches besieged town" in result.stdout


def test_bad_search_query_is_a_usage_error(base_kb):
    result = CliRunner().invoke(main, ["search", '"unterminated', "--db", str(base_kb)])
    assert result.exit_code == 2 and "cannot parse search query" in result.output


def test_stats(kb_copy, tmp_path):
    invoke("ingest", str(write(tmp_path / "empty.txt", b"")), "--db", str(kb_copy))
    result = invoke("stats", "--db", str(kb_copy))
    assert result.exit_code == 0
    counts = dict(re.findall(r"^  (\w+) +(\d+)$", result.stdout, re.M))
    assert counts["documents"] == "6" and counts["sources"] == "6" and counts["rejections"] == "1"
    assert int(counts["words"]) > 100 and int(counts["sentences"]) > 0
    assert f"rejected {tmp_path / 'empty.txt'}: empty file" in result.stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and re.search(r"\d+\.\d+\.\d+", result.output)
