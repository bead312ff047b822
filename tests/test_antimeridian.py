"""corridors.antimeridian: one cut, join, unwrap and frame for every reader of a line."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, MultiLineString

from corridors import antimeridian

# crosses once eastwards (Kamchatka to Alaska), then does not cross again
PACIFIC = [[160.0, 55.0], [175.0, 60.0], [-170.0, 62.0], [-160.0, 60.0]]


def test_a_line_cut_then_joined_then_cut_again_is_cut_once() -> None:
    parts = antimeridian.cut(PACIFIC)
    assert len(parts) == 2
    joined = antimeridian.joined_line(MultiLineString(parts))
    assert joined.geom_type == "LineString"
    assert antimeridian.cut(list(joined.coords)) == parts


def test_a_cut_already_in_the_line_starts_the_next_part() -> None:
    coords = [(170.0, 50.0), (180.0, 50.5), (-180.0, 50.5), (-170.0, 51.0)]
    assert antimeridian.cut(coords) == [
        [[170.0, 50.0], [180.0, 50.5]],
        [[-180.0, 50.5], [-170.0, 51.0]],
    ]


def test_a_longitude_beyond_the_antimeridian_is_wrapped_before_the_cut() -> None:
    assert antimeridian.wrapped_lon(190.0) == pytest.approx(-170.0)
    assert antimeridian.wrapped_lon(-190.0) == pytest.approx(170.0)
    assert antimeridian.wrapped_lon(180.0) == 180.0
    parts = antimeridian.cut([[175.0, 60.0], [190.0, 62.0]])
    assert [part[-1][0] for part in parts] == [180.0, pytest.approx(-170.0)]


def test_joined_line_leaves_a_line_that_is_not_cut_as_it_is() -> None:
    line = LineString([(0.0, 0.0), (1.0, 1.0)])
    assert antimeridian.joined_line(line) is line
    assert antimeridian.joined_line(None) is None


def test_unwrapped_runs_on_beyond_the_antimeridian() -> None:
    path = antimeridian.unwrapped(PACIFIC)
    assert [lon for lon, _ in path] == [160.0, 175.0, 190.0, 200.0]
    westward = antimeridian.unwrapped([[-175.0, 0.0], [175.0, 1.0]])
    assert [lon for lon, _ in westward] == [-175.0, -185.0]


@pytest.mark.parametrize(
    ("lons", "expected"),
    [
        ([100.0, 120.0], (100.0, 120.0)),
        ([170.0, -170.0], (170.0, 190.0)),  # across the antimeridian: 20° wide, not 340°
        ([-80.0, 80.0], (-80.0, 80.0)),  # across Greenwich is shorter here
        ([-100.0, 100.0], (100.0, 260.0)),  # 160° the other way round, not 200°
    ],
)
def test_extent_takes_the_shorter_way_round(
    lons: list[float], expected: tuple[float, float]
) -> None:
    assert antimeridian.extent(lons) == expected
