"""``make bench``: how much the planner's command line costs over bare library imports.

Two measurements, each the median of a few whole-process runs (wall time):

(a) ``python -m planner route --from Taiyuan --to Moscow`` against a process that only imports
    the third-party libraries that run uses (found by running the command once in-process and
    listing what it imported from site-packages). Target: at most 1.5x.
(b) ``python -m planner batch`` on a generated 100,000-row shipments CSV (seeded mix of Shanxi
    origins, destinations, cargo classes, weights and volumes) against a process that imports
    the same libraries, reads that CSV with pandas and writes a frame of the output's shape
    (all its 28 columns, the cells of a 1,000-row sample of the planner's own output repeated, the
    input's columns from the input) with pandas. Target: at most 3x.
(c) the peak memory of ``python -m planner batch`` on a generated 1,000,000-row file (the batch
    streams in chunks: memory must not grow with the file), summed over the batch and the worker
    processes it forks, read from /proc every 50 ms: proportional set size (a page the forked
    workers share with their parent counts once in all), with the plain sum of resident sizes
    beside it. Target: at most 500 MB.

Prints a small table and writes ``bench/results.json``. Run from anywhere:
``.venv/bin/python bench/run.py [--runs 5] [--batch-runs 3] [--rows 100000]
[--memory-rows 1000000]``.
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

from peak_memory import peak_memory_mb  # bench/, run as a script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
ROUTE_ARGS = ("route", "--from", "Taiyuan", "--to", "Moscow")
ROUTE_TARGET = 1.5
BATCH_TARGET = 3.0
#: Peak resident memory allowed to the batch of :data:`DEFAULT_MEMORY_ROWS` rows, MB.
MEMORY_TARGET_MB = 500.0
DEFAULT_MEMORY_ROWS = 1_000_000
DEFAULT_RUNS = 5
DEFAULT_BATCH_RUNS = 3
DEFAULT_ROWS = 100_000
SEED = 20240918
#: Rows of the small file used only to find which libraries ``batch`` imports.
PROBE_ROWS = 20
#: Rows of the file timed to project the cost of the full batch.
SAMPLE_ROWS = 1000
#: The full batch is run only if projected to take at most this long (per run).
DEFAULT_BUDGET_S = 600.0
#: Seconds a single run may take before the bench gives up on it.
RUN_TIMEOUT_S = 4 * 3600

# Shipment mix: (cargo class, share, weight range in t, density in t/m3, weight step in t).
CARGO_MIX = (
    ("general", 0.40, (1.0, 24.0), 0.30, 0.5),
    ("electronics", 0.15, (0.2, 8.0), 0.15, 0.1),
    ("perishable", 0.12, (0.5, 20.0), 0.35, 0.5),
    ("bulk", 0.25, (20.0, 3000.0), 1.20, 10.0),
    ("dangerous", 0.08, (0.5, 18.0), 0.80, 0.5),
)
PRIORITY_MIX = (
    ("balanced", 0.4),
    ("fastest", 0.2),
    ("cheapest", 0.25),
    ("greenest", 0.1),
    ("", 0.05),
)
#: Share of rows whose optional cells are left empty (the defaults apply).
EMPTY_OPTIONAL_SHARE = 0.05
#: Share of rows that name a place in Chinese rather than in English.
CHINESE_NAME_SHARE = 0.2

logger = logging.getLogger("bench")


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _run_once(cmd: list[str], label: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        cmd,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SystemExit(
            f"{label} failed (exit {done.returncode}): {message[-1] if message else ''}"
        )
    return elapsed


def _time(cmd: list[str], *, runs: int, label: str, warm_up: bool = True) -> list[float]:
    """Wall times of ``runs`` runs of ``cmd`` (after one untimed warm-up run, by default)."""
    times = []
    for attempt in range(0 if warm_up else 1, runs + 1):
        elapsed = _run_once(cmd, label)
        if attempt:  # the first run only warms the disk cache
            times.append(elapsed)
        print(f"  {label}: run {attempt or 'warm-up'}: {elapsed:.2f} s", file=sys.stderr)
    return times


def _time_pair(
    first: list[str], second: list[str], *, runs: int, labels: tuple[str, str]
) -> tuple[list[float], list[float]]:
    """Wall times of two commands run in turn (A B A B ...), so that a change in the machine's
    load during the bench weighs on both alike; one untimed warm-up run of each first."""
    times: tuple[list[float], list[float]] = ([], [])
    for attempt in range(runs + 1):
        for cmd, label, bucket in zip((first, second), labels, times, strict=True):
            elapsed = _run_once(cmd, label)
            if attempt:
                bucket.append(elapsed)
            print(f"  {label}: run {attempt or 'warm-up'}: {elapsed:.2f} s", file=sys.stderr)
    return times


_PROBE = r"""
import json, os, sys, sysconfig
from planner.cli.main import main
code = main(sys.argv[1:])
roots = tuple(os.path.realpath(sysconfig.get_paths()[k]) for k in ("purelib", "platlib"))
names = []
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if path and os.path.realpath(path).startswith(roots):
        names.append(name)
