"""The planner's answers, written to a folder so that a change can be compared byte for byte.

A restructuring must not change an answer; this writes the answers of a fixed set of route
queries (JSON and the Chinese table, each a file) and of a seeded 100,000-row batch, then prints
one SHA-256 digest per file. Run it before and after a change and compare the digests (or
``diff -r`` the folders): ``.venv/bin/python bench/golden.py OUT_DIR [--rows 100000]``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

from run import write_shipments  # bench/, run as a script

ROOT = Path(__file__).resolve().parent.parent

#: Queries an exporter and an official would ask: every cargo class and priority, places on
#: the network and beyond it, closures and left-out modes.
QUERIES: tuple[tuple[str, ...], ...] = (
    ("--from", "Taiyuan", "--to", "Moscow"),
    ("--from", "Yuncheng", "--to", "Moscow", "--cargo", "perishable", "--weight-t", "18",
     "--volume-m3", "60"),
    ("--from", "太原", "--to", "Almaty"),
    ("--from", "Changzhi", "--to", "Rotterdam", "--cargo", "bulk", "--weight-t", "200",
     "--priority", "cheapest"),
    ("--from", "Datong", "--to", "Moscow", "--modes", "rail,road,sea"),
    ("--from", "祁县", "--to", "Casablanca"),
    ("--from", "Jinzhong", "--to", "Tashkent"),
    ("--from", "Jincheng", "--to", "Los Angeles", "--cargo", "electronics", "--weight-t", "2",
     "--priority", "fastest"),
    ("--from", "Lüliang", "--to", "Hamburg", "--cargo", "dangerous", "--priority", "greenest"),
    ("--from", "Taiyuan", "--to", "Duisburg", "--avoid", "erenhot", "--alternatives", "5"),
    ("--from", "Linfen", "--to", "Ulaanbaatar"),
    ("--from", "Xinzhou", "--to", "Tokyo"),
)


def _planner(args: list[str], out: Path) -> None:
    cmd = [sys.executable, "-m", "planner", *args, "-o", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    if not out.exists():  # no route: the message is the answer
        out.write_text(done.stderr, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for number, query in enumerate(QUERIES):
        _planner(["route", *query, "--format", "json"], args.out / f"route{number:02d}.json")
        _planner(["route", *query, "--lang", "zh"], args.out / f"route{number:02d}.zh.txt")
    book = args.out / "shipments.csv"
    if not book.exists():
        write_shipments(book, args.rows)
    _planner(["batch", str(book)], args.out / "batch.csv")
    for path in sorted(args.out.iterdir()):
        if path.name != "shipments.csv":
            print(hashlib.sha256(path.read_bytes()).hexdigest()[:16], path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
