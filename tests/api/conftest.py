"""Fixtures of the API tests: a home ingested from a folder, served over real HTTP."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from innosearch.api.app import create_app
from innosearch.ingest.pipeline import Ingestor
from tests.api.test_web_browser import serve


def ingested(settings, embedder, folder: Path) -> Path:
    """The settings' home with every file of `folder` ingested (each must read cleanly)."""
    report = Ingestor(settings, embedder).ingest([folder])
    assert report.ok, report.failed
    return settings.home


@pytest.fixture
def base_url(settings, embedder, home) -> Iterator[str]:
    """The app over the module's `home` fixture, on a free port of 127.0.0.1."""
    with serve(create_app(settings, embedder)) as url:
        yield url
