"""Shared fixtures: the small valid test network and the real shipped network."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from corridors import DEFAULT_DATA_DIR, Network, load_network

DATA = Path(__file__).resolve().parent / "data"
MINI_DIR = DATA / "mini"
BROKEN_DIR = DATA / "broken"
REAL_DATA_MISSING = not (DEFAULT_DATA_DIR / "nodes.geojson").is_file()


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """Directory of the small valid network under ``tests/data/mini`` (do not write to it)."""
    return MINI_DIR


@pytest.fixture(scope="module")
def mini_network() -> Network:
    """The small valid network, loaded and validated."""
    return load_network(MINI_DIR)


@pytest.fixture(scope="module")
def real_network() -> Network:
    """The shipped network in ``geodata/``, loaded and validated."""
    if REAL_DATA_MISSING:
        pytest.fail(
            f"shipped data missing: no {DEFAULT_DATA_DIR / 'nodes.geojson'} (run `make network`)"
        )
    return load_network()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Callable[..., Path]:
    """Return a factory: a writable copy of the mini network, with layers swapped in.

    ``mini_copy("nodes--duplicate_id.geojson")`` copies ``tests/data/mini`` to a temporary
    directory and replaces ``nodes.geojson`` with ``tests/data/broken/nodes--duplicate_id.geojson``
    (the layer is named by the part before ``--``).
    """

    def make(*broken: str) -> Path:
        target = tmp_path / "network"
        if not target.exists():
            shutil.copytree(MINI_DIR, target)
        for name in broken:
            layer, rest = name.split("--", 1)
            ext = rest.rsplit(".", 1)[1]
            shutil.copyfile(BROKEN_DIR / name, target / f"{layer}.{ext}")
        return target

    return make
