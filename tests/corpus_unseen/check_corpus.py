"""Self-check of the held-out corpus (no extractor involved): every non-derived expected number is written in its
file's text (1792, 1.792 or 1 792), derived numbers follow from numbers in the text, percentages agree with the
fractions and table rows they stand beside, qualifiers and topic/occasion cues are in the text, units exist on
the occasion's dates, plan dates and deadline phrases are in the text, expected.json is what sources.py says, and
the folder has the promised shapes. The scan is checked against the text it was made from (no OCR).
Run: `.venv/bin/python tests/corpus_unseen/check_corpus.py`."""
import datetime as dt
import json
import random
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from docx import Document  # noqa: E402

from etl.demo import _tree  # noqa: E402
from make_corpus import plain_text, public  # noqa: E402
from sources import DOCS, deadline_of  # noqa: E402

FIELDS = ["cells_expected", "cells_held", "members_total", "members_exempt", "members_participating"]
OCCASIONS = {"3-2": ((1, 5), (2, 28)), "19-5": ((4, 15), (5, 31)), "2-9": ((8, 1), (9, 30)), "7-11": ((10, 15), (11, 30))}
OCCASION_CUES = {"3-2": r"thành lập Đảng|mừng Đảng", "19-5": r"Ngày sinh Chủ tịch|sinh nhật Bác",
                 "2-9": r"Cách mạng Tháng Tám", "7-11": r"Tháng Mười Nga"}
TOPIC_CUES = {"KL21": r"Kết luận (?:số )?21", "QD37": r"Quy định (?:số )?37|QĐ 37",
              "SACH-TBT": r"[Ss]ách của đồng chí Tổng Bí thư", "TSTS": r"[Tt]ự soi,? tự sửa",
              "HCM-TK": r"tư tưởng, đạo đức, phong cách Hồ Chí Minh|[Cc]huyên đề năm 20\d\d"}
QUALIFIER_WORDS = {"at_least": r"trên|hơn|ít nhất", "almost": r"gần", "about": r"khoảng|xấp xỉ"}
problems = []


def docx_text(path):
    document = Document(path)
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for r in table.rows:
            lines.append(" | ".join(c.text.replace("\n", " / ") for c in r.cells))
    return "\n".join(lines)


def file_text(name):
    path = HERE / name
    if name.endswith(".docx"):
        return docx_text(path)
    if name.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    data = path.read_bytes()
    if data.startswith(b"\xff\xfe"):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data.decode("utf-8-sig")
    else:
        text = data.decode("utf-8")
    return unicodedata.normalize("NFC", text)


def forms(value):
    text = str(value)
    if value < 1000:
        return [text]
    return [text, f"{value:,}".replace(",", "."), f"{value:,}".replace(",", " ")]


def alternation(value):
    return "|".join(re.escape(f) for f in forms(value))


DATES = r"\d{1,2}[/-]\d{1,2}[/-]\d{4}|tháng \d{1,2}/\d{4}|\d{1,2}/\d{4}"


def written(value, flat):
    """`value` written as a number of its own: not a piece of a date, a longer number or a decimal."""
    flat = re.sub(DATES, " ", flat)
    return re.search(rf"(?<![\d.,])(?:{alternation(value)})(?![\d]|[.,]\d)", flat) is not None


def number(text):
    return int(text.replace(".", "").replace(" ", ""))


def dmy_forms(day: dt.date):
    return [f"{d}/{m}/{day.year}" for d in {str(day.day), f"{day.day:02d}"} for m in {str(day.month), f"{day.month:02d}"}]


