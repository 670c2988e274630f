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
import pytest

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


def _serve_command(*args: str | Path, env: dict[str, str] | None = None):
    """`innosearch serve` in-process, for start-up refusals (nothing is served then)."""
    from typer.testing import CliRunner

    from innosearch import cli

    environment = {"INNOSEARCH_MODEL": "hashing", "COLUMNS": "500", **(env or {})}
    return CliRunner().invoke(cli.app, ["serve", *map(str, args)], env=environment)


def test_a_port_in_use_is_refused_in_danish_before_anything_says_it_runs(settings):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve_command("--home", settings.home, "--port", port)
    assert result.exit_code == 2
    assert f"Port {port} på 127.0.0.1 er optaget af et andet program" in result.stderr
    assert "kører" not in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--port", "70000"), "Porten 70000 findes ikke; vælg en mellem 1 og 65535"),
        (("--port", "0"), "Porten 0 findes ikke"),  # was quietly port 8000
        (("--host", "host.invalid"), "Adressen 'host.invalid' (--host eller INNOSEARCH_HOST)"),
    ],
)
def test_an_address_the_server_cannot_listen_on_is_named(settings, args, message):
    result = _serve_command("--home", settings.home, *args)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert "Traceback" not in result.output and "kører" not in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("INNOSEARCH_PORT", "70000", "INNOSEARCH_PORT: må højst være 65535"),
        ("INNOSEARCH_SERVER_THREADS", "0", "INNOSEARCH_SERVER_THREADS: skal være mindst 1"),
        ("INNOSEARCH_MAX_UPLOAD_BYTES", "-5", "INNOSEARCH_MAX_UPLOAD_BYTES: skal være mindst 1"),
        ("INNOSEARCH_QUERY_CACHE_SIZE", "-1", "INNOSEARCH_QUERY_CACHE_SIZE: skal være mindst 0"),
        ("INNOSEARCH_HOST", "", "INNOSEARCH_HOST: må ikke være tom"),
        ("INNOSEARCH_HOME", "", "INNOSEARCH_HOME er tom"),
    ],
)
def test_a_setting_no_server_can_run_with_is_refused_at_start(variable, value, message):
    result = _serve_command(env={variable: value})
    assert result.exit_code == 2 and message in result.stderr, result.output
