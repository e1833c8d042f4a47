"""Hostile names and files through the page, in Chromium: names stay text, the server stays up (issue 12)."""
import csv
import urllib.request
import zipfile

import duckdb
import openpyxl

from etl.loader import LoadOptions, load_files

from conftest import REPORT_HEADER, report, write_csv
from in_browser import open_page, settle, shoot

EVIL = "evil.example"
LINK_NAME = f"[Bấm để đăng nhập lại](https://{EVIL}/dang-nhap) ![t](http://{EVIL}/t.png)"
HTML_NAME = f'<a href="http://{EVIL}/x">Đảng ủy xã Ma Lừa</a><img src="http://{EVIL}/i.png">'
# a markdown link and image in a file name; no "/" can stand in a file name, so the address has none
FILE_NAME = f"[Bấm để đăng nhập lại](https:{EVIL}) ![t](http:{EVIL}).csv"


def _rename_units(db, folder) -> list[str]:
    """Two units under the province renamed to a markdown link and to HTML, an occasion to a markdown link."""
    with duckdb.connect(str(db), read_only=True) as con:
        units = con.execute("SELECT code, name, kind, parent_code, valid_from, valid_to FROM units WHERE parent_code IN "
                            "(SELECT code FROM units WHERE parent_code IS NULL) AND valid_to IS NULL ORDER BY code "
                            "LIMIT 2").fetchall()
        period = con.execute("SELECT code, name, plan_code, start_date, end_date, deadline FROM periods "
                             "ORDER BY start_date DESC LIMIT 1").fetchone()
    path = folder / "don_vi_doi_ten.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"])
        for (code, _, kind, parent, start, end), name in zip(units, (LINK_NAME, HTML_NAME)):
            writer.writerow([code, name, kind, parent, start.strftime("%d/%m/%Y"), ""])
    periods = folder / "dot_doi_ten.csv"
    with open(periods, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã đợt", "Tên đợt", "Kế hoạch", "Từ ngày", "Đến ngày", "Hạn báo cáo"])
        code, name, plan, start, end, deadline = period
        writer.writerow([code, f"{name} [xem](http://{EVIL}/dot)", plan, *(d.strftime("%d/%m/%Y") if d else ""
                                                                           for d in (start, end, deadline))])
    done = load_files([str(path), str(periods)], LoadOptions(db=str(db), user="kiem-thu"))
    assert done.status == "committed", done.errors
    return [u[0] for u in units]


def _far_cell_workbook(path):
    """A report workbook with one cell at XFD1048576: the reader would allocate the whole sheet up to it."""
    book = openpyxl.Workbook()
    book.active.append(REPORT_HEADER)
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _dry_run(page, url: str, path) -> None:
    """Choose `path` on Nhập báo cáo and press “Kiểm tra thử”."""
    page.goto(f"{url}/nhap_bao_cao")
    settle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    settle(page)
    page.get_by_role("button", name="Kiểm tra thử").click()
    settle(page)


def _no_injection(page) -> None:
    assert page.locator(f"a[href*='{EVIL}']").count() == 0
    assert page.locator(f"img[src*='{EVIL}']").count() == 0


def test_names_and_file_names_are_shown_as_text_and_a_hostile_workbook_leaves_the_server_up(server, browser):
    url, db, folder = server
    _rename_units(db, folder)
    fetched = []
    page = open_page(browser, url)
    page.context.on("request", lambda request: fetched.append(request.url) if EVIL in request.url else None)
    for address in ("", "theo_dot", "tien_do_bao_cao", "chat_luong_du_lieu", "theo_don_vi"):
        page.goto(f"{url}/{address}")
        settle(page)
        _no_injection(page)
    shoot(page, "ten_doc_hai")
    seen = " ".join(page.inner_text("body").replace("\u2060", "").split())
    assert "[Bấm để đăng nhập lại](https://evil.example/dang-nhap)" in seen     # the name, as text
    assert '<a href="http://evil.example/x">Đảng ủy xã Ma Lừa</a>' in seen

    # a file whose name is a markdown link, uploaded through the page: shown as text in the history
    hostile = write_csv(folder / "bao_cao.csv", [REPORT_HEADER, report(LINK_NAME, "khong-co-dot")])
    named = folder / FILE_NAME
    named.write_bytes(hostile.read_bytes())
    _dry_run(page, url, named)
    _no_injection(page)
    assert FILE_NAME in page.inner_text("body").replace("\u2060", "")   # the word joiner that stops autolinks

    # the same name on a good file, loaded: the upload history shows it as text to every staff member
    named.write_bytes(write_csv(folder / "tot.csv", [REPORT_HEADER, report(
        "Đảng ủy phường Bắc Sơn", "2026-7-11", cells=(6, 6), members=(120, 2, 115), date="20/11/2026")]).read_bytes())
    _dry_run(page, url, named)
    page.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click()
    settle(page)
    assert "Đã nạp xong" in page.inner_text("body")
    page.locator("[data-testid='stButtonGroup'] button", has_text="Lịch sử nạp").click()
    settle(page)
    shoot(page, "lich_su_ten_doc_hai")
    _no_injection(page)
    assert FILE_NAME in page.inner_text("body").replace("\u2060", "")

    # a 5 KB workbook that used to abort the server as soon as it was chosen
    page.goto(f"{url}/nhap_bao_cao")
    settle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(_far_cell_workbook(folder / "o_xa.xlsx")))
    settle(page)
    assert "XFD1048576" in page.inner_text("body")
    assert urllib.request.urlopen(f"{url}/_stcore/health", timeout=5).status == 200
    page.get_by_role("button", name="Kiểm tra thử").click()
    settle(page)
    assert "XFD1048576" in page.inner_text("body") and "không ghi gì" in page.inner_text("body")
    shoot(page, "tep_doc_hai")
    page.close()
    assert fetched == []
