"""The Word report's time with its chart images, side by side in one process:

1. a report with 10 charts on a fresh ChartRenderer, the browser's start included (limit 10 s);
2. on the warm renderer, the same report with 20 charts against 10: the cost of each further chart (limit 0,5 s);
3. three chart images the default way (plotly's to_image, one browser launch per figure) against the kept browser;
4. the Word report with 10 charts and its PDF together, as the Xuất báo cáo page and `python -m etl export` make
   them: cold (a fresh browser and a fresh LibreOffice, both started when the report is asked for) and warm
   (both kept, as the page keeps them, starting them when it opens); against LibreOffice started for each PDF
   (the way before issue 15), and against kaleido's own way of drawing (its tab's page loaded again after each
   figure, plotly.py's whole plotly.js). Issue 15's limits: 6 s cold, 3 s warm.

The data is the demo province (python -m etl init --demo), generated once into bench/.cache/."""
import datetime as dt
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent

from analytics import images, report
from analytics.charts import for_print
from analytics.images import ChartRenderer
from analytics.view import describe
from common.formats import format_decimal
from common.office import WarmOffice, convert, find_office

CACHE = ROOT / "bench" / ".cache" / "demo.duckdb"
TODAY = dt.date(2026, 11, 22)
RUNS = 3


def seconds(value: float) -> str:
    return f"{format_decimal(value, 2)} s"


