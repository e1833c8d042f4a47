"""The held-out corpus's sources: documents the extractor was never tuned on (new wording, new sentence orders,
new distractors), same demo province "Sơn Hà", same catalogue and the same RULES as tests/corpus/expected.json:

* one row per (unit, occasion); per-sub-unit figures give one row per sub-unit and the issuer's own total is then
  not a row; a sub-unit not in the catalogue goes to `unmatched` under the name as written;
* a count the text does not state is null; the only derived values are exempt = total - members required to
  attend ("phải sinh hoạt") and participating = percent x a base the text states;
* qualifier at_least ("trên", "hơn", "ít nhất"), almost ("gần"), about ("khoảng", "xấp xỉ"), else exact;
* history, targets and counts of other things (meetings, new members, badges, visits, budgets, phones) are never
  counted;
* plans: kind "plan" with number, date, issuer, based_on and periods (anniversary, window, report deadline,
  topics); "hoàn thành trong tháng M/YYYY" = last day of that month, "trước ngày D" = the day before, "chậm nhất
  ngày D" = D, "chậm nhất N ngày sau khi kết thúc đợt" = end + N.

Body items as in tests/corpus/sources.py: a str is a paragraph ("^" = centred bold title, "#" = bold heading,
"@" = signature block line); a list of lists is a table (first row = header).
Letterhead = (upper body or None, issuer, number line, place-and-date line).
"""
import calendar
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal


def row(unit, period, topics, ce, ch, mt, me, mp, qualifier="exact", derived=()):
    return {"unit": unit, "period": period, "topics": sorted(topics), "cells_expected": ce, "cells_held": ch,
            "members_total": mt, "members_exempt": me, "members_participating": mp, "qualifier": qualifier,
            "derived": sorted(derived)}


def report(rows, shape, unmatched=()):
    return {"kind": "report", "rows": rows, "unmatched": list(unmatched), "shape": shape}


def deadline_of(phrase: str, end: dt.date) -> dt.date:
    """The report deadline a careful clerk reads from the plan's own words (see the module docstring)."""
    text = phrase.lower()
    if m := re.search(r"hoàn thành trong tháng (\d{1,2})/(\d{4})", text):
        month, year = int(m[1]), int(m[2])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if m := re.search(r"chậm nhất (\d+) ngày sau khi kết thúc đợt", text):
        return end + dt.timedelta(days=int(m[1]))
    if m := re.search(r"chậm nhất ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.search(r"trước ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1])) - dt.timedelta(days=1)
    raise ValueError(phrase)


def period(label, anniversary, start, end, deadline_phrase, topics):
    """`deadline_phrase` is the plan's wording, copied into the text; the date is computed from it."""
    start_d, end_d = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return {"label": label, "anniversary": anniversary, "start": start, "end": end,
            "deadline": deadline_of(deadline_phrase, end_d).isoformat(), "topics": sorted(topics),
            "_phrase": deadline_phrase}


def plan(number, date, issuer, based_on, periods, shape):
    return {"kind": "plan", "rows": [], "unmatched": [], "shape": shape,
            "plan": {"number": number, "date": date, "issuer": issuer, "based_on": based_on, "periods": periods}}


def signature(role, title, name, receivers):
    return ["Nơi nhận:"] + [f"- {r}" for r in receivers] + [f"@{line}" for line in (role, title, "(đã ký)", name)]


def dots(value):
    return f"{value:,}".replace(",", ".")


def pct(part, whole):
    return str((Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")


DOCS = []


def doc(key, files, body, expected, letterhead=None, encoding="utf-8", newline="\n", checks=()):
    """`checks`: extra evidence for check_corpus.py, e.g. ("pct_base", unit, "90,2", 623) for a derived
    participating count, ("required", unit, 301) for a derived exempt count."""
    DOCS.append({"key": key, "files": files, "letterhead": letterhead, "body": body, "expected": expected,
                 "encoding": encoding, "newline": newline, "checks": list(checks)})


# ---------------------------------------------------------------------------------------------------------------
# U1 district before the reform; "đã có 51 trên tổng số 53", "số cán bộ, đảng viên dự học tập là ... đồng chí",
# "đảng viên được miễn sinh hoạt: 77 đồng chí"; the earlier 19-5 figures quoted as a comparison
doc("U1", {"docx": "bc_268_hu_binh_son_sinh_hoat_2_9.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY BÌNH SƠN", "Số: 268-BC/HU", "Bình Sơn, ngày 14 tháng 10 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị kỷ niệm 79 năm Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/2024) và "
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2024)",
        "Căn cứ Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy và Hướng dẫn của Ban Tuyên giáo Tỉnh "
        "ủy, Ban Thường vụ Huyện ủy Bình Sơn báo cáo kết quả tổ chức sinh hoạt chính trị đợt 3 năm 2024 như sau:",
        "#I. VIỆC QUÁN TRIỆT, TRIỂN KHAI",
        "Ban Thường vụ Huyện ủy giao Ban Tuyên giáo Huyện ủy chuẩn bị tài liệu, đề cương gợi ý thảo luận; các chi "
        "bộ, đảng bộ cơ sở tổ chức cho đảng viên tiếp tục học tập Kết luận 21 của Trung ương, đồng thời đẩy mạnh việc "
        "tự soi, tự sửa, liên hệ trách nhiệm của bản thân với nhiệm vụ được giao. Ban Tuyên giáo Huyện ủy in, cấp "
        "phát 620 cuốn tài liệu sinh hoạt cho các chi bộ.",
        "#II. KẾT QUẢ CỤ THỂ",
        "Tổng số đảng viên toàn Đảng bộ huyện tính đến ngày 31/8/2024 là 1.937 đồng chí; đảng viên được miễn sinh "
        "hoạt: 77 đồng chí.",
        "Đến hết tháng 9/2024, đã có 51 trên tổng số 53 chi bộ, đảng bộ cơ sở tổ chức sinh hoạt chính trị; số cán "
        "bộ, đảng viên dự học tập là 1.792 đồng chí, đạt 96,3% số đảng viên phải sinh hoạt. Hai chi bộ chưa tổ chức "
        "được là Chi bộ thôn Đồng Mới (Đảng bộ xã Bình Minh) và Chi bộ thôn Khe Cát (Đảng bộ xã Yên Hòa) do ảnh "
        "hưởng của cơn bão số 3, đã được chỉ đạo tổ chức bù.",
        "So với đợt sinh hoạt dịp 19-5 năm 2024 (52/53 chi bộ, đảng bộ; 1.771 đảng viên tham gia), số đảng viên "
        "tham gia tăng 21 đồng chí.",
        "#III. ĐÁNH GIÁ",
        "Nhìn chung, các cấp ủy chuẩn bị chu đáo; nhiều chi bộ mời đảng viên cao tuổi ôn lại truyền thống Cách mạng "
        "Tháng Tám ở địa phương. Một số chi bộ ghép nội dung sinh hoạt chính trị vào sinh hoạt thường kỳ nên thời "
        "gian thảo luận còn ít.",
        "#IV. NHIỆM VỤ THỜI GIAN TỚI",
        "Chỉ đạo tổ chức sinh hoạt chính trị dịp 7-11 gắn với kiểm điểm cuối năm 2024; phấn đấu 100% chi bộ, đảng "
        "bộ cơ sở tổ chức sinh hoạt, tỷ lệ đảng viên tham gia đạt trên 97%.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đặng Quốc Khánh",
                   ["Thường trực Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Lưu Văn phòng Huyện ủy."]),
    ],
    expected=report([row("H-BS", "2024-2-9", ["KL21", "TSTS"], 53, 51, 1937, 77, 1792)],
                    "district before the reform; total and exempt in a sentence before the cells; 'đã có 51 trên "
                    "tổng số 53 chi bộ, đảng bộ cơ sở', 'số cán bộ, đảng viên dự học tập là 1.792 đồng chí', "
                    "'miễn sinh hoạt: 77 đồng chí'; short form 'Kết luận 21'; the 19-5 figures in a comparison are "
                    "history (not a second occasion); 620 cuốn tài liệu, named cells without figures"))

