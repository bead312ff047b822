"""The command line: ``python -m planner route|batch|places|corridors``.

Exit codes: ``0`` success; ``1`` no route joins the places under the given restrictions, the
shipped data is broken, or an internal error; ``2`` bad input (an unknown place, a number that
is not one, an unknown cargo class or priority, an unreadable shipments file, a bad option).
Every failure is one line on stderr, never a traceback (``--verbose`` shows the traceback of an
internal error). ``batch`` exits ``0`` when the file was planned, even if some rows are errors:
their reasons are in the ``status`` / ``error`` columns.

Heavy libraries (pandas, geopandas, the route search) are imported only by the commands that
need them, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import pandas as pd

    from corridors.network import Network
    from planner.places import Place
    from planner.records import RouteOption

__all__ = ["main"]

logger = logging.getLogger(__name__)

PROG = "python -m planner"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
FORMATS = ("table", "json", "csv", "geojson")
LIST_FORMATS = ("table", "csv", "json")
PRIORITIES = ("balanced", "fastest", "cheapest", "greenest")
DEFAULT_ALTERNATIVES = 5
#: Gap between the columns of a text table.
COLUMN_GAP = "  "
#: Mark of a Pareto-optimal option in the table.
PARETO_MARK = "*"
#: Columns of ``corridors`` left out of the text table (sources; also every ``*_ids`` list):
#: csv and json keep them.
CORRIDOR_TABLE_SKIP = ("destination_ids", "seed_source", "source")
#: Items of a list cell shown in a text table (csv and json show them all).
TABLE_LIST_ITEMS = 6
#: Decimal places of floats in text tables.
TABLE_DECIMALS = 1


class _CliError(Exception):
    """A failure to report as one line with an exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (raised, then printed by :func:`main`)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        raise _CliError(f"{where}{message}; see --help", EXIT_BAD_INPUT)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- argument parsing ------------------------------------------------------------------------


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Shanxi Corridors: export routes from Shanxi by air, rail and sea.",
        epilog="Exit codes: 0 ok; 1 no route, broken data or internal error; 2 bad input.",
    )
    _add_common(parser, default=None)
    common = _Parser(add_help=False)
    _add_common(common, default=argparse.SUPPRESS)  # also accepted after the command
    commands = parser.add_subparsers(
        dest="command", metavar="{route,batch,places,corridors}", required=True
    )

    route = commands.add_parser(
        "route",
        parents=[common],
        help="ways from an origin to a destination",
        description="Ways from ORIGIN to DESTINATION, best first for the chosen priority.",
        epilog="Exit codes: 0 ok; 1 no route under the given restrictions; 2 bad input.",
    )
    route.add_argument(
        "--from",
        dest="origin",
        required=True,
        metavar="ORIGIN",
        help="node id, name (English or Chinese), IATA code, UN/LOCODE, country",
    )
    route.add_argument(
        "--to", dest="destination", required=True, metavar="DESTINATION", help="as --from"
    )
    route.add_argument(
        "--cargo",
        metavar="CLASS",
        help="general, electronics, perishable, bulk or dangerous (default: general)",
    )
    route.add_argument("--weight-t", metavar="T", help="gross weight in tonnes (default: 10)")
    route.add_argument("--volume-m3", metavar="V", help="volume in cubic metres (default: 30)")
    route.add_argument(
        "--priority",
        metavar="PRIORITY",
        default="balanced",
        help=f"{' | '.join(PRIORITIES)} (default: balanced)",
    )
    route.add_argument(
        "--alternatives",
        metavar="N",
        default=str(DEFAULT_ALTERNATIVES),
        help=f"how many options at most (default: {DEFAULT_ALTERNATIVES})",
    )
    route.add_argument(
        "--avoid",
        metavar="ID",
        nargs="+",
        action="extend",
        default=[],
        help="node, link or corridor ids to keep off (e.g. a closed crossing)",
    )
    route.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    route.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    route.set_defaults(handler=_cmd_route)

    batch = commands.add_parser(
        "batch",
        parents=[common],
        help="plan every shipment of a CSV",
        description="Plan every row of SHIPMENTS.csv (columns shipment_id, origin, destination; "
        "optional cargo, weight_t, volume_m3, priority) and write one row per shipment with "
        "the best option, status and error.",
    )
    batch.add_argument("shipments", metavar="SHIPMENTS.csv")
    batch.add_argument(
        "-o", "--output", metavar="ROUTES.csv", help="write to ROUTES.csv instead of stdout"
    )
    batch.add_argument(
        "--exact",
        action="store_true",
        help="run the full route search for every shipment (tens of ms each, spread over the "
        "CPUs) instead of re-pricing each origin's candidate routes (microseconds; the "
        "cheapest/balanced choice can differ from `route` in a small share of cases)",
    )
    batch.set_defaults(handler=_cmd_batch)

    places = commands.add_parser("places", parents=[common], help="what --from / --to accept")
    places.add_argument("--format", choices=LIST_FORMATS, default="table")
    places.set_defaults(handler=_cmd_places)

    corridors = commands.add_parser(
        "corridors", parents=[common], help="the named corridors and their figures"
    )
    corridors.add_argument("--format", choices=LIST_FORMATS, default="table")
    corridors.set_defaults(handler=_cmd_corridors)
    return parser


