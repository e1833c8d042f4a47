"""Validating a staged reports file in bulk: Python parses each distinct value once, DuckDB does the rest."""
import datetime as dt
from dataclasses import dataclass, field

from common.formats import format_count
from common.text import INVISIBLE_SQL, fold
from etl.checks import MEMBERS_WITHOUT_CELLS, over_eligible
from etl.fields import header_label
from etl.problems import MAX_LISTED, Problem
from etl.readers import Table, column_letter
from etl.resolve import Lookup, PeriodLookup
from etl.schema import REPORT_COUNTS
from etl.staging import distinct, register_map
from etl.values import count_qualifier, parse_count, parse_date

TOTAL_WORDS = ("tong cong", "cong", "tong", "tong so", "toan tinh", "cong toan tinh")
_VN = "replace(format('{{:,}}', {0}), ',', '.')"   # 3550 -> '3.550' inside SQL messages


def vn(expr: str) -> str:
    return _VN.format(expr)


@dataclass
class Lookups:
    units: Lookup
    periods: PeriodLookup
    topics: Lookup
    validity: dict[str, tuple[dt.date | None, dt.date | None]]        # unit -> valid from, to
    windows: dict[str, tuple[dt.date | None, dt.date | None]]         # period -> start, end

    @classmethod
    def read(cls, con) -> "Lookups":
        units = con.execute("SELECT code, name, valid_from, valid_to FROM units").fetchall()
        periods = con.execute("SELECT code, name, start_date, coalesce(end_date, deadline) FROM periods").fetchall()
        topics = con.execute("SELECT code, name FROM topics").fetchall()
        return cls(
            Lookup([(c, n) for c, n, _, _ in units], "đơn vị"),
            PeriodLookup([(c, n, s) for c, n, s, _ in periods]),
            Lookup(topics, "chuyên đề"),
            {c: (f, t) for c, _, f, t in units},
            {c: (s, e) for c, _, s, e in periods},
        )

    def overlaps(self, unit: str, period: str) -> bool:
        valid_from, valid_to = self.validity[unit]
        start, end = self.windows[period]
        return not ((valid_from and end and valid_from > end) or (valid_to and start and valid_to < start))


@dataclass
class Checked:
    errors: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0
    skipped_rows: list[Problem] = field(default_factory=list)   # which rows were left out, and why
    present: set[str] = field(default_factory=set)


def _unit_row(lookups: Lookups, raw: str) -> tuple:
    """(raw, code, error, is a totals row, ambiguous) for one distinct unit cell."""
    if not raw.strip():
        return raw, None, None, False, False
    if fold(raw) in TOTAL_WORDS:
        return raw, None, None, True, False
    codes = lookups.units.find(raw)
    if len(codes) == 1:
        return raw, codes.pop(), None, False, False
    if codes:
        return raw, None, lookups.units.ambiguous_message(codes), False, True
    return raw, None, lookups.units.unknown_message(raw), False, False


def _unit_by_period(lookups: Lookups, pairs: list[tuple[str, str]]) -> list[tuple]:
    """A name two units share (a district and the commune that took its name) is settled by the period."""
    rows = []
    for raw, period in pairs:
        codes = {c for c in lookups.units.find(raw) if lookups.overlaps(c, period)}
        if len(codes) == 1:
            rows.append((raw, period, codes.pop()))
    return rows


def _period_map(lookups: Lookups, pairs: list[tuple[str, str | None]]) -> list[tuple]:
    rows = []
    for raw, date_raw in pairs:
        if not raw.strip():
            rows.append((raw, date_raw, None, None))
            continue
        codes = lookups.periods.find_dated(raw, parse_date(date_raw)[0])
        if len(codes) == 1:
            rows.append((raw, date_raw, codes.pop(), None))
        elif codes:
            rows.append((raw, date_raw, None, lookups.periods.ambiguous_message(codes)))
        else:
            rows.append((raw, date_raw, None, lookups.periods.unknown_message(raw)))
    return rows