# ---------------------------------------------------------------------------------------------------------------
# U2 city committee, figures in a 2-column table "Chỉ tiêu | Số lượng" with rows about other things
doc("U2", {"docx": "bc_402_thu_mung_dang_2025.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "THÀNH ỦY SƠN HÀ", "Số: 402-BC/ThU", "Sơn Hà, ngày 06 tháng 3 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị dịp mừng Đảng, mừng Xuân Ất Tỵ, kỷ niệm 95 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2025, Ban Thường vụ Thành ủy báo cáo như sau:",
        "#1. Nội dung sinh hoạt",
        "Các chi bộ, đảng bộ trực thuộc tổ chức cho cán bộ, đảng viên nghiên cứu, thảo luận Nghị quyết số 18-NQ/TW "
        "về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả và "
        "ôn lại Quy định 37 về những điều đảng viên không được làm trong bối cảnh thực hiện sắp xếp bộ máy.",
        "#2. Kết quả",
        "Số liệu tổng hợp từ báo cáo của các chi bộ, đảng bộ trực thuộc Thành ủy:",
        [["Chỉ tiêu", "Số lượng"],
         ["Số chi bộ, đảng bộ trực thuộc", "47"],
         ["Số chi bộ, đảng bộ đã tổ chức sinh hoạt", "46"],
         ["Tổng số đảng viên", "3.861"],
         ["Đảng viên được miễn sinh hoạt", "139"],
         ["Đảng viên tham gia sinh hoạt", "3.577"],
         ["Quần chúng ưu tú, đoàn viên dự sinh hoạt cùng chi bộ", "412"],
         ["Ý kiến đóng góp của đảng viên được tổng hợp", "268"]],
        f"Tỷ lệ đảng viên tham gia đạt {pct(3577, 3861 - 139)}% số đảng viên phải sinh hoạt. Đảng bộ phường Nam Sơn "
        "còn 01 chi bộ chưa sinh hoạt do bí thư chi bộ nghỉ chế độ từ ngày 01/02/2025, chưa kiện toàn.",
        "#3. Đánh giá và kiến nghị",
        "Việc sinh hoạt bảo đảm nghiêm túc, nhiều ý kiến tâm huyết về sắp xếp đơn vị hành chính. Đề nghị Ban Tuyên "
        "giáo Tỉnh ủy sớm ban hành tài liệu sinh hoạt dịp 19-5 để các cơ sở chủ động.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Thị Thu Hà",
                   ["Thường trực Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Lưu VP Thành ủy."]),
    ],
    expected=report([row("TP-SH", "2025-3-2", ["QD37"], 47, 46, 3861, 139, 3577)],
                    "city committee before the reform; figures only in a 2-column table 'Chỉ tiêu | Số lượng' that "
                    "also holds counts of other things (quần chúng, ý kiến); occasion by 'mừng Đảng, mừng Xuân'; "
                    "Nghị quyết 18 is not a catalogue topic; short form 'Quy định 37'"))

