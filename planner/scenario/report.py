"""A one-page report of a scenario for officials: what was assumed and what happened, the map,
the figures per corridor and the destinations that changed; PNG or PDF (A4 portrait).

It is drawn with matplotlib from a :func:`planner.scenario.closure.scenario_report` and the
corridor figures, in both languages where a reader needs them (the names) and in the
report's language elsewhere; the map carries the schematic-map note (no map approval number).
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

import pandas as pd
from matplotlib import font_manager

from planner.model.cargo import load_cargo_classes
from planner.scenario.mapdraw import DRAWING, both, cjk_font, dated, map_axes, new_figure
from planner.text.scenario_words import STATUS_WORDS, assumption_line, headline, totals_line
from planner.text.words import words

__all__ = ["REPORT_ROWS", "report_bytes"]

#: Destinations listed at most (those that changed most: unreachable, worse, mixed first).
REPORT_ROWS = 10
A4_PORTRAIT_IN = (8.27, 11.69)
PNG_DPI = 150
_ORDER = {"unreachable": 0, "worse": 1, "mixed": 2, "better": 3, "unchanged": 4, "no_route": 5}
#: Not changed by the closure: the same route, or none before either.
_NOT_CHANGED = frozenset({"unchanged", "no_route"})
#: Lines of assumptions and totals over the map, and the characters a line holds.
_HEAD_LINES = 6
_LINE_CHARS = {"en": 150, "zh": 66}
#: The tables' columns (their headers: the catalogue's ``report.<table>_col.*``).
_CORRIDOR_COLUMNS = ("corridor", "km", "before", "after")
_DESTINATION_COLUMNS = ("destination", "status", "days", "usd", "exit_after")


def _arrow(before: Any, after: Any, template: str) -> str:
    def one(value: Any) -> str:
        return "—" if value is None or pd.isna(value) else template.format(value)

    return f"{one(before)} → {one(after)}"


def _destination_rows(report: dict, names: dict[str, str], lang: str) -> list[list[str]]:
    changed = [d for d in report["destinations"] if d["status"] not in _NOT_CHANGED]
    changed.sort(key=lambda d: _ORDER[d["status"]])
    rows = []
    for record in changed[:REPORT_ROWS]:
        before, after = record["before"] or {}, record["after"] or {}
        name = record["name_zh"] if lang == "zh" else record["name_en"]
        rows.append(
            [
                f"{name} ({record['country']})",
                STATUS_WORDS[record["status"]][1 if lang == "zh" else 0].split(" (")[0],
                _arrow(before.get("transit_days"), after.get("transit_days"), "{:.1f}"),
                _arrow(before.get("cost_usd"), after.get("cost_usd"), "{:,.0f}"),
                names.get(after.get("exit_port") or "", after.get("exit_port") or "—"),
            ]
        )
    return rows


def _corridor_rows(figures: pd.DataFrame, report: dict, lang: str) -> list[list[str]]:
    before = pd.Series([(d["before"] or {}).get("corridor") for d in report["destinations"]])
    after = pd.Series([(d["after"] or {}).get("corridor") for d in report["destinations"]])
    counts_before, counts_after = before.value_counts(), after.value_counts()
    rows = []
    for row in figures.to_dict("records"):
        if not row.get("seed") and row["id"] not in counts_before and row["id"] not in counts_after:
            continue
        length = row.get("own_length_km")
        rows.append(
            [
                row["name_zh"] if lang == "zh" else row["name_en"],
                "—" if length is None or pd.isna(length) else f"{length:,.0f}",
                str(int(counts_before.get(row["id"], 0))),
                str(int(counts_after.get(row["id"], 0))),
            ]
        )
    return rows


def _wrapped(line: str, lang: str, scale: float = 1.0) -> list[str]:
    """A line cut to the page's width (Chinese between characters, English by words);
    ``scale``: how much smaller than the head's the type is."""
    width = int(_LINE_CHARS[lang] * scale)
    if lang == "zh":
        return _cjk_wrapped(line, width)
    return textwrap.wrap(line, width) or [""]


#: What a Chinese line is cut between: a run of Latin letters, digits and the marks inside a
#: number ("16,835", "CO2e", "276.1") stays whole; any other character stands alone.
_UNBROKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/+\-]*[A-Za-z0-9%]|.", re.DOTALL)
#: Marks a Chinese line never begins with (they close what comes before them).
_NO_LINE_START = frozenset("。，、；：！？）」』】》〉’”…·%,.;:!?)")
#: A Latin letter or digit is about half as wide as a Chinese character.
_NARROW = 0.55


def _cjk_wrapped(line: str, width: int) -> list[str]:
    """``line`` in lines of at most ``width`` Chinese characters' breadth: never inside a
    number or a Latin word, never before a closing mark (it stays on the line it closes)."""
    lines, current, used = [], "", 0.0
    for token in _UNBROKEN.findall(line):
        breadth = sum(_NARROW if ch.isascii() else 1.0 for ch in token)
        if current and used + breadth > width and token not in _NO_LINE_START:
            lines.append(current.rstrip())
            current, used = token.lstrip(), breadth
        else:
            current, used = current + token, used + breadth
    return [*lines, current.rstrip()] if current or not lines else lines


