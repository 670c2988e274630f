"""A document's sentence as the rules read it, and the evidence found in one."""

from dataclasses import dataclass


@dataclass
class Sentence:
    text: str
    heading: str  # lowercased heading of the section it came from ("" when none)
    index: int  # position in the document


@dataclass
class EvidenceHit:
    level: int
    sentence: Sentence
    strength: float  # 0..1, how sure this sentence supports its level