def _topic_map(lookups: Lookups, raws: list[str]) -> list[tuple]:
    rows = []
    for raw in raws:
        if not raw.strip():
            rows.append((raw, None, None))
            continue
        codes = lookups.topics.find(raw)
        if len(codes) == 1:
            rows.append((raw, codes.pop(), None))
        else:
            message = lookups.topics.ambiguous_message(codes) if codes else lookups.topics.unknown_message(raw)
            rows.append((raw, None, message))
    return rows


@dataclass
class _File:
    """One reports file under check: its staged rows and how its columns are named in a message."""
    con: object
    table: Table
    staged: str                 # the staged text table, columns c0, c1, …
    offset: int                 # the file's row number of the staged rowid 0
    col: dict[str, str]         # field -> staged column
    label: dict[str, str]       # field -> the header as the file writes it
    letter: dict[str, str]      # field -> the spreadsheet column letter
    counts: list[str]           # the count fields the file has
    data_rows: str = ""         # SQL condition of the rows that are reports (not blank, totals or signatures)


def check_reports(con, table: Table, lookups: Lookups, staged: str, offset: int, scope: str | None = None) -> Checked:
    """Check one staged reports file; on success the temp view `incoming_reports` holds its rows, typed."""
    col = {name: f"c{i}" for i, name in table.header.fields.items()}
    label = {name: table.header.labels[i] for i, name in table.header.fields.items()}
    letter = {name: column_letter(i) for i, name in table.header.fields.items()}
    counts = [f for f in REPORT_COUNTS if f in col]
    result = Checked(present=set(col) - {"unit", "period", "topic"})
    text, integer, boolean = "VARCHAR", "BIGINT", "BOOLEAN"

    found = set()       # (field, 'approx' or 'error') that some distinct value has: the others need no column
    for name in counts:
        parsed = [(raw, *parse_count(raw), count_qualifier(raw)) for (raw,) in distinct(con, staged, col[name])]
        found |= {(name, "approx") for _, _, approx, _, _ in parsed if approx}
        found |= {(name, "error") for _, _, _, error, _ in parsed if error}
        register_map(con, f"map_{name}", {"raw": text, "value": integer, "approx": boolean, "error": text,
                                          "qualifier": text}, parsed)
    date_col = col.get("report_date")
    if date_col:
        parsed = [(raw, *parse_date(raw)) for (raw,) in distinct(con, staged, date_col)]
        register_map(con, "map_report_date", {"raw": text, "value": "DATE", "error": text}, parsed)
    register_map(con, "map_unit", {"raw": text, "code": text, "error": text, "is_total": boolean, "ambiguous": boolean},
                 [_unit_row(lookups, r) for (r,) in distinct(con, staged, col["unit"])])
    period_pairs = distinct(con, staged, col["period"], date_col or "NULL")
    register_map(con, "map_period", {"raw": text, "date_raw": text, "code": text, "error": text},
                 _period_map(lookups, period_pairs))
    if "topic" in col:
        register_map(con, "map_topic", {"raw": text, "code": text, "error": text},
                     _topic_map(lookups, [r for (r,) in distinct(con, staged, col["topic"])]))

    # A name shared by two units is settled by which one existed in the row's period.
    ambiguous = con.execute(
        f"""SELECT DISTINCT mu.raw, mp.code FROM {staged} s
            JOIN map_unit mu ON mu.raw = s.{col['unit']} AND mu.ambiguous
            JOIN map_period mp ON mp.raw = s.{col['period']} AND mp.code IS NOT NULL
             AND mp.date_raw IS NOT DISTINCT FROM {'s.' + date_col if date_col else 'NULL'}"""
    ).fetchall() if con.execute("SELECT count(*) FROM map_unit WHERE ambiguous").fetchone()[0] else []

    unit_code, unit_error = "mu.code", "mu.error"
    joins = [f"LEFT JOIN map_unit mu ON mu.raw = s.{col['unit']}",
             f"LEFT JOIN map_period mp ON mp.raw = s.{col['period']} "
             f"AND mp.date_raw IS NOT DISTINCT FROM {'s.' + date_col if date_col else 'NULL'}"]
    if ambiguous:
        register_map(con, "map_unit_period", {"raw": text, "period": text, "code": text},
                     _unit_by_period(lookups, ambiguous))
        joins.append(f"LEFT JOIN map_unit_period mup ON mup.raw = s.{col['unit']} AND mup.period = mp.code")
        unit_code, unit_error = "coalesce(mup.code, mu.code)", "CASE WHEN mup.code IS NULL THEN mu.error END"
    first_total = "false"
    if col["unit"] != "c0":   # 'Tổng cộng' may stand in the STT column; a quick test before the slow one
        first_total = (f"CASE WHEN s.c0 IS NULL OR length(s.c0) > 20 THEN false ELSE "
                       f"regexp_replace(lower(strip_accents(trim(s.c0))), '[^a-z]+', ' ', 'g') IN {TOTAL_WORDS} END")
    select = [f"s.rowid + {offset} AS row_no",
              f"nullif(trim(s.{col['unit']}), '') IS NULL AS unit_missing", f"{unit_code} AS unit_code", f"{unit_error} AS unit_error",
              f"coalesce(mu.is_total, false) OR {first_total} AS total",
              f"nullif(trim(s.{col['period']}), '') IS NULL AS period_missing", "mp.code AS period_code", "mp.error AS period_error"]
    if "topic" in col:
        select += ["mt.code AS topic_code", "mt.error AS topic_error"]
        joins.append(f"LEFT JOIN map_topic mt ON mt.raw = s.{col['topic']}")
    else:
        select += ["NULL::VARCHAR AS topic_code", "NULL::VARCHAR AS topic_error"]
    for name in counts:
        approx = (name, "approx") in found
        error = f"m_{name}.error" if (name, "error") in found else "NULL::VARCHAR"
        written = f"CASE WHEN m_{name}.approx THEN trim(s.{col[name]}) END" if approx else "NULL::VARCHAR"
        qualifier = f"CASE WHEN m_{name}.approx THEN '{name}=' || m_{name}.qualifier END" if approx else "NULL::VARCHAR"
        select += [f"m_{name}.value AS {name}", f"{error} AS {name}_error", f"{written} AS {name}_approx",
                   f"{qualifier} AS {name}_qualifier"]
        joins.append(f"LEFT JOIN map_{name} m_{name} ON m_{name}.raw = s.{col[name]}")
    for name in set(REPORT_COUNTS) - set(counts):
        select.append(f"NULL::BIGINT AS {name}")
    if date_col:
        select += ["md.value AS report_date", "md.error AS report_date_error"]
        joins.append(f"LEFT JOIN map_report_date md ON md.raw = s.{date_col}")
    else:
        select += ["NULL::DATE AS report_date"]
    select.append(f"regexp_replace(nfc_normalize(trim(s.{col['note']})), '{INVISIBLE_SQL}', '', 'g') AS note"
                  if "note" in col else "NULL::VARCHAR AS note")
    # blank: every cell empty or spaces; the unit's cell, filled on nearly every row, settles most rows at once
    mapped = [f"nullif(trim(s.{c}), '')" for c in col.values()]
    select.append(f"CASE WHEN trim(s.{col['unit']}) <> '' THEN false ELSE coalesce({', '.join(mapped)}) IS NULL "
                  "END AS blank")
    select.append(f"coalesce({', '.join(f's.{col[n]}' for n in counts)}) IS NULL AS no_counts")
    con.execute("DROP TABLE IF EXISTS typed")
    con.execute(f"CREATE TEMP TABLE typed AS SELECT {', '.join(select)} FROM {staged} s {' '.join(joins)}")

    last_total = con.execute("SELECT max(row_no) FROM typed WHERE total").fetchone()[0]
    # rows that are not reports: blank, totals, and the signature block under the last totals row
    data_rows = "NOT blank AND NOT total"
    if last_total is not None:
        data_rows += f" AND NOT (row_no > {int(last_total)} AND (no_counts OR unit_code IS NULL))"
    result.skipped = con.execute(f"SELECT count(*) FROM typed WHERE NOT ({data_rows})").fetchone()[0]
    why = """CASE WHEN blank THEN 'Dòng trống.'
                  WHEN total THEN 'Dòng tổng cộng: không nạp, chỉ dùng để đối chiếu với các dòng phía trên.'
                  ELSE 'Dòng dưới dòng tổng cộng không có số liệu của đơn vị nào (người lập biểu, chữ ký, ghi chú).'
             END"""
    result.skipped_rows = [Problem(table.file_name, row, None, None, reason) for row, reason in con.execute(
        f"SELECT row_no, {why} FROM typed WHERE NOT ({data_rows}) ORDER BY row_no LIMIT {MAX_LISTED}").fetchall()]
    if con.execute(f"SELECT count(*) FROM typed WHERE {data_rows}").fetchone()[0] == 0:
        result.errors.append(Problem(table.file_name, None, None, None,
                                     "Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào. Hãy điền số liệu rồi nạp lại."))
        result.error_count = 1
        return result

    file = _File(con, table, staged, offset, col, label, letter, counts, data_rows)
    _find_errors(file, result, scope)
    if result.error_count:
        return result
    _find_warnings(file, result)
    notes = ["note"] + [f"'{header_label('reports', n)}: ' || {n}_approx" for n in counts]
    approximate = " OR ".join(f"{n}_approx IS NOT NULL" for n in counts) or "false"
    if con.execute(f"SELECT count(*) FROM typed WHERE {data_rows} AND ({approximate})").fetchone()[0]:
        result.present.add("note")
    if counts:               # a file's counts say whether they are approximate: an exact figure clears "trên"
        result.present.add("qualifier")
    qualifier = f"nullif(concat_ws(';', {', '.join(f'{n}_qualifier' for n in counts)}), '')" if counts else "NULL"
    con.execute("DROP VIEW IF EXISTS incoming_reports")
    con.execute(
        f"""CREATE TEMP VIEW incoming_reports AS
            SELECT unit_code, period_code, topic_code, {', '.join(REPORT_COUNTS)}, report_date,
                   nullif(concat_ws('; ', {', '.join(notes)}), '') AS note, {qualifier} AS qualifier
            FROM typed WHERE {data_rows}"""
    )
    return result


