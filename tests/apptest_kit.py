"""What the app's tests share: the app driven with ``streamlit.testing.v1.AppTest`` and what
they read off its pages (the fixtures ``mini_env`` and ``downloads`` are in conftest)."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT_S = 60
ROUTE_PAGE = "ui/pages/route.py"
BATCH_PAGE = "ui/pages/batch.py"
CORRIDOR_PAGE = "ui/pages/corridor.py"
FIGURES_PAGE = "ui/pages/figures.py"
SCENARIO_PAGE = "ui/pages/scenario.py"
#: A batch file with good rows and bad ones (an unknown place, a word for a number, a short row).
BATCH_CSV = (
    "shipment_id,origin,destination,cargo,weight_t,volume_m3,priority\n"
    "A1,Taiyuan,Moscow,general,18,40,balanced\n"
    "A2,Taiyuan,Atlantis,general,18,40,balanced\n"
    "A3,Taiyuan,Moscow,general,heavy,40,balanced\n"
    "A4,Taiyuan,Moscow\n"
    "A5,Taiyuan,Rotterdam,general,5,10,fastest\n"
)


def app(*, locale: str | None = "en-US", **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    if locale:
        at.context["locale"] = locale
    at.query_params.update(query)
    return at


def no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def deck_json(at: AppTest, index: int = 0) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert charts, "no map on the page"
    return json.loads(charts[index].proto.json)


def table(at: AppTest, *columns: str):
    """The first table on the page that has all ``columns`` (tables carry no key in AppTest)."""
    for frame in at.dataframe:
        value = frame.value
        if set(columns) <= set(value.columns):
            return value
    raise AssertionError(f"no table with columns {columns}")


def layer_ids(spec: dict) -> list[str]:
    return [layer["id"] for layer in spec["layers"]]
