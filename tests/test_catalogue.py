"""planner.text.words: one catalogue of words per language, the same keys and placeholders in
both, every message code and every app key rendered in both with no key missing (conftest.py
fails any test that meets a missing key) and no English sentence on a Chinese line; Chinese
literals in at most four source files."""

from __future__ import annotations

import logging
import re
import string
from pathlib import Path

import pytest

from planner.model.params import Parameter
from planner.text.message import Message, Name
from planner.text.messages import render, rendered_codes
from planner.text.words import LANGS, catalogue, section, words

ROOT = Path(__file__).resolve().parents[1]
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Latin tokens the same in both languages: file formats, standards, units, the CLI's option.
_SAME_IN_BOTH = set(
    "CSV UTF GBK Excel xlsx xls GeoJSON JSON PNG PDF JPEG GIF gzip zip Office GLEC ISO WTW FEU TEU "
    "CO2e GB18030 verbose".split()
)
#: Keys whose Chinese holds Latin words on purpose: the language picker names both languages,
#: a placeholder shows a foreign city, the batch intro and the quotes' help name the file's
#: column codes.
_LATIN_ON_PURPOSE = {
    "app.language",
    "app.lang_en",
    "app.destination_placeholder",
    "app.batch_intro",
    "app.rates_help",
}
#: Keys whose Chinese leaves a placeholder out on purpose, and why.
_PLACEHOLDERS_LEFT_OUT = {
    "msg.mode_forbidden": "the reason is the parameter table's English: the Chinese cites it",
    "msg.same_place": "one place named once",
    "msg.co2e_method": "the framework, standard and scope are named in Chinese in the text",
    "msg.estimated_group": "the English gives the date with the reason (estimated_why)",
    "msg.estimated_named": "the Chinese names no parameter key",
    "msg.estimated_why": "the reasons are English source text: the Chinese gives the date only",
    "no_route.cargo_only": "the Chinese does not repeat the destination",
}


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _latin(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Latin words of three letters or more that are not the same in both languages."""
    found = re.findall(r"[A-Za-z][A-Za-z0-9_]{2,}", text)
    return [w for w in found if w not in _SAME_IN_BOTH and w not in allowed]


def test_both_catalogues_have_the_same_keys() -> None:
    en, zh = set(catalogue("en")), set(catalogue("zh"))
    assert sorted(en - zh) == [] and sorted(zh - en) == []


def test_every_key_has_the_same_placeholders_in_both() -> None:
    en, zh = catalogue("en"), catalogue("zh")
    differ = {k for k in en if _placeholders(en[k]) != _placeholders(zh[k])}
    assert differ == set(_PLACEHOLDERS_LEFT_OUT)
    for key in differ:  # the Chinese only ever leaves one out
        assert _placeholders(zh[key]) < _placeholders(en[key]) or key == "msg.estimated_group"


def test_every_entry_is_text_and_chinese_is_chinese() -> None:
    en, zh = catalogue("en"), catalogue("zh")
    assert all(isinstance(v, str) for v in (*en.values(), *zh.values()))
    # the English gives the reason of an estimate and closes its bracket, and puts a space
    # between sentences; the Chinese does none of these
    assert {k for k, v in en.items() if v and not zh[k]} == {
        "msg.estimated_why",
        "msg.estimated_close",
        "sep.sentence",
    }
    latin = {
        k: _latin(re.sub(r"\{[^}]*\}|%\(\w+\)[rs]|%[rs]|--[\w-]+", "", v))
        for k, v in zh.items()
        if not k.startswith(("header.", "field.", "cli_help.")) and k not in _LATIN_ON_PURPOSE
    }
    assert {k: w for k, w in latin.items() if w} == {}
    # the command line's help names what is typed (options, ids, file names, codes) among its
    # Chinese, never an English phrase: no two Latin words in a row
    phrases = {
        k: re.findall(r"[A-Za-z]{2,}[,.]? [A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", v))
        for k, v in zh.items()
        if k.startswith("cli_help.")
    }
    assert {k: p for k, p in phrases.items() if p} == {}


_RAIL = Parameter("rail.feu_usd_per_km", 0.65, "USD per FEU-km", "quotes", "2024-05", "estimate: x")
_SEA = Parameter("sea.co2e_g_per_tkm", 8, "g CO2e per tonne-km", "GLEC", "2023", "estimate")
_T, _H = Name("Taiyuan", "太原"), Name("Horgos", "霍尔果斯")
#: One message of every code, with every optional part.
SAMPLES = [
    Message.of("route", modes=("road", "rail"), days=10.4, terminal=_T, exit=_H, entry=_H),
    Message.of("perishable_too_long", days=24.0, limit=21.0),
    Message.of("perishable_may_be_too_long", days=24.0, limit=21.0),
    Message.of("heavy_for_air", weight_t=120.0, capacity_t=100.0),
    Message.of("red_sea"),
    Message.of("trucked_to_service", km=218.1, name=Name("Taiyuan–Moscow", "太原—莫斯科")),
    Message.of("trucked_to_haul", km=604.0),
    Message.of("rides_service", name=_H, per_week=2.0, seen="2024-06"),
    Message.of("no_service", haul="sea"),
    Message.of("unscheduled", groups=(("rail", (1, 3)), ("air", (4,))), every=False),
    Message.of("estimates_said", modes=("rail", "sea"), factors=True),
    Message.of(
        "why",
        reasons=("service", "other_crossing", "model_train"),
        exit=_H,
        per_week=1.0,
        haul="rail",
    ),
    Message.of("mode_forbidden", mode="air", cargo="dangerous", reason="IATA rules"),
    Message.of("estimated_rates", mode="rail", params=(_RAIL,)),
    Message.of("estimated_parameters", mode="rail", params=(_RAIL,)),
    Message.of("estimated_factors", params=(_SEA,)),
    Message.of(
        "co2e_method",
        framework="GLEC Framework v3",
        standard="ISO 14083",
        scope="WTW",
        factors=(("rail", 5.0, 18.0), ("sea", 8.0, 8.0)),
    ),
    Message.of(
        "no_route",
        origin=_T,
        destination=_H,
        avoiding=("erenhot",),
        cargo="dangerous",
        forbidden=("air",),
        cause="cargo_only",
    ),
    Message.of("no_node", place=_T),
    Message.of("unknown_place", name="Mosco", suggestions=(Name("Moscow", "莫斯科"),)),
    Message.of("unknown_choice", what="cargo class", value="x", choices=("general", "bulk")),
    Message.of("not_a_number", field="weight_t", value="ten"),
    Message.of("not_positive", field="weight_t", value=-1.0),
    Message.of("too_large", field="weight_t", maximum=1e5, value=1e9),
    Message.of("not_whole", field="alternatives", value=1.5),
    Message.of("too_small", field="alternatives", minimum=1, value=0),
    Message.of("empty", field="origin"),
    Message.of("not_a_place", field="destination", value=5),
    Message.of("same_place", origin=_T, destination=_T),
    Message.of("not_an_id", field="avoid", value="q"),
    Message.of("not_a_list", field="closures", value="q"),
    Message.of("wrong_type", field="modes", expected="list", got="int"),
    Message.of("in_row", row=4, reason=Message.of("row_width", fields=3, width=7)),
    Message.of("row_width", fields=3, width=7),
    Message.of("row_open_quote"),
    Message.of("cell_too_long", column="origin", chars=131_073, limit=32_767),
    Message.of("line_too_long", limit=131_072),
    Message.of("file_not_found", path="shipments.csv"),
    Message.of("file_is_directory", path="data"),
    Message.of("file_unreadable", path="s.csv", reason="Permission denied", errno=13),
    Message.of("file_empty", required=("shipment_id", "origin")),
    Message.of("file_not_table", kind="png"),
    Message.of("file_encoding_unknown"),
    Message.of("workbook_unreadable", reason="bad zip"),
    Message.of("header_lacks", missing=("origin",), found=("id",), required=("origin",)),
    Message.of("header_twice", column="origin"),
    Message.of("batch_summary", rows=7, errors=5, encoding="GB18030"),
    Message.of("wrote", count=7, what="row(s)", path="routes.xlsx"),
    Message.of("cannot_write", path="out.csv", reason="No space left on device", errno=28),
    Message.of("option_whole", value="zero", minimum=1),
    Message.of("network_broken", count=3),
    Message.of("data_broken", reason="bad row"),
    Message.of("internal_error", kind="ZeroDivisionError", reason="oops"),
    Message.of("text", text="as given"),
    Message.of(
        "first_mile",
        place=_T,
        gateway=_H,
        first=True,
        km=900.0,
        abroad=True,
        over_sea=True,
        limit_km=800.0,
    ),  # fmt: skip
    Message.of("last_mile", place=_T, gateway=_H, first=False, km=90.0, abroad=False),
    Message.of("also_named", place=_T, country="CN", alternatives=(_H,)),
    Message.of("wrong_suffix", path="map.svg", suffixes=(".png", ".pdf")),
    Message.of("row_undecodable"),
    Message.of("input_silent", path="/dev/fd/63", seconds=10.0),
    Message.of("input_too_big", path="/dev/zero", limit=1 << 30),
    Message.of("output_is_input", path="book.csv"),
    Message.of("output_link", path="link.csv"),
    Message.of("output_hard_link", path="hard.csv", links=2),
    Message.of("output_directory", path="out"),
    Message.of("output_fifo", path="pipe.csv"),
    Message.of("output_device", path="/dev/null"),
    Message.of("output_read_only", path="locked.csv"),
    Message.of("too_many_columns", columns=20_000, limit=16_384),
    Message.of("formula_uncached", cell="D3"),
    Message.of("avoid_end", closure="moscow", place=Name("Moscow", "莫斯科")),
    Message.of("clears_at", site=Name("Datong site", "大同场地")),
    Message.of("lands_at", site=Name("Rizhao Port", "日照港")),
    Message.of(
        "priced_as_parcels", pieces=3, first=90.0, extra=70.0, days_min=9.0, days_max=14.0
    ),
    Message.of("clears_outside", cargo=Name("Meat", "肉"), site=Name("Tianjin", "天津")),
    Message.of(
        "clears_outside_closed",
        cargo=Name("Meat", "肉"),
        site=Name("Tianjin", "天津"),
        shut=Name("Datong site", "大同场地"),
    ),
    Message.of("no_clearance_site", cargo=Name("Frozen meat", "冻肉")),
    Message.of("site_modes", site=Name("Datong site", "大同场地")),
    Message.of("not_a_date", field="ready", value="14/12"),
    Message.of("slow_week", name=Name("Caspian storm", "里海风暴"), days=5.0, source="ASCO"),
    Message.of("quote_used", row=2, price=4200.0, unit="FEU", note="forwarder"),
    Message.of("quote_expired", row=3, valid_from="2025-01-01", valid_to="2025-02-01",
               day="2026-12-14"),
    Message.of("quote_bad", row=4, column="price_usd", value="abc"),
    Message.of("quote_unmatched", row=5),
    Message.of("quotes_header_lacks", missing=["unit"], required=["origin", "unit"]),
    Message.of("format_not_workbook", format="json", path="out.xlsx"),
]


def _given(value: object) -> frozenset[str]:
    """The words a message was given, which it may echo as they are (a user's values, names,
    the system's reasons)."""
    if isinstance(value, Message):
        return _given(tuple(v for _, v in value.args))
    if isinstance(value, tuple):
        return frozenset().union(*(_given(v) for v in value))
    if isinstance(value, Name):
        return _given(value.en)
    if isinstance(value, Parameter):
        return frozenset()
    return frozenset(re.findall(r"[A-Za-z0-9_]+", str(value)))


def test_every_code_has_a_sample() -> None:
    assert {m.code for m in SAMPLES} == set(rendered_codes())


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: m.code)
def test_every_code_renders_in_both_languages(message) -> None:
    english, chinese = render(message, "en"), render(message, "zh")
    assert english and chinese
    if message.code != "text":
        assert _CJK.search(chinese) and english != chinese, chinese
    assert _latin(chinese, _given(message)) == [], chinese
    assert len(english) < 400 and len(chinese) < 400, "an echoed value is cut"


def test_every_app_key_renders_in_both_languages() -> None:
    from ui.i18n import STRINGS, t

    for key in STRINGS:
        for lang in LANGS:
            template = catalogue(lang).get(f"app.{key}", "")
            text = t(key, lang, **dict.fromkeys(_placeholders(template), 1))
            assert text.strip(), (key, lang)
            if lang == "zh" and f"app.{key}" not in _LATIN_ON_PURPOSE:
                assert _latin(text) == [], (key, text)


def test_a_missing_key_shows_the_key_and_logs_never_the_other_language(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="planner.text.words"):
        assert words("app.no_such_key", "zh") == "app.no_such_key"
        assert words("msg.empty", "zh") == catalogue("zh")["msg.empty"]  # no params: as is
        assert words("msg.empty", "zh", wrong=1) == "msg.empty"  # a placeholder not given
    assert len([r for r in caplog.records if r.name == "planner.text.words"]) == 2
    caplog.clear()  # logged on purpose: the autouse check of conftest.py is for the others


def test_a_section_is_its_keys_without_the_prefix() -> None:
    assert section("mode", "zh")["rail"] == catalogue("zh")["mode.rail"]
    assert set(section("header", "en")) == set(section("header", "zh"))


def test_chinese_literals_live_in_at_most_four_source_files() -> None:
    sources = [*ROOT.glob("planner/**/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "app.py"]
    with_chinese = sorted(
        str(p.relative_to(ROOT)) for p in sources if _CJK.search(p.read_text(encoding="utf-8"))
    )
    assert len(with_chinese) <= 4, with_chinese
