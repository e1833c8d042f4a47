"""Loading files into the database in one transaction: the one implementation behind CLI, page and tests."""
import datetime as dt
import getpass
import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from common.db import DatabaseBusy, connect, transaction
from common.formats import format_count
from common.text import printable
from etl.checks import detail, failed_sql
from etl.fields import KIND_LABELS
from etl.problems import MAX_LISTED, Problem, without_file_name
from etl.publish import Publication, UntrustedFolder
from etl.readers import FileProblem, read_table
from etl.reference import MAX_DEPTH, catalogue_changes, check_reference, tree_problems
from etl.reports import Lookups, check_reports
from etl.reverts import Revert, find_reverts
from etl.schema import create_schema, rebuild_unit_tree
from etl.settle import UPLOADS_SQL, settle
from etl.staging import stage_raw
from etl.store import RollbackRefused, merge, rollback
from security.accounts import Account
from security.audit import RolledBack, Uploaded, UploadRefused, log

LOAD_ORDER = ("units", "periods", "topics", "reports")
MAX_ROWS = {"reports": 2_000_000, "units": 200_000, "periods": 200_000, "topics": 200_000}   # blank lines included


@dataclass
class FileSummary:
    file: str
    kind: str | None = None
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: int = 0      # errors found in this file: any of them blocks the whole load


@dataclass
class Summary:
    """The import summary: what a load did or, for a dry run or a rejected load, would have done."""
    status: str = "rejected"
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    error_count: int = 0
    upload_id: int | None = None
    files: list[FileSummary] = field(default_factory=list)
    reverts: list[Revert] = field(default_factory=list)   # figures the load turns back to an older value
    periods: list[str] = field(default_factory=list)       # the occasions and parent units its reports are for
    parents: list[str] = field(default_factory=list)
    needs_confirmation: bool = False                       # refused only because of `reverts`
    skipped_rows: list[Problem] = field(default_factory=list)   # each row left out, and why

    def as_dict(self) -> dict:
        return {
            "status": self.status, "imported": self.imported, "updated": self.updated,
            "unchanged": self.unchanged, "skipped": self.skipped,
            "warnings": [w.as_dict() for w in self.warnings], "errors": [e.as_dict() for e in self.errors],
            "error_count": self.error_count, "upload_id": self.upload_id,
            "files": [vars(f) for f in self.files], "reverts": [r.as_dict() for r in self.reverts],
            "needs_confirmation": self.needs_confirmation,
            "skipped_rows": [p.as_dict() for p in self.skipped_rows],
        }

    def add_error(self, problem: Problem, count: int = 1) -> None:
        if len(self.errors) < MAX_LISTED:
            self.errors.append(problem)
        self.error_count += count


@dataclass
class LoadOptions:
    db: str | None = None
    kind: str | None = None
    dry_run: bool = False
    user: str | None = None   # who loads, when no account does (the command line without --account)
    progress: Callable[[float, str], None] | None = None   # share done (0..1) and what is happening, in Vietnamese
    account: Account | None = None   # the logged-in account: its role says what it may load, its unit where
    allow_revert: bool = False       # the user confirmed that figures set by later uploads may go back
    documents: tuple = ()            # etl.proposals.SourceDocument: the documents confirmed figures were read from

    @property
    def user_name(self) -> str:
        return self.account.username if self.account else unauthenticated(self.user)

    def report(self, done: float, text: str) -> None:
        if self.progress:
            self.progress(done, text)


def unauthenticated(name: str | None) -> str:
    """Who a load or rollback without an account is recorded under: the given or operating-system name with a
    mark no account name can carry (accounts are lower-case letters, digits and ._-), so no account can own,
    undo or be blamed for it."""
    return f"{printable(name or getpass.getuser()).strip()[:40] or '?'} (dòng lệnh, không đăng nhập)"


