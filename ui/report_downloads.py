"""The map and the one-page report as PNG and PDF downloads, drawn when a button is pressed
(matplotlib takes seconds: a page never waits for a file nobody asked for)."""

from __future__ import annotations

import functools
import json

import pandas as pd
import streamlit as st

from planner.text.words import words
from ui import data, i18n
from ui.i18n import t

__all__ = ["drawn_map", "drawn_report", "map_buttons", "report_buttons"]

MIME = {"png": "image/png", "pdf": "application/pdf"}
FORMATS = ("png", "pdf")


@st.cache_data(show_spinner=False, max_entries=8)
def drawn_map(
    view: str, closed: tuple[str, ...], link_flows: str, directory: str | None, fmt: str
) -> bytes:
    """The map (see :func:`planner.scenario.mapdraw.map_bytes`); ``link_flows`` as JSON records."""
    from planner.scenario.mapdraw import map_bytes

    flows = pd.DataFrame(json.loads(link_flows)) if link_flows else None
    network = data.network_at(directory)
    return map_bytes(network, fmt, view=view, closed=closed, link_flows=flows)


@st.cache_data(show_spinner=False, max_entries=8)
def drawn_report(report_json: str, view: str, directory: str | None, lang: str, fmt: str) -> bytes:
    """The one-page report of a scenario (see :func:`planner.scenario.report.report_bytes`)."""
    from corridors import corridor_figures
    from planner.scenario.report import report_bytes

    network = data.network_at(directory)
    report = json.loads(report_json)
    return report_bytes(report, network, corridor_figures(network), fmt, view=view, lang=lang)


def map_buttons(
    where, view: str, closed: tuple[str, ...], stem: str, *, link_flows: list | None = None
) -> None:
    """PNG and PDF buttons of the map in the columns ``where`` (two)."""
    flows = json.dumps(link_flows) if link_flows else ""
    directory = data.data_dir()
    for column, fmt in zip(where, FORMATS, strict=True):
        column.download_button(
            t(f"download_map_{fmt}"),
            functools.partial(drawn_map, view, tuple(closed), flows, directory, fmt),
            file_name=f"{stem}_{words('file.map', i18n.current())}.{fmt}",
            mime=MIME[fmt],
            key=f"{stem}_map_{fmt}",
            on_click="ignore",
            icon=":material/map:",
        )


def report_buttons(where, report: dict, view: str, stem: str, lang: str) -> None:
    """PNG and PDF buttons of the one-page report in the columns ``where`` (two)."""
    text = json.dumps(report, ensure_ascii=False, sort_keys=True)
    directory = data.data_dir()
    for column, fmt in zip(where, FORMATS, strict=True):
        column.download_button(
            t(f"download_report_{fmt}"),
            functools.partial(drawn_report, text, view, directory, lang, fmt),
            file_name=f"{stem}_{words('file.report', lang)}.{fmt}",
            mime=MIME[fmt],
            key=f"{stem}_report_{fmt}",
            on_click="ignore",
            icon=":material/description:",
        )
