"""The corpus's sources: each document as a small record (files, letterhead, body, expected answer).

All text is invented for the demo province "Sơn Hà". Body items: a str is a paragraph ("^" first = centred bold
title line, "#" first = bold heading, "@" first = signature block); a list of lists is a table (first row = header); PAGE_BREAK breaks the page.
Letterhead = (upper body or None, issuer, number line, place-and-date line).
"""
import random

PAGE_BREAK = "\f"


def row(unit, period, topics, ce, ch, mt, me, mp, qualifier="exact", derived=()):
    return {"unit": unit, "period": period, "topics": sorted(topics), "cells_expected": ce, "cells_held": ch,
            "members_total": mt, "members_exempt": me, "members_participating": mp, "qualifier": qualifier,
            "derived": sorted(derived)}


def report(rows, shape, unmatched=()):
    return {"kind": "report", "rows": rows, "unmatched": list(unmatched), "shape": shape}


def period(label, anniversary, start, end, deadline, topics):
    return {"label": label, "anniversary": anniversary, "start": start, "end": end, "deadline": deadline,
            "topics": sorted(topics)}


def plan(number, date, issuer, based_on, periods, shape):
    return {"kind": "plan", "rows": [], "unmatched": [], "shape": shape,
            "plan": {"number": number, "date": date, "issuer": issuer, "based_on": based_on, "periods": periods}}


def signature(role, title, name, receivers):
    return ["Nơi nhận:"] + [f"- {r}" for r in receivers] + [f"@{line}" for line in (role, title, "(đã ký)", name)]


DOCS = []


def doc(key, files, body, expected, letterhead=None, encoding="utf-8", footer_pages=False):
    DOCS.append({"key": key, "files": files, "letterhead": letterhead, "body": body, "expected": expected,
                 "encoding": encoding, "footer_pages": footer_pages})


# ---------------------------------------------------------------------------------------------------------------
# R1 district before the reform, fraction forms; also as a text PDF
doc("R1", {"docx": "bao_cao_huyen_binh_son_19_5_2022.docx", "pdf": "bao_cao_huyen_binh_son_19_5_2022.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY BÌNH SƠN", "Số: 47-BC/HU", "Bình Sơn, ngày 06 tháng 6 năm 2022"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị, học tập chuyên đề dịp kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh "
        "(19/5/1890 - 19/5/2022)",
        "Thực hiện Kế hoạch số 01-KH/TU ngày 05/01/2022 của Ban Thường vụ Tỉnh ủy Sơn Hà về tổ chức sinh hoạt chính "
        "trị, học tập chuyên đề năm 2022, Ban Thường vụ Huyện ủy Bình Sơn báo cáo kết quả như sau:",
        "#I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Ngay sau khi nhận được Kế hoạch của Tỉnh ủy, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 105-KH/HU ngày "
        "12/4/2022 và 12 văn bản hướng dẫn, đôn đốc các tổ chức cơ sở đảng triển khai thực hiện. Nội dung sinh hoạt "
        "tập trung học tập, quán triệt Kết luận số 21-KL/TW của Ban Chấp hành Trung ương khóa XIII về đẩy mạnh xây "
        "dựng, chỉnh đốn Đảng và hệ thống chính trị và Quy định số 37-QĐ/TW về những điều đảng viên không được làm.",
        "Hội nghị quán triệt cấp huyện được tổ chức lúc 7 giờ 30 phút ngày 20/4/2022 tại Hội trường Huyện ủy, kết "
        "nối trực tuyến đến 14 điểm cầu; tại hội nghị có 230 ý kiến trao đổi, thảo luận.",
        "#II. KẾT QUẢ",
        "Đến ngày 31/5/2022, toàn Đảng bộ huyện có 52/52 chi bộ (100%) tổ chức sinh hoạt chính trị theo kế hoạch. "
        "Tổng số đảng viên: 1.902, trong đó 76 đảng viên được miễn sinh hoạt. Số đảng viên tham gia là 1.759/1.902 "
        "đảng viên, đạt 92,5%.",
        "Nhân dịp này, Ban Thường vụ Huyện ủy đã trao 15 Huy hiệu 30 năm tuổi Đảng và 4 Huy hiệu 40 năm tuổi Đảng cho "
        "các đồng chí đảng viên lão thành. So với cùng kỳ năm 2021, tỷ lệ đảng viên tham gia tăng 3,1%; năm 2021, "
        "toàn huyện có 49 chi bộ với 1.688 đảng viên tham gia.",
        "#III. ĐÁNH GIÁ",
        "Các cấp ủy đã quan tâm lãnh đạo, chỉ đạo; nội dung sinh hoạt thiết thực, gắn với nhiệm vụ chính trị của địa "
        "phương. Tuy nhiên, ở một số chi bộ thôn vùng sâu, vùng xa, chất lượng thảo luận còn hạn chế; một số đảng "
        "viên đi làm ăn xa chưa tham gia đầy đủ.",
        "#IV. PHƯƠNG HƯỚNG THỜI GIAN TỚI",
        "Tiếp tục chỉ đạo tổ chức sinh hoạt chính trị dịp 2-9 năm 2022; phấn đấu 100% chi bộ tổ chức sinh hoạt, trên "
        "95% đảng viên tham gia.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Hùng",
                   ["Thường trực Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Lưu Văn phòng Huyện ủy."]),
    ],
    expected=report([row("H-BS", "2022-19-5", ["KL21", "QD37"], 52, 52, 1902, 76, 1759)],
                    "district before the reform as a whole; 52/52 chi bộ (100%), fraction with percent, total and "
                    "exempt; history (2021) and targets as distractors"))

# R2 city committee, "46 chi bộ, đảng bộ" and "trên 3.550 cán bộ, đảng viên"
doc("R2", {"docx": "bao_cao_thanh_uy_son_ha_3_2_2023.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "THÀNH ỦY SƠN HÀ", "Số: 212-BC/ThU", "Sơn Hà, ngày 08 tháng 3 năm 2023"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị dịp kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2023)",
        "Thực hiện Kế hoạch số 02-KH/TU ngày 05/01/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Thành ủy Sơn Hà báo "
        "cáo kết quả như sau:",
        "#I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Ban Thường vụ Thành ủy ban hành Công văn số 318-CV/ThU ngày 10/01/2023 chỉ đạo các tổ chức cơ sở đảng tổ "
        "chức sinh hoạt chính trị, học tập chuyên đề năm 2023 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
        "Chí Minh, gắn với việc tự soi, tự sửa của mỗi cán bộ, đảng viên. Trung tâm Chính trị thành phố mở 8 lớp bồi "
        "dưỡng cho 320 quần chúng ưu tú.",
        "Trang thông tin điện tử của Thành ủy đăng tải 45 tin, bài với trên 12.000 lượt truy cập.",
        "#II. KẾT QUẢ",
        "Đến nay, có 46 chi bộ, đảng bộ trực thuộc Thành ủy tổ chức sinh hoạt chính trị với trên 3.550 cán bộ, đảng "
        "viên tham gia. Tổng số đảng viên: 3.812.",
        "#III. ĐÁNH GIÁ, PHƯƠNG HƯỚNG",
        "Việc sinh hoạt được tổ chức nghiêm túc, đúng kế hoạch. Thời gian tới, Thành ủy chỉ đạo chuẩn bị sinh hoạt "
        "chính trị dịp 19-5 năm 2023, phấn đấu trên 95% đảng viên tham gia. Mọi thông tin xin liên hệ Văn phòng "
        "Thành ủy, điện thoại 0213.3851.246.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Trần Thị Mai",
                   ["Ban Thường vụ Tỉnh ủy (b/c),", "Lưu VP."]),
    ],
    expected=report([row("TP-SH", "2023-3-2", ["HCM-TK", "TSTS"], None, 46, 3812, None, 3550, "at_least")],
                    "city committee before the reform; '46 chi bộ, đảng bộ' (held only), 'trên 3.550 cán bộ, đảng "
                    "viên' (at_least); 8 lớp, 320 quần chúng, 12.000 lượt truy cập, phone as distractors"))

# R3 letterhead-only name: body says only "toàn Đảng bộ"
doc("R3", {"docx": "bao_cao_toan_dang_bo_2_9_2023.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY MƯỜNG LẠC", "Số: 138-BC/HU", "Ngày 09 tháng 10 năm 2023"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị kỷ niệm 78 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 02-KH/TU ngày 05/01/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ báo cáo như sau:",
        "#1. Công tác chỉ đạo",
        "Ban Thường vụ đã chỉ đạo các cấp ủy tổ chức nghiên cứu, học tập cuốn sách của đồng chí Tổng Bí thư “Một số "
        "vấn đề lý luận và thực tiễn về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam” và tiếp tục "
        "quán triệt Kết luận 21-KL/TW.",
        "#2. Kết quả",
        "Toàn Đảng bộ có 41/43 chi bộ, đảng bộ cơ sở (95,3%) tổ chức sinh hoạt chính trị; 2.214/2.390 đảng viên tham "
        "gia, đạt 92,6%; trong đó 95 đảng viên được miễn sinh hoạt. 02 chi bộ chưa tổ chức được do ảnh hưởng của mưa "
        "lũ, sẽ tổ chức bù trong tháng 10/2023.",
        "#3. Phương hướng",
        "Chỉ đạo tổ chức sinh hoạt chính trị dịp 7-11 gắn với tổng kết năm 2023.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lò Văn Tuấn", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("H-ML", "2023-2-9", ["KL21", "SACH-TBT"], 43, 41, 2390, 95, 2214)],
                    "unit named only in the letterhead (no place line name, body says 'toàn Đảng bộ'); fractions "
                    "with percents; '02 chi bộ chưa tổ chức' is not a figure of its own"))

# G1 grassroots organisation before the reform whose name a commune takes later (Yên Hòa → H-BS-03)
doc("G1", {"docx": "bao_cao_dang_uy_xa_yen_hoa_19_5_2024.docx"},
    letterhead=("ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY XÃ YÊN HÒA", "Số: 32-BC/ĐU", "Yên Hòa, ngày 03 tháng 6 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 156-KH/HU ngày "
        "15/01/2024 của Ban Thường vụ Huyện ủy Bình Sơn, Đảng ủy xã Yên Hòa báo cáo kết quả như sau:",
        "#I. CÔNG TÁC CHỈ ĐẠO",
        "Đảng ủy ban hành 3 văn bản chỉ đạo các chi bộ học tập chuyên đề năm 2024 về học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh.",
        "#II. KẾT QUẢ",
        "Có 14/14 chi bộ (100%) tổ chức sinh hoạt chính trị. Tổng số đảng viên: 412, trong đó 23 đảng viên được "
        "miễn sinh hoạt; có 371 đảng viên tham gia.",
        "Các chi bộ đã đăng ký 28 việc làm cụ thể làm theo gương Bác.",
        "#III. PHƯƠNG HƯỚNG",
        "Phấn đấu dịp 2-9 năm 2024 có 100% chi bộ tổ chức sinh hoạt.",
        *signature("T/M ĐẢNG ỦY", "BÍ THƯ", "Hà Văn Long", ["Ban Thường vụ Huyện ủy (b/c),", "Lưu VP."]),
    ],
    expected=report([row("H-BS-03", "2024-19-5", ["HCM-TK"], 14, 14, 412, 23, 371)],
                    "grassroots organisation before the reform (Đảng ủy xã Yên Hòa under H-BS, same name as the "
                    "later commune X-YH); the district's plan is named in the text but is not the issuer"))

