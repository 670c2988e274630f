import re
import sqlite3
from contextlib import closing

import pytest
from fastapi.testclient import TestClient

from innosearch.api.app import create_app
from innosearch.errors import HomeReadOnly
from innosearch.ingest.pipeline import Ingestor
from innosearch.taxonomy import SECTORS

# Each key with the label a reader knows it by.
SECTOR_KEYS = ", ".join(f"{key} ({name})" for key, name in SECTORS.items()) + "."
UNKNOWN_SECTOR = "Ukendt sektor 'rumfart' (sector). Mulige værdier: " + SECTOR_KEYS


@pytest.fixture
def client(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    with TestClient(create_app(settings, embedder)) as test_client:
        yield test_client


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_search_returns_ranked_documents_with_snippets_and_facets(client):
    response = client.get("/api/search", params={"q": "skybrud og oversvømmede kældre"})
    assert response.status_code == 200
    body = response.json()
    top = body["results"][0]
    assert top["source"] == "klima-skybrud.json"
    assert top["organisation"] == "Region Vestkyst"
    assert top["labels"]["sector"] == "Klima og miljø"
    marked = [top["snippet"]["text"][s:e].lower() for s, e in top["snippet"]["marks"]]
    assert any(word.startswith("skybrud") for word in marked)
    sectors = {f["value"]: f["count"] for f in body["facets"]["sector"]}
    assert sum(sectors.values()) == body["total"]
    # The asker named no sector: it is taken from the top results. No other sector's case is about
    # cloudbursts, so the inspiration panel stays empty rather than padded with unrelated cases.
    assert body["own_sector"] == "klima_miljoe"
    assert body["own_sector_label"] == "Klima og miljø"
    assert body["own_sector_basis"] == "results"
    assert re.search(
        r"antaget Klima og miljø: (det bedste resultat|\d af de \d bedste resultater) er derfra",
        body["own_sector_reason"],
    )
    assert body["inspiration"] == []


def test_a_named_or_filtered_sector_is_not_called_assumed(client):
    named = client.get("/api/search", params={"q": "ældre", "own_sector": "aeldre"}).json()
    assert (named["own_sector"], named["own_sector_basis"]) == ("aeldre", "named")
    filtered = client.get("/api/search", params={"q": "ældre", "sector": "aeldre"}).json()
    assert filtered["own_sector_basis"] == "filter"
    assert "antaget" not in filtered["own_sector_reason"]
    assert (named["limits"], filtered["limits"]) == ([], ["Sektor: Ældre"])


def test_filters_narrow_the_results_and_the_facets(client):
    response = client.get("/api/search", params={"q": "borgere", "sector": "skole"})
    body = response.json()
    assert [r["source"] for r in body["results"]] == ["skole-laesning.json"]
    assert body["facets"]["sector"] == [
        {"value": "skole", "label": "Skole og uddannelse", "count": 1}
    ]
    years = client.get("/api/search", params={"q": "borgere", "year_from": 2020}).json()
    assert {r["year"] for r in years["results"]} == {2021, 2023}


def test_a_corrected_spelling_is_said_and_can_be_declined(client):
    corrected = client.get("/api/search", params={"q": "aeldre borgere"}).json()
    assert (corrected["query"], corrected["corrected_from"]) == ("ældre borgere", "aeldre borgere")
    typed = client.get("/api/search", params={"q": "aeldre borgere", "as_typed": True}).json()
    assert (typed["query"], typed["corrected_from"]) == ("aeldre borgere", None)
    known = client.get("/api/search", params={"q": "ældre borgere"}).json()
    assert known["corrected_from"] is None


def test_a_question_without_content_words_answers_nothing_and_says_why(client):
    body = client.get("/api/search", params={"q": "Hvordan gør andre?"}).json()
    assert (body["total"], body["results"], body["inspiration"]) == (0, [], [])
    assert body["notice"]["code"] == "no_content_words"
    assert "»Hvordan gør andre?« siger ikke" in body["notice"]["message"]
    refused = client.post("/api/saved", json={"query": "Hvordan gør andre?"})
    assert "siger ikke" in assert_error_shape(refused, 422, "invalid_query")["message"]


def test_a_question_no_case_uses_a_word_of_says_the_results_are_only_near(client):
    body = client.get("/api/search", params={"q": "espresso"}).json()
    assert body["results"] and body["notice"]["code"] == "words_not_found"
    assert client.get("/api/search", params={"q": "ældre"}).json()["notice"] is None
    spec = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(spec["NoticeOut"]["properties"]) == {"code", "message"}


def test_paging(client):
    first = client.get("/api/search", params={"q": "borgere", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "borgere", "limit": 2, "offset": 2}).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    ids = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(ids) == 3 == first["total"]


WRITE_A_QUESTION = "Skriv en søgning: beskriv jeres udfordring med et par ord."


@pytest.mark.parametrize(
    ("path", "params", "code", "message"),
    [
        # Caught by FastAPI's parameter validation ...
        ("/api/search", {}, "invalid_request", "Søgningen (q) mangler."),
        (
            "/api/search",
            {"q": "x" * 1001},
            "invalid_request",
            "Søgningen (q) er for lang (højst 1000 tegn).",
        ),
        (
            "/api/search",
            {"q": "ældre", "limit": 0},
            "invalid_request",
            "Antal resultater (limit) skal være mindst 1.",
        ),
        (
            "/api/search",
            {"q": "ældre", "limit": 101},
            "invalid_request",
            "Antal resultater (limit) må højst være 100.",
        ),
        (
            "/api/search",
            {"q": "ældre", "min_level": 9},
            "invalid_request",
            "Evidensniveau (min_level) må højst være 4.",
        ),
        (
            "/api/effects",
            {"year_from": "snart"},
            "invalid_request",
            "År fra (year_from) skal være et helt tal.",
        ),
        (
            "/api/documents/x/related",
            {"limit": 0},
            "invalid_request",
            "Antal resultater (limit) skal være mindst 1.",
        ),
        (
            "/api/documents/x/related",
            {"other_sectors": "måske"},
            "invalid_request",
            "Kun andre sektorer (other_sectors) skal være true eller false.",
        ),
        # ... and by the core: the same kind of mistake, the same status.
        ("/api/search", {"q": ""}, "invalid_query", WRITE_A_QUESTION),
        ("/api/search", {"q": "?!...,,;:"}, "invalid_query", WRITE_A_QUESTION),
        (
            "/api/search",
            {"q": "   "},
            "invalid_query",
            "Skriv en søgning: beskriv jeres udfordring med et par ord.",
        ),
        ("/api/search", {"q": "ældre", "sector": "rumfart"}, "invalid_filter", UNKNOWN_SECTOR),
        ("/api/effects", {"sector": "rumfart"}, "invalid_filter", UNKNOWN_SECTOR),
        (
            "/api/search",
            {"q": "ældre", "year_from": 2023, "year_to": 2020},
            "invalid_filter",
            "Fra-året (2023) skal være før eller lig med til-året (2020).",
        ),
        (
            "/api/search",
            {"q": "ældre", "own_sector": "rumfart"},
            "invalid_filter",
            "Ukendt sektor 'rumfart' (own_sector). Mulige værdier: " + SECTOR_KEYS,
        ),
    ],
)
def test_bad_input_is_422_with_a_danish_message_whichever_layer_notices(
    client, path, params, code, message
):
    error = assert_error_shape(client.get(path, params=params), 422, code)
    assert error["message"] == message


def test_openapi_documents_the_error_shape_and_every_filter(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/effects"):
        operation = spec["paths"][path]["get"]
        invalid = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert invalid == {"$ref": "#/components/schemas/ErrorResponse"}
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert {"sector", "organisation_type", "stage", "status", "kind"} <= set(parameters)
        assert {"year_from", "year_to", "has_pitfalls", "min_level"} <= set(parameters)
        sector = parameters["sector"]
        assert "klima_miljoe" in sector["schema"]["items"]["enum"]
        assert "`klima_miljoe` (Klima og miljø)" in sector["description"]


def test_openapi_lists_each_routes_errors_in_the_one_shape(client):
    spec = client.get("/openapi.json").json()
    expected = {
        ("/api/search", "get"): {"422", "503"},
        ("/api/effects", "get"): {"422", "503"},
        ("/api/documents/{doc_id}", "get"): {"404", "422", "503"},
        ("/api/documents/{doc_id}", "delete"): {"401", "403", "404", "422", "503"},
        ("/api/ingest", "post"): {"400", "401", "403", "413", "422", "503"},
        ("/api/stats", "get"): {"503"},
    }
    for (path, method), statuses in expected.items():
        answers = spec["paths"][path][method]["responses"]
        assert set(answers) - {"200", "204"} == statuses, (path, method)
        for status in statuses:
            schema = answers[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}
            assert answers[status]["description"]


def test_an_unreadable_upload_body_is_400_in_the_error_shape(settings, embedder):
    settings = settings.model_copy(update={"api_token": "hemmelig"})
    with TestClient(create_app(settings, embedder)) as writer:
        response = writer.post(
            "/api/ingest",
            content=b"--xyz\r\nContent-Disposition: form-data\r\n\r\nno end",
            headers={
                "Authorization": "Bearer hemmelig",
                "Content-Type": "multipart/form-data; boundary=xyz",
            },
        )
    assert_error_shape(response, 400, "bad_request")


def test_document_by_id_and_unknown_id(client):
    hit = client.get("/api/search", params={"q": "læsning"}).json()["results"][0]
    doc = client.get(f"/api/documents/{hit['id']}").json()
    assert doc["title"] == hit["title"]
    assert doc["sections"] and all("heading" in s for s in doc["sections"])
    assert_error_shape(client.get("/api/documents/findes-ikke"), 404, "not_found")
    assert_error_shape(client.get("/api/ingen-rute"), 404, "not_found")


def test_a_result_says_what_went_wrong_in_the_cases_own_words(client):
    results = client.get("/api/search", params={"q": "læsning i skolen"}).json()["results"]
    reading = next(r for r in results if r["title"] == "Læseløft i indskolingen")
    said = ["Vi undervurderede, hvor meget tid lærerne skulle bruge på at planlægge."]
    assert reading["has_pitfalls"] is True and reading["pitfall_sentences"] == said
    assert client.get(f"/api/documents/{reading['id']}").json()["pitfall_sentences"] == said
    assert all(r["pitfall_sentences"] == [] for r in results if not r["has_pitfalls"])


def test_health_stats_and_openapi(client):
    assert client.get("/api/health").json()["status"] == "ok"
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 3 and stats["model"] == "hashing"
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_docs_page_is_served_from_the_app_under_its_csp(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "unsafe-inline" not in docs.headers["content-security-policy"]
    html = docs.text
    # Nothing from another host, and no inline script the policy would block.
    assert "//" not in html.replace("<!--", "")
    assert re.findall(r"<script[^>]*>\s*[^<\s]", html) == []
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    assert "SwaggerUIBundle" in client.get("/docs-assets/swagger-ui-bundle.js").text
    assert client.get("/redoc").status_code == 404


def test_unknown_pages_are_404_pages_and_unknown_api_paths_404_json(client):
    browser = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    lost = client.get("/nope", headers=browser)
    assert lost.status_code == 404 and "Siden findes ikke" in lost.text
    assert "script-src 'self'" in lost.headers["content-security-policy"]
    assert_error_shape(client.get("/nope"), 404, "not_found")
    assert_error_shape(client.get("/api/nope", headers=browser), 404, "not_found")
    known = client.get("/api/search", params={"q": "ældre"}).json()["results"][0]["id"]
    assert client.get(f"/sag/{known}", headers=browser).status_code == 200
    missing = client.get("/sag/findes-ikke", headers=browser)
    assert missing.status_code == 404 and 'data-page="case"' in missing.text


def test_ingest_and_delete_need_the_token(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    locked = TestClient(create_app(settings, embedder))
    assert_error_shape(locked.delete("/api/documents/x"), 403, "forbidden")

    open_settings = settings.model_copy(update={"api_token": "hemmelig"})
    client = TestClient(create_app(open_settings, embedder))
    files = {"files": ("ny-sag.json", b'{"title": "Ny sag", "summary": "Droner tilser diger."}')}
    assert_error_shape(client.post("/api/ingest", files=files), 401, "unauthorized")
    wrong = {"Authorization": "Bearer forkert"}
    assert_error_shape(client.post("/api/ingest", files=files, headers=wrong), 401, "unauthorized")

    auth = {"Authorization": "Bearer hemmelig"}
    bad = {"files": ("tom.pdf", b"")}
    body = client.post("/api/ingest", files=files, headers=auth).json()
    assert body["added"] == ["ny-sag.json"] and body["failed"] == []
    failed = client.post("/api/ingest", files=bad, headers=auth).json()["failed"]
    assert failed[0]["source"] == "tom.pdf" and failed[0]["problem"]

    hit = client.get("/api/search", params={"q": "droner diger"}).json()["results"][0]
    assert hit["title"] == "Ny sag"
    assert (settings.home / "uploads" / "ny-sag.json").exists()
    assert client.delete(f"/api/documents/{hit['id']}", headers=auth).status_code == 204
    assert_error_shape(client.get(f"/api/documents/{hit['id']}"), 404, "not_found")
    assert client.get("/api/stats").json()["documents"] == 3
    # a deleted upload is gone from the home, its file too; a folder's file is not the home's
    assert not (settings.home / "uploads" / "ny-sag.json").exists()
    rain = client.get("/api/search", params={"q": "skybrud regnbede"}).json()["results"][0]
    assert client.delete(f"/api/documents/{rain['id']}", headers=auth).status_code == 204
    assert (case_folder / "klima-skybrud.json").exists()
    assert_error_shape(
        client.delete(f"/api/documents/{rain['id']}", headers=auth), 404, "not_found"
    )


def test_an_upload_named_like_a_folders_file_is_kept_beside_it(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])  # holds klima-skybrud.json
    client = TestClient(create_app(settings.model_copy(update={"api_token": "t"}), embedder))
    auth = {"Authorization": "Bearer t"}
    upload = '{"title": "Grønne tage", "summary": "Sedum på taget."}'.encode()
    files = {"files": ("klima-skybrud.json", upload)}
    first = client.post("/api/ingest", files=files, headers=auth).json()
    assert first["added"] == ["uploads/klima-skybrud.json"]
    assert (settings.home / "uploads" / "klima-skybrud.json").exists()  # kept, not refused
    again = client.post("/api/ingest", files=files, headers=auth).json()
    assert again["unchanged"] == ["uploads/klima-skybrud.json"] and not again["added"]
    assert client.get("/api/stats").json()["documents"] == 4


def test_an_empty_home_answers_with_no_results(settings, embedder):
    client = TestClient(create_app(settings, embedder))
    body = client.get("/api/search", params={"q": "ældre"}).json()
    assert body["total"] == 0 and body["results"] == [] and body["inspiration"] == []
    assert client.get("/api/stats").json()["documents"] == 0
    assert client.get("/api/effects", params={"format": "csv"}).status_code == 200


READ_ONLY = "Mappen {home} er skrivebeskyttet: innosearch skal kunne skrive i den"


def test_a_home_that_turns_read_only_is_called_read_only_not_damaged(client, settings, read_only):
    """A request thread that opens its first connection after the home lost write access."""
    read_only(settings.home)
    error = assert_error_shape(
        client.get("/api/search", params={"q": "ældre"}), 503, "home_read_only"
    )
    assert error["message"].startswith(READ_ONLY.format(home=settings.home))


def test_a_write_that_waits_out_another_processs_write_is_called_busy(
    settings, embedder, case_folder
):
    """Another process (an ingest) holds the store's write lock past the write's wait."""
    Ingestor(settings, embedder).ingest([case_folder])
    settings = settings.model_copy(update={"store_busy_timeout_s": 0.2})
    client = TestClient(create_app(settings, embedder))
    follow = {"query": "ældre i eget hjem", "name": "Hjemmet"}
    with closing(sqlite3.connect(settings.store_path, isolation_level=None)) as ingest:
        ingest.execute("BEGIN IMMEDIATE")
        error = assert_error_shape(client.post("/api/saved", json=follow), 503, "store_busy")
        assert error["message"].startswith("Lageret er optaget: en anden proces")
        assert client.get("/api/search", params={"q": "ældre"}).status_code == 200  # reads go on
        ingest.execute("ROLLBACK")
    assert client.post("/api/saved", json=follow).status_code == 201


def test_an_app_over_a_read_only_home_does_not_start(settings, embedder, case_folder, read_only):
    Ingestor(settings, embedder).ingest([case_folder])
    read_only(settings.home)
    with pytest.raises(HomeReadOnly, match=READ_ONLY.format(home=settings.home)):
        create_app(settings, embedder)
