"""The summary report (báo cáo sơ kết): figures gathered once, a Vietnamese narrative written from them, the charts
and tables, laid out as a Party document in Word. The page and `python -m etl export` both call `build`.

settings (who issues it) ← facts (the figures) ← sentences, figures (the charts) ← document (the Word file), which
lays them out with writer (python-docx in Party document style)."""
from analytics.report.document import (DOCX_MIME, SECTIONS, UNIT_TABLE, Report, build, file_name, official_date,
                                       unit_rows)
from analytics.report.facts import Facts, gather
from analytics.report.figures import Chart, render_charts, report_charts
from analytics.report.sentences import narrative
from analytics.report.settings import ReportSettings, settings_path

__all__ = ["DOCX_MIME", "SECTIONS", "UNIT_TABLE", "Chart", "Facts", "Report", "ReportSettings", "build", "file_name",
           "gather", "narrative", "official_date", "render_charts", "report_charts", "settings_path", "unit_rows"]