def _add_common(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="read the network from DIR instead of the shipped geodata/ (for tests)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="log progress and show internal tracebacks",
    )


# --- helpers ---------------------------------------------------------------------------------


def _network(args: argparse.Namespace) -> Network:
    from corridors import load_network

    return load_network(args.data_dir)


def _parse(option: str, parse: Callable[[], Any]) -> Any:
    """Run a parser of one option; a bad value becomes ``--option: reason`` (exit 2)."""
    from planner._errors import InvalidShipmentError, UnknownPlaceError

    try:
        return parse()
    except (InvalidShipmentError, UnknownPlaceError) as exc:
        raise _CliError(f"{option}: {exc}") from None


def _positive_int(option: str, text: str) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        raise _CliError(f"{option}: must be a whole number of at least 1, got {text!r}")
    return value


def _write_text(text: str, output: str | None, *, what: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _CliError(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.stderr.write(f"wrote {what} to {output}\n")


def _write_table_csv(frame: Any, output: str | None, *, what: str) -> None:
    from planner.export import write_csv

    if output is None:
        write_csv(frame, sys.stdout)
        return
    try:
        write_csv(frame, output)
    except OSError as exc:
        raise _CliError(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.stderr.write(f"wrote {what} to {output}\n")


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * max(width - _width(text), 0)
    return fill + text if right else text + fill


def _format_rows(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> str:
    """An aligned text table; the last column is not padded."""
    widths = [_width(h) for h in header]
    for row in rows:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    lines = []
    for row in [list(header), ["-" * w for w in widths], *rows]:
        cells = [
            _pad(c, w, right=r) if i < len(row) - 1 or r else c
            for i, (c, w, r) in enumerate(zip(row, widths, right, strict=True))
        ]
        lines.append(COLUMN_GAP.join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        if value != value:
            return ""
        return f"{value:,.{TABLE_DECIMALS}f}"
    if isinstance(value, list | tuple):
        shown = ", ".join(str(v) for v in value[:TABLE_LIST_ITEMS])
        more = len(value) - TABLE_LIST_ITEMS
        return f"{shown} … +{more}" if more > 0 else shown
    text = str(value)
    return "" if text in ("<NA>", "nan", "None") else text


def _frame_table(frame: pd.DataFrame) -> str:
    import pandas as pd

    rows = []
    for record in frame.itertuples(index=False, name=None):
        rows.append([_one_line(_cell_text(v.item() if hasattr(v, "item") else v)) for v in record])
    right = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    return _format_rows([str(c) for c in frame.columns], rows, right)


def _write_frame(frame: pd.DataFrame, fmt: str, *, what: str) -> None:
    if fmt == "csv":
        _write_table_csv(frame, None, what=what)
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, indent=2)
        sys.stdout.write(text + "\n")
    else:
        sys.stdout.write(_frame_table(frame))


# --- commands --------------------------------------------------------------------------------


def _place_dict(text: str, place: Place) -> dict[str, Any]:
    return {
        "input": text,
        "id": place.id,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "kind": place.kind,
        "country": place.country,
    }


def _cmd_route(args: argparse.Namespace) -> int:
    from planner._errors import UnknownPlaceError
    from planner.places import resolve_place
    from planner.records import CargoClass, Priority, Shipment

    # Check the cheap things first, so bad input fails before the network is loaded.
    cargo = _parse("--cargo", lambda: CargoClass.parse(args.cargo or CargoClass.GENERAL.value))
    priority = _parse("--priority", lambda: Priority.parse(args.priority))
    load: dict[str, Any] = {"cargo": cargo}
    for option, name in (("--weight-t", "weight_t"), ("--volume-m3", "volume_m3")):
        value = getattr(args, name)
        if value is not None:
            load[name] = _parse(option, lambda v=value, n=name: getattr(Shipment(**{n: v}), n))
    shipment = Shipment(**load)
    alternatives = _positive_int("--alternatives", args.alternatives)

    network = _network(args)
    origin = _parse("--from", lambda: resolve_place(args.origin, network))
    destination = _parse("--to", lambda: resolve_place(args.destination, network))
    from planner.search import plan

    try:
        options = plan(
            origin,
            destination,
            shipment,
            priority=priority.value,
            alternatives=alternatives,
            avoid=tuple(args.avoid),
            network=network,
        )
    except UnknownPlaceError as exc:  # only the --avoid entries are still unresolved here
        raise _CliError(f"--avoid: {exc}") from None
    query = {
        "origin": _place_dict(args.origin, origin),
        "destination": _place_dict(args.destination, destination),
        "cargo": shipment.cargo.value,
        "weight_t": shipment.weight_t,
        "volume_m3": shipment.volume_m3,
        "priority": priority.value,
        "alternatives": alternatives,
        "avoid": list(args.avoid),
    }
    what = f"{len(options)} option(s)"
    if args.format == "json":
        payload = {"query": query, "options": [o.to_dict() for o in options]}
        _write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output, what=what
        )
    elif args.format == "csv":
        import pandas as pd

        from planner.export import OPTION_COLUMNS, options_to_rows

        frame = pd.DataFrame(options_to_rows(options), columns=list(OPTION_COLUMNS))
        _write_table_csv(frame, args.output, what=what)
    elif args.format == "geojson":
        from planner.export import options_to_geojson

        collection = options_to_geojson(options, network)
        _write_text(json.dumps(collection, ensure_ascii=False) + "\n", args.output, what=what)
    else:
        _write_text(_route_table(query, options), args.output, what=what)
    return EXIT_OK


def _port_text(port: dict[str, Any] | None) -> str:
    if not port:
        return "—"
    return f"{port['name_en']} {port['name_zh']}".strip()


def _route_table(query: dict[str, Any], options: Sequence[RouteOption]) -> str:
    origin, destination = query["origin"], query["destination"]
    head = (
        f"{origin['name_en']} {origin['name_zh']} → {destination['name_en']} "
        f"{destination['name_zh']} · {query['cargo']}, {query['weight_t']:g} t, "
        f"{query['volume_m3']:g} m³ · priority {query['priority']}"
    )
    header = ["#", "days", "USD", "CNY", "CO2e kg", "Pareto", "modes", "exit → entry", "label"]
    right = [True, True, True, True, True, False, False, False, False]
    rows = []
    notes = []
    for option in options:
        data = option.to_dict()
        rows.append(
            [
                str(data["rank"]),
                f"{data['transit_days']:.1f}",
                f"{data['cost_usd']:,.0f}",
                f"{data['cost_cny']:,.0f}",
                f"{data['co2e_kg']:,.0f}",
                PARETO_MARK if data["pareto_optimal"] else "",
                "+".join(data["modes"]),
                f"{_port_text(data['exit_port'])} → {_port_text(data['entry_port'])}",
                _one_line(data["label"]),
            ]
        )
        notes.extend(f"  [{data['rank']}] {_one_line(w)}" for w in data["warnings"])
    lines = [head, ""]
    text = "\n".join(lines) + _format_rows(header, rows, right)
    footer = [
        f"{PARETO_MARK} Pareto-optimal: no other option here beats it on days, cost and CO2e."
    ]
    if notes:
        footer += ["", "Warnings:", *notes]
    return text + "\n" + "\n".join(footer) + "\n"


def _cmd_batch(args: argparse.Namespace) -> int:
    from planner.batch import BatchFileError, plan_batch

    path = Path(args.shipments)
    if not path.is_file():  # before loading the network: fail fast on a typo
        raise BatchFileError(f"shipments file not found: {path}")
    method = "exact" if args.exact else "library"
    frame = plan_batch(path, network=_network(args), workers=0, method=method)
    _write_table_csv(frame, args.output, what=f"{len(frame)} row(s)")
    errors = int((frame["status"] != "ok").sum()) if len(frame) else 0
    sys.stderr.write(
        f"planned {len(frame) - errors} of {len(frame)} shipment(s); {errors} error row(s)"
        + (" (see the status and error columns)" if errors else "")
        + "\n"
    )
    return EXIT_OK


def _cmd_places(args: argparse.Namespace) -> int:
    from planner.places import list_places

    frame = list_places(_network(args))
    if args.format == "table":
        frame = frame[["id", "name_en", "name_zh", "kind", "country", "aliases", "codes"]]
    _write_frame(frame, args.format, what="places")
    return EXIT_OK


def _cmd_corridors(args: argparse.Namespace) -> int:
    from corridors import corridor_figures

    frame = corridor_figures(_network(args))
    if args.format == "table":
        skip = [c for c in frame.columns if c in CORRIDOR_TABLE_SKIP or str(c).endswith("_ids")]
        frame = frame.drop(columns=skip)
    _write_frame(frame, args.format, what="corridors")
    return EXIT_OK


# --- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        The exit code: 0 ok, 1 no route / broken data / internal error, 2 bad input.
    """
    parser = _build_parser()
    verbose = False
    try:
        args = parser.parse_args(argv)
        verbose = args.verbose
        logging.basicConfig(
            level=logging.INFO if verbose else logging.ERROR,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        return int(args.handler(args))
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int | None) else EXIT_BAD_INPUT
    except BrokenPipeError:  # `... | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # every failure is one line on stderr
        code, message = _classify(exc)
        if code == EXIT_FAILED and verbose and not isinstance(exc, _CliError):
            logger.exception("internal error")
        sys.stderr.write(f"{PROG}: error: {_one_line(message)}\n")
        return code


def _classify(exc: Exception) -> tuple[int, str]:
    """Exit code and message of a failure."""
    if isinstance(exc, _CliError):
        return exc.code, str(exc)
    from corridors._errors import NetworkValidationError
    from planner._errors import NoRouteError, PlanningError

    if isinstance(exc, NoRouteError):
        return EXIT_FAILED, f"no route: {exc}"
    if isinstance(exc, PlanningError):
        return EXIT_BAD_INPUT, str(exc)
    if isinstance(exc, NetworkValidationError):
        first = exc.problems[0] if exc.problems else str(exc)
        return EXIT_FAILED, (
            f"the network data is broken ({len(exc.problems)} problem(s)); first: {first}"
        )
    if isinstance(exc, OSError):
        return EXIT_BAD_INPUT, f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return EXIT_FAILED, f"internal error ({type(exc).__name__}: {exc}); rerun with --verbose"
