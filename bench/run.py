"""``make bench``: how much the planner's command line costs over bare library imports.

Two measurements, each the median of a few whole-process runs (wall time):

(a) ``python -m planner route --from Taiyuan --to Moscow`` against a process that only imports
    the third-party libraries that run uses (found by running the command once in-process and
    listing what it imported from site-packages). Target: at most 1.5x.
(b) ``python -m planner batch`` on a generated 100,000-row shipments CSV (seeded mix of Shanxi
    origins, destinations, cargo classes, weights and volumes) against a process that imports
    the same libraries and reads and writes that CSV with pandas. Target: at most 3x.

Prints a small table and writes ``bench/results.json``. Run from anywhere:
``.venv/bin/python bench/run.py [--runs 5] [--batch-runs 3] [--rows 100000]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import platform
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
ROUTE_ARGS = ("route", "--from", "Taiyuan", "--to", "Moscow")
ROUTE_TARGET = 1.5
BATCH_TARGET = 3.0
DEFAULT_RUNS = 5
DEFAULT_BATCH_RUNS = 3
DEFAULT_ROWS = 100_000
SEED = 20240918
#: Rows of the small file used only to find which libraries ``batch`` imports.
PROBE_ROWS = 20
#: Seconds a single run may take before the bench gives up on it.
RUN_TIMEOUT_S = 1800

# Shipment mix: (cargo class, share, weight range in t, density in t/m3, weight step in t).
CARGO_MIX = (
    ("general", 0.40, (1.0, 24.0), 0.30, 0.5),
    ("electronics", 0.15, (0.2, 8.0), 0.15, 0.1),
    ("perishable", 0.12, (0.5, 20.0), 0.35, 0.5),
    ("bulk", 0.25, (20.0, 3000.0), 1.20, 10.0),
    ("dangerous", 0.08, (0.5, 18.0), 0.80, 0.5),
)
PRIORITY_MIX = (("balanced", 0.4), ("fastest", 0.2), ("cheapest", 0.25), ("greenest", 0.1),
                ("", 0.05))
#: Share of rows whose optional cells are left empty (the defaults apply).
EMPTY_OPTIONAL_SHARE = 0.05
#: Share of rows that name a place in Chinese rather than in English.
CHINESE_NAME_SHARE = 0.2

logger = logging.getLogger("bench")


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _time(cmd: list[str], *, runs: int, label: str) -> list[float]:
    """Wall times of ``runs`` runs of ``cmd`` (after one untimed warm-up run)."""
    times = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=RUN_TIMEOUT_S, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SystemExit(f"{label} failed (exit {done.returncode}): "
                             f"{message[-1] if message else ''}")
        if attempt:  # the first run only warms the disk cache
            times.append(elapsed)
        print(f"  {label}: run {attempt or 'warm-up'}: {elapsed:.2f} s", file=sys.stderr)
    return times


_PROBE = r"""
import json, os, sys, sysconfig
from planner.cli import main
code = main(sys.argv[1:])
purelib = os.path.realpath(sysconfig.get_paths()["purelib"])
platlib = os.path.realpath(sysconfig.get_paths()["platlib"])
tops = set()
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    path = os.path.realpath(path) if path else ""
    if path.startswith((purelib, platlib)) and "." not in name and not name.startswith("_"):
        tops.add(name)
print(json.dumps({"code": code, "modules": sorted(tops)}), file=sys.stderr)
"""


def _libraries(argv: list[str]) -> list[str]:
    """Top-level third-party packages that ``python -m planner *argv`` imports."""
    done = subprocess.run([_python(), "-c", _PROBE, *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT_S, check=False)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    try:
        found = json.loads(last)
    except json.JSONDecodeError:
        raise SystemExit(f"could not list the libraries of {' '.join(argv)}: {last}") from None
    if found["code"] != 0:
        raise SystemExit(f"{' '.join(argv)} failed while probing its imports: exit {found['code']}")
    return [m for m in found["modules"] if _importable_alone(m)]


def _importable_alone(module: str) -> bool:
    """Skip helper distributions that cannot be imported on their own (rare)."""
    done = subprocess.run([_python(), "-c", f"import {module}"], cwd=ROOT,
                          capture_output=True, timeout=RUN_TIMEOUT_S, check=False)
    return done.returncode == 0


def _shanxi_places(data_dir: str | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(English, Chinese) names of the Shanxi origins and of the foreign destinations."""
    sys.path.insert(0, str(ROOT))
    from corridors import load_network

    nodes = load_network(data_dir).nodes
    prefecture = nodes.get("shanxi_prefecture")
    origins = nodes[prefecture.fillna(False).astype(bool)] if prefecture is not None else nodes[:0]
    destinations = nodes[nodes["kind"] == "destination"]
    if origins.empty or destinations.empty:
        raise SystemExit("the network has no Shanxi prefecture cities or no destinations")
    pairs = lambda frame: list(zip(frame["name_en"], frame["name_zh"], strict=True))  # noqa: E731
    return pairs(origins), pairs(destinations)