# R8 block committee, derived exempt from "phải sinh hoạt"
doc("R8", {"docx": "bao_cao_dang_uy_khoi_co_quan_3_2_2024.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "Số: 64-BC/ĐUK",
                "Sơn Hà, ngày 11 tháng 3 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị dịp kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy Khối các cơ "
        "quan tỉnh báo cáo như sau:",
        "#I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Ban Thường vụ Đảng ủy Khối chỉ đạo các tổ chức cơ sở đảng học tập, quán triệt Quy định 37-QĐ/TW về những "
        "điều đảng viên không được làm, gắn với tự soi, tự sửa theo tinh thần Nghị quyết Hội nghị Trung ương 4 "
        "khóa XII. Đảng ủy Khối tổ chức hội nghị trực tuyến lúc 14 giờ ngày 18/01/2024.",
        "#II. KẾT QUẢ",
        "Đảng ủy Khối có 38 tổ chức cơ sở đảng; 38/38 chi bộ, đảng bộ cơ sở (100%) đã tổ chức sinh hoạt chính trị. "
        "Tổng số đảng viên: 1.254; số đảng viên phải sinh hoạt: 1.198 đảng viên; số đảng viên tham gia 1.163, đạt "
        "97,1% so với số đảng viên phải sinh hoạt.",
        "Nhân dịp này, Đảng ủy Khối xét, đề nghị trao 9 Huy hiệu Đảng và kết nạp 17 đảng viên mới.",
        "#III. PHƯƠNG HƯỚNG",
        "Tiếp tục chỉ đạo sinh hoạt chính trị dịp 19-5 năm 2024; phấn đấu trên 98% đảng viên tham gia.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Quang Vinh", ["Ban Tuyên giáo Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("DUK-CQ", "2024-3-2", ["QD37", "TSTS"], 38, 38, 1254, 56, 1163,
                         derived=["members_exempt"])],
                    "block committee; exempt derived as total minus 'đảng viên phải sinh hoạt' (1.254 - 1.198); "
                    "percent relative to members required, count given"))

# C2 commune after the reform, letterhead without "xã" (Mường Lạc: only the date tells X-ML from H-ML)
doc("C2", {"docx": "bao_cao_dang_uy_muong_lac_3_2_2026.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY MƯỜNG LẠC", "Số: 41-BC/ĐU", "Mường Lạc, ngày 10 tháng 3 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy báo cáo kết "
        "quả như sau:",
        "#I. CÔNG TÁC CHỈ ĐẠO",
        "Ban Thường vụ Đảng ủy chỉ đạo các chi bộ học tập chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh, gắn với tự soi, tự sửa.",
        "#II. KẾT QUẢ",
        "Đảng bộ hiện có 21 chi bộ trực thuộc. Kết quả: 21/21 chi bộ (100%) đã tổ chức sinh hoạt chính trị; "
        "612/684 đảng viên tham gia, đạt 89,5%; 38 đảng viên được miễn sinh hoạt.",
        "Trước khi sắp xếp, Đảng bộ huyện Mường Lạc có 45 chi bộ, đảng bộ với 2.402 đảng viên; các số liệu trên chỉ "
        "tính các chi bộ thuộc Đảng bộ hiện nay.",
        "#III. PHƯƠNG HƯỚNG",
        "Chuẩn bị tổ chức sinh hoạt chính trị dịp 19-5 năm 2026.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Cầm Văn Sơn", ["Thường trực Tỉnh ủy,", "Lưu VP."]),
    ],
    expected=report([row("X-ML", "2026-3-2", ["HCM-TK", "TSTS"], 21, 21, 684, 38, 612)],
                    "commune after the reform; letterhead 'ĐẢNG ỦY MƯỜNG LẠC' shares the old district's name, only "
                    "the date (2026) tells X-ML; old district's figures quoted as history"))

# C3 commune, participating derived from a percent with its base
doc("C3", {"docx": "bao_cao_phuong_son_ha_2_9_2025.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY PHƯỜNG SƠN HÀ", "Số: 18-BC/ĐU", "Sơn Hà, ngày 08 tháng 10 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Đảng ủy phường Sơn Hà báo cáo như "
        "sau:",
        "#I. CÔNG TÁC CHỈ ĐẠO",
        "Ngày 04/8/2025, Ban Thường vụ Đảng ủy ban hành Kế hoạch số 07-KH/ĐU chỉ đạo các chi bộ nghiên cứu cuốn sách "
        "của đồng chí Tổng Bí thư về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam.",
        "#II. KẾT QUẢ",
        "Có 19/19 chi bộ trực thuộc tổ chức sinh hoạt chính trị, học tập chuyên đề. Số đảng viên tham gia đạt 95,4% "
        "trên tổng số 871 đảng viên của Đảng bộ.",
        "Đây là đợt sinh hoạt đầu tiên của Đảng bộ phường sau khi thành lập theo mô hình chính quyền địa phương hai "
        "cấp.",
        "#III. PHƯƠNG HƯỚNG",
        "Phấn đấu dịp 7-11 năm 2025 có 100% chi bộ tổ chức sinh hoạt.",
        *signature("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Vũ Thị Lan", ["Ban Thường vụ Tỉnh ủy (b/c),", "Lưu."]),
    ],
    expected=report([row("P-SH", "2025-2-9", ["SACH-TBT"], 19, 19, 871, None, 831,
                         derived=["members_participating"])],
                    "commune after the reform; participating derived from 'đạt 95,4% trên tổng số 871 đảng viên' "
                    "(round(0.954 × 871) = 831)"))

# C4 letterhead-only commune
doc("C4", {"docx": "bao_cao_toan_dang_bo_7_11_2025.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ ĐÔNG LĨNH", "Số: 27-BC/ĐU", "ngày 05 tháng 12 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 108 năm Cách mạng Tháng Mười Nga và tổng kết công tác năm 2025",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ báo cáo kết quả như "
        "sau:",
        "#1. Công tác chỉ đạo",
        "Ban Thường vụ chỉ đạo các chi bộ sinh hoạt chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong "
        "cách Hồ Chí Minh, kết hợp đánh giá, xếp loại chất lượng tổ chức đảng năm 2025.",
        "#2. Kết quả",
        "Toàn Đảng bộ có 12/13 chi bộ (92,3%) tổ chức sinh hoạt chính trị. Tổng số đảng viên: 356, trong đó 19 đảng "
        "viên được miễn sinh hoạt; 318 đảng viên tham gia.",
        "#3. Phương hướng năm 2026",
        "Phấn đấu 100% chi bộ tổ chức sinh hoạt chính trị đúng kế hoạch; trên 90% đảng viên tham gia.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đinh Thị Hạnh", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("X-DL", "2025-7-11", ["HCM-TK"], 13, 12, 356, 19, 318)],
                    "unit named only in the letterhead (place line without a name); commune after the reform; "
                    "occasion given by 'Cách mạng Tháng Mười Nga'"))

# S1 district listing its grassroots organisations in a table, one of them not in the catalogue
NL_ROWS = [("Đảng bộ thị trấn Ngọc Lâm", 14, 14, 486, 21, 452), ("Đảng bộ xã Lâm Sơn", 11, 10, 347, 15, 318),
           ("Đảng bộ xã Ngọc Động", 9, 9, 295, 12, 270), ("Đảng bộ xã Tân Lập", 8, 7, 262, 9, 231)]
NL_SUM = [sum(r[i] for r in NL_ROWS) for i in range(1, 6)]          # 42, 40, 1390, 57, 1271
doc("S1", {"docx": "tong_hop_huyen_ngoc_lam_2_9_2024.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY NGỌC LÂM", "Số: 201-BC/HU", "Ngọc Lâm, ngày 10 tháng 10 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Tổng hợp kết quả sinh hoạt chính trị dịp kỷ niệm 79 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy Ngọc Lâm "
        "tổng hợp kết quả như sau:",
        "#I. NỘI DUNG SINH HOẠT",
        "Các tổ chức cơ sở đảng học tập Quy định số 37-QĐ/TW và nghiên cứu cuốn sách của đồng chí Tổng Bí thư.",
        "#II. KẾT QUẢ",
        "Toàn huyện có 40/42 chi bộ (95,2%) tổ chức sinh hoạt; 1.271/1.390 đảng viên tham gia, đạt 91,4%. Kết quả "
        "cụ thể tại các đảng bộ cơ sở như sau:",
        [["TT", "Đơn vị", "Số chi bộ", "Số chi bộ đã sinh hoạt", "Tổng số đảng viên", "Miễn sinh hoạt",
          "Đảng viên tham gia"]]
        + [[str(i), r[0], *map(str, r[1:])] for i, r in enumerate(NL_ROWS, 1)]
        + [["", "Tổng cộng", str(NL_SUM[0]), str(NL_SUM[1]), "1.390", str(NL_SUM[3]), "1.271"]],
        "#III. ĐÁNH GIÁ",
        "Đảng bộ xã Lâm Sơn và Đảng bộ xã Tân Lập mỗi nơi còn 01 chi bộ chưa tổ chức sinh hoạt do địa bàn chia cắt.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Minh Đức", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("H-NL-01", "2024-2-9", ["QD37", "SACH-TBT"], 14, 14, 486, 21, 452),
                     row("H-NL-02", "2024-2-9", ["QD37", "SACH-TBT"], 11, 10, 347, 15, 318),
                     row("H-NL-03", "2024-2-9", ["QD37", "SACH-TBT"], 9, 9, 295, 12, 270)],
                    "district summary with a table per grassroots organisation and a 'Tổng cộng' row; the "
                    "district total (also in a 'toàn huyện' sentence) is not a row; Đảng bộ xã Tân Lập is not in "
                    "the catalogue", unmatched=["Đảng bộ xã Tân Lập"]))
assert NL_SUM == [42, 40, 1390, 57, 1271]

# S3 province summary: a table of districts and blocks, counts written without separators
TU_ROWS = [("TP-SH", "Thành ủy Sơn Hà", 47, 47, 3845, 142, 3561), ("TX-AP", "Thị ủy An Phú", 36, 35, 2118, 87, 1946),
           ("H-ML", "Huyện ủy Mường Lạc", 44, 43, 2407, 98, 2201), ("H-BS", "Huyện ủy Bình Sơn", 53, 53, 1921, 79, 1790),
           ("H-TK", "Huyện ủy Thanh Khê", 58, 56, 2736, 110, 2498), ("H-NL", "Huyện ủy Ngọc Lâm", 42, 41, 1384, 55, 1262),
           ("DUK-CQ", "Đảng ủy Khối các cơ quan tỉnh", 38, 38, 1254, 56, 1163),
           ("DUK-DN", "Đảng ủy Khối doanh nghiệp tỉnh", 31, 30, 1467, 48, 1352)]
