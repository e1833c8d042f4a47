"""Checking units, periods and topics files row by row (they are small) before they are merged."""
import math

from common.formats import format_date
from common.text import printable
from etl.fields import canonical_fields, header_label
from etl.problems import Problem
from etl.readers import Table, column_letter
from etl.resolve import Lookup
from etl.schema import TABLES
from etl.staging import register_map
from etl.values import parse_date

_TYPES = {"code": "VARCHAR", "text": "VARCHAR", "date": "DATE"}


def check_reference(con, table: Table, kind: str, staged: str,
                    offset: int) -> tuple[list[Problem], list[Problem], set[str]]:
    """Check one staged units/periods/topics file into `incoming`; returns (errors, skipped rows, columns present)."""
    header = table.header
    fields = {f.name: f for f in canonical_fields(kind)}
    where = {name: (i, f"{column_letter(i)} ({header.labels[i]})") for i, name in header.fields.items()}
    errors: list[Problem] = []
    rows, skipped, first_seen = [], [], {}

    def problem(row_no, name, value, message):
        errors.append(Problem(table.file_name, row_no, where[name][1] if name in where else name, value, message))

    for rowid, raw in enumerate(con.execute(f"SELECT * FROM {staged} ORDER BY rowid").fetchall()):
        row_no = rowid + offset
        cells = {name: (printable(raw[i]).strip() or None if raw[i] else None) for name, (i, _) in where.items()}
        if not any(cells.values()):
            skipped.append(Problem(table.file_name, row_no, None, None, "Dòng trống."))
            continue
        record = {}
        for name, value in cells.items():
            if name == "plan_date" or (name in fields and fields[name].kind == "date"):
                record[name], message = parse_date(value)
                if message:
                    problem(row_no, name, value, message)
            else:
                record[name] = value
        code = record.get("code")
        if not code:
            problem(row_no, "code", None, "Thiếu mã. Mỗi dòng cần một mã riêng.")
            continue
        if code in first_seen:
            problem(row_no, "code", code, f"Mã này đã có ở dòng {first_seen[code]}. Mỗi mã chỉ ghi một dòng.")
        first_seen.setdefault(code, row_no)
        if kind != "periods" and not record.get("name"):
            problem(row_no, "name", None, "Thiếu tên. Hãy ghi tên đầy đủ.")
        record.setdefault("name", None)
        record["name"] = record["name"] or code
        for start, end in (("valid_from", "valid_to"), ("start_date", "end_date"), ("start_date", "deadline")):
            if record.get(start) and record.get(end) and record[end] < record[start]:
                problem(row_no, end, format_date(record[end]),
                        f"Ngày này trước ngày {format_date(record[start])} ở cột bắt đầu. Hãy sửa lại cho đúng thứ tự.")
        if kind == "units" and record.get("parent_code") == code:
            problem(row_no, "parent_code", code, "Đơn vị không thể là cấp trên của chính nó.")
        rows.append((row_no, record))

    if kind == "units":
        _check_parents(con, table, rows, problem)
    if kind == "periods":
        _add_plans(con, rows)
    keys, values = TABLES[kind]
    columns = keys + values
    types = {c: _TYPES[fields[c].kind] for c in columns}
    register_map(con, "incoming", types, [tuple(r.get(c) for c in columns) for _, r in rows])
    present = {name for name in header.fields.values() if name in values} | {"name"}
    return errors, skipped, present


def _check_parents(con, table, rows, problem) -> None:
    known = dict(con.execute("SELECT code, name FROM units").fetchall())
    known.update({r["code"]: r["name"] for _, r in rows})
    lookup = Lookup(list(known.items()), "đơn vị cấp trên")
    for row_no, record in rows:
        parent = record.get("parent_code")
        if parent and parent not in known:
            problem(row_no, "parent_code", parent,
                    f"Không có đơn vị mã {parent}.{lookup.suggest(parent)} Hãy ghi mã đơn vị cấp trên có trong danh mục.")


def _add_plans(con, rows) -> None:
    for _, record in rows:
        plan = record.get("plan_code")
        if plan:
            con.execute(
                """INSERT INTO plans (code, title, issuer, issued_on) VALUES (?, ?, ?, ?)
                   ON CONFLICT (code) DO UPDATE SET title = coalesce(excluded.title, plans.title),
                   issuer = coalesce(excluded.issuer, plans.issuer),
                   issued_on = coalesce(excluded.issued_on, plans.issued_on)""",
                [plan, record.get("plan_title"), record.get("plan_issuer"), record.get("plan_date")],
            )


