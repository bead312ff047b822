"""The app's cached tables (``ui.data``): the pickers' world places are kept on disk beside the
network, read back by the next server, and made again when the gazetteer changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import planner.places.world as world_module
from corridors.disk_cache import CACHE_ENV
from ui import data

HEADER = (
    "id,kind,name_en,name_zh,name_zh_hant,pinyin,country,admin1,population,lon,lat,code,"
    "aliases,shanxi_seat,shanxi_seat_en,source\n"
)
ROWS = (
    "gn:10942283,city,Jinzhong,晋中市,晉中市,Jinzhong,CN,CN.24,1226617,112.7547,37.684,,"
    "晋中,晋中市,Jinzhong,gn15000\n"
    "gn:2643743,city,London,伦敦,倫敦,Lundun,GB,GB.ENG,8961989,-0.1257,51.5085,,,,,gn15000\n"
    "gn:2950159,city,Berlin,柏林,柏林,Bolin,DE,DE.16,3426354,13.4105,52.5244,,,,,gn15000\n"
)
PARIS = "gn:2988507,city,Paris,巴黎,巴黎,Bali,FR,FR.11,2138551,2.3488,48.8534,,,,,gn15000\n"


@pytest.fixture
def world_dir(mini_dir, tmp_path, monkeypatch) -> Path:
    """The small network with a gazetteer of three places, an empty cache directory, and the
    app's in-process caches cleared before and after."""
    directory = tmp_path / "data"
    shutil.copytree(mini_dir, directory)
    (directory / "gazetteer.csv").write_text(HEADER + ROWS, encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    data._world_places.clear()
    yield directory
    data._world_places.clear()


def _not_read(*args, **kwargs):
    raise AssertionError("the gazetteer was read again")


def test_the_world_places_are_read_back_from_their_copy(world_dir, monkeypatch) -> None:
    made = data._world_places(str(world_dir))
    assert made["id"].tolist() == ["gn:10942283", "gn:2643743", "gn:2950159"]  # seat first
    data._world_places.clear()  # a new server: its memory is empty, its disk is not

    monkeypatch.setattr(world_module, "read_gazetteer", _not_read)
    again = data._world_places(str(world_dir))
    assert again.equals(made)


def test_an_edited_gazetteer_is_read_again(world_dir) -> None:
    data._world_places(str(world_dir))
    data._world_places.clear()
    (world_dir / "gazetteer.csv").write_text(HEADER + ROWS + PARIS, encoding="utf-8")

    again = data._world_places(str(world_dir))
    assert "gn:2988507" in again["id"].tolist()


def test_the_batch_table_gives_the_grid_no_number_among_empty_cells() -> None:
    """An error row's rank is empty beside the others' numbers: Arrow refused the column
    (``ArrowInvalid``, logged on every batch page) before the grid showed it as text."""
    import pandas as pd
    import pyarrow as pa

    from ui.batch_page import _shown

    status = ["成功", "出错", "成功"]
    frame = pd.DataFrame({"排名": [1, "", 2], "天数": [11.5, None, 2.0], "状态": status})
    shown = _shown(frame)
    assert shown["排名"].tolist() == ["1", "", "2"]
    assert shown["天数"].tolist() == ["11.5", "", "2.0"]
    assert shown["状态"].tolist() == status
    pa.Table.from_pandas(shown)  # raised ArrowInvalid on the rank column before
