"""Login and roles through Streamlit's AppTest on the demo province: the login form, wrong passwords, logout,
an ended session, and what each role sees and may do (issue 5)."""
import datetime as dt
import subprocess
import sys

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics.queries import Filters, stats
from common.formats import format_count
from security.audit import audit_trail
from security.store import open_accounts

from conftest import PASSWORD, REPORT_HEADER, ROOT, cells, csv_text, demo_copy_in, open_app, report, texts

ADMIN_PAGES = ["Tài khoản", "Nhật ký"]


def menu(app) -> list[str]:
    return [link.proto.label for link in app.get("page_link")]


def log_in(app, username: str, password: str) -> AppTest:
    app.text_input(key="login_user").input(username)
    app.text_input(key="login_password").input(password)
    return next(b for b in app.button if b.label == "Đăng nhập").click().run()


def test_no_page_without_login_and_a_wrong_password_is_refused(demo, monkeypatch):
    app = open_app(demo, monkeypatch, page="theo_don_vi", user=None)
    assert app.title[0].value == "Đăng nhập" and not app.metric and not app.dataframe and not menu(app)
    assert [b.label for b in app.button] == ["Đăng nhập"]      # no identity provider configured: no second way in
    log_in(app, "tonghop", "mat-khau-sai-roi")
    assert [e.value for e in texts(app.error)] == ["Sai tên đăng nhập hoặc mật khẩu."]
    assert app.title[0].value == "Đăng nhập"
    log_in(app, "tonghop", PASSWORD)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == "Hoàn thành theo đơn vị"     # the page the link pointed at
    with open_accounts(demo) as con:
        trail = [(r["user_name"], r["action"]) for r in audit_trail(con, user="tonghop")][:2]
    assert trail == [("tonghop", "login"), ("tonghop", "login_failed")]


def test_logout_ends_the_session(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="xem1")
    token = app.session_state["auth_token"]
    app.button(key="logout").click().run()
    assert app.title[0].value == "Đăng nhập" and not app.error
    from security.sessions import session_account
    with open_accounts(demo) as con:
        assert session_account(con, token) is None


def test_an_ended_or_expired_session_asks_to_log_in_again(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="xem1")
    assert app.title[0].value == "Tổng quan"
    with open_accounts(demo) as con:
        con.execute("UPDATE sessions SET expires_at = ? WHERE username = 'xem1'",
                    [dt.datetime.now() - dt.timedelta(minutes=1)])
    app.session_state["auth_checked"] = 0.0     # as if the periodic re-check were due
    app.run()
    assert app.title[0].value == "Đăng nhập"
    assert any("Phiên đăng nhập đã kết thúc" in e.value for e in texts(app.error))


def test_a_new_install_says_how_to_make_the_first_admin(monkeypatch, tmp_path):
    db = tmp_path / "new.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "init", "--db", str(db)], cwd=ROOT, check=True, capture_output=True)
    app = open_app(db, monkeypatch, user=None)
    assert any("python -m etl account first-admin" in i.value for i in texts(app.info))
    assert not app.text_input                                     # no form to guess passwords into


def test_each_role_sees_its_own_menu(demo, monkeypatch):
    menus = {user: menu(open_app(demo, monkeypatch, user=user)) for user in ("quantri", "tonghop", "huyen.ml", "xem1")}
    assert menus["quantri"][-2:] == ADMIN_PAGES and len(menus["quantri"]) == 10
    assert "Xuất báo cáo" in menus["tonghop"] and not set(ADMIN_PAGES) & set(menus["tonghop"])
    assert "Nhập báo cáo" in menus["huyen.ml"] and "Xuất báo cáo" not in menus["huyen.ml"]
    assert menus["xem1"] == ["Tổng quan", "Theo đơn vị", "Theo đợt", "Theo chuyên đề", "Tiến độ báo cáo",
                             "Chất lượng dữ liệu"]


@pytest.mark.parametrize("user, page", [("xem1", "nhap_bao_cao"), ("xem1", "xuat_bao_cao"),
                                        ("huyen.ml", "xuat_bao_cao"), ("tonghop", "tai_khoan"),
                                        ("tonghop", "nhat_ky"), ("huyen.ml", "nhat_ky")])