def load_files(files: list[str | tuple[str, str]], options: LoadOptions | None = None) -> Summary:
    """Read, check and (unless a dry run or any error) write every file; all or nothing.

    `files` are paths, or (path, name shown to the user) pairs for uploads saved under a temporary name."""
    options = options or LoadOptions()
    summary = Summary()
    if not files:
        summary.add_error(Problem("", None, None, None, "Không có tệp nào để nạp. Hãy chọn tệp, hoặc giữ lại ít "
                                                        "nhất một dòng số liệu."))
        _audit(options, summary, [])
        return summary
    tables = []
    for number, item in enumerate(files):
        path, name = item if isinstance(item, tuple) else (item, os.path.basename(item))
        name = shown_name(name)
        options.report(0.3 * number / len(files), f"Đang đọc tệp {name}")
        try:
            tables.append(read_table(path, options.kind, name))
        except FileProblem as problem:
            summary.files.append(FileSummary(name, errors=1))
            summary.add_error(Problem(name, None, None, None, without_file_name(str(problem), name), problem.hint))
    tables.sort(key=lambda t: LOAD_ORDER.index(t.header.kind))
    try:
        if options.account and not options.account.can_upload:
            summary.add_error(Problem(", ".join(t.file_name for t in tables) or "", None, None, None,
                                      "Tài khoản chỉ xem không được nạp tệp. Hãy gửi tệp cho cán bộ tổng hợp."))
        if not summary.error_count:
            with connect(options.db) as con:
                create_schema_if_missing(con)
                _settle(options.db, con)    # a line a killed load left unwritten
                publication = Publication(con, options.db)
                _load_tables(con, tables, options, summary)
                if summary.status == "committed":   # written while the file is still ours: see etl.settle
                    _audit_committed(options, summary, _names(files))
                    options.report(0.95, "Đang cập nhật số liệu cho bảng điều khiển")
                    _publish(publication, summary.upload_id, summary)
    finally:
        for table in tables:
            if table.temp_path:
                os.unlink(table.temp_path)
    if summary.status != "committed":
        _audit(options, summary, _names(files))
    return summary


def _names(files) -> list[str]:
    return [shown_name(item[1] if isinstance(item, tuple) else os.path.basename(item)) for item in files]


def shown_name(name: str) -> str:
    """A file name as pages, the history and the terminal show it: one line, no control codes."""
    return " ".join(printable(name).split())[:200] or "(không tên)"


def _audit(options: LoadOptions, summary: Summary, names: list[str]) -> None:
    """Every load that wrote, and every refused one (a dry run included): who, which files, what came of it."""
    files = "; ".join(names)
    if summary.status == "committed":
        event = Uploaded(summary.upload_id, files, summary.imported, summary.updated, summary.unchanged,
                         len(summary.reverts))
    elif summary.status == "rejected":
        event = UploadRefused(files, options.dry_run, summary.error_count,
                              summary.errors[0].message if summary.errors else "")
    else:
        return
    log(options.db, options.user_name, event)


def _audit_committed(options: LoadOptions, summary: Summary, names: list[str]) -> None:
    """The load is committed whatever happens here: an audit line the accounts file cannot take now (held by
    another process for too long) is written later from the data file (etl.settle), so it says so, not fails."""
    try:
        _audit(options, summary, names)
    except (DatabaseBusy, duckdb.Error):
        summary.warnings.append(Problem("; ".join(names), None, None, None,
                                        "Đã nạp xong nhưng chưa ghi được nhật ký vì tệp tài khoản đang bận; dòng nhật "
                                        "ký sẽ được ghi bù ở lần nạp hay lần mở trang Nhật ký sau."))