TU_SUM = [sum(r[i] for r in TU_ROWS) for i in range(2, 7)]


def _dots(value):
    return f"{value:,}".replace(",", ".")


def _pct(part, whole):
    from decimal import ROUND_HALF_UP, Decimal
    return str((Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")


doc("S3", {"docx": "tong_hop_tinh_uy_3_2_2024.docx", "pdf": "tong_hop_tinh_uy_3_2_2024.pdf"},
    letterhead=(None, "TỈNH ỦY SƠN HÀ", "Số: 318-BC/TU", "Sơn Hà, ngày 20 tháng 3 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Tổng hợp kết quả sinh hoạt chính trị dịp kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2024)",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2024, Ban Thường vụ Tỉnh ủy tổng hợp kết quả như sau:",
        "#I. NỘI DUNG",
        "Các đảng bộ trực thuộc tổ chức học tập Quy định 37-QĐ/TW gắn với tự soi, tự sửa; Ban Tuyên giáo Tỉnh ủy "
        "biên soạn 2.500 cuốn tài liệu hỏi - đáp phục vụ sinh hoạt.",
        "#II. KẾT QUẢ",
        f"Toàn Đảng bộ tỉnh có {TU_SUM[1]}/{TU_SUM[0]} chi bộ, đảng bộ cơ sở tổ chức sinh hoạt chính trị; "
        f"{_dots(TU_SUM[4])}/{_dots(TU_SUM[2])} đảng viên tham gia, đạt {_pct(TU_SUM[4], TU_SUM[2])}%. Kết quả của "
        "các đảng bộ trực thuộc:",
        [["TT", "Đơn vị", "Số chi bộ", "Số chi bộ đã sinh hoạt", "Tổng số đảng viên", "Miễn sinh hoạt",
          "Đảng viên tham gia"]]
        + [[str(i), r[1], *map(str, r[2:])] for i, r in enumerate(TU_ROWS, 1)]
        + [["", "Tổng cộng", *map(str, TU_SUM)]],
        "#III. PHƯƠNG HƯỚNG",
        "Chỉ đạo tổ chức sinh hoạt chính trị dịp 19-5 năm 2024, phấn đấu trên 95% đảng viên tham gia.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Hoàng Văn Nam",
                   ["Ban Bí thư Trung ương Đảng (b/c),", "Ban Tuyên giáo Trung ương,", "Lưu Văn phòng Tỉnh ủy."]),
    ],
    expected=report([row(r[0], "2024-3-2", ["QD37", "TSTS"], *r[2:]) for r in TU_ROWS],
                    "province summary: table of 8 districts and blocks (numbers without thousands separators), "
                    "'Tổng cộng' row and province sentence are not rows; DUK-CQ matches its own report R8"))

# T1 two occasions in one report, each with its own figures
doc("T1", {"docx": "bao_cao_huyen_thanh_khe_3_2_va_19_5_2023.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY THANH KHÊ", "Số: 176-BC/HU", "Thanh Khê, ngày 12 tháng 6 năm 2023"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị dịp 3-2 và 19-5 năm 2023",
        "Thực hiện Kế hoạch số 02-KH/TU ngày 05/01/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy Thanh Khê "
        "báo cáo kết quả hai đợt sinh hoạt chính trị như sau:",
        "#1. Dịp kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2023)",
        "Nội dung: học tập, quán triệt Kết luận số 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng. Kết quả: có 57/58 "
        "chi bộ, đảng bộ cơ sở tổ chức sinh hoạt (98,3%); tổng số đảng viên: 2.684, trong đó 104 đảng viên được miễn "
        "sinh hoạt; 2.431 đảng viên tham gia.",
        "#2. Dịp kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)",
        "Nội dung: học tập chuyên đề năm 2023 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Kết "
        "quả: 58/58 chi bộ (100%) tổ chức sinh hoạt; tổng số đảng viên: 2.701, trong đó 107 đảng viên được miễn sinh "
        "hoạt; 2.496/2.701 đảng viên tham gia, đạt 92,4%.",
        "#3. Đánh giá chung",
        "So với cùng kỳ năm 2022, số đảng viên tham gia tăng 65 đồng chí. Ban Thường vụ Huyện ủy đã khen thưởng 6 "
        "tập thể và 11 cá nhân có thành tích tiêu biểu.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Bùi Thị Thu", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("H-TK", "2023-3-2", ["KL21"], 58, 57, 2684, 104, 2431),
                     row("H-TK", "2023-19-5", ["HCM-TK"], 58, 58, 2701, 107, 2496)],
                    "two occasions (3-2 and 19-5) in one district report, each with its own figures and topics"))

# G2 grassroots organisation of the city before the reform (Bắc Sơn → TP-SH-01), derived exempt
doc("G2", {"docx": "bao_cao_phuong_bac_son_2_9_2023.docx"},
    letterhead=("ĐẢNG BỘ THÀNH PHỐ SƠN HÀ", "ĐẢNG ỦY PHƯỜNG BẮC SƠN", "Số: 54-BC/ĐU",
                "Bắc Sơn, ngày 05 tháng 10 năm 2023"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 78 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 02-KH/TU ngày 05/01/2023 của Ban Thường vụ Tỉnh ủy và Công văn số 402-CV/ThU của Ban "
        "Thường vụ Thành ủy, Đảng ủy phường Bắc Sơn báo cáo như sau:",
        "#I. NỘI DUNG",
        "Các chi bộ tổ chức cho đảng viên tự soi, tự sửa, liên hệ trách nhiệm bản thân.",
        "#II. KẾT QUẢ",
        "Có 16/17 chi bộ (94,1%) tổ chức sinh hoạt. Tổng số đảng viên: 538; 509 đảng viên phải sinh hoạt; 487 đảng "
        "viên tham gia.",
        "Chi bộ khu phố 5 chưa tổ chức do bí thư chi bộ đi điều trị dài ngày; Đảng ủy đã chỉ đạo tổ chức bù trước "
        "ngày 20/10/2023.",
        *signature("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Thị Hằng", ["Ban Thường vụ Thành ủy (b/c),", "Lưu."]),
    ],
    expected=report([row("TP-SH-01", "2023-2-9", ["TSTS"], 17, 16, 538, 29, 487, derived=["members_exempt"])],
                    "grassroots organisation before the reform (phường Bắc Sơn under TP-SH, same name as later "
                    "P-BS); exempt derived 538 - 509"))

# N1 urging letter: targets and ratios only
doc("N1", {"docx": "cong_van_don_doc_19_5_2024.docx"},
    letterhead=("TỈNH ỦY SƠN HÀ", "BAN TUYÊN GIÁO", "Số: 745-CV/BTGTU", "Sơn Hà, ngày 03 tháng 6 năm 2024"),
    body=[
        "^V/v đôn đốc báo cáo kết quả sinh hoạt chính trị dịp 19-5 năm 2024",
        "Kính gửi: Các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy.",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy, thời hạn gửi báo cáo kết quả sinh "
        "hoạt chính trị dịp kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh là ngày 15/6/2024. Đến ngày 02/6/2024, "
        "mới có 3/8 đơn vị gửi báo cáo về Ban Tuyên giáo Tỉnh ủy.",
        "Để bảo đảm tổng hợp đúng thời gian, Ban Tuyên giáo Tỉnh ủy đề nghị các đơn vị chỉ đạo bảo đảm 100% chi bộ "
        "tổ chức sinh hoạt; phấn đấu trên 95% đảng viên tham gia; tỷ lệ đảng viên miễn sinh hoạt không quá 5% tổng "
        "số đảng viên; báo cáo phải thể hiện đầy đủ số chi bộ, số đảng viên tham gia theo mẫu số 02 kèm theo Hướng "
        "dẫn số 12-HD/BTGTU.",
        "Báo cáo gửi về Ban Tuyên giáo Tỉnh ủy trước 17 giờ ngày 14/6/2024, đồng thời gửi bản điện tử qua hộp thư "
        "công vụ. Đồng chí Lương Văn Khải, điện thoại 0213.3852.117, là đầu mối tiếp nhận.",
        *signature("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Đỗ Thị Ngọc", ["Như kính gửi,", "Lưu BTG."]),
    ],
    expected={"kind": "none", "rows": [], "unmatched": [],
              "shape": "urging letter (công văn đôn đốc): targets, ratios (3/8 đơn vị), deadlines, phone; no "
                       "figures of any report"})

# Plan A: the province's plan for 2027 (four occasions, "hoàn thành trong tháng 3/2027", "chậm nhất 10 ngày ...")
doc("PA", {"docx": "ke_hoach_06_KH_TU_2027.docx"},
    letterhead=(None, "TỈNH ỦY SƠN HÀ", "Số: 06-KH/TU", "Sơn Hà, ngày 05 tháng 01 năm 2027"),
    body=[
        "^KẾ HOẠCH",
        "^Tổ chức sinh hoạt chính trị, học tập chuyên đề năm 2027",
        "#I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên; bảo đảm 100% chi bộ tổ chức sinh hoạt chính trị, "
        "phấn đấu trên 95% đảng viên tham gia mỗi đợt.",
        "#II. NỘI DUNG, THỜI GIAN",
        "#1. Đợt 1: Dịp kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2027)",
        "Nội dung: học tập, quán triệt Kết luận số 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng và Quy định số "
        "37-QĐ/TW về những điều đảng viên không được làm. Thời gian tổ chức: từ tháng 1 đến hết tháng 2/2027; việc "
        "tổng hợp, báo cáo kết quả hoàn thành trong tháng 3/2027.",
        "#2. Đợt 2: Dịp kỷ niệm 137 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2027)",
        "Nội dung: học tập chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Thời "
        "gian: từ ngày 15/4/2027 đến ngày 31/5/2027; báo cáo kết quả về Ban Thường vụ Tỉnh ủy chậm nhất ngày "
        "15/6/2027.",
        "#3. Đợt 3: Dịp kỷ niệm 82 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Nội dung: nghiên cứu cuốn sách của đồng chí Tổng Bí thư “Một số vấn đề lý luận và thực tiễn về chủ nghĩa xã "
        "hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam”. Thời gian: từ ngày 01/8/2027 đến ngày 30/9/2027; báo "
        "cáo kết quả trước ngày 15-10-2027.",
        "#4. Đợt 4: Dịp kỷ niệm 110 năm Cách mạng Tháng Mười Nga và tổng kết năm 2027",
        "Nội dung: tổ chức cho cán bộ, đảng viên tự soi, tự sửa, kiểm điểm việc thực hiện nhiệm vụ năm 2027. Thời "
        "gian: từ ngày 15/10/2027 đến ngày 30/11/2027; báo cáo kết quả chậm nhất 10 ngày sau khi kết thúc đợt.",
        "#III. TỔ CHỨC THỰC HIỆN",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn, theo dõi, đôn đốc; các đảng ủy trực thuộc xây dựng kế hoạch "
        "thực hiện, báo cáo theo mẫu gửi kèm. Kế hoạch này được phổ biến đến chi bộ.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Hoàng Văn Nam",
                   ["Các đảng ủy trực thuộc Tỉnh ủy,", "Lưu Văn phòng Tỉnh ủy."]),
    ],
    expected=plan("06-KH/TU", "2027-01-05", "Tỉnh ủy Sơn Hà", None, [
        period("Đợt 1", "03-02", "2027-01-01", "2027-02-28", "2027-03-31", ["KL21", "QD37"]),
        period("Đợt 2", "19-05", "2027-04-15", "2027-05-31", "2027-06-15", ["HCM-TK"]),
        period("Đợt 3", "02-09", "2027-08-01", "2027-09-30", "2027-10-14", ["SACH-TBT"]),
        period("Đợt 4", "07-11", "2027-10-15", "2027-11-30", "2027-12-10", ["TSTS"]),
    ], "province plan for 2027 (new occasions): month-range window, 'hoàn thành trong tháng 3/2027', 'chậm nhất "
       "ngày', 'trước ngày 15-10-2027' (day before), 'chậm nhất 10 ngày sau khi kết thúc đợt'"))