def test_a_page_outside_the_role_is_refused(demo, monkeypatch, user, page):
    app = open_app(demo, monkeypatch, user=user, page=page)
    assert any("không được mở trang" in e.value for e in texts(app.error))
    assert not app.get("file_uploader") and not app.get("download_button") and not app.title


def test_a_viewer_reads_but_downloads_nothing(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="xem1", page="theo_don_vi", ke_hoach="03-KH/TU", dot="2024-3-2")
    assert app.table and not app.get("download_button")


def test_a_unit_account_sees_only_its_subtree(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="huyen.ml", page="theo_don_vi", ke_hoach="03-KH/TU", dot="2024-3-2",
                don_vi="TU")                                              # a link to the whole province
    assert app.session_state["f_unit"] == "H-ML"
    with duckdb.connect(str(demo), read_only=True) as con:
        mine = {c for (c,) in con.execute("SELECT descendant FROM unit_tree WHERE ancestor = 'H-ML'").fetchall()}
    assert app.selectbox(key="f_unit").options == ["Huyện ủy Mường Lạc"]   # its communes have no units below
    assert all(b.key != "crumb_TU" for b in app.button)                 # the breadcrumb starts at its own unit
    units = set(cells(app.table[0])["Đơn vị"])
    with duckdb.connect(str(demo), read_only=True) as con:
        names = {n for (n,) in con.execute("SELECT name FROM units WHERE code IN (SELECT UNNEST(?))",
                                           [sorted(mine)]).fetchall()}
    assert units and units <= names


def test_a_link_to_a_unit_outside_the_account_says_the_account_sees_only_its_own(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="huyen.ml", ke_hoach="03-KH/TU", dot="2024-3-2", don_vi="TU")
    assert [w.value for w in texts(app.warning)] == [
        "Tài khoản chỉ xem được số liệu của Huyện ủy Mường Lạc và các đơn vị trực thuộc; đang xem Huyện ủy Mường Lạc."]


def test_a_unit_account_of_a_district_that_ended_opens_on_its_own_dates(demo, monkeypatch):
    """Huyện ủy Mường Lạc ended on 30/06/2025: without a link its account opens on the latest occasion it took part
    in, on the tree of that day, not on today's tree it is missing from."""
    app = open_app(demo, monkeypatch, user="huyen.ml")
    state = app.session_state
    assert (state["f_unit"], state["f_periods"]) == ("H-ML", ["2025-19-5"])
    assert state["f_as_of"] <= dt.date(2025, 6, 30)
    assert not [i.value for i in texts(app.info) if "không có trong cây tổ chức" in i.value]
    with duckdb.connect(str(demo), read_only=True) as con:
        total = stats(con, "period", Filters("H-ML", ("2025-19-5",), (), "04-KH/TU", state["f_as_of"]))[0]
    held = next(m for m in app.metric if m.label.startswith("Chi bộ đã sinh hoạt"))
    assert held.label == f"Chi bộ đã sinh hoạt / {format_count(total['cells_expected'])}"
    assert held.value == format_count(total["cells_held"]) and total["cells_held"] > 0


def test_a_date_chosen_after_the_unit_ended_is_kept_and_explained_without_an_empty_list(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="huyen.ml", ngay="2026-01-01")
    assert app.session_state["f_as_of"] == dt.date(2026, 1, 1)
    assert any("Đơn vị của tài khoản không có trong cây tổ chức ngày 01/01/2026" in i.value for i in texts(app.info))
    assert "f_unit" not in [s.key for s in app.selectbox]            # no list saying "No options to select"