def write_shipments(path: Path, rows: int, *, data_dir: str | None = None) -> None:
    """Write a realistic seeded shipments CSV of ``rows`` rows."""
    rng = random.Random(SEED)
    origins, destinations = _shanxi_places(data_dir)
    cargo_weights = [share for _, share, *_ in CARGO_MIX]
    priority_weights = [share for _, share in PRIORITY_MIX]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["shipment_id", "origin", "destination", "cargo", "weight_t",
                         "volume_m3", "priority"])
        for number in range(1, rows + 1):
            cargo, _, (low, high), density, step = rng.choices(CARGO_MIX, cargo_weights)[0]
            weight = max(step, round(rng.uniform(low, high) / step) * step)
            volume = max(1, round(weight / density))
            origin = rng.choice(origins)[rng.random() < CHINESE_NAME_SHARE]
            destination = rng.choice(destinations)[rng.random() < CHINESE_NAME_SHARE]
            priority = rng.choices(PRIORITY_MIX, priority_weights)[0][0]
            if rng.random() < EMPTY_OPTIONAL_SHARE:
                writer.writerow([f"SX{number:06d}", origin, destination, "", "", "", ""])
            else:
                writer.writerow([f"SX{number:06d}", origin, destination, cargo,
                                 f"{weight:g}", f"{volume:g}", priority])


def _row(name: str, planner_s: float, baseline_s: float, target: float) -> dict:
    ratio = planner_s / baseline_s
    return {
        "name": name,
        "planner_s": round(planner_s, 3),
        "baseline_s": round(baseline_s, 3),
        "ratio": round(ratio, 2),
        "target": target,
        "pass": ratio <= target,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs of (a) per side")
    parser.add_argument("--batch-runs", type=int, default=DEFAULT_BATCH_RUNS,
                        help="runs of (b) per side")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of the batch")
    parser.add_argument("--data-dir", help="network directory (default: the shipped geodata/)")
    args = parser.parse_args(argv)
    python = _python()
    common = ["--data-dir", args.data_dir] if args.data_dir else []
    results: list[dict] = []
    details: dict = {}

    # (a) one route against bare imports
    route_argv = [*common, *ROUTE_ARGS]
    libs = _libraries(route_argv)
    print(f"(a) route imports: {', '.join(libs)}", file=sys.stderr)
    import_cmd = [python, "-c", "import " + ", ".join(libs) if libs else "pass"]
    route_cmd = [python, "-m", "planner", *route_argv]
    route_times = _time(route_cmd, runs=args.runs, label="route")
    import_times = _time(import_cmd, runs=args.runs, label="imports")
    results.append(_row("route Taiyuan→Moscow vs imports", statistics.median(route_times),
                        statistics.median(import_times), ROUTE_TARGET))
    details["route"] = {"command": route_cmd[1:], "libraries": libs, "times_s": route_times,
                        "baseline_times_s": import_times}

    # (b) a 100,000-row batch against imports + pandas read/write of the same CSV
    with tempfile.TemporaryDirectory(prefix="shanxi-bench-") as tmp:
        shipments = Path(tmp) / "shipments.csv"
        probe = Path(tmp) / "probe.csv"
        write_shipments(shipments, args.rows, data_dir=args.data_dir)
        write_shipments(probe, PROBE_ROWS, data_dir=args.data_dir)
        batch_libs = _libraries([*common, "batch", str(probe), "-o", str(Path(tmp) / "p.csv")])
        print(f"(b) batch imports: {', '.join(batch_libs)}", file=sys.stderr)
        out = Path(tmp) / "routes.csv"
        batch_cmd = [python, "-m", "planner", *common, "batch", str(shipments), "-o", str(out)]
        pandas_code = (
            ("import " + ", ".join(batch_libs) + "\n" if batch_libs else "")
            + "import pandas as pd\n"
            + f"frame = pd.read_csv({str(shipments)!r}, dtype=str, keep_default_na=False, "
            + "encoding='utf-8-sig')\n"
            + f"frame.to_csv({str(Path(tmp) / 'copy.csv')!r}, index=False, "
            + "encoding='utf-8-sig')\n"
        )
        batch_times = _time(batch_cmd, runs=args.batch_runs, label=f"batch {args.rows:,} rows")
        pandas_times = _time([python, "-c", pandas_code], runs=args.batch_runs,
                             label="imports + pandas read/write")
        with open(out, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            statuses = [row["status"] for row in reader]
        ok = statuses.count("ok")
    results.append(_row(f"batch {args.rows:,} rows vs imports+pandas I/O",
                        statistics.median(batch_times), statistics.median(pandas_times),
                        BATCH_TARGET))
    details["batch"] = {"rows": args.rows, "rows_out": len(statuses), "rows_ok": ok,
                        "libraries": batch_libs, "times_s": batch_times,
                        "baseline_times_s": pandas_times, "seed": SEED}

    header = f"{'benchmark':<44} {'planner s':>10} {'baseline s':>11} {'ratio':>6} " \
             f"{'target':>7}  result"
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "PASS" if row["pass"] else "OVER TARGET"
        print(f"{row['name']:<44} {row['planner_s']:>10.2f} {row['baseline_s']:>11.2f} "
              f"{row['ratio']:>5.2f}x {row['target']:>6.1f}x  {verdict}")
    print(f"batch: {len(statuses):,} rows out of {args.rows:,} in, {ok:,} ok")
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "purelib": sysconfig.get_paths()["purelib"],
        "data_dir": args.data_dir or "geodata",
        "results": results,
        "details": details,
    }
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
