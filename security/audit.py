"""The audit trail: who did what, when; one line per action, read back by the Nhật ký page."""
import datetime as dt
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


def exported(db: str | Path | None, user: str, what: str, view_caption: str) -> None:
    """A file taken out of the dashboard or the command line: which one, of which view."""
    log(db, user, "export", f"{what} — {view_caption}")


def settings_changed(db: str | Path | None, user: str, summary: str) -> None:
    """The report's issuer, place or signer changed: the new values."""
    log(db, user, "settings_changed", summary)


def rolled_back(db: str | Path | None, user: str, upload_id: int, removed: int, restored: int) -> None:
    """An upload undone: how many rows it took away and gave back."""
    log(db, user, "rollback", f"lần nạp số {upload_id}: xóa {format_count(removed)}, khôi phục "
                              f"{format_count(restored)} dòng")


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
