"""Shanxi Corridors — the Streamlit app (``make run``).

Only presentation: the pages in ``ui/`` call ``planner`` and ``corridors`` and show what they
return. Everything is served from this machine: the map draws the shipped basemap with no tile
provider, and usage statistics are off (``.streamlit/config.toml``).
"""

from __future__ import annotations

import streamlit as st

from planner.text.words import words

st.set_page_config(
    page_title=f"{words('app.app_title', 'zh')} · {words('app.app_title', 'en')}",
    layout="wide",
    initial_sidebar_state="expanded",
)

from ui import common, data  # noqa: E402
from ui.i18n import t  # noqa: E402

common.init_language()
st.sidebar.markdown(f"**{t('app_title')}**")
common.language_selector()
st.sidebar.caption(t("offline_note"))
common.glossary()
common.chrome_words()

pages = {
    t("section_exporters"): [
        st.Page("ui/pages/route.py", title=t("page_route"), default=True),  # served at "/"
        st.Page(
            "ui/pages/batch.py",
            title=t("page_batch"),
            url_path="batch",
        ),
    ],
    t("section_officials"): [
        st.Page(
            "ui/pages/corridor.py",
            title=t("page_corridors"),
            url_path="corridors",
        ),
        st.Page(
            "ui/pages/figures.py",
            title=t("page_figures"),
            url_path="figures",
        ),
        st.Page(
            "ui/pages/scenario.py",
            title=t("page_scenario"),
            url_path="scenario",
        ),
    ],
}
try:
    st.navigation(pages, position="sidebar", expanded=True).run()
finally:  # once the page has shown: the planner readies itself for the first query
    data.warm_up()
