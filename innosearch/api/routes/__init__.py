"""The API's endpoints, one module per group; app.py includes each group's router under /api.

Groups whose parameter limits come from the settings (max_limit, max_query_chars) are built per
app by `router(settings)`, so OpenAPI shows the limits in force; the others are plain routers.

Read handlers are async so that searches run one at a time on the event loop: the store's SQLite
connection and the vector index are shared and each search takes milliseconds.
"""
