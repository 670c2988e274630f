"""The command line through typer's runner, on a home built in a temporary folder."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from innosearch import cli
from innosearch.cli import common
from innosearch.config import DEFAULT_MODEL
from innosearch.embed.hashing import HashingEmbedder
from innosearch.ingest.pipeline import Ingestor
from innosearch.taxonomy import SECTORS
from tests.conftest import write_case

runner = CliRunner()


@pytest.fixture(autouse=True)
def hashing_model(monkeypatch):
    """Every command reads its settings from the environment: the test embedder, no home."""
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    monkeypatch.delenv("INNOSEARCH_HOME", raising=False)
    # In-process ingests would lower the test run's own priority; one test checks it apart.
    monkeypatch.setenv("INNOSEARCH_INGEST_NICENESS", "0")
    # Wide consoles, so that messages are asserted whole rather than as wrapped lines. Widened in
    # place: every command module holds the shared consoles under its own name.
    for console in (common.out, common.err):
        monkeypatch.setattr(console, "_width", 500)


def run(*args: str | Path) -> object:
    return runner.invoke(cli.app, [str(a) for a in args])


@pytest.fixture
def home(tmp_path: Path, case_folder: Path) -> Path:
    home = tmp_path / "home"
    result = run("ingest", case_folder, "--home", home)
    assert result.exit_code == 0, result.output
    return home


def exported(home: Path) -> list[dict]:
    result = run("export", "--home", home)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def doc_id(home: Path, source: str) -> str:
    return next(d["id"] for d in exported(home) if d["source"] == source)


def test_ingest_reports_what_it_did_and_is_incremental(tmp_path, case_folder):
    home = tmp_path / "home"
    first = run("ingest", case_folder, "--home", home, "--json")
    assert first.exit_code == 0
    summary = {"added": 3, "updated": 0, "unchanged": 0, "removed": 0, "failed": 0, "errors": []}
    summary |= {"skipped": 0, "skipped_sources": [], "warnings": 0, "warned": [], "alerts": {}}
    assert json.loads(first.stdout) == summary
    again = run("ingest", case_folder, "--home", home)
    assert again.exit_code == 0
    assert again.stdout == ("Tilføjet: 0  Opdateret: 0  Uændret: 3  Fjernet: 0  Fejlet: 0\n")


def test_ingest_yields_the_cpu_by_the_configured_niceness(tmp_path, case_folder):
    script = (
        "import os, sys\n"
        "from innosearch import cli\n"
        "before = os.nice(0)\n"
        "try:\n"
        "    cli.app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(os.nice(0) - before)\n"
    )
    env = {"INNOSEARCH_MODEL": "hashing", "INNOSEARCH_INGEST_NICENESS": "7", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", script, "ingest", str(case_folder), "--home", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(Path(cli.__file__).parents[2])},
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "7"


def test_a_missing_path_is_reported_and_fails_the_ingest(tmp_path):
    missing = tmp_path / "findes-ikke"
    result = run("ingest", missing, "--home", tmp_path / "home")
    assert result.exit_code == 1
    assert result.stderr == f"FEJL {missing}: findes ikke\n"
    assert "Fejlet: 1" in result.stdout


def test_search_json_has_the_shared_hit_shape(home):
    result = run("search", "skybrud og oversvømmede kældre", "--home", home, "--json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert set(body) == {
        "query",
        "corrected_from",
        "notice",
        "total",
        "limit",
        "offset",
        "results",
        "own_sector",
        "own_sector_basis",
        "own_sector_reason",
        "inspiration",
    }
    assert (body["own_sector"], body["own_sector_basis"]) == ("klima_miljoe", "results")
    assert body["query"] == "skybrud og oversvømmede kældre" and body["total"] == 3
    assert body["corrected_from"] is None and body["notice"] is None
    top = body["results"][0]
    assert top["source"] == "klima-skybrud.json"
    assert top["labels"]["sector"] == "Klima og miljø"
    assert top["contact"] == {"name": None, "email": None, "phone": None}
    assert set(top["snippet"]) == {"text", "marks", "section", "page"}
    assert isinstance(top["score"], float) and "reason" in top


def test_search_table_shows_the_cases(home):
    result = run("search", "læsning i skolen", "--home", home, "--sector", "skole")
    assert result.exit_code == 0
    assert "1 sag for: læsning i skolen" in result.stdout
    assert "Læseløft i indskolingen" in result.stdout and "Skole og uddannelse" in result.stdout


def test_search_table_says_which_sector_the_panel_assumed(home):
    # No sector named: the text output names the assumed sector and why, panel or no panel.
    result = run("search", "skybrud og oversvømmede kældre", "--home", home)
    assert result.exit_code == 0
    assert "Inspiration fra andre sektorer end Klima og miljø" in result.stdout
    assert "I har ikke valgt en sektor, så vi har antaget Klima og miljø" in result.stdout
    named = run("search", "skybrud", "--home", home, "--own-sector", "klima_miljoe")
    assert "Inspiration fra andre sektorer end Klima og miljø" in named.stdout
    assert "antaget" not in named.stdout


def test_search_says_why_a_question_without_content_words_was_not_searched(home):
    result = run("search", "Hvordan gør andre?", "--home", home)
    assert result.exit_code == 0
    assert "»Hvordan gør andre?« siger ikke, hvad udfordringen handler om" in result.stdout
    assert "sager for" not in result.stdout
    unknown = run("search", "espresso", "--home", home, "--json")
    assert json.loads(unknown.stdout)["notice"]["code"] == "words_not_found"


def test_related_lists_the_other_cases(home):
    skybrud = doc_id(home, "klima-skybrud.json")
    result = run("related", skybrud, "--home", home, "--json")
    assert result.exit_code == 0
    sources = {hit["source"] for hit in json.loads(result.stdout)}
    assert sources == {"aeldre-rehab.json", "skole-laesning.json"}
    table = run("related", skybrud, "--home", home, "--limit", "1")
    assert f"Relaterede sager til {skybrud}" in table.stdout


def test_effects_lists_documented_effect_and_writes_csv(home, tmp_path):
    result = run("effects", "--home", home, "--json")
    assert result.exit_code == 0
    assert [hit["source"] for hit in json.loads(result.stdout)["results"]] == ["aeldre-rehab.json"]
    csv_file = tmp_path / "effekt.csv"
    written = run("effects", "ældre", "--home", home, "--min-level", "0", "--csv", csv_file)
    assert written.exit_code == 0
    assert written.stdout == f"3 sager gemt i {csv_file}\n"
    assert csv_file.read_bytes().startswith("\ufefftitel;".encode())


def test_export_writes_every_document_as_json_lines(home):
    assert sorted(d["source"] for d in exported(home)) == [
        "aeldre-rehab.json",
        "klima-skybrud.json",
        "skole-laesning.json",
    ]


def test_import_reads_an_export_back_into_an_empty_home(home, tmp_path):
    export = tmp_path / "eksport.jsonl"
    export.write_text(run("export", "--home", home).stdout, encoding="utf-8")
    copy = tmp_path / "kopi"
    imported = run("import", export, "--home", copy, "--json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["added"] == 3
    assert exported(copy) == exported(home)
    query = ("search", "skybrud og kældre", "--json", "--home")
    assert run(*query, copy).stdout == run(*query, home).stdout


def test_stats(home):
    figures = json.loads(run("stats", "--home", home, "--json").stdout)
    assert figures["documents"] == 3 and figures["model"] == "hashing"
    text = run("stats", "--home", home)
    assert text.exit_code == 0 and "Dokumenter: 3\n" in text.stdout
    assert "Efter sektor: " in text.stdout and "Klima og miljø 1" in text.stdout


def test_eval_measures_the_judged_queries(home, tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text("query_id\tquery\n1\tskybrud og kældre\n", encoding="utf-8")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query_id\tsource\tgrade\n1\tklima-skybrud.json\t2\n", encoding="utf-8")
    args = ("eval", "--queries", queries, "--qrels", qrels, "--home", home)
    body = json.loads(run(*args, "--json").stdout)
    assert body["queries"] == 1 and body["mrr"] == 1.0
    assert body["per_query"][0]["top"][0] == "klima-skybrud.json"
    assert "ndcg@10: 1.0\n" in run(*args).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("search", "ældre", "--sector", "rumfart"),
            "Ukendt sektor 'rumfart' (sector). Mulige værdier: "
            + ", ".join(f"{key} ({name})" for key, name in SECTORS.items())
            + ".",
        ),
        (("search", "   "), "Skriv en søgning: beskriv jeres udfordring med et par ord."),
        (("related", "findes-ikke"), "Der findes ingen sag med id 'findes-ikke'."),
        (("effects", "--min-level", "9"), "min_level skal være et tal fra 0 til 4."),
    ],
)
def test_domain_errors_print_the_danish_message_and_exit_2(home, args, message):
    result = run(*args, "--home", home)
    assert result.exit_code == 2
    assert result.stderr == f"Fejl: {message}\n"
    assert result.stdout == ""


def test_a_home_built_with_another_model_is_refused_without_loading_any(home, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MODEL", DEFAULT_MODEL)
    result = run("stats", "--home", home)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Fejl: Indekset i {home} er bygget med modellen 'hashing' (64 dimensioner), men den "
        f"valgte model er '{DEFAULT_MODEL}'. Vælg samme model, eller byg indekset på ny i en "
        "anden mappe (INNOSEARCH_HOME).\n"
    )


def test_a_model_folder_that_does_not_exist_is_named_in_danish(tmp_path, monkeypatch):
    missing = tmp_path / "modeller" / "e5-large"
    monkeypatch.setenv("INNOSEARCH_MODEL", str(missing))
    result = run("ingest", tmp_path, "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Fejl: Embeddingmodellen '{missing}' findes ikke: der er ingen mappe {missing}. Angiv "
        "en mappe med en sentence-transformers-model i INNOSEARCH_MODEL.\n"
    )


def test_a_model_name_not_in_the_local_cache_is_named_in_danish(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("INNOSEARCH_MODEL", "intfloat/multilingual-e5-large")
    result = run("ingest", tmp_path, "--home", tmp_path / "home")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fejl: Embeddingmodellen 'intfloat/multilingual-e5-large' findes ikke: den er ikke i den "
        f"lokale model-cache ({tmp_path / 'hub'}), og innosearch henter intet fra nettet. Læg "
        "modellen i cachen, eller angiv en mappe med den i INNOSEARCH_MODEL.\n"
    )


# Runs in a fresh interpreter, so that nothing other tests imported counts; the last line it
# prints names the heavy modules imported (the model's, and the API the CLI does without).
_THEN_LIST_HEAVY = """
import json, sys
{code}
heavy = {{"torch", "sentence_transformers", "onnxruntime", "innosearch.api"}}
print(json.dumps(sorted(heavy & set(sys.modules))))
"""

_COMMANDS = """
from innosearch.cli import app
for args in sys.argv[2:]:
    try:
        app(args.split() + ["--home", sys.argv[1]])
    except SystemExit as exc:
        assert not exc.code, (args, exc.code)
