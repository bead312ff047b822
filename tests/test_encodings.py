"""planner.encodings: what a file's bytes hold; GBK names that happen to be valid UTF-8."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from corridors.gazetteer import read_gazetteer
from planner.io.encodings import read_head, sniff

HEADER = "shipment_id,origin,destination\n"


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        # the case: these GBK bytes are valid UTF-8 too
        (HEADER + "S1,太原,Moscow\n", "gbk", "GB18030"),
        (HEADER + "S1,Taiyuan,纽约\n", "gbk", "GB18030"),
        (HEADER + "S1,运城,莫斯科\nS2,大同,鹿特丹\n", "gbk", "GB18030"),
        (HEADER + "S1,太原,Moscow\n", "utf-8", "UTF-8"),
        (HEADER + "S1,Taiyuan,Москва\n", "utf-8", "UTF-8"),
        (HEADER + "S1,Lüliang,Düsseldorf\n", "utf-8", "UTF-8"),
        (HEADER + "S1,Lu\u0308liang,Zamyn-Üüd\n", "utf-8", "UTF-8"),  # decomposed ü
        (HEADER + "S1,Taiyuan,Moscow\n", "ascii", "UTF-8"),
        (HEADER + "S1,太原,Moscow\n", "utf-8-sig", "UTF-8"),
        (HEADER + "S1,太原,Moscow\n", "utf-16", "UTF-16LE"),
        (HEADER + "S1,太原,Moscow\n", "utf-16-le", "UTF-16LE"),  # no byte-order mark
        (HEADER + "S1,太原,Moscow\n", "utf-16-be", "UTF-16BE"),
    ],
)
def test_text_is_read_in_its_encoding(text: str, codec: str, label: str) -> None:
    data = text.encode(codec)
    found = sniff(data, complete=True)
    assert (found.kind, found.label) == ("text", label)
    assert codecs.decode(data, found.encoding).removeprefix("\ufeff") == text


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "png"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "xls"),
        (_zip("xl/workbook.xml"), "xlsx"),
        (_zip("word/document.xml"), "zip"),
        (bytes(range(256)) * 4, "binary"),
        # neither UTF-8 nor plausible GB18030: Windows-1252 (Düsseldorf, Köln)
        (b"shipment_id,origin\nS1,D\xfcsseldorf,K\xf6ln\n", "unknown"),
    ],
)
def test_what_is_not_text_is_named(data: bytes, kind: str) -> None:
    assert sniff(data, complete=True).kind == kind


def test_the_first_non_ascii_block_decides() -> None:
    """A file whose first block is ASCII is decided by the first block that is not."""
    ascii_part = (HEADER + "S0,Taiyuan,Moscow\n" * 40).encode()
    data = ascii_part + "S1,太原,Moscow\n".encode("gbk")
    head, sample, complete = read_head(io.BytesIO(data), block_bytes=64)
    assert head == data[:64] and not sample.isascii()
    assert sniff(head, sample=sample, complete=complete).label == "GB18030"


@pytest.mark.slow
def test_gazetteer_names_are_read_in_their_encoding() -> None:
    """Every name of the gazetteer (128,000 names, aliases, scripts) written in UTF-8 is read
    as UTF-8; of the Chinese names whose GBK bytes are also valid UTF-8 (72 of 12,362), at
    least nine in ten alone in a file are read as GB18030 (the others are unlucky pairs such
    as 小野, whose GBK bytes spell two Cyrillic capitals)."""
    frame = read_gazetteer()
    names = set(frame["name_en"]) | set(frame["name_zh"]) | set(frame["name_zh_hant"])
    for aliases in frame["aliases"]:
        names.update(aliases.split("|"))
    names.discard("")
    misread_utf8 = [
        n for n in names if sniff(f"S1,{n},x\n".encode(), complete=True).encoding != "utf-8"
    ]
    assert misread_utf8 == []
    ambiguous = misread = 0
    for name in set(frame["name_zh"]) - {""}:
        try:
            data = f"S1,{name},x\n".encode("gbk")
            data.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        ambiguous += 1
        misread += sniff(data, complete=True).encoding != "gb18030"
    assert ambiguous >= 50 and misread <= ambiguous // 10, (ambiguous, misread)
