"""What a question asks for beyond its topic: here, whether it asks about mistakes to avoid."""

import re

_PITFALL_QUESTION = re.compile(
    r"gik galt|går galt|faldgrube|undgå|fejl|faldt igennem|lære af|advarsel|bøvl|"
    r"problemer (?:undervejs|med)|hvad (?:skal|bør) vi (?:passe på|undgå)|barrierer|"
    r"pitfall|went wrong|mistake",
    re.IGNORECASE,
)


def wants_pitfalls(query: str) -> bool:
    """Whether a question asks about mistakes and what to avoid."""
    return bool(_PITFALL_QUESTION.search(query))
