"""The one place that decides which embedder a setting means."""

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.base import Embedder
from innosearch.embed.hashing import MODEL_ID as HASHING_MODEL
from innosearch.embed.hashing import HashingEmbedder


def load_embedder(settings: Settings) -> Embedder:
    """The bundled e5 model, the test embedder, or any sentence-transformers name or path."""
    if settings.model == HASHING_MODEL:
        return HashingEmbedder()
    # Imported here: torch and sentence-transformers take seconds and >1 GB to load, and many
    # commands never embed anything.
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    if settings.model == DEFAULT_MODEL:
        from innosearch.embed.e5_weights import ensure_default_model

        path = ensure_default_model(settings.cache_dir)
        return SentenceTransformerEmbedder(str(path), DEFAULT_MODEL, settings.embed_batch_size)
    return SentenceTransformerEmbedder(settings.model, settings.model, settings.embed_batch_size)
