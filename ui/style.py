"""Streamlit's own English, hidden or said in Vietnamese: one style sheet for every page.

Streamlit 1.67 cannot translate its widgets. What an option turns off is turned off in .streamlit/config.toml
(client.toolbarMode = "minimal": no main menu; client.disableDataExport: no CSV download beside tables) or
in the widget call (st.multiselect(select_all=False)); what remains is hidden here, or its text replaced with
CSS `content`. The selectors follow Streamlit 1.67's markup; tests/test_browser.py fails when an update
brings English back."""
import streamlit as st

from common.formats import format_decimal
from etl.readers import MAX_BYTES

UPLOAD_MB = format_decimal(MAX_BYTES / 1048576, 0)   # as the upload page's caption says it

# A text is replaced either by hiding the element that holds it and writing the Vietnamese after its parent (which
# keeps the parent's font), or, where the element carries the styling (a bold drop hint, a tooltip), by shrinking
# its own text to nothing and writing the Vietnamese after it at the size Streamlit gives that text.
CSS = f"""
/* Tables: no toolbar (columns, search, fullscreen, and the CSV download kept from viewers), no English count in
   the search box Ctrl+F opens, and a column menu that only sorts. A click on a header still sorts. */
[data-testid="stDataFrame"] [data-testid="stElementToolbar"],
[data-testid="stDataFrame"] .gdg-search-status,
[data-testid="stDataFrameColumnMenu"] [role="menu"] > :first-child > :first-child,
[data-testid="stDataFrameColumnMenu"] [role="menu"] > :first-child button,
[data-testid="stDataFrameColumnMenu"] [role="menu"] > :nth-child(n+4) {{
  display: none !important;
}}
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(2),
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(3) {{
  font-size: 0;
}}
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(2)::after,
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(3)::after {{
  font-size: 0.875rem;
}}
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(2)::after {{
  content: "Sắp xếp tăng dần";
}}
[data-testid="stDataFrameColumnMenu"] [role="menu"] > [role="menuitem"]:nth-child(3)::after {{
  content: "Sắp xếp giảm dần";
}}

/* The fullscreen button Streamlit adds to each chart's mode bar */
.js-plotly-plot .plotly [data-title="Fullscreen"]::after {{
  content: "Phóng to toàn màn hình" !important;
}}
.js-plotly-plot .plotly [data-title="Close fullscreen"]::after {{
  content: "Thu nhỏ lại" !important;
}}

/* Drop-down lists (select boxes, multiselects) */
[role="listbox"][data-empty="true"] [role="option"] > span,
[role="option"][data-key="__select_all__"] > div,
[role="option"][data-key="__select_matches__"] > div {{
  font-size: 0;
}}
[role="listbox"][data-empty="true"] [role="option"] > span::after,
[role="option"][data-key="__select_all__"] > div::after,
[role="option"][data-key="__select_matches__"] > div::after {{
  font-size: 0.875rem;
}}
[role="listbox"][data-empty="true"] [role="option"] > span::after {{
  content: "Không có mục nào phù hợp";
}}
[role="option"][data-key="__select_all__"] > div::after {{
  content: "Chọn tất cả";
}}
[role="option"][data-key="__select_matches__"] > div::after {{
  content: "Chọn mọi mục tìm thấy";
}}

/* File uploader: the button, the size limit (the product's, not Streamlit's ceiling) */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{
  display: none;
}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "Chọn tệp";
}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "Kéo thả tệp vào đây hoặc bấm “Chọn tệp”; mỗi tệp tối đa {UPLOAD_MB} MB";
}}
[data-testid="stFileUploaderDropzone"] > div > span,
[data-testid="stTooltipErrorContent"] {{
  font-size: 0;
}}
[data-testid="stFileUploaderDropzone"] > div > span::after {{
  content: "Thả tệp vào đây";
  font-size: 0.875rem;
}}
[data-testid="stTooltipErrorContent"]::after {{
  content: "Không tải được tệp này lên (tệp lớn hơn {UPLOAD_MB} MB hoặc mất kết nối). Hãy bỏ tệp rồi chọn lại.";
  font-size: 0.875rem;
}}

/* The link a keyboard user meets first (Tab), to jump past the menu */
[data-testid="stSkipToContent"] {{
  font-size: 0 !important;
}}
[data-testid="stSkipToContent"]::after {{
  content: "Bỏ qua thanh bên, tới nội dung chính";
  font-size: 0.875rem;
}}

/* Streamlit's own dialogs (the app opens none): the server does not answer, or a garbled message. An unknown
   address never gets Streamlit's "Page not found" dialog behind serve.py: ui/addresses.py sends it to a page. */
[data-testid="stDialog"] [role="dialog"]:not(:has([data-testid="stVerticalBlock"])) > h2,
[data-testid="stDialog"] [role="dialog"]:not(:has([data-testid="stVerticalBlock"])) > div > div {{
  font-size: 0;
}}
[data-testid="stDialog"] [role="dialog"]:not(:has([data-testid="stVerticalBlock"])) > h2::after {{
  content: "Trang chưa liên lạc được với máy chủ";
  font-size: 1.5rem;
}}
[data-testid="stDialog"] [role="dialog"]:not(:has([data-testid="stVerticalBlock"])) > div > div::after {{
  content: "Trang sẽ tự kết nối lại khi máy chủ trả lời. Nếu sau vài phút vẫn thấy thông báo này, hãy kiểm tra "
           "mạng, tải lại trang (phím F5) hoặc báo quản trị máy chủ.";
  font-size: 1rem;
}}
"""


def streamlit_in_vietnamese() -> None:
    """The style sheet, on every run of every page; it takes no room on the page."""
    st.html(f"<style>{CSS}</style>")
