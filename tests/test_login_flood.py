"""Issue 12, items 4, 8 and 9: a flood of logins gets a few password checks, a slowing throttle and a few audit
lines; every failure answers alike and as slowly; nobody can lock the admin out; the accounts file and the cookie
key are the server user's only."""
import datetime as dt
import logging
import statistics
import threading
import time

import pytest

import security.passwords as passwords
import security.sessions as sessions
from security import AccountError, throttle
from security.accounts import add_account, set_active
from security.audit import audit_trail
from security.passwords import BUSY
from security.sessions import WRONG, authenticate, log_in
from security.store import open_accounts, security_path

NOW = dt.datetime(2026, 11, 22, 8, 0)
PASSWORD = "mat-khau-du-dai"


@pytest.fixture
def logins(monkeypatch):
    """A throttle of the test's own: failures left by other tests do not count."""
    fresh = throttle.Throttle()
    monkeypatch.setattr(sessions, "LOGINS", fresh)
    return fresh


@pytest.fixture
def people(db, logins):
    with open_accounts(db) as con:
        add_account(con, "quantri", PASSWORD, "admin", now=NOW)
        add_account(con, "tonghop", PASSWORD, "staff", now=NOW)
        add_account(con, "nghi.viec", PASSWORD, "viewer", now=NOW)
        set_active(con, "nghi.viec", False, by="quantri", now=NOW)
    return db


class _Counted:
    """Argon2 as the accounts use it, counting verifications and the most that ran at once."""

    def __init__(self, hasher):
        self.hasher, self.calls, self.running, self.most = hasher, 0, 0, 0
        self.lock = threading.Lock()

    def hash(self, password):
        return self.hasher.hash(password)

    def verify(self, stored, password):
        with self.lock:
            self.calls, self.running = self.calls + 1, self.running + 1
            self.most = max(self.most, self.running)
        try:
            return self.hasher.verify(stored, password)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def checks(monkeypatch):
    counted = _Counted(passwords._HASHER)
    monkeypatch.setattr(passwords, "_HASHER", counted)
    return counted


def answer(db, username, password, address, now=NOW) -> str:
    try:
        return log_in(db, username, password, address, now).username
    except AccountError as problem:
        return str(problem)


def lock_out(db, username="quantri") -> None:
    """Six wrong passwords, each from an address of its own, as a spread-out attacker sends them."""
    for attempt in range(6):
        assert answer(db, username, f"doan-mo-{attempt}", f"203.0.113.{attempt}") == WRONG


def test_repeated_failures_wait_longer_and_longer_per_address_and_name(logins):
    second = dt.timedelta(seconds=1)
    for _ in range(throttle.FREE_PER_NAME):
        assert logins.admit("203.0.113.9", "quantri", NOW) == 0
    assert logins.admit("203.0.113.9", "quantri", NOW) == 1            # the sixth try waits a second
    assert logins.admit("203.0.113.9", "quantri", NOW + second) == 0
    assert logins.admit("203.0.113.9", "quantri", NOW + second) == 2   # then two, four, ... up to a minute
    assert logins.admit("198.51.100.7", "quantri", NOW) == 0           # the admin's own address is not slowed
    assert logins.clean("198.51.100.7", NOW) is False and logins.clean("192.0.2.1", NOW) is True
    logins.passed("198.51.100.7", "quantri")
    assert logins.clean("198.51.100.7", NOW) is True
    assert logins.admit("203.0.113.9", "quantri", NOW + throttle.WINDOW + 3 * second) == 0   # forgotten


def test_every_failure_answers_alike(people):
    lock_out(people)
    assert answer(people, "khong.co", PASSWORD, "192.0.2.1") == WRONG            # no such account
    assert answer(people, "tonghop", "sai-mat-khau", "192.0.2.2") == WRONG       # wrong password
    assert answer(people, "quantri", "sai-mat-khau", "192.0.2.3") == WRONG       # locked: no "tạm khóa đến"
    assert answer(people, "nghi.viec", "sai-mat-khau", "192.0.2.4") == WRONG     # disabled
    # only the right password learns the state of its account
    assert "đã bị khóa" in answer(people, "nghi.viec", PASSWORD, "192.0.2.5")
    assert "tạm khóa đến" in answer(people, "quantri", PASSWORD, "203.0.113.0")  # from an address that guessed


def test_a_locked_account_still_opens_to_its_password_from_an_address_without_failures(people):
    lock_out(people)
    assert answer(people, "quantri", PASSWORD, "198.51.100.7") == "quantri"      # the admin is not shut out
    with open_accounts(people) as con:
        assert con.execute("SELECT locked_until FROM accounts WHERE username = 'quantri'").fetchone() == (None,)


