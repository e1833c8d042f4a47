"""Accounts, login sessions and the audit trail, in a small DuckDB file beside the figures.

They live apart from the report database (`data/dashboard.duckdb` -> `data/dashboard.accounts.duckdb`): a login
or an export writes a line to the trail, and writing into the report file would make every dashboard session
copy the figures again. The file is readable by the server's user only. Passwords are hashed with Argon2
(argon2-cffi), a few computations at a time (etl.throttle). The first admin is created from the command line,
never from a default password."""
import datetime as dt
import functools
import hashlib
import logging
import os
import re
import secrets
import threading
from collections.abc import Container, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from common.db import connect, db_path
from etl.throttle import BUSY_WAIT, CHECKS, LOGINS

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
    username VARCHAR PRIMARY KEY, full_name VARCHAR, role VARCHAR NOT NULL, unit_code VARCHAR, email VARCHAR,
    password_hash VARCHAR NOT NULL, active BOOLEAN NOT NULL, failed_logins INTEGER NOT NULL,
    locked_until TIMESTAMP, created_at TIMESTAMP NOT NULL, password_changed_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL, ended_at TIMESTAMP);
CREATE SEQUENCE IF NOT EXISTS audit_id;
CREATE TABLE IF NOT EXISTS audit (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_id'), happened_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL,
    action VARCHAR NOT NULL, detail VARCHAR);
