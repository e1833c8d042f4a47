"""A real `streamlit run` on the demo province, driven by Playwright in Debian's Chromium at 1366×768.

Screenshots land in tests/screenshots/ for a person to look at. The command-line loader writes while the
dashboard is open, and the page shows the new report on the next interaction."""
import subprocess
import sys
import time

from conftest import REPORT_HEADER, ROOT, report, write_csv
from in_browser import PAGES, SEEN_TEXT, SHOTS, english_seen, log_in, open_page, settle, shoot


def test_every_page_opens_without_errors(server, browser):
    url, _, _ = server
    for path in PAGES:
        name = path or "tong_quan"
        page = open_page(browser, f"{url}/{path}?ke_hoach=03-KH%2FTU")
        assert page.get_by_text("Page not found").count() == 0, name
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert "Traceback" not in page.inner_text("body"), name
        assert english_seen(page) == [], name
        shoot(page, name)
        page.close()


def first_column_menu(page, grid) -> list:
    """The menu of a table's first column, opened by its ⋮, which is drawn on the canvas at the right end of the
    header cell (a click elsewhere on the header sorts); the menu's visible items."""
    box = grid.bounding_box()
    menu = page.locator("[data-testid='stDataFrameColumnMenu']")
    if menu.count():
        page.keyboard.press("Escape")
        menu.wait_for(state="detached", timeout=5000)
    for x in range(20, int(box["width"]), 6):
        page.mouse.move(box["x"] + x, box["y"] + 18)
        page.mouse.click(box["x"] + x, box["y"] + 18)
        page.wait_for_timeout(150)
        if menu.count():
            return [item for item in menu.locator("[role='menuitem']").all() if item.is_visible()]
    raise AssertionError("no column menu in the first header")


def test_streamlit_speaks_vietnamese_around_tables_filters_charts_and_uploads(server, browser):
    url, _, _ = server
    page = open_page(browser, f"{url}/nhap_bao_cao?lan_nap=1")                 # the upload history: a grid
    assert page.locator("[data-testid='stMainMenuButton']").count() == 0          # no ⋮ menu at all
    page.keyboard.press("Tab")                                                    # the skip link shows itself
    assert english_seen(page) == [] and "Bỏ qua thanh bên" in page.evaluate(SEEN_TEXT)
    page.keyboard.press("Escape")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    grid.hover()
    page.wait_for_timeout(500)
    assert not grid.locator("[data-testid='stElementToolbar']").is_visible()    # no CSV download, search, fullscreen
    assert english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_bang_re_chuot.png")
    items = first_column_menu(page, grid)
    assert [item.evaluate("e => getComputedStyle(e, '::after').content") for item in items] == [
        '"Sắp xếp tăng dần"', '"Sắp xếp giảm dần"']
    assert english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_menu_cot.png")
    orders = []
    for choice in (0, 1):                                    # the menu still sorts: up, then down
        first_column_menu(page, grid)[choice].click()
        page.wait_for_timeout(300)
        orders.append(grid.locator("td[aria-colindex='1']").all_inner_texts())
    assert len(orders[0]) > 1 and orders[1] == orders[0][::-1]
    page.close()

    page = open_page(browser, f"{url}/theo_don_vi?ke_hoach=03-KH%2FTU")
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first.click()
    page.wait_for_timeout(500)
    assert page.locator("[role='option'][data-key='__select_all__']").count() == 0
    assert english_seen(page) == []
    page.keyboard.type("không có đợt này")
    page.wait_for_timeout(500)
    assert "Không có mục nào phù hợp" in page.evaluate(SEEN_TEXT) and english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_loc_khong_co.png")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    chart = page.locator(".stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    chart.locator(".modebar-btn").first.hover()
    page.wait_for_timeout(500)
    assert "Phóng to toàn màn hình" in page.evaluate(SEEN_TEXT) and english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_bieu_do_phong_to.png")
    page.close()

    page = open_page(browser, f"{url}/nhap_bao_cao")
    seen = page.evaluate(SEEN_TEXT)
    assert "Chọn tệp" in seen and "mỗi tệp tối đa 100 MB" in seen and english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_nap_tep.png")
    page.evaluate("""() => {            // a file dragged over the drop zone
      const files = new DataTransfer();
      files.items.add(new File(["a"], "bao_cao.csv", {type: "text/csv"}));
      document.querySelector("[data-testid='stFileUploaderDropzone']")
        .dispatchEvent(new DragEvent("dragenter", {bubbles: true, dataTransfer: files}));
    }""")
    page.wait_for_timeout(300)
    assert "Thả tệp vào đây" in page.evaluate(SEEN_TEXT) and english_seen(page) == []
    page.screenshot(path=SHOTS / "chuoi_keo_tha.png")
    page.close()


