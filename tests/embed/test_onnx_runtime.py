"""The ONNX Runtime embedder must put texts where the torch model does, without loading torch."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.onnx_build import ensure_onnx_model, onnx_path
from innosearch.embed.onnx_export import (
    EXPORT_FORMAT,
    WORD_TABLE,
    save_float32_table_copy,
    weights_path,
)
from innosearch.embed.onnx_runtime import OnnxEmbedder
from innosearch.errors import ModelUnavailable
from tests.embed.test_e5_weights import SENTENCES

pytestmark = pytest.mark.model

CASES = Path(__file__).parents[2] / "data" / "cases"


def _case_texts() -> list[str]:
    """Real Danish case text: each bundled case's title, its summary, and all its text at once."""
    texts = []
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        fields = [value for value in case.values() if isinstance(value, str)]
        texts += [case["title"], case.get("summary", case["title"]), "\n\n".join(fields)]
    return texts


# Short questions, sentences, whole cases, and one far beyond the 512-token truncation.
TEXTS = SENTENCES + _case_texts()[:60] + [" ".join(_case_texts()[2::3])]


@pytest.fixture(scope="module")
def folder() -> Path:
    return ensure_onnx_model(Settings().cache_dir)


@pytest.fixture(scope="module")
def onnx(folder: Path) -> OnnxEmbedder:
    return OnnxEmbedder(folder, DEFAULT_MODEL)


@pytest.fixture(scope="module")
def torch_model(folder: Path):
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(str(folder), DEFAULT_MODEL)


def test_the_texts_are_many_varied_and_some_are_truncated(onnx: OnnxEmbedder) -> None:
    lengths = [len(onnx._tokenizer.encode(text)) for text in TEXTS]
    assert len(TEXTS) >= 50
    assert min(lengths) < 10 and lengths.count(512) >= 1


@pytest.mark.parametrize("kind", ["queries", "passages"])
def test_vectors_match_the_torch_model(onnx: OnnxEmbedder, torch_model, kind: str) -> None:
    ours = getattr(onnx, f"embed_{kind}")(TEXTS)
    theirs = getattr(torch_model, f"embed_{kind}")(TEXTS)
    assert ours.dtype == np.float32 and ours.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999, [TEXTS[i][:60] for i in np.flatnonzero(cosines < 0.999)]


