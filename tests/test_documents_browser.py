"""Issue 14 in the browser: a Word report, a text PDF, a scan and pasted text each go from the upload page's
“Đọc văn bản” section to confirmed figures on the dashboard; the source document can be opened from the upload
history afterwards; a document without figures writes nothing."""
import pytest
from extraction_score import CORPUS

from in_browser import english_seen, open_page, settle, shoot

# document, how it comes in, and what "Theo đơn vị" shows for its unit once loaded: members taking part over
# those who must attend (total less exempt), as the document states them
DOCUMENTS = [
    ("bao_cao_huyen_binh_son_19_5_2022.docx", "file", "Huyện ủy Bình Sơn", "1.759/1.826"),
    ("bao_cao_dang_uy_ubnd_tinh_19_5_2026.pdf", "file", "Đảng ủy Ủy ban nhân dân tỉnh", "741/768"),
    ("ban_quet_phuong_an_phu_2_9_2026.pdf", "file", "Đảng ủy phường An Phú", "361/375"),
    ("zalo_ngoc_lam_2_9_2022.txt", "pasted", "Huyện ủy Ngọc Lâm", "1.200/1.278"),
]


def _documents_section(url: str, browser):
    page = open_page(browser, f"{url}/nhap_bao_cao")
    page.get_by_text("Đọc văn bản", exact=True).first.click()
    settle(page)
    return page


@pytest.mark.parametrize("name, how, unit, figure", DOCUMENTS)
def test_a_document_becomes_confirmed_figures_on_the_dashboard(server, browser, name, how, unit, figure):
    url, _, _ = server
    page = _documents_section(url, browser)
    if how == "file":
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CORPUS / name))
    else:
        page.locator("[class*='st-key-documents_text'] textarea").first.fill(
            (CORPUS / name).read_text(encoding="utf-8"))
        page.keyboard.press("Tab")
    settle(page)
    page.locator(".st-key-documents_read button").click()
    settle(page)
    body = page.inner_text("body")
    assert page.locator(".st-key-documents_load").count() == 1 and "không có trong danh mục" not in body
    assert english_seen(page) == []
    shoot(page, f"doc_van_ban_{name.rsplit('.', 1)[0]}")
    page.locator(".st-key-documents_load button").click()
    settle(page)
    assert "Đã nạp xong" in page.inner_text("body"), page.inner_text("body")[-2000:]
    page.get_by_role("button", name="Xem số liệu vừa nạp").click()
    settle(page)
    shown = page.inner_text("body")
    assert unit in shown and figure in shown, shown[-3000:]
    page.close()


def test_the_source_document_opens_from_the_upload_history(server, browser):
    url, _, _ = server
    page = open_page(browser, f"{url}/nhap_bao_cao")
    page.get_by_text("Lịch sử nạp", exact=True).first.click()
    settle(page)
    expander = page.get_by_text("Văn bản gốc:", exact=False).first
    assert expander.count(), page.inner_text("body")[-2000:]
    expander.click()
    settle(page)
    assert "SHA-256" in page.inner_text("body")
    shoot(page, "lich_su_van_ban_goc")
    page.close()


def test_a_document_without_figures_says_so_and_loads_nothing_until_a_row_is_typed(server, browser):
    url, _, _ = server
    page = _documents_section(url, browser)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(CORPUS / "cong_van_don_doc_19_5_2024.docx"))
    settle(page)
    page.locator(".st-key-documents_read button").click()
    settle(page)
    assert "không tìm thấy số liệu nào" in page.inner_text("body")
    page.locator(".st-key-documents_load button").click()
    settle(page)
    body = page.inner_text("body")
    assert "Chưa có dòng số liệu nào để nạp" in body and "Đã nạp xong" not in body
    page.close()
