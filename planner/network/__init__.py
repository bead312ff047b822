"""The multimodal graph and what an edge costs: the graph built from the corridor layers,
shortest-path trees, each edge's hours, USD and CO2e for a cargo class, what a country or a
border means, and the weights of one shipment with its closures.
"""
