"""What carrying approximate counts ("trên 3.550") up the roll-up costs, side by side in one process: the
dashboard's roll-up tables built on the national database (bench/national.py's, 9,6 million report rows, 2 % of
them approximate) by today's analytics/queries.py, against the same build by the version before qualifiers were
kept (read from git, commit BEFORE) on a copy without the column. Alternate runs, median of three each."""
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from analytics import queries
from common.formats import format_decimal

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "bench" / ".cache" / "national.duckdb"
BEFORE = "4372bfc"       # the last commit whose roll-up knew nothing of qualifiers
RUNS = 3


def _copy(qualified: bool) -> duckdb.DuckDBPyConnection:
    """The national database in memory; with the qualifier column (2 % of rows "at least") or without it."""
    memory = duckdb.connect(":memory:")
    memory.execute("ATTACH ? AS source (READ_ONLY)", [str(NATIONAL)])
    for table in ("units", "periods", "topics", "reports", "uploads", "unit_tree"):
        memory.execute(f"CREATE TABLE {table} AS FROM source.{table}")
    memory.execute("DETACH source")
    memory.execute("ALTER TABLE reports DROP COLUMN IF EXISTS qualifier")
    if qualified:
        memory.execute("ALTER TABLE reports ADD COLUMN qualifier VARCHAR")
        memory.execute("UPDATE reports SET qualifier = CASE WHEN hash(unit_code, period_code, topic_code) % 100 < 2 "
                       "THEN 'members_participating=at_least' END")
    return memory


def _before():
    """analytics/queries.py as it was at BEFORE, loaded as a module of its own."""
    source = subprocess.run(["git", "show", f"{BEFORE}:analytics/queries.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "queries_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("queries_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(module, con) -> float:
    started = time.perf_counter()
    module.prepare(con)
    return time.perf_counter() - started


def main() -> int:
    if not NATIONAL.exists():
        print("Chưa có cơ sở dữ liệu toàn quốc: hãy chạy `python -m bench.national` trước.")
        return 1
    before = _before()
    qualified, plain = _copy(True), _copy(False)
    rows, approximate = qualified.execute("SELECT count(*), count(qualifier) FROM reports").fetchone()
    now, then = [], []
    for _ in range(RUNS):
        then.append(_build(before, plain))
        now.append(_build(queries, qualified))
    a, b = statistics.median(now), statistics.median(then)
    print(f"{format_decimal(rows, 0)} dòng báo cáo, {format_decimal(approximate, 0)} dòng có số gần đúng")
    print(f"bảng cộng dồn mang số gần đúng: {format_decimal(a, 2)} s; trước khi có số gần đúng ({BEFORE}): "
          f"{format_decimal(b, 2)} s; gấp {format_decimal(a / b, 2)} lần (trung vị {RUNS} lần, xen kẽ)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
