"""`python -m frontlines` runs the command-line interface."""

from frontlines.cli import main

main()
