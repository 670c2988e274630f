"""Followed challenges as a demanding user meets them: bad input refused in Danish, naming what is
wrong; "Nyt siden sidst" holding only real news about cases that still exist; an uploaded case
alerting its followers as an ingested one does."""

import json

import pytest
from fastapi.testclient import TestClient

from innosearch.alerts.run import run_ingest
from innosearch.alerts.saved import SavedSearches
from innosearch.api.app import create_app
from innosearch.errors import InvalidFilter, InvalidQuery
from innosearch.index.store import Store
from innosearch.search.searcher import Searcher


def saved_searches(settings, embedder) -> SavedSearches:
    return SavedSearches(settings, Searcher(settings, embedder))


@pytest.mark.parametrize(
    "address",
    [
        "@",
        "anna@",
        "anna@fjordby",
        "anna@fjordby.dk, bo@fjordby.dk",
        "anna@fjordby.dk\r\nBcc: x@y.dk",
    ],
)
def test_an_address_no_mail_could_reach_is_refused(settings, embedder, address):
    run_ingest(settings, embedder, [])
    with pytest.raises(InvalidQuery, match="ikke en gyldig e-mailadresse"):
        saved_searches(settings, embedder).create("", "ældre i eget hjem", email=address)


def test_a_blank_address_means_no_mail_and_spaces_around_one_are_dropped(settings, embedder):
    run_ingest(settings, embedder, [])
    saved = saved_searches(settings.model_copy(update={"smtp_host": "127.0.0.1"}), embedder)
    assert saved.create("", "ældre i eget hjem", email="  ").email is None
    assert saved.create("", "ældre i eget hjem", email=" anna@fjordby.dk ").email == (
        "anna@fjordby.dk"
    )


def test_an_address_is_refused_where_the_server_mails_nothing(settings, embedder):
    """Taken, it waited for mail that never came: no digest is sent without a mail server."""
    run_ingest(settings, embedder, [])
    saved = saved_searches(settings, embedder)
    with pytest.raises(InvalidQuery, match="sender ikke nyhedsmails .INNOSEARCH_SMTP_HOST"):
        saved.create("", "ældre i eget hjem", email="anna@fjordby.dk")
    assert saved.create("", "ældre i eget hjem").email is None
    assert not [s for s in saved.all() if s.email]


def test_an_unknown_own_sector_is_named_as_your_own_sector(settings, embedder):
    run_ingest(settings, embedder, [])
    with pytest.raises(InvalidFilter, match="'rumfart' for jeres egen sektor"):
        saved_searches(settings, embedder).create("", "ældre", own_sector="rumfart")


def test_an_over_long_name_is_refused_not_cut_short(settings, embedder):
    run_ingest(settings, embedder, [])
    with pytest.raises(InvalidQuery, match="højst være 120 tegn"):
        saved_searches(settings, embedder).create("x" * 121, "ældre i eget hjem")


def test_other_records_of_a_changed_file_are_not_news(settings, embedder, tmp_path):
    """One record of a JSON Lines file is edited: only that case is "Opdateret"."""
    folder = tmp_path / "sager"
    folder.mkdir()
    cases = [
        {"title": title, "sector": "aeldre", "summary": summary}
        for title, summary in (
            ("Træning i eget hjem", "Ældre borgere træner i eget hjem med en fysioterapeut."),
            ("Spisevenner", "Ældre borgere spiser sammen med frivillige i eget hjem."),
            ("Digital hjemmepleje", "Ældre borgere får skærmbesøg af hjemmeplejen i eget hjem."),
        )
    ]

    def write() -> None:
        lines = [json.dumps(c, ensure_ascii=False) for c in cases]
        (folder / "sager.jsonl").write_text("\n".join(lines), encoding="utf-8")

    write()
    run_ingest(settings, embedder, [str(folder)])
    saved = saved_searches(settings, embedder)
    followed = saved.create("Hjemme", "ældre borgere i eget hjem")
    cases[1]["summary"] += " Nu også om aftenen."
    write()
    run = run_ingest(settings, embedder, [str(folder)])
    assert run.alerts == {"Hjemme": 1}
    assert [(m.title, m.change) for m in saved.matches(followed.id)] == [("Spisevenner", "changed")]


def test_a_case_that_left_the_index_leaves_the_news_and_the_digest(settings, embedder, case_folder):
    run_ingest(settings, embedder, [])
    saved = saved_searches(settings, embedder)
    followed = saved.create("Skybrud", "oversvømmede kældre ved skybrud")
    run_ingest(settings, embedder, [str(case_folder)])
    titles = [m.title for m in saved.matches(followed.id)]
    assert "Skybrudssikring med regnbede" in titles
    (case_folder / "klima-skybrud.json").unlink()
    run_ingest(settings, embedder, [str(case_folder)], prune=True)
    store = Store(settings.store_path)
    assert "Skybrudssikring med regnbede" not in [m.title for m in saved.matches(followed.id)]
    assert "Skybrudssikring med regnbede" not in [
        m.title for m in store.unmailed_matches(followed.id)
    ]