# Plan C: one thematic period with no anniversary, "trước ngày 19-8-2027"
doc("PC", {"docx": "ke_hoach_08_KH_TU_hoc_tap_cuon_sach_2027.docx"},
    letterhead=(None, "TỈNH ỦY SƠN HÀ", "Số: 08-KH/TU", "Sơn Hà, ngày 15 tháng 6 năm 2027"),
    body=[
        "^KẾ HOẠCH",
        "^Học tập, nghiên cứu cuốn sách của đồng chí Tổng Bí thư trong cán bộ, đảng viên năm 2027",
        "#I. MỤC ĐÍCH, YÊU CẦU",
        "Giúp cán bộ, đảng viên nắm vững những vấn đề lý luận và thực tiễn được nêu trong cuốn sách “Một số vấn đề lý "
        "luận và thực tiễn về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam”; phấn đấu 100% cán "
        "bộ chủ chốt và trên 90% đảng viên tham gia.",
        "#II. HÌNH THỨC, THỜI GIAN",
        "Đợt học tập tập trung: các tổ chức cơ sở đảng tổ chức học tập từ ngày 01/7/2027 đến ngày 31/7/2027, mỗi chi "
        "bộ ít nhất 01 buổi sinh hoạt chuyên đề. Các đảng ủy trực thuộc Tỉnh ủy tổng hợp, báo cáo kết quả về Ban "
        "Thường vụ Tỉnh ủy trước ngày 19-8-2027.",
        "#III. TỔ CHỨC THỰC HIỆN",
        "Trường Chính trị tỉnh biên soạn đề cương giới thiệu cuốn sách (khoảng 40 trang), gửi các đơn vị trước ngày "
        "25/6/2027. Báo Sơn Hà mở chuyên mục giới thiệu cuốn sách.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Hoàng Văn Nam", ["Các đảng ủy trực thuộc,", "Lưu."]),
    ],
    expected=plan("08-KH/TU", "2027-06-15", "Tỉnh ủy Sơn Hà", None, [
        period("Đợt học tập tập trung", None, "2027-07-01", "2027-07-31", "2027-08-18", ["SACH-TBT"]),
    ], "thematic plan, one period without an anniversary; 'trước ngày 19-8-2027' means 18/8"))

# Plan D: a commune's plan implementing 06-KH/TU, "chậm nhất ngày 10/4/2027"
doc("PD", {"docx": "ke_hoach_25_KH_DU_xa_thanh_khe_2027.docx"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ THANH KHÊ", "Số: 25-KH/ĐU", "Thanh Khê, ngày 20 tháng 01 năm 2027"),
    body=[
        "^KẾ HOẠCH",
        "^Tổ chức sinh hoạt chính trị, học tập chuyên đề 6 tháng đầu năm 2027",
        "Thực hiện Kế hoạch số 06-KH/TU ngày 05/01/2027 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2027, Ban Thường vụ Đảng ủy xã Thanh Khê xây dựng kế hoạch như sau:",
        "#1. Đợt 1 (dịp kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam)",
        "Các chi bộ học tập Kết luận 21-KL/TW và Quy định 37-QĐ/TW. Thời gian: từ ngày 20/01/2027 đến ngày 28/02/2027; "
        "các chi bộ báo cáo kết quả về Văn phòng Đảng ủy chậm nhất ngày 05/3/2027.",
        "#2. Đợt 2 (sinh hoạt chuyên đề tự soi, tự sửa quý I/2027)",
        "Các chi bộ tổ chức cho đảng viên tự soi, tự sửa. Thời gian: từ ngày 01/3/2027 đến ngày 31/3/2027; báo cáo "
        "kết quả chậm nhất ngày 10/4/2027.",
        "#3. Đợt 3 (dịp kỷ niệm 137 năm Ngày sinh Chủ tịch Hồ Chí Minh)",
        "Các chi bộ học tập chuyên đề toàn khóa về tư tưởng, đạo đức, phong cách Hồ Chí Minh. Thời gian: từ ngày "
        "20/4/2027 đến ngày 25/5/2027; báo cáo trước ngày 05/6/2027.",
        "#4. Tổ chức thực hiện",
        "Văn phòng Đảng ủy theo dõi, tổng hợp; 07 chi bộ trực thuộc xây dựng lịch sinh hoạt cụ thể.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lương Văn Dũng", ["Ban Thường vụ Tỉnh ủy (b/c),", "Lưu."]),
    ],
    expected=plan("25-KH/ĐU", "2027-01-20", "Đảng ủy xã Thanh Khê", "06-KH/TU", [
        period("Đợt 1", "03-02", "2027-01-20", "2027-02-28", "2027-03-05", ["KL21", "QD37"]),
        period("Đợt 2", None, "2027-03-01", "2027-03-31", "2027-04-10", ["TSTS"]),
        period("Đợt 3", "19-05", "2027-04-20", "2027-05-25", "2027-06-04", ["HCM-TK"]),
    ], "commune plan implementing 06-KH/TU; 'chậm nhất ngày 10/4/2027' (that day), 'trước ngày 05/6/2027' (day "
       "before), a period without anniversary"))

# ---------------------------------------------------------------------------------------------------------------
# Text PDFs
doc("R4", {"pdf": "bao_cao_thi_uy_7_11_2024.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "THỊ ỦY AN PHÚ", "Số: 289-BC/TU", "Ngày 10 tháng 12 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 107 năm Cách mạng Tháng Mười Nga (07/11/1917 - 07/11/2024) và "
        "tổng kết công tác năm 2024",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ báo cáo như sau:",
        "#I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Ban Thường vụ ban hành Kế hoạch số 112-KH/TU ngày 01/10/2024 (ký hiệu của Thị ủy) và 9 văn bản đôn đốc; tổ "
        "chức Hội nghị quán triệt Nghị quyết Hội nghị Trung ương 10 khóa XIII lúc 8 giờ ngày 14/10/2024 với 230 đại "
        "biểu dự. Nội dung sinh hoạt chính trị gồm Kết luận 21-KL/TW và việc tự soi, tự sửa của cán bộ, đảng viên.",
        "Công tác tuyên truyền được đẩy mạnh: đăng 68 tin, bài trên Cổng thông tin điện tử với hơn 12.000 lượt truy "
        "cập; treo 150 băng rôn, khẩu hiệu; mở 8 lớp bồi dưỡng nhận thức về Đảng cho 320 quần chúng ưu tú.",
        "Trong năm 2024, toàn Đảng bộ kết nạp 47 đảng viên mới, trao 26 Huy hiệu Đảng (trong đó 15 Huy hiệu 30 năm "
        "tuổi Đảng).",
        "#II. KẾT QUẢ SINH HOẠT CHÍNH TRỊ",
        "Có 34/36 chi bộ, đảng bộ cơ sở tổ chức sinh hoạt chính trị với trên 1.950 cán bộ, đảng viên tham gia. "
        "Tổng số đảng viên: 2.126, trong đó 88 đảng viên được miễn sinh hoạt.",
        "Năm 2023, cùng đợt này, toàn Đảng bộ có 33 chi bộ, đảng bộ với 1.874 đảng viên tham gia.",
        "#III. PHƯƠNG HƯỚNG NĂM 2025",
        "Phấn đấu năm 2025 kết nạp trên 60 đảng viên; 100% chi bộ tổ chức sinh hoạt chính trị; trên 95% đảng viên "
        "tham gia. Liên hệ: Văn phòng, điện thoại 0213.3870.552.",
        "Trang 2/2",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trịnh Văn Quý", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("TX-AP", "2024-7-11", ["KL21", "TSTS"], 36, 34, 2126, 88, 1950, "at_least")],
                    "unit named only in the letterhead (THỊ ỦY AN PHÚ, before the reform); distractor-heavy: "
                    "conference counts, tin bài, lượt truy cập, quần chúng, huy hiệu, history 2023, targets, phone, "
                    "page number"))

YH_CELLS = [
    ("X-YH-01", "Chi bộ Quân sự: tổng số đảng viên 14, tham gia 14 đồng chí (100%).", 14, None, 14),
    ("X-YH-02", "Chi bộ tổ dân phố 1: tổng số 38 đảng viên, trong đó 6 đảng viên được miễn sinh hoạt; 29 đảng viên "
                "tham gia.", 38, 6, 29),
    ("X-YH-03", "Chi bộ Trường THCS: 21/22 đảng viên tham gia, đạt 95,5%.", 22, None, 21),
    ("X-YH-04", "Chi bộ tổ dân phố 2: tổng số 41 đảng viên, miễn sinh hoạt 7, tham gia 31.", 41, 7, 31),
    ("X-YH-05", "Chi bộ thôn 1: 33/36 đảng viên tham gia; 2 đảng viên được miễn sinh hoạt.", 36, 2, 33),
    ("X-YH-06", "Chi bộ Trạm Y tế: 9/9 đảng viên tham gia (100%).", 9, None, 9),
]
YH_TOTAL, YH_PART = sum(c[2] for c in YH_CELLS), sum(c[4] for c in YH_CELLS)
doc("S2", {"pdf": "tong_hop_xa_yen_hoa_2_9_2025.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ YÊN HÒA", "Số: 09-BC/ĐU", "Yên Hòa, ngày 06 tháng 10 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị của các chi bộ dịp kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Đảng ủy xã Yên Hòa báo cáo như "
        "sau:",
        "#I. NỘI DUNG",
        "Các chi bộ học tập chuyên đề năm 2025 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, gắn "
        "với tự soi, tự sửa.",
        "#II. KẾT QUẢ",
        f"Toàn Đảng bộ có 6/6 chi bộ (100%) tổ chức sinh hoạt; {YH_PART}/{YH_TOTAL} đảng viên tham gia, đạt "
        f"{_pct(YH_PART, YH_TOTAL)}%. Kết quả từng chi bộ:",
        *[f"{i}. {c[1]}" for i, c in enumerate(YH_CELLS, 1)],
        "#III. PHƯƠNG HƯỚNG",
        "Tổ chức sinh hoạt chính trị dịp 7-11 năm 2025 gắn với tổng kết năm.",
        *signature("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Sầm Thị Nga", ["Ban Thường vụ Tỉnh ủy (b/c),", "Lưu."]),
    ],
    expected=report([row(c[0], "2025-2-9", ["HCM-TK", "TSTS"], None, None, c[2], c[3], c[4]) for c in YH_CELLS],
                    "commune after the reform listing its 6 cells, one sentence each (no cell counts per cell); "
                    "the commune total is not a row; same name as the older H-BS-03"))

