"""A file sent again after a correction, or rows older than a later upload's, turn figures back only when the user
says so: the dry run and the refusal list each figure, from what to what, and the upload that set it."""
import hashlib
import subprocess
import sys

from conftest import CORRECTED, ORIGINAL, REPORT_HEADER, ROOT, load, report, write_csv


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrected(db, tmp_path):
    original = write_csv(tmp_path / "bao_cao.csv", ORIGINAL)
    assert load(original, db).status == "committed"
    correction = load(write_csv(tmp_path / "bao_cao_sua.csv", CORRECTED), db)
    assert (correction.status, correction.updated) == ("committed", 1)
    return original, correction.upload_id


def test_sending_the_original_again_after_a_correction_needs_a_confirmation(db, tmp_path):
    original, corrected_by = _corrected(db, tmp_path)
    before = _sha(db)
    for dry_run in (True, False):
        summary = load(original, db, dry_run=dry_run)
        assert (summary.status, summary.needs_confirmation) == ("rejected", True)
        assert _sha(db) == before
    changes = {(r.unit, r.column): (r.current, r.incoming, r.upload_id) for r in summary.reverts}
    assert set(changes) == {("Đảng bộ xã Bản Lầu", "Số đảng viên tham gia"), ("Đảng bộ xã Bản Lầu", "Ngày báo cáo")}
    assert changes["Đảng bộ xã Bản Lầu", "Số đảng viên tham gia"] == (188, 185, corrected_by)
    line = str(next(r for r in summary.reverts if r.column == "Số đảng viên tham gia"))
    assert "đang là 188" in line and "tệp này ghi 185" in line and f"lần nạp số {corrected_by}" in line
    assert "bao_cao_sua.csv" in line and "trùng nội dung một lần nạp trước" in line
    confirmed = load(original, db, allow_revert=True)
    assert confirmed.status == "committed" and confirmed.updated == 1 and confirmed.reverts


def test_an_older_report_date_is_a_revert_even_in_a_new_file(db, tmp_path):
    _corrected(db, tmp_path)
    older = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 180), date="01/03/2022")]
    summary = load(write_csv(tmp_path / "cu.csv", older), db)
    assert summary.needs_confirmation
    (figure,) = [r for r in summary.reverts if r.column == "Số đảng viên tham gia"]
    assert (figure.current, figure.incoming) == (188, 180)
    assert "ngày báo cáo trong tệp (01/03/2022) cũ hơn ngày của số đang dùng (12/03/2022)" in str(figure)


def test_a_newer_correction_is_no_revert(db, tmp_path):
    _corrected(db, tmp_path)
    newer = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 189), date="15/03/2022")]
    summary = load(write_csv(tmp_path / "moi.csv", newer), db)
    assert summary.status == "committed" and not summary.reverts


def test_the_command_line_asks_for_allow_revert(db, tmp_path):
    original, _ = _corrected(db, tmp_path)
    run = lambda *extra: subprocess.run([sys.executable, "-m", "etl", "load", str(original), "--db", str(db), *extra],  # noqa: E731
                                        cwd=ROOT, capture_output=True, text=True)
    refused = run()
    assert refused.returncode == 1
    assert "Số liệu đưa về giá trị cũ (2)" in refused.stdout and "--allow-revert" in refused.stdout
    assert run("--allow-revert").returncode == 0


def test_a_count_sent_again_with_its_old_qualifier_is_named_as_the_report_wrote_it(db, tmp_path):
    # "trên 185" corrected to an exact 185, then the first file again: only how the count was written goes back
    first = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, "trên 185"), date="10/03/2022")]
    exact = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 185), date="12/03/2022")]
    original = write_csv(tmp_path / "bao_cao.csv", first)
    assert load(original, db).status == "committed"
    assert load(write_csv(tmp_path / "bao_cao_sua.csv", exact), db).status == "committed"
    summary = load(original, db)
    assert summary.needs_confirmation
    (figure,) = [r for r in summary.reverts if r.column == "Số đảng viên tham gia"]
    assert (figure.current, figure.incoming) == (185, "trên 185")
    assert "đang là 185" in str(figure) and "tệp này ghi trên 185;" in str(figure)
    assert {r.column for r in summary.reverts} <= {"Số đảng viên tham gia", "Ngày báo cáo"}
