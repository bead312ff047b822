"""One colour per corridor, told apart: the app's map and the drawn map use the same ones.

Colours are RGB in 0–255. The land corridors are reds, purples and browns (rail), the
rail–sea corridors oranges and olives, the air lines blues and violets; what continues a
corridor (rail abroad, sea lanes, roads) is muted so the named corridors stand out.
"""

from __future__ import annotations

__all__ = ["CORRIDOR_COLOURS", "FALLBACK_COLOUR", "corridor_colour"]

RGB = tuple[int, int, int]

CORRIDOR_COLOURS: dict[str, RGB] = {
    "land_horgos": (205, 30, 45),
    "land_erenhot": (150, 30, 140),
    "land_manzhouli": (150, 85, 20),
    "land_mohan": (235, 95, 150),
    "land_kashgar": (115, 35, 60),
    "trans_caspian": (0, 145, 145),
    "rail_abroad": (95, 95, 125),
    "railsea_tianjin": (240, 130, 20),
    "railsea_zhoushan": (225, 185, 0),
    "railsea_rizhao": (215, 105, 85),
    "railsea_qinhuangdao": (120, 120, 30),
    "railsea_qingdao": (185, 160, 80),
    "sea_lanes": (90, 140, 190),
    "air_network": (35, 85, 205),
    "air_international": (150, 120, 230),
    "air_feeder": (160, 165, 200),
    "road_shanxi": (150, 150, 150),
    "road_abroad": (105, 125, 105),
}
FALLBACK_COLOUR: RGB = (140, 140, 140)


def corridor_colour(corridor_id: str) -> RGB:
    """The corridor's colour (grey for a corridor without one)."""
    return CORRIDOR_COLOURS.get(corridor_id, FALLBACK_COLOUR)
