"""security.audit: each audited action is a small typed event; the trail reads back who did what in Vietnamese."""
import datetime as dt

from security.audit import (ACTIONS, LATE, AccountCreated, AccountSwitched, Exported, LoggedIn, LoggedOut, LoginFailed,
                            PasswordChanged, RolledBack, SettingsChanged, Uploaded, UploadRefused, audit_trail, record)
from security.store import open_accounts

EVENTS = [  # (event, the line's detail as Nhật ký shows it)
    (LoggedIn("203.0.113.9"), "từ 203.0.113.9"),
    (LoggedIn(via_provider=True), "qua cổng xác thực"),
    (LoginFailed("sai mật khẩu", "203.0.113.9"), "sai mật khẩu, từ 203.0.113.9"),
    (LoggedOut(), ""),
    (AccountCreated("xa.banlau", "Đơn vị", "X-BL"), "xa.banlau (Đơn vị, X-BL)"),
    (PasswordChanged("xa.banlau"), "xa.banlau"),
    (AccountSwitched("xa.banlau", active=False), "xa.banlau"),
    (AccountSwitched("xa.banlau", active=True), "xa.banlau"),
    (Uploaded(7, "bao_cao.xlsx", 3550, 0, 12), "lần nạp số 7: bao_cao.xlsx — thêm 3.550, cập nhật 0, không đổi 12 dòng"),
    (Uploaded(8, "sua.csv", 0, 2, 0, reverts=1, late=True),
     "lần nạp số 8: sua.csv — thêm 0, cập nhật 2, không đổi 0 dòng; người nạp đã đồng ý đưa 1 số liệu về giá trị cũ"
     + LATE),
    (UploadRefused("loi.csv", True, 1250, "Thiếu đợt."), "loi.csv (kiểm tra thử) — 1.250 lỗi, không ghi gì. Lỗi đầu: "
                                                         "Thiếu đợt."),
    (RolledBack(7, 3550, 0), "lần nạp số 7: xóa 3.550, khôi phục 0 dòng"),
    (RolledBack(8), "lần nạp số 8" + LATE),
    (Exported("ty-le.png", "Tỉnh ủy Sơn Hà · Dịp 3-2 năm 2022"), "ty-le.png — Tỉnh ủy Sơn Hà · Dịp 3-2 năm 2022"),
    (SettingsChanged("nơi ban hành: Sơn Hà"), "nơi ban hành: Sơn Hà"),
]


def test_every_action_has_an_event_and_reads_back_in_vietnamese(tmp_path):
    at = dt.datetime(2026, 11, 26, 9, 30)
    with open_accounts(tmp_path / "t.duckdb") as con:
        for event, _ in EVENTS:
            record(con, "quantri", event, at)
        trail = list(reversed(audit_trail(con)))
    assert [(row["action"], row["detail"]) for row in trail] == [(event.action, detail) for event, detail in EVENTS]
    assert {row["action"] for row in trail} == set(ACTIONS)            # no action without its event
    assert [row["action_name"] for row in trail][8:10] == ["Nạp tệp", "Nạp sửa số liệu"]
