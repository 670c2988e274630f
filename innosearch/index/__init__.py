"""Storage layer: SQLite store, passage table, vector backends (FAISS, NumPy, Milvus), the model
manifest, and check/backup/restore. The embedding models are in embed/."""
