"""A forest kept compact (a trie of paths, ranks in the smallest integers) and one kept as grown
answer alike: the route library keeps the first for its own trees and the second for trees
grown again for one destination."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from planner.network import trees
from planner.network.trees import NO_PREDECESSOR, Forest, LooseForest, Tree


def _grown(n_nodes: int, n_edges: int, n_trees: int, seed: int):
    rng = np.random.default_rng(seed)
    tails, heads = rng.integers(0, n_nodes, n_edges), rng.integers(0, n_nodes, n_edges)
    dists, preds = [], []
    for _ in range(n_trees):
        # integer weights: equal distances happen, and the nearest target is the first of them
        weights = rng.integers(1, 5, n_edges).astype(float)
        matrix = csr_matrix((weights, (tails, heads)), shape=(n_nodes, n_nodes))
        dist, pred = dijkstra(matrix, indices=[0, 1], return_predecessors=True, min_only=True)[:2]
        dists.append(dist)
        preds.append(pred)
    return np.stack(dists), np.stack(preds)


@pytest.mark.parametrize("seed", range(6))
def test_loose_and_compact_forests_give_the_same_paths(seed):
    dist, pred = _grown(60, 150, 7, seed)
    compact, loose = Forest.of(dist, pred), LooseForest(dist, pred)
    rng = np.random.default_rng(100 + seed)
    for _ in range(40):
        targets = rng.choice(60, size=int(rng.integers(1, 5)), replace=False).tolist()
        paths = loose.paths(targets)
        assert compact.paths(targets) == paths
        for path in paths:  # each one a tree's path from a root to a nearest target
            assert path[0] in (0, 1) and path[-1] in targets
            assert any(
                all(pred[t, b] == a for a, b in zip(path, path[1:], strict=False))
                and pred[t, path[0]] == NO_PREDECESSOR
                and dist[t, path[-1]] == min(dist[t, targets])
                for t in range(len(dist))
            )


def test_an_unreached_target_has_no_path():
    dist = np.array([[0.0, 1.0, np.inf]])
    pred = np.array([[NO_PREDECESSOR, 0, NO_PREDECESSOR]], dtype=np.int32)
    assert Forest.of(dist, pred).paths([2]) == LooseForest(dist, pred).paths([2]) == set()


def test_ranks_and_path_ids_take_16_bits_only_where_they_fit():
    small = Forest.of(*_grown(60, 150, 7, 0))
    assert small.rank.dtype == np.uint16 and small.path_id.dtype == np.uint16
    # a star of 70,000 leaves at distinct distances: 70,001 ranks and paths, past 16 bits
    leaves = 70_000
    dist = np.concatenate([[0.0], np.arange(1, leaves + 1) / 7.0])[None, :]
    pred = np.concatenate([[NO_PREDECESSOR], np.zeros(leaves)]).astype(np.int32)[None, :]
    big = Forest.of(dist, pred)
    assert big.rank.dtype == np.int32 and big.path_id.dtype == np.int32
    assert big.paths([leaves, 3]) == {(0, 3)}
    assert big.paths([leaves]) == {(0, leaves)}


def test_paths_whose_hashes_collide_are_told_apart_by_new_keys(monkeypatch):
    dist, pred = _grown(60, 150, 7, 3)
    reached = np.flatnonzero(np.isfinite(dist.ravel()))
    node = reached % 60
    place = np.full(pred.size + 1, len(reached))
    place[reached] = np.arange(len(reached))
    before = pred.ravel()[reached]
    up = place[np.where(before >= 0, reached - node + before, pred.size)]
    # keys 0, base 1: every path hashes to 0, which the check refuses
    assert trees._path_ids(node, up, np.zeros(61, dtype=np.uint64)) is None
    honest = trees._path_ids
    drawn: list[np.ndarray] = []

    def colliding(node, up, keys):
        drawn.append(keys)
        return None if len(drawn) == 1 else honest(node, up, keys)

    monkeypatch.setattr(trees, "_path_ids", colliding)
    forest = Forest.of(dist, pred)
    assert len(drawn) == 2 and not np.array_equal(drawn[0], drawn[1])
    rng = np.random.default_rng(7)
    for _ in range(20):
        targets = rng.choice(60, size=3, replace=False).tolist()
        assert forest.paths(targets) == LooseForest(dist, pred).paths(targets)


def test_one_id_per_distinct_path():
    dist, pred = _grown(60, 150, 7, 5)
    forest = Forest.of(dist, pred)
    walked = {}
    for t, x in zip(*np.nonzero(np.isfinite(dist)), strict=True):
        walked.setdefault(int(forest.path_id[t, x]), set()).add(tuple(_path(pred[t], x)))
    assert all(len(paths) == 1 for paths in walked.values())
    assert len({next(iter(p)) for p in walked.values()}) == len(walked) == len(forest.parent)


def _path(pred, node):
    return Tree(dist=np.zeros(len(pred)), pred=pred).path_to(int(node))


def test_no_targets_no_paths():
    dist, pred = _grown(60, 150, 7, 1)
    assert Forest.of(dist, pred).paths([]) == LooseForest(dist, pred).paths([]) == set()
