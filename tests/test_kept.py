"""planner.core.kept: the planner's one cache policy, and the planners a network keeps."""

from __future__ import annotations

import pickle

from planner.core.api import PLANNERS, planner_for
from planner.core.kept import Kept
from planner.model.params import Parameters, load_parameters


def test_the_least_recently_used_go_first() -> None:
    kept: Kept[str, int] = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now "b" is the least recently used
    kept.put("c", 3)
    assert "b" not in kept and kept.get("a") == 1 and kept.get("c") == 3
    assert len(kept) == 2


def test_a_value_is_made_once_per_key_even_none() -> None:
    made: list[str] = []
    kept: Kept[str, None] = Kept()

    def make() -> None:
        made.append("x")

    for hold in (False, True, False):
        assert kept.made("x", make, hold=hold) is None
    assert made == ["x"]


def test_planners_are_keyed_by_the_tables_value_and_kept_by_their_network(planner_network):
    shipped = load_parameters()
    again = Parameters({key: shipped.row(key) for key in shipped}, path=shipped.path)
    assert again is not shipped and again == shipped and hash(again) == hash(shipped)
    planner = planner_for(planner_network, shipped)
    assert planner_for(planner_network, again) is planner
    changed = shipped.replace(**{"road.circuity": shipped["road.circuity"] * 2})
    assert changed != shipped
    assert planner_for(planner_network, changed) is not planner
    assert planner_network.derived[PLANNERS].get(shipped) is planner


def test_a_pickled_network_leaves_its_planners_behind(planner_network):
    planner_for(planner_network)
    copy = pickle.loads(pickle.dumps(planner_network))
    assert copy.derived == {} and planner_network.derived
    assert list(copy.nodes.index) == list(planner_network.nodes.index)
