"""HTTP API and the web page."""
