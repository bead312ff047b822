"""A build script's packages (requirements-build.txt), checked before it imports them.

A build whose package is missing stops with one line naming the package and the make target
that installs it, never with a traceback or a check quietly skipped.
"""

from __future__ import annotations

import importlib.util

#: Distribution names where a module's differs (what requirements-build.txt lists).
DISTRIBUTIONS = {"airports": "airports-py", "cnmaps_data": "cnmaps-data", "opencc": "OpenCC"}


def require(target: str, *modules: str) -> None:
    """Stop with one line if any of ``modules`` is not installed.

    Parameters
    ----------
    target
        The make target that installs them (``network``, ``basemap``, ``gazetteer``).
    modules
        The top-level modules the build imports.

    Raises
    ------
    SystemExit
        Naming every missing package and ``make target``.
    """
    missing = [DISTRIBUTIONS.get(m, m) for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(
            f"missing build package(s) {', '.join(missing)} (requirements-build.txt): "
            f"run `make {target}`, which installs them"
        )
