"""The network kept on disk between runs: read back whole, made again when a layer changes,
never kept when it fails its checks, and passed over when it cannot be written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import corridors.network as network_module
from corridors import NetworkValidationError, load_network
from corridors.disk_cache import CACHE_ENV


@pytest.fixture
def fresh(monkeypatch, tmp_path) -> Path:
    """An empty cache directory; the in-process cache cleared before and after."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    network_module._load_cached.cache_clear()
    yield directory
    network_module._load_cached.cache_clear()


def test_a_network_is_read_back_from_its_copy(fresh, mini_dir, monkeypatch) -> None:
    made = load_network(mini_dir)
    assert len(list(fresh.glob("network-*.pickle"))) == 1
    network_module._load_cached.cache_clear()

    def unread(*args, **kwargs):
        raise AssertionError("the layers were read again")

    monkeypatch.setattr(network_module, "read_json", unread)
    again = load_network(mini_dir)
    assert again is not made
    assert list(again.nodes.index) == list(made.nodes.index)
    assert again.links["distance_km"].tolist() == made.links["distance_km"].tolist()


def test_an_edited_layer_is_read_again(fresh, mini_dir, tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(mini_dir, data)
    load_network(data)
    corridors = data / "corridors.json"
    corridors.write_text(corridors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    network_module._load_cached.cache_clear()
    load_network(data)
    assert len(list(fresh.glob("network-*.pickle"))) == 2  # one copy per state of the files


def test_a_network_that_fails_its_checks_is_not_kept(fresh, mini_dir, tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(mini_dir, data)
    (data / "links.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(NetworkValidationError):
        load_network(data)
    assert not list(fresh.glob("network-*.pickle"))


def test_a_cache_that_cannot_be_written_is_passed_over(monkeypatch, mini_dir, tmp_path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    network_module._load_cached.cache_clear()
    try:
        assert len(load_network(mini_dir).nodes) > 0
    finally:
        network_module._load_cached.cache_clear()


def test_a_broken_copy_is_made_again(fresh, mini_dir) -> None:
    load_network(mini_dir)
    (copy,) = fresh.glob("network-*.pickle")
    copy.write_bytes(b"cut short")
    network_module._load_cached.cache_clear()
    assert len(load_network(mini_dir).nodes) > 0
    assert copy.read_bytes() != b"cut short"  # replaced by a whole one


def test_old_copies_do_not_pile_up(fresh, mini_dir, tmp_path, monkeypatch) -> None:
    from corridors import disk_cache

    monkeypatch.setattr(disk_cache, "KEPT_COPIES", 2)
    data = tmp_path / "data"
    shutil.copytree(mini_dir, data)
    corridors = data / "corridors.json"
    for _ in range(4):  # four states of the files, four copies made
        corridors.write_text(corridors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        network_module._load_cached.cache_clear()
        load_network(data)
    assert len(list(fresh.glob("network-*.pickle"))) == 2
