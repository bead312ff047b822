"""Array helpers shared by the pricing of box mixes, the choice of the best route per row and
the columns of many rows."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["lexicographic_argmin", "objects"]


def lexicographic_argmin(keys: Sequence[np.ndarray]) -> np.ndarray:
    """Per row, the column with the smallest first key, ties broken by the next keys (the first
    such column when all keys tie).

    Parameters
    ----------
    keys
        Arrays of one shape ``(rows, columns)``, most significant first.

    Returns
    -------
    numpy.ndarray
        ``(rows,)`` column indices.
    """
    alive = np.ones(np.shape(keys[0]), dtype=bool)
    for key in keys:
        masked = np.where(alive, key, np.inf)
        alive &= masked == masked.min(axis=1, keepdims=True)
    return alive.argmax(axis=1)


def objects(values: Sequence[object]) -> np.ndarray:
    """A 1-d object array of ``values`` (never a 2-d one, whatever they are)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