def _find_errors(file: _File, result: Checked, scope: str | None = None) -> None:
    con, table, staged, offset, data_rows = file.con, file.table, file.staged, file.offset, file.data_rows
    counts, col, label, letter = file.counts, file.col, file.label, file.letter

    def column(name):
        return f"{letter[name]} ({label[name]})" if name in label else header_label("reports", name)

    checks = [  # (column, message SQL, condition SQL)
        ("unit", "'Thiếu tên đơn vị. Hãy ghi tên hoặc mã đơn vị.'", "unit_missing"),
        ("unit", "unit_error", "unit_error IS NOT NULL"),
        ("period", "'Thiếu đợt. Hãy ghi mã hoặc tên đợt, ví dụ dịp 3-2.'", "period_missing"),
        ("period", "period_error", "NOT period_missing AND period_error IS NOT NULL"),
        ("topic", "topic_error", "topic_error IS NOT NULL"),
    ]
    if scope is not None:   # a unit's account: only its own subtree (issue 5); the code is bound, never inlined
        con.execute("CREATE OR REPLACE TEMP TABLE scope_units AS SELECT descendant AS code FROM unit_tree "
                    "WHERE ancestor = ?", [scope])
        con.execute("CREATE OR REPLACE TEMP TABLE scope_name AS SELECT name FROM units WHERE code = ?", [scope])
        checks.append(("unit", "'Đơn vị này không thuộc ' || (SELECT name FROM scope_name) || '. Tài khoản này chỉ "
                               "nạp được báo cáo của ' || (SELECT name FROM scope_name) || ' và các đơn vị trực "
                               "thuộc; hãy bỏ dòng này hoặc nhờ cán bộ tổng hợp nạp.'",
                       "unit_code IS NOT NULL AND unit_code NOT IN (SELECT code FROM scope_units)"))
    for name in counts:
        checks.append((name, f"{name}_error", f"{name}_error IS NOT NULL"))
    if "report_date" in col:
        checks.append(("report_date", "report_date_error", "report_date_error IS NOT NULL"))
    fix = "; hãy kiểm tra lại hai số này."
    pairs = [("cells_held", "cells_expected", "Số chi bộ đã sinh hoạt ({0}) lớn hơn tổng số chi bộ ({1})"),
             ("members_participating", "members_total", "Số đảng viên tham gia ({0}) lớn hơn tổng số đảng viên ({1})"),
             ("members_exempt", "members_total", "Số đảng viên miễn sinh hoạt ({0}) lớn hơn tổng số đảng viên ({1})")]
    for small, big, text in pairs:
        if small in counts and big in counts:
            message = "'" + text.format("' || " + vn(small) + " || '", "' || " + vn(big) + " || '") + fix + "'"
            checks.append((small, message, f"{small} > {big}"))
    complete = " OR ".join(f"({a} IS NOT NULL AND {b} IS NOT NULL)" for a, b in
                           (("cells_expected", "cells_held"), ("members_total", "members_participating")))
    count_errors = " OR ".join(f"{n}_error IS NOT NULL" for n in counts) or "false"
    checks.append(("unit",
                   "'Dòng thiếu số liệu: cần ghi tổng số chi bộ và số chi bộ đã sinh hoạt, "
                   "hoặc tổng số đảng viên và số đảng viên tham gia.'",
                   f"NOT ({complete}) AND NOT ({count_errors})"))
    # One scan counts every row check; only the checks that fired are listed (usually none).
    fired = con.execute(
        "SELECT " + ", ".join(f"count(*) FILTER ({condition})" for _, _, condition in checks)
        + f" FROM typed WHERE {data_rows}").fetchone()
    queries = [f"SELECT row_no, '{name}' AS name, {message} AS message FROM typed WHERE {data_rows} AND {condition}"
               for (name, message, condition), count in zip(checks, fired) if count]
    keyed = f"{data_rows} AND unit_code IS NOT NULL AND period_code IS NOT NULL"
    if con.execute(f"SELECT count(*) FROM typed WHERE {keyed} GROUP BY unit_code, period_code, topic_code "
                   "HAVING count(*) > 1 LIMIT 1").fetchone():
        queries.append(f"""
        SELECT row_no, 'unit' AS name,
               'Trùng với dòng ' || first_row || ' (cùng đơn vị, đợt và chuyên đề). '
               || 'Mỗi đơn vị chỉ ghi một dòng cho một đợt và một chuyên đề; hãy xóa hoặc gộp dòng trùng.' AS message
        FROM (SELECT *, min(row_no) OVER (PARTITION BY unit_code, period_code, topic_code) AS first_row
              FROM typed WHERE {keyed})
        WHERE row_no > first_row""")
    invalid = """FROM units u JOIN periods p
                 ON u.valid_from > coalesce(p.end_date, p.deadline) OR u.valid_to < p.start_date"""
    if con.execute(f"""SELECT 1 FROM (SELECT DISTINCT unit_code, period_code FROM typed WHERE {keyed}) t
                       WHERE EXISTS (SELECT 1 {invalid} WHERE u.code = t.unit_code AND p.code = t.period_code)
                       LIMIT 1""").fetchone():
        queries.append(f"""
        SELECT t.row_no, 'unit' AS name,
               u.name || ' chỉ có hiệu lực từ ' || coalesce(strftime(u.valid_from, '%d/%m/%Y'), '…')
               || ' đến ' || coalesce(strftime(u.valid_to, '%d/%m/%Y'), 'nay') || ', không thuộc đợt ' || p.name
               || '. Hãy báo cáo cho đơn vị có hiệu lực trong đợt này.' AS message
        FROM typed t JOIN units u ON u.code = t.unit_code JOIN periods p ON p.code = t.period_code
        WHERE {data_rows}
          AND (u.valid_from > coalesce(p.end_date, p.deadline) OR u.valid_to < p.start_date)""")
    if not queries:
        return
    con.execute(f"CREATE OR REPLACE TEMP TABLE found AS {' UNION ALL '.join(queries)}")
    result.error_count = con.execute("SELECT count(*) FROM found").fetchone()[0]
    value = "CASE f.name " + " ".join(f"WHEN '{n}' THEN r.{c}" for n, c in col.items()) + " END"
    for row, name, value, message in con.execute(
        f"""SELECT f.row_no, f.name, {value}, f.message FROM (
                SELECT * FROM found ORDER BY row_no, name LIMIT {MAX_LISTED}) f
            JOIN {staged} r ON r.rowid = f.row_no - {offset} ORDER BY f.row_no, f.name"""
    ).fetchall():
        result.errors.append(Problem(table.file_name, row, column(name), value, message))


