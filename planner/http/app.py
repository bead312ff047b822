"""The API's addresses (FastAPI): ``/v1/route``, ``/v1/batch``, ``/v1/places``,
``/v1/corridors``, ``/v1/scenario``, ``/v1/map.png|.pdf``, ``/health``; the OpenAPI document
at ``/openapi.json`` (read at ``/docs``).

Each answer is the command line's: ``route --format json``'s JSON (:mod:`planner.cli.route`),
the batch writer's file streamed, ``scenario --format json``'s report, ``places`` and
``corridors`` as ``--format json``, the drawn map. ``create_app()`` makes the app; uvicorn
calls it by name (``python -m planner serve``), so it reads its data directory and limits from
the environment (``SHANXI_API_DATA_DIR``, :data:`planner.http.limits.ENV`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response, StreamingResponse

from planner.cli.serve import DATA_DIR_ENV
from planner.http import work
from planner.http.body import BodyLimit
from planner.http.errors import Failure, failure_of, install
from planner.http.language import request_lang
from planner.http.limits import Limits, Runner
from planner.http.requests import Lang, RouteRequest, ScenarioRequest

__all__ = ["DATA_DIR_ENV", "create_app"]

T = TypeVar("T")

logger = logging.getLogger(__name__)

#: Bytes a multipart body may hold beyond its file (the boundaries and part headers).
MULTIPART_SLACK = 64 * 1024
VERSION = "1"
DESCRIPTION = (
    "The Shanxi Corridors planner over HTTP: the command line's answers, in English or "
    "Chinese (`?lang=zh|en`, else `Accept-Language`). Errors are one line: "
    '`{"error": ..., "field": ..., "closest": [...]}`.'
)
View = Literal["shanxi", "china", "eurasia", "world"]
BatchFormat = Literal["csv", "xlsx"]


def create_app(data_dir: str | None = None, limits: Limits | None = None) -> FastAPI:
    """The API on the network of ``data_dir`` (else ``$SHANXI_API_DATA_DIR``, else the
    shipped one), with ``limits`` (else the environment's)."""
    data_dir = data_dir or os.environ.get(DATA_DIR_ENV) or None
    runner = Runner(limits or Limits.from_env())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:  # the graph built before the first request (a failure is the requests' to say)
            await runner.run(work.warm, data_dir)
        except Exception as exc:
            logger.error("warm-up failed: %s", failure_of(exc, "en").message)
        yield
        runner.close()

    app = FastAPI(
        title="Shanxi Corridors", version=VERSION, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.runner, app.state.data_dir = runner, data_dir
    app.add_middleware(BodyLimit, limit=runner.limits.max_upload_bytes + MULTIPART_SLACK)
    install(app)
    _routes(app, runner, data_dir)
    return app


def _lang(request: Request, asked: str | None = None) -> str:
    asked = asked or request.query_params.get("lang")
    return request_lang(asked, request.headers.get("accept-language"))


async def _run(runner: Runner, lang: str, job: Callable[..., T], *args: Any) -> T:
    """``job(*args)`` on a request thread; a failure as the API answers it."""
    try:
        return await runner.run(job, *args)
    except Failure:
        raise
    except Exception as exc:
        raise failure_of(exc, lang) from None


def _json(content: Any) -> JSONResponse:
    return JSONResponse(content)


def _routes(app: FastAPI, runner: Runner, data_dir: str | None) -> None:
    """The addresses, each a few lines over :mod:`planner.http.work`."""

    @app.get("/health", tags=["service"], summary="whether the planner is ready")
    async def health(request: Request) -> JSONResponse:
        return _json(await _run(runner, _lang(request), work.health, data_dir, runner))

    @app.get("/v1/route", tags=["exporters"], summary="ways from an origin to a destination")
    async def route_get(
        request: Request, asked: Annotated[RouteRequest, Query()]
    ) -> JSONResponse:
        lang = _lang(request, asked.lang)
        return _json(await _run(runner, lang, work.route, data_dir, lang, asked.given()))

    @app.post("/v1/route", tags=["exporters"], summary="ways from an origin to a destination")
    async def route_post(request: Request, asked: RouteRequest) -> JSONResponse:
        lang = _lang(request, asked.lang)
        return _json(await _run(runner, lang, work.route, data_dir, lang, asked.given()))

    @app.post(
        "/v1/batch",
        tags=["exporters"],
        summary="every shipment of a CSV or .xlsx file: the result file, streamed",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}, work.XLSX_TYPE: {}}}},
    )
    async def batch(
        request: Request,
        file: Annotated[UploadFile, File(description="shipments CSV or .xlsx")],
        format: Annotated[BatchFormat, Query(description="csv (default) or xlsx")] = "csv",
        exact: Annotated[bool, Query(description="the full search for every row")] = False,
        lang: Annotated[Lang | None, Query()] = None,
    ) -> StreamingResponse:
        said = _lang(request, lang)
        runner.reserve_batch()  # 429 before the upload is read
        try:
            opened = await _run(runner, said, work.open_batch, data_dir, said, file.file,
                                file.filename, runner.limits.max_rows)  # fmt: skip
        except BaseException:
            runner.batching.leave()
            raise
        return work.stream_batch(opened, runner, format=format, exact=exact, lang=said)

    @app.get("/v1/places", tags=["exporters"], summary="what from and to accept")
    async def places(
        request: Request,
        country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
        search: Annotated[str | None, Query(description="names beginning so")] = None,
        lang: Annotated[Lang | None, Query()] = None,
    ) -> Response:
        said = _lang(request, lang)
        text = await _run(runner, said, work.places, data_dir, said, country, search)
        return Response(text, media_type="application/json")

    @app.get("/v1/corridors", tags=["officials"], summary="the named corridors and figures")
    async def corridors(
        request: Request, lang: Annotated[Lang | None, Query()] = None
    ) -> Response:
        said = _lang(request, lang)
        text = await _run(runner, said, work.corridors, data_dir, said)
        return Response(text, media_type="application/json")

    @app.post("/v1/scenario", tags=["officials"], summary="what closing ids does")
    async def scenario(request: Request, asked: ScenarioRequest) -> JSONResponse:
        lang = _lang(request, asked.lang)
        return _json(await _run(runner, lang, work.scenario, data_dir, lang, asked.given()))

    for fmt, media in (("png", "image/png"), ("pdf", "application/pdf")):
        _map_route(app, runner, data_dir, fmt, media)


def _map_route(app: FastAPI, runner: Runner, data_dir: str | None, fmt: str, media: str) -> None:
    @app.get(
        f"/v1/map.{fmt}",
        tags=["officials"],
        summary=f"the corridor map as {fmt.upper()} (schematic)",
        response_class=Response,
        responses={200: {"content": {media: {}}}},
    )
    async def drawn(
        request: Request,
        view: Annotated[View, Query()] = "china",
        close: Annotated[list[str] | None, Query(description="ids drawn closed")] = None,
        lang: Annotated[Lang | None, Query()] = None,
    ) -> Response:
        said = _lang(request, lang)
        data = await _run(runner, said, work.drawn_map, data_dir, said, fmt, view, close or [])
        return Response(data, media_type=media)

    drawn.__name__ = f"map_{fmt}"
