"""``make bench`` for officials (issue 12): a scenario over every destination, the drawn map, and
the corridor map against a bare pydeck page in the same headless Chromium.

(d) ``planner.scenario`` over every default destination from Taiyuan, warm (the route library
    grown by a first run): median of 5. Target: under 1 s.
(e) ``planner.scenario.mapdraw.map_bytes`` of the China view as PNG and PDF: median of 3 (no target:
    recorded).
(f) the corridor page's map against a bare pydeck page (``bench/bare_map.py``), each served by
    its own Streamlit process on a free port, loaded in turn in one headless Chromium (Debian's,
    never downloaded): the time from navigation until the map's canvas shows something and
    stops changing; one warm-up load each, then the median of 5 warm loads. Target: at most 1.5x.

Prints a small table and writes ``bench/officials_results.json``. Run:
``.venv/bin/python bench/officials.py [--loads 5] [--no-browser]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ui.serve import served  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "officials_results.json"
CHROMIUM = "/usr/bin/chromium"
SCENARIO_TARGET_S = 1.0
MAP_TARGET = 1.5
#: Two canvas screenshots this far apart that are the same: the map has settled.
SETTLE_STEP_S = 0.25
SETTLE_TIMEOUT_S = 40.0
MIN_COLOURS = 6


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def scenario_times(runs: int = 5) -> list[float]:
    from corridors import load_network
    from planner.scenario.closure import scenario

    network = load_network()
    scenario(["land_erenhot"], network=network)  # grow the route library
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        scenario(["land_erenhot"], network=network)
        times.append(time.perf_counter() - start)
    return times


def map_times(runs: int = 3) -> dict[str, list[float]]:
    from corridors import load_network
    from planner.scenario.mapdraw import map_bytes

    network = load_network()
    times: dict[str, list[float]] = {"png": [], "pdf": []}
    for fmt in times:
        for _ in range(runs):
            start = time.perf_counter()
            map_bytes(network, fmt, view="china", closed=["land_erenhot"])
            times[fmt].append(time.perf_counter() - start)
    return times


def _colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").reduce(4)
    return len(image.getcolors(maxcolors=1 << 20) or ())


def _settle_s(page, url: str) -> float:
    """Seconds from navigation until the first map canvas is drawn and stops changing."""
    start = time.monotonic()
    page.goto(url)
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(state="visible", timeout=SETTLE_TIMEOUT_S * 1000)
    previous = None
    while time.monotonic() - start < SETTLE_TIMEOUT_S:
        png = canvas.screenshot()
        if png == previous and _colours(png) >= MIN_COLOURS:
            return time.monotonic() - start - SETTLE_STEP_S  # it was already settled
        previous = png
        time.sleep(SETTLE_STEP_S)
    raise SystemExit(f"the map at {url} did not settle in {SETTLE_TIMEOUT_S:.0f} s")


def browser_times(loads: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"corridor_map": [], "bare_pydeck": []}
    with (
        served("app.py", python=_python()) as app,
        served("bench/bare_map.py", python=_python()) as bare,
    ):
        urls = {"corridor_map": f"{app}/corridors?lang=en", "bare_pydeck": bare}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for attempt in range(loads + 1):  # A B A B ...: the machine's load weighs on both
                for name, url in urls.items():
                    elapsed = _settle_s(page, url)
                    if attempt:
                        times[name].append(elapsed)
                    said = f"load {attempt or 'warm-up'}: {elapsed:.2f} s"
                    print(f"  {name}: {said}", file=sys.stderr)
            browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="warm loads of each page")
    parser.add_argument("--no-browser", action="store_true", help="skip (f)")
    args = parser.parse_args(argv)
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    scenario = scenario_times()
    results["scenario_warm_s"] = {"times": scenario, "median": statistics.median(scenario),
                                  "target": SCENARIO_TARGET_S}  # fmt: skip
    drawn = map_times()
    results["map_draw_s"] = {fmt: statistics.median(v) for fmt, v in drawn.items()}
    lines = [
        f"(d) scenario, every destination, warm: {statistics.median(scenario):.3f} s "
        f"(target < {SCENARIO_TARGET_S:.0f} s)",
        f"(e) drawn map, China view: PNG {results['map_draw_s']['png']:.2f} s, "
        f"PDF {results['map_draw_s']['pdf']:.2f} s",
    ]
    if not args.no_browser and Path(CHROMIUM).exists():
        loads = browser_times(args.loads)
        corridor, bare = (statistics.median(loads[k]) for k in ("corridor_map", "bare_pydeck"))
        results["map_settle_s"] = {**loads, "corridor_median": corridor, "bare_median": bare,
                                   "ratio": corridor / bare, "target": MAP_TARGET}  # fmt: skip
        lines.append(
            f"(f) corridor map settles in {corridor:.2f} s, bare pydeck page {bare:.2f} s: "
            f"{corridor / bare:.2f}x (target ≤ {MAP_TARGET}x)"
        )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
