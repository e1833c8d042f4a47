"""Loading a 1,000,000-row reports CSV with full validation, against DuckDB's own read_csv of the same file.

Both run in this process, side by side, three times each; the ratio of the medians is what counts. Then the
whole command as a user runs it (`python -m etl load`, interpreter start and imports included) against a Python
process that imports duckdb and runs read_csv into a table, three times each."""
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from etl.fields import canonical_fields
from etl.loader import LoadOptions, load_files
from etl.publish import current, read_folder

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
CELLS = 5_000            # cells under 50 communes, 20 periods, 10 topics: 1,000,000 distinct keys
PERIODS = 20
TOPICS = 10


def write_reference(folder: Path) -> list[Path]:
    def write(name, kind, rows):
        path = folder / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([f.header for f in canonical_fields(kind)])
            writer.writerows(rows)
        return path

    units = [["T", "Tỉnh ủy Thử Nghiệm", "tỉnh ủy", "", "", ""]]
    units += [[f"X{c}", f"Đảng ủy xã Thử {c}", "đảng ủy xã", "T", "01/07/2025", ""] for c in range(50)]
    units += [[f"CB{i}", f"Chi bộ số {i}", "chi bộ", f"X{i % 50}", "01/07/2025", ""] for i in range(CELLS)]
    periods = [[f"D{p}", f"Đợt {p}", "01-KH/TU", "01/08/2025", "30/09/2025", "15/10/2025"] for p in range(PERIODS)]
    topics = [[f"CD{t}", f"Chuyên đề {t}"] for t in range(TOPICS)]
    return [write("units.csv", "units", units), write("periods.csv", "periods", periods),
            write("topics.csv", "topics", topics)]


def write_reports(path: Path) -> None:
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.header for f in canonical_fields("reports")])
        for index in range(ROWS):
            cell, rest = divmod(index, PERIODS * TOPICS)
            period, topic = divmod(rest, TOPICS)
            members = rng.randint(8, 4000)
            exempt = rng.randint(0, 3)
            taking = rng.randint(0, members - exempt)
            writer.writerow([f"Chi bộ số {cell % CELLS}", f"D{period}", f"CD{topic}", 1, rng.randint(0, 1),
                             f"{members:,}".replace(",", "."), exempt, taking, rng.randint(0, 30), 1,
                             f"{rng.randint(1, 30)}/09/2025", ""])


def time_read_csv(path: Path, folder: Path) -> float:
    db = folder / f"plain-{time.monotonic_ns()}.duckdb"
    start = time.perf_counter()
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE reports AS SELECT * FROM read_csv(?)", [str(path)])
    return time.perf_counter() - start


ROOT = Path(__file__).resolve().parent.parent
READ_CSV = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute('CREATE TABLE reports AS SELECT * FROM read_csv(?)', [sys.argv[2]]); con.close()")


def time_commands(path: Path, folder: Path, reference: list[Path]) -> tuple[float, float]:
    """Seconds for `python -m etl load` of the file into a database holding the catalogue, and for a Python
    process running read_csv into a new database file."""
    db = folder / f"command-{time.monotonic_ns()}.duckdb"
    assert load_files([str(p) for p in reference], LoadOptions(db=str(db), user="bench")).status == "committed"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    command = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", READ_CSV, str(folder / f"plain-{time.monotonic_ns()}.duckdb"), str(path)],
                   check=True)
    return command, time.perf_counter() - start


def time_loader(path: Path, folder: Path, reference: list[Path]) -> tuple[float, float, float, float]:
    """Seconds for the first load into an empty reports table, then for loading the same file again; and of each,
    the seconds spent publishing the read copy (etl.publish) after the commit."""
    db = folder / f"etl-{time.monotonic_ns()}.duckdb"
    assert load_files([str(p) for p in reference], LoadOptions(db=str(db), user="bench")).status == "committed"
    times, publishing = [], []
    for expected in ("imported", "unchanged"):
        start = time.perf_counter()
        summary = load_files([str(path)], LoadOptions(db=str(db), user="bench"))
        times.append(time.perf_counter() - start)
        assert summary.status == "committed" and getattr(summary, expected) == ROWS, summary.errors[:3]
        publishing.append(current(read_folder(db)).seconds)
    return times[0], times[1], publishing[0], publishing[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        reference = write_reference(folder)
        path = folder / "reports.csv"
        write_reports(path)
        size_mb = path.stat().st_size / 1048576
        plain, loader, reload, published, republished = [], [], [], [], []
        for _ in range(3):
            plain.append(time_read_csv(path, folder))
            first, again, first_publishing, again_publishing = time_loader(path, folder, reference)
            loader.append(first)
            reload.append(again)
            published.append(first_publishing)
            republished.append(again_publishing)
        commands = [time_commands(path, folder, reference) for _ in range(3)]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ratio = statistics.median(loader) / statistics.median(plain)
        print(f"reports CSV: {ROWS:,} rows, {size_mb:.1f} MB")
        print(f"duckdb read_csv into a table: median {statistics.median(plain):.2f} s  ({', '.join(f'{t:.2f}' for t in plain)})")
        print(f"python -m etl load (validated): median {statistics.median(loader):.2f} s  ({', '.join(f'{t:.2f}' for t in loader)})")
        print(f"same file loaded again (every row compared, none changed): median {statistics.median(reload):.2f} s  "
              f"({', '.join(f'{t:.2f}' for t in reload)})")
        print(f"  of which publishing the read copy: first load {statistics.median(published):.2f} s, "
              f"reload {statistics.median(republished):.2f} s")
        checked = (statistics.median(loader) - statistics.median(published)) / statistics.median(plain)
        print(f"ratio loader / read_csv: {ratio:.2f} with publishing (issue 15's target 1.50); checking and writing "
              f"alone {checked:.2f} (limit 3.00)")
        print(f"ratio reload / read_csv: {statistics.median(reload) / statistics.median(plain):.2f} (no limit)")
        etl_command = statistics.median(c[0] for c in commands)
        csv_command = statistics.median(c[1] for c in commands)
        print(f"whole commands: python -m etl load {etl_command:.2f} s ({', '.join(f'{c[0]:.2f}' for c in commands)}), "
              f"a Python process with read_csv {csv_command:.2f} s ({', '.join(f'{c[1]:.2f}' for c in commands)}); "
              f"ratio {etl_command / csv_command:.2f} (issue 15's target 2.00)")
        print(f"peak memory of this process: {peak_mb:.0f} MB (limit 2048)")
        if checked > 3 or peak_mb > 2048:
            sys.exit(1)


if __name__ == "__main__":
    main()
