"""Issue 15's first question, measured side by side on the national database (bench/national.py's, 9,6 million
report rows): what a dashboard process pays before its first answer

1. today: the in-memory copy with its roll-ups (analytics.snapshot), in a fresh process;
2. a published read copy: one DuckDB file holding the tables and the roll-ups, built once by the writer, that a
   fresh process opens read-only;

and what the writer would pay to publish: the whole roll-up against the roll-up of one occasion (what a load of
one occasion's reports touches). Each reader runs in its own process, so that its peak memory is its own."""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from analytics import quality, queries
from common.formats import format_decimal

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "bench" / ".cache" / "national.duckdb"
RUNS = 3
READER = """
import datetime as dt, sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from analytics.queries import Filters, stats
how, path = sys.argv[1], sys.argv[2]
if how == "snapshot":
    from analytics.snapshot import SnapshotHolder
    con = SnapshotHolder(path, wait_seconds=30).current().con.cursor()
else:
    import duckdb
    con = duckdb.connect(path, read_only=True)
stats(con, "unit", Filters(periods=("2026-19-5",)), dt.date(2026, 11, 22))
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(time.perf_counter() - started, peak // 1024)     # VmHWM is this program's own, not its parent's
"""


def publish(target: Path) -> float:
    """The tables and the roll-ups into one new file, as a writer would publish a version."""
    started = time.perf_counter()
    con = duckdb.connect(str(target))
    con.execute("ATTACH ? AS source (READ_ONLY)", [str(NATIONAL)])
    names = [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' "
        "AND NOT ends_with(table_name, '_history')").fetchall()]
    for name in names:
        con.execute(f'CREATE TABLE "{name}" AS FROM source."{name}"')
    con.execute("DETACH source")
    queries.prepare(con, temporary=False)
    quality.prepare(con, temporary=False)
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - started


def first_answer(how: str, path: Path) -> tuple[float, int]:
    done = subprocess.run([sys.executable, "-c", READER.format(root=str(ROOT)), how, str(path)], capture_output=True,
                          text=True, check=True)
    seconds, memory = done.stdout.split()
    return float(seconds), int(memory)


def rollup_seconds(path: Path, where: str) -> float:
    con = duckdb.connect(str(path), read_only=True)
    started = time.perf_counter()
    con.execute(f"WITH {queries.rollup_sql(con, where)} SELECT count(*) FROM rolled").fetchone()
    spent = time.perf_counter() - started
    con.close()
    return spent


def main() -> int:
    if not NATIONAL.exists():
        print("Chưa có cơ sở dữ liệu toàn quốc: hãy chạy `python -m bench.national` trước.")
        return 1
    with tempfile.TemporaryDirectory(prefix="ban-doc-") as folder:
        published = Path(folder) / "v1.duckdb"
        built = publish(published)
        print(f"bản đọc công bố: dựng {format_decimal(built, 1)} s, {os.path.getsize(published) // 1048576} MB")
        for how, path in (("snapshot", NATIONAL), ("published", published)):
            runs = [first_answer(how, path) for _ in range(RUNS)]
            print(f"{how}: câu trả lời đầu tiên {format_decimal(statistics.median(r[0] for r in runs), 2)} s, "
                  f"bộ nhớ đỉnh {format_decimal(statistics.median(r[1] for r in runs), 0)} MB "
                  f"(trung vị {RUNS} tiến trình)")
        whole = statistics.median(rollup_seconds(published, "") for _ in range(RUNS))
        one = statistics.median(rollup_seconds(published, "WHERE r.period_code = '2026-19-5'") for _ in range(RUNS))
        print(f"cộng dồn cả 12 đợt {format_decimal(whole, 2)} s, một đợt {format_decimal(one, 2)} s "
              f"(gấp {format_decimal(whole / one, 1)} lần)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
