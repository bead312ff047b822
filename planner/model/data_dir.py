"""Which data directory a table is read from: the one asked for where it holds the table, else
the shipped ``geodata/`` (a test network need not carry every table)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SHIPPED_DATA_DIR", "folder_holding"]

SHIPPED_DATA_DIR = Path(__file__).resolve().parents[2] / "geodata"


def folder_holding(data_dir: str | Path | None, name: str) -> str:
    """The resolved directory to read ``name`` from (a string: a cache key by value)."""
    folder = Path(data_dir) if data_dir is not None else SHIPPED_DATA_DIR
    if not (folder / name).is_file():
        folder = SHIPPED_DATA_DIR
    return str(folder.resolve())
