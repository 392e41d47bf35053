"""Ingest: files, folders and standard input → raw inputs (or a rejection naming input and reason)."""
from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile

import pytest

from support import CHECKPOINT, HTML_PAGE, JSONL_ITEMS, jsonl, write
from newsgraph.document import ingest
from newsgraph.document.ingest import RawInput
from newsgraph.records import Rejection


def read(*paths, **kwargs) -> list[RawInput | Rejection]:
    return list(ingest.read_inputs([str(p) for p in paths], **kwargs))


def only_raw(items) -> list[RawInput]:
    assert all(isinstance(i, RawInput) for i in items), [str(i) for i in items if isinstance(i, Rejection)]
    return items


# --------------------------------------------------------------------------- formats

@pytest.mark.parametrize("name, content, is_html, words", [
    ("story.txt", CHECKPOINT, False, "Militants armed with rifles"),
    ("story.text", CHECKPOINT, False, "Militants armed with rifles"),
    ("page.html", HTML_PAGE, True, "<article>"),
    ("page.htm", HTML_PAGE, True, "<article>"),
    ("page.xhtml", HTML_PAGE, True, "<article>"),
    ("pasted.txt", HTML_PAGE, True, "<article>"),  # a page saved as .txt is still recognised as HTML
])
def test_text_and_html_files(tmp_path, name, content, is_html, words):
    [raw] = only_raw(read(write(tmp_path / name, content)))
    assert raw.source == name
    assert raw.is_html is is_html
    assert words in raw.text
    assert raw.raw_hash == hashlib.sha256(content.encode("utf-8")).hexdigest()


def test_json_object_with_metadata(tmp_path):
    item = JSONL_ITEMS[0]
    [raw] = only_raw(read(write(tmp_path / "one.json", json.dumps(item))))
    assert raw.text == item["text"] and not raw.is_html
    assert raw.meta == {k: item[k] for k in ("title", "url", "published", "outlet", "author")}
    assert raw.source == item["url"]  # an article with a URL is known by it


def test_json_list_gives_one_input_per_object(tmp_path):
    items = [{"text": "HERAT: Two guards were hurt when a grenade hit the gate of a police station, officials said."},
             {"html": "<html><body><article><p>GAZA: An air strike hit a residential block overnight, "
                      "health officials said.</p></article></body></html>"}]
    raws = only_raw(read(write(tmp_path / "batch.json", json.dumps(items))))
    assert [r.source for r in raws] == ["batch.json#1", "batch.json#2"]
    assert [r.is_html for r in raws] == [False, True]


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_lines(tmp_path, suffix):
    raws = only_raw(read(write(tmp_path / f"wire{suffix}", "\n" + jsonl(JSONL_ITEMS))))
    assert [r.line for r in raws] == [2, 3]  # line numbers count the blank first line
    assert [r.meta.get("title") for r in raws] == [i["title"] for i in JSONL_ITEMS]
    assert raws[0].source == JSONL_ITEMS[0]["url"] and raws[1].source == f"wire{suffix}#L3"
    assert raws[0].raw_hash != raws[1].raw_hash


def test_directory_is_walked_recursively_in_stable_order(tmp_path):
    write(tmp_path / "b.txt", CHECKPOINT.replace("two constables", "three constables"))
    write(tmp_path / "a" / "z.htm", HTML_PAGE)
    write(tmp_path / "a" / "deep" / "er" / "wire.jsonl", jsonl(JSONL_ITEMS[1:]))
    write(tmp_path / "a" / "one.json", json.dumps(JSONL_ITEMS[0]))
    write(tmp_path / "c" / "b.txt", CHECKPOINT)  # same file name in another folder: a different source
    write(tmp_path / ".hidden" / "secret.txt", CHECKPOINT)  # hidden folders and files are skipped
    write(tmp_path / ".notes.txt", CHECKPOINT)
    raws = only_raw(read(tmp_path))
    assert [r.source for r in raws] == ["a/deep/er/wire.jsonl#L1", JSONL_ITEMS[0]["url"], "a/z.htm", "b.txt",
                                        "c/b.txt"]
    assert read(tmp_path) == raws  # same order every time


