"""The command line: ``python -m planner route|batch|places|corridors|scenario|map``.

Exit codes: ``0`` success; ``1`` no route joins the places under the given restrictions, or an
internal error; ``2`` bad input (an unknown place, a number that is not one or out of range, an
unknown cargo class or priority, an unreadable shipments file, a bad option); ``3`` the network
data or the parameter table is broken (not the user's input). Every failure is one line on
stderr, never a traceback (``--verbose`` shows the traceback of an internal error). ``batch``
exits ``0`` when the file was planned, even if some rows are errors: their reasons are in the
``status`` / ``error`` columns.

Texts (labels, warnings, errors) follow ``--lang`` (``zh`` or ``en``), by default the locale's
language (``LC_ALL``, ``LC_MESSAGES``, ``LANG``). Heavy libraries are imported only by the
commands that need them, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.cli import common
from planner.cli.argparse_words import help_words, in_lang, lang_in_argv
from planner.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_DATA,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    LANGS,
    PROG,
    SEA_ROUTES,
    CliError,
    Parser,
    Stopped,
    cannot_write,
    check_format,
    default_lang,
    lang_of,
    output_options,
    positive_int,
    say,
    stopped_by_signals,
    subcommand,
    write_frame,
    write_table_csv,
    write_text,
)
from planner.io.terminal import one_line, route_table
from planner.model.cargo import DEFAULT_CARGO
from planner.model.query import (
    DEFAULT_ALTERNATIVES,
    DEFAULT_VOLUME_M3,
    DEFAULT_WEIGHT_T,
    MAX_VOLUME_M3,
    MAX_WEIGHT_T,
)
from planner.model.records import Priority
from planner.text.words import words

__all__ = ["main"]

logger = logging.getLogger(__name__)

FORMATS = ("table", "json", "csv", "geojson")
LIST_FORMATS = ("table", "csv", "json")
MODES = ("air", "rail", "road", "sea")
#: Columns of ``corridors`` left out of the text table (sources; also every ``*_ids`` list):
#: csv and json keep them.
CORRIDOR_TABLE_SKIP = ("destination_ids", "seed_source", "source")
#: Problems of broken data listed at most (the rest are counted).
MAX_PROBLEMS_SHOWN = 50
#: Characters of one problem shown at most (a value from a broken file may be huge).
MAX_PROBLEM_CHARS = 300
#: Characters of an internal error's own text shown at most.
MAX_INTERNAL_CHARS = 200


# --- argument parsing ------------------------------------------------------------------------


def build_parser() -> Parser:
    """The command line's parser (the HTTP API reads a route request's fields with it)."""
    parser = Parser(
        prog=PROG,
        description=help_words("description"),
        epilog=help_words("exit_codes"),
    )
    _add_common(parser, default=None)
    shared = Parser(add_help=False)
    _add_common(shared, default=argparse.SUPPRESS)  # also accepted after the command
    commands = parser.add_subparsers(
        dest="command", metavar="{route,batch,places,corridors,scenario,map,serve}", required=True
    )
    _add_route(commands, shared)
    _add_batch(commands, shared)
    _add_places(commands, shared)
    _add_corridors(commands, shared)

    from planner.cli.officials import add_commands  # the officials' commands
    from planner.cli.serve import add_command  # the HTTP API

    add_commands(commands, shared)
    add_command(commands, shared)
    return parser


def _add_route(commands: Any, shared: Parser) -> None:
    """``route``: the ways from an origin to a destination."""
    route = subcommand(commands, "route", shared, "route", "route_about")
    route.add_argument(
        "--from", dest="origin", required=True, metavar="ORIGIN", help=help_words("from")
    )
    route.add_argument(
        "--to", dest="destination", required=True, metavar="DESTINATION", help=help_words("to")
    )
    priority = " | ".join(p.value for p in Priority)
    # flag, metavar, default (None: the planner's), help, the default the help names
    for flag, metavar, default, text, said in (
        ("--cargo", "CLASS", DEFAULT_CARGO, help_words("cargo"), DEFAULT_CARGO),
        ("--weight-t", "T", None, help_words("weight", maximum=f"{MAX_WEIGHT_T:,.0f}"),
         f"{DEFAULT_WEIGHT_T:g}"),
        ("--volume-m3", "V", None, help_words("volume", maximum=f"{MAX_VOLUME_M3:,.0f}"),
         f"{DEFAULT_VOLUME_M3:g}"),
        ("--priority", "PRIORITY", Priority.BALANCED.value, priority, "balanced"),
        ("--alternatives", "N", str(DEFAULT_ALTERNATIVES), help_words("alternatives"), None),
    ):  # fmt: skip
        said = default if said is None else said
        text = help_words("with_default", text=text, default=said)
        route.add_argument(flag, metavar=metavar, default=default, help=text)
    route.add_argument("--avoid", metavar="ID", nargs="+", action="extend", default=[],
                       help=help_words("avoid"))  # fmt: skip
    modes = help_words("modes", modes=",".join(MODES))
    route.add_argument("--modes", metavar="M[,M...]", help=modes)
    route.add_argument("--ready", metavar="YYYY-MM-DD", help=help_words("ready"))
    route.add_argument("--rates", metavar="QUOTES.csv|.xlsx", help=help_words("rates"))
    output_options(route, FORMATS, _cmd_route)


def _add_batch(commands: Any, shared: Parser) -> None:
    """``batch``: every shipment of a file."""
    batch = subcommand(commands, "batch", shared, "batch", "batch_about")
    batch.add_argument("shipments", metavar="SHIPMENTS.csv|.xlsx")
    batch.add_argument(
        "-o", "--output", metavar="ROUTES.csv|.xlsx", help=help_words("batch_output")
    )
    batch.add_argument("--exact", action="store_true", help=help_words("exact"))
    batch.add_argument("--workers", metavar="N", help=help_words("workers"))
    batch.set_defaults(handler=_cmd_batch)


def _add_places(commands: Any, shared: Parser) -> None:
    """``places``: what ``--from`` and ``--to`` accept."""
    places = subcommand(commands, "places", shared, "places")
    said = help_words("format")
    places.add_argument("--format", choices=LIST_FORMATS, default="table", help=said)
    places.add_argument("--country", metavar="CC", help=help_words("country"))
    places.add_argument("--search", metavar="TEXT", help=help_words("search"))
    places.set_defaults(handler=_cmd_places)


def _add_corridors(commands: Any, shared: Parser) -> None:
    """``corridors``: the named corridors and their figures."""
    corridors = subcommand(commands, "corridors", shared, "corridors")
    corridors.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help=help_words("format")
    )
    corridors.set_defaults(handler=_cmd_corridors)


def _add_common(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=help_words("data_dir"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=default,
        help=help_words("lang"),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help=help_words("verbose"),
    )
    parser.add_argument(
        "--sea-route",
        choices=SEA_ROUTES,
        default=default,
        help=help_words("sea_route"),
    )


# --- helpers ---------------------------------------------------------------------------------


# --- commands --------------------------------------------------------------------------------


def _cmd_route(args: argparse.Namespace) -> int:
    from planner.cli.route import planned_route, route_json
    from planner.text.messages import render

    lang = lang_of(args)
    routed = planned_route(args, lang)
    for message in routed.refused:  # the quotes not used, named
        print(render(message, lang), file=sys.stderr)
    options, answer = routed.options, routed.answer
    written = {"count": len(options), "what": "option(s)", "lang": lang}
    if args.format == "json":
        payload = route_json(routed, lang)
        text = json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False)
        write_text(text + "\n", args.output, **written)
    elif args.format == "csv":
        import pandas as pd

        from planner.core.option_rows import DATED_COLUMNS, OPTION_COLUMNS, options_to_rows

        columns = [*OPTION_COLUMNS, *DATED_COLUMNS]
        frame = pd.DataFrame(options_to_rows(options, lang, dated=True), columns=columns)
        write_table_csv(frame, args.output, **written)
    elif args.format == "geojson":
        from planner.io.export import options_to_geojson

        collection = options_to_geojson(options, routed.planner.network)
        text = json.dumps(collection, ensure_ascii=False, allow_nan=False)
        write_text(text + "\n", args.output, **written)
    else:
        notes = [render(note, lang) for note in answer.short()]
        method = [render(note, lang) for note in answer.method]
        cargo_zh = routed.planner.cargo_classes.names_zh
        table = route_table(
            routed.summary, answer.options, lang, notes, cargo_zh=cargo_zh, method=method
        )
        write_text(table, args.output, **written)
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from planner.io.batch import write_batch
    from planner.io.export import is_workbook_name
    from planner.io.outputs import check_output
    from planner.io.shipments import open_shipments

    lang = lang_of(args)
    path = Path(args.shipments)
    if args.output is not None:  # never the input, a link, a device: refused before anything
        check_output(args.output, [path])
    table = open_shipments(path)  # before loading the network: fail fast on a wrong file
    method = "exact" if args.exact else "library"
    excel = args.output is not None and is_workbook_name(args.output)
    target = common.csv_stdout() if args.output is None else args.output  # CSV on stdout
    try:
        summary = write_batch(
            table,
            target,
            excel=excel,
            planner=common.planner_of(args),
            workers=0 if args.workers is None else positive_int("--workers", args.workers, lang),
            method=method,
            lang=lang,
        )
    except OSError as exc:
        if exc.filename and Path(exc.filename) == path:
            raise
        raise cannot_write(args.output, exc, lang) from None
    rows, errors, encoding = summary
    if args.output is not None:
        sys.stderr.write(say("wrote", lang, count=rows, what="row(s)", path=args.output) + "\n")
    sys.stderr.write(say("batch_summary", lang, rows=rows, errors=errors, encoding=encoding) + "\n")
    return EXIT_OK


def _cmd_places(args: argparse.Namespace) -> int:
    frame = common.planner_of(args).places.table(country=args.country, search=args.search)
    if args.format == "table":
        frame = frame[["id", "name_en", "name_zh", "kind", "country", "aliases", "codes"]]
    write_frame(frame, args.format, what="places", lang=lang_of(args))
    return EXIT_OK


def _cmd_corridors(args: argparse.Namespace) -> int:
    from corridors import corridor_figures

    frame = corridor_figures(common.planner_of(args).network)
    if args.format == "table":
        skip = [c for c in frame.columns if c in CORRIDOR_TABLE_SKIP or str(c).endswith("_ids")]
        frame = frame.drop(columns=skip)
    write_frame(frame, args.format, what="corridors", lang=lang_of(args))
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
        The exit code: 0 ok, 1 no route or internal error, 2 bad input, 3 broken data,
        130 interrupted.
    """
    with stopped_by_signals():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    common.tolerant_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    verbose = False
    named = lang_in_argv(argv)  # the help and argparse's usage errors are in the run's language
    lang = named if named in LANGS else default_lang()
    try:
        with in_lang(lang):
            args = build_parser().parse_args(argv)
        verbose = args.verbose
        lang = lang_of(args)
        logging.basicConfig(
            level=logging.INFO if verbose else logging.ERROR,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        check_format(args, lang)
        return int(args.handler(args))
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int | None) else EXIT_BAD_INPUT
    except BrokenPipeError:  # `... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt as exc:  # a batch's output file is written whole or not at all
        sys.stderr.write(f"{PROG}: {words('cli.interrupted', lang)}\n")
        return EXIT_INTERRUPTED if not isinstance(exc, Stopped) else 128 + exc.signum
    except Exception as exc:  # every failure is one line on stderr
        code, message = classify(exc, lang)
        if code == EXIT_FAILED and verbose and not isinstance(exc, CliError):
            logger.exception("internal error")
        prefix = words("cli.error", getattr(exc, "lang", None) or lang)
        sys.stderr.write(f"{PROG}: {prefix}{one_line(message)}\n")
        return code


