"""Accounts and their roles: who may upload, load the plan, download, write the report, administer."""
import datetime as dt
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

from common.db import dicts
from security import AccountError
from security.audit import AccountCreated, AccountSwitched, PasswordChanged, record
from security.passwords import check_password, hash_password
from security.store import now as _now

ROLES = {  # role -> what a user reads
    "admin": "Quản trị",
    "staff": "Cán bộ tổng hợp",
    "unit": "Đơn vị",
    "viewer": "Xem",
}
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


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


def add_account(con, username: str, password: str, role: str, *, unit_code: str | None = None,
                full_name: str | None = None, email: str | None = None, units: Container[str] = (), by: str = "",
                now: dt.datetime | None = None) -> Account:
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
                [username, full_name, role, unit_code, email, hash_password(password), now, now])
    record(con, by or username, AccountCreated(username, ROLES[role], unit_code), now)
    return Account(username, full_name, role, unit_code, email)


def set_password(con, username: str, password: str, by: str = "", now: dt.datetime | None = None) -> None:
    """A new password ends every open session of the account."""
    now = now or _now()
    _existing(con, username)
    check_password(username, password)
    con.execute("UPDATE accounts SET password_hash = ?, password_changed_at = ?, failed_logins = 0, "
                "locked_until = NULL WHERE username = ?", [hash_password(password), now, username])
    end_sessions(con, username, now)
    record(con, by or username, PasswordChanged(username), now)


def set_active(con, username: str, active: bool, by: str = "", now: dt.datetime | None = None) -> None:
    now = now or _now()
    _existing(con, username)
    con.execute("UPDATE accounts SET active = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                [active, username])
    if not active:
        end_sessions(con, username, now)
    record(con, by or username, AccountSwitched(username, active), now)


def _existing(con, username: str) -> None:
    if not con.execute("SELECT count(*) FROM accounts WHERE username = ?", [username]).fetchone()[0]:
        raise AccountError(f"Không có tài khoản '{username}'.")


def end_sessions(con, username: str, now: dt.datetime) -> None:
    """Every open session of the account ends (a new password, a disabled account)."""
    con.execute("UPDATE sessions SET ended_at = ? WHERE username = ? AND ended_at IS NULL", [now, username])


def has_accounts(con) -> bool:
    """False only on a new installation, before the first admin is made."""
    return con.execute("SELECT count(*) > 0 FROM accounts").fetchone()[0]


def accounts(con) -> list[dict]:
    return dicts(con.execute("SELECT username, full_name, role, unit_code, email, active, locked_until, created_at "
                             "FROM accounts ORDER BY username"))
