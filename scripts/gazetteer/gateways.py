"""Sea port rows from searoute's shipped port list and airport rows from airportsdata."""

from __future__ import annotations

import json
import logging
import re
from importlib import metadata, resources

import airportsdata
from names import join_aliases
from rows import make_row

# searoute still files these ports under ISO 3166-1 codes withdrawn since (ISO 3166-3):
# AN (Netherlands Antilles, split 2010 into CW, SX and BQ) and CS (Serbia and Montenegro,
# split 2006).  The row's country is the one the port lies in today; its code stays as
# searoute has it so the two can be joined.
WITHDRAWN_CODE_COUNTRY = {
    "ANBUB": "CW", "ANCRB": "CW", "ANFUI": "CW", "ANSMB": "CW", "ANWIL": "CW",  # Curaçao
    "ANKRA": "BQ", "ANEUX": "BQ",  # Kralendijk (Bonaire), St. Eustatius
    "ANPHI": "SX",  # Philipsburg (Sint Maarten)
    "CSBAR": "ME", "CSKOT": "ME", "CSZEL": "ME",  # Bar, Kotor, Zelenika (Montenegro)
}
UNLOCODE = re.compile(r"[A-Z]{2}[A-Z0-9]{3}")
LOG = logging.getLogger(__name__)


def searoute_version() -> str:
    return metadata.version("searoute")


def airportsdata_version() -> str:
    return metadata.version("airportsdata")


def searoute_port_features() -> list[dict]:
    """searoute's ``data/ports.geojson`` features, in file order."""
    text = resources.files("searoute").joinpath("data/ports.geojson").read_text("utf-8")
    return json.loads(text)["features"]


def seaport_rows() -> list[dict[str, object]]:
    """One row per UN/LOCODE in searoute's port list.

    A code listed more than once (a port and its terminals) is placed where searoute marks a
    terminal (``t`` = 1), else at its first entry; the other entries' names become aliases.
    The country is the code's first two letters (UN/LOCODE starts with the ISO 3166-1 code),
    except for the codes of withdrawn countries (``WITHDRAWN_CODE_COUNTRY``).  An entry whose
    code is not a UN/LOCODE (searoute 1.6.0 lists Ras Budran under ``EG``) is left out.
    """
    by_code: dict[str, list[dict]] = {}
    for feature in searoute_port_features():
        code = feature["properties"]["port"]
        if not UNLOCODE.fullmatch(code):
            LOG.warning("searoute port %r has no UN/LOCODE (%r): left out",
                        feature["properties"]["name"], code)
            continue
        by_code.setdefault(code, []).append(feature)
    rows = []
    for code, features in by_code.items():
        main = next((f for f in features if f["properties"].get("t") == 1), features[0])
        lon, lat = main["geometry"]["coordinates"]
        name = main["properties"]["name"]
        others = [f["properties"]["name"] for f in features if f is not main]
        country = WITHDRAWN_CODE_COUNTRY.get(code, code[:2])
        rows.append(make_row(f"port:{code}", "seaport", name, country, lon, lat, "searoute",
                             code=code, aliases=join_aliases(others, exclude=(name,))))
    return rows


def airport_rows() -> list[dict[str, object]]:
    """Every airport with an IATA code in airportsdata.

    Aliases: the city it serves (when its name does not already say it) and its ICAO code.
    ``admin1`` holds airportsdata's subdivision name (e.g. ``Shanxi``).
    """
    rows = []
    for iata, airport in airportsdata.load("IATA").items():
        name, city = airport["name"], airport.get("city") or ""
        served = [city] if city and city.casefold() not in name.casefold() else []
        rows.append(make_row(f"iata:{iata}", "airport", name, airport["country"],
                             airport["lon"], airport["lat"], "airportsdata", code=iata,
                             admin1=airport.get("subd") or "",
                             aliases=join_aliases(served, [airport.get("icao") or ""],
                                                  exclude=(name,))))
    return rows
