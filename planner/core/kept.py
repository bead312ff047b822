"""The planner's one cache policy: made once per key, kept by value, least recently used first.

Every cache of a :class:`~planner.core.planner.Planner` (edge prices per cargo class, hauls per
country, answers, route libraries, shapes, trucks) and the planners of a network
(:func:`planner.core.api.planner_for`) are a :class:`Kept`: keyed by the *value* of what the
answer depends on (never by ``id()``, which a new object may reuse once the old one is gone),
bounded where the keys are unbounded, and safe across threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Kept"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Values made once per key and kept; past ``most`` the least recently used go first.

    Parameters
    ----------
    most
        How many are kept (``None``: all; for keys drawn from a small, fixed set).
    lock
        The lock to hold (a planner's, shared by its caches: a value made under it may fill
        another of them); a new one by default.
    """

    def __init__(self, most: int | None = None, *, lock: threading.RLock | None = None) -> None:
        self.most = most
        self._lock = threading.RLock() if lock is None else lock
        self._items: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: K) -> V | None:
        """The value kept for ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (dropping the least recently used past ``most``)."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while self.most is not None and len(self._items) > self.most:
                self._items.popitem(last=False)
        return value

    def made(self, key: K, make: Callable[[], V], *, hold: bool = False) -> V:
        """The value kept for ``key``, else ``make()`` kept.

        Parameters
        ----------
        key
            What the value depends on, by value.
        make
            Makes the value (it may be ``None``: that is kept too).
        hold
            Make it holding the lock (a costly value two threads should not both make);
            else two threads may both make it and the last one is kept (values of one key
            are equal).
        """
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            if hold:
                return self.put(key, make())
        return self.put(key, make())
