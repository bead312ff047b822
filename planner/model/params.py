"""The parameter table: every rate, speed, dwell, capacity and emission factor the planner uses.

The table lives in ``geodata/parameters.csv`` (``key,value,unit,source,as_of,estimate``); a value
that is our estimate carries the reason in ``estimate``. It is read once and cached.

Besides :data:`REQUIRED_KEYS`, :mod:`planner.network.costs` reads optional rows by country where the
table has them (ISO codes; a pair in alphabetical order), falling back to the required
defaults: ``rail.electric_share.<ISO2>``, ``border.rail.<A>-<B>.typical_hours`` (with its
``min_hours`` and ``max_hours``) and ``ferry.<A>-<B>.typical_wait_hours``.

Examples
--------
>>> params = load_parameters()
>>> params["rail.speed_kph"]          # doctest: +SKIP
30.0
>>> params.handling.rail.hours        # doctest: +SKIP
12.0
"""

from __future__ import annotations

import csv
import functools
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from planner.model.errors import PlanningError

__all__ = [
    "DEFAULT_PARAMETERS_PATH",
    "REQUIRED_KEYS",
    "MissingParameterError",
    "Parameter",
    "ParameterTableError",
    "Parameters",
    "load_parameters",
]

logger = logging.getLogger(__name__)

DEFAULT_PARAMETERS_PATH = Path(__file__).resolve().parents[2] / "geodata" / "parameters.csv"
COLUMNS = ("key", "value", "unit", "source", "as_of", "estimate")

# Every key the engine reads; a table without one of them is rejected at load time. What
# differs by cargo class is in the cargo table (planner.model.cargo), not here.
REQUIRED_KEYS = (
    "fx.usd_cny",
    "rail.speed_kph",
    "rail.stop_hours",
    "rail.feu_usd_per_km",
    "rail.railsea_feu_usd_per_km",
    "rail.bulk_usd_per_tkm",
    "rail.co2e_g_per_tkm_electric",
    "rail.co2e_g_per_tkm_diesel",
    "rail.electric_share",
    "sea.speed_kph",
    "sea.port_call_hours",
    "sea.feu_usd_per_km",
    "sea.americas_feu_usd_per_km",
    "sea.bulk_usd_per_tkm",
    "sea.co2e_g_per_tkm",
    "sea.bulk_co2e_g_per_tkm",
    "air.speed_kph",
    "air.connection_hours",
    "air.usd_per_kg",
    "air.usd_per_kg_km",
    "air.volumetric_kg_per_m3",
    "air.gcd_uplift_km",
    "air.co2e_g_per_tkm_long_haul",
    "air.co2e_g_per_tkm_short_haul",
    "air.short_haul_km",
    "air.max_shipment_t",
    "road.speed_kph",
    "road.drayage_speed_kph",
    "road.circuity",
    "road.last_mile_max_km",
    "road.on_carriage_max_km",
    "road.detour_factor",
    "road.truck_usd_per_km",
    "road.dispatch_hours",
    "road.truck_payload_t",
    "road.truck_volume_m3",
    "road.co2e_g_per_tkm",
    "container.teu_payload_t",
    "container.teu_volume_m3",
    "container.feu_payload_t",
    "container.feu_volume_m3",
    "container.fill_factor",
    "container.teu_cost_ratio",
    "freq.land_per_week",
    "freq.rail_sea_per_week",
    "freq.sea_per_week",
    "freq.air_per_week",
    "handling.rail.hours",
    "handling.rail.usd_per_box",
    "handling.sea.hours",
    "handling.sea.usd_per_box",
    "handling.air.hours",
    "handling.air.usd_per_kg",
    "handling.road.hours",
    "handling.road.usd_per_truck",
    "handling.bulk.hours",
    "handling.bulk.usd_per_t",
    "border.dwell_hours",
    "border.dwell_min_hours",
    "border.dwell_max_hours",
    "border.internal_dwell_hours",
    "border.usd_per_box",
    "gauge_change.hours",
    "gauge_change.usd_per_box",
    "carbon.usd_per_t_co2e",
)


class ParameterTableError(PlanningError, ValueError):
    """The parameter table breaks its contract; carries every problem found."""

    def __init__(self, problems: list[str], path: Path | str) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the parameter table {path}:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


class MissingParameterError(PlanningError, KeyError):
    """A parameter key that the table does not hold."""

    def __init__(self, key: str, path: Path | str) -> None:
        self.key = key
        self.message = f"parameter {key!r} is not in the parameter table {path}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.message


class _MissingAttributeError(MissingParameterError, AttributeError):
    """A missing key reached by attribute access (so ``hasattr`` and ``copy`` behave)."""


@dataclass(frozen=True)
class Parameter:
    """One row of the parameter table."""

    key: str
    value: float
    unit: str
    source: str
    as_of: str
    estimate: str | None = None

    @property
    def is_estimate(self) -> bool:
        """True when the value is our estimate rather than a published figure."""
        return bool(self.estimate)


class _Section:
    """Attribute access to the keys under a dotted prefix (``params.handling.rail.hours``)."""

    __slots__ = ("_params", "_prefix")

    def __init__(self, params: Parameters, prefix: str) -> None:
        self._params = params
        self._prefix = prefix

    def __getattr__(self, name: str) -> float | _Section:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._params._lookup(f"{self._prefix}.{name}")

    def __repr__(self) -> str:
        return f"<parameters under {self._prefix!r}>"


