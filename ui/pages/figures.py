"""Page script run by st.navigation (a file, so that AppTest can switch to it)."""

from ui.figures_page import render

render()
