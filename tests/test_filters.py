"""Filters: validation, and the vectorised mask agrees with the row-by-row definition."""

import itertools

import numpy as np
import pytest

from innosearch.errors import InvalidFilter
from innosearch.filters import DocumentColumns, Filters

ROWS = {
    "a": {"sector": "aeldre", "organisation_type": "kommune", "stage": "udvikling",
          "status": "afsluttet", "kind": "case", "year": 2020, "evidence_level": 2,
          "has_pitfalls": 1},
    "b": {"sector": "skole", "organisation_type": "region", "stage": None, "status": None,
          "kind": "pdf", "year": None, "evidence_level": None, "has_pitfalls": None},
    "c": {"sector": None, "organisation_type": "stat", "stage": "spredning",
          "status": "igangvaerende", "kind": "html", "year": 2024, "evidence_level": 4,
          "has_pitfalls": 0},
}  # fmt: skip

VARIANTS = [
    Filters(),
    Filters(sector=["aeldre"]),
    Filters(sector=["aeldre", "skole"], kind=["pdf"]),
    Filters(year_from=2021),
    Filters(year_to=2022),
    Filters(min_level=0),
    Filters(min_level=3),
    Filters(has_pitfalls=True),
    Filters(has_pitfalls=False),
    Filters(stage=["spredning"], status=["igangvaerende"]),
]


@pytest.mark.parametrize("filters", VARIANTS, ids=str)
def test_mask_matches_the_row_by_row_rule(filters):
    columns = DocumentColumns.from_rows(ROWS)
    expected = [filters.matches(ROWS[d]) for d in columns.ids]
    assert filters.mask(columns).tolist() == expected


def test_every_pair_of_filters_combines_as_and():
    columns = DocumentColumns.from_rows(ROWS)
    for one, two in itertools.combinations(VARIANTS[1:], 2):
        both = Filters(**{**_set(one), **_set(two)})
        assert np.array_equal(
            both.mask(columns), np.array([both.matches(ROWS[d]) for d in columns.ids])
        )


def _set(filters: Filters) -> dict:
    return {k: v for k, v in vars(filters).items() if v not in ([], None)}


def test_unknown_values_are_refused_with_the_choices():
    refused = r"Ukendt sektor 'hav' \(sector\)\. Mulige værdier: aeldre \(Ældre\), "
    with pytest.raises(InvalidFilter, match=refused):
        Filters(sector=["hav"]).validate()
    with pytest.raises(
        InvalidFilter, match=r"Fra-året \(2024\) skal være før eller lig med til-året \(2020\)"
    ):
        Filters(year_from=2024, year_to=2020).validate()
    with pytest.raises(InvalidFilter, match="min_level"):
        Filters(min_level=7).validate()


def test_active_only_when_something_is_set():
    assert not Filters().active and Filters(has_pitfalls=False).active


def test_active_filters_are_described_in_danish():
    filters = Filters(sector=["aeldre", "sundhed"], kind=["pdf"], year_to=2022, min_level=3)
    assert filters.described() == [
        "Sektor: Ældre, Sundhed",
        "Type: Rapport (PDF)",
        "År: til 2022",
        "Evidens: mindst 3 (Sammenlignet med kontrolgruppe eller benchmark)",
    ]
    assert Filters(year_from=2020, year_to=2024).described() == ["År: 2020–2024"]
    assert Filters().described() == []


def test_a_year_no_case_can_be_from_is_refused_in_danish():
    """ "year_from=99999999999999999999999" was taken and echoed back as a limit."""
    with pytest.raises(InvalidFilter) as refused:
        Filters(year_from=99999).validate()
    assert refused.value.message == "Fra-året (99999) skal ligge mellem 1900 og 2100."
    with pytest.raises(InvalidFilter):
        Filters(year_to=0).validate()
    Filters(year_from=1900, year_to=2100).validate()


def test_a_value_asked_for_twice_is_one_filter():
    """A followed challenge stored "sector": ["aeldre"] x 100,000 as it came."""
    filters = Filters(sector=["aeldre"] * 1000 + ["sundhed", "aeldre"])
    assert filters.sector == ["aeldre", "sundhed"]
    assert filters.described() == ["Sektor: Ældre, Sundhed"]
