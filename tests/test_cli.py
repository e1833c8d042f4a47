"""The command-line contract: python -m etl init | load | template | stats | rollback | uploads | report-settings."""
import csv
import json
import subprocess
import sys

import openpyxl
import pytest

from conftest import PERIODS, ROOT, TOPICS, UNITS, report, write_csv


def etl(*args, check=None):
    done = subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if check is not None:
        assert done.returncode == check, done.stdout + done.stderr
    return done


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    etl("init", "--db", path, check=0)
    files = [write_csv(tmp_path / n, rows) for n, rows in (("u.csv", UNITS), ("p.csv", PERIODS), ("t.csv", TOPICS))]
    out = json.loads(etl("load", *files, "--db", path, "--json", check=0).stdout)
    assert out["status"] == "committed" and out["imported"] == len(UNITS) + len(PERIODS) + len(TOPICS) - 3
    return path


def test_load_json_contract_and_exit_codes(db, tmp_path):
    good = write_csv(tmp_path / "good.csv", [["Đơn vị", "Đợt", "Tổng số chi bộ", "Số chi bộ đã sinh hoạt"],
                                             ["Bản Lầu", "2022-3-2", "46", "44"]])
    dry = json.loads(etl("load", good, "--db", db, "--dry-run", "--json", check=0).stdout)
    assert dry["status"] == "dry-run" and dry["imported"] == 1 and dry["upload_id"] is None
    done = json.loads(etl("load", good, "--db", db, "--json", "--user", "chuyenvien", check=0).stdout)
    assert {"status", "imported", "updated", "unchanged", "skipped", "warnings", "errors", "upload_id"} <= set(done)
    assert (done["status"], done["imported"], done["upload_id"]) == ("committed", 1, 2)
    bad = write_csv(tmp_path / "bad.csv", [["Đơn vị", "Đợt", "Tổng số chi bộ", "Số chi bộ đã sinh hoạt"],
                                           ["Bản Lầu", "2022-19-5", "46", "47"]])
    rejected = json.loads(etl("load", bad, "--db", db, "--json", check=1).stdout)
    assert rejected["status"] == "rejected"
    assert rejected["errors"] == [{"file": "bad.csv", "row": 2, "column": "D (Số chi bộ đã sinh hoạt)", "value": "47",
                                   "message": "Số chi bộ đã sinh hoạt (47) lớn hơn tổng số chi bộ (46); hãy kiểm tra lại hai số này.",
                                   "hint": None}]
    etl("load", "--db", db, check=2)
    etl("load", good, "--kind", "nonsense", check=2)
    text = etl("load", bad, "--db", db, check=1).stdout
    assert "bad.csv, dòng 2, cột D (Số chi bộ đã sinh hoạt): “47”" in text


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_every_template_round_trips_through_load_and_stats(tmp_path, suffix):
    db = tmp_path / "t.duckdb"
    filled = {
        "units": UNITS[1:3], "periods": PERIODS[1:2], "topics": TOPICS[1:2],
        "reports": [report("Huyện ủy Mường Khương", "2022-3-2", topic="KL21", cells=(46, 44), members=("3.702", "0", "trên 3.550"))],
    }
    for kind, rows in filled.items():
        path = tmp_path / f"{kind}.{suffix}"
        etl("template", kind, "-o", path, check=0)
        if suffix == "csv":
            with open(path, "a", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
        else:
            book = openpyxl.load_workbook(path)
            for row in rows:
                book.active.append(row)
            book.save(path)
        out = json.loads(etl("load", path, "--db", db, "--json", check=0).stdout)
        assert out["imported"] == len(rows), out
    result = json.loads(etl("stats", "--db", db, "--json", "--topic", "KL21", check=0).stdout)
    assert result == [{"code": "H-MK", "group": "Huyện ủy Mường Khương", "cells_expected": 46, "cells_held": 44,
                       "members_total": 3702, "members_eligible": 3702, "members_participating": 3550,
                       "cells_expected_qualifier": None, "cells_held_qualifier": None,
                       "members_total_qualifier": None, "members_exempt_qualifier": None,
                       "members_participating_qualifier": "at_least",
                       "approximate": "Đảng viên tham gia: trên 3.550", "cell_rate": 0.9565, "member_rate": 0.9589, "reports_expected": 1, "reports_received": 1,
                       "reports_on_time": 1, "reports_missing": 0, "reports_pending": 0, "status": "below",
                       "status_name": "Chưa đạt chỉ tiêu", "status_note": "Chưa đạt: chi bộ 95,7 %",
                       "status_remark": ""}]
    text = etl("stats", "--db", db, check=0).stdout
    assert "44/46 chi bộ (95,7 %), trên 3.550/3.702 đảng viên (95,9 %)" in text   # as the report wrote it


def test_rollback_command(db, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Đơn vị", "Đợt", "Tổng số chi bộ", "Số chi bộ đã sinh hoạt"],
                                          ["Bản Lầu", "2022-3-2", "46", "44"]])
    upload = json.loads(etl("load", path, "--db", db, "--json", check=0).stdout)["upload_id"]
    assert "xóa 1 dòng" in etl("rollback", upload, "--db", db, check=0).stdout
    assert "đã được hoàn tác" in etl("rollback", upload, "--db", db, check=1).stderr
    assert json.loads(etl("stats", "--db", db, "--json", check=0).stdout)[0]["reports_received"] == 0
    assert "Không có đợt mã 2099-3-2" in etl("stats", "--db", db, "--period", "2099-3-2", check=1).stderr


def test_demo_province(tmp_path):
    db = tmp_path / "demo.duckdb"
    out = etl("init", "--db", db, "--demo", check=0).stdout
    assert "12 dòng sửa" in out
    rows = json.loads(etl("stats", "--db", db, "--json", "--period", "2022-3-2", check=0).stdout)
    assert len(rows) == 8                                   # the eight district-level committees of 2022
    assert any(r["reports_received"] < r["reports_expected"] for r in
               json.loads(etl("stats", "--db", db, "--json", check=0).stdout))
    after = json.loads(etl("stats", "--db", db, "--json", "--period", "2026-3-2", check=0).stdout)
    assert len(after) == 12 and all(r["group"].startswith("Đảng ủy") for r in after)
    again = etl("init", "--db", db, "--demo", check=1)     # once only: the same files again would be old figures
    assert "đã có danh mục đơn vị hoặc báo cáo" in again.stderr and "Traceback" not in again.stderr


def test_uploads_and_report_settings(db):
    history = etl("uploads", "--db", db, check=0).stdout.splitlines()
    assert len(history) == 1 and history[0].startswith("   1  ")
    assert history[0].endswith("u.csv; p.csv; t.csv  thêm 12, sửa 0, không đổi 0, bỏ qua 0  [committed]")
    assert "--signer-name SIGNER_NAME" in etl("report-settings", "--help", check=0).stdout
    typed = etl("report-settings", "--db", db, "--issuer", " Ban Tuyên giáo và Dân vận ", "--recipient", "Lưu",
                "--recipient", " ", check=0).stdout
    assert typed.startswith("Đã lưu ") and typed.endswith("Nơi nhận: Lưu\n")
    shown = etl("report-settings", "--db", db, check=0).stdout
    assert "Đã lưu" not in shown and "Cơ quan ban hành: Ban Tuyên giáo và Dân vận\nSố, ký hiệu: (chưa nhập)" in shown
