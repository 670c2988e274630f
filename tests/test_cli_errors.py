"""User errors on the command line: one Danish line naming the path, exit status 2, no traceback."""

import errno
import gc
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from innosearch import cli
from innosearch.cli.common import path_problem
from tests.test_cli import hashing_model, run, runner  # noqa: F401 (the autouse fixture)


@pytest.fixture
def indexed(tmp_path: Path, case_folder: Path) -> Path:
    """A home with the three sample cases (tests/test_cli.py's `home`)."""
    home = tmp_path / "home"
    assert run("ingest", case_folder, "--home", home).exit_code == 0
    return home


NO_INDEX = "Der er intet indeks i {home}. Indlæs først sager med 'innosearch ingest MAPPE'"


def a_file(tmp_path: Path) -> Path:
    file = tmp_path / "enfil"
    file.write_text("", encoding="utf-8")
    return file


def assert_user_error(result, message: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Fejl: {message}\n"


@pytest.mark.parametrize("below", [False, True])
@pytest.mark.parametrize("command", [("ingest", "CASES"), ("search", "skybrud"), ("stats",)])
def test_a_home_that_is_a_file_is_named_as_such(tmp_path, case_folder, command, below):
    file = a_file(tmp_path)
    args = [case_folder if a == "CASES" else a for a in command]
    result = run(*args, "--home", file / "under" if below else file)
    assert_user_error(
        result,
        f"{file} er en fil, ikke en mappe. Vælg en mappe til lager og indeks med --home "
        "(eller INNOSEARCH_HOME).",
    )


def test_a_backup_into_a_file_names_the_file(indexed, tmp_path):
    file = a_file(tmp_path)
    assert_user_error(run("backup", file, "--home", indexed), f"{file} er en fil, ikke en mappe")
    below = run("backup", file / "kopi", "--home", indexed)
    assert_user_error(below, f"{file} er en fil, ikke en mappe")


def test_a_csv_in_a_missing_folder_names_the_folder(indexed, tmp_path):
    csv_file = tmp_path / "findes-ikke" / "effekt.csv"
    result = run("effects", "--home", indexed, "--csv", csv_file)
    assert_user_error(result, f"{csv_file}: mappen {tmp_path / 'findes-ikke'} findes ikke")
    assert_user_error(
        run("effects", "--home", indexed, "--csv", tmp_path),
        f"{tmp_path} er en mappe, ikke en fil",
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "ingen adgang (tjek rettighederne)"),
        (errno.EPERM, "ingen adgang (tjek rettighederne)"),
        (errno.EROFS, "skrivebeskyttet (filsystemet kan kun læses)"),
        (errno.ENOSPC, "disken er fuld"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_file_system_errors_are_worded_in_danish_with_the_os_text_last(code, reason):
    assert path_problem(OSError(code, os.strerror(code), "/x/y")) == f"/x/y: {reason}"


def test_an_error_that_names_no_path_is_left_alone():
    assert path_problem(BrokenPipeError(errno.EPIPE, "Broken pipe")) is None
    assert path_problem(OSError(errno.ENOSPC, "No space left on device")) == "disken er fuld"


@pytest.mark.parametrize("command", [("sources", "list"), ("sources", "remove", "https://a.dk/")])
def test_sources_never_create_a_missing_home(tmp_path, command):
    missing = tmp_path / "findes-ikke"
    result = run(*command, "--home", missing)
    assert result.exit_code == 2
    assert result.stderr.startswith("Fejl: " + NO_INDEX.format(home=missing))
    assert not missing.exists()


def test_import_of_a_missing_file_says_so_before_the_home_is_made(tmp_path):
    missing, new_home = tmp_path / "findes-ikke.jsonl", tmp_path / "ny"
    assert_user_error(run("import", missing, "--home", new_home), f"{missing} findes ikke")
    assert_user_error(
        run("import", tmp_path, "--home", new_home), f"{tmp_path} er en mappe, ikke en fil"
    )
    assert not new_home.exists()


# SQLite cannot open a store in a folder it may not write in (its log and index live beside the
# store) and says "unable to open database file"; the store looks at the folder before it calls
# that damage. The `read_only` fixture (tests/conftest.py) simulates such a folder.
READ_ONLY = (
    "Mappen {home} er skrivebeskyttet: innosearch skal kunne skrive i den (også for at søge, "
    "fordi SQLite's log ligger der)."
)


@pytest.mark.parametrize(
    "command", [("stats",), ("search", "skybrud"), ("ingest", "CASES"), ("export",)]
)
def test_a_read_only_home_is_not_called_damaged(indexed, case_folder, read_only, command):
    read_only(indexed)
    args = [case_folder if a == "CASES" else a for a in command]
    assert_user_error(run(*args, "--home", indexed), READ_ONLY.format(home=indexed))


def test_check_says_a_read_only_home_is_read_only(indexed, read_only):
    read_only(indexed)
    result = run("check", "--home", indexed)
    assert result.exit_code == 1
    assert result.stdout == f"FEJL {READ_ONLY.format(home=indexed)}\n"


def test_a_read_only_store_file_is_named(indexed, monkeypatch):
    access, store = os.access, indexed / "store.sqlite3"
    monkeypatch.setattr(
        os, "access", lambda p, m, **k: False if Path(p) == store else access(p, m, **k)
    )
    monkeypatch.setattr(sqlite3, "connect", _refused)
    assert_user_error(
        run("stats", "--home", indexed),
        f"Filen {store} er skrivebeskyttet: innosearch skal kunne skrive i den.",
    )


def _refused(*args, **kwargs):
    raise sqlite3.OperationalError("attempt to write a readonly database")


def test_a_damaged_store_in_a_writable_home_is_still_called_damaged(indexed):
    (indexed / "store.sqlite3").write_bytes(b"ikke en database" * 512)
    for suffix in ("-wal", "-shm"):
        (indexed / f"store.sqlite3{suffix}").unlink(missing_ok=True)
    result = run("stats", "--home", indexed)
    assert result.exit_code == 2
    assert "er beskadiget og kan ikke læses" in result.stderr


def test_a_write_that_waits_out_an_ingest_is_called_busy(indexed, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_STORE_BUSY_TIMEOUT_S", "0.2")
    with closing(sqlite3.connect(indexed / "store.sqlite3", isolation_level=None)) as ingest:
        ingest.execute("BEGIN IMMEDIATE")
        assert_user_error(
            run("saved", "add", "ældre i eget hjem", "--home", indexed),
            "Lageret er optaget: en anden proces (fx en indlæsning) skriver i det og blev ikke "
            "færdig, mens denne ventede. Prøv igen, når den er færdig.",
        )
        ingest.execute("ROLLBACK")
    assert run("saved", "add", "ældre i eget hjem", "--home", indexed).exit_code == 0


def test_a_backup_in_a_read_only_folder_restores(indexed, tmp_path, read_only):
    """The backup is copied into the home and checked there: nothing is written beside it."""
    copy = tmp_path / "kopi"
    assert run("backup", copy, "--home", indexed).exit_code == 0
    before = sorted(p.name for p in copy.iterdir())
    read_only(copy)
    result = run("restore", copy, "--home", tmp_path / "ny")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in copy.iterdir()) == before
    assert run("stats", "--home", tmp_path / "ny").exit_code == 0


def test_a_restore_says_how_many_documents_the_home_held_before_and_holds_now(indexed, tmp_path):
    """A backup of the wrong (or an empty) home replaced three cases with none, and the command
    said only that the home was restored."""
    empty = tmp_path / "tom"
    assert run("ingest", tmp_path / "ingenting", "--home", empty).exit_code != 0  # no files
    assert run("saved", "add", "ældre i eget hjem", "--home", empty).exit_code == 0  # a store
    assert run("backup", tmp_path / "tom-kopi", "--home", empty).exit_code == 0
    assert run("backup", tmp_path / "kopi", "--home", indexed).exit_code == 0
    # The commands above ran in this process: their stores, closed only when collected, would
    # count as the home in use, as a server's would.
    gc.collect()

    emptied = run("restore", tmp_path / "tom-kopi", "--home", indexed)
    assert emptied.exit_code == 0, emptied.output
    assert emptied.stdout.endswith(": 3 dokumenter før, 0 dokumenter nu.\n")
    into_new = run("restore", tmp_path / "kopi", "--home", tmp_path / "ny")
    assert into_new.stdout.endswith(": 3 dokumenter.\n")


@pytest.mark.parametrize("command", [("stats",), ("search", "skybrud"), ("check",)])
def test_a_really_read_only_home(tmp_path, case_folder, command):
    """A closed home (no log beside the store) in a folder innosearch may not write in."""
    home = tmp_path / "home"
    script = "import sys; from innosearch.cli import app; app(sys.argv[1:])"
    ingest = [sys.executable, "-c", script, "ingest", str(case_folder), "--home", str(home)]
    subprocess.run(ingest, capture_output=True, check=True)  # its own process: closed after
    assert not (home / "store.sqlite3-wal").exists()
    home.chmod(0o555)
    try:
        if os.access(home, os.W_OK):
            pytest.skip("permissions do not bind here (root with CAP_DAC_OVERRIDE)")
        result = run(*command, "--home", home)
    finally:
        home.chmod(0o755)
    message = READ_ONLY.format(home=home)
    if command == ("check",):
        assert result.exit_code == 1 and result.stdout == f"FEJL {message}\n"
    else:
        assert_user_error(result, message)


def test_saved_list_counts_in_the_singular(indexed):
    assert run("saved", "add", "ældre i eget hjem", "--home", indexed).exit_code == 0
    listed = run("saved", "list", "--home", indexed)
    assert listed.stdout.splitlines()[0] == "1 fulgt udfordring"
    assert run("saved", "add", "skybrud", "--home", indexed).exit_code == 0
    assert run("saved", "list", "--home", indexed).stdout.splitlines()[0] == "2 fulgte udfordringer"


def test_sources_list_counts_in_the_singular(tmp_path):
    home = tmp_path / "home"
    assert run("sources", "add", "https://a.dk/", "--home", home).exit_code == 0
    assert run("sources", "list", "--home", home).stdout.splitlines()[0].strip() == "1 webkilde"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("serch",), "Ukendt kommando 'serch'. Mente du 'search' eller 'serve'?"),
        (("search", "a", "--limt", "3"), "Ukendt valgmulighed: --limt. Mente du --limit?"),
        (("search", "a", "--limit", "x"), "Ugyldig værdi for '--limit': skal være et helt tal."),
        (("search",), "Mangler argumentet 'UDFORDRING'."),
        (("search", "a", "b"), "Uventede ekstra argumenter: b."),
        (("ingest",), "Angiv filer, mapper eller webadresser, eller brug --refresh."),
    ],
)
def test_usage_errors_are_said_in_danish_with_where_to_read_more(args, message):
    result = runner.invoke(cli.app, list(args), prog_name="innosearch")
    command = "innosearch" if args[0] == "serch" else f"innosearch {args[0]}"
    assert_user_error(result, f"{message} Se '{command} --help'.")


