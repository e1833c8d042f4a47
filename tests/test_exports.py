"""Exports a user hands in: chart images, Excel and CSV tables, the Word report and its PDF, from the page's
builders and from `python -m etl export`; every file is opened again and read back."""
import datetime as dt
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import pytest
from docx import Document
from openpyxl import load_workbook

from analytics import report as word
from analytics.charts import caption_text, for_print
from analytics.export import report_tables
from analytics.images import ChartRenderer, ExportError, find_browser
from analytics.labels import UNIT_STATUS, unit_status
from analytics.pdf import docx_to_pdf
from analytics.queries import combine, stats
from analytics.tables import csv_bytes, xlsx_bytes
from analytics.view import describe
from common.office import OfficeFailed, WarmOffice, convert, find_office

from conftest import REPORT_HEADER, ROOT, load, report, write_csv

SHOTS = ROOT / "tests" / "screenshots"
SETTINGS = word.ReportSettings(upper_body="Tỉnh ủy Lào Cai", issuer="Ban Tuyên giáo và Dân vận",
                               number="-BC/BTGDVTU", place="Lào Cai", signer_for="K/T Trưởng ban",
                               signer_title="Phó Trưởng ban", signer_name="Nguyễn Thị Hoa")


@pytest.fixture(scope="module")
def renderer():
    engine = ChartRenderer()
    yield engine
    engine.close()


@pytest.fixture
def province(db, tmp_path):
    """Dịp 3-2 năm 2022: Mường Khương's two communes report (9/10 and 8/8 cells), Lào Cai city reports 20/20."""
    rows = [REPORT_HEADER,
            report("Đảng bộ xã Bản Lầu", "2022-3-2", cells=(10, 9), members=(200, 10, 185)),
            report("Đảng bộ thị trấn Mường Khương", "2022-3-2", cells=(8, 8), members=(150, 0, 150)),
            report("Thành ủy Lào Cai", "2022-3-2", cells=(20, 20), members=(500, 20, 470))]
    assert load(write_csv(tmp_path / "bao_cao.csv", rows), db).status == "committed"
    return db


def _view(con):
    return describe(con, "T", ("2022-3-2",), today=dt.date(2022, 3, 20))


def test_narrative_states_the_figures_the_queries_give(province):
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con)
        facts = word.gather(con, view)
        text = word.narrative(view, facts, root=True)
        total = combine(stats(con, "period", view.filters))
        units = stats(con, "unit", view.filters)
    # by hand: cells 9 + 8 + 20 = 37 of 10 + 8 + 20 = 38; members 185 + 150 + 470 = 805 of 190 + 150 + 480 = 820
    assert (total["cells_held"], total["cells_expected"]) == (37, 38)
    assert (total["members_participating"], total["members_eligible"]) == (805, 820)
    first = text["general"][0]
    assert first.startswith("Toàn tỉnh có 37/38 chi bộ, đảng bộ tổ chức sinh hoạt, đạt 97,4 %; "
                            "805/820 đảng viên tham gia, đạt 98,2 %")
    numbers = [int(n.replace(".", "")) for n in re.findall(r"(\d[\d.]*)/", first)]
    assert numbers == [total["cells_held"], total["members_participating"]]
    behind = {u["group"] for u in units if unit_status(u, view.targets) != "met"}
    assert behind == {"Huyện ủy Mường Khương"}            # 17/18 cells is below the 100 % target
    listed = text["units"][1]
    assert listed == ("Các đơn vị chưa đạt chỉ tiêu: Huyện ủy Mường Khương (chi bộ sinh hoạt 94,4 %, "
                      "đảng viên tham gia 98,5 %).")
    assert text["units"][0].startswith("Có 1/2 đơn vị trực thuộc đạt chỉ tiêu")


