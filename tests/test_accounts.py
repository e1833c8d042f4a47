"""Accounts (issue 5, first part): Argon2 hashes, the lock after five wrong passwords, the audit trail, and the
command line that creates the first admin without any default password."""
import datetime as dt
import subprocess
import sys

import duckdb
import pytest

from conftest import ROOT

from etl.accounts import (MAX_FAILURES, AccountError, accounts, add_account, authenticate,  # noqa: E402
                          set_active, set_password)

NOW = dt.datetime(2026, 11, 22, 8, 0)


def test_password_is_hashed_and_checked(db):
    with duckdb.connect(str(db)) as con:
        add_account(con, "Xa.BanXeo", "mat-khau-du-dai", "unit", "X-MK", "Nguyễn Văn A", by="quantri", now=NOW)
        stored = con.execute("SELECT password_hash FROM accounts WHERE username = 'xa.banxeo'").fetchone()[0]
        assert stored.startswith("$argon2id$") and "mat-khau-du-dai" not in stored
        account = authenticate(con, "xa.banxeo", "mat-khau-du-dai", NOW)
        assert (account.role, account.unit_code) == ("unit", "X-MK")
        with pytest.raises(AccountError, match="Sai tên đăng nhập hoặc mật khẩu"):
            authenticate(con, "xa.banxeo", "mat-khau-sai-roi", NOW)
        with pytest.raises(AccountError, match="Sai tên đăng nhập hoặc mật khẩu"):   # same words for a wrong name
            authenticate(con, "khong.co", "mat-khau-du-dai", NOW)
        trail = con.execute("SELECT user_name, action FROM audit ORDER BY id").fetchall()
    assert trail == [("quantri", "account_created"), ("xa.banxeo", "login"), ("xa.banxeo", "login_failed"),
                     ("khong.co", "login_failed")]


def test_five_wrong_passwords_lock_the_account_for_a_while(db):
    with duckdb.connect(str(db)) as con:
        add_account(con, "tonghop", "mat-khau-du-dai", "staff", now=NOW)
        for attempt in range(MAX_FAILURES):
            with pytest.raises(AccountError, match="Sai tên"):
                authenticate(con, "tonghop", f"sai-mat-khau-{attempt}", NOW)
        with pytest.raises(AccountError, match="tạm khóa đến 08:15 22/11/2026"):
            authenticate(con, "tonghop", "mat-khau-du-dai", NOW + dt.timedelta(minutes=1))   # even the right one
        assert authenticate(con, "tonghop", "mat-khau-du-dai", NOW + dt.timedelta(minutes=16)).role == "staff"
        set_active(con, "tonghop", False, by="quantri")
        with pytest.raises(AccountError, match="đã bị khóa"):
            authenticate(con, "tonghop", "mat-khau-du-dai", NOW + dt.timedelta(minutes=17))
        set_active(con, "tonghop", True, by="quantri")
        set_password(con, "tonghop", "mat-khau-moi-dai", by="quantri")
        assert authenticate(con, "tonghop", "mat-khau-moi-dai").username == "tonghop"


@pytest.mark.parametrize("args, message", [
    (("a", "mat-khau-du-dai", "admin"), "không hợp lệ"),
    (("quantri", "ngan", "admin"), "ít nhất 10 ký tự"),
    (("quantri", "quantri-2026-abc", "admin"), "không được chứa tên đăng nhập"),
    (("quantri", "mat-khau-du-dai", "boss"), "Vai trò 'boss' không có"),
    (("donvi", "mat-khau-du-dai", "unit"), "cần mã đơn vị"),
    (("donvi", "mat-khau-du-dai", "unit", "KHONG-CO"), "Không có đơn vị mã KHONG-CO"),
    (("xem", "mat-khau-du-dai", "viewer", "X-MK"), "Chỉ tài khoản vai trò 'unit'"),
])
def test_bad_account_requests_are_refused_in_vietnamese(db, args, message):
    with duckdb.connect(str(db)) as con:
        with pytest.raises(AccountError, match=message):
            add_account(con, *args)
        assert accounts(con) == []


def test_command_line_creates_the_first_admin_from_a_password_it_is_given(db):
    def run(*args, password=None):
        return subprocess.run([sys.executable, "-m", "etl", "account", *args, "--db", str(db)], cwd=ROOT,
                              input=password, capture_output=True, text=True, timeout=60)

    made = run("add", "quantri", "--role", "admin", "--name", "Trần Thị B", "--password-stdin",
               password="mot-mat-khau-dai\n")
    assert made.returncode == 0 and "Đã tạo tài khoản quantri (Quản trị)" in made.stdout, made.stderr
    again = run("add", "quantri", "--role", "admin", "--password-stdin", password="mot-mat-khau-dai\n")
    assert again.returncode == 1 and "đã có" in again.stderr
    short = run("add", "xem1", "--role", "viewer", "--password-stdin", password="ngan\n")
    assert short.returncode == 1 and "ít nhất 10 ký tự" in short.stderr
    listed = run("list")
    assert "quantri  Quản trị" in listed.stdout and "xem1" not in listed.stdout
    with duckdb.connect(str(db)) as con:
        assert authenticate(con, "quantri", "mot-mat-khau-dai").role == "admin"


def _sha(path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_unit_account_cannot_load_rows_of_another_unit(db, tmp_path):
    from conftest import REPORT_HEADER, UNITS, load, report, write_csv

    own = report("Đảng bộ xã Bản Lầu", "2022-3-2")
    other = report("Thành ủy Lào Cai", "2022-3-2")
    before = _sha(db)
    mixed = load(write_csv(tmp_path / "bao_cao_huyen.csv", [REPORT_HEADER, own, other]), db, scope="H-MK")
    assert mixed.status == "rejected" and mixed.error_count == 1
    problem = mixed.errors[0]
    assert (problem.row, problem.value) == (3, "Thành ủy Lào Cai")
    assert "không thuộc Huyện ủy Mường Khương" in problem.message and "cán bộ tổng hợp" in problem.message
    assert _sha(db) == before                                          # nothing written
    units = load(write_csv(tmp_path / "don_vi.csv", UNITS), db, scope="H-MK")
    assert units.status == "rejected" and "chỉ nạp được báo cáo" in units.errors[0].message
    done = load(write_csv(tmp_path / "bao_cao_dung.csv", [REPORT_HEADER, own]), db, scope="H-MK")
    assert done.status == "committed" and done.imported == 1