def _upload(client: TestClient, name: str, title: str, summary: str) -> None:
    case = {"title": title, "sector": "aeldre", "summary": summary}
    sent = client.post(
        "/api/ingest",
        files={"files": (name, json.dumps(case).encode(), "application/json")},
        headers={"Authorization": "Bearer t"},
    )
    assert sent.status_code == 200, sent.text


@pytest.fixture
def uploading(settings, embedder, case_folder) -> TestClient:
    run_ingest(settings, embedder, [str(case_folder)])
    return TestClient(create_app(settings.model_copy(update={"api_token": "t"}), embedder))


TRAINING = "Ældre borgere træner i eget hjem med en fysioterapeut og klarer sig selv."


def test_an_uploaded_case_reaches_the_followers(uploading):
    followed = uploading.post("/api/saved", json={"query": "ældre træner i eget hjem"}).json()
    _upload(uploading, "traening.json", "Træning i eget hjem", TRAINING)
    shown = uploading.get(followed["links"]["self"]).json()
    assert [m["title"] for m in shown["new_since_last"]] == ["Træning i eget hjem"]


def test_what_the_page_showed_is_seen_and_only_later_news_is_marked(uploading):
    followed = uploading.post("/api/saved", json={"query": "ældre træner i eget hjem"}).json()
    link = followed["links"]["self"]
    assert followed["seen_at"] is None
    _upload(uploading, "traening.json", "Træning i eget hjem", TRAINING)
    first = uploading.get(link).json()["new_since_last"]
    assert [m["seen"] for m in first] == [False]
    assert uploading.post(f"{link}/seen", json={"until": first[0]["found_at"]}).status_code == 204
    assert [m["seen"] for m in uploading.get(link).json()["new_since_last"]] == [True]
    _upload(uploading, "hjemmetraening.json", "Hjemmetræning med app", TRAINING + " Med en app.")
    shown = {m["title"]: m["seen"] for m in uploading.get(link).json()["new_since_last"]}
    assert shown == {"Hjemmetræning med app": False, "Træning i eget hjem": True}
    # An older mark arriving late (a second tab) never moves the mark back.
    assert uploading.post(f"{link}/seen", json={"until": "2020-01-01T00:00:00+00:00"}).is_success
    assert uploading.get(link).json()["new_since_last"][1]["seen"] is True


@pytest.mark.parametrize(
    ("until", "problem"),
    [("i går", "'i går' er ikke et tidspunkt"), ("2026-12-07T10:00:00", "mangler sin tidszone")],
)
def test_a_seen_mark_that_is_not_a_moment_is_refused(uploading, until, problem):
    followed = uploading.post("/api/saved", json={"query": "ældre"}).json()
    answer = uploading.post(f"{followed['links']['self']}/seen", json={"until": until})
    assert answer.status_code == 422 and problem in answer.json()["error"]["message"]
    unknown = uploading.post("/api/saved/findes-ikke/seen", json={"until": "2026-12-07T10:00Z"})
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"name": "Hjemme"}, "Udfordringen (query) mangler"),
        ({"query": "ældre", "sector": "aeldre"}, "Sektor (sector)"),
        ({"query": "ældre", "email": "anna@"}, "'anna@' er ikke en gyldig e-mailadresse"),
        ({"query": "ældre", "own_sector": "rumfart"}, "jeres egen sektor"),
    ],
)
def test_the_api_refuses_bad_input_in_danish_naming_the_field(settings, embedder, body, named):
    run_ingest(settings, embedder, [])
    answer = TestClient(create_app(settings, embedder)).post("/api/saved", json=body)
    assert answer.status_code == 422
    assert named in answer.json()["error"]["message"]


def test_the_feed_is_valid_atom_with_an_author(settings, embedder):
    import xml.etree.ElementTree as ET

    run_ingest(settings, embedder, [])
    client = TestClient(create_app(settings, embedder))
    followed = client.post("/api/saved", json={"query": "ældre i eget hjem"}).json()
    root = ET.fromstring(client.get(followed["links"]["feed"]).content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}author/{atom}name").text == "innosearch"


def test_every_filter_of_the_search_is_followed_and_said_in_danish(settings, embedder, case_folder):
    """Following a search filtered by evidence and year keeps those filters, not only sector."""
    run_ingest(settings, embedder, [])
    client = TestClient(create_app(settings, embedder))
    question = {"query": "borgere og elever klarer sig bedre"}
    measured = client.post(
        "/api/saved", json={**question, "min_level": 2, "year_from": 2020, "has_pitfalls": False}
    ).json()
    assert measured["limits"] == [
        "År: fra 2020",
        "Evidens: mindst 2 (Målt før og efter)",
        "Faldgruber: ikke beskrevet",
    ]
    everything = client.post("/api/saved", json=question).json()
    assert everything["limits"] == []
    run_ingest(settings, embedder, [str(case_folder)])
    news = {
        followed["id"]: {
            m["title"] for m in client.get(followed["links"]["self"]).json()["new_since_last"]
        }
        for followed in (measured, everything)
    }
    # The reading case (no measured effect, pitfalls) and the rain beds (2019) are no news to
    # the filtered follow; the measured rehabilitation is.
    assert news[measured["id"]] == {"Hverdagsrehabilitering i hjemmeplejen"}
    assert len(news[everything["id"]]) > 1
