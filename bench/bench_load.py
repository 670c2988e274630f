"""Load benchmark: N concurrent clients search a real server while a second process ingests.

What it does: builds (once) a home from data/ with the configured model, starts
`innosearch serve` on 127.0.0.1 in a subprocess, starts a second process that ingests into the
same home in a loop (three cases rewritten every cycle, so each cycle commits a new
generation), then runs --clients clients for --seconds seconds, each sending
`GET /api/search` with one of 30 Danish challenge questions as fast as it is answered, while a
prober asks `GET /api/health` every 0.2 s. It prints requests/s, the latency median and 95th/99th
percentiles, the health probe's 99th percentile, and every non-200 answer or failed request.

The health probe runs in a process of its own, as a liveness probe does: asked from the clients'
event loop, its figure is mostly that loop's own backlog (50 clients' answers to read on a
loaded machine). The probe from the clients' loop is printed beside it (health_in_clients_*).

--code runs the server and the ingest from another checkout (e.g. the code before a change, in a
`git worktree add /tmp/base 7362ef6`), so two versions are compared on the same machine in one
session. Nothing is asserted; the figures are quoted in docs/load.md.

    python bench/bench_load.py                          # 50 clients x 30 s, this checkout
    python bench/bench_load.py --code /tmp/base         # the same against another checkout
    python bench/bench_load.py --clients 10 --seconds 10 --no-ingest
    python bench/bench_load.py --distinct               # no two queries alike: no cache hits
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]

QUERIES = [
    "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?",
    "Hvordan undgår vi oversvømmede kældre ved skybrud?",
    "Hvordan mindsker vi ensomhed blandt unge?",
    "Hvordan får vi ledige hurtigere i job?",
    "Hvordan forbedrer vi læsning i indskolingen?",
    "Hvordan bruger vi velfærdsteknologi i hjemmeplejen?",
    "Hvordan nedbringer vi sygefraværet blandt medarbejdere?",
    "Hvordan skriver vi breve, borgerne forstår?",
    "Hvordan får vi flere til at cykle til arbejde?",
    "Hvordan forebygger vi genindlæggelser af ældre?",
    "Hvordan hjælper vi udsatte familier tidligt?",
    "Hvordan sparer vi energi i kommunens bygninger?",
    "Hvordan rekrutterer vi sosu-assistenter?",
    "Hvordan bruger vi data til at planlægge ruter i hjemmeplejen?",
    "Hvordan øger vi trivslen i folkeskolen?",
    "Hvordan reducerer vi madspild i institutioner?",
    "Hvordan digitaliserer vi borgerservice uden at tabe de ældre?",
    "Hvordan får vi børn til at bevæge sig mere?",
    "Hvordan styrker vi samarbejdet mellem region og kommune?",
    "Hvordan mindsker vi ventetiden i psykiatrien?",
    "Hvordan bliver flere unge færdige med en uddannelse?",
    "Hvordan undgår vi fejlmedicinering på plejecentre?",
    "Hvordan inddrager vi borgerne i byudvikling?",
    "Hvordan håndterer vi regnvand lokalt?",
    "Hvordan kan en chatbot aflaste borgerservice?",
    "Hvordan får vi mere genbrug af affald?",
    "Hvordan støtter vi pårørende til demente?",
    "Hvordan forbedrer vi overgangen fra hospital til eget hjem?",
    "Hvordan gør vi kollektiv trafik mere attraktiv i landdistrikter?",
    "Hvilke faldgruber er der ved at indføre skærmbesøg?",
]

# Runs in the second process, with the checkout under test first on the path.
INGEST_LOOP = """
import json, os, sys, time
from pathlib import Path
from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
home, folder = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(home=home)
# As `innosearch ingest` does (code from before issue 12 has no such setting: 0).
os.nice(getattr(settings, "ingest_niceness", 0))
ingestor = Ingestor(settings, load_embedder(settings))
folder.mkdir(parents=True, exist_ok=True)
print("ready", flush=True)
cycle = 0
while True:
    for i in range(3):
        case = {"title": f"Belastningssag {i}", "sector": "aeldre",
                "summary": f"Runde {cycle}: ældre borgere træner hverdagens gøremål, sag {i}."}
        (folder / f"load-{i}.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")
    report = ingestor.ingest([folder])
    cycle += 1
    print("cycle", cycle, "failed", len(report.failed), *report.failed[:1], flush=True)
"""

SERVE = "from innosearch.cli import app; app()"

# The liveness probe, in its own process: one keep-alive connection, GET /api/health every
# 0.2 s for the given seconds; prints its latencies and failures as JSON.
HEALTH_PROBE = """
import http.client, json, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
latencies, failures = [], []
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
stop = time.monotonic() + seconds
while time.monotonic() < stop:
    started = time.perf_counter()
    try:
        connection.request("GET", "/api/health")
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            failures.append(f"HTTP {answer.status}")
    except (OSError, http.client.HTTPException) as exc:
        failures.append(type(exc).__name__)
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies.append(time.perf_counter() - started)
    time.sleep(0.2)