def test_word_report_reads_back_in_party_layout(province, renderer):
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con)
        built = word.build(con, view, SETTINGS, renderer, today=dt.date(2022, 3, 20))
    doc = Document(io.BytesIO(built.docx))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 2.0
    letterhead = doc.tables[0].rows[0].cells
    left = [p.text for p in letterhead[0].paragraphs]
    right = [p.text for p in letterhead[1].paragraphs]
    assert left == ["TỈNH ỦY LÀO CAI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số: -BC/BTGDVTU"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and letterhead[1].paragraphs[0].runs[0].bold
    assert right[-1] == "Lào Cai, ngày 20 tháng 3 năm 2022"
    body = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in body
    assert "Kết quả tổ chức sinh hoạt chính trị, học tập chuyên đề dịp 3-2 năm 2022 theo Kế hoạch số 01-KH/TU" in body
    assert built.text["general"][0].replace(" %", "\u00a0%") in body
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size.pt == 14
    sizes = {run.font.size.pt for p in doc.paragraphs for run in p.runs if run.font.size}
    assert sizes <= {12, 13, 14, 16}
    assert len(doc.inline_shapes) == len(built.charts) >= 2
    units = doc.tables[1]
    assert len(units.rows) == 1 + len(built.facts.units)
    assert [c.text for c in units.rows[1].cells][1:4] == ["Huyện ủy Mường Khương", "17/18", "94,4\u00a0%"]
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs]
    assert signature[:2] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"] and signature[-1] == "Nguyễn Thị Hoa"
    assert [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs][0] == "Nơi nhận:"


def test_report_pdf_renders_its_pages(province, renderer):
    with duckdb.connect(str(province), read_only=True) as con:
        built = word.build(con, _view(con), SETTINGS, renderer, today=dt.date(2022, 3, 20))
    pdf = docx_to_pdf(built.docx)
    assert pdf.startswith(b"%PDF")
    SHOTS.mkdir(parents=True, exist_ok=True)
    source = SHOTS / "bao-cao.pdf"
    source.write_bytes(pdf)
    for old in SHOTS.glob("bao-cao-trang-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(source), str(SHOTS / "bao-cao-trang")], check=True)
    pages = sorted(SHOTS.glob("bao-cao-trang-*.png"))
    assert 2 <= len(pages) <= 6
    text = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "37/38" in text and "Biểu đồ 1." in text
    fonts = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts.replace(" ", "")


def _pages(pdf: bytes, folder: Path, name: str) -> list:
    from PIL import Image

    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(folder / f"{name}.pdf"), str(folder / name)], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob(f"{name}-*.png"))]


def assert_group_ended(group: int) -> None:
    """No process of the group is left but zombies (ended ones may wait a moment for init)."""
    for _ in range(50):
        states = subprocess.run(["ps", "-o", "stat=", "-g", str(group)], capture_output=True, text=True).stdout
        if not [state for state in states.split() if not state.startswith("Z")]:
            return
        time.sleep(0.1)
    pytest.fail(f"still running in group {group}: {states}")