doc("T2", {"pdf": "bao_cao_xa_ngoc_lam_2_9_va_7_11_2025.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ NGỌC LÂM", "Số: 33-BC/ĐU", "Ngọc Lâm, ngày 04 tháng 12 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp 2-9 và 7-11 năm 2025",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy xã Ngọc Lâm "
        "báo cáo kết quả hai đợt sinh hoạt chính trị như sau:",
        "#1. Đợt kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Các chi bộ nghiên cứu cuốn sách của đồng chí Tổng Bí thư. Có 7/7 chi bộ (100%) tổ chức sinh hoạt; tổng số "
        "đảng viên: 318, trong đó 21 đảng viên được miễn sinh hoạt; 281/318 đảng viên tham gia, đạt 88,4%.",
        "#2. Đợt kỷ niệm 108 năm Cách mạng Tháng Mười Nga",
        "Các chi bộ tổ chức cho đảng viên tự soi, tự sửa gắn với kiểm điểm cuối năm. Có 6/7 chi bộ tổ chức sinh "
        "hoạt; tổng số đảng viên: 321; 297 đảng viên phải sinh hoạt; 279 đảng viên tham gia.",
        "#3. Phương hướng",
        "Năm 2026 phấn đấu 100% chi bộ tổ chức sinh hoạt đúng thời gian.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Hà Thị Yến", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("X-NL", "2025-2-9", ["SACH-TBT"], 7, 7, 318, 21, 281),
                     row("X-NL", "2025-7-11", ["TSTS"], 7, 6, 321, 24, 279, derived=["members_exempt"])],
                    "two occasions (2-9 and 7-11) in one commune report; second exempt derived 321 - 297"))

doc("C5", {"pdf": "bao_cao_dang_uy_ubnd_tinh_19_5_2026.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "Số: 52-BC/ĐU", "Sơn Hà, ngày 09 tháng 6 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Đảng ủy Ủy ban nhân dân tỉnh báo "
        "cáo như sau:",
        "#I. NỘI DUNG",
        "Các chi bộ học tập chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và Quy "
        "định 37-QĐ/TW.",
        "#II. KẾT QUẢ",
        "Có 24/25 chi bộ tổ chức sinh hoạt chính trị. Tổng số đảng viên: 812; 768 đảng viên phải sinh hoạt; có 741 "
        "đảng viên tham gia.",
        "Các chi bộ đã tiếp nhận 64 ý kiến đóng góp của đảng viên về cải cách thủ tục hành chính.",
        *signature("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Đoàn Minh Quân", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("DU-UB", "2026-19-5", ["HCM-TK", "QD37"], 25, 24, 812, 44, 741, derived=["members_exempt"])],
                    "provincial-level party committee after the reform; exempt derived 812 - 768"))

# Plan B: commune plan implementing 05-KH/TU, "chậm nhất 10 ngày sau khi kết thúc đợt"
doc("PB", {"pdf": "ke_hoach_12_KH_DU_xa_binh_son_2026.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY XÃ BÌNH SƠN", "Số: 12-KH/ĐU", "Bình Sơn, ngày 12 tháng 01 năm 2026"),
    body=[
        "^KẾ HOẠCH",
        "^Tổ chức sinh hoạt chính trị, học tập chuyên đề năm 2026",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy về tổ chức sinh hoạt chính trị, học "
        "tập chuyên đề năm 2026, Ban Thường vụ Đảng ủy xã xây dựng kế hoạch thực hiện như sau:",
        "#Đợt 1 (dịp 3-2): kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam",
        "Nội dung: học tập Kết luận 21-KL/TW. Thời gian: từ ngày 15/01/2026 đến ngày 25/02/2026. Các chi bộ báo cáo "
        "kết quả về Văn phòng Đảng ủy chậm nhất 10 ngày sau khi kết thúc đợt.",
        "#Đợt 2 (dịp 19-5): kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "Nội dung: chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Thời gian: từ "
        "ngày 20/4/2026 đến ngày 25/5/2026; báo cáo chậm nhất 10 ngày sau khi kết thúc đợt.",
        "#Đợt 3 (dịp 2-9): kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Nội dung: nghiên cứu cuốn sách của đồng chí Tổng Bí thư. Thời gian: từ ngày 05/8/2026 đến ngày 25/9/2026; "
        "báo cáo chậm nhất ngày 05/10/2026.",
        "#Đợt 4 (dịp 7-11): kỷ niệm 109 năm Cách mạng Tháng Mười Nga và tổng kết năm 2026",
        "Nội dung: tự soi, tự sửa; ôn lại Quy định 37-QĐ/TW về những điều đảng viên không được làm. Thời gian: từ "
        "ngày 20/10/2026 đến ngày 25/11/2026; báo cáo chậm nhất 10 ngày sau khi kết thúc đợt.",
        "#Tổ chức thực hiện",
        "Các chi bộ bảo đảm 100% đảng viên được quán triệt; phấn đấu trên 90% đảng viên tham gia mỗi đợt.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nông Văn Thành", ["Các chi bộ trực thuộc,", "Lưu."]),
    ],
    expected=plan("12-KH/ĐU", "2026-01-12", "Đảng ủy xã Bình Sơn", "05-KH/TU", [
        period("Đợt 1", "03-02", "2026-01-15", "2026-02-25", "2026-03-07", ["KL21"]),
        period("Đợt 2", "19-05", "2026-04-20", "2026-05-25", "2026-06-04", ["HCM-TK"]),
        period("Đợt 3", "02-09", "2026-08-05", "2026-09-25", "2026-10-05", ["SACH-TBT"]),
        period("Đợt 4", "07-11", "2026-10-20", "2026-11-25", "2026-12-05", ["QD37", "TSTS"]),
    ], "commune plan implementing the province's 05-KH/TU; 'chậm nhất 10 ngày sau khi kết thúc đợt' = end + 10"))

# ---------------------------------------------------------------------------------------------------------------
# Scans (image-only PDFs made from the text PDF); R6 has exactly 2 pages
doc("R6", {"scan": "ban_quet_huyen_thanh_khe_19_5_2025.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY THANH KHÊ", "Số: 312-BC/HU", "Thanh Khê, ngày 09 tháng 6 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy Sơn Hà, Ban Thường vụ Huyện ủy Thanh "
        "Khê báo cáo kết quả như sau:",
        "#I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Trong bối cảnh toàn huyện tập trung thực hiện chủ trương sắp xếp, tổ chức lại đơn vị hành chính, Ban Thường "
        "vụ Huyện ủy vẫn chỉ đạo các tổ chức cơ sở đảng tổ chức sinh hoạt chính trị đúng kế hoạch. Nội dung gồm "
        "Kết luận số 21-KL/TW và chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Ban Thường vụ Huyện ủy ban hành 12 văn bản chỉ đạo; tổ chức Hội nghị báo cáo viên lúc 7 giờ 30 phút ngày "
        "22/4/2025 với 85 đại biểu; tiếp nhận 230 ý kiến đóng góp vào đề án sắp xếp.",
        "Công tác tuyên truyền: Trung tâm Văn hóa - Thể thao huyện phát 120 tin, bài; mở 8 lớp bồi dưỡng lý luận "
        "chính trị cho 320 quần chúng ưu tú và đảng viên mới.",
        "#II. KẾT QUẢ",
        "Đến ngày 31/5/2025, có 57 chi bộ, đảng bộ trực thuộc tổ chức sinh hoạt chính trị với hơn 2.500 đảng viên "
        "tham gia. Tổng số đảng viên: 2.744, trong đó 113 đảng viên được miễn sinh hoạt.",
        "Nhân dịp này, Huyện ủy trao 22 Huy hiệu Đảng, trong đó 15 Huy hiệu 30 năm tuổi Đảng.",
        "Năm 2024, toàn huyện có 55 chi bộ với 2.463 đảng viên tham gia; so với cùng kỳ năm 2024, số chi bộ tổ chức "
        "sinh hoạt tăng 2 chi bộ.",
        "#III. ĐÁNH GIÁ",
        "Ưu điểm: các cấp ủy chủ động, nội dung sinh hoạt gắn với việc chuẩn bị sắp xếp tổ chức bộ máy. Hạn chế: một "
        "số chi bộ sinh hoạt còn hình thức; việc báo cáo của một vài đảng bộ cơ sở còn chậm so với thời hạn.",
        "Nguyên nhân của hạn chế chủ yếu do khối lượng công việc lớn trong thời gian chuẩn bị kết thúc hoạt động cấp "
        "huyện; một bộ phận cán bộ làm công tác văn phòng cấp ủy cơ sở kiêm nhiệm nhiều việc.",
        "#IV. PHƯƠNG HƯỚNG",
        "Bàn giao đầy đủ hồ sơ, tài liệu về sinh hoạt chính trị cho các đảng ủy xã mới trước ngày 30/6/2025; phấn "
        "đấu trên 95% đảng viên tham gia các đợt sinh hoạt tiếp theo. Liên hệ: Văn phòng Huyện ủy, điện thoại "
        "0213.3862.115.",
        *signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Bùi Thị Thu",
                   ["Thường trực Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Các đảng ủy cơ sở,",
                    "Lưu Văn phòng Huyện ủy."]),
    ],
    expected=report([row("H-TK", "2025-19-5", ["HCM-TK", "KL21"], None, 57, 2744, 113, 2500, "at_least")],
                    "2-page scan of a district report just before the reform; '57 chi bộ, đảng bộ' (held only), "
                    "'hơn 2.500' (at_least); distractor-heavy"))

