"""The drawn map and the one-page report: files, frames, labels and the schematic note."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridors import corridor_figures, load_network
from planner.cli import main as cli
from planner.scenario.closure import scenario_report
from planner.scenario.mapdraw import SCHEMATIC_NOTE, VIEWS, cjk_font, map_figure, view_bounds
from planner.scenario.report import report_bytes

ROOT = Path(__file__).resolve().parent.parent
PLANNER_DATA = ROOT / "tests" / "data" / "planner"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_map_command_writes_png_and_pdf(capsys, tmp_path):
    for name, magic in (("m.png", PNG_MAGIC), ("m.pdf", b"%PDF")):
        target = tmp_path / name
        argv = ["--data-dir", str(PLANNER_DATA), "map", "--close", "land_a", "-o", str(target)]
        assert cli.main([*argv, "--view", "eurasia"]) == 0, capsys.readouterr().err
        assert target.read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("extra", "says"),
    [(["--close", "no_such_id"], "--close"), (["-o", "map.svg"], ".png or .pdf")],
)
def test_map_command_bad_input_is_one_line(capsys, tmp_path, extra, says):
    argv = ["--data-dir", str(PLANNER_DATA), "map", "-o", str(tmp_path / "map.png"), *extra]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err


def test_every_view_frames_the_crossings_and_ports_it_labels(real_network):
    nodes = real_network.nodes
    home = nodes[(nodes["country"] == "CN") & nodes["kind"].isin(["border_crossing", "seaport"])]
    for view in ("china", "eurasia", "world"):
        west, south, east, north = view_bounds(real_network, view)
        inside = home["lon"].between(west, east) & home["lat"].between(south, north)
        assert inside.all(), (view, list(home.index[~inside]))
    west, south, east, north = view_bounds(real_network, "china")
    assert west < nodes.at["horgos", "lon"] and west < nodes.at["alashankou", "lon"]
    shanxi = view_bounds(real_network, "shanxi")
    assert shanxi[2] - shanxi[0] < 10  # the province, not China


def test_the_map_says_it_is_schematic_and_labels_places(real_network):
    assert cjk_font() is not None, "make browser installs the CJK font"
    figure = map_figure(real_network, view="china", closed=["erenhot"])
    texts = [t.get_text() for t in figure.texts] + [
        t.get_text() for ax in figure.axes for t in ax.texts
    ]
    assert SCHEMATIC_NOTE in texts and "审图号" in SCHEMATIC_NOTE
    assert any("Horgos" in t for t in texts) and any("Erenhot" in t for t in texts)
    chinese = map_figure(real_network, view="china", lang="zh")
    assert any("二连浩特" in t.get_text() for ax in chinese.axes for t in ax.texts)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert len(legend) == len(set(legend))  # one entry, one colour per corridor
    handles = figure.legends[0].legend_handles
    colours = [tuple(h.get_color()) for h in handles if h.get_marker() in (None, "None", "")]
    assert len(colours) < len(handles), "the kinds of place marked are in the legend too"
    assert len(set(colours)) == len(colours)
    assert set(VIEWS) == {"shanxi", "china", "eurasia", "world"}


def test_one_page_report_in_both_languages(tmp_path):
    network = load_network(PLANNER_DATA)
    report = scenario_report(["land_a"], origin="beta", network=network)
    figures = corridor_figures(network)
    assert report_bytes(report, network, figures, "png", lang="zh").startswith(PNG_MAGIC)
    assert report_bytes(report, network, figures, "pdf", lang="en").startswith(b"%PDF")


#: How far a label may lie from its point, read back from the drawing: on the page (points)
#: and on the ground (km) in each view.
LABEL_GAP_PT = 8.0
LABEL_GAP_KM = {"shanxi": 25, "china": 90, "eurasia": 220}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", ["shanxi", "china", "eurasia"])
def test_labels_sit_at_their_points_and_never_overlap(real_network, view, lang):
    """Issue 22 item 4: the exported map's labels read back from the drawing: each beside its
    point (no 秦皇岛港 over Datong), none over another, the ports that matter named."""
    import io
    import math

    from planner.scenario.labels import written_labels

    figure = map_figure(real_network, view=view, lang=lang)
    figure.savefig(io.BytesIO(), format="png", dpi=72)  # laid out as it is saved
    found = written_labels(figure)
    assert len(found) >= 5, found
    ax = figure.axes[0]
    to_data, points = ax.transData.inverted(), figure.dpi / 72
    nodes = real_network.nodes
    for ident, (lon, lat), box in found:
        assert (lon, lat) == (nodes.at[ident, "lon"], nodes.at[ident, "lat"]), ident
        x, y = ax.transData.transform((lon, lat))
        near = (min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1))
        assert math.dist((x, y), near) <= LABEL_GAP_PT * points, ident
        near_lon, near_lat = to_data.transform(near)
        assert _km(lon, lat, near_lon, near_lat) <= LABEL_GAP_KM[view], ident
    boxes = [box for _, _, box in found]
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1 :]), found[i][0]
    named = {ident for ident, _, _ in found}
    assert "taiyuan" in named
    if view != "shanxi":
        assert {"tianjin_port", "erenhot", "horgos"} <= named, named
    title = figure.texts[0].get_text()
    assert title.startswith("山西" if lang == "zh" else "Shanxi"), title


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    "line",
    [
        "关闭前也无路线的目的地单独计数不算作中断关闭前也无路线的目的地 16,835 美元、CO2e 24.0 吨",
        "关闭前也无路线的目的地单独计数不算作中断关闭前也无路线的目的地单独。合计多用 276.1 天",
    ],
)
def test_a_chinese_report_line_breaks_between_words_not_inside_numbers(line):
    from planner.scenario.report import _wrapped

    lines = _wrapped(line, "zh", scale=0.5)  # 33 characters a line: the line must break
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")  # nothing lost
    for number in ("16,835", "24.0", "CO2e", "276.1"):
        if number in line:
            assert any(number in part for part in lines), number  # never cut across lines
    assert not any(part[0] in "。，、；：）" for part in lines[1:])  # no line opens on a stop


def test_a_label_keeps_off_the_dots_drawn_over_the_map_but_its_own():
    """The app's map draws its platforms and places as dots over the picture: a label under
    one was hidden (天津 under the platforms). A label goes to a spot no dot covers, beside a
    dot at its own point."""
    from matplotlib.transforms import Bbox

    from planner.scenario.labels import Label, place_labels, written_labels
    from planner.scenario.mapdraw import new_figure

    figure = new_figure((4, 4))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    dots = [(50.0, 50.0, 6.0), (60.0, 50.0, 12.0)]  # its own, and one on its right
    place_labels(ax, [Label("tianjin", 50.0, 50.0, "Tianjin Port")], size=8, offset_pt=4,
                 obstacles=dots)  # fmt: skip
    (ident, _, box), = written_labels(figure)
    x, y = ax.transData.transform((60.0, 50.0))
    half = 12.0 * figure.dpi / 72
    assert ident == "tianjin"
    assert not box.overlaps(Bbox.from_extents(x - half, y - half, x + half, y + half))


def test_a_label_with_a_dot_on_every_side_is_written_still():
    """Where every spot around a point is under a dot, the name is written as it was before
    the dots were known (Tianjin is not lost for the platforms beside it)."""
    from planner.scenario.labels import Label, place_labels, written_labels
    from planner.scenario.mapdraw import new_figure

    figure = new_figure((4, 4))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ring = [(50.0 + dx, 50.0 + dy, 40.0) for dx in (-20, 0, 20) for dy in (-20, 0, 20)]
    place_labels(ax, [Label("tianjin", 50.0, 50.0, "Tianjin Port")], size=8, offset_pt=4,
                 obstacles=[d for d in ring if d[:2] != (50.0, 50.0)])  # fmt: skip
    assert [ident for ident, _, _ in written_labels(figure)] == ["tianjin"]


def test_a_minor_label_with_a_dot_on_every_side_gives_way():
    """In the app's China view Shanxi's cities sat on the platforms' dots, names over dots
    hiding both: a minor name (``over_dots=False``) is left out where every spot is under one,
    the major one beside it is written."""
    from planner.scenario.labels import Label, place_labels, written_labels
    from planner.scenario.mapdraw import new_figure

    figure = new_figure((4, 4))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ring = [(50.0 + dx, 50.0 + dy, 40.0) for dx in (-8, 0, 8) for dy in (-8, 0, 8)]
    labels = [Label("taiyuan", 50.0, 50.0, "Taiyuan"),
              Label("jinzhong", 50.0, 50.0, "Jinzhong", over_dots=False)]  # fmt: skip
    place_labels(ax, labels, size=8, offset_pt=4,
                 obstacles=[d for d in ring if d[:2] != (50.0, 50.0)])  # fmt: skip
    assert [ident for ident, _, _ in written_labels(figure)] == ["taiyuan"]


def test_beyond_the_province_view_only_the_first_city_may_cover_the_dots(real_network):
    from ui.map_network import label_records

    for view, major in (("china", ["taiyuan"]), ("shanxi", None)):
        records = label_records(real_network, "zh", view)
        cities = [r["id"] for r in records if r["kind"] == "city"]
        kept = [r["id"] for r in records if r["kind"] == "city" and not r["minor"]]
        assert kept == (major or cities) and len(cities) > 1
        assert not any(r["minor"] for r in records if r["kind"] != "city")


@pytest.mark.parametrize("view", ["shanxi", "china", "eurasia"])
def test_the_map_fills_its_frame_on_the_page(real_network, view):
    """Issue 22 item 4: the exported map fills the page but for its legend (the frame was
    measured after the basemap had shrunk it to the world's 2:1, and the map filled half)."""
    import io

    figure = map_figure(real_network, view=view, lang="zh")
    figure.savefig(io.BytesIO(), format="png", dpi=40)
    ax = figure.axes[0]
    given = ax.get_position(original=True).bounds
    assert ax.get_position().bounds == pytest.approx(given, abs=1e-3)
