"""The officials' view: what closing corridors, crossings or ports does to every destination
and to a shipment book's flows, the map drawn offline, the one-page report, the map views and
the corridors' colours.
"""
