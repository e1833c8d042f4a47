"""Completion and reporting aggregates of one unit's view, from the rolled-up tables (etl.rollup, where the counting
rules are): DuckDB picks the unit's and its children's rows and judges each expected report, with parameterised
SQL; what is left, adding up at most a few thousand rows per grouping, is done here, because one more statement
costs more to plan than the adding up costs."""
import datetime as dt
import math
import re
from collections import namedtuple
from dataclasses import dataclass
from operator import itemgetter

from analytics import catalog
from analytics.labels import WHOLE_OCCASION, approximate_note
from analytics.memo import Memo
from etl.rollup import ALL_TOPICS, QUALIFIED, QUALIFIER_BITS, SUMMED, ensure_rolled_up, rollup_sql, with_rolled_up
from etl.values import combined

GROUPINGS = ("unit", "period", "topic", "unit_period", "unit_topic")


@dataclass(frozen=True)
class Filters:
    parent: str | None = None          # unit code; None is the root of the tree
    periods: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    plan: str | None = None
    as_of: dt.date | None = None       # keep only units valid on that day


def root_code(con) -> str | None:
    """The top of the tree; should a second one appear (another province's units loaded by mistake), the one
    whose subtree holds the most reports, so the dashboard never opens on an empty tree."""
    roots = con.execute("SELECT code FROM units WHERE parent_code IS NULL LIMIT 2").fetchall()
    if len(roots) < 2:
        return roots[0][0] if roots else None
    row = con.execute(
        """SELECT u.code FROM units u JOIN unit_tree t ON t.ancestor = u.code
           LEFT JOIN (SELECT unit_code, count(*) AS n FROM reports GROUP BY ALL) r ON r.unit_code = t.descendant
           WHERE u.parent_code IS NULL GROUP BY u.code ORDER BY sum(coalesce(r.n, 0)) DESC, u.code LIMIT 1""").fetchone()
    return row[0] if row else roots[0][0]


_QUALIFIER_NAMES = {bit: name for name, bit in QUALIFIER_BITS.items()}


def _qualifier_name(bits: int | None) -> str | None:
    """The word for OR-ed bits: one qualifier as it is, two or more 'about'."""
    return _QUALIFIER_NAMES.get(bits, "about") if bits else None


# Units valid on the chosen day, when one is chosen
_AS_OF = " AND (valid_from IS NULL OR valid_from <= $as_of) AND (valid_to IS NULL OR valid_to >= $as_of)"


# The state of one expected report on `$today`; every door counts and names reports by this one expression.
REPORT_STATE = """CASE WHEN {received} IS NOT NULL THEN
        CASE WHEN {deadline} IS NULL OR {received} <= {deadline} THEN 'on_time' ELSE 'late' END
    WHEN {deadline} < $today THEN 'missing' ELSE 'pending' END"""
_DAYS_LATE = """CASE WHEN {received} IS NULL AND {deadline} < $today THEN date_diff('day', {deadline}, $today)
    WHEN {received} > {deadline} THEN date_diff('day', {deadline}, {received}) END"""

_COLUMNS = SUMMED + tuple(f"{c}_q" for c in QUALIFIED)
# One rolled-up row of a view: the unit's own figures (own), or a child's, with the report it owes (state)
Row = namedtuple("Row", ("own", "unit", "period", "tg", "state", "received_on", "deadline", "days_late") + _COLUMNS)
_FIRST = Row._fields.index(_COLUMNS[0])


