"""What a question asks for beyond its topic: here, whether it asks about mistakes to avoid."""

import re

_PITFALL_QUESTION = re.compile(
    r"gik galt|går galt|faldgrube|undgå|fejl|faldt igennem|lære af|advarsel|bøvl|"
    r"problemer (?:undervejs|med)|hvad (?:skal|bør) vi (?:passe på|undgå)|barrierer|"
    r"pitfall|went wrong|mistake",
    re.IGNORECASE,
)

_PITFALL_SECTION = re.compile(
    r"faldgrube|benspænd|barrier|gik galt|fejl|erfaring|læring|udfordringer undervejs|risici",
    re.IGNORECASE,
)


def is_pitfall_section(section: str) -> bool:
    return bool(_PITFALL_SECTION.search(section or ""))


def wants_pitfalls(query: str) -> bool:
    """Whether a question asks about mistakes and what to avoid."""
    return bool(_PITFALL_QUESTION.search(query))
