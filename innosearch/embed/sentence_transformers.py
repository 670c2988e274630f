"""A sentence-transformers model loaded offline from a local folder."""

import os
import unicodedata
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from innosearch.errors import ModelUnavailable

PRECISIONS = ("auto", "float32", "bfloat16")


def cpu_has_bf16() -> bool:
    """Whether the CPU computes bfloat16 natively (AVX512-BF16 or AMX), from /proc/cpuinfo."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def passage_precision(setting: str) -> str:
    """The precision passages are embedded in: bfloat16 where the CPU has it, unless told."""
    if setting not in PRECISIONS:
        raise ModelUnavailable(
            f"Ukendt præcision '{setting}' (INNOSEARCH_EMBED_PRECISION). "
            f"Mulige værdier: {', '.join(PRECISIONS)}."
        )
    if setting == "auto":
        return "bfloat16" if cpu_has_bf16() else "float32"
    return setting


def _looks_like_a_folder(path: str) -> bool:
    """A path on this machine, not a model name such as "intfloat/multilingual-e5-large"."""
    return path.startswith(("/", ".", "~"))


def _missing_model(path: str) -> str | None:
    """Why no model can be loaded from `path` (a folder, or a name in the local hub cache)."""
    if _looks_like_a_folder(path):
        if Path(path).expanduser().is_dir():
            return None
        return (
            f"der er ingen mappe {path}. Angiv en mappe med en sentence-transformers-model i "
            "INNOSEARCH_MODEL."
        )
    from huggingface_hub import constants, try_to_load_from_cache

    if isinstance(try_to_load_from_cache(path, "config.json"), str):
        return None
    return (
        f"den er ikke i den lokale model-cache ({constants.HF_HUB_CACHE}), og innosearch henter "
        "intet fra nettet. Læg modellen i cachen, eller angiv en mappe med den i INNOSEARCH_MODEL."
    )


def _is_e5(model_id: str) -> bool:
    return "e5" in model_id.lower().rsplit("/", 1)[-1]


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded offline; e5 models get their query/passage prefixes."""

    def __init__(self, path: str, model_id: str, batch_size: int = 16, precision: str = "float32"):
        # Said before the library is asked, which answers in English about a hub's names.
        missing = _missing_model(path)
        if missing:
            raise ModelUnavailable(f"Embeddingmodellen '{model_id}' findes ikke: {missing}")
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
        # Queries stay float32: one short text gains nothing, and the index's space is fixed by
        # the passages, which bfloat16 moves by less than the quality measurements can see.
        self.precision = precision
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
        import torch

        autocast = (
            torch.autocast("cpu", dtype=torch.bfloat16)
            if self.precision == "bfloat16"
            else nullcontext()
        )
        with autocast:
            return self._encode(texts, self._passage_prefix)