def _rolled(con, topics: tuple[str, ...], by_topic: bool, picked: str) -> tuple[str, str, str]:
    """The CTEs before `own` and `child` (the chosen unit's rolled-up rows, and its children's), those two, and
    the topic group that holds a unit's figures: a topic group per row when `by_topic`, else one.

    No topic or one topic: the prepared tables, each filter on its own column so that DuckDB skips the blocks
    of other parents. Several topics: units count by their largest figure among those topics, which has to be
    computed for that choice, within the chosen unit's subtree."""
    children = "JOIN children g ON g.code = t.unit_code"
    if len(topics) > 1:
        where = ("JOIN unit_tree s ON s.ancestor = $parent AND s.descendant = r.unit_code "
                 "WHERE list_contains($topics, r.topic_code)")
        groups = f"tg <> '{ALL_TOPICS}'" if by_topic else f"tg = '{ALL_TOPICS}'"
        return (f"{rollup_sql(con, where)},",
                f"""own AS (SELECT * FROM rolled WHERE unit_code = $parent AND {groups}{picked}),
                    child AS (SELECT t.* FROM rolled t {children} WHERE {groups}{picked})""", ALL_TOPICS)
    tg = topics[0] if topics else ALL_TOPICS
    table, groups = (("rollup_topics", " AND list_contains($topics, tg)" if topics else "") if by_topic
                     else ("rollup_topics", " AND tg = $tg") if topics else ("rollup", ""))
    return ("", f"""own AS (SELECT * EXCLUDE (parent_code) FROM {table} WHERE unit_code = $parent{groups}{picked}),
                    child AS (SELECT t.* EXCLUDE (parent_code) FROM {table} t {children}
                              WHERE t.parent_code = $parent{groups}{picked})""", tg)


def _rows(con, parent: str, topics: tuple[str, ...], as_of: dt.date | None, today: dt.date, by_topic: bool,
          periods: tuple[str, ...]) -> list[Row]:
    """The rolled-up rows behind every grouping of one unit's view, on `periods` (none: every occasion).

    The unit's own rows (its figures per occasion, and per topic group when `by_topic`), then one row per child
    unit, occasion (and topic group) that has figures or owes a report, with that report's state on `today`:
    received, late, missing or pending, whatever the topic filter unless by topic (then the topic's own report)."""
    picked = " AND list_contains($periods, period_code)" if periods else ""
    source, rows, tg = _rolled(con, topics, by_topic, picked)
    if by_topic:
        owed, received, receipts = "(SELECT v.*, k.tg FROM valid v CROSS JOIN topic_groups k)", "m.received_on", ""
    elif not topics:   # the rows are the whole-occasion roll-up: when a report came is on them
        owed, received, receipts = "(SELECT *, $tg AS tg FROM valid)", "m.received_on", ""
    else:              # a report is in or not whatever the topics it was split by
        owed, received = "(SELECT *, $tg AS tg FROM valid)", "x.received_on"
        receipts = ("LEFT JOIN (SELECT unit_code, period_code, received_on FROM rollup WHERE parent_code = $parent"
                    f"{picked}) x ON x.unit_code = e.unit_code AND x.period_code = e.period_code")
    # sums of counts of at most MAX_COUNT each fit a BIGINT, which reaches Python faster than a HUGEINT
    measures = ", ".join([f"m.{c}::BIGINT" for c in SUMMED] + [f"m.{c}_q" for c in QUALIFIED])
    sql = f"""WITH {source}
    sel_periods AS (
        SELECT code, start_date, coalesce(end_date, deadline) AS end_date, coalesce(deadline, end_date) AS deadline
        FROM periods{" WHERE list_contains($periods, code)" if periods else ""}),
    children AS (SELECT code, valid_from, valid_to FROM units WHERE parent_code = $parent{_AS_OF if as_of else ""}),
    valid AS (
        SELECT g.code AS unit_code, p.code AS period_code, p.deadline
        FROM children g JOIN sel_periods p
          ON (g.valid_from IS NULL OR p.end_date IS NULL OR g.valid_from <= p.end_date)
         AND (g.valid_to IS NULL OR p.start_date IS NULL OR g.valid_to >= p.start_date)),
    {rows},
    topic_groups AS (SELECT DISTINCT tg FROM own)
    SELECT true, m.unit_code, m.period_code, m.tg, NULL, NULL::DATE, NULL::DATE, NULL::BIGINT, {measures} FROM own m
    UNION ALL
    SELECT false, coalesce(e.unit_code, m.unit_code), coalesce(e.period_code, m.period_code), coalesce(e.tg, m.tg),
           CASE WHEN e.unit_code IS NOT NULL THEN {REPORT_STATE.format(received=received, deadline="e.deadline")} END,
           {received}, e.deadline, {_DAYS_LATE.format(received=received, deadline="e.deadline")}, {measures}
    FROM child m FULL JOIN {owed} e ON e.unit_code = m.unit_code AND e.period_code = m.period_code AND e.tg = m.tg
    {receipts}"""
    params = {"parent": parent, "periods": list(periods), "topics": list(topics), "as_of": as_of, "tg": tg,
              "today": today}
    # DuckDB refuses parameters the statement does not use, and which ones it uses depends on the filters
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    return with_rolled_up(con, ensure_rolled_up, lambda: [Row._make(row) for row in con.execute(sql, used).fetchall()])


