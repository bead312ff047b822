"""``python -m planner serve``: the HTTP API (:mod:`planner.http`) on uvicorn.

The app is named to uvicorn by its import string (:data:`APP`, a factory), never imported
here: ``http`` comes after ``cli`` in the order of parts, and N worker processes
(``--workers N``, one per core) each make their own. The network's directory reaches them in
the environment (:data:`DATA_DIR_ENV`), as do the limits (``SHANXI_API_*``, see
:mod:`planner.http.limits`).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from planner.cli import common
from planner.cli.argparse_words import help_words

__all__ = ["APP", "DATA_DIR_ENV", "DEFAULT_HOST", "DEFAULT_PORT", "add_command"]

#: The app's factory, as uvicorn imports it.
APP = "planner.http.app:create_app"
#: The environment variable naming the network's data directory (the shipped one without).
DATA_DIR_ENV = "SHANXI_API_DATA_DIR"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8600
MAX_PORT = 65_535


def add_command(commands: Any, shared: argparse.ArgumentParser) -> None:
    """Add ``serve`` to the subcommands of :mod:`planner.cli.main`."""
    said = help_words
    serve = common.subcommand(commands, "serve", shared, "serve", "serve_about")
    serve.add_argument("--host", default=DEFAULT_HOST, help=said("host", host=DEFAULT_HOST))
    port = said("default", value=DEFAULT_PORT)
    serve.add_argument("--port", default=str(DEFAULT_PORT), help=port)
    serve.add_argument("--workers", metavar="N", default="1", help=said("serve_workers"))
    serve.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    lang = common.lang_of(args)
    port = common.positive_int("--port", args.port, lang)
    if port > MAX_PORT:
        reason = common.say("too_large", lang, field="port", maximum=MAX_PORT, value=args.port)
        raise common.CliError(f"--port: {reason}", option="--port")
    workers = common.positive_int("--workers", args.workers, lang)
    import uvicorn

    if args.data_dir:
        os.environ[DATA_DIR_ENV] = str(Path(args.data_dir).expanduser().resolve())
    level = "info" if args.verbose else "warning"
    uvicorn.run(APP, factory=True, host=args.host, port=port, workers=workers, log_level=level)
    return common.EXIT_OK
