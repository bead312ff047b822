"""Dated departures, dated prices with their band, the exporter's own quotes (issue 21)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from planner import Planner, Query
from planner.io.batch import plan_batch
from planner.io.quotes import read_quotes
from planner.model.errors import InvalidQueryError
from planner.search.dating import departure

MONDAY = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def planner(real_network) -> Planner:
    return Planner(real_network)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("to_terminal", [0.2, 1.6, 3.9])
def test_a_weekly_service_leaves_on_its_weekday_never_before_the_ready_day(to_terminal) -> None:
    seen = []
    for week in range(3):
        for shift in range(7):
            ready = MONDAY + dt.timedelta(days=7 * week + shift)
            gone = departure(ready, to_terminal, 3.5, (2,))  # Wednesdays only
            assert gone.day.weekday() == 2 and gone.day >= ready
            assert gone.day - ready < dt.timedelta(days=to_terminal + 7)
            seen.append(gone.day)
    # a week later, the same weekday a week later
    week = dt.timedelta(days=7)
    assert all(b - a == week for a, b in zip(seen, seen[7:], strict=False))


def test_ready_a_week_apart_the_published_flight_leaves_the_same_weekday(planner) -> None:
    days = []
    for ready in (MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=9)):
        options = planner.plan(Query("Taiyuan", "Almaty", modes="air,road", ready=ready,
                                     alternatives=8))  # fmt: skip
        flown = [o for o in options if o.ride is not None and o.ride.service_id == "SX-TYN-ALA-AIR"]
        assert flown, [o.label for o in options]
        dates = flown[0].dates
        assert dates.basis == "weekdays" and _day(dates.departure) >= ready
        days.append(_day(dates.departure))
    assert days[0].weekday() in (0, 4) and days[1] - days[0] == dt.timedelta(days=7)


@pytest.mark.parametrize(("origin", "destination"), [
    ("Taiyuan", "Almaty"), ("Datong", "Moscow"), ("Changzhi", "Rotterdam"), ("Taiyuan", "Chicago"),
])  # fmt: skip
def test_arrival_less_ready_is_the_transit(planner, origin, destination) -> None:
    ready = dt.date(2026, 12, 14)
    for option in planner.plan(Query(origin, destination, ready=ready)):
        dates = option.dates
        assert dates is not None
        assert dates.basis in ("weekdays", "frequency", "unpublished", "model", "road")
        assert _day(dates.earliest) <= _day(dates.departure) <= _day(dates.latest)
        assert ready <= _day(dates.departure) <= _day(dates.arrival)
        assert abs((_day(dates.arrival) - ready).days - option.transit_days) <= 1.5
        assert option.transit_days_min <= option.transit_days <= option.transit_days_max


def test_a_dated_storm_on_the_caspian_holds_the_ferry(planner) -> None:
    calm = planner.plan(Query("Jinzhong", "Baku", modes="rail,road,sea", ready="2025-03-20"))
    storm = planner.plan(Query("Jinzhong", "Baku", modes="rail,road,sea", ready="2025-02-01"))
    ferry = [o for o in storm if any(leg.from_id == "aktau_port" for leg in o.legs)]
    assert ferry
    assert any("ASCO" in w for w in ferry[0].warnings)
    held = {o.label: o.transit_days for o in calm}
    assert ferry[0].transit_days >= held.get(ferry[0].label, 0.0) + 4.9


@pytest.mark.parametrize("ready", [None, "2024-03-01", "2025-05-20", "2027-01-01"])
def test_every_option_has_its_price_in_its_band(planner, ready) -> None:
    for destination in ("Almaty", "Rotterdam", "Los Angeles", "Moscow"):
        for o in planner.plan(Query("Taiyuan", destination, ready=ready)):
            assert o.cost_usd_min <= o.cost_usd <= o.cost_usd_max
            assert o.price_as_of and o.price_source == "model"
            d = o.to_dict()
            assert d["cost_usd_min"] <= d["cost_usd"] <= d["cost_usd_max"]


def test_the_price_follows_the_series_at_the_ready_day(planner) -> None:
    model = planner.plan(Query("Taiyuan", "Rotterdam", modes="rail,road,sea"))
    dated = planner.plan(Query("Taiyuan", "Rotterdam", modes="rail,road,sea", ready="2025-05-20"))
    sea = {o.label: o for o in model if o.haul.value == "sea"}
    for o in dated:
        if o.haul.value == "sea" and o.label in sea:
            assert o.price_as_of == "2025-05-08"  # the WCI row before the day
            assert o.cost_usd == pytest.approx(sea[o.label].cost_usd * 2046 / 3000)
            return
    pytest.fail("no sea option in both answers")


def _quotes(tmp_path, rows: list[str]) -> str:
    path = tmp_path / "quotes.csv"
    head = "origin,destination,mode,price_usd,unit,valid_from,valid_to,note\n"
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_a_quote_prices_its_lane_exactly_and_is_marked(planner, tmp_path) -> None:
    path = _quotes(tmp_path, ["太原,Almaty,rail,1234.5,FEU,2026-01-01,2026-06-30,forwarder A"])
    day = dt.date(2026, 2, 2)
    quotes, refused = read_quotes(path, planner.places, day)
    assert len(quotes) == 1 and refused == []
    options = planner.plan(Query("Taiyuan", "Almaty", weight_t=10, volume_m3=30, ready=day,
                                 quotes=quotes))  # fmt: skip
    rail = [o for o in options if o.haul.value == "rail"]
    assert rail and all(o.price_source == "quote" for o in rail)
    assert all(o.cost_usd == pytest.approx(1234.5) for o in rail)  # one FEU, no insurance
    assert rail[0].to_dict()["price_note"] == "forwarder A"
    assert any("forwarder A" in w for w in rail[0].warnings)
    assert all(o.price_source == "model" for o in options if o.haul.value != "rail")
    assert options[0].haul.value == "rail" and options[0].rank == 1


def test_a_cheaper_quote_moves_its_option_up(planner, tmp_path) -> None:
    query = Query("Taiyuan", "Almaty", priority="cheapest", ready="2026-02-02")
    before = planner.plan(query)
    air = next(o for o in before if o.haul.value == "air")
    path = _quotes(tmp_path, ["Taiyuan,Almaty,air,10,shipment,2026-01-01,2026-06-30,promo"])
    quotes, _ = read_quotes(path, planner.places, query.ready)
    after = planner.plan(query.replace(quotes=quotes))
    assert air.rank > 1 and after[0].haul.value == "air"
    assert after[0].cost_usd == pytest.approx(10) and after[0].price_source == "quote"


def test_a_quotes_file_in_chinese_reads_as_in_english(planner, tmp_path) -> None:
    """Headers, modes and units in Chinese (the page's help names them): the same quote."""
    header = "起点,目的地,运输方式,价格（美元）,计价单位,有效期起,有效期止,备注"
    day = dt.date(2026, 2, 2)
    chinese = tmp_path / "报价.csv"
    chinese.write_text(f"{header}\n太原,阿拉木图,铁路,1234.5,每40尺箱,2026-01-01,2026-06-30,甲\n",
                       encoding="utf-8")  # fmt: skip
    english = _quotes(tmp_path, ["Taiyuan,Almaty,rail,1234.5,FEU,2026-01-01,2026-06-30,甲"])
    (zh,), refused = read_quotes(chinese, planner.places, day)
    (en,), _ = read_quotes(english, planner.places, day)
    assert refused == [] and zh == en


def test_an_expired_or_broken_quote_is_refused_with_its_row_named(planner, tmp_path) -> None:
    path = _quotes(tmp_path, [
        "Taiyuan,Almaty,rail,1500,FEU,2024-01-01,2024-12-31,old",
        "Taiyuan,Nowhereland,rail,1500,FEU,2026-01-01,2026-12-31,x",
        "Taiyuan,Almaty,boat,1500,FEU,2026-01-01,2026-12-31,x",
        "Taiyuan,Almaty,rail,1500,pallet,2026-01-01,2026-12-31,x",
    ])  # fmt: skip
    quotes, refused = read_quotes(path, planner.places, dt.date(2026, 3, 1))
    assert quotes == ()
    from planner.text.messages import render

    said = [render(m, "en") for m in refused]
    assert [m.params["row"] for m in refused] == [1, 2, 3, 4]
    assert "row 1" in said[0] and "2024-12-31" in said[0] and "not used" in said[0]
    assert "Nowhereland" in said[1] and "boat" in said[2] and "pallet" in said[3]
    assert "第 1 行" in render(refused[0], "zh")


def test_the_cli_names_a_refused_quote_and_prices_with_a_valid_one(tmp_path) -> None:
    import subprocess
    import sys

    path = _quotes(tmp_path, ["Taiyuan,Almaty,rail,999,shipment,2026-01-01,2026-06-30,ok",
                              "Taiyuan,Almaty,air,5,kg,2020-01-01,2020-02-01,old"])  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "planner", "route", "--from", "Taiyuan", "--to", "Almaty",
         "--ready", "2026-02-02", "--rates", path, "--format", "csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "row 2" in done.stderr and "not used" in done.stderr
    frame = pd.read_csv(pd.io.common.StringIO(done.stdout.lstrip("\ufeff")))
    rail = frame[frame["haul"] == "rail"]
    assert (rail["price_source"] == "quote").all() and (rail["cost_usd"] == 999).all()
    assert frame["departure_date"].notna().all() and frame["arrival_date"].notna().all()


def test_a_bad_ready_day_names_its_field() -> None:
    with pytest.raises(InvalidQueryError) as caught:
        Query("Taiyuan", "Almaty", ready="14/12/2026")
    assert caught.value.field == "ready"


def test_a_batch_with_ready_dates_returns_departure_and_arrival(planner, tmp_path) -> None:
    path = tmp_path / "ship.csv"
    path.write_text(
        "shipment_id,origin,destination,ready_date\n"
        "a,Taiyuan,Almaty,2026-01-05\nb,Taiyuan,Almaty,2026-01-12\nc,Datong,Moscow,\n"
        "d,Changzhi,Rotterdam,2026-03-02\n",
        encoding="utf-8",
    )
    frame = plan_batch(str(path), planner=planner)
    assert list(frame["status"]) == ["ok"] * 4
    for _, row in frame.iterrows():
        assert row["cost_usd_min"] <= row["cost_usd"] <= row["cost_usd_max"]
        if row["ready_date"]:
            ready, gone, arrival = (_day(row[c]) for c in ("ready_date", "departure_date",
                                                            "arrival_date"))  # fmt: skip
            assert ready <= gone <= arrival
            assert abs((arrival - ready).days - row["transit_days"]) <= 1.5
        else:
            assert row["departure_date"] == "" and row["arrival_date"] == ""
    a, b = (_day(d) for d in frame["departure_date"][:2])
    assert b - a == dt.timedelta(days=7)


def test_a_bad_ready_date_in_a_batch_is_its_rows_error(planner, tmp_path) -> None:
    """A ready date that is no date is never dropped silently: its row is an error row that
    names the cell, and the rows around it are planned."""
    path = tmp_path / "ship.csv"
    path.write_text(
        "shipment_id,origin,destination,ready_date\n"
        "a,Taiyuan,Almaty,next week\nb,Taiyuan,Almaty,2026-02-30\nc,Taiyuan,Almaty,2026-01-05\n",
        encoding="utf-8",
    )
    frame = plan_batch(str(path), planner=planner)
    assert len(frame) == 3
    assert list(frame["status"]) == ["error", "error", "ok"]
    assert "next week" in frame["error"][0] and "2026-02-30" in frame["error"][1]
    assert frame["departure_date"][2]


@pytest.mark.parametrize("ready", ["2026-12-07", "2026-12-09", "2026-12-12"])
def test_a_dated_range_holds_its_transit_and_its_title_says_it(planner, ready) -> None:
    """A departure on a known weekday shortens the wait, never below none: the shortest transit
    stays positive and within the range, and the title says the dated days (Taiyuan's Monday
    and Friday freighter to Almaty read "-0.5 – 1.3 – 3.0 d" under a title of 3 d)."""
    for option in planner.plan(Query("Taiyuan", "Almaty", ready=ready, alternatives=6)):
        assert 0 < option.transit_days_min <= option.transit_days <= option.transit_days_max
        assert option.title.params["days"] == option.transit_days


def test_a_published_train_of_unpublished_frequency_is_not_called_a_model_train(planner):
    """The Zhongding–Vorsino train is published, its frequency is not: its departure is
    estimated, and the card says so rather than "no service known"."""
    options = planner.plan(Query("Jinzhong", "Moscow", ready="2026-12-14", alternatives=6))
    train = next(o for o in options if o.ride and o.ride.service_id == "SX-ZD-MOW-MZL")
    assert train.dates.basis == "unpublished"
    model = next(o for o in options if o.haul.value == "rail" and o.ride is None)
    assert model.dates.basis == "model"


def _sea_feu(planner: Planner, origin: str, destination: str) -> float:
    """One FEU (10 t, 50 m³) port to port by sea, the model's price without a day."""
    query = Query(origin, destination, weight_t=10, volume_m3=50, modes="sea")
    return planner.plan(query)[0].cost_usd


def test_a_sailing_to_the_americas_pays_that_lane_s_own_rate(planner) -> None:
    """One per-km rate set on Rotterdam priced Ningbo–Los Angeles at 1,462 USD per FEU where the
    WCI Shanghai–Los Angeles averaged 3,484 in 2025: a sailing to the Americas pays
    ``sea.americas_feu_usd_per_km``, set on that mean, which the LA series takes as its
    reference (the level the model's price stands for); the way back keeps the other rate."""
    from planner.model.rates import load_rates

    reference = load_rates(None).series["sea_asia_uswc"].reference
    out = _sea_feu(planner, "ningbo_zhoushan_port", "los_angeles_port")
    assert out == pytest.approx(reference, rel=0.02)
    back = _sea_feu(planner, "los_angeles_port", "ningbo_zhoushan_port")
    rate = planner.params["sea.feu_usd_per_km"] / planner.params["sea.americas_feu_usd_per_km"]
    handling = 2 * planner.params["handling.sea.usd_per_box"]
    assert back - handling == pytest.approx((out - handling) * rate, rel=0.02)
    rotterdam = _sea_feu(planner, "ningbo_zhoushan_port", "rotterdam_port")
    assert rotterdam == pytest.approx(3000, rel=0.02)  # the Asia–Europe anchor, unchanged


def test_the_americas_rate_is_cited_where_it_prices(planner) -> None:
    to_la = planner.plan(Query("ningbo_zhoushan_port", "los_angeles_port", modes="sea"))[0]
    to_rtm = planner.plan(Query("ningbo_zhoushan_port", "rotterdam_port", modes="sea"))[0]
    cited = [
        {r.key for n in o.notes if n.code == "estimated_rates" for r in n.params["params"]}
        for o in (to_la, to_rtm)
    ]
    assert "sea.americas_feu_usd_per_km" in cited[0] and "sea.feu_usd_per_km" not in cited[0]
    assert "sea.feu_usd_per_km" in cited[1] and "sea.americas_feu_usd_per_km" not in cited[1]


@pytest.mark.parametrize(("origin", "service"), [("Lüliang", "SX-WS-NGB-RS"),
                                                 ("Jinzhong", "SX-ZD-NGB-RS")])  # fmt: skip
def test_a_rail_sea_train_s_option_sails_after_it_reaches_the_port(planner, origin, service):
    """A rail–sea option riding a published train: its days to the sailing, the sailing's
    wait and the sailing itself fit in its transit, and it leaves before it arrives. The
    timetable kept the model's train (a land corridor's 102 h wait at Wenshui) for the days
    before the sailing, and the train's waits as the sailing's: Lüliang -> Singapore left
    on 2026-12-21 and arrived on the 23rd, after 15.4 days."""
    options = planner.plan(Query(origin, "Singapore", ready="2026-12-08", alternatives=6))
    rides = [o for o in options if o.ride is not None and o.ride.service_id == service]
    assert rides
    for o in rides:
        assert o.to_departure_days + o.wait_days + o.main_haul_days <= o.transit_days + 0.05
        assert o.wait_days < 1.0  # the sailing's wait (about 17 h), not the train's
        assert _day(o.dates.departure) + dt.timedelta(days=o.main_haul_days) <= _day(
            o.dates.arrival
        ) + dt.timedelta(days=1)