def test_a_unit_uploading_for_another_unit_is_refused_on_the_page(demo, monkeypatch, tmp_path):
    db = demo_copy_in(demo, tmp_path)
    other = csv_text([REPORT_HEADER, report("Huyện ủy Bình Sơn", "2024-7-11", date="20/11/2024")])
    app = open_app(db, monkeypatch, user="huyen.ml", page="nhap_bao_cao")
    assert app.selectbox(key="upload_kind").options == ["Tự nhận biết theo tiêu đề cột", "Báo cáo"]
    app.get("file_uploader")[0].set_value([("bao_cao_binh_son.csv", other.encode(), "text/csv")]).run()
    app.button(key="upload_dry_run").click().run()
    problem = next(cells(t) for t in app.table if "Cần sửa" in cells(t).columns).iloc[0]
    assert problem["Giá trị"] == "Huyện ủy Bình Sơn" and "không thuộc Huyện ủy Mường Lạc" in problem["Cần sửa"]
    assert app.button(key="upload_commit").disabled
    with open_accounts(db) as con:
        assert audit_trail(con, user="huyen.ml", actions=("upload_rejected",))


def test_a_unit_sees_and_undoes_only_its_own_uploads(demo, monkeypatch, tmp_path):
    db = demo_copy_in(demo, tmp_path)
    app = open_app(db, monkeypatch, user="huyen.ml", page="nhap_bao_cao", lan_nap="1")
    assert any("chưa nạp lần nào" in i.value for i in texts(app.info)) and not app.get("checkbox")


def test_staff_loads_reports_but_not_the_catalogue(demo, monkeypatch):
    app = open_app(demo, monkeypatch, user="tonghop", page="nhap_bao_cao")
    assert app.selectbox(key="upload_kind").options == ["Tự nhận biết theo tiêu đề cột", "Báo cáo"]
    assert app.get("file_uploader")


def create_unit_account(app, username: str, unit: str, password: str, name: str = "") -> None:
    """The Tài khoản page's form, filled in and sent as an admin would."""
    app.text_input(key="new_username").input(username)
    if name:
        app.text_input(key="new_name").input(name)
    app.selectbox(key="new_role").set_value("unit")
    app.selectbox(key="new_unit").set_value(unit)
    app.text_input(key="new_password").input(password)
    app.text_input(key="new_again").input(password)
    next(b for b in app.button if b.label == "Tạo tài khoản").click().run()


def test_admin_creates_an_account_and_finds_it_in_the_audit(demo, monkeypatch, tmp_path):
    db = demo_copy_in(demo, tmp_path)
    app = open_app(db, monkeypatch, user="quantri", page="tai_khoan")
    create_unit_account(app, "xa.banxeo", "X-BX", "mat-khau-ban-xeo", name="Lò Văn Sinh")
    assert not app.exception, [e.value for e in app.exception]
    assert any("Đã tạo tài khoản xa.banxeo (Đơn vị)" in s.value for s in texts(app.success)) and not app.warning
    listed = cells(app.table[0])
    assert listed[listed["Tên đăng nhập"] == "xa.banxeo"].iloc[0]["Đơn vị"] == "Đảng ủy xã Bản Xèo"
    app.selectbox(key="pick_account").set_value("xa.banxeo")
    next(b for b in app.button if b.label == "Khóa").click().run()
    assert any("Đã khóa tài khoản xa.banxeo" in s.value for s in texts(app.success))
    app.switch_page("pages/nhat_ky.py").run()
    assert not app.exception, [e.value for e in app.exception]
    app.multiselect(key="audit_actions").set_value(["account_created", "account_disabled"]).run()
    trail = app.dataframe[0].value
    assert list(trail["Việc"])[:2] == ["Khóa tài khoản", "Tạo tài khoản"]
    assert set(trail["Người thực hiện"]) == {"quantri", "kiem-thu"}
    assert [b.proto.label for b in app.get("download_button")] == ["Excel", "CSV"]


