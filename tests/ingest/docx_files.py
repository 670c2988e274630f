"""Real Word files for the tests, written with python-docx."""

from pathlib import Path

import docx


def word_report(path: Path, title: str = "Evaluering af nattevagt med sensorer") -> Path:
    """A short report: Title style, two headed sections, a bullet list and a table."""
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph(title, style="Title")
    document.add_heading("Baggrund", level=2)
    document.add_paragraph(
        "Plejecentret Solbakken afprøvede sensorer i sengene, så nattevagten kun går ind til "
        "beboere, der er vågne eller har brug for hjælp."
    )
    document.add_paragraph("Færre forstyrrende tilsyn om natten", style="List Bullet")
    document.add_paragraph("Bedre søvn for beboerne", style="List Bullet")
    document.add_heading("Resultater", level=2)
    document.add_paragraph("Antallet af natlige tilsyn faldt fra 14 til 6 pr. beboer om ugen.")
    table = document.add_table(rows=2, cols=2)
    for row, (left, right) in enumerate((("Før", "14 tilsyn"), ("Efter", "6 tilsyn"))):
        table.cell(row, 0).text = left
        table.cell(row, 1).text = right
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
