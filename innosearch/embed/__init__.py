"""Embedding models: the Embedder protocol, its implementations and the factory that picks one."""
