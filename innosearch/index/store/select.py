"""Reading rows by a list of keys, which SQLite takes at most 500 at a time in one IN (...)."""

import sqlite3


def select_in(db: sqlite3.Connection, sql: str, values: list) -> list[sqlite3.Row]:
    """Rows of `sql` with its `IN ({})` filled by `values`, 500 at a time (SQLite's limit)."""
    rows: list[sqlite3.Row] = []
    for start in range(0, len(values), 500):
        batch = values[start : start + 500]
        rows.extend(db.execute(sql.format(", ".join(["?"] * len(batch))), batch))
    return rows