def test_an_account_for_a_district_that_ended_is_made_with_a_warning(demo, monkeypatch, tmp_path):
    app = open_app(demo_copy_in(demo, tmp_path), monkeypatch, user="quantri", page="tai_khoan")
    create_unit_account(app, "huyen.ml.cu", "H-ML", "mat-khau-huyen-cu")
    assert any("Đã tạo tài khoản huyen.ml.cu (Đơn vị)" in s.value for s in texts(app.success))
    assert [w.value for w in texts(app.warning)] == [
        "Lưu ý: Huyện ủy Mường Lạc đã kết thúc hoạt động ngày 30/06/2025 (sắp xếp lại tổ chức, bỏ cấp huyện). "
        "Tài khoản này sẽ xem số liệu theo cây tổ chức đến ngày đó."]
    assert app.text_input(key="new_password").label == "Mật khẩu ban đầu (ít nhất 10 ký tự, không chứa tên đăng nhập)"


def test_admin_cannot_lock_itself(demo, monkeypatch, tmp_path):
    db = demo_copy_in(demo, tmp_path)
    app = open_app(db, monkeypatch, user="quantri", page="tai_khoan")
    app.selectbox(key="pick_account").set_value("quantri")
    next(b for b in app.button if b.label == "Khóa").click().run()
    assert any("Không tự khóa" in e.value for e in texts(app.error))


def test_the_cookie_is_signed_and_expires(monkeypatch):
    import itsdangerous.timed

    from ui.auth import SESSION_HOURS, cookie_signer, read_cookie

    cookie = cookie_signer().sign("token-of-a-session").decode()
    assert read_cookie(cookie) == ("token-of-a-session", None)
    assert read_cookie(cookie.replace("token-of", "token-on")) == (None, None)        # tampered: ignored
    assert read_cookie("") == (None, None)
    later = itsdangerous.timed.time.time() + SESSION_HOURS * 3600 + 5
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert read_cookie(cookie) == (None, "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.")


def test_a_file_over_the_size_limit_is_refused_in_vietnamese(demo, monkeypatch):
    import etl.readers

    monkeypatch.setattr(etl.readers, "MAX_BYTES", 1000)
    big = csv_text([REPORT_HEADER] + [report("Huyện ủy Bình Sơn", "2024-7-11", date="20/11/2024")] * 40)
    app = open_app(demo, monkeypatch, user="tonghop", page="nhap_bao_cao")
    app.get("file_uploader")[0].set_value([("bao_cao_lon.csv", big.encode(), "text/csv")]).run()
    assert any("bao_cao_lon.csv" in e.value and "vượt giới hạn" in e.value and "chia thành nhiều tệp" in e.value
               for e in texts(app.error))


def test_a_failing_page_shows_a_reference_not_a_stack_trace(demo, monkeypatch):
    from streamlit import config

    import ui.data

    def broken(*args):
        raise RuntimeError("chi tiết nội bộ")
    monkeypatch.setattr(ui.data.Data, "expected_reports", broken)
    previous = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "none")      # as .streamlit/config.toml sets it on a server
    try:
        app = open_app(demo, monkeypatch, user="xem1", page="tien_do_bao_cao")
    finally:
        config.set_option("client.showErrorDetails", previous)
    assert [e.value for e in texts(app.error) if "gặp lỗi" in e.value]
    assert "mã" in texts(app.error)[0].value and "chi tiết nội bộ" not in texts(app.error)[0].value
    assert not app.exception


def test_the_server_config_protects_forms_and_hides_errors():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    from etl.readers import MAX_BYTES
    assert MAX_BYTES < config["server"]["maxUploadSize"] * 1024 * 1024   # our Vietnamese limit is met first


def test_an_identity_provider_address_maps_to_an_account(demo, tmp_path):
    from security import AccountError
    from security.accounts import add_account, set_active
    from security.sessions import account_for_email

    db = demo_copy_in(demo, tmp_path)
    with open_accounts(db) as con:
        add_account(con, "tonghop2", "mat-khau-du-dai", "staff", email="Can.Bo@SonHa.gov.vn")
        assert account_for_email(con, "can.bo@sonha.gov.vn").username == "tonghop2"
        with pytest.raises(AccountError, match="chưa được cấp tài khoản"):
            account_for_email(con, "nguoi.la@gmail.com")
        set_active(con, "tonghop2", False)
        with pytest.raises(AccountError, match="chưa được cấp tài khoản"):
            account_for_email(con, "can.bo@sonha.gov.vn")