@pytest.mark.skipif(not WarmOffice.available(), reason="python3-uno is installed by `make system`")
def test_the_kept_libreoffice_draws_the_same_pages_keeps_its_deadline_and_recovers(province, renderer, tmp_path):
    from PIL import ImageChops, ImageStat

    with duckdb.connect(str(province), read_only=True) as con:
        built = word.build(con, _view(con), SETTINGS, renderer, today=dt.date(2022, 3, 20))
    one_shot = _pages(convert(find_office(), built.docx, ".docx", "pdf", 120), tmp_path, "mot-lan")
    (tmp_path / "bao-cao.docx").write_bytes(built.docx)     # LibreOffice's defaults, as PDFs were made before
    subprocess.run([find_office(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "truoc"), str(tmp_path / "bao-cao.docx")],
                   capture_output=True, check=True, timeout=120)
    before = _pages((tmp_path / "truoc" / "bao-cao.pdf").read_bytes(), tmp_path, "truoc")
    assert [page.size for page in before] == [page.size for page in one_shot]
    for old, new in zip(before, one_shot):      # the same pages; pictures differ by JPEG's noise only
        assert ImageStat.Stat(ImageChops.difference(old, new).convert("L")).mean[0] < 2
    kept = WarmOffice()
    try:
        first = _pages(kept.convert(built.docx, ".docx", "pdf", 120), tmp_path, "giu-san")
        assert len(first) == len(one_shot) >= 2
        for ours, theirs in zip(first, one_shot):
            assert ours.size == theirs.size and ImageChops.difference(ours, theirs).getbbox() is None
        listed = subprocess.run(["pdfimages", "-list", str(tmp_path / "giu-san.pdf")], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        assert max(int(line.split()[3]) for line in listed) >= 2000    # the charts as drawn, not cut to 300 dpi
        started = time.perf_counter()
        with pytest.raises(OfficeFailed) as late:
            kept.convert(built.docx, ".docx", "pdf", 0.001)        # late: stopped, not waited for
        assert late.value.late and time.perf_counter() - started < 5 and not kept.running()
        again = kept.convert(built.docx, ".docx", "pdf", 120)      # a fresh LibreOffice
        assert again.startswith(b"%PDF")
        office = subprocess.run(["pgrep", "-g", str(kept._process.pid), "-f", "soffice.bin"], capture_output=True,
                                text=True).stdout.split()
        assert office
        os.kill(int(office[0]), signal.SIGKILL)                    # LibreOffice dies under the bridge
        with pytest.raises(OfficeFailed):
            kept.convert(built.docx, ".docx", "pdf", 120)
        assert kept.convert(built.docx, ".docx", "pdf", 120).startswith(b"%PDF")
        group = kept._process.pid
    finally:
        kept.close()
    assert_group_ended(group)      # nothing left running of the bridge or LibreOffice


@pytest.mark.skipif(not WarmOffice.available(), reason="python3-uno is installed by `make system`")
def test_a_kept_libreoffice_left_unused_stops_and_the_next_report_starts_one(province, renderer):
    with duckdb.connect(str(province), read_only=True) as con:
        built = word.build(con, _view(con), SETTINGS, renderer, today=dt.date(2022, 3, 20))
    kept = WarmOffice(idle_seconds=2)
    try:
        kept.start()
        group = kept._process.pid
        for _ in range(3):       # used within its idle time: kept
            time.sleep(1)
            assert kept.convert(built.docx, ".docx", "pdf", 120).startswith(b"%PDF") and kept._process.pid == group
        for _ in range(200):
            if not kept.running():
                break
            time.sleep(0.1)
        assert not kept.running()
        assert_group_ended(group)      # LibreOffice too
        assert kept.convert(built.docx, ".docx", "pdf", 120).startswith(b"%PDF") and kept._process.pid != group
    finally:
        kept.close()


def test_one_browser_draws_every_format(renderer):
    figure = go.Figure(go.Bar(x=[95.6], y=["Đảng ủy xã Bản Xèo"], orientation="h"))
    figure.update_layout(title="Tỷ lệ đảng viên tham gia", height=300, separators=",.")
    caption = caption_text("Tỉnh ủy Lào Cai · Dịp 3-2 năm 2022", dt.datetime(2022, 3, 20, 9, 30))
    before = renderer.launches
    png = renderer.render(for_print(figure, caption), "png")
    svg = renderer.render(for_print(figure, caption), "svg").decode()
    pdf = renderer.render(for_print(figure, caption), "pdf")
    assert renderer.launches - before <= 1                # the browser is started once, then kept
    from PIL import Image
    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] == 2500                      # 1.000 px at scale 2,5: 16 cm at about 400 dpi
    assert "Tỷ lệ đảng viên tham gia" in svg and "số liệu cập nhật 20/03/2022 09:30" in svg
    assert pdf.startswith(b"%PDF")


