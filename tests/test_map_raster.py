"""ui.map_raster: the corridor map's basemap, lines and labels drawn as Web Mercator pictures,
and the pictures the corridor page shows (bounds that hold the view, the size asked for, labels
in the page's language, the lines of the layers shown)."""

from __future__ import annotations

import io
import math

import geopandas as gpd
import pytest
from PIL import Image
from shapely.geometry import box

from ui.map_raster import (
    MERCATOR_LAT,
    WORLD_PX,
    Raster,
    composed,
    draw_overlay,
    draw_raster,
    frame_bounds,
    latitude,
    mercator_y,
    raster_layer,
)

#: A square of "Shanxi" and the frame around it.
SQUARE = (110.0, 36.0, 112.0, 38.0)
FRAME = (100.0, 30.0, 124.0, 45.0)
SHANXI_FILL = (255, 236, 204)
WATER = (203, 225, 240)


def _layers() -> dict:
    return {"shanxi": gpd.GeoDataFrame(geometry=[box(*SQUARE)], crs="EPSG:4326")}


def _pixels(raster: Raster) -> Image.Image:
    return Image.open(io.BytesIO(raster.png)).convert("RGB")


def _pixel_of(raster: Raster, lon: float, lat: float) -> tuple[int, int]:
    """The picture's pixel at a place: linear in longitude and in the Mercator ordinate."""
    west, south, east, north = raster.bounds
    width, height = raster.size_px
    x = (lon - west) / (east - west) * width
    top, bottom = mercator_y(north), mercator_y(south)
    y = (top - mercator_y(lat)) / (top - bottom) * height
    return int(x), int(y)


def test_mercator_round_trip_and_scale() -> None:
    for lat in (-60.0, 0.0, 37.8, 70.0):
        assert latitude(float(mercator_y(lat))) == pytest.approx(lat, abs=1e-9)
    assert float(mercator_y(MERCATOR_LAT)) == pytest.approx(180.0, abs=1e-6)  # a square world
    assert float(mercator_y(90.0)) == pytest.approx(180.0, abs=1e-6)  # clipped, not infinite


def test_frame_bounds_are_what_a_map_of_that_size_shows() -> None:
    west, south, east, north = frame_bounds(112.0, 37.0, 5.0, 1400, 700)
    degrees_per_px = 360.0 / (WORLD_PX * 2**5)
    assert east - west == pytest.approx(1400 * degrees_per_px)
    assert mercator_y(north) - mercator_y(south) == pytest.approx(700 * degrees_per_px)
    assert (west + east) / 2 == pytest.approx(112.0)
    # a wide frame stops at the one world Web Mercator draws
    assert frame_bounds(60.0, 30.0, 0.5, 3000, 3000) == pytest.approx(
        (-180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT)
    )


def test_picture_is_mercator_with_exact_bounds() -> None:
    raster = draw_raster(_layers(), FRAME, 600, scale=2.0)
    assert raster.png.startswith(b"\x89PNG")
    assert raster.bounds == FRAME
    width, height = raster.size_px
    ratio = (mercator_y(FRAME[3]) - mercator_y(FRAME[1])) / (FRAME[2] - FRAME[0])
    assert width == 1200 and height == pytest.approx(1200 * ratio, abs=1)
    image = _pixels(raster)

    def near(rgb, expected) -> bool:
        return all(abs(a - b) <= 6 for a, b in zip(rgb, expected, strict=True))

    # inside the square, and water just outside each of its edges (4 pixels: its outline is 2)
    assert near(image.getpixel(_pixel_of(raster, 111.0, 37.0)), SHANXI_FILL)
    for lon, lat in ((111.0, 38.1), (111.0, 35.9), (109.9, 37.0), (112.1, 37.0)):
        assert near(image.getpixel(_pixel_of(raster, lon, lat)), WATER), (lon, lat)
    # the square's top edge lies where Mercator puts 38°N, not where a linear latitude would
    x, top = _pixel_of(raster, 111.0, 38.0)
    linear = round((FRAME[3] - 38.0) / (FRAME[3] - FRAME[1]) * height)
    assert abs(top - linear) > 5
    edge = [y for y in range(top - 6, top + 7) if not near(image.getpixel((x, y)), WATER)]
    assert edge and abs(edge[0] - top) <= 2, (edge, top)


def test_labels_are_drawn_and_overlapping_ones_left_out() -> None:
    plain = draw_raster(_layers(), FRAME, 600)
    label = {"position": [111.0, 37.0], "text": "Taiyuan"}
    labelled = draw_raster(_layers(), FRAME, 600, labels=[label])
    assert labelled.png != plain.png
    crowded = draw_raster(_layers(), FRAME, 600, labels=[label] * 6)
    # a label goes right, left, above or below its place: copies beyond those spots are left out
    assert crowded.png == draw_raster(_layers(), FRAME, 600, labels=[label] * 4).png


