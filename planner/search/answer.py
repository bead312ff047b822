"""One query's answer: its options, and what holds for all of them said once.

An option's notes (:func:`planner.search.wording.route_notes`) are complete: read alone, it says
all a
shipper should know. Shown together, most of them would repeat on every card. :func:`answer_of`
lifts them to the answer: the parameters that are estimates (one note per mode, each parameter
named once with its source, whichever options use it: they are facts of the parameter table, not
of an option; and the CO2e intensities that are estimates) and every other note that all the
options carry. An option keeps only the notes
that differ between the options.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planner.model.params import Parameter
from planner.model.records import RouteOption
from planner.text.message import Message
from planner.text.messages import render

__all__ = ["ESTIMATE_CODES", "Answer", "answer_of"]

#: An option's note of a mode's estimated parameters (by name and value), and the answer's
#: note that names them with their keys, dates and reasons, merged by mode.
_ESTIMATES, _NAMED = "estimated_rates", "estimated_parameters"
#: The codes of the notes that name parameters that are estimates.
ESTIMATE_CODES = frozenset({_ESTIMATES, _NAMED, "estimated_factors"})
#: An option's note that no service is known on it, and the answer's that names those options.
_NO_SERVICE, _UNSCHEDULED = "no_service", "unscheduled"


@dataclass(frozen=True)
class Answer:
    """The options of one query and the notes said once for all of them.

    Attributes
    ----------
    options
        Best first; each with only the notes that set it apart.
    notes
        What holds for every option: the notes they all carry, then the estimated parameters
        per mode.
    """

    options: tuple[RouteOption, ...]
    notes: tuple[Message, ...]

    @property
    def caveats(self) -> tuple[Message, ...]:
        """The notes for every option that are not about estimated parameters."""
        return tuple(n for n in self.notes if n.code not in ESTIMATE_CODES)

    @property
    def method(self) -> tuple[Message, ...]:
        """How this is computed: the estimated parameters per mode and the CO2e intensities
        that are estimates, each named with its key, date and reason."""
        return tuple(n for n in self.notes if n.code in ESTIMATE_CODES)

    def short(self) -> tuple[Message, ...]:
        """What holds for every option, short: the caveats, and one line that says which
        modes' figures are estimates (named in :attr:`method`)."""
        if not self.method:
            return self.caveats
        factors = any(n.code == "estimated_factors" for n in self.method)
        line = Message.of("estimates_said", modes=self.estimated_modes, factors=factors)
        return (*self.caveats, line)

    @property
    def estimated_modes(self) -> tuple[str, ...]:
        """The modes whose rates or speeds the notes name as estimates."""
        return tuple(n.params["mode"] for n in self.notes if n.code == _NAMED)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The rows of the parameter table the answer cites, each once: the estimates its notes
        name, then the CO2e intensities its options use."""
        rows: dict[str, Parameter] = {}
        for note in self.notes:
            for value in note.params.values():
                for row in value if isinstance(value, tuple) else (value,):
                    if isinstance(row, Parameter):
                        rows.setdefault(row.key, row)
        for option in self.options:
            if option.co2e_method is not None:
                for _, row in option.co2e_method.factors:
                    rows.setdefault(row.key, row)
        return tuple(rows.values())

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """``notes`` (texts in ``lang``), ``parameters`` (the rows cited) and ``options``."""
        return {
            "notes": [render(note, lang) for note in self.notes],
            "parameters": [dataclasses.asdict(row) for row in self.parameters],
            "options": [option.to_dict(lang) for option in self.options],
        }


def answer_of(options: Sequence[RouteOption]) -> Answer:
    """The answer of ``options``: their common notes lifted, each option's own kept.

    Parameters
    ----------
    options
        One query's options (each with its complete notes).

    Returns
    -------
    Answer
        The same options, in order, each with only the notes not said for the answer.
    """
    by_mode: dict[str, dict[str, Parameter]] = {}
    rest: list[list[Message]] = []
    unscheduled: dict[str, list[int]] = {}
    for option in options:
        rest.append([])
        for note in option.notes:
            if note.code == _NO_SERVICE:  # said once: which options ride no known service
                unscheduled.setdefault(note.params["haul"], []).append(option.rank)
            elif note.code == _ESTIMATES:
                rows = by_mode.setdefault(note.params["mode"], {})
                for row in note.params["params"]:
                    rows.setdefault(row.key, row)
            else:
                rest[-1].append(note)
    common = tuple(n for n in rest[0] if all(n in own for own in rest[1:])) if rest else ()
    if unscheduled:  # one line: which options ride no known service, by their haul
        every = sum(len(ranks) for ranks in unscheduled.values()) == len(options)
        groups = tuple((haul, tuple(ranks)) for haul, ranks in unscheduled.items())
        common += (Message.of(_UNSCHEDULED, groups=groups, every=every),)
    estimates = tuple(
        Message.of(_NAMED, mode=mode, params=tuple(rows.values()))
        for mode, rows in sorted(by_mode.items())
    )
    factors = {
        row.key: row
        for option in options
        if option.co2e_method is not None
        for _, row in option.co2e_method.factors
        if row.is_estimate
    }
    if factors:
        estimates += (Message.of("estimated_factors", params=tuple(factors.values())),)
    kept = tuple(
        dataclasses.replace(option, notes=tuple(n for n in own if n not in common))
        for option, own in zip(options, rest, strict=True)
    )
    return Answer(options=kept, notes=common + estimates)
