"""The summary report (báo cáo sơ kết): figures gathered once, a Vietnamese narrative written from them, the charts
and tables, laid out as a Party document in Word. The page and `python -m etl export` both call `build`."""
import datetime as dt
import io
import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from analytics import catalog, charts, progress, queries
from analytics.images import ChartRenderer
from analytics.labels import MEASURES, REPORT_STATUS, UNIT_STATUS, UNIT_STATUS_TITLE, judged
from analytics.view import View
from common.db import db_path
from common.formats import format_count, format_date, format_percent

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.0        # A4 21 cm minus margins of 3 cm (left) and 2 cm (right)
MAX_PICTURE_CM = 21.0
CENTER = 1                  # WD_ALIGN_PARAGRAPH.CENTER, without importing python-docx for every page
PRINT_WIDTH = 800           # px; 13 px text on a 16 cm picture reads as about 9 pt


@dataclass
class ReportSettings:
    """Who issues the report: filled once by the user, kept beside the database."""
    upper_body: str = ""          # TỈNH ỦY SƠN HÀ
    issuer: str = ""              # BAN TUYÊN GIÁO VÀ DÂN VẬN
    number: str = ""              # -BC/BTGDVTU, the number itself is written in by hand
    place: str = ""               # Sơn Hà
    signer_for: str = ""          # T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN
    signer_title: str = ""        # TRƯỞNG BAN
    signer_name: str = ""
    recipients: list[str] = field(default_factory=lambda: ["Thường trực cấp ủy (để báo cáo)",
                                                           "Các cấp ủy trực thuộc", "Lưu Văn phòng"])

    LABELS = {"upper_body": "Cơ quan cấp trên", "issuer": "Cơ quan ban hành", "number": "Số, ký hiệu",
              "place": "Địa danh", "signer_for": "Thẩm quyền ký (T/M, K/T)", "signer_title": "Chức vụ người ký",
              "signer_name": "Họ tên người ký"}

    def missing(self) -> list[str]:
        return [label for name, label in self.LABELS.items() if not getattr(self, name).strip()]

    def summary(self) -> str:
        """One line for the audit trail."""
        return "; ".join([f"{label}: {getattr(self, name)}" for name, label in self.LABELS.items()]
                         + ["Nơi nhận: " + ", ".join(self.recipients)])

    @classmethod
    def load(cls, path: Path) -> "ReportSettings":
        if not path.exists():
            return cls()
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):   # a damaged file: start again from empty fields rather than stop the page
            return cls()
        return cls(**{f.name: stored[f.name] for f in fields(cls) if f.name in stored})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")


def settings_path(db: str | None = None) -> Path:
    return db_path(db).with_suffix(".report.json")


@dataclass
class Facts:
    """Every figure the report states, read once for the view."""
    total: dict
    units: list[dict]            # judged: each with its status, status name and note
    by_period: list[dict]
    by_unit_period: list[dict]
    by_topic: list[dict]
    reporting: list[dict]
    expected_reports: list[dict]
    data_date: dt.datetime | None


def gather(con, view: View) -> Facts:
    queries.ensure_prepared(con)
    filters = view.filters
    today = view.today
    by_period = [r for r in queries.stats(con, "period", filters, today) if r["reports_received"] or r["reports_expected"]]
    expected = progress.expected_reports(con, filters, today)
    return Facts(
        total=queries.combine(by_period), units=judged(queries.stats(con, "unit", filters, today), view.targets),
        by_period=by_period, by_unit_period=queries.stats(con, "unit_period", filters, today),
        by_topic=[r for r in queries.stats(con, "topic", filters, today) if r["reports_received"]],
        reporting=progress.summarise(expected), expected_reports=expected, data_date=catalog.data_date(con))


def _whole(view: View, root: bool, inside: bool = False) -> str:
    """Who the figures cover: 'Toàn tỉnh' for the province at the top of the tree, else the unit by name, which
    keeps its capitals inside a sentence."""
    if root and view.unit_name.lower().startswith(("tỉnh ủy", "đảng bộ tỉnh")):
        return "toàn tỉnh" if inside else "Toàn tỉnh"
    if root and view.unit_name.lower().startswith(("thành ủy", "đảng bộ thành phố")):
        return "toàn thành phố" if inside else "Toàn thành phố"
    return view.unit_name


def _inside(text: str) -> str:
    """A label ('Dịp 2-9 năm 2026', a note) inside a sentence: its first letter small."""
    return text[:1].lower() + text[1:]


def _split_by_topic(facts: Facts) -> bool:
    """Whether some report was split by topic: a lone whole-occasion row says nothing a topic chart could add."""
    return any(r["code"] for r in facts.by_topic)


