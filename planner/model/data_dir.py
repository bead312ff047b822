"""Which data directory a table is read from: the one asked for where it holds the table, else
the shipped ``geodata/`` (a test network need not carry every table)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

__all__ = ["SHIPPED_DATA_DIR", "folder_holding", "kept_loader", "read_text_table"]

T = TypeVar("T")

SHIPPED_DATA_DIR = Path(__file__).resolve().parents[2] / "geodata"


def folder_holding(data_dir: str | Path | None, name: str) -> str:
    """The resolved directory to read ``name`` from (a string: a cache key by value)."""
    folder = Path(data_dir) if data_dir is not None else SHIPPED_DATA_DIR
    if not (folder / name).is_file():
        folder = SHIPPED_DATA_DIR
    return str(folder.resolve())


def kept_loader(name: str, parse: Callable[[str], T]) -> Callable[[str | Path | None], T]:
    """A loader of the table ``name``: ``parse`` of the folder holding it (:func:`folder_holding`),
    kept per folder (a few)."""
    kept = functools.lru_cache(maxsize=8)(parse)

    def load(data_dir: str | Path | None = None) -> T:
        return kept(folder_holding(data_dir, name))

    load.__doc__ = parse.__doc__
    return load


def read_text_table(folder: str, name: str) -> pd.DataFrame:
    """A CSV table of ``folder`` as text cells (UTF-8; an empty cell is ``""``, never NaN)."""
    return pd.read_csv(Path(folder) / name, dtype=str, keep_default_na=False, encoding="utf-8")
