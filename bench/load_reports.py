"""Loading a 1,000,000-row reports CSV with full validation, against DuckDB's own read_csv of the same file.

Both run in this process, side by side, three times each, with the floor (the file read and its rows written twice,
nothing checked) between them; the ratio of the medians is what counts. Two files of one shape: realistic figures,
then random ones (the worst case for the quality checks). Then the whole command as a user runs it (`python -m etl
load`, interpreter start and imports included) against a Python process that imports duckdb and runs read_csv into
a table, three times each."""
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


def write_reports(path: Path, realistic: bool = True) -> None:
    """The reports file. Realistic figures: each unit keeps its size from occasion to occasion (a cell of 8-60
    members, one in twenty a committee of 1.000-4.000 written `3.550`), most cells meet and most members take
    part, as DOMAIN.md's reports read. Random figures (`realistic=False`): every count drawn afresh, so most rows
    fail a quality check (far from the unit's other occasions, members without a cell meeting) - the worst case
    for the checks the loader writes."""
    rng = random.Random(1)
    sizes = []
    for _ in range(CELLS if realistic else 0):
        committee = rng.random() < 0.05
        cells = rng.randint(5, 40) if committee else 1
        sizes.append((cells, rng.randint(1000, 4000) if committee else rng.randint(8, 60), rng.randint(0, 3)))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.header for f in canonical_fields("reports")])
        for index in range(ROWS):
            cell, rest = divmod(index, PERIODS * TOPICS)
            period, topic = divmod(rest, TOPICS)
            if realistic:
                cells, size, exempt = sizes[cell % CELLS]
                members = size + rng.randint(-2, 2)
                held = cells if rng.random() < 0.95 else rng.randint(0, cells - 1)
                taking = round((members - exempt) * rng.uniform(0.85, 1.0)) if held else 0
                figures = [cells, held, members, exempt, taking, rng.randint(0, 30), 1]
            else:
                members = rng.randint(8, 4000)
                exempt = rng.randint(0, 3)
                taking = rng.randint(0, members - exempt)     # as all earlier runs wrote it: members only grouped
                grouped = f"{members:,}".replace(",", ".")
                figures = [1, rng.randint(0, 1), grouped, exempt, taking, rng.randint(0, 30), 1]
            if realistic:
                figures = [f"{n:,}".replace(",", ".") for n in figures]
            writer.writerow([f"Chi bộ số {cell % CELLS}", f"D{period}", f"CD{topic}", *figures,
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


FLOOR_TYPED = ("c0 AS unit_code, c1 AS period_code, c2 AS topic_code, "
               + ", ".join(f"replace(c{i}, '.', '')::INTEGER AS n{i}" for i in range(3, 10))
               + ", strptime(c10, '%d/%m/%Y')::DATE AS report_date, c11 AS note")


def time_floor(path: Path, folder: Path) -> float:
    """Seconds for the least any load that keeps a read copy must do, with no check, no name looked up and no
    roll-up: read the file as text, write its rows typed into the database's table, and the same rows into a
    second file (the read copy)."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(12)) + "}"
    stamp = time.monotonic_ns()
    start = time.perf_counter()
    with duckdb.connect(str(folder / f"floor-{stamp}.duckdb")) as con:
        con.execute(f"CREATE TEMP TABLE raw AS FROM read_csv(?, header = false, skip = 1, columns = {columns}, "
                    "auto_detect = false)", [str(path)])
        con.execute(f"CREATE TABLE reports AS SELECT {FLOOR_TYPED} FROM raw")
        con.execute("ATTACH ? AS copy", [str(folder / f"floor-copy-{stamp}.duckdb")])
        con.execute("CREATE TABLE copy.reports AS FROM reports")
        con.execute("DETACH copy")
    return time.perf_counter() - start


def measure(path: Path, folder: Path, reference: list[Path]) -> dict[str, list]:
    times = {"read_csv": [], "floor": [], "load": [], "reload": [], "published": [], "republished": []}
    for _ in range(3):
        times["read_csv"].append(time_read_csv(path, folder))
        times["floor"].append(time_floor(path, folder))
        first, again, first_publishing, again_publishing = time_loader(path, folder, reference)
        for key, value in zip(("load", "reload", "published", "republished"),
                              (first, again, first_publishing, again_publishing)):
            times[key].append(value)
    times["commands"] = [time_commands(path, folder, reference) for _ in range(3)]
    return times


def report(name: str, path: Path, times: dict[str, list]) -> float:
    """Print one file's figures; the ratio of checking and writing alone (no publishing) to read_csv."""
    median = {key: statistics.median(values) for key, values in times.items() if key != "commands"}

    def runs(key):
        return ", ".join(f"{t:.2f}" for t in times[key])

    plain = median["read_csv"]
    print(f"{name}: {ROWS:,} rows, {path.stat().st_size / 1048576:.1f} MB")
    print(f"  duckdb read_csv into a table: median {plain:.2f} s ({runs('read_csv')})")
    print(f"  the floor (text read, rows written typed into the database and into a read copy, nothing checked): "
          f"median {median['floor']:.2f} s ({runs('floor')}), ratio {median['floor'] / plain:.2f}")
    print(f"  python -m etl load (validated, published): median {median['load']:.2f} s ({runs('load')}), "
          f"ratio {median['load'] / plain:.2f} (issue 15's target 1.50)")
    print(f"    of which publishing the read copy: {median['published']:.2f} s ({runs('published')})")
    checked = (median["load"] - median["published"]) / plain
    print(f"    checking and writing alone: ratio {checked:.2f} (limit 3.00)")
    print(f"  the same file loaded again (every row compared, none changed): median {median['reload']:.2f} s "
          f"({runs('reload')}), ratio {median['reload'] / plain:.2f}; publishing {median['republished']:.2f} s")
    commands = times["commands"]
    etl_command = statistics.median(c[0] for c in commands)
    csv_command = statistics.median(c[1] for c in commands)
    print(f"  whole commands: python -m etl load {etl_command:.2f} s ({', '.join(f'{c[0]:.2f}' for c in commands)}), "
          f"a Python process with read_csv {csv_command:.2f} s ({', '.join(f'{c[1]:.2f}' for c in commands)}); "
          f"ratio {etl_command / csv_command:.2f} (issue 15's target 2.00)")
    return checked


def main() -> None:
    """Two files of the same shape, measured one after the other: realistic figures, then random ones."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        reference = write_reference(folder)
        worst = 0.0
        for name, realistic in (("realistic figures", True), ("random figures", False)):
            path = folder / f"reports-{'realistic' if realistic else 'random'}.csv"
            write_reports(path, realistic)
            worst = max(worst, report(f"reports CSV, {name}", path, measure(path, folder, reference)))
            path.unlink()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak_mb:.0f} MB (limit 2048)")
        if worst > 3 or peak_mb > 2048:
            sys.exit(1)


if __name__ == "__main__":
    main()