def classify(exc: Exception, lang: str) -> tuple[int, str]:
    """Exit code and one-line message of a failure (the HTTP API maps the code to a status)."""
    if isinstance(exc, CliError):
        return exc.code, str(exc)
    from corridors._errors import NetworkValidationError
    from planner.model.errors import DataError, NoRouteError, PlanningError
    from planner.model.params import MissingParameterError, ParameterTableError

    if isinstance(exc, NoRouteError):
        return EXIT_FAILED, f"{words('cli.no_route', lang)}: {exc.render(lang)}"
    if isinstance(exc, NetworkValidationError):
        head = say("network_broken", lang, count=len(exc.problems))
        return EXIT_BROKEN_DATA, _problem_lines(head, exc.problems)
    if isinstance(exc, ParameterTableError | MissingParameterError | DataError):
        return EXIT_BROKEN_DATA, say("data_broken", lang, reason=one_line(str(exc)))
    if isinstance(exc, PlanningError):
        return EXIT_BAD_INPUT, exc.render(lang)
    if isinstance(exc, OSError):
        return EXIT_BAD_INPUT, f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    reason = one_line(str(exc))[:MAX_INTERNAL_CHARS]
    return EXIT_FAILED, say("internal_error", lang, kind=type(exc).__name__, reason=reason)


def _problem_lines(head: str, problems: list[str]) -> str:
    """Every problem of broken data after ``head``, on the one line (at most
    :data:`MAX_PROBLEMS_SHOWN`; the rest are counted)."""
    shown = [one_line(p)[:MAX_PROBLEM_CHARS] for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        shown.append(f"… +{len(problems) - MAX_PROBLEMS_SHOWN}")
    return f"{head}: {'; '.join(shown)}" if shown else head
