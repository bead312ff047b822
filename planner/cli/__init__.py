"""``python -m planner``: the exporters' commands (``route``, ``batch``, ``places``,
``corridors``), the officials' (``scenario``, ``map``), and what they share (exit codes, the
one-line error, the language, the writers).
"""
