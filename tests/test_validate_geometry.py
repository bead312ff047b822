"""corridors.validate_geometry: links cut at the antimeridian (RFC 7946 section 3.1.9).

A link across the 180th meridian must be a MultiLineString cut there, its parts meeting at ±180
and ∓180 on one latitude; an uncut crossing, parts that do not meet, and ends away from the
link's nodes are each reported (through :func:`corridors.validate_layers`).
"""

from __future__ import annotations

import pytest

from corridors import validate_layers

# Anadyr (177.5 E) to Provideniya (173.2 W) across the Bering Sea; the geodesic between them
# crosses the 180th meridian at 64.6995 N.
ANADYR = (177.5, 64.73)
PROVIDENIYA = (-173.2, 64.4)
CROSSING_LAT = 64.6995


def _pacific_layers(geometry: dict) -> tuple[dict, dict, dict]:
    def point(nid: str, lonlat: tuple[float, float]) -> dict:
        props = {"id": nid, "name_en": nid, "name_zh": nid, "source": "test", "kind": "city"}
        props["country"] = "RU"
        return {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "Point", "coordinates": list(lonlat)},
        }

    nodes = {
        "type": "FeatureCollection",
        "features": [point("anadyr", ANADYR), point("provideniya", PROVIDENIYA)],
    }
    link = {
        "type": "Feature",
        "properties": {
            "id": "sea_anadyr_provideniya",
            "from": "anadyr",
            "to": "provideniya",
            "mode": "sea",
            "corridor": "sea_lanes",
            "name_en": "Bering",
            "name_zh": "白令",
            "source": "test",
        },
        "geometry": geometry,
    }
    corridors = {
        "corridors": [
            {
                "id": "sea_lanes",
                "name_en": "Sea",
                "name_zh": "海运",
                "kind": "sea",
                "source": "test",
            }
        ],
        "railways": [],
    }
    return nodes, {"type": "FeatureCollection", "features": [link]}, corridors


def _cut(
    first_end: float = 180.0, second_start: float = -180.0, second_lat: float = CROSSING_LAT
) -> dict:
    return {
        "type": "MultiLineString",
        "coordinates": [
            [list(ANADYR), [first_end, CROSSING_LAT]],
            [[second_start, second_lat], list(PROVIDENIYA)],
        ],
    }


def test_a_link_cut_at_the_antimeridian_is_valid() -> None:
    assert validate_layers(*_pacific_layers(_cut())) == []


def test_the_same_link_uncut_is_reported() -> None:
    line = {"type": "LineString", "coordinates": [list(ANADYR), list(PROVIDENIYA)]}
    problems = validate_layers(*_pacific_layers(line))
    assert problems == [
        "links.geojson: feature 'sea_anadyr_provideniya': crosses the antimeridian between "
        "[177.5, 64.73] and [-173.2, 64.4] without being cut into a MultiLineString there"
    ]


@pytest.mark.parametrize(
    ("first_end", "second_start", "second_lat"),
    [
        (180.0, 180.0, CROSSING_LAT),
        (179.0, -179.0, CROSSING_LAT),
        (180.0, -180.0, CROSSING_LAT + 0.5),
    ],
    ids=["same_side", "short_of_the_meridian", "latitudes_differ"],
)
def test_parts_must_meet_at_plus_and_minus_180(
    first_end: float, second_start: float, second_lat: float
) -> None:
    problems = validate_layers(*_pacific_layers(_cut(first_end, second_start, second_lat)))
    assert any("parts 1 and 2 are not joined at the antimeridian" in p for p in problems), problems


def test_cut_link_ends_are_checked_on_its_first_and_last_points() -> None:
    geometry = _cut()
    geometry["coordinates"][1][-1] = [-170.0, 64.4]  # about 145 km east of Provideniya
    problems = validate_layers(*_pacific_layers(geometry))
    assert len(problems) == 1 and "geometry ends" in problems[0]
    assert "from its 'to' node 'provideniya'" in problems[0]
    geometry["coordinates"][0][0] = [170.0, 64.73]
    problems = validate_layers(*_pacific_layers(geometry))
    assert any("geometry starts" in p for p in problems) and len(problems) == 2


def test_other_geometry_types_are_still_rejected() -> None:
    polygon = {"type": "Polygon", "coordinates": [[list(ANADYR), [180, 65], list(ANADYR)]]}
    problems = validate_layers(*_pacific_layers(polygon))
    assert problems == [
        "links.geojson: feature 'sea_anadyr_provideniya': geometry is not a LineString or "
        "MultiLineString (found 'Polygon')"
    ]
