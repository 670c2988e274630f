"""Evidence level from Danish text: sentence-level patterns and tables, aware of sections.

The evidence ladder (design.md): 0 none described; 1 expected or only experienced effect;
2 measured (before/after, a measured change, a survey result); 3 compared with a control group or
a benchmark; 4 causal design (randomised, quasi-experimental) or an independent evaluation.
The patterns live in measured.py (level 2), cues.py (the other levels and the context) and
tables.py; this module weighs what they find.
"""

import math
import re

from innosearch.classify.cues import (
    ADVICE,
    AGAINST_PLAN,
    CAUSAL,
    COMPARISON,
    COMPARISON_LOOSE,
    DESCRIPTIVE_CONTEXT,
    EFFECT_NAMED,
    ESTIMATE,
    ESTIMATED_EFFECT,
    EVALUATED_BY,
    EVALUATION_BY,
    EVALUATOR_DID,
    EXPECTED,
    EXPERIENCED,
    FOLLOW_RESEARCH_FOUND,
    GRADED_ROW,
    HYPOTHETICAL,
    INTERVENTION_CUE,
    MANAGEMENT_TOOLS,
    NEGATED_DESIGN,
    NOT_EFFECT_CONTEXT,
    OPINION_SHARE,
    PARTNERS,
    PROBLEM_CUE,
    PROBLEM_FOLLOWS,
    QUALITATIVE_EFFECT,
    TOOL_COMPUTES,
    VS_NUMBERS,
)
from innosearch.classify.measured import COUNTED_ONCE, NOW_LEVEL, PAST_CHANGE, measured_change
from innosearch.classify.quantities import ABOUT, BEFORE, FLAGS, NUM, UNIT
from innosearch.classify.sentence import EvidenceHit, Sentence
from innosearch.classify.tables import table_evidence
from innosearch.text.headings import (
    is_background_heading,
    is_economy_heading,
    is_effect_heading,
    is_pitfalls_heading,
    is_target_heading,
)

# A level before, stated in the past: "Det tog 19 dage." (NOW_LEVEL is the level after it).
_PAST_LEVEL = re.compile(
    rf"\b(var|tog|lå|ventede|havde|brugte|kostede|målte|udgjorde)\b[^.;]{{0,60}}?"
    rf"{ABOUT}?{NUM}\s*{UNIT}",
    FLAGS,
)

# A level now and one before with the time named instead of a unit: "Medicinfejl er nu nede på
# 3 om måneden. Sidste år lå vi på 15."
_NOW_SAID = re.compile(
    rf"\b((er|ligger|har vi|lander|står) (nu|i dag)|i år|i første (halvår|kvartal)|"
    rf"i (?:19|20)\d\d (?=var|lå|havde|tog)|efter (?:et|to|tre|seks|tolv|\d+) (?:år|måneder|uger)"
    rf"(?= var| lå| havde| tog)|i (?:projekt|pilot|forsøgs)\w*(?:året|perioden))\b"
    rf"[^.;]{{0,60}}?(?<![\d.,]){NUM}(?![\d.,]*\s*år\b)",
    FLAGS,
)

_THEN_SAID = re.compile(
    rf"\b({BEFORE}|før (projektet|indsatsen)|ved start\w*)\b[^.;]{{0,30}}?"
    rf"\b(lå|var|havde|tog)\b[^.;]{{0,30}}?(?<![\d.,]){NUM}|"
    rf"^(samme periode )?(sidste år|året før)\s*:\s*{NUM}\.?$",
    FLAGS,
)

# Counts of the work's own resources: a change in them is no effect ("er nu 14 medarbejdere").
_RESOURCES = re.compile(
    r"\b(medarbejdere|ansatte|frivillige|medlemmer|deltagere|årsværk|stillinger|pladser|"
    r"boliger|vi var|vi er)\b",
    FLAGS,
)

# A before/after table written as two lines: "Før projektet: 850" / "Efter projektet: 610".
_BEFORE_LINE = re.compile(
    rf"^([^:.;]{{0,40}}\s)?(før|inden|baseline)\b[^:]{{0,40}}:\s*{ABOUT}?{NUM}|"
    rf"^[^:.;]{{3,60}}:\s*(før|inden|baseline)\b\s*:?\s*{ABOUT}?{NUM}",
    FLAGS,
)

