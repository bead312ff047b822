"""The map and the one-page report as PNG and PDF downloads, prepared once per result.

matplotlib takes seconds, so a page never draws a file nobody asked for: a "prepare" button
draws both formats of the result shown, and the download buttons then hold the files' bytes
(a deferred file, drawn when its button was pressed, was gone at a second click within a second:
"Deferred file … not found"). The files stay with the session until the result changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

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
    view: str, closed: tuple[str, ...], link_flows: str, directory: str | None, lang: str, fmt: str
) -> bytes:
    """The map (see :func:`planner.scenario.mapdraw.map_bytes`); ``link_flows`` as JSON records."""
    from planner.scenario.mapdraw import map_bytes

    flows = pd.DataFrame(json.loads(link_flows)) if link_flows else None
    network = data.network_at(directory)
    return map_bytes(network, fmt, view=view, closed=closed, link_flows=flows, lang=lang)


@st.cache_data(show_spinner=False, max_entries=8)
def drawn_report(report_json: str, view: str, directory: str | None, lang: str, fmt: str) -> bytes:
    """The one-page report of a scenario (see :func:`planner.scenario.report.report_bytes`)."""
    from corridors import corridor_figures
    from planner.scenario.report import report_bytes

    network = data.network_at(directory)
    report = json.loads(report_json)
    return report_bytes(report, network, corridor_figures(network), fmt, view=view, lang=lang)


def prepared(
    where: Any, key: str, wanted: tuple, draw: Callable[[str], bytes], what: str
) -> dict[str, bytes] | None:
    """The files of the result ``wanted`` names (``format -> bytes``), drawn once when the
    person presses the prepare button in ``where`` (the width of both download buttons: in
    the first one's column its label was cut); ``None`` until then."""
    ready = st.session_state.get(key)
    if ready is not None and ready[0] == wanted:
        return ready[1]
    slot = where.empty()
    if not slot.button(t(f"prepare_{what}"), key=f"{key}_prepare", icon=":material/draw:"):
        return None
    with st.spinner(t("drawing")):
        files = {fmt: draw(fmt) for fmt in FORMATS}
    st.session_state[key] = (wanted, files)
    slot.empty()
    return files


def _buttons(where: Any, files: dict[str, bytes], what: str, stem: str, key: str) -> None:
    for column, fmt in zip(where.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            t(f"download_{what}_{fmt}"),
            files[fmt],
            file_name=f"{stem}_{words(f'file.{what}', i18n.current())}.{fmt}",
            mime=MIME[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            icon=":material/map:" if what == "map" else ":material/description:",
        )


def map_buttons(
    where, view: str, closed: tuple[str, ...], stem: str, *, link_flows: list | None = None
) -> None:
    """PNG and PDF buttons of the map side by side in ``where`` (a column), in the page's
    language."""
    flows = json.dumps(link_flows) if link_flows else ""
    wanted = (view, tuple(closed), flows, data.data_dir(), i18n.current())
    key = f"{stem}_map"
    files = prepared(where, key, wanted, lambda fmt: drawn_map(*wanted, fmt), "map")
    if files is not None:
        _buttons(where, files, "map", stem, key)


def report_buttons(where, report: dict, view: str, stem: str, lang: str) -> None:
    """PNG and PDF buttons of the one-page report side by side in ``where`` (a column)."""
    text = json.dumps(report, ensure_ascii=False, sort_keys=True)
    wanted = (text, view, data.data_dir(), lang)
    key = f"{stem}_report"
    files = prepared(where, key, wanted, lambda fmt: drawn_report(*wanted, fmt), "report")
    if files is not None:
        _buttons(where, files, "report", stem, key)
