"""``make bench``: the app's speed as a person feels it (issue 22 item 6), in headless Chromium
(Debian's, never downloaded), the app served as ``make run`` serves it.

(a) first page interactive, cold: a server just started, the Chinese route page (its form)
    until the plan button can be pressed and the page has finished its run. Target: ≤ 3 s.
    The same page warm, in a new session, is recorded too.
(b) route click → answer, warm: the weight changed in the form, the plan button pressed,
    until the run that plans it has finished (a new query each time). Target: ≤ 1 s.
(c) scenario page from a link, warm: a new tab and session on ``/scenario?close=erenhot`` until the
    answer shows (its download) and the run has finished. Target: ≤ 3 s.
(d) figures page, warm: a new session on ``/figures`` until the corridor table and its
    detail picker show and the run has finished. Target: ≤ 2 s.
(e) the corridor map against a bare pydeck page (``bench/bare_map.py``), as in
    ``bench/officials.py``: until the map's canvas stops changing. Target: ≤ 1.3x.

Warm figures are medians of ``--loads`` (5) after one warm-up. Prints a table and writes
``bench/app_speed_results.json``. Run: ``.venv/bin/python bench/app_speed.py [--loads 5]``.
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
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from officials import _python  # noqa: E402

from ui.serve import served  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "app_speed_results.json"
CHROMIUM = "/usr/bin/chromium"
#: Two canvas screenshots this far apart that are the same: the map has settled.
SETTLE_STEP_S = 0.25
SETTLE_TIMEOUT_S = 40.0
MIN_COLOURS = 6
TARGETS = {"first_page_cold_s": 3.0, "route_click_s": 1.0, "scenario_link_s": 3.0,
           "figures_s": 2.0, "corridor_map_ratio": 1.3}  # fmt: skip
#: The app's root carries the state of its script run (``running``, ``rerunRequested``,
#: ``notRunning``): the status widget's "running" sign shows only after 0.5 s, so a run shorter
#: than that never shows it, and waiting for the sign counted a fast answer as slow.
APP = '[data-testid="stApp"]'
STATE = f"document.querySelector('{APP}')?.getAttribute('data-test-script-state')"
IDLE = f"() => {STATE} === 'notRunning'"
TIMEOUT_MS = 60_000
#: What shows once a page has answered (the last element of its answer: a table carries no key
#: in the page, its download button does).
ANSWERED = {
    "route": ".st-key-r_dl_csv",
    "scenario": ".st-key-s_dl_csv",
    "figures": ".st-key-c_detail",
}
#: Counts the runs that end (the root's state back to ``notRunning``) from when it is installed.
COUNT_RUNS = f"""() => {{
  const app = document.querySelector('{APP}');
  window.__runsEnded = 0;
  let busy = false;
  new MutationObserver(() => {{
    const state = app.getAttribute('data-test-script-state');
    if (state !== 'notRunning') busy = true;
    else if (busy) {{ busy = false; window.__runsEnded += 1; }}
  }}).observe(app, {{attributes: true, attributeFilter: ['data-test-script-state']}});
}}"""


def _done(page) -> None:
    """Until the page's run has finished."""
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


def _open(page, url: str, ready: str) -> float:
    """Seconds from navigation until ``ready`` (a selector) shows and the run has finished."""
    start = time.monotonic()
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    _done(page)
    return time.monotonic() - start


def _click_to_answer(page, weight: float) -> float:
    """Seconds from pressing the plan button, with a new weight, until the run it starts ends."""
    if not page.evaluate("'__runsEnded' in window"):
        page.evaluate(COUNT_RUNS)
    box = page.locator(".st-key-r_weight input").first
    box.fill(f"{weight:g}")
    ended = page.evaluate("window.__runsEnded")
    start = time.monotonic()
    page.locator(".st-key-r_submit button").first.click()
    page.wait_for_function(f"() => window.__runsEnded > {ended}", timeout=TIMEOUT_MS)
    page.locator(ANSWERED["route"]).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    return time.monotonic() - start


