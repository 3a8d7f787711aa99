"""The workbench's guards: write tokens, CSRF, rate limits, body size, security headers, bind checks.

- Reading is open; writing (reviews, note moderation) needs a token the administrator sets
  (`FRONTLINES_TOKEN` or `--token`), compared in constant time. `name:secret` pairs separated by
  commas give each analyst a name that reviews record as "who"; a bare secret is "admin".
- Every unsafe request (POST, PUT, PATCH, DELETE) must come from the page's own origin and carry
  the `X-CSRF-Token` header equal to the `fl_csrf` cookie (double submit). A request with a
  valid bearer token is exempt: a browser cannot attach that header across sites.
- Note posting is rate limited per client address (moving window, `limits`).
- Request bodies over the limit are refused with 413 before they are read.
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "fl_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TokenSpecError(ValueError):
    """The token setting cannot be read; the message says how to write it."""


def parse_tokens(spec: str | None) -> dict[str, str]:
    """'secret' → {'admin': 'secret'}; 'alice:s1,bob:s2' → {'alice': 's1', 'bob': 's2'}; None/'' → {}."""
    if not spec or not spec.strip():
        return {}
    tokens: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        name, sep, secret = part.partition(":")
        if not sep:
            name, secret = "admin", part
        name, secret = name.strip(), secret.strip()
        if not name or not secret:
            raise TokenSpecError("write the token as SECRET or NAME:SECRET[,NAME:SECRET...]")
        if len(secret) < 12:
            raise TokenSpecError(f"the token for {name!r} is shorter than 12 characters; use a long random one "
                                 "(python -c 'import secrets; print(secrets.token_urlsafe())')")
        tokens[name] = secret
    return tokens


def user_for(tokens: dict[str, str], authorization: str | None) -> str | None:
    """The analyst named by a valid `Authorization: Bearer <secret>` header, else None.

    Every stored secret is compared (constant time each), so the time taken says nothing about
    which one matched or how much of it.
    """
    if not authorization:
        return None
    scheme, _, presented = authorization.partition(" ")
    if scheme.lower() != "bearer" or not presented:
        return None
    found = None
    for name, secret in tokens.items():
        if secrets.compare_digest(presented.strip().encode(), secret.encode()):
            found = name
    return found


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, tokens: dict[str, str]) -> None:
    """Refuse to serve beyond this machine without a write token; the message says why and what to do."""
    if not is_loopback(host) and not tokens:
        raise PermissionError(
            f"refusing to serve on {host}: beyond localhost anyone who can reach the port could review "
            "events and moderate notes. Set a write token (FRONTLINES_TOKEN or --token) or serve on 127.0.0.1."
        )


def check_csrf(request: Request) -> None:
    """Same-origin check and double-submit token for an unsafe request; raises 403 with the reason."""
    origin = request.headers.get("origin")
    if origin is not None:
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin != own:
            raise HTTPException(403, f"cross-origin request refused (Origin {origin} is not {own})")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    if not cookie or not header or not secrets.compare_digest(cookie.encode(), header.encode()):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again "
                                 f"(send the {CSRF_COOKIE} cookie's value in the X-CSRF-Token header)")


@dataclass
class RateLimit:
    """Per-client moving-window limits, e.g. '5/minute;30/hour'."""

    spec: str

    def __post_init__(self) -> None:
        self.items = parse_many(self.spec)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, scope: str, client: str) -> None:
        """Count one request of `client`; 429 with a Retry-After when over any limit."""
        for item in self.items:
            if not self.limiter.hit(item, scope, client):
                reset, _ = self.limiter.get_window_stats(item, scope, client)
                wait = max(1, int(reset - time.time()))
                raise HTTPException(429, f"too many notes from your address: at most {item} — try again in "
                                         f"{wait} s", headers={"Retry-After": str(wait)})


class BodyLimit:
    """ASGI middleware: 413 for a declared or streamed body longer than `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body over {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def security_headers(tiles: str | None) -> Callable[[Request, Callable[[Request], Awaitable]], Awaitable]:
    """HTTP middleware adding CSP (scripts only from this server; images also from the tile server),
    nosniff, no framing and no referrer."""
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
        img += f" {parts.scheme}://{host}"
    policy = (f"default-src 'self'; img-src {img}; script-src 'self'; style-src 'self'; "
              "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable]):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.cookies.get(CSRF_COOKIE):
            response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), samesite="strict", httponly=False,
                                secure=request.url.scheme == "https", path="/")
        return response

    return middleware
