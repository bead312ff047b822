"""What the planner says, as records: a :class:`Message` (a code and its parameters) and a
:class:`Name` in both languages. :func:`planner.text.messages.render` writes them out."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

__all__ = ["Message", "Name"]


@dataclass(frozen=True)
class Name:
    """A name in both languages (``zh`` falls back to ``en`` when empty)."""

    en: str
    zh: str = ""

    def __str__(self) -> str:
        return self.en

    def in_lang(self, lang: str) -> str:
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)


@dataclass(frozen=True)
class Message:
    """A code and its parameters (hashable: values are text, numbers, Names or tuples)."""

    code: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Message:
        """A message with parameters given by keyword (lists become tuples)."""
        frozen = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
        return cls(code, tuple(sorted(frozen.items())))

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.args)

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON: ``{"code": ..., "params": {...}}`` (names as ``{en, zh}``)."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.args}}



def _plain(value: Any) -> Any:
    if isinstance(value, Name):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a parameter's row
        return dataclasses.asdict(value)
    return value
