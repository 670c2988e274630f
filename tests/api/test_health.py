"""GET /api/health: answered before routing, from memory, in the same shape as documented."""

from innosearch import __version__
from tests.api.test_app import assert_error_shape, client  # noqa: F401 (fixture)


def test_health_answers_from_memory_with_the_snapshot_figures(client):  # noqa: F811
    answer = client.get("/api/health")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body == {
        "status": "ok",
        "version": __version__,
        "documents": 3,
        "generation": body["generation"],
        "model": "hashing",
        "mail": False,  # no INNOSEARCH_SMTP_HOST: the follow form offers no address field
    }
    assert isinstance(body["generation"], int)


def test_health_by_head_has_no_body_and_other_methods_reach_the_router(client):  # noqa: F811
    head = client.head("/api/health")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(client.get("/api/health").content)
    assert_error_shape(client.post("/api/health"), 405, "method_not_allowed")
    assert "/api/health" in client.get("/openapi.json").json()["paths"]