def check_report_row(name, record, row, flat, valid):
    year, occasion = row["period"].split("-", 1)
    start, end = (dt.date(int(year), *d) for d in OCCASIONS[occasion])
    lo, hi = valid.get(row["unit"], (None, None))
    if lo is None or not (lo <= start and end <= hi):
        problems.append(f"{name}: unit {row['unit']} not valid in {row['period']}")
    if not re.search(OCCASION_CUES[occasion], flat):
        problems.append(f"{name}: no cue for occasion {occasion}")
    for topic in row["topics"]:
        if not re.search(TOPIC_CUES[topic], flat):
            problems.append(f"{name}: topic {topic} has no cue in the text")
    for field in FIELDS:
        value = row[field]
        if value is not None and field not in row["derived"] and not written(value, flat):
            problems.append(f"{name}: {row['unit']} {field}={value} not in the text")
    checks = [c for c in record["checks"] if c[1] == row["unit"]]
    if "members_exempt" in row["derived"]:
        required = row["members_total"] - row["members_exempt"]
        if ("required", row["unit"], required) not in checks:
            problems.append(f"{name}: derived exempt without a 'required' check")
        pattern = rf"phải sinh hoạt:? (?:{alternation(required)})(?!\d)|(?<!\d)(?:{alternation(required)}) đảng viên phải"
        if not re.search(pattern, flat) or not written(row["members_total"], flat):
            problems.append(f"{name}: derived exempt: '{required}' beside 'phải sinh hoạt' or the total not written")
    if "members_participating" in row["derived"]:
        found = [c for c in checks if c[0] == "pct_base"]
        if not found:
            problems.append(f"{name}: derived participating without a 'pct_base' check")
        for _, _, percent, base in found:
            near = rf"{re.escape(percent)}%[^.;]{{0,60}}?(?:{alternation(base)})|(?:{alternation(base)})[^.;]{{0,60}}?{re.escape(percent)}%"
            if round(float(percent.replace(",", ".")) * base / 100) != row["members_participating"]:
                problems.append(f"{name}: {percent}% of {base} is not {row['members_participating']}")
            if f"{percent}%" not in flat or not written(base, flat):
                problems.append(f"{name}: percent {percent} or base {base} not in the text")
            if base != row["members_total"] and not re.search(near, flat):
                problems.append(f"{name}: percent and base are not written together")
    if row["qualifier"] != "exact":
        value = row["members_participating"]
        if not re.search(rf"(?:{QUALIFIER_WORDS[row['qualifier']]}) (?:{alternation(value)})(?!\d)", flat):
            problems.append(f"{name}: qualifier {row['qualifier']} not written before {value}")
    elif re.search(rf"(?:trên|hơn|gần|khoảng|xấp xỉ|ít nhất) (?:{alternation(row['members_participating'] or -1)})"
                   r"(?!\d)", flat):
        problems.append(f"{name}: exact participating written with a qualifier")
    if row["members_participating"] is not None and row["members_total"] is not None:
        if row["members_participating"] > row["members_total"] - (row["members_exempt"] or 0):
            problems.append(f"{name}: more participants than members required")
    if row["cells_held"] is not None and row["cells_expected"] is not None and row["cells_held"] > row["cells_expected"]:
        problems.append(f"{name}: more cells held than expected")


def check_percentages(name, flat):
    pairs = re.findall(r"(?<![\d/.])(\d[\d.]*)/(\d[\d.]*)(?![\d/])[^;:%]{0,80}?(\d+,\d)%", flat)
    pairs += re.findall(r"(?<![\d.])(\d[\d.]*) (?:trên|trong) tổng số (\d[\d.]*)[^;:%]{0,80}?(\d+,\d)%", flat)
    for part, whole, percent in pairs:
        exact = number(part) * 100 / number(whole)
        if abs(exact - float(percent.replace(",", "."))) > 0.051:
            problems.append(f"{name}: {part}/{whole} is {exact:.2f}%, text says {percent}%")


def check_tables(name, record):
    for item in record["body"]:
        if not isinstance(item, list) or item[0][-1] != "Tỷ lệ (%)":
            continue
        header, body = item[0], item[1:]
        col = {h: i for i, h in enumerate(header)}
        rows = [r for r in body if r[1] != "Cộng"]
        total = next(r for r in body if r[1] == "Cộng")
        for h in header[2:-1]:
            if sum(number(r[col[h]]) for r in rows) != number(total[col[h]]):
                problems.append(f"{name}: column {h} does not add up")
        for r in body:
            members, exempt, part = (number(r[col[h]]) for h in header[4:7])
            if abs(part * 100 / (members - exempt) - float(r[-1].replace(",", "."))) > 0.051:
                problems.append(f"{name}: row {r[1]} percent wrong")


def check_plan(name, answer, record, text, flat):
    p = answer["plan"]
    if p["number"] not in text:
        problems.append(f"{name}: plan number not in the text")
    if p["based_on"] and p["based_on"] not in text:
        problems.append(f"{name}: based_on not in the text")
    if p["issuer"].upper() not in text.upper():
        problems.append(f"{name}: issuer not in the text")
    d = dt.date.fromisoformat(p["date"])
    if not any(f"ngày {d.day:02d} tháng {m} năm {d.year}" in text for m in {f"{d.month:02d}", str(d.month)}):
        problems.append(f"{name}: plan date not written in the letterhead")
    source_periods = record["expected"]["plan"]["periods"]
    for period, source in zip(p["periods"], source_periods):
        start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
        for day in (start, end):
            if not any(f in flat for f in dmy_forms(day)):
                problems.append(f"{name}: {period['label']} date {day} not in the text")
        phrase = source["_phrase"]
        if phrase.lower() not in flat.lower():
            problems.append(f"{name}: deadline phrase '{phrase}' not in the text")
        if deadline_of(phrase, end).isoformat() != period["deadline"] or not start <= end < \
                dt.date.fromisoformat(period["deadline"]):
            problems.append(f"{name}: {period['label']} deadline inconsistent")
        if period["anniversary"]:
            day, month = (int(x) for x in period["anniversary"].split("-"))
            lo, hi = OCCASIONS[f"{day}-{month}"]
            if not (start.month >= lo[0] - 1 and end <= dt.date(end.year, *hi)):
                problems.append(f"{name}: {period['label']} window outside its occasion")
        for topic in period["topics"]:
            if not re.search(TOPIC_CUES[topic], flat):
                problems.append(f"{name}: plan topic {topic} has no cue")


