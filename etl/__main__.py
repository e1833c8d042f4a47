"""`python -m etl`: the command line, which lives in the cli package (etl never imports what is above it)."""
import sys

from cli import main, run

__all__ = ["main"]   # tests and scripts call main(argv) without the terminal wrapping of run()

if __name__ == "__main__":
    sys.exit(run())
