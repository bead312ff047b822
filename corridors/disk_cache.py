"""The checked, assembled network kept on disk between runs of the command line.

Reading, checking and assembling the layers costs about 0.07 s of CPU, 6-8 % of a whole command
(measured 2026-12, medians of 15 whole-process runs: ``route`` 1.04 s of CPU with a copy, 1.11 s
without; ``corridors`` 1.24 s and 1.30 s); the assembled network unpickles in a few milliseconds.
So a copy is kept in the user's cache directory (``$SHANXI_CORRIDORS_CACHE``, else
``$XDG_CACHE_HOME/shanxi-corridors``, else ``~/.cache/shanxi-corridors``), named by a digest of
everything it was made from: the data directory, the path, time and size of every layer file,
the source files of this package and the versions of Python, pandas and geopandas. An edited
layer or a changed loader is never read from an old copy. Only a network that passed its
checks is kept, and a cache that cannot be read or written is passed over: the layers are then
read as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd

__all__ = ["CACHE_ENV", "cache_dir", "file_states", "kept"]

logger = logging.getLogger(__name__)

#: The variable naming the cache directory (empty: no cache).
CACHE_ENV = "SHANXI_CORRIDORS_CACHE"
_PACKAGE = Path(__file__).resolve().parent
#: Copies kept (several data directories are in use at once: the shipped one, a test's).
KEPT_COPIES = 8

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where the copies are kept (``None``: ``$SHANXI_CORRIDORS_CACHE`` is set empty)."""
    named = os.environ.get(CACHE_ENV)
    if named is not None:
        return Path(named) if named else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "shanxi-corridors"


def kept(key: tuple, make: Callable[[], T]) -> T:
    """The object made by ``make()`` from what ``key`` names, read from its copy on disk when
    there is one, else made and kept (``make`` raising keeps nothing)."""
    directory = cache_dir()
    if directory is None:
        return make()
    path = directory / f"network-{_digest(key)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a copy cut short or from elsewhere: made again, and replaced
        logger.info("network cache %s not read (%s)", path, exc)
    made = make()
    temporary = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # whole or not at all, even with two runs at once
        _forget_old(directory)
    except Exception as exc:  # a read-only home, a full disk: the next run reads the layers
        logger.info("network cache %s not written (%s)", path, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return made


def _forget_old(directory: Path) -> None:
    """Keep the :data:`KEPT_COPIES` newest copies: every edit of a layer or of the code makes a
    new one, and the old ones would pile up."""
    copies = sorted(directory.glob("network-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in copies[:-KEPT_COPIES]:
        old.unlink(missing_ok=True)


def file_states(paths: Iterable[Path]) -> tuple:
    """The path, time and size of each file of ``paths`` (sorted): what a copy made from those
    files is named by, so that an edited one makes it again."""
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted(paths)
        if path.is_file()
        for stat in (path.stat(),)
    )


def _digest(key: tuple) -> str:
    code = file_states(_PACKAGE.glob("*.py"))
    versions = (sys.version, pd.__version__, gpd.__version__, pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(repr((key, code, versions)).encode()).hexdigest()[:32]