@dataclass(frozen=True)
class Labels:
    """The names a view's groups are shown by, and their order: child units in Vietnamese alphabetical order,
    occasions by start, topics by code (whole-occasion reports first)."""
    units: dict[str, tuple[int, str]]               # code -> (rank, name)
    periods: dict[str, tuple[int, str, dict]]       # code -> (rank, name, the catalogue's row)
    topics: dict[str, tuple[int, str]]


def _children(con, parent: str, as_of: dt.date | None) -> dict[str, tuple[int, str]]:
    units = con.execute(f"SELECT code, name FROM units WHERE parent_code = $parent{_AS_OF if as_of else ''} "
                        "ORDER BY name COLLATE vi", {"parent": parent} | ({"as_of": as_of} if as_of else {})).fetchall()
    return {code: (i, name) for i, (code, name) in enumerate(units)}


def _catalogue(con) -> tuple[dict, dict]:
    """The occasions by start (those without a start last), then code, as the progress page lists them; the
    topics by code after whole-occasion reports."""
    periods = sorted(catalog.periods(con), key=lambda p: (p["start_date"] is None, p["start_date"] or dt.date.min,
                                                           p["code"]))
    topics = [{"code": "", "name": WHOLE_OCCASION}] + catalog.topics(con)
    return ({p["code"]: (i, p["name"], p) for i, p in enumerate(periods)},
            {t["code"]: (i, t["name"]) for i, t in enumerate(topics)})


def fetcher(con, memo: Memo | None = None, version=None):
    """`fetch(name, *args)`: the rows and names `stats` and `progress` work from, each read once per arguments.
    They are kept in `memo` under the data `version` (the dashboard's memo, shared by every session: a memo
    that outlives a version must be given it), else in a memo of this fetcher's own."""
    if memo is not None and version is None:
        raise ValueError("a shared memo needs the data version its rows are of")
    memo = Memo(64) if memo is None else memo
    reads = {"rows": _rows, "children": _children, "catalogue": _catalogue, "root": root_code}
    return lambda name, *args: memo.get(repr((version, "fetch", name, args)), lambda: reads[name](con, *args))


def picked_rows(fetch, filters: Filters, today: dt.date, by_topic: bool) -> tuple[Labels, list[Row]]:
    """The labels and rows of the view the filters describe: the occasions they pick, of their plan."""
    parent = filters.parent or fetch("root")
    labels = Labels(fetch("children", parent, filters.as_of), *fetch("catalogue"))
    picked = tuple(code for code, (_rank, _name, period) in labels.periods.items()
                   if (not filters.periods or code in filters.periods)
                   and (filters.plan is None or period["plan_code"] == filters.plan))
    if not picked:
        return labels, []
    # one set of rows serves every occasion of a view; per topic, or for several topics at once, the picked ones
    scope = picked if by_topic or len(filters.topics) > 1 else ()
    rows = fetch("rows", parent, filters.topics, filters.as_of, today, by_topic, scope)
    chosen = set(picked)
    return labels, [row for row in rows if row.period in chosen]


# Per grouping: whose rows carry the figures (the unit's own, or its children's) and the fields of a group's key
_BY = {"unit": (False, ("unit",)), "period": (True, ("period",)), "topic": (True, ("tg",)),
       "unit_period": (False, ("unit", "period")), "unit_topic": (False, ("unit", "tg"))}


def rate(part, whole) -> float | None:
    """part / whole to four decimals, rounded half away from zero as DuckDB's round() does."""
    if part is None or not whole:
        return None
    ratio = part / whole
    scaled = abs(ratio) * 10000
    below = math.floor(scaled)
    return math.copysign(below + (scaled - below >= 0.5), ratio) / 10000


