"""The HTTP API (planner/http/): every address answers what the command line answers, on the
mini network; bad input as the command line says it (400/404/422, the field named, in the
request's language); the limits (413, 429, 503); never a traceback or a server's path."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
import warnings

import pytest
from cli_kit import CLI_DATA, MINI

from planner.cli import main as cli
from planner.cli import serve
from planner.http import work
from planner.http.app import create_app
from planner.http.errors import scrubbed
from planner.http.language import request_lang
from planner.http.limits import ENV, Limits
from planner.http.stream import ByteStream

with warnings.catch_warnings():  # starlette asks for httpx2; the brief's client is httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROUTE = "/v1/route?from=Taiyuan&to=Moscow"
CLI_PREFIX = {"en": "python -m planner: error: ", "zh": "python -m planner: 错误："}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(str(MINI))) as made:  # the lifespan warms the planner
        yield made


def _client(**limits) -> TestClient:
    """A client of an app with ``limits`` (no warm-up: the first request loads the network)."""
    return TestClient(create_app(str(MINI), Limits(**limits)))


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(MINI), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _cli_line(capsys, lang: str, *argv: str) -> str:
    """The command line's one-line refusal of ``argv``, without its prefix."""
    code, _, err = _cli(capsys, "--lang", lang, *argv)
    assert code != 0 and err.count("\n") == 1, err
    return err.strip().removeprefix(CLI_PREFIX[lang])


