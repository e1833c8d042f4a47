"""`python -m etl`: the door to the command line, which lives in the cli package. Only this entry file looks up to
cli; no module of etl imports cli or analytics (tests/test_cli_imports.py)."""
import sys

from cli import main, run

__all__ = ["main"]   # tests and scripts call main(argv) without the terminal wrapping of run()

if __name__ == "__main__":
    sys.exit(run())