"""
ACTIONS = {  # audit action -> what a user reads
    "account_created": "Tạo tài khoản", "password_changed": "Đổi mật khẩu", "account_disabled": "Khóa tài khoản",
    "account_enabled": "Mở khóa tài khoản", "login": "Đăng nhập", "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất", "upload": "Nạp tệp", "correction": "Nạp sửa số liệu",
    "upload_rejected": "Nạp tệp bị từ chối", "rollback": "Hoàn tác lần nạp", "export": "Xuất tệp",
    "settings_changed": "Sửa thông tin cơ quan ban hành",
}


class AccountError(ValueError):
    """A Vietnamese message saying what is wrong with an account request and what to do."""


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str | None
    role: str
    unit_code: str | None = None
    email: str | None = None

    @property
    def scope(self) -> str | None:
        """The unit whose subtree a unit account sees and loads; None for everybody else."""
        return self.unit_code if self.role == "unit" else None

    @property
    def can_upload(self) -> bool:
        return self.role in ("admin", "staff", "unit")

    @property
    def can_load_catalogue(self) -> bool:   # units, occasions and topics: the plan itself
        return self.role == "admin"

    @property
    def can_download(self) -> bool:
        return self.role != "viewer"

    @property
    def can_write_report(self) -> bool:
        return self.role in ("admin", "staff")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_name(self) -> str:
        return ROLES[self.role]


def security_path(db: str | Path | None = None) -> Path:
    return db_path(str(db) if db else None).with_suffix(".accounts.duckdb")


_UMASK = threading.Lock()


def _private(path: Path) -> None:
    """Hashes, sessions and the trail are for the server's user only (issue 12, item 9). DuckDB creates its files
    with the process umask, so the first creation runs under 077; a file an older version left readable by
    others is made 0600, and the log says so."""
    if not path.exists():
        with _UMASK:    # the umask belongs to the whole process: changed only while DuckDB creates the file
            previous = os.umask(0o077)
            try:
                with connect(path) as con:
                    con.execute(SECURITY_SCHEMA)
            finally:
                os.umask(previous)
    for file in (path, path.with_name(path.name + ".wal")):
        with suppress(FileNotFoundError):     # a write-ahead log comes and goes
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
                logging.getLogger("accounts").warning("Tệp %s cho người khác đọc được; đã đặt lại quyền 0600.", file)


@contextmanager
def open_accounts(db: str | Path | None = None):
    """The accounts file of the database `db` (default: the dashboard's), tables created on first use."""
    path = security_path(db)
    _private(path)
    with connect(path) as con:
        # a commit goes straight into the 0600 file: a write-ahead log would be created with the process umask
        con.execute("SET wal_autocheckpoint = '0KB'; SET auto_checkpoint_skip_wal_threshold = 0")
        con.execute(SECURITY_SCHEMA)
        yield con


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def record(con, user: str, action: str, detail: str = "", at: dt.datetime | None = None) -> None:
    """One line of the audit trail: who did what, when."""
    if action not in ACTIONS:
        raise ValueError(action)
    con.execute("INSERT INTO audit (happened_at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                [at or _now(), user, action, detail])


def log(db: str | Path | None, user: str, action: str, detail: str = "") -> None:
    """`record` through its own short connection, for callers that hold none."""
    with open_accounts(db) as con:
        record(con, user, action, detail)


# What `check_password` enforces, in the words the command line and the Tài khoản page show before asking.
PASSWORD_RULES = f"ít nhất {MIN_PASSWORD} ký tự, không chứa tên đăng nhập"


def check_password(username: str, password: str) -> None:
    """AccountError saying which of PASSWORD_RULES the password breaks."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    if username.strip().lower() in password.lower():
        raise AccountError("Mật khẩu không được chứa tên đăng nhập.")


BUSY = "Hệ thống đang bận, hãy thử lại sau ít phút."


def _argon2(compute):
    """One Argon2 computation, never more than etl.throttle.CONCURRENT_CHECKS at once in this process."""
    if not CHECKS.acquire(timeout=BUSY_WAIT):
        raise AccountError(BUSY)
    try:
        return compute()
    finally:
        CHECKS.release()


def _hash(password: str) -> str:
    return _argon2(lambda: _HASHER.hash(password))


@functools.cache
def _stand_in_hash() -> str:
    """What a name without an account is checked against, so that it costs what a real check costs."""
    return _hash(secrets.token_urlsafe(16))


def _matches(password_hash: str, password: str) -> bool:
    def verify() -> bool:
        try:
            return _HASHER.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
    return _argon2(verify)


LAST_DISTRICT_DAY = dt.date(2025, 6, 30)   # the district level ended with the 2025 reform


def unit_dates_warning(unit: Mapping, today: dt.date | None = None) -> str | None:
    """A unit account for a unit that has ended or not yet begun is legitimate (its history), but it sees the
    tree of its unit's own dates, not today's: what to tell the admin who creates it. `unit` holds name,
    valid_from and valid_to, as in the units table."""
    today = today or dt.date.today()
    if unit["valid_to"] is not None and unit["valid_to"] < today:
        reform = " (sắp xếp lại tổ chức, bỏ cấp huyện)" if unit["valid_to"] == LAST_DISTRICT_DAY else ""
        return (f"Lưu ý: {unit['name']} đã kết thúc hoạt động ngày {unit['valid_to']:%d/%m/%Y}{reform}. Tài khoản "
                "này sẽ xem số liệu theo cây tổ chức đến ngày đó.")
    if unit["valid_from"] is not None and unit["valid_from"] > today:
        return (f"Lưu ý: {unit['name']} bắt đầu hoạt động từ ngày {unit['valid_from']:%d/%m/%Y}. Tài khoản này sẽ "
                "xem số liệu theo cây tổ chức từ ngày đó.")
    return None


def add_account(con, username: str, password: str, role: str, unit_code: str | None = None,
                full_name: str | None = None, by: str = "", now: dt.datetime | None = None,
                units: Container[str] = (), email: str | None = None) -> Account:
    """A new account; `units` holds the unit codes of the report database (or maps them to the units' rows, as
    the callers that warn with `unit_dates_warning` have them), to check a unit account's code."""
    now = now or _now()
    username = username.strip().lower()
    email = (email or "").strip().lower() or None
    if not _USERNAME.match(username):
        raise AccountError(f"Tên đăng nhập '{username}' không hợp lệ: dùng 3–32 chữ thường không dấu, số, dấu "
                           "chấm, gạch ngang hoặc gạch dưới, ví dụ 'xa.banxeo'.")
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không có. Chọn một trong: {', '.join(ROLES)}.")
    if role == "unit":
        if not unit_code:
            raise AccountError("Tài khoản đơn vị cần chọn đơn vị của nó (trên dòng lệnh: --unit MÃ, ví dụ --unit X-BX).")
        if unit_code not in units:
            raise AccountError(f"Không có đơn vị mã {unit_code}. Xem mã trong danh mục đơn vị.")
    elif unit_code:
        raise AccountError("Chỉ tài khoản vai trò 'unit' mới gắn với một đơn vị.")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise AccountError(f"Địa chỉ thư '{email}' không hợp lệ.")
    if con.execute("SELECT count(*) FROM accounts WHERE username = ?", [username]).fetchone()[0]:
        raise AccountError(f"Tài khoản '{username}' đã có. Dùng lệnh đổi mật khẩu nếu cần.")
    if email and con.execute("SELECT count(*) FROM accounts WHERE email = ?", [email]).fetchone()[0]:
        raise AccountError(f"Địa chỉ thư {email} đã gắn với tài khoản khác.")
    check_password(username, password)
    con.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, NULL, ?, ?)",
                [username, full_name, role, unit_code, email, _hash(password), now, now])
    record(con, by or username, "account_created", f"{username} ({ROLES[role]}{', ' + unit_code if unit_code else ''})",
           now)
    return Account(username, full_name, role, unit_code, email)