def test_a_filter_change_changes_the_figures(server, browser):
    url, _, _ = server
    page = open_page(browser, f"{url}/?ke_hoach=01-KH%2FTU&dot=2022-3-2")
    before = page.locator("[data-testid='stMetricValue']").first.inner_text()
    page.get_by_text("Dịp 3-2 năm 2022").first.wait_for()
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first.click()
    page.keyboard.type("19-5 năm 2022")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    after = page.locator("[data-testid='stMetricValue']").first.inner_text()
    assert before != after
    assert "dot=2022-19-5" in page.url          # the link reopens the same view
    shoot(page, "tong_quan_hai_dot")
    page.close()


def test_the_filters_follow_the_menu_to_every_page(server, browser):
    """Each page is its own script: a plan, unit, occasion and target the user changed hold on the next page,
    after a page without filters too, and the link says so."""
    url, _, _ = server
    page = open_page(browser, f"{url}/?ke_hoach=02-KH%2FTU&dot=2023-2-9")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").filter(has_text="Đơn vị").locator("input").click()
    page.keyboard.type("Huyện ủy Mường Lạc")
    page.keyboard.press("Enter")
    settle(page)
    sidebar.get_by_text("Chỉ tiêu").click()
    target = sidebar.locator("[data-testid='stNumberInput']").filter(has_text="Đảng viên tham gia").locator("input")
    target.fill("90")
    target.press("Enter")
    settle(page)
    wanted = ("ke_hoach=02-KH%2FTU", "dot=2023-2-9", "don_vi=H-ML", "chi_tieu_dv=90")
    assert all(part in page.url for part in wanted), page.url
    for title in ("Theo đơn vị", "Tài khoản", "Theo đợt"):
        sidebar.get_by_role("link", name=title).click()
        settle(page)
        assert page.get_by_role("heading", name=title).count() or title == "Theo đơn vị", title
    assert all(part in page.url for part in wanted), page.url
    caption = page.locator("[data-testid='stCaptionContainer']").first.inner_text()   # what the figures are of
    assert "Huyện ủy Mường Lạc" in caption and "Kế hoạch 02-KH/TU" in caption and "90,0 % đảng viên" in caption
    page.close()


def test_an_unknown_or_nested_address_opens_a_page_not_a_dialog_or_a_blank_screen(server, browser):
    url, _, _ = server
    for typed, lands_on in (("khong_co?dot=2023-2-9", "/tong_quan?"), ("pages/theo_dot.py", "/theo_dot"),
                            ("theo_don_vi/them", "/theo_don_vi")):
        page = open_page(browser, f"{url}/{typed}")
        assert lands_on in page.url, (typed, page.url)
        assert page.locator("[data-testid='stDialog']").count() == 0, typed
        assert page.get_by_role("heading", level=1).count(), typed     # the app started: not a blank page
        page.close()
    assert "dot=2023-2-9" in open_page(browser, f"{url}/khong_co?dot=2023-2-9").url   # the link's filters kept


