"""Accounts, roles and the audit trail, kept in the same DuckDB file as the figures.

Passwords are hashed with Argon2 (argon2-cffi); five wrong passwords in a row lock an account for 15 minutes.
The first admin is created from the command line, never from a default password."""
import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = {  # role -> what a user reads
    "admin": "Quản trị",
    "staff": "Cán bộ tổng hợp",
    "unit": "Đơn vị",
    "viewer": "Xem",
}
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
_HASHER = PasswordHasher()

SECURITY_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username VARCHAR PRIMARY KEY, full_name VARCHAR, role VARCHAR NOT NULL, unit_code VARCHAR,
    password_hash VARCHAR NOT NULL, active BOOLEAN NOT NULL, failed_logins INTEGER NOT NULL,
    locked_until TIMESTAMP, created_at TIMESTAMP NOT NULL, password_changed_at TIMESTAMP NOT NULL);
CREATE SEQUENCE IF NOT EXISTS audit_id;
CREATE TABLE IF NOT EXISTS audit (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_id'), happened_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL,
    action VARCHAR NOT NULL, detail VARCHAR);
"""
ACTIONS = {  # audit action -> what a user reads
    "account_created": "Tạo tài khoản", "password_changed": "Đổi mật khẩu", "account_disabled": "Khóa tài khoản",
    "account_enabled": "Mở khóa tài khoản", "login": "Đăng nhập", "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất", "upload": "Nạp tệp", "rollback": "Hoàn tác lần nạp", "export": "Xuất tệp",
}


class AccountError(ValueError):
    """A Vietnamese message saying what is wrong with an account request and what to do."""


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str | None
    role: str
    unit_code: str | None
    active: bool


def ensure_security_tables(con) -> None:
    con.execute(SECURITY_SCHEMA)


def record(con, user: str, action: str, detail: str = "", at: dt.datetime | None = None) -> None:
    """One line of the audit trail: who did what, when."""
    if action not in ACTIONS:
        raise ValueError(action)
    ensure_security_tables(con)
    con.execute("INSERT INTO audit (happened_at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                [at or dt.datetime.now().replace(microsecond=0), user, action, detail])


def _check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    if username.lower() in password.lower():
        raise AccountError("Mật khẩu không được chứa tên đăng nhập.")


def add_account(con, username: str, password: str, role: str, unit_code: str | None = None,
                full_name: str | None = None, by: str = "", now: dt.datetime | None = None) -> Account:
    ensure_security_tables(con)
    now = now or dt.datetime.now().replace(microsecond=0)
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise AccountError(f"Tên đăng nhập '{username}' không hợp lệ: dùng 3–32 chữ thường không dấu, số, dấu "
                           "chấm, gạch ngang hoặc gạch dưới, ví dụ 'xa.banxeo'.")
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không có. Chọn một trong: {', '.join(ROLES)}.")
    if role == "unit":
        if not unit_code:
            raise AccountError("Tài khoản đơn vị cần mã đơn vị (--unit), ví dụ --unit X-BX.")
        if not con.execute("SELECT count(*) FROM units WHERE code = ?", [unit_code]).fetchone()[0]:
            raise AccountError(f"Không có đơn vị mã {unit_code}. Xem mã trong danh mục đơn vị.")
    elif unit_code:
        raise AccountError("Chỉ tài khoản vai trò 'unit' mới gắn với một đơn vị.")
    if con.execute("SELECT count(*) FROM accounts WHERE username = ?", [username]).fetchone()[0]:
        raise AccountError(f"Tài khoản '{username}' đã có. Dùng lệnh đổi mật khẩu nếu cần.")
    _check_password(username, password)
    con.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, TRUE, 0, NULL, ?, ?)",
                [username, full_name, role, unit_code, _HASHER.hash(password), now, now])
    record(con, by or username, "account_created", f"{username} ({ROLES[role]}{', ' + unit_code if unit_code else ''})",
           now)
    return Account(username, full_name, role, unit_code, True)


def set_password(con, username: str, password: str, by: str = "", now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now().replace(microsecond=0)
    _existing(con, username)
    _check_password(username, password)
    con.execute("UPDATE accounts SET password_hash = ?, password_changed_at = ?, failed_logins = 0, "
                "locked_until = NULL WHERE username = ?", [_HASHER.hash(password), now, username])
    record(con, by or username, "password_changed", username, now)


def set_active(con, username: str, active: bool, by: str = "", now: dt.datetime | None = None) -> None:
    _existing(con, username)
    con.execute("UPDATE accounts SET active = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                [active, username])
    record(con, by or username, "account_enabled" if active else "account_disabled", username, now)


def _existing(con, username: str) -> None:
    ensure_security_tables(con)
    if not con.execute("SELECT count(*) FROM accounts WHERE username = ?", [username]).fetchone()[0]:
        raise AccountError(f"Không có tài khoản '{username}'.")


def authenticate(con, username: str, password: str, now: dt.datetime | None = None) -> Account:
    """The account if the password is right; otherwise AccountError, with the same words whether the name or
    the password was wrong. Wrong passwords are counted; the fifth in a row locks the account for a while."""
    ensure_security_tables(con)
    now = now or dt.datetime.now().replace(microsecond=0)
    username = username.strip().lower()
    row = con.execute("SELECT full_name, role, unit_code, password_hash, active, failed_logins, locked_until "
                      "FROM accounts WHERE username = ?", [username]).fetchone()
    wrong = AccountError("Sai tên đăng nhập hoặc mật khẩu.")
    if row is None:
        _HASHER.hash(password)   # as slow as a real check, so timing does not tell which names exist
        record(con, username or "?", "login_failed", "không có tài khoản", now)
        raise wrong
    full_name, role, unit_code, password_hash, active, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        record(con, username, "login_failed", "đang tạm khóa", now)
        raise AccountError(f"Tài khoản tạm khóa đến {locked_until:%H:%M %d/%m/%Y} vì nhập sai mật khẩu "
                           f"{MAX_FAILURES} lần. Hãy thử lại sau hoặc nhờ quản trị đặt lại mật khẩu.")
    if not active:
        record(con, username, "login_failed", "tài khoản đã khóa", now)
        raise AccountError("Tài khoản đã bị khóa. Hãy liên hệ quản trị.")
    try:
        _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        failures += 1
        lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        con.execute("UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE username = ?",
                    [0 if lock else failures, lock, username])
        record(con, username, "login_failed", f"sai mật khẩu lần {failures}", now)
        raise wrong from None
    con.execute("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = ?", [username])
    record(con, username, "login", "", now)
    return Account(username, full_name, role, unit_code, True)


def accounts(con) -> list[dict]:
    ensure_security_tables(con)
    cursor = con.execute("SELECT username, full_name, role, unit_code, active, locked_until, created_at "
                         "FROM accounts ORDER BY username")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
