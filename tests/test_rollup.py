"""The roll-up's SQL against its rule written plainly in Python, on random trees with reports at every level.

The rule (etl.rollup): per unit, occasion and topic group, a unit's own report wins over its subtree's; a unit
without one counts the sum of its children's roll-ups; when the first report came is the earliest anywhere in
the subtree, shadowed or not. A unit's whole figures (topic group '*') are its whole-occasion report, else the
largest of each figure over its topic rows, and of total less exempt for the members who must attend."""
import datetime as dt
import operator
import random
from functools import reduce

import duckdb
import pytest

from etl import rollup
from etl.rollup import ALL_TOPICS, QUALIFIED, QUALIFIER_BITS, SUMMED
from etl.schema import REPORT_COUNTS, create_schema, rebuild_unit_tree

_COLUMNS = ("received_on",) + SUMMED + tuple(f"{c}_q" for c in QUALIFIED)


def _tree(rng: random.Random) -> dict[str, str | None]:
    """A province, 4 districts, 10 communes and 25 cells, each under a random unit of the level above; a code
    carries its parent's: 'T-2-7' is under 'T-2'."""
    codes = ["T"]
    for level, count in ((1, 4), (2, 10), (3, 25)):
        above = [code for code in codes if code.count("-") == level - 1]
        codes += [f"{rng.choice(above)}-{index}" for index in range(count)]
    return {code: code.rsplit("-", 1)[0] if "-" in code else None for code in codes}


def _reports(rng: random.Random, units: list[str]) -> list[dict]:
    """Half the units report in an occasion, each with a whole-occasion row, topic rows, or both; so many units
    have no report of their own and count their children's."""
    rows = []
    for unit in units:
        for period in ("P1", "P2"):
            if rng.random() < 0.5:
                continue
            for topic in rng.sample([None, "A", "B", "C"], rng.randint(1, 3)):
                row = {c: (None if rng.random() < 0.15 else rng.randint(0, 60)) for c in REPORT_COUNTS}
                qualifiers = [f"{c}={rng.choice(list(QUALIFIER_BITS))}" for c in QUALIFIED if rng.random() < 0.1]
                row.update(unit_code=unit, period_code=period, topic_code=topic,
                           qualifier=";".join(qualifiers) or None,
                           report_date=None if rng.random() < 0.2 else dt.date(2025, 9, rng.randint(1, 28)))
                rows.append(row)
    return rows


def _bits(row: dict, column: str) -> int | None:
    for part in (row["qualifier"] or "").split(";"):
        name, _, word = part.partition("=")
        if name == column:
            return QUALIFIER_BITS[word]
    return None


def _own(rows: list[dict], uploaded: dt.date) -> dict:
    """One unit's figures for one topic group from its report rows: the whole-occasion row, else the largest."""
    whole = [r for r in rows if r["topic_code"] is None]
    picked = whole or rows
    figures = {c: max((r[c] for r in picked if r[c] is not None), default=None) for c in REPORT_COUNTS}
    for c in QUALIFIED:
        bits = [_bits(r, c) for r in picked if _bits(r, c) is not None]
        figures[f"{c}_q"] = reduce(operator.or_, bits) if bits else None
    figures["members_eligible"] = max((r["members_total"] - (r["members_exempt"] or 0) for r in picked
                                       if r["members_total"] is not None), default=None)
    figures["received_on"] = min(r["report_date"] or uploaded for r in rows)
    return {c: figures[c] for c in _COLUMNS}


def _sum(values):
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def _expected(parents: dict, reports: list[dict], uploaded: dt.date) -> dict:
    children = {code: [c for c, p in parents.items() if p == code] for code in parents}
    own = {}
    for row in reports:
        for tg in (ALL_TOPICS, row["topic_code"] or ""):
            own.setdefault((row["unit_code"], row["period_code"], tg), []).append(row)
    own = {key: _own(rows, uploaded) for key, rows in own.items()}
    groups = {(p, tg) for _, p, tg in own}
    rolled = {}

    def roll(unit, period, tg):
        below = [r for r in (roll(c, period, tg) for c in children[unit]) if r is not None]
        mine = own.get((unit, period, tg))
        if mine is None and not below:
            return None
        if mine is not None:
            result = dict(mine)
        else:
            result = {c: _sum(r[c] for r in below) for c in SUMMED}
            for c in QUALIFIED:
                bits = [r[f"{c}_q"] for r in below if r[f"{c}_q"] is not None]
                result[f"{c}_q"] = reduce(operator.or_, bits) if bits else None
        result["received_on"] = min([r["received_on"] for r in below] + ([mine["received_on"]] if mine else []))
        rolled[(unit, period, tg)] = result
        return result

    for period, tg in groups:
        roll("T", period, tg)
    return rolled


