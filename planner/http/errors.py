"""A failure as the API answers it: a status and ``{"error": one line, "field": the input it
names or null, "closest": the names an unknown place may have meant}``, in the request's
language. The line is the command line's (:func:`planner.cli.main.classify`), its option
named as the API's field (``--weight-t: ...`` becomes ``weight_t: ...``); never a traceback,
never a path of the server's (a path is cut to its file's name).

=====  ===================================================================================
400    a value the planner refuses (the command line's exit 2), a file that is not a table
404    an unknown place (with the closest names), an unknown address
405    a method the address does not take
413    a body or a batch over its limit (:mod:`planner.http.limits`)
422    a field missing or not of its kind; no route joins the places (the command's exit 1)
429    too many batches at once
503    too many requests in hand, or no answer in time
500    broken data on the server (the command's exit 3), or an internal error (logged)
=====  ===================================================================================
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from planner.cli.common import EXIT_BAD_INPUT, EXIT_BROKEN_DATA, CliError
from planner.cli.main import classify
from planner.http.language import request_lang
from planner.http.limits import RETRY_AFTER_SECONDS, LimitError
from planner.io.terminal import one_line
from planner.text.words import words

__all__ = ["Failure", "failure_of", "install", "scrubbed"]

logger = logging.getLogger(__name__)

#: A path of two parts or more (``/tmp/x/y.csv``): cut to its last part.
_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?(?:[/\\][^\s/\\'\"]+){2,}")


class Failure(Exception):
    """An answer that is not a success: its status and body (see the module's text)."""

    def __init__(
        self,
        status: int,
        message: str,
        field: str | None = None,
        closest: Sequence[str] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = scrubbed(message)
        self.field = field
        self.closest = list(closest)
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        body = {"error": self.message, "field": self.field, "closest": self.closest}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def scrubbed(text: str) -> str:
    """``text`` on one line, every path in it cut to its file's name."""
    return one_line(_PATH.sub(lambda m: re.split(r"[/\\]", m.group(0))[-1], text))


def field_of(option: str | None) -> str | None:
    """The API's field of a command-line option (``--weight-t`` is ``weight_t``)."""
    return option.lstrip("-").replace("-", "_") or None if option else None


def failure_of(exc: BaseException, lang: str) -> Failure:
    """The answer to a failure (an internal error is logged with its traceback)."""
    from planner.model.errors import NoRouteError, PlanningError, UnknownPlaceError

    if isinstance(exc, Failure):
        return exc
    if isinstance(exc, LimitError):
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)} if exc.status in (429, 503) else {}
        return Failure(exc.status, words(f"api.{exc.key}", lang, **exc.params), headers=retry)
    if isinstance(exc, CliError):
        field = field_of(exc.option)
        message = str(exc)
        if exc.option and field:
            message = f"{field}: {message.removeprefix(f'{exc.option}: ')}"
        if isinstance(exc.cause, UnknownPlaceError):
            return Failure(404, message, field, exc.cause.suggestions)
        return Failure(400 if exc.code == EXIT_BAD_INPUT else 500, message, field)
    if isinstance(exc, PlanningError):
        code, message = classify(exc, lang)  # type: ignore[arg-type]
        if isinstance(exc, NoRouteError):
            return Failure(422, message)
        status = 500 if code == EXIT_BROKEN_DATA else 400
        return Failure(status, message, getattr(exc, "field", None))
    if isinstance(exc, Exception) and not isinstance(exc, OSError):
        code, message = classify(exc, lang)
        if code == EXIT_BROKEN_DATA:
            return Failure(500, message)
    logger.error("internal error", exc_info=exc)
    return Failure(500, words("api.internal", lang, kind=type(exc).__name__))


def _lang(request: Request) -> str:
    return request_lang(request.query_params.get("lang"), request.headers.get("accept-language"))


def validation_failure(exc: RequestValidationError, lang: str) -> Failure:
    """422 for the first field missing or not of its kind, named."""
    first: dict[str, Any] = next(iter(exc.errors()), {})
    where = [str(part) for part in first.get("loc", ()) if part not in ("query", "body")]
    field = where[0] if where else None
    kind = first.get("type", "")
    if kind == "missing":
        return Failure(422, words("api.missing", lang, field=field or "body"), field)
    if kind in ("json_invalid", "model_attributes_type", "dict_type") or field is None:
        return Failure(422, words("api.body", lang), field)
    if kind == "extra_forbidden":
        return Failure(422, words("api.extra", lang, field=field), field)
    value = first.get("input")
    expected = (first.get("ctx") or {}).get("expected")
    if kind in ("literal_error", "enum") and expected:
        said = words("api.invalid_choice", lang, field=field, value=value, choices=expected)
        return Failure(422, said, field)
    return Failure(422, words("api.invalid", lang, field=field, value=value), field)


def install(app: FastAPI) -> None:
    """Answer every failure of ``app`` as the module says."""

    async def on_failure(request: Request, exc: Exception) -> JSONResponse:
        return failure_of(exc, _lang(request)).response()

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return validation_failure(exc, _lang(request)).response()

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        lang, path = _lang(request), request.url.path
        if exc.status_code == 404:
            return Failure(404, words("api.not_found", lang, path=path)).response()
        if exc.status_code == 405:
            said = words("api.method", lang, method=request.method, path=path)
            return Failure(405, said).response()
        return Failure(exc.status_code, str(exc.detail)).response()

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    for kind in (Failure, LimitError, CliError, Exception):
        app.add_exception_handler(kind, on_failure)
