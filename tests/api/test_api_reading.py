"""The HTTP API as a developer integrating it reads it: real HTTP on 127.0.0.1, the OpenAPI
description, the status codes and headers HTTP asks for, and Danish errors in the one shape."""

from pathlib import Path

import httpx
import pytest

from innosearch.config import Settings
from tests.api.conftest import ingested
from tests.api.test_app import assert_error_shape

TOKEN = "hemmelig"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"api_token": TOKEN})


@pytest.fixture
def home(settings, embedder, case_folder) -> Path:
    return ingested(settings, embedder, case_folder)


@pytest.fixture
def api(base_url) -> httpx.Client:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


def _follow(api: httpx.Client, **fields: object) -> httpx.Response:
    return api.post("/api/saved", json={"query": "skybrud og oversvømmede kældre", **fields})


# ----------------------------------------------------------------------------- methods


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/search", {"GET", "HEAD"}),
        ("OPTIONS", "/api/saved", {"POST"}),
        ("POST", "/api/stats", {"GET", "HEAD"}),
    ],
)
def test_a_method_not_allowed_says_which_are_in_allow(api, method, path, allowed):
    response = api.request(method, path)
    assert_error_shape(response, 405, "method_not_allowed")
    assert set(response.headers["allow"].split(", ")) == allowed


@pytest.mark.parametrize(
    "path", ["/api/search?q=sk%C3%A6rm", "/api/stats", "/api/taxonomy", "/api/effects"]
)
def test_head_answers_wherever_get_does_with_its_headers_and_no_body(api, path):
    get = api.get(path)
    head = api.head(path)
    assert (head.status_code, get.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == get.headers["content-length"]


def test_head_on_a_feed_answers_as_a_feed_reader_expects(api):
    feed = _follow(api).json()["links"]["feed"]
    head = api.head(feed)
    assert head.status_code == 200
    assert head.headers["content-type"] == "application/atom+xml; charset=utf-8"


def test_head_on_an_unknown_case_is_404(api):
    assert api.head("/api/documents/findes-ikke").status_code == 404


# ----------------------------------------------------------------------------- the token


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/api/ingest"), ("DELETE", "/api/documents/x")]
)
def test_a_401_says_how_to_authenticate(api, method, path):
    response = api.request(method, path, headers={"Authorization": "Bearer forkert"})
    assert_error_shape(response, 401, "unauthorized")
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_the_token_is_a_bearer_security_scheme_in_openapi(api):
    spec = api.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert [scheme["scheme"] for scheme in schemes.values()] == ["bearer"]
    for path, method in (("/api/ingest", "post"), ("/api/documents/{doc_id}", "delete")):
        operation = spec["paths"][path][method]
        assert operation["security"] == [{name: []} for name in schemes]
        # Not also a header parameter that Swagger UI would ask for beside "Authorize".
        assert "authorization" not in {p["name"] for p in operation.get("parameters", [])}


def test_the_right_token_still_deletes(api):
    doc_id = api.get("/api/search", params={"q": "skybrud"}).json()["results"][0]["id"]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert api.delete(f"/api/documents/{doc_id}", headers=headers).status_code == 204
    assert_error_shape(api.get(f"/api/documents/{doc_id}"), 404, "not_found")


# ----------------------------------------------------------------------------- saved searches


def test_following_a_challenge_answers_201_with_its_location(api):
    response = _follow(api)
    assert response.status_code == 201
    assert response.headers["location"] == response.json()["links"]["self"]
    assert api.get(response.headers["location"]).status_code == 200


def test_a_misspelt_filter_is_refused_not_silently_dropped(api):
    error = assert_error_shape(_follow(api, sektor=["aeldre"]), 422, "invalid_request")
    assert error["message"] == "Feltet 'sektor' kendes ikke her (se felterne under /docs)."
    assert error["details"][0]["field"] == "sektor"


