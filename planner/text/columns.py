"""The columns of the tables the planner writes, in the reader's language.

A table keeps its English column names in Python (they are the JSON contract's keys);
:func:`localized` gives the copy a person reads in Chinese: the headers, the ``status`` of a
batch row, yes/no flags and the modes in Chinese. An input column the planner does not know
keeps the name its file gave it. English tables are returned as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["HEADERS_ZH", "PRIORITY_ZH", "header", "localized", "modes_zh"]

#: Chinese header of each column the planner writes (batch input and output, options, places,
#: corridors, scenarios).
HEADERS_ZH = {
    # a batch's input
    "shipment_id": "货物编号",
    "origin": "起点",
    "destination": "目的地",
    "cargo": "货物类别",
    "weight_t": "重量（吨）",
    "volume_m3": "体积（立方米）",
    "priority": "优先",
    # an option's row
    "rank": "排名",
    "label": "方案",
    "modes": "运输方式",
    "exit_port_id": "出境口岸编号",
    "exit_port_name_en": "出境口岸英文名",
    "exit_port_name_zh": "出境口岸",
    "entry_port_id": "入境口岸编号",
    "entry_port_name_en": "入境口岸英文名",
    "entry_port_name_zh": "入境口岸",
    "haul": "主运输方式",
    "transit_days": "运输时间（天）",
    "transit_days_min": "最短运输时间（天）",
    "transit_days_max": "最长运输时间（天）",
    "service": "所乘班次",
    "cost_usd": "费用（美元）",
    "cost_cny": "费用（人民币）",
    "co2e_kg": "碳排放（千克 CO2e）",
    "distance_km": "距离（公里）",
    "transfers": "换装次数",
    "border_crossings": "过境次数",
    "pareto_optimal": "帕累托最优",
    "corridors": "通道",
    "warnings": "提示",
    "status": "状态",
    "error": "错误",
    # places and corridors
    "id": "编号",
    "name_en": "英文名",
    "name_zh": "中文名",
    "kind": "类型",
    "country": "国家",
    "aliases": "别名",
    "codes": "代码",
    "seed": "公报所列",
    "length_km": "长度（公里）",
    "links": "线段数",
    "nodes": "节点数",
    "destinations": "目的地数",
    "destination_ids": "目的地编号",
    "countries": "国家数",
    "country_list": "国家列表",
    "first_choice": "首选目的地数",
    "first_choice_ids": "首选目的地编号",
    "seed_lines": "公报：线路数",
    "seed_cities": "公报：城市数",
    "seed_countries": "公报：国家数",
    "seed_trains": "公报：开行列数",
    "seed_as_of": "公报：截至",
    "seed_source": "公报：来源",
    "source": "来源",
    # a scenario
    "reachable_before": "之前可达",
    "reachable_after": "之后可达",
    "label_before": "之前路线",
    "label_after": "之后路线",
    "exit_port_before": "之前出境口岸",
    "exit_port_after": "之后出境口岸",
    "transit_days_before": "之前（天）",
    "transit_days_after": "之后（天）",
    "cost_usd_before": "之前（美元）",
    "cost_usd_after": "之后（美元）",
    "co2e_kg_before": "之前（千克 CO2e）",
    "co2e_kg_after": "之后（千克 CO2e）",
    "delta_days": "增加（天）",
    "delta_cost_usd": "增加（美元）",
    "route_changed": "路线改变",
    "corridor_before": "之前通道",
    "corridor_after": "之后通道",
    "delta_co2e_kg": "增加（千克 CO2e）",
    "remark": "备注",
    "closed": "关闭项",
    # a scenario's flows per corridor
    "corridor": "出境通道",
    "shipments_before": "之前票数",
    "shipments_after": "之后票数",
    "weight_t_before": "之前（吨）",
    "weight_t_after": "之后（吨）",
    "teu_before": "之前（标箱）",
    "teu_after": "之后（标箱）",
}
#: Suffix of an input column named like a result column (see :mod:`planner.io.batch`).
_INPUT_SUFFIX = "_input"
_INPUT_ZH = "（输入）"
_STATUS_ZH = {
    "ok": "成功",
    "error": "出错",
    # a scenario's destinations (planner.outcomes.STATUSES)
    "unchanged": "不变",
    "worse": "变差",
    "better": "变好",
    "mixed": "有得有失",
    "unreachable": "不可达",
}
_MODES_ZH = {"air": "航空", "rail": "铁路", "road": "公路", "sea": "海运"}
_YES_NO_ZH = {True: "是", False: "否"}
#: Priorities in Chinese (a value the planner does not know stays as typed); a cargo class's
#: Chinese name is its row's ``name_zh`` in the cargo table, passed in by the caller.
PRIORITY_ZH = {"balanced": "均衡", "fastest": "最快", "cheapest": "最便宜", "greenest": "最低碳"}
#: Columns whose known values are words of the planner's own, put in Chinese.
_WORDS_ZH = {"status": _STATUS_ZH, "priority": PRIORITY_ZH}
#: Columns that hold modes joined by "+".
_MODE_COLUMNS = ("modes", "haul")


def header(column: str, lang: str) -> str:
    """The header of ``column`` in ``lang`` (an unknown column as it is)."""
    if lang != "zh":
        return column
    name, inputs = column, 0
    while name.endswith(_INPUT_SUFFIX) and name not in HEADERS_ZH:
        name, inputs = name.removesuffix(_INPUT_SUFFIX), inputs + 1
    if name not in HEADERS_ZH:
        return column
    return HEADERS_ZH[name] + _INPUT_ZH * inputs


def localized(
    frame: pd.DataFrame, lang: str, *, cargo_zh: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The table as a person reading ``lang`` sees it (``"en"``: the table itself).

    In Chinese: the headers (:data:`HEADERS_ZH`), a batch row's ``status`` (成功 / 出错), its
    cargo class (by ``cargo_zh``: id -> the cargo table's ``name_zh``) and priority (均衡),
    flags (是 / 否) and the ``modes`` (铁路+海运); numbers and every other text as they are.
    """
    if lang != "zh":
        return frame
    out = frame.copy()
    known = {**_WORDS_ZH, "cargo": dict(cargo_zh or {})}
    for column in out.columns:
        values = out[column]
        if column in known:
            words = known[column]
            out[column] = values.map(lambda v, w=words: w.get(v, v), na_action="ignore")
        elif column in _MODE_COLUMNS:
            out[column] = values.map(modes_zh, na_action="ignore")
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(object).map(_YES_NO_ZH.get, na_action="ignore")
    out.columns = [header(str(c), lang) for c in out.columns]
    return out


def modes_zh(value: object) -> object:
    """Modes joined by ``+`` in Chinese (``road+rail`` → ``公路+铁路``)."""
    if not isinstance(value, str):
        return value
    return "+".join(_MODES_ZH.get(part, part) for part in value.split("+"))
