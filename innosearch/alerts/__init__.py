"""Saved searches and alerts: follow a challenge, record new matches after every ingest, and
tell people (Atom feed, digest e-mail). Sits above ingest/ and search/, below the edges."""
