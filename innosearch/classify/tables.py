"""Measured changes in tables rendered as "a | b | c" lines (Markdown, HTML, some PDFs)."""

import re

from innosearch.classify.quantities import FLAGS, NUM, is_year
from innosearch.classify.sentence import EvidenceHit, Sentence
from innosearch.text.headings import is_background_heading, is_economy_heading, is_target_heading

# Column labels that put a measure in time: "2021 | 2023", "Før | Efter", "Baseline | Slutmåling".
_TIME_LABEL = re.compile(
    r"^((19|20)\d\d(/\d\d)?|(målt |ved |i |efter |før |til )?(før|efter|baseline|start|opstart|"
    r"slut|afslutning|nu|i dag|førmåling|eftermåling|nulpunktsmåling|slutmåling|opfølgning|"
    r"første|sidste|indskrivning|udskrivning)\b.{0,25}|(q[1-4]|uge|kvartal|halvår)\s?\d.{0,12})$",
    FLAGS,
)

# A table of what is planned or estimated is no measurement.
_PLANNED_TABLE = re.compile(
    r"\b(mål\w*|forvent\w*|budget\w*|prognose\w*|estimat\w*|skøn\w*|forventning\w*)\b", FLAGS
)

# A row for those outside the work: "Kommunens øvrige praksisser", "Landsgennemsnit".
_COMPARISON_ROW = re.compile(
    r"\b(øvrige|ikke[- ]deltagende|kontrol\w*|landsgennemsnit\w*|landsplan|hele landet|"
    r"sammenlign\w*|andre kommuner|resten af|uden (indsats|tilbud)\w*)",
    FLAGS,
)

# A value cell: a number with any short unit ("4.920", "−47 %", "97,4 kg", "1.380 MWh").
_CELL_NUMBER = re.compile(rf"^(?:ca\.\s*)?[-−–+]?\s?(?P<n>{NUM})\s*[^\d\s|]{{0,10}}\.?$", FLAGS)


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def _cell_number(cell: str) -> float | None:
    m = _CELL_NUMBER.match(cell)
    if not m or is_year(m.group("n")):
        return None
    return float(m.group("n").replace(".", "").replace(",", "."))


def table_evidence(sentences: list[Sentence]) -> list[EvidenceHit]:
    """Measured changes in tables rendered as "a | b | c" lines (Markdown, HTML, some PDFs).

    Under a header whose columns are points in time ("2021 | 2023", "Før | Efter"), a row whose
    values differ is a measured change; a changed row beside a row for those outside the work
    ("Kommunens øvrige praksisser", "Landsgennemsnit") is a comparison.
    """
    hits: list[EvidenceHit] = []
    header: Sentence | None = None
    changed: list[Sentence] = []
    outside: Sentence | None = None

    def close() -> None:
        if changed:
            hits.extend(EvidenceHit(2, row, 0.75) for row in changed)
            if outside is not None:
                hits.extend([EvidenceHit(3, changed[0], 0.7), EvidenceHit(3, outside, 0.7)])

    for sent in sentences:
        cells = _cells(sent.text) if "|" in sent.text else []
        times = [c for c in cells if _TIME_LABEL.match(c)]
        if len(times) >= 2 and not _PLANNED_TABLE.search(sent.text):
            close()
            usable = not any(
                is_kind(sent.heading)
                for is_kind in (is_background_heading, is_target_heading, is_economy_heading)
            )
            header, changed, outside = (sent if usable else None), [], None
            continue
        if header is None or len(cells) < 2 or sent.heading != header.heading:
            close()
            header, changed, outside = None, [], None
            continue
        values = [v for v in (_cell_number(c) for c in cells[1:]) if v is not None]
        if len(values) >= 2 and values[0] != values[-1] and not _PLANNED_TABLE.search(cells[0]):
            if _COMPARISON_ROW.search(cells[0]):
                outside = sent
            else:
                changed.append(sent)
    close()
    return hits
