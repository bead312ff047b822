"""A request's body at most :attr:`Limits.max_upload_bytes`, as ASGI middleware: a stated
``Content-Length`` over it is refused before a byte is read; a body without one is counted as
it comes and refused once it passes (the app's own answer is then dropped). Either way 413,
with the line in the request's language."""

from __future__ import annotations

from typing import Any

from planner.http.errors import failure_of
from planner.http.language import request_lang
from planner.http.limits import MB, LimitError

__all__ = ["BodyLimit"]

Scope = dict[str, Any]


class BodyTooLarge(Exception):
    """Raised into the app when the body passes the limit."""


class BodyLimit:
    """ASGI middleware: bodies of at most ``limit`` bytes."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stated = _header(scope, b"content-length")
        if stated is not None and stated.isdigit() and int(stated) > self.limit:
            await self._refuse(scope, send)
            return
        seen, over = 0, False

        async def counted() -> dict[str, Any]:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def guarded(message: dict[str, Any]) -> None:
            if not over:  # the app's answer to a body cut short is not sent
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except BodyTooLarge:
            pass
        except Exception:
            if not over:
                raise
        if over:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Any) -> None:
        query = dict(
            part.split("=", 1) for part in scope.get("query_string", b"").decode().split("&")
            if part.startswith("lang=")
        )  # fmt: skip
        lang = request_lang(query.get("lang"), _header(scope, b"accept-language"))
        limit = LimitError(413, "upload_too_big", limit_mb=self.limit / MB)
        response = failure_of(limit, lang).response()
        response.headers["connection"] = "close"  # the rest of the body is not read
        await response(scope, _nothing, send)


async def _nothing() -> dict[str, Any]:
    return {"type": "http.disconnect"}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None
