"""The audit trail: who did what, when; one line per action, read back by the Nhật ký page."""
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from common.db import dicts
from common.formats import format_count
from security.store import now as _now
from security.store import open_accounts

ACTIONS = {  # audit action -> what a user reads
    "account_created": "Tạo tài khoản", "password_changed": "Đổi mật khẩu", "account_disabled": "Khóa tài khoản",
    "account_enabled": "Mở khóa tài khoản", "login": "Đăng nhập", "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất", "upload": "Nạp tệp", "correction": "Nạp sửa số liệu",
    "upload_rejected": "Nạp tệp bị từ chối", "rollback": "Hoàn tác lần nạp", "export": "Xuất tệp",
    "settings_changed": "Sửa thông tin cơ quan ban hành",
}


LATE = " (ghi bù: tiến trình dừng trước khi kịp ghi nhật ký)"   # a line settled after a killed load


class Event:
    """One kind of audited action: `action` (a key of ACTIONS) and the line's `detail` in the user's words."""
    action: str

    def detail(self) -> str:
        return ""


@dataclass(frozen=True)
class LoggedIn(Event):
    address: str | None = None          # the browser's address; None on the command line
    via_provider: bool = False          # the province's identity provider vouched for the user
    action = "login"

    def detail(self) -> str:
        return "qua cổng xác thực" if self.via_provider else f"từ {self.address}" if self.address else ""


@dataclass(frozen=True)
class LoginFailed(Event):
    reason: str
    address: str | None = None
    action = "login_failed"

    def detail(self) -> str:
        return f"{self.reason}, từ {self.address}" if self.address else self.reason


@dataclass(frozen=True)
class LoggedOut(Event):
    action = "logout"


@dataclass(frozen=True)
class AccountCreated(Event):
    username: str
    role_name: str
    unit_code: str | None = None
    action = "account_created"

    def detail(self) -> str:
        return f"{self.username} ({self.role_name}{', ' + self.unit_code if self.unit_code else ''})"


@dataclass(frozen=True)
class PasswordChanged(Event):
    username: str
    action = "password_changed"

    def detail(self) -> str:
        return self.username


@dataclass(frozen=True)
class AccountSwitched(Event):
    username: str
    active: bool

    @property
    def action(self) -> str:
        return "account_enabled" if self.active else "account_disabled"

    def detail(self) -> str:
        return self.username


@dataclass(frozen=True)
class Uploaded(Event):
    upload_id: int
    files: str
    imported: int
    updated: int
    unchanged: int
    reverts: int = 0                    # figures the user agreed to turn back
    late: bool = False

    @property
    def action(self) -> str:
        return "correction" if self.updated else "upload"

    def detail(self) -> str:
        return (f"lần nạp số {self.upload_id}: {self.files} — thêm {format_count(self.imported)}, cập nhật "
                f"{format_count(self.updated)}, không đổi {format_count(self.unchanged)} dòng"
                + (f"; người nạp đã đồng ý đưa {format_count(self.reverts)} số liệu về giá trị cũ"
                   if self.reverts else "") + (LATE if self.late else ""))


@dataclass(frozen=True)
class UploadRefused(Event):
    files: str
    dry_run: bool
    errors: int
    first_error: str
    action = "upload_rejected"

    def detail(self) -> str:
        return (f"{self.files}{' (kiểm tra thử)' if self.dry_run else ''} — {format_count(self.errors)} lỗi, "
                f"không ghi gì. Lỗi đầu: {self.first_error}")


@dataclass(frozen=True)
class RolledBack(Event):
    upload_id: int
    removed: int | None = None          # None on a line settled late, which cannot know them
    restored: int | None = None
    action = "rollback"

    def detail(self) -> str:
        if self.removed is None:
            return f"lần nạp số {self.upload_id}{LATE}"
        return (f"lần nạp số {self.upload_id}: xóa {format_count(self.removed)}, khôi phục "
                f"{format_count(self.restored)} dòng")


@dataclass(frozen=True)
class Exported(Event):
    what: str
    view_caption: str
    action = "export"

    def detail(self) -> str:
        return f"{self.what} — {self.view_caption}"


@dataclass(frozen=True)
class SettingsChanged(Event):
    summary: str
    action = "settings_changed"

    def detail(self) -> str:
        return self.summary


def record(con, user: str, event: Event, at: dt.datetime | None = None) -> None:
    """One line of the audit trail: who did what, when."""
    if event.action not in ACTIONS:
        raise ValueError(event.action)
    con.execute("INSERT INTO audit (happened_at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                [at or _now(), user, event.action, event.detail()])


def log(db: str | Path | None, user: str, event: Event) -> None:
    """`record` through its own short connection, for callers that hold none."""
    with open_accounts(db) as con:
        record(con, user, event)


def audit_trail(con, since: dt.date | None = None, until: dt.date | None = None, user: str | None = None,
                actions: tuple[str, ...] = (), limit: int = 10_000) -> list[dict]:
    """The latest lines first, filtered by day range, user and kind of action; each with `action_name`, the
    action in the user's words."""
    rows = dicts(con.execute(
        """SELECT id, happened_at, user_name, action, detail FROM audit
           WHERE ($since::DATE IS NULL OR happened_at >= $since::DATE)
             AND ($until::DATE IS NULL OR happened_at < $until::DATE + INTERVAL 1 DAY)
             AND ($user::VARCHAR IS NULL OR user_name = $user::VARCHAR)
             AND (len($actions::VARCHAR[]) = 0 OR list_contains($actions::VARCHAR[], action))
           ORDER BY id DESC LIMIT $limit""",
        {"since": since, "until": until, "user": user, "actions": list(actions), "limit": limit}))
    return [row | {"action_name": ACTIONS.get(row["action"], row["action"])} for row in rows]


def audit_users(con) -> list[str]:
    """Everyone who has a line in the trail, for the Nhật ký page's picker."""
    return [name for (name,) in con.execute("SELECT DISTINCT user_name FROM audit ORDER BY 1").fetchall()]
