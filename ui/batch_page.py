"""Exporter page: plan a whole shipments file (CSV or .xlsx); errors are listed per row, never
hidden; the tables and downloads are in the page's language."""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from planner.text.words import words
from ui import common, data, i18n
from ui.i18n import t

__all__ = ["TEMPLATE_CSV", "render"]

logger = logging.getLogger(__name__)

#: The template a user downloads: a few rows, one origin in Chinese (a data file, CRLF as Excel).
TEMPLATE_CSV = (
    Path(__file__).with_name("batch_template.csv").read_bytes().decode("utf-8")
)
RESULT_KEY = "b_result"


@st.cache_data(show_spinner=False)
def template_bytes(lang: str) -> bytes:
    """The template in ``lang``: its headers, cargo classes and priorities as the page writes
    them (a Chinese template is read back as the same rows, see planner.text.typed_words)."""
    from planner.text.columns import localized

    if lang != "zh":
        return ("\ufeff" + TEMPLATE_CSV).encode("utf-8")
    frame = pd.read_csv(io.StringIO(TEMPLATE_CSV), dtype=str, keep_default_na=False)
    return data.csv_bytes(localized(frame, lang, cargo_zh=data.cargo_classes().names_zh))


def render() -> None:
    """The batch page."""
    network = common.network_or_stop()
    st.header(t("batch_header"))
    st.markdown(t("batch_intro"))
    st.download_button(
        t("batch_template"),
        template_bytes(i18n.current()),
        file_name=f"{words('file.template', i18n.current())}.csv",
        mime="text/csv",
        key="b_template",
        icon=":material/description:",
    )
    limit = common.human_bytes(common.MAX_UPLOAD_BYTES)
    # any file: the planner says in words what a wrong one is (a type filter shows only an icon)
    uploaded = st.file_uploader(t("batch_upload", limit=limit), key="b_file")
    if uploaded is None:
        st.session_state.pop(RESULT_KEY, None)
        return
    if uploaded.size > common.MAX_UPLOAD_BYTES:
        common.show_error(t("batch_too_big", size=common.human_bytes(uploaded.size), limit=limit))
        return
    raw = uploaded.getvalue()
    # planned again in the other language: labels, warnings and errors are the planner's text
    digest = (hashlib.sha256(raw).hexdigest(), i18n.current())
    stored = st.session_state.get(RESULT_KEY)
    if stored is None or stored[0] != digest:
        result = _run(raw, network)
        if result is None:
            return
        st.session_state[RESULT_KEY] = (digest, result)
    _show(st.session_state[RESULT_KEY][1], uploaded.name)


def _run(raw: bytes, network) -> pd.DataFrame | None:
    try:
        from planner.io.batch import BatchFileError, plan_batch
    except ImportError:
        common.show_error(t("feature_missing", what="planner.io.batch"))
        return None
    bar = st.progress(0.0, text=t("batch_progress", done=0, total="…"))

    def progress(done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("batch_progress", done=done, total=total))

    try:
        result = plan_batch(
            io.BytesIO(raw), network=network, progress=progress, lang=i18n.current()
        )
    except BatchFileError as exc:
        bar.empty()
        common.show_error(t("batch_bad_csv", reason=exc.render(i18n.current())))
        return None
    except Exception as exc:  # noqa: BLE001 - whatever the file holds, the app keeps working
        bar.empty()
        logger.exception("batch failed")
        common.show_error(t("batch_bad_csv", reason=exc))
        return None
    bar.progress(1.0, text=t("batch_progress", done=len(result), total=len(result)))
    return result


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the page shows it: an error row's empty cells empty (the grid would write
    "None" in them, in English), and a column of numbers with empty cells as text (Arrow takes
    no "" among numbers: the grid logged a failed conversion, then showed them as text)."""
    shown = frame.astype(object).where(frame.notna(), "")
    for column in shown.columns:
        cells = shown[column]
        empty = cells.eq("")
        if empty.any() and not empty.all() and not cells[~empty].map(type).eq(str).all():
            shown[column] = cells.map(str)
    return shown


def _show(result: pd.DataFrame, filename: str) -> None:
    from planner.text.columns import localized

    lang = i18n.current()
    status = result["status"] if "status" in result.columns else pd.Series(dtype=str)
    errors = result[status == "error"]
    ok = int((status == "ok").sum())
    summary = t("batch_done", total=len(result), ok=ok, err=len(errors))
    encoding = result.attrs.get("encoding")
    if encoding:
        summary += " " + t("batch_read_as", encoding=encoding)
    (st.warning if len(errors) else st.success)(summary)
    if len(errors):
        st.markdown(f"#### {t('batch_errors')}")
        cols = [c for c in ("shipment_id", "origin", "destination", "error") if c in errors.columns]
        shown = localized(errors[cols], lang, page=True)
        st.dataframe(_shown(shown), hide_index=True, key="b_errors")
    st.markdown(f"#### {t('batch_result')}")
    classes = data.cargo_classes()  # the file keeps the ids; the page names the classes
    shown = localized(result, lang, cargo_zh=classes.names_zh, cargo_en=classes.names("en"),
                      page=True)  # fmt: skip
    st.dataframe(_shown(shown), hide_index=True, key="b_table")
    stem = f"{filename.rsplit('.', 1)[0] or 'shipments'}_{words('file.routes', lang)}"
    left, right = st.columns(2)
    common.csv_download("download_batch", result, f"{stem}.csv", "b_dl_csv", where=left)
    common.xlsx_download("download_batch_xlsx", result, f"{stem}.xlsx", "b_dl_xlsx", where=right)