def set_password(con, username: str, password: str, by: str = "", now: dt.datetime | None = None) -> None:
    """A new password ends every open session of the account."""
    now = now or _now()
    _existing(con, username)
    check_password(username, password)
    con.execute("UPDATE accounts SET password_hash = ?, password_changed_at = ?, failed_logins = 0, "
                "locked_until = NULL WHERE username = ?", [_hash(password), now, username])
    _end_sessions(con, username, now)
    record(con, by or username, "password_changed", username, now)


def set_active(con, username: str, active: bool, by: str = "", now: dt.datetime | None = None) -> None:
    now = now or _now()
    _existing(con, username)
    con.execute("UPDATE accounts SET active = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                [active, username])
    if not active:
        _end_sessions(con, username, now)
    record(con, by or username, "account_enabled" if active else "account_disabled", username, now)


def _existing(con, username: str) -> None:
    if not con.execute("SELECT count(*) FROM accounts WHERE username = ?", [username]).fetchone()[0]:
        raise AccountError(f"Không có tài khoản '{username}'.")


WRONG = "Sai tên đăng nhập hoặc mật khẩu."
_BOOKKEEPING = threading.Lock()     # two threads updating one row of a DuckDB file conflict
_FAILURES: dict[tuple[str, str], tuple[dt.datetime, int]] = {}   # (name, detail) -> first of the minute, count


def authenticate(con, username: str, password: str, now: dt.datetime | None = None,
                 address: str | None = None) -> Account:
    """The account if the password is right; otherwise AccountError.

    Every failure looks the same from outside (issue 12, item 8): an unknown name, a wrong password, a locked or
    a disabled account each cost one Argon2 check (an unknown name is checked against a stand-in hash) and get
    WRONG. Only the right password learns that its account is disabled or locked.

    MAX_FAILURES wrong passwords in a row lock the account for LOCK_MINUTES, wherever they came from; the right
    password from a client address without recent failures still opens it, so whoever locks the admin's account
    does not lock the admin out. Repeated failures from one address, under any name and under one name, wait
    longer and longer for their next try (etl.throttle). `address` is None on the command line: not throttled,
    and never a clean address. A flood leaves one audit line per name, address and minute, with a count."""
    now = now or _now()
    username = username.strip().lower()
    return _check(con, username, password, now, address, _admit(username, address, now))


def log_in(db: str | Path | None, username: str, password: str, address: str,
           now: dt.datetime | None = None) -> Account:
    """`authenticate` for a browser: an attempt the throttle refuses is answered before the accounts file is
    opened, so a flood of them costs the server next to nothing."""
    now = now or _now()
    username = username.strip().lower()
    clean = _admit(username, address, now)
    with open_accounts(db) as con:
        return _check(con, username, password, now, address, clean)


def _admit(username: str, address: str | None, now: dt.datetime) -> bool:
    """Whether `address` comes without recent failures; AccountError if it must wait before its next try."""
    if address is None:
        return False
    clean = LOGINS.clean(address, now)
    if wait := LOGINS.admit(address, username, now):
        raise AccountError(f"Đăng nhập sai nhiều lần. Hãy đợi {wait} giây rồi thử lại.")
    return clean


def _check(con, username: str, password: str, now: dt.datetime, address: str | None, clean: bool) -> Account:
    row = con.execute("SELECT full_name, role, unit_code, email, password_hash, active, failed_logins, locked_until "
                      "FROM accounts WHERE username = ?", [username]).fetchone()
    right = _matches(row[4] if row else _stand_in_hash(), password)
    if row is None:
        _note_failure(con, username, address, "không có tài khoản", now)
        raise AccountError(WRONG)
    full_name, role, unit_code, email, _, active, failures, locked_until = row
    locked = locked_until is not None and locked_until > now
    if right and active and (clean or not locked):
        with _BOOKKEEPING:
            con.execute("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = ?", [username])
            record(con, username, "login", f"từ {address}" if address else "", now)
        if address is not None:
            LOGINS.passed(address, username)
        return Account(username, full_name, role, unit_code, email)
    if not right and active:
        failures += 1
        lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else locked_until
        with _BOOKKEEPING:
            con.execute("UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE username = ?",
                        [0 if failures >= MAX_FAILURES else failures, lock, username])
    _note_failure(con, username, address, "sai mật khẩu" if not right else
                  "tài khoản đã khóa" if not active else "đang tạm khóa", now)
    if right and not active:
        raise AccountError("Tài khoản đã bị khóa. Hãy liên hệ quản trị.")
    if right:
        raise AccountError(f"Tài khoản tạm khóa đến {locked_until:%H:%M %d/%m/%Y} vì nhập sai mật khẩu "
                           f"{MAX_FAILURES} lần. Hãy thử lại sau hoặc nhờ quản trị đặt lại mật khẩu.")
    raise AccountError(WRONG)


def _note_failure(con, username: str, address: str | None, reason: str, now: dt.datetime) -> None:
    """The first failure of a name, address and reason in a minute is a line of the trail; later ones in the same
    minute count on that line (issue 12, item 4)."""
    user = username[:64] or "?"
    detail = f"{reason}, từ {address}" if address else reason
    with _BOOKKEEPING:
        first, count = _FAILURES.get((user, detail), (now, 0))
        if count and first.replace(second=0) == now.replace(second=0) and con.execute(
                "UPDATE audit SET detail = ? WHERE action = 'login_failed' AND user_name = ? AND happened_at = ? "
                "AND (detail = ? OR starts_with(detail, ?)) RETURNING id",
                [f"{detail} ({count + 1} lần trong phút {first:%H:%M})", user, first, detail, f"{detail} ("]
        ).fetchall():
            _FAILURES[(user, detail)] = (first, count + 1)
            return
        if len(_FAILURES) > 10_000:      # a bound on names sprayed at random; losing a count is harmless
            _FAILURES.clear()
        _FAILURES[(user, detail)] = (now, 1)
        record(con, user, "login_failed", detail, now)


def account_for_email(con, email: str, now: dt.datetime | None = None) -> Account:
    """The active account bound to an address a province's identity provider vouched for (st.login)."""
    row = con.execute("SELECT username, full_name, role, unit_code, email, active FROM accounts WHERE email = ?",
                      [(email or "").strip().lower()]).fetchone()
    if row is None or not row[5]:
        record(con, email or "?", "login_failed", "thư chưa gắn với tài khoản đang dùng", now)
        raise AccountError(f"Địa chỉ {email} chưa được cấp tài khoản trên bảng điều khiển. Hãy nhờ quản trị tạo "
                           "tài khoản với địa chỉ thư này.")
    record(con, row[0], "login", "qua cổng xác thực", now)
    return Account(*row[:5])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(con, username: str, hours: float, now: dt.datetime | None = None) -> str:
    """A random session token; only its hash is stored, so the accounts file alone opens no session."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, NULL)",
                [_token_hash(token), username, now, now + dt.timedelta(hours=hours)])
    return token


def session_account(con, token: str, now: dt.datetime | None = None) -> Account | None:
    """The account of a session still open, unexpired, whose account is active; otherwise None."""
    row = con.execute(
        """SELECT a.username, a.full_name, a.role, a.unit_code, a.email FROM sessions s
           JOIN accounts a USING (username)
           WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND a.active""",
        [_token_hash(token), now or _now()]).fetchone()
    return Account(*row) if row else None


def end_session(con, token: str, now: dt.datetime | None = None) -> None:
    now = now or _now()
    row = con.execute("UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL "
                      "RETURNING username", [now, _token_hash(token)]).fetchone()
    if row:
        record(con, row[0], "logout", "", now)


def _end_sessions(con, username: str, now: dt.datetime) -> None:
    con.execute("UPDATE sessions SET ended_at = ? WHERE username = ? AND ended_at IS NULL", [now, username])


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def accounts(con) -> list[dict]:
    return _rows(con.execute("SELECT username, full_name, role, unit_code, email, active, locked_until, created_at "
                             "FROM accounts ORDER BY username"))


def audit_trail(con, since: dt.date | None = None, until: dt.date | None = None, user: str | None = None,
                actions: tuple[str, ...] = (), limit: int = 10_000) -> list[dict]:
    """The latest lines first, filtered by day range, user and kind of action."""
    return _rows(con.execute(
        """SELECT id, happened_at, user_name, action, detail FROM audit
           WHERE ($since::DATE IS NULL OR happened_at >= $since::DATE)
             AND ($until::DATE IS NULL OR happened_at < $until::DATE + INTERVAL 1 DAY)
             AND ($user::VARCHAR IS NULL OR user_name = $user::VARCHAR)
             AND (len($actions::VARCHAR[]) = 0 OR list_contains($actions::VARCHAR[], action))
           ORDER BY id DESC LIMIT $limit""",
        {"since": since, "until": until, "user": user, "actions": list(actions), "limit": limit}))
