"""The change since the previous occasion, counted like with like: only the units that reported both times."""
import datetime as dt
from dataclasses import dataclass, replace

from analytics import catalog
from analytics.queries import Filters, combine, fetcher, stats
from common.formats import format_count, format_decimal


@dataclass(frozen=True)
class Change:
    previous: str             # occasion codes
    latest: str
    units: int                # child units that reported in both occasions
    same_units: bool          # those are every unit that reported in either, and the parent's totals are their sum:
                              # the totals on the cards themselves compare
    before: dict              # the common units' combined figures in each occasion
    after: dict

    def delta(self, key: str) -> float | int | None:
        if self.after.get(key) is None or self.before.get(key) is None:
            return None
        return self.after[key] - self.before[key]


def period_change(unit_period_rows: list[dict], period_rows: list[dict], previous: str,
                  latest: str) -> Change | None:
    """`stats(by="unit_period")` and `stats(by="period")` rows of two occasions -> the change on the units that
    reported both times; None when no unit reported both times (after the 2025 reform the units themselves
    differ). A parent's own report stands in for its children's sum: then the cards' totals are not theirs."""
    reported = {code: {r["code"] for r in unit_period_rows if r["code2"] == code and r["reports_received"]}
                for code in (previous, latest)}
    common = reported[previous] & reported[latest]
    if not common:
        return None
    picked = {code: [r for r in unit_period_rows if r["code2"] == code and r["code"] in common]
              for code in (previous, latest)}
    before, after = combine(picked[previous]), combine(picked[latest])
    totals = {r["code"]: r for r in period_rows}
    summed = all(code in totals and all(totals[code][key] == sums[key] for key in COUNTED)
                 for code, sums in ((previous, before), (latest, after)))
    return Change(previous, latest, len(common), reported[previous] == reported[latest] and summed, before, after)


COUNTED = ("cells_expected", "cells_held", "members_eligible", "members_participating")


@dataclass(frozen=True)
class SincePrevious:
    previous: str | None      # the occasion before the one in view (None: several occasions, or the first one)
    latest: str | None
    change: Change | None     # None: no unit reported both times

    @property
    def shown_on_cards(self) -> bool:
        """The cards' own totals compare: the same units reported both times, and the totals are their sums."""
        return self.change is not None and self.change.same_units


def since_previous(con, filters: Filters, periods_in_scope: tuple[str, ...], today: dt.date,
                   fetch=None) -> SincePrevious:
    """For a view of one occasion, the change from the occasion before it (in the plans' order, across plans);
    `fetch` as for `stats`."""
    ordered = [period["code"] for period in catalog.periods(con)]
    latest = periods_in_scope[0] if len(periods_in_scope) == 1 else None
    previous = ordered[ordered.index(latest) - 1] if latest in ordered and ordered.index(latest) > 0 else None
    if previous is None:
        return SincePrevious(None, latest, None)
    pair = replace(filters, periods=(previous, latest), plan=None)
    fetch = fetch or fetcher(con)
    change = period_change(stats(con, "unit_period", pair, today, fetch), stats(con, "period", pair, today, fetch),
                           previous, latest)
    return SincePrevious(previous, latest, change)


def change_text(value: float | int | None, rate: bool = False) -> str | None:
    """'+12', '-1.265', '+0,4 điểm %'; no change is a plain '0', never '+0'."""
    if value is None:
        return None
    if rate:
        value = round(value * 100, 1)
    if value == 0:
        return "0"
    text = f"{format_decimal(abs(value))} điểm %" if rate else format_count(abs(value))
    return f"{'-' if value < 0 else '+'}{text}"
