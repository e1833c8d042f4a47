"""A catalogue file that changes what the dashboard counts says each change aloud, old -> new, in the dry run; a
second province's units loaded by mistake never leave the dashboard on an empty tree."""
import datetime as dt

import duckdb

from analytics.catalog import parent_units
from analytics.queries import Filters, root_code, stats
from analytics.snapshot import SnapshotHolder
from analytics.view import along_path
from etl.loader import rollback_upload
from etl.schema import rebuild_unit_tree

from conftest import REPORT_HEADER, TOPICS, UNITS, load, open_app, report, texts, write_csv

OTHER_PROVINCE = [UNITS[0], ["LC", "Tỉnh ủy Lai Châu", "tỉnh ủy", "", "01/01/2010", ""],
                  ["LC-1", "Huyện ủy Tam Đường", "huyện ủy", "LC", "01/01/2010", ""]]


def _warnings(summary) -> list[str]:
    return [str(w) for w in summary.warnings]


def test_renamed_moved_and_new_top_units_are_listed_old_to_new(db, tmp_path):
    changed = [UNITS[0]] + [row[:] for row in UNITS[1:]]
    changed[3][1] = "Đảng bộ xã Bản Lầu (mới)"                 # H-MK-1 renamed
    changed[4][3] = "TP-LC"                                    # H-MK-2 moved under the city
    changed[6][5] = "31/12/2030"                               # X-MK gets an end date
    summary = load(write_csv(tmp_path / "units.csv", changed), db, dry_run=True)
    assert summary.status == "dry-run"
    warned = _warnings(summary)
    assert any("Đổi tên đơn vị mã H-MK-1: Đảng bộ xã Bản Lầu → Đảng bộ xã Bản Lầu (mới)." in w
               for w in warned), warned
    assert any("Đơn vị Đảng bộ thị trấn Mường Khương chuyển sang cấp trên khác: Huyện ủy Mường Khương (H-MK) → "
               "Thành ủy Lào Cai (TP-LC)." in w for w in warned), warned
    assert any("Đơn vị Đảng ủy xã Mường Khương đổi hiệu lực đến: (trống) → 31/12/2030." in w for w in warned), warned
    assert len(warned) == 3, warned
    other = load(write_csv(tmp_path / "lai_chau.csv", OTHER_PROVINCE), db, dry_run=True)
    assert any("Thêm đơn vị cấp cao nhất thứ hai: Tỉnh ủy Lai Châu, bên cạnh Tỉnh ủy Lào Cai" in w
               for w in _warnings(other))


def test_a_renamed_topic_is_said(db, tmp_path):
    topics = [TOPICS[0], [TOPICS[1][0], "Kết luận 21-KL/TW (tên mới)"], TOPICS[2]]
    summary = load(write_csv(tmp_path / "topics.csv", topics), db)
    assert summary.status == "committed" and summary.updated == 1
    assert any("Đổi tên chuyên đề mã KL21: Kết luận 21-KL/TW về xây dựng, chỉnh đốn Đảng → Kết luận 21-KL/TW "
               "(tên mới)." in w for w in _warnings(summary))


def test_a_second_province_never_leaves_the_dashboard_empty(db, tmp_path, monkeypatch):
    from conftest import REPORT_HEADER, report
    assert load(write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("H-MK", "2022-3-2")]), db).status == "committed"
    assert load(write_csv(tmp_path / "lai_chau.csv", OTHER_PROVINCE), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        assert root_code(con) == "T"          # "LC" sorts first, but the figures are under T
    app = open_app(db, monkeypatch, "tong_quan", ke_hoach="01-KH/TU", dot="2022-3-2")
    assert app.session_state["f_unit"] == "T"
    assert not any("Chưa có báo cáo" in i.value for i in texts(app.info))


def test_an_occasion_without_a_deadline_is_warned_of(db, tmp_path):
    periods = [["Mã đợt", "Tên đợt", "Kế hoạch", "Từ ngày"], ["2023-3-2", "Dịp 3-2 năm 2023", "02-KH/TU", "05/01/2023"]]
    summary = load(write_csv(tmp_path / "dot.csv", periods), db, dry_run=True)
    assert any("Đợt Dịp 3-2 năm 2023 không có hạn báo cáo hay ngày kết thúc" in str(w) for w in summary.warnings)


def test_a_parent_mismatch_with_a_missing_figure_is_said_not_crashed(db, tmp_path):
    from conftest import REPORT_HEADER, report
    header = [c for c in REPORT_HEADER if c not in ("Tổng số chi bộ", "Số chi bộ đã sinh hoạt")]
    children = [header] + [report(u, "2022-3-2")[:3] + report(u, "2022-3-2")[5:] for u in ("H-MK-1", "H-MK-2")]
    assert load(write_csv(tmp_path / "con.csv", children), db).status == "committed"
    parent = load(write_csv(tmp_path / "cha.csv", [REPORT_HEADER, report("H-MK", "2022-3-2", cells=(20, 18))]), db)
    assert parent.status == "committed"
    assert any("Số chi bộ sinh hoạt: đơn vị ghi 18; cộng các đơn vị trực thuộc được không ghi." in str(w)
               for w in parent.warnings), [str(w) for w in parent.warnings]


def test_the_sidebar_lists_each_unit_under_its_parent_whatever_the_names(db, tmp_path):
    """Siblings in Vietnamese order, each followed by its own units, even when one sibling's name starts with
    another's or holds a slash; in the database file and in the read copy alike."""
    columns = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]
    rows = [["A", "Đảng bộ Bắc Hà", "X-MK", "01/07/2025"], ["A-CU", "Đảng bộ Bắc Hà (cũ)", "X-MK", "01/07/2025"],
            ["A-X", "Đảng bộ Bắc Hà / Chi bộ 1", "X-MK", "01/07/2025"], ["A-1", "Chi bộ Zin", "A", "01/07/2025"],
            ["A-CU-1", "Chi bộ Ải", "A-CU", "01/07/2025"], ["A-X-1", "Chi bộ Bản", "A-X", "01/07/2025"],
            ["A-1-1", "Tổ 1", "A-1", "01/07/2025"], ["A-CU-1-1", "Tổ 1", "A-CU-1", "01/07/2025"]]
    assert load(write_csv(tmp_path / "u.csv", [columns] + rows), db).status == "committed"
    expected = ["T", "X-MK", "A", "A-1", "A-CU", "A-CU-1", "A-X", "H-MK"]    # Đảng… before Huyện…
    with duckdb.connect(str(db), read_only=True) as con:
        listed = parent_units(con)
    assert [u["code"] for u in listed] == expected
    assert [u["depth"] for u in listed] == [0, 1, 2, 3, 2, 3, 2, 1]
    shown = SnapshotHolder(db).current()
    assert parent_units(shown.con.cursor()) == listed


