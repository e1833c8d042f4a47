"""Accounts: Argon2 hashes, the lock after five wrong passwords, sessions that end, the audit trail, and what
each role may load or undo, through the functions and through `python -m etl`."""
import datetime as dt
import getpass
import hashlib
import io
import subprocess
import sys

import pytest

from etl.__main__ import main
from etl.loader import rollback_upload
from etl.store import RollbackRefused
from security import AccountError
from security.accounts import Account, accounts, add_account, set_active, set_password, unit_dates_warning
from security.audit import audit_trail
from security.passwords import MIN_PASSWORD
from security.sessions import MAX_FAILURES, authenticate, end_session, session_account, start_session
from security.store import open_accounts, security_path

from conftest import REPORT_HEADER, ROOT, UNITS, load, report, write_csv

NOW = dt.datetime(2026, 11, 22, 8, 0)
UNIT_CODES = {row[0] for row in UNITS[1:]}


def test_accounts_live_beside_the_database_not_in_it(db):
    assert security_path(db) == db.with_name("test.accounts.duckdb")
    with open_accounts(db) as con:
        add_account(con, "quantri", "mat-khau-du-dai", "admin", now=NOW)
    import duckdb
    with duckdb.connect(str(db), read_only=True) as figures:
        tables = {name for (name,) in figures.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "reports" in tables and not tables & {"accounts", "sessions", "audit"}


def test_password_is_hashed_and_checked(db):
    with open_accounts(db) as con:
        add_account(con, "Xa.BanXeo", "mat-khau-du-dai", "unit", unit_code="X-MK", full_name="Nguyễn Văn A",
                    by="quantri", now=NOW, units=UNIT_CODES)
        stored = con.execute("SELECT password_hash FROM accounts WHERE username = 'xa.banxeo'").fetchone()[0]
        assert stored.startswith("$argon2id$") and "mat-khau-du-dai" not in stored
        account = authenticate(con, "xa.banxeo", "mat-khau-du-dai", NOW)
        assert (account.role, account.unit_code, account.scope) == ("unit", "X-MK", "X-MK")
        with pytest.raises(AccountError, match="Sai tên đăng nhập hoặc mật khẩu"):
            authenticate(con, "xa.banxeo", "mat-khau-sai-roi", NOW)
        with pytest.raises(AccountError, match="Sai tên đăng nhập hoặc mật khẩu"):   # same words for a wrong name
            authenticate(con, "khong.co", "mat-khau-du-dai", NOW)
        trail = con.execute("SELECT user_name, action FROM audit WHERE user_name NOT LIKE 'test %' ORDER BY id").fetchall()
    assert trail == [("quantri", "account_created"), ("xa.banxeo", "login"), ("xa.banxeo", "login_failed"),
                     ("khong.co", "login_failed")]


def test_five_wrong_passwords_lock_the_account_for_a_while(db):
    with open_accounts(db) as con:
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


def test_a_session_ends_at_logout_expiry_password_change_or_disabling(db):
    with open_accounts(db) as con:
        add_account(con, "tonghop", "mat-khau-du-dai", "staff", now=NOW)
        token = start_session(con, "tonghop", hours=8, now=NOW)
        stored = con.execute("SELECT token_hash FROM sessions").fetchone()[0]
        assert token not in stored                                         # only the hash is kept
        assert session_account(con, token, NOW + dt.timedelta(hours=7)).username == "tonghop"
        assert session_account(con, token, NOW + dt.timedelta(hours=8, seconds=1)) is None   # expired
        assert session_account(con, token + "x", NOW) is None
        end_session(con, token, NOW)
        assert session_account(con, token, NOW) is None
        for change in (lambda: set_password(con, "tonghop", "mat-khau-khac-nua", by="quantri", now=NOW),
                       lambda: set_active(con, "tonghop", False, by="quantri", now=NOW)):
            token = start_session(con, "tonghop", hours=8, now=NOW)
            change()
            assert session_account(con, token, NOW) is None
        set_active(con, "tonghop", True, by="quantri", now=NOW)
        actions = [row["action"] for row in audit_trail(con, user="tonghop")]
    assert "logout" in actions


def test_audit_trail_filters_by_day_user_and_action(db):
    then = dt.datetime(2026, 1, 5, 8, 0)    # before the fixture's own load, which is logged today
    with open_accounts(db) as con:
        add_account(con, "tonghop", "mat-khau-du-dai", "staff", by="quantri", now=then)
        add_account(con, "xem1", "mat-khau-du-dai", "viewer", by="quantri", now=then + dt.timedelta(days=2))
        authenticate(con, "xem1", "mat-khau-du-dai", then + dt.timedelta(days=2))
        assert [r["detail"] for r in audit_trail(con, until=then.date())] == ["tonghop (Cán bộ tổng hợp)"]
        assert [r["action"] for r in audit_trail(con, since=(then + dt.timedelta(days=1)).date(),
                                                        until=(then + dt.timedelta(days=2)).date())] == \
            ["login", "account_created"]
        assert [r["user_name"] for r in audit_trail(con, actions=("login",))] == ["xem1"]
        assert len(audit_trail(con, user="quantri")) == 2


@pytest.mark.parametrize("args, message", [
    (("a", "mat-khau-du-dai", "admin"), "không hợp lệ"),
    (("quantri", "ngan", "admin"), "ít nhất 10 ký tự"),
    (("quantri", "quantri-2026-abc", "admin"), "không được chứa tên đăng nhập"),
    (("quantri", "mat-khau-du-dai", "boss"), "Vai trò 'boss' không có"),
    (("donvi", "mat-khau-du-dai", "unit"), "cần chọn đơn vị"),
    (("donvi", "mat-khau-du-dai", "unit", "KHONG-CO"), "Không có đơn vị mã KHONG-CO"),
    (("xem", "mat-khau-du-dai", "viewer", "X-MK"), "Chỉ tài khoản vai trò 'unit'"),
])
def test_bad_account_requests_are_refused_in_vietnamese(db, args, message):
    with open_accounts(db) as con:
        with pytest.raises(AccountError, match=message):
            add_account(con, *args[:3], unit_code=args[3] if len(args) > 3 else None, units=UNIT_CODES)
        assert accounts(con) == []


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_unit_account_cannot_load_rows_of_another_unit(db, tmp_path):
    huyen = Account("huyen.mk", None, "unit", "H-MK")
    own = report("Đảng bộ xã Bản Lầu", "2022-3-2")
    other = report("Thành ủy Lào Cai", "2022-3-2")
    before = _sha(db)
    mixed = load(write_csv(tmp_path / "bao_cao_huyen.csv", [REPORT_HEADER, own, other]), db, account=huyen)
    assert mixed.status == "rejected" and mixed.error_count == 1
    problem = mixed.errors[0]
    assert (problem.row, problem.value) == (3, "Thành ủy Lào Cai")
    assert "không thuộc Huyện ủy Mường Khương" in problem.message and "cán bộ tổng hợp" in problem.message
    assert _sha(db) == before                                          # nothing written
    units = load(write_csv(tmp_path / "don_vi.csv", UNITS), db, account=huyen)
    assert units.status == "rejected" and "chỉ nạp được báo cáo" in units.errors[0].message
    done = load(write_csv(tmp_path / "bao_cao_dung.csv", [REPORT_HEADER, own]), db, account=huyen)
    assert done.status == "committed" and done.imported == 1
    with open_accounts(db) as con:
        trail = [(r["user_name"], r["action"]) for r in audit_trail(con)]
    assert trail == [("huyen.mk", "upload"), ("huyen.mk", "upload_rejected"), ("huyen.mk", "upload_rejected"),
                     ("test (dòng lệnh, không đăng nhập)", "upload")]  # the fixture's catalogue load


def test_what_each_role_may_load_and_undo(db, tmp_path):
    rows = write_csv(tmp_path / "bao_cao.csv", [REPORT_HEADER, report("Đảng bộ xã Bản Lầu", "2022-3-2")])
    viewer, staff = Account("xem1", None, "viewer"), Account("tonghop", None, "staff")
    before = _sha(db)
    refused = load(rows, db, account=viewer)
    assert refused.status == "rejected" and "chỉ xem không được nạp" in refused.errors[0].message
    assert _sha(db) == before
    units = load(write_csv(tmp_path / "don_vi.csv", UNITS), db, account=staff)
    assert units.status == "rejected" and "Hãy gửi tệp này cho quản trị" in units.errors[0].message
    done = load(rows, db, account=staff)
    assert done.status == "committed"
    with pytest.raises(RollbackRefused, match="chỉ hoàn tác được lần nạp của chính mình"):
        rollback_upload(done.upload_id, str(db), account=Account("huyen.mk", None, "unit", "H-MK"))
    with pytest.raises(RollbackRefused, match="chỉ xem không được hoàn tác"):
        rollback_upload(done.upload_id, str(db), account=viewer)
    assert rollback_upload(done.upload_id, str(db), account=Account("quantri", None, "admin"))["removed"] == 1
    corrected = load(write_csv(tmp_path / "sua.csv", [REPORT_HEADER, report("Đảng bộ xã Bản Lầu", "2022-3-2")]),
                     db, account=staff)
    fixed = load(write_csv(tmp_path / "sua2.csv", [REPORT_HEADER, report("Đảng bộ xã Bản Lầu", "2022-3-2",
                                                                          members=(200, 10, 190))]), db, account=staff)
    assert (corrected.imported, fixed.updated) == (1, 1)
    with open_accounts(db) as con:
        trail = [(r["user_name"], r["action"]) for r in audit_trail(con)][:3]
    assert trail == [("tonghop", "correction"), ("tonghop", "upload"), ("quantri", "rollback")]


def _cli(db, *args, password=None):
    return subprocess.run([sys.executable, "-m", "etl", *args, "--db", str(db)], cwd=ROOT, input=password,
                          capture_output=True, text=True, timeout=120)


def test_command_line_creates_the_first_admin_from_a_password_it_is_given(db):
    first = _cli(db, "account", "first-admin")             # no terminal, no password: says what to run
    assert first.returncode == 1 and "python -m etl account add quantri --role admin" in first.stderr
    made = _cli(db, "account", "add", "quantri", "--role", "admin", "--name", "Trần Thị B", "--password-stdin",
                password="mot-mat-khau-dai\n")
    assert made.returncode == 0 and "Đã tạo tài khoản quantri (Quản trị)" in made.stdout, made.stderr
    assert _cli(db, "account", "first-admin").returncode == 0            # an admin exists: nothing asked
    again = _cli(db, "account", "add", "quantri", "--role", "admin", "--password-stdin", password="mot-mat-khau-dai\n")
    assert again.returncode == 1 and "đã có" in again.stderr
    short = _cli(db, "account", "add", "xem1", "--role", "viewer", "--password-stdin", password="ngan\n")
    assert short.returncode == 1 and "ít nhất 10 ký tự" in short.stderr
    unit = _cli(db, "account", "add", "xa.mk", "--role", "unit", "--unit", "X-MK", "--password-stdin",
                password="mat-khau-cua-xa\n")
    assert unit.returncode == 0, unit.stderr
    listed = _cli(db, "account", "list")
    assert "quantri  Quản trị" in listed.stdout and "xa.mk  Đơn vị  X-MK" in listed.stdout
    assert "xem1" not in listed.stdout
    with open_accounts(db) as con:
        assert authenticate(con, "quantri", "mot-mat-khau-dai").role == "admin"


def test_command_line_load_and_rollback_under_an_account(db, tmp_path):
    with open_accounts(db) as con:
        add_account(con, "xa.mk", "mat-khau-cua-xa", "unit", unit_code="X-MK", units=UNIT_CODES)
        add_account(con, "xem1", "mat-khau-nguoi-xem", "viewer")
    own = write_csv(tmp_path / "xa.csv", [REPORT_HEADER, report("Đảng ủy xã Mường Khương", "2025-2-9",
                                                                 date="10/10/2025")])
    other = write_csv(tmp_path / "phuong.csv", [REPORT_HEADER, report("Đảng ủy phường Cam Đường", "2025-2-9",
                                                                       date="10/10/2025")])
    wrong = _cli(db, "load", str(own), "--account", "xa.mk", "--password-stdin", password="sai-mat-khau-roi\n")
    assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    outside = _cli(db, "load", str(other), "--account", "xa.mk", "--password-stdin", password="mat-khau-cua-xa\n")
    assert outside.returncode == 1 and "không thuộc Đảng ủy xã Mường Khương" in outside.stdout
    viewer = _cli(db, "load", str(own), "--account", "xem1", "--password-stdin", password="mat-khau-nguoi-xem\n")
    assert viewer.returncode == 1 and "chỉ xem không được nạp" in viewer.stdout
    done = _cli(db, "load", str(own), "--account", "xa.mk", "--password-stdin", password="mat-khau-cua-xa\n")
    assert done.returncode == 0, done.stdout
    undo = _cli(db, "rollback", "2", "--account", "xem1", "--password-stdin", password="mat-khau-nguoi-xem\n")
    assert undo.returncode == 1 and "chỉ xem không được hoàn tác" in undo.stderr
    assert _cli(db, "uploads").stdout.splitlines()[-1].split()[3] == "xa.mk"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _typed(monkeypatch, *entries: str) -> list[str]:
    """`getpass` answers with `entries` in turn on a fake terminal; the prompts it was asked come back."""
    answers, prompts = iter(entries), []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or next(answers))
    return prompts


