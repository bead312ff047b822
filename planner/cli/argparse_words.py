"""The command line's help and argparse's own words in the reader's language.

The help of every command and option is the catalogue's ``[cli_help]`` section
(:func:`help_words`). argparse writes its own words too (``usage:``, the section titles, ``-h``'s
help, its usage errors such as "the following arguments are required"): it looks each up through
gettext when it writes it, by its English text. The catalogue's ``[argparse]`` section holds those
English texts in ``en.toml`` and their Chinese in ``zh.toml`` under the same keys; argparse's
lookups are sent here (:data:`_LANG`, set by :func:`in_lang` around building and parsing), which
answers in the language of the command line being read. argparse's messages for a programming
error (a conflicting option) are not in the catalogue: they stay English.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from planner.text.words import catalogue, section, words

__all__ = ["WideHelpFormatter", "current_lang", "help_words", "in_lang", "lang_in_argv"]

#: The language of the command line being built or read (a context variable: the HTTP API reads
#: requests in threads, each in its own language).
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("cli_lang", default="en")


@contextlib.contextmanager
def in_lang(lang: str) -> Iterator[None]:
    """Build, parse and write help in ``lang`` inside the block."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def current_lang() -> str:
    """The language of the command line being built or read."""
    return _LANG.get()


def help_words(key: str, **params: Any) -> str:
    """The help text ``cli_help.<key>`` in the language of the command line."""
    return words(f"cli_help.{key}", _LANG.get(), **params)


def lang_in_argv(argv: Sequence[str]) -> str | None:
    """The ``--lang`` a command line names (``--lang zh`` or ``--lang=zh``), before it is parsed:
    its help and usage errors are written in it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


@cache
def _keys() -> dict[str, str]:
    """argparse's English text -> its key in the ``[argparse]`` section."""
    return {text: key for key, text in section("argparse", "en").items()}


def _translated(text: str | None) -> str | None:
    lang = _LANG.get()
    key = _keys().get(text) if text is not None and lang != "en" else None
    return text if key is None else catalogue(lang)[f"argparse.{key}"]


def _n_translated(singular: str, plural: str, n: int) -> str | None:
    return _translated(singular if n == 1 else plural)


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help, its Chinese lines wrapped by the columns a terminal gives them (two per
    character; argparse counts one) and between any two characters (Chinese has no spaces)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _WIDE.search(text):
            return super()._split_lines(text, width)
        return _wrapped(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _WIDE.search(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in _wrapped(" ".join(text.split()), width))


#: A character a terminal shows two columns wide (CJK, full-width punctuation).
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
#: What a line may break before: a wide character, a run of other characters, or spaces.
_TOKEN = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+"
)


#: Punctuation a Chinese line does not begin with: it stays at the end of the line before.
_NO_LINE_START = frozenset("，。、；：）」』》！？")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a longer token alone on its line)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(text):
        if token.isspace():
            line, used = (line + " ", used + 1) if line else (line, used)
            continue
        size = _columns(token)
        if line and used + size > width and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


# argparse calls these module globals (gettext's) when it writes a word: they are its only hook
argparse._ = _translated  # type: ignore[attr-defined]
argparse.ngettext = _n_translated  # type: ignore[attr-defined]