def test_raster_layer_is_an_offline_bitmap_over_its_bounds() -> None:
    raster = draw_raster(_layers(), FRAME, 300)
    layer = raster_layer(raster, "basemap_frame").to_json()
    assert '"@@type": "BitmapLayer"' in layer
    # a string, not an accessor expression: the picture is in the page, nothing is fetched
    assert '"image": "data:image/png;base64,' in layer
    assert '"pickable": false' in layer


# --- the corridor page's pictures ---------------------------------------------------------------


@pytest.fixture()
def mini_pictures(mini_dir, monkeypatch):
    monkeypatch.setenv("SHANXI_CORRIDORS_DATA", str(mini_dir))
    from ui import corridor_pictures

    return corridor_pictures


@pytest.mark.parametrize("view", ["shanxi", "china", "eurasia"])
def test_a_views_picture_holds_what_the_view_frames(mini_pictures, mini_network, view) -> None:
    from planner.scenario.views import view_bounds

    page = mini_pictures
    raster = page.frame_picture(str(page.data.data_dir()), view, "en", ("land",), True)
    west, south, east, north = raster.bounds
    v_west, v_south, v_east, v_north = view_bounds(mini_network, view)
    assert west <= v_west and east >= v_east and south <= v_south and north >= v_north
    # as many pixels as the map's frame at the view's zoom, times the scale
    zoom = page.view_state(mini_network, view).zoom
    width_px = (east - west) / (360.0 / (WORLD_PX * 2**zoom)) * page.RASTER_SCALE
    assert raster.size_px[0] == pytest.approx(width_px, abs=2)
    frame_px = page.FRAME_PX[0] * page.RASTER_SCALE
    if -180.0 < west and east < 180.0:
        assert raster.size_px[0] == pytest.approx(frame_px, abs=2)
    else:  # cut at the edge of the world
        assert raster.size_px[0] < frame_px


def test_the_pictures_labels_and_lines_follow_the_language_and_the_layers(mini_pictures) -> None:
    page = mini_pictures
    directory = str(page.data.data_dir())
    lines = ("land", "air")
    english = page.frame_picture(directory, "china", "en", lines, True)
    chinese = page.frame_picture(directory, "china", "zh", lines, True)
    unlabelled = page.frame_picture(directory, "china", "en", lines, False)
    fewer = page.frame_picture(directory, "china", "en", ("air",), True)
    assert english.bounds == chinese.bounds == unlabelled.bounds == fewer.bounds
    assert len({english.png, chinese.png, unlabelled.png, fewer.png}) == 4
    world = page.world_picture(directory, lines)
    assert world.png != page.world_picture(directory, ()).png
    assert world.size_px == (page.WORLD_RASTER_PX, page.WORLD_RASTER_PX)
    assert world.bounds[0] == -180.0 and world.bounds[2] == 180.0
    assert math.isclose(world.bounds[3], MERCATOR_LAT)


# --- lines and labels laid on a basemap ----------------------------------------------------------


def test_an_overlay_draws_its_lines_where_they_are_on_a_transparent_picture() -> None:
    line = {"from": [104.0, 40.0], "to": [120.0, 40.0], "color": [200, 30, 45], "width": 4}
    overlay = draw_overlay(FRAME, 600, scale=1.0, lines=[line])
    assert (
        overlay.bounds == FRAME
        and overlay.size_px == draw_raster(_layers(), FRAME, 600, scale=1.0).size_px
    )
    image = Image.open(io.BytesIO(overlay.png)).convert("RGBA")
    on_line = image.getpixel(_pixel_of(overlay, 112.0, 40.0))
    assert on_line[3] == 255 and abs(on_line[0] - 200) <= 12 and on_line[2] < 80, on_line
    assert image.getpixel(_pixel_of(overlay, 112.0, 42.0))[3] == 0, "transparent off the line"
    assert image.getpixel(_pixel_of(overlay, 102.0, 40.0))[3] == 0, "the line stops at its end"


def test_a_composed_picture_is_the_overlay_on_the_basemap() -> None:
    base = draw_raster(_layers(), FRAME, 600, scale=1.0)
    line = {"from": [111.0, 31.0], "to": [111.0, 44.0], "color": [200, 30, 45], "width": 4}
    both = composed(base, draw_overlay(FRAME, 600, scale=1.0, lines=[line]))
    assert both.bounds == FRAME and both.size_px == base.size_px
    image = _pixels(both)
    red = image.getpixel(_pixel_of(both, 111.0, 40.0))
    assert abs(red[0] - 200) <= 12 and red[2] < 80, red  # the line, over the water
    near = image.getpixel(_pixel_of(both, 113.0, 40.0))
    assert all(abs(a - b) <= 6 for a, b in zip(near, WATER, strict=True)), near
    other = draw_overlay((100.0, 30.0, 125.0, 45.0), 600, scale=1.0)
    with pytest.raises(ValueError, match="other bounds"):
        composed(base, other)
