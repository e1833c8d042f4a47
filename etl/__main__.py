"""Command line: python -m etl init | load | template | stats | rollback | uploads | export | report-settings |
account."""
import argparse
import datetime as dt
import getpass
import json
import sys

from pathlib import Path

from analytics.export import FORMATS
from analytics.labels import Targets, judged
from analytics.queries import GROUPINGS, Filters, stats
from analytics.report import ReportSettings, settings_path
from security.passwords import PASSWORD_RULES, check_password
from security.accounts import ROLES, accounts, add_account, set_active, set_password, unit_dates_warning
from security import AccountError
from security.sessions import authenticate
from security.audit import log
from security.store import open_accounts
from etl.fields import KINDS
from etl.loader import LoadOptions, create_schema_if_missing, load_files, rollback_upload
from common.db import DatabaseBusy, connect, db_path
from etl.scratch import clean_leftovers
from etl.store import RollbackRefused
from etl.templates import write_template
from common.text import printable
from common.formats import format_count, format_percent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Nạp báo cáo sinh hoạt chính trị vào DuckDB.")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="tạo cơ sở dữ liệu")
    init.add_argument("--db")
    init.add_argument("--demo", action="store_true", help="nạp thêm dữ liệu tỉnh mẫu")

    load = commands.add_parser("load", help="nạp tệp CSV/Excel")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--db")
    load.add_argument("--kind", choices=list(KINDS))
    load.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    load.add_argument("--allow-revert", action="store_true",
                      help="đồng ý cho tệp đưa số liệu về giá trị cũ mà một lần nạp sau đã sửa")
    load.add_argument("--user")
    _account_options(load)
    load.add_argument("--json", action="store_true")

    template = commands.add_parser("template", help="tạo tệp mẫu trống")
    template.add_argument("kind", choices=list(KINDS))
    template.add_argument("-o", "--output")

    stat = commands.add_parser("stats", help="số liệu tổng hợp như trên bảng điều khiển")
    stat.add_argument("--db")
    stat.add_argument("--by", choices=GROUPINGS, default="unit")
    stat.add_argument("--parent")
    stat.add_argument("--period", action="append", default=[])
    stat.add_argument("--topic", action="append", default=[])
    stat.add_argument("--plan")
    stat.add_argument("--as-of", type=dt.date.fromisoformat)
    stat.add_argument("--date", type=dt.date.fromisoformat,
                      help="ngày xét báo cáo quá hạn hay chưa đến hạn (mặc định: hôm nay)")
    stat.add_argument("--cell-target", type=int, default=100, help="chỉ tiêu chi bộ sinh hoạt, %%")
    stat.add_argument("--member-target", type=int, default=95, help="chỉ tiêu đảng viên tham gia, %%")
    stat.add_argument("--json", action="store_true")

    undo = commands.add_parser("rollback", help="hoàn tác một lần nạp")
    undo.add_argument("upload_id", type=int)
    undo.add_argument("--db")
    undo.add_argument("--user")
    _account_options(undo)

    history = commands.add_parser("uploads", help="lịch sử các lần nạp")
    history.add_argument("--db")

    export = commands.add_parser("export", help="xuất báo cáo Word/PDF, bảng Excel/CSV, ảnh biểu đồ")
    export.add_argument("--db")
    export.add_argument("-o", "--output", help="thư mục ghi tệp (mặc định: bao-cao-<ngày>)")
    export.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="định dạng cần xuất, lặp lại được (mặc định: docx, pdf, xlsx)")
    export.add_argument("--parent", help="mã đơn vị (mặc định: cấp cao nhất)")
    export.add_argument("--period", action="append", default=[], help="mã đợt (mặc định: đợt gần nhất đã bắt đầu)")
    export.add_argument("--topic", action="append", default=[])
    export.add_argument("--plan")
    export.add_argument("--as-of", type=dt.date.fromisoformat, help="cây tổ chức tính đến ngày (YYYY-MM-DD)")
    export.add_argument("--date", type=dt.date.fromisoformat, help="ngày của báo cáo (mặc định: hôm nay)")
    export.add_argument("--cell-target", type=int, default=100, help="chỉ tiêu chi bộ sinh hoạt, %%")
    export.add_argument("--member-target", type=int, default=95, help="chỉ tiêu đảng viên tham gia, %%")
    export.add_argument("--annex", action="store_true", help="thêm phụ lục biểu đồ từng đơn vị trực thuộc")

    account = commands.add_parser("account", help="tài khoản người dùng (quản trị)")
    account.add_argument("action", choices=["add", "list", "password", "disable", "enable", "first-admin"])
    account.add_argument("username", nargs="?")
    account.add_argument("--db")
    account.add_argument("--role", choices=list(ROLES), help="admin, staff (cán bộ tổng hợp), unit, viewer")
    account.add_argument("--unit", help="mã đơn vị của tài khoản vai trò unit")
    account.add_argument("--name", help="họ tên")
    account.add_argument("--email", help="địa chỉ thư, để đăng nhập qua cổng xác thực của tỉnh (st.login)")
    account.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")
    account.add_argument("--by", help="người thực hiện (mặc định: người dùng hệ điều hành)")

    setting = commands.add_parser("report-settings", help="thông tin cơ quan ban hành báo cáo (nhập một lần)")
    setting.add_argument("--db")
    for name, label in ReportSettings.LABELS.items():
        setting.add_argument(f"--{name.replace('_', '-')}", help=label)
    setting.add_argument("--recipient", action="append", help="nơi nhận, lặp lại cho từng nơi")
    return parser