print(json.dumps({"code": code, "modules": names}), file=sys.stderr)
"""

_IMPORT_ALL = """
import importlib, json, sys
for name in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


def _run_code(code: str, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` with ``argv`` in a fresh process from the repository root."""
    return subprocess.run(
        [_python(), "-c", code, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def _libraries(argv: list[str]) -> list[str]:
    """Every third-party module ``python -m planner *argv`` imports, in import order."""
    done = _run_code(_PROBE, argv)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    try:
        found = json.loads(last)
    except json.JSONDecodeError:
        raise SystemExit(f"could not list the libraries of {' '.join(argv)}: {last}") from None
    if found["code"] != 0:
        raise SystemExit(f"{' '.join(argv)} failed while probing its imports: exit {found['code']}")
    return found["modules"]


def _top_level(modules: list[str]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules if not m.startswith("_")})


def _import_code(modules: list[str], directory: Path, name: str) -> tuple[Path, str]:
    """A file listing ``modules`` and the code that imports them all, in that order."""
    listing = directory / f"{name}.json"
    listing.write_text(json.dumps(modules), encoding="utf-8")
    return listing, _IMPORT_ALL


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
        writer.writerow(_input_columns())
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
                writer.writerow(
                    [
                        f"SX{number:06d}",
                        origin,
                        destination,
                        cargo,
                        f"{weight:g}",
                        f"{volume:g}",
                        priority,
                    ]
                )


def _distinct_queries(path: Path, data_dir: str | None) -> int:
    """How many distinct valid shipments (places, cargo, weight, volume, priority) a file has."""
    sys.path.insert(0, str(ROOT))
    from corridors import load_network
    from planner.io.shipments import open_shipments
    from planner.model.query_table import CELL_FIELDS, CellReader, cell_columns
    from planner.places.index import PlaceIndex

    table = open_shipments(path)
    positions = [table.columns.index(f) if f in table.columns else -1 for f in CELL_FIELDS]
    columns = cell_columns([row for _, row, problem in table.rows if problem is None], positions)
    found, _ = CellReader(PlaceIndex(load_network(data_dir)).resolve).read(columns)
    heads = [(q.origin.id, q.destination.id, q.cargo) for q in found.groups]
    return len(
        {
            (heads[g], w, v, p)
            for g, w, v, p in zip(
                found.group.tolist(),
                found.weight_t.tolist(),
                found.volume_m3.tolist(),
                found.priority.tolist(),
                strict=True,
            )
        }
    )


def _input_columns() -> tuple[str, ...]:
    """The columns of the generated shipments files: every column a shipments file may have."""
    sys.path.insert(0, str(ROOT))
    from planner.io.shipments import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

    return (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


def _output_columns() -> tuple[str, ...]:
    """The columns of a batch's output for the generated shipments files."""
    from planner.io.batch import RESULT_COLUMNS

    return (*_input_columns(), *RESULT_COLUMNS)


def _row(name: str, planner_s: float, baseline_s: float, target: float) -> dict:
    ratio = planner_s / baseline_s
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            f"  note: the machine is busy (load {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} CPUs): '{name}' is noisy",
            file=sys.stderr,
        )
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
    parser.add_argument(
        "--batch-runs", type=int, default=DEFAULT_BATCH_RUNS, help="runs of (b) per side"
    )
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of the batch")
    parser.add_argument(
        "--memory-rows",
        type=int,
        default=DEFAULT_MEMORY_ROWS,
        help="rows of the batch whose peak memory is measured (0: not measured)",
    )
    parser.add_argument("--data-dir", help="network directory (default: the shipped geodata/)")
    parser.add_argument(
        "--budget-s",
        type=float,
        default=DEFAULT_BUDGET_S,
        help="run the full batch only if projected under this many seconds",
    )
    parser.add_argument("--full", action="store_true", help="run the full batch whatever it costs")
    args = parser.parse_args(argv)
    python = _python()
    common = ["--data-dir", args.data_dir] if args.data_dir else []
    results: list[dict] = []
    details: dict = {}

    work = tempfile.TemporaryDirectory(prefix="shanxi-bench-")
    tmp = work.name

    # (a) one route against a process that imports the same third-party modules
    route_argv = [*common, *ROUTE_ARGS]
    libs = _libraries(route_argv)
    print(
        f"(a) route imports {len(libs)} modules of: {', '.join(_top_level(libs))}", file=sys.stderr
    )
    listing, code = _import_code(libs, Path(tmp), "route_modules")
    import_cmd = [python, "-c", code, str(listing)]
    route_cmd = [python, "-m", "planner", *route_argv]
    route_times, import_times = _time_pair(
        route_cmd, import_cmd, runs=args.runs, labels=("route", "imports")
    )
    results.append(
        _row(
            "route Taiyuan→Moscow vs imports",
            statistics.median(route_times),
            statistics.median(import_times),
            ROUTE_TARGET,
        )
    )
    details["route"] = {
        "command": route_cmd[1:],
        "libraries": _top_level(libs),
        "modules_imported": len(libs),
        "times_s": route_times,
        "baseline_times_s": import_times,
    }

    # (b) a 100,000-row batch against the same imports + pandas read/write of the same CSV
    with work:
        shipments = Path(tmp) / "shipments.csv"
        probe = Path(tmp) / "probe.csv"
        sample = Path(tmp) / "sample.csv"
        write_shipments(shipments, args.rows, data_dir=args.data_dir)
        write_shipments(probe, PROBE_ROWS, data_dir=args.data_dir)
        write_shipments(sample, min(SAMPLE_ROWS, args.rows), data_dir=args.data_dir)
        batch_libs = _libraries([*common, "batch", str(probe), "-o", str(Path(tmp) / "p.csv")])
        print(
            f"(b) batch imports {len(batch_libs)} modules of: {', '.join(_top_level(batch_libs))}",
            file=sys.stderr,
        )
        listing, code = _import_code(batch_libs, Path(tmp), "batch_modules")
        # the floor writes a frame of the output's shape: the planner's own output of the
        # 1,000-row sample (written below, before any timed run) repeated to the file's length,
        # with the input's columns taken from the input
        sample_out = Path(tmp) / "s.csv"
        pandas_code = (
            code
            + "import numpy as np\n"
            + "import pandas as pd\n"
            + f"frame = pd.read_csv({str(shipments)!r}, dtype=str, keep_default_na=False, "
            + "encoding='utf-8-sig')\n"
            + f"pool = pd.read_csv({str(sample_out)!r}, encoding='utf-8-sig')\n"
            + "out = pool.iloc[np.arange(len(frame)) % len(pool)].reset_index(drop=True)\n"
            + "out[list(frame.columns)] = frame\n"
            + f"assert out.shape == (len(frame), {len(_output_columns())}), out.shape\n"
            + f"out.to_csv({str(Path(tmp) / 'copy.csv')!r}, index=False, "
            + "encoding='utf-8-sig')\n"
        )
        pandas_cmd = [python, "-c", pandas_code, str(listing)]

        def batch_cmd(path: Path, out: Path) -> list[str]:
            return [python, "-m", "planner", *common, "batch", str(path), "-o", str(out)]

        # Estimate first: a run of the full file may take hours if few queries repeat.
        distinct = {
            name: _distinct_queries(path, args.data_dir)
            for name, path in (("probe", probe), ("sample", sample), ("full", shipments))
        }
        t_probe = statistics.median(
            _time(
                batch_cmd(probe, Path(tmp) / "p.csv"),
                runs=1,
                label=f"batch {PROBE_ROWS} rows",
                warm_up=False,
            )
        )
        t_sample = statistics.median(
            _time(
                batch_cmd(sample, sample_out),
                runs=1,
                label=f"batch {min(SAMPLE_ROWS, args.rows):,} rows",
                warm_up=False,
            )
        )
        per_query = max(t_sample - t_probe, 0.0) / max(distinct["sample"] - distinct["probe"], 1)
        projected = t_probe + per_query * (distinct["full"] - distinct["probe"])
        print(
            f"  {distinct['full']:,} distinct queries in {args.rows:,} rows; "
            f"{per_query * 1000:.1f} ms per query; projected {projected:,.0f} s",
            file=sys.stderr,
        )
        out = Path(tmp) / "routes.csv"
        if projected <= args.budget_s or args.full:
            batch_times, pandas_times = _time_pair(
                batch_cmd(shipments, out),
                pandas_cmd,
                runs=args.batch_runs,
                labels=(f"batch {args.rows:,} rows", "imports + pandas read/write"),
            )
            with open(out, encoding="utf-8-sig", newline="") as handle:
                statuses = [row["status"] for row in csv.DictReader(handle)]
            measured = True
        else:
            print(
                f"  projected time over the {args.budget_s:.0f} s budget: not run "
                "(--full runs it anyway)",
                file=sys.stderr,
            )
            pandas_times = _time(pandas_cmd, runs=args.batch_runs, label="imports + pandas I/O")
            batch_times, statuses, measured = [projected], [], False
        # (c) peak memory of a batch ten times as long (streamed: it must not grow with the file)
        peak_mb = None
        if args.memory_rows:
            big = Path(tmp) / "big.csv"
            write_shipments(big, args.memory_rows, data_dir=args.data_dir)
            peak = peak_memory_mb(batch_cmd(big, Path(tmp) / "big_out.csv"))
            peak_mb = peak["pss"]
            print(
                f"  batch {args.memory_rows:,} rows: peak {peak_mb:.0f} MB proportional, "
                f"{peak['rss_sum']:.0f} MB resident summed over its processes",
                file=sys.stderr,
            )
    name = f"batch {args.rows:,} rows vs imports+pandas I/O"
    row = _row(
        name if measured else name + " (projected)",
        statistics.median(batch_times),
        statistics.median(pandas_times),
        BATCH_TARGET,
    )
    row["measured"] = measured
    results.append(row)
    details["batch"] = {
        "rows": args.rows,
        "distinct_queries": distinct["full"],
        "sample_rows": min(SAMPLE_ROWS, args.rows),
        "sample_distinct_queries": distinct["sample"],
        "sample_s": round(t_sample, 3),
        "probe_s": round(t_probe, 3),
        "ms_per_distinct_query": round(per_query * 1000, 2),
        "measured": measured,
        "rows_out": len(statuses),
        "rows_ok": statuses.count("ok"),
        "libraries": _top_level(batch_libs),
        "modules_imported": len(batch_libs),
        "times_s": batch_times,
        "baseline_times_s": pandas_times,
        "seed": SEED,
        "baseline_writes_columns": len(_output_columns()),
        "memory_rows": args.memory_rows,
        "peak_mb": None if peak_mb is None else round(peak_mb, 1),
        "peak_rss_sum_mb": None if peak_mb is None else round(peak["rss_sum"], 1),
    }

    if peak_mb is not None:
        results.append(
            {
                "name": f"batch {args.memory_rows:,} rows peak memory MB (PSS)",
                "peak_mb": round(peak_mb, 1),
                "target_mb": MEMORY_TARGET_MB,
                "pass": peak_mb <= MEMORY_TARGET_MB,
            }
        )
    width = max(len(row["name"]) for row in results)
    header = (
        f"{'benchmark':<{width}} {'planner s':>10} {'baseline s':>11} {'ratio':>9} "
        f"{'target':>7}  result"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "PASS" if row["pass"] else "OVER TARGET"
        if "peak_mb" in row:
            print(
                f"{row['name']:<{width}} {row['peak_mb']:>10.0f} {'':>11} {'':>9} "
                f"{row['target_mb']:>5.0f}MB  {verdict}"
            )
            continue
        print(
            f"{row['name']:<{width}} {row['planner_s']:>10.2f} {row['baseline_s']:>11.2f} "
            f"{row['ratio']:>8.2f}x {row['target']:>6.1f}x  {verdict}"
        )
    batch = details["batch"]
    if batch["measured"]:
        print(
            f"batch: {batch['rows_out']:,} rows out of {args.rows:,} in, "
            f"{batch['rows_ok']:,} ok; {batch['distinct_queries']:,} distinct queries"
        )
    else:
        print(
            f"batch: NOT RUN in full — projected from {batch['sample_rows']:,} rows "
            f"({batch['ms_per_distinct_query']} ms per distinct query, "
            f"{batch['distinct_queries']:,} distinct queries in {args.rows:,} rows)"
        )
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_1_5_15_min": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "purelib": sysconfig.get_paths()["purelib"],
        "data_dir": args.data_dir or "geodata",
        "results": results,
        "details": details,
    }
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
