"""The web and follow commands: sources add/list/remove, ingest URL and --refresh, saved."""

import json
from pathlib import Path

import pytest

from tests.ingest.web.conftest import build_site
from tests.ingest.web.site import serve
from tests.test_cli import hashing_model, run  # noqa: F401 (the autouse fixture)


@pytest.fixture
def site(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_CRAWL_DELAY_S", "0")
    monkeypatch.setenv("INNOSEARCH_CRAWL_TIMEOUT_S", "1")
    monkeypatch.setenv("INNOSEARCH_CRAWL_MAX_BYTES", "1000000")
    with serve(build_site(tmp_path)) as served:
        yield served


def test_sources_are_kept_in_the_home_and_refreshed(site, tmp_path):
    home = tmp_path / "home"
    added = run(
        "sources", "add", site.base + "/?utm_source=x", "--include", "/aeldre", "--home", home
    )
    assert added.exit_code == 0 and f"Tilføjet: {site.base}/" in added.output
    listed = json.loads(run("sources", "list", "--json", "--home", home).output)
    assert [(s["url"], s["include"]) for s in listed] == [(site.base + "/", "/aeldre")]
    first = run("ingest", "--refresh", "--json", "--home", home)
    summary = json.loads(first.output.splitlines()[-1])
    # /aeldre/ is a broken link on the site: named, but no failure of the run
    assert summary["added"] == 3 and first.exit_code == 0 and not summary["errors"]
    assert any(s["source"].endswith("/aeldre/") for s in summary["skipped_sources"])
    again = json.loads(run("ingest", "--refresh", "--json", "--home", home).output.splitlines()[-1])
    assert again["added"] == 0 and again["unchanged"] == 3
    removed = run("sources", "remove", site.base + "/", "--purge", "--home", home)
    assert removed.exit_code == 0 and "3 dokumenter" in removed.output
    assert json.loads(run("stats", "--json", "--home", home).output)["documents"] == 0


def test_ingest_of_a_url_and_a_bad_address(site, tmp_path):
    home = tmp_path / "home"
    result = run("ingest", site.base + "/aeldre/sensorer", "--home", home)
    assert "Tilføjet: 5" in result.output
    bad = run("sources", "add", "ftp://example.dk", "--home", home)
    assert bad.exit_code == 2 and "ikke en gyldig webadresse" in bad.output


def test_saved_add_prints_the_secret_link_and_remove_revokes_it(tmp_path, case_folder):
    home = tmp_path / "home"
    run("ingest", case_folder, "--home", home)
    added = run("saved", "add", "ældre i eget hjem", "--name", "Hjemmet", "--home", home)
    assert added.exit_code == 0 and "/fulgt/" in added.output
    saved_id = added.output.split("/fulgt/")[1].split()[0]
    assert run("saved", "remove", saved_id, "--home", home).exit_code == 0
    again = run("saved", "remove", saved_id, "--home", home)
    assert again.exit_code == 2 and "ingen fulgt udfordring" in again.output


def test_following_a_challenge_creates_a_new_home(tmp_path):
    home = tmp_path / "ny"
    result = run("saved", "add", "Ældre i eget hjem", "--name", "Ældre i eget hjem", "--home", home)
    assert result.exit_code == 0, result.output
    assert "Følger nu: Ældre i eget hjem" in result.output
    assert (home / "store.sqlite3").exists()


def test_sources_list_shows_each_address_whole_on_a_narrow_terminal(tmp_path, monkeypatch):
    from innosearch.cli import common

    monkeypatch.setattr(common.out, "_width", 80)
    home = tmp_path / "home"
    url = "https://www.fjordby.dk/borger/aeldre-og-pension/hjemmepleje/velfaerdsteknologi/"
    assert (
        run("sources", "add", url, "--include", "aeldre-og-pension", "--home", home).exit_code == 0
    )
    listed = run("sources", "list", "--home", home)
    assert listed.exit_code == 0 and url in listed.output.splitlines()[1]
    assert "kun stier: /aeldre-og-pension" in listed.output
    removed = run("sources", "remove", url, "--home", home)
    assert removed.exit_code == 0 and url in removed.output


def test_refresh_of_a_home_without_sources_says_so(tmp_path):
    result = run("ingest", "--refresh", "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert "ingen webkilder" in result.output and "sources add" in result.output


def test_purge_of_a_source_with_one_document_counts_it_in_danish(site, tmp_path):
    home = tmp_path / "home"
    run("sources", "add", site.base + "/aeldre/sensorer", "--sitemap", "--home", home)
    site.routes["/sitemap.xml"].body = (
        site.routes["/sitemap.xml"]
        .body.replace(b"<url><loc>/</loc></url>", b"")
        .replace(b"<url><loc>/aeldre/vaerdighed</loc></url>", b"")
    )
    assert run("ingest", "--refresh", "--home", home).exit_code == 0
    removed = run("sources", "remove", site.base + "/aeldre/sensorer", "--purge", "--home", home)
    assert removed.exit_code == 0 and removed.output.strip().endswith("og 1 dokument")


def test_saved_add_takes_danish_labels_and_status_and_list_tells_filters_apart(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("INNOSEARCH_SMTP_HOST", "127.0.0.1")  # an address is mailed to
    home = tmp_path / "home"
    added = run(
        "saved", "add", "oversvømmede kældre", "--name", "Skybrud", "--sector", "Klima og miljø",
        "--status", "afsluttet", "--own-sector", "Ældre", "--email", "anna@fjordby.dk",
        "--home", home,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert run("saved", "add", "oversvømmede kældre", "--home", home).exit_code == 0
    listed = run("saved", "list", "--home", home).output
    assert "Sektor: Klima og miljø · Status: Afsluttet · Jeres sektor: Ældre" in listed
    [followed] = [s for s in json.loads(run("saved", "list", "--json", "--home", home).output)
                  if s["name"] == "Skybrud"]  # fmt: skip
    assert followed["filters"] == {"sector": ["klima_miljoe"], "status": ["afsluttet"]}
    assert followed["own_sector"] == "aeldre"


def test_saved_add_refuses_to_follow_the_same_challenge_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_SMTP_HOST", "127.0.0.1")  # an address is mailed to
    home = tmp_path / "home"
    args = ("saved", "add", "ældre i eget hjem", "--email", "anna@fjordby.dk", "--home", home)
    assert run(*args).exit_code == 0
    again = run(*args)
    assert again.exit_code == 2 and "følges allerede" in again.output
    other = run("saved", "add", "ældre i eget hjem", "--email", "bo@fjordby.dk", "--home", home)
    assert other.exit_code == 0
