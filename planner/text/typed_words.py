"""What people type for a column or a value: the planner's own words in either language and
the common synonyms a clerk uses, read back to the planner's ids.

A table the app or the CLI wrote in Chinese (the catalogue's ``header.*`` as its headers, the
cargo table's Chinese names, the catalogue's ``priority.*``) is read again as the ids it came
from; so are the words of ``typed_words.csv`` beside this module (a clerk's words for the place
of departure, the port of destination, the weight, fresh goods, electronics...).
Words are compared without case, spaces, underscores or the difference between full-width and
half-width brackets. A word names one id or none: two ids for one word is a data error.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from planner.text.words import LANGS, section

__all__ = ["TYPED_WORDS_FILE", "column_id", "known_words", "value_id"]

TYPED_WORDS_FILE = Path(__file__).with_name("typed_words.csv")
#: The fields whose values are words (a column's name is the field ``column``).
_SECTIONS = {"column": "header", "priority": "priority"}
_WIDTH = str.maketrans("（）：", "():")


def _key(text: str) -> str:
    """A word as compared: lower case, full-width brackets made half-width, no spaces or
    underscores (``"Weight (t)"``, ``"weight_t"`` keep their letters only)."""
    folded = str(text).replace("\ufeff", "").translate(_WIDTH).lower()
    return "".join(ch for ch in folded if not ch.isspace() and ch != "_")


@cache
def known_words() -> Mapping[str, Mapping[str, str]]:
    """``field -> {compared word: id}`` from the catalogue (both languages) and the table."""
    found: dict[str, dict[str, str]] = {}
    with TYPED_WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [(r["field"], r["id"], r["word"]) for r in csv.DictReader(handle)]
    ids = {(field, ident) for field, ident, _ in rows}
    for field, name in _SECTIONS.items():  # the catalogue's words of the ids the table names
        for lang in LANGS:
            words = section(name, lang).items()
            rows += [(field, k, w) for k, w in words if (field, k) in ids or field != "column"]
            rows += [(field, k, k) for k, _ in words if (field, k) in ids or field != "column"]
    for field, ident, word in rows:
        words = found.setdefault(field, {})
        key = _key(word)
        if words.setdefault(key, ident) != ident:
            raise ValueError(f"{TYPED_WORDS_FILE.name}: {word!r} names {words[key]} and {ident}")
    return found


def column_id(header: str, known: Iterable[str]) -> str | None:
    """The id of ``known`` a header names (``"Weight (t)"`` -> ``weight_t``), else ``None``."""
    ident = known_words()["column"].get(_key(header))
    return ident if ident in set(known) else None


def value_id(field: str, text: object, extra: Mapping[str, str] | None = None) -> str | None:
    """The id a value's word names in ``field`` (``cargo``: ``"reefer"`` -> ``perishable``),
    looking in ``extra`` (``{word: id}``, e.g. a cargo table's names) first; else ``None``."""
    if not isinstance(text, str):
        return None
    key = _key(text)
    for word, ident in (extra or {}).items():
        if _key(word) == key:
            return ident
    return known_words().get(field, {}).get(key)
