"""Followed challenges as a demanding reader meets them after a run: a follow whose filters the
taxonomy no longer has stops neither the ingest nor the other followers, and the digest says
what changed and which follow it is."""

from innosearch.alerts.run import alert_followers, run_ingest
from innosearch.alerts.saved import SavedSearches, limits
from innosearch.index.saved import SavedSearch
from innosearch.index.store import Store
from innosearch.search.searcher import Searcher
from tests.alerts import test_saved

mail_inbox = test_saved.inbox  # a fixture: a real SMTP server on 127.0.0.1


def _follow_a_sector_that_is_gone(settings) -> None:
    """A follow stored when its sector existed (an older taxonomy, a hand-edited store)."""
    Store(settings.store_path).add_saved_search(
        SavedSearch(
            id="gammel-sektor-link",
            name="Gammel sektor",
            query="oversvømmede kældre ved skybrud",
            max_rank=10,
            created_at="2025-01-01T00:00:00.000000+00:00",
            filters={"sector": ["ophoert_sektor"]},
        )
    )


def test_a_follow_whose_filter_is_gone_is_named_and_the_others_still_hear(
    settings, embedder, case_folder
):
    run_ingest(settings, embedder, [])
    saved = SavedSearches(settings, Searcher(settings, embedder))
    # Named after the broken one ("Gammel …" < "Skybrud"): the order they are matched in.
    kept = saved.create("Skybrud", "oversvømmede kældre ved skybrud")
    _follow_a_sector_that_is_gone(settings)

    # Before: the run failed with "Ukendt sektor" after the cases were written.
    run = run_ingest(settings, embedder, [str(case_folder)])
    assert run.ingest.added and run.alerts["Skybrud"] >= 1
    assert "Gammel sektor" not in run.alerts
    [(source, problem)] = [w for w in run.ingest.warnings if "Gammel sektor" in w[0]]
    assert source == "fulgt udfordring 'Gammel sektor'"
    assert "Ukendt sektor 'ophoert_sektor'" in problem and "følges igen" in problem
    assert SavedSearches(settings, Searcher(settings, embedder)).matches(kept.id)
    # Its page, feed and mail name the gone value as gone, not as a filter that still works.
    gone = SavedSearches(settings, Searcher(settings, embedder)).get("gammel-sektor-link")
    assert limits(gone) == ["Sektor: ophoert_sektor (findes ikke længere)"]


def test_an_upload_names_a_follow_whose_filter_is_gone_among_its_problems(
    settings, embedder, case_folder
):
    doc_id = next(iter(run_ingest(settings, embedder, [str(case_folder)]).ingest.documents))
    _follow_a_sector_that_is_gone(settings)
    store = Store(settings.store_path)
    searcher = Searcher(settings, embedder, store)
    alerts, problems = alert_followers(settings, store, {doc_id: "changed"}, lambda: searcher)
    assert alerts == {}
    assert [name for name, _ in problems] == ["Gammel sektor"]


def test_the_feed_keeps_its_ids_whichever_address_it_is_read_at(settings, embedder, case_folder):
    import xml.etree.ElementTree as ET

    from fastapi.testclient import TestClient

    from innosearch.api.app import create_app

    atom = "{http://www.w3.org/2005/Atom}"
    run_ingest(settings, embedder, [])
    client = TestClient(create_app(settings, embedder))
    body = {"query": "oversvømmede kældre ved skybrud", "sector": ["klima_miljoe"]}
    followed = client.post("/api/saved", json=body).json()
    run_ingest(settings, embedder, [str(case_folder)])

    def read(host: str) -> ET.Element:
        answer = client.get(followed["links"]["feed"], headers={"Host": host})
        return ET.fromstring(answer.content)

    direct, proxied = read("127.0.0.1:8000"), read("innosearch.fjordby.dk")
    ids = [e.text for e in direct.iter(f"{atom}id")]
    assert len(ids) >= 2 and len(set(ids)) == len(ids)
    # Before: http://127.0.0.1:8000/sag/… here and http://innosearch.fjordby.dk/sag/… there.
    assert ids == [e.text for e in proxied.iter(f"{atom}id")]
    assert all(i.startswith("urn:uuid:") for i in ids)
    link = proxied.find(f"{atom}entry/{atom}link").get("href")
    assert link.startswith("http://innosearch.fjordby.dk/sag/")
    # Which follow of these words it is: its filters, as the page says them.
    assert "Sektor: Klima og miljø" in proxied.find(f"{atom}subtitle").text


def test_the_feed_links_to_the_public_address_when_one_is_set(settings, embedder, case_folder):
    """Behind a proxy that rewrites the Host header, the request's address is the inside one."""
    import xml.etree.ElementTree as ET

    from fastapi.testclient import TestClient

    from innosearch.api.app import create_app

    public = settings.model_copy(update={"public_url": "https://innosearch.fjordby.dk/"})
    run_ingest(public, embedder, [])
    client = TestClient(create_app(public, embedder))
    followed = client.post("/api/saved", json={"query": "skybrud og kældre"}).json()
    run_ingest(public, embedder, [str(case_folder)])
    answer = client.get(followed["links"]["feed"], headers={"Host": "127.0.0.1:8000"})
    links = [e.get("href") for e in ET.fromstring(answer.content).iter()]
    shown = [href for href in links if href]
    assert shown and all(href.startswith("https://innosearch.fjordby.dk/") for href in shown)


def test_a_feed_entry_says_who_and_what_as_a_feed_reader_lists_it(settings, embedder, case_folder):
    """Each entry said only "Nr. 1 i søgningen efter: …": the same line under every case."""
    import xml.etree.ElementTree as ET

    from fastapi.testclient import TestClient

    from innosearch.api.app import create_app

    atom = "{http://www.w3.org/2005/Atom}"
    run_ingest(settings, embedder, [])
    client = TestClient(create_app(settings, embedder))
    followed = client.post("/api/saved", json={"query": "ældre borgere i eget hjem"}).json()
    run_ingest(settings, embedder, [str(case_folder)])
    feed = ET.fromstring(client.get(followed["links"]["feed"]).content)
    summaries = {
        entry.find(f"{atom}title").text: entry.find(f"{atom}summary").text
        for entry in feed.iter(f"{atom}entry")
    }
    assert summaries["Ny: Hverdagsrehabilitering i hjemmeplejen"] == (
        "Fjordby Kommune: Ældre borgere træner daglige gøremål med en terapeut, så de klarer sig "
        "selv længere i eget hjem uden hjemmehjælp. (Nr. 1 i søgningen efter: ældre borgere i "
        "eget hjem)"
    )