def test_upload_dry_run_then_commit(server, browser):
    url, _, folder = server
    good = write_csv(folder / "bao_cao_bo_sung.csv", [REPORT_HEADER, report(
        "Đảng ủy phường Bắc Sơn", "2026-7-11", cells=(6, 6), members=(120, 2, 115), date="20/11/2026")])
    page = open_page(browser, f"{url}/nhap_bao_cao?ke_hoach=02-KH%2FTU&dot=2023-2-9")   # another occasion in view
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(good))
    settle(page)
    page.get_by_role("button", name="Kiểm tra thử").click()
    settle(page)
    assert "Kiểm tra thử xong" in page.inner_text("body")
    assert english_seen(page) == []
    shoot(page, "nhap_bao_cao_kiem_tra")
    page.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click()
    settle(page)
    assert "Đã nạp xong" in page.inner_text("body")
    shoot(page, "nhap_bao_cao_da_nap")
    page.get_by_role("button", name="Xem số liệu vừa nạp").click()     # to the figures the load brought
    settle(page)
    assert page.get_by_role("heading", name="Hoàn thành theo đơn vị").count()
    assert "dot=2026-7-11" in page.url and "ke_hoach=05-KH%2FTU" in page.url, page.url
    assert "Đảng ủy phường Bắc Sơn" in page.inner_text("body")
    page.close()


def test_command_line_loader_writes_while_the_dashboard_is_open(server, browser):
    url, db, folder = server
    page = open_page(browser, f"{url}/tien_do_bao_cao?dot=2026-7-11&ke_hoach=05-KH%2FTU")
    received = page.locator("[data-testid='stMetricValue']").nth(1).inner_text()
    late = write_csv(folder / "bao_cao_muon.csv", [REPORT_HEADER, report(
        "Đảng ủy xã Thanh Khê", "2026-7-11", cells=(5, 5), members=(90, 1, 88), date="21/11/2026")])
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(late), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "lock" not in (done.stdout + done.stderr).lower()
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Chỉ tiêu", exact=True).click()
    target = sidebar.get_by_label("Đảng viên tham gia (%)")
    target.fill("94")                        # the next interaction reruns the page
    target.press("Enter")
    settle(page)
    from playwright.sync_api import expect  # the rerun may start a moment after the interaction
    expect(target).to_have_value("94")
    try:
        expect(page.locator("[data-testid='stMetricValue']").nth(1)).to_have_text(str(int(received) + 1), timeout=20000)
    except AssertionError:                  # what the user saw, for whoever reads the failure
        shoot(page, "nap_dong_lenh_khong_cap_nhat")
        print(page.inner_text("body")[:3000])
        raise
    page.close()


