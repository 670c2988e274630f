"""Passages for embedding."""

from innosearch.documents import ParsedDocument, Section
from innosearch.ingest.chunk import HARD_CAP_WORDS, chunk_document, embed_text


def words(n: int, word: str = "ord") -> str:
    """A text of n words made of sentences of ten words each."""
    sentences = []
    for start in range(0, n, 10):
        count = min(10, n - start)
        sentences.append(("Ny " + " ".join([word] * (count - 1))).strip() + ".")
    return " ".join(sentences)


def test_short_document_is_one_chunk_with_title_and_section():
    doc = ParsedDocument(
        title="Skærmbesøg",
        kind="case",
        sections=[
            Section("Mange ældre er ensomme.", "Udfordring"),
            Section("Vi indførte skærmbesøg via tablet hos alle borgere.", "Løsning"),
        ],
    )
    (chunk,) = chunk_document(doc)
    assert chunk.section == "Udfordring"  # the heading the passage starts under labels it
    assert chunk.text == (
        "Mange ældre er ensomme.\n\nLøsning\nVi indførte skærmbesøg via tablet hos alle borgere."
    )
    assert chunk.embed_text == f"Skærmbesøg. Udfordring: {chunk.text}"


def test_case_sections_of_25_words_or_more_stay_separate():
    doc = ParsedDocument(
        title="Robot",
        kind="case",
        sections=[
            Section(words(60, "udfordring"), "Udfordring"),
            Section(words(40, "løsning"), "Løsning"),
            Section(words(30, "effekt"), "Effekt"),
            Section(words(8, "ressource"), "Ressourcer"),
        ],
    )
    chunks = chunk_document(doc)
    assert [c.section for c in chunks] == ["Udfordring", "Løsning", "Effekt"]
    # The tiny section joins its neighbour, with its heading kept in the text.
    assert chunks[2].text.endswith("Ressourcer\n" + words(8, "ressource"))
    assert all(c.embed_text.startswith(f"Robot. {c.section}: ") for c in chunks)


def test_long_section_is_cut_on_paragraphs_and_sentences_within_limits():
    paragraphs = [words(90, f"afsnit{i}") for i in range(5)] + [words(400, "lang")]
    doc = ParsedDocument(
        title="Rapport",
        kind="pdf",
        sections=[Section("\n\n".join(paragraphs), "Resultater", page=3)],
    )
    chunks = chunk_document(doc)
    sizes = [len(c.text.split()) for c in chunks]
    assert all(size <= 250 for size in sizes)
    assert min(sizes) >= 120
    assert all(c.page == 3 and c.section == "Resultater" for c in chunks)
    # Never mid-sentence: every chunk ends a sentence.
    assert all(c.text.endswith(".") for c in chunks)
    # Nothing lost, nothing repeated.
    assert sum(sizes) == sum(len(p.split()) for p in paragraphs)


def test_small_report_sections_merge_and_keep_pages():
    doc = ParsedDocument(
        title="Notat",
        kind="pdf",
        sections=[Section(words(50, "a"), "Indledning", 1), Section(words(90, "b"), "Metode", 2)]
        + [Section(words(200, "c"), "Resultater", 3)],
    )
    chunks = chunk_document(doc)
    assert [(c.section, c.page) for c in chunks] == [("Indledning", 1), ("Resultater", 3)]
    assert chunks[0].text.startswith("Ny a") and "\n\nMetode\n" in chunks[0].text


def test_embed_text_caps_and_no_section():
    assert embed_text("Titel", "", "Tekst her.") == "Titel. Tekst her."
    assert embed_text("Hvad virker?", "Effekt", "X.") == "Hvad virker? Effekt: X."
    long = embed_text("T", "S", "ord " * 1000)
    assert len(long.split()) == HARD_CAP_WORDS


def test_one_giant_sentence_is_cut_on_words():
    doc = ParsedDocument(title="T", kind="text", sections=[Section("ord " * 600)])
    chunks = chunk_document(doc)
    assert [len(c.text.split()) for c in chunks] == [200, 200, 200]
    assert chunks[0].embed_text.startswith("T. ord")


def test_deterministic_and_empty():
    doc = ParsedDocument(title="T", kind="text", sections=[Section(words(700))])
    assert chunk_document(doc) == chunk_document(doc)
    assert chunk_document(ParsedDocument(title="T", kind="text", sections=[])) == []