def test_a_kept_tab_draws_what_a_freshly_loaded_whole_plotly_draws_and_is_reloaded_in_time(monkeypatch):
    import kaleido
    from kaleido._kaleido_tab import _KaleidoTab

    from analytics import images

    assert "_return_kaleido_tab" in vars(kaleido.Kaleido)     # the hook the kept tabs replace (kaleido is pinned)
    assert images.cartesian_bundle(), "make fetches plotly.js's cartesian bundle of plotly.py's plotly.js version"
    reloads = []
    reload = _KaleidoTab.reload

    async def counted(tab):
        reloads.append(tab)
        await reload(tab)

    monkeypatch.setattr(_KaleidoTab, "reload", counted)
    monkeypatch.setattr(images, "RELOAD_EVERY", 3)
    names = ["Đảng ủy xã Bản Xèo", "Đảng ủy phường Cốc Lếu", "Đảng ủy xã Mường Khương"]
    figures = [go.Figure(go.Bar(x=[95.6, 88.1, 100], y=names, orientation="h")),
               go.Figure(go.Scatter(x=["Đợt 1", "Đợt 2", "Đợt 3"], y=[70, 85.5, 92], mode="lines+markers")),
               go.Figure(go.Heatmap(z=[[1, 0.5], [0.25, 0]], x=["Chuyên đề 1", "Chuyên đề 2"], y=names[:2]))]
    for number, figure in enumerate(figures):
        figure.update_layout(title=f"Biểu đồ {number + 1}", height=300 + 60 * number, separators=",.")
    kept = ChartRenderer()
    try:
        drawn = [kept.render(figures[0], "pdf"), kept.render(figures[2], "pdf"), *kept.render_many(figures),
                 kept.render(figures[1], "svg"), kept.render(figures[2])]
    finally:
        kept.close()
    assert len(reloads) == 2                 # seven figures on one tab, loaded afresh after the third and the sixth
    monkeypatch.setattr(images, "_engine_class", lambda module: module.Kaleido)   # kaleido's way: after each figure
    monkeypatch.setattr(images, "cartesian_bundle", lambda: None)                # plotly.py's whole plotly.js
    fresh = ChartRenderer()
    try:
        expected = [fresh.render(figure) for figure in figures] + [fresh.render(figures[2], "pdf")]
    finally:
        fresh.close()
    assert drawn[2:5] == expected[:3] and drawn[6] == expected[2]     # the same pixels; nothing of an earlier figure

    def page_size(pdf: bytes) -> list[float]:
        from pypdf import PdfReader
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert len(pages) == 1
        return [round(float(v)) for v in pages[0].mediabox]

    assert page_size(drawn[1]) == page_size(expected[3]) != page_size(drawn[0])   # a PDF after a PDF: its own page


def test_a_missing_browser_gives_a_clear_message(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ExportError, match="Không tìm thấy trình duyệt Chrome hoặc Chromium.*apt-get install chromium"):
        find_browser()
    with pytest.raises(ExportError, match="Không tìm thấy trình duyệt tại /khong/co/chromium"):
        ChartRenderer(browser_path="/khong/co/chromium").render(go.Figure())
    with pytest.raises(ExportError, match="Không tìm thấy LibreOffice.*Tệp Word vẫn tải được"):
        docx_to_pdf(b"")


def test_a_stuck_browser_times_out_with_a_message(tmp_path):
    stuck = tmp_path / "chromium"
    stuck.write_text("#!/bin/sh\nexec sleep 60\n")
    stuck.chmod(0o755)
    started = time.perf_counter()
    engine = ChartRenderer(browser_path=str(stuck), start_timeout=2)
    with pytest.raises(ExportError, match="không khởi động được trong 2 giây"):
        engine.render(go.Figure())
    assert time.perf_counter() - started < 15
    assert "không khởi động được" in engine.problem      # what the page shows on its next run


DANGEROUS = ["=HYPERLINK(\"http://x\",\"bấm\")", "+84912", "-1+2", "@SUM(A1)"]


