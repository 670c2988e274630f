"""The command line as a first-time operator reads it: help that says what to write, Danish
words throughout, counts in the right number and errors that point to the right help."""

import re
from pathlib import Path

import pytest

from innosearch import cli
from tests.conftest import SAMPLE_CASES, write_case
from tests.test_cli import hashing_model, run, runner  # noqa: F401 (the autouse fixture)


@pytest.fixture
def indexed(tmp_path: Path, case_folder: Path) -> Path:
    home = tmp_path / "home"
    assert run("ingest", case_folder, "--home", home).exit_code == 0
    return home


def help_of(*args: str) -> str:
    result = runner.invoke(
        cli.app, [*args, "--help"], prog_name="innosearch", env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


COMMANDS = [
    ("ingest",),
    ("import",),
    ("search",),
    ("related",),
    ("effects",),
    ("overview",),
    ("export",),
    ("serve",),
    ("stats",),
    ("eval",),
    ("check",),
    ("backup",),
    ("restore",),
    ("sources", "add"),
    ("sources", "list"),
    ("sources", "remove"),
    ("saved", "add"),
    ("saved", "list"),
    ("saved", "remove"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_help_names_values_in_danish_not_as_python_types(args):
    shown = help_of(*args)
    assert re.findall(r"<(?:int|str|bool|path|float|list\[[a-z]+\])>", shown) == []


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_the_usage_line_names_arguments_in_danish_not_by_their_python_names(args):
    [usage] = [line for line in help_of(*args).splitlines() if "Brug:" in line]
    # Before: "innosearch search [VALGMULIGHEDER] {query}", "related {doc_id}".
    assert not re.search(r"[a-z_]{3,}", usage.split(" ".join(["innosearch", *args]), 1)[1]), usage


def test_help_says_what_a_value_looks_like_and_what_is_used_without_it():
    search = help_of("search")
    assert "MAPPE" in search
    assert ".innosearch/home" in search
    assert "SEKTOR" in search and "fx aeldre" in search and "kan gentages" in search
    assert "INNOSEARCH_MAX_LIMIT" in search
    serve = help_of("serve")
    assert "127.0.0.1" in serve and "8000" in serve
    assert "500" in help_of("sources", "add")
    effects = help_of("effects")
    assert "0 = ingen effekt beskrevet" in effects and "fx effekt.csv" in effects
    assert "query_id" in help_of("eval") and "grade" in help_of("eval")


@pytest.mark.parametrize(
    ("args", "command", "message"),
    [
        (
            ("search", "a", "--limit"),
            "innosearch search",
            "Valgmuligheden --limit skal have en værdi.",
        ),
        (
            ("saved", "add", "--name"),
            "innosearch saved add",
            "Valgmuligheden --name skal have en værdi.",
        ),
        (
            ("search", "a", "--json=1"),
            "innosearch search",
            "Valgmuligheden --json tager ingen værdi.",
        ),
    ],
)
def test_a_usage_error_points_to_the_help_of_its_own_command(args, command, message):
    result = runner.invoke(cli.app, list(args), prog_name="innosearch")
    assert result.exit_code == 2
    assert result.stderr == f"Fejl: {message} Se '{command} --help'.\n"


@pytest.mark.parametrize("group", ["saved", "sources"])
def test_a_group_named_alone_shows_its_help_as_the_program_does(group):
    result = runner.invoke(cli.app, [group], prog_name="innosearch")
    assert result.exit_code == 2
    assert f"Brug: innosearch {group}" in result.stdout
    assert "Fejl" not in result.stderr and "Missing" not in result.output


def test_a_restore_counts_one_document_in_the_singular(tmp_path):
    one = tmp_path / "one"
    name, fields = next(iter(SAMPLE_CASES.items()))
    write_case(one, name, **fields)
    home, again, copy = tmp_path / "home", tmp_path / "again", tmp_path / "kopi"
    assert run("ingest", one, "--home", home).exit_code == 0
    assert run("backup", copy, "--home", home).exit_code == 0
    first = run("restore", copy, "--home", again)
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{again} er gendannet fra {copy}: 1 dokument.\n"
    second = run("restore", copy, "--home", again)
    assert second.stdout == f"{again} er gendannet fra {copy}: 1 dokument før, 1 dokument nu.\n"


def test_a_restore_from_a_missing_folder_says_it_is_missing(indexed, tmp_path):
    result = run("restore", tmp_path / "kopi-2024", "--home", indexed)
    assert result.exit_code == 2
    assert result.stderr == f"Fejl: {tmp_path / 'kopi-2024'} findes ikke\n"


def tsv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_of_a_missing_file_says_so_in_danish(indexed, tmp_path):
    qrels = tsv(tmp_path / "qrels.tsv", "query_id\tsource\tgrade", "1\tklima-skybrud.json\t2")
    missing = tmp_path / "queries.tsv"
    result = run("eval", "--queries", missing, "--qrels", qrels, "--home", indexed)
    assert result.exit_code == 2
    assert result.stderr == f"Fejl: {missing} findes ikke\n"


def test_eval_with_nothing_to_measure_is_an_error_not_scores_of_zero(indexed, tmp_path):
    queries = tsv(tmp_path / "queries.tsv", "query_id\tquery", "1\tskybrud og kældre")
    qrels = tsv(tmp_path / "qrels.tsv", "query_id\tsource\tgrade", "7\tklima-skybrud.json\t2")
    result = run("eval", "--queries", queries, "--qrels", qrels, "--home", indexed, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Fejl: Intet at måle: {queries} har 1 forespørgsel, {qrels} vurderer 1 forespørgsel, "
        "og ingen query_id findes i begge.\n"
    )


def test_eval_names_its_count_in_danish(indexed, tmp_path):
    queries = tsv(tmp_path / "queries.tsv", "query_id\tquery", "1\tskybrud og kældre")
    qrels = tsv(tmp_path / "qrels.tsv", "query_id\tsource\tgrade", "1\tklima-skybrud.json\t2")
    result = run("eval", "--queries", queries, "--qrels", qrels, "--home", indexed)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "forespørgsler: 1"


def test_an_ingest_that_finds_nothing_to_read_says_so(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    result = run("ingest", empty, "--home", tmp_path / "home", "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"ADVARSEL Der var intet at indlæse: ingen filer, innosearch kan læse, i {empty}.\n"
    )
    assert result.stdout.startswith('{"added": 0')  # stdout stays JSON alone


def test_an_ingest_that_read_something_says_nothing_more(indexed, case_folder):
    assert run("ingest", case_folder, "--home", indexed).stderr == ""


@pytest.mark.parametrize("shape", ["{id}", "http://127.0.0.1:8000/fulgt/{id}", "{base}/feed.xml"])
def test_saved_remove_takes_the_link_that_saved_list_shows(indexed, shape):
    added = run("saved", "add", "skybrud", "--home", indexed)
    page = next(line for line in added.stdout.splitlines() if "/fulgt/" in line).split()[-1]
    saved_id = page.rsplit("/", 1)[1]
    given = shape.format(id=saved_id, base=f"http://127.0.0.1:8000/api/saved/{saved_id}")
    removed = run("saved", "remove", given, "--home", indexed)
    assert removed.exit_code == 0, removed.output
    assert run("saved", "list", "--home", indexed).stdout.splitlines()[0] == "0 fulgte udfordringer"
