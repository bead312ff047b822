"""What a country or a border means for a shipment, from the parameter table: customs unions,
the published dwell at a rail border crossing (typical, minimum, maximum), the wait for a ferry
without a timetable, and how much of a country's rail is electric."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.model.params import Parameters

__all__ = [
    "by_country_pair",
    "crossing_dwell_hours",
    "crossing_dwell_range",
    "customs_territory",
    "electric_share",
    "ferry_wait_hours",
    "ferry_wait_range",
    "same_customs_union",
]


def electric_share(country: object, params: Parameters) -> float:
    """Return the share of rail tonne-km hauled electrically in a country.

    ``rail.electric_share.<ISO2>`` where the table has the country, else the default
    ``rail.electric_share``.

    Parameters
    ----------
    country
        ISO 3166-1 alpha-2 code (anything else gets the default).
    params
        The parameter table.

    Returns
    -------
    float
        A fraction from 0 (diesel) to 1 (electric).
    """
    key = f"rail.electric_share.{country}"
    if isinstance(country, str) and key in params:
        return params[key]
    return params["rail.electric_share"]


def _pair_key(prefix: str, country_a: object, country_b: object, suffix: str) -> str | None:
    """``prefix.A-B.suffix`` with the two ISO codes in alphabetical order, or None."""
    if not (isinstance(country_a, str) and isinstance(country_b, str)) or country_a == country_b:
        return None
    first, second = sorted((country_a, country_b))
    return f"{prefix}.{first}-{second}.{suffix}"


def _pair_value(
    prefix: str, country_a: object, country_b: object, suffix: str, params: Parameters
) -> float | None:
    """The parameter ``prefix.A-B.suffix`` of a pair of countries, or None where it has none."""
    key = _pair_key(prefix, country_a, country_b, suffix)
    return params[key] if key is not None and key in params else None


def crossing_dwell_hours(country_a: object, country_b: object, params: Parameters) -> float | None:
    """The published typical dwell at the rail border crossing between two countries (ISO
    3166-1 alpha-2 codes at the ends of the crossing link): clearance and, where the gauge
    changes, transloading (``border.rail.<A>-<B>.typical_hours``, codes in alphabetical
    order), or None where the table has none (``border.dwell_hours`` and
    ``gauge_change.hours`` apply then)."""
    return _pair_value("border.rail", country_a, country_b, "typical_hours", params)


def crossing_dwell_range(
    country_a: object, country_b: object, params: Parameters
) -> tuple[float, float]:
    """The published minimum and maximum dwell at the rail border crossing between two
    countries (``border.rail.<A>-<B>.min_hours`` / ``max_hours``), else the defaults
    ``border.dwell_min_hours`` and ``border.dwell_max_hours``."""
    low, high = (
        _pair_value("border.rail", country_a, country_b, f"{bound}_hours", params)
        for bound in ("min", "max")
    )
    return (
        params["border.dwell_min_hours"] if low is None else low,
        params["border.dwell_max_hours"] if high is None else high,
    )


def ferry_wait_range(
    country_a: object, country_b: object, params: Parameters
) -> tuple[float, float] | None:
    """The published shortest and longest wait for a sailing of a ferry without a timetable
    (``ferry.<A>-<B>.min_wait_hours`` / ``max_wait_hours``), or None."""
    low, high = (
        _pair_value("ferry", country_a, country_b, f"{bound}_wait_hours", params)
        for bound in ("min", "max")
    )
    return None if low is None or high is None else (low, high)


def ferry_wait_hours(country_a: object, country_b: object, params: Parameters) -> float | None:
    """The published typical wait for a sailing of a ferry without a timetable between two
    countries, e.g. the Caspian ferry Aktau–Baku (``ferry.<A>-<B>.typical_wait_hours``); it
    replaces the half headway of ``freq.sea_per_week``. None where the table has none."""
    return _pair_value("ferry", country_a, country_b, "typical_wait_hours", params)


def by_country_pair(
    pairs: list[tuple[object, object]], value: Callable[[object, object], float | None]
) -> np.ndarray:
    """``value(a, b)`` for every pair (NaN for None), each distinct pair computed once."""
    seen: dict[tuple[object, object], float] = {}
    out = np.empty(len(pairs))
    for i, pair in enumerate(pairs):
        if pair not in seen:
            found = value(*pair)
            seen[pair] = np.nan if found is None else float(found)
        out[i] = seen[pair]
    return out


def same_customs_union(country_a: object, country_b: object, params: Parameters) -> bool:
    """True when two different countries belong to one customs union (EU, EAEU).

    Membership comes from the table: ``customs_union.<ISO2>`` holds a union code.

    Parameters
    ----------
    country_a, country_b
        ISO 3166-1 alpha-2 codes.
    params
        The parameter table.

    Returns
    -------
    bool
        True for a border without customs clearance.
    """
    if not (isinstance(country_a, str) and isinstance(country_b, str)) or country_a == country_b:
        return False
    key_a, key_b = f"customs_union.{country_a}", f"customs_union.{country_b}"
    return key_a in params and key_b in params and params[key_a] == params[key_b]


def customs_territory(country: str, params: Parameters) -> frozenset[str]:
    """Return the countries whose border with ``country`` has no customs clearance: the
    members of its customs union (EU, EAEU), or just ``country`` itself.

    Parameters
    ----------
    country
        ISO 3166-1 alpha-2 code.
    params
        The parameter table (``customs_union.<ISO2>`` rows).

    Returns
    -------
    frozenset of str
        ISO codes, always including ``country``.
    """
    key = f"customs_union.{country}"
    if key not in params:
        return frozenset({country})
    union = params[key]
    members = {
        k.removeprefix("customs_union.")
        for k in params.keys()
        if k.startswith("customs_union.") and params[k] == union
    }
    return frozenset(members | {country})
