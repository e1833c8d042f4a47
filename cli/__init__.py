"""The command line, `python -m etl`: the parser and one small handler per command, each over one library call.

Every module here imports only what its commands need when the parser is built; the chart and report libraries
are imported inside the handlers that use them, so `load` and `account` start fast."""
import argparse
import sys

from cli import accounts, extract, load, report, stats
from common.db import DatabaseBusy
from common.text import printable
from etl.scratch import clean_leftovers

COMMANDS = (load.add_init, load.add_load, extract.add_extract, load.add_template, stats.add_stats, load.add_rollback, load.add_uploads,
            report.add_export, accounts.add_account_command, report.add_settings)   # in the order --help lists them


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m etl", description="Nạp báo cáo sinh hoạt chính trị vào DuckDB.")
    commands = top.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


class _Printable:
    """A terminal stream that drops control codes from what it echoes: a cell or file name holding an escape
    sequence can neither clear the screen nor draw a fake message."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def run() -> int:
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)
    clean_leftovers()
    try:
        return main()
    except DatabaseBusy as busy:
        print(str(busy), file=sys.stderr)
        return 1
