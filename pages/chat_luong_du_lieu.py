"""Chất lượng dữ liệu: reports that fail a check, each with the upload and file it came from."""
import streamlit as st

from analytics.labels import WHOLE_OCCASION
from analytics.quality import LIMIT
from common.formats import format_count
from etl.checks import CHECKS
from etl.checks import detail as check_detail
from ui.exports import table_downloads
from ui.frame import page
from ui.registry import page_of
from ui.widgets import header

UPLOADS = page_of("nhap_bao_cao")   # each failed check links to the upload it came from


def detail(row: dict) -> str:
    return check_detail(row["check_code"], row["measure"], row["value"], row["reference"])


with page(__file__) as (data, view):
    header("Chất lượng dữ liệu", view)

    rows, counts = data.failed_checks(view.filters)
    cards = st.columns(len(CHECKS))
    for card, (code, (short, name)) in zip(cards, CHECKS.items()):
        card.metric(short, format_count(counts[code]), border=True, help=name)

    if not rows:
        st.success("Không có báo cáo nào vi phạm các kiểm tra trong phạm vi đang chọn.")
        st.stop()
    for code, (_, name) in CHECKS.items():
        failed = [row for row in rows if row["check_code"] == code]
        if not failed:
            continue
        st.subheader(f"{name} ({format_count(counts[code])})")
        if counts[code] > LIMIT:
            st.caption(f"Hiển thị {format_count(LIMIT)} trường hợp đầu tiên.")
        st.dataframe(
            [{"Đơn vị": row["unit_name"], "Đợt": row["period_name"], "Chuyên đề": row["topic_name"] or WHOLE_OCCASION,
              "Chi tiết": detail(row), "Lần nạp": f"{UPLOADS.stem}?lan_nap={row['upload_id']}",
              "Tệp": row["file_name"], "Ngày nạp": row["uploaded_at"].strftime("%d/%m/%Y %H:%M")} for row in failed],
            hide_index=True, width="stretch",
            column_config={"Lần nạp": st.column_config.LinkColumn(display_text=r"lan_nap=(\d+)",
                                                                   help="Mở lần nạp và các dòng báo cáo của nó"),
                           "Chi tiết": st.column_config.TextColumn(width="large")},
        )
        table_downloads([row | {"detail": detail(row), "topic_name": row["topic_name"] or WHOLE_OCCASION}
                         for row in failed],
                        [("unit_name", "Đơn vị", "text"), ("period_name", "Đợt", "text"),
                         ("topic_name", "Chuyên đề", "text"), ("detail", "Chi tiết", "text"),
                         ("upload_id", "Lần nạp", "count"), ("file_name", "Tệp", "text"),
                         ("uploaded_at", "Ngày nạp", "datetime")],
                        data, view, title=f"{name} — {view.unit_name}",
                        file_stem=f"kiem-tra-{code.replace('_', '-')}", key=f"check_{code}")