class Parameters(Mapping[str, float]):
    """The loaded parameter table: a read-only mapping ``key -> value`` (float).

    Use ``params["rail.speed_kph"]`` or ``params.rail.speed_kph``; :meth:`row` gives the
    whole row (unit, source, as_of, estimate). A missing key raises
    :class:`MissingParameterError` naming it.
    """

    def __init__(self, rows: Mapping[str, Parameter], *, path: Path | str = "<memory>") -> None:
        self._rows = dict(rows)
        self._values = {key: row.value for key, row in self._rows.items()}
        self._prefixes = {
            key.rsplit(".", depth)[0]
            for key in self._rows
            for depth in range(1, key.count(".") + 1)
        }
        self.path = path
        # its value, for the caches keyed by it (a planner per table): the rows and where from
        # (a frozenset keeps its own hash once made, and a fresh one in another process)
        self._key = (str(path), frozenset(self._rows.items()))

    def __getitem__(self, key: str) -> float:
        try:
            return self._values[key]
        except KeyError:
            raise MissingParameterError(key, self.path) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __contains__(self, key: object) -> bool:  # Mapping's would build an error per miss
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        """Equal tables: the same rows (values, units, sources, dates) read from one path."""
        if not isinstance(other, Parameters):
            return NotImplemented
        return self._key == other._key

    def __getattr__(self, name: str) -> float | _Section:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._lookup(name)

    def _lookup(self, key: str) -> float | _Section:
        if key in self._values:
            return self._values[key]
        if key in self._prefixes:
            return _Section(self, key)
        raise _MissingAttributeError(key, self.path)

    def row(self, key: str) -> Parameter:
        """Return the full row of ``key`` (value, unit, source, as_of, estimate)."""
        try:
            return self._rows[key]
        except KeyError:
            raise MissingParameterError(key, self.path) from None

    def is_estimate(self, key: str) -> bool:
        """True when ``key``'s value is marked as an estimate."""
        return self.row(key).is_estimate

    def replace(self, **values: float) -> Parameters:
        """Return a copy with some values changed (keys with dots given as ``{"a.b": 1}``).

        Parameters
        ----------
        **values
            New values by key; each must already exist. The changed rows are marked as
            estimates ("changed by the caller").
        """
        rows = dict(self._rows)
        for key, value in values.items():
            old = self.row(key)
            rows[key] = Parameter(
                key, float(value), old.unit, old.source, old.as_of, "changed by the caller"
            )
        return Parameters(rows, path=self.path)

    def __repr__(self) -> str:
        return f"Parameters({len(self)} keys from {self.path})"


def load_parameters(path: str | Path | None = None) -> Parameters:
    """Read and check the parameter table (cached per path and file state).

    Parameters
    ----------
    path
        CSV file with columns ``key,value,unit,source,as_of,estimate``; defaults to the shipped
        ``geodata/parameters.csv``.

    Returns
    -------
    Parameters
        The table as a read-only mapping.

    Raises
    ------
    ParameterTableError
        Listing every problem found: missing file or columns, duplicate keys, values that are
        not finite numbers, rows without source or as_of, required keys missing.
    """
    resolved = Path(path).expanduser().resolve() if path is not None else DEFAULT_PARAMETERS_PATH
    try:
        stat = resolved.stat()
        state = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        raise ParameterTableError([f"file not found: {resolved}"], resolved) from None
    return _load_cached(resolved, state)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, state: tuple[int, int]) -> Parameters:
    del state  # part of the cache key only
    logger.info("loading the parameter table %s", path)
    problems: list[str] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            records = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ParameterTableError([f"cannot read the table: {exc}"], path) from None
    missing_columns = [c for c in COLUMNS if c not in header]
    if missing_columns:
        raise ParameterTableError([f"missing column(s): {', '.join(missing_columns)}"], path)
    rows: dict[str, Parameter] = {}
    for line, record in enumerate(records, start=2):
        key = (record.get("key") or "").strip()
        label = f"line {line} ({key or 'no key'})"
        if not key:
            problems.append(f"{label}: empty key")
            continue
        if key in rows:
            problems.append(f"{label}: duplicate key {key!r}")
            continue
        raw = (record.get("value") or "").strip()
        try:
            value = float(raw)
        except ValueError:
            problems.append(f"{label}: value {raw!r} is not a number")
            continue
        if value != value or value in (float("inf"), float("-inf")):
            problems.append(f"{label}: value {raw!r} is not finite")
            continue
        for column in ("unit", "source", "as_of"):
            if not (record.get(column) or "").strip():
                problems.append(f"{label}: empty {column}")
        rows[key] = Parameter(
            key=key,
            value=value,
            unit=(record.get("unit") or "").strip(),
            source=(record.get("source") or "").strip(),
            as_of=(record.get("as_of") or "").strip(),
            estimate=(record.get("estimate") or "").strip() or None,
        )
    problems += [f"required key {key!r} is missing" for key in REQUIRED_KEYS if key not in rows]
    if problems:
        raise ParameterTableError(problems, path)
    return Parameters(rows, path=path)
