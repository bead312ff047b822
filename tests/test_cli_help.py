"""The command line's help and argparse's own words in the reader's language (issue 18 item 4:
every sentence the CLI shows comes from the catalogue): ``--lang zh --help`` of every command is
Chinese, its lines fit the terminal, and argparse's usage errors follow ``--lang`` or the
locale."""

from __future__ import annotations

import argparse
import inspect
import re
import unicodedata

import pytest

from planner.cli import main as cli
from planner.text.words import section

COMMANDS = ((), ("route",), ("batch",), ("places",), ("corridors",), ("scenario",), ("map",),
            ("serve",))  # fmt: skip


def _help(capsys, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    code = cli.main([*argv, "--help"])
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    return out


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _prose(text: str) -> str:
    """The help without its usage block and what is typed: options, metavars, choices."""
    body = text.split("\n\n", 1)[1]
    return re.sub(r"-[\w-]+|\b[A-Z][A-Z0-9_.|\[\]]+\b|\{[^}]*\}", " ", body)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_the_chinese_help_of_every_command_is_chinese(capsys, monkeypatch, command) -> None:
    text = _help(capsys, monkeypatch, "--lang", "zh", *command)
    assert text.startswith("用法：python -m planner") and "\n选项：\n" in text
    assert "显示此帮助并退出" in text and "退出码" in text
    english = re.findall(r"[A-Za-z]{2,}[,.]? [A-Za-z]{2,}", _prose(text))
    assert english == [], english


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_the_chinese_help_fits_the_terminal(capsys, monkeypatch, command) -> None:
    text = _help(capsys, monkeypatch, "--lang", "zh", *command)
    # argparse counts a Chinese character as one column; a terminal shows two
    wide = [line for line in text.splitlines() if _columns(line) > 80 and " " in line.strip()]
    assert wide == []


def test_the_english_help_is_english(capsys, monkeypatch) -> None:
    text = _help(capsys, monkeypatch, "--lang", "en", "route")
    assert text.startswith("usage: python -m planner route") and "\noptions:\n" in text
    assert "gross weight in tonnes" in text and not re.search(r"[\u4e00-\u9fff]", text)


def test_the_locale_chooses_the_help_language(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert "毛重（吨）" in _help(capsys, monkeypatch, "route")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert "gross weight in tonnes" in _help(capsys, monkeypatch, "route")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("--lang", "zh", "route", "--from", "Taiyuan"), "缺少必需的参数：--to"),
        (("route", "--from", "Taiyuan", "--to", "--lang=zh"), "参数 --to：须给出一个值"),
        (
            ("--lang", "zh", "route", "--from", "A", "--to", "B", "--bogus"),
            "无法识别的参数：--bogus",
        ),
        (("--lang", "zh", "frobnicate"), "无效的选择：'frobnicate'"),
        (("--lang", "zh", "map", "--view", "mars", "-o", "m.png"), "无效的选择：'mars'"),
    ],
)
def test_argparse_speaks_the_language_of_the_command_line(capsys, argv, says) -> None:
    code = cli.main(list(argv))
    _, err = capsys.readouterr()
    assert code == 2 and says in err and err.count("\n") == 1, err
    assert re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", err) is None, err  # no English phrase left


def test_every_argparse_word_of_the_catalogue_is_argparse_s_own_text() -> None:
    """The English of ``[argparse]`` is what argparse looks up: a text it does not write would
    never be found, and its Chinese never shown."""
    source = inspect.getsource(argparse)
    missing = [text for text in section("argparse", "en").values() if repr(text) not in source
               and f'"{text}"' not in source]  # fmt: skip
    assert missing == []