print(json.dumps({"latencies": latencies, "failures": failures}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def environment(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code)}


def ensure_home(home: Path, code: Path, corpus: list[str]) -> None:
    if (home / "store.sqlite3").exists():
        return
    print(f"Bygger {home} af {' '.join(corpus)} (én gang) …", flush=True)
    subprocess.run(
        [sys.executable, "-c", SERVE, "ingest", *corpus, "--home", str(home)],
        cwd=REPO,
        env=environment(code),
        check=True,
    )


async def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"serveren stoppede (status {server.returncode})")
            try:
                if (await client.get(f"{base}/api/health", timeout=5)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("serveren svarede ikke i tide")


async def load(base: str, clients: int, seconds: float, distinct: bool) -> dict:
    latencies: list[float] = []
    health: list[float] = []
    problems: Counter[str] = Counter()
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:

        async def client(number: int) -> None:
            turn = number
            while time.monotonic() < stop:
                query = QUERIES[turn % len(QUERIES)]
                if distinct:  # never the same text twice, so no answer comes from a cache
                    query = f"{query} ({turn})"
                turn += clients
                started = time.perf_counter()
                try:
                    answer = await http.get("/api/search", params={"q": query})
                    if answer.status_code != 200:
                        problems[f"HTTP {answer.status_code}"] += 1
                        continue
                except httpx.HTTPError as exc:
                    problems[type(exc).__name__] += 1
                    continue
                latencies.append(time.perf_counter() - started)

        async def prober() -> None:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    answer = await http.get("/api/health")
                    if answer.status_code != 200:
                        problems[f"health HTTP {answer.status_code}"] += 1
                except httpx.HTTPError as exc:
                    problems[f"health {type(exc).__name__}"] += 1
                health.append(time.perf_counter() - started)
                await asyncio.sleep(0.2)

        began = time.perf_counter()
        await asyncio.gather(prober(), *(client(n) for n in range(clients)))
        elapsed = time.perf_counter() - began
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 2),
        "p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_s": round(percentile(latencies, 0.95), 3),
        "p99_s": round(percentile(latencies, 0.99), 3),
        "health_in_clients_p99_s": round(percentile(health, 0.99), 3),
        "errors": sum(problems.values()),
        "error_kinds": dict(problems),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--code", type=Path, default=REPO, help="checkout that serves")
    parser.add_argument("--home", type=Path, default=REPO / ".innosearch" / "bench-load")
    parser.add_argument("--corpus", nargs="+", default=["data/cases", "data/web", "data/reports"])
    parser.add_argument("--no-ingest", action="store_true", help="no concurrent ingest")
    parser.add_argument(
        "--distinct", action="store_true", help="every query text different (no cache hits)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    code = args.code.resolve()
    home = args.home.resolve()
    ensure_home(home, code, args.corpus)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--home", str(home), "--port", str(port)],
        cwd=REPO,
        env=environment(code),
        stdout=subprocess.DEVNULL,
    )
    writer = None
    try:
        asyncio.run(wait_until_up(base, server))
        if not args.no_ingest:
            folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
            writer = subprocess.Popen(
                [sys.executable, "-c", INGEST_LOOP, str(home), str(folder)],
                cwd=REPO,
                env=environment(code),
                stdout=subprocess.PIPE,
                text=True,
            )
            assert writer.stdout is not None
            # The load starts once the writer has its model, so its ingests overlap the load.
            while writer.stdout.readline().strip() != "ready":
                if writer.poll() is not None:
                    raise SystemExit("ingest-processen stoppede")
        load_before = os.getloadavg()[0]
        probe = subprocess.Popen(
            [sys.executable, "-c", HEALTH_PROBE, str(port), str(args.seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        figures = asyncio.run(load(base, args.clients, args.seconds, args.distinct))
        probed = json.loads(probe.communicate(timeout=120)[0])
        figures["health_p99_s"] = round(percentile(probed["latencies"], 0.99), 3)
        figures["health_max_s"] = round(max(probed["latencies"], default=float("nan")), 3)
        figures["health_probes"] = len(probed["latencies"])
        figures["errors"] += len(probed["failures"])
        figures["error_kinds"].update(Counter(f"health {f}" for f in probed["failures"]))
        # Other people's jobs share the machine: the 1-minute load average before and after.
        figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    finally:
        cycles = 0
        ingest_failures: list[str] = []
        if writer is not None:
            writer.terminate()
            output, _ = writer.communicate(timeout=60)
            cycles = output.count("cycle")
            ingest_failures = [
                line for line in output.splitlines() if "failed" in line and " failed 0" not in line
            ]
        server.terminate()
        server.wait(timeout=60)
    figures = {
        "code": str(code),
        "distinct": args.distinct,
        "ingest_cycles": cycles,
        "ingest_cycles_failed": len(ingest_failures),
        "ingest_first_failure": ingest_failures[0] if ingest_failures else None,
        **figures,
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
