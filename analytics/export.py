"""Every export of one view written to a folder: the Word report (and its PDF), the tables, the chart images.

`python -m etl export` calls this for a scheduled report; the pages call the same builders one file at a time."""
from dataclasses import dataclass, replace
from pathlib import Path

from analytics import charts, report, tables
from analytics.export_formats import CHART_FORMATS, REPORT_FORMATS
from analytics.images import ChartRenderer
from analytics.labels import PROGRESS_COLUMNS, UNIT_COLUMNS
from analytics.pdf import docx_to_pdf, warm_up
from analytics.view import View
from common.text import slug


@dataclass
class Table:
    slug: str
    title: str
    rows: list[dict]
    columns: list[tuple[str, str, str]]


def report_tables(view: View, facts: report.Facts) -> list[Table]:
    return [Table("bang-theo-don-vi", f"Kết quả theo đơn vị trực thuộc {view.unit_name}", facts.units, UNIT_COLUMNS),
            Table("tien-do-bao-cao", f"Tiến độ gửi báo cáo — {view.unit_name}", facts.expected_reports, PROGRESS_COLUMNS)]


def write_exports(con, view: View, settings: report.ReportSettings, folder: Path, *, formats: tuple[str, ...],
                  renderer: ChartRenderer | None, annex: bool = False) -> list[Path]:
    """Writes the asked formats into `folder`; returns the files in the order written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def save(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        written.append(path)

    if any(f in formats for f in REPORT_FORMATS):
        if "pdf" in formats:
            warm_up()      # LibreOffice starts while the report is written
        built = report.build(con, view, settings, renderer, annex=annex)
        facts, chart_list = built.facts, built.charts
        if "docx" in formats:
            save(report.file_name(view, "docx"), built.docx)
        if "pdf" in formats:
            save(report.file_name(view, "pdf"), docx_to_pdf(built.docx))
    else:
        facts = report.gather(con, view)
        chart_list = report.report_charts(con, view, facts, annex)
    caption = charts.caption_text(view.caption(), facts.data_date)
    stamp = tables.file_stamp(view.today)
    for table in report_tables(view, facts):
        if "xlsx" in formats:
            save(f"{table.slug}-{stamp}.xlsx", tables.xlsx_bytes(table.rows, table.columns, table.title, caption))
        if "csv" in formats:
            save(f"{table.slug}-{stamp}.csv", tables.csv_bytes(table.rows, table.columns))
    for number, chart in enumerate(chart_list, start=1):
        shown = (charts.caption_text(replace(view, period_names=chart.shows).caption(), facts.data_date)
                 if chart.shows else caption)
        for fmt in CHART_FORMATS:
            if fmt in formats:
                image = renderer.render(charts.for_print(chart.figure, shown), fmt)
                save(f"bieu-do-{number:02d}-{slug(chart.title, 90)}.{fmt}", image)
    return written
