"""Login before any page, the signed session cookie, logout and change of password (what each role may open is
ui/registry.py's).

A login starts a server-side session (security.sessions) whose random token travels in a cookie signed with a key
kept outside the repository and expiring with the session; a reload or a new tab opens the same session until
logout or expiry. A province with an identity provider may also let users in through Streamlit's `st.login`
(an [auth] section in a secrets.toml outside the repository): the address it vouches for must belong to an
account made here, which still sets the role."""
import ipaddress
import json
import logging
import os
import secrets
import time
from pathlib import Path

import streamlit as st
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from security import AccountError
from security.accounts import Account, has_accounts, set_password
from security.passwords import PASSWORD_RULES
from security.sessions import account_for_email, authenticate, end_session, log_in, session_account, start_session
from security.store import open_accounts, security_path
from ui.text import md

COOKIE = "shct_phien"
SESSION_HOURS = float(os.environ.get("DASHBOARD_SESSION_HOURS", "8"))
RECHECK_SECONDS = 30   # a logout elsewhere or a disabled account takes effect within this
SECRET_ENV = "DASHBOARD_SECRET_FILE"


def secret_path() -> Path:
    """The signing key's file: $DASHBOARD_SECRET_FILE, or one under the server user's ~/.config."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return Path(configured)
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return home / "sinh-hoat-chinh-tri" / "cookie-secret"


def cookie_signer() -> TimestampSigner:
    path = secret_path()
    if not path.exists():   # first start: a random key, readable by the server's user only
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    elif path.stat().st_mode & 0o077:   # anyone who reads the key can sign a cookie (issue 12, item 9)
        if path.stat().st_uid != os.getuid():
            raise PermissionError(f"Khóa ký phiên {path} cho người khác đọc được và không thuộc tài khoản chạy máy "
                                  "chủ: hãy chuyển tệp cho tài khoản này và đặt quyền 0600 (chmod 600).")
        path.chmod(0o600)
        logging.getLogger("auth").warning("Khóa ký phiên %s cho người khác đọc được; đã đặt lại quyền 0600.", path)
    return TimestampSigner(path.read_text().strip(), salt="phien-dang-nhap")


def current() -> Account:
    """The logged-in account of this run (ui.frame ran gate() first)."""
    return st.session_state.auth_account


def _oidc_configured() -> bool:
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _write_cookie(value: str, seconds: int) -> None:
    """Set or clear the cookie from the page; Streamlit answers over a websocket and sets no headers itself."""
    st.html(f"""<script>
        document.cookie = {json.dumps(COOKIE)} + "=" + {json.dumps(value)} + "; Max-Age={seconds}; Path=/; SameSite=Strict"
            + (location.protocol === "https:" ? "; Secure" : "");
        </script>""", unsafe_allow_javascript=True, width="content")


def _account_of(token: str) -> Account | None:
    with open_accounts() as con:
        return session_account(con, token)


def read_cookie(value: str | None) -> tuple[str | None, str | None]:
    """The session token a signed, unexpired cookie carries, or a notice why it was not taken."""
    if not value:
        return None, None
    try:
        return cookie_signer().unsign(value, max_age=int(SESSION_HOURS * 3600)).decode(), None
    except SignatureExpired:
        return None, "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại."
    except BadSignature:
        return None, None


def _begin(account: Account) -> None:
    with open_accounts() as con:
        token = start_session(con, account.username, SESSION_HOURS)
    state = st.session_state
    state.auth_token, state.auth_account, state.auth_checked = token, account, time.monotonic()
    state.auth_cookie = cookie_signer().sign(token).decode()
    state.pop("auth_logged_out", None)


def gate() -> Account:
    """The logged-in account; otherwise the login form, and the script stops there."""
    state = st.session_state
    notice = None
    token = state.get("auth_token")
    if token is None and not state.get("auth_logged_out"):
        token, notice = read_cookie(st.context.cookies.get(COOKIE))
    if token is not None and (state.get("auth_account") is None
                              or time.monotonic() - state.get("auth_checked", 0) > RECHECK_SECONDS):
        account = _account_of(token)
        if account is None:
            notice = "Phiên đăng nhập đã kết thúc (hết hạn, đăng xuất nơi khác hoặc tài khoản bị khóa). " \
                     "Hãy đăng nhập lại."
            for key in ("auth_token", "auth_account"):
                state.pop(key, None)
        else:
            state.auth_token, state.auth_account, state.auth_checked = token, account, time.monotonic()
    if state.get("auth_account") is None and _oidc_configured() and st.user.is_logged_in and \
            not state.get("auth_logged_out"):
        try:
            with open_accounts() as con:
                _begin(account_for_email(con, st.user.email))
        except AccountError as problem:
            notice = str(problem)
    if state.get("auth_account") is None:
        _login_form(notice)
        st.stop()
    cookie = state.pop("auth_cookie", None)
    if cookie:
        _write_cookie(cookie, int(SESSION_HOURS * 3600))
    return state.auth_account


def client_address() -> str:
    """Where this session's browser connects from; from this machine (a proxy in front of the server), the address
    the proxy appended to X-Forwarded-For: a client's own entries come before it."""
    try:
        direct = ipaddress.ip_address(st.context.ip_address or "127.0.0.1")
    except ValueError:      # no network client: AppTest
        return "127.0.0.1"
    if not (getattr(direct, "ipv4_mapped", None) or direct).is_loopback:   # uvicorn gives ::ffff:127.0.0.1
        return str(direct)
    forwarded = st.context.headers.get("X-Forwarded-For") or ""
    return forwarded.rsplit(",", 1)[-1].strip() or "127.0.0.1"


