"""planner.messages: every record the planner writes reads in English and in Chinese; the
English is the JSON contract's text (taken from real plans, so a new code without a Chinese
wording shows up here)."""

from __future__ import annotations

import re

import pytest

from planner import Shipment, plan
from planner.model.errors import InvalidQueryError, NoRouteError, UnknownPlaceError
from planner.model.message import Message, Name
from planner.text.messages import render

#: Latin words allowed on a Chinese line: codes and the parameter file's name.
_ALLOWED_LATIN = re.compile(r"geodata/parameters\.csv|\b[A-Z]{3}\b|CO2e")


def _english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", _ALLOWED_LATIN.sub("", text))


def _options(real_network):
    queries = [
        ("yuncheng", "rotterdam", Shipment("perishable", 18, 60)),  # long sea: too slow
        ("taiyuan", "jeddah", Shipment("general", 18, 60)),  # the Red Sea
        ("taiyuan", "tokyo", Shipment("dangerous", 10, 30)),  # no air, with the reason
        ("taiyuan", "frankfurt", Shipment("general", 120, 200)),  # air: several freighters
        ("taiyuan", "moscow", Shipment("general", 18, 60)),  # rail from a Shanxi terminal
    ]
    for origin, destination, shipment in queries:
        yield from plan(origin, destination, shipment, alternatives=8, network=real_network)


def test_every_note_and_title_of_real_plans_reads_in_both_languages(real_network) -> None:
    codes = set()
    for option in _options(real_network):
        assert option.label == render(option.title, "en")
        assert _english_words(render(option.title, "zh")) == [], render(option.title, "zh")
        for note, english in zip(option.notes, option.warnings, strict=True):
            codes.add(note.code)
            assert render(note, "en") == english
            zh = render(note, "zh")
            assert zh != english and _english_words(zh) == [], zh
    assert {
        "perishable_too_long",
        "red_sea",
        "mode_forbidden",
        "estimated_rates",
        "heavy_for_air",
    } <= codes


@pytest.mark.parametrize(
    "error",
    [
        UnknownPlaceError("Mosco", ["Moscow"]),
        InvalidQueryError("weight_t", "not_positive", value=-1.0),
        InvalidQueryError("priority", "unknown_choice", what="priority", value="x", choices=("a",)),
        NoRouteError(
            Message.of(
                "no_route",
                origin=Name("Taiyuan", "太原"),
                destination=Name("Chita", "赤塔"),
                avoiding=("erenhot",),
                cargo="dangerous",
                forbidden=("air",),
                cause="cargo",
            )
        ),
    ],
)
def test_errors_read_in_both_languages(error) -> None:
    assert str(error) == error.render("en")
    zh = error.render("zh")
    assert zh != str(error)
    assert re.search(r"[\u4e00-\u9fff]", zh), zh


def test_an_unknown_code_renders_without_failing_and_logs(caplog) -> None:
    assert render(Message.of("something_new", n=1), "zh") == "something_new {'n': 1}"
    assert "something_new" in caplog.text
    caplog.clear()  # logged on purpose: conftest.py fails a test on a missing key


def test_an_echoed_value_is_cut_at_80_characters() -> None:
    from planner.text.messages import MAX_ECHO_CHARS

    for lang in ("en", "zh"):
        text = UnknownPlaceError("x" * 100_000).render(lang)
        assert len(text) < 2 * MAX_ECHO_CHARS and "x" * (MAX_ECHO_CHARS - 3) + "…" in text


#: The messages of files and rows, and of the command line's own lines (issue 11).
_FILE_MESSAGES = [
    Message.of("in_row", row=4, reason=Message.of("row_width", fields=3, width=7)),
    Message.of("row_open_quote"),
    Message.of("cell_too_long", column="origin", chars=131_073, limit=32_767),
    Message.of("line_too_long", limit=131_072),
    Message.of("file_not_found", path="shipments.csv"),
    Message.of("file_is_directory", path="data"),
    Message.of("file_unreadable", path="s.csv", reason="Permission denied", errno=13),
    Message.of("file_empty", required=("shipment_id", "origin", "destination")),
    Message.of("file_not_table", kind="png"),
    Message.of("file_encoding_unknown"),
    Message.of("workbook_unreadable", reason="File is not a zip file"),
    Message.of("header_lacks", missing=("origin",), found=("id", "x" * 500), required=("origin",)),
    Message.of("header_twice", column="origin"),
    Message.of("batch_summary", rows=7, errors=5, encoding="GB18030"),
    Message.of("wrote", count=7, what="row(s)", path="routes.xlsx"),
    Message.of("cannot_write", path="out.csv", reason="No space left on device", errno=28),
    Message.of("option_whole", value="zero", minimum=1),
    Message.of("network_broken", count=3),
    Message.of("data_broken", reason="x"),
    Message.of("internal_error", kind="ZeroDivisionError", reason="oops"),
]
#: Latin words a Chinese file message may hold: file formats and the option of the CLI.
_FILE_WORDS = {"UTF", "GBK", "CSV", "PNG", "xlsx", "Excel", "verbose"}


def _given(value) -> str:
    """The text a message was given (what it may echo as it is: names, paths, an internal
    error's own words)."""
    if isinstance(value, tuple):
        return " ".join(_given(v) for v in value)
    if isinstance(value, Message):
        return " ".join(_given(v) for _, v in value.args)
    return (
        ""
        if isinstance(value, int | float)
        or value == "Permission denied"
        or (isinstance(value, str) and value.startswith("No space"))
        else str(value)
    )


@pytest.mark.parametrize("message", _FILE_MESSAGES, ids=lambda m: m.code)
def test_file_and_row_messages_read_in_both_languages(message) -> None:
    english, chinese = render(message, "en"), render(message, "zh")
    assert english != chinese and re.search(r"[\u4e00-\u9fff]", chinese), chinese
    given = _given(tuple(v for _, v in message.args))
    words = [w for w in _english_words(chinese) if w not in _FILE_WORDS and w not in given]
    assert words == [], chinese
    assert len(english) < 400 and len(chinese) < 400, "an echoed value is cut"
