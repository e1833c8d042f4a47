"""The summary report's Vietnamese sentences, by section, written from the facts."""
from analytics.labels import REPORT_STATUS, UNIT_STATUS, counted, qualifier_of, row_ratio
from analytics.report.facts import Facts, split_by_topic
from analytics.view import View
from common.formats import format_count, format_date, format_percent


def _whole(view: View, root: bool, inside: bool = False) -> str:
    """Who the figures cover: 'Toàn tỉnh' for the province at the top of the tree, else the unit by name, which
    keeps its capitals inside a sentence."""
    if root and view.unit_name.lower().startswith(("tỉnh ủy", "đảng bộ tỉnh")):
        return "toàn tỉnh" if inside else "Toàn tỉnh"
    if root and view.unit_name.lower().startswith(("thành ủy", "đảng bộ thành phố")):
        return "toàn thành phố" if inside else "Toàn thành phố"
    return view.unit_name


def in_sentence(text: str) -> str:
    """A label ('Dịp 2-9 năm 2026', a note) inside a sentence: its first letter small."""
    return text[:1].lower() + text[1:]


def _rates(row: dict) -> str:
    parts = []
    if row["cell_rate"] is not None:
        parts.append(f"chi bộ sinh hoạt {format_percent(row['cell_rate'])}")
    if row["member_rate"] is not None:
        parts.append(f"đảng viên tham gia {format_percent(row['member_rate'])}")
    return ", ".join(parts)


def narrative(view: View, facts: Facts, root: bool = False) -> dict[str, list[str]]:
    """The report's sentences, by section; every number comes from `facts`."""
    total, targets = facts.total, view.targets
    periods = ", ".join(view.period_names) or "các đợt"
    text: dict[str, list[str]] = {}
    if total["reports_received"]:
        if len(facts.by_period) > 1:    # several occasions: counts add up sessions, not people
            text["general"] = [
                f"Cộng {format_count(len(facts.by_period))} đợt, {_whole(view, root, inside=True)} "
                f"có {row_ratio(total, 'cells_held', 'cells_expected')} lượt chi bộ, đảng bộ "
                f"tổ chức sinh hoạt, đạt {format_percent(total['cell_rate'])}; "
                f"{row_ratio(total, 'members_participating', 'members_eligible')} lượt đảng "
                f"viên tham gia, đạt {format_percent(total['member_rate'])}, tính trên các báo cáo đã nhận."]
        else:
            text["general"] = [
                f"{_whole(view, root)} có {row_ratio(total, 'cells_held', 'cells_expected')} "
                f"chi bộ, đảng bộ tổ chức sinh hoạt, đạt {format_percent(total['cell_rate'])}; "
                f"{row_ratio(total, 'members_participating', 'members_eligible')} đảng viên "
                f"tham gia, đạt {format_percent(total['member_rate'])} (tổng số "
                f"{counted(total['members_total'], qualifier_of(total, 'members_total'))} "
                f"đảng viên, trừ {format_count(total['members_total'] - total['members_eligible'])} đảng viên được "
                "miễn sinh hoạt)."]
    else:
        text["general"] = [f"Đến ngày {format_date(view.today)}, chưa có đơn vị nào gửi báo cáo về {periods}."]
    expected = sum(s["expected"] for s in facts.reporting)
    if expected:
        count = {status: sum(s[status] for s in facts.reporting) for status in REPORT_STATUS}
        received = count["on_time"] + count["late"]
        sentence = f"Đã nhận {format_count(received)}/{format_count(expected)} báo cáo của các đơn vị trực thuộc"
        if not count["pending"]:    # with reports not yet due, a share of all would read as a shortfall
            sentence += f", đạt {format_percent(received / expected)}"
        if received:
            sentence += f"; trong đó {format_count(count['on_time'])} báo cáo đúng hạn"
            if count["late"]:
                sentence += f", {format_count(count['late'])} báo cáo trễ hạn"
        if count["missing"]:
            sentence += f"; {format_count(count['missing'])} báo cáo đã quá hạn nhưng chưa nộp"
        if count["pending"]:
            sentence += f"; {format_count(count['pending'])} báo cáo chưa đến hạn"
        text["general"].append(sentence + ".")

    by_status = {status: [u for u in facts.units if u["status"] == status] for status in UNIT_STATUS}
    goal = (f"{format_percent(targets.cells)} chi bộ sinh hoạt và {format_percent(targets.members)} đảng viên "
            "tham gia")
    units = []
    if facts.units:
        units.append(f"Có {format_count(len(by_status['met']))}/{format_count(len(facts.units))} đơn vị trực thuộc "
                     f"đạt chỉ tiêu ({goal}), tính trên các báo cáo đã nhận.")
    if by_status["below"]:
        units.append("Các đơn vị chưa đạt chỉ tiêu: " + "; ".join(
            f"{u['group']} ({_rates(u)})" for u in by_status["below"]) + ".")
    if by_status["missing"]:
        units.append(f"Các đơn vị quá hạn chưa nộp báo cáo (đến ngày {format_date(view.today)}): " + "; ".join(
            f"{u['group']} ({in_sentence(u['status_note'])})" for u in by_status["missing"]) + ".")
    if by_status["pending"]:
        units.append("Các đơn vị chưa đến hạn báo cáo: " + ", ".join(u["group"] for u in by_status["pending"]) + ".")
    if by_status["no_figures"]:
        units.append("Các đơn vị đã gửi báo cáo nhưng báo cáo không có số liệu cho lựa chọn này: "
                     + ", ".join(u["group"] for u in by_status["no_figures"]) + ".")
    partly = [u for u in by_status["met"] + by_status["below"] if u["reports_pending"]]
    if partly:
        units.append("Kết quả của " + ", ".join(u["group"] for u in partly) + " mới tính trên các báo cáo đã nhận; "
                     "các báo cáo còn lại chưa đến hạn.")
    if facts.units and len(by_status["met"]) == len(facts.units):
        units.append("Tất cả các đơn vị trực thuộc đều đạt chỉ tiêu.")
    text["units"] = units

    if len(facts.by_period) > 1:
        text["periods"] = ["Qua các đợt, tỷ lệ đảng viên tham gia lần lượt là: " + "; ".join(
            f"{r['group']} {format_percent(r['member_rate']) or 'chưa có số liệu'}" + (
                f" (đợt đang mở, mới nhận {format_count(r['reports_received'])}/"
                f"{format_count(r['reports_expected'])} báo cáo)" if r["reports_pending"] else "")
            for r in facts.by_period) + "."]
    if split_by_topic(facts):
        text["topics"] = ["Theo chuyên đề, " + "; ".join(
            f"{_topic_phrase(r)} có {row_ratio(r, 'members_participating', 'members_eligible')} "
            f"đảng viên tham gia, đạt {format_percent(r['member_rate'])}" for r in facts.by_topic) + "."]

    proposals = []
    if by_status["missing"]:
        proposals.append(f"Đề nghị {', '.join(u['group'] for u in by_status['missing'])} khẩn trương gửi báo cáo "
                         "đã quá hạn về cơ quan tổng hợp.")
    if by_status["below"]:
        proposals.append(f"Đề nghị {', '.join(u['group'] for u in by_status['below'])} chỉ đạo các chi bộ tổ chức "
                         "sinh hoạt bù cho đảng viên chưa tham gia và báo cáo kết quả.")
    still_open = [s for s in facts.reporting if s["pending"]]
    if still_open:
        proposals.append("Đề nghị các đơn vị chưa gửi báo cáo " + "; ".join(
            in_sentence(s['period_name'])
            + (f" gửi trước ngày {format_date(s['deadline'])}" if s["deadline"] else "") for s in still_open)
            + ", đúng thời hạn theo kế hoạch.")
    proposals.append("Các cấp ủy tiếp tục quán triệt, tổ chức sinh hoạt chính trị theo đúng kế hoạch; chú trọng "
                     "chất lượng nội dung sinh hoạt và báo cáo đúng thời hạn.")
    text["proposals"] = proposals
    return text


def _topic_phrase(row: dict) -> str:
    """A topic's name in a sentence; the reports that did not split by topic are called so."""
    return row["group"] if row["code"] else "các báo cáo chung cả đợt (không tách theo chuyên đề)"
