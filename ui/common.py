"""Pieces every page uses: the language switch, place labels and one-line error messages."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from ui import data, i18n
from ui.i18n import t
from ui.state import relabel

__all__ = [
    "MAX_UPLOAD_BYTES",
    "csv_download",
    "xlsx_download",
    "chrome_words",
    "glossary",
    "human_bytes",
    "literal",
    "show_bad_link_values",
    "init_language",
    "language_selector",
    "network_or_stop",
    "origin_ids",
    "place_formatter",
    "show_error",
    "show_planning_error",
]

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Characters of user-supplied text echoed on a page at most (a longer text is cut with "…").
MAX_ECHO_CHARS = 80
#: Characters that Streamlit's Markdown reads as syntax (links, images, emphasis, colour and
#: icon directives, LaTeX): escaped in anything a user or a link supplied.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()!|<>~$:]|^[#+\-=]|(?<=^\d)\.|(?<=^\d\d)\.)")

#: Where a bare address begins, after which an invisible space stops an automatic link: the
#: "www" of ``www.``, the scheme of ``http://`` (its ``:`` may come escaped), before an ``@``.
_AUTOLINK = re.compile(r"(?i)(\bwww(?=\\?\.)|\b[a-z][a-z0-9+.-]*(?=\\?:\\?/\\?/)|[\w.+-](?=@))")
_INVISIBLE = "\u200b"
#: The media type of an .xlsx workbook.
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Largest shipments file the batch page accepts (also ``server.maxUploadSize`` in MB, rounded up).
MAX_UPLOAD_BYTES = 1_000_000


def init_language() -> str:
    """The session's language; a first visit follows ``?lang=``, else the browser's locale."""
    if i18n.LANG_KEY not in st.session_state:
        locale = getattr(st.context, "locale", None)
        st.session_state[i18n.LANG_KEY] = i18n.initial_lang(st.query_params.get("lang"), locale)
    return i18n.current()


def language_selector() -> str:
    """The zh/en switch in the sidebar (after :func:`init_language`)."""
    init_language()
    st.sidebar.radio(
        t("language"),
        i18n.LANGS,
        key=i18n.LANG_KEY,
        format_func=i18n.labeller("lang_", "en"),
        horizontal=True,
        on_change=relabel,
    )
    lang = i18n.current()
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


#: Streamlit's own words on the file uploader (its button and its size limit), replaced by the
#: catalogue's in the page's language: the text is hidden and the words drawn in its place.
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {button}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: {limit}; font-size: 0.75rem; }}
</style>"""


def _css_text(text: str) -> str:
    """``text`` as a CSS string (quoted; characters as they are, not JSON's escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def chrome_words() -> None:
    """Streamlit's words on the page (the uploader's button and limit) in the page's language."""
    limit = t("uploader_limit", limit=human_bytes(MAX_UPLOAD_BYTES))
    css = _UPLOADER_CSS.format(button=_css_text(t("uploader_button")), limit=_css_text(limit))
    st.html(css)


def glossary() -> None:
    """The glossary in the sidebar, on every page: each term of the pages (FEU, WTW, CO2e,
    GLEC, ISO 14083, Pareto-optimal, the map review number) in plain words."""
    from planner.text.words import section

    with st.sidebar.expander(t("glossary"), icon=":material/menu_book:"):
        st.caption(t("glossary_intro"))
        for text in section("glossary", i18n.current()).values():
            st.markdown(text)


def literal(text: object) -> str:
    """``text`` as Markdown that shows it as written: every syntax character escaped (a link's
    ``![x](http://…)`` never becomes an image or a link), cut at :data:`MAX_ECHO_CHARS`."""
    text = " ".join(str(text).split())
    if len(text) > MAX_ECHO_CHARS:
        text = text[: MAX_ECHO_CHARS - 1] + "…"
    return _unlinked(_MARKDOWN_SYNTAX.sub(r"\\\1", text))


def show_error(exc: BaseException | str) -> None:
    """One clear line for an input or data error; nothing else (no traceback). The text may
    hold what a user typed: it is shown literally."""
    st.error(literal_message(str(exc)), icon=":material/error:")


def literal_message(text: str) -> str:
    """A whole message shown literally (escaped; not cut: it names what is wrong)."""
    return _unlinked(_MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(text.split())))


def _unlinked(markdown: str) -> str:
    """``markdown`` with what GitHub's Markdown turns into a link by itself (``www.``,
    ``http://``, ``a@b.example``) broken by an invisible space: shown, never clickable."""
    return _AUTOLINK.sub(lambda m: m.group(1) + _INVISIBLE, markdown)


def show_bad_link_values(problems: list[tuple[str, str]]) -> None:
    """One warning per value of the page's link that could not be used (shown literally)."""
    for name, value in dict(problems).items():
        st.warning(
            t("bad_url_value", param=literal(name), value=literal(value)),
            icon=":material/link_off:",
        )


