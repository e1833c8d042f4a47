"""The one list of pages: file, title, icon, who may open it, whether the report filters stand beside it.

A page's address is its file name (Streamlit's pages/ folder: pages/theo_don_vi.py is /theo_don_vi), so the
links users have shared keep working. The menu, the role check, the browser tab's title and the tests all read
this list."""
from dataclasses import dataclass
from pathlib import Path

from security.accounts import Account


@dataclass(frozen=True)
class Page:
    stem: str
    title: str
    icon: str
    right: str | None = None     # the Account property that lets a user open it; None: every role
    filters: bool = True         # the report filters in the sidebar (not beside the accounts and the audit trail)

    @property
    def file(self) -> str:
        return f"pages/{self.stem}.py"

    def may_open(self, account: Account) -> bool:
        return self.right is None or getattr(account, self.right)


PAGES = (
    Page("tong_quan", "Tổng quan", ":material/dashboard:"),
    Page("theo_don_vi", "Theo đơn vị", ":material/account_tree:"),
    Page("theo_dot", "Theo đợt", ":material/timeline:"),
    Page("theo_chuyen_de", "Theo chuyên đề", ":material/menu_book:"),
    Page("tien_do_bao_cao", "Tiến độ báo cáo", ":material/schedule:"),
    Page("nhap_bao_cao", "Nhập báo cáo", ":material/upload_file:", right="can_upload"),
    Page("chat_luong_du_lieu", "Chất lượng dữ liệu", ":material/rule:"),
    Page("xuat_bao_cao", "Xuất báo cáo", ":material/description:", right="can_write_report"),
    Page("tai_khoan", "Tài khoản", ":material/manage_accounts:", right="is_admin", filters=False),
    Page("nhat_ky", "Nhật ký", ":material/history:", right="is_admin", filters=False),
)
HOME = PAGES[0]


def page_of(file: str) -> Page:
    """The entry of a page's script (its __file__)."""
    stem = Path(file).stem
    for page in PAGES:
        if page.stem == stem:
            return page
    raise LookupError(f"pages/{stem}.py is not in ui/registry.py's PAGES: add it there")

