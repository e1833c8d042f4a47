"""The corpus under tests/corpus/ read by `extract`, compared with the rows a person typed from each document:
per-field precision and recall, rows proposed that no one would type, rows missed. Used by the tests and by
bench/extraction.py."""
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from etl.extract import extract_file
from etl.mentions import Catalogue

CORPUS = Path(__file__).parent / "corpus"
FIELDS = ("unit", "period", "topics", "cells_expected", "cells_held", "members_total", "members_exempt",
          "members_participating", "qualifier", "derived")
PLAN_FIELDS = ("anniversary", "start", "end", "deadline", "topics")


def expected(folder: Path = CORPUS) -> dict[str, dict]:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def comparable(row: dict) -> dict:
    return {name: sorted(row.get(name) or []) if name in ("topics", "derived") else row.get(name)
            for name in FIELDS}


def pairs(wanted: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Expected and proposed rows paired by (unit, period), then by their counts; the rest on each side."""
    wanted, got = [comparable(r) for r in wanted], [comparable(r) for r in got]
    paired = []
    for key in (lambda r: (r["unit"], r["period"]), lambda r: tuple(r[f] for f in FIELDS[3:8])):
        for row in list(wanted):
            match = next((g for g in got if key(g) == key(row)), None)
            if match is not None:
                paired.append((row, match))
                wanted.remove(row)
                got.remove(match)
    return paired, wanted, got


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)     # field -> proposed and right
    proposed: Counter = field(default_factory=Counter)  # field -> proposed (not empty)
    stated: Counter = field(default_factory=Counter)    # field -> the expected answer has it
    false_rows: int = 0
    missed_rows: int = 0
    rows: int = 0
    false_rows_in_documents_without_figures: int = 0
    files_exact: int = 0
    files: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, name: str, want: dict, got: dict) -> None:
        self.files += 1
        paired, missed, false = pairs(want.get("rows", []), got.get("rows", []))
        self.rows += len(want.get("rows", []))
        self.missed_rows += len(missed)
        self.false_rows += len(false)
        if want["kind"] != "report":
            self.false_rows_in_documents_without_figures += len(got.get("rows", []))
        for row in missed:
            self.stated.update(f for f in FIELDS if _filled(row[f]))
        for row in false:
            self.proposed.update(f for f in FIELDS if _filled(row[f]))
        for wanted_row, got_row in paired:
            for column in FIELDS:
                self.stated[column] += _filled(wanted_row[column])
                self.proposed[column] += _filled(got_row[column])
                self.right[column] += _filled(got_row[column]) and got_row[column] == wanted_row[column]
        same = (not missed and not false and all(a == b for a, b in paired) and want["kind"] == got["kind"]
                and sorted(want.get("unmatched", [])) == sorted(got.get("unmatched", [])))
        if want["kind"] == "plan":
            same = same and plan_differences(want["plan"], got.get("plan") or {}) == []
        self.files_exact += same
        if not same:
            self.wrong.append(name)

    def table(self) -> list[tuple[str, float | None, float | None]]:
        return [(name, self.right[name] / self.proposed[name] if self.proposed[name] else None,
                 self.right[name] / self.stated[name] if self.stated[name] else None) for name in FIELDS]


def _filled(value) -> bool:
    return value not in (None, [])


def plan_differences(want: dict, got: dict) -> list[str]:
    problems = [f"{key}: {got.get(key)!r} != {want.get(key)!r}" for key in ("number", "date", "based_on")
                if got.get(key) != want.get(key)]
    if (got.get("issuer") or "").casefold() != (want.get("issuer") or "").casefold():
        problems.append(f"issuer: {got.get('issuer')!r} != {want.get('issuer')!r}")
    wanted, found = want.get("periods", []), got.get("periods", [])
    if len(wanted) != len(found):
        return problems + [f"{len(found)} periods != {len(wanted)}"]
    for number, (w, g) in enumerate(zip(wanted, found), 1):
        problems += [f"period {number} {key}: {g.get(key)!r} != {w.get(key)!r}" for key in PLAN_FIELDS
                     if (sorted(g.get(key) or []) if key == "topics" else g.get(key))
                     != (sorted(w.get(key) or []) if key == "topics" else w.get(key))]
    return problems


def extract_corpus(db: str, folder: Path = CORPUS) -> dict[str, dict]:
    catalogue = Catalogue.load(db)
    return {name: extract_file(str(folder / name), catalogue) for name in sorted(expected(folder))}
