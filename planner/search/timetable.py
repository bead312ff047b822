"""The scheduled services a route rides, and the time that gives it, as a range.

A route's main haul rides a service where one is known (:mod:`corridors.services`): a train
from a Shanxi terminal through a border crossing to a destination terminal, a rail–sea train to
a port, a freighter, a cross-border truck line. Its time is then the wait for a departure (half
the headway of its published departures a week), its published transit and the handling at its
ends; its range runs from a departure caught at once and the published minimum to a departure
just missed and the published maximum. Where no service is known the time is the model's
(speeds, the estimated frequency, border dwells), said so, with the range of its waits and
of the published border dwells.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from corridors import Mode
from planner.model.params import Parameters
from planner.model.records import Haul, Ride
from planner.model.units import HOURS_PER_DAY
from planner.network.costs import (
    EDGE_ALIGHT,
    EDGE_BOARD,
    EDGE_DRAYAGE,
    EDGE_LINK,
    HOURS_PER_WEEK,
    EdgeCosts,
    expected_wait_hours,
)
from planner.network.graph import MultimodalGraph
from planner.search.hubs import HubReach
from planner.search.rides import Line, lines_of
from planner.search.routes import Shape, path_total
from planner.text.message import Name

__all__ = ["Timetable", "Timing", "main_legs"]

@dataclass(frozen=True)
class Timing:
    """A route's hours (typical, shortest, longest), the service its main haul rides (or
    ``None``), the legs that service covers (``first``..``last``) and their hours."""

    hours: float
    hours_min: float
    hours_max: float
    ride: Ride | None = None
    legs: tuple[int, int] | None = None
    segment_hours: float = 0.0
    wait_hours: float = 0.0
    main_hours: float = 0.0
    ride_wait: float = 0.0
    #: hours from the start to the main haul's departure, boarding done, its wait not counted
    before_hours: float = 0.0

    def covered(self) -> tuple[str, range, float, float] | None:
        """``(service id, legs covered, their hours, the wait for its departure among them)``
        for :func:`planner.search.routes.price_legs`."""
        if self.ride is None or self.legs is None:
            return None
        covered = range(self.legs[0], self.legs[1] + 1)
        return self.ride.service_id, covered, self.segment_hours, self.ride_wait


class Timetable:
    """The services of a network, matched against routes; ``lines``: per main haul, the
    services as the searches ride them (:mod:`planner.search.rides`).

    Parameters
    ----------
    services
        The services table (:func:`corridors.services.load_services`).
    graph
        The multimodal graph (which edges are handling).
    current_since
        Per mode, the month (``YYYYMM``) before which a service last seen running is stale:
        said so, and ranked after the current ones (a mode not named: never stale).
    waits
        Per service mode, the hours a service whose frequency is not published is waited for
        (:func:`unpublished_waits`); else the wait of the corridor it is boarded on.
    """

    def __init__(
        self,
        services: pd.DataFrame,
        graph: MultimodalGraph,
        current_since: Mapping[str, int] | None = None,
        waits: Mapping[str, float] | None = None,
    ) -> None:
        self._waits = dict(waits or {})
        self._rows = {row["service_id"]: row for row in services.to_dict("records")}
        since = current_since or {}
        self._stale = {
            sid: row["mode"] in since and _year_month(row["seen"]) < since[row["mode"]]
            for sid, row in self._rows.items()
        }
        # a hub's service no report shows running lately is not ridden: the hub's link is then
        # the model's hub flight, as every hub link no current service is known on (its lane is
        # flown whatever one record's last report says; Shanxi's own services stay, labelled)
        faded = {s for s, row in self._rows.items() if self._stale[s] and row["scope"] == "hub"}
        ridden = services[~services["service_id"].isin(faded)] if len(services) else services
        self.lines = lines_of(ridden, graph)
        self._from: dict[tuple[Haul, str], list[Line]] = {}
        self._to: dict[str, list[Line]] = {}
        for haul, lines in self.lines.items():
            for line in lines:
                self._from.setdefault((haul, line.stops[0]), []).append(line)
                for place in line.reaches:
                    self._to.setdefault(place, []).append(line)
        kinds = graph.edges["kind"].to_numpy()
        self._handling = (kinds == EDGE_BOARD) | (kinds == EDGE_ALIGHT)
        self._board = kinds == EDGE_BOARD
        self._graph = graph
        self._hubs: dict[float, HubReach] = {}
        self._moves = (kinds == EDGE_LINK) | (kinds == EDGE_DRAYAGE)

    def __len__(self) -> int:
        return len(self._rows)

    def hubs(self, max_km: float) -> HubReach:
        """The airports and current direct flights, for trucks up to ``max_km`` (made once)."""
        found = self._hubs.get(max_km)
        if found is None:
            found = self._hubs[max_km] = HubReach.of(self._graph, self._stale_hops(), max_km)
        return found

    def _stale_hops(self) -> set[tuple[str, str]]:
        """Airport pairs (both ways) that only stale services fly."""
        flown: dict[bool, set[frozenset[str]]] = {True: set(), False: set()}
        for line in self.lines.get(Haul.AIR, ()):
            hops = [*zip(line.stops[:-1], line.stops[1:], strict=True),
                    *((line.stops[-1], e) for e in line.ends)]
            flown[self._stale[line.service_id]].update(frozenset(h) for h in hops)
        only = flown[True] - flown[False]
        return {(a, b) for pair in only if len(pair) == 2 for a in pair for b in pair if a != b}

    def lines_to(self, places: Iterable[str]) -> list[Line]:
        """The lines a route to any of ``places`` may ride (in the order of ``lines``)."""
        found = {line.service_id for place in places for line in self._to.get(place, ())}
        return [line for lines in self.lines.values() for line in lines if line.service_id in found]

    def time(self, shape: Shape, priced: EdgeCosts) -> Timing:
        """The hours of a route for a cargo class's edge hours, its main haul on a service
        where one is known."""
        eids = shape.eids
        picked = priced.hours[list(eids)].tolist()
        hours = math.fsum(picked)  # as path_total sums
        low, high = path_total(priced.hours_min, eids), path_total(priced.hours_max, eids)
        segment = _main_haul(shape)
        found = self._service(shape, segment) if segment is not None else None
        if found is not None and shape.haul is not Haul.SEA:
            wait, main, before = 0.0, 0.0, 0.0  # the service's own figures, below
        else:
            wait, main, before = self._main_span(shape, priced, picked)
        if found is None:
            return Timing(hours, low, high, wait_hours=wait, main_hours=main, before_hours=before)
        row, (first, last) = found
        seg = list(eids[shape.bounds[first] : shape.bounds[last + 1]])
        if shape.haul is not Haul.SEA:  # to the service's terminal, and boarded
            boarding = priced.hours[seg][self._board[seg]][:1].sum()
            before = math.fsum(picked[: shape.bounds[first]]) + float(boarding)
        h = path_total(priced.hours, seg)
        h_lo, h_hi = path_total(priced.hours_min, seg), path_total(priced.hours_max, seg)
        waits = priced.wait_hours[seg]
        seg_wait = float(waits.sum())  # the model's, in the segment (not the route's wait)
        departure = float(waits[waits > 0][0]) if (waits > 0).any() else 0.0
        handling = float(priced.hours[seg][self._handling[seg]].sum())
        spread_lo, spread_hi = h - h_lo - seg_wait, h_hi - h - seg_wait  # border dwells, ferries
        # a published transit runs from the departure: border dwells and a ferry's wait in it
        running = h - departure - handling
        per_week = row["per_week"]
        # frequency not published: the estimate for the service's own mode (a China–Europe
        # train boarded on a rail–sea line's track still runs as often as China–Europe trains)
        unpublished = self._waits.get(row["mode"], departure)
        wait_s = HOURS_PER_WEEK / (2 * per_week) if per_week > 0 else unpublished
        days = {k: row[f"days_{k}"] * HOURS_PER_DAY for k in ("min", "typical", "max")}
        typical = days["typical"]
        if math.isnan(typical):  # only a bound, or nothing: the model's running time within it
            typical = min(max(running, _or(days["min"], -math.inf)), _or(days["max"], math.inf))
        low_run = _or(days["min"], typical - spread_lo)
        high_run = _or(days["max"], typical + spread_hi)
        seg_typical = handling + wait_s + typical
        seg_low = handling + min(low_run, typical)
        seg_high = handling + 2 * wait_s + max(high_run, typical)
        ride = Ride(
            row["service_id"],
            Name(row["name_en"], row["name_zh"]),
            float(per_week),
            row["seen"],
            row["source"],
            self._stale[row["service_id"]],
        )
        if shape.haul is not Haul.SEA:  # the service is the main haul: its figures
            wait, main = wait_s, typical
        else:  # the train to the port runs before the sailing: its own hours, not the model's
            before += seg_typical - h
        return Timing(
            hours - h + seg_typical,
            low - h_lo + seg_low,
            high - h_hi + seg_high,
            ride,
            (first, last),
            seg_typical,
            wait,
            main,
            wait_s,
            before,
        )

    def _main_span(
        self, shape: Shape, priced: EdgeCosts, picked: list[float]
    ) -> tuple[float, float, float]:
        """The model's wait for the main haul's departure, its hours from that departure to
        its arrival (:func:`main_legs`; border dwells, stops and the waits of changes on the
        way included, the handling before and after it not) and the hours before its wait."""
        span = main_legs(shape)
        if span is None:
            return 0.0, 0.0, 0.0
        eids, bounds = shape.eids, shape.bounds
        last = len(bounds) - 2

        def move(leg: int) -> int:  # where in the path the leg's own link runs
            if leg < last:
                return bounds[leg + 1] - 1
            at = len(eids) - 1
            while not self._moves[eids[at]]:  # the unloading after the last link
                at -= 1
            return at

        start, end = move(span[0]), move(span[1])
        wait = float(priced.wait_hours[eids[start]])
        main = math.fsum(picked[start : end + 1]) - wait
        before = math.fsum(picked[:start])
        # a truck's dispatch is booked, not a departure waited for
        return (0.0 if shape.legs[span[0]].mode is Mode.ROAD else wait), main, before

    def _service(
        self, shape: Shape, segment: tuple[int, int]
    ) -> tuple[dict, tuple[int, int]] | None:
        """The fastest published service that runs the segment's legs from its first stop to
        where it ends through all the stops it names, boarded where the haul begins and run to
        its end (a truck line: any part of a road haul)."""
        first, last = segment
        legs = shape.legs
        stops = [legs[first].from_id, *(leg.to_id for leg in legs[first : last + 1])]
        partial = shape.haul is Haul.ROAD
        best = None
        boarded = stops[:-1] if partial else stops[:1]  # a train or flight: where the haul begins
        for start, origin in enumerate(boarded):
            for line in self._from.get((shape.haul, origin), ()):
                found = _runs(line, stops, start, partial, flown=shape.haul is Haul.AIR)
                if found is not None:
                    row = self._rows[line.service_id]
                    key = _or(row["days_typical"], _or(row["days_min"], math.inf))
                    if best is None or key < best[0]:
                        best = (key, row, (first + start, first + found - 1))
        return None if best is None else (best[1], best[2])

def _runs(
    line: Line, stops: list[str], start: int, partial: bool, *, flown: bool = False
) -> int | None:
    """Where on ``stops`` a line boarded at ``stops[start]`` ends (its index), if it runs them:
    through every stop it names, to the haul's end (a truck line: anywhere). A flight lands
    only where it names (Taiyuan–Almaty non-stop is not Taiyuan–Pudong–Almaty); a train passes
    stations it does not name."""
    ends = [i for i in range(start + 1, len(stops)) if stops[i] in line.ends]
    if not ends or (ends[0] != len(stops) - 1 and not partial):
        return None
    if not all(stop in stops[start : ends[0] + 1] for stop in line.stops[1:]):
        return None
    if flown and stops[start : ends[0]] != list(line.stops):
        return None
    return ends[0]


def _year_month(seen: str) -> int:
    """``YYYYMM`` of a date ``YYYY[-MM[-DD]]`` (a year alone: its December, the latest it may
    mean)."""
    year, _, rest = str(seen).partition("-")
    return int(year) * 100 + (int(rest[:2]) if rest[:2].isdigit() else 12)


def _or(value: float, default: float) -> float:
    """``value`` unless it is NaN (not published)."""
    return default if isinstance(value, float) and math.isnan(value) else value


def main_legs(shape: Shape) -> tuple[int, int] | None:
    """The legs (first, last) of a route's main haul as forwarders publish its time: the
    flights of an air haul, the trains of a rail haul (a ferry between them included), the
    sailing of a sea haul (port to port; the rail–sea train before it is the way to the port),
    the trucks on the network's roads of a road haul (not the drayage or a place's own truck)."""
    legs, haul = shape.legs, shape.haul
    if haul is Haul.RAIL:
        chosen = [i for i, leg in enumerate(legs) if leg.mode is Mode.RAIL or leg.ferry]
    elif haul is Haul.AIR:
        chosen = [i for i, leg in enumerate(legs) if leg.mode is Mode.AIR]
    elif haul is Haul.SEA:
        chosen = [i for i, leg in enumerate(legs) if leg.mode is Mode.SEA and not leg.ferry]
    else:
        chosen = [i for i, leg in enumerate(legs) if leg.link_id is not None]
        chosen = chosen or list(range(len(legs)))
    return (chosen[0], chosen[-1]) if chosen else None


def _main_haul(shape: Shape) -> tuple[int, int] | None:
    """The legs (first, last) a service of the route's haul would cover: the trains of a rail
    haul (a ferry between them included), the flights of an air haul, the rail–sea train of a
    sea haul (its sailing has no timetable here), the trucks of a road haul."""
    legs = shape.legs
    if shape.haul is Haul.RAIL:
        chosen = [i for i, leg in enumerate(legs) if leg.mode is Mode.RAIL or leg.ferry]
    elif shape.haul is Haul.AIR:
        chosen = [i for i, leg in enumerate(legs) if leg.mode is Mode.AIR]
    elif shape.haul is Haul.SEA:
        sail = next(i for i, leg in enumerate(legs) if leg.mode is Mode.SEA)
        chosen = [i for i, leg in enumerate(legs[:sail]) if leg.mode is Mode.RAIL]
    else:
        chosen = list(range(len(legs)))
    if not chosen:
        return None
    return chosen[0], chosen[-1]


#: A service's mode (``services.csv``) as the mode and corridor kind its estimated wait is of.
_BOARDED_AS = {
    "rail": (Mode.RAIL, "land"),
    "rail_ferry": (Mode.RAIL, "land"),
    "rail_sea": (Mode.RAIL, "rail_sea"),
    "air": (Mode.AIR, ""),
    "road": (Mode.ROAD, ""),
}


def unpublished_waits(params: Parameters) -> dict[str, float]:
    """Per service mode, the expected hours waited for a service whose frequency is not
    published: the parameter table's estimated frequency of that kind of service."""
    return {
        mode: expected_wait_hours(boarded, kind, params)
        for mode, (boarded, kind) in _BOARDED_AS.items()
    }
