"""`innosearch serve` with several worker processes: one port, every worker answering."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from innosearch.ingest.pipeline import Ingestor

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@contextmanager
def _serving(settings, workers: int) -> Iterator[tuple[subprocess.Popen, str]]:
    """`innosearch serve` in a subprocess over the hashing model, until it answers health."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "INNOSEARCH_MODEL": "hashing",
        "INNOSEARCH_SERVER_WORKERS": str(workers),
    }
    command = "from innosearch.cli import app; app()"
    server = subprocess.Popen(
        [sys.executable, "-c", command, "serve", "--home", str(settings.home), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180  # a loaded CI machine imports slowly
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=5).json()["documents"] == 3:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "serveren startede ikke"
            time.sleep(0.2)
        yield server, base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_two_workers_share_the_port_and_stop_together(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    with _serving(settings, workers=2) as (server, base):
        workers = _children(server.pid)
        assert len(workers) >= 2  # uvicorn's workers (multiprocessing may add a helper)
        with httpx.Client(base_url=base, timeout=30) as client:
            answers = [client.get("/api/search", params={"q": "skybrud"}) for _ in range(20)]
        assert all(a.status_code == 200 for a in answers)
        assert answers[0].json()["results"][0]["source"] == "klima-skybrud.json"
    deadline = time.monotonic() + 20
    while (left := [pid for pid in workers if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in left]


def test_an_idle_connection_outlives_uvicorns_five_seconds(settings, embedder, case_folder):
    """A client pool reusing a connection after 6 s idle gets an answer, not a closed socket."""
    Ingestor(settings, embedder).ingest([case_folder])
    with _serving(settings, workers=1) as (_, base):
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        try:
            for pause in (0, 6):
                time.sleep(pause)
                connection.request("GET", "/api/health")  # the same socket both times
                answer = connection.getresponse()
                assert answer.status == 200 and json.loads(answer.read())["documents"] == 3
        finally:
            connection.close()


def _running(pid: int) -> bool:
    """Alive, not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
