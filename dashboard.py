"""Entry point: opens the data, draws the shared filters, routes to the page the user picked."""
import streamlit as st

from ui.data import Data, snapshot
from ui.filters import sidebar
from ui.page import route

st.set_page_config(page_title="Sinh hoạt chính trị", page_icon=":material/bar_chart:", layout="wide")

PAGES = [
    st.Page("pages/tong_quan.py", title="Tổng quan", icon=":material/dashboard:", default=True),
    st.Page("pages/theo_don_vi.py", title="Theo đơn vị", icon=":material/account_tree:"),
    st.Page("pages/theo_dot.py", title="Theo đợt", icon=":material/timeline:"),
    st.Page("pages/theo_chuyen_de.py", title="Theo chuyên đề", icon=":material/menu_book:"),
    st.Page("pages/tien_do_bao_cao.py", title="Tiến độ báo cáo", icon=":material/schedule:"),
    st.Page("pages/nhap_bao_cao.py", title="Nhập báo cáo", icon=":material/upload_file:"),
    st.Page("pages/chat_luong_du_lieu.py", title="Chất lượng dữ liệu", icon=":material/rule:"),
    st.Page("pages/xuat_bao_cao.py", title="Xuất báo cáo", icon=":material/description:"),
]

# A page's address is its file name: on a fresh server Streamlit checks a direct link against the files in
# pages/ before st.navigation runs, and any other url_path shows a "Page not found" dialog.
page = st.navigation(PAGES)
current = snapshot()
if current.con is None:
    st.title("Tiến độ sinh hoạt chính trị")
    st.info("Chưa có cơ sở dữ liệu. Hãy chạy lệnh: python -m etl init --demo (tỉnh mẫu) "
            "hoặc python -m etl init rồi nạp danh mục đơn vị, đợt, chuyên đề.")
    st.stop()
if current.stale:
    st.toast("Đang có người nạp dữ liệu; trang đang hiển thị số liệu ngay trước đó và sẽ cập nhật ở lần bấm sau.",
             icon=":material/hourglass_top:")
data = Data(current)
route(data, sidebar(data))
page.run()
