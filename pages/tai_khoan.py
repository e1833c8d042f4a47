"""Tài khoản: the admin creates accounts for staff, units and viewers, resets passwords, locks and unlocks them.

The same functions as `python -m etl account`; every change goes into the audit trail under the admin's name."""
import datetime as dt

import streamlit as st

from security import AccountError
from security.accounts import ROLES, Account, accounts, add_account, set_active, set_password, unit_dates_warning
from security.passwords import PASSWORD_RULES
from security.store import open_accounts
from ui.auth import current
from ui.frame import page
from ui.text import md
from ui.widgets import table

COLUMNS = [("username", "Tên đăng nhập", "text"), ("full_name", "Họ tên", "text"), ("role_name", "Vai trò", "text"),
           ("unit_name", "Đơn vị", "text"), ("email", "Thư điện tử", "text"), ("state", "Trạng thái", "text"),
           ("created_at", "Ngày tạo", "date")]


def _done(kind: str, text: str) -> None:
    st.session_state.setdefault("account_result", []).append((kind, text))


def create(admin: Account, units: dict[str, dict]) -> None:
    state = st.session_state
    try:
        if state.new_password != state.new_again:
            raise AccountError("Hai lần nhập mật khẩu không khớp.")
        with open_accounts() as con:
            made = add_account(con, state.new_username, state.new_password, state.new_role,
                               unit_code=state.new_unit if state.new_role == "unit" else None,
                               full_name=state.new_name.strip() or None, by=admin.username, units=units,
                               email=state.new_email)
    except AccountError as problem:
        _done("error", f"Chưa tạo được tài khoản: {problem}")
    else:
        _done("success", f"Đã tạo tài khoản {made.username} ({ROLES[made.role]}). Hãy báo mật khẩu cho người dùng "
                         "trực tiếp, không gửi qua thư.")
        warning = unit_dates_warning(units[made.unit_code]) if made.unit_code else None
        if warning:
            _done("warning", warning)
        for key in ("new_username", "new_name", "new_email"):
            state[key] = ""
    state.new_password = state.new_again = ""


def change(action: str, admin: Account) -> None:
    state = st.session_state
    username = state.pick_account
    try:
        with open_accounts() as con:
            if action == "password":
                set_password(con, username, state.reset_password, by=admin.username)
                _done("success", f"Đã đặt mật khẩu mới cho {username}; các phiên đăng nhập của tài khoản này đã "
                                 "kết thúc.")
            elif username == admin.username:
                raise AccountError("Không tự khóa tài khoản của chính mình.")
            else:
                set_active(con, username, action == "enable", by=admin.username)
                _done("success", f"Đã {'mở khóa' if action == 'enable' else 'khóa'} tài khoản {username}.")
    except AccountError as problem:
        _done("error", str(problem))
    state.reset_password = ""


with page(__file__) as (data, _):
    admin = current()
    st.title("Tài khoản")
    units = {u["code"]: u for u in data.parent_units()}

    with open_accounts() as con:
        listed = accounts(con)
    now = dt.datetime.now()
    for row in listed:
        row["role_name"] = ROLES[row["role"]]
        row["unit_name"] = units[row["unit_code"]]["name"] if row["unit_code"] in units else row["unit_code"] or ""
        row["state"] = ("Đã khóa" if not row["active"] else
                        f"Tạm khóa đến {row['locked_until']:%H:%M}" if row["locked_until"] and row["locked_until"] > now
                        else "Đang dùng")
    for kind, text in st.session_state.pop("account_result", []):
        {"success": st.success, "warning": st.warning, "error": st.error}[kind](md(text))
    table(listed, COLUMNS)

    left, right = st.columns(2, gap="large")
    with left, st.form("new_account"):
        st.subheader("Tạo tài khoản")
        st.text_input("Tên đăng nhập", key="new_username", placeholder="ví dụ: xa.banlau")
        st.text_input("Họ tên", key="new_name")
        st.selectbox("Vai trò", list(ROLES), format_func=ROLES.get, key="new_role", index=2)
        st.selectbox("Đơn vị (chỉ cho vai trò Đơn vị)", list(units), format_func=lambda c: f"{units[c]['name']} ({c})",
                     key="new_unit", index=None, placeholder="Chọn đơn vị")
        st.text_input("Thư điện tử (nếu tỉnh dùng cổng xác thực)", key="new_email")
        st.text_input(f"Mật khẩu ban đầu ({PASSWORD_RULES})", type="password", key="new_password",
                      autocomplete="new-password")
        st.text_input("Nhập lại mật khẩu", type="password", key="new_again", autocomplete="new-password")
        st.form_submit_button("Tạo tài khoản", type="primary", on_click=create, args=(admin, units),
                              icon=":material/person_add:")

    with right:
        st.subheader("Đặt lại mật khẩu, khóa, mở khóa")
        names = [row["username"] for row in listed]
        st.selectbox("Tài khoản", names, key="pick_account",
                     format_func=lambda u: next(f"{r['username']} · {r['role_name']} · {r['state']}"
                                                for r in listed if r["username"] == u))
        st.text_input(f"Mật khẩu mới ({PASSWORD_RULES})", type="password", key="reset_password",
                      autocomplete="new-password")
        with st.container(horizontal=True):
            st.button("Đặt mật khẩu mới", on_click=change, args=("password", admin), icon=":material/password:")
            st.button("Khóa", on_click=change, args=("disable", admin), icon=":material/lock:")
            st.button("Mở khóa", on_click=change, args=("enable", admin), icon=":material/lock_open:")
        st.caption("Khóa tài khoản kết thúc ngay các phiên đăng nhập của nó; mở khóa cũng xóa lần tạm khóa vì nhập sai "
                   "mật khẩu.")