def _publish(publication: Publication, upload_id: int | None, summary: Summary) -> None:
    """The read copy the dashboard shows; the load is committed whatever happens here, and a copy that could not
    be published now is published by the dashboard or the next load (etl.publish.repair)."""
    try:
        if upload_id is not None:
            publication.touches(upload_id)
        publication.publish()
    except UntrustedFolder as problem:
        logging.getLogger(__name__).warning("%s", problem)     # a rollback's summary is not shown: the log says it
        summary.warnings.append(Problem("", None, None, None, f"Đã nạp xong nhưng chưa cập nhật bản số liệu cho bảng "
                                                              f"điều khiển. {printable(str(problem))}"))
    except Exception as problem:      # committed already: a failure here must not read as a failed load
        logging.getLogger(__name__).exception("publishing the read copy failed")
        summary.warnings.append(Problem("", None, None, None,
                                        "Đã nạp xong nhưng chưa cập nhật được bản số liệu cho bảng điều khiển "
                                        f"({printable(str(problem))[:200]}). Bảng điều khiển sẽ tự cập nhật khi đọc "
                                        "được tệp cơ sở dữ liệu, hoặc ở lần nạp sau."))


def create_schema_if_missing(con) -> None:
    create_schema(con)     # every statement is IF NOT EXISTS: an older file gains new tables and columns


def _load_tables(con, tables, options: LoadOptions, summary: Summary) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    user = options.user_name
    account = options.account
    # Staged before the transaction so that rowids are the file's row order; temp tables never touch the file.
    offsets = []
    options.report(0.3, "Đang chuẩn bị dữ liệu")
    for index, table in enumerate(tables):
        try:
            offsets.append(stage_raw(con, table, f"raw_{index}"))
            _check_row_count(con, table, f"raw_{index}")
        except FileProblem as problem:
            summary.files.append(FileSummary(table.file_name, table.header.kind, errors=1))
            summary.add_error(Problem(table.file_name, None, None, None, without_file_name(str(problem), table.file_name),
                                      problem.hint))
    if summary.error_count:
        return
    with transaction(con) as work:
        # one writer holds the file at a time, so the next number is free; a rolled-back load leaves no trace
        upload_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM uploads").fetchone()[0]
        for index, table in enumerate(tables):
            options.report(0.4 + 0.5 * index / len(tables), f"Đang kiểm tra và ghi tệp {table.file_name}")
            kind, raw = table.header.kind, f"raw_{index}"
            file_summary = FileSummary(table.file_name, kind)
            summary.files.append(file_summary)
            if kind != "reports" and account is not None and not account.can_load_catalogue:
                summary.add_error(Problem(table.file_name, None, None, None,
                                          f"Tài khoản {account.role_name.lower()} chỉ nạp được báo cáo, không nạp "
                                          f"danh mục {KIND_LABELS[kind]}. Hãy gửi tệp này cho quản trị."))
                file_summary.errors = 1
                continue
            if kind == "reports":
                checked = check_reports(con, table, Lookups.read(con), raw, offsets[index],
                                        account.scope if account else None)
                errors, error_count, present = checked.errors, checked.error_count, checked.present
                skipped, skipped_rows = checked.skipped, checked.skipped_rows
                summary.warnings.extend(checked.warnings)
            else:
                errors, skipped_rows, present = check_reference(con, table, kind, raw, offsets[index])
                error_count, skipped = len(errors), len(skipped_rows)
            file_summary.skipped, file_summary.errors = skipped, error_count
            summary.skipped_rows.extend(skipped_rows[:MAX_LISTED - len(summary.skipped_rows)])
            for problem in errors:
                summary.add_error(problem, 0)
            summary.error_count += error_count
            if error_count:
                continue
            if kind == "reports":
                summary.reverts.extend(find_reverts(con, present, _earlier_upload(con, table.sha256) is not None))
            else:
                summary.warnings.extend(catalogue_changes(con, kind, present, table.file_name))
            staged = "incoming_reports" if kind == "reports" else "incoming"
            counts = merge(con, kind, staged, present, upload_id, now)
            for key, value in counts.items():
                setattr(file_summary, key, value)
            if kind == "units":
                _check_tree(con, table.file_name, summary)
            if kind == "reports":
                summary.warnings.extend(_parent_mismatches(con, table.file_name))
                _where_it_shows(con, summary)
        for file_summary in summary.files:
            for key in ("imported", "updated", "unchanged", "skipped"):
                setattr(summary, key, getattr(summary, key) + getattr(file_summary, key))
        _warn_repeated_file(con, tables, summary)
        if summary.reverts and not options.allow_revert:
            summary.needs_confirmation = not summary.error_count
            summary.add_error(Problem("; ".join(t.file_name for t in tables), None, None, None,
                                      f"Tệp đưa {format_count(len(summary.reverts))} số liệu về giá trị cũ, thay cho số "
                                      "đã được sửa ở lần nạp sau (xem danh sách). Chưa nạp khi chưa có xác nhận: nếu "
                                      "đúng là muốn dùng lại số cũ, hãy xác nhận rồi nạp lại."))
        if summary.error_count or options.dry_run:
            summary.status = "rejected" if summary.error_count else "dry-run"
            work.abandon()     # nothing of a dry run or a rejected file is kept
            return
        con.execute(
            "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', NULL, NULL)",
            [upload_id, "; ".join(t.file_name for t in tables), _combined_sha(tables),
             ",".join(sorted({t.header.kind for t in tables})), user, now, summary.imported, summary.updated,
             summary.unchanged, summary.skipped, len(summary.warnings)],
        )
        for document in options.documents:
            con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?)",
                        [upload_id, document.file_name, document.sha256, document.text_from, document.text])
    summary.status, summary.upload_id = "committed", upload_id


