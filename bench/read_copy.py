"""Issue 15, measured side by side on the national database (bench/national.py's, 9,6 million report rows):
several dashboard processes on the same data, one load committed, and how long until each shows it.

1. before: each dashboard process copied the database into memory and rolled it up after every upload (the
   design until issue 15, `memory_copy` below, as analytics/snapshot.py did it): time to the first answer and
   peak memory of one such process;
2. now: three reader processes, each holding the published version open (analytics.snapshot); a one-unit
   correction loaded with `python -m etl load` (commit and publishing included); then each process's next run:
   time until it shows the new figure, and resident memory of each before and after.

Everything runs on a copy of the national database in a temporary folder; each process's memory is its own."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from common.formats import format_count, format_decimal
from etl.publish import current, read_folder, repair
from etl.schema import create_schema

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "bench" / ".cache" / "national.duckdb"
PERIOD = "2026-19-5"
READERS = 3
ASK = """SELECT r.members_participating FROM rollup r JOIN units u ON u.code = r.unit_code
         WHERE u.parent_code IS NULL AND r.period_code = ?"""
READER = """
import json, sys, time
sys.path.insert(0, {root!r})
from analytics.queries import Filters, stats
from analytics.snapshot import SnapshotHolder
holder = SnapshotHolder(sys.argv[1], wait_seconds=60)

def memory(field):
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith(field)) // 1024

for line in sys.stdin:          # one line: one script run of a page
    started = time.perf_counter()
    snapshot = holder.current()
    rows = stats(snapshot.con.cursor(), "period", Filters(periods=({period!r},)))
    print(json.dumps({{"seconds": time.perf_counter() - started, "figure": rows[0]["members_participating"],
                      "version": snapshot.number, "rss": memory("VmRSS"), "peak": memory("VmHWM")}}), flush=True)
"""
MEMORY_COPY = """
import sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
import duckdb
from analytics.queries import Filters, stats
from etl import rollup
memory = duckdb.connect(":memory:")
memory.execute("SET enable_progress_bar = false")
memory.execute("ATTACH ? AS source (READ_ONLY)", [sys.argv[1]])
for (name,) in memory.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' "
                              "AND NOT ends_with(table_name, '_history')").fetchall():
    memory.execute(f'CREATE TABLE "{{name}}" AS FROM source."{{name}}"')
