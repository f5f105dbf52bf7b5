"""Entry script of the frozen app (PyInstaller needs a file, not a console_scripts entry)."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # search indexing may start writer processes
    sys.exit(main())
