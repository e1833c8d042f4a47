"""What the filters offer (plans, occasions, topics, units in tree order), breadcrumbs and the upload history."""
import datetime as dt

from common.db import dicts
from etl.schema import PARENT_UNITS


def plans(con) -> list[dict]:
    return dicts(con.execute(
        """SELECT p.code, coalesce(pl.title, p.code) AS title, min(p.start_date) AS first_start
           FROM (SELECT DISTINCT plan_code AS code, start_date FROM periods WHERE plan_code IS NOT NULL) p
           LEFT JOIN plans pl USING (code) GROUP BY ALL ORDER BY first_start, code"""))


def periods(con) -> list[dict]:
    return dicts(con.execute(
        """SELECT code, name, plan_code, start_date, end_date, coalesce(deadline, end_date) AS deadline
           FROM periods ORDER BY start_date NULLS FIRST, code"""))


def topics(con) -> list[dict]:
    return dicts(con.execute("SELECT code, name FROM topics ORDER BY code"))


def parent_units(con) -> list[dict]:
    """Units that have units under them, in tree order (each after its parent, siblings in Vietnamese order), with
    their depth below the top of their tree: stored in a read copy, worked out on a database file."""
    stored = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'parent_units' "
                         "AND database_name = current_database() AND schema_name = 'main'").fetchone()[0]
    source = "parent_units" if stored else f"({PARENT_UNITS})"
    return dicts(con.execute(f"SELECT * EXCLUDE (position) FROM {source} ORDER BY position"))


def units_by_code(con) -> dict[str, dict]:
    """Every unit across all dates, by code, with its name and dates: what a unit account may be made for."""
    return {row["code"]: row for row in dicts(con.execute("SELECT code, name, valid_from, valid_to FROM units"))}


def unknown_code(con, filters) -> str | None:
    """The first code of the filters that is not in the catalogue, named for the user ("đợt mã 2099-3-2"); None
    when every one is known. Any unit may be the parent here, not only one with units under it."""
    asked = [("units", "đơn vị mã", [filters.parent] if filters.parent else []),
             ("periods", "đợt mã", list(filters.periods)), ("topics", "chuyên đề mã", list(filters.topics)),
             ("plans", "kế hoạch", [filters.plan] if filters.plan else [])]   # a plan's code is its number
    for table, label, codes in asked:
        for code in codes:
            if not con.execute(f"SELECT count(*) FROM {table} WHERE code = ?", [code]).fetchone()[0]:
                return f"{label} {code}"
    return None


def ancestors(con, code: str) -> list[dict]:
    """The unit and those above it, from the root down: the breadcrumb."""
    return dicts(con.execute(
        """SELECT a.code, a.name FROM unit_tree t JOIN units a ON a.code = t.ancestor
           WHERE t.descendant = ? ORDER BY t.distance DESC""", [code]))


def subtree(con, code: str) -> frozenset[str]:
    """The unit and every unit under it, across all dates: what a unit account may see."""
    return frozenset(c for (c,) in con.execute("SELECT descendant FROM unit_tree WHERE ancestor = ?", [code]).fetchall())


def has_children(con, code: str, as_of: dt.date | None) -> bool:
    return con.execute(
        """SELECT count(*) > 0 FROM units WHERE parent_code = $code
           AND ($as_of IS NULL OR ((valid_from IS NULL OR valid_from <= $as_of)
                                   AND (valid_to IS NULL OR valid_to >= $as_of)))""",
        {"code": code, "as_of": as_of}).fetchone()[0]


def uploads(con) -> list[dict]:
    return dicts(con.execute(
        """SELECT id, created_at, user_name, file_name, kinds, imported, updated, unchanged, skipped, warnings,
                  status, rolled_back_at, rolled_back_by
           FROM uploads ORDER BY id DESC"""))


def upload_reports(con, upload_id: int, limit: int = 1000) -> list[dict]:
    """The report rows an upload wrote that are still current."""
    return dicts(con.execute(
        """SELECT u.name AS unit, p.name AS period, coalesce(t.name, '') AS topic, r.cells_expected, r.cells_held,
                  r.members_total, r.members_exempt, r.members_participating, r.report_date, r.note
           FROM reports r JOIN units u ON u.code = r.unit_code JOIN periods p ON p.code = r.period_code
           LEFT JOIN topics t ON t.code = r.topic_code
           WHERE r.upload_id = ? ORDER BY p.start_date, u.name COLLATE vi, topic LIMIT ?""", [upload_id, limit]))


def upload_documents(con, upload_id: int) -> list[dict]:
    """The documents an upload's figures were read from (none for a file upload, or before documents were kept)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'documents'").fetchone()[0]:
        return []
    return dicts(con.execute("SELECT file_name, sha256, text_from, text FROM documents WHERE upload_id = ? "
                             "ORDER BY file_name", [upload_id]))


def data_date(con) -> dt.datetime | None:
    """When the figures last changed: the latest upload or rollback."""
    return con.execute(
        "SELECT greatest(max(created_at) FILTER (WHERE status = 'committed'), max(rolled_back_at)) FROM uploads"
    ).fetchone()[0]