def _account_options(command) -> None:
    command.add_argument("--account", help="tài khoản thực hiện: áp quyền và phạm vi của tài khoản; hỏi mật khẩu")
    command.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")


def _login(args):
    """The account named by --account, after its password; None when the command runs without one."""
    if not args.account:
        return None
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Mật khẩu: ")
    with open_accounts(args.db) as con:
        return authenticate(con, args.account, password)


def _export(args) -> int:
    from analytics.export import write_exports
    from analytics.images import ChartRenderer, ExportError
    from analytics.view import UnknownCode, describe

    today = args.date or dt.date.today()
    targets = Targets(cells=args.cell_target / 100, members=args.member_target / 100)
    folder = Path(args.output or f"bao-cao-{today:%d-%m-%Y}")
    renderer = ChartRenderer()
    try:
        with connect(args.db, read_only=True) as con:
            view = describe(con, args.parent, tuple(args.period), tuple(args.topic), args.plan, args.as_of, targets,
                            today)
            settings = ReportSettings.load(settings_path(args.db))
            written = write_exports(con, view, settings, folder, tuple(args.formats or ("docx", "pdf", "xlsx")),
                                    renderer, args.annex)
    except (UnknownCode, ExportError) as problem:
        print(f"Không xuất được: {problem}", file=sys.stderr)
        return 1
    finally:
        renderer.close()
    print(f"Báo cáo: {view.caption()}")
    missing = settings.missing()
    if missing:
        print(f"Chưa nhập: {', '.join(missing)} (python -m etl report-settings --help).")
    for path in written:
        print(f"  {path}")
    log(args.db, getpass.getuser(), "export",
        f"dòng lệnh: {', '.join(path.name for path in written)} — {view.caption()}")
    return 0


PASSWORD_ATTEMPTS = 5   # on a terminal; then the command stops, so a script left waiting does not loop forever


