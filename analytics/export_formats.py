"""The files an export can write: a light module, so the command line offers them without loading the charts."""
REPORT_FORMATS = ("docx", "pdf")
TABLE_FORMATS = ("xlsx", "csv")
CHART_FORMATS = ("png", "svg")
FORMATS = REPORT_FORMATS + TABLE_FORMATS + CHART_FORMATS
DEFAULT_FORMATS = ("docx", "pdf", "xlsx")   # what a scheduled report writes when no --format is given
