"""Shortest-path trees: from one weighting (:class:`Tree`) and from several (:class:`Forest`).

:meth:`planner.network.graph.MultimodalGraph.tree` grows them with scipy's Dijkstra; the route
library takes its candidate routes from a forest's paths (:meth:`Forest.paths`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["NO_PREDECESSOR", "Forest", "LooseForest", "Tree"]

#: What scipy's Dijkstra puts in the predecessor array of a node it did not reach (or a root).
NO_PREDECESSOR = -9999

#: Every node number as one int object, which the walked paths share (not a new int per node
#: of every path: a batch's route libraries keep hundreds of thousands of them).
_NODE_IDS: list[int] = []


def _node_ids(n_nodes: int) -> list[int]:
    """:data:`_NODE_IDS`, long enough for ``n_nodes`` nodes."""
    if len(_NODE_IDS) < n_nodes:
        _NODE_IDS.extend(range(len(_NODE_IDS), n_nodes))
    return _NODE_IDS


@dataclass(frozen=True)
class Tree:
    """A shortest-path tree: distances and predecessors of every graph node (``inf`` and
    :data:`NO_PREDECESSOR` where unreached). A backward tree runs from the targets, so a
    node's "predecessor" is its successor towards them."""

    dist: np.ndarray
    pred: np.ndarray

    def reached(self, node: int) -> bool:
        return bool(np.isfinite(self.dist[node]))

    def path_to(self, node: int) -> list[int]:
        """Graph nodes from the root to ``node`` (a backward tree: from ``node`` to its root)."""
        path = [node]
        while self.pred[path[-1]] != NO_PREDECESSOR:
            path.append(int(self.pred[path[-1]]))
        return path[::-1]


@dataclass(frozen=True, eq=False)
class Forest:
    """Shortest-path trees from the same roots under several weightings, kept as small as
    :meth:`paths` needs: per tree and node, the rank of its distance (equal distances, equal
    ranks: the nearest target is the one the distances give) and the id of its path plus one
    (0: unreached), a node of a trie, both in 16 bits where they fit; per id, its parent id
    and its last node.

    The trees share most of their paths: every distinct path from a root gets one id, so the
    paths to a target are told apart by their ids before any is walked, and each is walked
    once. Made by :meth:`of` (a batch's route libraries keep hundreds of forests: their
    distances and predecessors were most of a worker's memory).
    """

    rank: np.ndarray
    unreached: int
    path_id: np.ndarray
    parent: np.ndarray
    last: np.ndarray
    _walked: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, dist: np.ndarray, pred: np.ndarray) -> Forest:
        """The forest of trees with distances ``dist`` and predecessors ``pred`` (one row per
        tree, as :class:`Tree` holds them)."""
        values, inverse = np.unique(dist, return_inverse=True)
        unreached = len(values) if not len(values) or np.isfinite(values[-1]) else len(values) - 1
        path_id, parent, last = _trie(dist, pred)
        # the smallest integers that hold them (the ranks and path ids of a library's forests
        # were most of a batch worker's memory); a path id is kept plus one (0: unreached)
        return cls(
            _narrow(inverse.reshape(dist.shape), len(values)),
            unreached,
            _narrow(path_id + 1, len(parent) + 1),
            parent,
            last,
        )

    def paths(self, targets: list[int]) -> set[tuple[int, ...]]:
        """The distinct paths, one per tree, from the roots to the nearest of ``targets``."""
        rank = self.rank[:, targets]
        reached = np.flatnonzero((rank < self.unreached).any(axis=1))
        ends = np.asarray(targets)[rank[reached].argmin(axis=1)]
        ids = _node_ids(self.rank.shape[1])
        found: set[tuple[int, ...]] = set()
        for pid in set((self.path_id[reached, ends].astype(np.int64) - 1).tolist()):
            path = self._walked.get(pid)
            if path is None:
                nodes = []
                at = pid
                while at >= 0:
                    nodes.append(ids[self.last[at]])
                    at = int(self.parent[at])
                path = self._walked[pid] = tuple(nodes[::-1])
            found.add(path)
        return found


@dataclass(frozen=True, eq=False)
class LooseForest:
    """Shortest-path trees from the same roots under several weightings, kept as grown: the
    distances and predecessors of the distinct trees. :meth:`paths` answers as
    :meth:`Forest.paths` does, walking each path; a forest asked for a few targets only (the
    route library's trees grown again for one destination) is not worth its trie."""

    dist: np.ndarray
    pred: np.ndarray

    def paths(self, targets: list[int]) -> set[tuple[int, ...]]:
        """The distinct paths, one per tree, from the roots to the nearest of ``targets``."""
        dist = self.dist[:, targets]
        reached = np.flatnonzero(np.isfinite(dist).any(axis=1))
        ends = np.asarray(targets)[dist[reached].argmin(axis=1)]
        ids = _node_ids(self.dist.shape[1])
        found: set[tuple[int, ...]] = set()
        for tree, end in set(zip(reached.tolist(), ends.tolist(), strict=True)):
            pred = self.pred[tree]
            nodes = [end]
            while (at := int(pred[nodes[-1]])) != NO_PREDECESSOR:
                nodes.append(at)
            found.add(tuple(ids[x] for x in reversed(nodes)))
        return found


def _narrow(values: np.ndarray, bound: int) -> np.ndarray:
    """``values`` (non-negative, below ``bound``) as 16-bit integers where they fit, else 32."""
    return values.astype(np.uint16 if bound <= np.iinfo(np.uint16).max else np.int32)


def _trie(dist: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per tree and node, the id of its path from the root (``-1`` where unreached; one id
    per distinct path, whatever tree has it); per id, its parent's id and its last node
    (``int32`` arrays).

    Ids are given a depth at a time: the path to ``x`` is the path to its predecessor and
    ``x``, so two trees share an id where they share the whole path.
    """
    n_trees, n_nodes = pred.shape
    rows = np.arange(n_trees)[:, None]
    linked = pred >= 0
    # depth of every node in every tree, by pointer jumping
    up = np.where(linked, pred, np.arange(n_nodes))
    depth = linked.astype(np.int64)
    while True:
        higher = up[rows, up]
        if np.array_equal(higher, up):
            break
        depth += depth[rows, up]
        up = higher
    tree, node = np.nonzero(np.isfinite(dist))
    level = depth[tree, node]
    order = np.argsort(level, kind="stable")
    tree, node, level = tree[order], node[order], level[order]
    bounds = np.searchsorted(level, np.arange(level.max() + 2 if len(level) else 1))
    path_id = np.full((n_trees, n_nodes), -1, dtype=np.int32)
    parent: list[np.ndarray] = []
    last: list[np.ndarray] = []
    count = 0
    for d in range(len(bounds) - 1):
        t, x = tree[bounds[d] : bounds[d + 1]], node[bounds[d] : bounds[d + 1]]
        above = path_id[t, pred[t, x]] if d else np.full(len(x), -1, dtype=np.int32)
        _, first, inverse = np.unique(
            (above.astype(np.int64) + 1) * n_nodes + x, return_index=True, return_inverse=True
        )
        path_id[t, x] = count + inverse.ravel()
        parent.append(above[first])
        last.append(x[first].astype(np.int32))
        count += len(first)
    return (
        path_id,
        np.concatenate(parent) if parent else np.zeros(0, np.int32),
        np.concatenate(last) if last else np.zeros(0, np.int32),
    )
