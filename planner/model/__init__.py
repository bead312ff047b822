"""What the planner reasons about, as records: one frozen query, the shipment and its units,
the route options and their legs, the cargo classes and the parameter table read from data,
the errors it raises and the message records it says things with. No search, no text.
"""