def test_every_failure_takes_as_long_as_a_wrong_password(people):
    lock_out(people)
    answer(people, "khong.co", "hom-nay", "192.0.2.250")       # the stand-in hash is made once, outside the timing
    kinds = ("tonghop", "khong.co", "quantri", "nghi.viec")    # wrong password, unknown, locked, disabled
    times = {kind: [] for kind in kinds}
    for attempt in range(7):                                   # in turns, so a busy moment of the machine hits all
        for number, kind in enumerate(kinds):
            start = time.perf_counter()
            assert answer(people, kind, f"sai-{attempt}", f"192.0.{number}.{attempt}") == WRONG
            times[kind].append(time.perf_counter() - start)
    wrong = statistics.median(times["tonghop"])
    for kind in kinds[1:]:
        assert 0.5 < statistics.median(times[kind]) / wrong < 2, (kind, times)


def test_password_checks_run_a_few_at_a_time(people, checks):
    answers = []
    threads = [threading.Thread(target=lambda i=i: answers.append(
        answer(people, "quantri", f"sai-{i}", f"203.0.113.{i}"))) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert checks.most <= throttle.CONCURRENT_CHECKS
    assert set(answers) <= {WRONG, BUSY} and len(answers) == 12


def test_a_try_that_waits_too_long_is_answered_busy_without_a_check(people, checks, monkeypatch):
    monkeypatch.setattr(passwords, "BUSY_WAIT", 0.2)
    for _ in range(throttle.CONCURRENT_CHECKS):          # every check is taken, as in a flood
        throttle.CHECKS.acquire()
    try:
        start = time.perf_counter()
        assert answer(people, "quantri", PASSWORD, "198.51.100.7") == BUSY
        assert time.perf_counter() - start < 1
    finally:
        for _ in range(throttle.CONCURRENT_CHECKS):
            throttle.CHECKS.release()
    assert checks.calls == 0
    assert BUSY == "Hệ thống đang bận, hãy thử lại sau ít phút."


def test_fifty_tries_at_once_from_one_address_get_few_checks(people, checks):
    answers = []
    threads = [threading.Thread(target=lambda i=i: answers.append(
        answer(people, "quantri", f"sai-{i}", "203.0.113.50"))) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert checks.calls <= throttle.FREE_PER_NAME
    waits = [a for a in answers if a.startswith("Đăng nhập sai nhiều lần. Hãy đợi")]
    assert len(waits) >= 50 - throttle.FREE_PER_NAME


def test_a_flood_leaves_one_audit_line_per_name_address_and_minute(people, monkeypatch):
    monkeypatch.setattr(throttle, "FREE_PER_NAME", 100)       # the trail, not the throttle, is under test here
    for second in range(8):
        answer(people, "quantri", "sai-mat-khau", "203.0.113.8", NOW + dt.timedelta(seconds=second))
    answer(people, "quantri", "sai-mat-khau", "203.0.113.8", NOW + dt.timedelta(seconds=61))
    with open_accounts(people) as con:
        lines = [row["detail"] for row in audit_trail(con, user="quantri", actions=("login_failed",))]
    assert lines == ["sai mật khẩu, từ 203.0.113.8",
                     "sai mật khẩu, từ 203.0.113.8 (8 lần trong phút 08:00)"]


def test_the_command_line_keeps_its_lock(people):
    """Without an address (the command line) the lock holds even for the right password, as before."""
    with open_accounts(people) as con:
        for attempt in range(5):
            with pytest.raises(AccountError, match=WRONG):
                authenticate(con, "tonghop", f"sai-{attempt}", NOW)
        with pytest.raises(AccountError, match="tạm khóa đến 08:15"):
            authenticate(con, "tonghop", PASSWORD, NOW + dt.timedelta(minutes=1))


def test_the_accounts_file_is_the_server_users_only(db):
    path = security_path(db)
    with open_accounts(db) as con:
        add_account(con, "quantri", PASSWORD, "admin", now=NOW)
        assert not path.with_name(path.name + ".wal").exists()     # the commit went straight into the file
    assert path.stat().st_mode & 0o777 == 0o600


def test_an_accounts_file_others_could_read_is_made_private(db, caplog):
    with open_accounts(db):
        pass
    path = security_path(db)
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING), open_accounts(db):
        pass
    assert path.stat().st_mode & 0o777 == 0o600
    assert "đã đặt lại quyền 0600" in caplog.text


def test_a_cookie_key_others_could_read_is_made_private(tmp_path, monkeypatch, caplog):
    from ui.auth import cookie_signer

    key = tmp_path / "cookie-secret"
    key.write_text("khoa-cu")
    key.chmod(0o644)
    monkeypatch.setenv("DASHBOARD_SECRET_FILE", str(key))
    with caplog.at_level(logging.WARNING):
        cookie_signer()
    assert key.stat().st_mode & 0o777 == 0o600
    assert "đã đặt lại quyền 0600" in caplog.text