def test_first_admin_on_a_terminal_says_the_rules_and_asks_again_until_the_password_keeps_them(db, monkeypatch,
                                                                                                 capsys):
    prompts = _typed(monkeypatch, "ngan",                                         # too short
                     "mat-khau-du-dai", "mat-khau-khac-han",                      # typed differently
                     "quantri-2026-abc",                                          # holds the user name
                     "mot-mat-khau-dai", "mot-mat-khau-dai")
    assert main(["account", "first-admin", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    rules = f"Yêu cầu mật khẩu: ít nhất {MIN_PASSWORD} ký tự, không chứa tên đăng nhập ('quantri')."
    assert rules in out and out.index(rules) < out.index("Hãy nhập lại")            # said before asking
    for problem in ("Mật khẩu phải có ít nhất 10 ký tự.", "Hai lần nhập mật khẩu không khớp.",
                    "Mật khẩu không được chứa tên đăng nhập."):
        assert f"{problem} Hãy nhập lại" in out
    assert "Đã tạo tài khoản quantri" in out and len(prompts) == 6
    with open_accounts(db) as con:
        assert authenticate(con, "quantri", "mot-mat-khau-dai").role == "admin"


def test_first_admin_gives_up_after_five_wrong_entries(db, monkeypatch, capsys):
    _typed(monkeypatch, *["ngan"] * 5)
    assert main(["account", "first-admin", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Sau 5 lần nhập, mật khẩu vẫn chưa hợp lệ (Mật khẩu phải có ít nhất 10 ký tự)" in err
    with open_accounts(db) as con:
        assert accounts(con) == []


def test_a_unit_account_for_a_unit_that_ended_or_has_not_begun_is_made_with_a_warning(db):
    made = _cli(db, "account", "add", "huyen.mk", "--role", "unit", "--unit", "H-MK", "--password-stdin",
                password="mat-khau-cua-huyen\n")
    assert made.returncode == 0, made.stderr
    assert ("Lưu ý: Huyện ủy Mường Khương đã kết thúc hoạt động ngày 30/06/2025 (sắp xếp lại tổ chức, bỏ cấp "
            "huyện). Tài khoản này sẽ xem số liệu theo cây tổ chức đến ngày đó.") in made.stdout
    current = _cli(db, "account", "add", "xa.mk", "--role", "unit", "--unit", "X-MK", "--password-stdin",
                   password="mat-khau-cua-xa\n")
    assert current.returncode == 0 and "Lưu ý" not in current.stdout
    future = {"name": "Đảng ủy xã Tân Lập", "valid_from": dt.date(2027, 1, 1), "valid_to": None}
    assert unit_dates_warning(future, today=NOW.date()) == (
        "Lưu ý: Đảng ủy xã Tân Lập bắt đầu hoạt động từ ngày 01/01/2027. Tài khoản này sẽ xem số liệu theo cây tổ "
        "chức từ ngày đó.")
    assert unit_dates_warning(future, today=dt.date(2027, 1, 1)) is None
