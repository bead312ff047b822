"""What the planner says, as records, and the one formatter that writes them in English or Chinese.

The planner never composes a sentence: an option's title, its warnings, the reason no route
exists and every input error are a :class:`Message` — a code and its parameters. :func:`render`
turns one into text in either language, so the CLI, the exports and the app share one wording
and nobody parses planner text back. The words are the catalogue's (``msg.<code>`` and the
parts below it, see :mod:`planner.text.words`); the writers here only put parts together.

Examples
--------
>>> render(Message.of("red_sea"), "en")  # doctest: +SKIP
'sea leg through the Red Sea: attacks on shipping since late 2023 have disrupted ...'
>>> render(Message.of("perishable_too_long", days=24.0, limit=21.0), "en")
'transit of 24.0 d exceeds the 21 d a perishable cargo keeps'
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from typing import Any

from planner.text import citing
from planner.text.file_messages import header_lacks, not_table, os_reason, summary
from planner.text.message import Message, Name
from planner.text.words import MAX_ECHO_CHARS, catalogue, join, words

__all__ = ["LANGS", "MAX_ECHO_CHARS", "Message", "Name", "render", "rendered_codes"]

LANGS = ("en", "zh")

logger = logging.getLogger(__name__)

#: Parameters that are lists of names or words, joined in a plain message by a ``sep.*`` word.
_LISTS = {"required": "list", "alternatives": "list", "suffixes": "or"}
#: Distinct messages whose text is kept (a message and its language).
MAX_KEPT_TEXTS = 4096
#: Transit times from this many days on are written in whole days in a title.
WHOLE_DAYS_FROM = 2.0


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
        One line. An unknown code renders as its code and parameters and logs an error (never
        raises; the tests fail on it).
    """
    lang = "zh" if lang == "zh" else "en"
    try:
        return _kept_text(message, lang)
    except TypeError:  # a parameter that cannot be hashed: written afresh
        return _text(message, lang)


def _text(message: Message, lang: str) -> str:
    writer = _WRITERS.get(message.code)
    if writer is not None:
        return writer(message.params, lang)
    if message.code in _PLAIN:
        return _plain(message.code, message.params, lang)
    logger.error("no writer and no words for the message code %r", message.code)
    return f"{message.code} {message.params}"


#: A batch's rows say the same few notes over and over: each is written once per language
#: (measured on 30,000 rows: render took 1.8 s uncached, against 0.3 s with f-strings before the
#: catalogue).
_kept_text = functools.lru_cache(maxsize=MAX_KEPT_TEXTS)(_text)


def rendered_codes() -> frozenset[str]:
    """Every code :func:`render` writes: those with a writer and the plain ``msg.*`` ones."""
    return frozenset(_WRITERS) | _PLAIN


def _plain(code: str, p: Mapping[str, Any], lang: str) -> str:
    """``msg.<code>`` filled with ``p``; the lists it names are joined as the language joins."""
    params = {k: join(v, lang, _LISTS[k]) if k in _LISTS else v for k, v in p.items()}
    return words(f"msg.{code}", lang, **params)


# --- pieces ------------------------------------------------------------------------------------


def _days(days: float) -> str:
    return f"{days:.1f}" if days < WHOLE_DAYS_FROM else f"{days:.0f}"


def _mode(mode: str, lang: str) -> str:
    return catalogue(lang).get(f"mode.{mode}", mode)


def _cargo(cargo: Any, lang: str) -> Any:
    """A cargo class in ``lang``: its id and its Chinese name of the cargo table (a Name)."""
    return cargo.in_lang(lang) if isinstance(cargo, Name) else cargo


# --- route titles --------------------------------------------------------------------------------


def _route(p: Mapping[str, Any], lang: str) -> str:
    """ "Rail from Houma via Horgos, 10 d" and its Chinese."""
    modes = [_mode(m, lang) for m in p["modes"]]
    text = words("route.first_mode", lang, mode=modes[0].capitalize()) + "".join(
        words("route.next_mode", lang, mode=m) for m in modes[1:]
    )
    terminal, exit_port, entry = (p.get(k) for k in ("terminal", "exit", "entry"))
    if terminal:
        text += words("route.from", lang, terminal=terminal)
    if exit_port:
        text += words("route.via", lang, exit=exit_port)
        if entry:
            text += words("route.to", lang, entry=entry)
    return words("route.days", lang, text=text, days=_days(p["days"]))


# --- warnings -------------------------------------------------------------------------------------


