"""``corridors.json``: the named corridors, the seed's figures and the railways."""

from __future__ import annotations

from netbuild.tables import TableError, as_bool, as_number, read_table

__all__ = ["corridors_document", "read_countries"]

CORRIDOR_COLUMNS = ("id", "kind", "seed", "name_en", "name_zh", "source")
FIGURE_COLUMNS = ("corridor", "key", "value", "as_of", "source", "note")
COUNTRY_COLUMNS = ("iso2", "name_en", "name_zh")
RAILWAY_FIELDS = ("id", "name_en", "name_zh", "published_km", "source")
SECTION_COLUMNS = ("railway", "from", "to", "published_km", "source", "as_of")


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


def _sections() -> dict[str, list[dict]]:
    """Published lengths between two nodes of a railway, by railway id."""
    out: dict[str, list[dict]] = {}
    for row in read_table("railway_sections.csv", SECTION_COLUMNS).rows:
        where = f"railway_sections.csv: {row['railway']} {row['from']}–{row['to']}"
        out.setdefault(row["railway"], []).append({
            "from": row["from"], "to": row["to"],
            "published_km": as_number(row["published_km"], where),
            "source": f"{row['source']} ({row['as_of']})",
        })
    return out


def _railway(record: dict, sections: list[dict] | None) -> dict:
    out = {k: record[k] for k in RAILWAY_FIELDS}
    if sections:
        out["sections"] = sections
    return out


def corridors_document(railways: list[dict]) -> dict:
    """The ``corridors.json`` document (corridors and railways in table order)."""
    figures = _figures()
    sections = _sections()
    unknown = sorted(set(sections) - {r["id"] for r in railways})
    if unknown:
        raise TableError(f"railway_sections.csv: unknown railway(s) {', '.join(unknown)}")
    corridors = [
        {"id": r["id"], "kind": r["kind"], "seed": as_bool(r["seed"], f"corridors.csv: {r['id']}"),
         "name_en": r["name_en"], "name_zh": r["name_zh"], "source": r["source"],
         "figures": figures.get(r["id"], {})}
        for r in read_table("corridors.csv", CORRIDOR_COLUMNS).rows
    ]
    return {
        "seed_figures": figures.get("", {}),
        "corridors": corridors,
        "railways": [_railway(r, sections.get(r["id"])) for r in railways],
    }


def read_countries() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-2 → (English, Chinese) name."""
    rows = read_table("countries.csv", COUNTRY_COLUMNS).rows
    return {r["iso2"]: (r["name_en"], r["name_zh"]) for r in rows}