# ---------------------------------------------------------------------------------------------------------------
# U3 town committee, distractor-heavy monthly report; occasion named by the month and "sinh nhật Bác"
doc("U3", {"pdf": "bc_377_tx_an_phu_thang_5_2025.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "THỊ ỦY AN PHÚ", "Số: 377-BC/TU", "An Phú, ngày 10 tháng 6 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả công tác tuyên giáo tháng 5 và sinh hoạt chính trị nhân dịp sinh nhật Bác năm 2025",
        "Ban Thường vụ Thị ủy báo cáo kết quả công tác tuyên giáo tháng 5/2025 như sau:",
        "#I. TÌNH HÌNH CHUNG",
        "Tháng 5/2025, toàn Đảng bộ tập trung triển khai các bước sắp xếp đơn vị hành chính cấp xã; theo đề án đã "
        "được thông qua, sau sắp xếp trên địa bàn thị xã hình thành 2 phường và 1 xã. Thu ngân sách trên địa bàn 5 "
        "tháng đạt 186,4 tỷ đồng, bằng 47,2% dự toán; giải quyết việc làm cho 640 lao động.",
        "Trước đó, Hội nghị trực tuyến quán triệt Nghị quyết số 18-NQ/TW được tổ chức ngày 03/3/2025 tại 14 điểm cầu "
        "với 1.250 cán bộ, đảng viên dự; kết quả hội nghị đã báo cáo tại Báo cáo số 351-BC/TU.",
        "#II. SINH HOẠT CHÍNH TRỊ NHÂN DỊP SINH NHẬT BÁC",
        "Trong tháng 5/2025, nhân dịp sinh nhật Bác, các tổ chức cơ sở đảng trực thuộc Thị ủy tổ chức sinh hoạt "
        "chính trị, học tập chuyên đề năm 2025 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. "
        "Kết quả, đã có 35 trên tổng số 36 chi bộ, đảng bộ cơ sở tổ chức sinh hoạt; xấp xỉ 1.980 cán bộ, đảng viên "
        "tham dự. Toàn Đảng bộ hiện có 2.141 đảng viên, trong đó có 93 đồng chí được miễn sinh hoạt đảng.",
        "Chi bộ Trung tâm Y tế thị xã chưa tổ chức được do tập trung phòng, chống dịch sốt xuất huyết, sẽ sinh hoạt "
        "bù trong tháng 6/2025.",
        "Hưởng ứng dịp này, Thị đoàn phối hợp tổ chức 12 đoàn dâng hương tại Khu di tích với hơn 600 lượt người "
        "tham gia; Hội thi kể chuyện về Bác có 24 thí sinh dự thi. Ứng dụng tài liệu điện tử của Thị ủy ghi nhận hơn "
        "1.200 lượt cán bộ, đảng viên truy cập.",
        "#III. CÔNG TÁC XÂY DỰNG ĐẢNG",
        "Trong tháng, toàn Đảng bộ kết nạp 19 đảng viên mới; trao tặng 31 Huy hiệu Đảng, trong đó 2 Huy hiệu 55 năm "
        "tuổi Đảng; Ủy ban Kiểm tra Thị ủy kiểm tra 3 tổ chức đảng, thi hành kỷ luật 1 đảng viên. Quỹ “Vì người "
        "nghèo” tiếp nhận 45 triệu đồng ủng hộ.",
        "Cùng kỳ năm 2024, có 34 chi bộ, đảng bộ cơ sở với 1.946 đảng viên tham gia sinh hoạt chính trị dịp 19-5.",
        "#IV. NHIỆM VỤ THÁNG 6/2025",
        "Bàn giao hồ sơ, tài liệu cho các đảng bộ mới; chỉ đạo các chi bộ chuẩn bị sinh hoạt chính trị dịp 2-9, "
        "phấn đấu trên 96% đảng viên tham gia. Ngày 12/6/2025, tổ chức hội nghị giao ban công tác tuyên giáo với "
        "khoảng 230 đại biểu. Liên hệ: Văn phòng Thị ủy, điện thoại 0213.3870.552.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trịnh Văn Quý",
                   ["Thường trực Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("TX-AP", "2025-19-5", ["HCM-TK"], 36, 35, 2141, 93, 1980, "about")],
                    "distractor-heavy monthly report of a town committee just before the reform; occasion named "
                    "only as 'trong tháng 5/2025, nhân dịp sinh nhật Bác'; 'xấp xỉ 1.980' (about); distractors: "
                    "budget, a March conference with 1.250 cán bộ, đảng viên, 'hơn 1.200 lượt cán bộ, đảng viên "
                    "truy cập', 600 lượt, new members, badges, history 2024, targets, 'khoảng 230 đại biểu', phone"))

# ---------------------------------------------------------------------------------------------------------------
# U4 one-page scan, commune after the reform, "tỷ lệ 94,2%" beside a stated count
doc("U4", {"scan": "scan_bc_11_du_thanh_khe.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ THANH KHÊ", "Số: 11-BC/ĐU", "Thanh Khê, ngày 07 tháng 10 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị chào mừng 80 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy xã Thanh "
        "Khê báo cáo kết quả như sau:",
        "Đây là đợt sinh hoạt chính trị đầu tiên của Đảng bộ xã sau khi hợp nhất thị trấn Thanh Khê, xã Khê Thượng "
        "và xã Khê Hạ. Nội dung: nghiên cứu cuốn sách của đồng chí Tổng Bí thư về chủ nghĩa xã hội và con đường đi "
        "lên chủ nghĩa xã hội ở Việt Nam.",
        "Đảng bộ xã có 7 chi bộ trực thuộc, cả 7 chi bộ đều tổ chức sinh hoạt (đạt 100%). Tổng số đảng viên 291 đồng "
        f"chí; miễn sinh hoạt 17 đồng chí; số đảng viên tham gia 258 đồng chí, tỷ lệ {pct(258, 291 - 17)}%.",
        "Hạn chế: một số đảng viên cao tuổi ở các thôn xa trung tâm đi lại khó khăn. Thời gian tới, Đảng ủy chỉ "
        "đạo tổ chức sinh hoạt dịp 7-11 gắn với tổng kết năm 2025.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lương Văn Dũng", ["Thường trực Tỉnh ủy,", "Lưu VP."]),
    ],
    expected=report([row("X-TK", "2025-2-9", ["SACH-TBT"], 7, 7, 291, 17, 258)],
                    "one-page scan; commune after the reform (same name as the old thị trấn); 'có 7 chi bộ trực "
                    "thuộc, cả 7 chi bộ đều tổ chức'; 'tỷ lệ 94,2%' is relative to members required and the count "
                    "is stated, so nothing is derived"))

