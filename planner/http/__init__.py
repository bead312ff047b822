"""``python -m planner serve``: the planner over HTTP (FastAPI), for other software to call.

The command line's own functions do the work (:mod:`planner.cli.route`,
:mod:`planner.cli.officials`, the batch writer of :mod:`planner.io.batch`); this part only
reads requests, holds the limits and maps failures to statuses. It comes after ``cli`` in the
order of parts: ``cli/serve.py`` names the app to uvicorn by its import string, never imports it.
"""
