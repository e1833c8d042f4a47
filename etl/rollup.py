"""The rolled-up tables every page reads, built from the reports: whole, or for the occasions and units a change
touched. The writer builds them into each read copy it publishes (etl.publish); `stats` builds them in temporary
tables when it reads the database itself.

Counting rules: a report at a unit wins over its children's for that unit (never added together); within one
occasion a whole-occasion report wins over per-topic ones, which otherwise count by their largest figure, so a
unit's members are not counted once per topic; its members who must attend are the largest total less exempt of
any one row."""
import duckdb

from etl.checks import failed_sql
from etl.schema import REPORT_COUNTS

# Approximate counts ("trên 3.550") carry their qualifier up the roll-up as bits (1 at least, 2 almost, 4 about),
# OR-ed like counts are summed: a sum of exact counts and counts "at least" is at least; of "at least" and
# "almost", only about. A bit OR costs what a sum costs. Rates use the numbers.
QUALIFIED = ("cells_expected", "cells_held", "members_total", "members_exempt", "members_participating")
QUALIFIER_BITS = {"at_least": 1, "almost": 2, "about": 4}
# A unit's members who must attend, from one row: the largest total and the largest exempt count taken from two
# different topic rows could give a negative number.
_ELIGIBLE = "members_total - coalesce(members_exempt, 0)"
_COLLAPSE = ", ".join(
    [f"CASE WHEN bool_or(topic_code IS NULL) THEN max({c}) FILTER (WHERE topic_code IS NULL) ELSE max({c}) END AS {c}"
     for c in REPORT_COUNTS]
    + [f"CASE WHEN bool_or(topic_code IS NULL) THEN bit_or({c}_q) FILTER (WHERE topic_code IS NULL) "
       f"ELSE bit_or({c}_q) END AS {c}_q" for c in QUALIFIED]
    + [f"CASE WHEN bool_or(topic_code IS NULL) THEN max({_ELIGIBLE}) FILTER (WHERE topic_code IS NULL) "
       f"ELSE max({_ELIGIBLE}) END AS members_eligible"])
_UNSHADOWED = "FILTER (WHERE c.shadow_depth IS NULL OR c.shadow_depth < t.ancestor_depth)"


def _qualifiers(source: str) -> str:
    """Each qualified count's bit out of the stored 'members_participating=at_least;…'."""
    bits = " ".join(f"WHEN '{name}' THEN {bit}" for name, bit in QUALIFIER_BITS.items())
    return ", ".join(f"CASE regexp_extract({source}, '{c}=([a-z_]+)', 1) {bits} END::UTINYINT AS {c}_q"
                     for c in QUALIFIED)


ALL_TOPICS = "*"   # the topic group of a unit's whole figures: a whole-occasion row, else its largest topic row

_OWN = ", ".join(REPORT_COUNTS + tuple(f"{c}_q" for c in QUALIFIED) + (f"{_ELIGIBLE} AS members_eligible",))
SUMMED = ("cells_expected", "cells_held", "members_total", "members_eligible", "members_participating")   # rolled up
_OWN_WINS = ", ".join(   # the unit's own figures where it reported, else its subtree's
    f"CASE WHEN b.unit_code IS NULL THEN s.{c} ELSE b.{c} END AS {c}"
    for c in SUMMED + tuple(f"{c}_q" for c in QUALIFIED))

# Reports collapsed per unit, occasion and topic group, then summed up the tree: for every unit and occasion,
# what that unit counts (its own report, or its subtree's where no report above shadows them) and when its
# subtree's first report came. Topic groups: ALL_TOPICS, '' for whole-occasion rows, and each topic's code (a
# report's key is its unit, occasion and topic, so a topic group's row is one report).
_ROLLUP = f"""
raw AS (
    SELECT r.*, coalesce(r.report_date, u.created_at::DATE) AS received_on, {_qualifiers("r.qualifier")}
    FROM reports r JOIN uploads u ON u.id = r.upload_id {{where}}),
base AS (
    SELECT unit_code, period_code, '{ALL_TOPICS}' AS tg, min(received_on) AS received_on, {_COLLAPSE}
    FROM raw GROUP BY unit_code, period_code
    UNION ALL
    SELECT unit_code, period_code, coalesce(topic_code, '') AS tg, received_on, {_OWN} FROM raw),
shadow AS (   -- from the reports of units that have children (few): which rows below them they shadow
    SELECT b.unit_code, b.period_code, b.tg, max(t.ancestor_depth) AS shadow_depth
    FROM (SELECT * FROM base WHERE unit_code IN (SELECT parent_code FROM units)) a
    JOIN unit_tree t ON t.ancestor = a.unit_code AND t.distance > 0
    JOIN base b ON b.unit_code = t.descendant AND b.period_code = a.period_code AND b.tg = a.tg
    GROUP BY ALL),
counted AS (SELECT b.*, s.shadow_depth FROM base b LEFT JOIN shadow s USING (unit_code, period_code, tg)),
below AS (    -- each unit's subtree under it: the rows no report at or under the unit shadows, summed
    SELECT t.ancestor AS unit_code, c.period_code, c.tg, min(c.received_on) AS received_on,
           {", ".join(f"sum(c.{c}) {_UNSHADOWED} AS {c}" for c in SUMMED)},
           {", ".join(f"bit_or(c.{c}_q) {_UNSHADOWED} AS {c}_q" for c in QUALIFIED)}
    FROM counted c JOIN unit_tree t ON t.descendant = c.unit_code AND t.distance > 0
    GROUP BY ALL),
rolled AS (   -- a unit's own report shadows its subtree's; the first report of either says when
    SELECT unit_code, period_code, tg, least(b.received_on, s.received_on) AS received_on, {_OWN_WINS}
    FROM base b FULL JOIN below s USING (unit_code, period_code, tg))"""

