"""``python -m planner``: the command line (see :mod:`planner.cli.main`)."""

from __future__ import annotations

import gc

from planner.cli.main import main

#: Allocations between two collections of the youngest generation while a command runs
#: (Python's default is 700: a query that builds its graph ran dozens of collections).
GC_YOUNG_THRESHOLD = 50_000

if __name__ == "__main__":
    # The libraries' objects, imported above, live as long as the process: frozen, the
    # collector no longer walks them at every collection while a command allocates (measured
    # with farm-bench on `route --from Taiyuan --to Moscow`: 0.96 s against 1.09 s, medians of
    # 9 pairs). Cycles made by the command are still collected.
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)
    raise SystemExit(main())
