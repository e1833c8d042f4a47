"""The charts the summary report shows, chosen from the facts, and their images for print."""
from dataclasses import dataclass, replace

from analytics import catalog, charts, queries
from analytics.images import ChartRenderer
from analytics.labels import MEASURES
from analytics.report.facts import Facts, split_by_topic
from analytics.view import View

PRINT_WIDTH = 800           # px; 13 px text on a 16 cm picture reads as about 9 pt
PRINT_SCALE = 2.5           # 2.000 px over 16 cm: 317 dpi, above print's 300 (scale 3 made the PDF 0,3 s slower)


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
    if split_by_topic(facts):
        title = f"{MEASURES['member_rate'][0]} theo chuyên đề — {name}"
        result.append(Chart("topics", title, charts.topic_bars(facts.by_topic, "member_rate", view.targets.members,
                                                                 title)))
    if facts.reporting:
        title = f"Tình hình nộp báo cáo theo đợt — {name}"
        result.append(Chart("reporting", title, charts.reporting_bars(facts.reporting, title)))
    if annex:
        fetch = queries.fetcher(con)    # the occasions' and topics' names read once for every unit
        for unit in facts.units:
            if not unit["reports_received"] or not catalog.has_children(con, unit["code"], view.filters.as_of):
                continue
            rows = queries.stats(con, "unit", replace(view.filters, parent=unit["code"]), view.today, fetch)
            title = f"{MEASURES['member_rate'][0]} của các đơn vị trực thuộc {unit['group']}"
            result.append(Chart("annex", title, charts.completion_bars(rows, "member_rate", view.targets.members,
                                                                       title)))
    return result


def render_charts(items: list[Chart], renderer: ChartRenderer) -> list[bytes]:
    return renderer.render_many([charts.for_print(item.figure, width=PRINT_WIDTH) for item in items], "png",
                                scale=PRINT_SCALE)