def _table(ax: Any, header: list[str], rows: list[list[str]], font: dict, widths: list[float]):
    ax.axis("off")
    if not rows:
        return
    table = ax.table(
        cellText=rows, colLabels=header, loc="upper left", cellLoc="left", colWidths=widths
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    height = min(0.09, 0.98 / (len(rows) + 1))  # every row inside the axes
    for (r, _), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        cell.set_height(height)
        if font:
            cell.get_text().set_fontfamily(font["fontfamily"])
        if r == 0:
            cell.set_facecolor("#eeeeee")
            cell.get_text().set_weight("bold")


def report_bytes(
    report: dict,
    network: Any,
    figures: pd.DataFrame,
    fmt: str,
    *,
    view: str = "china",
    lang: str = "en",
) -> bytes:
    """The one-page report as PNG or PDF bytes.

    Parameters
    ----------
    report
        A :func:`planner.scenario.closure.scenario_report`.
    network
        The corridor network (the map's layers).
    figures
        :func:`corridors.corridor_figures` of the network.
    fmt
        ``"png"`` or ``"pdf"``.
    view
        The map's view (see :data:`planner.scenario.mapdraw.VIEWS`).
    lang
        ``"en"`` or ``"zh"``.
    """
    buffer = io.BytesIO()
    with DRAWING:
        _page(report, network, figures, view, lang).savefig(buffer, format=fmt, dpi=PNG_DPI)
    return buffer.getvalue()


def _page(report: dict, network: Any, figures: pd.DataFrame, view: str, lang: str) -> Any:
    font = {"fontfamily": cjk_font()} if cjk_font() else {}
    figure = new_figure(A4_PORTRAIT_IN)
    figure.text(0.05, 0.965, words("report.title", lang), fontsize=14, weight="bold", **font)
    cargo_zh = load_cargo_classes(network.data_dir).names_zh
    lines = [
        assumption_line(report["assumptions"], lang, cargo_zh),
        headline(report["totals"], lang),
        dated(lang),
    ]
    if report.get("flows"):
        lines.append(totals_line(report["totals"], lang))
    wrapped = [part for line in lines for part in _wrapped(line, lang)]
    for i, line in enumerate(wrapped[:_HEAD_LINES]):
        figure.text(0.05, 0.945 - i * 0.015, line, fontsize=7.5, **font)
    ax = figure.add_axes((0.05, 0.575, 0.9, 0.29))
    links = pd.DataFrame(report.get("link_flows") or [])
    closed = report["assumptions"]["close"]
    flows = links if len(links) else None
    handles = map_axes(ax, network, view=view, closed=closed, link_flows=flows, lang=lang)
    figure.legend(  # under the map, not over it
        handles=list({h.get_label(): h for h in handles}.values()), loc="upper left",
        bbox_to_anchor=(0.05, 0.572), ncol=3, frameon=False, handlelength=1.5,
        prop=font_manager.FontProperties(size=4.2, family=font.get("fontfamily")),
    )  # fmt: skip
    note = both("map.schematic_note", lang)
    figure.text(0.05, 0.474, note, fontsize=6.5, color="#7a0000", **font)
    figure.text(0.05, 0.452, words("report.corridors", lang), fontsize=9, weight="bold", **font)
    corridors = _corridor_rows(figures, report, lang)
    table_ax = figure.add_axes((0.05, 0.27, 0.9, 0.175))
    header = [words(f"report.corridor_col.{c}", lang) for c in _CORRIDOR_COLUMNS]
    _table(table_ax, header, corridors, font, [0.58, 0.14, 0.14, 0.14])
    nodes = network.nodes
    column = "name_zh" if lang == "zh" else "name_en"
    names = {i: str(nodes.at[i, column]) for i in nodes.index}
    rows = _destination_rows(report, names, lang)
    changed = sum(d["status"] not in _NOT_CHANGED for d in report["destinations"])
    title = words(
        "report.destinations", lang, shown=len(rows), changed=changed, n=len(report["destinations"])
    )
    figure.text(0.05, 0.255, title, fontsize=9, weight="bold", **font)
    legend = _wrapped(words("report.status_legend", lang), lang, scale=1.25)
    for i, line in enumerate(legend[:2]):
        figure.text(0.05, 0.243 - i * 0.01, line, fontsize=6, **font)
    dest_ax = figure.add_axes((0.05, 0.02, 0.9, 0.21))
    if rows:
        header = [words(f"report.destination_col.{c}", lang) for c in _DESTINATION_COLUMNS]
        _table(dest_ax, header, rows, font, [0.28, 0.12, 0.18, 0.2, 0.22])
    else:
        dest_ax.axis("off")
        dest_ax.text(0, 0.9, words("report.none", lang), fontsize=8, **font)
    return figure