def _database(parents: dict, reports: list[dict], uploaded: dt.date):
    con = duckdb.connect()
    create_schema(con)
    con.executemany("INSERT INTO units (code, name, parent_code, upload_id) VALUES (?, ?, ?, 1)",
                    [[code, f"Đơn vị {code}", parent] for code, parent in parents.items()])
    rebuild_unit_tree(con)
    con.execute("INSERT INTO uploads VALUES (1, 'r.csv', '', 'reports', 'thử', ?, 0, 0, 0, 0, 0, 'committed', "
                "NULL, NULL)", [dt.datetime.combine(uploaded, dt.time(9))])
    columns = ("unit_code", "period_code", "topic_code", *REPORT_COUNTS, "report_date", "qualifier")
    con.executemany(f"INSERT INTO reports ({', '.join(columns)}, upload_id) VALUES "
                    f"({', '.join('?' * len(columns))}, 1)", [[r[c] for c in columns] for r in reports])
    return con


def _rows(con, sql: str) -> dict:
    return {tuple(row[:3]): dict(zip(_COLUMNS, row[3:])) for row in con.execute(sql).fetchall()}


@pytest.mark.parametrize("seed", range(6))
def test_the_roll_up_follows_its_rule_on_a_random_tree(seed):
    rng = random.Random(seed)
    parents = _tree(rng)
    reports = _reports(rng, list(parents))
    uploaded = dt.date(2025, 10, 1)
    con = _database(parents, reports, uploaded)
    rollup.build(con)
    found = {}
    for table in ("rollup", "rollup_topics"):
        found |= _rows(con, f"SELECT unit_code, period_code, tg, {', '.join(_COLUMNS)} FROM {table}")
    expected = _expected(parents, reports, uploaded)
    own = {(r["unit_code"], r["period_code"]) for r in reports}
    summed = [k for k in expected if k[2] == ALL_TOPICS and k[:2] not in own]
    assert len(summed) > 5 and sum(r["unit_code"] in parents.values() for r in reports) > 15   # both rules used
    assert found == expected


@pytest.mark.parametrize("seed", range(3))
def test_several_topics_within_one_unit_follow_the_same_rule(seed):
    """The pages' roll-up for a choice of topics (analytics.queries): the reports of those topics in the chosen
    unit's subtree, rolled up the same way."""
    rng = random.Random(100 + seed)
    parents = _tree(rng)
    reports = _reports(rng, list(parents))
    uploaded = dt.date(2025, 10, 1)
    con = _database(parents, reports, uploaded)
    chosen = rng.choice([code for code in parents if code.count("-") == 1])
    where = ("JOIN unit_tree s ON s.ancestor = $parent AND s.descendant = r.unit_code "
             "WHERE list_contains($topics, r.topic_code)")
    sql = f"WITH {rollup.rollup_sql(con, where)} SELECT unit_code, period_code, tg, {', '.join(_COLUMNS)} FROM rolled"
    found = {tuple(row[:3]): dict(zip(_COLUMNS, row[3:]))
             for row in con.execute(sql, {"parent": chosen, "topics": ["A", "B"]}).fetchall()}
    inside = {code for code in parents if code == chosen or code.startswith(f"{chosen}-")}
    picked = [r for r in reports if r["unit_code"] in inside and r["topic_code"] in ("A", "B")]
    expected = {key: value for key, value in _expected(parents, picked, uploaded).items() if key[0] in inside}
    assert expected and {k: v for k, v in found.items() if k[0] in inside} == expected
