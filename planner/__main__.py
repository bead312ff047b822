"""``python -m planner``: the command line (see :mod:`planner.cli`)."""

from __future__ import annotations

from planner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