def _find_warnings(file: _File, result: Checked) -> None:
    con, table, data_rows, counts, label = file.con, file.table, file.data_rows, file.counts, file.label
    header = table.header
    for index in header.unknown:
        result.warnings.append(Problem(table.file_name, header.row_index + 1, f"{column_letter(index)} ({header.labels[index]})",
                                       None, "Cột không có trong mẫu báo cáo nên được bỏ qua."))
    for index in header.repeated:
        result.warnings.append(Problem(table.file_name, header.row_index + 1, f"{column_letter(index)} ({header.labels[index]})",
                                       None, "Cột trùng ý nghĩa với một cột đứng trước nên được bỏ qua."))
    if {"members_participating", "members_total"} <= set(counts):
        exempt = "coalesce(members_exempt, 0)" if "members_exempt" in counts else "0"
        for row, value, eligible in con.execute(
            f"""SELECT row_no, members_participating, members_total - {exempt} FROM typed
                WHERE {data_rows} AND {over_eligible(exempt)}
                ORDER BY row_no LIMIT {MAX_LISTED}"""
        ).fetchall():
            result.warnings.append(Problem(
                table.file_name, row, label["members_participating"], format_count(value),
                f"Số đảng viên tham gia nhiều hơn số đảng viên phải sinh hoạt ({format_count(eligible)}); "
                "tỷ lệ vượt 100%. "
                "Đúng khi đảng viên miễn sinh hoạt vẫn dự; nếu không, hãy kiểm tra lại."))
    if {"members_participating", "cells_held"} <= set(counts):
        for row, value in con.execute(
            f"""SELECT row_no, members_participating FROM typed WHERE {data_rows} AND {MEMBERS_WITHOUT_CELLS}
                ORDER BY row_no LIMIT {MAX_LISTED}""").fetchall():
            result.warnings.append(Problem(
                table.file_name, row, label["members_participating"], format_count(value),
                f"Có {format_count(value)} đảng viên tham gia nhưng số chi bộ đã sinh hoạt là 0. Nếu chi bộ không "
                "sinh hoạt thì số đảng viên tham gia là 0; nếu đã sinh hoạt thì sửa số chi bộ đã sinh hoạt."))
    _check_totals(file, result)


def _check_totals(file: _File, result: Checked) -> None:
    """A totals row is never loaded, but it must agree with the rows above it."""
    con, table, data_rows, counts, label = file.con, file.table, file.data_rows, file.counts, file.label
    totals = con.execute(f"SELECT row_no, {', '.join(counts)} FROM typed WHERE total ORDER BY row_no").fetchall()
    previous = 0
    for row, *values in totals:
        sums = []
        for since in (previous, 0):
            sums.append(con.execute(
                f"SELECT {', '.join(f'sum({n})' for n in counts)} FROM typed "
                f"WHERE {data_rows} AND row_no > ? AND row_no < ?", [since, row]).fetchone())
        for index, name in enumerate(counts):
            value = values[index]
            if value is not None and all(s[index] != value for s in sums):
                result.warnings.append(Problem(
                    table.file_name, row, label[name], format_count(value),
                    f"Dòng tổng cộng ghi {format_count(value)} nhưng cộng các dòng phía trên được "
                    f"{format_count(sums[0][index] or 0)}. "
                    "Dòng tổng không được nạp; hãy kiểm tra lại số liệu các dòng."))
        previous = row
