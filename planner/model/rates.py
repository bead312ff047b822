"""Dated rates: market rate series as data (``geodata/rate_series.csv``, ``geodata/rates.csv``).

Each series (the Shanghai–Rotterdam and Shanghai–Los Angeles container spot rates, the
China–Europe rail rate, the China–Europe air rate, the Chinese truck rate) has a
``reference``: the level the parameter table's rates were set on, and ``uncertainty``: the
parameter's stated spread (a fraction). Its rows are dated observations, each with its source
(or ``estimate``). At a date, a series gives the latest row on or before it (the first row
for an earlier date): the model's price times ``value / reference`` is the price at that
date, and the band runs from the lowest to the highest row of the year before it (relative to
that row), widened to at least the parameter's own uncertainty.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
from dataclasses import dataclass

from planner.model.data_dir import kept_loader, read_text_table
from planner.model.errors import DataError

__all__ = ["Band", "RateSeries", "Rates", "load_rates"]

SERIES_FILE = "rate_series.csv"
ROWS_FILE = "rates.csv"
#: How far back a series' spread is taken.
SPREAD_DAYS = 365


@dataclass(frozen=True)
class Band:
    """A price at a date relative to the model's: ``factor`` (the series at the date over its
    reference), ``low`` and ``high`` (the band around it, as fractions of it), ``as_of`` (the
    date of the row used, ISO) and the series' id."""

    factor: float
    low: float
    high: float
    as_of: str
    series: str


@dataclass(frozen=True)
class RateSeries:
    """One series: its id, reference level, uncertainty and dated rows (sorted)."""

    series: str
    reference: float
    uncertainty: float
    reference_as_of: str
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]

    def band(self, on: dt.date | None) -> Band:
        """The band at ``on`` (``None``: the model's own price, at the reference, with the
        parameter's uncertainty, as of the reference's date)."""
        u = self.uncertainty
        if on is None or not self.dates:
            return Band(1.0, 1.0 - u, 1.0 + u, self.reference_as_of, self.series)
        at = max(bisect.bisect_right(self.dates, on) - 1, 0)
        value = self.values[at]
        start = self.dates[at] - dt.timedelta(days=SPREAD_DAYS)
        year = [v for d, v in zip(self.dates, self.values, strict=True)
                if start <= d <= self.dates[at]]
        low, high = min(min(year) / value, 1.0 - u), max(max(year) / value, 1.0 + u)
        return Band(value / self.reference, low, high, self.dates[at].isoformat(), self.series)


@dataclass(frozen=True)
class Rates:
    """The series by id; ``scales``: per series, what it scales (as the table says)."""

    series: dict[str, RateSeries]

    def band(self, series: str, on: dt.date | None) -> Band:
        """The band of ``series`` at ``on``; a series not in the table: the model's price
        unchanged, with no band."""
        found = self.series.get(series)
        if found is None:
            return Band(1.0, 1.0, 1.0, "", series)
        return found.band(on)


def _load(folder: str) -> Rates:
    """The rate series of a data directory (the shipped ones where it has none).

    Raises
    ------
    DataError
        Naming every broken row.
    """
    read = functools.partial(read_text_table, folder)
    heads, rows = read(SERIES_FILE), read(ROWS_FILE)
    problems: list[str] = []
    out: dict[str, RateSeries] = {}
    for n, row in enumerate(heads.to_dict("records"), start=2):
        reference, u = _number(row["reference"]), _number(row["uncertainty"])
        if not (reference > 0 and 0 <= u < 1) or not row["source"].strip():
            problems.append(f"{SERIES_FILE} line {n} ({row['series']}): reference > 0, "
                            "0 <= uncertainty < 1 and a source are needed")
            continue
        mine = rows[rows["series"] == row["series"]]
        dated = []
        for m, (day, value, source) in enumerate(
            zip(mine["date"], mine["value"], mine["source"], strict=True)
        ):
            try:
                when = dt.date.fromisoformat(day)
            except ValueError:
                when = None
            if when is None or not _number(value) > 0 or not source.strip():
                problems.append(f"{ROWS_FILE} row {mine.index[m] + 2} ({row['series']}): "
                                "an ISO date, a positive value and a source are needed")
                continue
            dated.append((when, _number(value)))
        dated.sort()
        days, values = tuple(d for d, _ in dated), tuple(v for _, v in dated)
        out[row["series"]] = RateSeries(row["series"], reference, u, row["as_of"], days, values)
    unknown = sorted(set(rows["series"]) - set(out))
    problems += [f"{ROWS_FILE}: series {s!r} is not in {SERIES_FILE}" for s in unknown]
    if problems:
        raise DataError("; ".join(problems))
    return Rates(out)


load_rates = kept_loader(SERIES_FILE, _load)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan
