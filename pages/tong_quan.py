"""Tổng quan: the key figures for the chosen view, the change since the previous occasion, who is behind."""
import streamlit as st

from analytics.compare import change_text
from analytics.labels import NO_REPORTS, UNIT_STATUS, UNIT_STATUS_TITLE, judged, on_time_rate
from analytics.queries import combine
from common.formats import format_count, format_percent
from ui.exports import data_table
from ui.frame import page
from ui.text import md
from ui.widgets import header


def delta(key: str, rate: bool = False) -> dict:
    """st.metric's delta arguments: nothing unless like compares with like; no change is a grey '0'."""
    text = change_text(since.change.delta(key), rate) if since.shown_on_cards else None
    if text is None:
        return {}
    return {"delta": text} | ({"delta_color": "off", "delta_arrow": "off"} if text == "0" else {})


with page(__file__) as (data, view):
    header("Tổng quan", view)

    total = combine(data.stats("period", view.filters, view.today))
    units = judged(data.stats("unit", view.filters, view.today), view.targets)
    count = {status: sum(u["status"] == status for u in units) for status in UNIT_STATUS}
    names = {p["code"]: p["name"] for p in data.periods()}
    # for a view of one occasion, the change since the previous one on the units that reported both times
    since = data.since_previous(view.filters, view.periods_in_scope, view.today)
    previous, latest, change = since.previous, since.latest, since.change

    if not total["reports_received"] and not total["cells_expected"]:
        st.info(NO_REPORTS)
    first = st.columns(4)
    # over several occasions the counts add up sessions held, not cells or people: say so
    times = f"Lượt (cộng {len(view.periods_in_scope)} đợt): " if len(view.periods_in_scope) > 1 else ""
    first[0].metric(f"{times}Chi bộ đã sinh hoạt / {format_count(total['cells_expected'])}",
                    format_count(total["cells_held"]), border=True, **delta("cells_held"))
    first[1].metric(f"{times}Đảng viên tham gia / {format_count(total['members_eligible'])}",
                    format_count(total["members_participating"]), border=True, **delta("members_participating"))
    first[2].metric(f"Báo cáo đã nhận / {format_count(total['reports_expected'])}",
                    format_count(total["reports_received"]), border=True)
    first[3].metric("Tỷ lệ báo cáo đúng hạn", format_percent(on_time_rate(total)) or "—", border=True)
    st.caption("Số sau dấu “/” là tổng phải có: tổng số chi bộ, số đảng viên phải sinh hoạt (tổng số trừ miễn sinh "
               "hoạt), số báo cáo các đơn vị trực thuộc phải nộp. Tỷ lệ đúng hạn không tính các báo cáo chưa nộp mà "
               "chưa đến hạn.")
    second = st.columns(4)
    second[0].metric("Tỷ lệ chi bộ sinh hoạt", format_percent(total["cell_rate"]) or "—", border=True,
                     **delta("cell_rate", rate=True))
    second[1].metric("Tỷ lệ đảng viên tham gia", format_percent(total["member_rate"]) or "—", border=True,
                     **delta("member_rate", rate=True))
    second[2].metric(f"Đơn vị {UNIT_STATUS['met'][0].lower()} / {format_count(len(units))}", format_count(count["met"]),
                     border=True)
    second[3].metric(f"Đơn vị {UNIT_STATUS['below'][0].lower()} / {format_count(len(units))}",
                     format_count(count["below"]), border=True)
    words = [f"{format_count(count[s])} đơn vị {UNIT_STATUS[s][0].lower()} báo cáo" for s in ("missing", "pending")
             if count[s]] + ([f"{format_count(count['no_figures'])} đơn vị đã gửi báo cáo nhưng không có số liệu "
                              "cho lựa chọn này"] if count["no_figures"] else [])
    if words:
        st.caption("Ngoài ra: " + "; ".join(words) + f" (tính đến ngày {view.today:%d/%m/%Y}).")
    if total["reports_pending"]:
        st.info(f"Còn {format_count(total['reports_pending'])} báo cáo chưa đến hạn nộp: các số trên tính trên "
                f"{format_count(total['reports_received'])}/{format_count(total['reports_expected'])} báo cáo đã nhận.",
                icon=":material/schedule:")
    if previous and latest:
        if change is None:
            st.caption(f"Chưa so sánh với {md(names[previous])}: không có đơn vị trực thuộc nào báo cáo cả hai đợt.")
        elif since.shown_on_cards:
            st.caption(f"Mũi tên: thay đổi của {md(names[latest])} so với {md(names[previous])}, cùng "
                       f"{format_count(change.units)} đơn vị trực thuộc đã báo cáo cả hai đợt.")
        else:
            before, after = change.before, change.after
            st.caption(f"So sánh cùng {format_count(change.units)} đơn vị trực thuộc đã báo cáo cả "
                       f"{md(names[previous])} và {md(names[latest])}: tỷ lệ đảng viên tham gia "
                       f"{format_percent(before['member_rate']) or '—'} → "
                       f"{format_percent(after['member_rate']) or '—'}, tỷ lệ chi bộ sinh hoạt "
                       f"{format_percent(before['cell_rate']) or '—'} → "
                       f"{format_percent(after['cell_rate']) or '—'}. Các số trên thẻ không kèm mũi tên vì hai đợt "
                       "không cùng cơ sở (khác đơn vị báo cáo, hoặc đơn vị cấp trên tự báo cáo).")

    st.subheader("Đơn vị quá hạn chưa nộp báo cáo hoặc chưa đạt chỉ tiêu")
    behind = [u for u in units if u["status"] in ("missing", "below")]
    if not units:
        st.info("Đơn vị này không có đơn vị trực thuộc trong cây tổ chức ngày đã chọn.")
    elif not behind:
        st.success("Không có đơn vị nào quá hạn chưa nộp báo cáo hoặc chưa đạt chỉ tiêu"
                   + (f"; {format_count(count['pending'])} đơn vị chưa đến hạn báo cáo." if count["pending"] else "."))
    else:
        columns = [("group", "Đơn vị", "text"), ("status_name", UNIT_STATUS_TITLE, "text"),
                   ("status_remark", "Ghi chú tình trạng", "note"),
                   ("reports_received", "Báo cáo đã nhận", "count"), ("reports_expected", "Báo cáo phải nộp", "count"),
                   ("cell_rate", "Tỷ lệ chi bộ sinh hoạt", "percent"),
                   ("member_rate", "Tỷ lệ đảng viên tham gia", "percent")]
        data_table(behind, columns, data, view,
                   title=f"Đơn vị quá hạn chưa nộp báo cáo hoặc chưa đạt chỉ tiêu — {view.unit_name}",
                   file_stem="don-vi-chua-dat", key="behind")
