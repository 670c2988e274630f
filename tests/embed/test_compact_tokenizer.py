"""The compact tokenizer must give the `tokenizers` library's ids for tokenizer.json."""

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from tokenizers import Tokenizer

from innosearch.embed.compact_tokenizer import (
    MODEL_FILE,
    CompactTokenizer,
    compact_folder,
    ensure_compact_tokenizer,
)
from innosearch.embed.e5_weights import default_tokenizer_path
from innosearch.errors import ModelUnavailable
from innosearch.ingest.chunk import chunk_document
from innosearch.ingest.registry import parse_file
from innosearch.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
DOCUMENTS = [SHARED / "real-docs", SHARED / "dev-eval" / "corpus", ROOT / "data" / "cases"]
QUESTIONS = [SHARED / "dev-eval", SHARED / "dev-eval-real", ROOT / "bench" / "challenges"]
MAX_LENGTH = 512

LONG_TEXT = " ".join(["Kommunen afprøvede velfærdsteknologi i hjemmeplejen."] * 120)
EDGE_CASES = [
    "",
    " ",
    "   ",
    "\t\n",
    "hjemmepleje",
    " hjemmepleje",
    "hjemmepleje ",
    "  to  mellemrum  overalt  ",
    "tab\tog\nlinjeskift\r\nog\n\nafsnit",
    "ﬁnansiering ½ Ⅻ ｶﾀｶﾅ ＡＢＣ ① ㎞ ™",  # NFKC changes every one of these
    "e\u0301n og e\u0301t",  # combining accents, not composed
    "nul\u200bbredde\u00a0og\u3000ideografisk mellemrum\ufeff",
    "kontrol\x00\x01\x7ftegn",
    "emoji 😀 👩‍👩‍👧 🇩🇰 og 👍🏽",
    "中文测试 日本語のテキスト 한국어",
    "tal 1234567890 1.234,56 kr. 2019-2022 §12 stk. 3",
    "Ærø, Faaborg-Midtfyn og Høje-Taastrup",
    "ß ẞ ǅ ŉ İ ﬀ",
    "▁allerede▁metaspace ▁",
    "en" + "meget" * 80 + "langtord",
    LONG_TEXT,
    "<s>",
    "<s> typet <mask> midt i </s> teksten <pad><unk>",
    "query: <mask>",
    "<s" + ">" * 3 + "</s </s>>",
]


def _documents() -> tuple[list[str], list[str]]:
    """(passages as ingest embeds them, sentences) of every document in DOCUMENTS."""
    passages, sentences = [], []
    # ../shared is beside a checkout on the development machine, not in every clone.
    for folder in (f for f in DOCUMENTS if f.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.suffix not in {".md", ".pdf", ".json"}:
                continue
            for doc in parse_file(path):
                passages += [draft.embed_text for draft in chunk_document(doc)]
                for section in doc.sections:
                    sentences += split_sentences(section.text)
    return passages, sentences


def _questions() -> list[str]:
    questions = []
    for folder in (f for f in QUESTIONS if (f / "queries.tsv").is_file()):
        lines = (folder / "queries.tsv").read_text(encoding="utf-8").splitlines()[1:]
        questions += [line.split("\t", 1)[1] for line in lines if line.strip()]
    return questions


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    shutil.copyfile(default_tokenizer_path(), folder / "tokenizer.json")
    return folder


@pytest.fixture(scope="module")
def compact(model_folder: Path) -> CompactTokenizer:
    return CompactTokenizer(ensure_compact_tokenizer(model_folder), MAX_LENGTH)


@pytest.fixture(scope="module")
def reference() -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(default_tokenizer_path()))
    tokenizer.enable_truncation(max_length=MAX_LENGTH)
    return tokenizer


def _differences(
    compact: CompactTokenizer, reference: Tokenizer, texts: list[str]
) -> list[tuple[list[int], list[int]]]:
    """(theirs, ours) for each text, as is and as the embedder sends it, where the ids differ."""
    sent = texts + [f"{kind}: {unicodedata.normalize('NFC', t)}" for t in texts for kind in "qp"]
    expected = [encoding.ids for encoding in reference.encode_batch(sent)]
    ours = compact.encode_batch(sent)
    return [(theirs, mine) for theirs, mine in zip(expected, ours, strict=True) if theirs != mine]


