"""``corridors.json``: the named corridors, the seed's figures and the railways."""

from __future__ import annotations

from netbuild.tables import as_bool, as_number, read_table

__all__ = ["corridors_document", "read_countries"]

CORRIDOR_COLUMNS = ("id", "kind", "seed", "name_en", "name_zh", "source")
FIGURE_COLUMNS = ("corridor", "key", "value", "as_of", "source", "note")
COUNTRY_COLUMNS = ("iso2", "name_en", "name_zh")
RAILWAY_FIELDS = ("id", "name_en", "name_zh", "published_km", "source")


def _figures() -> dict[str, dict[str, dict]]:
    """Figures by corridor id; the key ``""`` holds the province-wide seed figures."""
    out: dict[str, dict[str, dict]] = {}
    for row in read_table("figures.csv", FIGURE_COLUMNS).rows:
        figure = {
            "value": as_number(row["value"], f"figures.csv: {row['key']}"),
            "as_of": row["as_of"],
            "source": row["source"],
        }
        if row.get("note"):
            figure["note"] = row["note"]
        out.setdefault(row.get("corridor", ""), {})[row["key"]] = figure
    return out


def corridors_document(railways: list[dict]) -> dict:
    """The ``corridors.json`` document (corridors and railways in table order)."""
    figures = _figures()
    corridors = [
        {"id": r["id"], "kind": r["kind"], "seed": as_bool(r["seed"], f"corridors.csv: {r['id']}"),
         "name_en": r["name_en"], "name_zh": r["name_zh"], "source": r["source"],
         "figures": figures.get(r["id"], {})}
        for r in read_table("corridors.csv", CORRIDOR_COLUMNS).rows
    ]
    return {
        "seed_figures": figures.get("", {}),
        "corridors": corridors,
        "railways": [{k: r[k] for k in RAILWAY_FIELDS} for r in railways],
    }


def read_countries() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-2 → (English, Chinese) name."""
    rows = read_table("countries.csv", COUNTRY_COLUMNS).rows
    return {r["iso2"]: (r["name_en"], r["name_zh"]) for r in rows}