def _warm(measure: Callable[[int], float], loads: int, name: str) -> list[float]:
    times = []
    for attempt in range(loads + 1):
        elapsed = measure(attempt)
        said = "warm-up" if not attempt else attempt
        print(f"  {name}: {said}: {elapsed:.2f} s", file=sys.stderr)
        if attempt:
            times.append(elapsed)
    return times


def app_times(loads: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {}
    with served("app.py", python=_python()) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        route = f"{app}/?lang=zh"
        out["first_page_cold_s"] = [_open(page, route, ".st-key-r_submit button")]
        print(f"  first page, cold: {out['first_page_cold_s'][0]:.2f} s", file=sys.stderr)
        out["first_page_warm_s"] = _warm(
            lambda _: _open(page, route, ".st-key-r_submit button"), loads, "first page"
        )
        page.goto(f"{app}/?from=taiyuan&to=moscow&lang=en")
        page.locator(ANSWERED["route"]).first.wait_for(state="visible")
        _done(page)
        out["route_click_s"] = _warm(lambda i: _click_to_answer(page, 11 + i), loads, "route")
        scenario = f"{app}/scenario?close=erenhot&lang=en"

        def from_link(_: int) -> float:
            # a link is opened in a tab of its own: in the tab of the page before, that page's
            # map was still being torn down (in loads of 3-4 s, the run began late or the answer
            # showed late while the run itself took 0.4-0.8 s, measured 2026-12-08)
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.set_default_timeout(TIMEOUT_MS)
            try:
                return _open(tab, scenario, ANSWERED["scenario"])
            finally:
                tab.close()

        out["scenario_link_s"] = _warm(from_link, loads, "scenario")
        figures = f"{app}/figures?lang=zh"
        out["figures_s"] = _warm(
            lambda _: _open(page, figures, ANSWERED["figures"]), loads, "figures"
        )
        browser.close()
    return out


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


def map_times(loads: int) -> dict[str, list[float]]:
    """The corridor map and the bare pydeck page, loaded in turn (A B A B ...)."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"corridor_map": [], "bare_pydeck": []}
    with (
        served("app.py", python=_python()) as app,
        served("bench/bare_map.py", python=_python()) as bare,
        sync_playwright() as playwright,
    ):
        urls = {"corridor_map": f"{app}/corridors?lang=en", "bare_pydeck": bare}
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for attempt in range(loads + 1):
            for name, url in urls.items():
                elapsed = _settle_s(page, url)
                if attempt:
                    times[name].append(elapsed)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="warm loads of each measure")
    parser.add_argument("--no-map", action="store_true", help="skip (e)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is absent (make browser installs it)", file=sys.stderr)
        return 1
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load": os.getloadavg()[0]},
    }  # fmt: skip
    times = app_times(args.loads)
    lines = []
    for key, values in times.items():
        median = statistics.median(values)
        target = TARGETS.get(key)
        results[key] = {"times": values, "median": median, "target": target}
        said = f"target ≤ {target:g} s" if target else "no target"
        lines.append(f"{key:20s} {median:6.2f} s   ({said})")
    if not args.no_map:
        loads = map_times(args.loads)
        corridor, bare = (statistics.median(loads[k]) for k in ("corridor_map", "bare_pydeck"))
        ratio = corridor / bare
        target = TARGETS["corridor_map_ratio"]
        results["corridor_map_ratio"] = {**loads, "corridor_median": corridor, "bare_median": bare,
                                         "ratio": ratio, "target": target}  # fmt: skip
        lines.append(
            f"{'corridor_map_ratio':20s} {ratio:6.2f} x   ({corridor:.2f} s against {bare:.2f} s; "
            f"target ≤ {TARGETS['corridor_map_ratio']}x)"
        )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