def test_several_paths_in_one_call(tmp_path):
    a = write(tmp_path / "x" / "a.txt", CHECKPOINT)
    b = write(tmp_path / "y" / "b.html", HTML_PAGE)
    assert [r.source for r in only_raw(read(a, b))] == ["a.txt", "b.html"]


def test_standard_input(monkeypatch):
    data = CHECKPOINT.encode("utf-16")  # with a BOM
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [raw] = only_raw(read("-"))
    assert raw.source == "<stdin>" and raw.encoding == "utf-16-le"
    assert raw.text == CHECKPOINT
    assert raw.raw_hash == hashlib.sha256(data).hexdigest()


def test_standard_input_holding_jsonl(monkeypatch):
    data = (jsonl(JSONL_ITEMS[1:]) + "{broken\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    raw, bad = read("-")
    assert isinstance(raw, RawInput) and raw.meta["title"] == JSONL_ITEMS[1]["title"]
    assert isinstance(bad, Rejection) and (bad.input, bad.line) == ("<stdin>", 2)


# --------------------------------------------------------------------------- encodings

TEXT = "Caf\u00e9 owner \u201cwounded\u201d in blast \u2014 police.\n\nThe gunmen fled on motorbikes, residents said."


@pytest.mark.parametrize("label, data, encoding", [
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    ("utf-16 LE with BOM", b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE with BOM", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    ("windows-1252", TEXT.encode("cp1252"), "windows-1252"),
    ("windows line ends", TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_encodings_are_detected(tmp_path, label, data, encoding):
    [raw] = only_raw(read(write(tmp_path / "story.txt", data)))
    assert raw.encoding == encoding
    assert raw.text == TEXT
    assert raw.raw_hash == hashlib.sha256(data).hexdigest()  # the hash is of the bytes as they came


def test_unicode_is_normalised_to_nfc(tmp_path):
    decomposed = "Peshawar cafe\u0301 reopens; Du\u0308sseldorf court hears case"
    [raw] = only_raw(read(write(tmp_path / "nfd.txt", decomposed.encode("utf-8"))))
    assert raw.text == "Peshawar caf\u00e9 reopens; D\u00fcsseldorf court hears case"
    assert "\u0301" not in raw.text and "\u0308" not in raw.text


def test_same_text_in_two_encodings_has_two_hashes_but_one_text(tmp_path):
    a = write(tmp_path / "a.txt", TEXT.encode("utf-8"))
    b = write(tmp_path / "b.txt", b"\xff\xfe" + TEXT.encode("utf-16-le"))
    ra, rb = only_raw(read(a, b))
    assert ra.text == rb.text and ra.raw_hash != rb.raw_hash


# --------------------------------------------------------------------------- bad inputs

def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("story.txt", CHECKPOINT)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t \r\n", "empty file"),
    ("bom-only.txt", b"\xef\xbb\xbf", "empty file"),
    ("utf16-blank.txt", b"\xff\xfe" + " \n ".encode("utf-16-le"), "empty file"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG"),
    ("bundle.txt", _zip_bytes(), "ZIP"),
    ("image.htm", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
    ("nul.txt", b"Police said\x00\x00\x00 the attack", "NUL"),
    ("controls.txt", bytes(range(1, 9)) * 400, "control characters"),
    ("latin-junk.txt", b"Police said \x81\x8d the attack \x90 was over", "undecodable bytes at offset 12"),
    ("odd-utf16.txt", b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00\xd8", "undecodable bytes"),
])
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    [rej] = read(path)
    assert isinstance(rej, Rejection)
    assert rej.input == str(path)
    assert reason.lower() in rej.reason.lower()
    assert "\n" not in str(rej)


@pytest.mark.parametrize("name, data", [
    ("scan.pdf", b"%PDF-1.4\n"), ("photo.png", b"\x89PNG\r\n\x1a\n"), ("bundle.zip", _zip_bytes()),
    ("notes", b"no suffix at all"),
])
def test_unsupported_files_in_a_folder_are_reported_and_the_rest_read(tmp_path, name, data):
    write(tmp_path / name, data)
    write(tmp_path / "good.txt", CHECKPOINT)
    items = read(tmp_path)
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [i.source for i in items if isinstance(i, RawInput)] == ["good.txt"]
    assert len(rejections) == 1 and rejections[0].input == str(tmp_path / name)
    assert "unsupported file type" in rejections[0].reason


def test_binary_file_named_on_the_command_line_says_what_it_is(tmp_path):
    [rej] = read(write(tmp_path / "scan.pdf", b"%PDF-1.4\n1 0 obj"))
    assert "binary file (a PDF file)" in rej.reason


def test_missing_path(tmp_path):
    missing = tmp_path / "nowhere" / "story.txt"
    [rej] = read(missing)
    assert rej == Rejection(str(missing), "no such file or directory")


def test_too_large_file_is_rejected_before_reading(tmp_path):
    path = write(tmp_path / "big.txt", CHECKPOINT * 10)
    [rej] = read(path, max_bytes=1000)
    assert rej.input == str(path) and "over the" in rej.reason and "--max-bytes" in rej.reason
    only_raw(read(path, max_bytes=100_000))


def test_default_limit_matches_the_cli_default():
    from newsgraph import cli

    option = next(p for p in cli.ingest_cmd.params if p.name == "max_bytes")
    assert ingest.DEFAULT_MAX_BYTES == option.default == 20_000_000


def test_too_large_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    [rej] = read("-", max_bytes=1000)
    assert rej.input == "<stdin>" and "limit" in rej.reason


def test_malformed_jsonl_line_names_its_line_and_the_rest_goes_on(tmp_path):
    lines = [json.dumps(JSONL_ITEMS[0]), '{"text": "unterminated', "", "[1, 2]",
             json.dumps({"title": "no body here"}), json.dumps({"text": "   "}), json.dumps(JSONL_ITEMS[1])]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    assert [i.line for i in items if isinstance(i, RawInput)] == [1, 7]
    bad = [(i.line, i.reason) for i in items if isinstance(i, Rejection)]
    assert [line for line, _ in bad] == [2, 4, 5, 6]
    assert "malformed JSON on line 2" in bad[0][1]
    assert "expected a JSON object on line 4" in bad[1][1]
    assert all("no non-empty 'text' or 'html'" in reason for _, reason in bad[2:])
    assert all(isinstance(i, Rejection) and i.input == str(path) for i in items if not isinstance(i, RawInput))
    assert str(items[1]).startswith(f"rejected {path}:2: ")


@pytest.mark.parametrize("content, reason", [
    ("[]", "empty list"), ('"just a string"', "expected a JSON object, got str"),
    ("[{}]", "no non-empty 'text' or 'html'"), ('{"text": 42}', "no non-empty 'text' or 'html'"),
])
def test_json_file_without_an_article(tmp_path, content, reason):
    path = write(tmp_path / "x.json", content)
    [rej] = read(path)
    assert isinstance(rej, Rejection) and rej.input == str(path) and reason in rej.reason


def test_malformed_json_file_names_its_line(tmp_path):
    path = write(tmp_path / "broken.json", '{\n  "text": "Police said",\n  "title": oops\n}\n')
    [rej] = read(path)
    assert rej.line == 3 and "malformed JSON at line 3" in rej.reason


def test_undecodable_jsonl_file(tmp_path):
    [rej] = read(write(tmp_path / "wire.jsonl", b'{"text": "a \x81 b"}\n'))
    assert "undecodable" in rej.reason
