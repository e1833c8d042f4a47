"""Writing staged rows into a table with history, and undoing an upload from that history."""
import datetime as dt

from etl.reference import tree_problems
from etl.schema import TABLES, rebuild_unit_tree


def _key_match(left: str, right: str, keys: tuple[str, ...]) -> str:
    return " AND ".join(f"{left}.{k} IS NOT DISTINCT FROM {right}.{k}" for k in keys)


def merge(con, table: str, staged: str, present: set[str], upload_id: int, now: dt.datetime) -> dict[str, int]:
    """Upsert `staged` into `table`: new rows inserted, changed rows updated with the old row kept in history.

    Columns the file did not have keep their stored values, so a correction that leaves out a column
    does not erase it."""
    keys, values = TABLES[table]
    columns = ", ".join(keys + values)
    overlap = con.execute(f"SELECT count(*) FROM {staged} s JOIN {table} e ON {_key_match('s', 'e', keys)}").fetchone()[0]
    if not overlap:   # nothing to compare with: the common first load of an occasion
        chosen = ", ".join(keys + tuple(v if v in present else "NULL" for v in values))
        inserted = con.execute(
            f"INSERT INTO {table} ({columns}, upload_id) SELECT {chosen}, ? FROM {staged}", [upload_id]
        ).fetchone()[0]
        return {"imported": inserted, "updated": 0, "unchanged": 0}
    incoming = ", ".join(
        [f"s.{k}" for k in keys] + [f"{'s' if v in present else 'e'}.{v} AS {v}" for v in values]
    )
    changed = " OR ".join(
        f"s.{v} IS DISTINCT FROM e.{v}" for v in values if v in present
    ) or "FALSE"
    con.execute("DROP TABLE IF EXISTS merge_diff")
    con.execute(
        f"""CREATE TEMP TABLE merge_diff AS
            SELECT {incoming}, e.{keys[0]} IS NOT NULL AS existed, e.{keys[0]} IS NOT NULL AND ({changed}) AS changed
            FROM {staged} s LEFT JOIN {table} e ON {_key_match('s', 'e', keys)}"""
    )
    counts = con.execute(
        "SELECT count(*) FILTER (NOT existed), count(*) FILTER (changed), count(*) FILTER (existed AND NOT changed) "
        "FROM merge_diff"
    ).fetchone()
    if counts[1]:
        con.execute(
            f"""INSERT INTO {table}_history ({columns}, upload_id, changed_by, changed_at)
                SELECT {', '.join(f'e.{c}' for c in keys + values)}, e.upload_id, ?, ? FROM {table} e
                JOIN merge_diff d ON {_key_match('d', 'e', keys)} WHERE d.changed""",
            [upload_id, now],
        )
        con.execute(
            f"DELETE FROM {table} e USING merge_diff d WHERE {_key_match('d', 'e', keys)} AND d.changed"
        )
    con.execute(
        f"INSERT INTO {table} ({columns}, upload_id) SELECT {columns}, ? FROM merge_diff WHERE NOT existed OR changed",
        [upload_id],
    )
    con.execute("DROP TABLE merge_diff")
    return {"imported": counts[0], "updated": counts[1], "unchanged": counts[2]}


class RollbackRefused(Exception):
    """The rollback would lose or orphan data; the message says what to do instead."""