_AFTER_LINE = re.compile(rf"^(efter|nu|i dag|slutmåling)\b[^:]{{0,40}}:\s*{ABOUT}?{NUM}", FLAGS)

# A change that has happened ("faldt fra 12 % til 7 %") is a result even when the sentence also
# says "bliver", "skal" or "vurderer" about something else ("men vi skal stadig blive bedre"),
# unless the change itself is what is expected or aimed at.
_CHANGE_EXPECTED = re.compile(
    r"\b((?<!end )(?<!som )forvent\w*|målet (er|var)|mål om|estimer\w*|business ?case\w*|"
    r"potentiale\w*|håber|regner med|skal (falde|stige|ned|op|reducere\w*|halvere\w*|øge\w*)|"
    r"vil (falde|stige|betyde|give|medføre|føre til)|kommer til at)\b",
    FLAGS,
)


def _reports_past_change(s: str) -> bool:
    return (
        measured_change(s) >= 0.7 and bool(PAST_CHANGE.search(s)) and not _CHANGE_EXPECTED.search(s)
    )


# A finite verb, or a word that may be one: a closed list of the common ones, the past tense
# ("faldt", "viste", "fordelte"), the passive ("fordeles") and the present where its place shows
# it. Lenient on purpose: a noun taken for a verb only leaves a sentence read as a sentence.
_FINITE_VERB = re.compile(
    r"\b(er|var|har|havde|blev|bliver|kan|kunne|skal|skulle|vil|ville|må|måtte|bør|burde|får|"
    r"fik|gav|giver|går|gik|kom|kommer|ser|så|tog|tager|lå|ligger|står|stod|viser|finder|fandt|"
    r"falder|faldt|steg|stiger|sker|skete|betyder|gør|gjorde|siger|sagde|\w+ede|\w+te|\w+es|"
    # the present tense before an infinitive or after a pronoun: "ønsker at", "som beregner"
    r"\w+er,? at|(vi|de|den|det|man|der|som|jeg|han|hun)\s+\w+er)\b",
    FLAGS,
)


def _title_line(sent: Sentence) -> bool:
    """A line before the document's first heading with no finite verb: a title, a subtitle or a
    cover's byline ("Opfølgende hjemmebesøg - et randomiseret forsøg Evalueringsrapport udarbejdet
    for Region …"). A design or an aim it names is the document's label, not a statement of what
    the work found or expects."""
    # A key figure ("Forventet besparelse: 1,8 mio. kr.") is a line without a verb that says much.
    return (
        not sent.heading
        and not _FINITE_VERB.search(sent.text)
        and not re.search(rf":|{NUM}\s*{UNIT}", sent.text, FLAGS)
    )


def _problem_like(sent: Sentence, in_problem: bool, in_effect: bool) -> bool:
    """Numbers in a problem statement describe the problem, not the work's effect.

    "Udfordringen var stor, men fraværet faldt ..." turns from the problem to the result.
    """
    return in_problem or (
        not in_effect
        and bool(PROBLEM_CUE.search(sent.text))
        and not INTERVENTION_CUE.search(sent.text)
        and not re.search(r"\bmen\b", sent.text, FLAGS)
    )