def test_clicking_a_bar_opens_that_units_children(server, browser):
    url, _, _ = server
    page = open_page(browser, f"{url}/theo_don_vi?ke_hoach=03-KH%2FTU")
    chart = page.locator(".stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    name = chart.locator(".textpoint", has_text="Huyện ủy Mường Lạc")      # the name written over its bar
    label = name.bounding_box()
    plot = chart.locator(".nsewdrag").first.bounding_box()
    page.mouse.click(plot["x"] + 60, label["y"] + label["height"] + 8)
    settle(page)
    page.wait_for_timeout(500)
    body = page.inner_text("body")
    assert "Đảng bộ thị trấn Mường Lạc" in body                     # the district's own grassroots units
    assert page.get_by_role("button", name="Tỉnh ủy Sơn Hà").count() == 1   # breadcrumb back up
    shoot(page, "theo_don_vi_xem_cap_duoi")
    page.get_by_role("button", name="Tỉnh ủy Sơn Hà").click()
    settle(page)
    assert "Huyện ủy Bình Sơn" in page.inner_text("body")
    page.close()


def test_chart_image_and_word_report_download(server, browser, tmp_path):
    url, _, _ = server
    page = open_page(browser, f"{url}/theo_don_vi?ke_hoach=03-KH%2FTU&dot=2024-3-2")
    with page.expect_download(timeout=60000) as png:
        page.get_by_role("button", name="PNG", exact=True).first.click()
    saved = tmp_path / png.value.suggested_filename
    png.value.save_as(saved)
    assert saved.name.startswith("ty-le-theo-don-vi-") and saved.read_bytes().startswith(b"\x89PNG")
    with page.expect_download(timeout=30000) as xlsx:
        page.get_by_role("button", name="Excel", exact=True).first.click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    page.close()
    from security.audit import audit_trail
    from security.store import open_accounts
    with open_accounts(server[1]) as con:                       # each download is in the audit trail
        taken = [row["detail"] for row in audit_trail(con, user="quantri", actions=("export",))]
    assert any(d.startswith(saved.name) for d in taken) and any(d.startswith(xlsx.value.suggested_filename)
                                                                 for d in taken)

    page = open_page(browser, f"{url}/xuat_bao_cao?ke_hoach=03-KH%2FTU&dot=2024-3-2")
    page.get_by_role("button", name="Tạo báo cáo").click()
    page.get_by_text("Tải Word (.docx)").wait_for(timeout=120000)
    settle(page)
    shoot(page, "xuat_bao_cao_da_tao")
    with page.expect_download(timeout=30000) as docx:
        page.get_by_role("button", name="Tải Word (.docx)").click()
    saved = tmp_path / docx.value.suggested_filename
    docx.value.save_as(saved)
    from docx import Document
    assert any(p.text == "BÁO CÁO" for p in Document(saved).paragraphs)
    page.close()


def test_login_cookie_reload_logout_and_expiry(server, browser):
    url, db, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{url}/theo_don_vi?ke_hoach=03-KH%2FTU")
    settle(page)
    assert page.get_by_role("button", name="Đăng nhập").count() == 1
    assert "Theo đợt" not in page.inner_text("body")                     # no menu before login
    shoot(page, "dang_nhap")
    log_in(page, "tonghop", "mat-khau-sai-roi")
    assert "Sai tên đăng nhập hoặc mật khẩu." in page.inner_text("body")
    shoot(page, "dang_nhap_sai")
    log_in(page, "tonghop")
    assert "Hoàn thành theo đơn vị" in page.inner_text("body")
    assert "_streamlit_xsrf" in {c["name"] for c in context.cookies()}      # XSRF protection is on
    cookie = next(c for c in context.cookies() if c["name"] == "shct_phien")
    assert cookie["sameSite"] == "Strict" and 7 * 3600 < cookie["expires"] - time.time() <= 8 * 3600
    page.reload()
    settle(page)
    assert page.get_by_role("button", name="Đăng nhập").count() == 0     # the cookie opened the same session
    assert "Tài khoản" not in [link.inner_text() for link in page.locator("[data-testid='stPageLink']").all()]
    page.get_by_role("button", name="Đăng xuất").click()
    settle(page)
    page.reload()
    settle(page)
    assert page.get_by_role("button", name="Đăng nhập").count() == 1     # logged out for good
    log_in(page, "tonghop")
    from security.store import open_accounts
    with open_accounts(db) as con:                                       # the server-side session runs out
        con.execute("UPDATE sessions SET expires_at = now()::TIMESTAMP - INTERVAL 1 MINUTE WHERE username = 'tonghop'")
    page.reload()
    settle(page)
    assert "Phiên đăng nhập đã kết thúc" in page.inner_text("body")
    context.close()


def test_each_role_in_the_browser(server, browser):
    url, _, _ = server
    page = open_page(browser, f"{url}/nhap_bao_cao", user="xem1")
    assert "không được mở trang “Nhập báo cáo”" in page.inner_text("body")
    shoot(page, "xem_bi_chan")
    page.close()
    page = open_page(browser, f"{url}/theo_don_vi?ke_hoach=03-KH%2FTU&dot=2024-3-2", user="huyen.ml")
    body = page.inner_text("body")
    assert "Huyện ủy Bình Sơn" not in body and "Huyện ủy Mường Lạc" in body
    shoot(page, "don_vi_theo_don_vi")
    page.close()
