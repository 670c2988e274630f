"""innosearch: find and reuse what other Danish public bodies have already tried."""

__version__ = "0.1.0"
