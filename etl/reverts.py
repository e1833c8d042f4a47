"""Figures a load would turn back: a file sent again after a correction, or rows older than what a later upload
set. Such a load needs an explicit choice (a confirmation on the page, --allow-revert on the command line)."""
from dataclasses import asdict, dataclass

from common.formats import format_count, format_date
from etl.fields import header_label
from etl.schema import TABLES
from etl.values import QUALIFIER_WORDS

LISTED = 1000


@dataclass
class Revert:
    """One figure the load would turn back: from what the current row says to what the file says."""
    unit: str
    period: str
    topic: str
    column: str
    current: object
    incoming: object
    upload_id: int          # the upload that set the current figure
    file_name: str
    uploaded_at: object
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.unit, self.period, self.topic) if part)
        return (f"{where} — {self.column}: đang là {shown(self.current)} (lần nạp số {self.upload_id}, tệp "
                f"{self.file_name}, {self.uploaded_at:%d/%m/%Y %H:%M}), tệp này ghi {shown(self.incoming)}; "
                f"{self.reason}.")


class Approximate(str):
    """A count as the report wrote it, with the word that says it is approximate: 'trên 3.550'."""


def written(value, qualifier: str | None):
    """A count as its report wrote it: the number, or the number with its qualifier's word."""
    if qualifier and value is not None:
        return Approximate(f"{QUALIFIER_WORDS[qualifier]} {format_count(value)}")
    return value


def shown(value) -> str:
    """A figure as the user reads it: 3.550, trên 3.550, 13/06/2022, “text”, or 'trống' for nothing."""
    if value is None:
        return "trống"
    if isinstance(value, Approximate):
        return value
    if isinstance(value, int):
        return format_count(value)
    if hasattr(value, "strftime"):
        return format_date(value)
    return f"“{value}”"


def _qualifier_words(stored: str | None) -> dict[str, str]:
    """'members_participating=at_least;cells_held=about' as a dict."""
    return dict(part.split("=", 1) for part in stored.split(";")) if stored else {}


def find_reverts(con, present: set[str], repeated: bool) -> list[Revert]:
    """The figures `incoming_reports` would change back. A row turns a figure back when the file is one loaded
    before (`repeated`), when its values equal a version a later upload replaced, or when its report date is
    older than the current row's."""
    keys, values = TABLES["reports"]
    values = [v for v in values if v in present and v != "note"]   # a note is not a figure
    if not values:
        return []
    match = lambda a, b: " AND ".join(f"{a}.{k} IS NOT DISTINCT FROM {b}.{k}" for k in keys)   # noqa: E731
    changed = " OR ".join(f"i.{v} IS DISTINCT FROM e.{v}" for v in values)
    same_as_old = " AND ".join(f"i.{v} IS NOT DISTINCT FROM h.{v}" for v in values)
    older = "i.report_date < e.report_date" if "report_date" in present else "false"
    reason = f"""CASE WHEN $repeated THEN 'tệp này trùng nội dung một lần nạp trước'
                      WHEN {older} THEN 'ngày báo cáo trong tệp (' || strftime(i.report_date, '%d/%m/%Y')
                           || ') cũ hơn ngày của số đang dùng (' || strftime(e.report_date, '%d/%m/%Y') || ')'
                      ELSE 'đây là số cũ, đã được sửa ở một lần nạp sau' END"""
    pairs = ", ".join(f"i.{v} AS new_{v}, e.{v} AS old_{v}" for v in values)
    rows = con.execute(
        f"""SELECT un.name, pe.name, coalesce(tp.name, ''), e.upload_id, up.file_name, up.created_at, {reason},
                   {pairs}
            FROM incoming_reports i JOIN reports e ON {match('i', 'e')}
            JOIN uploads up ON up.id = e.upload_id
            JOIN units un ON un.code = i.unit_code JOIN periods pe ON pe.code = i.period_code
            LEFT JOIN topics tp ON tp.code = i.topic_code
            WHERE ({changed}) AND ($repeated OR {older} OR EXISTS (
                SELECT 1 FROM reports_history h JOIN uploads hu ON hu.id = h.changed_by AND hu.status = 'committed'
                WHERE {match('h', 'i')} AND {same_as_old}))
            ORDER BY pe.start_date, un.name COLLATE vi LIMIT {LISTED}""", {"repeated": repeated}).fetchall()
    found = []
    for unit, period, topic, upload_id, file_name, uploaded_at, why, *figures in rows:
        pairs = dict(zip(values, zip(figures[0::2], figures[1::2])))
        # the qualifiers column says which counts are approximate: a count is compared as it was written
        new_words, old_words = (_qualifier_words(side) for side in pairs.pop("qualifier", (None, None)))
        for name, (new, old) in pairs.items():
            new, old = written(new, new_words.get(name)), written(old, old_words.get(name))
            if new != old:
                found.append(Revert(unit, period, topic, header_label("reports", name), old, new, upload_id,
                                    file_name, uploaded_at, why))
    return found
