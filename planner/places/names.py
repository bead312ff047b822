"""How a typed name becomes a lookup key: lower case, no accents, no spaces or punctuation.

The place index and the world gazetteer read names the same way through these functions.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ALIAS_SEPARATOR", "LETTER_FOLDS", "U_UMLAUTS", "name_keys", "normalise_name"]

#: How the aliases and codes of a place are joined in one cell.
ALIAS_SEPARATOR = "; "

# Letters that NFKD does not decompose into a base letter plus combining marks.
LETTER_FOLDS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)
U_UMLAUTS = ("ü", "Ü", "ǖ", "ǘ", "ǚ", "ǜ", "Ǖ", "Ǘ", "Ǚ", "Ǜ")


def normalise_name(text: str) -> str:
    """Return the lookup key of a name: lower case, no accents, no spaces or punctuation.

    Parameters
    ----------
    text
        A place name, id or code as typed.

    Returns
    -------
    str
        The key; ``"Zamyn-Uud"`` and ``"zamyn uud"`` give ``"zamynuud"``, ``"Lüliang"`` gives
        ``"luliang"``. Chinese characters are kept as they are.
    """
    folded = unicodedata.normalize("NFKD", str(text).translate(LETTER_FOLDS))
    kept = (ch for ch in folded if not unicodedata.combining(ch) and ch.isalnum())
    return "".join(kept).casefold()


def name_keys(text: str) -> set[str]:
    """Every key under which ``text`` is indexed (``ü`` read both as ``u`` and as ``v``)."""
    keys = {normalise_name(text)}
    if any(u in text for u in U_UMLAUTS):
        as_v = text
        for u in U_UMLAUTS:
            as_v = as_v.replace(u, "v")
        keys.add(normalise_name(as_v))
    keys.discard("")
    return keys