def _rates(row: dict) -> str:
    parts = []
    if row["cell_rate"] is not None:
        parts.append(f"chi bộ sinh hoạt {format_percent(row['cell_rate'])}")
    if row["member_rate"] is not None:
        parts.append(f"đảng viên tham gia {format_percent(row['member_rate'])}")
    return ", ".join(parts)


def narrative(view: View, facts: Facts, root: bool = False) -> dict[str, list[str]]:
    """The report's sentences, by section; every number comes from `facts`."""
    total, targets = facts.total, view.targets
    periods = ", ".join(view.period_names) or "các đợt"
    text: dict[str, list[str]] = {}
    if total["reports_received"]:
        if len(facts.by_period) > 1:    # several occasions: counts add up sessions, not people
            text["general"] = [
                f"Cộng {format_count(len(facts.by_period))} đợt, {_whole(view, root, inside=True)} "
                f"có {format_count(total['cells_held'])}/{format_count(total['cells_expected'])} lượt chi bộ, đảng bộ "
                f"tổ chức sinh hoạt, đạt {format_percent(total['cell_rate'])}; "
                f"{format_count(total['members_participating'])}/{format_count(total['members_eligible'])} lượt đảng "
                f"viên tham gia, đạt {format_percent(total['member_rate'])}, tính trên các báo cáo đã nhận."]
        else:
            text["general"] = [
                f"{_whole(view, root)} có {format_count(total['cells_held'])}/{format_count(total['cells_expected'])} "
                f"chi bộ, đảng bộ tổ chức sinh hoạt, đạt {format_percent(total['cell_rate'])}; "
                f"{format_count(total['members_participating'])}/{format_count(total['members_eligible'])} đảng viên "
                f"tham gia, đạt {format_percent(total['member_rate'])} (tổng số {format_count(total['members_total'])} "
                f"đảng viên, trừ {format_count(total['members_total'] - total['members_eligible'])} đảng viên được "
                "miễn sinh hoạt)."]
    else:
        text["general"] = [f"Đến ngày {format_date(view.today)}, chưa có đơn vị nào gửi báo cáo về {periods}."]
    expected = sum(s["expected"] for s in facts.reporting)
    if expected:
        count = {status: sum(s[status] for s in facts.reporting) for status in REPORT_STATUS}
        received = count["on_time"] + count["late"]
        sentence = f"Đã nhận {format_count(received)}/{format_count(expected)} báo cáo của các đơn vị trực thuộc"
        if not count["pending"]:    # with reports not yet due, a share of all would read as a shortfall
            sentence += f", đạt {format_percent(received / expected)}"
        if received:
            sentence += f"; trong đó {format_count(count['on_time'])} báo cáo đúng hạn"
            if count["late"]:
                sentence += f", {format_count(count['late'])} báo cáo trễ hạn"
        if count["missing"]:
            sentence += f"; {format_count(count['missing'])} báo cáo đã quá hạn nhưng chưa nộp"
        if count["pending"]:
            sentence += f"; {format_count(count['pending'])} báo cáo chưa đến hạn"
        text["general"].append(sentence + ".")

    by_status = {status: [u for u in facts.units if u["status"] == status] for status in UNIT_STATUS}
    goal = (f"{format_percent(targets.cells)} chi bộ sinh hoạt và {format_percent(targets.members)} đảng viên "
            "tham gia")
    units = []
    if facts.units:
        units.append(f"Có {format_count(len(by_status['met']))}/{format_count(len(facts.units))} đơn vị trực thuộc "
                     f"đạt chỉ tiêu ({goal}), tính trên các báo cáo đã nhận.")
    if by_status["below"]:
        units.append("Các đơn vị chưa đạt chỉ tiêu: " + "; ".join(
            f"{u['group']} ({_rates(u)})" for u in by_status["below"]) + ".")
    if by_status["missing"]:
        units.append(f"Các đơn vị quá hạn chưa nộp báo cáo (đến ngày {format_date(view.today)}): " + "; ".join(
            f"{u['group']} ({_inside(u['status_note'])})" for u in by_status["missing"]) + ".")
    if by_status["pending"]:
        units.append("Các đơn vị chưa đến hạn báo cáo: " + ", ".join(u["group"] for u in by_status["pending"]) + ".")
    if by_status["no_figures"]:
        units.append("Các đơn vị đã gửi báo cáo nhưng báo cáo không có số liệu cho lựa chọn này: "
                     + ", ".join(u["group"] for u in by_status["no_figures"]) + ".")
    partly = [u for u in by_status["met"] + by_status["below"] if u["reports_pending"]]
    if partly:
        units.append("Kết quả của " + ", ".join(u["group"] for u in partly) + " mới tính trên các báo cáo đã nhận; "
                     "các báo cáo còn lại chưa đến hạn.")
    if facts.units and len(by_status["met"]) == len(facts.units):
        units.append("Tất cả các đơn vị trực thuộc đều đạt chỉ tiêu.")
    text["units"] = units

    if len(facts.by_period) > 1:
        text["periods"] = ["Qua các đợt, tỷ lệ đảng viên tham gia lần lượt là: " + "; ".join(
            f"{r['group']} {format_percent(r['member_rate']) or 'chưa có số liệu'}" + (
                f" (đợt đang mở, mới nhận {format_count(r['reports_received'])}/"
                f"{format_count(r['reports_expected'])} báo cáo)" if r["reports_pending"] else "")
            for r in facts.by_period) + "."]
    if _split_by_topic(facts):
        text["topics"] = ["Theo chuyên đề, " + "; ".join(
            f"{_topic_phrase(r)} có {format_count(r['members_participating'])}/{format_count(r['members_eligible'])} "
            f"đảng viên tham gia, đạt {format_percent(r['member_rate'])}" for r in facts.by_topic) + "."]

    proposals = []
    if by_status["missing"]:
        proposals.append(f"Đề nghị {', '.join(u['group'] for u in by_status['missing'])} khẩn trương gửi báo cáo "
                         "đã quá hạn về cơ quan tổng hợp.")
    if by_status["below"]:
        proposals.append(f"Đề nghị {', '.join(u['group'] for u in by_status['below'])} chỉ đạo các chi bộ tổ chức "
                         "sinh hoạt bù cho đảng viên chưa tham gia và báo cáo kết quả.")
    still_open = [s for s in facts.reporting if s["pending"]]
    if still_open:
        proposals.append("Đề nghị các đơn vị chưa gửi báo cáo " + "; ".join(
            _inside(s['period_name'])
            + (f" gửi trước ngày {format_date(s['deadline'])}" if s["deadline"] else "") for s in still_open)
            + ", đúng thời hạn theo kế hoạch.")
    proposals.append("Các cấp ủy tiếp tục quán triệt, tổ chức sinh hoạt chính trị theo đúng kế hoạch; chú trọng "
                     "chất lượng nội dung sinh hoạt và báo cáo đúng thời hạn.")
    text["proposals"] = proposals
    return text