def _read_password(args, username: str) -> str:
    """From stdin's first line, as it comes (add_account judges it); on a terminal, asked again with what was
    wrong until it keeps the rules and is typed the same twice."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    print(f"Yêu cầu mật khẩu: {PASSWORD_RULES} ('{username.strip().lower()}').")
    for attempt in range(1, PASSWORD_ATTEMPTS + 1):
        try:
            first = getpass.getpass("Mật khẩu: ")
            check_password(username, first)
            if getpass.getpass("Nhập lại mật khẩu: ") != first:
                raise AccountError("Hai lần nhập mật khẩu không khớp.")
            return first
        except AccountError as problem:
            last = problem
            if attempt < PASSWORD_ATTEMPTS:
                print(f"{problem} Hãy nhập lại (lần {attempt + 1}/{PASSWORD_ATTEMPTS}).")
    raise AccountError(f"Sau {PASSWORD_ATTEMPTS} lần nhập, mật khẩu vẫn chưa hợp lệ ({str(last).rstrip('.')}). "
                       "Chưa thay đổi gì; hãy chạy lại lệnh.")


def _units(db) -> dict[str, dict]:
    """Code -> name and dates of every unit of the report database: to check a unit account's code and warn when
    its unit has ended."""
    if not db_path(db).exists():
        return {}
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT code, name, valid_from, valid_to FROM units").fetchall()
    return {code: {"name": name, "valid_from": start, "valid_to": end} for code, name, start, end in rows}


def _first_admin(con, args, by: str) -> int:
    """`make run` asks for the first admin's password on a terminal, again until it is valid; later starts say
    nothing."""
    if con.execute("SELECT count(*) FROM accounts").fetchone()[0]:
        return 0
    if not args.password_stdin and not sys.stdin.isatty():
        raise AccountError("Chưa có tài khoản nào. Hãy tạo tài khoản quản trị: python -m etl account add quantri "
                           "--role admin")
    username = (args.username or "quantri").strip().lower()
    print(f"Chưa có tài khoản nào. Tạo tài khoản quản trị '{username}'.")
    add_account(con, username, _read_password(args, username), "admin", full_name=args.name, by=by,
                email=args.email)
    print(f"Đã tạo tài khoản {username}. Mở http://localhost:8501 và đăng nhập bằng tài khoản này.")
    return 0


def _account(args) -> int:
    by = args.by or getpass.getuser()
    try:
        if args.action not in ("list", "first-admin") and not args.username:
            raise AccountError("Cần tên đăng nhập, ví dụ: python -m etl account add quantri --role admin")
        units = _units(args.db) if args.action == "add" and args.role == "unit" else {}
        with open_accounts(args.db) as con:
            if args.action == "first-admin":
                return _first_admin(con, args, by)
            if args.action == "list":
                for row in accounts(con):
                    state = "đang dùng" if row["active"] else "đã khóa"
                    print(f"{row['username']}  {ROLES[row['role']]}  {row['unit_code'] or ''}  "
                          f"{row['full_name'] or ''}  {row['email'] or ''}  [{state}]")
                return 0
            if args.action == "add":
                if not args.role:
                    raise AccountError("Cần vai trò: --role admin | staff | unit | viewer.")
                made = add_account(con, args.username, _read_password(args, args.username), args.role,
                                   unit_code=args.unit, full_name=args.name, by=by, units=units, email=args.email)
                print(f"Đã tạo tài khoản {made.username} ({ROLES[made.role]}).")
                warning = unit_dates_warning(units[made.unit_code]) if made.unit_code else None
                if warning:
                    print(warning)
            elif args.action == "password":
                set_password(con, args.username, _read_password(args, args.username), by)
                print(f"Đã đổi mật khẩu của {args.username}.")
            else:
                set_active(con, args.username, args.action == "enable", by)
                print(f"Đã {'mở khóa' if args.action == 'enable' else 'khóa'} tài khoản {args.username}.")
    except AccountError as problem:
        print(f"Không thực hiện được: {problem}", file=sys.stderr)
        return 1
    return 0


def _report_settings(args) -> int:
    path = settings_path(args.db)
    settings = ReportSettings.load(path)
    changed = False
    for name in ReportSettings.LABELS:
        value = getattr(args, name)
        if value is not None:
            setattr(settings, name, value.strip())
            changed = True
    if args.recipient:
        settings.recipients = [r.strip() for r in args.recipient if r.strip()]
        changed = True
    if changed:
        settings.save(path)
        log(args.db, getpass.getuser(), "settings_changed", f"dòng lệnh: {settings.summary()}")
        print(f"Đã lưu {path}")
    for name, label in ReportSettings.LABELS.items():
        print(f"{label}: {getattr(settings, name) or '(chưa nhập)'}")
    print("Nơi nhận: " + "; ".join(settings.recipients))
    return 0


CLI_HINTS = {"template": "Tạo tệp mẫu: python -m etl template reports -o mau.xlsx (hoặc units, periods, topics)."}


def _print_summary(summary) -> None:
    labels = {"committed": "Đã nạp", "dry-run": "Chạy thử (chưa ghi gì)", "rejected": "Bị từ chối, không ghi gì"}
    print(f"{labels[summary.status]}"
          + (f" — lần nạp số {summary.upload_id}" if summary.upload_id else ""))
    for f in summary.files:
        print(f"  {f.file}: thêm {format_count(f.imported)}, cập nhật {format_count(f.updated)}, "
              f"không đổi {format_count(f.unchanged)}, bỏ qua {format_count(f.skipped)}")
    if summary.error_count:
        print(f"Lỗi ({format_count(summary.error_count)}):")
        for problem in summary.errors:
            print(f"  {problem}" + (f" {CLI_HINTS[problem.hint]}" if problem.hint else ""))
        if summary.error_count > len(summary.errors):
            print(f"  … và {format_count(summary.error_count - len(summary.errors))} lỗi khác")
    if summary.warnings:
        print(f"Cảnh báo ({format_count(len(summary.warnings))}):")
        for problem in summary.warnings:
            print(f"  {problem}")
    if summary.skipped_rows:
        print(f"Dòng bỏ qua ({format_count(summary.skipped)}):")
        for problem in summary.skipped_rows:
            print(f"  {problem}")
    blocking = [f.file for f in summary.files if f.errors]
    if summary.status == "rejected" and blocking and len(blocking) < len(summary.files):
        good = [f.file for f in summary.files if not f.errors]
        print(f"Tệp có lỗi làm cả lần nạp không được ghi: {', '.join(blocking)}. Muốn nạp riêng các tệp không lỗi, "
              f"chạy lại lệnh chỉ với: {' '.join(good)}")
    if summary.reverts:
        print(f"Số liệu đưa về giá trị cũ ({format_count(len(summary.reverts))}):")
        for revert in summary.reverts:
            print(f"  {revert}")
        if summary.needs_confirmation:
            print("Nếu đúng là muốn dùng lại các số cũ này, chạy lại lệnh với --allow-revert.")


def _unknown_codes(con, filters: Filters) -> str | None:
    asked = [("units", "đơn vị", [filters.parent] if filters.parent else []),
             ("periods", "đợt", list(filters.periods)), ("topics", "chuyên đề", list(filters.topics))]
    for table, label, codes in asked:
        for code in codes:
            if not con.execute(f"SELECT count(*) FROM {table} WHERE code = ?", [code]).fetchone()[0]:
                return f"{label} mã {code}"
    if filters.plan and not con.execute("SELECT count(*) FROM plans WHERE code = ?", [filters.plan]).fetchone()[0]:
        return f"kế hoạch {filters.plan}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "init":
        from etl.demo import load_demo   # the generator is only needed here

        with connect(args.db) as con:
            create_schema_if_missing(con)
        print(f"Đã tạo cơ sở dữ liệu {db_path(args.db)}")
        if args.demo:
            summary = load_demo(args.db)
            print(f"Đã nạp tỉnh mẫu: {format_count(summary.imported)} dòng, {format_count(summary.updated)} dòng sửa.")
        return 0
    if args.command in ("load", "rollback"):
        try:
            account = _login(args)
        except AccountError as problem:
            print(f"Không đăng nhập được: {problem}", file=sys.stderr)
            return 1
    if args.command == "load":
        summary = load_files(args.files, LoadOptions(args.db, args.kind, args.dry_run, args.user, account=account,
                                                     allow_revert=args.allow_revert))
        if args.json:
            print(json.dumps(summary.as_dict(), ensure_ascii=False, default=str))
        else:
            _print_summary(summary)
        return 1 if summary.status == "rejected" else 0
    if args.command == "template":
        default = {"units": "mau_don_vi.csv", "periods": "mau_dot.csv", "topics": "mau_chuyen_de.csv",
                   "reports": "mau_bao_cao.csv"}[args.kind]
        path = write_template(args.kind, args.output or default)
        print(f"Đã tạo tệp mẫu {path}")
        return 0
    if args.command == "stats":
        filters = Filters(args.parent, tuple(args.period), tuple(args.topic), args.plan, args.as_of)
        with connect(args.db, read_only=True) as con:
            unknown = _unknown_codes(con, filters)
            if unknown:
                print(f"Không có {unknown}. Hãy dùng mã như trong danh mục (python -m etl stats --by unit).",
                      file=sys.stderr)
                return 1
            targets = Targets(cells=args.cell_target / 100, members=args.member_target / 100)
            rows = judged(stats(con, args.by, filters, args.date or dt.date.today()), targets)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, default=float))
            return 0
        for row in rows:
            name = f"{row['group']} — {row['group2']}" if "group2" in row else row["group"]
            print(f"{name}: {format_count(row['cells_held']) or '—'}/{format_count(row['cells_expected']) or '—'} "
                  f"chi bộ ({format_percent(row['cell_rate']) or '—'}), "
                  f"{format_count(row['members_participating']) or '—'}/{format_count(row['members_eligible']) or '—'} "
                  f"đảng viên ({format_percent(row['member_rate']) or '—'}), "
                  f"báo cáo {row['reports_received']}/{row['reports_expected']}, đúng hạn {row['reports_on_time']}"
                  f" — {row['status_name']}" + (f" ({row['status_note']})" if row["status_note"] else ""))
        return 0
    if args.command == "rollback":
        try:
            counts = rollback_upload(args.upload_id, args.db, args.user, account)
        except RollbackRefused as refused:
            print(f"Không hoàn tác được: {refused}", file=sys.stderr)
            return 1
        print(f"Đã hoàn tác lần nạp số {args.upload_id}: xóa {format_count(counts['removed'])} dòng, "
              f"khôi phục {format_count(counts['restored'])} dòng.")
        return 0
    if args.command == "export":
        return _export(args)
    if args.command == "report-settings":
        return _report_settings(args)
    if args.command == "account":
        return _account(args)
    if args.command == "uploads":
        with connect(args.db, read_only=True) as con:
            for row in con.execute(
                "SELECT id, created_at, user_name, file_name, imported, updated, unchanged, skipped, status "
                "FROM uploads ORDER BY id").fetchall():
                print(f"{row[0]:>4}  {row[1]:%d/%m/%Y %H:%M}  {row[2]}  {row[3]}  thêm {row[4]}, sửa {row[5]}, "
                      f"không đổi {row[6]}, bỏ qua {row[7]}  [{row[8]}]")
        return 0
    return 2


class _Printable:
    """A terminal stream that drops control codes from what it echoes: a cell or file name holding an escape
    sequence can neither clear the screen nor draw a fake message."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def run() -> int:
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)
    clean_leftovers()
    try:
        return main()
    except DatabaseBusy as busy:
        print(str(busy), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
