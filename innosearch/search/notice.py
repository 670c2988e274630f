"""What a search says about the question itself: nothing to search by, or words no case uses.

Meaning-based search always finds a nearest case, also for "a", "hej" or "kaffe", and showing
those first as if they answered would mislead. Both notices rest on facts about the question and
the collection, not on a score threshold: a cosine floor is a property of one model on one corpus
(issue 10), and on the sample corpus the best score for "jeg kan godt lide is" lay above that of
judged questions.
"""

from innosearch.search.corpus import Snapshot
from innosearch.search.query import topic_words
from innosearch.search.results import QueryNotice
from innosearch.text.analysis import tokens, unique_stems

# Words named in a notice, at most: a long question with no known word is named by its first.
NAMED_WORDS = 4


def says_nothing(query: str) -> str | None:
    """Why a question holds no word to search by ("a", "Hvordan gør andre?"), or None."""
    return None if unique_stems(query) else _nothing(query)


def _nothing(query: str) -> str:
    return f"»{query.strip()}« siger ikke, hvad udfordringen handler om."


def query_notice(snapshot: Snapshot, query: str) -> QueryNotice | None:
    """A notice for a question with nothing to search by, or whose words no passage holds."""
    stems = unique_stems(query)
    if not stems:
        return QueryNotice(
            "no_content_words",
            f"{_nothing(query)} Vi har derfor ikke søgt. Beskriv den med et par ord mere – fx "
            "hvem det gælder, og hvad I vil opnå.",
        )
    if any(snapshot.term_counts.get_many(stems).values()):
        return None
    named = list(dict.fromkeys(tokens(topic_words(query)))) or [query.strip()]
    words = ("ordet " if len(named) == 1 else "ordene ") + _listed(
        [f"»{word}«" for word in named[:NAMED_WORDS]]
    )
    # Real questions are often worded unlike the cases that answer them (one in thirteen of
    # dev-eval's shares no word with its 40 records), so this says how the results were found,
    # not that they are wrong.
    return QueryNotice(
        "words_not_found",
        f"Ingen sager bruger {words}, så resultaterne er fundet på betydningen alene. Se efter, "
        "om de svarer på jeres spørgsmål.",
    )


def _listed(items: list[str]) -> str:
    """ "a", "a eller b", "a, b eller c": none of them is found, so "eller"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " eller " + items[-1]
