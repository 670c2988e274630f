"""The command line's own usage errors (an unknown command, a bad option value) in Danish.

Typer words them in English ("No such option", "Invalid value for '--limit'"); the commands'
users read Danish everywhere else, so the usual ones are said again here.
"""

import re

from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

# A bad value's reason as the parameter types and pydantic give it, in Danish.
_VALUE_PROBLEMS = (
    (re.compile(r"valid integer|is not a valid integer"), "skal være et helt tal"),
    (re.compile(r"valid number|is not a valid float"), "skal være et tal"),
    (re.compile(r"valid boolean"), "skal være true eller false"),
    (re.compile(r"does not exist"), "findes ikke"),
    (re.compile(r"is a directory"), "er en mappe, ikke en fil"),
    (re.compile(r"is a file"), "er en fil, ikke en mappe"),
)
__all__ = ["NoArgsIsHelpError", "UsageError", "usage_problem"]

_NO_SUCH_COMMAND = re.compile(
    r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<alt>.*)\?)?"
)
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)")


def usage_problem(exc: UsageError, command: str = "innosearch") -> str:
    """The Danish line for a usage error, with where to read more (`command`'s help when the
    error does not know its own command)."""
    return f"{_problem(exc)} Se '{_command(exc, command)} --help'."


def _problem(exc: UsageError) -> str:
    if isinstance(exc, NoSuchOption):
        alternatives = " eller ".join(exc.possibilities or [])
        guess = f" Mente du {alternatives}?" if alternatives else ""
        return f"Ukendt valgmulighed: {exc.option_name}.{guess}"
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or getattr(exc.param, "param_type_name", "")
        what = "argumentet" if kind == "argument" else "valgmuligheden"
        return f"Mangler {what} {_hint(exc)}."
    if isinstance(exc, BadParameter):
        reason = next((d for rx, d in _VALUE_PROBLEMS if rx.search(exc.message)), exc.message)
        hint = _hint(exc)
        if not hint:  # a command's own check, worded in Danish already
            return f"{reason[:1].upper()}{reason[1:]}."
        return f"Ugyldig værdi for {hint}: {reason}."
    if isinstance(exc, BadOptionUsage) and exc.message.endswith("requires an argument."):
        return f"Valgmuligheden {exc.option_name} skal have en værdi."
    if isinstance(exc, BadOptionUsage) and exc.message.endswith("does not take a value."):
        return f"Valgmuligheden {exc.option_name} tager ingen værdi."
    if exc.message == "Missing command.":
        return "Mangler en kommando."
    if found := _NO_SUCH_COMMAND.match(exc.message):
        guess = f" Mente du {found['alt'].replace(', ', ' eller ')}?" if found["alt"] else ""
        return f"Ukendt kommando '{found['name']}'.{guess}"
    if found := _EXTRA_ARGUMENTS.match(exc.message):
        return f"Uventede ekstra argumenter: {found['args']}."
    return exc.message


def _hint(exc: MissingParameter | BadParameter) -> str:
    if exc.param is not None:
        return exc.param.get_error_hint()
    if isinstance(exc.param_hint, str):
        return exc.param_hint
    return " / ".join(exc.param_hint or [])


def _command(exc: UsageError, command: str) -> str:
    return exc.ctx.command_path if exc.ctx is not None else command
