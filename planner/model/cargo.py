"""Cargo classes as data: ``cargo_classes.csv`` read into frozen :class:`CargoSpec` records.

A class is one row of the table (id, names in English and Chinese, and its figures, each with
its source, date and, for our estimates, the reason). What varies by class is a column, never a
branch: the equipment factor (reefer), a dangerous goods surcharge, a cool-chain surcharge at
air terminals, the cargo's value and insurance rate, its value of time, its shelf life, the
modes it may not use, whether it travels as bulk and whether it is temperature controlled.

The table is looked for in the network's data directory, beside the layers; a directory without
one uses the shipped ``geodata/cargo_classes.csv``. It is read once per file state.

Examples
--------
>>> table = load_cargo_classes()
>>> table.spec("Perishable").shelf_life_days    # doctest: +SKIP
21.0
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corridors.records import Mode
from planner.model.data_dir import SHIPPED_DATA_DIR
from planner.model.errors import DataError, InvalidQueryError
from planner.text.message import Name
from planner.text.typed_words import value_id

__all__ = [
    "CARGO_CLASSES_FILE",
    "DEFAULT_CARGO",
    "FIGURES",
    "CargoClass",
    "CargoClasses",
    "CargoFigure",
    "CargoSpec",
    "CargoTableError",
    "load_cargo_classes",
]

CARGO_CLASSES_FILE = "cargo_classes.csv"
#: Numeric figures of a row (``shelf_life_days`` may be empty: the cargo keeps).
NUMBERS = (
    "equipment_factor",
    "surcharge_factor",
    "air_surcharge_usd_per_kg",
    "value_usd_per_t",
    "insurance_rate",
    "vot_usd_per_t_day",
    "shelf_life_days",
)
#: Every figure, each with ``<figure>_source``, ``_as_of`` and ``_estimate`` columns.
FIGURES = (*NUMBERS, "modes_forbidden")
FLAGS = ("bulk", "temperature_controlled")
COLUMNS = (
    "id",
    "name_en",
    "name_zh",
    *FLAGS,
    *(f"{f}{part}" for f in FIGURES for part in ("", "_source", "_as_of", "_estimate")),
)
_OPTIONAL = frozenset({"shelf_life_days", "modes_forbidden"})
_FLAG_VALUES = {"0": False, "1": True}


class CargoClass(str):
    """A cargo class id (``general``, ``perishable``...): any id of the cargo table.

    ``parse`` lowers and strips it; whether the table holds it is asked of
    :meth:`CargoClasses.spec`, which knows the data directory's table.
    """

    __slots__ = ()

    @property
    def value(self) -> str:
        """The id (as an enum's value, for callers written against the former enum)."""
        return str(self)

    @classmethod
    def parse(cls, value: object) -> CargoClass:
        """``value`` (an id or a :class:`CargoSpec`) as a normalised id."""
        if isinstance(value, CargoSpec):
            return cls(value.id)
        if isinstance(value, cls):
            return value
        text = getattr(value, "value", value)
        if not isinstance(text, str) or not text.strip():
            raise InvalidQueryError(
                "cargo",
                "unknown_choice",
                what="cargo class",
                value=value,
                choices=load_cargo_classes().ids,
            )
        return cls(text.strip().lower())


#: The class of a query that names none.
DEFAULT_CARGO = CargoClass("general")


@dataclass(frozen=True)
class CargoFigure:
    """Where one figure of a class comes from."""

    source: str
    as_of: str
    estimate: str = ""


@dataclass(frozen=True, eq=False)
class CargoSpec:
    """One cargo class and every figure that differs by class.

    Attributes
    ----------
    id, name_en, name_zh
        The id a query names and the names shown.
    bulk
        Carried as bulk: per tonne by wagon and bulk ship, handled as bulk, no container.
    temperature_controlled
        Needs a reefer chain.
    equipment_factor, surcharge_factor
        Multipliers on container and truck rates (reefer equipment; dangerous goods).
    air_surcharge_usd_per_kg
        Added per chargeable kg when loaded at an air terminal (cool-chain handling).
    value_usd_per_t, insurance_rate
        Cargo value and the ad valorem insurance premium as a fraction of it.
    vot_usd_per_t_day
        Value of time.
    shelf_life_days
        How long the cargo keeps in transit (infinite when it keeps).
    modes_forbidden
        Modes the class may not use.
    figures
        The source of each figure of :data:`FIGURES`.
    """

    id: str
    name_en: str
    name_zh: str
    bulk: bool
    temperature_controlled: bool
    equipment_factor: float
    surcharge_factor: float
    air_surcharge_usd_per_kg: float
    value_usd_per_t: float
    insurance_rate: float
    vot_usd_per_t_day: float
    shelf_life_days: float
    modes_forbidden: frozenset[Mode]
    figures: Mapping[str, CargoFigure] = field(default_factory=dict, repr=False)

    @property
    def value(self) -> str:
        """The id (as an enum's value)."""
        return self.id

    @property
    def label(self) -> Name:
        """The class as a message shows it: its id in English, its Chinese name in Chinese."""
        return Name(self.id, self.name_zh)

    @property
    def rate_factor(self) -> float:
        """The multiplier on container and truck rates."""
        return self.equipment_factor * self.surcharge_factor

    def forbidden_reasons(self) -> dict[Mode, str]:
        """``{Mode: reason}`` of the modes the class may not use (the table's source)."""
        reason = self.figures["modes_forbidden"].source if self.modes_forbidden else ""
        return {mode: reason for mode in Mode if mode in self.modes_forbidden}


class CargoTableError(DataError, ValueError):
    """The cargo table breaks its contract; carries every problem found."""

    def __init__(self, problems: list[str], path: Path | str) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the cargo class table {path}:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


class CargoClasses(Mapping[str, CargoSpec]):
    """The cargo table: ``id -> CargoSpec`` in the table's order."""

    def __init__(self, specs: Mapping[str, CargoSpec], *, path: Path | str = "<memory>") -> None:
        self._specs = dict(specs)
        self.path = path
        self.ids = tuple(self._specs)

    def __getitem__(self, key: str) -> CargoSpec:
        return self._specs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def spec(self, cargo: object) -> CargoSpec:
        """The spec of a class id (any case) or the spec itself.

        Raises
        ------
        InvalidQueryError
            Field ``cargo``, listing the table's ids, when the table has no such class.
        """
        if isinstance(cargo, CargoSpec) and self._specs.get(cargo.id) is cargo:
            return cargo
        key = CargoClass.parse(cargo)
        found = self._specs.get(key)
        if found is None:  # a name of the table's or a word people type (typed_words.csv)
            names = {s.name_en: k for k, s in self._specs.items()}
            names |= {s.name_zh: k for k, s in self._specs.items()}
            found = self._specs.get(value_id("cargo", str(cargo), names) or "")
        if found is None:
            raise InvalidQueryError(
                "cargo", "unknown_choice", what="cargo class", value=cargo, choices=self.ids
            )
        return found

    @property
    def names_zh(self) -> dict[str, str]:
        """``{id: name_zh}`` of every class (what a Chinese table shows for an id)."""
        return self.names("zh")

    def names(self, lang: str) -> dict[str, str]:
        """``{id: name}`` of every class in ``lang`` (what a page in ``lang`` shows for an id)."""
        return {key: self.name(key, lang) for key in self._specs}

    def name(self, cargo: str, lang: str) -> str:
        """A class's name in ``lang`` (``zh`` or ``en``); an unknown id as it is."""
        found = self._specs.get(cargo)
        if found is None:
            return cargo
        return found.name_zh if lang == "zh" else found.name_en


def cargo_table_path(data_dir: str | Path | None = None) -> Path:
    """The table of a data directory, or the shipped one where it has none."""
    if data_dir is not None:
        path = Path(data_dir) / CARGO_CLASSES_FILE
        if path.is_file():
            return path.resolve()
    return SHIPPED_DATA_DIR / CARGO_CLASSES_FILE


def load_cargo_classes(data_dir: str | Path | None = None) -> CargoClasses:
    """Read and check the cargo table of ``data_dir`` (cached per file state).

    Parameters
    ----------
    data_dir
        The network's data directory; its ``cargo_classes.csv`` if it has one, else the
        shipped table.

    Raises
    ------
    CargoTableError
        Listing every problem, each naming the file, the row and the column.
    """
    path = cargo_table_path(data_dir)
    try:
        stat = path.stat()
    except OSError:
        raise CargoTableError([f"file not found: {path}"], path) from None
    return _load_cached(path, (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, state: tuple[int, int]) -> CargoClasses:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CargoTableError([f"{path.name}: missing column(s) {', '.join(missing)}"], path)
        rows = list(reader)
    return read_rows(rows, path)


def read_rows(rows: list[dict[str, str]], path: Path | str = "<memory>") -> CargoClasses:
    """The table of some CSV rows (as :class:`csv.DictReader` gives them), checked."""
    problems: list[str] = []
    specs: dict[str, CargoSpec] = {}
    name = Path(path).name
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        where = f"{name} row {line}"
        spec = _spec(row, where, problems)
        if spec is None:
            continue
        if spec.id in specs:
            problems.append(f"{where}, column id: duplicate id {spec.id!r}")
        specs[spec.id] = spec
    if not specs and not problems:
        problems.append(f"{name}: no cargo class")
    if specs and DEFAULT_CARGO not in specs:
        problems.append(f"{name}: no row for the default class {DEFAULT_CARGO!r}")
    if problems:
        raise CargoTableError(problems, path)
    return CargoClasses(specs, path=path)


def _spec(row: dict[str, str], where: str, problems: list[str]) -> CargoSpec | None:
    """One row as a spec, or ``None`` after adding its problems."""
    found = len(problems)

    def text(column: str) -> str:
        return (row.get(column) or "").strip()

    def bad(column: str, why: str) -> None:
        problems.append(f"{where}, column {column}: {why}")

    ident = text("id")
    if not ident or ident != ident.lower() or not ident.replace("_", "").isalnum():
        bad("id", f"{ident!r} is not a lower-case id (letters, digits, _)")
    for column in ("name_en", "name_zh"):
        if not text(column):
            bad(column, "empty")
    flags = {}
    for column in FLAGS:
        flags[column] = _FLAG_VALUES.get(text(column))
        if flags[column] is None:
            bad(column, f"{text(column)!r} is not 0 or 1")
    numbers = {c: _number(text(c), c in _OPTIONAL, lambda why, c=c: bad(c, why)) for c in NUMBERS}
    modes = _modes(text("modes_forbidden"), lambda why: bad("modes_forbidden", why))
    for figure in FIGURES:
        if text(figure) and not (text(f"{figure}_source") and text(f"{figure}_as_of")):
            bad(f"{figure}_source", f"{figure} needs a source and an as_of date")
    if len(problems) > found:
        return None
    figures = {
        f: CargoFigure(text(f"{f}_source"), text(f"{f}_as_of"), text(f"{f}_estimate"))
        for f in FIGURES
    }
    return CargoSpec(
        id=ident,
        name_en=text("name_en"),
        name_zh=text("name_zh"),
        bulk=bool(flags["bulk"]),
        temperature_controlled=bool(flags["temperature_controlled"]),
        modes_forbidden=modes,
        figures=figures,
        **numbers,
    )


def _number(value: str, optional: bool, bad) -> float:
    """A figure as a finite number >= 0 (an empty optional one is infinite)."""
    if not value:
        if not optional:
            bad("empty")
        return math.inf
    try:
        number = float(value)
    except ValueError:
        bad(f"{value!r} is not a number")
        return math.nan
    if not math.isfinite(number) or number < 0:
        bad(f"{value!r} is not a finite number >= 0")
    return number


def _modes(value: str, bad) -> frozenset[Mode]:
    """Modes named by their values, separated by spaces."""
    modes = set()
    for word in value.split():
        try:
            modes.add(Mode(word))
        except ValueError:
            bad(f"{word!r} is not a mode ({', '.join(m.value for m in Mode)})")
    return frozenset(modes)
