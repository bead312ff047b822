"""The build's summary: counts, rail reach abroad, and railway lengths against published ones."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

from corridors import Network
from netbuild.checks import reachable

__all__ = ["length_problems", "log_summary"]

logger = logging.getLogger(__name__)

#: A railway's built length may differ this much from its published length.
LENGTH_TOLERANCE = 0.10


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


def length_problems(network: Network) -> list[str]:
    """Railways whose built length is off their published length by more than the tolerance."""
    problems = []
    for rid, row in network.railways.iterrows():
        published = row["published_km"]
        if published == published and abs(row["computed_km"] / published - 1) > LENGTH_TOLERANCE:
            problems.append(f"railway {rid}: {row['computed_km']:.0f} km built, "
                            f"{published:.0f} km published")
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
    logger.info("railway lengths (geodesic sum of links vs published):")
    for rid, row in network.railways.iterrows():
        km, published = row["computed_km"], row["published_km"]
        if published != published:  # NaN: only a section is modelled
            logger.info("  %-28s %8.0f km   (section)", rid, km)
        else:
            logger.info("  %-28s %8.0f km vs %5.0f km  %6.1f%%", rid, km, published,
                        100 * km / published)