def _estimated(p: Mapping[str, Any], lang: str) -> str:
    """Parameters that are estimates (a mode's rates and speeds, or the CO2e intensities): each
    named with its value and the date of its source, in English also its key and why it is an
    estimate (said once for the rows that share it)."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in p["params"]:
        groups.setdefault((row.as_of, citing.reason(row)), []).append(row)
    if "mode" in p:
        lead = words("msg.estimated_lead_mode", lang, mode=_mode(p["mode"], lang))
    else:
        lead = words("msg.estimated_lead_co2e", lang)
    parts = []
    for (as_of, why), rows in groups.items():
        named = [
            words(
                "msg.estimated_named",
                lang,
                name=citing.name(r, lang),
                quantity=citing.quantity(r, lang),
                key=r.key,
            )
            for r in rows
        ]
        # the rows that share a reason: it follows the last
        named[-1] += words("msg.estimated_why", lang, as_of=as_of, why=why)
        named = [n + words("msg.estimated_close", lang) for n in named]
        parts.append(words("msg.estimated_group", lang, named=join(named, lang), as_of=as_of))
    return words("msg.estimated", lang, lead=lead, parts=join(parts, lang, "semi"))


def _estimated_short(p: Mapping[str, Any], lang: str) -> str:
    """A mode's parameters that are estimates, by name and value (an option's note: short, as
    a table's cell holds it; the answer names each with its key, date and reason)."""
    named = (f"{citing.name(r, lang)} {citing.quantity(r, lang)}" for r in p["params"])
    return words(
        "msg.estimated_rates", lang, mode=_mode(p["mode"], lang), named=join(named, lang)
    )


def _co2e_method(p: Mapping[str, Any], lang: str) -> str:
    """How an option's CO2e is counted, and the g CO2e per tonne-km of its modes' legs."""
    spans = (
        f"{_mode(mode, lang)} {lo:g}" + ("" if hi == lo else f"–{hi:g}")
        for mode, lo, hi in p["factors"]
    )
    return words("msg.co2e_method", lang, **{**p, "factors": join(spans, lang)})


def _no_route(p: Mapping[str, Any], lang: str) -> str:
    """Why no route exists: ``cause`` picks the sentence (see :mod:`planner.search.explain`)."""
    avoiding, forbidden = p.get("avoiding", ()), p.get("forbidden", ())
    where = words("no_route.where", lang, origin=p["origin"], destination=p["destination"])
    avoid = words("no_route.avoid", lang, avoiding=join(avoiding, lang)) if avoiding else ""
    cargo = _cargo(p.get("cargo"), lang)
    modes = [_mode(m, lang) for m in forbidden]
    if lang == "zh":  # grammar: Chinese names the modes in one rule, English says one a mode
        rules = [words("no_route.rule", lang, cargo=cargo, modes=join(modes, lang))]
    else:
        rules = [words("no_route.rule", lang, cargo=cargo, modes=m) for m in modes]
    rule = join(rules, lang, "semi") if forbidden else ""
    cause = p.get("cause", "other")
    if cause not in ("not_joined", "cargo", "cargo_only", "closed"):
        cause = "other"
    text = words(
        f"no_route.{cause}",
        lang,
        where=where,
        avoid=avoid,
        rule=rule,
        destination=p["destination"],
    )
    if cause == "other" and rule:
        text += words("no_route.other_rule", lang, rule=rule)
    return text


def _unknown_place(p: Mapping[str, Any], lang: str) -> str:
    names = join(p.get("suggestions", ()), lang)
    hint = words("msg.unknown_place_hint", lang, suggestions=names) if names else ""
    return words("msg.unknown_place", lang, name=p["name"], hint=hint)


def _unknown_choice(p: Mapping[str, Any], lang: str) -> str:
    what = p["what"] if lang != "zh" else p["what"].replace(" ", "_")  # a field's key
    choices = join(p["choices"], lang)
    return words("msg.unknown_choice", lang, **{**p, "what": what, "choices": choices})


def _in_row(p: Mapping[str, Any], lang: str) -> str:
    reason = p["reason"]
    text = render(reason, lang) if isinstance(reason, Message) else str(reason)
    return words("msg.in_row", lang, row=p["row"], reason=text)


def _rides_service(p: Mapping[str, Any], lang: str) -> str:
    weekly = words("msg.rides_service_weekly", lang, **p) if p.get("per_week") else ""
    if p.get("last_seen"):  # not seen running for long: ranked after the current ones
        return words(
            "msg.rides_service_last_seen", lang, name=p["name"], weekly=weekly, year=p["last_seen"]
        )
    return words("msg.rides_service", lang, name=p["name"], weekly=weekly, seen=p["seen"])


