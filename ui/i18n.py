"""Chinese and English strings of the app, and the current language.

Every visible string goes through :func:`t`; a key missing from :data:`STRINGS` raises
``KeyError`` in tests rather than showing a raw key to a user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "STRINGS",
    "both",
    "current",
    "initial_lang",
    "labeller",
    "name",
    "t",
]

LANGS = ("zh", "en")
DEFAULT_LANG = "en"
LANG_KEY = "lang"

# key -> (中文, English)
STRINGS: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("山西国际物流通道", "Shanxi Corridors"),
    "app_tagline": (
        "山西出口企业的多式联运路线规划：航空、中欧（中亚）班列、铁海联运",
        "Multimodal route planner for Shanxi exporters: air, China–Europe trains, rail–sea",
    ),
    "language": ("语言 / Language", "Language / 语言"),
    "lang_zh": ("中文", "中文"),
    "lang_en": ("English", "English"),
    "offline_note": (
        "离线运行：地图与数据均随程序提供，不访问外部网络。",
        "Runs offline: the map and data ship with the app; nothing is fetched from the internet.",
    ),
    "page_route": ("路线规划", "Route planner"),
    "page_corridors": ("通道地图", "Corridor map"),
    "page_figures": ("通道数据", "Corridor figures"),
    "page_scenario": ("情景分析", "Scenario"),
    "page_batch": ("批量规划", "Batch planning"),
    "section_exporters": ("出口企业", "Exporters"),
    "section_officials": ("政府与园区", "Trade officials"),
    "planning_error": ("无法规划：{reason}", "{reason}"),
    "as_of": ("截至", "as of"),
    "data_error": (
        "无法加载通道网络数据：{reason}",
        "The corridor network could not be loaded: {reason}",
    ),
    "feature_missing": (
        "此功能所需的模块尚未提供（{what}）。",
        "This part needs a module that is not available yet ({what}).",
    ),
    # route form
    "route_header": ("从山西出发的出口路线", "Export routes from Shanxi"),
    "origin": ("起点（山西城市或站场）", "Origin (Shanxi city or terminal)"),
    "destination": ("目的地（城市、港口或国家）", "Destination (city, port or country)"),
    "destination_help": (
        "输入以搜索；也可输入列表之外的名称、代码或国家。",
        "Type to search; a name, code or country not in the list is accepted too.",
    ),
    "destination_placeholder": ("例如：莫斯科、Duisburg、DE", "e.g. Moscow, 杜伊斯堡, DE"),
    "cargo": ("货物类别", "Cargo class"),
    "weight_t": ("重量（吨）", "Weight (t)"),
    "volume_m3": ("体积（立方米）", "Volume (m³)"),
    "priority": ("优先", "Priority"),
    "avoid": ("避开的通道、口岸或港口", "Corridors, crossings or ports to avoid"),
    "avoid_placeholder": ("不避开", "Avoid nothing"),
    "close_placeholder": ("选择口岸、港口或通道", "Choose crossings, ports or corridors"),
    "alternatives": ("方案数", "Options"),
    "amount_help": ("大于 0，不超过 {maximum}", "above 0, at most {maximum}"),
    "plan_button": ("规划路线", "Plan routes"),
    "choose_destination": ("请选择或输入目的地。", "Choose or type a destination."),
    "bad_url_value": (
        "链接中的参数 {param}=“{value}” 无效，已使用默认值。",
        'The link\'s parameter {param}="{value}" is not valid; the default is used.',
    ),
    "planning": ("正在规划…", "Planning…"),
    "no_options": ("没有找到路线。", "No route was found."),
    "options_found": (
        "{origin} → {destination}：{n} 个方案",
        "{origin} → {destination}: {n} options",
    ),
    "share_link": (
        "本页链接（地址栏）即可复现此次查询。",
        "The page's address reproduces this query: share it.",
    ),
    "option": ("方案", "Option"),
    "show_on_map": ("在地图上显示的方案", "Option drawn on the map"),
    "pareto": ("帕累托最优", "Pareto-optimal"),
    "pareto_help": (
        "没有其他方案在时间、成本和碳排放上同时更优。",
        "No other option is at once faster, cheaper and lower in CO2e.",
    ),
    "transit_days": ("运输时间（天）", "Transit (days)"),
    "cost_usd": ("费用（美元）", "Cost (USD)"),
    "cost_cny": ("费用（人民币）", "Cost (CNY)"),
    "co2e_kg": ("碳排放（kg CO2e）", "CO2e (kg)"),
    "co2e_t": ("碳排放（吨 CO2e）", "CO2e (t)"),
    "distance_km": ("距离（公里）", "Distance (km)"),
    "transfers": ("换装次数", "Transfers"),
    "border_crossings": ("过境次数", "Border crossings"),
    "exit_port": ("出境口岸", "Port of exit"),
    "entry_port": ("入境口岸", "Port of entry"),
    "modes": ("运输方式", "Modes"),
    "label": ("方案", "Route"),
    "rank": ("排名", "Rank"),
    "warnings": ("提示", "Warnings"),
    "legs": ("分段", "Legs"),
    "leg_from": ("自", "From"),
    "leg_to": ("至", "To"),
    "hours": ("小时", "Hours"),
    "corridor": ("通道", "Corridor"),
    "mode": ("方式", "Mode"),
    "comparison": ("方案比较", "Comparison"),
    "tradeoff": ("时间与成本的权衡（气泡大小：碳排放）", "Time against cost (bubble size: CO2e)"),
    "route_map": ("路线地图", "Route map"),
    "transit_days_min": ("最短（天）", "Shortest (days)"),
    "transit_days_max": ("最长（天）", "Longest (days)"),
    "transit_range": (
        "运输时间（天）：最短 – **通常** – 最长",
        "Transit (days): shortest – **typical** – longest",
    ),
    "departures_per_week": (
        "发车：每周 {n} 班（班次未公布星期几，故不列日期）",
        "Departures: {n} a week (the service publishes no weekdays, so no dates)",
    ),
    "departures_unknown": (
        "发车频率未公布：候车时间按估计的频率计算",
        "Departures: frequency not published; the wait uses an estimated frequency",
    ),
    "estimates_rates": (
        "{modes}的运价与速度为估算值。",
        "The {modes} rates and speeds are estimates.",
    ),
    "estimates_factors": ("碳排放强度为估算值。", "The CO2e intensities are estimates."),
    "estimates_where": (
        "各参数及其来源见下方“计算方法”。",
        "Each is named with its source under “How this is computed” below.",
    ),
    "answer_notes": ("**适用于所有方案：**", "**For every option:**"),
    "method_title": ("计算方法", "How this is computed"),
    "method_time": (
        "**时间**：方案搭乘已知的定期班次（卡片上注明）时，主运输段按班次公布的运输天数计；"
        "其余路段按模型速度计算（铁路 {rail}、海运 {sea}、航空 {air}、公路 {road} 公里/小时，"
        "均为估算值）。",
        "**Time**: where an option rides a scheduled service (named on its card), its main "
        "haul takes the service's published transit days; every other leg runs at the model's "
        "speeds (rail {rail}, sea {sea}, air {air}, truck {road} km/h, all estimates).",
    ),
    "method_waits": (
        "**候车**：等待发车的时间为发车间隔的一半：按班次公布的每周班次，未公布时按估计值"
        "（陆路班列每周 {land} 班、铁海联运每周 {railsea} 班、海运每周 {sailings} 班、"
        "航班每周 {flights} 班）。时间区间从“到站即发车”到“刚好错过一班”。",
        "**Waits**: waiting for a departure takes half the interval between departures: the "
        "service's published departures a week, else an estimate (land trains {land}, rail–sea "
        "trains {railsea}, sailings {sailings}, flights {flights} a week). The range runs from a "
        "departure caught at once to one just missed.",
    ),
    "method_borders": (
        "**口岸与换轨**：过境按该口岸公布的停留时间计（如有）；否则按 {dwell} 小时"
        "（区间 {dwell_min}–{dwell_max} 小时）。换轨换装另加 {gauge} 小时。",
        "**Borders and gauge**: a border crossing takes its published dwell where there is "
        "one; else {dwell} h (range {dwell_min}–{dwell_max} h). A change of gauge adds "
        "{gauge} h.",
    ),
    "method_costs": (
        "**费用**：按集装箱（40 英尺箱）、航空按计费公斤、公路按车计：运价乘以里程，加装卸、"
        "口岸和换装费用；这些运价多为估算值，来源见下表。美元按 {fx} 元折算（{fx_as_of}）。",
        "**Costs**: per container (40 ft box), per chargeable kg by air, per truck by road: "
        "rates times km plus handling, border and gauge-change fees; most rates are "
        "estimates, each with its source below. USD at {fx} CNY ({fx_as_of}).",
    ),
    "method_co2": (
        "**碳排放**：按 GLEC 框架 v3 与 ISO 14083，油井到车轮（WTW）：吨公里乘以各运输方式的"
        "排放强度（见下表）；铁路按所经国家的电气化比例混合电力与内燃牵引的强度。",
        "**CO2e**: after the GLEC Framework v3 and ISO 14083, well-to-wheel: tonne-km times "
        "the mode's intensity (below); rail mixes the electric and diesel intensities by the "
        "electrified share of the countries it runs in.",
    ),
    "method_parameter": ("参数", "Parameter"),
    "method_value": ("数值", "Value"),
    "method_as_of": ("资料日期", "As of"),
    "method_estimate": ("估算值", "Estimate"),
    "method_key": ("键", "Key"),
    "method_source": ("来源", "Source"),
    "method_why": ("估算理由", "Why an estimate"),
    "method_sources_en": (
        "各参数的来源原文为英文，切换到英文界面即可查看。",
        "The sources are quoted in English.",
    ),
    "download_csv": ("下载方案（CSV）", "Download options (CSV)"),
    "download_geojson": ("下载路线（GeoJSON）", "Download route (GeoJSON)"),
    "none": ("—", "—"),
    # map
    "legend": ("图例", "Legend"),
    "exit_port_marker": ("出境口岸", "Port of exit"),
    "entry_port_marker": ("入境口岸", "Port of entry"),
    "origin_marker": ("起点", "Origin"),
    "transfer_marker": ("途经点", "Via"),
    "destination_marker": ("终点", "Destination"),
    "map_alt_route": ("所选路线的地图", "Map of the chosen route"),
    "map_alt_corridors": ("山西国际物流通道地图", "Map of Shanxi's logistics corridors"),
    # corridor map page
    "corridors_header": ("山西对外开放通道与平台", "Shanxi's corridors and open-economy platforms"),
    "layers": ("图层", "Layers"),
    "view": ("视图", "View"),
    "layer_air": ("航空“一点多线”", "Air network “one point, many lines”"),
    "layer_air_intl": ("国际航空货运（枢纽机场）", "International air (cargo hubs)"),
    "layer_land": (
        "陆路通道（中欧/中亚班列）",
        "Land corridors (China–Europe / Central Asia trains)",
    ),
    "rail_abroad": ("境外铁路", "Rail abroad"),
    "layer_rail_sea": ("铁海联运", "Rail–sea links"),
    "layer_sea": ("海运航线", "Sea lanes"),
    "layer_road": ("公路集疏运", "Road feeders"),
    "layer_platforms": ("开放平台", "Platforms"),
    "layer_places": ("节点", "Places"),
    "layer_links": ("线路悬停详情（加载稍慢）", "Line details on hover (slower to load)"),
    "map_shared_lane": ("此段另有 {n} 条线路", "{n} more links on this stretch"),
    "seed_figures": ("主要数据", "Key figures"),
    "figures_header": ("山西对外开放通道数据", "Figures of Shanxi's corridors"),
    "figures_link": (
        "各通道数据、主要数据与开放平台",
        "Figures per corridor, key figures and the platforms",
    ),
    "map_link": ("通道地图", "The corridor map"),
    "seed_as_of": ("截至 {date}，来源：{source}", "As of {date}; source: {source}"),
    "corridor_figures": ("各通道数据", "Figures per corridor"),
    "corridor_detail": ("通道详情：服务的目的地", "Corridor detail: destinations served"),
    "corridor_detail_placeholder": ("选择一条通道", "Choose a corridor"),
    "platforms_table": ("开放平台", "Open-economy platforms"),
    "col_name": ("名称", "Name"),
    "col_kind": ("类型", "Kind"),
    "col_city": ("城市", "City"),
    "col_receives": ("可接收", "Receives"),
    # what a designated inspection site may receive (platforms.geojson ``receives``)
    "receives_fruit": ("进境水果", "imported fruit"),
    "receives_chilled_seafood": ("进境冰鲜水产品", "imported chilled seafood"),
    "receives_meat": ("进境肉类", "imported meat"),
    "col_source": ("来源", "Source"),
    "col_length_km": ("长度（公里）", "Length (km)"),
    "ckind_air": ("航空", "air"),
    "ckind_land": ("陆路", "land"),
    "ckind_rail_sea": ("铁海联运", "rail–sea"),
    "ckind_sea": ("海运", "sea"),
    "ckind_ferry": ("轮渡", "ferry"),
    "ckind_road": ("公路", "road"),
    "ckind_feeder": ("卡车航班", "road feeder"),
    "ckind_rail_abroad": ("境外铁路", "rail abroad"),
    "col_links": ("线段数", "Links"),
    "col_nodes": ("节点数", "Places"),
    "col_destinations": ("目的地", "Destinations"),
    "col_countries": ("国家", "Countries"),
    "col_first_choice": ("首选目的地", "First choice"),
    "first_choice_help": (
        "最佳路线（普通货物 10 吨、30 立方米、均衡，从太原出发）经本通道出境的目的地数"
        "（规划器计算）",
        "Destinations whose best route (general cargo, 10 t, 30 m³, balanced, from Taiyuan) "
        "leaves China by this corridor, as the planner finds it",
    ),
    "col_own_length_km": ("自身线路（公里）", "Own lines (km)"),
    "own_length_help": (
        "本通道自身各段线路的长度之和；航空、海运由分散航线组成，长度之和无意义，留空",
        "Sum of the lengths of the corridor's own lines; left empty for air and sea, whose "
        "separate routes share airspace and lanes (their sum means nothing)",
    ),
    "links_help": ("本通道的线段（航线）数", "Lines (links or routes) of the corridor"),
    "bulletin_lines": ("公报：线路", "Bulletin: lines"),
    "bulletin_cities": ("公报：城市", "Bulletin: cities"),
    "bulletin_countries": ("公报：国家", "Bulletin: countries"),
    "bulletin_trains": ("公报：开行（列）", "Bulletin: trains run"),
    "bulletin_as_of": ("公报：截至", "Bulletin: as of"),
    "bulletin_help": ("公报所列数字，来源：{source}", "Figure of the bulletin, source: {source}"),
    "figures_caption": (
        "“目的地”“国家”为经本通道口岸可到达的境外地点（各陆路通道相同：境外铁路相通）；"
        "“首选目的地”为规划器最佳路线经本通道出境的目的地。",
        "“Destinations” and “Countries” below are the places reachable beyond a corridor's "
        "crossing (the same for every land corridor: the railways abroad join up); “First "
        "choice” counts those whose best route leaves by the corridor.",
    ),
    "col_country": ("国家", "Country"),
    "col_destination": ("目的地", "Destination"),
    # scenario page
    "scenario_header": (
        "情景：关闭口岸、港口或通道",
        "Scenario: close a crossing, a port or a corridor",
    ),
    "scenario_close": ("关闭", "Close"),
    "scenario_close_help": (
        "选择一个或多个边境口岸、港口、机场或通道。",
        "Pick one or more border crossings, ports, airports or corridors.",
    ),
    "scenario_origin": ("起点", "Origin"),
    "scenario_run": ("分析", "Analyse"),
    "scenario_pick": ("请选择要关闭的对象。", "Pick something to close."),
    "scenario_shipment": ("假定货物", "Assumed shipment"),
    "scenario_modes": ("允许的运输方式", "Modes allowed"),
    "scenario_modes_help": (
        "去掉航空，可看出关闭陆路口岸后哪些目的地经陆路或铁路已无法到达。",
        "Leave out air to see which places a land closure cuts off by land and rail.",
    ),
    "scenario_book": ("货物清单（通道流量）", "Shipment book (corridor flows)"),
    "book_none": ("不用", "none"),
    "book_sample": ("示例清单（示意性估算）", "sample book (illustrative estimate)"),
    "book_upload": ("上传 CSV 或 .xlsx", "upload a CSV or .xlsx"),
    "book_sample_note": (
        "示例清单是示意性估算：货类依照《开发区建设》2024年第36期所列主要出口商品"
        "（手机及零件、钢材、太阳能电池、煤炭、纺织物、铁合金、特色食品），"
        "起点、目的地与重量由本项目假定，并非贸易统计。",
        "The sample book is an illustrative estimate: its goods follow the main exports named by "
        "the provincial bulletin (2024 no. 36: phones and parts, steel, solar cells, coal, "
        "textiles, ferroalloys, specialty foods); origins, destinations and sizes are the "
        "project's assumptions, not trade statistics.",
    ),
    "scen_counts": ("{n} 个目的地", "{n} destinations"),
    "scen_status_unchanged": ("不变", "unchanged"),
    "scen_status_worse": ("变差", "worse"),
    "scen_status_better": ("变好", "better"),
    "scen_status_mixed": ("有得有失", "mixed"),
    "scen_status_unreachable": ("不可达", "unreachable"),
    "scen_status_help": (
        "变差：更慢或更贵（且不更快、不更便宜）；变好：反之；有得有失：更快但更贵，或相反；"
        "相差不到 0.05 天和 1 美元视为不变。",
        "Worse: slower or dearer (and neither faster nor cheaper); better: the reverse; mixed: "
        "faster but dearer, or the reverse; within 0.05 days and 1 USD counts as unchanged.",
    ),
    "col_status": ("状态", "Status"),
    "col_days_before": ("之前（天）", "Days before"),
    "col_days_after": ("之后（天）", "Days after"),
    "col_usd_before": ("之前（美元）", "USD before"),
    "col_usd_after": ("之后（美元）", "USD after"),
    "col_exit_before": ("之前出境口岸", "Exit before"),
    "col_exit_after": ("之后出境口岸", "Exit after"),
    "col_route_before": ("之前路线", "Route before"),
    "col_route_after": ("之后路线", "Route after"),
    "col_corridor_before": ("之前通道", "Corridor before"),
    "col_corridor_after": ("之后通道", "Corridor after"),
    "col_co2e_before": ("之前（千克 CO2e）", "kg CO2e before"),
    "col_co2e_after": ("之后（千克 CO2e）", "kg CO2e after"),
    "col_remark": ("提示", "Remark"),
    "flows_header": ("各通道流量（货物清单）", "Flows per corridor (shipment book)"),
    "flow_shipments": ("票数", "shipments"),
    "col_corridor": ("通道", "Corridor"),
    "col_shipments_before": ("之前票数", "Shipments before"),
    "col_shipments_after": ("之后票数", "Shipments after"),
    "col_weight_before": ("之前（吨）", "Tonnes before"),
    "col_weight_after": ("之后（吨）", "Tonnes after"),
    "col_teu_before": ("之前（标箱）", "TEU before"),
    "col_teu_after": ("之后（标箱）", "TEU after"),
    "flows_legend_before": ("关闭前流量", "flow before"),
    "flows_legend_after": ("关闭后流量", "flow after"),
    "download_scenario_json": ("下载情景结果（JSON）", "Download the scenario (JSON)"),
    "download_map_png": ("下载地图（PNG）", "Download the map (PNG)"),
    "download_map_pdf": ("下载地图（PDF）", "Download the map (PDF)"),
    "download_report_png": ("下载一页报告（PNG）", "Download a one-page report (PNG)"),
    "download_report_pdf": ("下载一页报告（PDF）", "Download a one-page report (PDF)"),
    "map_view": ("地图范围", "Map view"),
    "view_shanxi": ("山西", "Shanxi"),
    "view_china": ("中国", "China"),
    "view_eurasia": ("亚欧", "Eurasia"),
    "view_world": ("世界", "World"),
    "schematic_note": (
        "示意图，无审图号，未经审批不得公开出版。",
        "Schematic map: it carries no map approval number (审图号) and is not for publication.",
    ),
    "download_scenario": ("下载情景结果（CSV）", "Download the scenario table (CSV)"),
    "group_crossing": ("口岸", "crossing"),
    "group_port": ("港口", "port"),
    "group_airport": ("机场", "airport"),
    "group_corridor": ("通道", "corridor"),
    # batch page
    "batch_header": ("批量规划", "Batch planning"),
    "batch_intro": (
        "上传货物清单：CSV（UTF-8、GBK/GB18030 或 UTF-16 编码）"
        "或 Excel 工作簿（.xlsx，读取第一个工作表）。"
        "列：shipment_id、origin、destination，可选 cargo、weight_t、volume_m3、priority。"
        "每行得到最佳方案；出错的行会标明原因。",
        "Upload a shipments table: a CSV file (UTF-8, GBK/GB18030 or UTF-16) or an Excel "
        "workbook (.xlsx, its first sheet), with the columns shipment_id, origin, destination "
        "and optionally cargo, weight_t, volume_m3, priority. Each row gets its best option; "
        "rows in error say why.",
    ),
    "batch_upload": (
        "货物清单（CSV 或 .xlsx，最大 {limit}）",
        "Shipments (CSV or .xlsx, at most {limit})",
    ),
    "batch_read_as": ("文件按 {encoding} 读取。", "The file was read as {encoding}."),
    "download_batch_xlsx": ("下载结果（Excel）", "Download the result (Excel)"),
    "batch_template": ("下载模板（CSV）", "Download a template (CSV)"),
    "batch_too_big": (
        "文件过大（{size}），上限为 {limit}。",
        "The file is too large ({size}); the limit is {limit}.",
    ),
    "batch_bad_csv": ("无法读取此文件：{reason}", "This file cannot be read: {reason}"),
    "batch_progress": ("第 {done}/{total} 行", "Row {done} of {total}"),
    "batch_done": (
        "{total} 行：{ok} 行成功，{err} 行出错。",
        "{total} rows: {ok} planned, {err} in error.",
    ),
    "batch_errors": ("出错的行", "Rows in error"),
    "batch_result": ("结果", "Result"),
    "download_batch": ("下载结果（CSV）", "Download the result (CSV)"),
    # modes, priority, kinds (a cargo class is named by its row of the cargo table)
    "mode_air": ("航空", "Air"),
    "mode_rail": ("铁路", "Rail"),
    "mode_road": ("公路", "Road"),
    "mode_sea": ("海运", "Sea"),
    "priority_balanced": ("均衡", "Balanced"),
    "priority_fastest": ("最快", "Fastest"),
    "priority_cheapest": ("最便宜", "Cheapest"),
    "priority_greenest": ("最低碳", "Greenest"),
    "kind_city": ("城市", "City"),
    "kind_airport": ("机场", "Airport"),
    "kind_rail_terminal": ("铁路物流园", "Rail terminal"),
    "kind_rail_station": ("火车站", "Rail station"),
    "kind_border_crossing": ("边境口岸", "Border crossing"),
    "kind_seaport": ("港口", "Seaport"),
    "kind_destination": ("境外城市", "Foreign city"),
    "kind_country": ("国家", "Country"),
    "kind_bonded_zone": ("综合保税区", "Comprehensive bonded zone"),
    "kind_bonded_logistics_centre": ("保税物流中心（B型）", "Bonded logistics centre (B)"),
    "kind_inspection_site": ("指定监管场地", "Designated inspection site"),
    "kind_mail_exchange": ("国际邮件互换中心", "International mail exchange"),
    "kind_ecommerce_platform": ("跨境电商平台", "Cross-border e-commerce platform"),
    "kind_industrial_park": ("产业园区", "Industrial park"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "reachable": ("仍可达", "Still reachable"),
    "status_lost": ("不再可达", "no longer reachable"),
    "status_worse": ("变慢或变贵", "slower or dearer"),
    "status_same": ("不受影响", "unaffected"),
    "status_closed": ("已关闭", "closed"),
    "scenario_map": ("关闭后的目的地", "Destinations after the closure"),
    "unreachable": ("不可达", "Unreachable"),
}


def current() -> str:
    """The language of this session (``"zh"`` or ``"en"``)."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def initial_lang(url_value: str | None, locale: str | None) -> str:
    """Language of a first visit: the URL's ``lang`` if valid, else Chinese for a zh browser."""
    if url_value in LANGS:
        return url_value
    if locale and locale.lower().startswith("zh"):
        return "zh"
    return DEFAULT_LANG


