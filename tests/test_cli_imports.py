"""The command line loads only what a command uses, and the layers import one way: common ← etl ← analytics."""
import ast
import re
import subprocess
import sys

import pytest

from conftest import PERIODS, REPORT_HEADER, ROOT, TOPICS, UNITS, report, write_csv

# the report's settings (a dataclass the parser reads its options from) are light; the report itself is not
NEVER_FOR_LOADING = ("plotly", "kaleido", "docx", "streamlit", "analytics.report.document", "analytics.report.facts",
                     "analytics.report.figures", "analytics.report.sentences", "analytics.report.writer",
                     "analytics.export", "analytics.charts", "analytics.images")
LAYERS = {  # package -> the packages it may import (etl/__main__.py, the door to cli, aside)
    "common": set(),
    "security": {"common"},
    "etl": {"common", "security"},
    "analytics": {"common", "etl"},
}


def imported(*args) -> set[str]:
    """Every module `python -m etl ARGS` imports, as -X importtime lists them."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "etl", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return {m[1] for m in re.finditer(r"^import time:.*\| +(\S+)$", done.stderr, re.MULTILINE)}


def loaded(modules: set[str], names) -> list[str]:
    return [name for name in names if any(m == name or m.startswith(name + ".") for m in modules)]


@pytest.fixture
def units_file(tmp_path):
    return write_csv(tmp_path / "don_vi.csv", UNITS)


def test_a_load_imports_no_chart_or_report_code(tmp_path, units_file):
    db = tmp_path / "t.duckdb"
    assert loaded(imported("init", "--db", db), NEVER_FOR_LOADING + ("pandas",)) == []
    modules = imported("load", units_file, "--db", db)
    assert "etl.loader" in modules and loaded(modules, NEVER_FOR_LOADING) == []


@pytest.mark.parametrize("args", [("load", "--help"), ("account", "list"), ("stats", "--help")])
def test_the_parser_needs_neither_pandas_nor_the_report(tmp_path, args):
    modules = imported(*args, "--db", tmp_path / "t.duckdb")
    assert loaded(modules, NEVER_FOR_LOADING + ("pandas", "openpyxl")) == []


def test_a_load_imports_no_pandas(tmp_path, units_file):
    """pyarrow imports pandas on its first array: the loader's lookup tables travel as DuckDB list parameters."""
    db = tmp_path / "t.duckdb"
    catalogue = [units_file, write_csv(tmp_path / "dot.csv", PERIODS), write_csv(tmp_path / "chuyen_de.csv", TOPICS)]
    reports = write_csv(tmp_path / "bao_cao.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2", "KL21"),
                                                   report("Huyện ủy Mường Khương", "Dịp 19-5 năm 2022")])
    assert loaded(imported("load", *catalogue, "--db", db), ["pandas", "pyarrow"]) == []
    modules = imported("load", reports, "--db", db)
    assert "etl.reports" in modules and loaded(modules, ["pandas", "pyarrow"]) == []


def _imports(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", LAYERS)
def test_layers_import_one_way(package):
    ours = {"common", "security", "etl", "analytics", "ui", "cli", "pages", "dashboard"}
    wrong = {str(path.relative_to(ROOT)): sorted(_imports(path) & ours - LAYERS[package] - {package})
             for path in sorted((ROOT / package).rglob("*.py")) if path != ROOT / "etl" / "__main__.py"}
    assert {path: names for path, names in wrong.items() if names} == {}
    assert "analytics" not in _imports(ROOT / "etl" / "__main__.py")
