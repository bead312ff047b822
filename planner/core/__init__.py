"""The :class:`~planner.core.planner.Planner` (one network, one parameter table, the graph and
every cache), many shipments answered at once from its route library, an option's flat row,
and the one-line ``plan`` and ``plan_rows`` over a planner kept per network.
"""
