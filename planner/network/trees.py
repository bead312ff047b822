"""Shortest-path trees: from one weighting (:class:`Tree`) and from several (:class:`Forest`).

:meth:`planner.network.graph.MultimodalGraph.tree` grows them with scipy's Dijkstra; the route
library takes its candidate routes from a forest's paths (:meth:`Forest.paths`).
"""

from __future__ import annotations

import itertools
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
        # only the reached nodes are ranked and put in the trie (a haul's trees reach a
        # quarter of the graph or less): the unreached rank last, their path id is 0
        reached = np.flatnonzero(np.isfinite(dist.ravel()))
        values, inverse = np.unique(dist.ravel()[reached], return_inverse=True)
        # the smallest integers that hold them (the ranks and path ids of a library's forests
        # were most of a batch worker's memory); a path id is kept plus one (0: unreached)
        rank = np.full(dist.size, len(values), _width(len(values) + (len(reached) < dist.size)))
        rank[reached] = inverse
        path, parent, last = _trie(reached, pred)
        path_id = np.zeros(dist.size, _width(len(parent) + 1))
        path_id[reached] = path + 1
        return cls(rank.reshape(dist.shape), len(values), path_id.reshape(dist.shape), parent, last)

    def paths(self, targets: list[int]) -> set[tuple[int, ...]]:
        """The distinct paths, one per tree, from the roots to the nearest of ``targets``."""
        if not targets:
            return set()
        chosen = np.asarray(targets)
        # the unreached rank last: a tree that reaches none ends at one whose path id is 0
        ends = chosen[self.rank[:, chosen].argmin(axis=1)]
        ids = _node_ids(self.rank.shape[1])
        found: set[tuple[int, ...]] = set()
        for kept in set(self.path_id[np.arange(len(ends)), ends].tolist()) - {0}:
            pid = kept - 1
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
        if not targets:
            return set()
        chosen = np.asarray(targets)
        ends = chosen[self.dist[:, chosen].argmin(axis=1)]
        trees = np.arange(len(ends))
        reached = np.isfinite(self.dist[trees, ends])  # the nearest reached, or none is
        ids = _node_ids(self.dist.shape[1])
        found: set[tuple[int, ...]] = set()
        for tree, end in set(zip(trees[reached].tolist(), ends[reached].tolist(), strict=True)):
            pred = self.pred[tree]
            nodes = [end]
            while (at := int(pred[nodes[-1]])) != NO_PREDECESSOR:
                nodes.append(at)
            found.add(tuple(ids[x] for x in reversed(nodes)))
        return found


def _width(bound: int) -> type:
    """The integer type of non-negative values below ``bound``: 16 bits where they fit, else 32."""
    return np.uint16 if bound <= np.iinfo(np.uint16).max else np.int32


def _trie(reached: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per reached node (``reached``: flat indices into ``pred``), the id of its path from the
    root (one id per distinct path, whatever tree has it); per id, its parent's id (``-1``: a
    root) and its last node (``int32`` arrays).

    The paths are told apart by a hash (:func:`_path_ids`), all depths at once; should two
    paths share one, the hash is drawn again.
    """
    n_nodes = pred.shape[1]
    node = reached % n_nodes
    # per reached node, its predecessor's place among the reached (len(reached): a root)
    place = np.full(pred.size + 1, len(reached))
    place[reached] = np.arange(len(reached))
    before = pred.ravel()[reached]
    up = place[np.where(before >= 0, reached - node + before, pred.size)]
    for salt in itertools.count():
        keys = np.random.default_rng(salt).bit_generator.random_raw(n_nodes + 1)
        found = _path_ids(node, up, keys)
        if found is not None:
            return found
    raise AssertionError  # unreachable: count() never ends


def _path_ids(
    node: np.ndarray, up: np.ndarray, keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """:func:`_trie`'s answer from a hash of each path, or ``None`` where two paths share one.

    ``node``: each reached node's graph node; ``up``: its predecessor's place among them
    (``len(node)``: a root). A path's hash is the sum of its nodes' ``keys`` (``uint64``, one
    per graph node), each times the last key (made odd) to the power of its distance from the
    path's end, mod 2**64; pointer jumping sums them: ``acc`` holds the hash of the stretch
    from a node up to ``link`` (exclusive), ``scale`` the base to the stretch's length, and a
    stretch and the one above it make one, in ``log2(depth)`` steps. Equal paths have equal
    hashes; the ids are the hashes' classes, checked: a class whose members end at one node
    and whose members' predecessors are all in one class (or are all roots) holds equal paths
    only (by induction on the depth), so no two paths share an id whatever the keys.
    """
    m = len(node)
    end = np.append(up, m)  # a sentinel after the reached: hash 0, scale 1, its own link
    link = end.copy()
    acc = np.append(keys[node], np.uint64(0))
    scale = np.full(m + 1, keys[-1] | np.uint64(1))
    scale[m] = 1
    while not (link == m).all():
        acc += scale * acc[link]
        scale *= scale[link]
        link = link[link]
    order = np.argsort(acc[:m])
    ordered = acc[order]
    new = np.ones(m, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    path = np.empty(m, dtype=np.int32)
    path[order] = np.cumsum(new, dtype=np.int32) - 1
    first = order[new]
    parent = np.append(path, np.int32(-1))[end[:m]]
    if (node[first][path] != node).any() or (parent[first][path] != parent).any():
        return None
    return path, parent[first], node[first].astype(np.int32)
