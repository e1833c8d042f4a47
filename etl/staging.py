"""Putting a file's raw rows into a temporary DuckDB table, and small Python-made lookup tables beside it."""
import re

import duckdb
import pyarrow as pa

from etl.readers import FileProblem, Table


def stage_raw(con, table: Table, name: str) -> int:
    """`name` gets one VARCHAR column per file column (c0, c1, ...), in file order.

    Returns what to add to a row's rowid to get the row number a spreadsheet shows."""
    columns = [f"c{i}" for i in range(table.width)]
    con.execute(f"DROP TABLE IF EXISTS {name}")
    if table.rows is not None:
        register_map(con, name, {c: pa.string() for c in columns}, table.rows)
        return table.header.first_data_row + 1
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
    try:
        con.execute(
            f"""CREATE TEMP TABLE {name} AS
                SELECT * FROM read_csv(?, delim = ?, header = false, skip = ?, columns = {spec},
                                       auto_detect = false, null_padding = true, quote = '"', escape = '"')""",
            [table.csv_path, table.csv_separator, table.csv_skip],
        )
    except duckdb.Error as problem:
        line = re.search(r"Line: (\d+)", str(problem))
        where = f" ở dòng {line.group(1)}" if line else ""
        raise FileProblem(
            f"{table.file_name}: không đọc được tệp CSV{where}: dòng có nhiều ô hơn số cột tiêu đề "
            f"({table.width} cột) hoặc dấu ngoặc kép không đóng. Hãy mở tệp bằng Excel, sửa dòng đó rồi lưu lại."
        ) from None
    return table.csv_skip + 1


def register_map(con, name: str, columns: dict[str, pa.DataType], rows: list[tuple]) -> None:
    """A small lookup table made in Python (raw text -> parsed value, error)."""
    con.execute(f"DROP TABLE IF EXISTS {name}")
    arrays = [pa.array([r[i] for r in rows], type=t) for i, t in enumerate(columns.values())]
    con.register(f"{name}_arrow", pa.Table.from_arrays(arrays, names=list(columns)))
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


def distinct(con, table: str, *columns: str) -> list[tuple]:
    cols = ", ".join(columns)
    return con.execute(f"SELECT DISTINCT {cols} FROM {table} WHERE {columns[0]} IS NOT NULL").fetchall()
