"""What the planner says, as records, and the one formatter that writes them in English or Chinese.

The planner never composes a sentence: an option's title, its warnings, the reason no route
exists and every input error are a :class:`Message` — a code and its parameters. :func:`render`
turns one into text in either language, so the CLI, the exports and the app share one wording
and nobody parses planner text back.

Examples
--------
>>> render(Message.of("red_sea"), "en")  # doctest: +SKIP
'sea leg through the Red Sea: attacks on shipping since late 2023 have disrupted ...'
>>> render(Message.of("perishable_too_long", days=24.0, limit=21.0), "zh")
'运输 24.0 天，超过生鲜货物 21 天的保鲜期'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from planner.model.message import Message, Name
from planner.text import citing
from planner.text.columns import HEADERS_ZH
from planner.text.file_messages import (
    _NOT_TABLE_EN,
    _NOT_TABLE_ZH,
    MAX_ECHO_CHARS,
    _header_lacks,
    _network_broken,
    _os_reason,
    _summary,
)
from planner.text.file_messages import echo as _echo

__all__ = ["LANGS", "MAX_ECHO_CHARS", "Message", "Name", "render"]

LANGS = ("en", "zh")

#: Transit times from this many days on are written in whole days in a title.
WHOLE_DAYS_FROM = 2.0

_MODE_EN = {"air": "Air", "rail": "Rail", "sea": "Sea", "road": "Road"}
_MODE_ZH = {"air": "航空", "rail": "铁路", "sea": "海运", "road": "公路"}
_HAUL_EN = {"air": "air", "rail": "rail", "sea": "rail–sea", "road": "truck"}
_HAUL_ZH = {"air": "航空", "rail": "铁路", "sea": "铁海联运", "road": "公路"}
_FIELD_ZH = {
    **{
        key: HEADERS_ZH[key]
        for key in ("origin", "destination", "cargo", "weight_t", "volume_m3", "priority")
    },
    "alternatives": "方案数",
    "closures": "关闭项",
    "avoid": "避开项",
    "modes": "运输方式",
    "method": "方法",
    "shipment": "货物",
    "network": "网络",
    "params": "参数表",
}


def render(message: Message, lang: str = "en") -> str:
    """The message as text in ``lang`` (``"en"`` or ``"zh"``).

    Parameters
    ----------
    message
        The record.
    lang
        ``"en"`` or ``"zh"``; anything else is English.

    Returns
    -------
    str
        One line. An unknown code renders as its code and parameters (never raises).
    """
    lang = "zh" if lang == "zh" else "en"
    writer = _WRITERS.get(message.code)
    if writer is None:
        return f"{message.code} {message.params}"
    return writer[1 if lang == "zh" else 0](message.params)


# --- pieces ------------------------------------------------------------------------------------


def _days(days: float) -> str:
    return f"{days:.1f}" if days < WHOLE_DAYS_FROM else f"{days:.0f}"


def _name(value: Any, lang: str) -> str:
    return value.in_lang(lang) if isinstance(value, Name) else str(value)


def _field_zh(field: str) -> str:
    return _FIELD_ZH.get(field, field)


def _modes_zh(modes: tuple[str, ...]) -> str:
    return "、".join(_MODE_ZH.get(m, m) for m in modes)


# --- route titles --------------------------------------------------------------------------------


def _route(p: Mapping[str, Any], lang: str) -> str:
    """ "Rail from Houma via Horgos, 10 d" / "铁路，侯马发车，经霍尔果斯，10 天"."""
    zh = lang == "zh"
    if zh:
        text = "—".join(_MODE_ZH.get(m, m) for m in p["modes"])
    else:
        words = [_MODE_EN.get(m, m) for m in p["modes"]]
        text = words[0] + "".join(f"–{w.lower()}" for w in words[1:])
    terminal, exit_port, entry = (p.get(k) for k in ("terminal", "exit", "entry"))
    if terminal:
        text += f"，{_name(terminal, lang)}发车" if zh else f" from {_name(terminal, lang)}"
    if exit_port:
        text += f"，经{_name(exit_port, lang)}" if zh else f" via {_name(exit_port, lang)}"
        if entry:
            text += f"至{_name(entry, lang)}" if zh else f" → {_name(entry, lang)}"
    return f"{text}，{_days(p['days'])} 天" if zh else f"{text}, {_days(p['days'])} d"


# --- warnings -------------------------------------------------------------------------------------

_RED_SEA_EN = (
    "sea leg through the Red Sea: attacks on shipping since late 2023 have disrupted sailings "
    "there; carriers to Europe go round the Cape of Good Hope instead"
)
_RED_SEA_ZH = "海运经红海：2023 年底以来红海航运屡遭袭击、班期不稳；往欧洲的承运人改绕好望角"


def _estimated(p: Mapping[str, Any], lang: str) -> str:
    """Parameters that are estimates (a mode's rates and speeds, or the CO2e intensities): each
    named with its value and the date of its source, in English also its key and why it is an
    estimate (said once for the rows that share it)."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in p["params"]:
        groups.setdefault((row.as_of, citing.reason(row)), []).append(row)
    if lang == "zh":
        lead = "碳排放强度的估算值"
        if "mode" in p:
            lead = f"{_MODE_ZH.get(p['mode'], p['mode'])}的估算值"
        parts = (
            "、".join(f"{citing.name(r, 'zh')} {citing.quantity(r, 'zh')}" for r in rows)
            + f"（资料 {as_of}）"
            for (as_of, _), rows in groups.items()
        )
        return f"{lead}：" + "；".join(parts)
    lead = f"estimates for {p['mode']}" if "mode" in p else "CO2e intensities that are estimates"
    parts = []
    for (as_of, why), rows in groups.items():
        named = [f"{citing.name(r, 'en')} {citing.quantity(r, 'en')} ({r.key}" for r in rows]
        named[-1] += f", {as_of}: {why}"  # the rows that share a reason: it follows the last
        parts.append(", ".join(n + ")" for n in named))
    return f"{lead}: " + "; ".join(parts)


def _estimated_short(p: Mapping[str, Any], lang: str) -> str:
    """A mode's parameters that are estimates, by name and value (an option's note: short, as
    a table's cell holds it; the answer names each with its key, date and reason)."""
    named = (f"{citing.name(r, lang)} {citing.quantity(r, lang)}" for r in p["params"])
    if lang == "zh":
        return f"{_MODE_ZH.get(p['mode'], p['mode'])}的估算值：" + "、".join(named)
    return f"estimates for {p['mode']}: " + ", ".join(named)


def _factors(p: Mapping[str, Any], lang: str) -> str:
    words = _MODE_ZH if lang == "zh" else {m: m for m in _MODE_ZH}
    spans = (
        f"{words.get(mode, mode)} {lo:g}" + ("" if hi == lo else f"–{hi:g}")
        for mode, lo, hi in p["factors"]
    )
    return ("、" if lang == "zh" else ", ").join(spans)


def _co2e_method(p: Mapping[str, Any], lang: str) -> str:
    """How an option's CO2e is counted, and the g CO2e per tonne-km of its modes' legs."""
    if lang == "zh":
        return (
            f"碳排放按 GLEC 框架 v3 与 ISO 14083 计算，油井到车轮（WTW）：{_factors(p, 'zh')} "
            "克 CO2e/吨·公里"
        )
    return (
        f"CO2e after the {p['framework']} and {p['standard']}, {p['scope']}: "
        f"{_factors(p, 'en')} g CO2e per tonne-km"
    )


def _no_route(p: Mapping[str, Any], lang: str) -> str:
    """Why no route exists: ``cause`` picks the sentence (see :mod:`planner.search.explain`)."""
    origin, destination = _name(p["origin"], lang), _name(p["destination"], lang)
    avoiding, forbidden, cargo = p.get("avoiding", ()), p.get("forbidden", ()), p.get("cargo")
    if lang == "zh":
        where = f"从{origin}到{destination}没有路线"
        avoid = f"（避开 {'、'.join(avoiding)}）" if avoiding else ""
        rule = f"{_name(cargo, lang)}不能走{_modes_zh(forbidden)}" if forbidden else ""
        sentences = {
            "not_joined": f"{where}：网络中两地不相连",
            "cargo": f"{where}{avoid}：{rule}",
            "cargo_only": f"{where}：{rule}，其他运输方式也无法到达",
            "other": f"{where}{avoid}" + (f"（{rule}）" if rule else ""),
        }
    else:
        where = f"no route from {origin} to {destination}"
        avoid = f" avoiding {', '.join(avoiding)}" if avoiding else ""
        rule = "; ".join(f"{cargo} goods may not go by {m}" for m in forbidden)
        sentences = {
            "not_joined": f"{where}: the network does not join them",
            "cargo": f"{where}{avoid}: {rule}",
            "cargo_only": f"{where}: {rule}, and no other mode reaches {destination}",
            "other": f"{where}{avoid}" + (f" ({rule})" if rule else ""),
        }
    sentences["closed"] = f"{where}{avoid}"
    return sentences.get(p.get("cause", "other"), sentences["other"])


def _unknown_place_en(p: Mapping[str, Any]) -> str:
    names = ", ".join(_name(s, "en") for s in p.get("suggestions", ()))
    hint = f"; did you mean: {names}?" if names else ""
    return f"unknown place {_echo(p['name'])}{hint}"


def _unknown_place_zh(p: Mapping[str, Any]) -> str:
    names = "、".join(_name(s, "zh") for s in p.get("suggestions", ()))
    hint = f"；您是否要找：{names}？" if names else ""
    return f"未知地点 {_echo(p['name'])}{hint}"


def _unknown_choice_en(p: Mapping[str, Any]) -> str:
    return f"unknown {p['what']} {_echo(p['value'])}; choose one of: {', '.join(p['choices'])}"


def _unknown_choice_zh(p: Mapping[str, Any]) -> str:
    what = _field_zh(p["what"].replace(" ", "_")) if p["what"] != "cargo class" else "货物类别"
    return f"未知的{what} {_echo(p['value'])}；可选：{'、'.join(p['choices'])}"


def _text(p: Mapping[str, Any]) -> str:
    return str(p["text"])


def _in_row(p: Mapping[str, Any], lang: str) -> str:
    reason = p["reason"]
    text = render(reason, lang) if isinstance(reason, Message) else str(reason)
    return f"第 {p['row']} 行：{text}" if lang == "zh" else f"row {p['row']}: {text}"


Writer = Callable[[Mapping[str, Any]], str]

#: code -> (English, Chinese).
_WRITERS: dict[str, tuple[Writer, Writer]] = {
    "route": (lambda p: _route(p, "en"), lambda p: _route(p, "zh")),
    "perishable_too_long": (
        lambda p: (
            f"transit of {p['days']:.1f} d exceeds the {p['limit']:.0f} d a perishable cargo keeps"
        ),
        lambda p: f"运输 {p['days']:.1f} 天，超过生鲜货物 {p['limit']:.0f} 天的保鲜期",
    ),
    "perishable_may_be_too_long": (
        lambda p: (
            f"at its slowest, {p['days']:.1f} d, the transit exceeds the {p['limit']:.0f} d a "
            "perishable cargo keeps"
        ),
        lambda p: f"最慢时运输 {p['days']:.1f} 天，超过生鲜货物 {p['limit']:.0f} 天的保鲜期",
    ),
    "heavy_for_air": (
        lambda p: (
            f"{p['weight_t']:.0f} t is more than one freighter carries "
            f"({p['capacity_t']:.0f} t): several flights needed"
        ),
        lambda p: (
            f"{p['weight_t']:.0f} 吨超过一架货机的载量（{p['capacity_t']:.0f} 吨）：需多个航班"
        ),
    ),
    "red_sea": (lambda p: _RED_SEA_EN, lambda p: _RED_SEA_ZH),
    "rides_service": (
        lambda p: (
            f"rides the {_name(p['name'], 'en')} service"
            + (f", {p['per_week']:g} departures a week" if p.get("per_week") else "")
            + f" (seen running {p['seen']})"
        ),
        lambda p: (
            f"搭乘{_name(p['name'], 'zh')}班次"
            + (f"，每周 {p['per_week']:g} 班" if p.get("per_week") else "")
            + f"（{p['seen']} 仍在运行）"
        ),
    ),
    "no_service": (
        lambda p: (
            f"no scheduled {_HAUL_EN[p['haul']]} service known: its time comes from average "
            "speeds and an estimated departure frequency"
        ),
        lambda p: f"未知有定期{_HAUL_ZH[p['haul']]}班次：时间按平均速度和估计的发车频率计算",
    ),
    "mode_forbidden": (
        lambda p: f"no {p['mode']} option for {p['cargo']} cargo: {p['reason']}",
        lambda p: (
            f"{_name(p['cargo'], 'zh')}不提供{_MODE_ZH.get(p['mode'])}方案"
            "（理由见参数表）"
        ),
    ),
    "estimated_rates": (lambda p: _estimated_short(p, "en"), lambda p: _estimated_short(p, "zh")),
    "estimated_parameters": (lambda p: _estimated(p, "en"), lambda p: _estimated(p, "zh")),
    "estimated_factors": (lambda p: _estimated(p, "en"), lambda p: _estimated(p, "zh")),
    "co2e_method": (lambda p: _co2e_method(p, "en"), lambda p: _co2e_method(p, "zh")),
    "no_route": (lambda p: _no_route(p, "en"), lambda p: _no_route(p, "zh")),
    "no_node": (
        lambda p: f"{_name(p['place'], 'en')} has no node in the network to route from or to",
        lambda p: f"{_name(p['place'], 'zh')}在网络中没有可用的节点",
    ),
    "unknown_place": (_unknown_place_en, _unknown_place_zh),
    "unknown_choice": (_unknown_choice_en, _unknown_choice_zh),
    "not_a_number": (
        lambda p: f"{p['field']} must be a number, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}必须是数字，实际为 {_echo(p['value'])}",
    ),
    "not_positive": (
        lambda p: f"{p['field']} must be a positive finite number, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}必须是有限的正数，实际为 {_echo(p['value'])}",
    ),
    "too_large": (
        lambda p: f"{p['field']} must be at most {p['maximum']:g}, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}不能超过 {p['maximum']:g}，实际为 {_echo(p['value'])}",
    ),
    "not_whole": (
        lambda p: f"{p['field']} must be a whole number, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}必须是整数，实际为 {_echo(p['value'])}",
    ),
    "too_small": (
        lambda p: f"{p['field']} must be at least {p['minimum']}, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}不能小于 {p['minimum']}，实际为 {_echo(p['value'])}",
    ),
    "empty": (
        lambda p: f"{p['field']} is empty",
        lambda p: f"{_field_zh(p['field'])}为空",
    ),
    "not_a_place": (
        lambda p: f"{p['field']} must be a place name or id, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}必须是地名或编号，实际为 {_echo(p['value'])}",
    ),
    "same_place": (
        lambda p: (
            "origin and destination are the same place "
            f"({_name(p['origin'], 'en')} / {_name(p['destination'], 'en')})"
        ),
        lambda p: f"起点与目的地是同一地点（{_name(p['origin'], 'zh')}）",
    ),
    "not_an_id": (
        lambda p: f"{p['field']} holds {_echo(p['value'])}, not an id of a node, link or corridor",
        lambda p: f"{_field_zh(p['field'])}中的 {_echo(p['value'])} 不是节点、线路或通道的编号",
    ),
    "not_a_list": (
        lambda p: f"{p['field']} must be a list of ids, got {_echo(p['value'])}",
        lambda p: f"{_field_zh(p['field'])}必须是编号列表，实际为 {_echo(p['value'])}",
    ),
    "wrong_type": (
        lambda p: f"{p['field']} must be {p['expected']}, got {p['got']}",
        lambda p: f"{_field_zh(p['field'])}的类型应为 {p['expected']}，实际为 {p['got']}",
    ),
    # --- files and rows ---
    "in_row": (lambda p: _in_row(p, "en"), lambda p: _in_row(p, "zh")),
    "row_width": (
        lambda p: f"has {p['fields']} fields, the header has {p['width']}",
        lambda p: f"有 {p['fields']} 个字段，表头有 {p['width']} 个",
    ),
    "row_open_quote": (
        lambda p: (
            "a quote opens in this row and is not closed: the row is read to the end of "
            "its line, the rows after it each on their own"
        ),
        lambda p: "此行有未闭合的引号：本行读到行尾为止，其后各行单独读取",
    ),
    "cell_too_long": (
        lambda p: (
            f"column {_echo(p['column'])} holds {p['chars']:,} characters, more than the "
            f"{p['limit']:,} a spreadsheet cell holds (cut in the output)"
        ),
        lambda p: (
            f"列 {_echo(p['column'])} 有 {p['chars']:,} 个字符，超过表格单元格的上限 "
            f"{p['limit']:,}（输出中已截断）"
        ),
    ),
    "line_too_long": (
        lambda p: f"a cell of this line is longer than {p['limit']:,} characters",
        lambda p: f"此行有单元格超过 {p['limit']:,} 个字符",
    ),
    "file_not_found": (
        lambda p: f"shipments file not found: {_echo(p['path'])}",
        lambda p: f"找不到货物清单文件：{_echo(p['path'])}",
    ),
    "file_is_directory": (
        lambda p: f"{_echo(p['path'])} is a directory, not a shipments file",
        lambda p: f"{_echo(p['path'])} 是文件夹，不是货物清单文件",
    ),
    "file_unreadable": (
        lambda p: f"cannot read shipments file {_echo(p['path'])}: {_os_reason(p, 'en')}",
        lambda p: f"无法读取货物清单文件 {_echo(p['path'])}：{_os_reason(p, 'zh')}",
    ),
    "file_empty": (
        lambda p: "shipments file is empty; expected a header with: " + ", ".join(p["required"]),
        lambda p: "货物清单文件为空；表头应包含：" + "、".join(p["required"]),
    ),
    "file_not_table": (
        lambda p: (
            f"the shipments file is {_NOT_TABLE_EN.get(p['kind'], p['kind'])}, not a "
            "table: give a CSV file or an .xlsx workbook"
        ),
        lambda p: (
            f"货物清单文件是{_NOT_TABLE_ZH.get(p['kind'], p['kind'])}，不是表格："
            "请提供 CSV 文件或 .xlsx 工作簿"
        ),
    ),
    "file_encoding_unknown": (
        lambda p: (
            "the shipments file is not text in UTF-8, GB18030/GBK or UTF-16: save it as "
            "CSV UTF-8 or as an .xlsx workbook"
        ),
        lambda p: (
            "货物清单文件不是 UTF-8、GB18030/GBK 或 UTF-16 编码的文本："
            "请另存为 CSV UTF-8 或 .xlsx 工作簿"
        ),
    ),
    "workbook_unreadable": (
        lambda p: f"the shipments workbook cannot be read as .xlsx: {_echo(p['reason'])}",
        lambda p: f"无法按 .xlsx 读取货物清单工作簿：{_echo(p['reason'])}",
    ),
    "header_lacks": (lambda p: _header_lacks(p, "en"), lambda p: _header_lacks(p, "zh")),
    "header_twice": (
        lambda p: f"shipments header names column {_echo(p['column'])} twice",
        lambda p: f"货物清单表头中列 {_echo(p['column'])} 出现了两次",
    ),
    "batch_summary": (lambda p: _summary(p, "en"), lambda p: _summary(p, "zh")),
    "wrote": (
        lambda p: f"wrote {p['count']} {p['what']} to {p['path']}",
        lambda p: f"已将 {p['count']} {_WHAT_ZH.get(p['what'], p['what'])}写入 {p['path']}",
    ),
    "cannot_write": (
        lambda p: f"cannot write {p['path']}: {_os_reason(p, 'en')}",
        lambda p: f"无法写入 {p['path']}：{_os_reason(p, 'zh')}",
    ),
    "option_whole": (
        lambda p: f"must be a whole number of at least {p['minimum']}, got {_echo(p['value'])}",
        lambda p: f"必须是不小于 {p['minimum']} 的整数，实际为 {_echo(p['value'])}",
    ),
    "network_broken": (lambda p: _network_broken(p, "en"), lambda p: _network_broken(p, "zh")),
    "data_broken": (
        lambda p: f"the parameter table or data is broken: {p['reason']}",
        lambda p: f"参数表或数据有误：{p['reason']}",
    ),
    "internal_error": (
        lambda p: f"internal error ({p['kind']}: {p['reason']}); rerun with --verbose",
        lambda p: f"内部错误（{p['kind']}：{p['reason']}）；加 --verbose 重新运行可查看详情",
    ),
    "text": (_text, _text),
    "first_mile": (lambda p: _truck(p, "en"), lambda p: _truck(p, "zh")),
    "last_mile": (lambda p: _truck(p, "en"), lambda p: _truck(p, "zh")),
    "also_named": (
        lambda p: (
            f"{_name(p['place'], 'en')} ({p['country']}) was taken; the name also fits "
            + ", ".join(_name(a, "en") for a in p["alternatives"])
        ),
        lambda p: (
            f"已选{_name(p['place'], 'zh')}（{p['country']}）；同名的还有"
            + "、".join(_name(a, "zh") for a in p["alternatives"])
        ),
    ),
}


def _truck(p: Mapping[str, Any], lang: str) -> str:
    """A first- or last-mile truck of a place beyond the network."""
    place, gateway = _name(p["place"], lang), _name(p["gateway"], lang)
    start, end = (place, gateway) if p["first"] else (gateway, place)
    limit = p.get("limit_km")
    if lang == "zh":
        text = f"从{start}汽运 {p['km']:,.0f} 公里至{end}" + ("（跨境）" if p["abroad"] else "")
        if p.get("over_sea"):
            text += "；其直线跨海（若需轮渡，费用未计入）"
        if limit is not None:
            text += (
                f"；超过货代通常安排的 {limit:,.0f} 公里汽运，网络中没有更近的港口、机场或铁路终点"
            )
        return text
    text = f"truck {p['km']:,.0f} km from {start} to {end}" + (
        " across a border" if p["abroad"] else ""
    )
    if p.get("over_sea"):
        text += "; its straight line crosses the sea (a ferry the road may need is not priced)"
    if limit is not None:
        text += (
            f"; longer than the {limit:,.0f} km a forwarder would truck: the network has no"
            " nearer port, airport or rail end"
        )
    return text


#: Chinese of the things the command line counts when it writes a file.
_WHAT_ZH = {"option(s)": "个方案", "row(s)": "行", "places": "个地点", "corridors": "条通道"}
