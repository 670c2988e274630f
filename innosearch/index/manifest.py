"""The model manifest of a home: which embedding model and dimension built its vectors."""

from innosearch.errors import ModelMismatch
from innosearch.index.store import Store


def check_model(store: Store, model_id: str, dim: int | None = None) -> None:
    """Refuse to use an index built with another embedding model.

    `dim` may be left out by readers that have not loaded the model: one model id always has
    one dimension, so the id alone tells a mismatch.
    """
    built_with = store.get_meta("model")
    if built_with is None:
        return
    stored_dim = store.get_meta("dim")
    if built_with != model_id or (dim is not None and int(stored_dim or 0) != dim):
        chosen = f"'{model_id}'" + (f" ({dim} dimensioner)" if dim is not None else "")
        raise ModelMismatch(
            f"Indekset i {store.path.parent} er bygget med modellen '{built_with}' "
            f"({stored_dim} dimensioner), men den valgte model er {chosen}. Vælg samme model, "
            "eller byg indekset på ny i en anden mappe (INNOSEARCH_HOME)."
        )
