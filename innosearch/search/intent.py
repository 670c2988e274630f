"""What a question asks for beyond its topic: here, whether it asks about mistakes to avoid."""

import re

_PITFALL_QUESTION = re.compile(
    r"gik galt|går galt|faldgrube|undgå|fejl|faldt igennem|lære af|advarsel|bøvl|"
    r"problemer (?:undervejs|med)|hvad (?:skal|bør) vi (?:passe på|undgå)|barrierer|"
    r"pitfall|went wrong|mistake",
    re.IGNORECASE,
)


# "… så vi kan rulle tilbage, hvis en opdatering går galt": a condition the asker plans for, not
# a question about what went wrong for others.
_CONDITION = re.compile(r"\b(?:hvis|såfremt|i tilfælde af|når)\b[^,.;:?!]*$", re.IGNORECASE)


def wants_pitfalls(query: str) -> bool:
    """Whether a question asks about mistakes and what to avoid."""
    return any(not _CONDITION.search(query[: m.start()]) for m in _PITFALL_QUESTION.finditer(query))