def test_a_batch_gives_each_text_the_vector_it_gets_alone(onnx: OnnxEmbedder) -> None:
    """Padding to the batch's longest text and sorting by length change nothing."""
    texts = TEXTS[::7]
    together = onnx.embed_passages(texts)
    alone = np.vstack([onnx.embed_passages([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert onnx.embed_queries([]).shape == (0, 384)


def test_the_mapped_export_gives_the_vectors_of_the_single_file_one(
    folder: Path, onnx: OnnxEmbedder, tmp_path: Path
) -> None:
    """The weights moved to their own file are the same weights: the same vectors, to the bit."""
    import onnx as onnx_lib

    inline = tmp_path / "inline"
    (inline / "onnx").mkdir(parents=True)
    for item in folder.iterdir():
        if item.name != "onnx":
            (inline / item.name).symlink_to(item)
    model = onnx_lib.load(str(onnx_path(folder, "float32")))  # reads the weights file in
    onnx_lib.save_model(model, str(onnx_path(inline, "float32")))
    before = OnnxEmbedder(inline, DEFAULT_MODEL)
    assert not weights_path(onnx_path(inline, "float32")).exists()
    for kind in ("queries", "passages"):
        texts = TEXTS[::3]
        np.testing.assert_array_equal(
            getattr(onnx, f"embed_{kind}")(texts), getattr(before, f"embed_{kind}")(texts)
        )


def test_the_word_table_is_float16_and_gives_the_vectors_of_a_float32_one(
    folder: Path, onnx: OnnxEmbedder, tmp_path: Path
) -> None:
    """Every value of the table is a float16, so storing it as one changes no vector at all."""
    import onnx as onnx_lib

    graph = onnx_lib.load(str(onnx_path(folder, "float32")), load_external_data=False)
    (table,) = [t for t in graph.graph.initializer if t.name == WORD_TABLE]
    assert table.data_type == onnx_lib.TensorProto.FLOAT16 and table.dims[1] == 384
    assert "EmbedLayerNormalization" not in {node.op_type for node in graph.graph.node}
    before = OnnxEmbedder(save_float32_table_copy(folder, tmp_path / "float32"), DEFAULT_MODEL)
    for kind in ("queries", "passages"):
        texts = TEXTS[::3]
        np.testing.assert_array_equal(
            getattr(onnx, f"embed_{kind}")(texts), getattr(before, f"embed_{kind}")(texts)
        )


_MAPPED = """
import sys
from pathlib import Path
from innosearch.embed.onnx_runtime import OnnxEmbedder
folder, weights = Path(sys.argv[1]), sys.argv[2]
embedder = OnnxEmbedder(folder, "e5")
assert OnnxEmbedder(folder, "e5")._tokenizer is embedder._tokenizer  # one per process
embedder.embed_queries([f"ældre i eget hjem {i}" for i in range(20)])
resident = mapped = 0
inside = False
for line in open("/proc/self/smaps"):
    if line[0] in "0123456789abcdef":  # a mapping's header line; its fields start upper case
        inside = line.rstrip().endswith(weights)
        mapped += inside
    elif inside and line.startswith("Rss:"):
        resident += int(line.split()[1]) * 1024
print(mapped, resident)
"""


def test_the_query_session_maps_its_weights_instead_of_copying_them(folder: Path) -> None:
    """ONNX Runtime computes on the mapped weights file: only the rows looked up are resident."""
    model = onnx_path(folder, "float32")
    weights = weights_path(model)
    done = subprocess.run(
        [sys.executable, "-c", _MAPPED, str(folder), str(weights)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    mappings, resident = map(int, done.stdout.split())
    assert mappings >= 1, "the weights were copied into the process, not mapped"
    # The word-embedding table alone is 192 MB of the file; 20 short queries touch a few rows.
    assert weights.stat().st_size > 250e6 and resident < 100e6, resident


def test_a_tie_broken_the_other_way_keeps_the_vector(folder: Path, onnx: OnnxEmbedder) -> None:
    """Where the compact tokenizer splits a tie differently (test_compact_tokenizer.py).

    As close as the ONNX export is to torch: 0.9992 for the short question, measured.
    """
    from tokenizers import Tokenizer

    reference = Tokenizer.from_file(str(folder / "tokenizer.json"))
    session = onnx._loaded("query")
    differing = 0
    for text in ["query: Fortsættes....", "query: ├───FleetCom"]:
        theirs, ours = reference.encode(text).ids, onnx._tokenizer.encode(text)
        # Which way a tie falls depends on the sentencepiece release (0.2.1 and 0.2.3 differ on
        # the first text); the vector must stay close either way.
        differing += theirs != ours
        cosine = (onnx._run(session, [theirs]) * onnx._run(session, [ours])).sum()
        assert cosine >= 0.999, (text, cosine)
    assert differing, "no tie broken the other way: the test no longer compares anything"


def test_nfc_and_nfd_give_the_same_vector(onnx: OnnxEmbedder) -> None:
    composed = "Ældre på plejehjem får tilbudt rådgivning"
    decomposed = "Ældre på plejehjem får tilbudt rådgivning".replace("å", "a\u030a")
    np.testing.assert_allclose(*[onnx.embed_queries([t])[0] for t in (composed, decomposed)])


def test_int8_passages_stay_close_to_float32(folder: Path, onnx: OnnxEmbedder) -> None:
    int8 = OnnxEmbedder(ensure_onnx_model(Settings().cache_dir, "int8"), DEFAULT_MODEL, 16, "int8")
    assert int8.precision == "onnx-int8"
    cosines = (int8.embed_passages(TEXTS) * onnx.embed_passages(TEXTS)).sum(axis=1)
    # Measured minimum 0.995 (docs/speed.md): close, but short of the 0.999 the query path keeps.
    assert cosines.min() >= 0.99
    # Queries stay float32 whatever the passages use.
    np.testing.assert_allclose(int8.embed_queries(TEXTS[:5]), onnx.embed_queries(TEXTS[:5]))


def test_an_unknown_precision_is_refused_in_danish(folder: Path) -> None:
    with pytest.raises(ModelUnavailable, match="ONNX Runtime.*'bfloat16'.*auto, float32, int8"):
        OnnxEmbedder(folder, DEFAULT_MODEL, precision="bfloat16")


_NO_TORCH = """
import json, sys
from pathlib import Path
from innosearch.embed.onnx_runtime import OnnxEmbedder
embedder = OnnxEmbedder(Path(sys.argv[1]), "e5")
vectors = embedder.embed_queries(["ældre i eget hjem"]), embedder.embed_passages(["Tekst."])
heavy = {"torch", "sentence_transformers", "transformers"} & set(sys.modules)
print(json.dumps([[v.shape for v in vectors], sorted(heavy)]))
"""


def test_it_never_imports_torch(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _NO_TORCH, str(folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[[1, 384], [1, 384]], []]


def test_a_cache_without_the_onnx_file_gets_it_on_first_use(tmp_path: Path, onnx) -> None:
    """A cache built before the export existed: exported once, said so, and recorded."""
    script = (
        "import sys; from pathlib import Path\n"
        "from innosearch.embed.e5_weights import ensure_default_model\n"
        "from innosearch.embed.onnx_build import ensure_onnx_model\n"
        "ensure_default_model(Path(sys.argv[1]))\n"  # the old build step, without ONNX
        "print('bygget', flush=True)\n"
        "print(ensure_onnx_model(Path(sys.argv[1])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.splitlines()[-1])
    assert "mangler sin ONNX-udgave (float32); eksporterer den én gang" in done.stderr
    assert onnx_path(folder, "float32").is_file()
    assert weights_path(onnx_path(folder, "float32")).is_file()
    assert not list(onnx_path(folder, "float32").parent.glob(".*tmp*"))
    recorded = json.loads((folder / "innosearch_build.json").read_text())["onnx"]["float32"]
    assert recorded["file"] == "onnx/model.onnx" and recorded["opset"] == 17
    assert recorded["weights"] == "onnx/model.onnx.data" and recorded["format"] == EXPORT_FORMAT
    fresh = OnnxEmbedder(folder, DEFAULT_MODEL)
    np.testing.assert_allclose(fresh.embed_queries(TEXTS), onnx.embed_queries(TEXTS), atol=1e-5)
