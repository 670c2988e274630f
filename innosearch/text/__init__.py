"""Danish text analysis: cleanup and folding, tokens and stems, sentences, section headings."""
