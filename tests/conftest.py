"""Shared fixtures: the deterministic test embedder and real stores in temporary folders."""

import json
import os
import sqlite3
from pathlib import Path

import pytest

from innosearch.config import Settings
from innosearch.embed.hashing import HashingEmbedder


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


@pytest.fixture
def read_only(monkeypatch):
    """Makes the folders passed to it read-only, as far as innosearch can tell.

    Root may write anywhere, so the folder is simulated: os.access and SQLite both refuse it.
    """
    folders: list[Path] = []
    access, connect = os.access, sqlite3.connect

    def inside(path) -> bool:
        return any(Path(path) == f or f in Path(path).parents for f in folders)

    def fake_access(path, mode, **kwargs):
        return False if inside(path) and mode & os.W_OK else access(path, mode, **kwargs)

    def fake_connect(path, *args, **kwargs):
        if inside(path):
            raise sqlite3.OperationalError("unable to open database file")
        return connect(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", fake_access)
    monkeypatch.setattr(sqlite3, "connect", fake_connect)
    return folders.append
