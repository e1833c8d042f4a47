"""The summary report as a Word file in Party document layout: letterhead, narrative, unit table, charts,
proposals, recipients and signature."""
import datetime as dt
from dataclasses import dataclass

from analytics import catalog, queries
from analytics.images import ChartRenderer
from analytics.labels import UNIT_STATUS_TITLE, row_ratio
from analytics.report.facts import Facts, gather
from analytics.report.figures import Chart, render_charts, report_charts
from analytics.report.sentences import in_sentence, narrative
from analytics.report.settings import ReportSettings
from analytics.report.writer import Writer, keep_row_together
from analytics.view import View
from common.formats import format_date, format_percent

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CENTER = 1                  # WD_ALIGN_PARAGRAPH.CENTER, without importing python-docx for every page


def official_date(place: str, day: dt.date) -> str:
    """'Sơn Hà, ngày 05 tháng 02 năm 2026': a day below 10 and months 1 and 2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '……'}, ngày {day.day:02d} tháng {month} năm {day.year}"


UNIT_TABLE = [("group", "Đơn vị", "text"), ("cells", "Chi bộ sinh hoạt / tổng số", "ratio"),
              ("cell_rate", "Tỷ lệ", "percent"), ("members", "Đảng viên tham gia / phải sinh hoạt", "ratio"),
              ("member_rate", "Tỷ lệ", "percent"), ("status", UNIT_STATUS_TITLE, "text")]


def unit_rows(facts: Facts) -> list[list[str]]:
    rows = []
    for index, u in enumerate(facts.units, start=1):
        silent = not u["reports_received"]
        rows.append([str(index), u["group"],
                     "—" if silent else row_ratio(u, "cells_held", "cells_expected"),
                     format_percent(u["cell_rate"]) or "—",
                     "—" if silent else row_ratio(u, "members_participating", "members_eligible"),
                     format_percent(u["member_rate"]) or "—",
                     u["status_name"] + (f" ({in_sentence(u['status_remark'])})"
                                         if u["status_remark"] else "")])
    return rows


def _letterhead(writer: Writer, view: View, settings: ReportSettings, today: dt.date, root_name: str) -> None:
    """Issuing body top left, ĐẢNG CỘNG SẢN VIỆT NAM top right, place and date under it, then the title."""
    table = writer.doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = writer.Cm(7), writer.Cm(9)
    upper = (settings.upper_body or root_name).upper()
    issuer = (settings.issuer or "(Tên cơ quan ban hành)").upper()
    left.paragraphs[0].text = ""
    for cell, lines in ((left, [(upper, False, 14), (issuer, True, 14), ("*", False, 14),
                                (f"Số: {settings.number or '      -BC/'}", False, 14)]),
                        (right, [("ĐẢNG CỘNG SẢN VIỆT NAM", True, 15)])):
        for index, (text, bold, size) in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = CENTER
            paragraph.paragraph_format.space_after = writer.Pt(0)
            run = paragraph.add_run(text)
            run.bold, run.font.size = bold, writer.Pt(size)
            if cell is right:
                run.underline = True
    date_line = right.add_paragraph()
    date_line.alignment = CENTER
    date_line.paragraph_format.space_before = writer.Pt(12)
    run = date_line.add_run(official_date(settings.place, today))
    run.italic = True
    writer.paragraph(after=6)
    writer.paragraph("BÁO CÁO", bold=True, size=16, align="center", after=0)
    periods = ", ".join(in_sentence(name) for name in view.period_names) or "các đợt"
    subject = f"Kết quả tổ chức sinh hoạt chính trị, học tập chuyên đề {periods}"
    if view.plan_title and view.filters.plan:
        subject += f" theo Kế hoạch số {view.filters.plan}"
    writer.paragraph(subject, bold=True, align="center", after=0)
    writer.paragraph("-----", align="center")


def _signature(writer: Writer, settings: ReportSettings) -> None:
    table = writer.doc.add_table(rows=1, cols=2)
    keep_row_together(table.rows[0])   # recipients and signature stay on one page
    left, right = table.rows[0].cells
    left.width, right.width = writer.Cm(8), writer.Cm(8)
    first = left.paragraphs[0]
    first.paragraph_format.space_after = writer.Pt(0)
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, writer.Pt(12)
    for index, recipient in enumerate(settings.recipients):
        end = "." if index == len(settings.recipients) - 1 else ","
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = writer.Pt(0)
        paragraph.add_run(f"- {recipient.rstrip(',.')}{end}").font.size = writer.Pt(11)
    blank = "……………………………"   # what the clerk fills in by hand when the settings leave it empty
    lines = [(settings.signer_for.upper() or blank, True), (settings.signer_title.upper() or blank, True),
             ("" if settings.signer_name else "(Ký, ghi rõ họ tên)", False), ("", False), ("", False),
             (settings.signer_name or blank, True)]
    for index, (text, bold) in enumerate(lines):
        paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
        paragraph.alignment = CENTER
        paragraph.paragraph_format.space_after = writer.Pt(0)
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = not bold


@dataclass
class Report:
    docx: bytes
    charts: list[Chart]
    facts: Facts
    text: dict[str, list[str]]


SECTIONS = {"units": "Kết quả theo đơn vị", "periods": "Diễn biến qua các đợt", "topics": "Kết quả theo chuyên đề",
            "reporting": "Tình hình gửi báo cáo"}   # numbered from 2 in the order they appear


def build(con, view: View, settings: ReportSettings, renderer: ChartRenderer, annex: bool = False,
          today: dt.date | None = None, chosen: list[Chart] | None = None) -> Report:
    """The Word report for the view: letterhead, narrative, tables and charts, proposals, recipients, signature.

    `chosen` replaces the usual charts (report_charts) when a caller picks its own."""
    today = today or view.today
    facts = gather(con, view)
    text = narrative(view, facts, root=view.filters.parent == queries.root_code(con))
    chart_list = report_charts(con, view, facts, annex) if chosen is None else chosen
    images = render_charts(chart_list, renderer)
    root = catalog.ancestors(con, view.filters.parent)[0]["name"] if view.filters.parent else ""
    writer = Writer()
    _letterhead(writer, view, settings, today, root)
    source = (f"Thực hiện {'Kế hoạch số ' + view.filters.plan if view.filters.plan else 'các kế hoạch'} về tổ chức "
              f"sinh hoạt chính trị, học tập chuyên đề; căn cứ báo cáo của các đơn vị trực thuộc (số liệu cập nhật "
              f"{format_date(facts.data_date.date()) if facts.data_date else 'chưa có'}), "
              f"{settings.issuer or 'cơ quan tổng hợp'} báo cáo kết quả như sau:")
    writer.paragraph(source)
    writer.heading("I. KẾT QUẢ THỰC HIỆN")
    writer.heading("1. Kết quả chung")
    for sentence in text["general"]:
        writer.paragraph(sentence)
    number = 0
    heading_number = 1
    for section, heading in SECTIONS.items():
        pictures = [(c, png) for c, png in zip(chart_list, images) if c.section == section]
        if not pictures and not text.get(section):
            continue
        heading_number += 1
        writer.heading(f"{heading_number}. {heading}")
        for sentence in text.get(section, []):
            writer.paragraph(sentence)
        if section == "units" and facts.units:
            writer.table(["TT"] + [label for _, label, _ in UNIT_TABLE], unit_rows(facts),
                         [0.9, 4.0, 2.1, 1.7, 2.3, 1.7, 3.3], {2, 3, 4, 5})
        for chart, png in pictures:
            number += 1
            writer.picture(png, f"Biểu đồ {number}. {chart.title}")
    writer.heading("II. ĐỀ XUẤT, KIẾN NGHỊ")
    for sentence in text["proposals"]:
        writer.paragraph(sentence)
    writer.paragraph(after=6)
    _signature(writer, settings)
    annexed = [(c, png) for c, png in zip(chart_list, images) if c.section == "annex"]
    if annexed:
        writer.paragraph("PHỤ LỤC", bold=True, align="center", after=0).paragraph_format.page_break_before = True
        writer.paragraph("Kết quả của các đơn vị trực thuộc từng đảng bộ", italic=True, align="center")
        for chart, png in annexed:
            number += 1
            writer.picture(png, f"Biểu đồ {number}. {chart.title}")
    return Report(writer.bytes(), chart_list, facts, text)


def file_name(view: View, extension: str) -> str:
    return f"bao-cao-ket-qua-sinh-hoat-{view.filters.parent or 'tat-ca'}-{view.today:%d-%m-%Y}.{extension}"
