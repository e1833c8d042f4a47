"""The first page a user sees after a command-line load commits, on a 3.000.000-row province, in a real browser.

The province: 100 communes, 20.000 grassroots organisations, 10 occasions, 15 topics. Seven occasions are loaded
once into bench/.cache/ with `python -m etl load`; each run copies that database, starts `streamlit run serve.py`
on the copy, logs in, and then, three times, loads one more occasion (300.000 rows) with `python -m etl load` while
the server keeps running. After each load, side by side:
  - the logged-in tab opening the overview of the new occasion, until the page has settled and shows its reports;
  - a new browser context logging in on that address, until its first page has settled;
  - the logged-in tab opening the same address again, nothing new (the warm page, the baseline).
The last load leaves 3.000.000 report rows."""
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from etl.fields import canonical_fields

CACHE = ROOT / "bench" / ".cache" / "first_page"
COMMUNES, GRASSROOTS, OCCASIONS, TOPICS, BASE = 100, 20_000, 10, 15, 7
LIMIT = 1.5   # seconds, issue 15


def write_csv(path: Path, kind: str, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.header for f in canonical_fields(kind)])
        writer.writerows(rows)
    return path


def occasion(number: int) -> str:
    return f"D{number:02d}"


def write_reports(path: Path, numbers: range) -> Path:
    rng = random.Random(numbers.start)
    rows = []
    for number in numbers:
        for cell in range(GRASSROOTS):
            members = 10 + cell % 90
            taking = members - rng.randint(0, 5)
            for topic in range(TOPICS):
                sent = f"{rng.randint(1, 28)}/{number % 12 + 1}/2026"
                rows.append((f"CB{cell:05d}", occasion(number), f"CD{topic:02d}", 1, 1 if rng.random() < 0.95 else 0,
                             members, 1, taking - 1, rng.randint(0, 20), 1, sent, ""))
    return write_csv(path, "reports", rows)


def load(db: Path, *paths: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "load", *map(str, paths), "--db", str(db), "--user", "bench"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        names = " ".join(p.name for p in paths)
        sys.exit(f"python -m etl load {names} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def base_database() -> Path:
    """The province with its first seven occasions, built once."""
    db = CACHE / "province.duckdb"
    if db.exists():
        return db
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        units = [("T", "Tỉnh ủy Thử Nghiệm", "tỉnh ủy", "", "", "")]
        units += [(f"X{c:03d}", f"Đảng ủy xã Thử {c:03d}", "đảng ủy xã", "T", "01/07/2025", "")
                  for c in range(COMMUNES)]
        units += [(f"CB{i:05d}", f"Chi bộ số {i:05d}", "chi bộ", f"X{i % COMMUNES:03d}", "01/07/2025", "")
                  for i in range(GRASSROOTS)]
        periods = [(occasion(n), f"Đợt {n} năm 2026", "01-KH/TU", f"01/{n % 12 + 1:02d}/2026",
                    f"25/{n % 12 + 1:02d}/2026", f"28/{n % 12 + 1:02d}/2026") for n in range(1, OCCASIONS + 1)]
        topics = [(f"CD{t:02d}", f"Chuyên đề {t:02d}") for t in range(TOPICS)]
        reference = [write_csv(folder / "don_vi.csv", "units", units),
                     write_csv(folder / "dot.csv", "periods", periods),
                     write_csv(folder / "chuyen_de.csv", "topics", topics)]
        partial = CACHE / "building.duckdb"
        load(partial, *reference)
        seconds = load(partial, *(write_reports(folder / f"dot_{n}.csv", range(n, n + 1)) for n in range(1, BASE + 1)))
        print(f"built the base province ({BASE * GRASSROOTS * TOPICS:,} rows) in {seconds:.1f} s")
    shutil.rmtree(CACHE / "building.duckdb.read", ignore_errors=True)
    partial.rename(db)
    return db


def settled(page, number: int) -> None:
    """The overview has finished its run on occasion `number`, showing that occasion's reports (its first metric
    counts the cells that held their session, 20.000 once the reports are in) and the table of units below."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60000)
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0", timeout=60000)
    page.get_by_text(f"Đợt {number} năm 2026").first.wait_for(timeout=60000)
    page.get_by_text("20.000", exact=True).first.wait_for(timeout=60000)
    page.wait_for_selector("[data-testid='stDataFrame'], [data-testid='stTable'], table", timeout=60000)


def log_in(page) -> None:
    from conftest import PASSWORD

    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def main() -> None:
    from playwright.sync_api import sync_playwright

    from conftest import with_accounts
    from in_browser import CHROMIUM, serving

    base = base_database()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = folder / "province.duckdb"
        shutil.copy(base, db)
        with_accounts(db)
        files = {n: write_reports(folder / f"dot_{n}.csv", range(n, n + 1)) for n in range(BASE + 1, OCCASIONS + 1)}
        loads, reloaded, logged_in, warm = [], [], [], []
        secret = folder / "cookie-secret"
        with serving(db, DASHBOARD_SECRET_FILE=str(secret)) as (port, _health), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

            def address(number):
                return f"http://127.0.0.1:{port}/?ke_hoach=01-KH%2FTU&dot={occasion(number)}"

            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            page.goto(address(1), timeout=180000)
            log_in(page)
            settled(page, 1)
            for number, path in files.items():
                loads.append(load(db, path))
                start = time.perf_counter()
                page.goto(address(number))
                settled(page, number)
                reloaded.append(time.perf_counter() - start)
                context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
                fresh = context.new_page()
                fresh.goto(address(number))
                start = time.perf_counter()
                log_in(fresh)
                settled(fresh, number)
                logged_in.append(time.perf_counter() - start)
                context.close()
                start = time.perf_counter()
                page.goto(address(number))
                settled(page, number)
                warm.append(time.perf_counter() - start)
            page.screenshot(path=folder.parent / "first_page.png")
            browser.close()
        rows = (OCCASIONS * GRASSROOTS * TOPICS)

    def shown(times):
        return f"median {statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})"

    print(f"province: {rows:,} report rows after the last load; each load {GRASSROOTS * TOPICS:,} rows")
    print(f"python -m etl load of one occasion: {shown(loads)}")
    print(f"after the load, the logged-in tab opened on the new occasion until settled: {shown(reloaded)}")
    print(f"after the load, a new login until its first page settled: {shown(logged_in)}")
    print(f"the same address opened again, nothing new (baseline): {shown(warm)}")
    print(f"ratio after the load / nothing new: {statistics.median(reloaded) / statistics.median(warm):.2f}")
    worst = max(reloaded)
    print(f"limit: the page opened after a committed load ≤ {LIMIT} s (issue 15; a new login's first page is shown "
          "beside it, without a limit):", "met" if worst <= LIMIT else f"missed ({worst:.2f} s)")
    if worst > LIMIT:
        sys.exit(1)


if __name__ == "__main__":
    main()