# ---------------------------------------------------------------------------------------------------------------
# U5 letterhead-only commune; participating derived from a percent of the stated total
doc("U5", {"docx": "bc_26_du_7_11_2025.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY PHƯỜNG SƠN HÀ", "Số: 26-BC/ĐU", "Ngày 08 tháng 12 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 108 năm Cách mạng Tháng Mười Nga, gắn với kiểm điểm, đánh giá "
        "chất lượng cuối năm 2025",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy báo cáo như "
        "sau:",
        "#1. Nội dung",
        "Các chi bộ tổ chức cho đảng viên tự soi, tự sửa, kiểm điểm việc thực hiện Quy định 37 về những điều đảng "
        "viên không được làm, gắn với đánh giá, xếp loại chất lượng cuối năm.",
        "#2. Kết quả",
        "Đảng bộ có 8 chi bộ trực thuộc với 623 đảng viên; đảng viên được miễn sinh hoạt: 41 đồng chí. Kết quả, 8/8 "
        "chi bộ tổ chức sinh hoạt đúng thời gian; số đảng viên tham gia đạt 90,2% so với tổng số đảng viên của Đảng "
        "bộ.",
        "Qua sinh hoạt, các chi bộ tiếp nhận 57 ý kiến của đảng viên về công tác quản lý đô thị; Đảng ủy đã giao "
        "Ủy ban nhân dân phường xem xét, giải quyết.",
        "#3. Phương hướng",
        "Năm 2026 phấn đấu tỷ lệ đảng viên tham gia sinh hoạt chính trị đạt trên 92%.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Vũ Thị Lan", ["Thường trực Tỉnh ủy (b/c),", "Lưu."]),
    ],
    checks=[("pct_base", "P-SH", "90,2", 623)],
    expected=report([row("P-SH", "2025-7-11", ["QD37", "TSTS"], 8, 8, 623, 41, 562,
                         derived=["members_participating"])],
                    "unit named only in the letterhead (body says 'Đảng bộ', place line without a name); participating "
                    "derived from 'đạt 90,2% so với tổng số đảng viên' with the total 623 stated (round(0.902 × 623) "
                    "= 562); 'miễn sinh hoạt: 41 đồng chí'"))

# ---------------------------------------------------------------------------------------------------------------
# U6 e-mail pasted as text with CRLF line ends; "gần 430" (almost), "chuyên đề năm" short form
doc("U6", {"txt": "email_du_cqd_thang5_2026_crlf.txt"}, newline="\r\n",
    body=[
        "Kính gửi: Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Văn phòng Đảng ủy các cơ quan Đảng tỉnh xin gửi số liệu sinh hoạt chính trị tháng 5/2026 (kỷ niệm 136 năm "
        "Ngày sinh Chủ tịch Hồ Chí Minh):",
        "+ Chi bộ trực thuộc: 7, đã sinh hoạt: 7.",
        "+ Tổng số đảng viên: 486; được miễn sinh hoạt: 22.",
        "+ Tham gia: gần 430 đồng chí (một số đồng chí đi công tác cơ sở theo Đoàn kiểm tra của Tỉnh ủy).",
        "+ Nội dung: chuyên đề năm 2026 và Quy định 37.",
        "Số liệu chính thức sẽ gửi kèm báo cáo bằng văn bản.",
        "Trân trọng./.",
        "Nguyễn Thị Thanh Vân - Văn phòng Đảng ủy, ĐT 0912 808 246",
    ],
    expected=report([row("DU-CQD", "2026-19-5", ["HCM-TK", "QD37"], 7, 7, 486, 22, 430, "almost")],
                    "e-mail body pasted as text (UTF-8, CRLF line ends), no letterhead; provincial-level committee "
                    "after the reform; 'gần 430 đồng chí' (almost); 'chuyên đề năm 2026' read as the yearly Hồ Chí "
                    "Minh chuyên đề (HCM-TK), as a clerk would; phone with spaces"))

# ---------------------------------------------------------------------------------------------------------------
# U7 district summary: a table of its grassroots organisations, one of them not in the catalogue
ML_ROWS = [("H-ML-01", "Thị trấn Mường Lạc", 16, 16, 512, 24, 471), ("H-ML-02", "Xã Bản Xèo", 11, 11, 388, 17, 352),
           ("H-ML-03", "Xã Nậm Chải", 9, 8, 301, 14, 262), ("H-ML-04", "Xã Pha Long", 8, 8, 274, 11, 249),
           (None, "Xã Sín Chải", 7, 6, 219, 9, 190)]
ML_SUM = [sum(r[i] for r in ML_ROWS) for i in range(2, 7)]
assert ML_SUM == [51, 49, 1694, 75, 1524]
doc("U7", {"docx": "th_341_hu_muong_lac_3_2_2025.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY MƯỜNG LẠC", "Số: 341-BC/HU", "Mường Lạc, ngày 11 tháng 3 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Tổng hợp kết quả sinh hoạt chính trị của các đảng bộ xã, thị trấn dịp kỷ niệm 95 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 - 03/02/2025)",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy Mường Lạc "
        "tổng hợp kết quả sinh hoạt chính trị của các đảng bộ xã, thị trấn như sau:",
        "#I. NỘI DUNG",
        "Các chi bộ học tập, quán triệt Kết luận số 21-KL/TW và tổ chức cho đảng viên tự soi, tự sửa trước khi bước "
        "vào đại hội chi bộ nhiệm kỳ 2025 - 2027.",
        "#II. KẾT QUẢ TẠI CÁC ĐẢNG BỘ XÃ, THỊ TRẤN",
        [["TT", "Đảng bộ cơ sở", "Chi bộ trực thuộc", "Chi bộ đã sinh hoạt", "Tổng số đảng viên",
          "Được miễn sinh hoạt", "Đảng viên tham gia", "Tỷ lệ (%)"]]
        + [[str(i), r[1], str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]), pct(r[6], r[4] - r[5])]
           for i, r in enumerate(ML_ROWS, 1)]
        + [["", "Cộng", *[dots(v) for v in ML_SUM], pct(ML_SUM[4], ML_SUM[2] - ML_SUM[3])]],
        "Ghi chú: tỷ lệ tính trên số đảng viên phải sinh hoạt (tổng số trừ số được miễn).",
        f"Tính chung 5 đảng bộ xã, thị trấn: {ML_SUM[1]}/{ML_SUM[0]} chi bộ tổ chức sinh hoạt, {dots(ML_SUM[4])} "
        "đảng viên tham gia. Đảng bộ xã Nậm Chải và Đảng bộ xã Sín Chải mỗi nơi còn 01 chi bộ bản chưa sinh hoạt do "
        "đường giao thông bị sạt lở.",
        "#III. PHƯƠNG HƯỚNG",
        "Chỉ đạo các đảng bộ xã, thị trấn hoàn thành sinh hoạt bù trước ngày 20/3/2025; chuẩn bị nội dung sinh hoạt "
        "dịp 19-5 năm 2025.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Quàng Văn Khoa", ["Thường trực Tỉnh ủy,", "Lưu VP."]),
    ],
    expected=report([row(r[0], "2025-3-2", ["KL21", "TSTS"], *r[2:]) for r in ML_ROWS if r[0]],
                    "district summary with a table per grassroots organisation (names written 'Thị trấn ...', 'Xã "
                    "...', columns in a new order plus a percent column) and a 'Cộng' row; the district sum (also in "
                    "a sentence) is not a row; 'Xã Sín Chải' is not in the catalogue (do not confuse with Nậm "
                    "Chải), listed as unmatched under the name written in the table",
                    unmatched=["Xã Sín Chải"]))

