"""`account`: add, list, change the password of, lock and unlock user accounts; make the first admin."""
import getpass
import sys

from analytics.catalog import units_by_code
from cli.login import read_password
from common.db import connect, db_path
from security import AccountError
from security.accounts import ROLES, accounts, add_account, has_accounts, set_active, set_password, unit_dates_warning
from security.store import open_accounts


def add_account_command(commands) -> None:
    account = commands.add_parser("account", help="tài khoản người dùng (quản trị)")
    account.add_argument("action", choices=list(ACTIONS))
    account.add_argument("username", nargs="?")
    account.add_argument("--db")
    account.add_argument("--role", choices=list(ROLES), help="admin, staff (cán bộ tổng hợp), unit, viewer")
    account.add_argument("--unit", help="mã đơn vị của tài khoản vai trò unit")
    account.add_argument("--name", help="họ tên")
    account.add_argument("--email", help="địa chỉ thư, để đăng nhập qua cổng xác thực của tỉnh (st.login)")
    account.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")
    account.add_argument("--by", help="người thực hiện (mặc định: người dùng hệ điều hành)")
    account.set_defaults(handler=account_command)


def account_command(args) -> int:
    try:
        if args.action not in ("list", "first-admin") and not args.username:
            raise AccountError("Cần tên đăng nhập, ví dụ: python -m etl account add quantri --role admin")
        with open_accounts(args.db) as con:
            return ACTIONS[args.action](con, args, args.by or getpass.getuser())
    except AccountError as problem:
        print(f"Không thực hiện được: {problem}", file=sys.stderr)
        return 1


def _units(db) -> dict[str, dict]:
    """Accounts may be made before the report database exists; a unit account then names no known unit."""
    if not db_path(db).exists():
        return {}
    with connect(db, read_only=True) as con:
        return units_by_code(con)


def _first_admin(con, args, by: str) -> int:
    """`make run` asks for the first admin's password on a terminal, again until it is valid; later starts say
    nothing."""
    if has_accounts(con):
        return 0
    if not args.password_stdin and not sys.stdin.isatty():
        raise AccountError("Chưa có tài khoản nào. Hãy tạo tài khoản quản trị: python -m etl account add quantri "
                           "--role admin")
    username = (args.username or "quantri").strip().lower()
    print(f"Chưa có tài khoản nào. Tạo tài khoản quản trị '{username}'.")
    add_account(con, username, read_password(args, username), "admin", full_name=args.name, by=by, email=args.email)
    print(f"Đã tạo tài khoản {username}. Mở http://localhost:8501 và đăng nhập bằng tài khoản này.")
    return 0


def _list(con, args, by: str) -> int:
    for row in accounts(con):
        state = "đang dùng" if row["active"] else "đã khóa"
        print(f"{row['username']}  {ROLES[row['role']]}  {row['unit_code'] or ''}  {row['full_name'] or ''}  "
              f"{row['email'] or ''}  [{state}]")
    return 0


def _add(con, args, by: str) -> int:
    if not args.role:
        raise AccountError("Cần vai trò: --role admin | staff | unit | viewer.")
    units = _units(args.db) if args.role == "unit" else {}
    made = add_account(con, args.username, read_password(args, args.username), args.role, unit_code=args.unit,
                       full_name=args.name, by=by, units=units, email=args.email)
    print(f"Đã tạo tài khoản {made.username} ({ROLES[made.role]}).")
    warning = unit_dates_warning(units[made.unit_code]) if made.unit_code else None
    if warning:
        print(warning)
    return 0


def _password(con, args, by: str) -> int:
    set_password(con, args.username, read_password(args, args.username), by)
    print(f"Đã đổi mật khẩu của {args.username}.")
    return 0


def _active(con, args, by: str) -> int:
    enable = args.action == "enable"
    set_active(con, args.username, enable, by)
    print(f"Đã {'mở khóa' if enable else 'khóa'} tài khoản {args.username}.")
    return 0


ACTIONS = {"add": _add, "list": _list, "password": _password, "disable": _active, "enable": _active,   # --help order
           "first-admin": _first_admin}
