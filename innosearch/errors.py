"""Domain exceptions. The core raises these; the CLI and the API turn them into user messages."""


class InnosearchError(Exception):
    """Base class; `message` is Danish and fit to show an end user."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidQuery(InnosearchError):
    code = "invalid_query"


class InvalidFilter(InnosearchError):
    code = "invalid_filter"


class DocumentNotFound(InnosearchError):
    code = "not_found"


class ModelMismatch(InnosearchError):
    """The index was built with another embedding model than the one configured."""

    code = "model_mismatch"


class ModelUnavailable(InnosearchError):
    code = "model_unavailable"


class ParseError(InnosearchError):
    """A source file could not be turned into documents; the message names the problem."""

    code = "parse_error"


class UnsupportedSource(ParseError):
    code = "unsupported_source"


class Unauthorized(InnosearchError):
    code = "unauthorized"


class Forbidden(InnosearchError):
    code = "forbidden"


class InvalidSetting(InnosearchError):
    """A setting names something that does not exist (e.g. an unknown vector backend)."""

    code = "invalid_setting"


class StaleTable(InnosearchError):
    """The store changed between reading a passage table and reading its vectors: read again."""

    code = "stale_table"


class HomeMissing(InnosearchError):
    """A read was asked of a home that holds no store yet."""

    code = "home_missing"


class StoreDamaged(InnosearchError):
    """The store file is empty, overwritten or corrupt: refused, and left as it is."""

    code = "store_damaged"


class StoreTooNew(InnosearchError):
    """The store was written by a newer innosearch, whose tables this one does not know."""

    code = "store_too_new"


class StoreBusy(InnosearchError):
    """Another process held the store's write lock for longer than a write may wait."""

    code = "store_busy"


class HomeReadOnly(InnosearchError):
    """The home or its store may not be written, which SQLite needs even to read."""

    code = "home_read_only"


class HomeInUse(InnosearchError):
    """Another process (a server, an ingest) has the home's store open, so it may not be swapped."""

    code = "home_in_use"


class LimitExceeded(ParseError):
    """A source is bigger than a configured limit allows; the message names the limit."""

    code = "limit_exceeded"