def test_a_body_sent_as_a_form_says_to_send_json(api):
    # What `curl -d '{...}'` sends without -H 'Content-Type: application/json'.
    response = api.post(
        "/api/saved",
        content=b'{"query": "skybrud"}',
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    error = assert_error_shape(response, 422, "invalid_request")
    assert "Content-Type: application/json" in error["message"]


def test_a_single_sector_instead_of_a_list_says_so(api):
    error = assert_error_shape(_follow(api, sector="aeldre"), 422, "invalid_request")
    assert error["message"] == 'Sektor (sector) skal være en liste, fx ["aeldre"].'


def test_an_unknown_field_when_marking_as_seen_is_refused(api):
    saved = _follow(api).json()["links"]["self"]
    until = "2026-01-01T00:00:00+00:00"
    response = api.post(f"{saved}/seen", json={"until": until, "seen_by": "ane"})
    assert_error_shape(response, 422, "invalid_request")


# ----------------------------------------------------------------------------- OpenAPI


def _operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [
        (path, method, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]


def test_every_operation_and_parameter_is_described_in_danish(api):
    spec = api.get("/openapi.json").json()
    for path, method, operation in _operations(spec):
        where = (path, method)
        # FastAPI's defaults are the English function name and "Successful Response".
        assert operation["summary"] != operation["operationId"].split("_")[0].title(), where
        assert operation.get("description"), where
        for status, answer in operation["responses"].items():
            assert answer["description"] != "Successful Response", (where, status)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (where, parameter["name"])


def test_a_followed_challenge_404_is_not_described_as_a_missing_case(api):
    spec = api.get("/openapi.json").json()
    for method, operation in spec["paths"]["/api/saved/{saved_id}"].items():
        assert "fulgte udfordring" in operation["responses"]["404"]["description"], method
    # Creating one finds nothing to miss.
    assert "404" not in spec["paths"]["/api/saved"]["post"]["responses"]


def test_health_stats_and_taxonomy_have_their_shape_in_openapi(api):
    spec = api.get("/openapi.json").json()
    for path in ("/api/health", "/api/stats", "/api/taxonomy"):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert schema["schema"].get("additionalProperties") is not True, path
    stats = api.get("/api/stats").json()
    assert set(stats) == set(spec["components"]["schemas"]["StatsResponse"]["properties"])
    health = api.get("/api/health").json()
    assert set(health) == set(spec["components"]["schemas"]["HealthResponse"]["properties"])


# ----------------------------------------------------------------------------- caching


@pytest.mark.parametrize("path", ["/api/search?q=skybrud", "/api/effects?format=csv"])
def test_an_answer_carries_an_etag_and_asked_again_with_it_is_304(api, path):
    first = api.get(path)
    assert first.headers["cache-control"] == "no-cache"  # every ingest may change it
    again = api.get(path, headers={"If-None-Match": f"W/{first.headers['etag']}"})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_a_feed_reader_polling_gets_304_until_the_feed_changes(api):
    feed = _follow(api).json()["links"]["feed"]
    etag = api.get(feed).headers["etag"]
    assert api.get(feed, headers={"If-None-Match": etag}).status_code == 304
    assert api.get(feed, headers={"If-None-Match": '"ein-anderer"'}).status_code == 200


def test_the_etag_changes_when_the_answer_does(api):
    before = api.get("/api/search", params={"q": "skybrud"})
    doc_id = before.json()["results"][0]["id"]
    api.delete(f"/api/documents/{doc_id}", headers={"Authorization": f"Bearer {TOKEN}"})
    after = api.get(
        "/api/search", params={"q": "skybrud"}, headers={"If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200 and doc_id not in after.text


def test_an_error_is_not_given_an_etag(api):
    assert "etag" not in api.get("/api/documents/findes-ikke").headers


# ----------------------------------------------------------------------------- examples


def test_swagger_uis_example_search_answers(api):
    spec = api.get("/openapi.json").json()
    q = next(p for p in spec["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "q")
    for example in q["examples"].values():
        assert api.get("/api/search", params={"q": example["value"]}).status_code == 200


def test_swagger_uis_example_bodies_are_accepted(api):
    spec = api.get("/openapi.json").json()
    follow = spec["paths"]["/api/saved"]["post"]["requestBody"]["content"]["application/json"]
    for example in follow["examples"].values():
        created = api.post("/api/saved", json=example["value"])
        assert created.status_code == 201, created.text
    seen = spec["paths"]["/api/saved/{saved_id}/seen"]["post"]["requestBody"]["content"]
    for example in seen["application/json"]["examples"].values():
        marked = api.post(f"{created.headers['location']}/seen", json=example["value"])
        assert marked.status_code == 204, marked.text


def test_a_body_too_large_to_be_a_followed_challenge_is_refused_and_nothing_kept(api):
    """A 30 MB JSON body was parsed and kept as a followed challenge."""
    huge = {"query": "ældre i eget hjem", "name": "x" * 100_000, "sector": ["aeldre"]}
    refused = api.post("/api/saved", json=huge)
    assert refused.status_code == 413
    error = refused.json()["error"]
    assert error["code"] == "body_too_large" and "64 KB" in error["message"]
    assert _follow(api).status_code == 201  # an ordinary one still passes
