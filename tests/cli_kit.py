"""What the command line's tests share: the CLI run in this process on the mini network, with
the real planner noting every query it is asked to plan."""

from __future__ import annotations

from pathlib import Path

from planner.cli import common
from planner.cli import main as cli
from planner.core.planner import Planner
from planner.model.query import Query
from planner.model.records import RouteOption

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
CLI_DATA = ROOT / "tests" / "data" / "cli"
ROUTE = ("route", "--from", "Taiyuan", "--to", "Moscow")


class RecordingPlanner(Planner):
    """The real planner, noting every query the CLI asks it to plan (resolved) in ``calls``."""

    def __init__(self, network) -> None:
        super().__init__(network)
        self.calls: list[Query] = []

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        self.calls.append(self.resolve(query))
        return super().plan(query, method=method)


def recording_planner(monkeypatch, mini_network) -> RecordingPlanner:
    """Make the CLI plan with the real planner of the mini network (on it, Datong reaches no
    foreign place: no route); each test module's ``mini_plan`` fixture returns this."""
    planner = RecordingPlanner(mini_network)
    monkeypatch.setattr(common, "planner_of", lambda args: planner)
    return planner


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI on the mini network: its exit code, standard output and standard error."""
    code = cli.main(["--data-dir", str(MINI), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """``err``, checked to be one line without a traceback."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def written(path: Path, data: bytes) -> Path:
    """``path``, holding ``data``."""
    path.write_bytes(data)
    return path