def _add(total: list, row: Row) -> None:
    """Counts are summed and qualifier bits OR-ed, as DuckDB's sum() and bit_or() do: what is NULL is left out."""
    for i, value in enumerate(row[_FIRST:]):
        if value is not None:
            previous = total[i]
            total[i] = value if previous is None else previous | value if i >= len(SUMMED) else previous + value


_QUALIFIER_KEYS = tuple(f"{c}_qualifier" for c in QUALIFIED)
_EXACT = dict.fromkeys(_QUALIFIER_KEYS)
_COUNTED = {"on_time": 0, "late": 1, "missing": 2, "pending": 3}


def stats(con, by: str = "unit", filters: Filters = Filters(), today: dt.date | None = None, fetch=None) -> list[dict]:
    """One row per group: cells and members (held, eligible, taking part) and the reports it owes, by their state
    on `today` (on time, late, missing: past the deadline and not received, pending: not received, not yet due).

    Two-way groupings ("unit_period", "unit_topic") also carry `code2` and `group2`. DuckDB rolls the figures up
    (etl.rollup); what is left, adding up one unit's children and occasions, is a few thousand rows at most, and
    is added up here. `fetch` (see `fetcher`) keeps what it reads: the rows serve every grouping and occasion of
    the view, except by topic or for several topics, where they are of the occasions picked."""
    if by not in GROUPINGS:
        raise ValueError(by)
    own_figures, fields = _BY[by]
    labels, rows = picked_rows(fetch or fetcher(con), filters, today or dt.date.today(), by in ("topic", "unit_topic"))
    indexes = [Row._fields.index(field) for field in fields]
    key_of = itemgetter(*indexes) if len(fields) > 1 else lambda row: (row[indexes[0]],)
    groups: dict[tuple, tuple[list, list]] = {}
    for row in rows:
        own, state = row.own, row.state
        if own != own_figures and (own or state is None):
            continue    # a child's figures in a group of the unit's own, or a child that owes nothing there
        key = key_of(row)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ([None] * len(_COLUMNS), [0] * len(_COUNTED))
        if own == own_figures:
            _add(group[0], row)
        if state is not None:
            group[1][_COUNTED[state]] += 1
    names = [{"unit": labels.units, "period": labels.periods, "tg": labels.topics}[field] for field in fields]

    def label(field: int, code: str) -> tuple:   # (rank, name); a code with no name comes last, as itself
        return names[field].get(code, (math.inf, code))

    result = []
    for key in sorted(groups, key=lambda key: ([label(i, code)[0] for i, code in enumerate(key)], key)):
        sums, (on_time, late, missing, pending) = groups[key]
        row = {"code": key[0], "group": label(0, key[0])[1]}
        if len(key) > 1:
            row.update(code2=key[1], group2=label(1, key[1])[1])
        row.update(zip(SUMMED, sums))
        bits = sums[len(SUMMED):]
        row.update(zip(_QUALIFIER_KEYS, map(_qualifier_name, bits)) if any(bits) else _EXACT)
        row.update(cell_rate=rate(row["cells_held"], row["cells_expected"]),
                   member_rate=rate(row["members_participating"], row["members_eligible"]),
                   reports_expected=on_time + late + missing + pending, reports_received=on_time + late,
                   reports_on_time=on_time, reports_missing=missing, reports_pending=pending)
        row["approximate"] = approximate_note(row) if any(bits) else ""
        result.append(row)
    return result


def combine(rows: list[dict]) -> dict:
    """Several stats rows (say, one per occasion) added up, with the rates recomputed from the sums."""
    keys = ("cells_expected", "cells_held", "members_total", "members_eligible", "members_participating",
            "reports_expected", "reports_received", "reports_on_time", "reports_missing", "reports_pending")
    total = {key: sum(r[key] or 0 for r in rows) for key in keys}
    total["cell_rate"] = rate(total["cells_held"], total["cells_expected"])
    total["member_rate"] = rate(total["members_participating"], total["members_eligible"])
    for count in QUALIFIED:
        total[f"{count}_qualifier"] = combined(r.get(f"{count}_qualifier") for r in rows)
    total["approximate"] = approximate_note(total)
    return total
