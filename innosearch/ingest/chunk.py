"""Cut documents into passages for embedding.

Decisions (deterministic, no randomness):
- A document whose whole text is under `min_words` is one chunk.
- Otherwise sections are chunked separately, so a chunk's section label says what it is.
  Tiny sections merge with a neighbour (up to `max_words`): for case records "tiny" means under
  25 words, because template labels (Udfordring, Løsning, Effekt) matter for search and display,
  so a 40-word "Effekt" stays its own chunk; for other kinds it means under `min_words`, since
  report and web headings are many and their sections short. A merged chunk is labelled with the
  first heading it contains, and the other sections' headings stay in its text.
- A long section is cut on paragraphs into near-equal parts of at most `max_words` (a small
  dynamic programme picks the cuts); a paragraph over `max_words` may also be cut on sentence
  ends (Danish abbreviations such as "fx.", "bl.a." and "ca." are not sentence ends); a sentence
  over `max_words` is cut on words as a last resort.
- `embed_text` carries the title and the section label; it is capped at HARD_CAP_WORDS words so
  it stays well under the model's 512 tokens.
"""

import math
from dataclasses import dataclass

from innosearch.documents import SUMMARY_HEADING, ChunkDraft, ParsedDocument, Section
from innosearch.text.normalise import paragraphs, word_count
from innosearch.text.sentences import PROSE, split_sentences

CASE_TINY_WORDS = 25
HARD_CAP_WORDS = 350
TITLE_CAP_WORDS = 30


def _split_words(text: str, max_words: int) -> list[str]:
    words = text.split()
    parts = math.ceil(len(words) / max_words)
    size = math.ceil(len(words) / parts)
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


# Cost, in squared words, of cutting inside a paragraph rather than at its end: a passage may
# be about 50 words further from the ideal size to keep a paragraph whole.
_MID_PARAGRAPH_CUT = 50**2


def _units(text: str, max_words: int) -> list[tuple[str, bool]]:
    """(text, ends a paragraph): whole paragraphs, or sentences of paragraphs over max_words."""
    units: list[tuple[str, bool]] = []
    for para in paragraphs(text):
        if word_count(para) <= max_words:
            units.append((para, True))
            continue
        pieces: list[str] = []
        for sentence in split_sentences(para, PROSE):
            if word_count(sentence) > max_words:
                pieces.extend(_split_words(sentence, max_words))
            else:
                pieces.append(sentence)
        units.extend((piece, i == len(pieces) - 1) for i, piece in enumerate(pieces))
    return units


def _pack(units: list[tuple[str, bool]], min_words: int, max_words: int) -> list[str]:
    """Join units in order into passages of at most max_words, as even as possible.

    A small dynamic programme: each passage costs its squared distance from the even size,
    more when under min_words, plus a penalty when it ends inside a paragraph.
    """
    if not units:
        return []
    sizes = [word_count(text) for text, _ in units]
    total = sum(sizes)
    target = total / math.ceil(total / max_words)
    n = len(units)
    best: list[float] = [0.0] + [math.inf] * n
    cut: list[int] = [0] * (n + 1)
    for j in range(1, n + 1):
        size = 0
        for i in range(j - 1, -1, -1):
            size += sizes[i]
            if size > max_words and i < j - 1:
                break
            cost = (size - target) ** 2
            if size < min_words and total > size:
                cost += (3 * (min_words - size)) ** 2
            if j < n and not units[j - 1][1]:
                cost += _MID_PARAGRAPH_CUT
            if best[i] + cost < best[j]:
                best[j], cut[j] = best[i] + cost, i
    bounds: list[tuple[int, int]] = []
    j = n
    while j > 0:
        bounds.append((cut[j], j))
        j = cut[j]
    passages = []
    for i, j in reversed(bounds):
        text = ""
        for k in range(i, j):
            sep = "" if k == i else ("\n\n" if units[k - 1][1] else " ")
            text += sep + units[k][0]
        passages.append(text)
    return passages


@dataclass
class _Group:
    """Neighbouring sections that become chunks together."""

    sections: list[Section]

    @property
    def words(self) -> int:
        return sum(word_count(s.text) + word_count(s.heading) for s in self.sections)

    @property
    def label(self) -> str:
        # The heading the passage starts under: what a reader sees first, and what the snippet's
        # "section" should point to.
        return next((s.heading for s in self.sections if s.heading), "")

    @property
    def page(self) -> int | None:
        return next((s.page for s in self.sections if s.page is not None), None)

    def text(self) -> str:
        label = self.label
        parts: list[str] = []
        previous_heading = label
        for section in self.sections:
            if section.heading and section.heading != previous_heading:
                # Another section's label stays visible inside the merged passage.
                parts.append(f"{section.heading}\n{section.text}")
            else:
                parts.append(section.text)
            previous_heading = section.heading or previous_heading
        return "\n\n".join(parts)


def _groups(sections: list[Section], tiny: int, max_words: int) -> list[_Group]:
    groups: list[_Group] = []
    for section in sections:
        if not section.text.strip():
            continue
        n = word_count(section.text) + word_count(section.heading)
        if groups:
            last = groups[-1]
            small = last.words < tiny or n < tiny
            if small and last.words + n <= max_words:
                last.sections.append(section)
                continue
        groups.append(_Group([section]))
    return groups


def embed_text(title: str, section: str, text: str) -> str:
    """What is embedded: "{title}. {section}: {text}", capped at HARD_CAP_WORDS words."""
    title_words = title.split()
    if len(title_words) > TITLE_CAP_WORDS:
        title = " ".join(title_words[:TITLE_CAP_WORDS]) + " …"
    prefix = ""
    if title:
        prefix = title if title.rstrip().endswith((".", "!", "?", "…")) else f"{title}."
    # The template's summary label says nothing about what the passage is about (measured: it
    # cost 0.015 nDCG@10 on dev-eval), while labels like Effekt or Faldgruber do.
    if section and section != SUMMARY_HEADING:
        prefix = f"{prefix} {section}:".strip()
    out = f"{prefix} {text}".strip() if prefix else text
    words = out.split()
    if len(words) > HARD_CAP_WORDS:
        out = " ".join(words[:HARD_CAP_WORDS])
    return out


def chunk_document(
    doc: ParsedDocument, min_words: int = 120, max_words: int = 250
) -> list[ChunkDraft]:
    """Passages of about min_words..max_words words, cut on sections, paragraphs, sentences."""
    sections = [s for s in doc.sections if s.text.strip()]
    if not sections:
        return []
    total = sum(word_count(s.text) for s in sections)
    tiny = CASE_TINY_WORDS if doc.kind == "case" else min_words
    # A very short document is one passage whatever its sections.
    groups = [_Group(sections)] if total < min_words else _groups(sections, tiny, max_words)

    chunks: list[ChunkDraft] = []
    for group in groups:
        label = group.label
        text = group.text()
        for passage in _pack(_units(text, max_words), min_words, max_words):
            chunks.append(
                ChunkDraft(
                    text=passage,
                    section=label,
                    page=_page_of(group, passage),
                    embed_text=embed_text(doc.title, label, passage),
                )
            )
    return chunks


def _page_of(group: _Group, passage: str) -> int | None:
    """The page of the first section whose text the passage starts in (PDF chunks)."""
    probe = passage[:60]
    for section in group.sections:
        if section.page is not None and probe and probe in section.text:
            return section.page
    return group.page
