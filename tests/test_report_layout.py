"""The Word report reads as a finished document: headings numbered without gaps, a signature block the clerk can
fill in by hand, names never cut, words a narrow column must not split kept whole, charts that name what they show."""
import datetime as dt
import io

import duckdb
from docx import Document

from analytics import report as word
from analytics.charts import topic_bars
from analytics.view import describe

from conftest import REPORT_HEADER, load, report, write_csv


class NoImages:
    """The report without drawing its charts: a blank picture for each."""

    def render(self, figure, fmt, scale=1):
        import struct
        import zlib

        raw = b"\x00\xff\xff\xff" * 1
        chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data  # noqa: E731
                                    + struct.pack(">I", zlib.crc32(kind + data)))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

    def render_many(self, figures, fmt, scale=1):
        return [self.render(figure, fmt, scale) for figure in figures]


def _document(db, periods, settings=word.ReportSettings()):
    with duckdb.connect(str(db), read_only=True) as con:
        view = describe(con, "T", periods, today=dt.date(2022, 7, 1))
        built = word.build(con, view, settings, NoImages())
    return built, Document(io.BytesIO(built.docx))


def test_headings_are_numbered_without_gaps_and_the_signature_waits_for_a_hand(db, tmp_path):
    rows = [REPORT_HEADER, report("H-MK", "2022-3-2", topic="KL21"), report("TP-LC", "2022-3-2", topic="QD37")]
    assert load(write_csv(tmp_path / "r.csv", rows), db).status == "committed"
    built, doc = _document(db, ("2022-3-2",))
    headings = [p.text for p in doc.paragraphs if p.text[:2] in {f"{n}." for n in range(1, 10)}]
    assert [h.split(".")[0] for h in headings] == [str(n) for n in range(1, len(headings) + 1)], headings
    assert "Diễn biến qua các đợt" not in " ".join(headings)           # one occasion: no trend section
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs]
    assert signature[:2] == ["……………………………", "……………………………"] and signature[-1] == "……………………………"
    assert "(Ký, ghi rõ họ tên)" in signature
    units = doc.tables[1]
    assert "Chi\u00a0bộ sinh hoạt" in units.rows[0].cells[2].text       # never "chi / bộ" over two lines


def test_long_topic_names_wrap_instead_of_being_cut():
    name = "Sách của Tổng Bí thư về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam"
    rows = [{"group": name, "code": "SACH", "member_rate": 0.97, "members_participating": 97, "members_eligible": 100,
             "reports_received": 1, "reports_expected": 1, "reports_missing": 0, "cell_rate": 1.0}]
    figure = topic_bars(rows, "member_rate", 0.95, "t")
    (label,) = next(t for t in figure.data if t.type == "scatter").text
    assert "…" not in label and label.replace("<br>", " ") == name


def test_a_trend_chart_names_every_occasion_it_draws(db, tmp_path):
    rows = [REPORT_HEADER, report("H-MK", "2022-3-2"), report("H-MK", "2022-19-5", date="10/06/2022")]
    assert load(write_csv(tmp_path / "r.csv", rows), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        view = describe(con, "T", ("2022-3-2", "2022-19-5"), today=dt.date(2022, 7, 1))
        facts = word.gather(con, view)
        trend = [c for c in word.report_charts(con, view, facts) if c.section == "periods"]
    assert trend and all(c.shows == ("Dịp 3-2 năm 2022", "Dịp 19-5 năm 2022") for c in trend)


def test_a_unit_name_keeps_its_capitals_inside_a_sentence(db, tmp_path):
    rows = [REPORT_HEADER, report("H-MK-1", "2022-3-2"), report("H-MK-1", "2022-19-5", date="10/06/2022")]
    assert load(write_csv(tmp_path / "r.csv", rows), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        view = describe(con, "H-MK", ("2022-3-2", "2022-19-5"), today=dt.date(2022, 7, 1))
        first = word.narrative(view, word.gather(con, view), root=True)["general"][0]
    assert first.startswith("Cộng 2 đợt, Huyện ủy Mường Khương có "), first
