"""The DuckDB schema: the loadable tables, their history twins, and the closure of the organisation tree."""
REPORT_COUNTS = ("cells_expected", "cells_held", "members_total", "members_exempt",
                 "members_participating", "non_members", "meetings")
SESSION_COUNTS = REPORT_COUNTS[:5]     # what a narrative report is read for: cells and members

# Each loadable table: its key and its value columns. A *_history twin keeps old rows.
TABLES = {
    "units": (("code",), ("name", "kind", "parent_code", "valid_from", "valid_to")),
    "periods": (("code",), ("name", "plan_code", "start_date", "end_date", "deadline")),
    "topics": (("code",), ("name",)),
    "reports": (("unit_code", "period_code", "topic_code"), REPORT_COUNTS + ("report_date", "note", "qualifier")),
}

_COLUMNS = {
    "units": "code VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR, parent_code VARCHAR, "
             "valid_from DATE, valid_to DATE",
    "periods": "code VARCHAR NOT NULL, name VARCHAR NOT NULL, plan_code VARCHAR, start_date DATE, "
               "end_date DATE, deadline DATE",
    "topics": "code VARCHAR NOT NULL, name VARCHAR NOT NULL",
    "reports": "unit_code VARCHAR NOT NULL, period_code VARCHAR NOT NULL, topic_code VARCHAR, "
               + ", ".join(f"{c} INTEGER" for c in REPORT_COUNTS)
               + ", report_date DATE, note VARCHAR, qualifier VARCHAR",
}

SCHEMA = "\n".join(
    [
        """CREATE TABLE IF NOT EXISTS uploads (
            id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
            kinds VARCHAR NOT NULL, user_name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
            imported INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            skipped INTEGER NOT NULL, warnings INTEGER NOT NULL, status VARCHAR NOT NULL,
            rolled_back_at TIMESTAMP, rolled_back_by VARCHAR);""",
        """CREATE TABLE IF NOT EXISTS plans (
            code VARCHAR PRIMARY KEY, title VARCHAR, issuer VARCHAR, issued_on DATE);""",
        """CREATE TABLE IF NOT EXISTS documents (
            upload_id INTEGER NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
            text_from VARCHAR NOT NULL, text VARCHAR NOT NULL);""",
        """CREATE TABLE IF NOT EXISTS unit_tree (
            ancestor VARCHAR NOT NULL, descendant VARCHAR NOT NULL, distance INTEGER NOT NULL,
            ancestor_depth INTEGER NOT NULL);""",
    ]
    + [
        f"CREATE TABLE IF NOT EXISTS {t} ({cols}, upload_id INTEGER NOT NULL);\n"
        f"CREATE TABLE IF NOT EXISTS {t}_history ({cols}, upload_id INTEGER NOT NULL, "
        "changed_by INTEGER NOT NULL, changed_at TIMESTAMP NOT NULL);"
        for t, cols in _COLUMNS.items()
    ]
)


# Columns added after databases were made; an older file gains them on its next load.
ADDED = (("reports", "qualifier VARCHAR"), ("reports_history", "qualifier VARCHAR"))


def create_schema(con) -> None:
    con.execute(SCHEMA)
    for table, column in ADDED:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}")


# The tops of the tree: no parent, or a parent that is not a unit (as etl.reference.tree_problems sees it; the
# loader refuses such a parent and a rollback refuses to leave one, but a database may hold one from before)
TOP = "(parent_code IS NULL OR parent_code NOT IN (SELECT code FROM units))"

# Units that have units under them, in tree order: each after its parent, siblings in Vietnamese order (the
# sidebar's list); `depth` below the top of its tree
PARENT_UNITS = f"""
    WITH RECURSIVE parents AS (
        SELECT code, name, parent_code, valid_from, valid_to,
               row_number() OVER (PARTITION BY CASE WHEN NOT {TOP} THEN parent_code END
                                  ORDER BY name COLLATE vi, code) AS rank
        FROM units WHERE code IN (SELECT parent_code FROM units)),
    walk AS (   -- from the tops down, as unit_tree; the path is the list of sibling ranks, so names never mix
        SELECT code, 0 AS depth, [rank] AS path FROM parents WHERE {TOP}
        UNION ALL
        SELECT p.code, w.depth + 1, list_append(w.path, p.rank) FROM parents p JOIN walk w ON p.parent_code = w.code)
    SELECT p.code, p.name, p.parent_code, p.valid_from, p.valid_to, w.depth,
           row_number() OVER (ORDER BY w.path) AS position
    FROM walk w JOIN parents p USING (code)"""


def rebuild_unit_tree(con) -> None:
    """The closure of the organisation tree: every (ancestor, descendant) pair with distance and depth."""
    con.execute("DELETE FROM unit_tree")
    con.execute(
        f"""
        INSERT INTO unit_tree
        WITH RECURSIVE depth(code, depth) AS (
            SELECT code, 0 FROM units WHERE {TOP}
            UNION ALL
            SELECT u.code, d.depth + 1 FROM units u JOIN depth d ON u.parent_code = d.code
        ), pairs(ancestor, descendant, distance) AS (
            SELECT code, code, 0 FROM units
            UNION ALL
            SELECT p.ancestor, u.code, p.distance + 1 FROM units u JOIN pairs p ON u.parent_code = p.descendant
        )
        SELECT p.ancestor, p.descendant, p.distance, d.depth
        FROM pairs p JOIN depth d ON d.code = p.ancestor
        """
    )
