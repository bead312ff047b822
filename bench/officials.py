"""``make bench`` for officials (issue 12): a scenario over every destination and the drawn map.

(d) ``planner.scenario`` over every default destination from Taiyuan, warm (the route library
    grown by a first run): median of 5. Target: under 1 s.
(e) ``planner.scenario.mapdraw.map_bytes`` of the China view as PNG and PDF: median of 3 (no target:
    recorded).

The corridor map against a bare pydeck page is ``bench/app_speed.py``'s ``corridor_map_ratio``.

Prints a small table and writes ``bench/officials_results.json``. Run:
``.venv/bin/python bench/officials.py``.
"""

from __future__ import annotations

import argparse
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

RESULTS = Path(__file__).resolve().parent / "officials_results.json"
SCENARIO_TARGET_S = 1.0


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
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
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