def _topic_phrase(row: dict) -> str:
    """A topic's name in a sentence; the reports that did not split by topic are called so."""
    return row["group"] if row["code"] else "các báo cáo chung cả đợt (không tách theo chuyên đề)"


@dataclass
class Chart:
    section: str
    title: str
    figure: object
    shows: tuple[str, ...] = ()   # the occasions it draws, when they are not the view's own


def report_charts(con, view: View, facts: Facts, annex: bool = False) -> list[Chart]:
    """The charts of the report in order; with `annex`, one more per child unit that has units under it."""
    result = []
    name = view.unit_name
    if facts.units:
        for rate in ("member_rate", "cell_rate"):
            title = f"{MEASURES[rate][0]} của các đơn vị trực thuộc {name}"
            result.append(Chart("units", title, charts.completion_bars(
                facts.units, rate, view.targets.for_rate(rate), title)))
    if len(facts.by_period) > 1:
        title = f"{MEASURES['member_rate'][0]} qua các đợt — {name}"
        columns = tuple(r["group"] for r in facts.by_period)
        result.append(Chart("periods", title, charts.trend_lines(
            name, facts.by_period, facts.by_unit_period, "member_rate", view.targets.members, title), columns))
        title = f"{MEASURES['member_rate'][0]} theo đơn vị và đợt"
        result.append(Chart("periods", title, charts.heatmap(
            [r for r in facts.by_unit_period if r["group2"] in columns], "member_rate", list(columns), title, "Đợt"),
            columns))
    if _split_by_topic(facts):
        title = f"{MEASURES['member_rate'][0]} theo chuyên đề — {name}"
        result.append(Chart("topics", title, charts.topic_bars(facts.by_topic, "member_rate", view.targets.members,
                                                                 title)))
    if facts.reporting:
        title = f"Tình hình nộp báo cáo theo đợt — {name}"
        result.append(Chart("reporting", title, charts.reporting_bars(facts.reporting, title)))
    if annex:
        for unit in facts.units:
            if not unit["reports_received"] or not catalog.has_children(con, unit["code"], view.filters.as_of):
                continue
            rows = queries.stats(con, "unit", replace(view.filters, parent=unit["code"]), view.today)
            title = f"{MEASURES['member_rate'][0]} của các đơn vị trực thuộc {unit['group']}"
            result.append(Chart("annex", title, charts.completion_bars(rows, "member_rate", view.targets.members,
                                                                       title)))
    return result


def render_charts(items: list[Chart], renderer: ChartRenderer) -> list[bytes]:
    return [renderer.render(charts.for_print(item.figure, width=PRINT_WIDTH), "png", scale=3) for item in items]


