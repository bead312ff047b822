"""The app in a real browser: headless Debian Chromium through python playwright.

Starts the server the way ``make run`` does, asks one route through the form, checks that the
deck.gl map canvas is drawn (several distinct colours, the route's own colours among them) and
that no request left this machine. Screenshots of every page go to ``tests/artifacts/``.

Never ``playwright install``: the browser is Debian's ``/usr/bin/chromium`` (``make browser``).
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ui.serve import ServerDidNotStart, served

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT_MS = 60_000
#: Load times (the spec asks for < 3 s once the server has started) are written to
#: tests/artifacts/load_times.txt: the page's content on screen, and the map drawn (WebGL runs
#: in software in this headless Chromium, --disable-gpu).
WARM_LOADS = 1  # the bench (bench/officials.py) times the map; this only records one
SCREENSHOT_HEIGHT_PX = 2400
BATCH_CSV = (
    "shipment_id,origin,destination,cargo,weight_t,volume_m3,priority\n"
    "B1,Taiyuan,Moscow,general,18,40,balanced\n"
    "B2,Datong,Xanadu-under-the-Sea,general,5,10,balanced\n"  # no place (Atlantis is one: ZA)
    "B3,Yuncheng,Rotterdam,perishable,heavy,30,fastest\n"
    "B4,Lvliang,Almaty,bulk,60,45,cheapest\n"
)
#: A drawn map (water, land, outlines, lines, markers) has far more colours than this.
MIN_DISTINCT_COLOURS = 8
#: Schemes that never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (make browser installs it)"
    ),
]


SERVER_LOG: dict[str, Path] = {}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``make run``'s command on a free port; yields the base URL (the log: SERVER_LOG)."""
    log_path = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    SERVER_LOG["path"] = log_path
    log = log_path.open("w+")  # noqa: SIM115
    try:
        with served(log=log) as base:
            yield base
    except ServerDidNotStart:
        log.seek(0)
        pytest.fail(f"streamlit did not start:\n{log.read()[-3000:]}")
    finally:
        log.close()


@pytest.fixture(scope="module")
def browser_page(server):
    """A fresh Chromium profile; every request URL is recorded in ``page.requests``."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1440, "height": 1000},
                locale="en-US",
            )
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.requests = requests  # type: ignore[attr-defined]
            try:
                yield page
            finally:
                context.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.hostname in LOCAL_HOSTS


#: Streamlit's "running" icons. (The status widget itself also shows "source file changed",
#: which other work in the repository can trigger at any time: not a sign of a running script.)
RUNNING = (
    '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"],'
    ' [data-testid="stStatusWidgetNewYearsIcon"]'
)


def _wait_for_app(page) -> None:
    """Until Streamlit has finished the run (no 'running' indicator) and the body is there."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        f"() => !document.querySelector('{RUNNING}')",
        timeout=PAGE_TIMEOUT_MS,
    )


def _map_canvas(page, index: int = 0):
    charts = page.locator('[data-testid="stDeckGlJsonChart"]')
    charts.nth(index).wait_for(state="visible")
    canvas = charts.nth(index).locator("canvas").first
    canvas.wait_for(state="visible")
    return canvas