def t(key: str, lang: str | None = None, **fmt: Any) -> str:
    """The string ``key`` in the current (or given) language, formatted with ``fmt``."""
    zh, en = STRINGS[key]
    text = zh if (lang or current()) == "zh" else en
    return text.format(**fmt) if fmt else text


def labeller(prefix: str, lang: str | None = None) -> Callable[[Any], str]:
    """A ``format_func`` giving ``t(prefix + value)`` in the language of *now*.

    Widgets may call their ``format_func`` outside the script run (tests do), so the language is
    bound when the function is made, never looked up later.
    """
    bound = lang or current()
    return lambda value: t(f"{prefix}{value}", bound)


def name(row: Mapping[str, Any] | Any, lang: str | None = None) -> str:
    """A place's name in the current language, falling back to the other one or the id."""
    get = row.get if isinstance(row, Mapping) else lambda k, d=None: getattr(row, k, d)
    first, second = (
        ("name_zh", "name_en") if (lang or current()) == "zh" else ("name_en", "name_zh")
    )
    for key in (first, second, "id"):
        value = get(key, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def both(row: Mapping[str, Any] | Any, lang: str | None = None) -> str:
    """``"Taiyuan 太原"`` on an English page, ``"太原 Taiyuan"`` on a Chinese one: both names,
    the page's language first, for tooltips read by either audience."""
    first = lang or current()
    one, other = name(row, first), name(row, "en" if first == "zh" else "zh")
    return one if one == other else f"{one} {other}"