# ---------------------------------------------------------------------------------------------------------------
# U8 commune summary, one differently worded sentence per cell
DL_CELLS = [
    ("X-DL-01", "Chi bộ Quân sự xã: 100% đảng viên (13/13 đồng chí) tham gia sinh hoạt.", 13, None, 13),
    ("X-DL-02", "Tại Chi bộ Trường THCS, 21 trong tổng số 23 đảng viên dự sinh hoạt; 02 đồng chí vắng có lý do "
                "(đi tập huấn chuyên môn).", 23, None, 21),
    ("X-DL-03", "Chi bộ Công an xã có 11 đảng viên, tham gia đủ 11 đồng chí.", 11, None, 11),
    ("X-DL-04", "Chi bộ Trạm Y tế sinh hoạt ngày 22/5/2026 với 8/9 đảng viên tham gia (01 đồng chí trực cấp cứu).",
     9, None, 8),
    ("X-DL-05", f"Chi bộ tổ dân phố 2 có 57 đảng viên, trong đó 12 đồng chí được miễn sinh hoạt do tuổi cao, sức "
                f"yếu; số đảng viên tham gia là 41 đồng chí, đạt {pct(41, 45)}% số đảng viên phải sinh hoạt.",
     57, 12, 41),
]
DL_TOTAL, DL_PART = sum(c[2] for c in DL_CELLS), sum(c[4] for c in DL_CELLS)
doc("U8", {"pdf": "bc_47_du_dong_linh_cac_chi_bo.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ ĐÔNG LĨNH", "Số: 47-BC/ĐU", "Đông Lĩnh, ngày 05 tháng 6 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị của các chi bộ dịp kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh "
        "(19/5/1890 - 19/5/2026)",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy xã Đông Lĩnh "
        "báo cáo kết quả sinh hoạt chính trị của các chi bộ trực thuộc như sau:",
        "#I. NỘI DUNG",
        "Các chi bộ học tập chuyên đề toàn khóa về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, "
        "gắn với việc tiếp tục thực hiện Kết luận 21-KL/TW.",
        "#II. KẾT QUẢ TỪNG CHI BỘ",
        *[c[1] for c in DL_CELLS],
        f"Tổng hợp toàn Đảng bộ: 5/5 chi bộ đã sinh hoạt; {DL_PART}/{DL_TOTAL} đảng viên tham gia, đạt "
        f"{pct(DL_PART, DL_TOTAL)}% tổng số đảng viên.",
        "#III. KIẾN NGHỊ",
        "Đề nghị cấp trên sớm cấp tài liệu sinh hoạt bằng bản điện tử để các chi bộ chủ động in ấn.",
        *signature("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Điêu Thị Xuân", ["Ban Thường vụ Tỉnh ủy (b/c),", "Lưu."]),
    ],
    expected=report([row(c[0], "2026-19-5", ["HCM-TK", "KL21"], None, None, c[2], c[3], c[4]) for c in DL_CELLS],
                    "commune after the reform, one differently worded sentence per cell ('100% đảng viên (13/13 đồng "
                    "chí)', '21 trong tổng số 23', 'có 11 đảng viên, tham gia đủ 11', '8/9', total with exempt); "
                    "absences ('02 đồng chí vắng') are not figures; the commune total is not a row"))

# ---------------------------------------------------------------------------------------------------------------
# U9 two occasions in one half-year report; second occasion named by the month; derived exempt and "trên"
doc("U9", {"docx": "bc_38_du_ban_xeo_6_thang_2026.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ BẢN XÈO", "Số: 38-BC/ĐU", "Bản Xèo, ngày 12 tháng 6 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị 6 tháng đầu năm 2026",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy xã Bản Xèo "
        "báo cáo kết quả các đợt sinh hoạt chính trị 6 tháng đầu năm như sau:",
        "#1. Đợt mừng Đảng, mừng Xuân Bính Ngọ (kỷ niệm 96 năm Ngày thành lập Đảng)",
        "Các chi bộ học tập Kết luận 21, liên hệ với việc xây dựng chi bộ bản trong sạch, vững mạnh. Toàn Đảng bộ có 5 "
        "chi bộ trực thuộc, không có chi bộ nào chưa tổ chức sinh hoạt; tổng số đảng viên 264, miễn sinh hoạt 15, tham gia 231.",
        "#2. Đợt sinh hoạt tháng 5",
        "Trong tháng 5/2026, nhân dịp sinh nhật Bác, các chi bộ sinh hoạt chuyên đề năm 2026. Có 4/5 chi bộ tổ chức "
        "sinh hoạt (Chi bộ Trường THCS hoãn do trùng lịch thi học kỳ, sẽ tổ chức bù trong tháng 6/2026); tổng số "
        "đảng viên 266; đảng viên phải sinh hoạt 250; có trên 200 đảng viên tham gia.",
        "#3. Công tác khác",
        "Sáu tháng đầu năm, Đảng ủy kết nạp 6 đảng viên mới, đề nghị tặng Huy hiệu Đảng cho 3 đồng chí; tổ chức 2 "
        "lớp bồi dưỡng nhận thức về Đảng cho 58 quần chúng ưu tú.",
        "#4. Phương hướng 6 tháng cuối năm",
        "Phấn đấu các đợt sinh hoạt dịp 2-9 và 7-11 có 100% chi bộ tổ chức, trên 90% đảng viên tham gia.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Giàng A Páo", ["Thường trực Tỉnh ủy,", "Lưu VP."]),
    ],
    checks=[("required", "X-BX", 250)],
    expected=report([row("X-BX", "2026-3-2", ["KL21"], 5, 5, 264, 15, 231),
                     row("X-BX", "2026-19-5", ["HCM-TK"], 5, 4, 266, 16, 200, "at_least",
                         derived=["members_exempt"])],
                    "two occasions in one half-year commune report: 'mừng Đảng, mừng Xuân Bính Ngọ' (cells held by a "
                    "double negative: 'có 5 chi bộ trực thuộc, không có chi bộ nào chưa tổ chức' = 5/5) and 'trong tháng 5/2026, nhân dịp sinh nhật Bác' with "
                    "'chuyên đề năm 2026' (HCM-TK); second exempt derived 266 - 250; 'trên 200' (at_least)"))