"""


def run_fresh(code: str, *args: str) -> tuple[str, list[str]]:
    """What the code printed, and which of the heavy modules it imported."""
    script = _THEN_LIST_HEAVY.format(code=code)
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    *printed, heavy = done.stdout.splitlines()
    return "\n".join(printed), json.loads(heavy)


def test_reads_that_embed_nothing_never_import_torch(settings, case_folder, monkeypatch):
    """stats, export and related on a home the default model built never load the model."""
    # The test embedder under the default model's id builds such a home in milliseconds.
    Ingestor(settings, HashingEmbedder(model_id=DEFAULT_MODEL)).ingest([case_folder])
    monkeypatch.delenv("INNOSEARCH_MODEL")
    some_id = exported(settings.home)[0]["id"]
    commands = ("stats --json", "export", f"related {some_id} --json")
    printed, heavy = run_fresh(_COMMANDS, str(settings.home), *commands)
    assert f'"model": "{DEFAULT_MODEL}"' in printed
    assert heavy == []


LAZY_DEFAULT = (
    "from innosearch.config import DEFAULT_MODEL, Settings\n"
    "from innosearch.embed.factory import LazyEmbedder\n"
    "embedder = LazyEmbedder(Settings(model=DEFAULT_MODEL))\n"
    "assert embedder.model_id == DEFAULT_MODEL\n"
)


def test_the_lazy_embedder_knows_its_model_without_loading_it():
    assert run_fresh(LAZY_DEFAULT) == ("", [])


@pytest.mark.model
def test_the_lazy_embedder_loads_the_model_on_the_first_embed():
    """The counterpart, which shows that the checks above would notice a load: ONNX, no torch."""
    _, heavy = run_fresh(LAZY_DEFAULT + "embedder.embed_queries(['ældre'])\n")
    assert heavy == ["onnxruntime"]


@pytest.mark.model
def test_a_search_embeds_its_query_without_torch(tmp_path, case_folder, monkeypatch):
    """A read that embeds (search) runs the default model in ONNX Runtime only."""
    monkeypatch.delenv("INNOSEARCH_MODEL")
    home = tmp_path / "home"
    assert run("ingest", case_folder, "--home", home).exit_code == 0
    printed, heavy = run_fresh(_COMMANDS, str(home), "search skybrud --json", "stats --json")
    assert heavy == ["onnxruntime"]
    assert printed.index("Skybrudssikring med regnbede") < printed.index("Læseløft")
    assert '"embed_precision": "onnx-float32"' in printed


def test_a_bad_workers_value_fails_before_anything_is_read(tmp_path, case_folder):
    result = run("ingest", case_folder, "--home", tmp_path / "home", "--workers", "fire")
    assert result.exit_code == 2
    assert result.stderr.startswith("Fejl: Ugyldig værdi 'fire' for --workers")
    assert not (tmp_path / "home" / "store.sqlite3").exists()


@pytest.mark.milvus
def test_stats_names_the_backend_in_use(home, monkeypatch):
    pytest.importorskip("pymilvus")
    monkeypatch.setenv("INNOSEARCH_BACKEND", "milvus")
    result = run("stats", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["backend"] == "milvus" and figures["index_type"] == "milvus"
    assert figures["chunks"] == 3


def test_ctrl_c_during_ingest_keeps_what_was_written_and_says_so(
    tmp_path, case_folder, monkeypatch
):
    home = tmp_path / "home"
    assert run("ingest", case_folder, "--home", home).exit_code == 0
    new_case = '{"title": "Ny sag", "summary": "Droner tilser diger."}'
    (case_folder / "ny.json").write_text(new_case, encoding="utf-8")

    def pressed_ctrl_c(self, texts):  # the test embedder, interrupted while it embeds
        raise KeyboardInterrupt

    monkeypatch.setattr(HashingEmbedder, "embed_passages", pressed_ctrl_c)
    stopped = run("ingest", case_folder, "--home", home)
    assert stopped.exit_code == 130
    assert "Afbrudt. De filer, der nåede at blive gemt, er bevaret" in stopped.stderr
    assert len(exported(home)) == 3  # the home is as the first run left it


def test_a_sector_may_be_given_by_its_danish_label(home):
    by_label = run("search", "borgere", "--home", home, "--sector", "klima og miljø", "--json")
    by_key = run("search", "borgere", "--home", home, "--sector", "klima_miljoe", "--json")
    assert by_label.exit_code == 0 and json.loads(by_label.stdout) == json.loads(by_key.stdout)
    assert json.loads(by_label.stdout)["total"] == 1
    unknown = run("search", "borgere", "--home", home, "--sector", "Rumfart")
    assert unknown.exit_code == 2 and "Ukendt sektor 'Rumfart' (sector)" in unknown.stderr


@pytest.mark.parametrize("command", ["search", "overview", "effects"])
def test_titles_and_names_are_printed_as_they_are_never_read_as_markup(tmp_path, command):
    """A title holding "[/i]" was a rich markup error; "[endelig]" vanished from a name."""
    folder = tmp_path / "sager"
    write_case(
        folder,
        "rapport [endelig].json",
        title="Skybrud [/i] og regnbede [endelig]",
        organisation="Fjordby [Teknik]",
        sector="klima_miljoe",
        summary="Regnbede tager vandet ved skybrud. Oversvømmelserne faldt fra 12 til 3 om året.",
    )
    home = tmp_path / "home"
    assert run("ingest", folder, "--home", home).exit_code == 0
    args = {"search": ["skybrud"], "overview": [], "effects": ["--min-level", "0"]}[command]
    result = runner.invoke(cli.app, [command, *args, "--home", str(home)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "Skybrud [/i] og regnbede [endelig]" in result.stdout
    if command != "overview":
        assert "rapport [endelig].json" in result.stdout
