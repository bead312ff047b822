"""Array helpers shared by the pricing of box mixes and the choice of the best route per row."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["lexicographic_argmin"]


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
