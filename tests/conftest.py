"""Shared fixtures: the small valid test network and the real shipped network."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from corridors import DEFAULT_DATA_DIR, Network, load_network

DATA = Path(__file__).resolve().parent / "data"
MINI_DIR = DATA / "mini"
PLANNER_DIR = DATA / "planner"
#: The loggers that report a missing key or message code.
_WORDS_LOGGERS = ("planner.text.words", "planner.text.messages")
REAL_DATA_MISSING = not (DEFAULT_DATA_DIR / "nodes.geojson").is_file()


@pytest.fixture(scope="session", autouse=True)
def network_cache(tmp_path_factory) -> Path:
    """The assembled networks' copies (corridors.disk_cache) in a directory of this session,
    for every test and every process they start: not in the user's cache."""
    import os

    from corridors.disk_cache import CACHE_ENV

    directory = tmp_path_factory.mktemp("network-cache")
    os.environ[CACHE_ENV] = str(directory)
    return directory


@pytest.fixture(autouse=True)
def no_missing_words(caplog):
    """Every test fails on a key missing from the catalogue of words or a message code without
    words (at run time the key is shown and an error logged; see :mod:`planner.text.words`)."""
    yield  # an error reaches caplog as it is (its handler's level is not raised: a test that
    # reads warnings from caplog still sees them)
    records = caplog.get_records("setup") + caplog.get_records("call")
    missing = [r.getMessage() for r in records if r.name in _WORDS_LOGGERS]
    assert missing == [], missing


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """Directory of the small valid network under ``tests/data/mini`` (do not write to it)."""
    return MINI_DIR


@pytest.fixture(scope="session")
def mini_network() -> Network:
    """The small valid network, loaded and validated (the CLI, batch and app tests use it)."""
    return load_network(MINI_DIR)


@pytest.fixture(scope="session")
def planner_network() -> Network:
    """The hand-checkable network of the planner's tests (``tests/data/planner``): two land
    crossings, a rail–sea corridor, air, a far port; small enough to brute-force."""
    return load_network(PLANNER_DIR)


@pytest.fixture(scope="session")
def real_network() -> Network:
    """The shipped network in ``geodata/``, loaded and validated."""
    if REAL_DATA_MISSING:
        pytest.fail(
            f"shipped data missing: no {DEFAULT_DATA_DIR / 'nodes.geojson'} (run `make network`)"
        )
    return load_network()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Callable[[], Path]:
    """Return a factory: a writable copy of the mini network in a temporary directory.

    The first call copies ``tests/data/mini``; later calls in the same test return that copy.
    ``tests/test_validate.py`` breaks its layers there from a table of mutations.
    """

    def make() -> Path:
        target = tmp_path / "network"
        if not target.exists():
            shutil.copytree(MINI_DIR, target)
        return target

    return make


# --- the app (tests/test_app*.py) ---------------------------------------------------------


@pytest.fixture
def mini_env(monkeypatch):
    """The app reads the small test network."""
    from ui.data import DATA_DIR_ENV

    monkeypatch.setenv(DATA_DIR_ENV, str(MINI_DIR))


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file handed to a download button, by its file name."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return files