def _check_row_count(con, table, raw: str) -> None:
    count = con.execute(f"SELECT count(*) FROM {raw}").fetchone()[0]
    limit = MAX_ROWS[table.header.kind]
    if count > limit:
        raise FileProblem(f"{table.file_name}: tệp có {format_count(count)} dòng (kể cả dòng trống), quá giới hạn "
                          f"{format_count(limit)} dòng của một tệp {KIND_LABELS[table.header.kind]}. Hãy xóa các dòng "
                          "trống thừa hoặc chia thành nhiều tệp.")


def rollback_upload(upload_id: int, db: str | None = None, user: str | None = None,
                    account: Account | None = None) -> dict[str, int]:
    """Undo one upload in its own transaction; RollbackRefused says why when later data depends on it, or when
    the account may not: a unit account undoes only its own uploads, a viewer none."""
    user = account.username if account else unauthenticated(user)
    with connect(db) as con:
        _settle(db, con)
        if account is not None:
            _check_rollback_allowed(con, upload_id, account)
        publication = Publication(con, db)
        publication.touches(upload_id)       # before the rows it wrote are gone
        with transaction(con):
            counts = rollback(con, upload_id, user, dt.datetime.now().replace(microsecond=0))
        try:   # while the file is still ours; a line that cannot be written now is settled later
            log(db, user, RolledBack(upload_id, counts["removed"], counts["restored"]))
        except (DatabaseBusy, duckdb.Error):
            pass
        _publish(publication, None, Summary())      # the failure is logged; the dashboard publishes later
    return counts


def _settle(db, con) -> None:
    try:
        settle(db, con.execute(UPLOADS_SQL).fetchall())
    except (DatabaseBusy, duckdb.Error):   # the accounts file held for long: the next time
        pass


def _check_rollback_allowed(con, upload_id: int, account: Account) -> None:
    if not account.can_upload:
        raise RollbackRefused("Tài khoản chỉ xem không được hoàn tác lần nạp.")
    if account.role == "unit":
        row = con.execute("SELECT user_name FROM uploads WHERE id = ?", [upload_id]).fetchone()
        if row is not None and row[0] != account.username:
            raise RollbackRefused(f"Lần nạp số {upload_id} do tài khoản {row[0]} nạp; tài khoản đơn vị chỉ hoàn tác "
                                  "được lần nạp của chính mình. Hãy nhờ cán bộ tổng hợp.")


