"""Canonical URLs: one spelling per page, so a page reached by two links is fetched once."""

import fnmatch
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the visitor (campaigns, click ids, sessions).
_TRACKING_RE = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|"
    r"igshid|ref_src|sessionid|phpsessid|jsessionid|sid)$",
    re.I,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters no host name can hold ("exa mple.dk" would otherwise be kept, and fail every crawl).
_BAD_HOST_RE = re.compile(r"[\s<>\"{}|\\^`%]")


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of `url` (resolved against `base`), or None if it is not http(s).

    Lower-case scheme and host, no default port, no fragment, no tracking parameters, the rest
    of the query sorted, an empty path as "/".
    """
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if not host or _BAD_HOST_RE.search(host):
        return None
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING_RE.match(k)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def site_of(url: str) -> str:
    """The host a URL belongs to, without "www.": www.x.dk and x.dk are one site."""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, root: str) -> bool:
    return site_of(url) == site_of(root)


def matches_include(url: str, pattern: str | None) -> bool:
    """Whether the URL's path (and query) fits a source's --include pattern.

    A pattern with wildcards (* ? [..]) must match the whole path; one without is a path and
    everything under it: "/aeldre" takes in /aeldre, /aeldre/ and /aeldre/sag, not /aeldreplejen.
    """
    if not pattern:
        return True
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(c in pattern for c in "*?["):
        return fnmatch.fnmatchcase(path, pattern)
    if pattern.endswith(("/", "?")):
        return path.startswith(pattern)
    return path == pattern or path.startswith((pattern + "/", pattern + "?"))