def _screenshot(page, name: str) -> None:
    """A tall screenshot of the whole page (Streamlit scrolls inside, not the document)."""
    size = page.viewport_size
    page.evaluate("document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
    page.set_viewport_size({"width": size["width"], "height": SCREENSHOT_HEIGHT_PX})
    time.sleep(1.5)  # let the map redraw at the new size
    page.screenshot(path=ARTIFACTS / f"{name}.png")
    page.set_viewport_size(size)


def _hover_tooltip(page, rgb, tolerance: int = 12) -> str:
    """Move the mouse over pixels of colour ``rgb`` on the map until deck.gl shows a tooltip."""
    from PIL import Image

    canvas = _map_canvas(page)
    canvas.scroll_into_view_if_needed()
    time.sleep(0.5)
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    box = canvas.bounding_box()
    scale = image.size[0] / box["width"]
    hits = [
        (x, y)
        for y in range(0, image.size[1], 4)
        for x in range(0, image.size[0], 4)
        if all(abs(a - b) <= tolerance for a, b in zip(image.getpixel((x, y)), rgb, strict=True))
    ]
    tooltip = page.locator(".deck-tooltip")
    for x, y in hits[:: max(len(hits) // 12, 1)]:
        page.mouse.move(box["x"] + x / scale, box["y"] + y / scale)
        try:
            tooltip.wait_for(state="visible", timeout=1500)
        except Exception:  # noqa: BLE001 - not on a pickable pixel; try the next one
            continue
        page.screenshot(path=ARTIFACTS / "map_tooltip.png")
        return tooltip.inner_text()
    raise AssertionError(f"no tooltip over {len(hits)} pixels of colour {rgb}")


def _colours(png: bytes) -> dict[tuple[int, int, int], int]:
    """How many of every third pixel, each way, have each colour (in arrays: the map is polled
    until drawn, and a loop over pixels took 0.2 s a poll)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))[::3, ::3].reshape(-1, 3)
    packed = pixels.astype(np.int64) @ np.array([1 << 16, 1 << 8, 1])
    colours, counts = np.unique(packed, return_counts=True)
    return {
        (int(c >> 16), int(c >> 8 & 255), int(c & 255)): int(n)
        for c, n in zip(colours, counts, strict=True)
    }


def _blank_columns(png: bytes) -> int:
    """Columns of the canvas with nothing drawn (pure white): a map should have none."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    return sum(
        all(image.getpixel((x, y)) == (255, 255, 255) for y in range(0, height, 5))
        for x in range(width)
    )


def _near(counts: dict[tuple[int, int, int], int], rgb, tolerance: int = 40) -> int:
    return sum(
        n
        for c, n in counts.items()
        if all(abs(a - b) <= tolerance for a, b in zip(c, rgb, strict=True))
    )


def _drawn_canvas(
    page, index: int = 0, *, timeout_s: float = 20.0, whole: bool = False
) -> tuple[bytes, dict]:
    """Screenshot of a map canvas once deck.gl has drawn something on it (``whole``: on every
    column: a loaded machine draws the map's pictures a while after its first colours)."""
    canvas = _map_canvas(page, index)
    deadline = time.monotonic() + timeout_s
    while True:
        png = canvas.screenshot()
        counts = _colours(png)
        drawn = len(counts) >= MIN_DISTINCT_COLOURS and not (whole and _blank_columns(png))
        if drawn or time.monotonic() > deadline:
            return png, counts
        time.sleep(0.3)


# The tests share one server and one browser page, and run in this order: the first times the
# server's first load; the last checks every request the others made. (`make test` hands each
# file to one pytest-xdist worker, --dist loadfile: these run in one process, in order.)


def test_corridor_map_draws_and_its_loads_are_recorded(server, browser_page):
    from ui.maps import CORRIDOR_COLOURS, WATER

    page = browser_page
    # the corridor map first: time a cold load, then warm ones (server started, caches warm);
    # the best warm load is the app's own time, the others include whatever else the machine runs
    header = page.get_by_role("heading", name="Shanxi's corridors and open-economy platforms")
    started = time.monotonic()
    page.goto(f"{server}/corridors?lang=en")
    header.wait_for()
    cold_page_s = time.monotonic() - started
    _drawn_canvas(page)
    cold_map_s = time.monotonic() - started
    loads: list[tuple[float, float]] = []
    for _ in range(WARM_LOADS):
        started = time.monotonic()
        page.goto(f"{server}/corridors?lang=en")
        header.wait_for()
        page_s = time.monotonic() - started
        png, counts = _drawn_canvas(page)
        loads.append((page_s, time.monotonic() - started))
    _wait_for_app(page)
    _screenshot(page, "corridors")
    (ARTIFACTS / "corridors_canvas.png").write_bytes(png)
    (ARTIFACTS / "load_times.txt").write_text(
        f"corridor page, first load after start: content {cold_page_s:.2f} s,"
        f" map drawn {cold_map_s:.2f} s\n"
        + "".join(
            f"corridor page, warm load {i}: content {p:.2f} s, map drawn {m:.2f} s\n"
            for i, (p, m) in enumerate(loads, start=1)
        ),
        encoding="utf-8",
    )
    assert len(counts) >= MIN_DISTINCT_COLOURS, "corridor map canvas looks blank"
    assert _near(counts, WATER, 6) > 0, "no water-coloured background on the corridor map"
    # a link's tooltip is text in lines, never markup shown as it is (issue 12: a literal <br/>);
    # the lines' own layer, which carries their tooltips, is a choice (ui.corridor_pictures)
    page.goto(f"{server}/corridors?lang=en&layers=land,links")
    _wait_for_app(page)
    _drawn_canvas(page)
    tooltip = _hover_tooltip(page, CORRIDOR_COLOURS["rail_abroad"], tolerance=12)
    assert "<br" not in tooltip and "km" in tooltip, tooltip
    # Load times are recorded above, not asserted: speed is measured, not unit-tested (a loaded
    # CI machine would make a time limit flaky); the waits' own timeouts catch a hang.


def _pick_moscow(page, box) -> None:
    """Type "Moscow" into a place box and pick the listed place: typed only once its list is
    open (on a busy machine the keys went before it and were lost)."""
    box.click()
    page.locator('[role="listbox"]').first.wait_for(state="visible")
    page.keyboard.type("Moscow")
    page.locator('[role="option"]').filter(has_text="Moscow ·").first.click()


def test_a_route_through_the_form_draws_its_legs(server, browser_page):
    from ui.maps import MODE_COLOURS

    page = browser_page
    page.goto(f"{server}/?lang=en")
    _wait_for_app(page)
    form = page.locator('[data-testid="stForm"]')
    # the listed place (a typed name is accepted too, and resolved to the same id)
    _pick_moscow(page, form.locator('[data-testid="stSelectbox"]').nth(1))
    started = time.monotonic()
    form.get_by_role("button", name="Plan routes").click()
    page.get_by_text("Port of exit").first.wait_for()
    with (ARTIFACTS / "load_times.txt").open("a", encoding="utf-8") as times:
        times.write(
            f"route query (Taiyuan → Moscow): options shown {time.monotonic() - started:.2f} s\n"
        )
    _wait_for_app(page)
    assert "to=moscow" in page.url, f"the query is not in the URL: {page.url}"
    png, counts = _drawn_canvas(page)
    (ARTIFACTS / "route_canvas.png").write_bytes(png)
    _screenshot(page, "route")
    assert len(counts) >= MIN_DISTINCT_COLOURS, "route map canvas looks blank"
    top_share = max(counts.values()) / sum(counts.values())
    assert top_share < 0.95, "route map is (almost) one colour"
    route_colours = [c for m, c in MODE_COLOURS.items() if _near(counts, c, 30) > 3]
    assert route_colours, "none of the modes' colours is drawn on the route map"
    # hovering a drawn leg shows its tooltip, in both languages
    tooltip = _hover_tooltip(page, MODE_COLOURS["rail"])
    assert "Rail" in tooltip and "铁路" in tooltip and "km" in tooltip, tooltip


def test_scenario_figures_and_batch_pages_show(server, browser_page):
    page = browser_page
    # a scenario from its link, and a batch with bad rows through the uploader
    page.goto(f"{server}/scenario?lang=en&close=erenhot")
    _wait_for_app(page)
    page.get_by_text("Download the scenario table").wait_for()
    _screenshot(page, "scenario")
    page.goto(f"{server}/figures?lang=zh")
    _wait_for_app(page)
    page.locator('[data-testid="stDataFrame"]').nth(1).wait_for()  # figures, then platforms
    _wait_for_app(page)
    assert page.get_by_text("各通道数据").count() == 1
    _screenshot(page, "figures_zh")
    page.goto(f"{server}/batch?lang=en")
    _wait_for_app(page)
    upload = ARTIFACTS / "shipments_with_bad_rows.csv"
    upload.write_text(BATCH_CSV, encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(upload)
    page.get_by_text("Rows in error").wait_for()
    _wait_for_app(page)
    _screenshot(page, "batch")


def _switch_language(page, label: str) -> None:
    page.locator('[data-testid="stSidebar"] label').filter(has_text=label).first.click()
    _wait_for_app(page)


def _submit_and_check(page, shows: str) -> None:
    page.locator('[data-testid="stForm"]').get_by_role("button").last.click()
    _wait_for_app(page)
    page.get_by_text(shows).first.wait_for()
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert not [a for a in alerts if a.lstrip().startswith("error")], alerts


def test_a_language_switch_both_ways_keeps_every_choice(server, browser_page):
    """English form, Moscow, fastest → 中文 → plan → English → plan: the same answer, the
    address in ids (issue 22: the browser sent back the old language's labels)."""
    page = browser_page
    page.goto(f"{server}/?lang=en")
    _wait_for_app(page)
    form = page.locator('[data-testid="stForm"]')
    _pick_moscow(page, form.locator('[data-testid="stSelectbox"]').nth(1))
    form.get_by_text("Fastest", exact=True).click()
    _submit_and_check(page, "Port of exit")
    for label, shows in (("中文", "出境口岸"), ("English", "Port of exit")):
        _switch_language(page, label)
        _submit_and_check(page, shows)
        assert "to=moscow" in page.url and "prio=fastest" in page.url, page.url
        assert "from=" not in page.url and "cargo=" not in page.url, page.url
    page.goto(f"{server}/scenario?lang=en&close=erenhot&cargo=perishable")
    _wait_for_app(page)
    shown = (("中文", "下载情景结果（CSV）"), ("English", "Download the scenario table"))
    for label, shows in shown:
        _switch_language(page, label)
        _submit_and_check(page, shows)
        assert "close=erenhot" in page.url and "cargo=perishable" in page.url, page.url
    _screenshot(page, "scenario_after_switch")


@pytest.mark.parametrize(
    ("path", "name"),
    [  # in Chinese, for the record: a route from its link, and the province's corridor map
        ("?lang=zh&from=yuncheng&to=rotterdam&cargo=perishable", "route_zh"),
        ("corridors?lang=zh&view=shanxi", "corridors_zh_shanxi"),
        ("scenario?lang=zh&close=tianjin_port&book=sample", "scenario_zh"),
        ("corridors?lang=en&view=world", "corridors_world"),
    ],
)
def test_a_map_from_its_link_is_drawn_whole(server, browser_page, path, name):
    page = browser_page
    page.goto(f"{server}/{path}")
    _wait_for_app(page)
    png, counts = _drawn_canvas(page, whole=True)
    assert len(counts) >= MIN_DISTINCT_COLOURS, f"{name}: map canvas looks blank"
    assert _blank_columns(png) == 0, f"{name}: part of the map is not drawn"
    _screenshot(page, name)


def test_no_request_left_the_machine(server, browser_page):
    page = browser_page
    page.goto(f"{server}/?lang=en")  # a page of its own, should it run alone
    _wait_for_app(page)
    outside = sorted({u for u in page.requests if not _is_local(u)})
    assert not outside, f"requests left the machine: {outside}"
    # nor did the server try (it looks up an external IP unless browser.serverAddress is set)
    log = SERVER_LOG["path"].read_text(encoding="utf-8", errors="replace")
    assert "External URL" not in log and "external IP" not in log, log[-2000:]
    assert any(_is_local(u) for u in page.requests)
