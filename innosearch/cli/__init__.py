"""Command line: thin commands over the same core calls as the API.

Each command lives in the module of its group; this is the index of them all, in the order
`innosearch --help` lists them.
"""

import typer

from innosearch.cli import admin, ingest, read, saved, sources
from innosearch.cli.common import Commands

app = typer.Typer(
    cls=Commands,
    help="innosearch: find det, andre offentlige organisationer allerede har prøvet.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

app.command()(ingest.ingest)
app.command("import")(ingest.import_)
app.command()(read.search)
app.command()(read.related)
app.command()(read.effects)
app.command()(read.overview)
app.command()(read.export)
app.command()(admin.serve)
app.command()(read.stats)
app.command("eval")(read.evaluate_command)
app.command()(admin.check)
app.command()(admin.backup)
app.command()(admin.restore)
app.add_typer(sources.sources_app, name="sources")
app.add_typer(saved.saved_app, name="saved")