def _combined_sha(tables) -> str:
    if len(tables) == 1:
        return tables[0].sha256
    return hashlib.sha256("".join(t.sha256 for t in tables).encode()).hexdigest()


def _check_tree(con, file_name: str, summary: Summary) -> None:
    cyclic, deep = tree_problems(con)
    if cyclic:
        summary.add_error(Problem(file_name, None, "Mã đơn vị cấp trên", ", ".join(cyclic[:10]),
                                  "Các đơn vị này là cấp trên của nhau theo vòng tròn. Hãy sửa mã đơn vị cấp trên."))
        return
    if deep:
        summary.add_error(Problem(file_name, None, "Mã đơn vị cấp trên", ", ".join(deep[:10]),
                                  f"{format_count(len(deep))} đơn vị nằm sâu hơn {MAX_DEPTH} cấp dưới đơn vị cao nhất; "
                                  "cây tổ chức thật chỉ có vài cấp. Hãy sửa mã đơn vị cấp trên."))
        return
    rebuild_unit_tree(con)


def _where_it_shows(con, summary: Summary) -> None:
    """The occasions and the parent units whose figures the reports change, so a door can show them."""
    periods = [code for (code,) in con.execute(
        "SELECT i.period_code FROM incoming_reports i JOIN periods p ON p.code = i.period_code "
        "GROUP BY i.period_code ORDER BY min(p.start_date), 1").fetchall()]
    parents = [code for (code,) in con.execute(
        "SELECT DISTINCT u.parent_code FROM incoming_reports i JOIN units u ON u.code = i.unit_code "
        "WHERE u.parent_code IS NOT NULL ORDER BY 1 LIMIT 100").fetchall()]
    summary.periods += [c for c in periods if c not in summary.periods]
    summary.parents += [c for c in parents if c not in summary.parents]


def _earlier_upload(con, sha256: str):
    return con.execute("SELECT id, created_at FROM uploads WHERE status = 'committed' AND sha256 = ? ORDER BY id "
                       "LIMIT 1", [sha256]).fetchone()


def _warn_repeated_file(con, tables, summary: Summary) -> None:
    for table in tables:
        earlier = _earlier_upload(con, table.sha256)
        if earlier:
            summary.warnings.append(Problem(
                table.file_name, None, None, None,
                f"Tệp này đã được nạp ở lần nạp số {earlier[0]} ngày {earlier[1]:%d/%m/%Y}; "
                "các dòng không đổi được giữ nguyên, không tính hai lần."))


def _parent_mismatches(con, file_name: str) -> list[Problem]:
    """A unit's own report wins over its children's, but a difference is worth a look: the data-quality check,
    on the reports this file wrote and their parents."""
    rows = con.execute(
        f"""WITH touched AS (   -- the parents whose report or whose children's reports this file wrote
               SELECT DISTINCT i.unit_code, i.period_code, i.topic_code FROM incoming_reports i
               WHERE i.unit_code IN (SELECT parent_code FROM units)
               UNION SELECT DISTINCT u.parent_code, i.period_code, i.topic_code
               FROM incoming_reports i JOIN units u ON u.code = i.unit_code WHERE u.parent_code IS NOT NULL),
           picked AS (SELECT r.* FROM reports r JOIN touched t ON t.unit_code = r.unit_code
                      AND t.period_code = r.period_code AND t.topic_code IS NOT DISTINCT FROM r.topic_code),
           {failed_sql("picked", ("parent_mismatch",))}
           SELECT u.name, p.name, f.measure, f.value, f.reference
           FROM failed f JOIN units u ON u.code = f.unit_code JOIN periods p ON p.code = f.period_code
           ORDER BY 1, 2, 3 LIMIT 100"""
    ).fetchall()
    return [Problem(file_name, None, None, None,
                    f"{unit}, {period}: {detail('parent_mismatch', measure, value, reference)} Số của đơn vị được "
                    "dùng, không cộng hai lần.")
            for unit, period, measure, value, reference in rows]
