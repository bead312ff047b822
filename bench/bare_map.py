"""The bare pydeck page the corridor map is measured against (bench/officials.py): one
Streamlit page with one small offline deck (a sea, a land square, three dots), nothing else."""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

st.header("Bare pydeck page")
land = [[[100.0, 30.0], [120.0, 30.0], [120.0, 45.0], [100.0, 45.0], [100.0, 30.0]]]
layers = [
    pdk.Layer("SolidPolygonLayer", [{"polygon": land}], get_polygon="polygon",
              get_fill_color=[240, 235, 220]),
    pdk.Layer("ScatterplotLayer", [{"p": [112.5, 37.8]}, {"p": [111.9, 43.6]}],
              get_position="p", get_radius=9, radius_units="'pixels'",
              get_fill_color=[200, 30, 45]),
]  # fmt: skip
deck = pdk.Deck(
    layers=layers,
    initial_view_state=pdk.ViewState(longitude=110.0, latitude=37.0, zoom=3.4),
    map_provider=None,
)
st.pydeck_chart(deck, height=560)
