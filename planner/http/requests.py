"""What the API's requests hold, and the command line's arguments they become.

A request's fields are the options of its command without the dashes (``from``, ``to``,
``weight_t``, ``avoid``...), taken as the command takes them: the command's own parser gives
every default (:func:`cli_args`), and its checks give every refusal, so the API accepts
exactly what the command line accepts and says the same when it does not.
"""

from __future__ import annotations

import argparse
import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RouteRequest", "ScenarioRequest", "cli_args"]

Lang = Literal["zh", "en"]
#: The smallest command line of each command the API runs (its required options given).
_LEAST_ARGV = {
    "route": ("route", "--from=_", "--to=_"),
    "scenario": ("scenario", "--close=_"),
    "map": ("map", "--output=_.png"),
    "places": ("places",),
    "corridors": ("corridors",),
}


@functools.cache
def _defaults(command: str) -> dict[str, Any]:
    from planner.cli.main import build_parser

    return vars(build_parser().parse_args(list(_LEAST_ARGV[command])))


def cli_args(command: str, data_dir: str | None, lang: str, **given: Any) -> argparse.Namespace:
    """The arguments ``command``'s parser would leave: its defaults, the request's values
    (those not ``None``), the server's data directory and the request's language."""
    values = dict(_defaults(command))
    values.update({name: value for name, value in given.items() if value is not None})
    values.update(data_dir=data_dir, lang=lang, verbose=False, output=None)
    return argparse.Namespace(**values)


class _Fields(BaseModel):
    """Fields every planning request shares: the shipment and the language."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    cargo: str | None = Field(None, description="cargo class (default general)",
                              examples=["general"])  # fmt: skip
    weight_t: float | str | None = Field(None, description="gross weight in tonnes (default 10)")
    volume_m3: float | str | None = Field(None, description="volume in m³ (default 30)")
    priority: str | None = Field(
        None, description="balanced | fastest | cheapest | greenest (default balanced)"
    )
    modes: str | list[str] | None = Field(
        None, description="modes a route may use, e.g. rail,road,sea (default all)"
    )
    lang: Lang | None = Field(None, description="zh or en (default: Accept-Language)")

    def given(self) -> dict[str, Any]:
        """The fields as the command's arguments (the language apart)."""
        values = self.model_dump(exclude={"lang"})
        if isinstance(values.get("modes"), list):
            values["modes"] = ",".join(values["modes"])
        return values


class RouteRequest(_Fields):
    """``route``'s options: the query string of ``GET /v1/route``, the body of ``POST``."""

    model_config = ConfigDict(
        populate_by_name=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"from": "Taiyuan", "to": "Moscow"},
                {"from": "Yuncheng", "to": "Rotterdam", "cargo": "perishable", "weight_t": 18,
                 "volume_m3": 60, "priority": "fastest", "avoid": ["erenhot"]},
            ]  # fmt: skip
        },
    )

    origin: str = Field(alias="from", description="a place of the world (name, code, country)",
                        examples=["Taiyuan"])  # fmt: skip
    destination: str = Field(alias="to", description="as from", examples=["Moscow"])
    alternatives: int | str | None = Field(None, description="options at most (default 5)")
    avoid: list[str] = Field(default_factory=list, description="node, link or corridor ids")
    ready: str | None = Field(None, description="YYYY-MM-DD the goods are ready")
    sea_route: Literal["cape", "suez"] | None = Field(
        None, description="Asia–Europe ships by the Cape (default) or Suez"
    )


class ScenarioRequest(_Fields):
    """``scenario``'s options, the body of ``POST /v1/scenario`` (a shipment book is the
    command line's alone)."""

    model_config = ConfigDict(
        populate_by_name=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"close": ["tianjin_port"]},
                {"close": ["erenhot", "horgos", "alashankou", "manzhouli"],
                 "modes": "rail,road,sea", "lang": "zh"},
            ]  # fmt: skip
        },
    )

    close: list[str] = Field(min_length=1, description="node, link or corridor ids to close")
    origin: str | None = Field(None, alias="from", description="default taiyuan")
