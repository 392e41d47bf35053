"""What keeps the web app safe to run beside an analyst's browser.

- a write token, generated once per knowledge base and stored next to it readable by its owner
  only, so that another local user or a web page cannot change the knowledge base;
- headers on every response: a Content-Security-Policy that allows only this server's own
  scripts and styles (so an article's markup can never run, even if escaping failed), no
  framing, no MIME sniffing;
- a request size limit, checked before the body is read.
"""
from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024  # bytes: a review note, an edited value; nothing bigger is ever posted
MAX_URL = 4096  # characters of path and query

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin")]


def token_path(db_path: str | Path) -> Path:
    """The token lives beside the knowledge base it guards: ``kb.sqlite`` → ``kb.sqlite.token``."""
    return Path(str(db_path) + ".token")


def ensure_token(path: Path) -> tuple[str, bool]:
    """The token, and whether it was just made (then the caller prints it, once).

    Created with O_EXCL and mode 0600 in one call, so it is never readable by others, not even
    for a moment, and two servers starting at once cannot write two different tokens.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it: tighten rather than leak
        return path.read_text(encoding="utf-8").strip(), False
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    return token, True


def token_ok(expected: str, header: str | None) -> bool:
    """``Authorization: Bearer <token>``, compared in constant time."""
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), expected.encode())


class Guard:
    """ASGI middleware: security headers on every response, 413 for a large body, 414 for a long URL.

    Pure ASGI (not BaseHTTPMiddleware) so the body is counted as it arrives, including a
    chunked body that has no Content-Length.
    """

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if len(scope.get("path", "")) + len(scope.get("query_string", b"")) > MAX_URL:
            await _refuse(send_with_headers, 414, "request URL too long")
            return
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send_with_headers, 413, f"request body larger than {self.max_body} bytes")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except BodyTooLarge:
            await _refuse(send_with_headers, 413, f"request body larger than {self.max_body} bytes")


class BodyTooLarge(Exception):
    pass


async def _refuse(send: Send, status: int, message: str) -> None:
    body = ('{"detail": "%s"}' % message).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