doc("C6", {"scan": "ban_quet_phuong_an_phu_2_9_2026.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY PHƯỜNG AN PHÚ", "Số: 61-BC/ĐU", "An Phú, ngày 08 tháng 10 năm 2026"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Thực hiện Kế hoạch số 05-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy, Đảng ủy phường An Phú báo cáo như "
        "sau:",
        "#I. NỘI DUNG",
        "Các chi bộ tổ chức cho đảng viên tự soi, tự sửa theo chủ đề năm 2026.",
        "#II. KẾT QUẢ",
        "Có 7/7 chi bộ (100%) tổ chức sinh hoạt chính trị. Tổng số đảng viên: 402, trong đó 27 đảng viên được miễn "
        "sinh hoạt; 361/402 đảng viên tham gia, đạt 89,8%.",
        "Trước khi sắp xếp, Đảng bộ phường An Phú thuộc Thị ủy An Phú có 14 chi bộ với 389 đảng viên.",
        "#III. PHƯƠNG HƯỚNG",
        "Phấn đấu dịp 7-11 năm 2026 có trên 92% đảng viên tham gia.",
        *signature("T/M ĐẢNG ỦY", "BÍ THƯ", "Trịnh Thị Huyền", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("P-AP", "2026-2-9", ["TSTS"], 7, 7, 402, 27, 361)],
                    "scan; commune after the reform sharing its name with the old town committee TX-AP; history "
                    "before the reform as distractor"))

doc("C8", {"scan": "ban_quet_phuong_bac_son_7_11_2025.pdf"},
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "ĐẢNG ỦY PHƯỜNG BẮC SƠN", "Số: 14-BC/ĐU", "Bắc Sơn, ngày 03 tháng 12 năm 2025"),
    body=[
        "^BÁO CÁO",
        "^Kết quả sinh hoạt chính trị dịp kỷ niệm 108 năm Cách mạng Tháng Mười Nga",
        "Thực hiện Kế hoạch số 04-KH/TU ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy, Đảng ủy phường Bắc Sơn báo cáo như "
        "sau:",
        "Các chi bộ học tập Quy định 37-QĐ/TW về những điều đảng viên không được làm.",
        "Kết quả: 4/4 chi bộ (100%) tổ chức sinh hoạt; tổng số đảng viên: 233, trong đó 15 đảng viên được miễn sinh "
        "hoạt; khoảng 205 đảng viên tham gia.",
        "Đảng ủy đã trao 6 Huy hiệu Đảng cho đảng viên lão thành nhân dịp này.",
        *signature("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Mai Văn Tiến", ["Thường trực Tỉnh ủy,", "Lưu."]),
    ],
    expected=report([row("P-BS", "2025-7-11", ["QD37"], 4, 4, 233, 15, 205, "about")],
                    "short scan; commune after the reform (phường Bắc Sơn, same name as TP-SH-01); 'khoảng 205' "
                    "(about)"))

# ---------------------------------------------------------------------------------------------------------------
# Plain text (pasted from e-mail / Zalo)
doc("R5", {"txt": "zalo_ngoc_lam_2_9_2022.txt"}, encoding="utf-8",
    body=[
        "Kính gửi Ban Tuyên giáo Tỉnh ủy, Huyện ủy Ngọc Lâm báo cáo nhanh kết quả sinh hoạt chính trị dịp 2-9 năm "
        "2022 ạ:",
        "- 39/41 chi bộ, đảng bộ cơ sở đã tổ chức sinh hoạt chính trị kỷ niệm 77 năm Cách mạng Tháng Tám và Quốc "
        "khánh 2-9, học Kết luận 21 và Quy định 37.",
        "- Tổng số đảng viên toàn Đảng bộ 1 326, miễn sinh hoạt 48 đồng chí; khoảng 1 200 đảng viên tham gia.",
        "- 2 chi bộ còn lại sẽ sinh hoạt bù trong tuần tới.",
        "Báo cáo chính thức bằng văn bản sẽ gửi sau. SĐT liên hệ: 0912 345 678 (đ/c Phương, Văn phòng Huyện ủy).",
    ],
    expected=report([row("H-NL", "2022-2-9", ["KL21", "QD37"], 41, 39, 1326, 48, 1200, "about")],
                    "pasted message, no letterhead; counts with a space as thousands separator ('1 326'); 'khoảng' "
                    "(about); phone number as distractor"))

doc("C1", {"txt": "bao_cao_binh_son_7_11_2025_bom.txt"}, encoding="utf-8-sig",
    body=[
        "Bình Sơn, ngày 04/12/2025",
        "BÁO CÁO NHANH kết quả sinh hoạt chính trị dịp kỷ niệm 108 năm Cách mạng Tháng Mười Nga và tổng kết năm 2025",
        "Đảng bộ Bình Sơn báo cáo: các chi bộ sinh hoạt chuyên đề tự soi, tự sửa.",
        "Kết quả: 5/5 chi bộ (100%) tổ chức sinh hoạt; hơn 150 đảng viên tham gia. Tổng số đảng viên: 176, trong đó "
        "14 đảng viên được miễn sinh hoạt.",
        "(Trước đây Đảng bộ huyện Bình Sơn có 53 chi bộ, đảng bộ với 1.921 đảng viên; nay các xã đã thành lập Đảng bộ "
        "riêng.)",
        "Văn phòng Đảng ủy.",
    ],
    expected=report([row("X-BS", "2025-7-11", ["TSTS"], 5, 5, 176, 14, 150, "at_least")],
                    "UTF-8 with BOM; only the place line and 'Đảng bộ Bình Sơn' name the unit, the date (12/2025) "
                    "makes it the commune X-BS, not the old district H-BS; 'hơn' (at_least)"))

BS_CELLS = [
    ("X-BS-01", "Chi bộ Công an: 16/16 đảng viên tham gia.", 16, None, 16, "exact"),
    ("X-BS-02", "Chi bộ thôn 1: tổng số đảng viên 47, miễn sinh hoạt 9, tham gia 35.", 47, 9, 35, "exact"),
    ("X-BS-03", "Chi bộ Trường THCS: 18/19 đảng viên tham gia.", 19, None, 18, "exact"),
    ("X-BS-04", "Chi bộ thôn 3: tổng số 52 đảng viên, trong đó 11 đảng viên được miễn sinh hoạt, 38 đảng viên tham "
                "gia.", 52, 11, 38, "exact"),
    ("X-BS-05", "Chi bộ thôn 2: có 44 đảng viên, gần 40 đồng chí tham gia sinh hoạt.", 44, None, 40, "almost"),
]
doc("S4", {"txt": "tong_hop_chi_bo_xa_binh_son_19_5_2026_utf16.txt"}, encoding="utf-16",
    body=[
        "ĐẢNG ỦY XÃ BÌNH SƠN - Tổng hợp kết quả sinh hoạt chính trị của các chi bộ dịp 19-5-2026",
        "Thực hiện Kế hoạch số 12-KH/ĐU ngày 12/01/2026, các chi bộ học tập chuyên đề toàn khóa học tập và làm theo "
        "tư tưởng, đạo đức, phong cách Hồ Chí Minh nhân kỷ niệm 136 năm Ngày sinh của Bác. Kết quả:",
        *[c[1] for c in BS_CELLS],
        f"Toàn Đảng bộ: 5/5 chi bộ đã sinh hoạt, {sum(c[4] for c in BS_CELLS)}/{sum(c[2] for c in BS_CELLS)} đảng "
        "viên tham gia.",
        "Ngày 28/5/2026.",
    ],
    expected=report([row(c[0], "2026-19-5", ["HCM-TK"], None, None, c[2], c[3], c[4], c[5]) for c in BS_CELLS],
                    "UTF-16 LE with BOM; commune listing its 5 cells one line each; 'gần 40' (almost) for one cell; "
                    "commune total not a row"))

doc("R9", {"txt": "bao_cao_khoi_doanh_nghiep_7_11_2022_cp1258.txt"}, encoding="cp1258",
    body=[
        "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH SƠN HÀ",
        "BÁO CÁO kết quả sinh hoạt chính trị dịp kỷ niệm 105 năm Cách mạng Tháng Mười Nga (7/11/1917 - 7/11/2022) và "
        "tổng kết năm 2022",
        "Thực hiện Kế hoạch số 01-KH/TU ngày 05/01/2022 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ báo cáo như sau:",
        "1. Nội dung: học tập Kết luận 21-KL/TW và Quy định 37-QĐ/TW.",
        "2. Kết quả: toàn Đảng bộ có 29/31 chi bộ, đảng bộ cơ sở tổ chức sinh hoạt; 1 412 đảng viên tham gia. Tổng "
        "số đảng viên: 1 530, trong đó 51 đảng viên được miễn sinh hoạt.",
        "Trang 1/2",
        "3. Phương hướng năm 2023: phấn đấu 100% chi bộ tổ chức sinh hoạt; kết nạp 45 đảng viên mới.",
        "Sơn Hà, ngày 08/12/2022",
        "Trang 2/2",
    ],
    expected=report([row("DUK-DN", "2022-7-11", ["KL21", "QD37"], 31, 29, 1530, 51, 1412)],
                    "Windows-1258 (tone marks combining); one-line header names the block, body says 'toàn Đảng "
                    "bộ'; space thousands separator; page numbers pasted in"))

doc("G3", {"txt": "bao_cao_chi_bo_so_y_te_3_2_2022.txt"}, encoding="utf-8",
    body=[
        "Chi bộ Sở Y tế báo cáo kết quả sinh hoạt chính trị dịp kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(3/2/1930 - 3/2/2022).",
        "Nội dung: học tập Kết luận 21 về đẩy mạnh xây dựng, chỉnh đốn Đảng.",
        "Tổng số đảng viên: 34, trong đó 2 đảng viên được miễn sinh hoạt; 31 đảng viên tham gia (đạt 96,9% số đảng "
        "viên phải sinh hoạt). 01 đồng chí vắng có lý do (đi công tác).",
        "Chi bộ đề nghị Đảng ủy Khối xét tặng Huy hiệu 30 năm tuổi Đảng cho 01 đồng chí.",
        "Ngày 20/02/2022. Bí thư chi bộ.",
    ],
    expected=report([row("DUK-CQ-02", "2022-3-2", ["KL21"], None, None, 34, 2, 31)],
                    "a grassroots cell of a block committee writing its own report (plain text, no letterhead)"))

doc("N2", {"txt": "thong_bao_lich_sinh_hoat_2_9_2025.txt"}, encoding="utf-8",
    body=[
        "THÔNG BÁO",
        "Lịch tổ chức hội nghị sinh hoạt chính trị dịp kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2-9",
        "Ban Thường vụ Đảng ủy xã Thanh Khê thông báo lịch hội nghị như sau:",
        "- Thời gian: lúc 7 giờ 30 phút, ngày 15/8/2025 (thứ Sáu).",
        "- Địa điểm: Hội trường Trung tâm hành chính xã, số 18 đường Khê Thượng.",
        "- Thành phần: 7 bí thư chi bộ, 21 đồng chí đảng ủy viên và cán bộ chủ chốt của xã; mời 12 đại biểu là người "
        "có uy tín trong cộng đồng.",
        "- Nội dung: quán triệt chuyên đề năm 2025; đồng chí Bí thư Đảng ủy trình bày báo cáo đề dẫn (khoảng 45 phút).",
        "Đề nghị các đồng chí có tên trên dự đầy đủ, đúng giờ. Liên hệ: đ/c Hà, điện thoại 0987 654 321.",
        "Thanh Khê, ngày 08/8/2025. T/L BAN THƯỜNG VỤ - CHÁNH VĂN PHÒNG.",
    ],
    expected={"kind": "none", "rows": [], "unmatched": [],
              "shape": "announcement (thông báo) of a meeting: times, places, attendance counts, phone; no figures"})

