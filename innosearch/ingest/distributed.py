"""Passage vectors computed by Ray Data across a cluster's workers (the extra innosearch[ray]).

Only the embedding moves: parsing, classification, the embedding cache and the one transaction
that writes a run stay in the ingesting process (ingest/pipeline.py). Vectors stream back a batch
at a time and are cached at once, so a killed distributed run loses no finished work either.

`INNOSEARCH_INGEST_WORKERS` / `--workers` is either a number (a local Ray cluster with that many
workers, started for the run and stopped after it), `ray://host:10001` (Ray Client) or
`host:6379` (the cluster's own address, from a machine that is part of it).
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.errors import InvalidSetting

# Texts per Ray Data batch: large enough to keep a worker's model busy, small enough that
# vectors reach the cache (and the progress bar) every few seconds.
BATCH_TEXTS = 128
_ADDRESS = re.compile(r"^(ray://)?[\w.\-]+:\d+$")


def check_workers(workers: str) -> None:
    """Refuse a value that is neither a worker count nor a cluster address, in Danish."""
    if workers.isdigit() and int(workers) > 0:
        return
    if _ADDRESS.match(workers):
        return
    raise InvalidSetting(
        f"Ugyldig værdi '{workers}' for --workers (INNOSEARCH_INGEST_WORKERS): angiv et antal "
        "arbejdere (fx 4) eller en Ray-adresse (fx ray://127.0.0.1:10001)."
    )


class _EmbedPassages:
    """One per Ray worker: loads the model once, then embeds the batches it is given."""

    def __init__(self, settings: Settings):
        self._embedder = load_embedder(settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self._embedder.embed_passages([str(text) for text in batch["text"]])
        return {"key": batch["key"], "vector": vectors}


class RayPassageVectors:
    """Computes (text hash, text) pairs' vectors on Ray workers, yielding them as they finish."""

    def __init__(self, settings: Settings, workers: str):
        check_workers(workers)
        self._settings = settings
        self._workers = workers

    def __call__(self, todo: list[tuple[str, str]]) -> Iterator[dict[str, bytes]]:
        if not todo:
            return
        ray = _import_ray()
        with self._cluster(ray) as workers:
            # A small run is still spread over every worker.
            batch_size = max(1, min(BATCH_TEXTS, -(-len(todo) // workers)))
            dataset = ray.data.from_items(
                [{"key": key, "text": text} for key, text in todo],
                override_num_blocks=-(-len(todo) // batch_size),  # one block, one actor's batch
            )
            embedded = dataset.map_batches(
                _EmbedPassages,
                fn_constructor_args=(self._settings,),
                batch_size=batch_size,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=min(workers, len(todo))),
                num_cpus=1,
            )
            for batch in embedded.iter_batches(batch_size=None, batch_format="numpy"):
                yield {
                    str(key): np.asarray(vector, dtype=np.float32).tobytes()
                    for key, vector in zip(batch["key"], batch["vector"], strict=True)
                }

    @contextmanager
    def _cluster(self, ray: Any) -> Iterator[int]:
        """Connected to the cluster (a local one started for the run); yields its worker count."""
        local = self._workers.isdigit()
        try:
            if local:
                ray.init(
                    address="local",
                    num_cpus=int(self._workers),
                    _node_ip_address="127.0.0.1",
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                )
            else:
                ray.init(address=self._workers, log_to_driver=False, logging_level=logging.WARNING)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise InvalidSetting(
                f"Kan ikke starte eller forbinde til Ray-klyngen '{self._workers}': {exc}"
            ) from exc
        try:
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False  # the ingest command shows its own
            yield int(self._workers) if local else max(1, int(ray.cluster_resources()["CPU"]))
        finally:
            ray.shutdown()


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise InvalidSetting(
            "Distribueret indlæsning (--workers) kræver Ray. "
            "Installér det med: pip install 'innosearch[ray]'."
        ) from exc
    return ray
