"""Self-check of the corpus: every non-derived expected number is written in its file's text (3550, 3.550 or
3 550), derived numbers follow from the text, percentages agree with their fractions, units exist on the
occasion's dates, and the folder has the promised shapes. Scans are checked against the text they were made from
(no OCR). Run: `.venv/bin/python tests/corpus/check_corpus.py`."""
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
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

from docx import Document  # noqa: E402

from etl.demo import _tree  # noqa: E402
from make_corpus import plain_text  # noqa: E402
from sources import DOCS  # noqa: E402

FIELDS = ["cells_expected", "cells_held", "members_total", "members_exempt", "members_participating"]
OCCASIONS = {"3-2": ((1, 5), (2, 28)), "19-5": ((4, 15), (5, 31)), "2-9": ((8, 1), (9, 30)), "7-11": ((10, 15), (11, 30))}
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
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258")
    return unicodedata.normalize("NFC", text)


def forms(value):
    text = str(value)
    if value < 1000:
        return [text]
    return [text, f"{value:,}".replace(",", "."), f"{value:,}".replace(",", " ")]


def written(value, text):
    flat = re.sub(r"\s+", " ", text)
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", flat) for f in forms(value))


def number(text):
    return int(text.replace(".", "").replace(" ", ""))


def main():
    units, _ = _tree(random.Random(20250701))
    valid = {r[0]: (dt.datetime.strptime(r[4], "%d/%m/%Y").date(),
                    dt.datetime.strptime(r[5], "%d/%m/%Y").date() if r[5] else dt.date(9999, 1, 1)) for r in units}
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    by_file = {name: record for record in DOCS for name in record["files"].values()}
    kinds = Counter()
    for name, answer in expected.items():
        record = by_file[name]
        kind = next(k for k, n in record["files"].items() if n == name)
        kinds[kind] += 1
        text = file_text(name)
        if kind == "scan":
            if text.strip():
                problems.append(f"{name}: a scan with a text layer")
            text = plain_text(record) + "\n".join(" | ".join(r) for item in record["body"] if isinstance(item, list)
                                                 for r in item)
        elif not text.strip():
            problems.append(f"{name}: no text")
        flat = re.sub(r"\s+", " ", text)
        for row in answer["rows"]:
            year, occasion = row["period"].split("-", 1)
            start, end = (dt.date(int(year), *d) for d in OCCASIONS[occasion])
            lo, hi = valid.get(row["unit"], (None, None))
            if lo is None or not (lo <= start and end <= hi):
                problems.append(f"{name}: unit {row['unit']} not valid in {row['period']}")
            for field in FIELDS:
                value = row[field]
                if value is None or field in row["derived"]:
                    continue
                if not written(value, text):
                    problems.append(f"{name}: {row['unit']} {field}={value} not in the text")
            if "members_exempt" in row["derived"]:
                required = row["members_total"] - row["members_exempt"]
                said = "|".join(re.escape(f) for f in forms(required))
                if not re.search(rf"(?<![\d.])(?:{said}) đảng viên phải sinh hoạt|phải sinh hoạt: (?:{said})", flat):
                    problems.append(f"{name}: derived exempt without '{required} đảng viên phải sinh hoạt'")
                if not written(required, text) or not written(row["members_total"], text):
                    problems.append(f"{name}: derived exempt, total or required not written")
            if "members_participating" in row["derived"]:
                found = re.search(r"(\d+,\d)% trên tổng số ([\d.]+) đảng viên", flat)
                if not found or round(float(found[1].replace(",", ".")) / 100 * number(found[2])) != \
                        row["members_participating"]:
                    problems.append(f"{name}: derived participating does not follow from the text")
            qualifiers = {"at_least": r"(?:trên|hơn) [\d.]+ (?:cán bộ|đảng viên)", "almost": r"gần [\d.]+ ",
                          "about": r"khoảng [\d. ]+ đảng viên"}
            if row["qualifier"] != "exact" and not re.search(qualifiers[row["qualifier"]], flat):
                problems.append(f"{name}: qualifier {row['qualifier']} not in the text")
        for part, whole, percent in re.findall(r"(?<![\d/.])(\d[\d.]*)/(\d[\d.]*)(?![\d/])[^;:%]{0,80}?(\d+,\d)%", flat):
            exact = number(part) * 100 / number(whole)
            if abs(exact - float(percent.replace(",", "."))) > 0.051:
                problems.append(f"{name}: {part}/{whole} is {exact:.2f}%, text says {percent}%")
        if answer["kind"] == "plan" and answer["plan"]["number"] not in text:
            problems.append(f"{name}: plan number not in the text")
        print(f"ok? {name:55s} rows={len(answer['rows'])} kind={answer['kind']}")
    pages = {n: subprocess.run(["pdfinfo", str(HERE / n)], capture_output=True, text=True).stdout for n in expected
             if n.endswith(".pdf")}
    count = {n: int(re.search(r"Pages:\s+(\d+)", p)[1]) for n, p in pages.items()}
    if count["bao_cao_dai_10_trang.pdf"] not in range(9, 12):
        problems.append("the long report is not about 10 pages")
    if 2 not in [count[n] for n in expected if by_file[n]["files"].get("scan") == n]:
        problems.append("no scan with exactly 2 pages")
    size = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    distinct = len({by_file[n]["key"] for n in expected})
    print(f"\nfiles by kind: {dict(kinds)}; {len(expected)} files, {distinct} distinct texts, "
          f"{size / 1e6:.2f} MB; pages: {count}")
    if kinds["docx"] < 12 or kinds["pdf"] < 6 or kinds["scan"] < 3 or kinds["txt"] < 5 or len(expected) < 30 \
            or distinct < 25 or size > 6e6:
        problems.append("the corpus misses a promised count or is too big")
    print("\n".join(problems) if problems else "ALL CHECKS PASSED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
