"""Vector backends: the VectorIndex protocol (base), one module per backend, and the factory."""
