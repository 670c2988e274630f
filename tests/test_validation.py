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