def test_the_unit_list_offers_the_path_to_the_chosen_unit_and_what_is_right_under_each_step(db, tmp_path,
                                                                                         monkeypatch):
    columns = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]
    rows = [["A", "Đảng bộ Bắc Hà", "X-MK", "01/07/2025"], ["A-CU", "Đảng bộ Cốc Ly", "X-MK", "01/07/2025"],
            ["A-1", "Chi bộ Zin", "A", "01/07/2025"], ["A-CU-1", "Chi bộ Ải", "A-CU", "01/07/2025"],
            ["A-1-1", "Tổ 1", "A-1", "01/07/2025"], ["A-CU-1-1", "Tổ 1", "A-CU-1", "01/07/2025"]]
    assert load(write_csv(tmp_path / "u.csv", [columns] + rows), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        listed = parent_units(con)
    assert [u["code"] for u in listed] == ["T", "X-MK", "A", "A-1", "A-CU", "A-CU-1", "H-MK"]
    assert [u["code"] for u in along_path(listed, "T")] == ["T", "X-MK", "H-MK"]
    assert [u["code"] for u in along_path(listed, "A-CU")] == ["T", "X-MK", "A", "A-CU", "A-CU-1", "H-MK"]
    app = open_app(db, monkeypatch, "theo_don_vi", ke_hoach="02-KH/TU", don_vi="A-CU", ngay="2025-09-01")
    indent = "\u00a0" * 3    # the district committees ended on 30/06/2025: not in the list of 01/09/2025
    assert app.selectbox(key="f_unit").options == ["Tỉnh ủy Lào Cai", indent + "Đảng ủy xã Mường Khương",
                                                   indent * 2 + "Đảng bộ Bắc Hà", indent * 2 + "Đảng bộ Cốc Ly",
                                                   indent * 3 + "Chi bộ Ải"]


def test_a_unit_whose_parent_is_gone_heads_its_own_tree_with_its_figures(db, tmp_path):
    """A database left by a rollback from before rollbacks kept the tree whole: the unit whose parent went is a top
    of its own, listed, with its units and their reports counted, not shown as owing what they sent."""
    columns = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]
    rows = [["X-B", "Đảng ủy xã Bản Phố", "T", "01/07/2025"], ["CB-C", "Chi bộ thôn Cốc Chứ", "X-B", "01/07/2025"],
            ["TO-1", "Tổ đảng số 1", "CB-C", "01/07/2025"]]
    assert load(write_csv(tmp_path / "u.csv", [columns] + rows), db).status == "committed"
    reported = load(write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("TO-1", "2025-2-9", date="10/09/2025")]), db)
    assert reported.status == "committed", reported.errors
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM units WHERE code = 'X-B'")
        rebuild_unit_tree(con)
        listed = parent_units(con)
        assert ("CB-C", 0) in [(u["code"], u["depth"]) for u in listed]
        (row,) = stats(con, "unit", Filters("CB-C", ("2025-2-9",)), today=dt.date(2025, 12, 1))
        counts = (row["reports_expected"], row["reports_received"], row["reports_missing"])
        assert row["code"] == "TO-1" and counts == (1, 1, 0)
    rollback_upload(reported.upload_id, str(db))      # the old gap does not stand in the way of other rollbacks
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
