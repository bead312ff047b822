"""Caveats once, short (issue 20, item 6): what holds for every option is said once in short
lines, the estimates with their reasons under "how this is computed", an option's own notes
only where it differs, and no web host of a document in any text a person reads."""

from __future__ import annotations

import re

import pytest

from planner.cli import main as cli
from planner.core.api import planner_for
from planner.model.query import Query
from planner.search.answer import answer_of
from planner.text.citing import _HOST, without_hosts
from planner.text.messages import render

QUERIES = [
    ("Qi County", "Casablanca"),
    ("Taiyuan", "Moscow"),
    ("Jinzhong", "Tashkent"),
    ("Changzhi", "Rotterdam"),
]


@pytest.fixture(scope="module")
def planner(real_network):
    return planner_for(real_network)


@pytest.mark.parametrize(("origin", "destination"), QUERIES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_document_host_in_what_people_read(planner, origin, destination, lang):
    answer = answer_of(planner.plan(Query(origin, destination)))
    texts = [render(n, lang) for n in (*answer.notes, *answer.short())]
    for option in answer.options:
        data = option.to_dict(lang)
        texts += [data["label"], data["why"]["text"], *data["warnings"]]
    for text in texts:
        assert not re.search(_HOST, text), text
        assert "scribd" not in text and "porteconomicsmanagement" not in text


@pytest.mark.parametrize(("origin", "destination"), QUERIES)
def test_said_once_and_short(planner, origin, destination):
    answer = answer_of(planner.plan(Query(origin, destination)))
    # that no service is known: one note for the answer, none on an option
    assert not any(n.code == "no_service" for o in answer.options for n in o.notes)
    assert sum(n.code in ("unscheduled", "no_service") for n in answer.notes) <= 1
    # an option keeps only what sets it apart
    for note in (n for o in answer.options for n in o.notes):
        assert not all(note in o.notes for o in answer.options), render(note)
    # the short lines are short; the sources stay in "how this is computed"
    for note in answer.short():
        assert len(render(note, "en")) < 200, render(note, "en")
    assert all(n.code not in ("estimated_parameters", "estimated_factors") for n in answer.short())


def test_the_route_table_says_the_method_apart(capsys, real_network):
    code = cli.main(["route", "--from", "Qi County", "--to", "Casablanca", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    every, method = out.index("For every option:"), out.index("How this is computed:")
    assert every < method
    assert "(rail.speed_kph" in out[method:] and "(rail.speed_kph" not in out[:method]
    assert not re.search(_HOST, out)


def test_without_hosts_keeps_the_publication_and_drops_the_host():
    text = (
        "EU Customs Union member (TFEU art. 28; europa.eu member list); "
        "tables could not be read (scribd.com/document/740712234 is not readable), "
        "quoted on jumeiguan.com; Xinhua 2025-11-18 ('In Xi'an', via reportify.cn)"
    )
    assert without_hosts(text) == (
        "EU Customs Union member (TFEU art. 28); tables could not be read, quoted; "
        "Xinhua 2025-11-18 ('In Xi'an')"
    )
