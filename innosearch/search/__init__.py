"""Query handling, retrieval, fusion and aggregation to documents."""
