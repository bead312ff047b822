"""Page script run by st.navigation (a file, so that AppTest can switch to it)."""

from ui.scenario_page import render

render()