def main():
    units, _ = _tree(random.Random(20250701))
    valid = {r[0]: (dt.datetime.strptime(r[4], "%d/%m/%Y").date(),
                    dt.datetime.strptime(r[5], "%d/%m/%Y").date() if r[5] else dt.date(9999, 1, 1)) for r in units}
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    by_file = {name: record for record in DOCS for name in record["files"].values()}
    if set(expected) != set(by_file):
        problems.append("expected.json and sources.py name different files")
    kinds, encodings = Counter(), Counter()
    for name, answer in expected.items():
        record = by_file[name]
        kind = next(k for k, n in record["files"].items() if n == name)
        kinds[kind] += 1
        want = public(record["expected"])
        if {k: v for k, v in answer.items() if k != "shape"} != {k: v for k, v in want.items() if k != "shape"}:
            problems.append(f"{name}: expected.json differs from sources.py (run make_corpus.py)")
        text = file_text(name)
        if kind == "scan":
            if text.strip():
                problems.append(f"{name}: a scan with a text layer")
            text = "\n".join(record["letterhead"]) + "\n" + plain_text(record)
        elif not text.strip():
            problems.append(f"{name}: no text")
        if kind == "txt":
            raw = (HERE / name).read_bytes()
            encodings["utf-16"] += raw.startswith(b"\xff\xfe")
            encodings["crlf"] += b"\r\n" in raw and not raw.startswith(b"\xff\xfe")
            encodings["utf-8"] += not raw.startswith((b"\xff\xfe", b"\xef\xbb\xbf")) and b"\r\n" not in raw
        flat = re.sub(r"\s+", " ", text)
        for row in answer["rows"]:
            check_report_row(name, record, row, flat, valid)
        units_here = {r["unit"] for r in answer["rows"]}
        for unit in units_here:
            if any(u.startswith(unit + "-") for u in units_here):
                problems.append(f"{name}: both {unit} and its sub-units are rows")
        if len({(r["unit"], r["period"]) for r in answer["rows"]}) != len(answer["rows"]):
            problems.append(f"{name}: two rows for one (unit, occasion)")
        for missing in answer["unmatched"]:
            if missing not in text:
                problems.append(f"{name}: unmatched name '{missing}' not in the text")
            if missing in {r[1] for r in units}:
                problems.append(f"{name}: '{missing}' is in the catalogue")
        check_percentages(name, flat)
        check_tables(name, record)
        if answer["kind"] == "plan":
            check_plan(name, answer, record, text, flat)
        if answer["kind"] == "none" and answer["rows"]:
            problems.append(f"{name}: rows in a document without figures")
        print(f"ok? {name:50s} {kind:4s} rows={len(answer['rows'])} kind={answer['kind']}")
    pages = {n: int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(HERE / n)], capture_output=True,
                                                                  text=True).stdout)[1])
             for n in expected if n.endswith(".pdf")}
    scans = [n for n in expected if by_file[n]["files"].get("scan") == n]
    if [pages[n] for n in scans] != [1]:
        problems.append("not exactly one one-page scan")
    size = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file())
    distinct = len({by_file[n]["key"] for n in expected})
    print(f"\nfiles by kind: {dict(kinds)}; text files: {dict(encodings)}; {distinct} distinct documents; "
          f"{size / 1e6:.2f} MB; pages: {pages}")
    if kinds["docx"] < 6 or kinds["pdf"] < 3 or kinds["scan"] != 1 or kinds["txt"] < 3 or distinct < 14 \
            or min(encodings[k] for k in ("utf-8", "utf-16", "crlf")) < 1 or size > 3e6:
        problems.append("the corpus misses a promised count or is too big")
    print("\n".join(problems) if problems else "ALL CHECKS PASSED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
