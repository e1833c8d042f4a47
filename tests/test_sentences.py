"""Figures out of report sentences (issue 14, part 2, first step): the forms reports use, the qualifiers kept, and
the numbers that are never counts. Every figure's source contains it as written."""
import pytest

from etl.sentences import figures, sentences


def found(sentence: str) -> list[tuple[str, int, str, str]]:
    return [(f.field, f.value, f.qualifier, f.written) for f in figures(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("Đến nay có 46 chi bộ, đảng bộ trực thuộc Huyện ủy tổ chức hội nghị với trên 3.550 cán bộ, đảng viên tham gia.",
     [("cells_held", 46, "exact", "46"), ("members_participating", 3550, "at_least", "trên 3.550")]),
    ("Có 52/52 chi bộ (100%) tổ chức học tập; 1.826/1.902 đảng viên tham gia, đạt 96,0%.",
     [("cells_held", 52, "exact", "52/52"), ("cells_expected", 52, "exact", "52/52"),
      ("members_participating", 1826, "exact", "1.826/1.902"), ("members_total", 1902, "exact", "1.826/1.902")]),
    ("Hội nghị thu hút gần 2 100 đảng viên tham dự.", [("members_participating", 2100, "almost", "gần 2 100")]),
    ("Khoảng 950 cán bộ, đảng viên tham gia học tập.", [("members_participating", 950, "about", "Khoảng 950")]),
    ("Hơn 3550 đảng viên tham gia.", [("members_participating", 3550, "at_least", "Hơn 3550")]),
    ("Tổng số đảng viên: 1.902, trong đó 76 đảng viên được miễn sinh hoạt.",
     [("members_total", 1902, "exact", "1.902"), ("members_exempt", 76, "exact", "76")]),
    ("Toàn Đảng bộ có 1 902 đảng viên, 58 đảng viên miễn sinh hoạt, 1.790 đảng viên phải sinh hoạt.",
     [("members_total", 1902, "exact", "1 902"), ("members_exempt", 58, "exact", "58"),
      ("members_eligible", 1790, "exact", "1.790")]),
    ("Tổng số chi bộ là 14.", [("cells_expected", 14, "exact", "14")]),
])
def test_the_forms_reports_write_their_figures_in(sentence, expected):
    assert found(sentence) == expected
    assert all(f.written in f.source and f.source == sentence for f in figures(sentence))


@pytest.mark.parametrize("sentence", [
    "Kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022).",
    "Thực hiện Kế hoạch số 105-KH/TU ngày 24/02/2022 của Ban Thường vụ Tỉnh ủy.",
    "Học tập Nghị quyết Hội nghị Trung ương 4 khóa XIII và Kết luận 21-KL/TW.",
    "Phấn đấu trên 95% đảng viên tham gia học tập.",
    "Đã ban hành 12 văn bản chỉ đạo, thu thập 230 ý kiến góp ý, trao 15 huy hiệu 30 năm tuổi Đảng.",
    "Trang thông tin điện tử có 12.000 lượt truy cập; điện thoại liên hệ 0214 3852 123.",
    "Đạt 96,0% so với kế hoạch; 100% chi bộ hoàn thành.",
])
def test_numbers_that_are_not_counts_are_never_proposed(sentence):
    assert figures(sentence) == []


def test_a_broken_line_is_joined_back_and_sentences_are_cut_but_table_rows_stay_whole():
    lines = ("Đến nay có 46 chi bộ tổ chức hội nghị với trên", "3.550 cán bộ, đảng viên tham gia. Các chi bộ đều",
             "đạt yêu cầu.", "Xã An Bình | 12/12 | 310/322", "Tổng số đảng viên: 1.902.")
    assert sentences(lines) == [
        "Đến nay có 46 chi bộ tổ chức hội nghị với trên 3.550 cán bộ, đảng viên tham gia.",
        "Các chi bộ đều đạt yêu cầu.", "Xã An Bình | 12/12 | 310/322", "Tổng số đảng viên: 1.902."]


def test_a_rate_with_its_base_gives_a_derived_count_and_a_rate_alone_gives_none():
    found = figures("Có 1.830 đảng viên tham gia, đạt 96,2% trên tổng số 1.902 đảng viên.")
    assert [(f.field, f.value, f.derived) for f in found] == [
        ("members_participating", 1830, False), ("members_total", 1902, False)]
    found = figures("Số đảng viên tham gia đạt 96,0% trong 1.902 đảng viên của Đảng bộ.")
    assert [(f.field, f.value, f.derived) for f in found] == [
        ("members_total", 1902, False), ("members_participating", 1826, True)]
    assert figures("Tỷ lệ đảng viên tham gia đạt 96,0%.") == []


def test_a_rise_over_last_time_is_not_a_count():
    assert [(f.field, f.value) for f in figures("Có 48 chi bộ tổ chức, tăng 2 chi bộ.")] == [("cells_held", 48)]


@pytest.mark.parametrize("sentence, expected", [
    ("Có 40 đảng viên không tham gia vì ốm, còn lại 1.862 đảng viên tham gia.", [("members_participating", 1862)]),
    ("Toàn đảng bộ có 2 chi bộ chưa tổ chức sinh hoạt, 46 chi bộ đã tổ chức.", [("cells_held", 46)]),
    ("Có 3 đồng chí vắng mặt có lý do.", []),
    ("Có trên 95% trong tổng số 1.902 đảng viên tham gia.", [("members_total", 1902), ("members_participating", 1807)]),
])
def test_those_who_did_not_attend_are_not_counted_and_a_rate_keeps_its_qualifier(sentence, expected):
    found = figures(sentence)
    assert [(f.field, f.value) for f in found] == expected
    assert all(f.qualifier == "at_least" for f in found if f.derived)