def _refused(response, status: int, field: str | None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["field"] == field
    message = body["error"]
    assert "\n" not in message and "Traceback" not in message and "/tmp" not in message
    return message


# --- the answers are the command line's -----------------------------------------------------


def test_health_says_ready_with_the_network_and_limits(client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["network"]["nodes"] > 0
    assert body["limits"] == Limits().to_dict()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_route_is_the_commands_json(client, capsys, lang) -> None:
    argv = ("route", "--from", "Taiyuan", "--to", "Moscow", "--weight-t", "18", "--lang", lang)
    code, out, _ = _cli(capsys, *argv, "--format", "json")
    assert code == 0
    got = client.get(f"{ROUTE}&weight_t=18&lang={lang}")
    assert got.status_code == 200
    assert got.json() == json.loads(out)
    posted = client.post(f"/v1/route?lang={lang}", json={"from": "Taiyuan", "to": "Moscow",
                                                          "weight_t": 18})  # fmt: skip
    assert posted.json() == json.loads(out)


def test_the_language_follows_lang_then_accept_language(client) -> None:
    unknown = "/v1/route?from=Taiyuan&to=Mosco"
    chinese = client.get(unknown, headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert "未知地点" in chinese.json()["error"]
    english = client.get(unknown + "&lang=en", headers={"Accept-Language": "zh-CN"})
    assert "unknown place" in english.json()["error"]
    assert "unknown place" in client.get(unknown).json()["error"]  # no header: English


@pytest.mark.parametrize(
    ("lang", "argv", "status"),
    [
        ("en", ("--weight-t", "-1"), 400),
        ("zh", ("--weight-t", "ten"), 400),
        ("en", ("--volume-m3", "1e9"), 400),
        ("en", ("--cargo", "plutonium"), 400),
        ("zh", ("--priority", "soonest"), 400),
        ("en", ("--alternatives", "0"), 400),
        ("en", ("--avoid", "atlantis"), 404),  # an unknown id is an unknown place
        ("en", ("--modes", "boat"), 400),
        ("en", ("--ready", "tomorrow"), 400),
    ],
)
def test_a_bad_value_is_the_commands_line_naming_the_field(client, capsys, lang, argv, status):
    option, value = argv
    expected = _cli_line(capsys, lang, "route", "--from", "Taiyuan", "--to", "Moscow", *argv)
    field = option.lstrip("-").replace("-", "_")
    asked = {"from": "Taiyuan", "to": "Moscow", field: value, "lang": lang}
    response = client.get("/v1/route", params=asked)
    assert _refused(response, status, field) == expected.replace(option, field, 1)


def test_an_unknown_place_is_404_with_the_closest_names(client, capsys) -> None:
    expected = _cli_line(capsys, "en", "route", "--from", "Taiyuan", "--to", "Mosco")
    response = client.get("/v1/route?from=Taiyuan&to=Mosco")
    assert _refused(response, 404, "to") == expected.replace("--to", "to", 1)
    assert response.json()["closest"][0] == "Moscow"
    assert client.post("/v1/route", json={"from": "Atlantis", "to": "Moscow"}).status_code == 404


def test_no_route_is_422_as_the_command_says_it(client, capsys) -> None:
    expected = _cli_line(capsys, "en", "route", "--from", "Datong", "--to", "Moscow")
    response = client.get("/v1/route?from=Datong&to=Moscow")
    assert _refused(response, 422, None) == expected


@pytest.mark.parametrize(
    ("request_", "field", "words"),
    [
        (("get", "/v1/route?from=Taiyuan", None), "to", "a value is needed"),
        (("get", ROUTE + "&colour=red", None), "colour", "no such field"),
        (("get", ROUTE + "&sea_route=arctic", None), "sea_route", "is not one of"),
        (("get", ROUTE + "&lang=fr", None), "lang", "is not one of"),
        (("post", "/v1/route", {"from": "Taiyuan"}), "to", "a value is needed"),
        (("post", "/v1/route", {"from": "Taiyuan", "to": "Moscow", "weigth_t": 3}), "weigth_t",
         "no such field"),
        (("post", "/v1/route", ["Taiyuan", "Moscow"]), None, "not the JSON object"),
        (("post", "/v1/scenario", {"close": []}), "close", "not a valid value"),
        (("get", "/v1/map.png?view=moon", None), "view", "is not one of"),
    ],
)  # fmt: skip
def test_a_missing_or_malformed_field_is_422_named(client, request_, field, words) -> None:
    method, url, body = request_
    response = client.request(method, url, json=body)
    assert words in _refused(response, 422, field)


def test_unknown_addresses_and_methods_are_one_line(client) -> None:
    assert "no such address" in _refused(client.get("/v2/route"), 404, None)
    assert "not allowed" in _refused(client.delete("/v1/route"), 405, None)


def test_an_internal_error_is_500_without_traceback_or_path(client, monkeypatch, caplog):
    def broken(*_args):
        raise RuntimeError("/srv/secret/planner/core/x.py: boom")

    monkeypatch.setattr(work, "route", broken)
    response = client.get(ROUTE)
    message = _refused(response, 500, None)
    assert "RuntimeError" in message and "secret" not in message and "boom" not in message
    assert "boom" in caplog.text  # the server's log has it


def test_paths_are_cut_to_their_file() -> None:
    assert scrubbed("cannot read /tmp/shanxi-api-x/book.csv: no") == "cannot read book.csv: no"
    assert scrubbed("weight_t must be at most 100,000, got '1e9'") == (
        "weight_t must be at most 100,000, got '1e9'"
    )


def test_places_and_corridors_are_the_commands_json(client, capsys) -> None:
    for url, argv in (
        ("/v1/places", ("places",)),
        ("/v1/places?search=Tai&country=CN", ("places", "--search", "Tai", "--country", "CN")),
        ("/v1/corridors", ("corridors",)),
    ):
        code, out, _ = _cli(capsys, *argv, "--format", "json")
        assert code == 0
        response = client.get(url)
        assert response.status_code == 200 and response.json() == json.loads(out), url
    assert client.get("/v1/places?search=Tai").json()[0]["id"] == "taiyuan"


def test_scenario_is_the_commands_report(client, capsys) -> None:
    code, out, _ = _cli(capsys, "scenario", "--close", "erenhot", "--lang", "zh",
                        "--format", "json")  # fmt: skip
    assert code == 0
    response = client.post("/v1/scenario?lang=zh", json={"close": ["erenhot"]})
    assert response.status_code == 200 and response.json() == json.loads(out)
    expected = _cli_line(capsys, "en", "scenario", "--close", "atlantis")
    refused = client.post("/v1/scenario", json={"close": ["atlantis"]})
    assert _refused(refused, 404, "close") == expected.replace("--close", "close", 1)


def test_the_map_is_drawn_as_png_and_pdf(client) -> None:
    png = client.get("/v1/map.png?view=shanxi")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    pdf = client.get("/v1/map.pdf?view=shanxi&close=erenhot&lang=zh")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "atlantis" in _refused(client.get("/v1/map.png?close=atlantis"), 404, "close")


# --- the batch --------------------------------------------------------------------------------


def _upload(name: str = "shipments.csv", data: bytes | None = None) -> dict:
    data = (CLI_DATA / "shipments.csv").read_bytes() if data is None else data
    return {"file": (name, data)}


def test_batch_streams_the_commands_file(client, capsys, tmp_path) -> None:
    target = tmp_path / "routes.csv"
    code, _, err = _cli(capsys, "batch", str(CLI_DATA / "shipments.csv"), "-o", str(target))
    assert code == 0, err
    response = client.post("/v1/batch", files=_upload())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content == target.read_bytes()


def test_batch_as_a_workbook(client) -> None:
    from openpyxl import load_workbook

    response = client.post("/v1/batch?format=xlsx&lang=zh", files=_upload())
    assert response.status_code == 200 and response.content.startswith(b"PK")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    shipped = list(csv.reader(io.StringIO((CLI_DATA / "shipments.csv").read_text("utf-8"))))
    assert len(rows) == len(shipped) and "状态" in rows[0]


def test_a_file_that_is_no_table_is_the_commands_line(client, capsys, tmp_path) -> None:
    picture = b"\x89PNG\r\n\x1a\n" + bytes(64)
    path = tmp_path / "photo.png"
    path.write_bytes(picture)
    expected = _cli_line(capsys, "en", "batch", str(path))
    response = client.post("/v1/batch", files=_upload("photo.png", picture))
    assert _refused(response, 400, "file") == scrubbed(expected)
    assert "a value is needed" in _refused(client.post("/v1/batch"), 422, "file")


# --- the limits ------------------------------------------------------------------------------


def test_too_many_rows_is_413() -> None:
    response = _client(max_rows=3).post("/v1/batch", files=_upload())
    assert "more than the 3" in _refused(response, 413, None)


def test_a_body_over_the_limit_is_413_stated_or_counted() -> None:
    small = _client(max_upload_mb=0.001)  # 1 kB and the multipart slack
    big = b"shipment_id,origin,destination\n" + b"A,Taiyuan,Moscow\n" * 20_000
    assert "larger than" in _refused(small.post("/v1/batch", files=_upload(data=big)), 413, None)

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(200):
            yield b"x" * 4096

    counted = small.post("/v1/route", content=chunks(), headers={"Accept-Language": "zh"})
    assert "MB" in _refused(counted, 413, None) and "上传" in counted.json()["error"]


def test_batches_beyond_the_running_and_waiting_are_429() -> None:
    client = _client(max_batches=1, batch_queue=0)
    runner = client.app.state.runner
    runner.reserve_batch()  # one batch planned
    try:
        response = client.post("/v1/batch", files=_upload())
        assert "batches" in _refused(response, 429, None)
        assert response.headers["retry-after"]
    finally:
        runner.batching.leave()
    assert client.post("/v1/batch", files=_upload()).status_code == 200


def test_requests_beyond_those_in_hand_are_503() -> None:
    client = _client(max_pending=1)
    runner = client.app.state.runner
    assert runner.pending.enter()
    try:
        assert "requests in hand" in _refused(client.get(ROUTE), 503, None)
    finally:
        runner.pending.leave()
    assert client.get(ROUTE).status_code == 200


def test_a_request_slower_than_the_limit_is_503_and_its_place_kept(monkeypatch) -> None:
    client = _client(request_seconds=0.2)
    monkeypatch.setattr(work, "route", lambda *_: time.sleep(0.6))
    response = client.get(ROUTE)
    assert "longer than 0.2 s" in _refused(response, 503, None)
    assert client.app.state.runner.pending.inside == 1  # its work still runs
    time.sleep(0.6)
    assert client.app.state.runner.pending.inside == 0


def test_limits_from_the_environment() -> None:
    environ = {ENV["max_rows"]: "200", ENV["request_seconds"]: "2.5", ENV["batch_queue"]: "0"}
    limits = Limits.from_env(environ)
    assert (limits.max_rows, limits.request_seconds, limits.batch_queue) == (200, 2.5, 0)
    with pytest.raises(ValueError, match="SHANXI_API_MAX_ROWS"):
        Limits.from_env({ENV["max_rows"]: "many"})
    with pytest.raises(ValueError, match="SHANXI_API_THREADS"):
        Limits.from_env({ENV["threads"]: "0"})


def test_a_stream_whose_client_left_stops_its_writer() -> None:
    async def scenario() -> None:
        stream = ByteStream(asyncio.get_running_loop(), stall_seconds=5)
        blocks = stream.blocks()
        stream.write(b"first")
        assert await anext(blocks) == b"first"
        await blocks.aclose()  # the client went away
        with pytest.raises(BrokenPipeError):
            stream.write(b"more")

    asyncio.run(scenario())


# --- the rest --------------------------------------------------------------------------------


def test_request_language() -> None:
    assert request_lang(None, None) == "en"
    assert request_lang(None, "zh-TW") == "zh"
    assert request_lang(None, "fr, en;q=0.4, zh;q=0.6") == "zh"
    assert request_lang(None, "zh;q=0, en") == "en"
    assert request_lang("zh", "en") == "zh"
    assert request_lang("fr", "zh") == "zh"


def test_the_openapi_document_names_every_address_with_examples(client) -> None:
    document = client.get("/openapi.json").json()
    paths = set(document["paths"])
    assert {"/v1/route", "/v1/batch", "/v1/places", "/v1/corridors", "/v1/scenario",
            "/v1/map.png", "/v1/map.pdf", "/health"} <= paths  # fmt: skip
    schemas = document["components"]["schemas"]
    assert schemas["RouteRequest"]["examples"][0] == {"from": "Taiyuan", "to": "Moscow"}
    assert schemas["ScenarioRequest"]["examples"]


def test_serve_starts_uvicorn_on_the_factory(capsys, monkeypatch, tmp_path) -> None:
    import uvicorn

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    monkeypatch.delenv(serve.DATA_DIR_ENV, raising=False)
    code = cli.main(["serve", "--data-dir", str(tmp_path), "--port", "8601", "--workers", "2"])
    assert code == 0
    assert started["app"] == serve.APP and started["factory"] is True
    assert (started["host"], started["port"], started["workers"]) == ("127.0.0.1", 8601, 2)
    import os

    assert os.environ.pop(serve.DATA_DIR_ENV) == str(tmp_path.resolve())
    code, _, err = _cli(capsys, "serve", "--workers", "0")
    assert code == 2 and "--workers" in err


def test_answering_holds_no_memory(client) -> None:
    """The work of 300 route answers, after a warm-up, keeps no Python memory (the load test
    measures the server's whole memory, `make bench`)."""
    import gc
    import tracemalloc

    asked = [{"origin": "Taiyuan", "destination": place, "weight_t": weight}
             for place in ("Moscow", "Rotterdam") for weight in ("5", "18", "24")]  # fmt: skip
    rounds = lambda count: [json.dumps(work.route(str(MINI), "en", a)) for a in asked * count]  # noqa: E731
    rounds(3)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        rounds(50)
        gc.collect()
        grown = sum(d.size_diff for d in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    assert grown < 64 * 1024, grown
