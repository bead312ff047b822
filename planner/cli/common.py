"""What every command of ``python -m planner`` shares: exit codes, the one-line error, the
language, the planner of the network named, the ``--format``/``-o`` options and the writers."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from planner.cli.argparse_words import WideHelpFormatter, current_lang, help_words
from planner.io.terminal import frame_table
from planner.text.messages import MAX_ECHO_CHARS
from planner.text.words import words

if TYPE_CHECKING:
    import pandas as pd

    from planner.core.planner import Planner


PROG = "python -m planner"


EXIT_OK = 0


EXIT_FAILED = 1


EXIT_BAD_INPUT = 2


EXIT_BROKEN_DATA = 3


#: Stopped by Ctrl-C (128 + SIGINT, as a shell reports it).
EXIT_INTERRUPTED = 130


LANGS = ("zh", "en")
#: The passages ships from China to Europe may take (`--sea-route`).
SEA_ROUTES = ("cape", "suez")


#: The option that sets each query field, for error messages.
OPTION_OF_FIELD = {
    "origin": "--from",
    "destination": "--to",
    "cargo": "--cargo",
    "weight_t": "--weight-t",
    "volume_m3": "--volume-m3",
    "priority": "--priority",
    "alternatives": "--alternatives",
    "closures": "--avoid",
    "modes": "--modes",
    "ready": "--ready",
}


def subcommand(
    commands: Any, name: str, shared: argparse.ArgumentParser, about: str, description: str = ""
) -> argparse.ArgumentParser:
    """A subcommand of ``python -m planner``: the options every command takes (``shared``), the
    help key ``about`` in the list of commands, the key ``description`` atop its help and the exit
    codes under (words of the catalogue's ``[cli_help]``, in the command line's language)."""
    return commands.add_parser(
        name,
        parents=[shared],
        help=help_words(about),
        description=help_words(description) if description else None,
        epilog=help_words("exit_codes"),
    )


class CliError(Exception):
    """A failure to report as one line with an exit code; ``lang`` is the language of its
    words when they are not the run's; ``option``
    the option it names (its line begins ``option: ``) and ``cause`` the planner's error it
    says, where there is one (the HTTP API names the field and lists an unknown place's
    closest names)."""

    def __init__(
        self,
        message: str,
        code: int = EXIT_BAD_INPUT,
        lang: str | None = None,
        *,
        option: str | None = None,
        cause: Exception | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.lang = lang
        self.option = option
        self.cause = cause


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised as Ctrl-C is: every ``finally`` runs, so a half-written output
    and the workers are cleaned up, and the exit code is ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` in the block (the handlers before restored
    after it; in a thread other than the main one nothing is changed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    caught = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    before = {s: signal.signal(s, stop) for s in caught}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (raised, then printed by :func:`main`), and a
    value such as ``-1e400`` or ``-inf`` is a value (argparse takes only ``-1`` and ``-1.5``
    for numbers; the rest looked like an option, "expected one argument")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", WideHelpFormatter)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        lang = current_lang()  # argparse wrote its message in the command line's language
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}{words('sep.colon', lang)}" if command else ""
        message = _LONG_QUOTE.sub(_cut_quote, message)  # argparse echoes a value in full
        raise CliError(f"{where}{message}{words('cli.see_help', lang)}", EXIT_BAD_INPUT, lang=lang)

    def format_help(self) -> str:
        """The help, its section titles ended by the language's colon (argparse writes ":")."""
        text = super().format_help()
        colon = words("sep.colon", current_lang()).rstrip()
        for group in self._action_groups:
            text = text.replace(f"\n{group.title}:\n", f"\n{group.title}{colon}\n")
        return text


#: What argparse reads as a negative number, not an option.
_NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.I)
#: A quoted value in argparse's message longer than a message echoes (planner.messages).
_LONG_QUOTE = re.compile(f"'([^']{{{MAX_ECHO_CHARS},}})'")


def _cut_quote(match: re.Match[str]) -> str:
    return "'" + match.group(1)[: MAX_ECHO_CHARS - 3] + "…'"