def test_excel_table_has_title_formats_frozen_header_and_no_formula(tmp_path):
    rows = [{"group": name, "cells_held": 3550, "member_rate": 0.956, "deadline": dt.date(2022, 6, 13)}
            for name in DANGEROUS] + [{"group": "Huyện ủy Mường Khương", "cells_held": None, "member_rate": None,
                                       "deadline": None}]
    columns = [("group", "Đơn vị", "text"), ("cells_held", "Chi bộ đã sinh hoạt", "count"),
               ("member_rate", "Tỷ lệ đảng viên tham gia", "percent"), ("deadline", "Hạn nộp", "date")]
    data = xlsx_bytes(rows, columns, "Kết quả theo đơn vị", "Tỉnh ủy Lào Cai · Dịp 3-2 năm 2022")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Kết quả theo đơn vị" and sheet["A1"].font.bold
    assert sheet["A2"].value == "Tỉnh ủy Lào Cai · Dịp 3-2 năm 2022"
    assert [c.value for c in sheet[4]] == ["Đơn vị", "Chi bộ đã sinh hoạt", "Tỷ lệ đảng viên tham gia", "Hạn nộp"]
    assert sheet.freeze_panes == "A5"
    assert (sheet["B5"].value, sheet["B5"].number_format) == (3550, "#,##0")
    assert (sheet["C5"].value, sheet["C5"].number_format) == (0.956, "0.0 %")
    assert sheet["D5"].number_format == "dd/mm/yyyy" and sheet["D5"].value.date() == dt.date(2022, 6, 13)
    for row, text in enumerate(DANGEROUS, start=5):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == "'" + text
    assert sheet["A9"].value == "Huyện ủy Mường Khương" and sheet["B9"].value is None
    assert sheet.column_dimensions["A"].width >= len(DANGEROUS[0])
    lines = csv_bytes(rows, columns).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0].strip('"')[:1] for line in lines[1:5]] == ["'"] * 4


def test_command_line_exports_every_format(province, tmp_path):
    env_db = ["--db", str(province)]
    saved = subprocess.run([sys.executable, "-m", "etl", "report-settings", *env_db, "--issuer",
                            "Ban Tuyên giáo và Dân vận", "--place", "Lào Cai", "--signer-name", "Nguyễn Thị Hoa"],
                           cwd=ROOT, capture_output=True, text=True)
    assert saved.returncode == 0 and "Đã lưu" in saved.stdout, saved.stderr
    out = tmp_path / "bao-cao"
    formats = [arg for f in ("docx", "pdf", "xlsx", "csv", "png", "svg") for arg in ("--format", f)]
    done = subprocess.run([sys.executable, "-m", "etl", "export", *env_db, "-o", str(out), "--parent", "T",
                           "--period", "2022-3-2", "--date", "2022-03-20", *formats],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "bao-cao-ket-qua-sinh-hoat-T-20-03-2022.docx" in names and "bao-cao-ket-qua-sinh-hoat-T-20-03-2022.pdf" in names
    assert {"bang-theo-don-vi-20-03-2022.xlsx", "tien-do-bao-cao-20-03-2022.csv"} <= set(names)
    assert any(n.startswith("bieu-do-01-") and n.endswith(".png") for n in names)
    assert sum(n.endswith(".svg") for n in names) == sum(n.endswith(".png") for n in names) >= 2
    doc = Document(out / "bao-cao-ket-qua-sinh-hoat-T-20-03-2022.docx")
    assert doc.tables[0].rows[0].cells[0].paragraphs[1].text == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    sheet = load_workbook(out / "bang-theo-don-vi-20-03-2022.xlsx").active
    units = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(5, sheet.max_row + 1)}
    assert units == {"Huyện ủy Mường Khương": UNIT_STATUS["below"][0], "Thành ủy Lào Cai": UNIT_STATUS["met"][0]}

    unknown = subprocess.run([sys.executable, "-m", "etl", "export", *env_db, "-o", str(tmp_path / "x"),
                              "--period", "2099-1-1"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 1 and "Không có đợt mã 2099-1-1" in unknown.stderr


def test_report_tables_match_the_narrative(province):
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con)
        facts = word.gather(con, view)
    units, owed = report_tables(view, facts)
    assert [r["group"] for r in units.rows] == [u["group"] for u in facts.units]
    assert len(owed.rows) == len(facts.expected_reports)


def test_issuer_settings_survive_a_round_trip_and_a_damaged_file(tmp_path):
    path = tmp_path / "dashboard.report.json"
    SETTINGS.save(path)
    assert word.ReportSettings.load(path) == SETTINGS and not SETTINGS.missing()
    path.write_text("{ không phải JSON", encoding="utf-8")
    assert word.ReportSettings.load(path) == word.ReportSettings()
    assert word.ReportSettings().missing()[:2] == ["Cơ quan cấp trên", "Cơ quan ban hành"]
