"""Ingest: paths, directories and standard input → raw inputs, or a Rejection saying why not.

Reading is kept apart from cleaning so that every input problem (missing, unreadable, binary,
undecodable, too large, malformed JSON) is reported against the input that caused it, and the
rest of the batch goes on.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.records import Rejection

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 20_000_000  # the CLI's --max-bytes default; messages say "20 MB"
META_KEYS = ("title", "url", "published", "outlet", "author")
NOT_ARTICLES = ("README", "LICENSE", "LICENCE", "CHANGELOG")  # a folder's own notes, not news

# Magic numbers of formats people drop into a folder of articles by mistake.
MAGIC = (
    (b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"PK\x03\x04", "a ZIP archive"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"), (b"{\\rtf", "an RTF document"), (b"\xd0\xcf\x11\xe0", "an Office document"),
)
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class RawInput:
    """One article-bearing input as read: decoded text (or HTML) plus what came with it."""

    source: str  # the name users know it by: a path relative to the ingest root, a URL, "<stdin>"
    text: str
    is_html: bool
    raw_hash: str  # sha256 of the original bytes, so re-ingest of the same file is recognised
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    line: int | None = None  # line number inside a JSONL file


class InputError(Exception):
    """Raised inside this module; turned into a Rejection at the boundary."""


def read_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Rejection]:
    """Yield every raw input under ``paths`` (files, directories walked recursively, ``-``)."""
    for path in paths:
        if path == "-":
            yield from _read_stream("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes)
            continue
        p = Path(path)
        try:
            is_dir = p.is_dir() if p.exists() else None
        except OSError as exc:  # e.g. a file inside a folder the user may not enter
            yield Rejection(path, _os_reason(exc))
            continue
        if is_dir is None:
            yield Rejection(path, "no such file or directory")
        elif is_dir:
            yield from _walk(p, max_bytes)
        else:
            yield from read_file(p, p.name, max_bytes)


def _walk(root: Path, max_bytes: int, top: Path | None = None) -> Iterator[RawInput | Rejection]:
    """Walk a directory in a stable order, reporting unreadable sub-directories instead of failing.

    Files are named by their path inside ``top``, the directory the user named.
    """
    top = root if top is None else top
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Rejection(str(root), _os_reason(exc))
        return
    for entry in entries:
        p = Path(entry.path)
        if entry.name.startswith(".") or Path(entry.name).stem.upper() in NOT_ARTICLES:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(p, max_bytes, top)
        elif p.suffix.lower() in SUPPORTED:
            yield from read_file(p, _relative(p, top), max_bytes)
        elif entry.is_file():
            yield Rejection(str(p), f"unsupported file type {p.suffix or '(no suffix)'!r}; "
                                    f"expected one of {', '.join(sorted(SUPPORTED))}")


def _relative(p: Path, root: Path) -> str:
    """The name a file is known by: its path inside the directory the user named."""
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return p.name


def read_file(p: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Rejection]:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            yield Rejection(str(p), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                                    f"(raise it with --max-bytes)")
            return
        data = p.read_bytes()
    except OSError as exc:
        yield Rejection(str(p), _os_reason(exc))
        return
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(str(p), source, data)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(str(p), source, data)
    else:
        yield from _read_stream(source, data, max_bytes, str(p), force_html=suffix in HTML_SUFFIXES)


def _read_stream(source: str, data: bytes, max_bytes: int, shown: str | None = None,
                 force_html: bool = False) -> Iterator[RawInput | Rejection]:
    shown = shown or source
    if len(data) > max_bytes:
        yield Rejection(shown, f"input is over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-bytes)")
        return
    try:
        text, encoding = decode(data)
    except InputError as exc:
        yield Rejection(shown, str(exc))
        return
    stripped = text.lstrip()
    if source == "<stdin>" and stripped.startswith("{"):
        yield from _jsonl_lines(shown, source, text)
        return
    is_html = force_html or stripped[:200].lower().startswith(("<!doctype html", "<html"))
    yield RawInput(source, text, is_html, hashlib.sha256(data).hexdigest(), encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (normalised text, encoding). UTF-8, UTF-16/32 with BOM, else Windows-1252."""
    if not data.strip():
        raise InputError("empty file")
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes at offset {exc.start} for {encoding} (declared by its BOM)")
            if not text.strip():  # a BOM and nothing else, or only whitespace in UTF-16
                raise InputError("empty file")
            return text, encoding.replace("-sig", "")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            raise InputError(f"undecodable bytes at offset {utf8_error.start}: neither UTF-8, "
                             f"UTF-16 with a BOM nor Windows-1252") from None
    controls = sum(1 for c in text[:20000] if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    if controls > max(2, len(text[:20000]) // 200):
        raise InputError(f"binary or undecodable content ({controls} control characters), not text")
    if not text.strip():
        raise InputError("empty file")
    return normalise(text), encoding


def normalise(text: str) -> str:
    """NFC, Unix line ends and no stray BOM, so character spans are stable across platforms."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def _read_json(shown: str, source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    try:
        text, _ = decode(data)
        value = json.loads(text)
    except InputError as exc:
        yield Rejection(shown, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield Rejection(shown, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", exc.lineno)
        return
    items = value if isinstance(value, list) else [value]
    if not items:
        yield Rejection(shown, "JSON file holds an empty list, no articles")
    for i, obj in enumerate(items, 1):
        yield _from_object(shown, f"{source}#{i}" if len(items) > 1 else source, obj, None)


def _read_jsonl(shown: str, source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    try:
        text, _ = decode(data)
    except InputError as exc:
        yield Rejection(shown, str(exc))
        return
    yield from _jsonl_lines(shown, source, text)


def _jsonl_lines(shown: str, source: str, text: str) -> Iterator[RawInput | Rejection]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(shown, f"malformed JSON on line {number}: {exc.msg} (column {exc.colno})", number)
            continue
        yield _from_object(shown, f"{source}#L{number}", obj, number)


def _from_object(shown: str, source: str, obj: object, line: int | None) -> RawInput | Rejection:
    where = f" on line {line}" if line else ""
    if not isinstance(obj, dict):
        return Rejection(shown, f"expected a JSON object{where}, got {type(obj).__name__}", line)
    body = obj.get("text") if isinstance(obj.get("text"), str) and obj["text"].strip() else None
    html = obj.get("html") if isinstance(obj.get("html"), str) and obj["html"].strip() else None
    if body is None and html is None:
        return Rejection(shown, f"object{where} has no non-empty 'text' or 'html' field", line)
    meta = {k: str(obj[k]) for k in META_KEYS if obj.get(k) not in (None, "")}
    name = meta.get("url") or source
    content = normalise(html if body is None else body)
    item_hash = hashlib.sha256(content.encode("utf-8")).hexdigest()  # one article of a bigger file
    return RawInput(name, content, body is None, item_hash, "utf-8", meta, line)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or str(exc)
