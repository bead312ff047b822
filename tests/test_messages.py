"""planner.messages: every record the planner writes reads in English and in Chinese; the
English is the JSON contract's text (taken from real plans, so a new code without a Chinese
wording shows up here)."""

from __future__ import annotations

import re

import pytest

from planner import Shipment, plan
from planner.model.errors import InvalidQueryError, NoRouteError, UnknownPlaceError
from planner.text.message import Message, Name
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


def test_a_long_header_is_cut_in_both_languages() -> None:
    # every code reads in both languages in test_catalogue.py; here, a file's long header
    message = Message.of(
        "header_lacks", missing=("origin",), found=("id", "x" * 500), required=("origin",)
    )
    for lang in ("en", "zh"):
        assert len(render(message, lang)) < 400, "an echoed value is cut"
