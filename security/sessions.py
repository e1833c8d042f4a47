"""Logging in (password or a province's identity provider), login sessions, and failures told apart from
nothing outside (every failure looks and costs the same)."""
import datetime as dt
import hashlib
import secrets
import threading
from pathlib import Path

from security import AccountError
from security.accounts import Account
from security.audit import LoggedIn, LoggedOut, LoginFailed, record
from security.passwords import matches, stand_in_hash
from security.store import now as _now
from security.store import open_accounts
from security.throttle import LOGINS

MAX_FAILURES = 5
LOCK_MINUTES = 15

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
    longer and longer for their next try (security.throttle). `address` is None on the command line: not throttled,
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
    right = matches(row[4] if row else stand_in_hash(), password)
    if row is None:
        _note_failure(con, username, address, "không có tài khoản", now)
        raise AccountError(WRONG)
    full_name, role, unit_code, email, _, active, failures, locked_until = row
    locked = locked_until is not None and locked_until > now
    if right and active and (clean or not locked):
        with _BOOKKEEPING:
            con.execute("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = ?", [username])
            record(con, username, LoggedIn(address), now)
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
    event = LoginFailed(reason, address)
    detail = event.detail()
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
        record(con, user, event, now)


def account_for_email(con, email: str, now: dt.datetime | None = None) -> Account:
    """The active account bound to an address a province's identity provider vouched for (st.login)."""
    row = con.execute("SELECT username, full_name, role, unit_code, email, active FROM accounts WHERE email = ?",
                      [(email or "").strip().lower()]).fetchone()
    if row is None or not row[5]:
        record(con, email or "?", LoginFailed("thư chưa gắn với tài khoản đang dùng"), now)
        raise AccountError(f"Địa chỉ {email} chưa được cấp tài khoản trên bảng điều khiển. Hãy nhờ quản trị tạo "
                           "tài khoản với địa chỉ thư này.")
    record(con, row[0], LoggedIn(via_provider=True), now)
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
        record(con, row[0], LoggedOut(), now)
