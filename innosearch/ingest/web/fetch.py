"""Polite HTTP: robots.txt (Protego), a recognisable User-Agent, a delay per host, limits on size
and time per fetch, conditional GET, and redirects followed by hand so moves and loops show."""

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from protego import Protego

from innosearch.config import Settings
from innosearch.ingest.web.urls import canonical_url, same_site

_PERMANENT = {301, 308}
_REDIRECTS = {301, 302, 303, 307, 308}
# Requests in a row without an answer after which a host counts as down for the rest of a crawl.
_SILENT_LIMIT = 3


@dataclass
class Fetched:
    """The outcome of fetching one URL; `problem` is a Danish message when it failed."""

    url: str
    final_url: str
    status: int = 0  # the last HTTP status; 0 when there was no answer
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_permanently: bool = False  # every redirect on the way was 301/308
    problem: str | None = None
    blocked: bool = False  # robots.txt forbids it: skipped, not an error
    unreachable: bool = False  # nothing is asked of the site in this crawl (see _Host.unavailable)
    location: str | None = None  # the Location header of a redirect
    retry_after: str | None = None  # the Retry-After header: the site asks us to come back later

    @property
    def gone(self) -> bool:
        return self.status in (404, 410)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    robots: Protego | None = None
    # Why nothing more is fetched from the host in this crawl: its robots.txt could not be read
    # (no answer, a server error), it asked us to wait (429), or it stopped answering. Each URL
    # is then a failure saying so, not "robots.txt forbids it".
    unavailable: str | None = None
    next_request: float = 0.0
    sitemaps: list[str] = field(default_factory=list)
    silent: int = 0  # requests in a row that got no answer


class Fetcher:
    """One crawl's HTTP client; remembers each host's robots.txt and when it may be asked again."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None):
        self.settings = settings
        self.user_agent = settings.crawl_user_agent
        self.client = client or httpx.Client(
            headers={
                "User-Agent": self.user_agent,
                "Accept-Language": "da, en;q=0.5",
                "Accept": "text/html, application/xhtml+xml, application/pdf, "
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
                "*/*;q=0.5",
            },
            timeout=settings.crawl_timeout_s,
            follow_redirects=False,
        )
        self._hosts: dict[str, _Host] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def delay_for(self, url: str) -> float:
        """Seconds between requests to this URL's host: ours, or robots.txt's Crawl-delay."""
        robots = self._host(url).robots
        stated = robots.crawl_delay(self.user_agent) if robots else None
        return max(self.settings.crawl_delay_s, float(stated or 0))

    def allowed(self, url: str) -> bool:
        robots = self._robots(url)
        return robots is None or robots.can_fetch(url, self.user_agent)

    def unavailable(self, url: str) -> str | None:
        """Why nothing more is fetched from the URL's host in this crawl (see _Host.unavailable),
        or None; asks for robots.txt first if it has not been asked."""
        self._robots(url)
        return self._host(url).unavailable

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps robots.txt lists for the URL's host."""
        self._robots(url)
        return list(self._host(url).sitemaps)

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following same-site redirects; conditional when validators are given."""
        result = Fetched(url=url, final_url=url)
        seen = {url}
        current = url
        permanent = True
        for _ in range(self.settings.crawl_max_redirects + 1):
            allowed = self.allowed(current)
            if unavailable := self._host(current).unavailable:
                result.unreachable = True
                result.problem = unavailable
                return result
            if not allowed:
                result.blocked = True
                result.problem = "robots.txt tillader ikke innosearch at hente siden"
                return result
            headers = {}
            if etag and current == url:
                headers["If-None-Match"] = etag
            if last_modified and current == url:
                headers["If-Modified-Since"] = last_modified
            self._answer(current, headers, result)
            self._note(current, result)
            if result.status not in _REDIRECTS or result.problem:
                result.final_url = current
                result.moved_permanently = permanent and current != url
                return result
            permanent = permanent and result.status in _PERMANENT
            target = canonical_url(result.location, current) if result.location else None
            if target is None:
                result.problem = f"omdirigering uden gyldig adresse (HTTP {result.status})"
                return result
            if target in seen:
                result.problem = "omdirigerer i ring (siden sender tilbage til sig selv)"
                return result
            if not same_site(target, url):
                result.problem = f"omdirigerer til et andet websted ({target}); ikke fulgt"
                return result
            seen.add(target)
            current = target
        result.problem = f"for mange omdirigeringer (over {self.settings.crawl_max_redirects})"
        return result

    def _answer(self, url: str, headers: dict[str, str], result: "Fetched") -> None:
        """One request: fills status, headers and body of `result`, or its problem."""
        self._wait(url)
        limit = self.settings.crawl_max_bytes
        deadline = time.monotonic() + self.settings.crawl_timeout_s
        result.body, result.problem, result.location = b"", None, None
        result.status, result.retry_after = 0, None
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                result.status = response.status_code
                result.location = response.headers.get("location")
                result.content_type = response.headers.get("content-type", "")
                result.etag = response.headers.get("etag")
                result.last_modified = response.headers.get("last-modified")
                result.retry_after = response.headers.get("retry-after")
                declared = int(response.headers.get("content-length") or 0)
                if declared > limit:
                    result.problem = _too_big(limit)
                    return
                if response.status_code != 200:
                    result.problem = _status_problem(response.status_code)
                    return
                body = bytearray()
                for part in response.iter_bytes():
                    body.extend(part)
                    if len(body) > limit:
                        result.problem = _too_big(limit)
                        return
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("total time limit")
                result.body = bytes(body)
        except httpx.TimeoutException:
            result.problem = f"svarede ikke inden for {self.settings.crawl_timeout_s:g} s"
        except httpx.HTTPError as exc:
            result.problem = _connection_problem(url, exc)

    def _note(self, url: str, result: Fetched) -> None:
        """Stop asking a host that asks us to wait or has stopped answering: every further URL
        would fail the same way (or wait out the whole timeout), and asking is not polite."""
        host = self._host(url)
        if result.status:
            host.silent = 0
        else:
            host.silent += 1
        waiting = result.status == 429 or (result.status == 503 and result.retry_after)
        if waiting:
            host.unavailable = (
                f"webstedet beder innosearch vente (HTTP {result.status}); intet mere hentes "
                "fra webstedet denne gang"
            )
        elif host.silent >= _SILENT_LIMIT:
            host.unavailable = (
                f"webstedet holdt op med at svare ({result.problem}); intet mere hentes fra "
                "webstedet denne gang"
            )

    def _host(self, url: str) -> _Host:
        return self._hosts.setdefault(urlsplit(url).netloc, _Host())

    def _robots(self, url: str) -> Protego | None:
        """The host's robots.txt, fetched once per crawl; None when the site has none."""
        host = self._host(url)
        if host.robots is not None:
            return host.robots
        parts = urlsplit(url)
        answer = self._robots_answer(f"{parts.scheme}://{parts.netloc}/robots.txt")
        if answer.status == 200 and not answer.problem:
            text = answer.body.decode("utf-8", errors="replace")
        elif answer.status == 0 or answer.status >= 500 or answer.status == 200:
            # No answer, a server error or a robots.txt too big to read: the site may be in
            # trouble, so nothing is taken from it this time (RFC 9309), and each URL says why.
            host.unavailable = _unavailable(answer)
            text = "User-agent: *\nDisallow: /"
        else:
            text = ""  # no robots.txt (404, 410, 401 …): everything is allowed
        host.robots = Protego.parse(text)
        host.sitemaps = [s for s in host.robots.sitemaps if canonical_url(s)]
        stated = host.robots.crawl_delay(self.user_agent) or 0
        if stated > self.settings.crawl_max_delay_s and not host.unavailable:
            # Honoured, a Crawl-delay of a day would hold the ingest for a day per page.
            host.unavailable = (
                f"webstedets robots.txt beder om {stated:g} s mellem hver forespørgsel "
                f"(Crawl-delay); innosearch venter højst {self.settings.crawl_max_delay_s:g} s "
                "(INNOSEARCH_CRAWL_MAX_DELAY_S), så intet hentes fra webstedet denne gang"
            )
        return host.robots

    def _robots_answer(self, robots_url: str) -> Fetched:
        """robots.txt within the fetch limits, following redirects on the same site (a robots.txt
        that moved to https:// or www. still counts)."""
        answer = Fetched(url=robots_url, final_url=robots_url)
        current = robots_url
        for _ in range(self.settings.crawl_max_redirects + 1):
            self._answer(current, {}, answer)
            if answer.status not in _REDIRECTS or not answer.location:
                return answer
            target = canonical_url(answer.location, current)
            if target is None or target == current or not same_site(target, robots_url):
                return answer
            current = target
        return answer

    def _wait(self, url: str) -> None:
        host = self._host(url)
        pause = host.next_request - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        delay = self.delay_for(url) if host.robots is not None else self.settings.crawl_delay_s
        host.next_request = time.monotonic() + delay


