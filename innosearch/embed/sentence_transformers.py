"""A sentence-transformers model loaded offline from a local folder."""

import os
import unicodedata

import numpy as np

from innosearch.errors import ModelUnavailable


def _is_e5(model_id: str) -> bool:
    return "e5" in model_id.lower().rsplit("/", 1)[-1]


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded offline; e5 models get their query/passage prefixes."""

    def __init__(self, path: str, model_id: str, batch_size: int = 16):
        # Nothing may be fetched from a model hub at run time.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        try:
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many kinds; all mean "cannot load"
            raise ModelUnavailable(
                f"Embeddingmodellen '{model_id}' kunne ikke indlæses fra '{path}': {exc}"
            ) from exc
        self.model_id = model_id
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ModelUnavailable(f"Embeddingmodellen '{model_id}' oplyser ingen dimension.")
        self.dim = int(dim)
        self.batch_size = batch_size
        e5 = _is_e5(model_id)
        self._query_prefix = "query: " if e5 else ""
        self._passage_prefix = "passage: " if e5 else ""

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        prepared = [prefix + unicodedata.normalize("NFC", t) for t in texts]
        if not prepared:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            prepared,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        # One short query gains nothing from several threads, and on a busy 2-core machine the
        # threads stall each other: measured median 965 ms with 2 threads vs 40 ms with 1.
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self._encode(texts, self._query_prefix)
        finally:
            torch.set_num_threads(threads)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prefix)
