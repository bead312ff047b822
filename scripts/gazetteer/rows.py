"""The gazetteer's columns and the one way a row is made."""

from __future__ import annotations

COLUMNS = (
    "id", "kind", "name_en", "name_zh", "name_zh_hant", "pinyin", "country", "admin1",
    "population", "lon", "lat", "code", "aliases", "shanxi_seat", "shanxi_seat_en", "source",
)
COORD_DECIMALS = 4  # about 11 m: finer than any GeoNames or searoute position here


def make_row(row_id: str, kind: str, name_en: str, country: str, lon: float, lat: float,
             source: str, **fields: object) -> dict[str, object]:
    """A row with every column; unknown fields raise so a typo cannot pass silently."""
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise KeyError(f"not gazetteer columns: {sorted(unknown)}")
    row: dict[str, object] = dict.fromkeys(COLUMNS, "")
    row.update(id=row_id, kind=kind, name_en=name_en, country=country,
               lon=round(float(lon), COORD_DECIMALS), lat=round(float(lat), COORD_DECIMALS),
               source=source)
    row.update({key: ("" if value is None else value) for key, value in fields.items()})
    return row
