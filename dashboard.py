"""Entry point: login, then the shared data and filters, then the page the user picked if their role allows it."""
import logging
import secrets

import streamlit as st

from etl.scratch import clean_leftovers
from etl.settle import settle_now
from ui.auth import account_box, gate, may_open
from ui.data import Data, snapshot
from ui.filters import sidebar
from ui.page import route
from ui.style import streamlit_in_vietnamese


@st.cache_resource
def _process_started() -> None:
    """Once per server process: remove what a killed server or loader left in the temporary folder, and write
    the audit lines a killed load could not (etl.settle)."""
    clean_leftovers()
    settle_now(None)


st.set_page_config(page_title="Sinh hoạt chính trị", page_icon=":material/bar_chart:", layout="wide")
streamlit_in_vietnamese()
_process_started()

PAGES = [
    st.Page("pages/tong_quan.py", title="Tổng quan", icon=":material/dashboard:", default=True),
    st.Page("pages/theo_don_vi.py", title="Theo đơn vị", icon=":material/account_tree:"),
    st.Page("pages/theo_dot.py", title="Theo đợt", icon=":material/timeline:"),
    st.Page("pages/theo_chuyen_de.py", title="Theo chuyên đề", icon=":material/menu_book:"),
    st.Page("pages/tien_do_bao_cao.py", title="Tiến độ báo cáo", icon=":material/schedule:"),
    st.Page("pages/nhap_bao_cao.py", title="Nhập báo cáo", icon=":material/upload_file:"),
    st.Page("pages/chat_luong_du_lieu.py", title="Chất lượng dữ liệu", icon=":material/rule:"),
    st.Page("pages/xuat_bao_cao.py", title="Xuất báo cáo", icon=":material/description:"),
    st.Page("pages/tai_khoan.py", title="Tài khoản", icon=":material/manage_accounts:"),
    st.Page("pages/nhat_ky.py", title="Nhật ký", icon=":material/history:"),
]

# A page's address is its file name: on a fresh server Streamlit checks a direct link against the files in
# pages/ before st.navigation runs, and any other url_path shows a "Page not found" dialog. Every page is known
# to the router, so a link to a page the role may not open gets a Vietnamese answer, not Streamlit's dialog;
# the menu below lists only the pages the role may open.
page = st.navigation(PAGES, position="hidden")
account = gate()
with st.sidebar:
    for entry in PAGES:
        if may_open(account, entry.url_path or "tong_quan"):
            st.page_link(entry)
if not may_open(account, page.url_path or "tong_quan"):
    account_box(account)
    st.error(f"Tài khoản {account.username} ({account.role_name}) không được mở trang “{page.title}”. "
             "Hãy chọn trang khác ở thanh bên.", icon=":material/block:")
    st.stop()
current = snapshot()
if current.busy:
    account_box(account)
    st.title("Tiến độ sinh hoạt chính trị")
    st.info("Đang có một lần nạp dữ liệu giữ tệp cơ sở dữ liệu, nên chưa đọc được số liệu. Số liệu sẽ hiện ra khi "
            "lần nạp đó xong: hãy tải lại trang sau ít phút.", icon=":material/hourglass_top:")
    st.stop()
if current.con is None:
    account_box(account)
    st.title("Tiến độ sinh hoạt chính trị")
    st.info("Chưa có cơ sở dữ liệu. Hãy chạy lệnh: python -m etl init --demo (tỉnh mẫu) "
            "hoặc python -m etl init rồi nạp danh mục đơn vị, đợt, chuyên đề.")
    st.stop()
if current.stale:
    st.toast("Đang có người nạp dữ liệu; trang đang hiển thị số liệu ngay trước đó và sẽ cập nhật ở lần bấm sau.",
             icon=":material/hourglass_top:")
data = Data(current)
# the accounts and the audit trail are not figures: no report filters beside them
route(data, None if page.url_path in ("tai_khoan", "nhat_ky") else sidebar(data, account))
account_box(account)
try:
    page.run()
except Exception:
    if st.get_option("client.showErrorDetails") not in ("none", "type", False, "false"):
        raise    # a developer's setting (and AppTest): Streamlit shows the trace
    reference = secrets.token_hex(3).upper()
    logging.getLogger("dashboard").exception("Lỗi %s trên trang %s, tài khoản %s", reference, page.title,
                                             account.username)
    st.error(f"Trang “{page.title}” gặp lỗi nên chưa hiển thị được. Lỗi đã được ghi vào nhật ký máy chủ với mã "
             f"{reference}; hãy thử lại, nếu vẫn lỗi thì báo quản trị kèm mã này.", icon=":material/error:")