def sentence_evidence(sent: Sentence) -> list[EvidenceHit]:
    """All evidence levels one sentence supports (a sentence may support several)."""
    s = sent.text
    hits: list[EvidenceHit] = []
    if s.rstrip().endswith("?") or GRADED_ROW.search(s):
        # A question reports nothing ("Hvor mange pixels er målt forkert?"), nor does a reviewer's
        # grade.
        return hits
    target = is_target_heading(sent.heading)
    in_effect = is_effect_heading(sent.heading) and not target
    in_problem = is_background_heading(sent.heading)
    hypothetical = target or (bool(HYPOTHETICAL.search(s)) and not _reports_past_change(s))
    negated = bool(NEGATED_DESIGN.search(s))
    problem_like = _problem_like(sent, in_problem, in_effect)
    boost = 0.1 if in_effect else 0.0
    label = _title_line(sent)

    if not negated and not hypothetical and not in_problem and not label:
        if (
            CAUSAL.search(s)
            or EVALUATED_BY.search(s)
            or EVALUATOR_DID.search(s)
            or FOLLOW_RESEARCH_FOUND.search(s)
        ):
            hits.append(EvidenceHit(4, sent, 0.85 + boost))
        elif EVALUATION_BY.search(s):
            hits.append(EvidenceHit(4, sent, 0.75 + boost))

    measured = measured_change(s, in_effect)
    if negated and measured <= 0.5:
        measured = 0.0
    if hypothetical and measured < 0.7 and not EFFECT_NAMED.search(s):
        # A rule of a process, not an expected effect: "Hvis der er registreret udeblivelse på
        # timesedlen, sendes der en advis."
        measured = 0.0
    if measured and (AGAINST_PLAN.search(s) or (NOT_EFFECT_CONTEXT.search(s) and measured < 0.85)):
        measured = 0.0
    if measured < 0.7 and EXPERIENCED.search(s) and not re.search(r"\d", s):
        measured = 0.0  # felt by those involved, with no figure: experienced, not measured
    if measured and DESCRIPTIVE_CONTEXT.search(s) and measured <= 0.6:
        measured = 0.0
    # Partners named in a collaboration are no comparison: "sammen med to nabokommuner".
    comparison = bool(COMPARISON.search(PARTNERS.sub(" ", s))) or bool(
        (measured >= 0.7 or VS_NUMBERS.search(s)) and COMPARISON_LOOSE.search(s)
    )
    if comparison and not negated and not hypothetical and not problem_like:
        # A comparison must carry a result (a number or a comparative), not only name a group.
        has_result = bool(
            measured
            or re.search(r"\d", s)
            or re.search(
                r"\b(færre|flere|lavere|højere|bedre|større|mindre|hurtigere|kortere|"
                r"længere|mere|end|uændret\w*|ingen ændring|halvt så|dobbelt så|så (mange|få))\b",
                s,
                FLAGS,
            )
        )
        if has_result:
            hits.append(EvidenceHit(3, sent, 0.75 + boost))
    if measured and not problem_like:
        if hypothetical:
            hits.append(EvidenceHit(1, sent, 0.7 + boost))
        elif measured == COUNTED_ONCE:
            hits.append(EvidenceHit(1, sent, 0.6 + boost))
        else:
            hits.append(EvidenceHit(2, sent, min(1.0, measured + boost)))
    expects = [m.group(0) for m in EXPECTED.finditer(s)]
    named = MANAGEMENT_TOOLS.sub(" ", s)
    # An item of a list of tasks or deliverables begins in lower case after its lead-in
    # ("Leverancer: … beskrive forventede gevinster"): it names work to do, not an effect expected
    # of it. Under an effect or target heading the items are effects.
    task_item = not (in_effect or target) and s[:1].islower() and not re.search(r"\d", s)
    expects_effect = (
        bool(expects)
        and not task_item
        and not label
        and not ADVICE.search(s)
        and not (TOOL_COMPUTES.search(s) and not re.search(r"\d", s))
        and (
            in_effect
            or ESTIMATED_EFFECT.search(named)
            or (
                (EFFECT_NAMED.search(named) or QUALITATIVE_EFFECT.search(named))
                and not all(ESTIMATE.fullmatch(e) for e in expects)
            )
        )
    )
    if expects_effect or (hypothetical and measured and problem_like is False):
        hits.append(EvidenceHit(1, sent, 0.7 + boost))
    elif (EXPERIENCED.search(s) or OPINION_SHARE.search(s)) and not problem_like:
        hits.append(EvidenceHit(1, sent, 0.6 + boost))
    elif in_effect and not hits and QUALITATIVE_EFFECT.search(s) and not negated:
        # An effect section that names a change without numbers: effect described, not measured.
        hits.append(EvidenceHit(1, sent, 0.55))
    return hits