def _unavailable(answer: Fetched) -> str:
    """Why nothing is fetched from a site whose robots.txt could not be read."""
    if answer.status == 0:
        return f"webstedet svarer ikke: {answer.problem}"
    if answer.status >= 500:
        return (
            f"webstedets robots.txt svarede med en fejl (HTTP {answer.status}); "
            "intet hentes fra webstedet denne gang"
        )
    return f"webstedets robots.txt {answer.problem}"


# What the operating system and TLS say, in their English, and what it means for a crawl.
_CONNECTION_REASONS = (
    ("connection refused", "serveren afviste forbindelsen (intet svarer på {port})"),
    ("name or service not known", "navnet {host} kunne ikke slås op (DNS); tjek adressen"),
    ("nodename nor servname", "navnet {host} kunne ikke slås op (DNS); tjek adressen"),
    ("name resolution", "navnet {host} kunne ikke slås op (DNS); tjek adressen"),
    ("no address associated", "navnet {host} kunne ikke slås op (DNS); tjek adressen"),
    ("network is unreachable", "netværket kan ikke nå {host}"),
    ("no route to host", "netværket kan ikke nå {host}"),
    ("certificate", "webstedets HTTPS-certifikat kunne ikke godkendes"),
    ("ssl", "HTTPS-forbindelsen til {host} mislykkedes"),
    ("connection reset", "serveren afbrød forbindelsen"),
    ("disconnected", "serveren afbrød forbindelsen uden at svare"),
)


def _connection_problem(url: str, exc: httpx.HTTPError) -> str:
    """A failed request in Danish; the original text is kept when it is not one we know."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    text = str(exc).lower()
    for clue, reason in _CONNECTION_REASONS:
        if clue in text:
            return reason.format(host=parts.hostname, port=f"port {port}")
    return f"kunne ikke hentes ({type(exc).__name__}: {exc})"


def _too_big(limit: int) -> str:
    return f"er større end grænsen på {limit / 1_000_000:g} MB; ikke hentet"


def _status_problem(status: int) -> str | None:
    if status == 304 or status in _REDIRECTS:
        return None
    if status in (404, 410):
        return f"siden findes ikke (HTTP {status})"
    if status == 429:
        return "webstedet beder innosearch vente (HTTP 429 For mange forespørgsler)"
    if status >= 500:
        return f"serveren svarede med en fejl (HTTP {status})"
    return f"kunne ikke hentes (HTTP {status})"
