"""The world gazetteer shipped in ``geodata/gazetteer.csv``: read it and check its contract.

One row per place the planner can be asked for: every GeoNames city of 15,000 people or more,
Shanxi's county seats, every sea port in searoute's list, every airport with an IATA code in
airportsdata and every country.  ``scripts/gazetteer/`` builds it (``make gazetteer``); its
README says where each column comes from.  Loading needs pandas only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from corridors._errors import CorridorError

GAZETTEER_PATH = Path(__file__).resolve().parents[1] / "geodata" / "gazetteer.csv"
SOURCES_PATH = GAZETTEER_PATH.with_name("gazetteer_sources.csv")
COLUMNS = (
    "id", "kind", "name_en", "name_zh", "name_zh_hant", "pinyin", "country", "admin1",
    "population", "lon", "lat", "code", "aliases", "shanxi_seat", "shanxi_seat_en", "source",
)
KINDS = ("country", "city", "seaport", "airport")
ALIAS_SEPARATOR = "|"
# The id of a row starts with its kind's prefix; the rest is the key in that kind's source.
ID_PATTERNS = {
    "country": re.compile(r"country:[A-Z]{2}"),
    "city": re.compile(r"(gn:\d+|seat:[a-z]+)"),
    "seaport": re.compile(r"port:[A-Z]{2}[A-Z0-9]{3}"),
    "airport": re.compile(r"iata:[A-Z0-9]{3}"),
}
TEXT_COLUMNS = [c for c in COLUMNS if c not in ("population", "lon", "lat")]


class GazetteerValidationError(CorridorError, ValueError):
    """The gazetteer breaks its contract; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the gazetteer:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems[:50])]))


def read_gazetteer(path: Path | str = GAZETTEER_PATH) -> pd.DataFrame:
    """The table as written: text columns as strings ('' when empty), numbers as numbers."""
    frame = pd.read_csv(path, dtype={c: "string" for c in TEXT_COLUMNS},
                        keep_default_na=False, na_values={"population": [""], "lon": [""],
                                                          "lat": [""]}, encoding="utf-8-sig")
    if "population" in frame:
        frame["population"] = pd.to_numeric(frame["population"], errors="coerce").astype(
            "Int64")
    return frame


def load_gazetteer(path: Path | str = GAZETTEER_PATH, *,
                   sources: Path | str | None = SOURCES_PATH) -> pd.DataFrame:
    """Read and validate the gazetteer.

    Parameters
    ----------
    path
        The CSV file; the shipped one by default.
    sources
        The table of source keys (``gazetteer_sources.csv``) every row's ``source`` must be
        in; None skips that check.

    Raises
    ------
    GazetteerValidationError
        With every problem found, each naming the row.
    """
    frame = read_gazetteer(path)
    known = None if sources is None else set(pd.read_csv(sources, dtype=str)["key"])
    problems = validate_gazetteer(frame, known_sources=known)
    if problems:
        raise GazetteerValidationError(problems)
    return frame


def validate_gazetteer(frame: pd.DataFrame, *,
                       known_sources: set[str] | None = None) -> list[str]:
    """Every breach of the contract, as one line each (an empty list means valid)."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    extra = [c for c in frame.columns if c not in COLUMNS]
    if missing or extra:
        return [f"columns: missing {missing}, unexpected {extra}"]
    problems: list[str] = []
    ids = frame["id"]
    for row_id in sorted(set(ids[ids.duplicated()])):
        problems.append(f"{row_id}: id appears more than once")
    countries = set(frame.loc[frame["kind"] == "country", "code"])
    for row in frame.itertuples(index=False):
        problems += [f"{row.id}: {p}" for p in _row_problems(row, countries, known_sources)]
    return problems


def _row_problems(row, countries: set[str], known_sources: set[str] | None) -> list[str]:
    out = []
    if row.kind not in KINDS:
        return [f"kind {row.kind!r} is not one of {KINDS}"]
    if not row.id.isascii() or not ID_PATTERNS[row.kind].fullmatch(row.id):
        out.append(f"id does not follow the {row.kind} pattern {ID_PATTERNS[row.kind].pattern}")
    if not row.name_en.strip():
        out.append("name_en is empty")
    if bool(row.name_zh) != bool(row.name_zh_hant):
        out.append("name_zh and name_zh_hant must both be given or both be empty")
    if row.country not in countries:
        out.append(f"country {row.country!r} has no country row")
    if not (pd.notna(row.lon) and -180 <= row.lon <= 180):
        out.append(f"lon {row.lon} is not in [-180, 180]")
    if not (pd.notna(row.lat) and -90 <= row.lat <= 90):
        out.append(f"lat {row.lat} is not in [-90, 90]")
    if pd.notna(row.population) and row.population < 0:
        out.append(f"population {row.population} is negative")
    if row.kind != "city" and (row.shanxi_seat or row.shanxi_seat_en):
        out.append("only a city can be a Shanxi seat")
    if bool(row.shanxi_seat) != bool(row.shanxi_seat_en):
        out.append("shanxi_seat and shanxi_seat_en must both be given or both be empty")
    expected_code = row.id.split(":", 1)[1] if row.kind in ("seaport", "airport", "country") \
        else ""
    if row.code != expected_code:
        out.append(f"code {row.code!r} should be {expected_code!r}")
    if known_sources is not None and row.source not in known_sources:
        out.append(f"source {row.source!r} is not in gazetteer_sources.csv")
    return out


def shanxi_origins(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows marked as the seat of a Shanxi prefecture-level city or county-level division."""
    return frame[frame["shanxi_seat"] != ""]
