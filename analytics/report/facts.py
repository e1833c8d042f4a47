"""Every figure the summary report states, read from the database once for the view."""
import datetime as dt
from dataclasses import dataclass

from analytics import catalog, progress, queries
from analytics.labels import judged
from analytics.view import View


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
    filters = view.filters
    today = view.today
    fetch = queries.fetcher(con)    # every table below comes from the same rows, read once

    def stats(by: str) -> list[dict]:
        return queries.stats(con, by, filters, today, fetch)

    by_period = [r for r in stats("period") if r["reports_received"] or r["reports_expected"]]
    expected = progress.expected_reports(con, filters, today, fetch)
    return Facts(
        total=queries.combine(by_period), units=judged(stats("unit"), view.targets), by_period=by_period,
        by_unit_period=stats("unit_period"), by_topic=[r for r in stats("topic") if r["reports_received"]],
        reporting=progress.summarise(expected), expected_reports=expected, data_date=catalog.data_date(con))


def split_by_topic(facts: Facts) -> bool:
    """Whether some report was split by topic: a lone whole-occasion row says nothing a topic chart could add."""
    return any(r["code"] for r in facts.by_topic)
