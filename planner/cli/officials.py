"""The officials' commands of ``python -m planner``: ``scenario`` and ``map``.

``scenario`` compares every destination's best route before and after closing some ids, for
an assumed shipment and the modes allowed, and with ``--shipments`` what each corridor
carries; ``map`` draws the corridor network (and a closure) as a PNG or PDF for a report.
Exit codes and one-line errors are those of :mod:`planner.cli.main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from planner.cli import common
from planner.cli.argparse_words import help_words
from planner.model.cargo import DEFAULT_CARGO
from planner.model.records import Priority

__all__ = ["add_commands", "map_planner", "scenario_of"]

SCENARIO_FORMATS = ("table", "csv", "json")
#: Destination columns of the scenario's text table.
TABLE_COLUMNS = (
    "destination",
    "status",
    "transit_days_before",
    "transit_days_after",
    "cost_usd_before",
    "cost_usd_after",
    "exit_port_after",
    "corridor_after",
    "remark",
)
#: Flow columns of the text table (names are in the JSON and CSV).
FLOW_TABLE_COLUMNS = (
    "corridor",
    "shipments_before",
    "shipments_after",
    "weight_t_before",
    "weight_t_after",
    "teu_before",
    "teu_after",
)


def add_commands(commands: Any, shared: argparse.ArgumentParser) -> None:
    """Add ``scenario`` and ``map`` to the subcommands of :mod:`planner.cli.main`."""
    said = help_words
    scenario = common.subcommand(commands, "scenario", shared, "scenario", "scenario_about")
    scenario.add_argument("--close", metavar="ID", nargs="+", required=True, help=said("close"))
    scenario.add_argument("--from", dest="origin", default="taiyuan", metavar="ORIGIN",
                          help=said("default", value="taiyuan"))  # fmt: skip
    scenario.add_argument("--modes", metavar="M[,M...]", help=said("scenario_modes"))
    scenario.add_argument("--shipments", metavar="BOOK.csv|.xlsx", help=said("shipments"))
    cargo = said("with_default", text=said("cargo"), default=DEFAULT_CARGO)
    scenario.add_argument("--cargo", default=DEFAULT_CARGO, help=cargo)
    scenario.add_argument("--weight-t", metavar="T", help=said("default", value=10))
    scenario.add_argument("--volume-m3", metavar="V", help=said("default", value=30))
    priorities = " | ".join(p.value for p in Priority)
    priority = said("with_default", text=priorities, default=Priority.BALANCED.value)
    scenario.add_argument("--priority", default=Priority.BALANCED.value, help=priority)
    common.output_options(scenario, SCENARIO_FORMATS, _cmd_scenario)

    drawn = common.subcommand(commands, "map", shared, "map", "map_about")
    drawn.add_argument("--close", metavar="ID", nargs="+", default=[], help=said("map_close"))
    drawn.add_argument("--view", choices=("shanxi", "china", "eurasia", "world"), default="china",
                       help=said("view"))  # fmt: skip
    drawn.add_argument("-o", "--output", metavar="FILE.png|FILE.pdf", required=True,
                       help=said("map_output"))  # fmt: skip
    drawn.set_defaults(handler=_cmd_map)


def _shipment(args: argparse.Namespace, lang: str) -> Any:
    from planner.model.query import Query

    fields: dict[str, Any] = {"cargo": args.cargo, "priority": args.priority}
    for name in ("weight_t", "volume_m3"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    if args.modes is not None:
        fields["modes"] = args.modes
    return common.checked(None, lang, lambda: Query(args.origin, args.origin, **fields))


def scenario_of(args: argparse.Namespace, lang: str) -> tuple[dict[str, Any], Any, Any]:
    """The ``scenario`` command's report (its JSON), planner and cargo table, its arguments
    checked as the command checks them (the HTTP API's scenario too).

    Raises
    ------
    CliError
        Bad input, as one line naming its option.
    """
    from planner.model.cargo import load_cargo_classes
    from planner.scenario.closure import scenario_report

    query = _shipment(args, lang)  # bad numbers fail before the network is loaded
    if args.shipments is not None:
        from planner.io.shipments import open_shipments

        open_shipments(args.shipments)  # a wrong file fails before the network is loaded
    cargo = load_cargo_classes(args.data_dir)
    common.checked("--cargo", lang, lambda: cargo.spec(query.cargo))
    planner = common.planner_of(args)
    common.checked("--from", lang, lambda: planner.places.resolve(args.origin))
    asked = {"origin": args.origin, "shipment": query.shipment, "priority": query.priority}
    asked |= {"modes": args.modes, "planner": planner, "lang": lang}
    report = common.checked(
        "--close", lang, lambda: scenario_report(args.close, book=args.shipments, **asked)
    )
    return report, planner, cargo


def _cmd_scenario(args: argparse.Namespace) -> int:
    lang = common.lang_of(args)
    report, planner, cargo = scenario_of(args, lang)
    count = len(report["destinations"])
    written = {"count": count, "what": "destinations", "lang": lang}
    if args.format == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False)
        common.write_text(text + "\n", args.output, **written)
    elif args.format == "csv":
        from planner.scenario.closure import report_frame
        from planner.scenario.naming import table_names

        frame = report_frame(report, **table_names(planner.network, lang))
        common.write_table_csv(frame, args.output, cargo_zh=cargo.names_zh, **written)
    else:
        text = _table_text(report, lang, cargo.names_zh, planner.network)
        common.write_text(text, args.output, **written)
    return common.EXIT_OK


def _table_text(report: dict[str, Any], lang: str, cargo_zh: dict[str, str], network: Any) -> str:
    import pandas as pd

    from planner.io.terminal import frame_table
    from planner.scenario.closure import report_frame
    from planner.scenario.naming import table_names
    from planner.text.columns import localized
    from planner.text.scenario_words import assumption_line, headline, totals_line

    totals = report["totals"]
    lines = [assumption_line(report["assumptions"], lang, cargo_zh), headline(totals, lang)]
    named = table_names(network, lang)
    frame = report_frame(report, **named)
    shown = frame[list(TABLE_COLUMNS)].round(
        {c: 1 for c in TABLE_COLUMNS if "days" in c} | {c: 0 for c in TABLE_COLUMNS if "usd" in c}
    )
    if named:  # a Chinese table names its destinations as it names ports and corridors
        local = frame["name_zh"].fillna("")
        shown["destination"] = local.where(local != "", frame["name_en"])
    # a remark is long and the same for many rows: a note number in the table, its text below
    notes = list(dict.fromkeys(r for r in shown["remark"] if isinstance(r, str) and r))
    shown["remark"] = shown["remark"].map(
        lambda r: f"[{notes.index(r) + 1}]" if r in notes else "", na_action="ignore"
    )
    text = "\n".join(lines) + "\n\n" + frame_table(localized(shown, lang))
    text += "".join(f"[{i}] {note}\n" for i, note in enumerate(notes, 1))
    if report["flows"]:
        flows = pd.DataFrame(report["flows"])[list(FLOW_TABLE_COLUMNS)]
        names = named.get("names", {})
        flows["corridor"] = flows["corridor"].map(lambda c: names.get(c, c))
        text += "\n" + totals_line(totals, lang) + "\n\n" + frame_table(localized(flows, lang))
    return text


def _cmd_map(args: argparse.Namespace) -> int:
    from planner.scenario.mapdraw import draw_map

    lang = common.lang_of(args)
    suffix = args.output.lower().rsplit(".", 1)[-1]
    if suffix not in ("png", "pdf"):
        suffixes = (".png", ".pdf")
        message = common.say("wrong_suffix", lang, path=args.output, suffixes=suffixes)
        raise common.CliError(f"-o: {message}")
    planner = map_planner(args, lang)
    try:
        draw_map(planner.network, args.output, view=args.view, closed=args.close, lang=lang)
    except OSError as exc:
        raise common.cannot_write(args.output, exc, lang) from None
    sys.stderr.write(common.say("wrote", lang, count=1, what="map", path=args.output) + "\n")
    return common.EXIT_OK


def map_planner(args: argparse.Namespace, lang: str) -> Any:
    """The ``map`` command's planner, its ``--close`` ids checked as ``--avoid``'s are (the
    HTTP API's map too)."""
    planner = common.planner_of(args)
    if args.close:  # an unknown id fails as for --avoid
        from planner.model.query import Query

        probe = Query("taiyuan", "taiyuan", closures=tuple(args.close))
        common.checked("--close", lang, lambda: planner.closed(probe))
    return planner