def planned(work: Callable[[], T]) -> T | None:
    """What ``work`` plans, under the page's "planning" spinner; on an error, one line in the
    page's language and ``None`` (an error the planner did not foresee is logged too)."""
    try:
        with st.spinner(t("planning")):
            return work()
    except Exception as exc:  # PlanningError and friends: one line  # noqa: BLE001
        from planner.model.errors import PlanningError

        if not isinstance(exc, PlanningError | ValueError | KeyError):
            logger.exception("planning failed")
        show_planning_error(exc)
        return None


def show_planning_error(exc: BaseException) -> None:
    """One line for a planner error, in the page's language (the planner's message record)."""
    render = getattr(exc, "render", None)
    reason = render(i18n.current()) if callable(render) else str(exc)
    show_error(t("planning_error", reason=reason))


def network_or_stop():
    """The corridor network, or a clear message and the end of this page's run."""
    try:
        network = data.get_network()
    except Exception as exc:  # a broken data directory must not crash the app  # noqa: BLE001
        logger.exception("cannot load the network")
        show_error(t("data_error", reason=exc))
        st.stop()
    return network


def place_formatter(*, world: bool = False) -> Callable[[str], str]:
    """``format_func`` for place ids: ``"Moscow · <Chinese name> (RU)"``, current language first
    (an id that is no place as it is); the network's places, or with ``world`` the pickers'
    (:func:`ui.data.picker_places`)."""
    labels = _place_labels(data.data_dir(), i18n.current(), world)
    return lambda place_id: labels.get(place_id, str(place_id))


@st.cache_resource(show_spinner=False, max_entries=8)
def _place_labels(directory: str | None, lang: str, world: bool) -> dict[str, str]:
    """Every place's label, made once per data directory, language and list (the pickers
    list thousands: labelling them on every run cost a route page a quarter of a second)."""
    places = data.picker_places() if world else data.places()
    other = "en" if lang == "zh" else "zh"
    labels = {}
    # the columns as lists, not to_dict("records"): a tenth of the time on a cold first page
    keys = [k for k in ("id", "name_en", "name_zh", "kind", "country") if k in places.columns]
    for values in zip(*(places[k].tolist() for k in keys), strict=True):
        row = dict(zip(keys, values, strict=True))
        first, second = i18n.name(row, lang), i18n.name(row, other)
        kind = row.get("kind") or ""
        key = f"kind_{kind}"
        kind_text = t(key, lang) if key in i18n.STRINGS else kind
        names = first if first == second else f"{first} · {second}"
        labels[row["id"]] = f"{names} ({kind_text}, {row.get('country') or ''})"
    return labels


def place_of_label(text: str) -> str | None:
    """The pickers' place id whose label, in either language, is ``text`` (else ``None``).

    A destination box that takes typed names sends the browser's *label* back; a page still
    labelled in the language it was switched from sends the old one, which must not stand as
    a typed name ("unknown place 'Moscow · <Chinese name> (Foreign city, RU)'")."""
    for lang in i18n.LANGS:
        found = _label_places(data.data_dir(), lang).get(text)
        if found is not None:
            return found
    return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _label_places(directory: str | None, lang: str) -> dict[str, str]:
    """Every picker label of one language, to its place id (made once per data directory)."""
    return {label: place_id for place_id, label in _place_labels(directory, lang, True).items()}


def origin_ids(network) -> list[str]:
    """Shanxi's prefecture cities first, then the Shanxi terminals and airports serving them."""
    nodes = network.nodes
    prefecture = nodes.get("shanxi_prefecture", pd.Series(False, index=nodes.index))
    cities = [i for i in nodes.index if prefecture.get(i) is True or prefecture.get(i) == 1]
    city_set = set(cities)
    served = nodes["city"] if "city" in nodes.columns else pd.Series(None, index=nodes.index)
    departure = nodes.get("departure_terminal", pd.Series(False, index=nodes.index))
    terminals = [
        i
        for i in nodes.index
        if i not in city_set and (served.get(i) in city_set or bool(departure.get(i)))
    ]
    return cities + terminals


def csv_download(label_key: str, frame: pd.DataFrame, file_name: str, key: str, where=st) -> None:
    """A download button for a table as the planner writes CSV for people (BOM, safe cells),
    its headers and flags in the page's language."""
    from planner.text.columns import localized

    where.download_button(
        t(label_key),
        data.csv_bytes(localized(frame, i18n.current(), cargo_zh=data.cargo_classes().names_zh)),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def xlsx_download(label_key: str, frame: pd.DataFrame, file_name: str, key: str, where=st) -> None:
    """A download button for a table as an .xlsx workbook (text cells are never formulas), its
    headers and flags in the page's language."""
    from planner.io.export import xlsx_bytes
    from planner.text.columns import localized
    from planner.text.words import words

    lang = i18n.current()
    where.download_button(
        t(label_key),
        xlsx_bytes(
            localized(frame, lang, cargo_zh=data.cargo_classes().names_zh),
            title=words("sheet.routes", lang),
        ),
        file_name=file_name,
        mime=XLSX_MIME,
        key=key,
        icon=":material/table_view:",
    )


def human_bytes(size: int) -> str:
    """``1.5 MB`` style size."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size} B"