def _truck(p: Mapping[str, Any], lang: str) -> str:
    """A first- or last-mile truck of a place beyond the network."""
    place, gateway = p["place"], p["gateway"]
    start, end = (place, gateway) if p["first"] else (gateway, place)
    text = words("truck.truck", lang, km=p["km"], start=start, end=end)
    text += words("truck.abroad", lang) if p["abroad"] else ""
    text += words("truck.over_sea", lang) if p.get("over_sea") else ""
    if p.get("limit_km") is not None:
        text += words("truck.limit", lang, limit_km=p["limit_km"])
    return text


def _why(p: Mapping[str, Any], lang: str) -> str:
    """Why an option is offered: its reasons (``why.*``) joined."""
    haul = catalogue(lang).get(f"haul.{p.get('haul')}", p.get("haul") or "")
    per_week = p.get("per_week")
    fill = {"exit": p.get("exit") or "", "haul": haul, "per_week": per_week}
    parts = []
    for code in p["reasons"]:
        if code == "service" and per_week:
            code = "service_weekly" if per_week == 1 else "service_per_week"
        parts.append(words(f"why.{code}", lang, **fill))
    return join(parts, lang, "semi")


def _unscheduled(p: Mapping[str, Any], lang: str) -> str:
    """No service known on some options (their ranks, by haul) or on all: said once."""
    hauls = catalogue(lang)
    if p.get("every"):
        return words("msg.unscheduled_all", lang)
    groups = [
        words(
            "msg.unscheduled_group",
            lang,
            ranks=join((f"#{r}" for r in ranks), lang),
            haul=hauls.get(f"haul.{haul}", haul),
        )
        for haul, ranks in p["groups"]
    ]
    return words("msg.unscheduled", lang, groups=join(groups, lang))


def _estimates_said(p: Mapping[str, Any], lang: str) -> str:
    """One short line: which modes' figures are estimates, named in "how this is computed"."""
    modes = join((_mode(m, lang) for m in p["modes"]), lang)
    key = "msg.estimates_said_factors" if p.get("factors") else "msg.estimates_said"
    if not p["modes"]:
        key = "msg.estimates_said_co2e"
    return words(key, lang, modes=modes)


Writer = Callable[[Mapping[str, Any], str], str]

#: The codes that need more than their template filled: code -> writer(params, lang).
_WRITERS: dict[str, Writer] = {
    "route": _route,
    "why": _why,
    "unscheduled": _unscheduled,
    "estimates_said": _estimates_said,
    "rides_service": _rides_service,
    "no_service": lambda p, lang: words(
        "msg.no_service", lang, haul=catalogue(lang).get(f"haul.{p['haul']}", p["haul"])
    ),
    "mode_forbidden": lambda p, lang: words(
        "msg.mode_forbidden",
        lang,
        mode=_mode(p["mode"], lang),
        cargo=_cargo(p["cargo"], lang),
        reason=p["reason"],
    ),
    "estimated_rates": _estimated_short,
    "estimated_parameters": _estimated,
    "estimated_factors": _estimated,
    "co2e_method": _co2e_method,
    "no_route": _no_route,
    "unknown_place": _unknown_place,
    "unknown_choice": _unknown_choice,
    "in_row": _in_row,
    "file_unreadable": lambda p, lang: words(
        "msg.file_unreadable", lang, path=p["path"], reason=os_reason(p, lang)
    ),
    "cannot_write": lambda p, lang: words(
        "msg.cannot_write", lang, path=p["path"], reason=os_reason(p, lang)
    ),
    "file_not_table": lambda p, lang: words("msg.file_not_table", lang, kind=not_table(p, lang)),
    "header_lacks": header_lacks,
    "batch_summary": summary,
    "wrote": lambda p, lang: words(
        "msg.wrote",
        lang,
        count=p["count"],
        what=words(f"what.{p['what']}", lang),
        path=p["path"],
    ),
    "text": lambda p, lang: str(p["text"]),
    "first_mile": _truck,
    "last_mile": _truck,
}
#: The codes written by their template alone (``msg.<code>``).
_PLAIN = frozenset(
    """perishable_too_long perishable_may_be_too_long heavy_for_air red_sea no_node not_a_number
    trucked_to_service trucked_to_haul
    not_positive too_large not_whole too_small empty not_a_place same_place not_an_id
    not_a_list wrong_type row_width row_open_quote cell_too_long line_too_long
    file_not_found file_is_directory file_empty file_encoding_unknown workbook_unreadable
    header_twice option_whole network_broken data_broken internal_error also_named
    wrong_suffix row_undecodable input_silent input_too_big output_is_input output_link
    output_hard_link output_directory output_fifo output_device output_read_only
    too_many_columns formula_uncached avoid_end format_not_workbook
    clears_at lands_at priced_as_parcels clears_outside clears_outside_closed no_clearance_site
    site_modes not_a_date slow_week quote_used quote_expired quote_bad quote_unmatched
    quotes_header_lacks""".split()
)
