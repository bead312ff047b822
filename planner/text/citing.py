"""How a row of the parameter table is named and cited in a sentence, in English and Chinese.

A caveat that says "the rail rate is an estimate" names the parameter, its value and unit, the
date of its source and why it is an estimate (the row's ``estimate`` reason, or its ``source``
where the reason is only the word "estimate"). The source texts are English; a Chinese sentence
gives the parameter's Chinese name, its value in Chinese units and the date.
"""

from __future__ import annotations

from typing import Protocol


class Parameter(Protocol):
    """A row of the parameter table (:class:`planner.model.params.Parameter`), as cited."""

    key: str
    value: float
    unit: str
    source: str
    as_of: str
    estimate: str | None

__all__ = ["PARAMETER_NAMES", "name", "quantity", "reason"]

#: key -> (English, Chinese): what a parameter an answer cites is called.
PARAMETER_NAMES: dict[str, tuple[str, str]] = {
    "rail.feu_usd_per_km": ("rail rate", "铁路运价"),
    "rail.railsea_feu_usd_per_km": ("rail–sea train rate", "铁海联运班列运价"),
    "rail.bulk_usd_per_tkm": ("rail bulk rate", "铁路散货运价"),
    "rail.speed_kph": ("rail speed", "铁路速度"),
    "sea.feu_usd_per_km": ("sea rate", "海运运价"),
    "sea.bulk_usd_per_tkm": ("sea bulk rate", "海运散货运价"),
    "sea.speed_kph": ("sea speed", "海运航速"),
    "air.usd_per_kg_km": ("air rate per km", "航空每公里运价"),
    "air.usd_per_kg": ("air rate, fixed part", "航空固定运价"),
    "road.truck_usd_per_km": ("truck rate", "卡车运价"),
    "road.speed_kph": ("truck speed", "卡车速度"),
    "road.drayage_speed_kph": ("city truck speed", "市内短驳卡车速度"),
    "air.speed_kph": ("air block speed", "航空飞行速度"),
    "rail.co2e_g_per_tkm_electric": ("electric rail", "电力牵引铁路"),
    "rail.co2e_g_per_tkm_diesel": ("diesel rail", "内燃牵引铁路"),
    "sea.co2e_g_per_tkm": ("container ship", "集装箱船"),
    "sea.bulk_co2e_g_per_tkm": ("bulk carrier", "散货船"),
    "air.co2e_g_per_tkm_long_haul": ("long-haul air", "远程航空"),
    "air.co2e_g_per_tkm_short_haul": ("short-haul air", "近程航空"),
    "road.co2e_g_per_tkm": ("truck", "卡车"),
    "freq.land_per_week": ("land trains without a published frequency", "未公布班次的陆路班列"),
    "freq.rail_sea_per_week": ("rail–sea trains", "铁海联运班列"),
    "freq.sea_per_week": ("sailings", "海运班轮"),
    "freq.air_per_week": ("flights", "航班"),
    "border.dwell_hours": ("border dwell without a published figure", "无公布数据的口岸停留"),
    "gauge_change.hours": ("gauge change", "换轨换装"),
    "border.usd_per_box": ("border fees", "口岸费用"),
    "gauge_change.usd_per_box": ("gauge-change charge", "换装费用"),
    "handling.rail.usd_per_box": ("rail terminal handling", "铁路场站装卸费"),
    "handling.sea.usd_per_box": ("port handling", "港口装卸费"),
    "handling.air.usd_per_kg": ("air terminal handling", "航空货站操作费"),
}

#: The table's units in Chinese (a unit not listed is shown as the table writes it).
_UNITS_ZH = {
    "USD per FEU-km": "美元/FEU·公里",
    "USD per tonne-km": "美元/吨·公里",
    "USD per chargeable kg-km": "美元/计费公斤·公里",
    "USD per chargeable kg": "美元/计费公斤",
    "USD per truck-km": "美元/车·公里",
    "USD per container": "美元/箱",
    "km/h": "公里/小时",
    "g CO2e per tonne-km": "克 CO2e/吨·公里",
    "departures per week": "班/周",
    "hours": "小时",
}
_ESTIMATE = "estimate"


def name(row: Parameter, lang: str) -> str:
    """The parameter's name in ``lang`` (its key when it has none)."""
    names = PARAMETER_NAMES.get(row.key)
    if names is None:
        return row.key
    return names[1] if lang == "zh" else names[0]


def quantity(row: Parameter, lang: str) -> str:
    """``0.65 USD per FEU-km`` / ``0.65 美元/FEU·公里``."""
    unit = _UNITS_ZH.get(row.unit, row.unit) if lang == "zh" else row.unit
    return f"{row.value:g} {unit}"


def reason(row: Parameter) -> str:
    """Why the value is what it is: the estimate's reason, else the source (English)."""
    text = (row.estimate or "").strip()
    if text.lower().startswith(_ESTIMATE):
        text = text[len(_ESTIMATE) :].lstrip(" :")
    return text or row.source
