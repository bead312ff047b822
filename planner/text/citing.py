"""How a row of the parameter table is named and cited in a sentence, in English and Chinese.

A caveat that says "the rail rate is an estimate" names the parameter, its value and unit, the
date of its source and why it is an estimate (the row's ``estimate`` reason, or its ``source``
where the reason is only the word "estimate"). The source texts are English; a Chinese sentence
gives the parameter's Chinese name, its value in Chinese units and the date.
"""

from __future__ import annotations

import re
from typing import Protocol

from planner.text.words import catalogue, section


class Parameter(Protocol):
    """A row of the parameter table (:class:`planner.model.params.Parameter`), as cited."""

    key: str
    value: float
    unit: str
    source: str
    as_of: str
    estimate: str | None


__all__ = ["PARAMETER_NAMES", "name", "publication", "quantity", "reason", "without_hosts"]

#: key -> (English, Chinese): what a parameter an answer cites is called (the catalogue's
#: ``param.*``).
PARAMETER_NAMES: dict[str, tuple[str, str]] = {
    key: (en, section("param", "zh")[key]) for key, en in section("param", "en").items()
}
_ESTIMATE = "estimate"


def name(row: Parameter, lang: str) -> str:
    """The parameter's name in ``lang`` (its key when it has none)."""
    return catalogue(lang).get(f"param.{row.key}", row.key)


def quantity(row: Parameter, lang: str) -> str:
    """``0.65 USD per FEU-km``, the unit in the catalogue's words (``unit.*``)."""
    unit = catalogue(lang).get(f"unit.{row.unit}", row.unit)
    return f"{row.value:g} {unit}"


def reason(row: Parameter) -> str:
    """Why the value is what it is: the estimate's reason, else the source (English), without
    the web hosts of the documents (they stay in the table's source column)."""
    text = (row.estimate or "").strip()
    if text.lower().startswith(_ESTIMATE):
        text = text[len(_ESTIMATE) :].lstrip(" :")
    return without_hosts(text or row.source)


def publication(source: str, lang: str) -> str:
    """A source as a reader of ``lang`` reads it: a source that begins with the Chinese title
    of a publication the catalogue knows (``publication.*``) is that publication, named by the
    catalogue's words in ``lang`` (in English, the title in English with the original after
    it; the rest of the source, its section and gloss, stays in the data); any other as it is."""
    flat = "".join(str(source).split())
    for key, title in section("publication", "zh").items():
        if flat.startswith("".join(title.split())):
            return catalogue(lang)[f"publication.{key}"]
    return source


#: A web host and its path (``scribd.com/document/740712234``, ``www.chinamoney.com.cn``).
_HOST = (
    r"(?:https?://)?(?:[\w-]+\.)+(?:com|org|net|gov|int|edu|info|eu|io|cn|de|uk|ru|kz|au)"
    r"(?:\.[a-z]{2})?\b(?:/[^\s;,()]*)?"
)
_TIDY = ((r"\(\s*\)", ""), (r"\s+([;,.):])", r"\1"), (r"([;,])(?=[;,])", ""), (r"\s{2,}", " "))


def without_hosts(text: str) -> str:
    """``text`` without web hosts: in a bracket, the parts that name one (between commas and
    semicolons; the bracket goes when nothing is left), in the running text the host with the
    word that leads to it (``quoted on jumeiguan.com``)."""

    def bracket(found: re.Match) -> str:
        parts = re.split(r"([;,])", found.group(1))
        kept = [
            (sep, part)
            for sep, part in zip(["", *parts[1::2]], parts[0::2], strict=True)
            if not re.search(_HOST, part)
        ]
        inner = "".join(sep + part for sep, part in kept).strip(" ;,")
        return f"({inner})" if inner else ""

    out = re.sub(r"\(([^()]*)\)", lambda m: bracket(m) if re.search(_HOST, m.group(1)) else
                 m.group(0), text)
    out = re.sub(rf"(?:\b(?:via|on|at|from|by|in|see)\s+)?{_HOST}", "", out)
    for pattern, repl in _TIDY:
        out = re.sub(pattern, repl, out)
    return out.strip(" ;,")
