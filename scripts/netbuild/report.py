"""The build's summary: counts, rail reach abroad, and railway lengths against published ones."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import pandas as pd

from corridors import Network
from corridors.railway_lengths import DEFAULT_TOLERANCE, DRAWN_TOLERANCE, railway_lengths
from netbuild.checks import reachable

__all__ = ["length_problems", "log_summary"]

logger = logging.getLogger(__name__)

def _rail_reach(network: Network) -> set[str]:
    """Foreign destinations reachable from the Shanxi terminals by rail alone."""
    rail = network.links[network.links["mode"] == "rail"]
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(rail["from"], rail["to"], strict=True):
        graph[a].add(b)
        graph[b].add(a)
    nodes = network.nodes
    start = list(nodes.index[nodes["departure_terminal"]])
    return {n for n in reachable(graph, start) if nodes.at[n, "kind"] == "destination"}


def _where(row: tuple) -> str:
    start = row[1]
    return row.railway if not isinstance(start, str) else f"{row.railway} {start}–{row.to}"


def length_problems(network: Network) -> list[str]:
    """Published lengths the planner's distances miss by more than 5 %, or the drawn lines by
    more than 20 %."""
    problems = []
    for row in railway_lengths(network).itertuples(index=False):
        where = _where(row)
        if pd.isna(row.ratio):
            problems.append(f"railway {where}: no path over its links")
        elif abs(row.ratio - 1) > DEFAULT_TOLERANCE:
            problems.append(f"railway {where}: {row.built_km:.0f} km built, "
                            f"{row.published_km:.0f} km published")
        elif abs(row.drawn_ratio - 1) > DRAWN_TOLERANCE:
            problems.append(f"railway {where}: {row.drawn_km:.0f} km drawn, "
                            f"{row.published_km:.0f} km published")
    return problems


def log_summary(network: Network) -> None:
    """Log what was built."""
    nodes, links = network.nodes, network.links
    logger.info("nodes by kind: %s", dict(sorted(Counter(nodes["kind"]).items())))
    logger.info("links by mode: %s", dict(sorted(Counter(links["mode"]).items())))
    logger.info("links by corridor: %s", dict(sorted(Counter(links["corridor"]).items())))
    reach = _rail_reach(network)
    countries = sorted({nodes.at[n, "country"] for n in reach})
    logger.info("rail destinations reachable from the Shanxi terminals: %d cities in %d "
                "countries (%s)", len(reach), len(countries), ", ".join(countries))
    logger.info("railway lengths against published: planner (route factors) and drawn:")
    for row in railway_lengths(network).itertuples(index=False):
        logger.info("  %-52s %6.0f km published  %6.1f%% planner  %6.1f%% drawn", _where(row),
                    row.published_km, 0 if pd.isna(row.ratio) else 100 * row.ratio,
                    0 if pd.isna(row.drawn_ratio) else 100 * row.drawn_ratio)
