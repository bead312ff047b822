"""``platforms.geojson``: Shanxi's open-economy platforms named in the seed (``platforms.csv``).

Each row holds the source of the fact (the seed bulletin) and, apart from it, where the
position comes from and how accurate it is; a position that is our placement says so.
"""

from __future__ import annotations

from netbuild.tables import TableError, as_list, as_number, read_table

__all__ = ["platform_features"]

COLUMNS = ("id", "name_en", "name_zh", "kind", "city", "lon", "lat", "receives", "status",
           "source", "position_source", "position_accuracy_km")
DECIMALS = 4


def platform_features() -> list[dict]:
    """The platforms as GeoJSON Point features, in table order."""
    features, seen = [], set()
    for row in read_table("platforms.csv", COLUMNS).rows:
        if row["id"] in seen:
            raise TableError(f"platforms.csv: duplicate id {row['id']}")
        seen.add(row["id"])
        props: dict = {k: row[k] for k in ("id", "name_en", "name_zh", "kind", "city")}
        receives = as_list(row.get("receives"))
        if receives:
            props["receives"] = receives
        if row.get("status"):
            props["status"] = row["status"]
        props["source"] = row["source"]
        props["position_source"] = row["position_source"]
        props["position_accuracy_km"] = float(
            as_number(row["position_accuracy_km"], f"platforms.csv: {row['id']}"))
        point = [round(float(row["lon"]), DECIMALS), round(float(row["lat"]), DECIMALS)]
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": point}})
    return features
