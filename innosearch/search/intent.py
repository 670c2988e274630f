"""What a question asks for beyond its topic: here, whether it asks about mistakes to avoid."""

import re

# "Hvordan undgår vi oversvømmede kældre?" asks how to prevent its topic, and "det giver fejl i
# medicineringen" names the problem: neither asks what went wrong for others. "undgå" and "fejl"
# count only with the mistakes as their object: "hvad skal vi undgå", "undgå de samme fejl",
# "hvilke fejl", "lære af andres fejl".
_PITFALL_QUESTION = re.compile(
    r"gik galt|går galt|faldgrube|faldt igennem|lære af|advarsel|bøvl|"
    r"problemer (?:undervejs|med)|hvad (?:skal|bør) vi (?:passe på|undgå)|barrierer|"
    r"undgå\w* (?:vi |man )?(?:\w+ )?(?:samme )?(?:fejl|faldgruber|problemer|fælder)|"
    r"(?:hvilke|typiske|andres|de største) fejl|"
    r"fejl(?:ene)?,? (?:andre|de andre) (?:har|lavede|begik)|"
    r"pitfall|went wrong|mistake",
    re.IGNORECASE,
)


# "… så vi kan rulle tilbage, hvis en opdatering går galt": a condition the asker plans for, not
# a question about what went wrong for others.
_CONDITION = re.compile(r"\b(?:hvis|såfremt|i tilfælde af|når)\b[^,.;:?!]*$", re.IGNORECASE)


def wants_pitfalls(query: str) -> bool:
    """Whether a question asks about mistakes and what to avoid."""
    return any(not _CONDITION.search(query[: m.start()]) for m in _PITFALL_QUESTION.finditer(query))