def main() -> int:
    if not CACHE.exists():
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "etl", "init", "--demo", "--db", str(CACHE)], cwd=ROOT, check=True,
                       capture_output=True)
    con = duckdb.connect(str(CACHE), read_only=True)
    view = describe(con, plan="03-KH/TU", today=TODAY)        # a whole year: trend, heat map and annex charts
    facts = report.gather(con, view)
    pool = report.report_charts(con, view, facts, annex=True)
    charts = [pool[i % len(pool)] for i in range(20)]        # 20 charts: the report's own, then its annex again
    settings = report.ReportSettings(issuer="Ban Tuyên giáo và Dân vận", place="Sơn Hà")
    print(f"Báo cáo {view.caption()}; {len(pool)} biểu đồ khác nhau, dùng 10 rồi 20")

    cold = []
    for _ in range(RUNS):
        renderer = ChartRenderer()
        started = time.perf_counter()
        built = report.build(con, view, settings, renderer, chosen=charts[:10])
        cold.append(time.perf_counter() - started)
        assert len(built.charts) == 10
        renderer.close()
    renderer = ChartRenderer()
    report.build(con, view, settings, renderer, chosen=charts[:2])   # warm: the browser is open
    ten, twenty = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        report.build(con, view, settings, renderer, chosen=charts[:10])
        ten.append(time.perf_counter() - started)
        started = time.perf_counter()
        report.build(con, view, settings, renderer, chosen=charts)
        twenty.append(time.perf_counter() - started)
    further = (statistics.median(twenty) - statistics.median(ten)) / 10

    figures = [for_print(c.figure) for c in charts[:3]]
    started = time.perf_counter()
    for figure in figures:
        figure.to_image(format="png", width=1000, height=figure.layout.height, scale=2.5)   # a browser per call
    one_by_one = time.perf_counter() - started
    started = time.perf_counter()
    for figure in figures:
        renderer.render(figure, "png")
    kept = time.perf_counter() - started
    renderer.close()

    def word_and_pdf(renderer: ChartRenderer, office: WarmOffice) -> float:
        started = time.perf_counter()
        built = report.build(con, view, settings, renderer, chosen=charts[:10])
        assert office.convert(built.docx, ".docx", "pdf", 120).startswith(b"%PDF")
        return time.perf_counter() - started

    def cold_and_warm(renderer: ChartRenderer) -> tuple[float, float]:
        office = WarmOffice()
        started = time.perf_counter()
        threading.Thread(target=office.start, daemon=True).start()     # what analytics.pdf.warm_up does
        word_and_pdf(renderer, office)
        first = time.perf_counter() - started
        again = word_and_pdf(renderer, office)
        office.close()
        renderer.close()
        return first, again

    pdf_cold, pdf_warm, pdf_one_shot, kaleido_cold, kaleido_warm = [], [], [], [], []
    engine_class, bundle = images._engine_class, images.cartesian_bundle

    def kaleidos_way() -> tuple[float, float]:
        images._engine_class, images.cartesian_bundle = (lambda module: module.Kaleido), (lambda: None)
        try:
            return cold_and_warm(ChartRenderer())
        finally:
            images._engine_class, images.cartesian_bundle = engine_class, bundle

    ways = {"ours": (lambda: cold_and_warm(ChartRenderer()), pdf_cold, pdf_warm),
            "kaleido": (kaleidos_way, kaleido_cold, kaleido_warm)}
    for round_number in range(RUNS):
        for name in ("kaleido", "ours") if round_number % 2 == 0 else ("ours", "kaleido"):   # each first in turn
            run, colds, warms = ways[name]
            first, again = run()
            colds.append(first)
            warms.append(again)
        renderer = ChartRenderer()
        report.build(con, view, settings, renderer, chosen=charts[:2])
        started = time.perf_counter()
        built = report.build(con, view, settings, renderer, chosen=charts[:10])
        assert convert(find_office(), built.docx, ".docx", "pdf", 120).startswith(b"%PDF")
        pdf_one_shot.append(time.perf_counter() - started)
        renderer.close()
    con.close()

    cold_median = statistics.median(cold)
    print(f"1. Báo cáo 10 biểu đồ, tính cả khởi động trình duyệt: trung vị {seconds(cold_median)} "
          f"(các lần: {', '.join(seconds(t) for t in cold)}); giới hạn 10 s → {'ĐẠT' if cold_median <= 10 else 'KHÔNG ĐẠT'}")
    print(f"2. Trình duyệt đã mở: 10 biểu đồ {seconds(statistics.median(ten))}, 20 biểu đồ "
          f"{seconds(statistics.median(twenty))}; mỗi biểu đồ thêm {seconds(further)}; giới hạn 0,5 s → "
          f"{'ĐẠT' if further <= 0.5 else 'KHÔNG ĐẠT'}")
    print(f"3. 3 ảnh PNG: mỗi ảnh một lần mở trình duyệt {seconds(one_by_one)}, giữ một trình duyệt "
          f"{seconds(kept)}; tỷ lệ {format_decimal(one_by_one / kept)}")
    word_pdf_cold, word_pdf_warm = statistics.median(pdf_cold), statistics.median(pdf_warm)
    print(f"4. Word và PDF cùng lúc, 10 biểu đồ: lạnh {seconds(word_pdf_cold)} (các lần: "
          f"{', '.join(seconds(t) for t in pdf_cold)}; giới hạn 6 s → {'ĐẠT' if word_pdf_cold <= 6 else 'KHÔNG ĐẠT'}), "
          f"nóng {seconds(word_pdf_warm)} (các lần: {', '.join(seconds(t) for t in pdf_warm)}; giới hạn 3 s → "
          f"{'ĐẠT' if word_pdf_warm <= 3 else 'KHÔNG ĐẠT'}); trình duyệt nóng nhưng mở LibreOffice cho mỗi PDF "
          f"{seconds(statistics.median(pdf_one_shot))}; tỷ lệ {format_decimal(statistics.median(pdf_one_shot) / word_pdf_warm)}")
    print(f"   Cách vẽ của kaleido (tải lại trang sau mỗi biểu đồ, cả bộ plotly.js): lạnh "
          f"{seconds(statistics.median(kaleido_cold))} (các lần: {', '.join(seconds(t) for t in kaleido_cold)}), nóng "
          f"{seconds(statistics.median(kaleido_warm))} (các lần: {', '.join(seconds(t) for t in kaleido_warm)}); tỷ lệ "
          f"lạnh {format_decimal(statistics.median(kaleido_cold) / word_pdf_cold)}, nóng "
          f"{format_decimal(statistics.median(kaleido_warm) / word_pdf_warm)}")
    return 0 if cold_median <= 10 and further <= 0.5 and word_pdf_cold <= 6 and word_pdf_warm <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
