"""Narrative reports and plans to proposed rows (issue 14, parts 2, 3 and 5): every document of the corpus under
tests/corpus/ gives the rows a person typed from it; every figure's source holds it as written; the command line
keeps its contract; checked proposals load through the loader, with the qualifier and the source document kept."""
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from extraction_score import CORPUS, comparable, expected, extract_corpus, plan_differences

from etl.documents import read_document
from etl.extract import COUNTS, propose
from etl.mentions import Catalogue

ROOT = Path(__file__).resolve().parent.parent
WANTED = expected()


@pytest.fixture(scope="module")
def proposals(demo) -> dict[str, dict]:
    return extract_corpus(str(demo))


@pytest.fixture(scope="module")
def catalogue(demo) -> Catalogue:
    return Catalogue.load(str(demo))


def etl(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def test_the_corpus_has_every_shape_the_issue_names():
    kinds = [want["kind"] for want in WANTED.values()]
    suffixes = {name.rsplit(".", 1)[1] for name in WANTED}
    assert len(WANTED) >= 25 and {"docx", "pdf", "txt"} <= suffixes
    assert kinds.count("plan") >= 3 and kinds.count("none") >= 2
    assert sum("scan" in want["shape"] for want in WANTED.values()) >= 2


@pytest.mark.parametrize("name", sorted(WANTED))
def test_each_document_proposes_the_rows_a_person_typed_from_it(name, proposals):
    want, got = WANTED[name], proposals[name]
    assert got["kind"] == want["kind"]
    assert [comparable(r) for r in got["rows"]] == [comparable(r) for r in want["rows"]]
    assert sorted(got["unmatched"]) == sorted(want.get("unmatched", []))
    if want["kind"] == "plan":
        assert plan_differences(want["plan"], got["plan"]) == []


@pytest.mark.parametrize("name", [n for n in sorted(WANTED) if WANTED[n]["kind"] == "report"])
def test_every_proposed_figure_stands_in_its_source_as_written(name, catalogue):
    proposal = propose(read_document(CORPUS / name), catalogue)
    for row in proposal.rows:
        for field in COUNTS:
            if field in row.counts and field not in row.derived:
                assert any(row.written[field] in source for source in row.source), (field, row.written[field])


def test_a_name_shared_by_a_district_and_a_later_commune_is_decided_by_the_dates(proposals):
    assert proposals["bao_cao_huyen_binh_son_19_5_2022.docx"]["rows"][0]["unit"] == "H-BS"
    assert proposals["bao_cao_binh_son_7_11_2025_bom.txt"]["rows"][0]["unit"] == "X-BS"


def test_extract_prints_the_contract_and_fails_only_for_an_unreadable_file(demo, tmp_path):
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    done = etl("extract", CORPUS / "bao_cao_huyen_binh_son_19_5_2022.docx", CORPUS / "ke_hoach_06_KH_TU_2027.docx",
               "--db", demo, "--json")
    assert done.returncode == 0, done.stderr
    report, plan = json.loads(done.stdout)
    assert {"file", "kind", "text_from", "rows", "unmatched"} <= set(report) and report["text_from"] == "docx"
    assert set(report["rows"][0]) >= {"unit", "unit_text", "period", "topics", *COUNTS, "qualifier", "derived",
                                      "source"}
    assert plan["kind"] == "plan" and set(plan["plan"]) >= {"number", "date", "issuer", "based_on", "periods"}
    assert set(plan["plan"]["periods"][0]) >= {"label", "anniversary", "start", "end", "deadline", "topics"}
    done = etl("extract", CORPUS / "zalo_ngoc_lam_2_9_2022.txt", broken, "--db", demo, "--json")
    assert done.returncode == 1
    good, bad = json.loads(done.stdout)
    assert good["rows"] and bad["rows"] == [] and "hong.pdf" in bad["error"]
    shown = etl("extract", CORPUS / "zalo_ngoc_lam_2_9_2022.txt", "--db", demo)
    assert "H-NL, đợt 2022-2-9" in shown.stdout and "khoảng 1.200" in shown.stdout


def test_checked_proposals_load_as_one_upload_that_keeps_the_document(demo_copy, tmp_path):
    source = CORPUS / "bao_cao_thanh_uy_son_ha_3_2_2023.docx"
    proposals = tmp_path / "de_xuat.json"
    proposals.write_text(etl("extract", source, "--db", demo_copy, "--json").stdout, encoding="utf-8")
    trial = etl("load", "--proposals", proposals, "--db", demo_copy, "--dry-run", "--json")
    assert json.loads(trial.stdout)["status"] == "dry-run"
    done = etl("load", "--proposals", proposals, "--db", demo_copy, "--json")
    summary = json.loads(done.stdout)
    assert done.returncode == 0 and summary["status"] == "committed", done.stdout + done.stderr
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        row = con.execute("SELECT cells_held, members_participating, qualifier FROM reports WHERE upload_id = ?",
                          [summary["upload_id"]]).fetchone()
        kept = con.execute("SELECT file_name, sha256, text FROM documents WHERE upload_id = ?",
                           [summary["upload_id"]]).fetchone()
    assert row == (46, 3550, "members_participating=at_least")
    assert kept[0] == source.name and len(kept[1]) == 64 and "trên 3.550 cán bộ, đảng viên" in kept[2]


def test_a_proposal_a_person_broke_is_refused_and_nothing_is_written(demo_copy, tmp_path):
    edited = tmp_path / "de_xuat.json"
    edited.write_text(json.dumps([{"file": "bc.docx", "kind": "report", "rows": [
        {"unit": "H-BS", "period": "2022-19-5", "topics": [], "cells_held": "bốn mươi"}]}]), encoding="utf-8")
    done = etl("load", "--proposals", edited, "--db", demo_copy)
    assert done.returncode == 1 and "Số chi bộ đã sinh hoạt" in done.stderr and "bốn mươi" in done.stderr
    edited.write_text(json.dumps([{"file": "bc.docx", "kind": "report", "rows": [
        {"unit": None, "unit_text": "Đảng bộ xã Tân Lập", "period": "2022-19-5", "topics": [], "cells_held": 4,
         "cells_expected": 5}]}]), encoding="utf-8")
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    done = etl("load", "--proposals", edited, "--db", demo_copy)
    assert done.returncode == 1 and "Tân Lập" in done.stdout + done.stderr
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == before
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_checked_plan_loads_its_rounds_into_the_catalogue(demo_copy, tmp_path):
    proposals = tmp_path / "ke_hoach.json"
    proposals.write_text(etl("extract", CORPUS / "ke_hoach_06_KH_TU_2027.docx", "--db", demo_copy, "--json").stdout,
                         encoding="utf-8")
    done = etl("load", "--proposals", proposals, "--db", demo_copy, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "committed", done.stdout + done.stderr
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        rounds = con.execute("SELECT code, plan_code, start_date, deadline FROM periods WHERE plan_code = '06-KH/TU' "
                             "ORDER BY start_date").fetchall()
        plan = con.execute("SELECT issuer, issued_on FROM plans WHERE code = '06-KH/TU'").fetchone()
    wanted = [p for p in WANTED["ke_hoach_06_KH_TU_2027.docx"]["plan"]["periods"]]
    assert [(r[2].isoformat(), r[3].isoformat() if r[3] else None) for r in rounds] == [
        (p["start"], p["deadline"]) for p in wanted]
    assert rounds[0][0] == "2027-3-2" and plan[0] == "Tỉnh ủy Sơn Hà" and plan[1].isoformat() == "2027-01-05"


def test_a_text_that_names_no_unit_goes_to_the_uploading_units_own(demo, tmp_path):
    message = tmp_path / "tin_nhan.txt"
    message.write_text("Báo cáo nhanh dịp 19-5 năm 2026: 8/8 chi bộ đã sinh hoạt, 203/215 đảng viên tham gia.",
                       encoding="utf-8")
    alone = json.loads(etl("extract", message, "--db", demo, "--json").stdout)[0]
    given = json.loads(etl("extract", message, "--db", demo, "--json", "--unit", "X-ML").stdout)[0]
    assert alone["rows"][0]["unit"] is None and alone["rows"][0]["period"] == "2026-19-5"
    row = given["rows"][0]
    assert (row["unit"], row["cells_held"], row["cells_expected"], row["members_participating"],
            row["members_total"]) == ("X-ML", 8, 8, 203, 215)


def test_the_grid_changes_a_qualifier_only_where_a_person_changed_it():
    from ui.documents import apply_edits

    read = [{"unit": "H-BS", "period": "2022-19-5", "topics": [], "cells_expected": None, "cells_held": None,
             "members_total": 1900, "members_exempt": None, "members_participating": 1700, "qualifier": "about",
             "qualified": {"members_total": "almost", "members_participating": "at_least"}}]
    assert apply_edits(read, {})[0]["qualified"] == {"members_total": "almost", "members_participating": "at_least"}
    edited = apply_edits(read, {"edited_rows": {0: {"word": ""}}})[0]
    assert edited["qualified"] == {"members_total": "almost"} and edited["qualifier"] == "almost"
    typed = apply_edits([], {"added_rows": [{"unit": "X-ML", "period": "2026-3-2", "members_participating": 200,
                                             "word": "khoảng"}]})[0]
    assert typed["qualified"] == {"members_participating": "about"}
    assert apply_edits(read, {"deleted_rows": [0]}) == []


def test_a_hand_edited_proposal_with_the_wrong_shapes_is_refused_in_vietnamese(demo_copy, tmp_path):
    edited = tmp_path / "de_xuat.json"
    for broken, said in (([{"rows": [{"unit": "H-BS", "qualified": ["x"]}]}], "“qualified”"),
                         ([{"rows": [{"unit": "H-BS", "topics": "KL21"}]}], "“topics”"),
                         ([{"kind": "plan", "plan": {"periods": [{"anniversary": "19-May"}]}}], "19-05"),
                         ("[{", "dòng 1, cột 3")):
        edited.write_text(broken if isinstance(broken, str) else json.dumps(broken), encoding="utf-8")
        done = etl("load", "--proposals", edited, "--db", demo_copy)
        assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_plan_round_for_3_2_begun_in_december_is_next_years_and_a_month_13_is_not_a_date():
    from etl.documents import pasted
    from etl.proposals import period_rows

    plan = propose(pasted("KẾ HOẠCH\nĐợt 1 (dịp 3-2): từ ngày 15/12/2026 đến ngày 28/02/2027; hoàn thành trong "
                          "tháng 13/2027."), Catalogue()).as_json()
    period = plan["plan"]["periods"][0]
    assert (period["start"], period["end"], period["deadline"]) == ("2026-12-15", "2027-02-28", None)
    assert period_rows(plan)[0][:2] == ["2027-3-2", "Dịp 3-2 năm 2027"]


def test_the_account_unit_stands_for_a_message_that_only_cites_the_province(demo):
    from etl.documents import pasted

    known = Catalogue.load(str(demo))
    cited = ("Thực hiện Kế hoạch số 05-KH/TU của Tỉnh ủy Sơn Hà về sinh hoạt chính trị dịp 19-5 năm 2026: 12/12 chi bộ "
             "đã sinh hoạt.")
    named = ("Thực hiện Kế hoạch số 05-KH/TU của Tỉnh ủy Sơn Hà, Đảng ủy xã Yên Hòa báo cáo dịp 19-5 năm 2026: 6/6 chi "
             "bộ đã sinh hoạt.")
    assert propose(pasted(cited), known, "X-YH").rows[0].unit == "X-YH"
    assert propose(pasted(named), known, "X-ML").rows[0].unit == "X-YH"
