"""One ingest run as the edges start it: files, web sources, then the saved searches' alerts
(also after an upload over HTTP: alert_followers)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from innosearch.alerts.digest import send_digests
from innosearch.alerts.saved import SavedSearches
from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.errors import InvalidFilter, InvalidQuery
from innosearch.index.store import Store
from innosearch.ingest.pipeline import Ingestor, IngestReport, ProgressCallback
from innosearch.ingest.web.sources import is_url, web_source
from innosearch.search.searcher import Searcher


@dataclass
class RunReport:
    ingest: IngestReport
    # saved search name -> how many new or changed documents matched it in this run
    alerts: dict[str, int] = field(default_factory=dict)
    mail_problems: list[tuple[str, str]] = field(default_factory=list)


def run_ingest(
    settings: Settings,
    embedder: Embedder,
    targets: list[str],
    prune: bool = False,
    refresh: bool = False,
    progress: ProgressCallback | None = None,
) -> RunReport:
    """Ingest files and folders, crawl the URLs among `targets` (and every saved source with
    `refresh`), then record what is new for each saved search and send the digests."""
    ingestor = Ingestor(settings, embedder)  # checks its settings before the home is touched
    store = ingestor.store
    paths = [Path(t) for t in targets if not is_url(t)]
    sources = [web_source(t) for t in targets if is_url(t)]
    if refresh:
        kept = store.web_sources()
        if not kept and not targets:
            raise InvalidQuery(
                "Hjemmet har ingen webkilder at hente igen: tilføj en med "
                "'innosearch sources add URL', eller angiv filer eller webadresser."
            )
        sources += [s for s in kept if s.url not in {x.url for x in sources}]
    report = ingestor.ingest(paths, prune=prune, progress=progress) if paths else IngestReport()
    if sources:
        _merge(report, ingestor.ingest_web(sources, progress))
    run = RunReport(report)
    run.alerts, refused = record_followers(
        settings, report.documents, lambda: Searcher(settings, embedder, store)
    )
    report.warnings += [(f"fulgt udfordring '{name}'", problem) for name, problem in refused]
    run.mail_problems = send_digests(settings, store)
    if settings.smtp_host and _local(settings.public_url) and _mailed(store):
        report.warnings.append(
            (
                "INNOSEARCH_PUBLIC_URL",
                f"e-mails om nyt linker til {settings.public_url}, som modtagerne ikke kan åbne. "
                "Sæt INNOSEARCH_PUBLIC_URL til den adresse, folk når web-siden på.",
            )
        )
    return run


def _local(url: str) -> bool:
    """An address only this machine reaches: the default public URL is one."""
    return (urlsplit(url).hostname or "") in ("127.0.0.1", "localhost", "::1", "0.0.0.0")


def _mailed(store: Store) -> bool:
    return any(saved.email for saved in store.saved_searches())


def alert_followers(
    settings: Settings,
    store: Store,
    changed: dict[str, str],
    searcher: Callable[[], Searcher],
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """After any ingest (a command, an upload): record each saved search's new matches among
    `changed` (id -> "new"/"changed") and mail the digests.

    Returns how many matched per saved search name, and the problems by saved search name: one
    that could not be matched (see record_followers) and the digests that could not be sent.
    `searcher` is only called when something changed (a new one reads the whole corpus).
    """
    alerts, refused = record_followers(settings, changed, searcher)
    return alerts, refused + send_digests(settings, store)


def record_followers(
    settings: Settings, changed: dict[str, str], searcher: Callable[[], Searcher]
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Each saved search's new matches among `changed`, recorded one saved search at a time.

    A saved search the search refuses (a filter value or own sector the taxonomy no longer
    has) is named with why, and the others are still recorded: otherwise one such follow would
    fail the whole run after its documents were written and no follower would hear of them.
    """
    alerts: dict[str, int] = {}
    refused: list[tuple[str, str]] = []
    if not changed:
        return alerts, refused
    followed = SavedSearches(settings, searcher())
    for saved in followed.all():
        try:
            matches = followed.record(saved, changed)
        except (InvalidFilter, InvalidQuery) as exc:
            refused.append(
                (
                    saved.name,
                    f"{exc} Udfordringen får ingen nye fund, før den følges igen med "
                    "filtre, der findes nu.",
                )
            )
            continue
        if matches:
            alerts[saved.name] = len(matches)
    return alerts, refused


def _merge(into: IngestReport, other: IngestReport) -> None:
    for name in ("added", "updated", "unchanged", "removed", "failed", "skipped", "warnings"):
        getattr(into, name).extend(getattr(other, name))
    into.documents.update(other.documents)
