"""The scenario page's table of the imports that lose their clearance when designated sites
close (:func:`planner.scenario.clearance.lost_clearance`), in the page's language."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planner.model.import_sites import load_import_sites
from planner.scenario.clearance import lost_clearance
from ui import data
from ui.i18n import t

__all__ = ["clearance_table", "show_clearance"]


def clearance_table(closed: tuple[str, ...], network: Any, lang: str) -> pd.DataFrame | None:
    """One row per closed designated site: the goods and direction it cleared, the sites of
    the same goods still open in Shanxi and outside, and whether Shanxi lost its clearance
    for them (``None`` when no designated site is closed)."""
    sites = load_import_sites(network.data_dir)
    table = lost_clearance(closed, sites)
    if table.empty:
        return None
    names = {s.id: s.name.in_lang(lang) for s in sites.sites}
    cargo = data.cargo_labeller(lang)

    def named(ids: str) -> str:
        found = [names.get(i, i) for i in ids.split(", ") if i]
        return "; ".join(found) or t("clearance_none", lang)

    rows = [
        {
            t("col_closed_site", lang): names.get(row.site, row.site),
            t("col_clearance_cargo", lang): cargo(row.cargo),
            t("col_clearance_direction", lang): t(f"direction_{row.direction}", lang),
            t("col_lost_in_shanxi", lang): t(
                "clearance_yes" if row.lost_in_shanxi else "clearance_no", lang
            ),
            t("col_open_in_shanxi", lang): named(row.open_in_shanxi),
            t("col_open_outside", lang): named(row.open_outside),
        }
        for row in table.itertuples(index=False)
    ]
    return pd.DataFrame(rows)


def show_clearance(closed: tuple[str, ...], network: Any, lang: str) -> None:
    """The table under its header and what it means, when a designated site is closed."""
    table = clearance_table(closed, network, lang)
    if table is None:
        return
    st.markdown(f"#### {t('clearance_header', lang)}")
    st.caption(t("clearance_caption", lang))
    st.dataframe(table, hide_index=True, key="s_clearance")
