"""Benchmarks, run from the project root as modules (`python -m bench.load_reports`; `make bench` runs them all).

They reuse the tests' helpers (the test accounts, the browser's login and waits), so the tests folder is put on
the import path here, once, before any benchmark imports them."""
import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parent.parent / "tests")
if TESTS not in sys.path:
    sys.path.append(TESTS)
