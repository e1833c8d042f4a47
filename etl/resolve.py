"""Finding the unit, period or topic a typed name means, and suggesting the closest when none matches."""
import datetime as dt
import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from common.text import fold

# Kind prefixes offices write before a name, longest first, with the category each one names.
_PREFIXES = [
    ("dang uy khoi", None), ("dang uy xa", "xa"), ("dang uy phuong", "phuong"), ("dang uy", None),
    ("dang bo", None), ("chi bo", None), ("huyen uy", "huyen"), ("thi uy", "thixa"), ("thanh uy", "thanhpho"),
    ("tinh uy", None), ("huyen", "huyen"), ("thi xa", "thixa"), ("thanh pho", "thanhpho"),
    ("thi tran", "thitran"), ("xa", "xa"), ("phuong", "phuong"), ("tx", "thixa"), ("tp", "thanhpho"),
    ("tt", "thitran"), ("h", "huyen"), ("p", "phuong"),
]
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{4}))?(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
SUGGEST_AT = 75   # similarity (0-100) from which a name is offered as "did you mean"
MAX_SUGGESTED = 300   # names looked up for a suggestion per load; a file of thousands of unknown names stays quick


def strip_prefixes(folded: str) -> tuple[str, set[str]]:
    """'huyen uy muong khuong' -> ('muong khuong', {'huyen'})."""
    categories: set[str] = set()
    changed = True
    while changed:
        changed = False
        for prefix, category in _PREFIXES:
            if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
                folded = folded[len(prefix) + 1:]
                if category:
                    categories.add(category)
                changed = True
                break
    return folded, categories


class Lookup:
    """Keys to codes for one kind of reference row, tried from the most exact to the loosest."""

    def __init__(self, rows: list[tuple[str, str]], label: str):
        self.label = label
        self.names = dict(rows)
        self.levels: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(4)]
        self._choices, self._bare = {}, {}
        for code, name in rows:
            folded = self._choices[code] = fold(name)
            bare, categories = strip_prefixes(folded)
            self._bare[code] = bare
            self.levels[0][fold(code)].add(code)
            self.levels[1][folded].add(code)
            for category in categories:
                self.levels[2][f"{category} {bare}"].add(code)
            self.levels[3][bare].add(code)
        self._suggested = 0

    def find(self, raw: str) -> set[str]:
        folded = fold(raw)
        for level in self.levels[:2]:      # a code or a whole name, as nearly every row writes it
            if folded in level:
                return set(level[folded])
        bare, categories = strip_prefixes(folded)
        for level, keys in ((self.levels[2], [f"{c} {bare}" for c in categories]), (self.levels[3], [bare])):
            found = set().union(*(level.get(k, set()) for k in keys))
            if found:
                return found
        return set()

    def suggest(self, raw: str) -> str:
        """A close name only: the name without its kind words ('Huyện ủy', 'Đảng ủy xã') nearly the same."""
        if self._suggested >= MAX_SUGGESTED:
            return ""
        self._suggested += 1
        folded = fold(raw)
        close = (process.extract(strip_prefixes(folded)[0], self._bare, scorer=fuzz.ratio, score_cutoff=SUGGEST_AT,
                                 limit=10)
                 or process.extract(folded, self._choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_AT, limit=10))
        if not close:
            return ""
        # 'Thị trấn Mường Khương' is as close to 'Huyện ủy Mường Khương' without the kind words: then the whole
        # name decides
        best = max(close, key=lambda found: (found[1], fuzz.ratio(folded, self._choices[found[2]])))
        return f" Có phải là “{self.names[best[2]]}”?"

    def unknown_message(self, raw: str) -> str:
        return f"Không có {self.label} này trong danh mục.{self.suggest(raw)} Hãy sửa tên hoặc mã cho đúng danh mục."

    def ambiguous_message(self, codes: set[str]) -> str:
        names = "; ".join(f"{self.names[c]} (mã {c})" for c in sorted(codes))
        return f"Tên này khớp với nhiều {self.label}: {names}. Hãy ghi mã {self.label}."


class PeriodLookup(Lookup):
    """Periods also answer to their anniversary day-month ('3-2', '19/5'), with the year or the report date."""

    def __init__(self, rows: list[tuple[str, str, dt.date | None]]):
        super().__init__([(code, name) for code, name, _ in rows], "đợt")
        self.by_day_month: dict[tuple[int, int], list[tuple[dt.date | None, str]]] = defaultdict(list)
        for code, name, start in rows:
            match = _DAY_MONTH.search(name)
            if match:
                self.by_day_month[(int(match.group(1)), int(match.group(2)))].append((start, code))

    def find_dated(self, raw: str, report_date: dt.date | None) -> set[str]:
        found = self.find(raw)
        if found:
            return found
        match = _DAY_MONTH.search(raw)
        if not match:
            return set()
        candidates = self.by_day_month.get((int(match.group(1)), int(match.group(2))), [])
        year = match.group(3) or (_YEAR.search(raw).group(1) if _YEAR.search(raw) else None)
        if year:
            candidates = [(s, c) for s, c in candidates if s and s.year == int(year)]
        elif len(candidates) > 1 and report_date:
            # the latest occasion that had begun by the day the report was written
            begun = [(s, c) for s, c in candidates if s and s <= report_date]
            candidates = [max(begun)] if begun else []
        return {c for _, c in candidates}

    def ambiguous_message(self, codes: set[str]) -> str:
        return super().ambiguous_message(codes).replace(
            "Hãy ghi mã đợt.", "Hãy ghi mã đợt, thêm năm (ví dụ 3-2-2024) hoặc ghi ngày báo cáo."
        )
