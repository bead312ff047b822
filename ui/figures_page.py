"""Officials' figures page: the bulletin's figures with their date; per corridor, what it is,
the length of its own lines, the destinations whose best route leaves by it (the planner's
answer) and the bulletin's figures, every column explained; the open-economy platforms."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from planner.text.citing import publication
from planner.text.words import join
from ui import common, data, i18n
from ui.i18n import t

__all__ = ["first_choice", "render"]

logger = logging.getLogger(__name__)

#: Seed figure keys shown first, in this order (their labels: the ``seed_<key>`` words).
SEED_KEYS = (
    "china_europe_lines",
    "china_europe_cities",
    "china_europe_countries",
    "trains_total",
    "air_ports_of_entry",
)
#: The bulletin's per-corridor figures (``seed_<key>`` columns of corridor_figures).
FIGURE_KEYS = ("lines", "cities", "countries", "trains")
#: The shipment whose best route decides a destination's first-choice corridor.
FIRST_CHOICE_ORIGIN = "taiyuan"
#: Widths of the corridor table's name and kind columns, in pixels.
NAME_PX, KIND_PX = 386, 88


@st.cache_data(show_spinner=False)
def first_choice(directory: str | None) -> dict[str, list[str]]:
    """Per corridor, the destinations whose best route (the default shipment: general cargo,
    10 t, 30 m³, balanced, from Taiyuan) leaves China by it."""
    from planner.scenario.closure import scenario

    network = data.network_at(directory)
    origins = common.origin_ids(network)
    origin = FIRST_CHOICE_ORIGIN if FIRST_CHOICE_ORIGIN in origins else origins[0]
    frame = scenario([], origin=origin, network=network)
    chosen: dict[str, list[str]] = {}
    for corridor, destination in zip(frame["corridor_before"], frame["destination"], strict=True):
        if isinstance(corridor, str):
            chosen.setdefault(corridor, []).append(destination)
    return chosen


def _blank_missing(column: pd.Series) -> pd.Series:
    """The bulletin gives some figures for some corridors only: the rest are empty cells."""
    return pd.Series(
        ["" if pd.isna(value) else str(value) for value in column], index=column.index, dtype=str
    )


def render() -> None:
    """The figures page."""
    network = common.network_or_stop()
    st.header(t("figures_header"))
    _seed_figures(network.seed_figures)
    st.markdown(f"#### {t('corridor_figures')}")
    _corridor_table()
    if len(network.platforms):
        st.markdown(f"#### {t('platforms_table')}")
        _platform_table(network)
    st.page_link("ui/pages/corridor.py", label=t("map_link"), icon=":material/map:")


def _corridor_table() -> None:
    """The figures table and the detail of one corridor."""
    try:
        frame = data.figures()
        chosen = first_choice(data.data_dir())
    except Exception as exc:  # noqa: BLE001 - figures are an extra; the map still shows
        logger.exception("corridor figures failed")
        common.show_error(exc)
        return
    frame = frame.assign(
        first_choice_ids=[sorted(chosen.get(cid, [])) for cid in frame["id"]],
        first_choice=[len(chosen.get(cid, [])) for cid in frame["id"]],
    )
    lang = i18n.current()
    shown = pd.DataFrame(
        {
            t("col_name"): frame["name_zh" if lang == "zh" else "name_en"],
            t("col_kind"): [
                t(f"ckind_{k}") if f"ckind_{k}" in i18n.STRINGS else k for k in frame["kind"]
            ],
            # empty, not "None", where a length would mean nothing (the help says why)
            t("col_own_length_km"): [
                "" if pd.isna(v) else f"{v:,.0f}" for v in frame["own_length_km"]
            ],
            t("col_first_choice"): frame["first_choice"],
        }
    )  # the model's count of line sections is left to the CSV: it says nothing to a reader
    config = {
        # pixels: the kind ("road feeder", "rail abroad") was cut to "road feede" beside a
        # "large" name, and every column fits a page 1,400 pixels wide with its sidebar
        t("col_name"): st.column_config.TextColumn(width=NAME_PX),
        t("col_kind"): st.column_config.TextColumn(width=KIND_PX),
        t("col_own_length_km"): st.column_config.TextColumn(help=t("own_length_help")),
        t("col_first_choice"): st.column_config.NumberColumn(help=t("first_choice_help")),
    }
    sources = {
        publication(s, lang)
        for s in frame.get("seed_source", pd.Series(dtype=object))
        if isinstance(s, str)
    }
    bulletin = t("bulletin_help", source="; ".join(sorted(sources)) or "—")
    for key in FIGURE_KEYS:
        column = f"seed_{key}"
        if column in frame.columns and frame[column].notna().any():
            header = t(f"bulletin_{key}")
            shown[header] = _blank_missing(frame[column])
            config[header] = st.column_config.TextColumn(help=bulletin)
    if "seed_as_of" in frame.columns and frame["seed_as_of"].notna().any():
        shown[t("bulletin_as_of")] = _blank_missing(frame["seed_as_of"])
        config[t("bulletin_as_of")] = st.column_config.TextColumn(help=bulletin)
    st.dataframe(shown, hide_index=True, key="c_figures", column_config=config)
    st.caption(t("figures_caption"))
    _corridor_detail(frame)


def _corridor_detail(frame: pd.DataFrame) -> None:
    """Which destinations one corridor is the first choice of, and which it reaches, by name."""
    lang = i18n.current()
    names = {row["id"]: i18n.name(row, lang) for row in frame.to_dict("records")}
    chosen = st.selectbox(
        t("corridor_detail"),
        list(names),
        key="c_detail",
        format_func=lambda cid: names.get(cid, cid),
        index=None,
        placeholder=t("corridor_detail_placeholder"),
    )
    if chosen is None:
        return
    row = frame.set_index("id").loc[chosen]
    network = data.get_network()
    nodes, countries = network.nodes, network.countries

    def named(ids, table) -> list[str]:
        return [i18n.name(table.loc[i].to_dict(), lang) if i in table.index else i for i in ids]

    places = named(row.get("destination_ids") or [], nodes)
    states = named(row.get("country_list") or [], countries)
    first = named(row.get("first_choice_ids") or [], nodes)
    st.markdown(
        f"**{t('col_first_choice')}** ({len(first)}): {', '.join(first) or t('none')}  \n"
        f"**{t('col_destinations')}** ({len(places)}): {', '.join(places) or t('none')}  \n"
        f"**{t('col_countries')}** ({len(states)}): {', '.join(states) or t('none')}"
    )


def _figure(entry) -> tuple[object, str | None, str | None]:
    if isinstance(entry, dict):
        return entry.get("value"), entry.get("as_of"), entry.get("source")
    return entry, None, None


def _seed_figures(figures: dict) -> None:
    if not figures:
        return
    st.markdown(f"#### {t('seed_figures')}")
    keys = [k for k in SEED_KEYS if k in figures] + [
        k for k in figures if k not in SEED_KEYS and isinstance(figures[k], dict)
    ]
    columns = st.columns(max(len(keys), 1))
    dates, sources = set(), set()
    for column, key in zip(columns, keys, strict=False):
        value, as_of, source = _figure(figures[key])
        label = t(f"seed_{key}") if key in SEED_KEYS else key.replace("_", " ")
        note = figures[key].get("note") if isinstance(figures[key], dict) else None
        help_text = " · ".join(str(x) for x in (note, as_of) if x) or None
        column.metric(
            label,
            f"{value:,}" if isinstance(value, int | float) else str(value),
            help=help_text,
        )
        if as_of:
            dates.add(str(as_of))
        if source:
            sources.add(str(source))
    for key in ("as_of", "source"):  # flat form: {"as_of": ..., "source": ...}
        if isinstance(figures.get(key), str):
            (dates if key == "as_of" else sources).add(figures[key])
    if dates or sources:
        lang = i18n.current()
        st.caption(
            t(
                "seed_as_of",
                date=", ".join(_widest(dates)) or "—",
                source="; ".join(sorted(publication(x, lang) for x in sources)) or "—",
            )
        )


def _widest(dates: set[str]) -> list[str]:
    """The dates, a day left out where its month is given too ("2024-09" covers
    "2024-09-18": the day stays in its figure's help)."""
    return sorted(d for d in dates if not any(d != o and d.startswith(o) for o in dates))


def _platform_table(network) -> None:
    lang = i18n.current()
    rows = []
    nodes = network.nodes
    for _, row in network.platforms.iterrows():
        kind_key = f"kind_{row['kind']}"
        city = row.get("city")
        city_name = i18n.name(nodes.loc[city].to_dict()) if city in nodes.index else (city or "")
        receives = row.get("receives")
        rows.append(
            {
                t("col_name"): row["name_zh"] if lang == "zh" else row["name_en"],
                t("col_kind"): t(kind_key) if kind_key in i18n.STRINGS else row["kind"],
                t("col_city"): city_name,
                t("col_receives"): join(
                    (t(f"receives_{r}") if f"receives_{r}" in i18n.STRINGS else str(r)
                     for r in receives),
                    lang,
                )
                if isinstance(receives, list | tuple)
                else "",
                t("col_source"): publication(row.get("source") or "", lang),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="c_platforms")