def _log_in() -> None:
    state = st.session_state
    try:
        account = log_in(None, state.get("login_user") or "", state.get("login_password") or "", client_address())
    except AccountError as problem:
        state.login_problem = str(problem)
    else:
        _begin(account)
    state.login_password = ""


def _login_form(notice: str | None) -> None:
    if st.session_state.pop("auth_logged_out", None) == "now":
        _write_cookie("", 0)
        st.session_state.auth_logged_out = True
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("Đăng nhập")
        st.caption("Bảng theo dõi sinh hoạt chính trị")
        if not _has_accounts():
            st.info("Chưa có tài khoản nào. Người quản trị máy chủ hãy tạo tài khoản quản trị đầu tiên bằng lệnh: "
                    "python -m etl account first-admin", icon=":material/admin_panel_settings:")
            return
        _login_box(notice)
        if _oidc_configured():
            st.button("Đăng nhập qua cổng xác thực của tỉnh", on_click=st.login, icon=":material/key:")
        st.caption("Quên mật khẩu: nhờ quản trị đặt lại. Nhập sai nhiều lần thì phải đợi lâu dần trước lần thử sau.")


_IN_USE: set[Path] = set()   # accounts files known to hold an account (none is ever deleted): not asked again


def _has_accounts() -> bool:
    path = security_path()
    if path not in _IN_USE:
        with open_accounts() as con:
            if has_accounts(con):
                _IN_USE.add(path)
    return path in _IN_USE


@st.fragment
def _login_box(notice: str | None) -> None:
    """Only the form reruns after a wrong password, not the whole app: fifty at once cost the server little
    (issue 12, item 4). The right one reruns the app, which then opens the page."""
    if st.session_state.get("auth_account") is not None:
        st.rerun(scope="app")
    problem = st.session_state.pop("login_problem", None) or notice
    if problem:
        st.error(problem, icon=":material/lock:")
    with st.form("login", border=True):
        st.text_input("Tên đăng nhập", key="login_user", autocomplete="username")
        st.text_input("Mật khẩu", type="password", key="login_password", autocomplete="current-password")
        st.form_submit_button("Đăng nhập", type="primary", on_click=_log_in, icon=":material/login:")


def _log_out() -> None:
    state = st.session_state
    with open_accounts() as con:
        end_session(con, state.auth_token)
    for key in ("auth_token", "auth_account", "auth_checked"):
        state.pop(key, None)
    state.auth_logged_out = "now"    # the next run clears the cookie
    if _oidc_configured() and st.user.is_logged_in:
        st.logout()


def _change_password() -> None:
    state = st.session_state
    account = state.auth_account
    try:
        if state.pw_new != state.pw_again:
            raise AccountError("Hai lần nhập mật khẩu mới không khớp.")
        with open_accounts() as con:
            authenticate(con, account.username, state.pw_old, address=client_address())
            set_password(con, account.username, state.pw_new)
            token = start_session(con, account.username, SESSION_HOURS)   # the change ended every session
    except AccountError as problem:
        state.pw_result = ("error", str(problem))
    else:
        state.auth_token, state.auth_cookie = token, cookie_signer().sign(token).decode()
        state.pw_result = ("success", "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.")
    for key in ("pw_old", "pw_new", "pw_again"):
        state[key] = ""


def account_box(account: Account) -> None:
    """Who is logged in, in the sidebar: change password, log out."""
    with st.sidebar:
        st.divider()
        st.markdown(f"**{md(account.full_name or account.username)}**  \n{account.role_name}"
                    + (f" · {md(account.unit_code)}" if account.unit_code else ""))
        result = st.session_state.pop("pw_result", None)
        with st.popover("Đổi mật khẩu", icon=":material/password:"):
            with st.form("change_password", border=False):
                st.text_input("Mật khẩu hiện tại", type="password", key="pw_old", autocomplete="current-password")
                st.text_input(f"Mật khẩu mới ({PASSWORD_RULES})", type="password", key="pw_new",
                              autocomplete="new-password")
                st.text_input("Nhập lại mật khẩu mới", type="password", key="pw_again", autocomplete="new-password")
                st.form_submit_button("Đổi mật khẩu", on_click=_change_password)
        if result:
            (st.success if result[0] == "success" else st.error)(result[1])
        st.button("Đăng xuất", on_click=_log_out, icon=":material/logout:", key="logout")
