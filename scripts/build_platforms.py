"""Build ``geodata/platforms.geojson``: Shanxi's open-economy platforms named in the seed.

Run with ``python scripts/build_platforms.py``. The table below holds every platform with the
source of the fact (the seed bulletin) and, separately, where its position comes from and how
accurate it is; positions that are our placement say so (``estimate: ...``). No network call.
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_FILE = REPO_ROOT / "geodata" / "platforms.geojson"
COORD_DECIMALS = 4

SEED = "山西省商务厅《开发区建设》专刊 2024年第36期 (seed bulletin, data as of 2024-09)"
SEED_PARKS = f"{SEED}: 产业合作平台建设"
SEED_PLATFORMS = f"{SEED}: 口岸和开放平台"
SEED_ONLINE = f"{SEED}: 网上开放通道"

WUSU_POSITION = (
    "centroid of the zone's outline (2.94 km²) on the Baidu map of the Shanxi transformation "
    "and comprehensive reform demonstration zone's financial dashboard page (2018, public "
    "source code), converted BD-09 → WGS84; it lies 1.1 km WSW of TYN's reference point "
    "(airportsdata 37.7469 N 112.628 E), matching the zone's published location beside "
    "Wusu airport"
)
WUSU_LON, WUSU_LAT = 112.6165, 37.7424


@dataclass(frozen=True)
class Platform:
    """One platform row: identity, facts with their source, and a position with its source."""

    id: str
    name_en: str
    name_zh: str
    kind: str
    city: str
    lon: float
    lat: float
    source: str
    position_source: str
    position_accuracy_km: float
    receives: tuple[str, ...] = ()
    status: str | None = None


PLATFORMS: tuple[Platform, ...] = (
    Platform(
        id="taiyuan_wusu_bonded_zone",
        name_en="Taiyuan Wusu Comprehensive Bonded Zone",
        name_zh="太原武宿综合保税区",
        kind="bonded_zone",
        city="taiyuan",
        lon=WUSU_LON,
        lat=WUSU_LAT,
        source=SEED_PLATFORMS,
        position_source=WUSU_POSITION,
        position_accuracy_km=1.0,
    ),
    Platform(
        id="linfen_fanglue_blc",
        name_en="Linfen Fanglue Bonded Logistics Centre (Type B), Houma",
        name_zh="临汾方略保税物流中心（B型）",
        kind="bonded_logistics_centre",
        city="linfen",
        lon=111.335,
        lat=35.630,
        source=SEED_PLATFORMS,
        position_source=(
            "estimate: the centre is in Houma (county-level city of Linfen), in the Fanglue "
            "bonded international land-port park whose trains leave via Houma North yard "
            "(fanglue.cn news item 4123, 2022-03-14: first China–Laos train from the park); "
            "Houma North yard lies in the west of Houma, north of Xihe village (chinaxiaokang "
            "Houma transport overview, 2018-09-27); placed there, not surveyed"
        ),
        position_accuracy_km=3.0,
    ),
    Platform(
        id="jincheng_lanhua_blc",
        name_en="Jincheng Lanhua Bonded Logistics Centre (Type B)",
        name_zh="晋城兰花保税物流中心（B型）",
        kind="bonded_logistics_centre",
        city="jincheng",
        lon=112.870,
        lat=35.470,
        source=SEED_PLATFORMS,
        position_source=(
            "estimate: placed in the Jincheng economic and technological development zone "
            "south of the city centre; exact site not in the sources at hand"
        ),
        position_accuracy_km=5.0,
    ),
    Platform(
        id="datong_land_port_blc",
        name_en="Datong International Land Port Bonded Logistics Centre (Type B)",
        name_zh="大同国际陆港保税物流中心（B型）",
        kind="bonded_logistics_centre",
        city="datong",
        lon=113.380,
        lat=40.060,
        source=SEED_PLATFORMS,
        position_source=(
            "estimate: placed at Datong's eastern urban edge; exact site of the international "
            "land port not in the sources at hand"
        ),
        position_accuracy_km=8.0,
    ),
    Platform(
        id="wusu_inspection_fruit",
        name_en="Taiyuan Wusu designated inspection site for imported fruit",
        name_zh="太原武宿综保区进境水果指定监管场地",
        kind="inspection_site",
        city="taiyuan",
        lon=WUSU_LON,
        lat=WUSU_LAT,
        source=SEED_PLATFORMS,
        position_source=f"estimate: inside the Wusu bonded zone (seed); zone position: "
        f"{WUSU_POSITION}",
        position_accuracy_km=1.5,
        receives=("fruit",),
    ),
    Platform(
        id="wusu_inspection_chilled_seafood",
        name_en="Taiyuan Wusu designated inspection site for imported chilled seafood",
        name_zh="太原武宿综保区进口冰鲜水产品指定监管场地",
        kind="inspection_site",
        city="taiyuan",
        lon=WUSU_LON,
        lat=WUSU_LAT,
        source=SEED_PLATFORMS,
        position_source=f"estimate: inside the Wusu bonded zone (seed); zone position: "
        f"{WUSU_POSITION}",
        position_accuracy_km=1.5,
        receives=("chilled_seafood",),
    ),
    Platform(
        id="datong_inspection_meat",
        name_en="Datong International Land Port designated inspection site for imported meat",
        name_zh="大同国际陆港进境肉类指定监管场地",
        kind="inspection_site",
        city="datong",
        lon=113.380,
        lat=40.060,
        source=SEED_PLATFORMS,
        position_source="estimate: at the Datong International Land Port (seed), placed as "
        "datong_land_port_blc (not surveyed)",
        position_accuracy_km=8.0,
        receives=("meat",),
    ),
    Platform(
        id="taiyuan_mail_exchange",
        name_en="Taiyuan International Mail Exchange Office (exchange station)",
        name_zh="太原国际邮件互换局（交换站）",
        kind="mail_exchange",
        city="taiyuan",
        lon=112.628,
        lat=37.747,
        source=f"{SEED_ONLINE} (扩容升级项目启动: expansion and upgrade project started)",
        position_source=(
            "estimate: placed at Taiyuan Wusu airport (TYN reference point, airportsdata), "
            "through which international mail is flown; exact building not in the sources"
        ),
        position_accuracy_km=5.0,
        status="expanding",
    ),
    Platform(
        id="shanxi_cbec_platform",
        name_en="Shanxi cross-border e-commerce comprehensive service platform",
        name_zh="跨境电商综合服务平台",
        kind="ecommerce_platform",
        city="taiyuan",
        lon=112.549,
        lat=37.857,
        source=f"{SEED_PLATFORMS} (建成上线运行: built and online)",
        position_source=(
            "estimate: an online service with no physical site; shown at central Taiyuan "
            "(Yingze district)"
        ),
        position_accuracy_km=10.0,
        status="online",
    ),
    Platform(
        id="rcep_park_taiyuan",
        name_en=(
            "RCEP International Cooperation Industrial Park, Shanxi Transformation and "
            "Comprehensive Reform Demonstration Zone"
        ),
        name_zh="山西综改示范区RCEP国际合作产业园",
        kind="industrial_park",
        city="taiyuan",
        lon=112.565,
        lat=37.795,
        source=SEED_PARKS,
        position_source=(
            "estimate: shown at the demonstration zone's Xuefu park in south Taiyuan (zone "
            "seat); the park's own site is not in the sources at hand"
        ),
        position_accuracy_km=10.0,
    ),
    Platform(
        id="sino_german_park_changzhi",
        name_en="Sino-German International Cooperation Industrial Park, Changzhi High-tech Zone",
        name_zh="长治高新区中德国际合作产业园",
        kind="industrial_park",
        city="changzhi",
        lon=113.140,
        lat=36.170,
        source=SEED_PARKS,
        position_source=(
            "estimate: placed in the Changzhi high-tech zone south-east of the city centre; "
            "the park's own site is not in the sources at hand"
        ),
        position_accuracy_km=5.0,
    ),
    Platform(
        id="qixian_belt_road_sme_zone",
        name_en="Belt and Road (Qi County) SME Specialty Industry Cooperation Zone",
        name_zh="“一带一路”（祁县）中小企业特色产业合作区",
        kind="industrial_park",
        city="jinzhong",
        lon=112.335,
        lat=37.358,
        source=(
            f"{SEED_PARKS}; designated 2019 as China's first Belt and Road SME cooperation "
            "zone, built on Qi county's glassware industry (news.china.com, 2023-10-13)"
        ),
        position_source=(
            "estimate: the zone covers Qi county's glassware industry; shown at the county "
            "seat (Zhaoyu town)"
        ),
        position_accuracy_km=5.0,
    ),
)


def feature(platform: Platform) -> dict[str, Any]:
    """Return the GeoJSON Feature of one platform.

    Parameters
    ----------
    platform
        The platform row.

    Returns
    -------
    dict
        An RFC 7946 Point feature; ``receives`` and ``status`` only when set.
    """
    props: dict[str, Any] = {
        "id": platform.id,
        "name_en": platform.name_en,
        "name_zh": platform.name_zh,
        "kind": platform.kind,
        "city": platform.city,
    }
    if platform.receives:
        props["receives"] = list(platform.receives)
    if platform.status:
        props["status"] = platform.status
    props["source"] = platform.source
    props["position_source"] = platform.position_source
    props["position_accuracy_km"] = platform.position_accuracy_km
    coords = [round(platform.lon, COORD_DECIMALS), round(platform.lat, COORD_DECIMALS)]
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Point", "coordinates": coords},
    }


def main(argv: list[str] | None = None) -> int:
    """Write ``geodata/platforms.geojson``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT_FILE, help="output file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    ids = [p.id for p in PLATFORMS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        msg = f"duplicate platform ids: {', '.join(duplicates)}"
        raise ValueError(msg)
    collection = {"type": "FeatureCollection", "features": [feature(p) for p in PLATFORMS]}
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    args.output.write_text(text + "\n", encoding="utf-8")
    logger.info("wrote %s: %d platforms", args.output, len(PLATFORMS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
