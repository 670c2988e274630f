"""The one place that decides which embedder a setting means."""

import numpy as np

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.base import Embedder
from innosearch.embed.hashing import MODEL_ID as HASHING_MODEL
from innosearch.embed.hashing import HashingEmbedder


def load_embedder(settings: Settings) -> Embedder:
    """The bundled e5 model, the test embedder, or any sentence-transformers name or path."""
    if settings.model == HASHING_MODEL:
        return HashingEmbedder()
    if settings.model == DEFAULT_MODEL:
        # ONNX Runtime, not torch: as fast for passages as torch in bfloat16 and faster for
        # queries, at the same vectors, in a third of the memory (docs/speed.md).
        from innosearch.embed.onnx_build import ensure_onnx_model
        from innosearch.embed.onnx_runtime import OnnxEmbedder

        precision = "float32" if settings.embed_precision == "auto" else settings.embed_precision
        OnnxEmbedder.check_precision(precision)
        path = ensure_onnx_model(settings.cache_dir, precision)
        return OnnxEmbedder(path, DEFAULT_MODEL, settings.embed_batch_size, precision)
    # Imported here: torch and sentence-transformers take seconds and >1 GB to load, and many
    # commands never embed anything.
    from innosearch.embed.sentence_transformers import (
        SentenceTransformerEmbedder,
        passage_precision,
    )

    precision = passage_precision(settings.embed_precision)
    return SentenceTransformerEmbedder(
        settings.model, settings.model, settings.embed_batch_size, precision
    )


class LazyEmbedder:
    """An embedder that loads its model on first use.

    Reads that embed nothing (stats, export, related, a document page) then never import torch;
    `model_id` is known from the settings without loading anything.
    """

    def __init__(self, settings: Settings):
        self._settings = settings
        self._loaded: Embedder | None = None
        self.model_id = HASHING_MODEL if settings.model == HASHING_MODEL else settings.model

    @property
    def loaded(self) -> Embedder:
        if self._loaded is None:
            self._loaded = load_embedder(self._settings)
        return self._loaded

    @property
    def dim(self) -> int:
        return self.loaded.dim

    @property
    def precision(self) -> str:
        return self.loaded.precision

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.loaded.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.loaded.embed_passages(texts)
