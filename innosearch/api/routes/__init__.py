"""The API's endpoints, one module per group; app.py includes each group's router under /api.

Groups whose parameter limits come from the settings (max_limit, max_query_chars) are built per
app by `router(settings)`, so OpenAPI shows the limits in force; the others are plain routers.

Read handlers are async but hand their core call to the app's ReadPool (api/pool.py): searches
overlap in its threads (each with its own SQLite connection) while the event loop stays free.
"""
