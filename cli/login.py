"""Who runs a command: the account named by --account after its password, and passwords typed on a terminal."""
import functools
import getpass
import sys

from security import AccountError
from security.passwords import PASSWORD_RULES, check_password
from security.sessions import authenticate
from security.store import open_accounts

PASSWORD_ATTEMPTS = 5   # on a terminal; then the command stops, so a script left waiting does not loop forever


def add_account_options(command) -> None:
    command.add_argument("--account", help="tài khoản thực hiện: áp quyền và phạm vi của tài khoản; hỏi mật khẩu")
    command.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")


def with_account(handler):
    """The handler runs with the account of --account (None without one); a wrong password stops the command."""
    @functools.wraps(handler)
    def logged_in(args) -> int:
        try:
            account = _login(args)
        except AccountError as problem:
            print(f"Không đăng nhập được: {problem}", file=sys.stderr)
            return 1
        return handler(args, account)
    return logged_in


def _login(args):
    if not args.account:
        return None
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Mật khẩu: ")
    with open_accounts(args.db) as con:
        return authenticate(con, args.account, password)


def read_password(args, username: str) -> str:
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