# ---------------------------------------------------------------------------------------------------------------
# R7: the long text PDF (about 10 pages); the report's figures are in two places only, in section II
_rng = random.Random(20240612)
_DOC_TOPICS = ["Về việc triển khai nhiệm vụ phát triển kinh tế - xã hội quý II", "Về công tác phòng, chống thiên tai "
               "mùa mưa lũ", "Về việc kiện toàn Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực", "Về việc chuẩn bị "
               "tổng kết công tác dân vận", "Về công tác bảo vệ, phát triển rừng", "Về việc tổ chức Ngày hội Đại đoàn "
               "kết toàn dân tộc", "Về việc kiểm tra, giám sát theo chương trình năm 2024", "Về công tác phát triển "
               "đảng viên ở thôn, bản", "Về việc đẩy mạnh giải ngân vốn đầu tư công", "Về công tác tuyển sinh đầu cấp "
               "năm học 2024 - 2025", "Về việc chuẩn bị sắp xếp đơn vị hành chính cấp xã", "Về công tác bảo đảm an "
               "ninh, trật tự dịp lễ", "Về chương trình mục tiêu quốc gia xây dựng nông thôn mới", "Về công tác "
               "chuyển đổi số trong cơ quan đảng"]
_KINDS = ["CV/HU", "KH/HU", "TB/HU", "QĐ/HU", "HD/BTGHU", "CV/UBKTHU"]
LONG_DOCS_TABLE = [["TT", "Số, ký hiệu", "Ngày ban hành", "Trích yếu nội dung"]] + [
    [str(i), f"{_rng.randint(120, 980)}-{_rng.choice(_KINDS)}", f"{_rng.randint(1, 28):02d}/{_rng.randint(1, 6):02d}/2024",
     _rng.choice(_DOC_TOPICS)] for i in range(1, 43)]
_ECON = [("Diện tích gieo trồng lúa vụ xuân", "ha"), ("Sản lượng lương thực có hạt", "tấn"), ("Diện tích trồng rừng "
         "mới", "ha"), ("Tổng đàn gia súc", "con"), ("Số km đường giao thông nông thôn được cứng hóa", "km"), ("Số hộ "
         "thoát nghèo", "hộ"), ("Số lao động được giải quyết việc làm", "người"), ("Thu ngân sách trên địa bàn", "triệu "
         "đồng"), ("Số trường đạt chuẩn quốc gia", "trường"), ("Tỷ lệ người dân tham gia bảo hiểm y tế", "%"), ("Số thôn, "
         "bản đạt chuẩn nông thôn mới", "thôn"), ("Số nhà đại đoàn kết được hỗ trợ xây mới", "nhà")]
LONG_ECON_TABLE = [["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024", "Thực hiện 6 tháng", "So với kế hoạch (%)"]]
for _i, (_name, _unit) in enumerate(_ECON, 1):
    _plan = _rng.randint(40, 9000) if _unit != "%" else 98
    _done = int(_plan * _rng.uniform(0.35, 0.7)) if _unit != "%" else 96
    LONG_ECON_TABLE.append([str(_i), _name, _unit, _dots(_plan), _dots(_done), _pct(_done, _plan)])

_FAMILY = ["Lò", "Cầm", "Quàng", "Lường", "Vì", "Giàng", "Sùng", "Nguyễn", "Hoàng", "Tòng", "Điêu", "Lù"]
_MIDDLE = ["Văn", "Thị", "Mạnh", "Đức", "Thị Thu", "A", "Văn Minh", "Thị Hồng"]
_GIVEN = ["Chiến", "Phương", "Dũng", "Xuân", "Sử", "Hoa", "Páo", "Thào", "Lả", "Ích", "Khoa", "Pằng", "Thắm"]
_ROLES = ["Bí thư chi bộ bản Nà Khoang", "Trưởng bản Huổi Lụ", "Phó Bí thư chi bộ bản Co Muông", "Công chức văn "
          "phòng - thống kê", "Báo cáo viên cơ sở", "Chi hội trưởng Hội Nông dân bản Pá Hốc", "Giáo viên trường phổ "
          "thông dân tộc bán trú", "Tuyên truyền viên bản Nậm Ún", "Bí thư chi đoàn bản Phiêng Pẻn", "Y sĩ trạm y tế"]
_AWARDS = ["Giấy khen", "Giấy khen", "Giấy khen", "Bằng khen của Tỉnh ủy (đề nghị)"]
LONG_AWARDS_TABLE = [["TT", "Họ và tên", "Chức vụ, nơi công tác", "Hình thức khen thưởng"]] + [
    [str(i), f"{_rng.choice(_FAMILY)} {_rng.choice(_MIDDLE)} {_rng.choice(_GIVEN)}", _rng.choice(_ROLES),
     _rng.choice(_AWARDS)] for i in range(1, 31)]

