"""Reading a layer file: its JSON text to data, every way it fails a problem message.

A file that is missing, unreadable, not UTF-8, not JSON, nested too deeply to read or to walk
(a geometry is five levels deep; 100,000 nested brackets end Python's JSON reader in a
``RecursionError``), JSON ``null`` where a layer's object should be, or with ``NaN`` or
``Infinity`` (not JSON, though Python writes and reads them) gives ``None`` and the problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["MAX_DIGITS", "MAX_JSON_DEPTH", "read_json"]

#: Deepest nesting of arrays and objects a layer may have (a MultiLineString's coordinates in
#: a feature of a collection are six levels deep).
MAX_JSON_DEPTH = 32


def read_json(path: str | Path) -> tuple[Any, list[str]]:
    """Read a JSON file, turning every failure into a problem message.

    Parameters
    ----------
    path
        The file to read.

    Returns
    -------
    tuple
        ``(data, problems)``: ``data`` is ``None`` when the file is missing, unreadable, not
        valid JSON, nested deeper than :data:`MAX_JSON_DEPTH` or JSON ``null``; ``problems``
        then names the file and, for bad JSON, the line, column and reason of the error.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate a byte-order mark
    except FileNotFoundError:
        return None, [f"{path.name}: file not found at {path}"]
    except IsADirectoryError:
        return None, [f"{path.name}: is a directory, not a file ({path})"]
    except UnicodeDecodeError as exc:
        return None, [f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"]
    except OSError as exc:
        return None, [f"{path.name}: cannot read {path}: {exc.strerror or exc}"]
    try:
        data = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_int, parse_float=_float
        )
    except json.JSONDecodeError as exc:
        return None, [
            f"{path.name}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ]
    except _NotJson as exc:
        return None, [f"{path.name}: not valid JSON: {exc} is not a JSON number"]
    except _TooBig as exc:
        return None, [f"{path.name}: {exc}"]
    except ValueError as exc:  # whatever else the reader refuses, named with the file
        return None, [f"{path.name}: not valid JSON: {str(exc)[:200]}"]
    except RecursionError:
        return None, [f"{path.name}: {_TOO_DEEP}"]
    if data is None:
        return None, [f"{path.name}: is JSON null, not a JSON object"]
    if _deeper_than(data, MAX_JSON_DEPTH):
        return None, [f"{path.name}: {_TOO_DEEP}"]
    return data, []


_TOO_DEEP = f"nested more than {MAX_JSON_DEPTH} levels deep (a layer needs at most 6)"


class _NotJson(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


class _TooBig(ValueError):
    pass


#: Digits a number of a layer has at most (a figure, a distance: a count of people at most).
MAX_DIGITS = 18


def _int(text: str) -> int:
    """A JSON integer; one of thousands of digits (Python refuses past 4,300) is a problem."""
    if len(text) > MAX_DIGITS + 1:
        digits = len(text.lstrip("-"))
        raise _TooBig(f"a number of {digits:,} digits ({text[:12]}…) is not a figure")
    return int(text)


def _float(text: str) -> float:
    """A JSON number with a fraction or exponent; one past a float's range is a problem."""
    value = float(text)
    if value in (float("inf"), float("-inf")):
        shown = text if len(text) <= 24 else text[:12] + "…"
        raise _TooBig(f"the number {shown} is beyond a float's range")
    return value


def _deeper_than(data: Any, levels: int) -> bool:
    """Whether arrays and objects nest in ``data`` more than ``levels`` deep (walked without
    recursion, stopping at the first that does; a list of scalars, such as a position, is
    not walked item by item)."""
    stack = [(data, 1)] if type(data) in _CONTAINERS else []
    while stack:
        value, level = stack.pop()
        if level > levels:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, level + 1) for child in children if type(child) in _CONTAINERS)
    return False


_CONTAINERS = (dict, list)  # what json.loads makes of objects and arrays
