"""What is wrong with a value pydantic refused, in Danish: for settings and request parameters."""

from collections.abc import Mapping
from typing import Any

# By pydantic's error type; {…} are the type's limits.
_PROBLEMS = {
    "missing": "mangler",
    "string_too_long": "er for lang (højst {max_length} tegn)",
    "string_too_short": "må ikke være tom",
    "int_parsing": "skal være et helt tal",
    "int_type": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "float_parsing": "skal være et tal",
    "float_type": "skal være et tal",
    "bool_parsing": "skal være true eller false",
    "bool_type": "skal være true eller false",
    "greater_than_equal": "skal være mindst {ge}",
    "greater_than": "skal være over {gt}",
    "less_than_equal": "må højst være {le}",
    "less_than": "skal være under {lt}",
    "literal_error": "skal være en af {expected}",
    "enum": "skal være en af {expected}",
    "json_invalid": "er ikke gyldig JSON",
}


def value_problem(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a Danish phrase."""
    context = error.get("ctx") or {}
    if error.get("type") == "value_error" and context.get("error"):
        return str(context["error"])  # our own validators speak Danish already
    if "expected" in context:
        # pydantic lists the choices in English: "'json' or 'csv'", "'a', 'b' or 'c'".
        context = {**context, "expected": str(context["expected"]).replace(" or ", " eller ")}
    try:
        return _PROBLEMS[error.get("type", "")].format(**context)
    except (KeyError, IndexError):  # a type not listed, or one without the limit named
        return "har en ugyldig værdi"
