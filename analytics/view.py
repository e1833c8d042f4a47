"""What a view shows: the filters as queries take them plus the words that describe them to a reader.

The sidebar builds one from its widgets; the command line and the exports build one with `describe`."""
import datetime as dt
from dataclasses import dataclass, field

from analytics import catalog, queries
from analytics.labels import Targets
from analytics.queries import Filters
from common.formats import format_date, format_percent


@dataclass(frozen=True)
class View:
    filters: Filters
    targets: Targets
    unit_name: str
    plan_title: str
    period_names: tuple[str, ...]
    topic_names: tuple[str, ...]
    today: dt.date
    periods_in_scope: tuple[str, ...] = field(default=())   # the occasions the view covers, oldest first

    def caption(self) -> str:
        periods = ", ".join(self.period_names) if self.period_names else "tất cả các đợt"
        topics = ", ".join(self.topic_names) if self.topic_names else "mọi chuyên đề"
        return (f"{self.unit_name} · {self.plan_title} · {periods} · {topics} · cây tổ chức ngày "
                f"{format_date(self.filters.as_of)} · chỉ tiêu: {format_percent(self.targets.cells)} chi bộ, "
                f"{format_percent(self.targets.members)} đảng viên")


def latest_started(periods: list[dict], today: dt.date) -> dict | None:
    """The occasion a view opens on: the latest one that has started."""
    started = [p for p in periods if p["start_date"] is None or p["start_date"] <= today]
    return started[-1] if started else (periods[-1] if periods else None)


def default_as_of(periods: list[dict], today: dt.date) -> dt.date:
    """The tree as it stood at the end of the chosen occasions, or today while they are running."""
    ends = [p["end_date"] or p["deadline"] for p in periods if p["end_date"] or p["deadline"]]
    return min(today, max(ends)) if ends else today


def valid_on(unit: dict, day: dt.date) -> bool:
    return ((unit["valid_from"] is None or unit["valid_from"] <= day)
            and (unit["valid_to"] is None or unit["valid_to"] >= day))


def along_path(units: list[dict], code: str | None) -> list[dict]:
    """The units a unit list offers around `code`, in the order of `units` (tree order): each unit on the path
    from the top of the list to `code`, and the units right under each of them, `code`'s own included. A
    province's committees are all right under it; a country's three thousand in one list took the browser a
    tenth of a second to redraw at every click."""
    by_code = {unit["code"]: unit for unit in units}
    path = set()
    while code in by_code and code not in path:
        path.add(code)
        code = by_code[code]["parent_code"]
    return [unit for unit in units if unit["code"] in path or unit["parent_code"] in path
            or unit["parent_code"] not in by_code]


class UnknownCode(ValueError):
    """A code on the command line that is not in the catalogue."""


def describe(con, parent: str | None = None, periods: tuple[str, ...] = (), *, topics: tuple[str, ...] = (),
             plan: str | None = None, as_of: dt.date | None = None, targets: Targets = Targets(),
             today: dt.date | None = None) -> View:
    """The view the sidebar would show for these choices; no occasion and no plan means the latest occasion."""
    today = today or dt.date.today()
    unknown = catalog.unknown_code(con, Filters(parent=parent, periods=tuple(periods), topics=tuple(topics),
                                                plan=plan))
    if unknown:
        raise UnknownCode(f"Không có {unknown}.")
    all_periods = catalog.periods(con)
    names = {p["code"]: p["name"] for p in all_periods}
    topic_names = {t["code"]: t["name"] for t in catalog.topics(con)}
    if not periods and not plan:
        latest = latest_started(all_periods, today)
        if latest:
            plan, periods = latest["plan_code"], (latest["code"],)
    owners = {p["plan_code"] for p in all_periods if p["code"] in periods}
    if not plan and len(owners) == 1:
        plan = owners.pop()   # the occasions name their plan: the report can cite it
    offered = [p for p in all_periods if not plan or p["plan_code"] == plan]
    in_scope = [p for p in offered if not periods or p["code"] in periods]
    as_of = as_of or default_as_of(in_scope, today)
    units = [u for u in catalog.parent_units(con) if valid_on(u, as_of)]
    unit_names = {u["code"]: u["name"] for u in units}
    if parent is None:
        root = queries.root_code(con)
        parent = root if root in unit_names else units[0]["code"] if units else None
    elif parent not in unit_names:
        raise UnknownCode(f"Không có đơn vị mã {parent} có đơn vị trực thuộc trong cây tổ chức ngày "
                          f"{format_date(as_of)}.")
    return View(
        filters=Filters(parent=parent, periods=tuple(periods), topics=tuple(topics), plan=plan, as_of=as_of),
        targets=targets, unit_name=unit_names.get(parent, "Chưa có đơn vị"),
        plan_title=f"Kế hoạch {plan}" if plan else "Tất cả kế hoạch",
        period_names=tuple(names[c] for c in periods), topic_names=tuple(topic_names[c] for c in topics),
        today=today, periods_in_scope=tuple(p["code"] for p in in_scope))