def default_lang(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """``zh`` when the locale's language is Chinese, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def lang_of(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or default_lang()


def planner_of(args: argparse.Namespace) -> Planner:
    """The planner of the network the arguments name (tests replace this)."""
    from corridors import load_network
    from planner.core.api import planner_for
    from planner.model.params import load_parameters
    from planner.network.closed_edges import SUEZ_KEY

    route = getattr(args, "sea_route", None)
    params = load_parameters()
    if route is not None:  # the run's choice of passage instead of the table's
        params = params.replace(**{SUEZ_KEY: float(route == "suez")})
    return planner_for(load_network(args.data_dir), params)


def output_options(
    parser: argparse.ArgumentParser, formats: Sequence[str], handler: Callable[..., int]
) -> None:
    """A command's ``--format`` (of ``formats``, a table by default) and ``-o FILE``, and the
    function that runs it."""
    parser.add_argument("--format", choices=formats, default="table", help=help_words("format"))
    parser.add_argument("-o", "--output", metavar="FILE", help=help_words("output"))
    parser.set_defaults(handler=handler)


def check_format(args: argparse.Namespace, lang: str) -> None:
    """An .xlsx ``-o`` is a workbook only with ``--format csv``: JSON, GeoJSON or a text table
    written into a file named .xlsx would be a broken workbook (refused before any work)."""
    fmt, output = getattr(args, "format", None), getattr(args, "output", None)
    if fmt is None or output is None or fmt == "csv":
        return
    from planner.io.export import is_workbook_name

    if is_workbook_name(output):
        reason = say("format_not_workbook", lang, format=fmt, path=output)
        raise CliError(f"--format {fmt}: {reason}")


def checked(option: str | None, lang: str, make: Callable[[], Any], *, otherwise: str = "") -> Any:
    """Run ``make``; a planner error becomes ``--option: reason`` (exit 2), the option named
    by the error's field when not given (``otherwise`` for an error of no field)."""
    from planner.io.quotes import QuotesFileError
    from planner.model.errors import InvalidQueryError, UnknownPlaceError

    try:
        return make()
    except OSError as exc:  # a file named by an option (--rates) that cannot be read
        raise CliError(f"{option}: {exc.strerror or exc}", option=option) from None
    except (InvalidQueryError, UnknownPlaceError, QuotesFileError) as exc:
        field = getattr(exc, "field", None)
        where = option or OPTION_OF_FIELD.get(field or "", "") or otherwise
        message = f"{where}: {exc.render(lang)}" if where else exc.render(lang)
        raise CliError(message, option=where or None, cause=exc) from None


def say(code: str, lang: str, **params: Any) -> str:
    """A message of the command line's own, in ``lang``."""
    from planner.text.message import Message
    from planner.text.messages import render

    return render(Message.of(code, **params), lang)


def positive_int(option: str, text: str, lang: str) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        reason = say("option_whole", lang, value=text, minimum=1)
        raise CliError(f"{option}: {reason}", option=option)
    return value


def cannot_write(output: str | None, exc: OSError, lang: str) -> CliError:
    reason = exc.strerror or str(exc)
    return CliError(say("cannot_write", lang, path=output or "-", reason=reason, errno=exc.errno))


def csv_stdout() -> Any:
    """Where CSV for people goes on standard output: its bytes, as UTF-8 with the BOM, whatever
    the terminal's encoding (``PYTHONIOENCODING=gbk`` cannot write the BOM)."""
    sys.stdout.flush()
    return getattr(sys.stdout, "buffer", sys.stdout)


def tolerant_output() -> None:
    """Standard output and error in an encoding other than UTF-8 (a GBK console) replace what
    it cannot write instead of failing on it."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="replace")


def write_text(text: str, output: str | None, *, count: int, what: str, lang: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from planner.io.export import atomic_text

    try:
        with atomic_text(output) as handle:
            handle.write(text)
    except OSError as exc:
        raise cannot_write(output, exc, lang) from None
    sys.stderr.write(say("wrote", lang, count=count, what=what, path=output) + "\n")


def write_table_csv(
    frame: Any,
    output: str | None,
    *,
    count: int,
    what: str,
    lang: str,
    cargo_zh: dict[str, str] | None = None,
) -> None:
    """A table as CSV for people (an .xlsx workbook when ``output`` ends so), its headers and
    flags in ``lang`` (a cargo class by ``cargo_zh``, the cargo table's Chinese names)."""
    from planner.io.export import is_workbook_name, write_table_chunks
    from planner.text.columns import localized

    excel = output is not None and is_workbook_name(output)
    try:
        write_table_chunks(
            [localized(frame, lang, cargo_zh=cargo_zh)],
            csv_stdout() if output is None else output,
            excel=excel,
            title=words("sheet.table", lang),
        )
    except OSError as exc:
        raise cannot_write(output, exc, lang) from None
    if output is not None:
        sys.stderr.write(say("wrote", lang, count=count, what=what, path=output) + "\n")


def write_frame(frame: pd.DataFrame, fmt: str, *, what: str, lang: str) -> None:
    from planner.text.columns import localized

    if fmt == "csv":
        write_table_csv(frame, None, count=len(frame), what=what, lang=lang)
    elif fmt == "json":
        sys.stdout.write(frame_json(frame) + "\n")
    else:
        sys.stdout.write(frame_table(localized(frame, lang)))


def frame_json(frame: pd.DataFrame) -> str:
    """A list command's table as ``--format json`` prints it: its records (keys are the
    contract's: never translated)."""
    return frame.to_json(orient="records", force_ascii=False, indent=2)