def official_date(place: str, day: dt.date) -> str:
    """'Sơn Hà, ngày 05 tháng 02 năm 2026': a day below 10 and months 1 and 2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '……'}, ngày {day.day:02d} tháng {month} năm {day.year}"


UNIT_TABLE = [("group", "Đơn vị", "text"), ("cells", "Chi bộ sinh hoạt / tổng số", "ratio"),
              ("cell_rate", "Tỷ lệ", "percent"), ("members", "Đảng viên tham gia / phải sinh hoạt", "ratio"),
              ("member_rate", "Tỷ lệ", "percent"), ("status", UNIT_STATUS_TITLE, "text")]


def _unit_rows(facts: Facts) -> list[list[str]]:
    rows = []
    for index, u in enumerate(facts.units, start=1):
        silent = not u["reports_received"]
        rows.append([str(index), u["group"],
                     "—" if silent else f"{format_count(u['cells_held'] or 0)}/{format_count(u['cells_expected'] or 0)}",
                     format_percent(u["cell_rate"]) or "—",
                     "—" if silent else
                     f"{format_count(u['members_participating'] or 0)}/{format_count(u['members_eligible'] or 0)}",
                     format_percent(u["member_rate"]) or "—",
                     u["status_name"] + (f" ({_inside(u['status_remark'])})"
                                         if u["status_remark"] else "")])
    return rows


def _unbroken(text: str) -> str:
    """Words a narrow table column must not split over two lines ('chi / bộ'), and no lone '%' at a line start."""
    for words in ("chi bộ", "Chi bộ", "đảng viên", "Đảng viên", "báo cáo", " %"):
        text = text.replace(words, words.replace(" ", "\u00a0"))
    return text


def _keep_row_together(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


class _Writer:
    """python-docx with the Party document's fonts, sizes and spacing."""

    def __init__(self):
        from docx import Document
        from docx.enum.section import WD_SECTION
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.Cm, self.Pt, self.WD_SECTION = Cm, Pt, WD_SECTION
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.header_distance = Cm(1.2)
        for style_name in ("Normal", "Table Grid"):
            style = self.doc.styles[style_name]
            style.font.name = FONT
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), FONT)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(14)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        self._page_numbers(section)

    def _page_numbers(self, section) -> None:
        """The page number top centre from page 2, as Party documents number their pages."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def paragraph(self, text: str = "", *, bold=False, italic=False, size=None, align="justify", indent=True,
                  underline=False, after=None, container=None):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = self.Cm(1.27)
        if after is not None:
            paragraph.paragraph_format.space_after = self.Pt(after)
        if text:
            run = paragraph.add_run(text.replace(" %", "\u00a0%"))   # never a lone % at a line start
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = self.Pt(size)
        return paragraph

    def heading(self, text: str) -> None:
        self.paragraph(text, bold=True, indent=True).paragraph_format.keep_with_next = True

    def picture(self, png: bytes, caption: str) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            width_px, height_px = image.size
        width = min(TEXT_WIDTH_CM, MAX_PICTURE_CM * width_px / height_px)
        paragraph = self.paragraph(align="center", after=0)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=self.Cm(width))
        self.paragraph(caption, italic=True, size=12, align="center")

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], numeric: set[int]) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = self.Cm(width)     # the grid LibreOffice and Word lay out from
        for index, cells in enumerate([header] + rows):
            row = table.rows[0] if index == 0 else table.add_row()
            _keep_row_together(row)
            if index == 0:
                repeat = OxmlElement("w:tblHeader")   # the header row repeats on every page
                repeat.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(repeat)
            for column, (cell, value) in enumerate(zip(row.cells, cells)):
                cell.width = self.Cm(widths[column])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = self.Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
                paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if index == 0 or column == 0 else
                                       WD_ALIGN_PARAGRAPH.RIGHT if column in numeric else WD_ALIGN_PARAGRAPH.LEFT)
                run = paragraph.add_run(_unbroken(value))
                run.font.size = self.Pt(11)
                run.bold = index == 0
        self.paragraph(after=0)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _letterhead(writer: _Writer, view: View, settings: ReportSettings, today: dt.date, root_name: str) -> None:
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
    periods = ", ".join(_inside(name) for name in view.period_names) or "các đợt"
    subject = f"Kết quả tổ chức sinh hoạt chính trị, học tập chuyên đề {periods}"
    if view.plan_title and view.filters.plan:
        subject += f" theo Kế hoạch số {view.filters.plan}"
    writer.paragraph(subject, bold=True, align="center", after=0)
    writer.paragraph("-----", align="center")


def _signature(writer: _Writer, settings: ReportSettings) -> None:
    table = writer.doc.add_table(rows=1, cols=2)
    _keep_row_together(table.rows[0])   # recipients and signature stay on one page
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
    writer = _Writer()
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
            writer.table(["TT"] + [label for _, label, _ in UNIT_TABLE], _unit_rows(facts),
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
