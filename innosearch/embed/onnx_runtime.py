"""The default e5 model through ONNX Runtime and sentencepiece: no torch in the process.

The same computation as the sentence-transformers folder it was exported from (onnx_export.py):
"query: "/"passage: " prefixes, NFC, at most 512 tokens, mean pooling over the attention mask, L2
normalisation. Queries always run in float32, so they share the passages' space whatever the
passages were embedded in (tests/embed/test_onnx_runtime.py: cosine >= 0.999 to the torch model).
"""

import functools
import json
import os
import threading
import unicodedata
from pathlib import Path

import numpy as np
import onnxruntime as ort

from innosearch.embed.compact_tokenizer import CompactTokenizer, ensure_compact_tokenizer
from innosearch.embed.onnx_build import onnx_path
from innosearch.errors import ModelUnavailable

ONNX_PRECISIONS = ("float32", "int8")


def _session(path: Path, threads: int, *, arena: bool) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Idle workers spinning for work take the CPU from everything else on a busy machine.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if not arena:
        # The arena keeps the largest batch's activations for the life of the process, and a
        # memory pattern is kept per input shape: a server's queries come in every shape, and a
        # query's activations are small enough to allocate each time (docs/speed.md, memory).
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own kinds; all mean "cannot load"
        raise ModelUnavailable(f"ONNX-modellen '{path}' kunne ikke indlæses: {exc}") from exc


@functools.cache
def _tokenizer(folder: Path, max_length: int) -> CompactTokenizer:
    """One per process: it takes ~70 MiB (docs/speed.md, memory), and never changes once set up."""
    return CompactTokenizer(ensure_compact_tokenizer(folder), max_length)


class OnnxEmbedder:
    """An Embedder running an exported e5 folder; each session is loaded on its first use."""

    def __init__(
        self,
        folder: Path,
        model_id: str,
        batch_size: int = 16,
        precision: str = "float32",
        threads: int | None = None,
    ):
        self.check_precision(precision)
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self._tokenizer = _tokenizer(folder, int(config["max_position_embeddings"]))
        except Exception as exc:  # a missing or damaged file, whichever library noticed it
            raise ModelUnavailable(f"Modelmappen '{folder}' kan ikke læses: {exc}") from exc
        self._pad_id = int(config["pad_token_id"])
        self.model_id = model_id
        self.dim = int(config["hidden_size"])
        self.batch_size = batch_size
        self.precision = f"onnx-{precision}"
        self._folder = folder
        self._passage_file = onnx_path(folder, precision)
        self._threads = threads or os.cpu_count() or 1
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._lock = threading.Lock()

    @staticmethod
    def check_precision(precision: str) -> None:
        """Refuse a precision this engine doesn't compute in, before anything is exported."""
        if precision not in ONNX_PRECISIONS:
            raise ModelUnavailable(
                f"Standardmodellen kører i ONNX Runtime og kan ikke beregne i '{precision}' "
                f"(INNOSEARCH_EMBED_PRECISION). Mulige værdier: auto, {', '.join(ONNX_PRECISIONS)}."
            )

    def _loaded(self, kind: str) -> ort.InferenceSession:
        with self._lock:
            if kind not in self._sessions:
                # One thread for a query: a short text gains nothing from more, and on a busy
                # machine they stall each other (the same measurement as for torch, docs/load.md).
                if kind == "query":
                    query_file = onnx_path(self._folder, "float32")
                    self._sessions[kind] = _session(query_file, 1, arena=False)
                else:
                    self._sessions[kind] = _session(self._passage_file, self._threads, arena=True)
            return self._sessions[kind]

    def _run(self, session: ort.InferenceSession, token_ids: list[list[int]]) -> np.ndarray:
        """Vectors of texts of similar length, padded to the longest of them."""
        width = max(map(len, token_ids))
        ids = np.full((len(token_ids), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(token_ids), width), dtype=np.int64)
        for row, text_ids in enumerate(token_ids):
            ids[row, : len(text_ids)] = text_ids
            mask[row, : len(text_ids)] = 1
        (tokens,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / weights.sum(axis=1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def _embed(self, kind: str, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        session = self._loaded(kind)
        prepared = [f"{kind}: " + unicodedata.normalize("NFC", text) for text in texts]
        # Longest first, so each batch pads little and the slowest batch's cost shows first.
        token_ids = self._tokenizer.encode_batch(prepared)
        order = sorted(range(len(prepared)), key=lambda i: -len(token_ids[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run(session, [token_ids[i] for i in rows])
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed("query", texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed("passage", texts)