def rollup_sql(con, where: str) -> str:
    """The roll-up CTEs (ending in `rolled`) over the reports `where` picks; a database written before qualifiers
    were kept reads as all exact."""
    sql = _ROLLUP.format(where=where)
    kept = con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'reports' AND column_name = "
                       "'qualifier' AND schema_name = 'main' AND database_name = current_database()").fetchone()[0]
    return sql if kept else sql.replace("r.qualifier", "NULL::VARCHAR")


_GROUPS = {"rollup": f"a.tg = '{ALL_TOPICS}'", "rollup_topics": f"a.tg <> '{ALL_TOPICS}'"}


def _roll_up(con, where: str, kind: str, verb: str) -> None:
    """Roll up the reports `where` picks once, then split the rows into `rollup` (a unit's whole figures per
    occasion) and `rollup_topics` (per topic), each in the order of the unit's parent, so that a page reading one
    unit's children touches few blocks. `verb` makes the tables (CREATE OR REPLACE {kind}) or adds to them."""
    # in memory, whatever `kind`: a table made and dropped in a published file would leave its blocks behind
    con.execute(f"CREATE OR REPLACE TEMP TABLE rolled_up AS WITH {rollup_sql(con, where)} SELECT * FROM rolled")
    for table, rows in _GROUPS.items():
        head = f"CREATE OR REPLACE {kind} {table} AS" if verb == "create" else f"INSERT INTO {table} BY NAME"
        con.execute(f"""{head} SELECT a.*, u.parent_code FROM rolled_up a JOIN units u ON u.code = a.unit_code
                        WHERE {rows} ORDER BY u.parent_code, a.unit_code""")
    con.execute("DROP TABLE temp.rolled_up")


def build(con, temporary: bool = True) -> None:
    """The rolled-up tables over every report, in the current database (or as temporary tables): `rollup`,
    `rollup_topics` and `quality_failed`, every failed check of every report."""
    kind = "TEMP TABLE" if temporary else "TABLE"
    _roll_up(con, "", kind, "create")
    _check(con, kind)


def _check(con, kind: str) -> None:
    con.execute(f"CREATE OR REPLACE {kind} quality_failed AS WITH {failed_sql('reports')} SELECT * FROM failed")


def _missing(con, table: str) -> bool:
    return not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0]


def ensure_rolled_up(con) -> bool:
    """`rollup` and `rollup_topics`, as temporary tables when the database read has none (`stats` on the file);
    whether they had to be made."""
    if _missing(con, "rollup_topics"):
        _roll_up(con, "", "TEMP TABLE", "create")
        return True
    return False


def ensure_checked(con) -> bool:
    if _missing(con, "quality_failed"):
        _check(con, "TEMP TABLE")
        return True
    return False


def with_rolled_up(con, ensure, run):
    """`run()`, whose query reads rolled-up tables; when they are missing (a database file rather than a read
    copy, which has them), `ensure(con)` makes them and `run()` goes again. A read copy pays no check. Not for a
    connection inside an explicit transaction: DuckDB ends it at the first error (no caller does)."""
    try:
        return run()
    except (duckdb.CatalogException, duckdb.InvalidInputException):   # the latter when the calling code has a
        if not ensure(con):                                            # Python variable of the missing table's name
            raise
        return run()


def refresh(con, changed: str) -> None:
    """Redo the rolled-up rows a change to the reports affects, in the current database. `changed` names a table of
    the (unit_code, period_code) pairs whose reports changed: their occasions' roll-ups are redone whole (a unit's
    figures flow up to every ancestor and shadow its descendants), and the checks of those units and their parents
    (a parent is compared with the sum of its children, a unit with its other occasions)."""
    periods = f"SELECT DISTINCT period_code FROM {changed}"
    for table in _GROUPS:
        con.execute(f"DELETE FROM {table} WHERE period_code IN ({periods})")
    _roll_up(con, f"WHERE r.period_code IN ({periods})", "TABLE", "insert")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE checked_units AS
                    SELECT DISTINCT unit_code FROM {changed}
                    UNION SELECT u.parent_code FROM {changed} c JOIN units u ON u.code = c.unit_code
                    WHERE u.parent_code IS NOT NULL""")
    con.execute("DELETE FROM quality_failed WHERE unit_code IN (SELECT unit_code FROM checked_units)")
    con.execute(f"""INSERT INTO quality_failed BY NAME
                    WITH picked AS (SELECT * FROM reports WHERE unit_code IN (SELECT unit_code FROM checked_units)),
                    {failed_sql('picked')} SELECT * FROM failed""")
    con.execute("DROP TABLE checked_units")
