"""Storage layer: SQLite store, embedding model, FAISS vectors."""
