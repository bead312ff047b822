"""What the planner reasons about, as records: one frozen query, the shipment and its units,
the route options and their legs, the cargo classes and the parameter table read from data,
and the errors it raises. No search; its words are in :mod:`planner.text`.
"""
