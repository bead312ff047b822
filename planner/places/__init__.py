"""What people type, to places: the place index (names, aliases, codes, countries, either
Chinese script), the world gazetteer beyond the network, the gateways a place beyond it is
trucked through, and the one way a name becomes a lookup key.
"""