MAX_DEPTH = 12   # levels below the top unit; a real tree has a handful (province, district or commune, cell)


def tree_problems(con) -> tuple[list[str], list[str]]:
    """Units whose chain of parents comes back to themselves (the tree would have no root), and units more than
    MAX_DEPTH levels below the top; each unit is walked once, so a chain 20.000 units long costs little."""
    parents = dict(con.execute("SELECT code, parent_code FROM units").fetchall())
    depth: dict[str, float] = {}
    cyclic: set[str] = set()
    for code in parents:
        path, on_path, current = [], {}, code
        while current is not None and current not in depth and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = parents.get(current)     # a parent not in the file counts as a top unit
        if current is not None and current in on_path:      # the walk came back to a unit of its own path
            loop = path[on_path[current]:]
            cyclic.update(loop)
            depth.update(dict.fromkeys(loop, math.inf))
            path, below = path[:on_path[current]], math.inf
        else:
            below = -1 if current is None else depth[current]
        for unit in reversed(path):
            below += 1
            depth[unit] = below
    return sorted(cyclic), sorted(code for code, level in depth.items() if MAX_DEPTH < level < math.inf)


WATCHED = {  # what a catalogue file may change that alters what the dashboard shows, and so is said aloud
    "units": ("name", "parent_code", "valid_from", "valid_to"),
    "periods": ("name", "plan_code", "start_date", "end_date", "deadline"),
    "topics": ("name",),
}
LISTED = 200


def catalogue_changes(con, kind: str, present: set[str], file_name: str) -> list[Problem]:
    """Each change the staged `incoming` rows make to existing units, occasions or topics, old -> new; a new
    top-level unit beside the existing one (another province's file loaded here by mistake); an occasion with no
    deadline, whose reports could never be overdue."""
    label = {"units": "đơn vị", "periods": "đợt", "topics": "chuyên đề"}[kind]
    names = dict(con.execute("SELECT code, name FROM units").fetchall()) if kind == "units" else {}
    found = []

    def shown(column: str, value) -> str:
        if value is None:
            return "(trống)"
        if column == "parent_code":
            return f"{names.get(value, value)} ({value})"
        return format_date(value) if hasattr(value, "strftime") else str(value)

    for column in (c for c in WATCHED[kind] if c in present):
        for code, name, old, new in con.execute(
            f"""SELECT e.code, e.name, e.{column}, i.{column} FROM incoming i JOIN {kind} e ON e.code = i.code
                WHERE i.{column} IS DISTINCT FROM e.{column} ORDER BY e.code LIMIT {LISTED}""").fetchall():
            what = (f"Đổi tên {label} mã {code}" if column == "name" else
                    f"{label.capitalize()} {name} chuyển sang cấp trên khác" if column == "parent_code" else
                    f"{label.capitalize()} {name} đổi {header_label(kind, column).lower()}")
            found.append(Problem(file_name, None, header_label(kind, column), code,
                                 f"{what}: {shown(column, old)} → {shown(column, new)}."))
    if kind == "periods":
        stored = lambda column: f"i.{column}" if column in present else f"e.{column}"   # noqa: E731
        for code, name in con.execute(
            f"""SELECT i.code, i.name FROM incoming i LEFT JOIN periods e ON e.code = i.code
                WHERE {stored('deadline')} IS NULL AND {stored('end_date')} IS NULL ORDER BY i.code""").fetchall():
            found.append(Problem(file_name, None, header_label(kind, "deadline"), code,
                                 f"Đợt {name} không có hạn báo cáo hay ngày kết thúc: báo cáo chưa nộp của đợt này sẽ "
                                 "luôn là chưa đến hạn, không bao giờ quá hạn. Hãy ghi hạn báo cáo."))
    if kind == "units":
        roots = [name for (name,) in
                 con.execute("SELECT name FROM units WHERE parent_code IS NULL ORDER BY name").fetchall()]
        if roots:
            for code, name in con.execute(
                "SELECT code, name FROM incoming WHERE parent_code IS NULL AND code NOT IN (SELECT code FROM units) "
                "ORDER BY code").fetchall():
                found.append(Problem(file_name, None, header_label(kind, "parent_code"), code,
                                     f"Thêm đơn vị cấp cao nhất thứ hai: {name}, bên cạnh {', '.join(roots)}. Nếu đây "
                                     "là danh mục của tỉnh khác thì đừng nạp vào cơ sở dữ liệu này; nếu là đơn vị của "
                                     "tỉnh mình, hãy ghi mã đơn vị cấp trên của nó."))
    return found
