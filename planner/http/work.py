"""The work behind each address, run on a request thread (:class:`planner.http.limits.Runner`):
the command line's own functions on the command's arguments (:func:`cli_args`). Nothing here
plans, checks or words anything itself."""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fastapi.responses import StreamingResponse

from planner.cli import common
from planner.http.errors import failure_of
from planner.http.limits import LimitError, Runner
from planner.http.requests import cli_args
from planner.http.stream import ByteStream

if TYPE_CHECKING:
    from planner.core.planner import Planner
    from planner.io.shipments import ShipmentTable

__all__ = ["XLSX_TYPE", "corridors", "drawn_map", "health", "open_batch", "places", "route",
           "scenario", "stream_batch", "warm"]  # fmt: skip

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
#: Maps drawn kept per network (each view, closure and language once).
MAPS_KEPT = 8
#: The name of a network's drawn maps in its ``derived`` store.
MAPS = "api_maps"
#: Characters of an uploaded file's name kept (as the scratch file's name, which the batch's
#: messages name), and the characters a name may hold.
NAME_CHARS = 100
_NOT_IN_NAME = re.compile(r"[^\w.\- ]+")


def planner(data_dir: str | None, sea_route: str | None = None) -> Planner:
    """The planner of the server's network (kept per network and parameter table)."""
    return common.planner_of(cli_args("route", data_dir, "en", sea_route=sea_route))


def warm(data_dir: str | None) -> None:
    """Load the network and build what every query needs (the graph, the timetable, the
    places, each cargo class's edge prices) before the first request (measured on 50 cold
    queries of the load test's mix: 4.2 s of planning without the prices, 3.2 s with)."""
    made = planner(data_dir)
    for part in ("graph", "timetable", "places", "cargo_classes"):
        getattr(made, part)
    for cargo in made.cargo_classes.ids:
        made.priced(cargo)


def health(data_dir: str | None, runner: Runner) -> dict[str, Any]:
    network = planner(data_dir).network
    return {
        "status": "ok",
        "network": {"nodes": len(network.nodes), "links": len(network.links)},
        "in_hand": runner.pending.inside,
        "batches": runner.batching.inside,
        "limits": runner.limits.to_dict(),
    }


def route(data_dir: str | None, lang: str, given: dict[str, Any]) -> dict[str, Any]:
    """``route --format json``'s object."""
    from planner.cli.route import planned_route, route_json

    args = cli_args("route", data_dir, lang, **given)
    return route_json(planned_route(args, lang), lang)


def places(data_dir: str | None, lang: str, country: str | None, search: str | None) -> str:
    """``places --format json``'s text."""
    args = cli_args("places", data_dir, lang, country=country, search=search)
    frame = common.planner_of(args).places.table(country=args.country, search=args.search)
    return common.frame_json(frame)


def corridors(data_dir: str | None, lang: str) -> str:
    """``corridors --format json``'s text."""
    from corridors import corridor_figures

    args = cli_args("corridors", data_dir, lang)
    return common.frame_json(corridor_figures(common.planner_of(args).network))


def scenario(data_dir: str | None, lang: str, given: dict[str, Any]) -> dict[str, Any]:
    """``scenario --format json``'s report."""
    from planner.cli.officials import scenario_of

    return scenario_of(cli_args("scenario", data_dir, lang, **given), lang)[0]


def drawn_map(data_dir: str | None, lang: str, fmt: str, view: str, close: list[str]) -> bytes:
    """``map``'s picture (``fmt``: png or pdf), drawn once per view, closure and language
    while the network lasts."""
    from planner.cli.officials import map_planner
    from planner.core.kept import Kept
    from planner.scenario.mapdraw import map_bytes

    args = cli_args("map", data_dir, lang, view=view, close=close)
    network = map_planner(args, lang).network
    maps: Kept[tuple, bytes] = network.derived.setdefault(MAPS, Kept(MAPS_KEPT))
    key = (fmt, view, tuple(close), lang)
    draw = lambda: map_bytes(network, fmt, view=view, closed=close, lang=lang)  # noqa: E731
    return maps.made(key, draw, hold=True)


@dataclass
class OpenedBatch:
    """An uploaded shipments table, opened, and the planner that will plan it."""

    table: ShipmentTable
    planner: Planner
    folder: tempfile.TemporaryDirectory[str] = field(repr=False)

    def close(self) -> None:
        handle = getattr(self.table.rows, "close", None)
        if handle is not None:
            handle()
        self.folder.cleanup()


def _scratch_name(uploaded: str | None) -> str:
    """The name the upload is kept under: its own file name, tamed."""
    name = _NOT_IN_NAME.sub("_", Path(uploaded or "").name)[:NAME_CHARS].strip(" .")
    return name or "shipments"


def open_batch(
    data_dir: str | None, lang: str, upload: IO[bytes], name: str | None, max_rows: int
) -> OpenedBatch:
    """The upload kept in a scratch folder and opened as the command line opens a file.

    Raises
    ------
    Failure
        400 (``file``) for a file that is not a shipments table, as ``batch`` says it.
    LimitError
        413 for more than ``max_rows`` rows.
    """
    from planner.io.shipments import open_shipments
    from planner.model.errors import PlanningError

    folder = tempfile.TemporaryDirectory(prefix="shanxi-api-")
    try:
        path = Path(folder.name) / _scratch_name(name)
        with path.open("wb") as kept:
            shutil.copyfileobj(upload, kept, 1 << 20)
        try:
            table = open_shipments(path)
        except PlanningError as exc:
            failure = failure_of(exc, lang)
            failure.field = failure.field or "file"
            raise failure from None
        rows = table.total or 0
        if rows > max_rows:
            raise LimitError(413, "too_many_rows", rows=rows, limit=max_rows)
        return OpenedBatch(table, planner(data_dir), folder)
    except BaseException:
        folder.cleanup()
        raise


def stream_batch(
    opened: OpenedBatch, runner: Runner, *, format: str, exact: bool, lang: str
) -> StreamingResponse:
    """The batch writer's file (CSV, or .xlsx for ``format="xlsx"``) as it is written, on a
    batch thread (its place taken by :meth:`Runner.reserve_batch`)."""
    from planner.io.batch import write_batch

    stream = ByteStream(asyncio.get_running_loop(), runner.limits.request_seconds)

    def write() -> None:
        try:
            write_batch(opened.table, stream, excel=format == "xlsx", planner=opened.planner,
                        workers=1, method="exact" if exact else "library", lang=lang,
                        progress=False)  # fmt: skip
            stream.finish()
        except BrokenPipeError:
            logger.info("batch: the client went away")
        except BaseException as exc:  # the answer is cut short; the log says why
            logger.error("batch failed", exc_info=exc)
            stream.finish(exc)
        finally:
            opened.close()

    runner.start_batch(write)
    name = f"routes.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    media = XLSX_TYPE if format == "xlsx" else CSV_TYPE
    return StreamingResponse(stream.blocks(), media_type=media, headers=headers)
