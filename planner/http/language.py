"""The language of a request's words: ``?lang=`` when given, else the first of ``zh`` and
``en`` its ``Accept-Language`` header prefers (by weight, then order), else English."""

from __future__ import annotations

from planner.text.words import LANGS

__all__ = ["DEFAULT_LANG", "request_lang"]

DEFAULT_LANG = "en"


def request_lang(asked: str | None, accept: str | None) -> str:
    """``asked`` (``?lang=``) if it is a language of the catalogue, else the one
    ``accept`` (an ``Accept-Language`` header) weighs highest, else :data:`DEFAULT_LANG`.

    >>> request_lang(None, "fr-FR,zh-CN;q=0.8,en;q=0.5")
    'zh'
    >>> request_lang("en", "zh")
    'en'
    """
    if asked in LANGS:
        return asked
    best, best_weight = DEFAULT_LANG, 0.0
    for part in (accept or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        if lang not in LANGS:
            continue
        weight = _weight(params)
        if weight > best_weight:
            best, best_weight = lang, weight
    return best


def _weight(params: str) -> float:
    """The ``q=`` weight of a language range (1 when not given, 0 when not a number)."""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                return 0.0
            return weight if 0.0 <= weight <= 1.0 else 0.0
    return 1.0
