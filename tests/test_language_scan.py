"""Every page in each language (issue 22's done-when): no English words on a Chinese page, no
Chinese-only text on an English page, read from every element AppTest sees; the drawn map and
the report say their words in the reader's language first.

A Chinese page may show Latin letters that are no English sentence: codes and units (CO2e, FEU,
GLEC), file formats, and the network's place names written beside their Chinese ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corridors import load_network
from planner.scenario.mapdraw import map_figure
from tests import apptest_kit as kit

MINI = Path(__file__).resolve().parent / "data" / "mini"
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}[0-9]*")  # a code's digits with it: Big5 is no "Big"
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Codes, units and formats a Chinese page names as they are written.
_CODES = {"CO2e", "CSV", "UTF", "GBK", "xlsx", "Excel", "GeoJSON", "GLEC", "ISO", "WTW", "FEU",
          "TEU", "PNG", "PDF", "USD", "CNY", "IATA", "ICAO", "GB18030", "Big5", "OpenStreetMap",
          "CARTO",
          "Atlantis", "heavy",  # a test file's own cells, echoed
          "Language",  # the switch says "语言 / Language" in both, to be found
          "JSON", "test", "fixture", "approximate", "public", "coordinates"}  # fmt: skip
#: (the last five: the test network's own source, a citation shown as written)
#: What is Markdown or HTML, not text.
_NOT_TEXT = re.compile(
    r":material/\w+:|:\w+-badge\[|[\w/.-]+\.(csv|xlsx|png|pdf)|<[^>]+>|\(http[^)]*\)"
    r"|英文表头（[^）]*）"  # a Chinese help naming the English headers a file may also use
)


def _texts(at) -> list[str]:
    """Every text a person reads on the page AppTest ran: prose, labels, headers, options."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text", "latex"):  # fmt: skip
        out += [str(e.value) for e in at.get(kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "number_input", "text_input",
                 "checkbox", "toggle", "date_input", "file_uploader", "segmented_control",
                 "expander", "tab", "download_button"):  # fmt: skip
        out += [str(getattr(e, "label", "") or "") for e in at.get(kind)]
        out += [str(getattr(e.proto, "help", "") or "") for e in at.get(kind)]
    for frame in at.dataframe:  # the headers shown: a column's configured label, else its name
        config = json.loads(frame.proto.columns or "{}")
        out += [str(config.get(str(c), {}).get("label") or c) for c in frame.value.columns]
    for metric in at.get("metric"):
        out.append(str(metric.label))
    return [_NOT_TEXT.sub(" ", t) for t in out if t]


def _place_words() -> set[str]:
    """The Latin words of the (test) network's place names: shown beside their Chinese."""
    nodes = load_network(MINI).nodes
    return {w for name in nodes["name_en"].dropna() for w in _LATIN_WORD.findall(str(name))}


def _pages(locale: str):
    """Each page with something on it, as a person would see it."""
    at = kit.app(locale=locale, to="moscow").run()
    yield "route", at
    at.switch_page(kit.BATCH_PAGE).run()
    at.file_uploader(key="b_file").upload("s.csv", kit.BATCH_CSV.encode(), "text/csv")
    at.run()
    yield "batch", at
    at.switch_page(kit.SCENARIO_PAGE).run()
    at.multiselect(key="s_close").set_value(["erenhot"])
    at.button(key="s_submit").click().run()
    yield "scenario", at
    at.switch_page(kit.CORRIDOR_PAGE).run()
    yield "corridors", at
    at.switch_page(kit.FIGURES_PAGE).run()
    yield "figures", at


def test_no_english_word_on_any_chinese_page(mini_env):
    allowed = _CODES | _place_words()
    for name, at in _pages("zh-CN"):
        kit.no_failure(at)
        texts = _texts(at)
        assert texts, name
        english = sorted({w for t in texts for w in _LATIN_WORD.findall(t)} - allowed)
        assert english == [], (name, english)
        # a Chinese label ends with the reader's colon, not an ASCII ': '
        colons = [t for t in texts if re.search(r"[\u4e00-\u9fff]\*{0,2}: ", t)]
        assert colons == [], (name, colons)


def test_no_chinese_only_text_on_any_english_page(mini_env):
    for name, at in _pages("en-US"):
        kit.no_failure(at)
        texts = _texts(at)
        assert texts, name
        # Chinese beside English (a place's two names) is fine; Chinese alone is not, but for
        # the language switch's own word
        alone = [t for t in texts if _CJK.search(t) and not _LATIN_WORD.search(t)]
        assert [t for t in alone if t.strip() not in ("中文",)] == [], (name, alone)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_drawn_map_speaks_its_readers_language_first(lang):
    figure = map_figure(load_network(MINI), view="china", lang=lang, closed=["erenhot"])
    texts = [t.get_text() for t in figure.texts] + [
        t.get_text() for legend in figure.legends for t in legend.get_texts()
    ]
    assert texts
    for text in texts:  # a title or a note in both languages starts with the reader's
        first = next((c for c in text if c.isalpha()), "")
        if not first:
            continue
        assert bool(_CJK.match(first)) == (lang == "zh") or text.startswith(("CO2e", "TIR")), text