def _equally_likely(reference: Tokenizer, theirs: list[int], ours: list[int]) -> bool:
    """Both are segmentations of the same text into pieces whose scores add up to the same."""
    scores = dict(json.loads(reference.to_str())["model"]["vocab"])
    pieces = [[reference.id_to_token(i) for i in ids] for ids in (theirs, ours)]
    totals = [sum(scores[piece] for piece in side) for side in pieces]
    return "".join(pieces[0]) == "".join(pieces[1]) and abs(totals[0] - totals[1]) < 1e-4


def test_the_same_ids_on_every_real_passage_sentence_and_question(compact, reference) -> None:
    """Except where the Unigram model has two best segmentations (a tie) and picks the other.

    A run of one character splits into the same pieces in another order ("├───" as "──" + "─"
    rather than "─" + "──"): both segmentations are equally likely, and the float rounding of the
    scores summed along the word breaks the tie (sentencepiece sums in float32, `tokenizers` in
    float64). 6 of the 11,922 texts here; their vectors stay within cosine 0.999
    (tests/embed/test_onnx_runtime.py).
    """
    passages, sentences = _documents()
    questions = _questions()
    texts = passages + sentences + questions
    assert len(passages) >= 300 and len(sentences) >= 2000 and len(questions) >= 50
    differences = _differences(compact, reference, texts)
    assert len(differences) <= len(texts) * 3 // 1000
    assert all(_equally_likely(reference, *pair) for pair in differences)


def test_a_tie_is_broken_the_other_way_and_nothing_else_differs(compact, reference) -> None:
    ties = ["Fortsættes....", "├───FleetCom"]
    differences = _differences(compact, reference, ties)
    assert len(differences) >= len(ties)
    assert all(_equally_likely(reference, *pair) for pair in differences)


def test_the_same_ids_on_hand_written_edge_cases(compact, reference) -> None:
    assert _differences(compact, reference, EDGE_CASES) == []
    assert [compact.encode(text) for text in EDGE_CASES] == compact.encode_batch(EDGE_CASES)


def test_the_edge_cases_reach_what_they_are_there_for(compact) -> None:
    """Truncated to 512 with </s> last, typed special tokens as their ids, unknowns kept."""
    long_ids = compact.encode(LONG_TEXT)
    assert len(long_ids) == MAX_LENGTH and long_ids[0] == 0 and long_ids[-1] == 2
    assert compact.encode("") == [0, 2]
    assert compact.encode("<s> typet <mask>")[:2] == [0, 0] and 250001 in compact.encode("<mask>")
    assert 3 in compact.encode("中文测试 日本語のテキスト 한국어 \U0001f9ec")  # <unk>


def test_it_is_built_once_with_a_line_saying_so(tmp_path: Path) -> None:
    shutil.copyfile(default_tokenizer_path(), tmp_path / "tokenizer.json")
    script = (
        "import sys; from pathlib import Path\n"
        "from innosearch.embed.compact_tokenizer import ensure_compact_tokenizer\n"
        "print(ensure_compact_tokenizer(Path(sys.argv[1])))\n"
    )
    command = [sys.executable, "-c", script, str(tmp_path)]
    runs = [subprocess.run(command, capture_output=True, text=True) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert "mangler sin kompakte tokenizer; bygger den én gang" in runs[0].stderr
    assert "klar efter" in runs[0].stderr and runs[1].stderr == ""
    built = Path(runs[0].stdout.strip())
    assert built == compact_folder(tmp_path) and (built / MODEL_FILE).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_tokenizer_of_another_kind_is_refused_in_danish(tmp_path: Path) -> None:
    spec = json.loads(default_tokenizer_path().read_text(encoding="utf-8"))
    spec["normalizer"]["normalizers"].pop()  # no collapse of repeated spaces
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="ikke den forventede tokenizer"):
        ensure_compact_tokenizer(tmp_path)
    assert not compact_folder(tmp_path).exists()
