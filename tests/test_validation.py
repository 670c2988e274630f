"""Refused values, described in Danish for settings and request parameters alike."""

import pytest
from pydantic import ValidationError

from innosearch.config import Settings, setting_problems


def test_a_setting_of_the_wrong_type_is_named_and_explained_in_danish(monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MAX_FILE_BYTES", "abc")
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert setting_problems(raised.value) == (
        "Ugyldig indstilling. INNOSEARCH_MAX_FILE_BYTES: skal være et helt tal"
    )


def test_the_choices_of_a_refused_value_are_listed_in_danish():
    """pydantic lists a literal's choices in English ("'json' or 'csv'"); /api/effects answered
    "Format skal være en af 'json' or 'csv'"."""
    from typing import Literal

    from pydantic import TypeAdapter

    from innosearch.validation import value_problem

    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Literal["json", "csv"]).validate_python("xlsx")
    assert value_problem(raised.value.errors()[0]) == "skal være en af 'json' eller 'csv'"