def rollback(con, upload_id: int, user: str, now: dt.datetime) -> dict[str, int]:
    """Put every row an upload wrote back as it was before; refuse when a later upload built on it."""
    status = con.execute("SELECT status FROM uploads WHERE id = ?", [upload_id]).fetchone()
    if status is None:
        raise RollbackRefused(f"Không có lần nạp số {upload_id}.")
    if status[0] != "committed":
        raise RollbackRefused(f"Lần nạp số {upload_id} đã được hoàn tác trước đó.")
    for table, (keys, _) in TABLES.items():
        later = con.execute(
            f"""SELECT DISTINCT h.changed_by FROM {table}_history h JOIN uploads u ON u.id = h.changed_by
                WHERE h.upload_id = ? AND u.status = 'committed' ORDER BY 1""",
            [upload_id],
        ).fetchall()
        if later:
            numbers = ", ".join(str(r[0]) for r in later)
            raise RollbackRefused(
                f"Lần nạp số {numbers} đã sửa lại dữ liệu do lần nạp số {upload_id} ghi. "
                f"Hãy hoàn tác lần nạp số {numbers} trước."
            )
    orphans = con.execute(
        """SELECT 'đơn vị', r.unit_code FROM reports r JOIN units u ON u.code = r.unit_code
               WHERE u.upload_id = ? AND r.upload_id <> ?
               AND NOT EXISTS (SELECT 1 FROM units_history h WHERE h.code = u.code AND h.changed_by = ?)
           UNION ALL
           SELECT 'đợt', r.period_code FROM reports r JOIN periods p ON p.code = r.period_code
               WHERE p.upload_id = ? AND r.upload_id <> ?
               AND NOT EXISTS (SELECT 1 FROM periods_history h WHERE h.code = p.code AND h.changed_by = ?)
           UNION ALL
           SELECT 'chuyên đề', r.topic_code FROM reports r JOIN topics t ON t.code = r.topic_code
               WHERE t.upload_id = ? AND r.upload_id <> ?
               AND NOT EXISTS (SELECT 1 FROM topics_history h WHERE h.code = t.code AND h.changed_by = ?)
           LIMIT 1""",
        [upload_id, upload_id, upload_id] * 3,
    ).fetchone()
    if orphans:
        raise RollbackRefused(
            f"Lần nạp số {upload_id} đã thêm {orphans[0]} {orphans[1]} mà các báo cáo nạp sau vẫn dùng. "
            "Hãy hoàn tác các lần nạp báo cáo đó trước."
        )
    broken = _broken_tree(con)     # what the tree already had wrong (a database from before this check)
    counts = {"removed": 0, "restored": 0}
    for table, (keys, values) in TABLES.items():
        columns = ", ".join(keys + values) + ", upload_id"
        counts["removed"] += con.execute(f"DELETE FROM {table} WHERE upload_id = ?", [upload_id]).fetchone()[0]
        counts["restored"] += con.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_history WHERE changed_by = ?", [upload_id]
        ).fetchone()[0]
    counts["removed"] -= counts["restored"]
    _check_tree_after(con, upload_id, broken)
    con.execute(
        "UPDATE uploads SET status = 'rolled_back', rolled_back_at = ?, rolled_back_by = ? WHERE id = ?",
        [now, user, upload_id],
    )
    rebuild_unit_tree(con)
    return counts


def _broken_tree(con) -> tuple[set, set]:
    """Units whose parent is not a unit, and units whose parents come back round to them."""
    lost = con.execute("SELECT code, parent_code FROM units WHERE parent_code IS NOT NULL "
                       "AND parent_code NOT IN (SELECT code FROM units)").fetchall()
    return set(lost), set(tree_problems(con)[0])


def _check_tree_after(con, upload_id: int, before: tuple[set, set]) -> None:
    """The tree as the rollback leaves it (inside its transaction): refused when a unit a later upload put under
    another would lose its parent, or when parents restored by the rollback would come back round to each other."""
    lost, cyclic = (now - then for now, then in zip(_broken_tree(con), before))
    if lost:
        code, parent = min(lost)
        raise RollbackRefused(
            f"Hoàn tác lần nạp số {upload_id} sẽ xóa đơn vị mã {parent}, trong khi đơn vị mã {code} (nạp sau) "
            f"vẫn ghi {parent} là cấp trên. Hãy hoàn tác lần nạp đã thêm {code} trước, hoặc nạp lại danh mục "
            f"cho {code} một cấp trên khác.")
    if cyclic:
        raise RollbackRefused(
            f"Hoàn tác lần nạp số {upload_id} sẽ làm các đơn vị {', '.join(sorted(cyclic)[:10])} thành cấp trên của "
            "nhau theo vòng tròn. Hãy hoàn tác trước các lần nạp sau đã đổi cấp trên của chúng.")
