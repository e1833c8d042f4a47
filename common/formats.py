"""Numbers and dates as Vietnamese offices write them: 3.550, 95,6 %, 13/06/2022."""
import datetime as dt


def format_count(value: int | None) -> str:
    """3550 -> '3.550' as Vietnamese offices write it."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def format_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_decimal(value: float, digits: int = 1) -> str:
    """95.56 -> '95,6' with Vietnamese separators."""
    return f"{value:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(ratio: float | None) -> str:
    """0.9565 -> '95,7 %'; an undefined rate stays empty."""
    return "" if ratio is None else f"{format_decimal(float(ratio) * 100)} %"
