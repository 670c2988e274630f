"""Turning source files into classified, chunked documents."""
