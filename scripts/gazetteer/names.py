"""Which alternate names a row keeps as aliases (the rule that keeps the table small).

Latin-script alternates are kept when they read as a proper name: every letter is Latin,
the first is a capital, the string is not all capitals (GeoNames lists airport codes such as
``CMN`` among a city's names) and holds no digit.  GeoNames' machine transliterations from
other scripts are all lower case (``ka sa bu lan ka``, ``kasablanka``) and so are dropped.
A spelling is dropped when its folded letters are close to the name's or to a spelling
already kept (``difflib`` ratio ≥ 0.85: Kopenhaga, Kopenhage, Kopenhago after Kopenhagen),
since the planner's fuzzy match finds those anyway; København and Kobenhavn fold alike and
are kept once.  Chinese alternates are kept
as ``chinese.choose_chinese_name`` returns them (both scripts, Japanese-only forms dropped).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from chinese import ascii_fold

PUNCTUATION = set(" -'’.()")
SEPARATOR = "|"
NEAR_RATIO = 0.85  # folded spellings at least this similar count as one


def is_latin_name(text: str) -> bool:
    """True for a Latin-script proper name: ``Kasablanka`` yes; ``kasablanka``, ``CMN`` no."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not text[0].isalpha() or not text[0].isupper():
        return False
    if all(ch.isupper() for ch in letters) or any(ch.isdigit() for ch in text):
        return False
    return all(ch in PUNCTUATION or (ch.isalpha() and _is_latin(ch)) for ch in text)


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def latin_aliases(name_en: str, alternates: Iterable[str]) -> list[str]:
    """The Latin-script alternates worth keeping, in GeoNames' order, none near another."""
    seen = [ascii_fold(name_en)]
    kept: list[str] = []
    for alternate in alternates:
        text = " ".join(alternate.split())
        key = ascii_fold(text)
        if key and is_latin_name(text) and not any(_near(key, other) for other in seen):
            seen.append(key)
            kept.append(text)
    return kept


def _near(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= NEAR_RATIO


def join_aliases(*groups: Iterable[str], exclude: Iterable[str] = ()) -> str:
    """One cell: the aliases of every group, in order, without repeats or excluded names."""
    skip = {name for name in exclude if name}
    out: list[str] = []
    for group in groups:
        for name in group:
            clean = name.replace(SEPARATOR, " ").strip()
            if clean and clean not in skip and clean not in out:
                out.append(clean)
    return SEPARATOR.join(out)
