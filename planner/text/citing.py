"""How a row of the parameter table is named and cited in a sentence, in English and Chinese.

A caveat that says "the rail rate is an estimate" names the parameter, its value and unit, the
date of its source and why it is an estimate (the row's ``estimate`` reason, or its ``source``
where the reason is only the word "estimate"). The source texts are English; a Chinese sentence
gives the parameter's Chinese name, its value in Chinese units and the date.
"""

from __future__ import annotations

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


__all__ = ["PARAMETER_NAMES", "name", "publication", "quantity", "reason"]

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
    """Why the value is what it is: the estimate's reason, else the source (English)."""
    text = (row.estimate or "").strip()
    if text.lower().startswith(_ESTIMATE):
        text = text[len(_ESTIMATE) :].lstrip(" :")
    return text or row.source


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
