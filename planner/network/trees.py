"""Shortest-path trees: from one weighting (:class:`Tree`) and from several (:class:`Forest`).

:meth:`planner.network.graph.MultimodalGraph.tree` grows them with scipy's Dijkstra; the route
library takes its candidate routes from a forest's paths (:meth:`Forest.paths`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

__all__ = ["NO_PREDECESSOR", "Forest", "Tree"]

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
    """Shortest-path trees from the same roots under several weightings: ``dist`` and ``pred``
    hold one row per weighting (see :class:`Tree`).

    The trees share most of their paths: every distinct path from a root gets one id, a node of
    a trie (:attr:`_trie`), so the paths to a target are told apart by their ids before any is
    walked, and each is walked once.
    """

    dist: np.ndarray
    pred: np.ndarray
    _walked: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def tree(self, i: int) -> Tree:
        """The tree of the ``i``-th weighting (the first: the fastest)."""
        return Tree(self.dist[i], self.pred[i])

    def paths(self, targets: list[int]) -> set[tuple[int, ...]]:
        """The distinct paths, one per tree, from the roots to the nearest of ``targets``."""
        dist = self.dist[:, targets]
        reached = np.flatnonzero(np.isfinite(dist).any(axis=1))
        ends = np.asarray(targets)[dist[reached].argmin(axis=1)]
        path_id, parent, last = self._trie
        ids = _node_ids(self.pred.shape[1])
        found: set[tuple[int, ...]] = set()
        for pid in set(path_id[reached, ends].tolist()):
            path = self._walked.get(pid)
            if path is None:
                nodes = []
                at = pid
                while at >= 0:
                    nodes.append(ids[last[at]])
                    at = int(parent[at])
                path = self._walked[pid] = tuple(nodes[::-1])
            found.add(path)
        return found

    @functools.cached_property
    def _trie(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per tree and node, the id of its path from the root (``-1`` where unreached; one id
        per distinct path, whatever tree has it); per id, its parent's id and its last node
        (``int32`` arrays).

        Ids are given a depth at a time: the path to ``x`` is the path to its predecessor and
        ``x``, so two trees share an id where they share the whole path.
        """
        n_trees, n_nodes = self.pred.shape
        rows = np.arange(n_trees)[:, None]
        linked = self.pred >= 0
        # depth of every node in every tree, by pointer jumping
        up = np.where(linked, self.pred, np.arange(n_nodes))
        depth = linked.astype(np.int64)
        while True:
            higher = up[rows, up]
            if np.array_equal(higher, up):
                break
            depth += depth[rows, up]
            up = higher
        reached = np.isfinite(self.dist)
        tree, node = np.nonzero(reached)
        level = depth[tree, node]
        order = np.argsort(level, kind="stable")
        tree, node, level = tree[order], node[order], level[order]
        bounds = np.searchsorted(level, np.arange(level.max() + 2 if len(level) else 1))
        # int32 ids and arrays, not lists of ints: a batch's route libraries keep hundreds of
        # forests, and their tries were most of a worker's memory
        path_id = np.full((n_trees, n_nodes), -1, dtype=np.int32)
        parent: list[np.ndarray] = []
        last: list[np.ndarray] = []
        count = 0
        for d in range(len(bounds) - 1):
            t, x = tree[bounds[d] : bounds[d + 1]], node[bounds[d] : bounds[d + 1]]
            above = path_id[t, self.pred[t, x]] if d else np.full(len(x), -1, dtype=np.int32)
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