@pytest.mark.parametrize("args", [(), ("search",), ("saved",), ("saved", "add")])
def test_the_options_typer_adds_are_described_in_danish(args):
    result = runner.invoke(cli.app, [*args, "--help"], prog_name="innosearch")
    assert result.exit_code == 0
    assert "Vis denne hjælp og stop." in result.stdout
    assert "Show this message" not in result.stdout and "current shell" not in result.stdout


@pytest.mark.parametrize("args", [(), ("search",), ("saved",), ("saved", "add")])
def test_the_frame_of_every_help_text_is_danish_too(args):
    result = runner.invoke(
        cli.app, [*args, "--help"], prog_name="innosearch", env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    assert result.stdout.strip().startswith(f"Brug: {' '.join(['innosearch', *args])} ")
    assert "Valgmuligheder" in result.stdout and "[VALGMULIGHEDER]" in result.stdout
    english = ("Usage", "Options", "OPTIONS", "Arguments", "Commands", "COMMAND", "[default")
    assert [word for word in english if word in result.stdout] == []
    if args == ("search",):
        assert "[standard: 10]" in result.stdout and "[påkrævet]" in result.stdout


def test_a_help_text_keeps_its_square_brackets():
    """Typer reads help as rich markup, where "[ray]" would be a style and vanish."""
    result = runner.invoke(
        cli.app, ["ingest", "--help"], prog_name="innosearch", env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0
    assert "Kræver innosearch[ray]." in result.stdout
