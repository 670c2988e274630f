"""Shared fixtures: a small deterministic embedder and real stores in temporary folders."""

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.index.lexical import stems


class HashingEmbedder:
    """Bag of Danish stems hashed into a few dimensions: fast, deterministic, meaning-free.

    Good enough for tests of logic that doesn't depend on meaning (storage, incremental ingest,
    filters, API shapes); search quality is tested with the real model.
    """

    def __init__(self, dim: int = 64, model_id: str = "test/hashing-64"):
        self.dim = dim
        self.model_id = model_id
        self.passages_embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for stem in stems(text) or ["tom"]:
            digest = hashlib.md5(stem.encode()).digest()
            vector[digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages_embedded += len(texts)
        return self.embed_queries(texts).astype(np.float32)


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", cache_dir=Settings().cache_dir)


def write_case(folder: Path, name: str, **fields: object) -> Path:
    """Write one case record as JSON, the way a municipality would export it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return path


SAMPLE_CASES = {
    "aeldre-rehab.json": {
        "title": "Hverdagsrehabilitering i hjemmeplejen",
        "organisation": "Fjordby Kommune",
        "sector": "aeldre",
        "stage": "implementering",
        "status": "afsluttet",
        "year": 2021,
        "contact": {"name": "Anna Holm", "email": "anna@example.dk", "phone": "+45 11 22 33 44"},
        "summary": "Ældre borgere træner daglige gøremål med en terapeut, så de klarer sig selv "
        "længere i eget hjem uden hjemmehjælp.",
        "effect": "Andelen af borgere, der klarede sig uden hjælp efter forløbet, steg fra 31 % "
        "til 52 %.",
    },
    "skole-laesning.json": {
        "title": "Læseløft i indskolingen",
        "organisation": "Søby Kommune",
        "sector": "skole",
        "stage": "udvikling",
        "status": "igangvaerende",
        "year": 2023,
        "summary": "Elever i første klasse med svage læsefærdigheder får intensiv læsetræning "
        "i små hold tre gange om ugen.",
        "pitfalls": "Vi undervurderede, hvor meget tid lærerne skulle bruge på at planlægge.",
    },
    "klima-skybrud.json": {
        "title": "Skybrudssikring med regnbede",
        "organisation": "Region Vestkyst",
        "sector": "klima_miljoe",
        "status": "afsluttet",
        "year": 2019,
        "summary": "Regnvand fra kraftige skybrud ledes til regnbede og grønne kiler, så kældre "
        "ikke oversvømmes.",
    },
}


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    for name, fields in SAMPLE_CASES.items():
        write_case(folder, name, **fields)
    return folder
