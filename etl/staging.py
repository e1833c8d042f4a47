"""Putting a file's raw rows into a temporary DuckDB table, and small Python-made lookup tables beside it."""
import csv
import os
import re
import tempfile
from dataclasses import replace

import duckdb

from etl.readers import FileProblem, Table
from etl.scratch import scratch_dir

MAX_LINE_BYTES = 2 * 1024 * 1024   # one record; DuckDB's own default, named so the message can say it


def stage_raw(con, table: Table, name: str) -> int:
    """`name` gets one VARCHAR column per file column (c0, c1, ...), in file order.

    Returns what to add to a row's rowid to get the row number a spreadsheet shows."""
    columns = [f"c{i}" for i in range(table.width)]
    con.execute(f"DROP TABLE IF EXISTS {name}")
    try:
        _read_csv(con, table, name, columns)
    except duckdb.Error as problem:
        if "quoted new lines" not in str(problem):
            raise _csv_problem(table, str(problem)) from None
        # a cell with a line break in it: valid CSV that DuckDB's parallel reader refuses with short rows padded
        flat = _without_line_breaks_in_cells(table)
        try:
            _read_csv(con, flat, name, columns)
        except duckdb.Error as again:
            raise _csv_problem(table, str(again)) from None
        finally:
            os.unlink(flat.csv_path)
    return table.first_row_number


def _read_csv(con, table: Table, name: str, columns: list[str]) -> None:
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
    con.execute(
        f"""CREATE TEMP TABLE {name} AS
            SELECT * FROM read_csv(?, delim = ?, header = false, skip = ?, columns = {spec}, auto_detect = false,
                                   null_padding = true, quote = '"', escape = '"', max_line_size = ?)""",
        [table.csv_path, table.csv_separator, table.csv_skip, MAX_LINE_BYTES],
    )


def _csv_problem(table: Table, message: str) -> FileProblem:
    """DuckDB's reason, told in the user's words with the line it names."""
    line = re.search(r"Line: (\d+)", message)
    where = f"dòng {line.group(1)}" if line else "một dòng"
    fix = "Hãy mở tệp bằng Excel, sửa dòng đó rồi lưu lại."
    if "Invalid unicode" in message:
        reason = (f"{where} có ký tự không đúng bảng mã UTF-8 như phần đầu tệp (tệp lưu lẫn hai bảng mã). Hãy mở "
                  "tệp bằng Excel rồi lưu lại dạng “CSV UTF-8”.")
    elif "unterminated quote" in message:
        reason = f"{where} có dấu ngoặc kép (\") mở mà không đóng. {fix}"
    elif "line size" in message.lower():
        reason = (f"{where} dài hơn {MAX_LINE_BYTES // 1048576} MB (một ô quá dài, hoặc tệp không xuống dòng). "
                  f"{fix}")
    elif (found := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)):
        reason = (f"{where} có {found.group(2)} ô, nhiều hơn {found.group(1)} cột của dòng tiêu đề. {fix}")
    else:
        reason = f"{where} không đúng dạng CSV (số ô, dấu ngoặc kép hay ký tự lạ). {fix}"
    return FileProblem(f"{table.file_name}: không đọc được tệp CSV: {reason}")


def _without_line_breaks_in_cells(table: Table) -> Table:
    """A copy of the rows where a line break inside a cell becomes a space, each record on one line."""
    descriptor, path = tempfile.mkstemp(suffix=".csv", dir=scratch_dir())
    limit = csv.field_size_limit(MAX_LINE_BYTES)
    reader = None
    try:
        with open(table.csv_path, encoding="utf-8-sig", newline="") as source, \
                os.fdopen(descriptor, "w", encoding="utf-8", newline="") as target:
            for _ in range(table.csv_skip):
                source.readline()
            reader = csv.reader(source, delimiter=table.csv_separator, strict=True)
            writer = csv.writer(target, delimiter=table.csv_separator, lineterminator="\n")
            for row in reader:
                writer.writerow([" ".join(cell.split("\n")).replace("\r", "") for cell in row] or [""])
    except (csv.Error, UnicodeDecodeError) as problem:
        os.unlink(path)
        line = table.csv_skip + (reader.line_num + 1 if reader else 1)
        reason = ("có ký tự không đúng bảng mã UTF-8 như phần đầu tệp (tệp lưu lẫn hai bảng mã). Hãy mở tệp bằng Excel "
                  "rồi lưu lại dạng “CSV UTF-8”." if isinstance(problem, UnicodeDecodeError) else
                  "có dấu ngoặc kép (\") mở mà không đóng, hoặc một ô dài quá 2 MB. Hãy mở tệp bằng Excel, sửa dòng "
                  "đó rồi lưu lại.")
        raise FileProblem(f"{table.file_name}: không đọc được tệp CSV: quanh dòng {line} {reason}") from None
    except BaseException:
        os.unlink(path)
        raise
    finally:
        csv.field_size_limit(limit)
    return replace(table, csv_path=path, csv_skip=0)


def register_map(con, name: str, columns: dict[str, str], rows: list[tuple]) -> None:
    """A lookup table made in Python (raw text -> parsed value, error), `columns` naming each column's DuckDB type.

    The columns travel as list parameters: pyarrow would import pandas on its first array (0,27 s of every load)."""
    con.execute(f"DROP TABLE IF EXISTS {name}")
    values = [list(column) for column in zip(*rows)] if rows else [[] for _ in columns]
    select = ", ".join(f"unnest(${i + 1}::{kind}[]) AS {column}" for i, (column, kind) in enumerate(columns.items()))
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT {select}", values)


def distinct(con, table: str, *columns: str) -> list[tuple]:
    cols = ", ".join(columns)
    return con.execute(f"SELECT DISTINCT {cols} FROM {table} WHERE {columns[0]} IS NOT NULL").fetchall()
