"""The summary report (báo cáo sơ kết): figures gathered once, a Vietnamese narrative written from them, the charts
and tables, laid out as a Party document in Word. The page and `python -m etl export` both call `build`.

settings (who issues it) ← facts (the figures) ← sentences, figures (the charts) ← document (the Word file), which
lays them out with writer (python-docx in Party document style).

`analytics.report.X` finds X in its module on first use, so `analytics.report.settings` (the command line's
report-settings) loads neither plotly nor python-docx."""
import importlib

_HOMES = {"DOCX_MIME": "document", "SECTIONS": "document", "UNIT_TABLE": "document", "Report": "document",
          "build": "document", "file_name": "document", "official_date": "document", "unit_rows": "document",
          "Facts": "facts", "gather": "facts", "Chart": "figures", "render_charts": "figures",
          "report_charts": "figures", "narrative": "sentences", "ReportSettings": "settings",
          "settings_path": "settings"}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'analytics.report' has no attribute {name!r}")
    return getattr(importlib.import_module(f"analytics.report.{_HOMES[name]}"), name)
