"""What a file's bytes hold: text in UTF-8, GB18030, Big5 or UTF-16, an Excel workbook, or neither.

Chinese Excel and WPS save CSV in GBK (read here as GB18030, its superset), and the GBK bytes
of some Chinese names are also valid UTF-8 (``太原`` is ``CC AB D4 AD``, which UTF-8 reads as a
combining mark and an old Cyrillic letter). So a strict UTF-8 decode is not proof of UTF-8:
:func:`sniff` reads the non-ASCII part of the file both ways and keeps the reading whose
characters look like text — UTF-8 unless GB18030 gives more plausible characters (common Chinese
characters against combining marks after punctuation, control characters, scripts mixed within
a word or rarely used blocks). A byte-order mark decides at once; UTF-16 without one is known
by its pattern of zero bytes.

``charset-normalizer`` (installed with requests) guesses UTF-8 for the GBK bytes of ``太原``
and ``纽约`` in a short file, the very case this module exists for, so it is not used.

Examples
--------
>>> sniff("S1,太原,Moscow\\n".encode("gbk")).encoding
'gb18030'
>>> sniff("S1,太原,Moscow\\n".encode("utf-8")).label
'UTF-8'
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from typing import IO

__all__ = ["NON_TEXT_KINDS", "Sniffed", "looks_binary", "read_head", "sniff"]

#: What a file that is not text is, by the bytes it starts with (the first match wins).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),  # OLE2: Excel 97-2003, or another Office file
    (b"PK\x03\x04", "zip"),
)
#: Kinds :func:`sniff` gives for a file that is not text (``xlsx`` is read as a table).
NON_TEXT_KINDS = ("png", "jpeg", "gif", "pdf", "gzip", "xls", "encrypted", "zip", "ods", "binary")
#: An OpenDocument spreadsheet: a zip whose first member, ``mimetype``, says so.
_ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
#: A password-protected .xlsx is an OLE2 file holding this stream (its name in UTF-16LE).
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
#: A zip archive is an Excel workbook when one of its members is in this folder (a workbook's
#: first members are; a reader then finds out whether it is whole).
_XLSX_FOLDER = b"xl/"
#: Bytes looked at for the zero-byte pattern of UTF-16 and for binary content.
_PATTERN_BYTES = 4096
#: Share of the two-byte units with a zero high byte above which text is UTF-16 (ASCII-heavy
#: text in UTF-16 has one in nearly every unit; UTF-8 and GB18030 text has none).
_UTF16_ZERO_SHARE = 0.3
#: A file is binary when more than one byte in this many of its head is a control character.
_CONTROL_SHARE = 100
#: Control characters a text may hold by mistake (each its row's error), in a short file too.
_STRAY_CONTROLS = 3
#: The bytes that are not control characters (tab, line breaks and form feed are text).
_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 and b != 0x7F or b in b"\t\n\r\f")
#: Characters of a UTF-16 text's first line looked at for its ASCII header.
_HEADER_CHARS = 200
#: Below this share of plausible characters, a GB18030 reading is not taken either.
_MIN_GB18030_PLAUSIBLE = 0.5

#: Blocks of characters that text in a shipments table plausibly holds, with their script
#: (``""``: punctuation, symbols or digits of no script).
_BLOCKS = (
    (0x00A0, 0x00BF, ""),
    (0x00C0, 0x01B8, "latin"),  # Latin-1 letters, Latin Extended-A, -B (ơ ư Ɗ ƙ Ƶ)
    (0x01CD, 0x024F, "latin"),  # Latin Extended-B: pinyin ǎ ǐ ǒ ǔ ǖ, Romanian ș ț
    (0x02B9, 0x02BC, ""),  # modifier primes and apostrophes (Hawaiian ʻokina)
    (0x0384, 0x03CE, "greek"),
    (0x0400, 0x045F, "cyrillic"),
    (0x0490, 0x04FF, "cyrillic"),  # letters of Ukrainian, Kazakh, Mongolian...
    (0x05D0, 0x05EA, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1E00, 0x1EFF, "latin"),  # Vietnamese
    (0x2000, 0x206F, ""),
    (0x20A0, 0x20CF, ""),
    (0x2100, 0x218F, ""),
    (0x3000, 0x303F, ""),
    (0x3040, 0x30FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "han"),
    (0xFF00, 0xFFEF, ""),
)
#: IPA letters that orthographies use (Azerbaijani ə, Berber ɣ, Ewe ɔ ɛ ŋ, Hausa ɓ ɗ...).
_IPA_LETTERS = frozenset("ɐɑɓɔɖɗəɛɣɨɩɲɵʃʊʋʒʔ")
#: Combining marks that decomposed (NFD) text uses: accents above; dot, cedilla, ogonek and
#: macron below.
_COMBINING = ((0x0300, 0x0311), (0x0323, 0x0328), (0x0331, 0x0331))


@dataclass(frozen=True)
class Sniffed:
    """What :func:`sniff` found.

    Attributes
    ----------
    kind
        ``"text"``, ``"xlsx"``, or one of :data:`NON_TEXT_KINDS`; ``"unknown"`` for bytes
        that are text in none of the encodings read.
    encoding
        The Python codec that reads the text (``None`` unless ``kind`` is ``"text"``).
    label
        The encoding as a person names it (``"UTF-8"``, ``"GB18030"``, ``"UTF-16LE"``...).
    """

    kind: str
    encoding: str | None = None
    label: str = ""


def sniff(head: bytes, *, sample: bytes | None = None, complete: bool = False) -> Sniffed:
    """What the bytes of a file hold.

    Parameters
    ----------
    head
        The file's first bytes (a block of them: a mark, a signature, a pattern of zero bytes).
    sample
        Bytes of the file that hold non-ASCII text, if ``head`` holds none (see
        :func:`read_head`); by default ``head``.
    complete
        The sample ends where the file does (a character cut at its end is then an error, not
        the edge of a sample).

    Returns
    -------
    Sniffed
        The kind and, for text, the encoding.
    """
    for bom, codec, label in (
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16LE"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16BE"),
    ):
        if head.startswith(bom):
            return Sniffed("text", codec, label)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            if kind == "zip" and _XLSX_FOLDER in head:
                return Sniffed("xlsx", None, "Excel")
            if kind == "zip" and head[30:].startswith(_ODS_MIMETYPE):
                return Sniffed("ods")
            if kind == "xls" and _ENCRYPTED in head:
                return Sniffed("encrypted")
            return Sniffed(kind)
    utf16 = _utf16_order(head[:_PATTERN_BYTES])
    if utf16 is not None:
        return Sniffed("text", f"utf-16-{utf16}", f"UTF-16{utf16.upper()}")
    if looks_binary(head):
        return Sniffed("binary")  # a stray NUL is its row's error, not the file's
    return _utf8_or_gb18030(head if sample is None else sample, complete)


def looks_binary(head: bytes) -> bool:
    """More than a trace of control characters in a file's head: binary, not a table."""
    controls = len(head.translate(None, _TEXT_BYTES))
    return controls > max(len(head) // _CONTROL_SHARE, _STRAY_CONTROLS)


def read_head(handle: IO[bytes], block_bytes: int = 1 << 20) -> tuple[bytes, bytes, bool]:
    """Read what :func:`sniff` needs from an open binary file (left at an unknown position).

    Returns
    -------
    head, sample, complete
        The first block; the first block that holds a non-ASCII byte (the head itself when
        it does, or the last block read); and whether the whole file was read by then.
    """
    head = sample = handle.read(block_bytes)
    while sample.isascii() and len(sample) == block_bytes:
        following = handle.read(block_bytes)
        if not following:
            return head, sample, True
        sample = following
    return head, sample, len(sample) < block_bytes


def _utf16_order(head: bytes) -> str | None:
    """``"le"`` or ``"be"`` when the bytes read as UTF-16 text, else ``None``.

    UTF-16 text has zero bytes: in nearly every unit when it is mostly ASCII; else at least in
    its first line, a header of ASCII column names. Either way it reads without a NUL character
    and without a broken surrogate pair.
    """
    units = len(head) // 2
    if units < 2 or 0 not in head:
        return None
    zero_even = head[0 : units * 2 : 2].count(0)
    zero_odd = head[1 : units * 2 : 2].count(0)
    for zeros, others, order in ((zero_odd, zero_even, "le"), (zero_even, zero_odd, "be")):
        text = _decoded(head[: units * 2], f"utf-16-{order}", False)
        if text is None or "\x00" in text:
            continue
        first_line = text.split("\n", 1)[0][:_HEADER_CHARS]
        ascii_header = sum(c.isascii() for c in first_line) >= 0.5 * len(first_line)
        if (zeros >= _UTF16_ZERO_SHARE * units and others <= zeros // 20) or ascii_header:
            return order
    return None


def _decoded(head: bytes, codec: str, complete: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)().decode(head, final=complete)
    except UnicodeDecodeError:
        return None


def _utf8_or_gb18030(head: bytes, complete: bool) -> Sniffed:
    utf8 = _decoded(head, "utf-8", complete)
    if utf8 is not None and utf8.isascii():
        return Sniffed("text", "utf-8", "UTF-8")
    gb = _decoded(head, "gb18030", complete)
    gb_score = _gb18030_plausible(gb) if gb is not None else -1.0
    chinese = Sniffed("text", "gb18030", "GB18030")
    big5 = _decoded(head, "cp950", complete)
    if big5 is not None and (gb is None or _common(big5, _BIG5) > _common(gb, _GB2312)):
        chinese, gb_score = Sniffed("text", "cp950", "Big5"), _common(big5, _BIG5)
    if gb_score >= _MIN_GB18030_PLAUSIBLE and (utf8 is None or gb_score > _utf8_plausible(utf8)):
        return chinese
    if utf8 is not None:  # valid UTF-8 that GB18030 or Big5 does not read better
        return Sniffed("text", "utf-8", "UTF-8")
    return Sniffed("unknown")


#: The common Chinese characters of each double-byte code, by their first byte: GB2312's
#: 6,763 (simplified) and Big5's 5,401 of level 1 (traditional, the frequent ones).
_GB2312 = ("gb2312", range(0xB0, 0xF8))
_BIG5 = ("cp950", range(0xA4, 0xC7))
#: Chinese punctuation and full-width forms, common in both.
_CHINESE_PUNCTUATION = ((0x3000, 0x303F), (0xFF00, 0xFFEF))


def _common(text: str, code: tuple[str, range]) -> float:
    """Share of the non-ASCII characters of ``text`` that are common Chinese characters of
    ``code`` (or Chinese punctuation): Big5 read as GB18030 gives pinyin letters and box
    drawings (貝拉里 as ī┰ń), GBK read as Big5 rare characters, so the right reading scores
    higher."""
    codec, leads = code
    good = total = 0
    for char in text:
        if char.isascii():
            continue
        total += 1
        point = ord(char)
        if any(start <= point <= end for start, end in _CHINESE_PUNCTUATION):
            good += 1
            continue
        try:
            encoded = char.encode(codec)
        except UnicodeEncodeError:
            continue
        good += len(encoded) == 2 and encoded[0] in leads
    return good / total if total else 1.0


def _block(char: str) -> str | None:
    """The script of a character of a plausible block (``""``: no script), else ``None``."""
    code = ord(char)
    for start, end, script in _BLOCKS:
        if start <= code <= end:
            return script
    if char in _IPA_LETTERS:
        return "latin"
    if code >= 0x20000 and unicodedata.category(char).startswith("L"):
        return "han"  # the supplementary ideographs
    return None


def _utf8_plausible(text: str) -> float:
    """Share of the non-ASCII characters that read as text: in a plausible block, a combining
    mark only after a letter, a letter of the same script as the letter before it."""
    good = total = 0
    previous = " "
    previous_script = ""
    for char in text:
        if char.isascii():
            previous, previous_script = char, ("latin" if char.isalpha() else "")
            continue
        total += 1
        category = unicodedata.category(char)
        if category.startswith("M"):
            ok = any(start <= ord(char) <= end for start, end in _COMBINING) and (
                previous.isalpha() or unicodedata.category(previous).startswith("M")
            )
            script = previous_script
        else:
            script = _block(char)
            ok = script is not None and category not in ("Cc", "Co", "Cn")
            if ok and script and previous_script and char.isalpha() and previous.isalpha():
                ok = script == previous_script or {script, previous_script} <= {"han", "kana"}
            elif char in "¡¿":  # they open a sentence: never right after a letter
                ok = not previous.isalpha()
        good += ok
        previous, previous_script = char, (script or "")
    return good / total if total else 1.0


def _gb18030_plausible(text: str) -> float:
    """Share of the non-ASCII characters that are common: in GB2312 (the 6,763 characters and
    the punctuation that nearly all Chinese text is written with)."""
    good = total = 0
    for char in text:
        if char.isascii():
            continue
        total += 1
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        good += 1
    return good / total if total else 1.0
