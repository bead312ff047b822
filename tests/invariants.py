"""What every answer of the planner must satisfy, checked alike by the search and library tests."""

from __future__ import annotations

import itertools

import pytest

from planner.core.api import resolve_place
from planner.model.params import load_parameters
from planner.model.records import RouteOption

PARAMS = load_parameters()


def check_invariants(options: list[RouteOption], origin, destination, network) -> None:
    assert options, "plan returned no option"
    assert [o.rank for o in options] == list(range(1, len(options) + 1))
    # the first is Pareto-optimal, unless it rides a current published service: the ranking puts
    # it before the model trains that beat it on paper (planner.search.ranking.order; found by
    # hypothesis: Yangquan -> DE, greenest, the Linfen-Munich train before a model Erenhot one)
    served = options[0].ride is not None and not options[0].ride.stale
    assert any(o.pareto_optimal for o in options) or served
    assert options[0].pareto_optimal or served
    start = resolve_place(origin, network) if isinstance(origin, str) else origin
    end = resolve_place(destination, network) if isinstance(destination, str) else destination
    start_ids = {start.id, *start.node_ids}
    end_ids = {end.id, *end.node_ids}
    signatures = set()
    for option in options:
        legs = option.legs
        assert legs
        assert legs[0].from_id in start_ids
        assert legs[-1].to_id in end_ids
        for a, b in itertools.pairwise(legs):
            assert a.to_id == b.from_id
        for leg in legs:
            assert leg.hours >= 0 and leg.cost_usd >= 0 and leg.co2e_kg >= 0
            assert leg.distance_km >= 0
        assert option.transit_days == pytest.approx(sum(leg.hours for leg in legs) / 24)
        assert option.cost_usd == pytest.approx(sum(leg.cost_usd for leg in legs))
        assert option.co2e_kg == pytest.approx(sum(leg.co2e_kg for leg in legs))
        assert option.cost_cny == pytest.approx(option.cost_usd * PARAMS["fx.usd_cny"])
        assert option.label and option.label.endswith(" d")
        assert option.border_crossings == sum(
            1 for leg in legs if leg.link_id and bool(network.links.at[leg.link_id, "crossing"])
        )
        signature = tuple((leg.from_id, leg.to_id, leg.link_id) for leg in legs)
        assert signature not in signatures, "the same path twice"
        signatures.add(signature)
        moves = [leg for leg in legs if not leg.wait]
        nodes = [moves[0].from_id] + [leg.to_id for leg in moves]
        # through a designated site the law sends the goods there and on: the way to the site
        # and the way from it may each pass a town once (Tianjin -> Shuozhou -> Datong's meat
        # site -> Shuozhou -> Luliang)
        site = option.inspection_site
        cut = nodes.index(site.node) if site is not None and site.node in nodes else None
        for part in [nodes] if cut is None else [nodes[: cut + 1], nodes[cut:]]:
            assert len(part) == len(set(part)), "a route visits a place twice"
        data = option.to_dict()
        assert data["rank"] == option.rank and len(data["legs"]) == len(legs)
    # a Pareto-optimal option is never dominated by another returned option
    for a in options:
        if a.pareto_optimal:
            for b in options:
                dominated = all(x <= y for x, y in zip(b.objectives, a.objectives, strict=True))
                assert not (dominated and b.objectives != a.objectives)


def priority_key(option: RouteOption, priority: str) -> tuple:
    days, cost, co2 = option.objectives
    return {
        "fastest": (days, cost, co2),
        "cheapest": (cost, days, co2),
        "greenest": (co2, days, cost),
    }[priority]