doc("R7", {"pdf": "bao_cao_dai_10_trang.pdf"}, footer_pages=True,
    letterhead=("ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY MƯỜNG LẠC", "Số: 226-BC/HU", "Mường Lạc, ngày 12 tháng 6 năm 2024"),
    body=[
        "^BÁO CÁO",
        "^Kết quả tổ chức sinh hoạt chính trị, học tập chuyên đề dịp kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh "
        "(19/5/1890 - 19/5/2024) và công tác xây dựng Đảng 6 tháng đầu năm 2024",
        "Thực hiện Kế hoạch số 03-KH/TU ngày 05/01/2024 của Ban Thường vụ Tỉnh ủy Sơn Hà về tổ chức sinh hoạt chính "
        "trị, học tập chuyên đề năm 2024; Chương trình công tác năm 2024 của Ban Chấp hành Đảng bộ huyện, Ban Thường "
        "vụ Huyện ủy Mường Lạc báo cáo kết quả như sau:",
        "#I. ĐẶC ĐIỂM TÌNH HÌNH",
        "Mường Lạc là huyện vùng cao biên giới của tỉnh Sơn Hà, có 4 dân tộc chủ yếu cùng sinh sống; địa hình chia "
        "cắt, giao thông đi lại khó khăn, nhất là vào mùa mưa. Sáu tháng đầu năm 2024, thời tiết diễn biến phức tạp, "
        "đợt rét đậm, rét hại kéo dài 18 ngày trong tháng 1 làm chết 126 con gia súc; mưa đá ngày 27/3/2024 làm hư "
        "hỏng mái của 64 ngôi nhà. Các cấp ủy, chính quyền đã kịp thời hỗ trợ nhân dân khắc phục hậu quả.",
        "Tình hình an ninh chính trị, trật tự an toàn xã hội cơ bản ổn định; công tác quản lý biên giới được tăng "
        "cường. Đời sống vật chất, tinh thần của nhân dân từng bước được cải thiện; tỷ lệ hộ nghèo giảm còn 21,4%. "
        "Tuy nhiên, một bộ phận đảng viên là người dân tộc thiểu số còn hạn chế về trình độ, việc tiếp thu nghị quyết "
        "gặp khó khăn; một số đảng viên đi làm ăn xa theo thời vụ nên việc quản lý, sinh hoạt đảng chưa thường xuyên.",
        "#II. KẾT QUẢ THỰC HIỆN",
        "#1. Công tác lãnh đạo, chỉ đạo",
        "Ngay từ đầu năm, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 187-KH/HU ngày 16/01/2024 triển khai Kế "
        "hoạch của Tỉnh ủy; phân công các đồng chí Ủy viên Ban Thường vụ, Huyện ủy viên phụ trách, dự sinh hoạt tại "
        "các chi bộ, đảng bộ cơ sở. Trong 6 tháng, Ban Chấp hành Đảng bộ huyện họp 3 kỳ, Ban Thường vụ Huyện ủy họp "
        "14 phiên thường kỳ và 5 phiên đột xuất, cho ý kiến vào 46 nội dung thuộc thẩm quyền.",
        "Ban Thường vụ Huyện ủy đã ban hành 42 văn bản chỉ đạo, hướng dẫn (danh mục tại Phụ lục 1), trong đó có 6 kế "
        "hoạch, 11 công văn, 9 thông báo kết luận, 8 quyết định về công tác cán bộ và 8 văn bản khác. Nội dung các "
        "văn bản bám sát chủ trương của Tỉnh ủy và tình hình thực tế của địa phương.",
        "Hội nghị báo cáo viên cấp huyện được tổ chức lúc 7 giờ 30 phút ngày 10/4/2024 tại Hội trường Trung tâm Chính "
        "trị huyện, có 112 đại biểu dự, gồm các đồng chí báo cáo viên, tuyên truyền viên cơ sở và bí thư chi bộ các "
        "thôn, bản. Tại hội nghị, đồng chí Phó Bí thư Thường trực Huyện ủy đã thông tin về tình hình thời sự trong "
        "nước, quốc tế và định hướng nội dung sinh hoạt chính trị dịp 19-5.",
        "#2. Tổ chức sinh hoạt chính trị, học tập chuyên đề",
        "Nội dung sinh hoạt chính trị dịp này gồm: học tập chuyên đề năm 2024 về học tập và làm theo tư tưởng, đạo "
        "đức, phong cách Hồ Chí Minh về xây dựng Đảng ta thật sự trong sạch, vững mạnh; ôn lại và liên hệ việc thực "
        "hiện Quy định số 37-QĐ/TW về những điều đảng viên không được làm. Hình thức sinh hoạt được đổi mới: nhiều chi "
        "bộ mời già làng, trưởng bản, người có uy tín kể chuyện về Bác Hồ bằng tiếng dân tộc.",
        "Kết quả: đến ngày 31/5/2024, 44/44 chi bộ, đảng bộ cơ sở (100%) đã tổ chức sinh hoạt chính trị theo đúng kế "
        "hoạch; nhiều đơn vị tổ chức sớm, trước ngày 19/5/2024.",
        "#3. Công tác tuyên truyền",
        "Ban Tuyên giáo Huyện ủy phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thông huyện xây dựng 36 chuyên "
        "mục, 214 tin, bài phát thanh bằng tiếng Việt và tiếng dân tộc; treo 180 băng rôn, khẩu hiệu, 12 pano lớn dọc "
        "các trục đường chính. Trang thông tin điện tử của huyện đăng tải 96 tin, bài với hơn 12.000 lượt truy cập. "
        "Đội chiếu bóng lưu động tổ chức 28 buổi chiếu phim tư liệu về Chủ tịch Hồ Chí Minh tại các bản vùng sâu.",
        "Hội thi “Tuyên truyền viên giỏi” cấp huyện năm 2024 được tổ chức trong 2 ngày 14 và 15/5/2024 với 32 thí sinh "
        "đến từ các đảng bộ cơ sở; Ban Tổ chức trao 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 6 giải Khuyến khích. Hội "
        "thi thu hút khoảng 600 lượt người dân đến cổ vũ.",
        "Công tác nắm bắt, định hướng dư luận xã hội được chú trọng; Ban Chỉ đạo 35 huyện tổ chức 2 cuộc tọa đàm, "
        "đăng tải 320 bài viết đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng. Các tổ "
        "tuyên truyền ở thôn, bản duy trì sinh hoạt hằng tháng, mỗi tổ từ 5 đến 7 thành viên.",
        "#4. Công tác tổ chức, cán bộ và xây dựng đảng viên",
        "Ban Thường vụ Huyện ủy đã điều động, luân chuyển 9 cán bộ; bổ nhiệm 4 cán bộ lãnh đạo cấp phòng; giới thiệu "
        "2 cán bộ ứng cử chức danh chủ tịch Ủy ban nhân dân xã. Trung tâm Chính trị huyện mở 8 lớp bồi dưỡng với 640 "
        "học viên, trong đó có 2 lớp bồi dưỡng nhận thức về Đảng cho 320 quần chúng ưu tú và 1 lớp cho 74 đảng viên "
        "mới.",
        "Sáu tháng đầu năm, toàn Đảng bộ kết nạp 52 đảng viên mới, đạt 57,8% chỉ tiêu năm; chuyển đảng chính thức cho "
        "61 đảng viên; xóa tên 3 đảng viên; đề nghị cấp trên trao 18 Huy hiệu Đảng, trong đó 15 Huy hiệu 30 năm tuổi "
        "Đảng, 2 Huy hiệu 40 năm tuổi Đảng và 1 Huy hiệu 50 năm tuổi Đảng.",
        "Công tác kiểm tra, giám sát được thực hiện nghiêm túc: Ủy ban Kiểm tra Huyện ủy kiểm tra 6 tổ chức đảng và "
        "11 đảng viên; giám sát chuyên đề 4 tổ chức đảng; thi hành kỷ luật 2 đảng viên bằng hình thức khiển trách.",
        "#5. Số đảng viên tham gia sinh hoạt",
        "Tổng số đảng viên: 2.412, trong đó 101 đảng viên được miễn sinh hoạt do tuổi cao, sức yếu. Trong đợt này có "
        "gần 2.240 cán bộ, đảng viên tham gia sinh hoạt chính trị, học tập chuyên đề.",
        "Để so sánh: năm 2023, toàn huyện có 41 chi bộ với 2.214 đảng viên tham gia sinh hoạt dịp 2-9; năm 2022, cùng "
        "kỳ có 39 chi bộ với 2.050 đảng viên tham gia.",
        "#6. Lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội",
        "Ban Thường vụ Huyện ủy lãnh đạo Ủy ban nhân dân huyện tập trung chỉ đạo sản xuất vụ xuân, chăm sóc rừng trồng "
        "và phát triển chăn nuôi đại gia súc. Kết quả một số chỉ tiêu chủ yếu được tổng hợp tại Phụ lục 2. Tổng vốn "
        "đầu tư công năm 2024 được giao là 412 tỷ đồng, đến ngày 31/5/2024 đã giải ngân 168 tỷ đồng, đạt 40,8%.",
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới tiếp tục được triển khai; có thêm 2 thôn đạt chuẩn "
        "nông thôn mới, nâng tổng số lên 19 thôn, bản. Các chương trình mục tiêu quốc gia giảm nghèo bền vững, phát "
        "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi được thực hiện đúng quy định.",
        "Lĩnh vực văn hóa - xã hội có nhiều chuyển biến: tổ chức thành công Lễ hội Hoa ban năm 2024 với khoảng 15.000 "
        "lượt khách tham quan; 100% trường học hoàn thành chương trình năm học; công tác khám, chữa bệnh, phòng, chống "
        "dịch bệnh được duy trì; hỗ trợ xây dựng 46 nhà đại đoàn kết cho hộ nghèo.",
        "Công tác quốc phòng, an ninh được bảo đảm; hoàn thành 100% chỉ tiêu giao quân năm 2024 với 135 thanh niên "
        "nhập ngũ; tổ chức diễn tập khu vực phòng thủ cấp xã tại 2 xã theo kế hoạch.",
        "#7. Công tác dân vận và hoạt động của Mặt trận Tổ quốc, các đoàn thể",
        "Ban Dân vận Huyện ủy tham mưu tổ chức 4 buổi đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân, "
        "tiếp nhận 230 ý kiến, kiến nghị; đến nay đã giải quyết, trả lời 214 ý kiến. Mặt trận Tổ quốc và các đoàn thể "
        "vận động đoàn viên, hội viên hiến 3,5 ha đất làm đường giao thông, đóng góp 12.400 ngày công lao động.",
        "Phong trào “Dân vận khéo” tiếp tục lan tỏa; 6 tháng đầu năm có 27 mô hình “Dân vận khéo” được công nhận mới. "
        "Đoàn Thanh niên tổ chức Tháng Thanh niên với 45 công trình, phần việc thanh niên; Hội Phụ nữ duy trì 38 câu "
        "lạc bộ phụ nữ phát triển kinh tế.",
        "#8. Công tác nội chính, phòng, chống tham nhũng, tiêu cực",
        "Ban Nội chính Huyện ủy tham mưu tổ chức 2 cuộc kiểm tra việc thực hiện quy định về kê khai tài sản, thu "
        "nhập; theo dõi 7 vụ việc, vụ án được dư luận quan tâm. Thanh tra huyện triển khai 3 cuộc thanh tra hành "
        "chính, kiến nghị thu hồi 286 triệu đồng. Tòa án nhân dân huyện thụ lý 41 vụ án các loại, đã giải quyết 33 "
        "vụ; Viện Kiểm sát nhân dân huyện kiểm sát 100% các vụ việc theo quy định.",
        "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo được duy trì; lãnh đạo huyện tiếp 12 lượt công dân theo "
        "định kỳ; tiếp nhận 19 đơn thư, đã giải quyết 16 đơn, còn 3 đơn đang trong thời hạn giải quyết.",
        "#9. Công tác chuẩn bị đại hội và sắp xếp tổ chức bộ máy",
        "Ban Thường vụ Huyện ủy thành lập 5 tiểu ban phục vụ đại hội, ban hành kế hoạch chuẩn bị đại hội chi bộ, đảng "
        "bộ cơ sở; rà soát, quy hoạch cán bộ nhiệm kỳ 2025 - 2030 với 126 lượt đồng chí được đưa vào quy hoạch. Việc "
        "rà soát tiêu chuẩn, điều kiện sắp xếp đơn vị hành chính cấp xã được thực hiện theo hướng dẫn của Tỉnh ủy; đã "
        "tổ chức lấy ý kiến cử tri tại 58 thôn, bản với tỷ lệ đồng thuận trên 90%.",
        "Văn phòng Huyện ủy thực hiện tốt công tác tham mưu, tổng hợp; tiếp nhận 1.236 văn bản đến, phát hành 618 văn "
        "bản đi; vận hành ổn định hệ thống thông tin điều hành tác nghiệp tới 100% tổ chức cơ sở đảng.",
        "#III. ĐÁNH GIÁ CHUNG",
        "#1. Ưu điểm",
        "Các cấp ủy đảng quan tâm lãnh đạo, chỉ đạo việc tổ chức sinh hoạt chính trị, học tập chuyên đề; nội dung "
        "sinh hoạt phong phú, gắn với nhiệm vụ chính trị của từng địa phương, đơn vị. Việc đổi mới hình thức sinh hoạt, "
        "sử dụng tiếng dân tộc đã giúp đảng viên, nhân dân dễ tiếp thu.",
        "#2. Hạn chế, nguyên nhân",
        "Một số chi bộ ở vùng sâu, vùng xa tổ chức sinh hoạt còn hình thức, chất lượng thảo luận chưa cao; việc báo "
        "cáo kết quả của một số đảng bộ cơ sở còn chậm, số liệu chưa thống nhất. Nguyên nhân chủ yếu do địa bàn rộng, "
        "giao thông khó khăn, trình độ của một bộ phận cán bộ cơ sở còn hạn chế, đội ngũ báo cáo viên cơ sở còn mỏng.",
        "#IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
        "Tiếp tục chỉ đạo tổ chức sinh hoạt chính trị dịp kỷ niệm 79 năm Cách mạng Tháng Tám và Quốc khánh 2-9; phấn "
        "đấu 100% chi bộ tổ chức sinh hoạt, trên 95% đảng viên tham gia; kết nạp 38 đảng viên mới để hoàn thành chỉ "
        "tiêu năm 2024 là 90 đảng viên.",
        "Chuẩn bị tốt các điều kiện cho đại hội chi bộ nhiệm kỳ 2025 - 2027 và đại hội đảng bộ cơ sở nhiệm kỳ 2025 - "
        "2030; phấn đấu giải ngân trên 95% vốn đầu tư công; giảm tỷ lệ hộ nghèo xuống dưới 19%.",
        "Tăng cường kiểm tra, giám sát; thực hiện tốt công tác dân vận; giữ vững quốc phòng, an ninh, bảo vệ vững chắc "
        "chủ quyền biên giới quốc gia.",
        *signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lò Văn Tuấn",
                   ["Ban Thường vụ Tỉnh ủy (b/c),", "Ban Tuyên giáo Tỉnh ủy,", "Các đồng chí Huyện ủy viên,",
                    "Các chi bộ, đảng bộ cơ sở,", "Lưu Văn phòng Huyện ủy."]),
        PAGE_BREAK,
        "^PHỤ LỤC 1",
        "^Danh mục văn bản do Ban Thường vụ Huyện ủy ban hành 6 tháng đầu năm 2024",
        LONG_DOCS_TABLE,
        PAGE_BREAK,
        "^PHỤ LỤC 2",
        "^Kết quả thực hiện một số chỉ tiêu kinh tế - xã hội chủ yếu 6 tháng đầu năm 2024",
        LONG_ECON_TABLE,
        "Ghi chú: số liệu do Chi cục Thống kê huyện cung cấp, tính đến ngày 31/5/2024.",
        PAGE_BREAK,
        "^PHỤ LỤC 3",
        "^Danh sách tập thể, cá nhân được Ban Thường vụ Huyện ủy khen thưởng 6 tháng đầu năm 2024",
        LONG_AWARDS_TABLE,
    ],
    expected=report([row("H-ML", "2024-19-5", ["HCM-TK", "QD37"], 44, 44, 2412, 101, 2240, "almost")],
                    "long (about 10 pages) district report: figures only in sections II.2 and II.5; many distractors "
                    "(meetings, 42 documents issued, propaganda counts, cadres, economy tables, history 2022-2023, "
                    "targets, page numbers in the footer)"))
