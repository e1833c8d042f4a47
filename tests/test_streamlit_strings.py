"""Streamlit's own English kept from the clerk: the settings, the style sheet every page carries, the filters'
options, and the metadata of a chart saved as PDF. tests/test_browser.py looks at the result in Chromium."""
import io
import tomllib

import plotly.graph_objects as go
from pypdf import PdfReader

from analytics.charts import for_print
from analytics.images import ChartRenderer, plain_title
from etl.readers import MAX_BYTES
from ui.style import CSS

from conftest import ROOT, open_app


def test_settings_hide_the_main_menu_and_the_tables_download_button():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["toolbarMode"] == "minimal"        # no ⋮ menu (theme, print, record, about)
    assert settings["client"]["disableDataExport"] is True       # no "Download as CSV" beside a table


def test_every_page_carries_the_style_sheet_and_the_filters_offer_no_select_all(demo, monkeypatch):
    for page in ("theo_don_vi", "nhap_bao_cao"):
        app = open_app(demo, monkeypatch, page, ke_hoach="03-KH/TU")
        assert [element.proto.body for element in app.get("html")] == [f"<style>{CSS}</style>"], page
        assert {m.label: m.proto.select_all for m in app.sidebar.multiselect} == {"Đợt sinh hoạt": 0,
                                                                                "Chuyên đề": 0}, page


def test_the_upload_widget_states_the_limit_the_upload_page_states(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "nhap_bao_cao")
    limit = f"tối đa {MAX_BYTES // 1048576} MB"
    assert any(limit in caption.value for caption in app.caption)
    assert f"mỗi tệp {limit}" in CSS


def test_the_style_sheet_replaces_streamlits_english():
    for vietnamese in ("Chọn tệp", "Thả tệp vào đây", "Không có mục nào phù hợp", "Chọn tất cả", "Sắp xếp tăng dần",
                       "Sắp xếp giảm dần", "Phóng to toàn màn hình", "Trang chưa liên lạc được với máy chủ"):
        assert f'content: "{vietnamese}' in CSS, vietnamese
    assert '[data-testid="stDataFrame"] [data-testid="stElementToolbar"]' in CSS


def test_a_chart_title_without_plotlys_markup():
    figure = go.Figure(layout={"title": "Tỷ lệ đảng viên<br>tham gia &amp; <b>chi bộ</b>"})
    assert plain_title(figure) == "Tỷ lệ đảng viên tham gia & chi bộ"
    assert plain_title(go.Figure()) == "Biểu đồ"


def test_a_pdf_chart_carries_its_own_title_not_kaleidos():
    figure = go.Figure(go.Bar(x=[95.6], y=["Đảng ủy xã Bản Xèo"], orientation="h"))
    figure.update_layout(title="Tỷ lệ đảng viên tham gia", height=300)
    renderer = ChartRenderer()
    try:
        pdf = renderer.render(for_print(figure, "Tỉnh ủy Lào Cai · Dịp 3-2 năm 2022"), "pdf")
    finally:
        renderer.close()
    document = PdfReader(io.BytesIO(pdf))
    assert document.metadata.title == "Tỷ lệ đảng viên tham gia"      # what a PDF viewer shows in its title bar
    assert "HeadlessChrome" not in (document.metadata.creator or "")
    assert b"Kaleido-fier" not in pdf
    assert len(document.pages) == 1