memory.execute("DETACH source")
rollup.build(memory, temporary=False)
stats(memory.cursor(), "period", Filters(periods=({period!r},)))
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(time.perf_counter() - started, peak // 1024)
"""


def ask(readers) -> list[dict]:
    for reader in readers:
        reader.stdin.write("run\n")
        reader.stdin.flush()
    return [json.loads(reader.stdout.readline()) for reader in readers]


def correction(db: Path, folder: Path) -> tuple[Path, int]:
    """A whole-occasion report for one grassroots unit in PERIOD, which wins over its per-topic rows: the largest
    of their figures, with seven members fewer taking part. The province's figure drops by seven."""
    with duckdb.connect(str(db), read_only=True) as con:
        unit, total, exempt, held, expected, cells, sent = con.execute(
            "SELECT unit_code, max(members_total), max(coalesce(members_exempt, 0)), max(members_participating), "
            "max(cells_expected), max(cells_held), max(coalesce(report_date, DATE '2026-06-01')) + 1 FROM reports "
            "WHERE period_code = ? GROUP BY unit_code ORDER BY unit_code LIMIT 1", [PERIOD]).fetchone()
    path = folder / "sua_so_lieu.csv"
    path.write_text("Đơn vị,Đợt,Tổng số chi bộ,Số chi bộ đã sinh hoạt,Tổng số đảng viên,"
                    "Số đảng viên miễn sinh hoạt,Số đảng viên tham gia,Ngày báo cáo\n"
                    f"{unit},{PERIOD},{expected},{cells},{total},{exempt},{held - 7},{sent:%d/%m/%Y}\n",
                    encoding="utf-8")
    return path, 7


def main() -> int:
    if not NATIONAL.exists():
        print("Chưa có cơ sở dữ liệu toàn quốc: hãy chạy `python -m bench.national` trước.")
        return 1
    with tempfile.TemporaryDirectory(prefix="ban-doc-") as work:
        db = Path(work) / "national.duckdb"
        shutil.copyfile(NATIONAL, db)
        with duckdb.connect(str(db)) as con:
            create_schema(con)     # columns added since the national database was generated, as a load adds them
        started = time.perf_counter()
        whole = repair(db, 60)
        print(f"bản đọc đầu tiên, dựng cả bản: {format_decimal(time.perf_counter() - started, 1)} s, "
              f"{format_count(os.path.getsize(read_folder(db) / whole.file) // 1048576)} MB")

        done = subprocess.run([sys.executable, "-c", MEMORY_COPY.format(root=str(ROOT), period=PERIOD), str(db)],
                              capture_output=True, text=True, check=True)
        seconds, peak = done.stdout.split()[-2:]
        print(f"trước (bản sao trong bộ nhớ mỗi tiến trình, dựng lại sau mỗi lần nạp): câu trả lời đầu tiên "
              f"{format_decimal(float(seconds), 2)} s, bộ nhớ đỉnh {format_count(int(peak))} MB")

        readers = [subprocess.Popen([sys.executable, "-c", READER.format(root=str(ROOT), period=PERIOD), str(db)],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                   for _ in range(READERS)]
        try:
            first = ask(readers)
            warm = [ask(readers) for _ in range(3)][-1]
            print("bây giờ, lần chạy đầu của mỗi tiến trình (mở bản đọc): "
                  + "; ".join(f"{format_decimal(a['seconds'], 2)} s, {format_count(a['rss'])} MB" for a in first))
            print("lần chạy sau, không có gì mới: "
                  + "; ".join(f"{format_decimal(a['seconds'] * 1000, 0)} ms" for a in warm))
            path, fewer = correction(db, Path(work))
            started = time.perf_counter()
            loaded = subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db)], cwd=ROOT,
                                    capture_output=True, text=True)
            command = time.perf_counter() - started
            if loaded.returncode:
                print(loaded.stdout, loaded.stderr)
                return 1
            version = current(read_folder(db))
            after = ask(readers)
            print(f"nạp một dòng sửa bằng `python -m etl load`: cả lệnh {format_decimal(command, 2)} s, trong đó công "
                  f"bố bản đọc số {version.number} {format_decimal(version.seconds, 2)} s "
                  f"({'dựng cả bản' if version.whole else 'chỉ đợt và đơn vị đã đổi'})")
            print("lần chạy đầu sau khi nạp, đến khi hiện số mới: "
                  + "; ".join(f"{format_decimal(a['seconds'], 2)} s" for a in after))
            shown = {a["figure"] for a in after}
            expected = first[0]["figure"] - fewer
            print(f"số hiện ra: {format_count(first[0]['figure'])} → {', '.join(format_count(f) for f in shown)} "
                  f"(phải là {format_count(expected)}); bản {first[0]['version']} → "
                  f"{', '.join(str(a['version']) for a in after)}")
            later = ask(readers)
            print("bộ nhớ thường trú mỗi tiến trình, trước → sau khi nạp: "
                  + "; ".join(f"{format_count(a['rss'])} → {format_count(b['rss'])} MB (đỉnh {format_count(b['peak'])})"
                              for a, b in zip(first, later)))
            if shown != {expected}:
                return 1
            print(f"tỉ lệ câu trả lời đầu tiên, trước / bây giờ sau khi nạp: "
                  f"{format_decimal(float(seconds) / statistics.median(a['seconds'] for a in after), 0)}")
        finally:
            for reader in readers:
                reader.stdin.close()
                reader.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
