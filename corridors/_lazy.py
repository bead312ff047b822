"""Public names of a package imported on first use (PEP 562): importing the package stays cheap
and never fails; a heavy or missing module costs only when its name is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_names(
    package: str, namespace: dict[str, Any], lazy: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for a package whose names ``lazy`` maps to the module
    that defines each (the value is kept in ``namespace`` once loaded)."""
    listed = sorted(set(public))

    def __getattr__(name: str) -> Any:
        try:
            module = lazy[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(listed))

    return __getattr__, __dir__