# ---------------------------------------------------------------------------------------------------------------
# U10 distractor-heavy commune monthly report
doc("U10", {"pdf": "bc_52_du_ngoc_lam_thang_2_2026.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ NGỌC LÂM", "Số: 52-BC/ĐU", "Ngọc Lâm, ngày 09 tháng 3 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả lãnh đạo thực hiện nhiệm vụ tháng 02 và sinh hoạt chính trị dịp kỷ niệm 96 năm Ngày thành lập "
        "Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)",
        "Ban Thường vụ Đảng ủy xã Ngọc Lâm báo cáo kết quả tháng 02/2026 như sau:",
        "#I. KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH",
        "Dịp Tết Nguyên đán Bính Ngọ, Đảng ủy, Ủy ban nhân dân xã tổ chức thăm, tặng 1.026 suất quà với tổng trị "
        "giá 512 triệu đồng cho gia đình chính sách, hộ nghèo; Lễ hội đầu xuân đón khoảng 3.400 lượt khách. Tỷ lệ hộ "
        "nghèo ước còn 4,2%. Ngày 24/02/2026, xã tổ chức Lễ giao quân cho 28 thanh niên lên đường nhập ngũ.",
        "#II. CÔNG TÁC XÂY DỰNG ĐẢNG",
        "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5 được tổ chức ngày 26/02/2026, có 21/21 đồng chí ủy viên dự.",
        "Trong tháng, Đảng ủy kết nạp 4 đảng viên mới; trao Huy hiệu Đảng cho 9 đảng viên, trong đó 1 đồng chí nhận "
        "Huy hiệu 60 năm tuổi Đảng. Số đảng viên đi làm ăn xa ngoài tỉnh là 23 đồng chí, đã được giới thiệu sinh "
        "hoạt tạm thời tại nơi cư trú mới.",
        "#III. SINH HOẠT CHÍNH TRỊ DỊP 3-2",
        "Ngay sau Tết, 7/7 chi bộ trực thuộc đã tổ chức sinh hoạt chính trị, học tập Kết luận 21 và Quy định 37. "
        "Tổng số đảng viên của Đảng bộ: 327, miễn sinh hoạt 22; số cán bộ, đảng viên dự học tập là 289 đồng chí "
        f"(tỷ lệ {pct(289, 327 - 22)}% số đảng viên phải sinh hoạt).",
        "Để so sánh: dịp 7-11 năm 2025, Đảng bộ có 279 đảng viên tham gia sinh hoạt; cùng kỳ năm 2025, Đảng bộ xã "
        "Ngọc Lâm cũ (thuộc Huyện ủy Ngọc Lâm) có 13/14 chi bộ với 451 đảng viên tham gia.",
        "#IV. NHIỆM VỤ THÁNG 3/2026",
        "Tổ chức Hội nghị sơ kết quý I vào ngày 27/3/2026; phấn đấu dịp 19-5 có 100% chi bộ tổ chức sinh hoạt và "
        "trên 95% đảng viên tham gia; hoàn thành thu quỹ đảng phí quý I trước ngày 31/3/2026. Liên hệ: đồng chí "
        "Hoàng Thị Mai, Văn phòng Đảng ủy, điện thoại 0983 327 289.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Hà Thị Yến",
                   ["Thường trực Tỉnh ủy (b/c),", "Các đồng chí Đảng ủy viên,", "Lưu VP."]),
    ],
    expected=report([row("X-NL", "2026-3-2", ["KL21", "QD37"], 7, 7, 327, 22, 289)],
                    "distractor-heavy monthly commune report: gifts, money, visitors, poverty rate, conscripts, "
                    "'21/21 đồng chí ủy viên', new members, badges, '23 đồng chí đi làm ăn xa' (not exempt), "
                    "earlier occasion (7-11-2025) and the old pre-reform commune (history), targets, a phone number "
                    "that repeats 327 and 289"))

