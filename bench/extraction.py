"""How well and how fast narrative documents become proposed rows, in one run:

1. per-field precision and recall, rows proposed that no one typed, rows missed, and rows proposed from documents
   without figures, on the corpus the reader was built against (tests/corpus) and, when present, on the held-out
   corpus it never saw while being written (tests/corpus_unseen);
2. the 10-page text PDF read and proposed (limit 1 s), beside poppler's pdftotext alone on the same file;
3. the 2-page scan read by OCR and proposed (limit 20 s).

The catalogue is the demo province, generated once into bench/.cache/."""
import statistics
import subprocess
import sys
import time
from pathlib import Path

from extraction_score import CORPUS, Score, expected, extract_corpus

from common.formats import format_decimal
from etl.demo import load_demo
from etl.documents import read_document
from etl.extract import propose
from etl.mentions import Catalogue

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "demo.duckdb"
LONG = CORPUS / "bao_cao_dai_10_trang.pdf"
SCAN = CORPUS / "ban_quet_huyen_thanh_khe_19_5_2025.pdf"
RUNS = 5


def _share(value: float | None) -> str:
    return "–" if value is None else format_decimal(100 * value, 1) + " %"


def quality(folder: Path, catalogue_db: str) -> None:
    wanted, got = expected(folder), extract_corpus(catalogue_db, folder)
    score = Score()
    for name in sorted(wanted):
        score.add(name, wanted[name], got[name])
    print(f"\n{folder.relative_to(ROOT)}: {score.files} văn bản, {score.rows} dòng cần có; đúng hết "
          f"{score.files_exact}/{score.files} văn bản")
    print(f"  {'trường':24} {'precision':>10} {'recall':>10}")
    for field, precision, recall in score.table():
        print(f"  {field:24} {_share(precision):>10} {_share(recall):>10}")
    print(f"  dòng đề xuất thừa: {score.false_rows}; dòng bỏ sót: {score.missed_rows}; dòng đề xuất từ văn bản "
          f"không có số liệu: {score.false_rows_in_documents_without_figures}")
    if score.wrong:
        print("  chưa đúng hết: " + ", ".join(score.wrong))


def _median(run, times: int = RUNS) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent)


def main() -> int:
    if not CACHE.exists():
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        load_demo(str(CACHE))
    catalogue = Catalogue.load(str(CACHE))
    quality(CORPUS, str(CACHE))
    unseen = ROOT / "tests" / "corpus_unseen"
    if (unseen / "expected.json").exists():
        quality(unseen, str(CACHE))
    pages = subprocess.run(["pdfinfo", str(LONG)], capture_output=True, text=True).stdout
    layout = _median(lambda: subprocess.run(["pdftotext", "-layout", str(LONG), "-"], capture_output=True,
                                            check=True))
    proposed = _median(lambda: propose(read_document(LONG), catalogue))
    print(f"\n{LONG.name} ({pages.split('Pages:')[1].split()[0]} trang), trung vị {RUNS} lần:")
    print(f"  chỉ pdftotext: {format_decimal(layout, 3)} s; đọc và đề xuất: {format_decimal(proposed, 3)} s "
          f"(gấp {format_decimal(proposed / layout, 1)} lần; giới hạn 1 s: {'đạt' if proposed <= 1 else 'KHÔNG ĐẠT'})")
    scanned = _median(lambda: propose(read_document(SCAN), catalogue), 2)
    print(f"{SCAN.name} (ảnh quét 2 trang), trung vị 2 lần: {format_decimal(scanned, 1)} s "
          f"(giới hạn 20 s: {'đạt' if scanned <= 20 else 'KHÔNG ĐẠT'})")
    return 0 if proposed <= 1 and scanned <= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