def _level_then_now(prev: Sentence, sent: Sentence) -> list[EvidenceHit]:
    """A level before, then the level now, over two sentences: "Det tog 19 dage. I dag ligger
    ventetiden på 8 dage." is a measured change."""
    if prev.heading != sent.heading or is_background_heading(sent.heading):
        return []
    both = prev.text + " " + sent.text
    in_effect = is_effect_heading(sent.heading)
    if not in_effect and PROBLEM_CUE.search(both) and not INTERVENTION_CUE.search(both):
        return []
    if (
        HYPOTHETICAL.search(both)
        or NEGATED_DESIGN.search(both)
        or NOT_EFFECT_CONTEXT.search(both)
        or _RESOURCES.search(both)
    ):
        return []
    if _PAST_LEVEL.search(prev.text) and NOW_LEVEL.search(sent.text):
        return [EvidenceHit(2, sent, 0.7)]
    if _BEFORE_LINE.search(prev.text) and _AFTER_LINE.search(sent.text):
        return [EvidenceHit(2, sent, 0.75)]
    for now, then in ((sent, prev), (prev, sent)):
        if _NOW_SAID.search(now.text) and _THEN_SAID.search(then.text):
            return [EvidenceHit(2, now, 0.7)]
    return []


# A guide or a service page speaks to its reader throughout ("Du kan se …", "din simulering"): the
# results and gains it names are what the tool shows or the service offers its reader, not an
# effect of the work expected or felt. A measured result it reports still counts.
_TO_THE_READER = re.compile(r"\b(du|din|dit|dine|dig)\b", FLAGS)
_GUIDE_SHARE = 0.2


def _is_guide(sentences: list[Sentence]) -> bool:
    addressed = sum(1 for s in sentences if _TO_THE_READER.search(s.text))
    return addressed >= max(3, _GUIDE_SHARE * len(sentences))


def evidence_level(sentences: list[Sentence]) -> tuple[int, float, list[str]]:
    """(level, confidence, justifying sentences) for a document's sentences."""
    hits: list[EvidenceHit] = []
    for i, sent in enumerate(sentences):
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if (
            nxt is not None
            and nxt.heading == sent.heading
            and PROBLEM_FOLLOWS.search(nxt.text)
            and not is_effect_heading(sent.heading)
        ):
            continue  # "... faldt med 6 %. Det er baggrunden for projektet": the problem
        if is_pitfalls_heading(sent.heading) and not is_effect_heading(sent.heading):
            # What went wrong is no effect of the work: "Flere borgere stoppede efter et par
            # måneder" is a pitfall, and "virkede langt bedre" there says how to avoid one.
            continue
        own = sentence_evidence(sent)
        if is_economy_heading(sent.heading):
            # An evaluation named as a cost ("heraf 2,1 mio. kr. til den eksterne evaluering")
            # says what was paid for, not how the effect was shown.
            own = [h for h in own if h.level < 4]
        hits += own
        prev = sentences[i - 1] if i > 0 else None
        if prev is not None and not any(h.level >= 2 for h in own):
            hits += _level_then_now(prev, sent)
    hits += table_evidence(sentences)
    if _is_guide(sentences):
        hits = [h for h in hits if h.level >= 2]
    if not hits:
        words = sum(len(s.text.split()) for s in sentences)
        # A long text that never speaks of effect is more surely level 0 than a short one.
        return 0, round(0.5 + 0.35 * (1 - math.exp(-words / 300)), 2), []
    level = max(h.level for h in hits)
    top = [h for h in hits if h.level == level]
    strength = max(h.strength for h in top)
    # Several independent sentences at the level make it surer.
    confidence = min(0.95, strength + 0.05 * (len(top) - 1))
    # Justify with the sentences at the level. Above 2 the clearest measured ones come first: they
    # say what the case achieved (a card shows the first), the others what makes that surer.
    chosen: list[EvidenceHit] = sorted(top, key=lambda h: (-h.strength, h.sentence.index))
    if level >= 3:
        measured = sorted(
            (h for h in hits if h.level == 2), key=lambda h: (-h.strength, h.sentence.index)
        )
        chosen = measured[:2] + chosen + measured[2:]
    # A table flattened into one "sentence" by a PDF ("Genindlagt inden for 30 dage 14,8 % 19,6 %
    # -4,8 pp …") holds the figures but cannot be read as a sentence: it comes after those that can.
    chosen.sort(key=lambda h: _reads_as_table(h.sentence.text))
    texts: list[str] = []
    for h in chosen:
        if h.sentence.text not in texts:
            texts.append(h.sentence.text)
    return level, round(min(confidence, 0.95), 2), texts[:5]


def _reads_as_table(text: str) -> bool:
    """Six figures or more, and a figure for every fourth word or oftener."""
    words = text.split()
    figures = sum(any(c.isdigit() for c in w) for w in words)
    return figures >= 6 and 4 * figures >= len(words)
