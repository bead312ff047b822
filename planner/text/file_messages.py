"""The writers of what the planner says about files and rows (batch input, the command line's
output) that need more than a template: :mod:`planner.text.messages` renders these codes with
them, in the words of the catalogue (``msg.*``, ``not_table.*``, ``os_reason.*``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.text.words import MAX_ECHO_CHARS, catalogue, echo, join, words

__all__ = ["MAX_ECHO_CHARS", "MAX_ECHO_ITEMS", "header_lacks", "not_table", "os_reason", "summary"]

#: Names of a header echoed in a message at most (a longer list ends in "…").
MAX_ECHO_ITEMS = 10


def os_reason(p: Mapping[str, Any], lang: str) -> str:
    """Why the system refused: in English as the system says it (``reason``), in Chinese the
    catalogue's words for its ``errno`` (the system's own where the catalogue has none)."""
    if lang == "zh":
        return catalogue(lang).get(f"os_reason.{p.get('errno')}", str(p["reason"]))
    return str(p["reason"])


def not_table(p: Mapping[str, Any], lang: str) -> str:
    """What a file that is not a table is, by the ``kind`` :mod:`planner.io.encodings` finds."""
    return catalogue(lang).get(f"not_table.{p['kind']}", str(p["kind"]))


def _echo_list(values: tuple[Any, ...], lang: str) -> str:
    shown = join((echo(v) for v in values[:MAX_ECHO_ITEMS]), lang)
    return shown + (words("sep.list", lang) + "…" if len(values) > MAX_ECHO_ITEMS else "")


def header_lacks(p: Mapping[str, Any], lang: str) -> str:
    """A header without a required column: which, what it has, what it needs."""
    return words(
        "msg.header_lacks",
        lang,
        missing=join(p["missing"], lang),
        found=_echo_list(p["found"], lang) or words("msg.header_lacks_nothing", lang),
        required=join(p["required"], lang),
    )


def summary(p: Mapping[str, Any], lang: str) -> str:
    """A batch's last line: rows planned, rows in error, the encoding it was read in."""
    rows, errors = p["rows"], p["errors"]
    text = words("msg.batch_summary", lang, planned=rows - errors, rows=rows, errors=errors)
    text += words("msg.batch_summary_see", lang) if errors else ""
    read = p.get("encoding") or ""
    return text + (words("msg.batch_summary_read", lang, encoding=read) if read else "")