# ---------------------------------------------------------------------------------------------------------------
# U11 guidance with a blank reporting form: no figures
doc("U11", {"docx": "hd_21_btgdv_noi_dung_2_9_2026.docx"},
    letterhead=("TỈNH ỦY SƠN HÀ", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Số: 21-HD/BTGDVTU", "Sơn Hà, ngày 20 tháng 7 năm 2026"),
    body=[
        "^HƯỚNG DẪN",
        "^Nội dung sinh hoạt chính trị dịp kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Căn cứ Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Tuyên giáo và Dân vận Tỉnh ủy "
        "hướng dẫn nội dung sinh hoạt chính trị như sau:",
        "#1. Nội dung",
        "Nghiên cứu cuốn sách của đồng chí Tổng Bí thư về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở "
        "Việt Nam (tài liệu gồm 3 phần, 28 trang). Mỗi chi bộ sinh hoạt ít nhất 01 buổi, thời lượng tối thiểu 120 "
        "phút, trong đó dành 60 phút thảo luận.",
        "#2. Yêu cầu",
        "Bảo đảm 100% chi bộ tổ chức sinh hoạt; tỷ lệ đảng viên được miễn sinh hoạt không quá 5% tổng số đảng viên; "
        "đảng viên vắng mặt phải có lý do. Thời gian thực hiện theo Kế hoạch số 05-KH/TU.",
        "#3. Báo cáo",
        "Các đảng ủy trực thuộc báo cáo theo mẫu dưới đây (5 chỉ tiêu), không gửi kèm danh sách đảng viên:",
        [["Chỉ tiêu", "Số lượng"],
         ["Số chi bộ trực thuộc", "..."],
         ["Số chi bộ đã tổ chức sinh hoạt", "..."],
         ["Tổng số đảng viên", "..."],
         ["Đảng viên được miễn sinh hoạt", "..."],
         ["Đảng viên tham gia", "..."]],
        "Mọi vướng mắc liên hệ Phòng Lý luận chính trị, điện thoại 0213.3852.117.",
        *signature("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lương Văn Khải", ["Các đảng ủy trực thuộc,", "Lưu BTGDV."]),
    ],
    expected={"kind": "none", "rows": [], "unmatched": [],
              "shape": "guidance (hướng dẫn), not a plan and not a report: page counts, minutes, a 5% cap, a blank "
                       "reporting form 'Chỉ tiêu | Số lượng' filled with '...'; no figures"})

# ---------------------------------------------------------------------------------------------------------------
# U12 plan with its periods in a table; four deadline forms
doc("U12", {"docx": "kh_09_du_ubnd_tinh_2027.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "Số: 09-KH/ĐU", "Sơn Hà, ngày 14 tháng 01 năm 2027"),
    body=[
        "^KẾ HOẠCH",
        "^Tổ chức sinh hoạt chính trị, học tập chuyên đề năm 2027",
        "Thực hiện Kế hoạch số 06-KH/TU ngày 05/01/2027 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2027, Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện như sau:",
        "#I. MỤC ĐÍCH, YÊU CẦU",
        "Bảo đảm 100% chi bộ trực thuộc tổ chức sinh hoạt chính trị theo đúng thời gian; phấn đấu trên 96% đảng "
        "viên tham gia mỗi đợt; gắn nội dung sinh hoạt với nhiệm vụ chuyên môn của các sở, ngành.",
        "#II. THỜI GIAN, NỘI DUNG CÁC ĐỢT",
        [["TT", "Đợt sinh hoạt", "Nội dung", "Thời gian tổ chức", "Thời hạn báo cáo"],
         ["1", "Mừng Đảng, mừng Xuân (kỷ niệm 97 năm Ngày thành lập Đảng, 03/02)", "Kết luận 21; Quy định 37",
          "Từ ngày 15/01/2027 đến ngày 26/02/2027", "Hoàn thành trong tháng 3/2027"],
         ["2", "Kỷ niệm 137 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5)", "Chuyên đề năm 2027",
          "Từ ngày 20/4/2027 đến ngày 29/5/2027", "Trước ngày 10-6-2027"],
         ["3", "Kỷ niệm 82 năm Cách mạng Tháng Tám và Quốc khánh 2-9", "Sách của đồng chí Tổng Bí thư",
          "Từ ngày 04/8/2027 đến ngày 24/9/2027", "Chậm nhất 7 ngày sau khi kết thúc đợt"],
         ["4", "Kỷ niệm 110 năm Cách mạng Tháng Mười Nga (07/11)", "Tự soi, tự sửa gắn với kiểm điểm cuối năm",
          "Từ ngày 18/10/2027 đến ngày 26/11/2027", "Chậm nhất ngày 06/12/2027"]],
        "#III. TỔ CHỨC THỰC HIỆN",
        "Văn phòng Đảng ủy chuẩn bị tài liệu (dự kiến 350 bộ), theo dõi, tổng hợp; các chi bộ gửi báo cáo kết quả "
        "theo mẫu, đúng thời hạn nêu tại Mục II.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đoàn Minh Quân",
                   ["Ban Thường vụ Tỉnh ủy (b/c),", "Các chi bộ trực thuộc,", "Lưu VP."]),
    ],
    expected=plan("09-KH/ĐU", "2027-01-14", "Đảng ủy Ủy ban nhân dân tỉnh", "06-KH/TU", [
        period("Đợt 1", "03-02", "2027-01-15", "2027-02-26", "Hoàn thành trong tháng 3/2027", ["KL21", "QD37"]),
        period("Đợt 2", "19-05", "2027-04-20", "2027-05-29", "Trước ngày 10-6-2027", ["HCM-TK"]),
        period("Đợt 3", "02-09", "2027-08-04", "2027-09-24", "Chậm nhất 7 ngày sau khi kết thúc đợt", ["SACH-TBT"]),
        period("Đợt 4", "07-11", "2027-10-18", "2027-11-26", "Chậm nhất ngày 06/12/2027", ["TSTS"]),
    ], "plan of a provincial-level committee implementing 06-KH/TU, its four periods in a table (Đợt | Nội dung | "
       "Thời gian | Thời hạn báo cáo); deadlines 'hoàn thành trong tháng 3/2027' (31/3), 'trước ngày 10-6-2027' "
       "(9/6), 'chậm nhất 7 ngày sau khi kết thúc đợt' (24/9 + 7), 'chậm nhất ngày 06/12/2027'; 'Chuyên đề năm "
       "2027' read as HCM-TK"))

# ---------------------------------------------------------------------------------------------------------------
# U13 Zalo message (UTF-8, no BOM), abbreviations, "xấp xỉ" and a phone that repeats the total
doc("U13", {"txt": "zalo_yen_hoa_mung_dang_2026.txt"},
    body=[
        "[Zalo] Văn phòng Đảng ủy xã Yên Hòa",
        "Báo cáo nhanh kết quả sinh hoạt chính trị dịp mừng Đảng 3/2/2026 ạ:",
        "- Số chi bộ: 6/6 đã sinh hoạt",
        "- Tổng đảng viên: 231, được miễn SH: 12 đ/c",
        "- Tham dự: xấp xỉ 200 đảng viên",
        "- Nội dung: học QĐ 37 và tự soi tự sửa",
        "Văn bản chính thức em gửi qua hệ thống sau ạ. Đ/c Hoa - VP, sđt 0868 231 447.",
    ],
    expected=report([row("X-YH", "2026-3-2", ["QD37", "TSTS"], 6, 6, 231, 12, 200, "about")],
                    "chat message pasted as UTF-8 text; abbreviations ('đ/c', 'SH', 'QĐ 37', 'tự soi tự sửa' without "
                    "comma); occasion 'mừng Đảng 3/2/2026'; 'xấp xỉ 200' (about); phone contains 231"))

# ---------------------------------------------------------------------------------------------------------------
# U14 UTF-16 export of a grassroots organisation's report before the reform; derived exempt
doc("U14", {"txt": "bc_khe_thuong_2_9_2024_utf16.txt"}, encoding="utf-16",
    checks=[("required", "H-TK-02", 301)],
    body=[
        "ĐẢNG BỘ HUYỆN THANH KHÊ",
        "ĐẢNG ỦY XÃ KHÊ THƯỢNG",
        "Số: 41-BC/ĐU          Khê Thượng, ngày 02 tháng 10 năm 2024",
        "BÁO CÁO Kết quả sinh hoạt chính trị kỷ niệm 79 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Công văn số 512-CV/HU ngày 25/7/2024 của Ban Thường vụ Huyện ủy Thanh Khê, Đảng ủy xã báo cáo như "
        "sau:",
        "1. Nội dung: các chi bộ nghiên cứu cuốn sách của đồng chí Tổng Bí thư về chủ nghĩa xã hội và con đường đi "
        "lên chủ nghĩa xã hội ở Việt Nam.",
        "2. Kết quả: đã có 9 trên tổng số 10 chi bộ tổ chức sinh hoạt (Chi bộ thôn Khê Trung sinh hoạt bù ngày "
        "05/10/2024). Tổng số đảng viên: 318; đảng viên phải sinh hoạt: 301; tham gia 287 đồng chí, đạt "
        f"{pct(287, 301)}%.",
        "3. Đề nghị: Huyện ủy cấp bổ sung 15 cuốn sách cho các chi bộ thôn.",
        "T/M ĐẢNG ỦY - BÍ THƯ Hoàng Văn Thắng",
    ],
    expected=report([row("H-TK-02", "2024-2-9", ["SACH-TBT"], 10, 9, 318, 17, 287, derived=["members_exempt"])],
                    "UTF-16 LE with BOM; grassroots organisation before the reform (Đảng ủy xã Khê Thượng under H-TK) "
                    "writing its own report; 'đã có 9 trên tổng số 10 chi bộ'; exempt derived 318 - 301; a make-up "
                    "meeting after the window and '15 cuốn sách' are not figures"))

# ---------------------------------------------------------------------------------------------------------------
# U15 commune plan for the second half of 2026, text PDF; deadline forms in prose, windows worded differently
doc("U15", {"pdf": "kh_31_du_muong_lac_6_thang_cuoi_2026.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ MƯỜNG LẠC", "Số: 31-KH/ĐU", "Mường Lạc, ngày 20 tháng 7 năm 2026"),
    body=[
        "^KẾ HOẠCH",
        "^Tổ chức sinh hoạt chính trị, học tập chuyên đề 6 tháng cuối năm 2026",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2026, Ban Thường vụ Đảng ủy xã Mường Lạc xây dựng kế hoạch tổ chức các đợt sinh hoạt 6 "
        "tháng cuối năm như sau:",
        "#I. YÊU CẦU",
        "Các chi bộ bố trí thời gian phù hợp với lịch sản xuất của nhân dân; bảo đảm đảng viên ở các bản xa được "
        "tham gia đầy đủ.",
        "#II. CÁC ĐỢT SINH HOẠT",
        "#1. Đợt sinh hoạt kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Nội dung: nghiên cứu cuốn sách của đồng chí Tổng Bí thư về chủ nghĩa xã hội và con đường đi lên chủ nghĩa "
        "xã hội ở Việt Nam. Các chi bộ tổ chức sinh hoạt trong thời gian từ ngày 10/8/2026 đến ngày 28/9/2026; báo "
        "cáo kết quả về Văn phòng Đảng ủy chậm nhất 10 ngày sau khi kết thúc đợt.",
        "#2. Đợt sinh hoạt kỷ niệm 109 năm Cách mạng Tháng Mười Nga, gắn với tổng kết năm 2026",
        "Thời hạn báo cáo: trước ngày 08-12-2026. Nội dung: tổ chức cho đảng viên tự soi, tự sửa; ôn lại Kết luận 21. "
        "Thời gian: bắt đầu từ ngày 15/10/2026, kết thúc ngày 30/11/2026.",
        "#III. TỔ CHỨC THỰC HIỆN",
        "Văn phòng Đảng ủy in 280 bộ tài liệu, cấp cho 8 chi bộ trước ngày 05/8/2026. Kế hoạch này thay thế nội dung "
        "6 tháng cuối năm tại Kế hoạch số 14-KH/ĐU ngày 10/01/2026 của Ban Thường vụ Đảng ủy xã.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Cầm Văn Sơn", ["Các chi bộ trực thuộc,", "Lưu VP."]),
    ],
    expected=plan("31-KH/ĐU", "2026-07-20", "Đảng ủy xã Mường Lạc", "05-KH/TU", [
        period("Đợt 1", "02-09", "2026-08-10", "2026-09-28", "chậm nhất 10 ngày sau khi kết thúc đợt", ["SACH-TBT"]),
        period("Đợt 2", "07-11", "2026-10-15", "2026-11-30", "trước ngày 08-12-2026", ["KL21", "TSTS"]),
    ], "commune plan for the second half of 2026 implementing 05-KH/TU; 'chậm nhất 10 ngày sau khi kết thúc đợt' "
       "(28/9 + 10), deadline stated before the window 'trước ngày 08-12-2026' (7/12), window 'bắt đầu từ ... kết "
       "thúc ...'; the commune's own earlier plan 14-KH/ĐU is mentioned but is not what the plan is based on"))
