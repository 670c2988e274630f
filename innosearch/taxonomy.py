"""The product's taxonomies: stable keys (API values) with Danish labels."""

SECTORS: dict[str, str] = {
    "aeldre": "Ældre",
    "sundhed": "Sundhed",
    "social": "Social og handicap",
    "boern_unge": "Børn og unge",
    "skole": "Skole og uddannelse",
    "beskaeftigelse": "Beskæftigelse",
    "klima_miljoe": "Klima og miljø",
    "teknik_trafik": "Teknik og trafik",
    "kultur_fritid": "Kultur og fritid",
    "administration": "Administration og digitalisering",
    "politi_beredskab": "Politi og beredskab",
}

STAGES: dict[str, str] = {
    "udforskning": "Udforskning",
    "udvikling": "Udvikling",
    "implementering": "Implementering",
    "spredning": "Spredning",
}

STATUSES: dict[str, str] = {
    "igangvaerende": "Igangværende",
    "afsluttet": "Afsluttet",
}

ORGANISATION_TYPES: dict[str, str] = {
    "kommune": "Kommune",
    "region": "Region",
    "stat": "Stat",
    "andet": "Andet",
}

EVIDENCE_LEVELS: dict[int, str] = {
    0: "Ingen effekt beskrevet",
    1: "Forventet effekt",
    2: "Målt før og efter",
    3: "Sammenlignet med kontrolgruppe eller benchmark",
    4: "Kausalt design eller uafhængig evaluering",
}

KINDS: dict[str, str] = {
    "case": "Case",
    "pdf": "Rapport (PDF)",
    "docx": "Rapport (Word)",
    "html": "Webside",
    "markdown": "Dokument",
    "text": "Tekst",
}

# "Hvad sker der på …?": each sector as the field of work the overview page asks about.
SECTOR_AREAS: dict[str, str] = {
    "aeldre": "ældreområdet",
    "sundhed": "sundhedsområdet",
    "social": "social- og handicapområdet",
    "boern_unge": "børne- og ungeområdet",
    "skole": "skole- og uddannelsesområdet",
    "beskaeftigelse": "beskæftigelsesområdet",
    "klima_miljoe": "klima- og miljøområdet",
    "teknik_trafik": "teknik- og trafikområdet",
    "kultur_fritid": "kultur- og fritidsområdet",
    "administration": "administrations- og digitaliseringsområdet",
    "politi_beredskab": "politi- og beredskabsområdet",
}

# The taxonomy fields a source may state and the classifier otherwise infers.
TAXONOMIES: dict[str, dict] = {
    "sector": SECTORS,
    "stage": STAGES,
    "status": STATUSES,
    "organisation_type": ORGANISATION_TYPES,
}

# Every field whose filter is a choice among labelled values.
CHOICES: dict[str, dict] = {**TAXONOMIES, "kind": KINDS}

# Fields a search can filter on (innosearch.filters) and count facets for, in display order.
FACET_FIELDS = (
    "sector",
    "stage",
    "status",
    "organisation_type",
    "kind",
    "evidence_level",
    "has_pitfalls",
)
FILTER_FIELDS = (*FACET_FIELDS, "year")


def label(field: str, value: object) -> str | None:
    """Danish label for a taxonomy value, or None when the value is unknown."""
    if value is None:
        return None
    if field == "evidence_level":
        return EVIDENCE_LEVELS.get(value) if isinstance(value, int) else None
    if field == "kind":
        return KINDS.get(str(value))
    return TAXONOMIES.get(field, {}).get(str(value))


# What each choice field is called in a Danish sentence.
FIELD_NAMES = {
    "sector": "sektor",
    "organisation_type": "organisationstype",
    "stage": "fase",
    "status": "status",
    "kind": "type",
}


def allowed_values(field: str, as_code: bool = False) -> str:
    """ "Mulige værdier: aeldre (Ældre), …": a field's keys, which the API and command line take,
    each with the label a reader knows it by (as code for OpenAPI's Markdown with `as_code`)."""
    quote = "`" if as_code else ""
    listed = ", ".join(f"{quote}{key}{quote} ({name})" for key, name in CHOICES[field].items())
    return f"Mulige værdier: {listed}."


def unknown_value(field: str, value: object, parameter: str | None = None) -> str:
    """The refusal of a value outside `field`'s choices, e.g. "Ukendt sektor 'rumfart' (sector).
    Mulige værdier: …", naming the parameter it came in."""
    return f"Ukendt {FIELD_NAMES[field]} '{value}' ({parameter or field}). {allowed_values(field)}"


def choice_keys(field: str, given: list[str] | None) -> list[str]:
    """Values as typed on a command line, each a key ("klima_miljoe") or its Danish label
    ("Klima og miljø", any case); anything else is passed on for validation to refuse."""
    by_label = {name.casefold(): key for key, name in CHOICES[field].items()}
    return [by_label.get(value.strip().casefold(), value) for value in given or []]


def overview_title(sectors: list[str], stages: list[str]) -> str:
    """The overview's question, e.g. "Hvad sker der på ældreområdet i udviklingsfasen?"."""
    # Several sectors or stages are named, not called the whole public sector or every stage.
    where = (
        f"på {_listed([SECTOR_AREAS[s] for s in sectors])}"
        if sectors
        else "i den offentlige sektor"
    )
    if stages:
        phase = "fasen" if len(stages) == 1 else "faserne"
        where += f" i {phase} {_listed([STAGES[s].lower() for s in stages])}"
    return f"Hvad sker der {where}?"


def _listed(words: list[str]) -> str:
    """ "a", "a og b", "a, b og c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"
