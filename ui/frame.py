"""What every page starts from: `with page(__file__) as (data, view):` runs the login gate, the menu, the role
check, the shared data and the sidebar filters, then the page's own body; an error in the body is logged with a
reference and told in Vietnamese.

Streamlit runs each file of pages/ as its own script (its pages/ folder mode: /theo_don_vi is
pages/theo_don_vi.py), so this frame is the one place the pages share."""
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from analytics.view import View
from etl.scratch import clean_leftovers
from etl.settle import settle_now
from ui.auth import account_box, gate
from ui.data import Data, snapshot
from ui.filters import keep_across_pages, sidebar
from ui.registry import PAGES, page_of
from ui.style import streamlit_in_vietnamese

UNSAFE_FOLDER = ("Bảng điều khiển chưa hiển thị số liệu vì thư mục bản số liệu trên máy chủ không an toàn: người khác "
                 "có thể ghi vào đó. Hãy báo quản trị; khi đăng nhập, quản trị sẽ thấy thư mục nào và cách sửa.")


@st.cache_resource
def _process_started() -> None:
    """Once per server process: remove what a killed server or loader left in the temporary folder, and write
    the audit lines a killed load could not (etl.settle)."""
    clean_leftovers()
    settle_now(None)


@contextmanager
def page(file: str) -> Iterator[tuple[Data, View | None]]:
    """The data and the filters' view (None on a page without filters) for the page whose script is `file`."""
    entry = page_of(file)
    st.set_page_config(page_title=f"{entry.title} · Sinh hoạt chính trị", page_icon=entry.icon, layout="wide")
    streamlit_in_vietnamese()
    _process_started()
    keep_across_pages(entry.stem, entry.filters)
    account = gate()
    with st.sidebar:
        for other in PAGES:
            if other.may_open(account):
                st.page_link(other.file, label=other.title, icon=other.icon)
    if not entry.may_open(account):
        account_box(account)
        st.error(f"Tài khoản {account.username} ({account.role_name}) không được mở trang “{entry.title}”. "
                 "Hãy chọn trang khác ở thanh bên.", icon=":material/block:")
        st.stop()
    current = snapshot()
    if current.busy or current.con is None:
        account_box(account)
        st.title("Tiến độ sinh hoạt chính trị")
        if current.refused:      # the server's folders are the administrators' business
            st.error(current.refused if account.is_admin else UNSAFE_FOLDER, icon=":material/gpp_bad:")
        elif current.busy:
            st.info("Đang có một lần nạp dữ liệu giữ tệp cơ sở dữ liệu, nên chưa đọc được số liệu. Số liệu sẽ hiện "
                    "ra khi lần nạp đó xong: hãy tải lại trang sau ít phút.", icon=":material/hourglass_top:")
        else:
            st.info("Chưa có cơ sở dữ liệu. Hãy chạy lệnh: python -m etl init --demo (tỉnh mẫu) "
                    "hoặc python -m etl init rồi nạp danh mục đơn vị, đợt, chuyên đề.")
        st.stop()
    data = Data(current)
    view = sidebar(data, account) if entry.filters else None
    account_box(account)
    try:
        yield data, view
    except Exception:
        if st.get_option("client.showErrorDetails") not in ("none", "type", False, "false"):
            raise    # a developer's setting (and AppTest): Streamlit shows the trace
        reference = secrets.token_hex(3).upper()
        logging.getLogger("dashboard").exception("Lỗi %s trên trang %s, tài khoản %s", reference, entry.title,
                                                 account.username)
        st.error(f"Trang “{entry.title}” gặp lỗi nên chưa hiển thị được. Lỗi đã được ghi vào nhật ký máy chủ với "
                 f"mã {reference}; hãy thử lại, nếu vẫn lỗi thì báo quản trị kèm mã này.", icon=":material/error:")
