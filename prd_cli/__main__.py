"""`python -m prd_cli` runs the command line (through entry, so Ctrl-C never shows a traceback)."""

from .entry import main

main()
